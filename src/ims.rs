//! The IMS token exchange for both credential kinds, and IMS's answers in words people can act on.

use std::time::Duration;

use serde_json::Value;

use crate::clock::now_ms;
use crate::credential::Credentials;
use crate::error::{Failure, Kind};
use crate::http::{self, Answer, Http, Waits, body_start};
use crate::jwt;
use crate::output::{QUOTED, shortened};
use crate::redact::Secret;
use crate::redact::scrub;
use crate::urls::Ims;

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

/// IMS answers are read up to this size; anything larger is not an IMS answer.
pub const MAX_ANSWER: u64 = 1024 * 1024;

/// Ask IMS for a token: the JWT exchange or client_credentials, by the credentials' kind.
pub fn fetch(
    http: &Http,
    creds: &Credentials,
    ims: &Ims,
    jwt_lifetime: Duration,
) -> Result<Token, Failure> {
    let (url, form, unit) = match creds {
        Credentials::Jwt(c) => {
            let assertion = jwt::sign(c, ims, jwt_lifetime)?;
            let form = vec![
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.get()?.expose().to_string()),
                ("jwt_token", assertion.expose().to_string()),
            ];
            (ims.jwt_endpoint(), form, ExpiresIn::Milliseconds)
        }
        Credentials::OAuth(c) => {
            let form = vec![
                ("grant_type", "client_credentials".to_string()),
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.get()?.expose().to_string()),
                ("scope", c.scopes.join(",")),
            ];
            (ims.token_endpoint(), form, ExpiresIn::Seconds)
        }
    };
    log::trace!(
        "form fields: {} (values redacted)",
        form.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
    );
    let sent_at = now_ms();
    let client = http.client()?;
    let (response, started) = http::send("IMS", true, Waits::Answer, http.settings(), || {
        client.post(&url).form(&form)
    })?;
    // What we sent must not come back to the terminal through an error that quotes the answer.
    let sent: Vec<&str> = form
        .iter()
        .filter(|(k, _)| matches!(*k, "client_secret" | "jwt_token"))
        .map(|(_, v)| v.as_str())
        .collect();
    let answer = Answer::read(
        response,
        started,
        http.settings(),
        MAX_ANSWER,
        "IMS's answer",
    )?;
    token(&answer, unit, sent_at, &sent)
}

/// What IMS says of a token (`/ims/validate_token/v1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validity {
    pub valid: bool,
    /// IMS's reason when it is not valid (`revoked`, `expired`, …).
    pub reason: Option<String>,
}

/// Ask IMS whether a token is still valid: `POST /ims/validate_token/v1` with `type=access_token`,
/// `client_id` and `token`, and the `X-IMS-ClientId` header, as aio-lib-ims and imscli ask.
pub fn validate(
    http: &Http,
    ims: &Ims,
    token: &Secret,
    client_id: &str,
) -> Result<Validity, Failure> {
    let form = [
        ("type", "access_token"),
        ("client_id", client_id),
        ("token", token.expose()),
    ];
    let answer = post_form(http, ims.validate_endpoint(), &form, Some(client_id))?;
    let sent = [token.expose()];
    let json = json(&answer, &sent)?;
    ims_error(&answer, &json, &sent)?;
    match json.get("valid").and_then(Value::as_bool) {
        Some(valid) if answer.status.is_success() => Ok(Validity {
            valid,
            reason: json
                .get("reason")
                .and_then(Value::as_str)
                .map(|r| shortened(&scrub(r, &sent), QUOTED)),
        }),
        _ => Err(unexpected(&answer, "without a valid field", &json)),
    }
}

/// Invalidate a token at IMS: `POST /ims/invalidate_token/v2` with `token_type=access_token`, the
/// token, the client's id and secret, and `cascading=all`, as aio-lib-ims does.
pub fn invalidate(
    http: &Http,
    ims: &Ims,
    token: &Secret,
    creds: &Credentials,
) -> Result<(), Failure> {
    let secret = creds.client_secret().get()?;
    let form = [
        ("token_type", "access_token"),
        ("token", token.expose()),
        ("client_id", creds.client_id()),
        ("client_secret", secret.expose()),
        ("cascading", "all"),
    ];
    let answer = post_form(http, ims.invalidate_endpoint(), &form, None)?;
    if answer.status.is_success() {
        return Ok(());
    }
    let sent = [token.expose(), secret.expose()];
    let json = json(&answer, &sent)?;
    ims_error(&answer, &json, &sent)?;
    Err(unexpected(&answer, "to the invalidation", &json))
}

/// A form POST to an IMS endpoint (retried as token requests are), its answer read whole.
fn post_form(
    http: &Http,
    url: String,
    form: &[(&str, &str)],
    client_header: Option<&str>,
) -> Result<Answer, Failure> {
    let client = http.client()?;
    let (response, started) = http::send("IMS", true, Waits::Answer, http.settings(), || {
        let request = client.post(&url).form(form);
        match client_header {
            Some(id) => request.header("X-IMS-ClientId", id),
            None => request,
        }
    })?;
    Answer::read(
        response,
        started,
        http.settings(),
        MAX_ANSWER,
        "IMS's answer",
    )
}

/// The unit of `expires_in`: the JWT exchange counts in milliseconds, client_credentials in seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpiresIn {
    Milliseconds,
    Seconds,
}

impl ExpiresIn {
    fn to_ms(self, value: u64) -> u64 {
        match self {
            ExpiresIn::Milliseconds => value,
            ExpiresIn::Seconds => value.saturating_mul(1000),
        }
    }
}

/// The token, or an error that says what to do. Text quoted from the answer is scrubbed of
/// `secrets` (what we sent) and of anything shaped like a JWT.
fn token(
    answer: &Answer,
    unit: ExpiresIn,
    sent_at: u64,
    secrets: &[&str],
) -> Result<Token, Failure> {
    let json = json(answer, secrets)?;
    ims_error(answer, &json, secrets)?;
    // From here on the body is JSON that may hold a token: name its fields, never quote it.
    if !answer.status.is_success() {
        return Err(unexpected(answer, "with unexpected JSON", &json));
    }
    let access_token = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| unexpected(answer, "without an access_token", &json))?;
    if !access_token.chars().all(is_token_char) {
        return Err(unexpected(
            answer,
            "with an access_token holding characters a token cannot have",
            &json,
        ));
    }
    let expires_in = match json.get("expires_in") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| unexpected(answer, "without a numeric expires_in", &json))?;
    Ok(Token {
        access_token: Secret::remembered(access_token),
        token_type: json
            .get("token_type")
            .and_then(Value::as_str)
            .unwrap_or("bearer")
            .to_string(),
        expires_at_ms: sent_at.saturating_add(unit.to_ms(expires_in)),
    })
}

/// The body as a JSON object, or the error for a body that is not one (a proxy's page).
fn json(answer: &Answer, secrets: &[&str]) -> Result<Value, Failure> {
    answer.object().map_err(|what| {
            Failure::network(format!(
                "IMS answered HTTP {}{} with a body that is {what} ({}): {}",
                answer.status.as_u16(),
                answer.debug,
                answer.content_type,
                body_start(&scrub(&answer.body, secrets))
            ))
            .with_hint("a proxy or captive portal may be answering instead of IMS; check --ims, HTTPS_PROXY and NO_PROXY")
        })
}

/// IMS's `error` and `error_description`, as a failure with a hint for the codes users hit.
fn ims_error(answer: &Answer, json: &Value, secrets: &[&str]) -> Result<(), Failure> {
    let Some(code) = json.get("error").and_then(Value::as_str) else {
        return Ok(());
    };
    let description = json
        .get("error_description")
        .and_then(Value::as_str)
        .unwrap_or("no description");
    // IMS refuses credentials with 400/401/403; a 404 or 5xx with an error body is the wrong
    // URL, a proxy, or an outage: not the credentials' fault.
    let (kind, what) = if matches!(answer.status.as_u16(), 400 | 401 | 403) {
        (Kind::Rejected, "IMS rejected the credentials")
    } else {
        (Kind::Network, "IMS answered with an error")
    };
    let failure = Failure::new(
        kind,
        format!(
            "{what}: {}: {} (HTTP {}{})",
            shortened(&scrub(code, secrets), QUOTED),
            shortened(&scrub(description, secrets), QUOTED),
            answer.status.as_u16(),
            answer.debug
        ),
    );
    let unavailable = matches!(answer.status.as_u16(), 502..=504).then_some(
        "IMS, or a proxy or captive portal in between, is not answering: try again later, and check HTTPS_PROXY/NO_PROXY or the network's sign-in page",
    );
    Err(match hint(code).or(unavailable) {
        Some(h) => failure.with_hint(h),
        None => failure,
    })
}

/// A JSON answer that is not a token, described by its field names only.
fn unexpected(answer: &Answer, what: &str, json: &Value) -> Failure {
    let names: Vec<&str> = json
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let fields = if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    };
    Failure::network(format!(
        "IMS answered HTTP {}{} {what} (fields: {fields})",
        answer.status.as_u16(),
        answer.debug
    ))
}

/// A character an access token may hold (RFC 6750's b64token): nothing that could end a header line.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '+' | '/' | '=')
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

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use reqwest::StatusCode;

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
            millis in any::<bool>(),
        ) {
            let status = StatusCode::from_u16(status).expect("valid status");
            let unit = if millis { ExpiresIn::Milliseconds } else { ExpiresIn::Seconds };
            let answer = Answer {
                status,
                debug: String::new(),
                content_type: "application/json".into(),
                body,
            };
            match token(&answer, unit, 1_000, &["p8e-sent-secret"]) {
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
