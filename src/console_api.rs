//! The Developer Console's I/O Management API, for the client secrets of an OAuth Server-to-Server
//! credential: list them (never their values), add one (the only time its value is shown), delete one.

use reqwest::Method;
use serde_json::Value;

use crate::error::{Failure, Kind};
use crate::http::{self, Answer, Http};
use crate::redact::scrub;
use crate::output::{QUOTED, Ui, shortened};
use crate::redact::Secret;
use crate::urls::{ConsoleApi, ConsoleIds};

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

/// Calls for one credential, each with the management token it is given.
pub struct Client<'a> {
    pub api: &'a ConsoleApi,
    pub ids: &'a ConsoleIds,
    pub http: &'a Http,
    /// The x-api-key: the credential's own client id.
    pub client_id: &'a str,
    pub ui: &'a Ui,
}

impl Client<'_> {
    /// The credential's secrets.
    pub fn list(&self, token: &Secret) -> Result<Vec<ClientSecret>, Trouble> {
        let answer = self.request(
            Method::GET,
            &self.api.secrets(self.ids),
            token,
            "list the secrets",
        )?;
        let json = self.json(&answer).map_err(Trouble::Unknown)?;
        json.get("client_secrets")
            .and_then(Value::as_array)
            .ok_or_else(|| Trouble::Unknown(self.unexpected(&answer, "without client_secrets")))?
            .iter()
            .map(|s| {
                client_secret(s).ok_or_else(|| {
                    Trouble::Unknown(self.unexpected(&answer, "with a secret it does not describe"))
                })
            })
            .collect()
    }

    /// Add a secret. Never retried on its own: a lost answer must not make a second secret. An
    /// answer that holds a value is a success even when its uuid is missing or odd: the value
    /// exists nowhere else.
    pub fn add(&self, token: &Secret) -> Result<NewSecret, Trouble> {
        let answer = self.request(
            Method::POST,
            &self.api.secrets(self.ids),
            token,
            "add a secret",
        )?;
        let json = self.json(&answer).map_err(Trouble::Unknown)?;
        match json.get("client_secret").and_then(Value::as_str) {
            Some(value) if !value.is_empty() => Ok(NewSecret {
                secret: client_secret(&json),
                value: Secret::new(value),
            }),
            _ => Err(Trouble::Unknown(
                self.unexpected(&answer, "without the new secret's value"),
            )),
        }
    }

    /// Delete a secret.
    pub fn delete(&self, token: &Secret, uuid: &str) -> Result<(), Trouble> {
        self.request(
            Method::DELETE,
            &self.api.secret(self.ids, uuid),
            token,
            "delete the secret",
        )
        .map(|_| ())
    }

    /// One request with the usual headers; the answer when it is a success.
    fn request(
        &self,
        method: Method,
        url: &str,
        token: &Secret,
        action: &str,
    ) -> Result<Answer, Trouble> {
        let client = self.http.client().map_err(Trouble::Refused)?;
        let bearer = format!("Bearer {}", token.expose());
        // Only reads are repeated on their own; a POST or DELETE only when the server asks.
        let retry = method == Method::GET;
        let (response, started) = http::send(
            self.ui,
            "the Developer Console",
            retry,
            self.http.settings(),
            || {
                client
                    .request(method.clone(), url)
                    .header("Authorization", &bearer)
                    .header("x-api-key", self.client_id)
                    .header("Accept", "application/json")
            },
        )
        .map_err(Trouble::Unknown)?;
        let answer = Answer::read(
            response,
            started,
            self.http.settings(),
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
            403 => Trouble::Refused(Failure::new(Kind::Rejected, message).with_hint(ADD_THE_API)),
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

    fn json(&self, answer: &Answer) -> Result<Value, Failure> {
        answer.object().map_err(|what| {
                Failure::network(format!(
                    "the Developer Console answered HTTP {}{} with a body that is {what} ({})",
                    answer.status.as_u16(),
                    answer.debug,
                    answer.content_type
                ))
                .with_hint("a proxy or captive portal may be answering instead; check ADOBE_CONSOLE_API_URL, HTTPS_PROXY and NO_PROXY")
            })
    }

    fn unexpected(&self, answer: &Answer, what: &str) -> Failure {
        Failure::network(format!(
            "the Developer Console answered HTTP {}{} {what}",
            answer.status.as_u16(),
            answer.debug
        ))
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

/// A number, or a string of one (the Console writes `created_at` as a string of milliseconds).
fn millis(v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A secret as the Console describes it (`uuid`, `created_at`, `expires_at`, `secret_usages`).
fn client_secret(v: &Value) -> Option<ClientSecret> {
    let uuid = v
        .get("uuid")
        .and_then(Value::as_str)
        .filter(|u| is_uuid_shaped(u))?;
    let last_used = v
        .get("secret_usages")
        .and_then(Value::as_array)
        .map(|usages| {
            usages
                .iter()
                .filter_map(|u| {
                    let at = millis(u.get("last_used_at")?)?;
                    let grant = u
                        .get("grant_type")
                        .and_then(Value::as_str)
                        .unwrap_or("unknown");
                    Some((grant.to_string(), at))
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ClientSecret {
        uuid: uuid.to_string(),
        created_ms: v.get("created_at").and_then(millis),
        expires: v
            .get("expires_at")
            .and_then(Value::as_str)
            .unwrap_or("PERMANENT")
            .to_string(),
        last_used,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_are_read_as_the_console_lists_them() {
        let listed = json!({
            "uuid": "6f1f2c0e-8d3a-4b4e-9a55-2d6c7e1b9a01",
            "created_at": "1714578500000",
            "created_at_str": "2024-05-01T15:48:20Z",
            "expires_at": "PERMANENT",
            "expires_at_str": "PERMANENT",
            "secret_usages": [{"last_used_at": 1714580000000u64, "grant_type": "client_credentials"}]
        });
        let secret = client_secret(&listed).expect("a secret");
        assert_eq!(secret.created_ms, Some(1_714_578_500_000));
        assert_eq!(secret.last_use(), Some(1_714_580_000_000));
        let unused = json!({"uuid": "u-2", "created_at": 1, "expires_at": "PERMANENT", "secret_usages": null});
        assert_eq!(client_secret(&unused).map(|s| s.last_use()), Some(None));
        assert_eq!(client_secret(&json!({"uuid": "a b"})), None);
    }
}
