//! A strict IMS stand-in on loopback: it verifies what IMS verifies and answers with IMS's shapes,
//! units and error codes; an echo API checks the bearer token and x-api-key; faults can be injected
//! and requests counted through `/__emulator/…` for tests.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use rsa::RsaPublicKey;
use serde::Deserialize;
use serde_json::{Map, Value, json};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::config::{AuthKind, Credentials, Ims, Loaded};
use crate::error::Failure;
use crate::ims::now_ms;
use crate::jwt::{MAX_LIFETIME, now_secs};
use crate::key;
use crate::secret::Secret;

/// JWT exchange tokens live 24 h, reported in milliseconds.
const JWT_EXPIRES_IN_MS: u64 = 86_399_999;
/// client_credentials tokens live 24 h, reported in seconds.
const OAUTH_EXPIRES_IN_S: u64 = 86_399;
const WORKERS: usize = 16;
/// Request bodies past this are refused.
const MAX_BODY: u64 = 1024 * 1024;

/// A Service Account the emulator accepts.
#[derive(Debug, Clone)]
pub struct JwtClient {
    pub client_id: String,
    pub client_secret: Secret,
    pub technical_account_id: String,
    pub org_id: String,
    /// Metascope claim names granted (bare names already expanded against the emulator's URL).
    pub metascopes: Vec<String>,
    /// Public keys whose signatures are accepted (the "bindings").
    pub keys: Vec<RsaPublicKey>,
}

/// An OAuth Server-to-Server credential the emulator accepts.
#[derive(Debug, Clone)]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: Secret,
    pub scopes: Vec<String>,
}

/// What the emulator accepts.
#[derive(Debug, Clone, Default)]
pub struct Setup {
    pub jwt: Vec<JwtClient>,
    pub oauth: Vec<OAuthClient>,
}

impl Setup {
    /// Accept these credentials; `keys` replaces the jwt key's own public half when given.
    pub fn add(&mut self, creds: &Credentials, keys: &[RsaPublicKey]) {
        match creds {
            Credentials::Jwt(c) => self.jwt.push(JwtClient {
                client_id: c.client_id.clone(),
                client_secret: c.client_secret.clone(),
                technical_account_id: c.technical_account_id.clone(),
                org_id: c.org_id.clone(),
                metascopes: c.metascopes.clone(),
                keys: if keys.is_empty() {
                    vec![c.key.public_key()]
                } else {
                    keys.to_vec()
                },
            }),
            Credentials::OAuth(c) => self.oauth.push(OAuthClient {
                client_id: c.client_id.clone(),
                client_secret: c.client_secret.clone(),
                scopes: c.scopes.clone(),
            }),
        }
    }
}

/// Accept every complete credential kind of the loaded configuration, with metascopes granted as
/// claims of the emulator's own URL; `keys` (from certificates) replace the jwt key's own public half.
pub fn setup_from(loaded: &Loaded, base: &str, keys: &[RsaPublicKey]) -> Result<Setup, Failure> {
    let ims = Ims::parse(base)?;
    let mut setup = Setup::default();
    for kind in [AuthKind::Jwt, AuthKind::OAuth] {
        if loaded.missing(kind).is_empty() {
            setup.add(&loaded.credentials_for(kind, &ims)?, keys);
        }
    }
    if setup.jwt.is_empty() && setup.oauth.is_empty() {
        return Err(Failure::config("no complete credentials to emulate")
            .with_hint("give the emulator the .env your pipeline uses: --env-file path/to/.env"));
    }
    Ok(setup)
}

/// A fault to inject, queued with `POST /__emulator/faults` (a JSON object or array of them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Only requests whose path starts with this (default: any path but `/__emulator`).
    #[serde(default)]
    pub path: Option<String>,
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
    /// How many requests this fault applies to (default 1).
    #[serde(default = "one")]
    pub times: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone)]
struct Issued {
    client_id: String,
    expires_at_ms: u64,
}

#[derive(Debug, Default)]
struct State {
    setup: Setup,
    base: String,
    issued: HashMap<String, Issued>,
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
    /// Listen on 127.0.0.1:`port` (0 picks one) and serve on worker threads what `setup` builds
    /// from the emulator's base URL (bare metascopes expand against it).
    pub fn start(
        port: u16,
        setup: impl FnOnce(&str) -> Result<Setup, Failure>,
    ) -> Result<Self, Failure> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| Failure::config(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| Failure::config("the emulator has no IP address"))?;
        let base = format!("http://{addr}");
        let setup = setup(&base)?;
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

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

fn json_reply(status: u16, body: &Value) -> Reply {
    Response::from_data(body.to_string().into_bytes())
        .with_status_code(status)
        .with_header(header("Content-Type", "application/json;charset=UTF-8"))
        .with_header(header(
            "x-debug-id",
            &format!("emu-{:016x}", fastrand::u64(..)),
        ))
}

fn ims_error(status: u16, code: &str, description: &str) -> Reply {
    json_reply(
        status,
        &json!({"error": code, "error_description": description}),
    )
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..])
            .unwrap_or_else(|()| unreachable!("static header"))
    })
}

fn request_header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
}

fn handle(mut request: Request, state: &Mutex<State>) {
    let url = request.url().to_string();
    let path = url.split('?').next().unwrap_or("/").to_string();
    if let Some(control) = path.strip_prefix("/__emulator/") {
        let reply = control_request(control, &mut request, state);
        let _ = request.respond(reply);
        return;
    }
    let fault = {
        let mut s = lock(state);
        *s.counts.entry(path.clone()).or_default() += 1;
        take_fault(&mut s.faults, &path)
    };
    if let Some(fault) = fault {
        if fault.status.is_some() || fault.hang || fault.truncate {
            return inject(request, &fault);
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
        return api(request, &path, &url, &body, state);
    }
    if path == "/public/echo" {
        let reply = json_reply(200, &echo(&request, &path, &url, &body));
        let _ = request.respond(reply);
        return;
    }
    let reply = match (request.method(), path.trim_end_matches('/')) {
        (Method::Post, "/ims/exchange/jwt") => jwt_exchange(&request, &body, state),
        (Method::Post, "/ims/token/v3") => client_credentials(&request, &body, state),
        (_, "/ims/exchange/jwt" | "/ims/token/v3") => {
            ims_error(405, "invalid_request", "method not allowed")
        }
        _ => json_reply(
            404,
            &json!({"error": "not_found", "error_description": format!("no such endpoint: {path}")}),
        ),
    };
    let _ = request.respond(reply);
}

fn take_fault(faults: &mut VecDeque<Fault>, path: &str) -> Option<Fault> {
    let index = faults
        .iter()
        .position(|f| f.path.as_deref().is_none_or(|p| path.starts_with(p)))?;
    let fault = faults[index].clone();
    if faults[index].times <= 1 {
        faults.remove(index);
    } else {
        faults[index].times -= 1;
    }
    Some(fault)
}

fn inject(request: Request, fault: &Fault) {
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

fn control_request(what: &str, request: &mut Request, state: &Mutex<State>) -> Reply {
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
            s.issued.clear();
            json_reply(200, &json!({"revoked": true}))
        }
        "reset" => {
            s.counts.clear();
            s.faults.clear();
            s.tokens_issued = 0;
            json_reply(200, &json!({"reset": true}))
        }
        _ => json_reply(404, &json!({"error": "unknown control endpoint"})),
    }
}

/// Form fields from `application/x-www-form-urlencoded` or `multipart/form-data` (jwt-auth's),
/// or the IMS-style refusal of anything else.
fn form(request: &Request, body: &[u8]) -> Result<HashMap<String, String>, Reply> {
    form_fields(request, body).ok_or_else(|| {
        ims_error(
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

fn jwt_exchange(request: &Request, body: &[u8], state: &Mutex<State>) -> Reply {
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
        return ims_error(400, "invalid_client", "invalid client_id parameter");
    };
    if client.client_secret.expose() != get("client_secret") {
        return ims_error(400, "invalid_client", "invalid client_secret parameter");
    }
    let assertion = get("jwt_token");
    if assertion.is_empty() {
        return ims_error(400, "invalid_request", "missing jwt_token parameter");
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
    json_reply(
        200,
        &json!({"token_type": "bearer", "access_token": token, "expires_in": JWT_EXPIRES_IN_MS}),
    )
}

/// Verify the RS256 signature against every binding; the claims when one matches.
fn verify_assertion(assertion: &str, keys: &[RsaPublicKey]) -> Result<Map<String, Value>, Reply> {
    let header = jsonwebtoken::decode_header(assertion)
        .map_err(|_| ims_error(400, "invalid_token", "the JWT is malformed"))?;
    if header.alg != Algorithm::RS256 {
        return Err(ims_error(
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
        let decoding = DecodingKey::from_rsa_der(&key::public_pkcs1_der(key));
        match jsonwebtoken::decode::<Map<String, Value>>(assertion, &decoding, &validation) {
            Ok(data) => return Ok(data.claims),
            Err(e) if matches!(e.kind(), jsonwebtoken::errors::ErrorKind::InvalidSignature) => {
                continue;
            }
            Err(_) => {
                return Err(ims_error(
                    400,
                    "invalid_token",
                    "the JWT payload is malformed",
                ));
            }
        }
    }
    Err(ims_error(
        400,
        "invalid_signature",
        "Could not match JWT signature to any of the bindings",
    ))
}

fn check_claims(claims: &Map<String, Value>, client: &JwtClient, base: &str) -> Result<(), Reply> {
    let now = now_secs();
    let Some(exp) = claims.get("exp").and_then(Value::as_u64) else {
        return Err(ims_error(
            400,
            "invalid_token",
            "exp must be an integer number of seconds",
        ));
    };
    if exp <= now {
        return Err(ims_error(400, "invalid_token", "JWT token is expired"));
    }
    if exp > now + MAX_LIFETIME.as_secs() + 60 {
        return Err(ims_error(
            400,
            "invalid_token",
            "exp is more than 24 hours in the future",
        ));
    }
    if claims.get("iat").is_some_and(|v| v.as_u64().is_none()) {
        return Err(ims_error(
            400,
            "invalid_token",
            "iat must be an integer number of seconds",
        ));
    }
    let text = |k: &str| claims.get(k).and_then(Value::as_str).unwrap_or("");
    if text("iss") != client.org_id {
        return Err(ims_error(
            400,
            "invalid_token",
            "iss does not name the credential's organization",
        ));
    }
    if text("sub") != client.technical_account_id {
        return Err(ims_error(
            400,
            "invalid_token",
            "sub does not name the credential's technical account",
        ));
    }
    if text("aud")
        != Ims::parse(base)
            .map(|i| i.audience(&client.client_id))
            .unwrap_or_default()
    {
        return Err(ims_error(
            400,
            "invalid_token",
            "aud must be {ims}/c/{client_id} for this IMS",
        ));
    }
    let requested: Vec<&String> = claims.keys().filter(|k| k.contains("://")).collect();
    if requested.is_empty() {
        return Err(ims_error(400, "invalid_scope", "no metascope requested"));
    }
    for m in requested {
        if claims.get(m) != Some(&Value::Bool(true)) || !client.metascopes.contains(m) {
            return Err(ims_error(
                400,
                "invalid_scope",
                &format!("Invalid metascope: {m}"),
            ));
        }
    }
    Ok(())
}

fn client_credentials(request: &Request, body: &[u8], state: &Mutex<State>) -> Reply {
    let fields = match form(request, body) {
        Ok(fields) => fields,
        Err(reply) => return reply,
    };
    let get = |k: &str| fields.get(k).map(String::as_str).unwrap_or("");
    if get("grant_type") != "client_credentials" {
        return ims_error(
            400,
            "unsupported_grant_type",
            "grant_type must be client_credentials",
        );
    }
    let client = lock(state)
        .setup
        .oauth
        .iter()
        .find(|c| c.client_id == get("client_id"))
        .cloned();
    let Some(client) = client else {
        return ims_error(401, "invalid_client", "invalid client_id parameter");
    };
    if client.client_secret.expose() != get("client_secret") {
        return ims_error(401, "invalid_client", "invalid client_secret parameter");
    }
    let scopes: Vec<String> = get("scope")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if scopes.is_empty() {
        return ims_error(400, "invalid_scope", "scope is required");
    }
    if let Some(bad) = scopes.iter().find(|s| !client.scopes.contains(s)) {
        return ims_error(400, "invalid_scope", &format!("invalid scope: {bad}"));
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
    json_reply(
        200,
        &json!({"access_token": token, "token_type": "bearer", "expires_in": OAUTH_EXPIRES_IN_S}),
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
        },
    );
    token
}

/// The echo API: checks `Authorization: Bearer` and `x-api-key` like Adobe's gateway, then answers.
fn api(request: Request, path: &str, url: &str, body: &[u8], state: &Mutex<State>) {
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
        let reply = Response::from_data(Vec::new())
            .with_status_code(302)
            .with_header(header("Location", &to));
        let _ = request.respond(reply);
        return;
    }
    let reply = json_reply(200, &echo(&request, path, url, body));
    let _ = request.respond(reply);
}

/// The request as the server saw it, the bearer token redacted.
fn echo(request: &Request, path: &str, url: &str, body: &[u8]) -> Value {
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
