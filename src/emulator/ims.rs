//! The IMS endpoints: the JWT exchange and client_credentials, verifying what IMS verifies. What a
//! claim must be is worked out here from the emulator's own URL and configuration, never with the
//! product's claim-building code, so a bug there fails these checks.

use std::sync::Mutex;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, Validation};
use serde_json::{Map, Value, json};
use tiny_http::Request;

use super::Answer;
use super::reply::{error, form, lock};
use super::{JWT_EXPIRES_IN_MS, JwtClient, OAUTH_EXPIRES_IN_S, State};
use crate::clock::{now_ms, now_secs};
use crate::crypto::RsaPublicKey;

/// IMS refuses assertions that expire further out than this (seconds).
const MAX_ASSERTION_LIFETIME: u64 = 24 * 3600;

#[derive(Debug, Clone)]
pub struct Issued {
    pub client_id: String,
    pub expires_at_ms: u64,
    pub scopes: Vec<String>,
}

/// The I/O Management API's scopes, granted to projects that have that API. Written out here, not
/// taken from the product: the emulator is its judge.
const IO_MANAGEMENT_SCOPES: [&str; 8] = [
    "AdobeID",
    "openid",
    "read_organizations",
    "additional_info.projectedProductContext",
    "additional_info.roles",
    "adobeio_api",
    "read_client_secret",
    "manage_client_secrets",
];

pub fn jwt_exchange(request: &Request, body: &[u8], state: &Mutex<State>) -> Answer {
    let fields = match form(request, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    let (client, base) = {
        let s = lock(state);
        let client = s
            .setup
            .jwt
            .iter()
            .find(|c| c.client_id == get("client_id"))
            .cloned();
        (client, s.base.clone())
    };
    let Some(client) = client else {
        return error(400, "invalid_client", "invalid client_id parameter");
    };
    if client.client_secret.expose() != get("client_secret") {
        return error(400, "invalid_client", "invalid client_secret parameter");
    }
    let assertion = get("jwt_token");
    if assertion.is_empty() {
        return error(400, "invalid_request", "missing jwt_token parameter");
    }
    let claims = match verify_assertion(assertion, &client.keys) {
        Ok(c) => c,
        Err(reply) => return reply,
    };
    if let Err(reply) = check_claims(&claims, &client, &base) {
        return reply;
    }
    let scopes: Vec<String> = client
        .metascopes
        .iter()
        .filter_map(|m| m.rsplit("/s/").next().map(str::to_string))
        .collect();
    let token = issue(
        state,
        &client.client_id,
        &client.technical_account_id,
        &scopes,
        JWT_EXPIRES_IN_MS,
    );
    (
        200,
        json!({"token_type": "bearer", "access_token": token, "expires_in": JWT_EXPIRES_IN_MS}),
    )
}

/// Verify the RS256 signature against every binding; the claims when one matches.
fn verify_assertion(assertion: &str, keys: &[RsaPublicKey]) -> Result<Map<String, Value>, Answer> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|_| error(400, "invalid_token", "the JWT is malformed"))?;
    if header.alg != Algorithm::RS256 {
        return Err(error(
            400,
            "invalid_token",
            "the JWT must be signed with RS256",
        ));
    }
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    for key in keys {
        match jsonwebtoken::decode::<Map<String, Value>>(
            assertion,
            &key.decoding_key(),
            &validation,
        ) {
            Ok(data) => return Ok(data.claims),
            Err(e) if matches!(e.kind(), jsonwebtoken::errors::ErrorKind::InvalidSignature) => {
                continue;
            }
            Err(_) => {
                return Err(error(400, "invalid_token", "the JWT payload is malformed"));
            }
        }
    }
    Err(error(
        400,
        "invalid_signature",
        "Could not match JWT signature to any of the bindings",
    ))
}

/// The metascope claims a client may request, as IMS names them: a configured full URL as it is,
/// a bare name as `{ims}/s/{name}` of this emulator's own URL.
fn granted_claims(client: &JwtClient, base: &str) -> Vec<String> {
    client
        .metascopes
        .iter()
        .map(|m| {
            if m.starts_with("https://") || m.starts_with("http://") {
                m.clone()
            } else {
                format!("{base}/s/{m}")
            }
        })
        .collect()
}

fn check_claims(claims: &Map<String, Value>, client: &JwtClient, base: &str) -> Result<(), Answer> {
    let now = now_secs();
    let Some(exp) = claims.get("exp").and_then(Value::as_u64) else {
        return Err(error(
            400,
            "invalid_token",
            "exp must be an integer number of seconds",
        ));
    };
    if exp <= now {
        return Err(error(400, "invalid_token", "JWT token is expired"));
    }
    if exp > now + MAX_ASSERTION_LIFETIME + 60 {
        return Err(error(
            400,
            "invalid_token",
            "exp is more than 24 hours in the future",
        ));
    }
    if claims.get("iat").is_some_and(|v| v.as_u64().is_none()) {
        return Err(error(
            400,
            "invalid_token",
            "iat must be an integer number of seconds",
        ));
    }
    let text = |k: &str| claims.get(k).and_then(Value::as_str).unwrap_or("");
    if text("iss") != client.org_id {
        return Err(error(
            400,
            "invalid_token",
            "iss does not name the credential's organization",
        ));
    }
    if text("sub") != client.technical_account_id {
        return Err(error(
            400,
            "invalid_token",
            "sub does not name the credential's technical account",
        ));
    }
    if text("aud") != format!("{base}/c/{}", client.client_id) {
        return Err(error(
            400,
            "invalid_token",
            "aud must be {ims}/c/{client_id} for this IMS",
        ));
    }
    let granted = granted_claims(client, base);
    let requested: Vec<&String> = claims.keys().filter(|k| k.contains("://")).collect();
    if requested.is_empty() {
        return Err(error(400, "invalid_scope", "no metascope requested"));
    }
    for m in requested {
        if claims.get(m) != Some(&Value::Bool(true)) || !granted.contains(m) {
            return Err(error(
                400,
                "invalid_scope",
                &format!("Invalid metascope: {m}"),
            ));
        }
    }
    Ok(())
}

pub fn client_credentials(request: &Request, body: &[u8], state: &Mutex<State>) -> Answer {
    let fields = match form(request, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    if get("grant_type") != "client_credentials" {
        return error(
            400,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let client = {
        let mut s = lock(state);
        let Some(client) = s
            .setup
            .oauth
            .iter_mut()
            .find(|c| c.client_id == get("client_id"))
        else {
            return error(401, "invalid_client", "invalid client_id parameter");
        };
        // Every secret the credential has works until it is deleted.
        if !client
            .secrets
            .iter()
            .any(|c| c.value.expose() == get("client_secret"))
        {
            return error(401, "invalid_client", "invalid client_secret parameter");
        }
        client.clone()
    };
    let scopes: Vec<String> = get("scope")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.is_empty() {
        return error(400, "invalid_scope", "scope is required");
    }
    let granted = |s: &String| {
        client.scopes.contains(s)
            || (client.management && IO_MANAGEMENT_SCOPES.contains(&s.as_str()))
    };
    if let Some(bad) = scopes.iter().find(|s| !granted(s)) {
        return error(400, "invalid_scope", &format!("invalid scope: {bad}"));
    }
    // A token was issued: the secret's last use is now.
    if let Some(secret) = lock(state)
        .setup
        .oauth
        .iter_mut()
        .find(|c| c.client_id == client.client_id)
        .and_then(|c| {
            c.secrets
                .iter_mut()
                .find(|s| s.value.expose() == get("client_secret"))
        })
    {
        secret.last_used_ms = Some(now_ms());
    }
    let user = format!(
        "{}@techacct.adobe.com",
        &client.client_id.to_ascii_uppercase()[..client.client_id.len().min(24)]
    );
    let token = issue(
        state,
        &client.client_id,
        &user,
        &scopes,
        OAUTH_EXPIRES_IN_S * 1000,
    );
    (
        200,
        json!({"access_token": token, "token_type": "bearer", "expires_in": OAUTH_EXPIRES_IN_S}),
    )
}

/// An access token shaped like IMS's (a JWT whose times are strings of milliseconds).
fn issue(
    state: &Mutex<State>,
    client_id: &str,
    user_id: &str,
    scopes: &[String],
    lifetime_ms: u64,
) -> String {
    let created = now_ms();
    let header = json!({"alg": "RS256", "x5u": "ims_na1-key-at-1.cer", "kid": "ims_na1-key-at-1", "itt": "at"});
    let payload = json!({
        "id": format!("{}-{:016x}", created, fastrand::u64(..)),
        "type": "access_token",
        "client_id": client_id,
        "user_id": user_id,
        "as": "ims-na1",
        "aa_id": user_id,
        "ctp": 0,
        "scope": scopes.join(","),
        "created_at": created.to_string(),
        "expires_in": (lifetime_ms + 1).to_string(),
    });
    let signature: Vec<u8> = (0..64).map(|_| fastrand::u8(..)).collect();
    let token = format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    );
    let mut s = lock(state);
    s.tokens_issued += 1;
    s.issued.insert(
        token.clone(),
        Issued {
            client_id: client_id.to_string(),
            expires_at_ms: created + lifetime_ms,
            scopes: scopes.to_vec(),
        },
    );
    token
}

/// `POST /ims/validate_token/v1`: form `type=access_token`, `client_id`, `token`, and the
/// `X-IMS-ClientId` header. `{"valid": true, …}` for a live token issued to that client, else
/// `{"valid": false, "reason": …}` (revoked, expired, another client's, unknown).
pub fn validate(request: &Request, body: &[u8], state: &Mutex<State>) -> Answer {
    let fields = match form(request, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    if get("type") != "access_token" {
        return error(400, "invalid_request", "type must be access_token");
    }
    if get("client_id").is_empty() || get("token").is_empty() {
        return error(400, "invalid_request", "client_id and token are required");
    }
    if super::reply::request_header(request, "x-ims-clientid") != Some(get("client_id")) {
        return error(
            400,
            "invalid_request",
            "the X-IMS-ClientId header must name the client",
        );
    }
    let s = lock(state);
    let invalid = |reason: &str| (200, json!({"valid": false, "reason": reason}));
    if s.revoked.contains(get("token")) {
        return invalid("revoked");
    }
    let Some(issued) = s.issued.get(get("token")) else {
        return invalid("unknown token");
    };
    if issued.client_id != get("client_id") {
        return invalid("the token was issued to another client");
    }
    if issued.expires_at_ms <= now_ms() {
        return invalid("expired");
    }
    (
        200,
        json!({
            "valid": true,
            "expires_at": issued.expires_at_ms,
            "token": {"type": "access_token", "client_id": issued.client_id, "scope": issued.scopes.join(",")},
        }),
    )
}

/// `POST /ims/invalidate_token/v2`: form `token_type=access_token`, `token`, `client_id`,
/// `client_secret` (the client's own, either kind), `cascading`. The token is refused everywhere
/// from then on; an unknown token is no error (invalidating twice is fine).
pub fn invalidate(request: &Request, body: &[u8], state: &Mutex<State>) -> Answer {
    let fields = match form(request, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    if get("token_type") != "access_token" || get("token").is_empty() {
        return error(
            400,
            "invalid_request",
            "token_type=access_token and token are required",
        );
    }
    let mut s = lock(state);
    let (id, secret) = (get("client_id"), get("client_secret"));
    let known = s
        .setup
        .oauth
        .iter()
        .any(|c| c.client_id == id && c.secrets.iter().any(|x| x.value.expose() == secret))
        || s.setup
            .jwt
            .iter()
            .any(|c| c.client_id == id && c.client_secret.expose() == secret);
    if !known {
        return error(401, "invalid_client", "invalid client_id or client_secret");
    }
    if let Some(issued) = s.issued.get(get("token"))
        && issued.client_id != id
    {
        return error(
            400,
            "invalid_request",
            "the token was issued to another client",
        );
    }
    let token = get("token").to_string();
    s.issued.remove(&token);
    s.revoked.insert(token);
    (200, Value::Null)
}
