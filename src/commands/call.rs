//! `call`: an Adobe API request with the token and the usual headers; the body streams out. The
//! HTTP mechanics (a body sent again, redirects under the host rule, private headers) live in `http`.

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::error::Result;
use reqwest::Url;
use reqwest::blocking::Response;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode};

use crate::cli::CallArgs;
use crate::credential::Credentials;
use crate::environment::Environment;
use crate::error::{Failure, Kind};
use crate::files::{self, Accept};
use crate::http::{self, BodyReader, Outgoing, Payload};
use crate::ims::Token;
use crate::jwt;
use crate::output::{Ui, escape_controls};
use crate::settings::{self, Context};
use crate::urls::{self, HostRule};

const CHUNK: usize = 64 * 1024;
/// Longer URLs are refused before any request: servers and proxies commonly accept 8 KiB.
const MAX_URL: usize = 8 * 1024;

pub fn run(args: &CallArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let (method, url) = target(&args.target, args.data.is_some())?;
    let rule = HostRule::new(&settings::allowed_hosts(&args.allow_hosts, env)?);
    rule.check(&url)?;
    let options = settings::options(
        &args.net,
        settings::cache_policy(&args.cache),
        jwt::DEFAULT_LIFETIME,
        env,
    )?;
    // Inputs from pipes and FIFOs are read within the run's deadline.
    let until = options.http.deadline.at;
    if args.data.as_deref() == Some("@-") && args.headers.iter().any(|h| h == "@-") {
        return Err(Failure::usage(
            "-d @- and -H @- both read stdin: give one of them a file",
        ));
    }
    let payload = args
        .data
        .as_deref()
        .map(|d| payload(d, until))
        .transpose()?;
    let given = parse_headers(&header_lines(&args.headers, until)?)?;
    let session = Context::new(&args.credentials, env, ui)?.session(&options)?;
    let obtained = session.get()?;
    let mut request = Outgoing {
        method,
        url,
        headers: headers(&obtained.token, &session.creds, &given, payload.as_ref()),
        given: given.iter().map(|(name, _)| name.clone()).collect(),
        payload,
    };
    let (mut response, answered_by) = request.send(session.http(), &rule)?;
    // A 401 means our token was refused only when it came from the origin the token was sent to.
    if response.status() == StatusCode::UNAUTHORIZED
        && obtained.cached
        && answered_by.origin() == request.url.origin()
    {
        ui.note(
            "the API refused the cached token (HTTP 401); fetching a fresh one and retrying once",
        );
        let fresh = session.renew()?;
        request.headers = headers(&fresh, &session.creds, &given, request.payload.as_ref());
        response = request.send(session.http(), &rule)?.0;
    }
    let status = response.status();
    let expected = response.content_length();
    // `-o -` is stdout, as for curl.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let head = args.include.then(|| head(&response));
    let debug = http::debug_id(&response)
        .map(|d| format!(", x-debug-id {d}"))
        .unwrap_or_default();
    // Without --max-time a body streams for as long as data keeps coming.
    let deadline = session.http().settings().deadline;
    let limit = deadline
        .explicit
        .then(|| (deadline.at - deadline.limit, deadline.limit));
    let body = BodyReader::new(response, args.net.timeout, limit, None);
    let ended_line = match write_body(head, body, expected, output) {
        // A reader that has gone (`| head -1`) ends the body quietly; the status still counts.
        Err(f) if f.is_closed() => true,
        other => other?,
    };
    if status.as_u16() >= 400 {
        // A body without a last newline on the terminal: the error starts a line of its own.
        if !ended_line && output.is_none() && io::stdout().is_terminal() {
            let _ = writeln!(io::stderr());
        }
        let place = output.map_or("above".to_string(), |p| format!("in {}", p.display()));
        return Err(
            Failure::new(Kind::Api, format!("the API answered HTTP {status}{debug}"))
                .with_hint(api_hint(status, &place)),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The headers of the request: the token, the client id and the org, then the user's `-H` (which
/// replace a default of the same name; an empty one removes it), and a content type for a body.
fn headers(
    token: &Token,
    creds: &Credentials,
    given: &[(HeaderName, Option<HeaderValue>)],
    payload: Option<&Payload>,
) -> HeaderMap {
    let mut headers = defaults(token, creds);
    for (name, _) in given {
        headers.remove(name);
    }
    for (name, value) in given {
        if let Some(v) = value {
            headers.append(name.clone(), v.clone());
        }
    }
    if let Some(p) = payload
        && !headers.contains_key(CONTENT_TYPE)
    {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type(p)));
    }
    headers
}

/// The default headers every Adobe API wants.
fn defaults(token: &Token, creds: &Credentials) -> HeaderMap {
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

/// What to do about an API's error status; `place` is where the body went (`above`, `in FILE`).
fn api_hint(status: StatusCode, place: &str) -> String {
    match status.as_u16() {
        401 => "the token was refused: check the API is added to the Developer Console project".into(),
        403 => {
            "the credential lacks access: check the product profile, x-api-key and x-gw-ims-org-id (and x-sandbox-name or x-proxy-global-company-id where the API needs them)".into()
        }
        404 => "check the URL and any company, sandbox or tenant in it".into(),
        _ => format!("the response body {place} says more"),
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
    if raw.len() > MAX_URL {
        return Err(Failure::usage(format!(
            "the URL is {} bytes long, more than the {MAX_URL} that servers and proxies accept",
            raw.len()
        ))
        .with_hint("send large parameters as a body: -d @FILE"));
    }
    let url = Url::parse(raw).map_err(|e| {
        Failure::usage(format!("the target is not a valid URL ({e})"))
            .with_hint("write it in full: adobe-jwt call https://analytics.adobe.io/api/…")
    })?;
    if url.host().is_none() {
        return Err(Failure::usage(format!(
            "{} has no host",
            crate::redact::SafeUrl::new(&url)
        )));
    }
    urls::ensure_secure(&url, "the URL", Kind::Usage)?;
    Ok((method, url))
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

/// Bodies read into memory (stdin, a pipe, a FIFO) may be this large; a regular file streams.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// The body given with `-d`: DATA; `@FILE`, a regular file read again for each attempt, or a pipe
/// or FIFO (`@/dev/stdin`, `@<(cmd)`) read once, whole; or `@-`, stdin, read now.
fn payload(raw: &str, until: Instant) -> Result<Payload, Failure> {
    match raw.strip_prefix('@') {
        Some("-") => {
            if io::stdin().is_terminal() {
                return Err(Failure::usage(
                    "-d @- reads the body from stdin, which is a terminal",
                ));
            }
            Ok(Payload::Bytes(files::read_stdin(
                "the body",
                MAX_BODY,
                Some(until),
            )?))
        }
        Some(path) => {
            let path = PathBuf::from(path);
            let meta = std::fs::metadata(&path).map_err(|e| {
                Failure::config(format!("cannot read the data file {}: {e}", path.display()))
            })?;
            if !meta.is_file() {
                return Ok(Payload::Bytes(files::read_bounded(
                    &path,
                    "the data file",
                    Accept::RegularOrPipe,
                    MAX_BODY,
                    Some(until),
                )?));
            }
            let mut head = [0u8; 64];
            let n = File::open(&path)
                .and_then(|mut f| f.read(&mut head))
                .map_err(|e| {
                    Failure::config(format!("cannot read the data file {}: {e}", path.display()))
                })?;
            Ok(Payload::File {
                json: http::starts_like_json(&head[..n]),
                path,
            })
        }
        None => Ok(Payload::Bytes(raw.as_bytes().to_vec())),
    }
}

/// The `-H` values, with each `-H @FILE` (or `@-`) replaced by the header lines of that file, as
/// curl reads them (blank lines skipped): `token --format headers > h; adobe-jwt call -H @h …`.
fn header_lines(given: &[String], until: Instant) -> Result<Vec<String>, Failure> {
    let mut lines = Vec::with_capacity(given.len());
    for h in given {
        let Some(source) = h.strip_prefix('@') else {
            lines.push(h.clone());
            continue;
        };
        let bytes = if source == "-" {
            files::read_stdin("the headers", files::MAX_INPUT, Some(until))?
        } else {
            files::read_bounded(
                Path::new(source),
                "the headers file",
                Accept::RegularOrPipe,
                files::MAX_INPUT,
                Some(until),
            )?
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| Failure::usage(format!("-H {h}: the headers file is not UTF-8 text")))?;
        lines.extend(
            text.lines()
                .map(|l| l.trim_end_matches('\r'))
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    Ok(lines)
}

/// JSON (it starts with `{` or `[`) gets application/json, anything else curl's form type.
fn content_type(payload: &Payload) -> &'static str {
    if payload.is_json() {
        "application/json"
    } else {
        "application/x-www-form-urlencoded"
    }
}

/// `-i`: the status line and headers, then an empty line, before the body (as curl -i writes them).
fn head(response: &Response) -> String {
    let mut text = format!("{:?} {}\n", response.version(), response.status());
    for (name, value) in response.headers() {
        let value = String::from_utf8_lossy(value.as_bytes());
        text.push_str(&format!("{name}: {}\n", escape_controls(&value)));
    }
    text.push('\n');
    text
}

/// Stream the body (after `-i`'s head) to stdout or `-o FILE` as it arrives; a body cut off (by the
/// server, by `--timeout` without data, or by `--max-time`) is an error that says how much arrived.
/// Whether what was written ends a line (or is empty).
fn write_body(
    head: Option<String>,
    mut body: BodyReader,
    expected: Option<u64>,
    output: Option<&Path>,
) -> Result<bool> {
    let mut out: Box<dyn Write> = match output {
        Some(path) => Box::new(BufWriter::with_capacity(
            CHUNK,
            File::create(path)
                .map_err(|e| Failure::config(format!("cannot write {}: {e}", path.display())))?,
        )),
        None => Box::new(BufWriter::with_capacity(CHUNK, io::stdout().lock())),
    };
    let mut ends_line = true;
    if let Some(head) = head {
        out.write_all(head.as_bytes())?;
    }
    loop {
        match body.next() {
            Ok(Some(piece)) => {
                if let Some(last) = piece.last() {
                    ends_line = *last == b'\n';
                }
                out.write_all(&piece)?;
            }
            Ok(None) => break,
            Err(cut) => {
                out.flush()?;
                let of = expected.map(|t| format!(" of {t}")).unwrap_or_default();
                let place = output.map_or("stdout".to_string(), |p| p.display().to_string());
                return Err(Failure::network(format!(
                    "the response was cut off after {}{of} bytes ({cut}); what {place} got is incomplete",
                    body.received
                )));
            }
        }
    }
    out.flush()?;
    Ok(ends_line)
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
            let ct = content_type(&Payload::Bytes(data.clone().into_bytes()));
            let json = data.trim_start().starts_with(['{', '[']);
            prop_assert_eq!(ct == "application/json", json);
        }
    }
}
