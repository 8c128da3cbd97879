//! The Developer Console's I/O Management API, for the client secrets of an OAuth Server-to-Server
//! credential: list them (never their values), add one (the only time its value is shown), delete one.

use reqwest::Method;
use serde_json::Value;

use crate::error::{Failure, Kind};
use crate::http::{self, Answer, Http, scrub};
use crate::output::Ui;
use crate::secret::Secret;
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

/// A secret just added, with the one sight of its value.
#[derive(Debug)]
pub struct NewSecret {
    pub secret: ClientSecret,
    pub value: Secret,
}

/// Calls for one credential, with a management token.
pub struct Client<'a> {
    pub api: &'a ConsoleApi,
    pub ids: &'a ConsoleIds,
    pub http: &'a Http,
    pub token: &'a Secret,
    /// The x-api-key: the credential's own client id.
    pub client_id: &'a str,
    pub ui: &'a Ui,
}

impl Client<'_> {
    /// The credential's secrets.
    pub fn list(&self) -> Result<Vec<ClientSecret>, Failure> {
        let answer = self.request(Method::GET, &self.api.secrets(self.ids), "list the secrets")?;
        let json = self.json(&answer)?;
        json.get("client_secrets")
            .and_then(Value::as_array)
            .ok_or_else(|| self.unexpected(&answer, "without client_secrets"))?
            .iter()
            .map(|s| {
                client_secret(s)
                    .ok_or_else(|| self.unexpected(&answer, "with a secret it does not describe"))
            })
            .collect()
    }

    /// Add a secret. Never retried on its own: a lost answer must not make a second secret.
    pub fn add(&self) -> Result<NewSecret, Failure> {
        let answer = self.request(Method::POST, &self.api.secrets(self.ids), "add a secret")?;
        let json = self.json(&answer)?;
        let value = json
            .get("client_secret")
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty());
        match (client_secret(&json), value) {
            (Some(secret), Some(value)) => Ok(NewSecret {
                secret,
                value: Secret::new(value),
            }),
            _ => Err(self
                .unexpected(&answer, "without the new secret's uuid and value")
                .with_hint("the Console may have added a secret it did not show: adobe-jwt secret list shows it, and adobe-jwt secret delete UUID removes it")),
        }
    }

    /// Delete a secret.
    pub fn delete(&self, uuid: &str) -> Result<(), Failure> {
        self.request(
            Method::DELETE,
            &self.api.secret(self.ids, uuid),
            "delete the secret",
        )
        .map(|_| ())
    }

    /// One request with the usual headers; the answer when it is a success, else a failure in the
    /// contract's terms (4 refused, 5 unavailable).
    fn request(&self, method: Method, url: &str, action: &str) -> Result<Answer, Failure> {
        let client = self.http.client()?;
        let bearer = format!("Bearer {}", self.token.expose());
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
        )?;
        let answer = Answer::read(
            response,
            started,
            self.http.settings(),
            MAX_ANSWER,
            "the Developer Console's answer",
        )?;
        if answer.status.is_success() {
            return Ok(answer);
        }
        Err(self.refused(&answer, action))
    }

    /// A failure for a refusal, with the Console's own words, scrubbed.
    fn refused(&self, answer: &Answer, action: &str) -> Failure {
        let said = serde_json::from_str::<Value>(&answer.body)
            .ok()
            .and_then(|json| {
                ["message", "error_description", "error"]
                    .iter()
                    .find_map(|k| json.get(*k).and_then(Value::as_str).map(str::to_string))
            })
            .map(|m| format!(": {}", scrub(&m, &[self.token.expose()])))
            .unwrap_or_default();
        let status = answer.status.as_u16();
        let message = format!(
            "the Developer Console refused to {action} (HTTP {status}{}){said}",
            answer.debug
        );
        match status {
            401 | 403 => Failure::new(Kind::Rejected, message).with_hint(ADD_THE_API),
            404 => Failure::new(Kind::Rejected, message).with_hint(format!(
                "check the Console ids: organization {} and credential {} (IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID, or --console with the credential page's address)",
                self.ids.org, self.ids.credential
            )),
            429 | 500..=599 => Failure::network(format!("{message}; nothing was changed"))
                .with_hint("the Console is busy or unavailable: try again later"),
            _ => Failure::new(Kind::Rejected, message),
        }
    }

    fn json(&self, answer: &Answer) -> Result<Value, Failure> {
        serde_json::from_str::<Value>(&answer.body)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| {
                Failure::network(format!(
                    "the Developer Console answered HTTP {}{} with a body that is not a JSON object ({})",
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
    let uuid = v.get("uuid").and_then(Value::as_str).filter(|u| {
        !u.is_empty() && u.len() <= 64 && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })?;
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
