//! The token cache: OS keyring or a 0600 file, keyed by everything that identifies the token,
//! with a lock so concurrent runs on a cold cache make one IMS request between them.

use std::cell::Cell;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::credential::{Credentials, Held};
use crate::error::Failure;
use crate::files::{self, Patience};
use crate::ims::Token;
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
    /// `auto`, `keyring`, `file` or `off`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "auto" => Some(Mode::Auto),
            "keyring" => Some(Mode::Keyring),
            "file" => Some(Mode::File),
            "off" => Some(Mode::Off),
            _ => None,
        }
    }
}

/// Where and how tokens are cached, as the settings resolved it.
#[derive(Debug, Clone)]
pub struct StoreSettings {
    pub mode: Mode,
    /// The folder of cache files and locks (`ADOBE_JWT_CACHE_DIR`, else the user cache folder).
    pub dir: PathBuf,
    /// The OS keyring's service name.
    pub service: String,
}

impl StoreSettings {
    /// The OS keyring's service name when none is set.
    pub const SERVICE: &'static str = KEYRING_SERVICE;
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
/// hashes of the secret and the key, so rotating either misses. A secret the keychain holds is
/// keyed on its entry's stamp instead, which every write of the entry changes: the key is made
/// without opening the keychain, and a secret changed through adobe-jwt still misses.
pub fn key(creds: &Credentials, ims: &Ims) -> Result<String, Failure> {
    let mut h = crate::crypto::Sha256::new();
    let mut field = |s: &str| {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    let secret = |held: &Held<Secret>| -> Result<String, Failure> {
        Ok(match held.stamp() {
            Some(stamp) => format!("keychain {stamp}"),
            None => hex(&crate::crypto::sha256(held.get()?.expose().as_bytes())),
        })
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
            field(&secret(&c.client_secret)?);
            match c.key.stamp() {
                Some(stamp) => field(&format!("keychain {stamp}")),
                None => field(&c.key.get()?.fingerprint()),
            }
        }
        Credentials::OAuth(c) => {
            let mut scopes = c.scopes.clone();
            scopes.sort();
            field(&scopes.join(","));
            field(&secret(&c.client_secret)?);
        }
    }
    Ok(hex(&h.finish()[..16]))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    out
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
    /// The stores the settings select, and what the user should know of them (a cache folder that
    /// cannot be created or trusted leaves the run uncached, with a warning).
    pub fn open(settings: &StoreSettings) -> (Self, Option<String>) {
        let (folder, warning) = if settings.mode == Mode::Off {
            (None, None)
        } else {
            let tokens = settings.dir.join("tokens");
            match trusted_folder(&settings.dir, &tokens) {
                Ok(()) => (Some(tokens), None),
                Err(why) => (None, Some(why)),
            }
        };
        let store = Self {
            mode: settings.mode,
            service: settings.service.clone(),
            folder,
        };
        (store, warning)
    }

    /// The entry of one key.
    pub fn entry(&self, key: &str) -> Result<Cache, Failure> {
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
                    log::trace!("keyring unavailable ({e}); caching in a file");
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
    /// cleaned up and, in auto mode, the file is used. Failing to cache is a warning (returned),
    /// not an error.
    pub fn put(&self, token: &Token) -> Option<String> {
        let stored = Stored {
            v: 1,
            access_token: token.access_token.expose().to_string(),
            token_type: token.token_type.clone(),
            expires_at_ms: token.expires_at_ms,
        };
        let Ok(text) = serde_json::to_string(&stored) else {
            return None;
        };
        if let Some(entry) = &self.keyring {
            let round_trip = entry
                .set_password(&text)
                .and_then(|()| entry.get_password())
                .map_err(|e| e.to_string());
            match round_trip {
                Ok(back) if back == text => {
                    self.used.set(Some(Used::Keyring));
                    return None;
                }
                Ok(_) => {
                    if let Some(w) = self.keyring_failed(entry, "it read back another value") {
                        return Some(w);
                    }
                }
                Err(e) => {
                    if let Some(w) = self.keyring_failed(entry, &e) {
                        return Some(w);
                    }
                }
            }
        }
        let path = self.file.as_ref()?;
        match write_private(path, text.as_bytes()) {
            Ok(()) => {
                self.used.set(Some(Used::File));
                None
            }
            Err(e) => Some(format!(
                "could not cache the token in {}: {e}",
                path.display()
            )),
        }
    }

    /// After a keyring that did not keep the token: the file is tried next (a log line), or, when
    /// there is none, the warning.
    fn keyring_failed(&self, entry: &keyring::Entry, why: &str) -> Option<String> {
        let _ = entry.delete_credential();
        match &self.file {
            Some(path) => {
                log::trace!("keyring unavailable ({why}); caching in {}", path.display());
                None
            }
            None => Some(format!(
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
    /// read-only folder) is a warning (returned): the run goes on without single flight.
    pub fn lock(&self, patience: &Patience<'_>) -> Result<(Option<File>, Option<String>), Failure> {
        let Some(path) = self.lock_path.as_ref() else {
            return Ok((None, None));
        };
        Ok(match files::lock_in_place(path, patience)? {
            Ok(file) => (Some(file), None),
            Err(e) => (
                None,
                Some(format!(
                    "cannot lock the token cache entry {} ({e}); going on without the lock",
                    path.display()
                )),
            ),
        })
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
        access_token: Secret::remembered(stored.access_token),
        token_type: stored.token_type,
        expires_at_ms: stored.expires_at_ms,
    })
}

/// Create the cache folder (0700) if needed and say whether it can be trusted: a folder that is not
/// this user's own, or that others can write, could hold a planted token or lock; one that cannot be
/// created leaves the run uncached. Either way a warning (the error), and the run goes on without
/// the file store.
fn trusted_folder(root: &Path, tokens: &Path) -> Result<(), String> {
    if let Err(e) = files::create_private_dir(tokens) {
        return Err(format!(
            "cannot create the token cache folder {} ({e}); this run is not cached",
            tokens.display()
        ));
    }
    for folder in [root, tokens] {
        if let Some(why) = files::untrusted(folder, files::FileKind::Directory) {
            return Err(format!(
                "the token cache folder {} {why}, so another user could plant a token in it; it is not used and this run is not cached (make it yours alone: chmod 700 {}, or set ADOBE_JWT_CACHE_DIR to a folder that is)",
                folder.display(),
                folder.display()
            ));
        }
    }
    Ok(())
}

fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    files::create_private_dir(path.parent().unwrap_or(path))?;
    files::replace(path, bytes, None).map(drop)
}
