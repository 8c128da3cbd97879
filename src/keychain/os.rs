//! The OS store: the macOS Keychain, the Windows Credential Manager, or a Secret Service on Linux
//! and the BSDs (GNOME Keyring, KeePassXC, KWallet's bridge) over D-Bus, through the `keyring`
//! crate. The Linux kernel keyring is not used here: it forgets at logout and reboot, and it is
//! only ever the token cache.
//!
//! Every call runs on a thread of its own and is given up after the keychain's bound: a locked
//! collection that asks to be unlocked, a session without D-Bus or a hung daemon is an error
//! naming the store, never a wait. The OS stores cannot list their entries by service, so the
//! accounts are kept in an index entry of their own, updated under a lock.

use std::time::{Duration, Instant};

use crate::error::Failure;
use crate::files::{self, Lock};
use crate::redact::Secret;

use super::{BOUND, Backend};

#[cfg(target_os = "macos")]
pub const NAME: &str = "macOS Keychain";
#[cfg(windows)]
pub const NAME: &str = "Windows Credential Manager";
#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
pub const NAME: &str = "Secret Service";
#[cfg(not(any(
    target_os = "macos",
    windows,
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd"
)))]
pub const NAME: &str = "no OS keychain";

/// The index entry's account: every other account of the service, one per line.
const INDEX: &str = "index";

/// The Windows Credential Manager holds at most 2,560 bytes of UTF-16 per credential: a longer
/// value (a jwt entry with its private key) is kept in numbered parts.
#[cfg(windows)]
const PART: Option<usize> = Some(1200);
#[cfg(not(windows))]
const PART: Option<usize> = None;

pub struct OsStore {
    service: String,
    /// The lock the index is updated under.
    lock_target: std::path::PathBuf,
}

impl OsStore {
    pub fn open(settings: &super::Settings) -> Result<Self, Failure> {
        if NAME == "no OS keychain" {
            return Err(
                Failure::config("this system has no OS keychain adobe-jwt can use")
                    .with_hint("keep the secrets in an encrypted file: ADOBE_JWT_KEYCHAIN=file"),
            );
        }
        Ok(Self {
            service: settings.service.clone(),
            lock_target: settings
                .dir
                .join(format!("{}.index", sanitized(&settings.service))),
        })
    }

    fn index(&self) -> Result<Vec<String>, Failure> {
        Ok(match raw_get(&self.service, INDEX)? {
            Some(text) => text
                .expose()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            None => Vec::new(),
        })
    }

    /// Add or remove an account in the index, under the index lock.
    fn update_index(&self, account: &str, present: bool) -> Result<(), Failure> {
        if account.starts_with("probe:") {
            return Ok(());
        }
        if let Some(dir) = self.lock_target.parent() {
            let _ = files::create_private_dir(dir);
        }
        let _lock = super::patience(|p| Lock::beside(&self.lock_target, p))?;
        let mut accounts = self.index()?;
        let had = accounts.iter().any(|a| a == account);
        if had == present {
            return Ok(());
        }
        accounts.retain(|a| a != account);
        if present {
            accounts.push(account.to_string());
        }
        if accounts.is_empty() {
            raw_delete(&self.service, INDEX).map(|_| ())
        } else {
            raw_set(&self.service, INDEX, &Secret::new(accounts.join("\n")))
        }
    }
}

impl Backend for OsStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, Failure> {
        let Some(head) = raw_get(&self.service, account)? else {
            return Ok(None);
        };
        let Some(parts) = head.expose().strip_prefix("#parts ") else {
            return Ok(Some(head));
        };
        let count: usize = parts.trim().parse().unwrap_or(0);
        let mut whole = String::new();
        for i in 1..=count {
            match raw_get(&self.service, &format!("{account}#{i}"))? {
                Some(part) => whole.push_str(part.expose()),
                None => {
                    return Err(Failure::config(format!(
                        "part {i} of the {NAME} entry {account} is missing"
                    )));
                }
            }
        }
        Ok(Some(Secret::new(whole)))
    }

    fn set(&self, account: &str, value: &Secret) -> Result<(), Failure> {
        let text = value.expose();
        let part = PART.filter(|p| text.chars().count() > *p);
        if let Some(part) = part {
            let chars: Vec<char> = text.chars().collect();
            let parts: Vec<String> = chars.chunks(part).map(|c| c.iter().collect()).collect();
            for (i, part) in parts.iter().enumerate() {
                raw_set(
                    &self.service,
                    &format!("{account}#{}", i + 1),
                    &Secret::new(part.clone()),
                )?;
            }
            raw_set(
                &self.service,
                account,
                &Secret::new(format!("#parts {}", parts.len())),
            )?;
        } else {
            raw_set(&self.service, account, value)?;
        }
        self.update_index(account, true)
    }

    fn delete(&self, account: &str) -> Result<bool, Failure> {
        if let Some(head) = raw_get(&self.service, account)?
            && let Some(parts) = head.expose().strip_prefix("#parts ")
        {
            for i in 1..=parts.trim().parse::<usize>().unwrap_or(0) {
                raw_delete(&self.service, &format!("{account}#{i}"))?;
            }
        }
        let had = raw_delete(&self.service, account)?;
        self.update_index(account, false)?;
        Ok(had)
    }

    fn accounts(&self) -> Result<Vec<String>, Failure> {
        self.index()
    }
}

fn sanitized(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The `keyring` entry of an account: a Secret Service item on Linux and the BSDs (never the
/// kernel keyring), the platform's own store elsewhere.
fn entry(service: &str, account: &str) -> keyring::Result<keyring::Entry> {
    #[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
    {
        let credential =
            keyring::secret_service::SsCredential::new_with_target(None, service, account)?;
        Ok(keyring::Entry::new_with_credential(Box::new(credential)))
    }
    #[cfg(not(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd")))]
    {
        keyring::Entry::new(service, account)
    }
}

fn raw_get(service: &str, account: &str) -> Result<Option<Secret>, Failure> {
    let (service, account) = (service.to_string(), account.to_string());
    bounded(BOUND, move || {
        match entry(&service, &account).and_then(|e| e.get_password()) {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(failed("reading", &account, &e)),
        }
    })?
}

fn raw_set(service: &str, account: &str, value: &Secret) -> Result<(), Failure> {
    let (service, account, value) = (service.to_string(), account.to_string(), value.clone());
    bounded(BOUND, move || {
        entry(&service, &account)
            .and_then(|e| e.set_password(value.expose()))
            .map_err(|e| failed("writing", &account, &e))
    })?
}

fn raw_delete(service: &str, account: &str) -> Result<bool, Failure> {
    let (service, account) = (service.to_string(), account.to_string());
    bounded(BOUND, move || {
        match entry(&service, &account).and_then(|e| e.delete_credential()) {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(failed("deleting", &account, &e)),
        }
    })?
}

thread_local! {
    /// The deadline of the keychain operation under way, and its bound: its store calls share it.
    static UNTIL: std::cell::Cell<Option<(Instant, Duration)>> = const { std::cell::Cell::new(None) };
}

/// One keychain operation's time: every store call and lock wait inside it shares one deadline,
/// so that calls that each answer just in time cannot add up past the bound.
pub struct Within {
    outer: Option<(Instant, Duration)>,
}

impl Within {
    pub fn new(bound: Duration) -> Self {
        let outer = UNTIL.with(|u| u.get());
        let mine = (Instant::now() + bound, bound);
        let inner = match outer {
            Some(o) if o.0 <= mine.0 => o,
            _ => mine,
        };
        UNTIL.with(|u| u.set(Some(inner)));
        Self { outer }
    }

    /// The current operation's deadline and bound ([`BOUND`] from now outside one).
    fn current() -> (Instant, Duration) {
        UNTIL
            .with(|u| u.get())
            .unwrap_or_else(|| (Instant::now() + BOUND, BOUND))
    }

    /// The current operation's deadline.
    pub fn until() -> Instant {
        Self::current().0
    }
}

impl Drop for Within {
    fn drop(&mut self) {
        UNTIL.with(|u| u.set(self.outer));
    }
}

/// Run a store call on a thread of its own, and give up on it at the operation's deadline (at most
/// `bound`). A call given up on is left to finish or not: the process does not wait for it.
fn bounded<T: Send + 'static>(
    bound: Duration,
    call: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Failure> {
    let (until, named) = Within::current();
    let left = until.saturating_duration_since(Instant::now()).min(bound);
    let named = named.min(bound);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("keychain".into())
        .spawn(move || {
            let _ = tx.send(call());
        })
        .map_err(|e| Failure::config(format!("cannot start a thread for the {NAME}: {e}")))?;
    rx.recv_timeout(left)
        .map_err(|_| super::unanswered(&format!("the OS keychain ({NAME})"), named))
}

fn failed(doing: &str, account: &str, e: &keyring::Error) -> Failure {
    let why = match e {
        keyring::Error::NoStorageAccess(inner) => {
            format!("it is locked or refused access ({inner})")
        }
        keyring::Error::PlatformFailure(inner) => inner.to_string(),
        other => other.to_string(),
    };
    Failure::config(format!(
        "{doing} {account} in the OS keychain ({NAME}) failed: {}",
        crate::output::shortened(&why, crate::output::QUOTED)
    ))
    .with_hint(
        "check that the keychain is running and unlocked; or keep the secrets in an encrypted file: ADOBE_JWT_KEYCHAIN=file",
    )
}
