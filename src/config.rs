//! The one reading of a run's sources, and the credentials resolved from it.
//!
//! [`Sources`] is made once per run: which .env was chosen, its one parse, the snapshot of the
//! process environment, and what is derived from them once (aio contexts, names for guidance,
//! definitions that run into others). [`Loaded`] resolves one credential set from it (flags >
//! environment > .env), for the plain keys, a profile or an aio context; `status` resolves
//! thousands from the same reading.

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::aio;
use crate::credential::{
    self, AuthChoice, AuthKind, Credentials, Found, IdShape, JWT_CLIENT_ID, JWT_CLIENT_SECRET,
    JWT_IMS_ORG, JWT_METASCOPES, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE,
    JWT_TECHNICAL_ACCOUNT_ID, JwtCredentials, OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET,
    OAUTH_CLIENT_SECRET_UUID, OAUTH_ORG_ID, OAUTH_SCOPES, OAuthCredentials, Source,
    credential_keys,
};
use crate::credential::{Held, PrivateKey};
use crate::dotenv::{self, EnvFile};
use crate::environment::Environment;
use crate::error::Failure;
use crate::guidance::{self, Defined};
use crate::key;
use crate::keychain::{self, Keychain};
use crate::redact::{self, Secret};
use crate::urls::Ims;

/// The .env a run reads or edits (resolved by the settings: `--env-file`, else
/// `ADOBE_JWT_ENV_FILE`, else `./.env`), and whether it was named: a named file must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvFileChoice {
    pub path: PathBuf,
    pub named: bool,
}

impl Default for EnvFileChoice {
    /// `./.env`, when it exists.
    fn default() -> Self {
        Self {
            path: PathBuf::from(".env"),
            named: false,
        }
    }
}

/// A definition whose unquoted value holds another credential key's `KEY=`: what
/// `encode-key k >> .env` makes of a file without a final newline
/// (`JWT_METASCOPES=a,bJWT_PRIVATE_KEY=LS0t…`), or prose that mentions a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glued {
    pub line: usize,
    /// The key whose value runs on.
    pub key: String,
    /// The credential key whose definition it holds, in full (profile prefix included).
    pub into: String,
    /// Whether `into` is also defined on a line of its own (or in the environment): then nothing
    /// was lost, and it is only worth a warning.
    pub defined_elsewhere: bool,
}

/// Where, in one unquoted value, a credential key's `KEY=` appears.
#[derive(Debug)]
struct GlueSite {
    line: usize,
    key: String,
    into: &'static str,
    /// Up to 64 characters before `KEY=`, to tell which profile prefix it carries.
    before: String,
}

/// A private key value, its passphrase and the folder `@path` is relative to.
type KeyId = (String, Option<String>, PathBuf);

/// Everything a run reads, read once.
pub struct Sources<'e> {
    pub env: &'e Environment,
    /// The chosen .env, parsed; `None` when there is none.
    pub file: Option<EnvFile>,
    contexts: Vec<aio::Context>,
    /// The profiles the .env and the environment hold keys for.
    profiles: Vec<String>,
    /// For each prefix (`""` for the plain keys, `PROD_` for a profile), which credential keys a
    /// source may define under it: bit `i` for the `i`th of `credential_keys()`. `Loaded::resolve`
    /// looks up only those, so `status` over a hundred thousand profiles makes no lookup that must
    /// miss.
    defined: HashMap<String, u32>,
    glue_sites: Vec<GlueSite>,
    /// Private keys decoded so far, by value: thousands of profiles sharing a key decode it once.
    keys: RefCell<HashMap<KeyId, Result<PrivateKey, Failure>>>,
    /// Where a secret that flags, the environment and the .env do not give is looked for last.
    keychain: Option<Rc<Keychain>>,
}

impl<'e> Sources<'e> {
    /// Read the .env this run uses; a missing default `./.env` is fine.
    pub fn read(choice: &EnvFileChoice, env: &'e Environment) -> Result<Self, Failure> {
        let (path, named) = (&choice.path, choice.named);
        // Absent means absent: a folder that cannot be looked into is an error, never "no .env".
        let present = match std::fs::symlink_metadata(path) {
            Ok(_) => true,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => {
                return Err(
                    Failure::config(format!("cannot read {}: {e}", path.display()))
                        .with_hint("check the permissions of the file and of its folder (ls -ld)"),
                );
            }
        };
        let file = if named || present {
            Some(dotenv::read(path)?)
        } else {
            None
        };
        Ok(Self::new(file, env))
    }

    /// The sources made of a file already read (or none) and the environment.
    pub fn new(file: Option<EnvFile>, env: &'e Environment) -> Self {
        let contexts = aio::contexts(file.as_ref(), env);
        let glue_sites = file.as_ref().map(glue_sites).unwrap_or_default();
        let mut sources = Self {
            env,
            file,
            contexts,
            profiles: Vec::new(),
            defined: HashMap::new(),
            glue_sites,
            keys: RefCell::new(HashMap::new()),
            keychain: None,
        };
        sources.defined = sources.defined_keys();
        let mut profiles: Vec<String> = sources
            .defined
            .keys()
            .filter_map(|prefix| prefix.strip_suffix('_'))
            .filter(|p| !p.is_empty())
            .map(|p| p.to_ascii_lowercase().replace('_', "-"))
            .collect();
        profiles.sort_unstable();
        profiles.dedup();
        sources.profiles = profiles;
        sources
    }

    /// The same sources, with the keychain as the last place a secret is looked for.
    pub fn with_keychain(mut self, keychain: Rc<Keychain>) -> Self {
        self.keychain = Some(keychain);
        self
    }

    /// The keychain this run looks in, if any.
    pub fn keychain(&self) -> Option<&Rc<Keychain>> {
        self.keychain.as_ref()
    }

    /// What `defined` holds, from every name of the .env and the environment that could be a
    /// credential (set, empty or unreadable: a superset of what a lookup finds).
    fn defined_keys(&self) -> HashMap<String, u32> {
        let mut defined: HashMap<String, u32> = HashMap::new();
        let file = self.file.iter().flat_map(|f| f.entries().map(|e| e.key()));
        let env = self
            .env
            .names()
            .filter(|name| guidance::could_be_credential(name));
        // Every credential key holds one of these, in this case: most names are passed over here.
        let may_end_in_a_key =
            |name: &str| name.contains("JWT_") || name.contains("IMS_OAUTH_S2S_");
        for name in file.chain(env).filter(|name| may_end_in_a_key(name)) {
            let last = name.as_bytes().last();
            for (bit, key) in credential_keys().enumerate() {
                // The last letter first: a byte compare, not a call to memcmp per key.
                if key.as_bytes().last() != last {
                    continue;
                }
                let Some(prefix) = name.strip_suffix(key) else {
                    continue;
                };
                if !(prefix.is_empty() || prefix.ends_with('_')) {
                    continue;
                }
                match defined.get_mut(prefix) {
                    Some(bits) => *bits |= 1 << bit,
                    None => {
                        defined.insert(prefix.to_string(), 1 << bit);
                    }
                }
            }
        }
        defined
    }

    /// Names that could be credentials, and where: every key of the .env, and the environment's
    /// that mention JWT, IMS or OAUTH. Looked at as they are, never copied.
    fn candidates(&self) -> impl Iterator<Item = (&str, Source)> {
        let file = self
            .file
            .iter()
            .flat_map(|f| f.entries().map(|e| (e.key(), Source::DotEnv(e.line()))));
        let env = self
            .env
            .iter()
            .filter(|(name, _)| guidance::could_be_credential(name))
            .map(|(name, _)| (name, Source::Environment));
        file.chain(env)
    }

    /// A value: the environment's (non-empty) else the .env's winning definition.
    fn lookup(&self, name: &str) -> Result<Option<Found>, Failure> {
        if let Some(value) = self.env.text(name)? {
            return Ok(Some(Found {
                name: name.to_string(),
                value: Secret::new(value),
                source: Source::Environment,
            }));
        }
        Ok(self.file.as_ref().and_then(|f| f.get(name)).map(|e| Found {
            name: name.to_string(),
            value: e.value(),
            source: Source::DotEnv(e.line()),
        }))
    }

    /// Whether a variable is set, in the environment or the .env.
    pub fn is_defined(&self, name: &str) -> bool {
        self.env.get(name).is_some() || self.file.as_ref().is_some_and(|f| f.get(name).is_some())
    }

    /// `.env:3` (the file's own path), `the environment`, `a flag`: for sentences.
    pub fn place(&self, source: &Source) -> String {
        match source {
            Source::DotEnv(line) => format!("{}:{line}", self.file_name()),
            Source::Environment => "the environment".into(),
            Source::Flag => "a flag".into(),
            Source::Keychain(store) => format!("the {store}"),
        }
    }

    /// `.env:3`, `environment`, `flag`: for a report's column.
    pub fn label(&self, source: &Source) -> String {
        match source {
            Source::DotEnv(line) => format!("{}:{line}", self.file_name()),
            Source::Environment => "environment".into(),
            Source::Flag => "flag".into(),
            Source::Keychain(store) => store.to_string(),
        }
    }

    fn file_name(&self) -> String {
        self.file
            .as_ref()
            .map_or_else(|| ".env".into(), |f| f.path.display().to_string())
    }

    /// The aio contexts that name a client, by name.
    pub fn contexts(&self) -> impl Iterator<Item = &aio::Context> {
        self.contexts.iter().filter(|c| c.is_credential())
    }

    /// The aio context of this name (any case: aio reads names lower-cased), if it names a client.
    pub fn context(&self, name: &str) -> Option<&aio::Context> {
        let lower = name.to_ascii_lowercase();
        let at = self
            .contexts
            .binary_search_by(|c| c.name.as_str().cmp(&lower))
            .ok()?;
        Some(&self.contexts[at]).filter(|c| c.is_credential())
    }

    /// The profiles the .env and the environment hold keys for.
    pub fn profiles(&self) -> &[String] {
        &self.profiles
    }

    /// The definitions that run into the credential keys of a profile prefix.
    fn glued(&self, prefix: &str) -> Vec<Glued> {
        let mut seen = BTreeSet::new();
        self.glue_sites
            .iter()
            .filter(|s| s.before.ends_with(prefix))
            // The first site of each definition names what it swallowed.
            .filter(|s| seen.insert((s.line, s.key.clone())))
            .map(|s| {
                let into = format!("{prefix}{}", s.into);
                Glued {
                    line: s.line,
                    key: s.key.clone(),
                    defined_elsewhere: self.is_defined(&into),
                    into,
                }
            })
            .collect()
    }

    /// Decode a private key value (`@path` relative to `dir`), once per distinct value.
    fn private_key(
        &self,
        value: &Secret,
        passphrase: Option<&Secret>,
        dir: &Path,
    ) -> Result<PrivateKey, Failure> {
        if let Some(passphrase) = passphrase {
            redact::remember(passphrase);
        }
        let id = (
            value.expose().to_string(),
            passphrase.map(|p| p.expose().to_string()),
            dir.to_path_buf(),
        );
        let mut keys = self.keys.borrow_mut();
        keys.entry(id)
            .or_insert_with(|| key::decode(value.expose(), passphrase, dir))
            .as_ref()
            .map(Clone::clone)
            .map_err(Failure::clone)
    }
}

/// Every place in an unquoted value where a credential key's `KEY=` appears, in file order.
fn glue_sites(file: &EnvFile) -> Vec<GlueSite> {
    let mut sites = Vec::new();
    for entry in file.entries().filter(|e| e.quote().is_none()) {
        let value = entry.value();
        let value = value.expose();
        if !value.contains('=') {
            continue;
        }
        let mut found: Vec<(usize, &'static str)> = credential_keys()
            .flat_map(|key| {
                let needle = format!("{key}=");
                value
                    .match_indices(&needle)
                    .map(|(at, _)| (at, key))
                    .collect::<Vec<_>>()
            })
            .collect();
        found.sort_by_key(|(at, key)| (*at, std::cmp::Reverse(key.len())));
        for (at, into) in found {
            let start = value[..at]
                .char_indices()
                .rev()
                .nth(63)
                .map_or(0, |(i, _)| i);
            sites.push(GlueSite {
                line: entry.line(),
                key: entry.key().to_string(),
                into,
                before: value[start..at].to_string(),
            });
        }
    }
    sites
}

/// Credential values given on the command line (never a secret's value: flags show in `ps`).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub client_id: Option<String>,
    pub org_id: Option<String>,
    pub technical_account_id: Option<String>,
    pub metascopes: Option<String>,
    pub scopes: Option<String>,
    pub private_key_file: Option<PathBuf>,
}

/// What selects one credential set: resolved tool settings (flag > environment > default).
#[derive(Debug, Clone)]
pub struct Selection {
    /// `--profile` as given (`None` for the plain keys).
    pub profile: Option<String>,
    pub context: Option<String>,
    pub auth: AuthChoice,
    pub ims: Ims,
    pub overrides: Overrides,
}

impl Selection {
    /// The prefix of the selected profile (`NAME_`), or empty.
    pub fn prefix(&self) -> Result<String, Failure> {
        match &self.profile {
            Some(name) => credential::profile_prefix(name),
            None => Ok(String::new()),
        }
    }

    /// The plain keys (no profile, no context, no flags) against `ims`.
    pub fn plain(ims: Ims) -> Self {
        Self {
            profile: None,
            context: None,
            auth: AuthChoice::Auto,
            ims,
            overrides: Overrides::default(),
        }
    }
}

/// One credential set, resolved from the sources.
pub struct Loaded<'s> {
    pub sources: &'s Sources<'s>,
    /// `NAME_` for `--profile NAME`, else empty.
    pub prefix: String,
    pub ims: Ims,
    pub auth: AuthChoice,
    /// `--profile` as given.
    pub profile: Option<String>,
    /// The aio context the values came from, when they did.
    pub context: Option<String>,
    values: BTreeMap<&'static str, Found>,
    glued: Vec<Glued>,
    /// What the keychain holds for each kind (oauth, jwt) whose client id is known and whose
    /// secrets the other sources do not all give.
    keychain: [Option<FromKeychain>; 2],
}

/// What the keychain holds for one kind of a set: the entry its client id names. Which secrets it
/// holds is known from this machine's mirror of the entry, else from the store's list; the values
/// are read only when a secret is first needed, so a cache hit never opens the store.
struct FromKeychain {
    keychain: Rc<Keychain>,
    id: keychain::Id,
    prefix: String,
    held: OnceCell<Result<Option<keychain::Mirror>, Failure>>,
    found: OnceCell<Result<BTreeMap<&'static str, Found>, Failure>>,
}

impl FromKeychain {
    /// The entry's stamp and secret names; `None` when the store has no entry for the client.
    fn held(&self) -> Result<Option<&keychain::Mirror>, Failure> {
        self.held
            .get_or_init(|| {
                if let Some(mirror) = self.keychain.mirrored(&self.id) {
                    return Ok(Some(mirror));
                }
                if !self.keychain.ids()?.contains(&self.id) {
                    return Ok(None);
                }
                Ok(self.keychain.get(&self.id)?.map(|e| keychain::Mirror {
                    stamp: e.stamp.clone(),
                    names: e.secrets.keys().cloned().collect(),
                }))
            })
            .as_ref()
            .map(Option::as_ref)
            .map_err(Clone::clone)
    }

    fn holds(&self, key: &str) -> bool {
        matches!(self.held(), Ok(Some(m)) if m.names.iter().any(|n| n == key))
    }

    /// The entry's secrets as found values (read from the store once).
    fn found(&self) -> Result<&BTreeMap<&'static str, Found>, Failure> {
        self.found
            .get_or_init(|| {
                let entry = read_entry(&self.keychain, &self.id)?;
                Ok(self
                    .id
                    .kind
                    .secret_keys()
                    .iter()
                    .filter_map(|k| {
                        entry.get(k).map(|v| {
                            redact::remember(v);
                            (
                                *k,
                                Found {
                                    name: format!("{}{k}", self.prefix),
                                    value: v.clone(),
                                    source: Source::Keychain(self.keychain.store()),
                                },
                            )
                        })
                    })
                    .collect())
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The entry of a client, which must be there.
fn read_entry(keychain: &Keychain, id: &keychain::Id) -> Result<Rc<keychain::Entry>, Failure> {
    keychain.get(id)?.ok_or_else(|| {
        Failure::config(format!(
            "{} holds no entry for {} any more",
            keychain.describe(),
            id
        ))
        .with_hint("add the secrets again (adobe-jwt keychain add), or define them in the .env")
    })
}

/// One secret of a keychain entry, read when first needed.
fn keychain_secret(
    keychain: &Rc<Keychain>,
    id: &keychain::Id,
    key: &'static str,
    prefix: &str,
) -> impl Fn() -> Result<Secret, Failure> + 'static {
    let (keychain, id, name) = (keychain.clone(), id.clone(), format!("{prefix}{key}"));
    move || {
        let entry = read_entry(&keychain, &id)?;
        let value = entry.get(key).cloned().ok_or_else(|| {
            Failure::config(format!("the keychain entry of {id} holds no {name}",))
                .with_hint("add the secrets again: adobe-jwt keychain add")
        })?;
        redact::remember(&value);
        Ok(value)
    }
}

impl<'s> Loaded<'s> {
    /// Resolve one credential set: each key from a flag, else the environment, else the .env; aio's
    /// context keys when no adobe-jwt key is set (or `--context` names one).
    pub fn resolve(sources: &'s Sources<'s>, sel: &Selection) -> Result<Self, Failure> {
        let prefix = sel.prefix()?;
        let mut values = BTreeMap::new();
        let defined = sources.defined.get(&prefix).copied().unwrap_or(0);
        // One buffer for the prefixed names: a name is allocated only for a key that is found.
        let mut name = String::with_capacity(prefix.len() + 32);
        for (bit, key) in credential_keys().enumerate() {
            let flag = flag_value(&sel.overrides, key);
            if flag.is_none() && defined & (1 << bit) == 0 {
                continue;
            }
            name.clear();
            name.push_str(&prefix);
            name.push_str(key);
            let found = match flag {
                Some(value) => Some(Found {
                    name: name.clone(),
                    value: Secret::new(value),
                    source: Source::Flag,
                }),
                None => sources.lookup(&name)?,
            };
            if let Some(found) = found {
                // A secret is remembered as it is read, whoever reads it (check-env too); a key's
                // `@path` is no secret (the file's content is remembered when it is read).
                if credential::is_secret_variable(key)
                    && !found.value.expose().trim().starts_with('@')
                {
                    redact::remember(&found.value);
                }
                values.insert(key, found);
            }
        }
        let present = values.values().any(|f| f.source != Source::Flag);
        let mut context = None;
        if (!present || sel.context.is_some())
            && prefix.is_empty()
            && let Some(ctx) = pick_context(sources, sel.context.as_deref())?
        {
            values.retain(|_, f| f.source == Source::Flag);
            for value in ctx.secret_values() {
                redact::remember_text(&value);
            }
            for (key, found) in ctx.values() {
                values.entry(key).or_insert(found);
            }
            context = Some(ctx.name.clone());
        }
        let from_keychain = |kind: AuthKind| {
            let keychain = sources.keychain.as_ref()?;
            let client_id = values
                .get(kind.client_id_key())
                .map(|f| f.value.expose().trim())
                .filter(|v| !v.is_empty())?;
            let given = |k: &&str| values.get(*k).is_some_and(|f| !f.value.is_empty());
            if kind.secret_keys().iter().all(given) {
                return None;
            }
            Some(FromKeychain {
                keychain: keychain.clone(),
                id: keychain::Id::new(kind, client_id),
                prefix: prefix.clone(),
                held: OnceCell::new(),
                found: OnceCell::new(),
            })
        };
        let keychain = [from_keychain(AuthKind::OAuth), from_keychain(AuthKind::Jwt)];
        Ok(Self {
            sources,
            glued: sources.glued(&prefix),
            prefix,
            ims: sel.ims.clone(),
            auth: sel.auth,
            profile: sel.profile.clone(),
            context,
            values,
            keychain,
        })
    }

    /// What the keychain holds for a kind, if it is looked in for it.
    fn keychain_for(&self, kind: AuthKind) -> Option<&FromKeychain> {
        self.keychain[match kind {
            AuthKind::OAuth => 0,
            AuthKind::Jwt => 1,
        }]
        .as_ref()
    }

    /// Whether the keychain holds this secret of the set (the other sources do not give it): known
    /// without reading a value.
    fn in_keychain(&self, key: &str) -> bool {
        let Some(kind) = AuthKind::of_key(key) else {
            return false;
        };
        kind.secret_keys().contains(&key)
            && self.values.get(key).is_none_or(|f| f.value.is_empty())
            && self.keychain_for(kind).is_some_and(|k| k.holds(key))
    }

    /// The keychain entry of a kind's client, when the keychain is looked in for it (the other
    /// sources do not give all its secrets) and holds one.
    pub fn keychain_entry(&self, kind: AuthKind) -> Result<Option<Rc<keychain::Entry>>, Failure> {
        match self.keychain_for(kind) {
            Some(from) => from.keychain.get(&from.id),
            None => Ok(None),
        }
    }

    /// Why the keychain could not be looked in, when it could not: for messages about what is
    /// missing.
    pub fn keychain_trouble(&self) -> Option<Failure> {
        [AuthKind::OAuth, AuthKind::Jwt]
            .into_iter()
            .filter_map(|k| self.keychain_for(k))
            .find_map(|k| k.held().err())
    }

    /// The value of a key (unprefixed name), if defined anywhere: a secret that flags, the
    /// environment and the .env do not give is read from the keychain.
    pub fn get(&self, key: &str) -> Option<&Found> {
        let given = self.values.get(key);
        if given.is_some_and(|f| !f.value.is_empty()) || !self.in_keychain(key) {
            return given;
        }
        let kind = AuthKind::of_key(key)?;
        self.keychain_for(kind)?.found().ok()?.get(key)
    }

    /// The value of a key as flags, the environment or the .env give it (the keychain not looked in).
    pub fn given(&self, key: &str) -> Option<&Found> {
        self.values.get(key)
    }

    /// The value of a key if defined and not empty.
    pub fn value(&self, key: &str) -> Option<&Secret> {
        self.get(key).map(|f| &f.value).filter(|v| !v.is_empty())
    }

    /// Whether a key has a value, the keychain's included, without reading the keychain's values.
    fn has(&self, key: &str) -> bool {
        self.values.get(key).is_some_and(|f| !f.value.is_empty()) || self.in_keychain(key)
    }

    /// Where a key's value is, without reading the keychain's values.
    pub fn source_of(&self, key: &str) -> Option<Source> {
        match self.values.get(key) {
            Some(f) if !f.value.is_empty() || !self.in_keychain(key) => Some(f.source.clone()),
            _ if self.in_keychain(key) => self
                .keychain_for(AuthKind::of_key(key)?)
                .map(|k| Source::Keychain(k.keychain.store())),
            other => other.map(|f| f.source.clone()),
        }
    }

    /// A defined name that looks like a mistyped `key` (unprefixed).
    pub fn near_miss(&self, key: &str) -> Option<Defined> {
        guidance::near_miss(key, &self.prefix, self.sources.candidates())
    }

    /// What a near miss of `key` (unprefixed) meant, to follow "did you mean": the key's name, or,
    /// for a file's path given as the key (`JWT_PRIVATE_KEY_PATH=./private.key`), the `@` form
    /// that reads the file. The path is quoted only when it names a file beside the .env (what a
    /// mistyped name holds is never echoed otherwise).
    pub fn meant(&self, near: &Defined, key: &str) -> String {
        let wanted = format!("{}{key}", self.prefix);
        if !guidance::names_a_path_for(&near.name, key) {
            return wanted;
        }
        // Where `@` would read it from: the .env's folder for a value from the .env, else the
        // working directory.
        let folder = self.key_dir(&near.source);
        let path = self
            .sources
            .lookup(&near.name)
            .ok()
            .flatten()
            .map(|f| f.value.expose().trim().to_string())
            .filter(|v| {
                v.len() <= 255 && !v.contains(char::is_whitespace) && folder.join(v).is_file()
            });
        match path {
            Some(p) => format!("{wanted}=@{p} (the @ form reads the key from the file)"),
            None => {
                format!("{wanted}=@ and the file's path (the @ form reads the key from a file)")
            }
        }
    }

    /// "did you mean" for the missing keys of a kind, if any name looks like one.
    fn near_misses(&self, kind: AuthKind) -> Vec<String> {
        kind.required()
            .iter()
            .filter(|k| !self.has(k))
            .filter_map(|k| {
                self.near_miss(k).map(|d| {
                    format!(
                        "{} ({}) for {}",
                        d.name,
                        self.sources.place(&d.source),
                        self.meant(&d, k)
                    )
                })
            })
            .collect()
    }

    /// Whether every required key of a kind has a value (no names made: `status` asks this of
    /// every set a 4 MiB .env can hold).
    pub fn is_complete(&self, kind: AuthKind) -> bool {
        kind.required().iter().all(|k| self.has(k))
    }

    /// Required keys of a kind that are missing or empty, with their full (prefixed) names.
    pub fn missing(&self, kind: AuthKind) -> Vec<String> {
        kind.required()
            .iter()
            .filter(|k| !self.has(k))
            .map(|k| format!("{}{k}", self.prefix))
            .collect()
    }

    /// True when any key of the kind is defined (by the environment or the .env, not by a shared flag).
    pub fn partly_present(&self, kind: AuthKind) -> bool {
        kind.required().iter().any(|k| {
            self.values
                .get(k)
                .is_some_and(|f| f.source != Source::Flag && !f.value.is_empty())
        })
    }

    /// The credential kind to use, by `--auth` and what is present.
    pub fn kind(&self) -> Result<AuthKind, Failure> {
        if let Some(kind) = self.complete_kind() {
            return Ok(kind);
        }
        self.kind_failure()
    }

    /// The kind `kind()` picks, when it is complete; no words are made for the other case, so a
    /// report over thousands of sets (`status`) stays linear.
    pub fn complete_kind(&self) -> Option<AuthKind> {
        let complete = |k| self.is_complete(k);
        match self.auth {
            AuthChoice::Jwt => Some(AuthKind::Jwt).filter(|k| complete(*k)),
            AuthChoice::Oauth => Some(AuthKind::OAuth).filter(|k| complete(*k)),
            AuthChoice::Auto if complete(AuthKind::OAuth) => Some(AuthKind::OAuth),
            AuthChoice::Auto if complete(AuthKind::Jwt) => Some(AuthKind::Jwt),
            AuthChoice::Auto => None,
        }
    }

    /// Why no kind is complete: the missing keys, with guidance.
    fn kind_failure(&self) -> Result<AuthKind, Failure> {
        let complete = |k| self.is_complete(k);
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
        let where_ = match &self.sources.file {
            Some(f) => format!("the environment or {}", f.path.display()),
            None => "the environment or a .env file (none found here)".into(),
        };
        let profiles = self.sources.profiles();
        let nothing = !kinds.iter().any(|(k, _)| self.partly_present(*k));
        if let (Some(profile), true) = (&self.profile, nothing) {
            return Failure::config(format!(
                "no credentials for profile {profile}: no {}… key in {where_}",
                self.prefix
            ))
            .with_hint(match guidance::near_profile(profile, profiles) {
                Some(near) => format!(
                    "did you mean --profile {}? the profiles found: {}",
                    near.replace(" or ", " or --profile ")
                        .replace(", ", ", --profile "),
                    guidance::some_names(profiles)
                ),
                None => format!("the profiles found: {}", guidance::some_names(profiles)),
            });
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
        let guessed = !guesses.is_empty();
        let hint = if guessed {
            format!("did you mean: {}?", guesses.join("; "))
        } else if self.profile.is_none() && !profiles.is_empty() {
            format!(
                "{where_} holds keys for the profile(s) {}: add --profile NAME",
                guidance::some_names(profiles)
            )
        } else if nothing {
            format!(
                "adobe-jwt import PROJECT.json writes them from the Developer Console's project file; or define them in {where_}"
            )
        } else {
            format!("define them in {where_}; adobe-jwt check-env shows what was found")
        };
        // A secret the keychain was to give, when the keychain could not be looked in: say why,
        // so that a locked store is not taken for a missing key.
        if let Some(trouble) = self.keychain_trouble() {
            return Failure::config(format!(
                "{message} (the keychain could not be looked in: {})",
                trouble.message
            ))
            .with_hint(match (guessed, trouble.hint) {
                // A name that nearly matches is the likelier cause: say it first.
                (true, Some(t)) => format!("{hint}; else, for the keychain: {t}"),
                (_, t) => t.unwrap_or(hint),
            });
        }
        Failure::config(message).with_hint(hint)
    }

    /// The directory `@path` private keys are relative to: the .env's when the value came from it.
    pub fn key_dir(&self, source: &Source) -> PathBuf {
        match (source, &self.sources.file) {
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
        self.sources.private_key(
            &found.value,
            self.value(JWT_PRIVATE_KEY_PASSPHRASE),
            &self.key_dir(&found.source),
        )
    }

    /// The credentials of the chosen kind, validated enough to be sent.
    pub fn credentials(&self) -> Result<Credentials, Failure> {
        self.ensure_intact()?;
        self.credentials_for(self.kind()?)
    }

    /// The uuid recorded beside the client secret in use (`IMS_OAUTH_S2S_CLIENT_SECRET_UUID`) and
    /// where it is, when it has a uuid's shape and comes from where the secret comes from.
    /// A uuid read from another place than the secret (the environment's beside a .env's secret)
    /// names nothing for sure: it is not taken.
    pub fn recorded_secret_uuid(&self) -> Option<(String, String)> {
        // A secret the keychain holds carries its uuid in its entry.
        if let Some(Source::Keychain(store)) = self.source_of(OAUTH_CLIENT_SECRET) {
            let entry = self.keychain_entry(AuthKind::OAuth).ok()??;
            let uuid = entry.secret_uuid.clone()?;
            return Some((uuid, format!("the {store} entry")));
        }
        let found = self.get(OAUTH_CLIENT_SECRET_UUID)?;
        let secret = self.get(OAUTH_CLIENT_SECRET)?;
        let same_place = matches!(
            (&found.source, &secret.source),
            (Source::DotEnv(_), Source::DotEnv(_)) | (Source::Environment, Source::Environment)
        );
        if !same_place {
            return None;
        }
        let uuid = found.value.expose().trim();
        let shaped = !uuid.is_empty()
            && uuid.len() <= 64
            && uuid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        shaped.then(|| {
            (
                uuid.to_string(),
                format!("{}, {}", found.name, self.sources.place(&found.source)),
            )
        })
    }

    /// Refuse ids that do not have their shape (a line break in an org id would forge a line of
    /// `--format env` or a header): exit 3, naming the key and where it was read, never the value.
    fn ensure_ids_shaped(&self, kind: AuthKind) -> Result<(), Failure> {
        for key in kind.required() {
            // Ids only: a secret is not read (from the keychain) to be skipped.
            let Some(shape) = IdShape::of(key) else {
                continue;
            };
            let Some(found) = self.get(key) else {
                continue;
            };
            if let Some(problem) = shape.problem(found.value.expose()) {
                return Err(Failure::config(format!(
                    "{} ({}) {problem}",
                    found.name,
                    self.sources.place(&found.source)
                ))
                .with_hint("copy it again from the Developer Console's credential page; adobe-jwt check-env shows what was read"));
            }
        }
        Ok(())
    }

    /// Definitions in the .env that run into one of this set's credential keys.
    pub fn glued(&self) -> &[Glued] {
        &self.glued
    }

    /// Refuse a .env in which a definition swallowed a key this set needs and that key is defined
    /// nowhere else: the value read for it cannot be trusted. A swallowed key that is also defined
    /// on a line of its own lost nothing (check-env warns about it).
    fn ensure_intact(&self) -> Result<(), Failure> {
        let damaged: Vec<&Glued> = self.glued.iter().filter(|g| !g.defined_elsewhere).collect();
        let (Some(file), Some(first)) = (&self.sources.file, damaged.first()) else {
            return Ok(());
        };
        let each: Vec<String> = damaged
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
            "put {}=… on a line of its own (adobe-jwt encode-key KEYFILE --write does that for the key)",
            first.into
        )))
    }

    /// The stamp of a kind's keychain entry, when one of its secrets comes from there.
    fn keychain_stamp(&self, kind: AuthKind) -> Result<Option<(&FromKeychain, String)>, Failure> {
        let Some(from) = self.keychain_for(kind) else {
            return Ok(None);
        };
        Ok(from.held()?.map(|m| (from, m.stamp.clone())))
    }

    /// A secret of the credentials: at hand, or read from the keychain when first needed.
    fn held_secret(&self, kind: AuthKind, key: &'static str) -> Result<Held<Secret>, Failure> {
        if self.in_keychain(key)
            && let Some((from, stamp)) = self.keychain_stamp(kind)?
        {
            return Ok(Held::later(
                stamp,
                keychain_secret(&from.keychain, &from.id, key, &self.prefix),
            ));
        }
        let value = self
            .values
            .get(key)
            .map(|f| f.value.clone())
            .unwrap_or_default();
        redact::remember(&value);
        Ok(Held::here(value))
    }

    /// The private key (jwt): decoded now when it and its passphrase are at hand, else decoded when
    /// first needed from what the keychain holds.
    fn held_key(&self) -> Result<Held<PrivateKey>, Failure> {
        let named = |f: Failure| Failure {
            message: format!("{}{JWT_PRIVATE_KEY}: {}", self.prefix, f.message),
            ..f
        };
        let from_keychain =
            self.in_keychain(JWT_PRIVATE_KEY) || self.in_keychain(JWT_PRIVATE_KEY_PASSPHRASE);
        let stamped = if from_keychain {
            self.keychain_stamp(AuthKind::Jwt)?
        } else {
            None
        };
        let Some((from, stamp)) = stamped else {
            return self.private_key().map(Held::here).map_err(named);
        };
        let given = |key: &str| {
            self.values
                .get(key)
                .filter(|f| !f.value.is_empty())
                .map(|f| (f.value.clone(), self.key_dir(&f.source)))
        };
        let (key_given, pass_given) = (given(JWT_PRIVATE_KEY), given(JWT_PRIVATE_KEY_PASSPHRASE));
        // A key the .env gives (only its passphrase is in the keychain) is part of what the token
        // cache keys on: a changed key, or a changed key file, is a miss.
        let stamp = match &key_given {
            Some((value, dir)) => {
                let text = value.expose().trim();
                let file = text
                    .strip_prefix('@')
                    .and_then(|p| std::fs::read(dir.join(p.trim())).ok())
                    .unwrap_or_default();
                let digest = crate::crypto::Sha256::new()
                    .chain(text.as_bytes())
                    .chain(&file)
                    .finish();
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                format!("{stamp} key {hex}")
            }
            None => stamp,
        };
        let pass_in_keychain = self.in_keychain(JWT_PRIVATE_KEY_PASSPHRASE);
        let read_key = keychain_secret(&from.keychain, &from.id, JWT_PRIVATE_KEY, &self.prefix);
        let read_pass = keychain_secret(
            &from.keychain,
            &from.id,
            JWT_PRIVATE_KEY_PASSPHRASE,
            &self.prefix,
        );
        let prefix = self.prefix.clone();
        Ok(Held::later(stamp, move || {
            let (value, dir) = match &key_given {
                Some((value, dir)) => (value.clone(), dir.clone()),
                None => (read_key()?, PathBuf::from(".")),
            };
            let passphrase = match &pass_given {
                Some((p, _)) => Some(p.clone()),
                None if pass_in_keychain => Some(read_pass()?),
                None => None,
            };
            if let Some(p) = &passphrase {
                redact::remember(p);
            }
            key::decode(value.expose(), passphrase.as_ref(), &dir).map_err(|f| Failure {
                message: format!("{prefix}{JWT_PRIVATE_KEY}: {}", f.message),
                ..f
            })
        }))
    }

    /// The credentials of a given kind, metascopes expanded against the set's IMS.
    pub fn credentials_for(&self, kind: AuthKind) -> Result<Credentials, Failure> {
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
        let secret = |key: &'static str| self.held_secret(kind, key);
        self.ensure_ids_shaped(kind)?;
        match kind {
            AuthKind::Jwt => {
                let metascopes = self.ims.metascope_claims(&text(JWT_METASCOPES));
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
                    client_secret: secret(JWT_CLIENT_SECRET)?,
                    technical_account_id: text(JWT_TECHNICAL_ACCOUNT_ID),
                    org_id: text(JWT_IMS_ORG),
                    metascopes,
                    key: self.held_key()?,
                })))
            }
            AuthKind::OAuth => {
                let scopes = credential::parse_scopes(&text(OAUTH_SCOPES)).map_err(|e| {
                    Failure::config(format!("{}{OAUTH_SCOPES} {e}", self.prefix))
                        .with_hint("write it as [\"openid\",\"AdobeID\"] or openid,AdobeID")
                })?;
                Ok(Credentials::OAuth(OAuthCredentials {
                    client_id: text(OAUTH_CLIENT_ID),
                    client_secret: secret(OAUTH_CLIENT_SECRET)?,
                    org_id: text(OAUTH_ORG_ID),
                    scopes,
                }))
            }
        }
    }
}

/// A credential value given as a flag, for the keys flags can set.
fn flag_value(flags: &Overrides, key: &str) -> Option<String> {
    let value = match key {
        JWT_CLIENT_ID | OAUTH_CLIENT_ID => flags.client_id.clone(),
        JWT_IMS_ORG | OAUTH_ORG_ID => flags.org_id.clone(),
        JWT_TECHNICAL_ACCOUNT_ID => flags.technical_account_id.clone(),
        JWT_METASCOPES => flags.metascopes.clone(),
        OAUTH_SCOPES => flags.scopes.clone(),
        JWT_PRIVATE_KEY => flags
            .private_key_file
            .as_ref()
            .map(|p| format!("@{}", absolute(p).display())),
        _ => None,
    };
    value.filter(|v| !v.is_empty())
}

/// The aio context to read when no adobe-jwt keys are set: the one `--context` names, or the only one.
fn pick_context<'a>(
    sources: &'a Sources<'_>,
    wanted: Option<&str>,
) -> Result<Option<&'a aio::Context>, Failure> {
    let names = || {
        guidance::some_names(
            &sources
                .contexts()
                .map(|c| c.name.clone())
                .collect::<Vec<_>>(),
        )
    };
    match wanted {
        // One lookup, not a scan: `status` picks every context of a file that can hold thousands.
        Some(name) => sources.context(name).map(Some).ok_or_else(|| {
            Failure::config(format!(
                "no aio context named {name}; the contexts found: {}",
                names()
            ))
        }),
        None => {
            let mut contexts = sources.contexts();
            match (contexts.next(), contexts.next()) {
                (Some(_), Some(_)) => Err(Failure::config(format!(
                    "the .env holds several aio contexts ({}) and no adobe-jwt keys",
                    names()
                ))
                .with_hint("pick one: --context NAME (or ADOBE_JWT_CONTEXT)")),
                (first, _) => Ok(first),
            }
        }
    }
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::OAUTH_CLIENT_ID;

    fn sources<'e>(text: &str, env: &'e Environment) -> Sources<'e> {
        Sources::new(Some(EnvFile::from_text(Path::new(".env"), text)), env)
    }

    fn plain() -> Selection {
        Selection::plain(Ims::parse(crate::urls::PROD_IMS).expect("ims"))
    }

    fn value(loaded: &Loaded<'_>, key: &str) -> Option<(String, Source)> {
        loaded
            .get(key)
            .map(|f| (f.value.expose().to_string(), f.source.clone()))
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_env_file() {
        let env = Environment::from_pairs([(OAUTH_CLIENT_ID, "from-env"), (OAUTH_ORG_ID, "")]);
        let src = sources(
            "IMS_OAUTH_S2S_CLIENT_ID=from-file\nIMS_OAUTH_S2S_ORG_ID=org-file\nIMS_OAUTH_S2S_SCOPES=openid\n",
            &env,
        );
        let loaded = Loaded::resolve(&src, &plain()).expect("resolves");
        assert_eq!(
            value(&loaded, OAUTH_CLIENT_ID),
            Some(("from-env".into(), Source::Environment))
        );
        // An empty variable is unset: the file's value stands.
        assert_eq!(
            value(&loaded, OAUTH_ORG_ID),
            Some(("org-file".into(), Source::DotEnv(2)))
        );
        let mut sel = plain();
        sel.overrides.client_id = Some("from-flag".into());
        let loaded = Loaded::resolve(&src, &sel).expect("resolves");
        assert_eq!(
            value(&loaded, OAUTH_CLIENT_ID),
            Some(("from-flag".into(), Source::Flag))
        );
    }

    #[test]
    fn profiles_read_their_prefixed_keys() {
        let env = Environment::default();
        let src = sources(
            "IMS_OAUTH_S2S_CLIENT_ID=plain\nPROD_IMS_OAUTH_S2S_CLIENT_ID=prod\n",
            &env,
        );
        let mut sel = plain();
        sel.profile = Some("prod".into());
        let loaded = Loaded::resolve(&src, &sel).expect("resolves");
        assert_eq!(
            value(&loaded, OAUTH_CLIENT_ID),
            Some(("prod".into(), Source::DotEnv(2)))
        );
        assert_eq!(src.profiles(), vec!["prod".to_string()]);
    }

    #[test]
    fn a_swallowed_key_defined_on_its_own_line_is_not_damage() {
        let env = Environment::default();
        let text =
            "NOTE=set IMS_OAUTH_S2S_CLIENT_SECRET=… in CI\nIMS_OAUTH_S2S_CLIENT_SECRET=real\n";
        let src = sources(text, &env);
        let loaded = Loaded::resolve(&src, &plain()).expect("resolves");
        assert_eq!(loaded.glued().len(), 1);
        assert!(loaded.glued()[0].defined_elsewhere);
        assert!(loaded.ensure_intact().is_ok());
        let src = sources("JWT_METASCOPES=a,bJWT_PRIVATE_KEY=LS0t\n", &env);
        let loaded = Loaded::resolve(&src, &plain()).expect("resolves");
        assert_eq!(loaded.glued()[0].into, "JWT_PRIVATE_KEY");
        assert!(loaded.ensure_intact().is_err());
    }

    #[test]
    fn profiles_are_the_prefixes_of_known_keys() {
        let env = Environment::default();
        let src = sources(
            "ANALYTICS_JWT_CLIENT_ID=a\nCAMPAIGN_PROD_IMS_OAUTH_S2S_CLIENT_ID=b\nJWT_CLIENT_ID=c\nXJWT_CLIENT_ID=d\n",
            &env,
        );
        assert_eq!(src.profiles(), ["analytics", "campaign-prod"]);
        // A bit per credential key, and each key holds what `defined_keys` looks for first.
        assert!(credential_keys().count() <= 32);
        assert!(credential_keys().all(|k| k.contains("JWT_") || k.contains("IMS_OAUTH_S2S_")));
    }

    #[test]
    fn only_defined_keys_are_looked_up_and_none_is_missed() {
        let env = Environment::default();
        let src = sources(
            "PROD_JWT_CLIENT_ID=a\nPROD_IMS_OAUTH_S2S_SCOPES=openid\nIMS_OAUTH_S2S_ORG_ID=o\n",
            &env,
        );
        let mut sel = plain();
        sel.profile = Some("prod".into());
        let loaded = Loaded::resolve(&src, &sel).expect("resolves");
        let names: Vec<&str> = loaded.values.values().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(
            names.contains(&"PROD_JWT_CLIENT_ID") && names.contains(&"PROD_IMS_OAUTH_S2S_SCOPES")
        );
        let loaded = Loaded::resolve(&src, &plain()).expect("resolves");
        assert_eq!(
            loaded
                .get(credential::OAUTH_ORG_ID)
                .map(|f| f.name.as_str()),
            Some("IMS_OAUTH_S2S_ORG_ID")
        );
        assert!(loaded.get(credential::JWT_CLIENT_ID).is_none());
    }

    #[test]
    fn glued_keys_are_named_with_their_profile() {
        let env = Environment::default();
        let src = sources("PROD_JWT_METASCOPES=a,bPROD_JWT_PRIVATE_KEY=LS0t\n", &env);
        let mut sel = plain();
        sel.profile = Some("prod".into());
        let loaded = Loaded::resolve(&src, &sel).expect("resolves");
        assert_eq!(loaded.glued()[0].into, "PROD_JWT_PRIVATE_KEY");
        let loaded = Loaded::resolve(&src, &plain()).expect("resolves");
        assert_eq!(loaded.glued()[0].into, "JWT_PRIVATE_KEY");
    }
}
