//! The HTTP client and its retry rules: rustls with the OS trust store plus `--cacert`,
//! proxies from the environment, `--timeout` per attempt, retries with backoff and Retry-After.

use std::thread;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::Url;
use reqwest::blocking::{Client, RequestBuilder, Response};

use crate::cli::NetArgs;
use crate::environment::Environment;
use crate::error::Failure;
use crate::files::Patience;
use crate::output::{Ui, duration};
use crate::redact::SafeUrl;
use crate::urls::{HostRule, ensure_secure};

/// At most this many attempts per request.
pub const MAX_ATTEMPTS: u32 = 3;
/// A server's Retry-After is honoured up to this long.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(20);
const BACKOFF_BASE: Duration = Duration::from_millis(250);
/// `--timeout`'s default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How requests are made: `--timeout`, `--cacert` (else `SSL_CERT_FILE`) and the proxy
/// variables, resolved once from the command line and the environment.
#[derive(Debug, Clone)]
pub struct Settings {
    pub timeout: Duration,
    pub deadline: Deadline,
    cacert: Option<std::path::PathBuf>,
    /// The proxy variable that is set (`HTTPS_PROXY`, else `ALL_PROXY`, either case) and its value.
    proxy: Option<(&'static str, String)>,
    no_proxy: Option<String>,
}

impl Settings {
    pub fn new(net: &NetArgs, env: &Environment) -> Self {
        let setting = |names: [&'static str; 2]| {
            names
                .into_iter()
                .find_map(|n| env.setting(n).map(|v| (n, v.to_string())))
        };
        Self {
            timeout: net.timeout,
            deadline: Deadline::new(net),
            cacert: net
                .cacert
                .clone()
                .filter(|p| !p.as_os_str().is_empty())
                .or_else(|| env.setting("SSL_CERT_FILE").map(std::path::PathBuf::from)),
            proxy: setting(["HTTPS_PROXY", "https_proxy"])
                .or_else(|| setting(["ALL_PROXY", "all_proxy"])),
            no_proxy: setting(["NO_PROXY", "no_proxy"]).map(|(_, v)| v),
        }
    }
}

/// The bound of a run's network work: `--max-time` from the start of the run, or, without it,
/// `MAX_ATTEMPTS × --timeout` (what the retries could take) for everything but a call's body, which
/// then streams for as long as data keeps coming.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    pub at: Instant,
    pub limit: Duration,
    /// Set with `--max-time` (else implied by `--timeout`).
    pub explicit: bool,
}

impl Deadline {
    pub fn new(net: &NetArgs) -> Self {
        let (limit, explicit) = match net.max_time {
            Some(max) => (max, true),
            None => (net.timeout.saturating_mul(MAX_ATTEMPTS), false),
        };
        Self {
            at: crate::clock::run_started() + limit,
            limit,
            explicit,
        }
    }

    /// The time left, zero once it has passed.
    pub fn left(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// `--max-time 3s`, or `3 × --timeout (1m 30s)`: what ran out, for messages.
    pub fn name(&self) -> String {
        let limit = duration(self.limit);
        if self.explicit {
            format!("--max-time {limit}")
        } else {
            format!("{MAX_ATTEMPTS} × --timeout ({limit})")
        }
    }

    /// The bound of a run that has no network options (`encode-key --write`, `import`): what it
    /// may wait for a lock another run holds, `MAX_ATTEMPTS` × the default `--timeout`.
    pub fn local() -> Self {
        let limit = DEFAULT_TIMEOUT.saturating_mul(MAX_ATTEMPTS);
        Self {
            at: crate::clock::run_started() + limit,
            limit,
            explicit: false,
        }
    }

    /// `f` with the patience of this run's lock waits: until the deadline, and `on_wait` told once
    /// after about a second.
    pub fn with_patience<T>(
        &self,
        on_wait: &dyn Fn(&std::path::Path),
        f: impl FnOnce(&Patience<'_>) -> T,
    ) -> T {
        let bound = self.name();
        f(&Patience {
            until: self.at,
            bound: &bound,
            on_wait,
        })
    }

    /// The failure when the time is up while `doing`.
    pub fn expired(&self, doing: &str) -> Failure {
        Failure::network(format!("{doing} took longer than {}", self.name()))
            .with_hint("raise --max-time (or --timeout), or check the network and the server")
    }
}

/// The HTTP client: rustls with the OS trust store plus `--cacert`, proxies from the environment,
/// `--timeout` per attempt, and no redirects followed on its own (callers decide).
pub fn client(settings: &Settings) -> Result<Client, Failure> {
    crate::crypto::install();
    let mut builder = Client::builder()
        .timeout(settings.timeout)
        .connect_timeout(settings.timeout)
        .user_agent(concat!("adobe-jwt/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        // Plain http goes only to loopback and never through a proxy: a proxy would see the secrets.
        .no_proxy();
    if let Some((name, value)) = &settings.proxy {
        let proxy = reqwest::Proxy::https(value).map_err(|e| {
            Failure::config(format!("{name} is not a usable proxy URL ({e})"))
                .with_hint("e.g. HTTPS_PROXY=http://proxy.example.com:3128")
        })?;
        let no_proxy = settings
            .no_proxy
            .as_deref()
            .and_then(reqwest::NoProxy::from_string);
        builder = builder.proxy(proxy.no_proxy(no_proxy));
    }
    if let Some(path) = &settings.cacert {
        let pem = crate::files::read(path, "the CA bundle", crate::files::Accept::RegularOrPipe)?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
            Failure::config(format!(
                "{} is not a PEM certificate bundle ({e})",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(Failure::config(format!(
                "{} holds no certificate",
                path.display()
            )));
        }
        builder = builder.tls_certs_merge(certs);
    }
    builder.build().map_err(|e| {
        Failure::new(
            crate::error::Kind::Unexpected,
            format!("setting up the HTTP client: {}", innermost(&e)),
        )
    })
}

/// Why a failed attempt may be retried.
fn retryable(result: &Result<Response, Failed>) -> Option<Option<Duration>> {
    match result {
        // An untrusted certificate will not be trusted on the next attempt either.
        Err(Failed::Transport(e)) if is_certificate_error(e) => None,
        Err(Failed::Transport(e)) if e.is_connect() || e.is_timeout() || e.is_request() => {
            Some(None)
        }
        Err(Failed::NoAnswer(_)) => Some(None),
        Err(Failed::Transport(_)) => None,
        Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS || r.status().is_server_error() => {
            Some(retry_after(r))
        }
        Ok(_) => None,
    }
}

/// A Retry-After in seconds or as an HTTP date, as the server asked (capped later).
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    };
    Some(wait)
}

/// Exponential backoff with jitter: about 250 ms, 500 ms, … each between 50% and 150%.
fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE * 2u32.pow(attempt.saturating_sub(1));
    base.mul_f64(0.5 + fastrand::f64())
}

/// Send a request, retrying as `retryable` allows, within the run's deadline. `make` builds a fresh
/// request per attempt; `retry` is false for requests that must not be repeated (then only an
/// explicit Retry-After on 429/503 retries). Each attempt gets `--timeout` or the time left,
/// whichever is shorter; a wait the time left cannot hold ends the run at once. Returns the final
/// response, whatever its status, and when its attempt began.
pub fn send(
    ui: &Ui,
    what: &str,
    retry: bool,
    settings: &Settings,
    make: impl Fn() -> RequestBuilder,
) -> Result<(Response, Instant), Failure> {
    let deadline = &settings.deadline;
    let mut attempt = 1;
    loop {
        let left = deadline.left();
        if left.is_zero() {
            return Err(deadline.expired(&format!("reaching {what}")));
        }
        // `--timeout` bounds each wait (the client's own timeout, and this wait for the answer's
        // head); the run's deadline bounds the whole. The attempt runs on a helper thread so that
        // this side can stop waiting at either bound, whatever the connection does.
        let (client, request) = make().build_split();
        let request = request
            .map_err(|e| Failure::config(format!("cannot build the request to {what}: {e}")))?;
        let (method, url) = (request.method().clone(), SafeUrl::new(request.url()));
        let started = Instant::now();
        let patience = settings.timeout.min(left);
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        thread::spawn(move || {
            let _ = tx.send(client.execute(request));
        });
        let result = match rx.recv_timeout(patience) {
            Ok(Ok(response)) => Ok(response),
            Ok(Err(e)) => Err(Failed::Transport(e)),
            Err(_) => Err(Failed::NoAnswer(patience)),
        };
        let took = started.elapsed();
        match &result {
            Ok(r) => ui.log(
                1,
                &format!(
                    "{method} {url} -> {} ({} ms{})",
                    r.status(),
                    took.as_millis(),
                    debug_id(r)
                        .map(|d| format!(", x-debug-id {d}"))
                        .unwrap_or_default()
                ),
            ),
            Err(e) => ui.log(
                1,
                &format!(
                    "{method} {url} -> failed after {} ms: {}",
                    took.as_millis(),
                    e.describe()
                ),
            ),
        }
        let wait = retryable(&result);
        let explicit = matches!(&result, Ok(r) if matches!(r.status().as_u16(), 429 | 503) && r.headers().contains_key("retry-after"));
        let fail = |result: Result<Response, Failed>, attempt: u32| {
            result.map(|r| (r, started)).map_err(|e| {
                if e.is_timeout() && deadline.left().is_zero() {
                    return deadline.expired(&format!("reaching {what}"));
                }
                e.failure(what, attempt)
            })
        };
        match wait {
            Some(after) if attempt < MAX_ATTEMPTS && (retry || explicit) => {
                let left = deadline.left();
                if let Some(asked) = after.filter(|a| *a > left) {
                    return Err(Failure::network(format!(
                        "{what} answered {} and asked to wait {} before trying again (Retry-After), more than the {} that {} leaves",
                        status_of(&result),
                        if asked > Duration::from_secs(365 * 86_400) {
                            "more than a year".to_string()
                        } else {
                            duration(asked)
                        },
                        duration(left),
                        deadline.name()
                    ))
                    .with_hint("try again later, or give it the time: --max-time"));
                }
                let pause = after
                    .map(|a| a.min(RETRY_AFTER_CAP))
                    .unwrap_or_else(|| backoff(attempt));
                if pause >= left {
                    return fail(result, attempt);
                }
                ui.note(&format!(
                    "{what} {}, retrying in {} (attempt {} of {MAX_ATTEMPTS})",
                    match &result {
                        Ok(r) => format!("answered {}", r.status().as_u16()),
                        Err(e) => e.describe(),
                    },
                    shown_pause(pause),
                    attempt + 1
                ));
                thread::sleep(pause);
                attempt += 1;
            }
            _ => return fail(result, attempt),
        }
    }
}

/// An attempt that got no answer.
enum Failed {
    Transport(reqwest::Error),
    /// No answer's head within this wait (`--timeout`, or what the deadline left).
    NoAnswer(Duration),
}

impl Failed {
    fn is_timeout(&self) -> bool {
        match self {
            Failed::Transport(e) => e.is_timeout(),
            Failed::NoAnswer(_) => true,
        }
    }

    fn describe(&self) -> String {
        match self {
            Failed::Transport(e) => describe(e),
            Failed::NoAnswer(wait) => {
                format!("timed out (no answer within {})", duration(*wait))
            }
        }
    }

    fn failure(&self, what: &str, attempt: u32) -> Failure {
        match self {
            Failed::Transport(e) if is_certificate_error(e) => Failure::network(format!(
                "cannot reach {what}: its TLS certificate is not trusted ({})",
                innermost(e)
            ))
            .with_hint("behind a TLS-intercepting proxy, trust its CA with --cacert FILE (or SSL_CERT_FILE)"),
            _ => Failure::network(format!(
                "cannot reach {what}: {} (after {attempt} attempt{})",
                self.describe(),
                if attempt == 1 { "" } else { "s" }
            ))
            .with_hint("check the network, HTTPS_PROXY/NO_PROXY, and --timeout; corporate TLS interception needs --cacert"),
        }
    }
}

/// The status of a response, or "nothing" for a transport failure (for messages).
fn status_of(result: &Result<Response, Failed>) -> String {
    match result {
        Ok(r) => r.status().as_u16().to_string(),
        Err(_) => "nothing".into(),
    }
}

/// "1 s", "250 ms": a pause as people read it.
fn shown_pause(pause: Duration) -> String {
    if pause >= Duration::from_secs(1) {
        format!("{} s", pause.as_secs_f64().round())
    } else {
        format!("{} ms", pause.as_millis())
    }
}

/// The x-debug-id IMS and Adobe APIs send, worth quoting to support.
pub fn debug_id(response: &Response) -> Option<String> {
    response
        .headers()
        .get("x-debug-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// The deepest cause of an error, the most specific words about it.
fn innermost(e: &reqwest::Error) -> String {
    let mut cause = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = s.to_string();
        source = s.source();
    }
    cause
}

/// True when TLS refused the server's certificate (rustls says "invalid peer certificate").
fn is_certificate_error(e: &reqwest::Error) -> bool {
    innermost(e).contains("certificate")
}

/// A transport error in words, without the URL's query (which could hold a secret).
pub fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "the response was cut off"
    } else {
        "request failed"
    };
    let cause = innermost(e);
    if cause == e.to_string() {
        kind.to_string()
    } else {
        format!("{kind} ({cause})")
    }
}

/// An HTTP client built on first use: the cache-hit path never pays for the trust store.
pub struct Http {
    settings: Settings,
    client: std::sync::OnceLock<Client>,
}

impl Http {
    pub fn new(net: &NetArgs, env: &Environment) -> Self {
        Self {
            settings: Settings::new(net, env),
            client: std::sync::OnceLock::new(),
        }
    }

    /// How requests are made, the run's deadline included.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn client(&self) -> Result<&Client, Failure> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let built = client(&self.settings)?;
        Ok(self.client.get_or_init(|| built))
    }
}

/// Why reading a body stopped before its end.
#[derive(Debug)]
pub enum Cut {
    /// No data for this long.
    Idle(Duration),
    /// The whole exchange took longer than allowed.
    Deadline(Duration),
    /// More than this many bytes.
    TooLarge(u64),
    /// The connection failed.
    Failed(String),
}

impl std::fmt::Display for Cut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cut::Idle(d) => write!(f, "no data for {}", duration(*d)),
            Cut::Deadline(d) => write!(f, "it took longer than {}", duration(*d)),
            Cut::TooLarge(max) => write!(f, "it is larger than {max} bytes"),
            Cut::Failed(why) => f.write_str(why),
        }
    }
}

/// A response body read on a helper thread and handed over in pieces, so that this side decides
/// when to stop: after `idle` without data, at an overall deadline, or past a size limit. A server
/// that drips or never ends cannot hold the process, whatever its socket does. At most a few pieces
/// wait in memory.
pub struct BodyReader {
    pieces: std::sync::mpsc::Receiver<std::io::Result<Vec<u8>>>,
    idle: Duration,
    deadline: Option<(Instant, Duration)>,
    max_bytes: Option<u64>,
    /// Bytes handed over so far.
    pub received: u64,
}

const PIECE: usize = 64 * 1024;

impl BodyReader {
    /// Read `response`; `limit` is the overall bound measured from `since`.
    pub fn new(
        mut response: Response,
        idle: Duration,
        limit: Option<(Instant, Duration)>,
        max_bytes: Option<u64>,
    ) -> Self {
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        thread::spawn(move || {
            use std::io::Read;
            let mut buf = vec![0u8; PIECE];
            loop {
                let piece = match response.read(&mut buf) {
                    Ok(0) => Ok(Vec::new()),
                    Ok(n) => Ok(buf[..n].to_vec()),
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let last = !matches!(&piece, Ok(p) if !p.is_empty());
                if tx.send(piece).is_err() || last {
                    return;
                }
            }
        });
        Self {
            pieces: rx,
            idle,
            deadline: limit.map(|(since, d)| (since + d, d)),
            max_bytes,
            received: 0,
        }
    }

    /// The next piece; `None` at the end of the body.
    pub fn next(&mut self) -> Result<Option<Vec<u8>>, Cut> {
        use std::sync::mpsc::RecvTimeoutError;
        let now = Instant::now();
        let (wait, by_deadline) = match self.deadline {
            Some((at, _)) if at.saturating_duration_since(now) < self.idle => {
                (at.saturating_duration_since(now), true)
            }
            _ => (self.idle, false),
        };
        match self.pieces.recv_timeout(wait) {
            Ok(Ok(piece)) if piece.is_empty() => Ok(None),
            Ok(Ok(piece)) => {
                self.received += piece.len() as u64;
                match self.max_bytes {
                    Some(max) if self.received > max => Err(Cut::TooLarge(max)),
                    _ => Ok(Some(piece)),
                }
            }
            // The client's own timeouts and this side's limits are of the same length: either may
            // fire first, and both mean the same thing.
            Ok(Err(e)) if is_timeout(&e) => Err(match self.deadline {
                Some((at, limit)) if Instant::now() >= at => Cut::Deadline(limit),
                _ => Cut::Idle(self.idle),
            }),
            Ok(Err(e)) => Err(Cut::Failed(read_error(&e))),
            Err(RecvTimeoutError::Timeout) if by_deadline => Err(Cut::Deadline(
                self.deadline.map_or(Duration::ZERO, |(_, d)| d),
            )),
            Err(RecvTimeoutError::Timeout) => Err(Cut::Idle(self.idle)),
            Err(RecvTimeoutError::Disconnected) => Err(Cut::Failed("the connection ended".into())),
        }
    }
}

/// Whether a body read failed because the server went silent, however deep the timeout sits.
fn is_timeout(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::TimedOut {
        return true;
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> =
        e.get_ref().map(|inner| inner as _);
    while let Some(cause) = source {
        if cause
            .downcast_ref::<reqwest::Error>()
            .is_some_and(reqwest::Error::is_timeout)
            || cause.to_string().contains("timed out")
        {
            return true;
        }
        source = cause.source();
    }
    false
}

/// A body read error in words (a timeout as such).
fn read_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    if text.contains("timed out") || e.kind() == std::io::ErrorKind::TimedOut {
        "timed out".into()
    } else {
        text
    }
}

/// A server's answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    /// `, x-debug-id …`, or empty.
    pub debug: String,
    pub content_type: String,
    pub body: String,
}

impl Answer {
    /// Read an answer (`what` names it: "IMS's answer"): at most `max` bytes, and by `timeout`
    /// after the attempt began.
    pub fn read(
        response: Response,
        started: Instant,
        settings: &Settings,
        max: u64,
        what: &str,
    ) -> Result<Self, Failure> {
        let timeout = settings.timeout;
        // The attempt's `--timeout`, or the run's deadline when that comes first.
        let deadline = &settings.deadline;
        let limit = if deadline.at < started + timeout {
            (deadline.at - deadline.limit, deadline.limit)
        } else {
            (started, timeout)
        };
        let status = response.status();
        let debug = debug_id(&response)
            .map(|d| format!(", x-debug-id {d}"))
            .unwrap_or_default();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_string();
        let what = format!("{what} (HTTP {}{debug})", status.as_u16());
        let too_large = |size: String| {
            Failure::network(format!(
                "{what} {size} the {max} bytes such an answer can be; it was not read"
            ))
            .with_hint("a proxy or another server may be answering instead; check the URL, HTTPS_PROXY and NO_PROXY")
        };
        if let Some(length) = response.content_length().filter(|n| *n > max) {
            return Err(too_large(format!("announces {length} bytes, more than")));
        }
        let mut reader = BodyReader::new(response, timeout, Some(limit), Some(max));
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
}

impl Answer {
    /// The body as a JSON object, or what it is instead, for the message that says so ("not
    /// JSON", "a JSON array, not an object").
    pub fn object(&self) -> Result<serde_json::Value, &'static str> {
        use serde_json::Value;
        match serde_json::from_str::<Value>(&self.body) {
            Ok(v @ Value::Object(_)) => Ok(v),
            Ok(Value::Array(_)) => Err("a JSON array, not an object"),
            Ok(Value::Null) => Err("JSON null, not an object"),
            Ok(Value::String(_)) => Err("a JSON string, not an object"),
            Ok(_) => Err("a JSON number or boolean, not an object"),
            Err(_) if self.body.trim().is_empty() => Err("empty"),
            Err(_) => Err("not JSON"),
        }
    }
}

/// The first 200 characters of a body, on one line, for error messages.
pub fn body_start(body: &str) -> String {
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

/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;

/// A request body that can be sent again (after a 307/308 or a retry): bytes (inline data, or a
/// pipe, stdin or FIFO read once, whole), or a regular file opened anew for each attempt, its length
/// from the file.
#[derive(Debug, Clone)]
pub enum Payload {
    Bytes(Vec<u8>),
    File {
        path: std::path::PathBuf,
        /// Whether its first bytes look like JSON (sniffed once, when it was given).
        json: bool,
    },
}

impl Payload {
    /// A fresh body for one attempt.
    fn body(&self) -> Result<reqwest::blocking::Body, Failure> {
        Ok(match self {
            Payload::Bytes(b) => reqwest::blocking::Body::from(b.clone()),
            Payload::File { path, .. } => {
                reqwest::blocking::Body::from(std::fs::File::open(path).map_err(|e| {
                    Failure::config(format!("cannot read the data file {}: {e}", path.display()))
                })?)
            }
        })
    }

    /// Whether the body is JSON (it starts with `{` or `[`), judged from the bytes that are sent.
    pub fn is_json(&self) -> bool {
        match self {
            Payload::Bytes(b) => starts_like_json(b),
            Payload::File { json, .. } => *json,
        }
    }
}

/// Whether bytes start, after whitespace, with `{` or `[`.
pub fn starts_like_json(bytes: &[u8]) -> bool {
    matches!(
        bytes.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// A request to send, following redirects as curl with `--location` does, but never past the host
/// rule and never carrying credentials or the user's headers to another origin.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub method: reqwest::Method,
    pub url: Url,
    pub headers: reqwest::header::HeaderMap,
    /// Headers the user gave (`-H`): meant for the first host only.
    pub given: Vec<reqwest::header::HeaderName>,
    pub payload: Option<Payload>,
}

impl Outgoing {
    /// Send with the retry rules (idempotent methods only, or an explicit Retry-After) and follow
    /// redirects: each hop must pass `rule` (the first URL's: Adobe hosts, loopback, `--allow-host`)
    /// and the https rule, or it is not followed and nothing is sent there; a hop to another origin
    /// drops every private header. The final response, and the URL that answered it.
    pub fn send(&self, http: &Http, rule: &HostRule, ui: &Ui) -> Result<(Response, Url), Failure> {
        use reqwest::Method;
        let client = http.client()?;
        let mut headers = self.headers.clone();
        let (mut method, mut url, mut payload) =
            (self.method.clone(), self.url.clone(), self.payload.clone());
        for _ in 0..=MAX_REDIRECTS {
            let host = url.host_str().unwrap_or("the API").to_string();
            let body_error = std::cell::RefCell::new(None);
            let idempotent = matches!(
                method,
                Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
            );
            let response = send(ui, &host, idempotent, http.settings(), || {
                let mut rb = client
                    .request(method.clone(), url.clone())
                    .headers(headers.clone());
                if let Some(p) = &payload {
                    match p.body() {
                        Ok(body) => rb = rb.body(body),
                        Err(f) => *body_error.borrow_mut() = Some(f),
                    }
                }
                rb
            });
            if let Some(f) = body_error.into_inner() {
                return Err(f);
            }
            let (response, _) = response?;
            let Some(next) = redirect_target(&response, &url, rule)? else {
                return Ok((response, url));
            };
            if origin(&next) != origin(&url) {
                let dropped = self.drop_private_headers(&mut headers);
                if !dropped.is_empty() {
                    ui.log(
                        1,
                        &format!(
                            "redirected to another origin, {}: not forwarded: {}",
                            SafeUrl::new(&next),
                            dropped.join(", ")
                        ),
                    );
                }
            }
            let status = response.status().as_u16();
            if status == 303
                || (matches!(status, 301 | 302) && method != Method::GET && method != Method::HEAD)
            {
                method = Method::GET;
                payload = None;
                headers.remove(reqwest::header::CONTENT_TYPE);
            }
            url = next;
        }
        Err(Failure::network(format!(
            "more than {MAX_REDIRECTS} redirects"
        )))
    }

    /// Before following a redirect to another origin: remove what proves who we are or was meant
    /// for the first host only (credentials, cookies, proxy credentials, every `-H` header), as curl
    /// does without `--location-trusted`. The names removed, for the log.
    fn drop_private_headers(&self, headers: &mut reqwest::header::HeaderMap) -> Vec<String> {
        use reqwest::header::{AUTHORIZATION, COOKIE, HeaderName, PROXY_AUTHORIZATION};
        let mut names: Vec<HeaderName> = vec![
            AUTHORIZATION,
            COOKIE,
            PROXY_AUTHORIZATION,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-gw-ims-org-id"),
        ];
        names.extend(self.given.iter().cloned());
        names
            .into_iter()
            .filter(|name| headers.remove(name).is_some())
            .map(|name| name.to_string())
            .collect()
    }
}

/// Scheme, host and port: what "the same origin" compares.
pub fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// Where a 3xx points, when it may be followed: `None` for any other answer; a refusal (exit 5,
/// the target redacted) for a target the https rule or the host rule does not allow.
fn redirect_target(
    response: &Response,
    base: &Url,
    rule: &HostRule,
) -> Result<Option<Url>, Failure> {
    if !response.status().is_redirection() {
        return Ok(None);
    }
    let Some(location) = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
    else {
        return Ok(None);
    };
    let status = response.status().as_u16();
    let next = base
        .join(location)
        .map_err(|_| Failure::network(format!("HTTP {status} with an invalid Location")))?;
    ensure_secure(&next, "the redirect target", crate::error::Kind::Network)?;
    if !rule.allows(&next) {
        return Err(Failure::network(format!(
            "the server answered HTTP {status}, a redirect to {}, which is not an Adobe host, loopback or an --allow-host: it was not followed, and nothing was sent there",
            SafeUrl::new(&next)
        ))
        .with_hint("if that host is yours and should get the request, add --allow-host HOST"));
    }
    Ok(Some(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_is_found_however_deep() {
        let inner = std::io::Error::new(std::io::ErrorKind::TimedOut, "operation timed out");
        assert!(is_timeout(&std::io::Error::other(inner)));
        assert!(is_timeout(&std::io::Error::from(
            std::io::ErrorKind::TimedOut
        )));
        assert!(!is_timeout(&std::io::Error::other("connection reset")));
    }

    #[test]
    fn backoff_grows_with_jitter() {
        for attempt in 1..=3 {
            let base = BACKOFF_BASE * 2u32.pow(attempt - 1);
            let b = backoff(attempt);
            assert!(
                b >= base / 2 && b <= base * 3 / 2,
                "attempt {attempt}: {b:?}"
            );
        }
    }
}
