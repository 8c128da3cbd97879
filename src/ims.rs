//! The IMS token exchange for both credential kinds, and IMS's answers in words people can act on.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::Response;
use serde_json::Value;

use crate::clock::now_ms;
use crate::config::Credentials;
use crate::error::{Failure, Kind};
use crate::http::{self, BodyReader, Cut, Http};
use crate::jwt;
use crate::output::Ui;
use crate::secret::Secret;
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
    ui: &Ui,
) -> Result<Token, Failure> {
    let (url, form, unit) = match creds {
        Credentials::Jwt(c) => {
            let assertion = jwt::sign(c, ims, jwt_lifetime)?;
            let form = vec![
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.expose().to_string()),
                ("jwt_token", assertion.expose().to_string()),
            ];
            (ims.jwt_endpoint(), form, ExpiresIn::Milliseconds)
        }
        Credentials::OAuth(c) => {
            let form = vec![
                ("grant_type", "client_credentials".to_string()),
                ("client_id", c.client_id.clone()),
                ("client_secret", c.client_secret.expose().to_string()),
                ("scope", c.scopes.join(",")),
            ];
            (ims.token_endpoint(), form, ExpiresIn::Seconds)
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
    let client = http.client()?;
    let (response, started) = http::send(ui, "IMS", true, || client.post(&url).form(&form))?;
    // What we sent must not come back to the terminal through an error that quotes the answer.
    let sent: Vec<&str> = form
        .iter()
        .filter(|(k, _)| matches!(*k, "client_secret" | "jwt_token"))
        .map(|(_, v)| v.as_str())
        .collect();
    Answer::read(response, started, http.timeout())?.token(unit, sent_at, &sent)
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

/// IMS's answer as received.
#[derive(Debug)]
struct Answer {
    status: StatusCode,
    /// `, x-debug-id …`, or empty.
    debug: String,
    content_type: String,
    body: String,
}

impl Answer {
    /// Read the answer: at most [`MAX_ANSWER`] bytes, and by `timeout` after the attempt began.
    fn read(response: Response, started: Instant, timeout: Duration) -> Result<Self, Failure> {
        let status = response.status();
        let debug = http::debug_id(&response)
            .map(|d| format!(", x-debug-id {d}"))
            .unwrap_or_default();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_string();
        let what = format!("IMS's answer (HTTP {}{debug})", status.as_u16());
        let too_large = |size: String| {
            Failure::network(format!(
                "{what} {size} the {MAX_ANSWER} bytes an IMS answer can be; it was not read"
            ))
            .with_hint("a proxy or another server may be answering instead of IMS; check --ims, HTTPS_PROXY and NO_PROXY")
        };
        if let Some(length) = response.content_length().filter(|n| *n > MAX_ANSWER) {
            return Err(too_large(format!("announces {length} bytes, more than")));
        }
        let mut reader = BodyReader::new(
            response,
            timeout,
            Some((started, timeout)),
            Some(MAX_ANSWER),
        );
        let mut bytes = Vec::new();
        loop {
            match reader.next() {
                Ok(Some(piece)) => bytes.extend_from_slice(&piece),
                Ok(None) => break,
                Err(Cut::TooLarge(_)) => return Err(too_large("is larger than".into())),
                Err(cut) => {
                    return Err(Failure::network(format!(
                        "{what} was cut off after {} bytes: {cut}",
                        reader.received
                    )));
                }
            }
        }
        Ok(Self {
            status,
            debug,
            content_type,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// The token, or an error that says what to do. Text quoted from the answer is scrubbed of
    /// `secrets` (what we sent) and of anything shaped like a JWT.
    fn token(&self, unit: ExpiresIn, sent_at: u64, secrets: &[&str]) -> Result<Token, Failure> {
        let json = self.json(secrets)?;
        self.ims_error(&json, secrets)?;
        // From here on the body is JSON that may hold a token: name its fields, never quote it.
        if !self.status.is_success() {
            return Err(self.unexpected("with unexpected JSON", &json));
        }
        let access_token = json
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| self.unexpected("without an access_token", &json))?;
        if !access_token.chars().all(is_token_char) {
            return Err(self.unexpected(
                "with an access_token holding characters a token cannot have",
                &json,
            ));
        }
        let expires_in = match json.get("expires_in") {
            Some(Value::Number(n)) => n.as_u64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.unexpected("without a numeric expires_in", &json))?;
        Ok(Token {
            access_token: Secret::new(access_token),
            token_type: json
                .get("token_type")
                .and_then(Value::as_str)
                .unwrap_or("bearer")
                .to_string(),
            expires_at_ms: sent_at.saturating_add(unit.to_ms(expires_in)),
        })
    }

    /// The body as a JSON object, or the error for a body that is not one (a proxy's page).
    fn json(&self, secrets: &[&str]) -> Result<Value, Failure> {
        serde_json::from_str::<Value>(&self.body)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| {
                Failure::network(format!(
                    "IMS answered HTTP {}{} with a body that is not JSON ({}): {}",
                    self.status.as_u16(),
                    self.debug,
                    self.content_type,
                    body_start(&scrub(&self.body, secrets))
                ))
                .with_hint("a proxy or captive portal may be answering instead of IMS; check --ims, HTTPS_PROXY and NO_PROXY")
            })
    }

    /// IMS's `error` and `error_description`, as a failure with a hint for the codes users hit.
    fn ims_error(&self, json: &Value, secrets: &[&str]) -> Result<(), Failure> {
        let Some(code) = json.get("error").and_then(Value::as_str) else {
            return Ok(());
        };
        let description = json
            .get("error_description")
            .and_then(Value::as_str)
            .unwrap_or("no description");
        // IMS refuses credentials with 400/401/403; a 404 or 5xx with an error body is the wrong
        // URL, a proxy, or an outage: not the credentials' fault.
        let (kind, what) = if matches!(self.status.as_u16(), 400 | 401 | 403) {
            (Kind::Rejected, "IMS rejected the credentials")
        } else {
            (Kind::Network, "IMS answered with an error")
        };
        let failure = Failure::new(
            kind,
            format!(
                "{what}: {}: {} (HTTP {}{})",
                scrub(code, secrets),
                scrub(description, secrets),
                self.status.as_u16(),
                self.debug
            ),
        );
        let unavailable = matches!(self.status.as_u16(), 502..=504).then_some(
            "IMS, or a proxy or captive portal in between, is not answering: try again later, and check HTTPS_PROXY/NO_PROXY or the network's sign-in page",
        );
        Err(match hint(code).or(unavailable) {
            Some(h) => failure.with_hint(h),
            None => failure,
        })
    }

    /// A JSON answer that is not a token, described by its field names only.
    fn unexpected(&self, what: &str, json: &Value) -> Failure {
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
            self.status.as_u16(),
            self.debug
        ))
    }
}

/// A character an access token may hold (RFC 6750's b64token): nothing that could end a header line.
fn is_token_char(c: char) -> bool {
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

/// Server text fit to quote: our own secrets and anything shaped like a JWT (`eyJ…`) replaced.
fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        for spelling in spellings(secret) {
            out = out.replace(&spelling, "<redacted>");
        }
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

/// The ways a sent secret can come back: as sent, form-encoded (`+` for space, upper- and
/// lower-case hex), and percent-encoded with `%20`.
fn spellings(secret: &str) -> Vec<String> {
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let mut all = vec![
        secret.to_string(),
        lower_hex(&form),
        form.replace('+', "%20"),
    ];
    all.push(form);
    all.sort();
    all.dedup();
    all
}

/// `%2B` → `%2b`: the hex digits of percent escapes in lower case.
fn lower_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut in_escape = 0;
    for c in encoded.chars() {
        if c == '%' {
            in_escape = 2;
            out.push(c);
        } else if in_escape > 0 {
            in_escape -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
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
            match answer.token(unit, 1_000, &["p8e-sent-secret"]) {
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
        assert_eq!(
            scrub(
                "echo p8e%2BAdv%2FSecret%3DValue and p8e%2badv",
                &["p8e+Adv/Secret=Value"]
            ),
            "echo <redacted> and p8e%2badv"
        );
        assert_eq!(
            scrub("p8e%2badv%2fsecret%3dvalue", &["p8e+adv/secret=value"]),
            "<redacted>"
        );
    }
}
