//! HTTP plumbing for the emulator: replies in IMS's shapes, headers, request forms (urlencoded or
//! multipart, as @adobe/jwt-auth sends), and the shared state's lock.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};
use tiny_http::{Header, Request, Response};

pub type Reply = Response<std::io::Cursor<Vec<u8>>>;

pub fn lock<T>(state: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn json_reply(status: u16, body: &Value) -> Reply {
    Response::from_data(body.to_string().into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json;charset=UTF-8"))
        .with_header(header(
            "x-debug-id",
            &format!("emu-{:016x}", fastrand::u64(..)),
        ))
}

pub fn ims_error(status: u16, code: &str, description: &str) -> Reply {
    let (status, body) = error(status, code, description);
    json_reply(status, &body)
}

/// IMS's error answer: `{"error", "error_description"}`.
pub fn error(status: u16, code: &str, description: &str) -> super::Answer {
    (
        status,
        json!({"error": code, "error_description": description}),
    )
}

pub fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..])
            .unwrap_or_else(|()| unreachable!("static header"))
    })
}

pub fn request_header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

/// Form fields from `application/x-www-form-urlencoded` or `multipart/form-data` (jwt-auth's),
/// or the IMS-style refusal of anything else.
pub fn form(request: &Request, body: &[u8]) -> Result<HashMap<String, String>, super::Answer> {
    form_fields(request, body).ok_or_else(|| {
        error(
            400,
            "invalid_request",
            "the request must be a form (urlencoded or multipart)",
        )
    })
}

fn form_fields(request: &Request, body: &[u8]) -> Option<HashMap<String, String>> {
    let content_type = request_header(request, "content-type")?.to_ascii_lowercase();
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return Some(url::form_urlencoded::parse(body).into_owned().collect());
    }
    let boundary = content_type
        .strip_prefix("multipart/form-data")?
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"')
        .to_string();
    // The boundary was lower-cased with the header; find it case-insensitively in the original.
    let original = request_header(request, "content-type")?;
    let start = original.to_ascii_lowercase().find(&boundary)?;
    let boundary = format!("--{}", &original[start..start + boundary.len()]);
    let text = String::from_utf8_lossy(body);
    let mut fields = HashMap::new();
    for part in text.split(boundary.as_str()) {
        let Some((head, value)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let Some(name) = head
            .split("name=\"")
            .nth(1)
            .and_then(|n| n.split('"').next())
        else {
            continue;
        };
        fields.insert(
            name.to_string(),
            value.strip_suffix("\r\n").unwrap_or(value).to_string(),
        );
    }
    Some(fields)
}
