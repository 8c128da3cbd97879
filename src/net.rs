//! URL rules shared by every request: https, or plain http to loopback only.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::Failure;

/// Parse a URL, naming it in the error.
pub fn parse_url(raw: &str, what: &str) -> Result<Url, Failure> {
    Url::parse(raw).map_err(|e| {
        Failure::config(format!("{what} \"{raw}\" is not a valid URL ({e})"))
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
pub fn ensure_secure(url: &Url, what: &str) -> Result<(), Failure> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Failure::config(format!(
            "{what} {url} uses plain http to a host that is not loopback; refusing to send credentials in the clear"
        ))
        .with_hint("use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)")),
        other => Err(Failure::config(format!(
            "{what} {url} has the unsupported scheme {other}:"
        ))
        .with_hint("use an https:// URL")),
    }
}
