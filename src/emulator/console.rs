//! The Developer Console's I/O Management API, as far as client secrets go: list, add (at most two),
//! delete (never the only one). A call needs a token IMS issued with the I/O Management scopes, the
//! credential's own client id as `x-api-key`, and the credential's own Console ids in the path.

use std::sync::Mutex;

use serde_json::{Value, json};
use tiny_http::{Method, Request};

use super::Answer;
use super::reply::{lock, request_header};
use super::{ClientSecret, OAuthClient, State};
use crate::clock::now_ms;
use crate::redact::Secret;

/// The Console allows this many secrets per credential.
const MAX_SECRETS: usize = 2;

fn refusal(status: u16, code: &str, message: &str) -> Answer {
    (status, json!({"error_code": code, "message": message}))
}

/// `/console/organizations/{org}/credentials/{credential}/secrets[/{uuid}]`.
pub fn secrets(request: &Request, path: &str, state: &Mutex<State>) -> Answer {
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let (org, credential, uuid) = match parts.as_slice() {
        [
            "",
            "console",
            "organizations",
            org,
            "credentials",
            cred,
            "secrets",
        ] => (*org, *cred, None),
        [
            "",
            "console",
            "organizations",
            org,
            "credentials",
            cred,
            "secrets",
            uuid,
        ] => (*org, *cred, Some(*uuid)),
        _ => return refusal(404, "404040", "Not Found"),
    };
    let mut s = lock(state);
    let now = now_ms();
    let issued = request_header(request, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| s.issued.get(t.trim()).cloned())
        .filter(|i| i.expires_at_ms > now);
    let Some(issued) = issued else {
        return refusal(401, "401013", "Oauth token is not valid");
    };
    if request_header(request, "x-api-key") != Some(issued.client_id.as_str()) {
        return refusal(403, "403000", "Api Key is invalid");
    }
    let Some(client) = s
        .setup
        .oauth
        .iter_mut()
        .find(|c| c.client_id == issued.client_id)
    else {
        return refusal(
            403,
            "403003",
            "the token's client is not an OAuth Server-to-Server credential",
        );
    };
    if client.console.as_ref() != Some(&(org.to_string(), credential.to_string())) {
        return refusal(
            403,
            "403003",
            "the token's credential is not this organization's credential",
        );
    }
    let can = |scope: &str| issued.scopes.iter().any(|s| s == scope);
    let writes = *request.method() != Method::Get;
    if !(can("manage_client_secrets") || (!writes && can("read_client_secret"))) {
        return refusal(
            403,
            "403003",
            "the token lacks the I/O Management API's scopes",
        );
    }
    match (request.method(), uuid) {
        (Method::Get, None) => (
            200,
            json!({
                "client_id": client.client_id,
                "client_secrets": client.secrets.iter().map(described).collect::<Vec<_>>(),
            }),
        ),
        (Method::Post, None) => add(client),
        (Method::Delete, Some(uuid)) => delete(client, uuid),
        _ => refusal(405, "405000", "Method Not Allowed"),
    }
}

/// A secret as the Console lists it: no value.
fn described(s: &ClientSecret) -> Value {
    let usages = s
        .last_used_ms
        .map(|at| json!([{"last_used_at": at, "grant_type": "client_credentials"}]));
    json!({
        "uuid": s.uuid,
        "created_at": s.created_ms.to_string(),
        "created_at_str": humantime::format_rfc3339_seconds(
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(s.created_ms)
        ).to_string(),
        "expires_at": "PERMANENT",
        "expires_at_str": "PERMANENT",
        "secret_usages": usages,
    })
}

fn add(client: &mut OAuthClient) -> Answer {
    if client.secrets.len() >= MAX_SECRETS {
        return refusal(
            400,
            "400001",
            "a credential can have at most two client secrets: delete one first",
        );
    }
    let value: String = (0..32).map(|_| fastrand::alphanumeric()).collect();
    let secret = ClientSecret::new(Secret::new(format!("p8e-{value}")));
    let mut reply = described(&secret);
    reply["client_secret"] = json!(secret.value.expose());
    client.secrets.push(secret);
    (201, reply)
}

fn delete(client: &mut OAuthClient, uuid: &str) -> Answer {
    let Some(at) = client.secrets.iter().position(|s| s.uuid == uuid) else {
        return refusal(404, "404041", "no client secret with this uuid");
    };
    if client.secrets.len() == 1 {
        return refusal(
            400,
            "400002",
            "the only client secret of a credential cannot be deleted",
        );
    }
    client.secrets.remove(at);
    (204, Value::Null)
}
