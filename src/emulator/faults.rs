//! Faults injected into the emulator's answers (`POST /__emulator/faults`), and its other control
//! endpoints: request counts, revoking tokens, a reset.

use std::collections::VecDeque;
use std::io::{Read, Write};
use std::sync::Mutex;
use std::thread;
use std::time::Duration;

use serde::Deserialize;
use serde_json::json;
use tiny_http::{Method, Request, Response};

use super::reply::{Reply, header, json_reply, lock};
use super::{MAX_BODY, State};

/// A fault to inject, queued with `POST /__emulator/faults` (a JSON object or array of them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Only requests whose path starts with this (default: any path but `/__emulator`).
    #[serde(default)]
    pub path: Option<String>,
    /// Only requests of this method (`POST`, `DELETE`; default: any).
    #[serde(default)]
    pub method: Option<String>,
    /// Answer with this status instead of the real handler.
    #[serde(default)]
    pub status: Option<u16>,
    /// The body to send with `status` (default: an IMS-style error JSON).
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub content_type: Option<String>,
    /// A Retry-After header value.
    #[serde(default)]
    pub retry_after: Option<String>,
    /// Wait this long before answering; alone (no status, hang or truncate), the real handler
    /// answers after the wait.
    #[serde(default)]
    pub delay_ms: u64,
    /// Send the headers and half the body, then go silent for `delay_ms` (default 30 s).
    #[serde(default)]
    pub truncate: bool,
    /// Accept the request and go silent for `delay_ms` (default 30 s), never answering in time.
    #[serde(default)]
    pub hang: bool,
    /// Send the body repeated to this many bytes (a huge answer).
    #[serde(default)]
    pub size: Option<u64>,
    /// With `size` or `drip_ms`: announce no Content-Length (the body ends when the connection does).
    #[serde(default)]
    pub unannounced: bool,
    /// Send the body ten bytes at a time, this far apart, over and over until the client leaves.
    #[serde(default)]
    pub drip_ms: Option<u64>,
    /// Let the real handler carry the request out first (a secret is added, a token issued),
    /// then answer as the fault says: an answer lost after the fact.
    #[serde(default)]
    pub handled: bool,
    /// With `handled` and no `status`: the real answer with these fields of its JSON removed.
    #[serde(default)]
    pub drop_fields: Vec<String>,
    /// With `handled` and no `status`: the real answer with these fields of its JSON set.
    #[serde(default)]
    pub set_fields: serde_json::Map<String, serde_json::Value>,
    /// How many requests this fault applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

impl Fault {
    /// Whether the fault answers in place of the real handler (else it only delays it).
    pub fn answers(&self) -> bool {
        self.status.is_some()
            || self.hang
            || self.truncate
            || self.size.is_some()
            || self.drip_ms.is_some()
    }
}

pub fn take_fault(faults: &mut VecDeque<Fault>, method: &str, path: &str) -> Option<Fault> {
    let index = faults.iter().position(|f| {
        f.path.as_deref().is_none_or(|p| path.starts_with(p))
            && f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    })?;
    let fault = faults[index].clone();
    if faults[index].times <= 1 {
        faults.remove(index);
    } else {
        faults[index].times -= 1;
    }
    Some(fault)
}

pub fn inject(request: Request, fault: &Fault) {
    if fault.size.is_some() || fault.drip_ms.is_some() {
        return stream(request, fault);
    }
    let silence = Duration::from_millis(if fault.delay_ms == 0 {
        30_000
    } else {
        fault.delay_ms
    });
    if fault.hang {
        thread::sleep(silence);
        drop(request);
        return;
    }
    if fault.delay_ms > 0 && !fault.truncate {
        thread::sleep(Duration::from_millis(fault.delay_ms));
    }
    let status = fault.status.unwrap_or(200);
    let body = fault.body.clone().unwrap_or_else(|| {
        json!({"error": "server_error", "error_description": format!("injected fault {status}")}).to_string()
    });
    let content_type = fault
        .content_type
        .clone()
        .unwrap_or_else(|| "application/json".into());
    if fault.truncate {
        let mut writer = request.into_writer();
        let half = &body.as_bytes()[..body.len() / 2];
        let head = format!(
            "HTTP/1.1 {status} Injected\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        let _ = writer.write_all(head.as_bytes());
        let _ = writer.write_all(half);
        let _ = writer.flush();
        thread::sleep(silence);
        return;
    }
    let mut reply = Response::from_data(body.into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type))
        .with_header(header("x-debug-id", "emu-fault"));
    if let Some(after) = &fault.retry_after {
        reply = reply.with_header(header("Retry-After", after));
    }
    let _ = request.respond(reply);
}

/// A body that is huge (`size`) or never ends (`drip_ms`), written by hand so that nothing of it is
/// held in memory; it stops when the client goes away.
fn stream(request: Request, fault: &Fault) {
    let status = fault.status.unwrap_or(200);
    let piece = fault
        .body
        .clone()
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| "x".repeat(64));
    let content_type = fault
        .content_type
        .clone()
        .unwrap_or_else(|| "application/json".into());
    let length = match (fault.size, fault.unannounced) {
        (Some(size), false) => format!("Content-Length: {size}\r\n"),
        _ => String::new(),
    };
    let mut writer = request.into_writer();
    let head = format!(
        "HTTP/1.1 {status} Injected\r\nContent-Type: {content_type}\r\n{length}Connection: close\r\n\r\n"
    );
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut sent: u64 = 0;
    let limit = fault.size.unwrap_or(u64::MAX);
    let chunk = if fault.drip_ms.is_some() {
        10
    } else {
        64 * 1024
    };
    let bytes: Vec<u8> = piece.bytes().cycle().take(chunk).collect();
    while sent < limit {
        let n = bytes
            .len()
            .min(usize::try_from(limit - sent).unwrap_or(usize::MAX));
        if writer
            .write_all(&bytes[..n])
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        sent += n as u64;
        if let Some(ms) = fault.drip_ms {
            thread::sleep(Duration::from_millis(ms));
        }
    }
}

pub fn control_request(what: &str, request: &mut Request, state: &Mutex<State>) -> Reply {
    let mut body = String::new();
    let _ = request.as_reader().take(MAX_BODY).read_to_string(&mut body);
    let mut s = lock(state);
    match what {
        "faults" if *request.method() == Method::Post => {
            let parsed: Result<Vec<Fault>, _> = serde_json::from_str::<Vec<Fault>>(&body)
                .or_else(|_| serde_json::from_str::<Fault>(&body).map(|f| vec![f]));
            match parsed {
                Ok(faults) => {
                    let n = faults.len();
                    s.faults.extend(faults);
                    json_reply(200, &json!({"queued": n}))
                }
                Err(e) => json_reply(400, &json!({"error": e.to_string()})),
            }
        }
        "stats" => json_reply(
            200,
            &json!({"requests": s.counts, "tokens_issued": s.tokens_issued, "faults_pending": s.faults.len()}),
        ),
        "revoke" => {
            let tokens: Vec<String> = s.issued.keys().cloned().collect();
            s.revoked.extend(tokens);
            s.issued.clear();
            json_reply(200, &json!({"revoked": true}))
        }
        // What the Console holds, values included: the tests check that every secret it holds is
        // one the user can read.
        "secrets" => json_reply(
            200,
            &json!(s.setup.oauth.iter().map(|c| json!({
                "client_id": c.client_id,
                "secrets": c.secrets.iter().map(|x| json!({"uuid": x.uuid, "value": x.value.expose()})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>()),
        ),
        "reset" => {
            s.counts.clear();
            s.faults.clear();
            s.tokens_issued = 0;
            json_reply(200, &json!({"reset": true}))
        }
        _ => json_reply(404, &json!({"error": "unknown control endpoint"})),
    }
}
