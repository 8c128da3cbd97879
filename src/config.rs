//! The shared config loader: flags > process environment > .env, for both credential kinds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::aio;
use crate::cli::{AuthChoice, CredentialArgs, CredentialFlags, EnvArgs};
use crate::dotenv::{self, EnvFile};
use crate::error::Failure;
use crate::guidance::{self, Defined};
use crate::ims::{Ims, PROD_IMS, STAGE_IMS};
use crate::key::{self, PrivateKey};
use crate::secret::Secret;

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

/// The two kinds of Developer Console credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuthKind {
    /// Service Account (JWT), the seed's, end-of-life at Adobe.
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
    pub fn keys(self) -> Vec<&'static str> {
        let mut keys = self.required().to_vec();
        if self == AuthKind::Jwt {
            keys.push(JWT_PRIVATE_KEY_PASSPHRASE);
        }
        keys
    }

    pub fn name(self) -> &'static str {
        match self {
            AuthKind::Jwt => "jwt",
            AuthKind::OAuth => "oauth",
        }
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Environment,
    /// The .env file, at this 1-based line.
    DotEnv(usize),
}

/// A value the loader found, with its full variable name and origin.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub value: Secret,
    pub source: Source,
}

/// A definition whose unquoted value runs into a credential key's definition: what
/// `encode-key k >> .env` makes of a file without a final newline (`JWT_METASCOPES=a,bJWT_PRIVATE_KEY=LS0t…`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glued {
    pub line: usize,
    /// The key whose value runs on.
    pub key: String,
    /// The credential key whose definition it swallowed.
    pub into: String,
}

/// Every credential key name, optional ones included.
pub fn credential_keys() -> impl Iterator<Item = &'static str> {
    AuthKind::Jwt
        .keys()
        .into_iter()
        .chain(AuthKind::OAuth.keys())
}

/// Definitions in the .env that run into a credential key's definition (`prefix` first, so a
/// profile's key is named in full).
pub fn glued(file: &EnvFile, prefix: &str) -> Vec<Glued> {
    // Longest first, so a profile's key is named in full.
    let mut names: Vec<String> = credential_keys()
        .flat_map(|k| [format!("{prefix}{k}"), k.to_string()])
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let needles: Vec<String> = names.iter().map(|n| format!("{n}=")).collect();
    file.entries
        .iter()
        .filter(|e| e.quote.is_none())
        .filter_map(|e| {
            let value = e.value.expose();
            needles
                .iter()
                .zip(&names)
                .filter_map(|(needle, name)| value.find(needle.as_str()).map(|at| (at, name)))
                .min_by_key(|(at, _)| *at)
                .map(|(_, into)| Glued {
                    line: e.line,
                    key: e.key.clone(),
                    into: into.clone(),
                })
        })
        .collect()
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

/// Service Account (JWT) credentials, ready to sign with.
#[derive(Debug)]
pub struct JwtCredentials {
    pub client_id: String,
    pub client_secret: Secret,
    pub technical_account_id: String,
    pub org_id: String,
    /// Metascope claim names, normalised against the IMS URL.
    pub metascopes: Vec<String>,
    pub key: PrivateKey,
}

/// OAuth Server-to-Server credentials.
#[derive(Debug)]
pub struct OAuthCredentials {
    pub client_id: String,
    pub client_secret: Secret,
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
}

/// Everything the loader found, before it is turned into credentials.
#[derive(Debug)]
pub struct Loaded {
    pub env_file: Option<EnvFile>,
    /// `NAME_` for `--profile NAME`, else empty.
    pub prefix: String,
    pub ims: Ims,
    pub auth: AuthChoice,
    values: BTreeMap<&'static str, Found>,
    glued: Vec<Glued>,
    /// `--profile` as given.
    profile: Option<String>,
    /// The aio context the values came from, when they did.
    pub context: Option<String>,
    /// Names the .env and the environment define, for guidance.
    defined: Vec<Defined>,
}

impl Loaded {
    /// Load for a command that uses credentials: its options, the process environment, the .env.
    pub fn load(args: &CredentialArgs) -> Result<Self, Failure> {
        Self::read(
            &args.env,
            &args.flags,
            args.auth,
            ims_from(args)?,
            args.context.as_deref(),
        )
    }

    /// Load only what the .env and the environment hold (no overrides, the production IMS), for
    /// commands that read a value or two (encode-key's passphrase, the emulator's credentials).
    pub fn load_env(env: &EnvArgs) -> Result<Self, Failure> {
        Self::read(
            env,
            &CredentialFlags::default(),
            AuthChoice::Auto,
            Ims::parse(PROD_IMS)?,
            None,
        )
    }

    fn read(
        env: &EnvArgs,
        flags: &CredentialFlags,
        auth: AuthChoice,
        ims: Ims,
        context: Option<&str>,
    ) -> Result<Self, Failure> {
        let env_file = match &env.env_file {
            Some(path) => Some(dotenv::read(path)?),
            None => {
                let default = Path::new(".env");
                default
                    .exists()
                    .then(|| dotenv::read(default))
                    .transpose()?
            }
        };
        let prefix = match &env.profile {
            Some(name) => profile_prefix(name)?,
            None => String::new(),
        };
        let flag_values: Vec<(&str, Option<String>)> = vec![
            (JWT_CLIENT_ID, flags.client_id.clone()),
            (OAUTH_CLIENT_ID, flags.client_id.clone()),
            (JWT_IMS_ORG, flags.org_id.clone()),
            (OAUTH_ORG_ID, flags.org_id.clone()),
            (JWT_TECHNICAL_ACCOUNT_ID, flags.technical_account_id.clone()),
            (JWT_METASCOPES, flags.metascopes.clone()),
            (OAUTH_SCOPES, flags.scopes.clone()),
            (
                JWT_PRIVATE_KEY,
                flags
                    .private_key_file
                    .as_ref()
                    .map(|p| format!("@{}", absolute(p).display())),
            ),
        ];
        let mut values = BTreeMap::new();
        for key in credential_keys() {
            let name = format!("{prefix}{key}");
            let flag = flag_values
                .iter()
                .find(|(k, v)| *k == key && v.is_some())
                .and_then(|(_, v)| v.clone());
            let found = if let Some(value) = flag {
                Some(Found {
                    name,
                    value: Secret::new(value),
                    source: Source::Flag,
                })
            } else if let Some(value) = from_environment(&name)? {
                Some(Found {
                    name,
                    value,
                    source: Source::Environment,
                })
            } else {
                env_file.as_ref().and_then(|f| f.get(&name)).map(|e| Found {
                    name: name.clone(),
                    value: e.value.clone(),
                    source: Source::DotEnv(e.line),
                })
            };
            if let Some(found) = found {
                values.insert(key, found);
            }
        }
        let present = values.values().any(|f| f.source != Source::Flag);
        let mut context_used = None;
        // aio's contexts are read when no adobe-jwt key is set, or when --context names one (then
        // its values win over the file's and the environment's, not over flags).
        if (!present || context.is_some())
            && prefix.is_empty()
            && let Some(ctx) = pick_context(env_file.as_ref(), context)?
        {
            values.retain(|_, f| f.source == Source::Flag);
            for (key, found) in ctx.values() {
                values.entry(key).or_insert(found);
            }
            context_used = Some(ctx.name);
        }
        let glued = env_file
            .as_ref()
            .map(|f| glued(f, &prefix))
            .unwrap_or_default();
        let defined = guidance::defined(env_file.as_ref());
        Ok(Self {
            env_file,
            prefix,
            profile: env.profile.clone(),
            ims,
            auth,
            values,
            glued,
            context: context_used,
            defined,
        })
    }

    /// A defined name that looks like a mistyped `key` (unprefixed).
    pub fn near_miss(&self, key: &str) -> Option<&Defined> {
        guidance::near_miss(key, &self.prefix, &self.defined)
    }

    /// "did you mean" for the missing keys of a kind, if any name looks like one.
    fn near_misses(&self, kind: AuthKind) -> Vec<String> {
        kind.required()
            .iter()
            .filter(|k| self.value(k).is_none())
            .filter_map(|k| {
                self.near_miss(k).map(|d| {
                    format!(
                        "{} ({}) for {}{k}",
                        d.name,
                        self.where_defined(&d.source),
                        self.prefix
                    )
                })
            })
            .collect()
    }

    /// `.env:3` or `the environment`.
    pub fn where_defined(&self, source: &Source) -> String {
        match (source, &self.env_file) {
            (Source::DotEnv(line), Some(f)) => format!("{}:{line}", f.path.display()),
            (Source::DotEnv(line), None) => format!(".env:{line}"),
            (Source::Environment, _) => "the environment".into(),
            (Source::Flag, _) => "a flag".into(),
        }
    }

    /// The value of a key (unprefixed name), if defined anywhere.
    pub fn get(&self, key: &str) -> Option<&Found> {
        self.values.get(key)
    }

    /// The value of a key if defined and not empty.
    fn value(&self, key: &str) -> Option<&Secret> {
        self.get(key).map(|f| &f.value).filter(|v| !v.is_empty())
    }

    /// Required keys of a kind that are missing or empty, with their full (prefixed) names.
    pub fn missing(&self, kind: AuthKind) -> Vec<String> {
        kind.required()
            .iter()
            .filter(|k| self.value(k).is_none())
            .map(|k| format!("{}{k}", self.prefix))
            .collect()
    }

    /// True when any key of the kind is defined (by the environment or the .env, not by a shared flag).
    pub fn partly_present(&self, kind: AuthKind) -> bool {
        kind.required().iter().any(|k| {
            self.get(k)
                .is_some_and(|f| f.source != Source::Flag && !f.value.is_empty())
        })
    }

    /// The credential kind to use, by `--auth` and what is present.
    pub fn kind(&self) -> Result<AuthKind, Failure> {
        let complete = |k| self.missing(k).is_empty();
        let pick = match self.auth {
            AuthChoice::Jwt => Some(AuthKind::Jwt),
            AuthChoice::Oauth => Some(AuthKind::OAuth),
            AuthChoice::Auto if complete(AuthKind::OAuth) => Some(AuthKind::OAuth),
            AuthChoice::Auto if complete(AuthKind::Jwt) => Some(AuthKind::Jwt),
            AuthChoice::Auto => None,
        };
        if let Some(kind) = pick {
            let missing = self.missing(kind);
            if missing.is_empty() {
                return Ok(kind);
            }
            return Err(self.missing_failure(&[(kind, missing)]));
        }
        let mut kinds: Vec<(AuthKind, Vec<String>)> = [AuthKind::Jwt, AuthKind::OAuth]
            .into_iter()
            .filter(|k| self.partly_present(*k))
            .map(|k| (k, self.missing(k)))
            .collect();
        if kinds.is_empty() {
            kinds.push((AuthKind::OAuth, self.missing(AuthKind::OAuth)));
        }
        Err(self.missing_failure(&kinds))
    }

    fn missing_failure(&self, kinds: &[(AuthKind, Vec<String>)]) -> Failure {
        let where_ = match &self.env_file {
            Some(f) => format!("the environment or {}", f.path.display()),
            None => "the environment or a .env file (none found here)".into(),
        };
        let profiles = guidance::profiles(&self.defined);
        let list = |p: &[String]| {
            if p.is_empty() {
                "none".to_string()
            } else {
                p.join(", ")
            }
        };
        let nothing = !kinds.iter().any(|(k, _)| self.partly_present(*k));
        if let (Some(profile), true) = (&self.profile, nothing) {
            return Failure::config(format!(
                "no credentials for profile {profile}: no {}… key in {where_}",
                self.prefix
            ))
            .with_hint(format!("the profiles found: {}", list(&profiles)));
        }
        let message = if nothing {
            format!(
                "no credentials found: OAuth Server-to-Server (what works today) needs {}{}; \
the legacy Service Account (JWT) kind needs {}",
                self.prefix,
                AuthKind::OAuth.required().join(", "),
                AuthKind::Jwt.required().join(", ")
            )
        } else {
            let parts: Vec<String> = kinds
                .iter()
                .map(|(kind, keys)| format!("{kind} credentials need {}", keys.join(", ")))
                .collect();
            format!("missing credentials: {}", parts.join("; "))
        };
        let guesses: Vec<String> = kinds
            .iter()
            .flat_map(|(kind, _)| self.near_misses(*kind))
            .chain(if nothing {
                self.near_misses(AuthKind::OAuth)
            } else {
                Vec::new()
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let hint = if !guesses.is_empty() {
            format!("did you mean: {}?", guesses.join("; "))
        } else if self.profile.is_none() && !profiles.is_empty() {
            format!(
                "{where_} holds keys for the profile(s) {}: add --profile NAME",
                profiles.join(", ")
            )
        } else if nothing {
            format!(
                "adobe-jwt import PROJECT.json writes them from the Developer Console's project file; or define them in {where_}"
            )
        } else {
            format!("define them in {where_}; adobe-jwt check-env shows what was found")
        };
        Failure::config(message).with_hint(hint)
    }

    /// The directory `@path` private keys are relative to: the .env's when the value came from it.
    fn key_dir(&self, source: &Source) -> PathBuf {
        match (source, &self.env_file) {
            (Source::DotEnv(_), Some(f)) => f
                .path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            _ => PathBuf::from("."),
        }
    }

    /// Decode the private key (jwt).
    /// The message says what is wrong with the value; callers name the variable where it helps.
    pub fn private_key(&self) -> Result<PrivateKey, Failure> {
        let found = self.get(JWT_PRIVATE_KEY).ok_or_else(|| {
            Failure::config(format!("{}{JWT_PRIVATE_KEY} is not set", self.prefix))
        })?;
        key::decode(
            found.value.expose(),
            self.value(JWT_PRIVATE_KEY_PASSPHRASE),
            &self.key_dir(&found.source),
        )
    }

    /// The credentials of the chosen kind, validated enough to be sent.
    pub fn credentials(&self) -> Result<Credentials, Failure> {
        self.ensure_intact()?;
        self.credentials_for(self.kind()?, &self.ims)
    }

    /// Definitions in the .env that run into a credential key's definition.
    pub fn glued(&self) -> &[Glued] {
        &self.glued
    }

    /// Refuse a .env in which a definition runs into another: its keys cannot be trusted.
    fn ensure_intact(&self) -> Result<(), Failure> {
        let (Some(file), Some(first)) = (&self.env_file, self.glued.first()) else {
            return Ok(());
        };
        let each: Vec<String> = self
            .glued
            .iter()
            .map(|g| {
                format!(
                    "line {}: the value of {} runs into {}= (a line break is missing)",
                    g.line, g.key, g.into
                )
            })
            .collect();
        Err(Failure::config(format!(
            "the .env file {} is damaged: {}",
            file.path.display(),
            each.join("; ")
        ))
        .with_hint(format!(
            "put {}=… on a line of its own (adobe-jwt encode-key KEYFILE --write does that)",
            first.into
        )))
    }

    /// The credentials of a given kind, metascopes expanded against `ims`.
    pub fn credentials_for(&self, kind: AuthKind, ims: &Ims) -> Result<Credentials, Failure> {
        self.ensure_intact()?;
        let missing = self.missing(kind);
        if !missing.is_empty() {
            return Err(self.missing_failure(&[(kind, missing)]));
        }
        let text = |key: &str| {
            self.value(key)
                .map(|v| v.expose().to_string())
                .unwrap_or_default()
        };
        let secret = |key: &str| self.value(key).cloned().unwrap_or_default();
        match kind {
            AuthKind::Jwt => {
                let metascopes = ims.metascope_claims(&text(JWT_METASCOPES));
                if metascopes.is_empty() {
                    return Err(Failure::config(format!(
                        "{}{JWT_METASCOPES} lists no metascope",
                        self.prefix
                    ))
                    .with_hint(
                        "e.g. ent_analytics_bulk_ingest_sdk, as listed on the Console's API page",
                    ));
                }
                Ok(Credentials::Jwt(Box::new(JwtCredentials {
                    client_id: text(JWT_CLIENT_ID),
                    client_secret: secret(JWT_CLIENT_SECRET),
                    technical_account_id: text(JWT_TECHNICAL_ACCOUNT_ID),
                    org_id: text(JWT_IMS_ORG),
                    metascopes,
                    key: self.private_key().map_err(|f| Failure {
                        message: format!("{}{JWT_PRIVATE_KEY}: {}", self.prefix, f.message),
                        ..f
                    })?,
                })))
            }
            AuthKind::OAuth => {
                let scopes = parse_scopes(&text(OAUTH_SCOPES)).map_err(|e| {
                    Failure::config(format!("{}{OAUTH_SCOPES} {e}", self.prefix))
                        .with_hint("write it as [\"openid\",\"AdobeID\"] or openid,AdobeID")
                })?;
                Ok(Credentials::OAuth(OAuthCredentials {
                    client_id: text(OAUTH_CLIENT_ID),
                    client_secret: secret(OAUTH_CLIENT_SECRET),
                    org_id: text(OAUTH_ORG_ID),
                    scopes,
                }))
            }
        }
    }
}

/// The aio context to read when no adobe-jwt keys are set: the one `--context` names, or the only one.
fn pick_context(
    file: Option<&EnvFile>,
    wanted: Option<&str>,
) -> Result<Option<aio::Context>, Failure> {
    let mut contexts: Vec<aio::Context> = aio::contexts(file)
        .into_iter()
        .filter(aio::Context::is_credential)
        .collect();
    let names = |c: &[aio::Context]| {
        c.iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(name) => match contexts.iter().position(|c| c.name == name) {
            Some(i) => Ok(Some(contexts.swap_remove(i))),
            None => Err(Failure::config(format!(
                "no aio context named {name}; the contexts found: {}",
                if contexts.is_empty() {
                    "none".to_string()
                } else {
                    names(&contexts)
                }
            ))),
        },
        None if contexts.len() > 1 => Err(Failure::config(format!(
            "the .env holds several aio contexts ({}) and no adobe-jwt keys",
            names(&contexts)
        ))
        .with_hint("pick one: --context NAME (or ADOBE_JWT_CONTEXT)")),
        None => Ok(contexts.pop()),
    }
}

/// `--ims`, else `--stage`, else `ADOBE_IMS_URL`, else production: a flag beats the environment,
/// so `--stage` with `ADOBE_IMS_URL` set means stage.
fn ims_from(args: &CredentialArgs) -> Result<Ims, Failure> {
    match (&args.ims, args.stage) {
        (Some(url), _) => Ims::parse(url),
        (None, true) => Ims::parse(STAGE_IMS),
        (None, false) => match std::env::var("ADOBE_IMS_URL") {
            Ok(url) if !url.trim().is_empty() => Ims::parse(&url),
            _ => Ims::parse(PROD_IMS),
        },
    }
}

/// `--profile analytics-prod` reads `ANALYTICS_PROD_`-prefixed keys.
pub fn profile_prefix(name: &str) -> Result<String, Failure> {
    let upper = name.trim().to_ascii_uppercase().replace('-', "_");
    if upper.is_empty() || !upper.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(Failure::usage(format!(
            "invalid profile name \"{name}\": use letters, digits, - and _"
        )));
    }
    Ok(format!("{upper}_"))
}

/// A process environment variable; empty counts as unset (CI gives "" for a secret it lacks).
fn from_environment(name: &str) -> Result<Option<Secret>, Failure> {
    match std::env::var_os(name) {
        None => Ok(None),
        Some(v) if v.is_empty() => Ok(None),
        Some(v) => v
            .into_string()
            .map(|s| Some(Secret::new(s)))
            .map_err(|_| Failure::config(format!("{name} in the environment is not valid UTF-8"))),
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
