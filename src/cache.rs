//! The token cache: OS keyring or a 0600 file, keyed by everything that identifies the token,
//! with a lock so concurrent runs on a cold cache make one IMS request between them.

use std::fs::{self, File};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::config::{Credentials, Ims};
use crate::error::Failure;
use crate::ims::Token;
use crate::output::Ui;
use crate::secret::Secret;

const KEYRING_SERVICE: &str = "adobe-jwt";

/// `ADOBE_JWT_CACHE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Auto,
    Keyring,
    File,
    Off,
}

impl Mode {
    pub fn from_env() -> Result<Self, Failure> {
        match std::env::var("ADOBE_JWT_CACHE").unwrap_or_default().trim() {
            "" | "auto" => Ok(Mode::Auto),
            "keyring" => Ok(Mode::Keyring),
            "file" => Ok(Mode::File),
            "off" => Ok(Mode::Off),
            other => Err(Failure::usage(format!(
                "ADOBE_JWT_CACHE={other} is not one of auto, keyring, file, off"
            ))),
        }
    }
}

#[derive(Debug)]
enum Store {
    Keyring(keyring::Entry),
    File(PathBuf),
    Off,
}

/// The cache entry of one set of credentials.
#[derive(Debug)]
pub struct Cache {
    store: Store,
    lock_path: Option<PathBuf>,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    v: u8,
    access_token: String,
    token_type: String,
    expires_at_ms: u64,
}

/// The cache key: a hash of the kind, IMS URL, client, org, technical account, sorted scopes, and
/// hashes of the secret and the key, so rotating either misses.
pub fn key(creds: &Credentials, ims: &Ims) -> String {
    let mut h = Sha256::new();
    let mut field = |s: &str| {
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    field("v1");
    field(creds.kind().name());
    field(ims.base());
    field(creds.client_id());
    field(creds.org_id());
    match creds {
        Credentials::Jwt(c) => {
            field(&c.technical_account_id);
            let mut scopes = c.metascopes.clone();
            scopes.sort();
            field(&scopes.join(","));
            field(&hex(&Sha256::digest(c.client_secret.expose())));
            field(&c.key.fingerprint());
        }
        Credentials::OAuth(c) => {
            let mut scopes = c.scopes.clone();
            scopes.sort();
            field(&scopes.join(","));
            field(&hex(&Sha256::digest(c.client_secret.expose())));
        }
    }
    hex(&h.finalize()[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where cache files and locks live: `ADOBE_JWT_CACHE_DIR`, else the user cache dir.
pub fn dir() -> PathBuf {
    if let Some(d) = std::env::var_os("ADOBE_JWT_CACHE_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("adobe-jwt")
}

impl Cache {
    /// No cache: nothing is read, written or locked.
    pub fn off() -> Self {
        Self {
            store: Store::Off,
            lock_path: None,
        }
    }

    /// The cache entry for this key, in the store `ADOBE_JWT_CACHE` selects.
    pub fn open(key: &str, ui: &Ui) -> Result<Self, Failure> {
        let mode = Mode::from_env()?;
        if mode == Mode::Off {
            return Ok(Self::off());
        }
        let dir = dir().join("tokens");
        let lock_path = Some(dir.join(format!("{key}.lock")));
        let store = match mode {
            Mode::Keyring => Store::Keyring(keyring_entry(key).map_err(|e| {
                Failure::config(format!(
                    "ADOBE_JWT_CACHE=keyring but the OS keyring is unavailable: {e}"
                ))
                .with_hint("use ADOBE_JWT_CACHE=auto to fall back to a file in the user cache dir")
            })?),
            Mode::Auto => match keyring_entry(key) {
                Ok(entry) => Store::Keyring(entry),
                Err(e) => {
                    ui.log(
                        2,
                        &format!("keyring unavailable ({e}); caching in {}", dir.display()),
                    );
                    Store::File(dir.join(format!("{key}.json")))
                }
            },
            Mode::File | Mode::Off => Store::File(dir.join(format!("{key}.json"))),
        };
        Ok(Self { store, lock_path })
    }

    pub fn is_off(&self) -> bool {
        matches!(self.store, Store::Off)
    }

    /// The cached token, if there is a readable one. A corrupt entry reads as none.
    pub fn get(&self) -> Option<Token> {
        let text = match &self.store {
            Store::Off => return None,
            Store::Keyring(entry) => entry.get_password().ok()?,
            Store::File(path) => fs::read_to_string(path).ok()?,
        };
        let stored: Stored = serde_json::from_str(&text).ok()?;
        (stored.v == 1 && !stored.access_token.is_empty()).then(|| Token {
            access_token: Secret::new(stored.access_token),
            token_type: stored.token_type,
            expires_at_ms: stored.expires_at_ms,
        })
    }

    /// Store a token, replacing what was there. Failing to cache is a warning, not an error.
    pub fn put(&self, token: &Token, ui: &Ui) {
        let stored = Stored {
            v: 1,
            access_token: token.access_token.expose().to_string(),
            token_type: token.token_type.clone(),
            expires_at_ms: token.expires_at_ms,
        };
        let Ok(text) = serde_json::to_string(&stored) else {
            return;
        };
        let result = match &self.store {
            Store::Off => Ok(()),
            Store::Keyring(entry) => entry.set_password(&text).map_err(|e| e.to_string()),
            Store::File(path) => write_private(path, text.as_bytes()).map_err(|e| e.to_string()),
        };
        if let Err(e) = result {
            ui.warn(&format!("could not cache the token: {e}"));
        }
    }

    /// Remove the entry. True when there was one.
    pub fn forget(&self) -> Result<bool, Failure> {
        match &self.store {
            Store::Off => Ok(false),
            Store::Keyring(entry) => match entry.delete_credential() {
                Ok(()) => Ok(true),
                Err(keyring::Error::NoEntry) => Ok(false),
                Err(e) => Err(Failure::config(format!(
                    "cannot remove the keyring entry: {e}"
                ))),
            },
            Store::File(path) => match fs::remove_file(path) {
                Ok(()) => Ok(true),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
                Err(e) => Err(Failure::config(format!(
                    "cannot remove {}: {e}",
                    path.display()
                ))),
            },
        }
    }

    /// Hold the lock of this entry (blocking) until the returned file is dropped.
    pub fn lock(&self) -> Result<Option<File>, Failure> {
        let Some(path) = &self.lock_path else {
            return Ok(None);
        };
        create_private_dir(path.parent().unwrap_or(path)).map_err(|e| {
            Failure::config(format!(
                "cannot create the cache folder for {}: {e}",
                path.display()
            ))
        })?;
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| {
                Failure::config(format!(
                    "cannot open the cache lock {}: {e}",
                    path.display()
                ))
            })?;
        file.lock()
            .map_err(|e| Failure::config(format!("cannot lock {}: {e}", path.display())))?;
        Ok(Some(file))
    }

    pub fn describe(&self) -> String {
        match &self.store {
            Store::Off => "off".into(),
            Store::Keyring(_) => "the OS keyring".into(),
            Store::File(p) => p.display().to_string(),
        }
    }
}

/// The keyring entry for a key, proven usable by a write-then-read round trip of a probe entry
/// (Linux keyutils can accept a write and then not find it); a failed probe is cleaned up.
fn keyring_entry(key: &str) -> Result<keyring::Entry, String> {
    let service = std::env::var("ADOBE_JWT_KEYRING_SERVICE")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| KEYRING_SERVICE.to_string());
    let probe_user = format!("probe-{}-{}", std::process::id(), fastrand::u64(..));
    let probe = keyring::Entry::new(&service, &probe_user).map_err(|e| e.to_string())?;
    let round_trip = probe
        .set_password("probe")
        .and_then(|()| probe.get_password())
        .map_err(|e| e.to_string());
    let _ = probe.delete_credential();
    match round_trip {
        Ok(v) if v == "probe" => keyring::Entry::new(&service, key).map_err(|e| e.to_string()),
        Ok(_) => Err("the keyring returned another value than it was given".into()),
        Err(e) => Err(e),
    }
}

fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    create_private_dir(path.parent().unwrap_or(path))?;
    crate::atomic::write(path, bytes, Some(0o600))
}
