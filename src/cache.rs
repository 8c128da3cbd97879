//! The token cache: OS keyring or a 0600 file, keyed by everything that identifies the token,
//! with a lock so concurrent runs on a cold cache make one IMS request between them.

use std::cell::Cell;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Credentials;
use crate::environment::Environment;
use crate::error::Failure;
use crate::files::{self, Patience};
use crate::ims::Token;
use crate::output::Ui;
use crate::redact::Secret;
use crate::urls::Ims;

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
    pub fn from_env(env: &Environment) -> Result<Self, Failure> {
        match env.setting("ADOBE_JWT_CACHE").unwrap_or_default() {
            "auto" | "" => Ok(Mode::Auto),
            "keyring" => Ok(Mode::Keyring),
            "file" => Ok(Mode::File),
            "off" => Ok(Mode::Off),
            other => Err(Failure::usage(format!(
                "ADOBE_JWT_CACHE={other} is not one of auto, keyring, file, off"
            ))),
        }
    }
}

/// The cache entry of one set of credentials: a keyring entry, a file, or both (auto, keyring first).
#[derive(Debug)]
pub struct Cache {
    keyring: Option<keyring::Entry>,
    file: Option<PathBuf>,
    lock_path: Option<PathBuf>,
    /// The store this run read, wrote or removed the token in, for messages that name it.
    used: Cell<Option<Used>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Used {
    Keyring,
    File,
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
    let mut h = crate::crypto::Sha256::new();
    let mut field = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
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
            field(&hex(&crate::crypto::sha256(
                c.client_secret.expose().as_bytes(),
            )));
            field(&c.key.fingerprint());
        }
        Credentials::OAuth(c) => {
            let mut scopes = c.scopes.clone();
            scopes.sort();
            field(&scopes.join(","));
            field(&hex(&crate::crypto::sha256(
                c.client_secret.expose().as_bytes(),
            )));
        }
    }
    hex(&h.finish()[..16])
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where cache files and locks live: `ADOBE_JWT_CACHE_DIR`, else the user cache dir.
pub fn dir(env: &Environment) -> PathBuf {
    if let Some(d) = env.setting("ADOBE_JWT_CACHE_DIR") {
        return PathBuf::from(d);
    }
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("adobe-jwt")
}

/// The token stores `ADOBE_JWT_CACHE` selects, opened once: the mode, the keyring service and the
/// cache folder (when it can be trusted). `status` looks up thousands of entries through one.
pub struct Store {
    mode: Mode,
    service: String,
    /// The tokens folder, when it exists and is this user's own.
    folder: Option<PathBuf>,
}

impl Store {
    pub fn open(env: &Environment, ui: &Ui) -> Result<Self, Failure> {
        let mode = Mode::from_env(env)?;
        let service = env
            .setting("ADOBE_JWT_KEYRING_SERVICE")
            .unwrap_or(KEYRING_SERVICE)
            .to_string();
        let folder = if mode == Mode::Off {
            None
        } else {
            let root = dir(env);
            let tokens = root.join("tokens");
            trusted_folder(&root, &tokens, ui).then_some(tokens)
        };
        Ok(Self {
            mode,
            service,
            folder,
        })
    }

    /// The entry of one key.
    pub fn entry(&self, key: &str, ui: &Ui) -> Result<Cache, Failure> {
        if self.mode == Mode::Off {
            return Ok(Cache::off());
        }
        let file = self.folder.as_ref().map(|d| d.join(format!("{key}.json")));
        let lock_path = self.folder.as_ref().map(|d| d.join(format!("{key}.lock")));
        let keyring = || keyring::Entry::new(&self.service, key).map_err(|e| e.to_string());
        let (keyring, file) = match self.mode {
            Mode::Keyring => {
                let entry = keyring().map_err(|e| {
                    Failure::config(format!(
                        "ADOBE_JWT_CACHE=keyring but the OS keyring is unavailable: {e}"
                    ))
                    .with_hint(
                        "use ADOBE_JWT_CACHE=auto to fall back to a file in the user cache dir",
                    )
                })?;
                (Some(entry), None)
            }
            Mode::Auto => match keyring() {
                Ok(entry) => (Some(entry), file),
                Err(e) => {
                    ui.log(2, &format!("keyring unavailable ({e}); caching in a file"));
                    (None, file)
                }
            },
            Mode::File | Mode::Off => (None, file),
        };
        Ok(Cache {
            keyring,
            file,
            lock_path,
            used: Cell::new(None),
        })
    }
}

impl Cache {
    /// No cache: nothing is read, written or locked.
    pub fn off() -> Self {
        Self {
            keyring: None,
            file: None,
            lock_path: None,
            used: Cell::new(None),
        }
    }

    /// The cache entry for this key, in the store(s) `ADOBE_JWT_CACHE` selects. Nothing is written
    /// here: the keyring is proven when a token is stored, so a cache hit only reads.
    pub fn open(key: &str, env: &Environment, ui: &Ui) -> Result<Self, Failure> {
        Store::open(env, ui)?.entry(key, ui)
    }

    pub fn is_off(&self) -> bool {
        self.keyring.is_none() && self.file.is_none()
    }

    /// The cached token, if there is a readable one (keyring first). A corrupt entry reads as none.
    pub fn get(&self) -> Option<Token> {
        let from_keyring = self.keyring.as_ref().and_then(|e| e.get_password().ok());
        let from_file = || {
            let path = self.file.as_ref()?;
            if files::untrusted(path, files::FileKind::Regular).is_some() {
                return None;
            }
            let bytes = files::read(path, "the cached token", files::Accept::Regular).ok()?;
            String::from_utf8(bytes).ok()
        };
        if let Some(token) = from_keyring.and_then(|text| parse(&text)) {
            self.used.set(Some(Used::Keyring));
            return Some(token);
        }
        let token = from_file().and_then(|text| parse(&text))?;
        self.used.set(Some(Used::File));
        Some(token)
    }

    /// Store a token, replacing what was there. The keyring is used only when the entry reads back
    /// what was written (Linux keyutils can accept a write and then not find it); a failed attempt is
    /// cleaned up and, in auto mode, the file is used. Failing to cache is a warning, not an error.
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
        if let Some(entry) = &self.keyring {
            let round_trip = entry
                .set_password(&text)
                .and_then(|()| entry.get_password())
                .map_err(|e| e.to_string());
            match round_trip {
                Ok(back) if back == text => {
                    self.used.set(Some(Used::Keyring));
                    return;
                }
                Ok(_) => self.keyring_failed(entry, "it read back another value", ui),
                Err(e) => self.keyring_failed(entry, &e, ui),
            }
        }
        if let Some(path) = &self.file {
            match write_private(path, text.as_bytes()) {
                Ok(()) => self.used.set(Some(Used::File)),
                Err(e) => ui.warn(&format!(
                    "could not cache the token in {}: {e}",
                    path.display()
                )),
            }
        }
    }

    fn keyring_failed(&self, entry: &keyring::Entry, why: &str, ui: &Ui) {
        let _ = entry.delete_credential();
        match &self.file {
            Some(path) => ui.log(
                2,
                &format!("keyring unavailable ({why}); caching in {}", path.display()),
            ),
            None => ui.warn(&format!(
                "could not cache the token in the OS keyring: {why}"
            )),
        }
    }

    /// Remove the entry from every store, under its lock, then the lock file: nothing is left
    /// behind. True when there was an entry.
    pub fn forget(&self, patience: &Patience<'_>) -> Result<bool, Failure> {
        let mut removed = false;
        let lock = match self.lock_path.as_ref().filter(|p| p.exists()) {
            Some(path) => files::lock_in_place(path, patience)?.ok(),
            None => None,
        };
        if let Some(entry) = &self.keyring {
            match entry.delete_credential() {
                Ok(()) => {
                    removed = true;
                    self.used.set(Some(Used::Keyring));
                }
                // In auto mode the file is what counts when the keyring misbehaves.
                Err(_) if self.file.is_some() => {}
                Err(keyring::Error::NoEntry) => {}
                Err(e) => {
                    return Err(Failure::config(format!(
                        "cannot remove the keyring entry: {e}"
                    )));
                }
            }
        }
        if let Some(path) = &self.file {
            match fs::remove_file(path) {
                Ok(()) => {
                    removed = true;
                    self.used.set(Some(Used::File));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(Failure::config(format!(
                        "cannot remove {}: {e}",
                        path.display()
                    )));
                }
            }
        }
        if let (Some(held), Some(path)) = (lock, &self.lock_path) {
            // Released first: Windows cannot remove a file that is open. A run that takes the lock
            // in between keeps its file (Windows) or an unlinked one (Unix); either way it fetches.
            drop(held);
            let _ = fs::remove_file(path);
        }
        Ok(removed)
    }

    /// Hold the lock of this entry until the returned file is dropped, waiting for another run as
    /// `patience` allows (past it, exit 5 naming the lock). A lock file that cannot be opened (a
    /// read-only folder) is a warning: the run goes on without single flight.
    pub fn lock(&self, patience: &Patience<'_>, ui: &Ui) -> Result<Option<File>, Failure> {
        let Some(path) = self.lock_path.as_ref() else {
            return Ok(None);
        };
        match files::lock_in_place(path, patience)? {
            Ok(file) => Ok(Some(file)),
            Err(e) => {
                ui.warn(&format!(
                    "cannot lock the token cache entry {} ({e}); going on without the lock",
                    path.display()
                ));
                Ok(None)
            }
        }
    }

    /// The store this run used (read, wrote or removed the token in); before any, where it looks.
    pub fn describe(&self) -> String {
        match (self.used.get(), &self.keyring, &self.file) {
            (Some(Used::Keyring), _, _) => "in the OS keyring".into(),
            (Some(Used::File), _, Some(p)) => format!("in {}", p.display()),
            (_, None, None) => "the cache is off".into(),
            (_, Some(_), None) => "looked in the OS keyring".into(),
            (_, None, Some(p)) => format!("looked in {}", p.display()),
            (_, Some(_), Some(p)) => format!("looked in the OS keyring and {}", p.display()),
        }
    }
}

fn parse(text: &str) -> Option<Token> {
    let stored: Stored = serde_json::from_str(text).ok()?;
    // An entry is read as IMS's answer is: a token that holds anything but token characters is
    // not one (it could forge a header or an env line), and the entry is replaced.
    let shaped = !stored.access_token.is_empty()
        && stored.access_token.chars().all(crate::ims::is_token_char);
    (stored.v == 1 && shaped).then(|| Token {
        access_token: Secret::new(stored.access_token),
        token_type: stored.token_type,
        expires_at_ms: stored.expires_at_ms,
    })
}

/// Create the cache folder (0700) if needed and say whether it can be trusted: a folder that is not
/// this user's own, or that others can write, could hold a planted token or lock; one that cannot be
/// created leaves the run uncached. Either way a warning, and the run goes on without the file store.
fn trusted_folder(root: &Path, tokens: &Path, ui: &Ui) -> bool {
    if let Err(e) = files::create_private_dir(tokens) {
        ui.warn(&format!(
            "cannot create the token cache folder {} ({e}); this run is not cached",
            tokens.display()
        ));
        return false;
    }
    for folder in [root, tokens] {
        if let Some(why) = files::untrusted(folder, files::FileKind::Directory) {
            ui.warn(&format!(
                "the token cache folder {} {why}, so another user could plant a token in it; it is not used and this run is not cached",
                folder.display()
            ));
            ui.hint(&format!(
                "make it yours alone (chmod 700 {}), or set ADOBE_JWT_CACHE_DIR to a folder that is",
                folder.display()
            ));
            return false;
        }
    }
    true
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    files::create_private_dir(path.parent().unwrap_or(path))?;
    files::replace(path, bytes, None).map(drop)
}
