//! A strict IMS stand-in on loopback: it verifies what IMS verifies and answers with IMS's shapes,
//! units and error codes; an echo API checks the bearer token and x-api-key; faults can be injected
//! and requests counted through `/__emulator/…` for tests.

mod api;
mod console;
mod faults;
mod ims;
mod reply;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::Read;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use serde_json::json;
use tiny_http::{Method, Request, Server};

use crate::clock::now_ms;
use crate::crypto::RsaPublicKey;
use crate::error::Failure;
use crate::redact::Secret;

use self::faults::Fault;
use self::ims::Issued;
use self::reply::{ims_error, json_reply, lock};

/// What a handler answers: a status and a JSON body (`null` for none).
pub(crate) type Answer = (u16, serde_json::Value);

/// JWT exchange tokens live 24 h, reported in milliseconds.
pub(crate) const JWT_EXPIRES_IN_MS: u64 = 86_399_999;
/// client_credentials tokens live 24 h, reported in seconds.
pub(crate) const OAUTH_EXPIRES_IN_S: u64 = 86_399;
const WORKERS: usize = 16;
/// Request bodies past this are refused.
pub(crate) const MAX_BODY: u64 = 1024 * 1024;

/// A Service Account the emulator accepts.
#[derive(Debug, Clone)]
pub struct JwtClient {
    pub client_id: String,
    pub client_secret: Secret,
    pub technical_account_id: String,
    pub org_id: String,
    /// Metascopes granted, as configured: bare names or full claim URLs.
    pub metascopes: Vec<String>,
    /// Public keys whose signatures are accepted (the "bindings").
    pub keys: Vec<RsaPublicKey>,
}

/// An OAuth Server-to-Server credential the emulator accepts.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub client_id: String,
    /// Its client secrets (the Console allows two): each is accepted for tokens.
    pub secrets: Vec<ClientSecret>,
    /// The scopes the project's APIs grant.
    pub scopes: Vec<String>,
    /// The Developer Console's ids of the credential (organization, credential), for the I/O
    /// Management API's secrets endpoints.
    pub console: Option<(String, String)>,
    /// Whether the project has the I/O Management API (its scopes are granted).
    pub management: bool,
}

impl OAuthClient {
    /// A credential with one secret, as the Console creates it, in a project with the I/O
    /// Management API.
    pub fn new(client_id: &str, secret: Secret, scopes: Vec<String>) -> Self {
        Self {
            client_id: client_id.to_string(),
            secrets: vec![ClientSecret::new(secret)],
            scopes,
            console: None,
            management: true,
        }
    }
}

/// One client secret, as the Console keeps it.
#[derive(Debug, Clone)]
pub struct ClientSecret {
    pub uuid: String,
    pub value: Secret,
    pub created_ms: u64,
    /// The last token exchange that used it (client_credentials).
    pub last_used_ms: Option<u64>,
}

impl ClientSecret {
    pub fn new(value: Secret) -> Self {
        let hex = |n: u32| -> String {
            (0..n)
                .map(|_| format!("{:x}", fastrand::u8(..16)))
                .collect()
        };
        Self {
            uuid: format!("{}-{}-{}-{}-{}", hex(8), hex(4), hex(4), hex(4), hex(12)),
            value,
            created_ms: now_ms(),
            last_used_ms: None,
        }
    }
}

/// What the emulator accepts.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub jwt: Vec<JwtClient>,
    pub oauth: Vec<OAuthClient>,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    setup: Setup,
    base: String,
    issued: HashMap<String, Issued>,
    /// Tokens invalidated (`/ims/invalidate_token/v2`, `/__emulator/revoke`): refused everywhere.
    revoked: std::collections::HashSet<String>,
    faults: VecDeque<Fault>,
    counts: BTreeMap<String, u64>,
    tokens_issued: u64,
}

/// A running emulator; stops when dropped.
pub struct Emulator {
    server: Arc<Server>,
    base: String,
    workers: Vec<thread::JoinHandle<()>>,
}

impl Emulator {
    /// Listen on 127.0.0.1:`port` (0 picks one) and serve `setup` on worker threads.
    pub fn start(port: u16, setup: Setup) -> Result<Self, Failure> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| Failure::config(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| Failure::config("the emulator has no IP address"))?;
        let base = format!("http://{addr}");
        let server = Arc::new(server);
        let state = Arc::new(Mutex::new(State {
            setup,
            base: base.clone(),
            ..State::default()
        }));
        let workers = (0..WORKERS)
            .map(|_| {
                let server = Arc::clone(&server);
                let state = Arc::clone(&state);
                thread::spawn(move || {
                    while let Ok(request) = server.recv() {
                        handle(request, &state);
                    }
                })
            })
            .collect();
        Ok(Self {
            server,
            base,
            workers,
        })
    }

    /// `http://127.0.0.1:PORT`, the value for `--ims`.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Serve until the process ends.
    pub fn wait(mut self) {
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

/// Route one request: control endpoints, injected faults, the IMS endpoints, the echo API.
fn handle(mut request: Request, state: &Mutex<State>) {
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    if let Some(control) = path.strip_prefix("/__emulator/") {
        let reply = faults::control_request(control, &mut request, state);
        let _ = request.respond(reply);
        return;
    }
    let fault = {
        let mut s = lock(state);
        *s.counts.entry(path.clone()).or_default() += 1;
        faults::take_fault(&mut s.faults, request.method().as_str(), &path)
    };
    if let Some(fault) = &fault
        && !fault.handled
    {
        if fault.answers() {
            return faults::inject(request, fault);
        }
        thread::sleep(Duration::from_millis(fault.delay_ms));
    }
    let mut body = Vec::new();
    if request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body)
        .is_err()
    {
        let _ = request.respond(ims_error(400, "invalid_request", "unreadable request body"));
        return;
    }
    if path.starts_with("/api/") {
        return api::api(request, &path, &url, &body, state);
    }
    let (status, answer) = if path.starts_with("/console/") {
        console::secrets(&request, &path, state)
    } else if path == "/public/echo" {
        (200, api::echo(&request, &path, &url, &body))
    } else {
        match (request.method(), path.trim_end_matches('/')) {
            (Method::Post, "/ims/exchange/jwt") => ims::jwt_exchange(&request, &body, state),
            (Method::Post, "/ims/token/v3") => ims::client_credentials(&request, &body, state),
            (Method::Post, "/ims/validate_token/v1") => ims::validate(&request, &body, state),
            (Method::Post, "/ims/invalidate_token/v2") => ims::invalidate(&request, &body, state),
            (
                _,
                "/ims/exchange/jwt"
                | "/ims/token/v3"
                | "/ims/validate_token/v1"
                | "/ims/invalidate_token/v2",
            ) => reply::error(405, "invalid_request", "method not allowed"),
            _ => (
                404,
                json!({"error": "not_found", "error_description": format!("no such endpoint: {path}")}),
            ),
        }
    };
    // A fault after the fact: the request was carried out, and its answer is lost or altered.
    if let Some(fault) = fault.filter(|f| f.handled) {
        thread::sleep(Duration::from_millis(if fault.hang {
            0
        } else {
            fault.delay_ms
        }));
        if fault.answers() {
            return faults::inject(request, &fault);
        }
        let mut answer = answer;
        if let Some(object) = answer.as_object_mut() {
            for field in &fault.drop_fields {
                object.remove(field);
            }
            for (field, value) in &fault.set_fields {
                object.insert(field.clone(), value.clone());
            }
        }
        let _ = request.respond(reply_of(status, &answer));
        return;
    }
    let _ = request.respond(reply_of(status, &answer));
}

/// A handler's answer as a reply: JSON, or no body for 204.
fn reply_of(status: u16, answer: &serde_json::Value) -> reply::Reply {
    if status == 204 {
        return tiny_http::Response::from_data(Vec::new()).with_status_code(204);
    }
    json_reply(status, answer)
}
