//! `call`: an Adobe API request with the token and the usual headers; the body streams out.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use reqwest::Url;
use reqwest::blocking::{Body, Client, Response};
use reqwest::header::{
    AUTHORIZATION, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue, PROXY_AUTHORIZATION,
};
use reqwest::{Method, StatusCode};

use crate::cli::CallArgs;
use crate::config::{Credentials, Loaded, Sources};
use crate::environment::Environment;
use crate::error::{Failure, Kind};
use crate::http::{self, BodyReader};
use crate::ims::Token;
use crate::jwt;
use crate::output::{Ui, visible};
use crate::session::Session;
use crate::urls;

/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;
const CHUNK: usize = 64 * 1024;

pub fn run(args: &CallArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let data = args.data.as_deref().map(Data::parse).transpose()?;
    let (method, url) = target(&args.target, data.is_some())?;
    let allowed: Vec<String> = if args.allow_hosts.is_empty() {
        env.setting("ADOBE_JWT_ALLOW_HOSTS")
            .map(|v| v.split(',').map(str::to_string).collect())
            .unwrap_or_default()
    } else {
        args.allow_hosts.clone()
    };
    ensure_adobe_host(&url, &allowed)?;
    let overrides = parse_headers(&args.headers)?;
    let sources = Sources::read(args.credentials.env.env_file.as_deref(), env)?;
    let loaded = Loaded::from_args(&sources, &args.credentials)?;
    let session = Session::open(&loaded, &args.cache, &args.net, jwt::DEFAULT_LIFETIME, ui)?;
    let started = Instant::now();
    let obtained = session.get()?;
    let request = Request {
        method,
        url,
        overrides,
        data,
    };
    let client = session.http().client()?;
    let creds = &session.creds;
    let (mut response, answered_by) = request.send(client, &headers(&obtained.token, creds), ui)?;
    // A 401 means our token was refused only when it came from the origin the token was sent to.
    if response.status() == StatusCode::UNAUTHORIZED
        && obtained.cached
        && origin(&answered_by) == origin(&request.url)
    {
        ui.note(
            "the API refused the cached token (HTTP 401); fetching a fresh one and retrying once",
        );
        let fresh = session.renew()?;
        response = request.send(client, &headers(&fresh, creds), ui)?.0;
    }
    let status = response.status();
    let expected = response.content_length();
    if args.include {
        print_head(&response);
    }
    let debug = http::debug_id(&response)
        .map(|d| format!(", x-debug-id {d}"))
        .unwrap_or_default();
    let limit = args.max_time.map(|max| (started, max));
    let body = BodyReader::new(response, args.net.timeout, limit, None);
    write_body(body, expected, args.output.as_deref())?;
    if status.as_u16() >= 400 {
        return Err(
            Failure::new(Kind::Api, format!("the API answered HTTP {status}{debug}"))
                .with_hint(api_hint(status))
                .into(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The default headers every Adobe API wants.
fn headers(token: &Token, creds: &Credentials) -> HeaderMap {
    let mut map = HeaderMap::new();
    let bearer = format!("Bearer {}", token.access_token.expose());
    if let Ok(mut v) = HeaderValue::from_str(&bearer) {
        v.set_sensitive(true);
        map.insert(AUTHORIZATION, v);
    }
    for (name, value) in [
        ("x-api-key", creds.client_id()),
        ("x-gw-ims-org-id", creds.org_id()),
    ] {
        if let Ok(v) = HeaderValue::from_str(value) {
            map.insert(HeaderName::from_static(name), v);
        }
    }
    map
}

fn api_hint(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 => "the token was refused: check the API is added to the Developer Console project",
        403 => {
            "the credential lacks access: check the product profile, x-api-key and x-gw-ims-org-id (and x-sandbox-name or x-proxy-global-company-id where the API needs them)"
        }
        404 => "check the URL and any company, sandbox or tenant in it",
        _ => "the response body above says more",
    }
}

/// `[METHOD] URL`: the method defaults to GET, or POST when data is given.
fn target(args: &[String], has_data: bool) -> Result<(Method, Url), Failure> {
    let (method, raw) = match args {
        [url] => (if has_data { Method::POST } else { Method::GET }, url),
        [method, url] => {
            let upper = method.to_ascii_uppercase();
            let m = Method::from_bytes(upper.as_bytes())
                .map_err(|_| Failure::usage(format!("\"{method}\" is not an HTTP method")))?;
            (m, url)
        }
        _ => return Err(Failure::usage("call takes [METHOD] URL")),
    };
    let url = Url::parse(raw).map_err(|e| {
        Failure::usage(format!("the target is not a valid URL ({e})"))
            .with_hint("write it in full: adobe-jwt call https://analytics.adobe.io/api/…")
    })?;
    if url.host().is_none() {
        return Err(Failure::usage(format!(
            "{} has no host",
            urls::redact_url(&url)
        )));
    }
    urls::ensure_secure(&url, "the URL", Kind::Usage)?;
    Ok((method, url))
}

/// The hosts that get credentials by default: Adobe's API and IMS domains and their subdomains.
const ADOBE_DOMAINS: [&str; 4] = ["adobe.io", "adobe.com", "adobelogin.com", "omniture.com"];

/// Refuse, before any connection, to send the token, client id and org id to a host that is not
/// Adobe's (or loopback, or one the user allowed): a typo or a hostile URL in a script must not
/// hand a stranger a 24-hour token, as `az rest` keeps Azure tokens to Azure's endpoints.
fn ensure_adobe_host(url: &Url, allowed: &[String]) -> Result<(), Failure> {
    let host = url
        .host_str()
        .unwrap_or_default()
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
    let ok = urls::is_loopback(url)
        || ADOBE_DOMAINS.iter().any(|d| under(d))
        || allowed
            .iter()
            .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
            .any(|h| !h.is_empty() && (host == h || h.strip_prefix("*.").is_some_and(under)));
    if ok {
        return Ok(());
    }
    Err(Failure::usage(format!(
        "{host} is not an Adobe API host: the credentials are sent only to {} and their subdomains, and to loopback",
        ADOBE_DOMAINS.join(", ")
    ))
    .with_hint(format!(
        "if {host} is yours and should get the token, add --allow-host {host} (or ADOBE_JWT_ALLOW_HOSTS)"
    )))
}

/// `-H 'Name: value'` (an empty value removes a default header, as with curl).
fn parse_headers(raw: &[String]) -> Result<Vec<(HeaderName, Option<HeaderValue>)>, Failure> {
    raw.iter()
        .enumerate()
        .map(|(i, h)| {
            let malformed = || {
                Failure::usage(format!(
                    "-H #{} is not a header: write it as 'Name: value'",
                    i + 1
                ))
            };
            let (name, value) = h.split_once(':').ok_or_else(malformed)?;
            let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| malformed())?;
            let value = value.trim();
            if value.is_empty() {
                return Ok((name, None));
            }
            let mut v = HeaderValue::from_str(value).map_err(|_| {
                Failure::usage(format!(
                    "-H {name}: the value has characters a header cannot hold"
                ))
            })?;
            v.set_sensitive(true);
            Ok((name, Some(v)))
        })
        .collect()
}

/// The request body given with `-d`.
enum Data {
    Inline(String),
    File(PathBuf),
    Stdin(Vec<u8>),
}

impl Data {
    fn parse(raw: &str) -> Result<Self, Failure> {
        match raw.strip_prefix('@') {
            Some("-") => {
                if io::stdin().is_terminal() {
                    return Err(Failure::usage(
                        "-d @- reads the body from stdin, which is a terminal",
                    ));
                }
                let mut bytes = Vec::new();
                io::stdin().lock().read_to_end(&mut bytes).map_err(|e| {
                    Failure::config(format!("cannot read the body from stdin: {e}"))
                })?;
                Ok(Data::Stdin(bytes))
            }
            Some(path) => {
                let path = PathBuf::from(path);
                let meta = std::fs::metadata(&path).map_err(|e| {
                    Failure::config(format!("cannot read the data file {}: {e}", path.display()))
                })?;
                if meta.is_dir() {
                    return Err(Failure::config(format!(
                        "the data file {} is a directory",
                        path.display()
                    )));
                }
                File::open(&path).map_err(|e| {
                    Failure::config(format!("cannot read the data file {}: {e}", path.display()))
                })?;
                Ok(Data::File(path))
            }
            None => Ok(Data::Inline(raw.to_string())),
        }
    }

    /// A fresh body for each attempt.
    fn body(&self) -> Result<Body, Failure> {
        Ok(match self {
            Data::Inline(s) => Body::from(s.clone()),
            Data::Stdin(b) => Body::from(b.clone()),
            Data::File(p) => Body::from(File::open(p).map_err(|e| {
                Failure::config(format!("cannot read the data file {}: {e}", p.display()))
            })?),
        })
    }

    /// JSON (it starts with `{` or `[`) gets application/json, anything else curl's form type.
    fn content_type(&self) -> &'static str {
        let mut head = [0u8; 64];
        let start: &[u8] = match self {
            Data::Inline(s) => s.as_bytes(),
            Data::Stdin(b) => b,
            Data::File(p) => {
                let n = File::open(p)
                    .and_then(|mut f| f.read(&mut head))
                    .unwrap_or(0);
                &head[..n]
            }
        };
        match start.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b'[') => "application/json",
            _ => "application/x-www-form-urlencoded",
        }
    }
}

struct Request {
    method: Method,
    url: Url,
    overrides: Vec<(HeaderName, Option<HeaderValue>)>,
    data: Option<Data>,
}

impl Request {
    /// Send with the retry rules (idempotent methods only, or an explicit Retry-After) and follow
    /// redirects, dropping Authorization when one leads to another origin.
    /// The final response, and the URL that answered it.
    fn send(
        &self,
        client: &Client,
        defaults: &HeaderMap,
        ui: &Ui,
    ) -> Result<(Response, Url), Failure> {
        let mut headers = defaults.clone();
        for (name, _) in &self.overrides {
            headers.remove(name);
        }
        for (name, value) in &self.overrides {
            if let Some(v) = value {
                headers.append(name.clone(), v.clone());
            }
        }
        if let Some(data) = &self.data
            && !headers.contains_key(CONTENT_TYPE)
        {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(data.content_type()));
        }
        let (mut method, mut url, mut with_body) = (self.method.clone(), self.url.clone(), true);
        for _ in 0..=MAX_REDIRECTS {
            let host = url.host_str().unwrap_or("the API").to_string();
            let body_error = std::cell::RefCell::new(None);
            let response = http::send(ui, &host, is_idempotent(&method), || {
                let mut rb = client
                    .request(method.clone(), url.clone())
                    .headers(headers.clone());
                if with_body && let Some(data) = &self.data {
                    match data.body() {
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
            let Some(next) = redirect_target(&response, &url)? else {
                return Ok((response, url));
            };
            if origin(&next) != origin(&url) {
                let dropped = self.drop_private_headers(&mut headers);
                if !dropped.is_empty() {
                    ui.log(
                        1,
                        &format!(
                            "redirected to another origin, {}: not forwarded: {}",
                            urls::redact_url(&next),
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
                with_body = false;
                headers.remove(CONTENT_TYPE);
            }
            url = next;
        }
        Err(Failure::network(format!(
            "more than {MAX_REDIRECTS} redirects"
        )))
    }
}

impl Request {
    /// Before following a redirect to another origin: remove what proves who we are or was meant
    /// for the first host only (credentials, cookies, proxy credentials, every `-H` header), as curl
    /// does without `--location-trusted`. The names removed, for the log.
    fn drop_private_headers(&self, headers: &mut HeaderMap) -> Vec<String> {
        let mut names: Vec<HeaderName> = vec![
            AUTHORIZATION,
            COOKIE,
            PROXY_AUTHORIZATION,
            HeaderName::from_static("x-api-key"),
            HeaderName::from_static("x-gw-ims-org-id"),
        ];
        names.extend(self.overrides.iter().map(|(name, _)| name.clone()));
        names
            .into_iter()
            .filter(|name| headers.remove(name).is_some())
            .map(|name| name.to_string())
            .collect()
    }
}

fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
    )
}

fn origin(url: &Url) -> (String, Option<String>, Option<u16>) {
    (
        url.scheme().to_string(),
        url.host_str().map(str::to_ascii_lowercase),
        url.port_or_known_default(),
    )
}

/// Where a 3xx points, checked against the https rule; None for any other answer.
fn redirect_target(response: &Response, base: &Url) -> Result<Option<Url>, Failure> {
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
    let next = base.join(location).map_err(|_| {
        Failure::network(format!(
            "HTTP {} with an invalid Location",
            response.status().as_u16()
        ))
    })?;
    urls::ensure_secure(&next, "the redirect target", Kind::Network)?;
    Ok(Some(next))
}

/// `-i`: the status line and headers, on stderr.
fn print_head(response: &Response) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{:?} {}", response.version(), response.status());
    for (name, value) in response.headers() {
        let value = String::from_utf8_lossy(value.as_bytes());
        let _ = writeln!(err, "{name}: {}", visible(&value));
    }
    let _ = writeln!(err);
}

/// Stream the body to stdout or the file as it arrives; a cut-off body is an error that says so.
/// Stream the body to stdout or `-o FILE` as it arrives; a body cut off (by the server, by
/// `--timeout` without data, or by `--max-time`) is an error that says how much arrived.
fn write_body(mut body: BodyReader, expected: Option<u64>, output: Option<&Path>) -> Result<()> {
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(BufWriter::with_capacity(
            CHUNK,
            File::create(path)
                .map_err(|e| Failure::config(format!("cannot write {}: {e}", path.display())))?,
        )),
        None => Box::new(BufWriter::with_capacity(CHUNK, io::stdout().lock())),
    };
    loop {
        match body.next() {
            Ok(Some(piece)) => out.write_all(&piece)?,
            Ok(None) => break,
            Err(cut) => {
                out.flush()?;
                let of = expected.map(|t| format!(" of {t}")).unwrap_or_default();
                let place = output.map_or("stdout".to_string(), |p| p.display().to_string());
                return Err(Failure::network(format!(
                    "the response was cut off after {}{of} bytes ({cut}); what {place} got is incomplete",
                    body.received
                ))
                .into());
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn header_errors_never_quote_the_value(name in "\\PC{0,12}", value in "\\PC{16,40}") {
            let raw = format!("{name}:{value}");
            if let Err(f) = parse_headers(&[raw]) {
                prop_assert!(!f.message.contains(value.trim()));
            }
        }

        #[test]
        fn any_header_text_is_parsed_or_refused(raw in prop::collection::vec("\\PC{0,30}", 0..5)) {
            if let Ok(headers) = parse_headers(&raw) {
                prop_assert_eq!(headers.len(), raw.len());
            }
        }

        #[test]
        fn any_target_is_parsed_or_refused(a in "\\PC{0,40}", b in "\\PC{0,40}", two in any::<bool>(), data in any::<bool>()) {
            let args = if two { vec![a, b] } else { vec![a] };
            if let Ok((_, url)) = target(&args, data) {
                prop_assert!(url.scheme() == "https" || urls::is_loopback(&url));
            }
        }

        #[test]
        fn inline_data_gets_a_content_type(data in "\\PC{0,60}") {
            let ct = Data::Inline(data.clone()).content_type();
            let json = data.trim_start().starts_with(['{', '[']);
            prop_assert_eq!(ct == "application/json", json);
        }
    }
}
