//! URL rules shared by every request: https, or plain http to loopback only; and URLs fit to show.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::{Failure, Kind};

/// Parse a URL, naming it in the error.
pub fn parse_url(raw: &str, what: &str) -> Result<Url, Failure> {
    Url::parse(raw).map_err(|e| {
        Failure::config(format!("{what} is not a valid URL ({e})"))
            .with_hint("write it in full, e.g. https://ims-na1.adobelogin.com")
    })
}

/// True for 127.0.0.0/8, ::1 and localhost.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Refuse anything that would send secrets in the clear, before any secret leaves the process.
/// `kind` is what a refusal means where the URL came from (configuration, the command line, a server).
pub fn ensure_secure(url: &Url, what: &str, kind: Kind) -> Result<(), Failure> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Failure::new(kind, format!(
            "{what} {} uses plain http to a host that is not loopback; refusing to send credentials in the clear",
            redact_url(url)
        ))
        .with_hint("use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)")),
        other => Err(Failure::new(kind, format!(
            "{what} {} has the unsupported scheme {other}:",
            redact_url(url)
        ))
        .with_hint("use an https:// URL")),
    }
}

/// A URL for logs: no query string, no userinfo.
pub fn redact_url(url: &Url) -> String {
    let mut shown = format!("{}://{}", url.scheme(), url.host_str().unwrap_or(""));
    if let Some(port) = url.port() {
        shown.push_str(&format!(":{port}"));
    }
    shown.push_str(url.path());
    if url.query().is_some() {
        shown.push_str("?…");
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_logs_lose_their_query_and_userinfo() {
        let url = Url::parse("https://user:pw@example.com/a?token=secret").expect("url");
        assert_eq!(redact_url(&url), "https://example.com/a?…");
    }
}
