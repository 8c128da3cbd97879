//! The credential model: the key names of both kinds, where a value came from, how aio names its
//! context keys, which variables hold secrets, and the resolved credentials with their decoded
//! private key. Pure definitions; nothing here reads anything (`config` resolves the credentials,
//! `key` decodes the key).

use std::cell::OnceCell;
use std::fmt;
use std::rc::Rc;

use jsonwebtoken::EncodingKey;

use crate::clock::Day;
use crate::crypto::{RsaPrivateKey, RsaPublicKey};
use crate::error::Failure;
use crate::redact::Secret;

pub const JWT_CLIENT_ID: &str = "JWT_CLIENT_ID";
pub const JWT_CLIENT_SECRET: &str = "JWT_CLIENT_SECRET";
pub const JWT_TECHNICAL_ACCOUNT_ID: &str = "JWT_TECHNICAL_ACCOUNT_ID";
pub const JWT_IMS_ORG: &str = "JWT_IMS_ORG";
pub const JWT_METASCOPES: &str = "JWT_METASCOPES";
pub const JWT_PRIVATE_KEY: &str = "JWT_PRIVATE_KEY";
pub const JWT_PRIVATE_KEY_PASSPHRASE: &str = "JWT_PRIVATE_KEY_PASSPHRASE";
pub const OAUTH_CLIENT_ID: &str = "IMS_OAUTH_S2S_CLIENT_ID";
pub const OAUTH_CLIENT_SECRET: &str = "IMS_OAUTH_S2S_CLIENT_SECRET";
pub const OAUTH_ORG_ID: &str = "IMS_OAUTH_S2S_ORG_ID";
pub const OAUTH_SCOPES: &str = "IMS_OAUTH_S2S_SCOPES";
/// The Developer Console's numeric ids of an OAuth Server-to-Server credential (for `secret`).
pub const OAUTH_CREDENTIAL_ID: &str = "IMS_OAUTH_S2S_CREDENTIAL_ID";
pub const OAUTH_CONSOLE_ORG_ID: &str = "IMS_OAUTH_S2S_CONSOLE_ORG_ID";
/// The uuid of the client secret in use, recorded beside it by `secret rotate` (so that `secret
/// delete` and `secret prune` never remove the secret the credentials use).
pub const OAUTH_CLIENT_SECRET_UUID: &str = "IMS_OAUTH_S2S_CLIENT_SECRET_UUID";

/// Which credential kind a run asks for: the complete one (OAuth when both are), or one by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthChoice {
    #[default]
    Auto,
    Jwt,
    Oauth,
}

/// The two kinds of Developer Console credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AuthKind {
    /// Service Account (JWT), the seed's, ended by Adobe.
    Jwt,
    /// OAuth Server-to-Server (client_credentials).
    OAuth,
}

impl AuthKind {
    /// The keys this kind needs (without profile prefix), in the order people read them.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            AuthKind::Jwt => &[
                JWT_CLIENT_ID,
                JWT_CLIENT_SECRET,
                JWT_TECHNICAL_ACCOUNT_ID,
                JWT_IMS_ORG,
                JWT_METASCOPES,
                JWT_PRIVATE_KEY,
            ],
            AuthKind::OAuth => &[
                OAUTH_CLIENT_ID,
                OAUTH_CLIENT_SECRET,
                OAUTH_ORG_ID,
                OAUTH_SCOPES,
            ],
        }
    }

    /// Every key of this kind, optional ones included.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            AuthKind::Jwt => &[
                JWT_CLIENT_ID,
                JWT_CLIENT_SECRET,
                JWT_TECHNICAL_ACCOUNT_ID,
                JWT_IMS_ORG,
                JWT_METASCOPES,
                JWT_PRIVATE_KEY,
                JWT_PRIVATE_KEY_PASSPHRASE,
            ],
            AuthKind::OAuth => &[
                OAUTH_CLIENT_ID,
                OAUTH_CLIENT_SECRET,
                OAUTH_ORG_ID,
                OAUTH_SCOPES,
                OAUTH_CREDENTIAL_ID,
                OAUTH_CONSOLE_ORG_ID,
                OAUTH_CLIENT_SECRET_UUID,
            ],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            AuthKind::Jwt => "jwt",
            AuthKind::OAuth => "oauth",
        }
    }

    /// The long-lived secrets of this kind, which the keychain can hold: the client secret, and for
    /// jwt the private key and its passphrase.
    pub fn secret_keys(self) -> &'static [&'static str] {
        match self {
            AuthKind::Jwt => &[
                JWT_CLIENT_SECRET,
                JWT_PRIVATE_KEY,
                JWT_PRIVATE_KEY_PASSPHRASE,
            ],
            AuthKind::OAuth => &[OAUTH_CLIENT_SECRET],
        }
    }

    /// The key of this kind's client id, which names its keychain entry.
    pub fn client_id_key(self) -> &'static str {
        match self {
            AuthKind::Jwt => JWT_CLIENT_ID,
            AuthKind::OAuth => OAUTH_CLIENT_ID,
        }
    }

    /// The kind a key belongs to.
    pub fn of_key(key: &str) -> Option<Self> {
        [AuthKind::OAuth, AuthKind::Jwt]
            .into_iter()
            .find(|k| k.keys().contains(&key))
    }

    /// The other kind.
    pub fn other(self) -> Self {
        match self {
            AuthKind::Jwt => AuthKind::OAuth,
            AuthKind::OAuth => AuthKind::Jwt,
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The day Adobe stopped creating Service Account (JWT) credentials; those whose certificate
/// expired after it stopped working then.
pub const JWT_NEW_ENDED: Day = Day::ymd(2025, 6, 30);
/// The day Adobe converted every remaining Service Account (JWT) credential to OAuth
/// Server-to-Server (same client id and secret, technical account, scopes and product profiles):
/// from then on IMS refuses their JWT exchange.
pub const JWT_ENDED: Day = Day::ymd(2026, 3, 1);

/// The shortest way from a dead JWT credential to its OAuth Server-to-Server twin, as a few short
/// lines: the four keys, with the client id and org filled in (ids are shown only when they have an
/// id's shape).
pub fn jwt_migration(prefix: &str, client_id: &str, org_id: &str) -> Vec<String> {
    let shaped = |v: &str, extra: &str| {
        !v.is_empty()
            && v.len() <= 128
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    let client = if shaped(client_id, "_-") {
        client_id
    } else {
        "<the client id>"
    };
    let org = if shaped(org_id, "@") && org_id.ends_with("@AdobeOrg") {
        org_id
    } else {
        "<the org id>"
    };
    vec![
        "download the project again from the Developer Console and run adobe-jwt import PROJECT.json"
            .into(),
        format!("(or add {prefix}{OAUTH_CLIENT_ID}={client},"),
        format!("{prefix}{OAUTH_ORG_ID}={org},"),
        format!("{prefix}{OAUTH_CLIENT_SECRET} with the value of {prefix}{JWT_CLIENT_SECRET}, and"),
        format!("{prefix}{OAUTH_SCOPES} with the scopes the Console lists for the credential);"),
        "the guide: docs/migrate-to-oauth.md".into(),
    ]
}

/// Every credential key name, optional ones included.
pub fn credential_keys() -> impl Iterator<Item = &'static str> {
    AuthKind::Jwt
        .keys()
        .iter()
        .chain(AuthKind::OAuth.keys())
        .copied()
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    /// The .env file, at this 1-based line.
    DotEnv(usize),
    /// The keychain, in this store (after flags, the environment and the .env).
    Keychain(Store),
}

/// The keychain's stores: the OS's own (the macOS Keychain, the Windows Credential Manager, a
/// Secret Service on Linux) or one age-encrypted file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Store {
    Os,
    File,
}

impl Store {
    pub fn name(self) -> &'static str {
        match self {
            Store::Os => "os",
            Store::File => "file",
        }
    }
}

impl fmt::Display for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "keychain ({})", self.name())
    }
}

/// A value found, with its full variable name and origin.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub value: Secret,
    pub source: Source,
}

/// `--profile analytics-prod` reads `ANALYTICS_PROD_`-prefixed keys.
pub fn profile_prefix(name: &str) -> Result<String, Failure> {
    let name = name.trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return Err(Failure::usage(format!(
            "invalid profile name \"{name}\": use letters, digits, - and _"
        )));
    }
    Ok(crate::env_vars::profile_prefix(name))
}

/// The fields of an aio IMS context that adobe-jwt reads, as aio-lib-ims names them, and the one it
/// adds: `client_secret_uuid`, the uuid of the secret in use, which `secret rotate` records beside
/// `client_secrets` (aio keeps fields it does not know).
pub const AIO_FIELDS: [&str; 11] = [
    "client_id",
    "client_secrets",
    "client_secret",
    "ims_org_id",
    "scopes",
    "technical_account_id",
    "technical_account_email",
    "meta_scopes",
    "private_key",
    "passphrase",
    "client_secret_uuid",
];

/// How aio-lib-core-config reads a variable: `AIO_` in any letter case, then the rest lower-cased,
/// split at each lone `_`, and `__` read as `_`. `AIO_ims_contexts_My__Ctx_client__id` is
/// `ims.contexts.my_ctx.client_id`. `None` for a variable aio does not read.
pub fn aio_path(name: &str) -> Option<Vec<String>> {
    let head = name.get(..4)?;
    if !head.eq_ignore_ascii_case("AIO_") {
        return None;
    }
    let rest = name[4..].to_ascii_lowercase();
    let bytes = rest.as_bytes();
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let lone = b == b'_'
            && (i == 0 || bytes[i - 1] != b'_')
            && bytes.get(i + 1).is_none_or(|&n| n != b'_');
        if lone {
            parts.push(rest[start..i].replace("__", "_"));
            start = i + 1;
        }
    }
    parts.push(rest[start..].replace("__", "_"));
    Some(parts)
}

/// The IMS context and field an aio variable sets (`ims.contexts.CTX.FIELD`), for fields
/// adobe-jwt reads.
pub fn aio_context_field(name: &str) -> Option<(String, &'static str)> {
    let path = aio_path(name)?;
    let [ims, contexts, ctx, field] = path.as_slice() else {
        return None;
    };
    if ims != "ims" || contexts != "contexts" || ctx.is_empty() {
        return None;
    }
    let field = AIO_FIELDS.iter().find(|f| **f == field.as_str())?;
    Some((ctx.clone(), field))
}

/// What a variable's name says it holds a secret: these words anywhere in it, in any letter case
/// (`CLIENT_SECRET_OLD`, `ADOBE_CLIENT_SECRET`, `JWT_PRIVATE_KEY_B64`, `JWT_PASSPHRASE`), docs/ci.md.
pub const SECRET_NAME_PARTS: [&str; 3] = ["CLIENT_SECRET", "PRIVATE_KEY", "PASSPHRASE"];

/// The fields of aio's config whose values are secrets, wherever they sit in its tree: a context's
/// secrets, and the cached user tokens (`AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN`).
const AIO_SECRET_PARTS: [&str; 6] = [
    "client_secret",
    "client_secrets",
    "private_key",
    "passphrase",
    "access_token",
    "refresh_token",
];

/// Whether a variable holds a credential secret, by its name: one of [`SECRET_NAME_PARTS`] in it
/// (under any prefix or suffix), or an aio variable with a secret field anywhere in its path, in any
/// spelling aio reads. A uuid recorded beside a secret (`…_UUID`) is not one. The one rule for what
/// `exec` keeps from its child (which also looks at values) and what reports never show.
pub fn is_secret_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if upper.ends_with("_UUID") {
        return false;
    }
    SECRET_NAME_PARTS.iter().any(|k| upper.contains(k))
        || aio_path(name).is_some_and(|path| {
            path.iter()
                .any(|part| AIO_SECRET_PARTS.contains(&part.as_str()))
        })
}

/// The shapes of the ids a credential carries: each is checked wherever it is loaded, since a
/// committed .env or a downloaded project file is hostile input, and an id goes into header lines
/// and `KEY=value` lines (`token --format headers`, `--format env >> "$GITHUB_ENV"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdShape {
    /// `IMS_OAUTH_S2S_CLIENT_ID`, `JWT_CLIENT_ID`: letters, digits, `-` and `_`.
    Client,
    /// `…_ORG_ID`, `JWT_IMS_ORG`: letters and digits, then `@AdobeOrg`.
    Org,
    /// `JWT_TECHNICAL_ACCOUNT_ID`: letters and digits, then `@techacct.adobe.com`.
    TechnicalAccount,
}

impl IdShape {
    /// The shape of a key's value, for the id keys (unprefixed names).
    pub fn of(key: &str) -> Option<Self> {
        match key {
            JWT_CLIENT_ID | OAUTH_CLIENT_ID => Some(IdShape::Client),
            JWT_IMS_ORG | OAUTH_ORG_ID => Some(IdShape::Org),
            JWT_TECHNICAL_ACCOUNT_ID => Some(IdShape::TechnicalAccount),
            _ => None,
        }
    }

    /// What is wrong with a value of this shape, in words that never quote it; `None` when it fits.
    pub fn problem(self, value: &str) -> Option<String> {
        if value.contains(['\n', '\r']) {
            return Some("holds a line break".into());
        }
        if value.chars().any(char::is_control) {
            return Some("holds control characters".into());
        }
        if value.trim() != value {
            return Some("has leading or trailing whitespace".into());
        }
        if value.contains(['\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}']) {
            return Some(
                "holds curly quotes (“…”, as word processors and chat apps write them): remove them"
                    .into(),
            );
        }
        if value.contains(['"', '\'', '`']) {
            return Some("holds quotes".into());
        }
        if value.contains(char::is_whitespace) {
            return Some("holds spaces".into());
        }
        let word = |s: &str, extra: &str| {
            !s.is_empty()
                && s.len() <= 128
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
        };
        let suffixed = |suffix: &str, what: &str| match value.strip_suffix(suffix) {
            None => Some(format!("does not end with {suffix}")),
            Some(id) if !word(id, "") => Some(format!(
                "must be letters and digits before {suffix} ({what})"
            )),
            Some(_) => None,
        };
        match self {
            IdShape::Client if !word(value, "-_") => Some(
                "has characters a client id cannot have (it is letters, digits, - and _)".into(),
            ),
            IdShape::Client => None,
            IdShape::Org => suffixed("@AdobeOrg", "the IMS organization id"),
            IdShape::TechnicalAccount => {
                suffixed("@techacct.adobe.com", "the technical account id")
            }
        }
    }
}

/// A comma list: split, trimmed, empties dropped.
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// OAuth scopes: a JSON array string (as `aio app use` writes it) or a comma list.
pub fn parse_scopes(raw: &str) -> Result<Vec<String>, String> {
    let raw = raw.trim();
    let scopes = if raw.starts_with('[') {
        match serde_json::from_str::<Vec<String>>(raw) {
            Ok(list) => list
                .into_iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            // An unquoted `["a","b"]` in a .env reaches us shell-style, as `[a,b]`.
            Err(_) if raw.ends_with(']') && !raw[1..raw.len() - 1].contains(['[', ']']) => {
                split_list(&raw[1..raw.len() - 1])
                    .into_iter()
                    .map(|s| s.trim_matches(['"', '\'']).to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            Err(e) => {
                return Err(format!(
                    "starts with [ but is not a JSON array of strings ({e})"
                ));
            }
        }
    } else {
        split_list(raw)
    };
    if scopes.is_empty() {
        return Err("lists no scope".into());
    }
    Ok(scopes)
}

// The credentials, resolved: what `config` makes of the sources and the session signs and sends.

/// A long-lived secret of a set of credentials: the value itself, or, for one the keychain holds,
/// the way to read it when it is first needed, so that a cache hit never opens the keychain. The
/// token cache keys a value held here on its digest, and a keychain-held one on its entry's
/// [`stamp`](Held::stamp), which every write of the entry changes.
#[derive(Clone)]
pub struct Held<T> {
    cell: Rc<OnceCell<Result<T, Failure>>>,
    load: Option<Rc<dyn Fn() -> Result<T, Failure>>>,
    stamp: Option<String>,
}

impl<T> Held<T> {
    /// A value at hand.
    pub fn here(value: T) -> Self {
        Self {
            cell: Rc::new(OnceCell::from(Ok(value))),
            load: None,
            stamp: None,
        }
    }

    /// A value `load` reads when it is first asked for; `stamp` names the keychain entry's version.
    pub fn later(stamp: String, load: impl Fn() -> Result<T, Failure> + 'static) -> Self {
        Self {
            cell: Rc::new(OnceCell::new()),
            load: Some(Rc::new(load)),
            stamp: Some(stamp),
        }
    }

    /// The value, read on first use.
    pub fn get(&self) -> Result<&T, Failure> {
        self.cell
            .get_or_init(|| match &self.load {
                Some(load) => load(),
                None => Err(Failure::config("a secret was neither given nor to be read")),
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The keychain entry's stamp, for a value the keychain holds.
    pub fn stamp(&self) -> Option<&str> {
        self.stamp.as_deref()
    }
}

impl<T> fmt::Debug for Held<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.stamp {
            Some(_) => f.write_str("Held(<in the keychain>)"),
            None => f.write_str("Held(<redacted>)"),
        }
    }
}

/// Service Account (JWT) credentials, ready to sign with.
#[derive(Debug)]
pub struct JwtCredentials {
    pub client_id: String,
    pub client_secret: Held<Secret>,
    pub technical_account_id: String,
    pub org_id: String,
    /// Metascope claim names, normalised against the IMS URL.
    pub metascopes: Vec<String>,
    pub key: Held<PrivateKey>,
}

/// OAuth Server-to-Server credentials.
#[derive(Debug, Clone)]
pub struct OAuthCredentials {
    pub client_id: String,
    pub client_secret: Held<Secret>,
    pub org_id: String,
    pub scopes: Vec<String>,
}

#[derive(Debug)]
pub enum Credentials {
    Jwt(Box<JwtCredentials>),
    OAuth(OAuthCredentials),
}

impl Credentials {
    pub fn kind(&self) -> AuthKind {
        match self {
            Credentials::Jwt(_) => AuthKind::Jwt,
            Credentials::OAuth(_) => AuthKind::OAuth,
        }
    }

    pub fn client_id(&self) -> &str {
        match self {
            Credentials::Jwt(c) => &c.client_id,
            Credentials::OAuth(c) => &c.client_id,
        }
    }

    pub fn org_id(&self) -> &str {
        match self {
            Credentials::Jwt(c) => &c.org_id,
            Credentials::OAuth(c) => &c.org_id,
        }
    }

    pub fn client_secret(&self) -> &Held<Secret> {
        match self {
            Credentials::Jwt(c) => &c.client_secret,
            Credentials::OAuth(c) => &c.client_secret,
        }
    }
}

// The private key, decoded: `key` reads every form people write, and makes one of these.

/// How the key was written in the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One line of base64 of the PEM: what encode-key writes.
    Base64,
    /// Base64 of the PEM in several lines (Linux `base64`, pasted), CRLF or not.
    WrappedBase64,
    /// `certutil -encode` output, with its BEGIN/END CERTIFICATE lines.
    Certutil,
    /// Base64 of the DER key rather than of the PEM.
    Base64Der,
    /// The PEM itself, its line breaks written as literal `\n`.
    EscapedPem,
    /// The PEM itself, as a quoted multi-line value or a file's content.
    Pem,
    /// A binary DER file (`@path` or encode-key input only).
    Der,
}

impl fmt::Display for Form {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Form::Base64 => "base64",
            Form::WrappedBase64 => "wrapped base64",
            Form::Certutil => "certutil base64",
            Form::Base64Der => "base64 DER",
            Form::EscapedPem => "PEM with \\n escapes",
            Form::Pem => "PEM",
            Form::Der => "DER",
        })
    }
}

/// The container the RSA key came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Pkcs8,
    Pkcs1,
    EncryptedPkcs8,
    /// PKCS#1 in OpenSSL's traditional encrypted PEM (`Proc-Type: 4,ENCRYPTED`).
    EncryptedPkcs1,
}

impl Encoding {
    /// Whether the key was stored encrypted (a passphrase was needed).
    pub fn is_encrypted(self) -> bool {
        matches!(self, Encoding::EncryptedPkcs8 | Encoding::EncryptedPkcs1)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Pkcs8 => "PKCS#8",
            Encoding::Pkcs1 => "PKCS#1",
            Encoding::EncryptedPkcs8 => "encrypted PKCS#8",
            Encoding::EncryptedPkcs1 => "encrypted PKCS#1",
        })
    }
}

/// A usable RSA private key and what was found on the way to it.
#[derive(Clone)]
pub struct PrivateKey {
    key: RsaPrivateKey,
    pub form: Form,
    /// The file it was read from, for `@path` values.
    pub file: Option<String>,
    pub encoding: Encoding,
    pub bits: usize,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PrivateKey({})", self.describe())
    }
}

impl PrivateKey {
    /// A key as `key` decoded it, before it knows its file.
    pub fn new(key: RsaPrivateKey, form: Form, encoding: Encoding) -> Self {
        Self {
            bits: key.public().bits(),
            key,
            form,
            file: None,
            encoding,
        }
    }

    /// "base64 of PKCS#8 RSA 2048-bit", "file private.key: PEM of PKCS#1 RSA 4096-bit".
    pub fn describe(&self) -> String {
        let what = format!("{} of {} RSA {}-bit", self.form, self.encoding, self.bits);
        match &self.file {
            Some(file) => format!("file {file}: {what}"),
            None => what,
        }
    }

    pub fn public_key(&self) -> &RsaPublicKey {
        self.key.public()
    }

    /// SHA-256 of the public key (SubjectPublicKeyInfo DER), as `SHA256:<base64>` like OpenSSH.
    pub fn fingerprint(&self) -> String {
        self.public_key().fingerprint()
    }

    /// The key as jsonwebtoken signs with it.
    pub fn encoding_key(&self) -> EncodingKey {
        self.key.encoding_key()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_their_shape_or_a_reason() {
        assert_eq!(
            IdShape::Org.problem("F00DFACE1234567890ABCDEF@AdobeOrg"),
            None
        );
        assert_eq!(
            IdShape::Org
                .problem("X@AdobeOrg\nNODE_OPTIONS=--require=./evil.js")
                .as_deref(),
            Some("holds a line break")
        );
        assert_eq!(
            IdShape::Org.problem("“F00D@AdobeOrg”").as_deref(),
            Some(
                "holds curly quotes (“…”, as word processors and chat apps write them): remove them"
            )
        );
        assert_eq!(
            IdShape::Org.problem("F00D").as_deref(),
            Some("does not end with @AdobeOrg")
        );
        assert!(IdShape::Org.problem("a.b@AdobeOrg").is_some());
        assert_eq!(IdShape::Client.problem("4f0c1a2b-_x"), None);
        assert!(IdShape::Client.problem("a:b").is_some());
        assert!(IdShape::Client.problem("a\u{1b}[2J").is_some());
        assert_eq!(
            IdShape::TechnicalAccount.problem("0A1B@techacct.adobe.com"),
            None
        );
        assert!(
            IdShape::TechnicalAccount
                .problem("0A1B@techacct.adobe.com\r")
                .is_some()
        );
    }

    #[test]
    fn scopes_as_json_or_comma_list() {
        let want = vec!["openid".to_string(), "AdobeID".to_string()];
        assert_eq!(parse_scopes(r#"["openid","AdobeID"]"#), Ok(want.clone()));
        assert_eq!(parse_scopes("openid, AdobeID"), Ok(want.clone()));
        assert_eq!(parse_scopes("[openid,AdobeID]"), Ok(want));
        assert!(parse_scopes("[openid").is_err());
        assert!(parse_scopes(" , ").is_err());
    }

    #[test]
    fn profile_names_become_prefixes() {
        assert_eq!(
            profile_prefix("analytics-prod").ok(),
            Some("ANALYTICS_PROD_".into())
        );
        assert!(profile_prefix("a b").is_err());
    }

    #[test]
    fn aio_reads_its_names_in_any_case() {
        let field = |n| aio_context_field(n);
        assert_eq!(
            field("AIO_ims_contexts_Project__1600253157454J_client__id"),
            Some(("project_1600253157454j".into(), "client_id"))
        );
        assert_eq!(
            field("AIO_IMS_CONTEXTS_X_CLIENT__SECRET"),
            Some(("x".into(), "client_secret"))
        );
        assert_eq!(
            field("aio_ims_contexts_ctx_meta__scopes"),
            Some(("ctx".into(), "meta_scopes"))
        );
        assert_eq!(
            field("AIO_ims_contexts_ctx_scopes"),
            Some(("ctx".into(), "scopes"))
        );
        // A context name with a lone `_` is a deeper path, which aio does not read as a context.
        assert_eq!(field("AIO_ims_contexts_my_ctx_client__id"), None);
        assert_eq!(field("AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN"), None);
        assert_eq!(field("AIO_runtime_auth"), None);
        assert_eq!(field("XAIO_ims_contexts_c_client__id"), None);
    }

    #[test]
    fn secret_variables_in_every_spelling() {
        for name in [
            "JWT_CLIENT_SECRET",
            "ANALYTICS_JWT_PRIVATE_KEY",
            "JWT_PRIVATE_KEY_PASSPHRASE",
            "IMS_OAUTH_S2S_CLIENT_SECRET",
            "prod_ims_oauth_s2s_client_secret",
            "AIO_ims_contexts_ctx_client__secrets",
            "AIO_IMS_CONTEXTS_X_CLIENT__SECRET",
            "aio_Ims_Contexts_x_Private__Key",
            "AIO_ims_contexts_ctx_passphrase",
            "IMS_OAUTH_S2S_CLIENT_SECRET_OLD",
            "IMS_OAUTH_S2S_CLIENT_SECRET2",
            "CLIENT_SECRET",
            "ADOBE_CLIENT_SECRET",
            "JWT_PRIVATE_KEY_B64",
            "JWT_PASSPHRASE",
            "AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN",
            "AIO_IMS_CONTEXTS_CLI_REFRESH__TOKEN_TOKEN",
            "aio_ims_contexts_my_ctx_private__key",
        ] {
            assert!(is_secret_variable(name), "{name}");
        }
        for name in [
            "JWT_CLIENT_ID",
            "IMS_OAUTH_S2S_SCOPES",
            "IMS_OAUTH_S2S_CLIENT_SECRET_UUID",
            "AIO_ims_contexts_ctx_client__id",
            "GITHUB_TOKEN",
            "PATH",
        ] {
            assert!(!is_secret_variable(name), "{name}");
        }
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn scopes_parse_to_trimmed_non_empty_entries_or_an_error(raw in "\\PC{0,120}") {
            if let Ok(scopes) = parse_scopes(&raw) {
                prop_assert!(!scopes.is_empty());
                prop_assert!(scopes.iter().all(|s| !s.is_empty() && s.trim() == s));
            }
        }

        #[test]
        fn json_arrays_and_comma_lists_agree(list in prop::collection::vec("[a-zA-Z_.]{1,12}", 1..6)) {
            let json = serde_json::to_string(&list).expect("json");
            prop_assert_eq!(parse_scopes(&json), Ok(list.clone()));
            prop_assert_eq!(parse_scopes(&list.join(" , ")), Ok(list.clone()));
            prop_assert_eq!(parse_scopes(&format!("[{}]", list.join(","))), Ok(list));
        }

        #[test]
        fn profiles_are_refused_or_a_prefix(profile in "\\PC{0,20}") {
            if let Ok(prefix) = profile_prefix(&profile) {
                prop_assert!(prefix.ends_with('_'));
            }
        }

        #[test]
        fn aio_paths_never_panic(name in "\\PC{0,40}") {
            let _ = aio_path(&name);
        }
    }
}
