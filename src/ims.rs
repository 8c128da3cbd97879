//! The IMS token exchange for both credential kinds, and IMS's answers in words people can act on.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    read_token(response, unit_ms, sent_at)
}

/// Turn IMS's answer into a token or an error that says what to do.
fn read_token(response: Response, unit_ms: bool, sent_at: u64) -> Result<Token, Failure> {
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
    let json: Option<Value> = serde_json::from_str(&body).ok();
    let Some(json) = json.filter(Value::is_object) else {
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug} with a body that is not JSON ({content_type}): {}",
            status.as_u16(),
            body_start(&body)
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
        let kind = if matches!(status.as_u16(), 400 | 401 | 403) {
            Kind::Rejected
        } else {
            Kind::Network
        };
        let failure = Failure::new(
            kind,
            format!(
                "IMS rejected the credentials: {code}: {description} (HTTP {}{debug})",
                status.as_u16()
            ),
        );
        return Err(match hint(code) {
            Some(h) => failure.with_hint(h),
            None => failure,
        });
    }
    if !status.is_success() {
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug}: {}",
            status.as_u16(),
            body_start(&body)
        )));
    }
    let Some(token) = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
    else {
        let fields: Vec<&str> = json
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        return Err(Failure::network(format!(
            "IMS answered HTTP {}{debug} without an access_token (fields: {})",
            status.as_u16(),
            if fields.is_empty() {
                "none".into()
            } else {
                fields.join(", ")
            }
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
        expires_at_ms: sent_at + lifetime_ms,
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
