//! The HTTP client and the contract's retry rules: rustls with the OS trust store plus `--cacert`,
//! proxies from the environment, `--timeout` per attempt, retries with backoff and Retry-After.

use std::thread;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};

use crate::cli::NetArgs;
use crate::error::Failure;
use crate::output::Ui;
use crate::urls::redact_url;

/// At most this many attempts per request.
pub const MAX_ATTEMPTS: u32 = 3;
/// A server's Retry-After is honoured up to this long.
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(20);
const BACKOFF_BASE: Duration = Duration::from_millis(250);

/// The HTTP client: rustls with the OS trust store plus `--cacert`, proxies from the environment,
/// `--timeout` per attempt, and no redirects followed on its own (callers decide).
pub fn client(net: &NetArgs) -> Result<Client, Failure> {
    let mut builder = Client::builder()
        .timeout(net.timeout)
        .connect_timeout(net.timeout)
        .user_agent(concat!("adobe-jwt/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none());
    if let Some(path) = &net.cacert {
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
            format!("setting up the HTTP client: {e}"),
        )
    })
}

/// Why a failed attempt may be retried.
fn retryable(result: &Result<Response, reqwest::Error>) -> Option<Option<Duration>> {
    match result {
        // An untrusted certificate will not be trusted on the next attempt either.
        Err(e) if is_certificate_error(e) => None,
        Err(e) if e.is_connect() || e.is_timeout() || e.is_request() => Some(None),
        Err(_) => None,
        Ok(r) if r.status() == StatusCode::TOO_MANY_REQUESTS || r.status().is_server_error() => {
            Some(retry_after(r))
        }
        Ok(_) => None,
    }
}

/// A Retry-After in seconds or as an HTTP date, capped.
fn retry_after(response: &Response) -> Option<Duration> {
    let value = response.headers().get("retry-after")?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

/// Exponential backoff with jitter: about 250 ms, 500 ms, … each between 50% and 150%.
fn backoff(attempt: u32) -> Duration {
    let base = BACKOFF_BASE * 2u32.pow(attempt.saturating_sub(1));
    base.mul_f64(0.5 + fastrand::f64())
}

/// Send a request with the contract's retry rules. `make` builds a fresh request per attempt;
/// `retry` is false for requests that must not be repeated (then only an explicit Retry-After
/// on 429/503 retries). Returns the final response, whatever its status.
pub fn send(
    ui: &Ui,
    what: &str,
    retry: bool,
    make: impl Fn() -> RequestBuilder,
) -> Result<Response, Failure> {
    let mut attempt = 1;
    loop {
        let (client, request) = make().build_split();
        let request = request
            .map_err(|e| Failure::config(format!("cannot build the request to {what}: {e}")))?;
        let (method, url) = (request.method().clone(), redact_url(request.url()));
        let started = Instant::now();
        let result = client.execute(request);
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
                    describe(e)
                ),
            ),
        }
        let wait = retryable(&result);
        let explicit = matches!(&result, Ok(r) if matches!(r.status().as_u16(), 429 | 503) && r.headers().contains_key("retry-after"));
        match wait {
            Some(after) if attempt < MAX_ATTEMPTS && (retry || explicit) => {
                let pause = after.unwrap_or_else(|| backoff(attempt));
                ui.log(
                    1,
                    &format!(
                        "retrying in {} ms (attempt {} of {MAX_ATTEMPTS})",
                        pause.as_millis(),
                        attempt + 1
                    ),
                );
                thread::sleep(pause);
                attempt += 1;
            }
            _ => {
                return result.map_err(|e| {
                    if is_certificate_error(&e) {
                        return Failure::network(format!(
                            "cannot reach {what}: its TLS certificate is not trusted ({})",
                            innermost(&e)
                        ))
                        .with_hint("behind a TLS-intercepting proxy, trust its CA with --cacert FILE (or SSL_CERT_FILE)");
                    }
                    Failure::network(format!("cannot reach {what}: {} (after {attempt} attempt{})", describe(&e), if attempt == 1 { "" } else { "s" }))
                        .with_hint("check the network, HTTPS_PROXY/NO_PROXY, and --timeout; corporate TLS interception needs --cacert")
                });
            }
        }
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
    net: NetArgs,
    client: std::sync::OnceLock<Client>,
}

impl Http {
    pub fn new(net: &NetArgs) -> Self {
        Self {
            net: net.clone(),
            client: std::sync::OnceLock::new(),
        }
    }

    pub fn client(&self) -> Result<&Client, Failure> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let built = client(&self.net)?;
        Ok(self.client.get_or_init(|| built))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
