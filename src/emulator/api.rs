//! The echo API: checks `Authorization: Bearer` and `x-api-key` like Adobe's gateway, then answers
//! with the request as it arrived, a byte stream, a status or a redirect.

use std::sync::Mutex;

use serde_json::{Map, Value, json};
use tiny_http::{Request, Response};

use super::State;
use super::reply::{header, json_reply, lock, request_header};
use crate::clock::now_ms;

/// The echo API: checks `Authorization: Bearer` and `x-api-key` like Adobe's gateway, then answers.
pub fn api(request: Request, path: &str, url: &str, body: &[u8], state: &Mutex<State>) {
    let issued = request_header(&request, "authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
        .and_then(|t| lock(state).issued.get(t.trim()).cloned())
        .filter(|i| i.expires_at_ms > now_ms());
    let Some(issued) = issued else {
        let _ = request.respond(json_reply(
            401,
            &json!({"error_code": "401013", "message": "Oauth token is not valid"}),
        ));
        return;
    };
    if request_header(&request, "x-api-key") != Some(issued.client_id.as_str()) {
        let _ = request.respond(json_reply(
            403,
            &json!({"error_code": "403000", "message": "Api Key is invalid"}),
        ));
        return;
    }
    let rest = &path["/api/".len()..];
    if let Some(n) = rest
        .strip_prefix("bytes/")
        .and_then(|n| n.parse::<u64>().ok())
    {
        let reader = std::io::Read::take(std::io::repeat(b'x'), n);
        let reply = Response::new(
            200.into(),
            vec![header("Content-Type", "application/octet-stream")],
            reader,
            Some(n as usize),
            None,
        );
        let _ = request.respond(reply);
        return;
    }
    if let Some(code) = rest
        .strip_prefix("status/")
        .and_then(|n| n.parse::<u16>().ok())
    {
        let _ = request.respond(json_reply(code, &json!({"status": code})));
        return;
    }
    if rest.starts_with("redirect") {
        let to = url
            .split_once("to=")
            .map(|(_, t)| t.to_string())
            .unwrap_or_default();
        let to = url::form_urlencoded::parse(format!("x={to}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
            .unwrap_or_default();
        // `/api/redirect/307?to=…` redirects with that status (302 by default).
        let status = rest
            .strip_prefix("redirect/")
            .and_then(|s| s.parse::<u16>().ok())
            .filter(|s| (300..400).contains(s))
            .unwrap_or(302);
        let reply = Response::from_data(Vec::new())
            .with_status_code(status)
            .with_header(header("Location", &to));
        let _ = request.respond(reply);
        return;
    }
    let reply = json_reply(200, &echo(&request, path, url, body));
    let _ = request.respond(reply);
}

/// The request as the server saw it, the bearer token redacted.
pub fn echo(request: &Request, path: &str, url: &str, body: &[u8]) -> Value {
    let headers: Map<String, Value> = request
        .headers()
        .iter()
        .map(|h| {
            let name = h.field.as_str().as_str().to_ascii_lowercase();
            let value = if name == "authorization" {
                format!(
                    "Bearer <redacted, {} chars>",
                    h.value.as_str().len().saturating_sub(7)
                )
            } else {
                h.value.as_str().to_string()
            };
            (name, Value::String(value))
        })
        .collect();
    json!({
        "method": request.method().as_str(),
        "path": path,
        "query": url.split_once('?').map(|(_, q)| q),
        "headers": headers,
        "body_length": body.len(),
        "body": std::str::from_utf8(body).ok(),
    })
}
