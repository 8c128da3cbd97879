//! The Service Account assertion: claims as @adobe/jwt-auth builds them, signed RS256.

use std::time::Duration;

use jsonwebtoken::{Algorithm, Header};
use serde_json::{Map, Value, json};

use crate::credential::JwtCredentials;
use crate::error::Failure;
use crate::redact::Secret;
use crate::urls::Ims;

/// The assertion's lifetime when no `--jwt-lifetime` applies (`call`, `check-env --online`),
/// as @adobe/jwt-auth uses.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);

/// IMS refuses assertions that expire further out than this.
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// The claims: integer `exp`/`iat`, `iss` org, `sub` technical account, `aud` `{ims}/c/{client}`,
/// and one `true` claim per metascope.
pub fn claims(
    creds: &JwtCredentials,
    ims: &Ims,
    now: u64,
    lifetime: Duration,
) -> Map<String, Value> {
    let mut claims = Map::new();
    claims.insert("exp".into(), json!(now + lifetime.as_secs()));
    claims.insert("iat".into(), json!(now));
    claims.insert("iss".into(), json!(creds.org_id));
    claims.insert("sub".into(), json!(creds.technical_account_id));
    claims.insert("aud".into(), json!(ims.audience(&creds.client_id)));
    for scope in &creds.metascopes {
        claims.insert(scope.clone(), Value::Bool(true));
    }
    claims
}

/// Sign an assertion for the credentials.
pub fn sign(creds: &JwtCredentials, ims: &Ims, lifetime: Duration) -> Result<Secret, Failure> {
    if lifetime.is_zero() || lifetime > MAX_LIFETIME {
        return Err(Failure::usage(format!(
            "--jwt-lifetime must be between 1s and 24h (IMS refuses a far-future exp); got {}",
            humantime::format_duration(lifetime)
        )));
    }
    let key = creds.key.get()?.encoding_key();
    let claims = claims(creds, ims, crate::clock::now_secs(), lifetime);
    jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &key)
        .map(Secret::remembered)
        .map_err(|e| Failure::config(format!("signing the JWT assertion failed: {e}")))
}
