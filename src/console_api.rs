//! The Developer Console's I/O Management API, for the client secrets of an OAuth Server-to-Server
//! credential, in one place: the API's address and the credential's ids, the answers as typed
//! structs, and a [`Console`] that lists secrets (never their values), adds one (the only time its
//! value is shown) and deletes one, with a management token it renews once when the Console refuses
//! a cached one.

use std::cell::RefCell;

use reqwest::{Method, Url};
use serde::Deserialize;
use serde_json::Value;

use crate::config::Loaded;
use crate::credential::{OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID};
use crate::error::{Failure, Kind};
use crate::http::{self, Answer, Http};
use crate::output::{QUOTED, shortened};
use crate::redact::{Secret, scrub};
use crate::urls;

/// The scopes of the management token: the I/O Management API's. IMS refuses them
/// (`invalid_scope`) when the project lacks that API.
pub const MANAGEMENT_SCOPES: [&str; 8] = [
    "AdobeID",
    "openid",
    "read_organizations",
    "additional_info.projectedProductContext",
    "additional_info.roles",
    "adobeio_api",
    "read_client_secret",
    "manage_client_secrets",
];

/// What to do when IMS or the Console refuses the management token.
pub const ADD_THE_API: &str = "add the I/O Management API to the project in the Developer Console (Add to Project > API > I/O Management API), then run the command again";

/// The Console's answers are small; anything larger is not one.
const MAX_ANSWER: u64 = 1024 * 1024;

/// One client secret as the Console lists it: never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSecret {
    pub uuid: String,
    /// Milliseconds since the epoch.
    pub created_ms: Option<u64>,
    /// `PERMANENT`, or when it expires.
    pub expires: String,
    /// The last use, per grant type: (grant type, milliseconds since the epoch).
    pub last_used: Vec<(String, u64)>,
}

impl ClientSecret {
    /// The most recent use, of any grant type.
    pub fn last_use(&self) -> Option<u64> {
        self.last_used.iter().map(|(_, at)| *at).max()
    }
}

/// A secret as the Console describes it, in a list and in the answer to an add.
#[derive(Debug, Deserialize)]
struct Described {
    #[serde(default)]
    uuid: Option<String>,
    #[serde(default, deserialize_with = "millis")]
    created_at: Option<u64>,
    #[serde(default, deserialize_with = "text")]
    expires_at: Option<String>,
    #[serde(default)]
    secret_usages: Option<Vec<Usage>>,
}

#[derive(Debug, Deserialize)]
struct Usage {
    #[serde(default, deserialize_with = "millis")]
    last_used_at: Option<u64>,
    #[serde(default, deserialize_with = "text")]
    grant_type: Option<String>,
}

/// `GET …/secrets`.
#[derive(Debug, Deserialize)]
struct Listed {
    client_secrets: Vec<Described>,
}

/// `POST …/secrets`: the new secret, and its value.
#[derive(Debug, Deserialize)]
struct Added {
    #[serde(flatten)]
    secret: Described,
    #[serde(default, deserialize_with = "text")]
    client_secret: Option<String>,
}

/// A number, or a string of one (the Console writes `created_at` as a string of milliseconds);
/// anything else is no time.
fn millis<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A string; anything else is none.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        Some(Value::String(s)) => Some(s),
        _ => None,
    })
}

impl Described {
    /// The secret, when its uuid has a uuid's shape.
    fn secret(self) -> Option<ClientSecret> {
        let uuid = self.uuid.filter(|u| is_uuid_shaped(u))?;
        Some(ClientSecret {
            uuid,
            created_ms: self.created_at,
            expires: self.expires_at.unwrap_or_else(|| "PERMANENT".into()),
            last_used: self
                .secret_usages
                .unwrap_or_default()
                .into_iter()
                .filter_map(|u| {
                    Some((
                        u.grant_type.unwrap_or_else(|| "unknown".into()),
                        u.last_used_at?,
                    ))
                })
                .collect(),
        })
    }
}

/// What is known about which secret the credentials use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InUse {
    /// Recorded beside the secret: the uuid (as the Console lists it), and where it is recorded.
    Recorded(String, String),
    /// The credential has one secret: it can only be that one.
    Only(String),
    /// Not recorded (or stale), and the credential has several.
    Unknown,
}

impl InUse {
    /// From the uuid recorded beside the secret (and where), and the secrets the Console lists;
    /// with the recorded uuid when it names none of them (stale).
    pub fn of(
        recorded: Option<(String, String)>,
        secrets: &[ClientSecret],
    ) -> (Self, Option<(String, String)>) {
        let mut stale = None;
        if let Some((uuid, place)) = recorded {
            match secrets.iter().find(|s| s.uuid.eq_ignore_ascii_case(&uuid)) {
                Some(s) => return (InUse::Recorded(s.uuid.clone(), place), None),
                None => stale = Some((uuid, place)),
            }
        }
        let known = match secrets {
            [one] => InUse::Only(one.uuid.clone()),
            _ => InUse::Unknown,
        };
        (known, stale)
    }

    /// Whether `uuid` (in any letter case) is the secret in use.
    pub fn is(&self, uuid: &str) -> bool {
        match self {
            InUse::Recorded(u, _) | InUse::Only(u) => u.eq_ignore_ascii_case(uuid),
            InUse::Unknown => false,
        }
    }
}

/// A secret just added, with the one sight of its value; `secret` is `None` when the answer held the
/// value but no usable uuid (the caller finds the uuid by listing).
#[derive(Debug)]
pub struct NewSecret {
    pub secret: Option<ClientSecret>,
    pub value: Secret,
}

/// Why a call to the Console did not give what was asked.
#[derive(Debug)]
pub enum Trouble {
    /// HTTP 401: the management token was refused (a cached one may only be stale).
    Unauthorized(Failure),
    /// A definite answer that the request was not carried out (another 4xx).
    Refused(Failure),
    /// No answer, a 5xx, or an answer that cannot be read: a write may or may not have happened.
    Unknown(Failure),
}

impl Trouble {
    /// The failure, whatever the trouble.
    pub fn into_failure(self) -> Failure {
        match self {
            Trouble::Unauthorized(f) | Trouble::Refused(f) | Trouble::Unknown(f) => f,
        }
    }
}

/// Where the management token comes from: a session of the credential asked for the I/O Management
/// API's scopes (`session::management`).
pub trait Tokens {
    /// The token, and whether it came from the cache.
    fn token(&self) -> Result<(Secret, bool), Failure>;
    /// A new token, the cached one forgotten.
    fn renew(&self) -> Result<Secret, Failure>;
    /// The HTTP client and deadline the calls use.
    fn http(&self) -> &Http;
}

/// The secrets of one credential, reached with management tokens from `tokens`. A cached token
/// the Console refuses (HTTP 401) is renewed once and the call made again; a fresh one refused
/// means the project lacks the I/O Management API.
pub struct Console<'a> {
    tokens: &'a dyn Tokens,
    api: ConsoleApi,
    pub ids: ConsoleIds,
    /// The x-api-key: the credential's own client id.
    client_id: String,
    /// The token in use and whether it came from the cache, once asked for.
    token: RefCell<Option<(Secret, bool)>>,
}

impl<'a> Console<'a> {
    pub fn new(tokens: &'a dyn Tokens, api: ConsoleApi, ids: ConsoleIds, client_id: &str) -> Self {
        Self {
            tokens,
            api,
            ids,
            client_id: client_id.to_string(),
            token: RefCell::new(None),
        }
    }

    /// The HTTP client and deadline the calls use.
    pub fn http(&self) -> &Http {
        self.tokens.http()
    }

    /// The credential's secrets.
    pub fn list(&self) -> Result<Vec<ClientSecret>, Trouble> {
        self.list_with(self.tokens.http())
    }

    fn list_with(&self, http: &Http) -> Result<Vec<ClientSecret>, Trouble> {
        self.call(|token| {
            let answer = self.request_with(
                http,
                Method::GET,
                &self.api.secrets(&self.ids),
                token,
                "list the secrets",
            )?;
            let listed: Listed = self.parse(&answer)?;
            listed
                .client_secrets
                .into_iter()
                .map(|s| {
                    s.secret().ok_or_else(|| {
                        Trouble::Unknown(
                            self.unexpected(&answer, "with a secret it does not describe"),
                        )
                    })
                })
                .collect()
        })
    }

    /// Add a secret. Never retried on its own: a lost answer must not make a second secret. An
    /// answer that holds a value is a success even when its uuid is missing or odd: the value
    /// exists nowhere else.
    pub fn add(&self) -> Result<NewSecret, Trouble> {
        self.call(|token| {
            let answer = self.request(
                Method::POST,
                &self.api.secrets(&self.ids),
                token,
                "add a secret",
            )?;
            let added: Added = self.parse(&answer)?;
            match added.client_secret.filter(|v| !v.is_empty()) {
                Some(value) => Ok(NewSecret {
                    secret: added.secret.secret(),
                    value: Secret::remembered(value),
                }),
                None => Err(Trouble::Unknown(
                    self.unexpected(&answer, "without the new secret's value"),
                )),
            }
        })
    }

    /// Delete a secret. When the answer is lost, the secrets are listed again: a secret that is
    /// gone was deleted.
    pub fn delete(&self, uuid: &str) -> Result<(), Trouble> {
        self.delete_with(self.tokens.http(), uuid)
    }

    /// Delete a secret the run added and nobody can read, with time of its own (`grace`) past the
    /// run's deadline.
    pub fn undo_add(&self, uuid: &str, grace: std::time::Duration) -> Result<(), Trouble> {
        let settings = http::Settings {
            deadline: http::Deadline::for_undo(grace),
            ..self.tokens.http().settings().clone()
        };
        self.delete_with(&Http::new(settings), uuid)
    }

    fn delete_with(&self, http: &Http, uuid: &str) -> Result<(), Trouble> {
        let deleted = self.call(|token| {
            self.request_with(
                http,
                Method::DELETE,
                &self.api.secret(&self.ids, uuid),
                token,
                "delete the secret",
            )
            .map(drop)
        });
        match deleted {
            Err(Trouble::Unknown(f)) => match self.list_with(http) {
                Ok(now) if !now.iter().any(|s| s.uuid == uuid) => {
                    log::debug!("the answer to the delete was lost; listed again, {uuid} is gone");
                    Ok(())
                }
                _ => Err(Trouble::Unknown(f)),
            },
            other => other,
        }
    }

    /// The management token; a failure to get one means nothing reached the Console.
    fn token(&self) -> Result<(Secret, bool), Trouble> {
        if let Some(t) = self.token.borrow().as_ref() {
            return Ok(t.clone());
        }
        let token = self.tokens.token().map_err(|f| {
            Trouble::Refused(
                if f.kind == Kind::Rejected && f.message.contains("invalid_scope") {
                    f.reworded(|m| {
                        format!("{m}: the credential cannot get the I/O Management API's scopes")
                    })
                    .with_hint(ADD_THE_API)
                } else {
                    f
                },
            )
        })?;
        *self.token.borrow_mut() = Some(token.clone());
        Ok(token)
    }

    fn call<T>(&self, f: impl Fn(&Secret) -> Result<T, Trouble>) -> Result<T, Trouble> {
        let (token, cached) = self.token()?;
        match f(&token) {
            Err(Trouble::Unauthorized(_)) if cached => {
                log::debug!(
                    "the Console refused the cached management token (HTTP 401): getting a new one"
                );
                let fresh = self.tokens.renew().map_err(Trouble::Refused)?;
                *self.token.borrow_mut() = Some((fresh.clone(), false));
                f(&fresh).map_err(|t| match t {
                    Trouble::Unauthorized(f) => Trouble::Refused(f),
                    other => other,
                })
            }
            Err(Trouble::Unauthorized(f)) => Err(Trouble::Refused(f)),
            other => other,
        }
    }

    /// One request with the usual headers; the answer when it is a success.
    fn request(
        &self,
        method: Method,
        url: &str,
        token: &Secret,
        action: &str,
    ) -> Result<Answer, Trouble> {
        self.request_with(self.tokens.http(), method, url, token, action)
    }

    fn request_with(
        &self,
        http: &Http,
        method: Method,
        url: &str,
        token: &Secret,
        action: &str,
    ) -> Result<Answer, Trouble> {
        let client = http.client().map_err(Trouble::Refused)?;
        let bearer = format!("Bearer {}", token.expose());
        // Only reads are repeated on their own; a POST or DELETE only when the server asks.
        let retry = method == Method::GET;
        let (response, started) = http::send(
            "the Developer Console",
            retry,
            http::Waits::Answer,
            http.settings(),
            || {
                client
                    .request(method.clone(), url)
                    .header("Authorization", &bearer)
                    .header("x-api-key", &self.client_id)
                    .header("Accept", "application/json")
            },
        )
        .map_err(Trouble::Unknown)?;
        let answer = Answer::read(
            response,
            started,
            http.settings(),
            MAX_ANSWER,
            "the Developer Console's answer",
        )
        .map_err(Trouble::Unknown)?;
        if answer.status.is_success() {
            return Ok(answer);
        }
        Err(self.refused(&answer, action, token))
    }

    /// The trouble an answer that is not a success means, with the Console's own words, scrubbed.
    fn refused(&self, answer: &Answer, action: &str, token: &Secret) -> Trouble {
        let said = serde_json::from_str::<Value>(&answer.body)
            .ok()
            .and_then(|json| {
                ["message", "error_description", "error"]
                    .iter()
                    .find_map(|k| json.get(*k).and_then(Value::as_str).map(str::to_string))
            })
            .map(|m| format!(": {}", shortened(&scrub(&m, &[token.expose()]), QUOTED)))
            .unwrap_or_default();
        let status = answer.status.as_u16();
        let verb = if status >= 500 { "failed" } else { "refused" };
        let message = format!(
            "the Developer Console {verb} to {action} (HTTP {status}{}){said}",
            answer.debug
        );
        match status {
            401 => Trouble::Unauthorized(Failure::new(Kind::Rejected, message).with_hint(ADD_THE_API)),
            403 => Trouble::Refused(Failure::new(Kind::Rejected, message).with_hint(format!(
                "{ADD_THE_API}; if the project has it, check the Console ids: organization {} and credential {}",
                self.ids.org, self.ids.credential
            ))),
            404 => Trouble::Refused(Failure::new(Kind::Rejected, message).with_hint(format!(
                "check the Console ids: organization {} and credential {} (IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID, or --console with the credential page's address)",
                self.ids.org, self.ids.credential
            ))),
            // Too many requests: not carried out.
            429 => Trouble::Refused(
                Failure::network(message).with_hint("the Console is busy: try again later"),
            ),
            500..=599 => Trouble::Unknown(
                Failure::network(message).with_hint("the Console is busy or unavailable: try again later"),
            ),
            300..=399 => Trouble::Unknown(Failure::network(format!(
                "the Developer Console answered HTTP {status}{}, a redirect, which is not followed for its API",
                answer.debug
            ))
            .with_hint("check ADOBE_CONSOLE_API_URL, HTTPS_PROXY and NO_PROXY")),
            _ => Trouble::Refused(Failure::new(Kind::Rejected, message)),
        }
    }

    /// The answer as the typed struct, or what it is instead.
    fn parse<T: serde::de::DeserializeOwned>(&self, answer: &Answer) -> Result<T, Trouble> {
        let json = answer.object().map_err(|what| {
            Trouble::Unknown(Failure::network(format!(
                "the Developer Console answered HTTP {}{} with a body that is {what} ({})",
                answer.status.as_u16(),
                answer.debug,
                answer.content_type
            ))
            .with_hint("a proxy or captive portal may be answering instead; check ADOBE_CONSOLE_API_URL, HTTPS_PROXY and NO_PROXY"))
        })?;
        serde_json::from_value(json)
            .map_err(|_| Trouble::Unknown(self.unexpected(answer, "in a shape it does not have")))
    }

    fn unexpected(&self, answer: &Answer, what: &str) -> Failure {
        Failure::network(format!(
            "the Developer Console answered HTTP {}{} {what}",
            answer.status.as_u16(),
            answer.debug
        ))
    }
}

pub const CONSOLE_API: &str = "https://api.adobe.io";

/// The Developer Console's API (`ADOBE_CONSOLE_API_URL`, else `https://api.adobe.io`), checked as the
/// IMS URL is: the management token goes there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleApi {
    url: Url,
}

impl ConsoleApi {
    pub fn parse(raw: &str) -> Result<Self, Failure> {
        Ok(Self {
            url: urls::base_url(
                raw,
                "the Console API URL (ADOBE_CONSOLE_API_URL)",
                CONSOLE_API,
            )?,
        })
    }

    /// `https://api.adobe.io`, without a trailing slash.
    pub fn base(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// `{api}/console/organizations/{org}/credentials/{credential}/secrets`.
    pub fn secrets(&self, ids: &ConsoleIds) -> String {
        format!(
            "{}/console/organizations/{}/credentials/{}/secrets",
            self.base(),
            ids.org,
            ids.credential
        )
    }

    /// One secret's address, for deleting it.
    pub fn secret(&self, ids: &ConsoleIds, uuid: &str) -> String {
        format!("{}/{uuid}", self.secrets(ids))
    }
}

/// The Developer Console's numeric ids of a credential: its organization (not the `@AdobeOrg`
/// IMS org) and the credential itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsoleIds {
    pub org: String,
    pub credential: String,
}

impl ConsoleIds {
    /// The ids from `IMS_OAUTH_S2S_CONSOLE_ORG_ID` and `IMS_OAUTH_S2S_CREDENTIAL_ID` (profile
    /// prefix included).
    pub fn from_keys(loaded: &Loaded<'_>) -> Result<Self, Failure> {
        let value = |key: &str| {
            loaded
                .get(key)
                .map(|f| f.value.expose().to_string())
                .filter(|v| !v.trim().is_empty())
        };
        match (value(OAUTH_CONSOLE_ORG_ID), value(OAUTH_CREDENTIAL_ID)) {
            (Some(org), Some(credential)) => Self::new(&org, &credential),
            _ => Err(Failure::usage(format!(
                "the Developer Console ids of the credential are not set: {p}{OAUTH_CONSOLE_ORG_ID} and {p}{OAUTH_CREDENTIAL_ID}",
                p = loaded.prefix
            ))
            .with_hint(
                "they are in the credential page's address, https://developer.adobe.com/console/projects/ORG/PROJECT/credentials/CREDENTIAL/details/oauthservertoserver: \
pass it as --console URL, or run adobe-jwt import PROJECT.json (it writes them)",
            )),
        }
    }

    /// Two ids as the Console writes them: digits only.
    pub fn new(org: &str, credential: &str) -> Result<Self, Failure> {
        let numeric =
            |v: &str| !v.is_empty() && v.len() <= 32 && v.bytes().all(|b| b.is_ascii_digit());
        if !numeric(org.trim()) || !numeric(credential.trim()) {
            return Err(Failure::usage(
                "the Console ids are numbers: the organization's and the credential's, as the credential page's address shows them",
            )
            .with_hint("https://developer.adobe.com/console/projects/ORG/PROJECT/credentials/CREDENTIAL/details/oauthservertoserver"));
        }
        Ok(Self {
            org: org.trim().to_string(),
            credential: credential.trim().to_string(),
        })
    }

    /// The ids in a credential page's address:
    /// `https://developer.adobe.com/console/projects/{org}/{project}/credentials/{credential}/…`.
    pub fn from_page(raw: &str) -> Result<Self, Failure> {
        let wrong = || {
            Failure::usage(
                "--console takes the address of the credential's page in the Developer Console",
            )
            .with_hint("open the project, then the OAuth Server-to-Server credential, and copy the address: https://developer.adobe.com/console/projects/ORG/PROJECT/credentials/CREDENTIAL/details/oauthservertoserver")
        };
        let url = Url::parse(raw.trim()).map_err(|_| wrong())?;
        let adobe = url
            .host_str()
            .is_some_and(|h| h == "adobe.com" || h.ends_with(".adobe.com"));
        if !adobe {
            return Err(wrong());
        }
        let segments: Vec<&str> = url
            .path_segments()
            .map(|s| s.filter(|p| !p.is_empty()).collect())
            .unwrap_or_default();
        let at = segments
            .windows(2)
            .position(|w| w == ["console", "projects"])
            .ok_or_else(wrong)?;
        match &segments[at + 2..] {
            [org, _project, "credentials", credential, ..] => Self::new(org, credential),
            _ => Err(wrong()),
        }
    }
}

/// Whether a value the Console gave as a new client secret has a client secret's shape: 8 to 256
/// characters a token may hold (Adobe's are `p8e-` and 32 more), so that it can go into a .env line
/// and onto stdout as it is.
pub fn is_secret_shaped(value: &str) -> bool {
    (8..=256).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~+/=".contains(c))
}

/// Whether a text has a secret uuid's shape (the Console's, as its list shows them).
pub fn is_uuid_shaped(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_read_as_the_console_lists_them() {
        let parse = |v: Value| {
            serde_json::from_value::<Described>(v)
                .ok()
                .and_then(Described::secret)
        };
        let listed = json!({
            "uuid": "6f1f2c0e-8d3a-4b4e-9a55-2d6c7e1b9a01",
            "created_at": "1714578500000",
            "created_at_str": "2024-05-01T15:48:20Z",
            "expires_at": "PERMANENT",
            "expires_at_str": "PERMANENT",
            "secret_usages": [{"last_used_at": 1714580000000u64, "grant_type": "client_credentials"}]
        });
        let secret = parse(listed).expect("a secret");
        assert_eq!(secret.created_ms, Some(1_714_578_500_000));
        assert_eq!(secret.last_use(), Some(1_714_580_000_000));
        let unused = json!({"uuid": "u-2", "created_at": 1, "expires_at": "PERMANENT", "secret_usages": null});
        assert_eq!(parse(unused).map(|s| s.last_use()), Some(None));
        assert_eq!(parse(json!({"uuid": "a b"})), None);
        let odd = json!({"uuid": "u-3", "created_at": ["x"], "expires_at": 7, "secret_usages": [{"grant_type": 1}]});
        assert_eq!(
            parse(odd),
            Some(ClientSecret {
                uuid: "u-3".into(),
                created_ms: None,
                expires: "PERMANENT".into(),
                last_used: Vec::new()
            })
        );
    }

    #[test]
    fn console_ids_come_from_the_credential_page() {
        let ids = ConsoleIds::from_page(
            "https://developer.adobe.com/console/projects/25591412/4566206088344994961/credentials/487135/details/oauthservertoserver",
        )
        .expect("a credential page");
        assert_eq!(ids, ConsoleIds::new("25591412", "487135").expect("ids"));
        for bad in [
            "https://developer.adobe.com/console/projects/25591412/4566206088344994961/overview",
            "https://evil.example.com/console/projects/1/2/credentials/3/details",
            "https://developer.adobe.com/console/projects/abc/2/credentials/3/details",
            "not a url",
        ] {
            assert!(ConsoleIds::from_page(bad).is_err(), "{bad}");
        }
        let api = ConsoleApi::parse("https://api.adobe.io/").expect("api");
        assert_eq!(
            api.secret(&ids, "u-1"),
            "https://api.adobe.io/console/organizations/25591412/credentials/487135/secrets/u-1"
        );
        assert!(ConsoleApi::parse("http://api.example.com").is_err());
    }
}
