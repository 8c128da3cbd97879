//! `inspect`: decode (not verify) an IMS access token.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::Result;
use serde_json::{Map, Value, json};

use crate::cli::InspectArgs;
use crate::clock::now_ms;
use crate::environment::Environment;
use crate::error::{Failure, Kind};
use crate::http::Http;
use crate::ims;
use crate::jwt;
use crate::output::{Ui, escape_controls, rfc3339};
use crate::redact::Secret;
use crate::session;
use crate::settings::{self, Context};

/// A token read from stdin may be this large: IMS's are a few kilobytes.
const MAX_TOKEN: u64 = 1024 * 1024;

pub fn run(args: &InspectArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let token = match args.token.as_deref() {
        Some("-") => {
            if io::stdin().is_terminal() {
                return Err(Failure::usage(
                    "inspect - reads the token from stdin, which is a terminal",
                ));
            }
            let bytes = crate::files::read_stdin("the token", MAX_TOKEN, None)?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::config("the token on stdin is not UTF-8 text"))?;
            Secret::remembered(text.trim())
        }
        Some(t) => Secret::remembered(t.trim()),
        None if args.fetch => {
            let options = settings::options(
                &args.net,
                settings::default_cache_policy(),
                jwt::DEFAULT_LIFETIME,
                env,
            )?;
            Context::new(&args.credentials, env, ui)?
                .session(&options)?
                .get()?
                .token
                .access_token
        }
        None => {
            let cx = Context::new(&args.credentials, env, ui)?;
            session::cached(&cx.loaded()?, &settings::store(env)?, ui)?.access_token
        }
    };
    let decoded = decode(token.expose())?;
    let validity = if args.online {
        Some(online(args, env, &token, &decoded)?)
    } else {
        None
    };
    let mut out = io::stdout().lock();
    crate::output::until_closed((|| {
        if args.json {
            let mut doc = decoded.to_json();
            if let Some((ims, v)) = &validity {
                doc["valid"] = json!(v.valid);
                doc["invalid_reason"] = json!(v.reason.as_deref().filter(|_| !v.valid));
                doc["validated_by"] = json!(ims);
            }
            writeln!(out, "{}", crate::output::json_text(&doc))?;
        } else {
            decoded.print(&mut out)?;
            if let Some((ims, v)) = &validity {
                let verdict = match (&v.valid, &v.reason) {
                    (true, _) => format!("yes, IMS ({ims}) says so"),
                    (false, Some(reason)) => format!("no: {reason} (IMS {ims})"),
                    (false, None) => format!("no (IMS {ims})"),
                };
                writeln!(out, "{:<10} {}", "valid", escape_controls(&verdict))?;
            }
        }
        out.flush()
    })())?;
    match validity {
        Some((_, v)) if !v.valid => Err(Failure::new(
            Kind::Rejected,
            format!(
                "IMS says the token is not valid{}",
                v.reason.map(|r| format!(": {r}")).unwrap_or_default()
            ),
        )
        .with_hint("get a new one: adobe-jwt token --refresh")),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `--online`: ask the IMS of the current settings whether the token is valid, for the client the
/// token names.
fn online(
    args: &InspectArgs,
    env: &Environment,
    token: &Secret,
    decoded: &Decoded,
) -> Result<(String, ims::Validity), Failure> {
    if decoded.assertion {
        return Err(Failure::usage(
            "--online asks IMS about access tokens; this is a JWT assertion, which IMS only exchanges",
        ));
    }
    let client_id = decoded.text("client_id").ok_or_else(|| {
        Failure::config("the token names no client_id, which IMS needs to validate it")
    })?;
    let ims = settings::ims(
        args.credentials.set.ims.as_deref(),
        args.credentials.set.stage,
        env,
    )?;
    let http = Http::new(settings::http(&args.net, env)?);
    let validity = ims::validate(&http, &ims, token, client_id)?;
    Ok((ims.base().to_string(), validity))
}

/// What an IMS access token says about itself.
#[derive(Debug)]
pub struct Decoded {
    pub claims: Map<String, Value>,
    pub created_ms: Option<u64>,
    pub expires_ms: Option<u64>,
    /// A JWT assertion rather than an access token.
    pub assertion: bool,
}

/// Decode a token's payload. The error never quotes the token.
pub fn decode(token: &str) -> Result<Decoded, Failure> {
    let token = token.strip_prefix("Bearer ").unwrap_or(token).trim();
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(Failure::config(format!(
            "this is not an IMS access token: expected three dot-separated parts, found {}",
            parts.len()
        )));
    }
    // Decoded, not verified: jsonwebtoken's own reading of the parts. Padding, which some tools
    // append and base64url leaves out, is dropped first.
    let unpadded = Secret::new(
        parts
            .iter()
            .map(|p| p.trim_end_matches('='))
            .collect::<Vec<_>>()
            .join("."),
    );
    let claims: Map<String, Value> =
        jsonwebtoken::dangerous::insecure_decode_claims(unpadded.expose()).map_err(|e| match e
            .kind()
        {
            jsonwebtoken::errors::ErrorKind::Base64(_) => {
                Failure::config("the token's payload is not base64url")
            }
            _ => Failure::config("the token's payload is not a JSON object"),
        })?;
    // IMS writes times as strings of milliseconds.
    let ms = |k: &str| match claims.get(k) {
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    let assertion = is_assertion(&claims);
    let (created_ms, expires_ms) = if assertion {
        // An assertion counts in seconds, as JWTs do.
        let secs = |k: &str| ms(k).map(|s| s.saturating_mul(1000));
        (secs("iat"), secs("exp"))
    } else {
        let created = ms("created_at");
        (
            created,
            created
                .zip(ms("expires_in"))
                .map(|(c, e)| c.saturating_add(e)),
        )
    };
    Ok(Decoded {
        claims,
        created_ms,
        expires_ms,
        assertion,
    })
}

/// A Service Account assertion (what `token --print-jwt` signs), not an access token: no IMS
/// `type`, and an `aud` of `{ims}/c/{client_id}`.
fn is_assertion(claims: &Map<String, Value>) -> bool {
    !claims.contains_key("type")
        && claims
            .get("aud")
            .and_then(Value::as_str)
            .is_some_and(|aud| aud.contains("/c/"))
}

impl Decoded {
    fn text(&self, key: &str) -> Option<&str> {
        self.claims.get(key).and_then(Value::as_str)
    }

    fn scopes(&self) -> Vec<&str> {
        self.text("scope")
            .map(|s| {
                s.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn seconds_left(&self) -> Option<i64> {
        self.expires_ms.map(|e| {
            let left = (i128::from(e) - i128::from(now_ms())) / 1000;
            i64::try_from(left).unwrap_or(if left < 0 { i64::MIN } else { i64::MAX })
        })
    }

    /// The metascope claims of an assertion (the claims named by URL).
    fn metascopes(&self) -> Vec<&str> {
        self.claims
            .keys()
            .filter(|k| k.contains("://"))
            .map(String::as_str)
            .collect()
    }

    pub fn to_json(&self) -> Value {
        if self.assertion {
            return json!({
                "type": "jwt_assertion",
                "iss": self.text("iss"),
                "sub": self.text("sub"),
                "aud": self.text("aud"),
                "metascopes": self.metascopes(),
                "issued_at": self.created_ms.map(rfc3339),
                "expires_at": self.expires_ms.map(rfc3339),
                "expires_in": self.seconds_left().map(|s| s.max(0)),
                "expired": self.seconds_left().map(|s| s <= 0),
            });
        }
        json!({
            "type": self.text("type"),
            "client_id": self.text("client_id"),
            "user_id": self.text("user_id"),
            "scope": self.scopes(),
            "created_at": self.created_ms.map(rfc3339),
            "expires_at": self.expires_ms.map(rfc3339),
            "expires_in": self.seconds_left().map(|s| s.max(0)),
            "expired": self.seconds_left().map(|s| s <= 0),
            "claims": self.claims,
        })
    }

    fn print(&self, out: &mut impl Write) -> io::Result<()> {
        let show = |v: Option<&str>| v.unwrap_or("-").to_string();
        let left = match self.seconds_left() {
            Some(s) if s > 0 => {
                humantime::format_duration(Duration::from_secs(s as u64)).to_string()
            }
            Some(_) => "expired".into(),
            None => "-".into(),
        };
        if self.assertion {
            let rows = [
                (
                    "type",
                    "JWT assertion: what a Service Account signs and IMS exchanges for an access token (not an access token)".to_string(),
                ),
                ("org (iss)", show(self.text("iss"))),
                ("account", show(self.text("sub"))),
                ("audience", show(self.text("aud"))),
                ("metascopes", self.metascopes().join(", ")),
                ("expires", self.expires_ms.map_or("-".into(), rfc3339)),
                ("time left", left),
            ];
            for (k, v) in rows {
                writeln!(out, "{k:<10} {}", escape_controls(&v))?;
            }
            return Ok(());
        }
        let rows = [
            ("type", show(self.text("type"))),
            ("client_id", show(self.text("client_id"))),
            ("user_id", show(self.text("user_id"))),
            ("scope", self.scopes().join(", ")),
            ("created", self.created_ms.map_or("-".into(), rfc3339)),
            ("expires", self.expires_ms.map_or("-".into(), rfc3339)),
            ("time left", left),
        ];
        for (k, v) in rows {
            writeln!(out, "{k:<10} {}", escape_controls(&v))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_token_text_decodes_or_fails_without_quoting_it(token in "\\PC{0,200}") {
            if let Err(f) = decode(&token) {
                let runs: Vec<char> = token.chars().collect();
                for w in runs.windows(16) {
                    let run: String = w.iter().collect();
                    prop_assert!(run.trim().len() < 16 || !f.message.contains(&run));
                }
            }
        }

        #[test]
        fn payloads_with_any_claims_decode(
            claims in prop::collection::btree_map("[a-z_]{1,10}", "\\PC{0,12}", 0..8),
            created in prop_oneof!["[0-9]{0,14}", any::<u64>().prop_map(|n| n.to_string())],
            expires in prop_oneof!["[0-9a-z]{0,10}", any::<u64>().prop_map(|n| n.to_string())],
        ) {
            let mut claims: serde_json::Map<String, Value> =
                claims.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
            claims.insert("created_at".into(), Value::String(created));
            claims.insert("expires_in".into(), Value::String(expires));
            let payload = URL_SAFE_NO_PAD.encode(Value::Object(claims).to_string());
            let decoded = decode(&format!("eyJhbGciOiJSUzI1NiJ9.{payload}.c2ln")).expect("decodes");
            let _ = decoded.to_json();
            let mut sink = Vec::new();
            decoded.print(&mut sink).expect("prints");
        }
    }
}
