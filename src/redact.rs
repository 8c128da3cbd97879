//! Every way a value is hidden, in one place: a [`Secret`] that never prints itself, server text
//! scrubbed of what was sent ([`scrub`]), the run's own secrets kept out of every log line
//! ([`remember`], [`scrub_remembered`]), ids shown masked ([`mask_id`]) and URLs shown without
//! userinfo or query values ([`SafeUrl`]).

use std::fmt;
use std::sync::Mutex;

use url::Url;

/// A credential value (client secret, private key, passphrase, assertion, access token).
/// `Debug` and `Display` show only its length, so a stray `{:?}` cannot leak it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// A secret this run resolved (read, received or made): [`remember`]ed at once, so that no
    /// log, masked output or CI log shows it.
    pub fn remembered(value: impl Into<String>) -> Self {
        let secret = Self(value.into());
        remember(&secret);
        secret
    }

    /// The value itself, for the few places that must send or store it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Drop for Secret {
    /// The value is overwritten before its memory is freed.
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(<redacted, {} chars>)", self.len())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// The secret values this run has read (client secrets, private keys, passphrases, tokens): the
/// logger scrubs every line of them, `exec --mask` replaces them in the child's output, and in CI
/// the runner is told to mask them ([`announce_to`]).
static REMEMBERED: Mutex<Vec<Secret>> = Mutex::new(Vec::new());

/// A CI runner that masks a value in its logs once a workflow command names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runner {
    /// GitHub Actions: `::add-mask::VALUE`, read on stdout and stderr alike.
    GitHub,
    /// Azure Pipelines: `##vso[task.setsecret]VALUE`, read on stdout and stderr alike.
    Azure,
}

impl Runner {
    /// The workflow command that masks `line` (one line: the runners mask line by line).
    pub fn command(self, line: &str) -> String {
        match self {
            // The runner unescapes a command's data: `%25` is `%`, `%0D` and `%0A` line breaks.
            Runner::GitHub => format!(
                "::add-mask::{}",
                line.replace('%', "%25")
                    .replace('\r', "%0D")
                    .replace('\n', "%0A")
            ),
            // The agent decodes `%AZP25` only behind a feature flag: a value is given as it is
            // (a secret holding `%3B` or `%0A` literally would be masked in its decoded form).
            Runner::Azure => format!("##vso[task.setsecret]{line}"),
        }
    }
}

/// Where [`remember`] announces values: set once, from the environment, before any is read.
static ANNOUNCE: std::sync::OnceLock<Vec<Runner>> = std::sync::OnceLock::new();

/// Announce every value [`remember`] is given from now on to these runners, on stderr (which
/// they read as they read stdout), so that stdout stays what it is outside CI.
pub fn announce_to(runners: Vec<Runner>) {
    let _ = ANNOUNCE.set(runners);
}

/// Values this short are not searched for: they would hide ordinary words.
const SHORTEST: usize = 4;

/// Keep a secret value out of every log line and masked output from now on, and, in CI, have the
/// runner mask it: once per value, and line by line for a value with line breaks (each line of a
/// PEM; not its `-----BEGIN …-----` armour, which is no secret).
pub fn remember(value: &Secret) {
    remember_text(value.expose());
}

/// [`remember`] for a value not (yet) held as a [`Secret`].
pub fn remember_text(value: &str) {
    let value = value.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if value.chars().count() < SHORTEST {
        return;
    }
    // A lone CR ends a line for the runners too (.NET's ReadLine): split on both.
    let lines: Vec<&str> = if value.contains(['\n', '\r']) {
        value
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| l.chars().count() >= SHORTEST && !l.starts_with("-----"))
            .collect()
    } else {
        vec![value]
    };
    let mut known = REMEMBERED.lock().unwrap_or_else(|e| e.into_inner());
    let mut announced = String::new();
    let runners = ANNOUNCE.get().map(Vec::as_slice).unwrap_or_default();
    for text in std::iter::once(value).chain(lines.iter().copied()) {
        if known.iter().any(|k| k.expose() == text) {
            continue;
        }
        known.push(Secret::new(text));
        if text.contains(['\n', '\r']) {
            continue;
        }
        for runner in runners {
            announced.push_str(&runner.command(text));
            announced.push('\n');
        }
    }
    drop(known);
    if !announced.is_empty() {
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(announced.as_bytes());
        let _ = err.flush();
        zeroize::Zeroize::zeroize(&mut announced);
    }
}

/// Every value remembered so far, one line each (what `exec --mask` replaces).
pub fn remembered_lines() -> Vec<Secret> {
    let known = REMEMBERED.lock().unwrap_or_else(|e| e.into_inner());
    known
        .iter()
        .filter(|k| !k.expose().contains(['\n', '\r']))
        .cloned()
        .collect()
}

/// [`scrub`] with the values [`remember`] was given.
pub fn scrub_remembered(text: &str) -> String {
    let known = REMEMBERED.lock().unwrap_or_else(|e| e.into_inner());
    let values: Vec<&str> = known.iter().map(Secret::expose).collect();
    scrub(text, &values)
}

/// Server text fit to quote: our own secrets and anything shaped like a JWT (`eyJ…`) replaced.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        for spelling in spellings(secret) {
            out = out.replace(&spelling, "<redacted>");
        }
    }
    let token_char = |c: char| c.is_ascii_alphanumeric() || "-_.+/".contains(c);
    let mut result = String::with_capacity(out.len());
    let mut word = String::new();
    for c in out.chars().chain(std::iter::once(' ')) {
        if token_char(c) {
            word.push(c);
            continue;
        }
        if word.contains("eyJ") {
            result.push_str("<redacted>");
        } else {
            result.push_str(&word);
        }
        word.clear();
        result.push(c);
    }
    result.pop();
    result
}

/// The ways a sent secret can come back: as sent, form-encoded (`+` for space, upper- and
/// lower-case hex), and percent-encoded with `%20`.
fn spellings(secret: &str) -> Vec<String> {
    let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    let mut all = vec![
        secret.to_string(),
        lower_hex(&form),
        form.replace('+', "%20"),
    ];
    all.push(form);
    all.sort();
    all.dedup();
    all
}

/// `%2B` → `%2b`: the hex digits of percent escapes in lower case.
fn lower_hex(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut in_escape = 0;
    for c in encoded.chars() {
        if c == '%' {
            in_escape = 2;
            out.push(c);
        } else if in_escape > 0 {
            in_escape -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `4f0c…3a4b` for ids; short values only as their length.
pub fn mask_id(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() < 12 {
        return format!("({} chars)", chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// A URL as people are shown it: scheme, host, port and path; never userinfo, and `?…` for a query
/// (whose values could hold a secret). It has no way to print more, as uv's `DisplaySafeUrl`.
#[derive(Debug, Clone)]
pub struct SafeUrl(Url);

impl SafeUrl {
    pub fn new(url: &Url) -> Self {
        Self(url.clone())
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let url = &self.0;
        write!(f, "{}://{}", url.scheme(), url.host_str().unwrap_or(""))?;
        if let Some(port) = url.port() {
            write!(f, ":{port}")?;
        }
        f.write_str(url.path())?;
        if url.query().is_some() {
            f.write_str("?…")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_secrets_are_scrubbed_from_any_text() {
        remember(&Secret::new("p8e-remembered-in-a-test"));
        remember(&Secret::new("abc"));
        assert_eq!(
            scrub_remembered("sent p8e-remembered-in-a-test, got eyJhbGci.x.y; abc"),
            "sent <redacted>, got <redacted>; abc"
        );
    }

    #[test]
    fn never_formats_the_value() {
        let s = Secret::new("p8e-topsecret");
        assert!(!format!("{s:?}").contains("topsecret"));
        assert!(!format!("{s}").contains("topsecret"));
        assert!(!format!("{s:#?}").contains("topsecret"));
        assert_eq!(s.expose(), "p8e-topsecret");
    }

    #[test]
    fn scrub_removes_sent_secrets_and_jwts_only() {
        let text = "bad jwt_token=eyJhbGc.eyJzdWI.sig for secret p8e-abc, code 400.";
        assert_eq!(
            scrub(text, &["p8e-abc"]),
            "bad jwt_token=<redacted> for secret <redacted>, code 400."
        );
        assert_eq!(scrub("plain text", &[]), "plain text");
        assert_eq!(
            scrub(
                "echo p8e%2BAdv%2FSecret%3DValue and p8e%2badv",
                &["p8e+Adv/Secret=Value"]
            ),
            "echo <redacted> and p8e%2badv"
        );
        assert_eq!(
            scrub("p8e%2badv%2fsecret%3dvalue", &["p8e+adv/secret=value"]),
            "<redacted>"
        );
    }

    #[test]
    fn ids_are_masked() {
        assert_eq!(mask_id("4f0c1234567890abcdef3a4b"), "4f0c…3a4b");
        assert_eq!(mask_id("short"), "(5 chars)");
    }

    #[test]
    fn urls_shown_lose_their_query_and_userinfo() {
        let url = Url::parse("https://user:pw@example.com:8443/a?token=secret").expect("url");
        assert_eq!(
            SafeUrl::new(&url).to_string(),
            "https://example.com:8443/a?…"
        );
    }
}
