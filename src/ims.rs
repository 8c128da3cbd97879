//! The IMS token exchange for both credential kinds, and IMS's answers in words people can act on.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use serde_json::Value;

use crate::config::{Credentials, Ims};
use crate::error::{Failure, Kind};
use crate::jwt;
use crate::net;
use crate::output::Ui;
use crate::secret::Secret;

/// A token IMS issued.
#[derive(Debug, Clone)]
pub struct Token {
    pub access_token: Secret,
    pub token_type: String,
    /// Milliseconds since the epoch.
    pub expires_at_ms: u64,
}

impl Token {
    /// Time left at `now_ms`, zero when expired.
    pub fn remaining(&self, now_ms: u64) -> Duration {
        Duration::from_millis(self.expires_at_ms.saturating_sub(now_ms))
    }
}

pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// Ask IMS for a token: the JWT exchange or client_credentials, by the credentials' kind.
pub fn fetch(
    client: &Client,
    creds: &Credentials,
    ims: &Ims,
    jwt_lifetime: Duration,
    ui: &Ui,
) -> Result<Token, Failure> {
    let (url, form, unit_ms) = match creds {
        Credentials::Jwt(c) => {
            let assertion = jwt::sign(c, ims, jwt_lifetime)?;
            let form = vec![
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.expose().to_string()),
                ("jwt_token", assertion.expose().to_string()),
            ];
            (ims.jwt_endpoint(), form, true)
        }
        Credentials::OAuth(c) => {
            let form = vec![
                ("grant_type", "client_credentials".to_string()),
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.expose().to_string()),
                ("scope", c.scopes.join(",")),
            ];
            (ims.token_endpoint(), form, false)
        }
    };
    ui.log(
        2,
        &format!(
            "form fields: {} (values redacted)",
            form.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
        ),
    );
    let sent_at = now_ms();
    let response = net::send(ui, "IMS", true, || client.post(&url).form(&form))?;
    // What we sent must not come back to the terminal through an error that quotes the answer.
    let sent: Vec<&str> = form
        .iter()
        .filter(|(k, _)| matches!(*k, "client_secret" | "jwt_token"))
        .map(|(_, v)| v.as_str())
        .collect();
    read_token(response, unit_ms, sent_at, &sent)
}

/// Turn IMS's answer into a token or an error that says what to do.
fn read_token(
    response: Response,
    unit_ms: bool,
    sent_at: u64,
    secrets: &[&str],
) -> Result<Token, Failure> {
    let status = response.status();
    let debug = net::debug_id(&response)
        .map(|d| format!(", x-debug-id {d}"))
        .unwrap_or_default();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("no content type")
        .to_string();
    let body = response.text().map_err(|e| {
        Failure::network(format!(
            "IMS's answer was cut off (HTTP {}{debug}): {}",
            status.as_u16(),
            net::describe(&e)
        ))
    })?;
    parse_answer(
        status,
        &debug,
        &content_type,
        &body,
        unit_ms,
        sent_at,
        secrets,
    )
}

/// IMS's answer (status, `, x-debug-id …` or "", content type, body) as a token or an error.
/// Text quoted from the answer is scrubbed of `secrets` and of anything shaped like a JWT.
fn parse_answer(
    status: StatusCode,
    debug: &str,
    content_type: &str,
    body: &str,
    unit_ms: bool,
    sent_at: u64,
    secrets: &[&str],
) -> Result<Token, Failure> {
    let json: Option<Value> = serde_json::from_str(body).ok();
    let Some(json) = json.filter(Value::is_object) else {
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug} with a body that is not JSON ({content_type}): {}",
            status.as_u16(),
            body_start(&scrub(body, secrets))
        ))
        .with_hint("a proxy or captive portal may be answering instead of IMS; check --ims, HTTPS_PROXY and NO_PROXY"));
    };
    if let Some(code) = json.get("error").and_then(Value::as_str) {
        let description = json
            .get("error_description")
            .and_then(Value::as_str)
            .unwrap_or("no description");
        // IMS refuses credentials with 400/401/403; a 404 or 5xx with an error body is the wrong
        // URL, a proxy, or an outage: not the credentials' fault.
        let (kind, what) = if matches!(status.as_u16(), 400 | 401 | 403) {
            (Kind::Rejected, "IMS rejected the credentials")
        } else {
            (Kind::Network, "IMS answered with an error")
        };
        let failure = Failure::new(
            kind,
            format!(
                "{what}: {}: {} (HTTP {}{debug})",
                scrub(code, secrets),
                scrub(description, secrets),
                status.as_u16()
            ),
        );
        return Err(match hint(code) {
            Some(h) => failure.with_hint(h),
            None => failure,
        });
    }
    // From here on the body is JSON that may hold a token: name its fields, never quote it.
    let fields = || {
        let names: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        }
    };
    if !status.is_success() {
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug} with unexpected JSON (fields: {})",
            status.as_u16(),
            fields()
        )));
    }
    let Some(token) = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    else {
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug} without an access_token (fields: {})",
            status.as_u16(),
            fields()
        )));
    };
    let expires_in = match json.get("expires_in") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| {
        Failure::network(format!(
            "IMS answered HTTP {}{debug} without a numeric expires_in",
            status.as_u16()
        ))
    })?;
    // The JWT exchange counts in milliseconds, client_credentials in seconds.
    let lifetime_ms = if unit_ms {
        expires_in
    } else {
        expires_in.saturating_mul(1000)
    };
    Ok(Token {
        access_token: Secret::new(token),
        token_type: json
            .get("token_type")
            .and_then(Value::as_str)
            .unwrap_or("bearer")
            .to_string(),
        expires_at_ms: sent_at.saturating_add(lifetime_ms),
    })
}

/// What to do about the IMS error codes users hit.
pub fn hint(code: &str) -> Option<&'static str> {
    Some(match code {
        "invalid_client" => {
            "the client id or client secret is wrong: copy both again from the Developer Console credential page"
        }
        "invalid_signature" => {
            "the private key does not match the certificate uploaded to the Developer Console: check with adobe-jwt check-env --certificate certificate_pub.crt, or upload the matching certificate"
        }
        "invalid_scope" => {
            "the API is not added to the Developer Console project, or a metascope/scope is misspelt: compare JWT_METASCOPES or IMS_OAUTH_S2S_SCOPES with the Console"
        }
        "invalid_token" => {
            "the JWT assertion was refused: check the machine's clock (the assertion expires after --jwt-lifetime), the technical account id and the org id"
        }
        "unsupported_grant_type" => "the credential is not an OAuth Server-to-Server credential",
        "bad_request" | "invalid_request" => {
            "a required value is empty or malformed: run adobe-jwt check-env"
        }
        _ => return None,
    })
}

/// Server text fit to quote: our own secrets and anything shaped like a JWT (`eyJ…`) replaced.
fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(secret, "<redacted>");
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || "-_.+/".contains(c);
    let mut result = String::with_capacity(out.len());
    let mut word = String::new();
    for c in out.chars().chain(std::iter::once(' ')) {
        if token_char(c) {
            word.push(c);
            continue;
        }
        if word.contains("eyJ") {
            result.push_str("<redacted>");
        } else {
            result.push_str(&word);
        }
        word.clear();
        result.push(c);
    }
    result.pop();
    result
}

/// The first 200 characters of a body, on one line, for error messages.
fn body_start(body: &str) -> String {
    let one_line: String = body
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = one_line.trim();
    if trimmed.is_empty() {
        return "(empty body)".into();
    }
    let mut start: String = trimmed.chars().take(200).collect();
    if trimmed.chars().count() > 200 {
        start.push('…');
    }
    start
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    const TOKEN: &str = "eyJ-secret-access-token-value-0123456789";

    fn body() -> impl Strategy<Value = String> {
        let value = prop_oneof![
            Just(serde_json::json!(TOKEN)),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            "\\PC{0,20}".prop_map(|s| serde_json::json!(s)),
            Just(serde_json::json!(
                "echoed: p8e-sent-secret and jwt_token=eyJhbGciOi.eyJzdWIi.c2ln"
            )),
            Just(serde_json::Value::Null),
        ];
        let field = prop_oneof![
            Just("access_token"),
            Just("expires_in"),
            Just("token_type"),
            Just("error"),
            Just("error_description"),
            Just("other"),
        ];
        prop_oneof![
            prop::collection::btree_map(field, value, 0..6)
                .prop_map(|m| serde_json::to_string(&m).expect("json")),
            "\\PC{0,200}",
            Just("<html><body>proxy</body></html>".to_string()),
            Just(format!(
                "<html>echo client_secret=p8e-sent-secret&token={TOKEN}</html>"
            )),
        ]
    }

    proptest! {
        #[test]
        fn any_answer_is_a_token_or_an_error_that_never_quotes_the_token(
            status in 100u16..600,
            body in body(),
            unit_ms in any::<bool>(),
        ) {
            let status = StatusCode::from_u16(status).expect("valid status");
            match parse_answer(status, "", "application/json", &body, unit_ms, 1_000, &["p8e-sent-secret"]) {
                Ok(token) => {
                    prop_assert!(status.is_success());
                    prop_assert!(!token.access_token.is_empty());
                }
                Err(f) => {
                    prop_assert!(!f.message.contains(TOKEN));
                    prop_assert!(!f.message.contains("p8e-sent-secret"));
                    let rejected = matches!(status.as_u16(), 400 | 401 | 403);
                    prop_assert!(f.kind == Kind::Network || (f.kind == Kind::Rejected && rejected));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_sent_secrets_and_jwts_only() {
        let text = "bad jwt_token=eyJhbGc.eyJzdWI.sig for secret p8e-abc, code 400.";
        assert_eq!(
            scrub(text, &["p8e-abc"]),
            "bad jwt_token=<redacted> for secret <redacted>, code 400."
        );
        assert_eq!(scrub("plain text", &[]), "plain text");
    }
}
