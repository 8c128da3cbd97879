//! The keychain: a credential's long-lived secrets (the client secret; for jwt also the private key
//! and its passphrase) kept off disk, under the credential's identity (kind and client id).
//!
//! Two stores: the OS's own ([`os`]: the macOS Keychain, the Windows Credential Manager, a Secret
//! Service on Linux over D-Bus) and one file encrypted with age under a scrypt passphrase
//! ([`file`]). `ADOBE_JWT_KEYCHAIN` chooses: `auto` is the OS store once a write, read and delete
//! round trip has proven it (within 2 s), else an error naming `ADOBE_JWT_KEYCHAIN=file`; never a
//! silent fallback. No operation waits more than [`BOUND`] on a store that does not answer.
//!
//! Each entry carries a stamp, new at every write, mirrored in a small file in the keychain's folder:
//! the token cache keys a keychain-held secret on it, so a cache hit never opens the keychain and a
//! secret changed through adobe-jwt still misses.

mod file;
mod os;

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::credential::{AuthKind, Store};
use crate::error::{Failure, Kind};
use crate::files::{self, Patience};
use crate::redact::Secret;

/// The longest any keychain operation waits for a store, or for another run's lock.
pub const BOUND: Duration = Duration::from_secs(5);

/// How long `auto`'s proof of the OS store may take.
pub const PROOF_BOUND: Duration = Duration::from_secs(2);

/// `ADOBE_JWT_KEYCHAIN`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Auto,
    Os,
    File,
}

impl Choice {
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(Choice::Auto),
            "os" => Some(Choice::Os),
            "file" => Some(Choice::File),
            _ => None,
        }
    }
}

/// What the settings layer resolves for the keychain.
#[derive(Debug, Clone)]
pub struct Settings {
    pub choice: Choice,
    /// The OS store's service name (`ADOBE_JWT_KEYCHAIN_SERVICE`, default `adobe-jwt-keychain`).
    pub service: String,
    /// The file store (`ADOBE_JWT_KEYCHAIN_FILE`, default `keychain.age` in `dir`).
    pub file: PathBuf,
    /// adobe-jwt's folder in the user's config folder: the OS store's index lock lives here.
    pub dir: PathBuf,
    /// `ADOBE_JWT_KEYCHAIN_PASSPHRASE`, for unattended use of the file store.
    pub passphrase: Option<Secret>,
    /// Where the entries' stamps are mirrored (in the keychain's folder); `None`: nowhere.
    pub stamps: Option<PathBuf>,
}

impl Settings {
    pub const SERVICE: &'static str = "adobe-jwt-keychain";

    /// The store this choice reads and writes.
    pub fn store(&self) -> Store {
        match self.choice {
            Choice::File => Store::File,
            Choice::Auto | Choice::Os => Store::Os,
        }
    }
}

/// A credential's identity: its kind and client id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Id {
    pub kind: AuthKind,
    pub client_id: String,
}

impl Id {
    pub fn new(kind: AuthKind, client_id: &str) -> Self {
        Self {
            kind,
            client_id: client_id.trim().to_string(),
        }
    }

    /// The entry's name in a store: `oauth:0a0b…`.
    pub fn account(&self) -> String {
        format!("{}:{}", self.kind.name(), self.client_id)
    }

    fn parse(account: &str) -> Option<Self> {
        let (kind, client_id) = account.split_once(':')?;
        let kind = match kind {
            "oauth" => AuthKind::OAuth,
            "jwt" => AuthKind::Jwt,
            _ => return None,
        };
        (!client_id.is_empty()).then(|| Self::new(kind, client_id))
    }

    /// A file name for the stamp: the account with anything but `[A-Za-z0-9._-]` spelled in hex.
    fn file_name(&self) -> String {
        let mut name = String::new();
        for b in self.account().bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => {
                    name.push(char::from(b))
                }
                _ => name.push_str(&format!("%{b:02x}")),
            }
        }
        name
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} client {}",
            self.kind,
            crate::redact::mask_id(&self.client_id)
        )
    }
}

/// One credential's secrets, as a store holds them: by key name (unprefixed, e.g.
/// `IMS_OAUTH_S2S_CLIENT_SECRET`), with the uuid of the client secret when it is known.
#[derive(Clone)]
pub struct Entry {
    pub id: Id,
    pub secrets: BTreeMap<String, Secret>,
    pub secret_uuid: Option<String>,
    pub stored_at_ms: u64,
    /// New at every write: what the token cache keys on.
    pub stamp: String,
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Entry")
            .field("id", &self.id)
            .field("names", &self.secrets.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Entry {
    /// A new entry (a fresh stamp, stored now).
    pub fn new(id: Id, secrets: BTreeMap<String, Secret>, secret_uuid: Option<String>) -> Self {
        Self {
            id,
            secrets,
            secret_uuid,
            stored_at_ms: crate::clock::now_ms(),
            stamp: crate::crypto::random_hex(16),
        }
    }

    pub fn get(&self, key: &str) -> Option<&Secret> {
        self.secrets.get(key)
    }

    fn to_text(&self) -> Secret {
        let stored = Stored {
            v: 1,
            kind: self.id.kind.name().into(),
            client_id: self.id.client_id.clone(),
            stored_at_ms: self.stored_at_ms,
            stamp: self.stamp.clone(),
            client_secret_uuid: self.secret_uuid.clone(),
            secrets: self
                .secrets
                .iter()
                .map(|(k, v)| (k.clone(), v.expose().to_string()))
                .collect(),
        };
        let text = serde_json::to_string(&stored).unwrap_or_default();
        stored.wipe();
        Secret::new(text)
    }

    fn from_text(account: &str, text: &Secret) -> Result<Self, Failure> {
        let damaged = || {
            Failure::config(format!(
                "the keychain entry {account} is not one adobe-jwt wrote"
            ))
            .with_hint("remove it (adobe-jwt keychain remove) and add the secrets again")
        };
        let stored: Stored = serde_json::from_str(text.expose()).map_err(|_| damaged())?;
        let id = Id::parse(account).ok_or_else(damaged)?;
        if stored.v != 1 || stored.kind != id.kind.name() || stored.client_id != id.client_id {
            stored.wipe();
            return Err(damaged());
        }
        let entry = Self {
            id,
            secrets: stored
                .secrets
                .iter()
                .map(|(k, v)| (k.clone(), Secret::new(v.clone())))
                .collect(),
            secret_uuid: stored.client_secret_uuid.clone(),
            stored_at_ms: stored.stored_at_ms,
            stamp: stored.stamp.clone(),
        };
        stored.wipe();
        Ok(entry)
    }
}

/// An entry as it is serialised inside a store.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    kind: String,
    client_id: String,
    stored_at_ms: u64,
    stamp: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    client_secret_uuid: Option<String>,
    secrets: BTreeMap<String, String>,
}

impl Stored {
    /// Overwrite the secret values before the memory is freed.
    fn wipe(mut self) {
        for v in self.secrets.values_mut() {
            zeroize::Zeroize::zeroize(v);
        }
    }
}

/// What `keychain list` shows of an entry: never a value.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub kind: &'static str,
    pub client_id: String,
    pub secrets: Vec<String>,
    pub store: &'static str,
    pub stored_at: String,
    #[serde(skip)]
    pub stored_at_ms: u64,
}

/// A store's four operations on named values. Values are whole entries' texts.
trait Backend {
    fn get(&self, account: &str) -> Result<Option<Secret>, Failure>;
    fn set(&self, account: &str, value: &Secret) -> Result<(), Failure>;
    /// Whether there was a value.
    fn delete(&self, account: &str) -> Result<bool, Failure>;
    fn accounts(&self) -> Result<Vec<String>, Failure>;
    /// Forget what this run read, so that the next `get` reads the store itself.
    fn forget(&self) {}
}

/// The keychain of a run: the store the settings choose, opened on first use, and the entries read
/// so far (thousands of sets in `status` share one reading).
pub struct Keychain {
    settings: Settings,
    backend: OnceCell<Result<Box<dyn Backend>, Failure>>,
    entries: RefCell<BTreeMap<Id, Option<Rc<Entry>>>>,
    accounts: OnceCell<Result<Vec<Id>, Failure>>,
    /// The names in the stamps folder, listed once: a run that looks up thousands of credentials
    /// (`status` over a large .env) opens only the stamps that exist.
    mirrored_names: RefCell<Option<std::collections::BTreeSet<String>>>,
}

impl fmt::Debug for Keychain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Keychain({})", self.store())
    }
}

impl Keychain {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            backend: OnceCell::new(),
            entries: RefCell::new(BTreeMap::new()),
            accounts: OnceCell::new(),
            mirrored_names: RefCell::new(None),
        }
    }

    /// Whether the stamps folder holds `name` (listed on first use).
    fn is_mirrored(&self, dir: &std::path::Path, name: &str) -> bool {
        let mut names = self.mirrored_names.borrow_mut();
        names
            .get_or_insert_with(|| {
                std::fs::read_dir(dir)
                    .map(|entries| {
                        entries
                            .filter_map(Result::ok)
                            .filter_map(|e| e.file_name().into_string().ok())
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .contains(name)
    }

    pub fn store(&self) -> Store {
        self.settings.store()
    }

    /// Where the store keeps its entries, for messages.
    pub fn describe(&self) -> String {
        match self.store() {
            Store::Os => format!("the OS keychain ({})", os::NAME),
            Store::File => format!("the keychain file {}", self.settings.file.display()),
        }
    }

    fn backend(&self) -> Result<&dyn Backend, Failure> {
        self.backend
            .get_or_init(|| match self.settings.choice {
                Choice::File => Ok(Box::new(file::FileStore::new(&self.settings)) as Box<_>),
                Choice::Os | Choice::Auto => {
                    os::OsStore::open(&self.settings).map(|s| Box::new(s) as _)
                }
            })
            .as_ref()
            .map(|b| b.as_ref())
            .map_err(Clone::clone)
    }

    /// Before the one copy of a secret goes to the store: `auto` proves the OS store with a write,
    /// read and delete round trip within [`PROOF_BOUND`]; `os` and `file` are taken as chosen.
    pub fn prove(&self) -> Result<(), Failure> {
        if self.settings.choice != Choice::Auto {
            return self.backend().map(|_| ());
        }
        let started = Instant::now();
        let backend = self.backend()?;
        let _within = os::Within::new(PROOF_BOUND);
        let account = format!("probe:{}", crate::crypto::random_hex(8));
        let value = Secret::new(crate::crypto::random_hex(16));
        let round_trip = backend
            .set(&account, &value)
            .and_then(|()| backend.get(&account))
            .and_then(|back| {
                let deleted = backend.delete(&account)?;
                Ok(back.as_ref() == Some(&value) && deleted)
            });
        let fail = |why: String| {
            Failure::config(format!(
                "the OS keychain ({}) did not prove itself: {why}",
                os::NAME
            ))
            .with_hint(
                "unlock it, or keep the secrets in an encrypted file instead: ADOBE_JWT_KEYCHAIN=file",
            )
        };
        match round_trip {
            Ok(true) if started.elapsed() <= PROOF_BOUND => Ok(()),
            Ok(true) => Err(fail(format!(
                "a write, read and delete took {}, more than {}",
                crate::output::duration(started.elapsed()),
                crate::output::duration(PROOF_BOUND)
            ))),
            Ok(false) => Err(fail("it read back another value".into())),
            Err(f) => Err(fail(f.message)),
        }
    }

    /// The entry of a credential, read once per run; `None` when the store has none.
    pub fn get(&self, id: &Id) -> Result<Option<Rc<Entry>>, Failure> {
        if let Some(known) = self.entries.borrow().get(id) {
            return Ok(known.clone());
        }
        let account = id.account();
        let _within = os::Within::new(BOUND);
        let entry = match self.backend()?.get(&account)? {
            Some(text) => Some(Rc::new(Entry::from_text(&account, &text)?)),
            None => None,
        };
        if let Some(e) = &entry {
            self.mirror(id, Some(e));
            log::debug!("read {} from {}", id, self.describe());
        }
        self.entries.borrow_mut().insert(id.clone(), entry.clone());
        Ok(entry)
    }

    /// The entry of a credential as the store holds it now (not as this run read it before).
    pub fn fresh(&self, id: &Id) -> Result<Option<Rc<Entry>>, Failure> {
        if let Ok(backend) = self.backend() {
            backend.forget();
        }
        self.entries.borrow_mut().remove(id);
        self.get(id)
    }

    /// Store an entry (replacing the credential's old one), then read it back: the store must give
    /// the same secrets, or this fails.
    pub fn put(&self, entry: &Entry) -> Result<(), Failure> {
        let backend = self.backend()?;
        let account = entry.id.account();
        let _within = os::Within::new(BOUND);
        backend.set(&account, &entry.to_text())?;
        // Read back from the store itself, not from what this run holds of it.
        backend.forget();
        let back = backend
            .get(&account)?
            .map(|text| Entry::from_text(&account, &text))
            .transpose()?;
        let same = back.as_ref().is_some_and(|b| {
            b.secrets == entry.secrets
                && b.stamp == entry.stamp
                && b.secret_uuid == entry.secret_uuid
        });
        if !same {
            return Err(Failure::config(format!(
                "{} did not read back what was written for {}",
                self.describe(),
                entry.id
            )));
        }
        self.mirror(&entry.id, Some(entry));
        self.entries
            .borrow_mut()
            .insert(entry.id.clone(), Some(Rc::new(entry.clone())));
        Ok(())
    }

    /// Delete a credential's entry; whether there was one.
    pub fn remove(&self, id: &Id) -> Result<bool, Failure> {
        let _within = os::Within::new(BOUND);
        let gone = self.backend()?.delete(&id.account())?;
        self.mirror(id, None);
        self.entries.borrow_mut().insert(id.clone(), None);
        Ok(gone)
    }

    /// Every entry's identity.
    pub fn ids(&self) -> Result<&[Id], Failure> {
        self.accounts
            .get_or_init(|| {
                let _within = os::Within::new(BOUND);
                let accounts = self.backend()?.accounts()?;
                let mut ids: Vec<Id> = accounts.iter().filter_map(|a| Id::parse(a)).collect();
                ids.sort();
                ids.dedup();
                Ok(ids)
            })
            .as_ref()
            .map(Vec::as_slice)
            .map_err(Clone::clone)
    }

    /// Every entry, as `keychain list` shows it.
    pub fn list(&self) -> Result<Vec<Listed>, Failure> {
        let mut out = Vec::new();
        for id in self.ids()? {
            if let Some(entry) = self.get(id)? {
                out.push(Listed {
                    kind: id.kind.name(),
                    client_id: id.client_id.clone(),
                    secrets: entry.secrets.keys().cloned().collect(),
                    store: self.store().name(),
                    stored_at: crate::output::rfc3339(entry.stored_at_ms),
                    stored_at_ms: entry.stored_at_ms,
                });
            }
        }
        Ok(out)
    }

    /// The stamp of a credential's entry and the names of its secrets, as this machine last saw
    /// them, without opening the store: what the token cache keys a keychain-held secret on.
    /// `None` when nothing is mirrored.
    pub fn mirrored(&self, id: &Id) -> Option<Mirror> {
        let dir = self.settings.stamps.as_ref()?;
        let name = id.file_name();
        if !self.is_mirrored(dir, &name) {
            return None;
        }
        let path = dir.join(name);
        if files::untrusted(&path, files::FileKind::Regular).is_some() {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let mut lines = text.lines();
        let stamp = lines.next()?.trim();
        let names: Vec<String> = lines
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect();
        let shaped = stamp.len() == 32 && stamp.bytes().all(|b| b.is_ascii_hexdigit());
        (shaped && !names.is_empty()).then(|| Mirror {
            stamp: stamp.to_string(),
            names,
        })
    }

    /// Mirror (or, for `None`, remove) an entry's stamp and names beside the token cache. Failing
    /// to is no error: without a mirror a cache lookup misses, and the cold path reads the store.
    fn mirror(&self, id: &Id, entry: Option<&Entry>) {
        let Some(dir) = &self.settings.stamps else {
            return;
        };
        let name = id.file_name();
        let path = dir.join(&name);
        // The listing is read again after this write.
        self.mirrored_names.borrow_mut().take();
        let Some(entry) = entry else {
            let _ = std::fs::remove_file(&path);
            return;
        };
        let names: Vec<String> = entry.secrets.keys().cloned().collect();
        let current = self.mirrored(id);
        if current.is_some_and(|m| m.stamp == entry.stamp && m.names == names) {
            return;
        }
        if files::create_private_dir(dir).is_ok() {
            let text = format!("{}\n{}\n", entry.stamp, names.join(" "));
            let _ = files::replace(&path, text.as_bytes(), None);
        }
        self.mirrored_names.borrow_mut().take();
    }
}

/// What this machine last saw of an entry: its stamp and the names of its secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mirror {
    pub stamp: String,
    pub names: Vec<String>,
}

/// A lock's patience for keychain writes: [`BOUND`], and no word while waiting.
fn patience<T>(f: impl FnOnce(&Patience<'_>) -> T) -> T {
    let on_wait = |_: &std::path::Path| {};
    f(&Patience {
        until: os::Within::until(),
        bound: "the keychain's 5 s bound",
        on_wait: &on_wait,
    })
}

/// A store that did not answer within its bound: exit 3, naming the store.
fn unanswered(store: &str, bound: Duration) -> Failure {
    Failure::new(
        Kind::Config,
        format!(
            "{store} did not answer within {}: it may be locked (and asking to be unlocked), or its daemon may hang",
            crate::output::duration(bound)
        ),
    )
    .with_hint("unlock it and try again, or keep the secrets in an encrypted file: ADOBE_JWT_KEYCHAIN=file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_their_entries_and_stamp_files() {
        let id = Id::new(AuthKind::OAuth, "0a0b0c");
        assert_eq!(id.account(), "oauth:0a0b0c");
        assert_eq!(Id::parse("oauth:0a0b0c"), Some(id.clone()));
        assert_eq!(Id::parse("probe:x"), None);
        assert_eq!(id.file_name(), "oauth%3a0a0b0c");
        assert_eq!(
            Id::new(AuthKind::Jwt, "a/../b").file_name(),
            "jwt%3aa%2f..%2fb"
        );
    }

    #[test]
    fn entries_round_trip_and_refuse_another_identity() {
        let id = Id::new(AuthKind::Jwt, "abc");
        let secrets = BTreeMap::from([
            ("JWT_CLIENT_SECRET".to_string(), Secret::new("s3cret")),
            ("JWT_PRIVATE_KEY".to_string(), Secret::new("LS0t")),
        ]);
        let entry = Entry::new(id.clone(), secrets, None);
        let back = Entry::from_text("jwt:abc", &entry.to_text()).expect("reads");
        assert_eq!(back.secrets, entry.secrets);
        assert_eq!(back.stamp, entry.stamp);
        assert!(Entry::from_text("jwt:other", &entry.to_text()).is_err());
        assert!(!format!("{entry:?}").contains("s3cret"));
    }
}
