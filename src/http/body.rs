//! Reading an answer's body: in pieces as it arrives, each wait bounded by the request's own
//! timeout (reqwest's), the whole by a limit checked as data comes, and the size bounded; an answer
//! read whole for IMS and the Console.

use std::io::Read;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::Response;

use super::{Settings, debug_id};
use crate::error::Failure;
use crate::output::duration;

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

/// A response body read in pieces. Each read waits at most the request's timeout (`idle`: the
/// request was sent with it, and reqwest applies it to every read); an overall limit is checked
/// as each piece arrives, so a server that drips or never ends is stopped; and at most `max_bytes`
/// are taken.
pub struct BodyReader {
    response: Response,
    idle: Duration,
    deadline: Option<(Instant, Duration)>,
    max_bytes: Option<u64>,
    buf: Vec<u8>,
    /// Bytes handed over so far.
    pub received: u64,
}

const PIECE: usize = 64 * 1024;

impl BodyReader {
    /// Read `response`, sent with `idle` as its timeout; `limit` is the overall bound measured from
    /// `since`.
    pub fn new(
        response: Response,
        idle: Duration,
        limit: Option<(Instant, Duration)>,
        max_bytes: Option<u64>,
    ) -> Self {
        Self {
            response,
            idle,
            deadline: limit.map(|(since, d)| (since + d, d)),
            max_bytes,
            buf: vec![0u8; PIECE],
            received: 0,
        }
    }

    /// The next piece; `None` at the end of the body.
    pub fn next(&mut self) -> Result<Option<Vec<u8>>, Cut> {
        if let Some((at, limit)) = self.deadline
            && Instant::now() >= at
        {
            return Err(Cut::Deadline(limit));
        }
        loop {
            match self.response.read(&mut self.buf) {
                Ok(0) => return Ok(None),
                Ok(n) => {
                    self.received += n as u64;
                    return match self.max_bytes {
                        Some(max) if self.received > max => Err(Cut::TooLarge(max)),
                        _ => Ok(Some(self.buf[..n].to_vec())),
                    };
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) if is_timeout(&e) => {
                    return Err(match self.deadline {
                        Some((at, limit)) if Instant::now() >= at => Cut::Deadline(limit),
                        _ => Cut::Idle(self.idle),
                    });
                }
                Err(e) => return Err(Cut::Failed(e.to_string())),
            }
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
    /// Read an answer (`what` names it: "IMS's answer"): at most `max` bytes, and by `--timeout`
    /// after the attempt began or the run's deadline, whichever comes first.
    pub fn read(
        response: Response,
        started: Instant,
        settings: &Settings,
        max: u64,
        what: &str,
    ) -> Result<Self, Failure> {
        let timeout = settings.timeout;
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

    /// The body as a JSON object, or what it is instead, for the message that says so ("not
    /// JSON", "a JSON array, not an object"): the one check of "is this an answer, or a proxy's
    /// page" for IMS and the Console.
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
}
