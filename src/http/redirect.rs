//! A request that follows redirects as curl with `--location` does, never past the host rule of the
//! first URL and never carrying credentials or the user's headers to another origin; and the body
//! it sends again after a redirect or a retry.

use reqwest::Url;
use reqwest::blocking::Response;

use super::{Http, Waits, send};
use crate::error::Failure;
use crate::redact::SafeUrl;
use crate::urls::{HostRule, ensure_secure};

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
    pub fn send(&self, http: &Http, rule: &HostRule) -> Result<(Response, Url), Failure> {
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
            let response = send(&host, idempotent, Waits::Stream, http.settings(), || {
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
            if next.origin() != url.origin() {
                let dropped = self.drop_private_headers(&mut headers);
                if !dropped.is_empty() {
                    log::debug!(
                        "redirected to another origin, {}: not forwarded: {}",
                        SafeUrl::new(&next),
                        dropped.join(", ")
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
