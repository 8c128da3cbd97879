//! HTTP: the client (rustls with the OS trust store plus `--cacert`, proxies from the
//! environment), the run's deadline, and sending with the retry rules ([`retry`]); reading answers
//! ([`body`]); redirects under the host rule ([`redirect`]). Every wait is reqwest's own timeout:
//! no helper threads.

pub mod body;
pub mod redirect;
pub mod retry;

use std::time::{Duration, Instant};

use reqwest::blocking::{Client, RequestBuilder, Response};

pub use body::{Answer, BodyReader, body_start};
pub use redirect::{Outgoing, Payload, starts_like_json};
use retry::{Attempt, Decision, MAX_ATTEMPTS};

use crate::error::Failure;
use crate::files::Patience;
use crate::output::duration;
use crate::redact::SafeUrl;

/// `--timeout`'s default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How requests are made: `--timeout`, the run's deadline, `--cacert` (else `SSL_CERT_FILE`) and
/// the proxy (`HTTPS_PROXY`, else `ALL_PROXY`, either case) with `NO_PROXY`; resolved by the
/// settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub timeout: Duration,
    pub deadline: Deadline,
    pub cacert: Option<std::path::PathBuf>,
    /// The proxy variable that is set, and its value.
    pub proxy: Option<(&'static str, String)>,
    pub no_proxy: Option<String>,
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
    /// Given, past the run's own deadline, to undo a change (delete a secret nobody has).
    pub undo: bool,
}

impl Deadline {
    /// `--max-time`, else `MAX_ATTEMPTS × --timeout`, from the start of the run. A limit past what
    /// the clock can hold is as good as none.
    pub fn new(max_time: Option<Duration>, timeout: Duration) -> Self {
        let (limit, explicit) = match max_time {
            Some(max) => (max, true),
            None => (timeout.saturating_mul(MAX_ATTEMPTS), false),
        };
        let started = crate::clock::run_started();
        let far = Duration::from_secs(100 * 365 * 86_400);
        Self {
            at: started.checked_add(limit).unwrap_or_else(|| started + far),
            limit,
            explicit,
            undo: false,
        }
    }

    /// A bound of its own, from now, for undoing a change the run made before its deadline ran out:
    /// a secret the Console added but nobody can read is deleted even when the wait for its reader
    /// used the run's whole time.
    pub fn for_undo(limit: Duration) -> Self {
        Self {
            at: Instant::now() + limit,
            limit,
            explicit: true,
            undo: true,
        }
    }

    /// The time left, zero once it has passed.
    pub fn left(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// `--max-time 3s`, or `3 × --timeout (1m 30s)`: what ran out, for messages.
    pub fn name(&self) -> String {
        let limit = duration(self.limit);
        if self.undo {
            format!("the {limit} given to undo the change")
        } else if self.explicit {
            format!("--max-time {limit}")
        } else {
            format!("{MAX_ATTEMPTS} × --timeout ({limit})")
        }
    }

    /// The bound of a run that has no network options (`encode-key --write`, `import`): what it
    /// may wait for a lock another run holds, `MAX_ATTEMPTS` × the default `--timeout`.
    pub fn local() -> Self {
        Self::new(None, DEFAULT_TIMEOUT)
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

/// How an attempt's answer is waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waits {
    /// An answer read whole (IMS, the Console): the whole attempt within `--timeout` and the
    /// deadline.
    Answer,
    /// A body streamed for as long as data comes (`call`): each wait for data within `--timeout`,
    /// the whole within `--max-time` when it is given.
    Stream,
}

/// What an attempt came to, for the retry decision.
fn attempt_of(result: &Result<Response, reqwest::Error>) -> Attempt {
    match result {
        Ok(r) => Attempt::Answered(r.status().as_u16(), retry_after(r)),
        Err(e) if is_certificate_error(e) => Attempt::Untrusted,
        Err(e) if e.is_connect() || e.is_timeout() || e.is_request() => Attempt::NoAnswer,
        Err(_) => Attempt::Failed,
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

/// Send a request, retrying as [`retry::should_retry`] decides, within the run's deadline. `make`
/// builds a fresh request per attempt; `repeatable` is false for requests that must not be repeated
/// (then only an explicit Retry-After on 429/503 retries). Each attempt waits `--timeout`, or the
/// time left when that is shorter (see [`Waits`]); a wait the time left cannot hold ends the run at
/// once. Returns the final response, whatever its status, and when its attempt began.
pub fn send(
    what: &str,
    repeatable: bool,
    waits: Waits,
    settings: &Settings,
    make: impl Fn() -> RequestBuilder,
) -> Result<(Response, Instant), Failure> {
    let deadline = &settings.deadline;
    let mut number = 1;
    loop {
        let left = deadline.left();
        if left.is_zero() {
            return Err(deadline.expired(&format!("reaching {what}")));
        }
        // reqwest's client timeout (`--timeout`) bounds each wait: connecting, the answer's head,
        // every read of the body. A request's own timeout bounds the whole exchange, body
        // included: an answer read whole gets `--timeout` or the time left, whichever is shorter;
        // a streamed body only the time left of `--max-time`, once that is shorter than a wait.
        let whole = match waits {
            Waits::Answer => Some(settings.timeout.min(left)),
            Waits::Stream if deadline.explicit && left < settings.timeout => Some(left),
            Waits::Stream => None,
        };
        let wait = whole.unwrap_or(settings.timeout);
        let mut builder = make();
        if let Some(whole) = whole {
            builder = builder.timeout(whole);
        }
        let (client, request) = builder.build_split();
        let request = request
            .map_err(|e| Failure::config(format!("cannot build the request to {what}: {e}")))?;
        let (method, url) = (request.method().clone(), SafeUrl::new(request.url()));
        let started = Instant::now();
        let result = client.execute(request);
        let took = started.elapsed().as_millis();
        match &result {
            Ok(r) => log::debug!(
                "{method} {url} -> {} ({took} ms{})",
                r.status(),
                debug_id(r)
                    .map(|d| format!(", x-debug-id {d}"))
                    .unwrap_or_default()
            ),
            Err(e) => log::debug!(
                "{method} {url} -> failed after {took} ms: {}",
                describe_attempt(e, wait)
            ),
        }
        let attempt = attempt_of(&result);
        match retry::should_retry(
            attempt,
            number,
            repeatable,
            deadline.left(),
            retry::backoff(number),
        ) {
            Decision::RetryAfter(pause) => {
                log::info!(
                    "{what} {}, retrying in {} (attempt {} of {MAX_ATTEMPTS})",
                    match &result {
                        Ok(r) => format!("answered {}", r.status().as_u16()),
                        Err(e) => describe_attempt(e, wait),
                    },
                    shown_pause(pause),
                    number + 1
                );
                std::thread::sleep(pause);
                number += 1;
            }
            Decision::AskedTooLong(asked) => {
                let left = deadline.left();
                return Err(Failure::network(format!(
                    "{what} answered {} and asked to wait {} before trying again (Retry-After), more than the {} that {} leaves",
                    match &result {
                        Ok(r) => r.status().as_u16().to_string(),
                        Err(_) => "nothing".into(),
                    },
                    if asked > Duration::from_secs(365 * 86_400) {
                        "more than a year".to_string()
                    } else {
                        duration(asked)
                    },
                    duration(Duration::from_secs(left.as_secs())),
                    deadline.name()
                ))
                .with_hint("try again later, or give it the time: --max-time"));
            }
            Decision::Done => {
                return result.map(|r| (r, started)).map_err(|e| {
                    if e.is_timeout() && deadline.left().is_zero() {
                        return deadline.expired(&format!("reaching {what}"));
                    }
                    failure(&e, what, number, wait)
                });
            }
        }
    }
}

/// A failed attempt in words: a timeout says how long was waited.
fn describe_attempt(e: &reqwest::Error, wait: Duration) -> String {
    if e.is_timeout() {
        format!("timed out (no answer within {})", duration(wait))
    } else {
        describe(e)
    }
}

/// The failure of the last attempt.
fn failure(e: &reqwest::Error, what: &str, attempt: u32, wait: Duration) -> Failure {
    if is_certificate_error(e) {
        return Failure::network(format!(
            "cannot reach {what}: its TLS certificate is not trusted ({})",
            innermost(e)
        ))
        .with_hint(
            "behind a TLS-intercepting proxy, trust its CA with --cacert FILE (or SSL_CERT_FILE)",
        );
    }
    Failure::network(format!(
        "cannot reach {what}: {} (after {attempt} attempt{})",
        describe_attempt(e, wait),
        if attempt == 1 { "" } else { "s" }
    ))
    .with_hint("check the network, HTTPS_PROXY/NO_PROXY, and --timeout; corporate TLS interception needs --cacert")
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
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
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
