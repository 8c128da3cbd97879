//! URL rules shared by every request: https, or plain http to loopback only; and URLs fit to show.

use std::net::IpAddr;

use reqwest::Url;

use crate::error::{Failure, Kind};
use crate::redact::SafeUrl;

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
            SafeUrl::new(url)
        ))
        .with_hint("use https (plain http is accepted only for 127.0.0.1, ::1 and localhost)")),
        other => Err(Failure::new(kind, format!(
            "{what} {} has the unsupported scheme {other}:",
            SafeUrl::new(url)
        ))
        .with_hint("use an https:// URL")),
    }
}

/// The hosts that get credentials by default: Adobe's API and IMS domains and their subdomains.
pub const ADOBE_DOMAINS: [&str; 4] = ["adobe.io", "adobe.com", "adobelogin.com", "omniture.com"];

/// Which hosts may receive the credentials: Adobe's, loopback, and those `--allow-host` names
/// (`*.example.com` for a domain and its subdomains). A typo or a hostile URL in a script must not
/// hand a stranger a 24-hour token, as `az rest` keeps Azure tokens to Azure's endpoints; every
/// redirect hop is held to the same rule.
#[derive(Debug, Clone, Default)]
pub struct HostRule {
    allowed: Vec<String>,
}

impl HostRule {
    pub fn new(allowed: &[String]) -> Self {
        Self {
            allowed: allowed
                .iter()
                .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
                .filter(|h| !h.is_empty())
                .collect(),
        }
    }

    /// Whether the URL's host may receive the credentials.
    pub fn allows(&self, url: &Url) -> bool {
        let host = url
            .host_str()
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        let under = |domain: &str| host == domain || host.ends_with(&format!(".{domain}"));
        is_loopback(url)
            || ADOBE_DOMAINS.iter().any(|d| under(d))
            || self
                .allowed
                .iter()
                .any(|h| host == *h || h.strip_prefix("*.").is_some_and(under))
    }

    /// The refusal of a host the rule does not allow, before any connection (exit 2).
    pub fn check(&self, url: &Url) -> Result<(), Failure> {
        if self.allows(url) {
            return Ok(());
        }
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        Err(Failure::usage(format!(
            "{host} is not an Adobe API host: the credentials are sent only to {} and their subdomains, and to loopback",
            ADOBE_DOMAINS.join(", ")
        ))
        .with_hint(format!(
            "if {host} is yours and should get the token, add --allow-host {host} (or ADOBE_JWT_ALLOW_HOSTS)"
        )))
    }
}

pub const PROD_IMS: &str = "https://ims-na1.adobelogin.com";
pub const STAGE_IMS: &str = "https://ims-na1-stg1.adobelogin.com";

/// The IMS base URL: https, or http to a loopback host only; kept parsed and normalised (lower-case
/// host, no default port, no trailing slash), so claims and endpoints are built from one spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ims {
    url: Url,
}

/// A base URL a secret is sent to: https (http to loopback only), and nothing but a scheme, host,
/// port and path: no query, fragment or user name.
pub fn base_url(raw: &str, what: &str, example: &str) -> Result<Url, Failure> {
    let url = parse_url(raw.trim(), what)?;
    ensure_secure(&url, what, Kind::Config)?;
    let extra = if url.query().is_some() {
        Some("a query")
    } else if url.fragment().is_some() {
        Some("a fragment")
    } else if !url.username().is_empty() || url.password().is_some() {
        Some("a user name or password")
    } else {
        None
    };
    if let Some(extra) = extra {
        return Err(Failure::config(format!(
            "{what} {} has {extra}; it must be a base URL",
            SafeUrl::new(&url)
        ))
        .with_hint(format!("e.g. {example}")));
    }
    Ok(url)
}

impl Ims {
    pub fn parse(raw: &str) -> Result<Self, Failure> {
        Ok(Self {
            url: base_url(raw, "the IMS URL", PROD_IMS)?,
        })
    }

    /// Adobe's own IMS (production, stage or another region), not the emulator or a stand-in.
    pub fn is_adobe(&self) -> bool {
        self.url.host_str().is_some_and(|h| {
            let h = h.trim_end_matches('.');
            h == "adobelogin.com" || h.ends_with(".adobelogin.com")
        })
    }

    /// `https://ims-na1.adobelogin.com`, without a trailing slash.
    pub fn base(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }

    /// The `aud` claim: `{ims}/c/{client_id}`.
    pub fn audience(&self, client_id: &str) -> String {
        format!("{}/c/{client_id}", self.base())
    }

    pub fn jwt_endpoint(&self) -> String {
        format!("{}/ims/exchange/jwt", self.base())
    }

    pub fn token_endpoint(&self) -> String {
        format!("{}/ims/token/v3", self.base())
    }

    pub fn validate_endpoint(&self) -> String {
        format!("{}/ims/validate_token/v1", self.base())
    }

    pub fn invalidate_endpoint(&self) -> String {
        format!("{}/ims/invalidate_token/v2", self.base())
    }

    /// Metascope claim names: full URLs as they are, bare names as `{ims}/s/{name}`.
    pub fn metascope_claims(&self, raw: &str) -> Vec<String> {
        crate::credential::split_list(raw)
            .into_iter()
            .map(|m| {
                if m.contains("://") {
                    m
                } else {
                    format!("{}/s/{m}", self.base())
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metascopes_are_normalised() {
        let ims = Ims::parse("https://ims-na1-stg1.adobelogin.com/").expect("valid");
        assert_eq!(
            ims.metascope_claims(" ent_a , ,https://ims-na1.adobelogin.com/s/ent_b,"),
            vec![
                "https://ims-na1-stg1.adobelogin.com/s/ent_a".to_string(),
                "https://ims-na1.adobelogin.com/s/ent_b".to_string(),
            ]
        );
        assert_eq!(
            ims.audience("abc"),
            "https://ims-na1-stg1.adobelogin.com/c/abc"
        );
    }

    #[test]
    fn ims_urls_must_be_https_except_on_loopback() {
        assert!(Ims::parse("http://127.0.0.1:8080").is_ok());
        assert!(Ims::parse("http://localhost:1").is_ok());
        assert!(Ims::parse("http://[::1]:1").is_ok());
        assert!(Ims::parse("http://ims.example.com").is_err());
        assert!(Ims::parse("ftp://127.0.0.1").is_err());
        assert!(Ims::parse("not a url").is_err());
    }

    #[test]
    fn ims_urls_are_kept_in_one_spelling() {
        let ims = Ims::parse("HTTPS://IMS-NA1.AdobeLogin.com:443/").expect("valid");
        assert_eq!(ims.base(), "https://ims-na1.adobelogin.com");
        assert_eq!(ims.audience("abc"), "https://ims-na1.adobelogin.com/c/abc");
        assert_eq!(
            ims.token_endpoint(),
            "https://ims-na1.adobelogin.com/ims/token/v3"
        );
        for bad in [
            "https://ims-na1.adobelogin.com/?x=1",
            "https://ims.example/#f",
            "https://u:p@ims.example",
        ] {
            assert!(Ims::parse(bad).is_err(), "{bad}");
        }
    }
}
