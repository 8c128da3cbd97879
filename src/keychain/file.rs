//! The file store: one file encrypted with age under a scrypt passphrase, mode 0600, in the user's
//! config folder (or where `ADOBE_JWT_KEYCHAIN_FILE` says). `age -d` opens it with the same
//! passphrase; inside is JSON, one entry per credential.
//!
//! The passphrase comes from `ADOBE_JWT_KEYCHAIN_PASSPHRASE` (unattended machines) or from the
//! terminal, without echo; never from a flag. A write takes the file's lock, reads the file again,
//! applies its one change and replaces the file atomically: concurrent writers lose nothing.

use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use age::secrecy::SecretString;
use serde::{Deserialize, Serialize};

use crate::error::Failure;
use crate::files::{self, Lock};
use crate::redact::Secret;

use super::{Backend, Settings};

/// The scrypt work factor (log2 N, r = 8) of files adobe-jwt writes: 2^16 takes about 0.2 s and
/// 64 MiB on this project's 2-core test machine, paid once per cold token from this store (a cache
/// hit never opens it). The `age` CLI picks about a second's worth; it opens these as they are.
pub const WORK_FACTOR: u8 = 16;

/// Files with a larger work factor (written by `age -p` on a faster machine) are still opened, up
/// to this (2^22: several seconds).
const MAX_WORK_FACTOR: u8 = 22;

/// The file is refused past this size: a keychain of a few credentials is a few kilobytes.
const MAX_FILE: u64 = 4 * 1024 * 1024;

/// The JSON inside the file.
#[derive(Serialize, Deserialize, Default)]
struct Contents {
    v: u32,
    /// Entry texts by account.
    entries: BTreeMap<String, String>,
}

impl Drop for Contents {
    fn drop(&mut self) {
        for v in self.entries.values_mut() {
            zeroize::Zeroize::zeroize(v);
        }
    }
}

pub struct FileStore {
    path: PathBuf,
    given: Option<Secret>,
    passphrase: OnceCell<Secret>,
    /// The entries as last read or written by this run.
    read: RefCell<Option<BTreeMap<String, Secret>>>,
}

impl FileStore {
    pub fn new(settings: &Settings) -> Self {
        Self {
            path: settings.file.clone(),
            given: settings.passphrase.clone(),
            passphrase: OnceCell::new(),
            read: RefCell::new(None),
        }
    }

    /// The passphrase: the environment's, else asked on the terminal once per run (twice, to
    /// confirm it, when the file is about to be made).
    fn passphrase(&self, new_file: bool) -> Result<&Secret, Failure> {
        if let Some(p) = self.passphrase.get() {
            return Ok(p);
        }
        let passphrase = match &self.given {
            Some(p) => p.clone(),
            None => ask(&self.path, new_file)?,
        };
        if passphrase.is_empty() {
            return Err(Failure::config("the keychain file's passphrase is empty"));
        }
        crate::redact::remember(&passphrase);
        Ok(self.passphrase.get_or_init(|| passphrase))
    }

    /// The entries in the file now (none when there is no file yet).
    fn load(&self) -> Result<BTreeMap<String, Secret>, Failure> {
        let bytes = match std::fs::symlink_metadata(&self.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
            Err(e) => {
                return Err(Failure::config(format!(
                    "cannot read the keychain file {}: {e}",
                    self.path.display()
                )));
            }
            Ok(_) => {
                if let Some(why) = files::untrusted(&self.path, files::FileKind::Regular) {
                    return Err(Failure::config(format!(
                        "the keychain file {} is not used: {why}",
                        self.path.display()
                    )));
                }
                files::read_bounded(
                    &self.path,
                    "the keychain file",
                    files::Accept::Regular,
                    MAX_FILE,
                    None,
                )?
            }
        };
        let passphrase = self.passphrase(false)?;
        let plain = decrypt(&bytes, passphrase, &self.path)?;
        let contents: Contents = serde_json::from_slice(plain.expose().as_bytes())
            .ok()
            .filter(|c: &Contents| c.v == 1)
            .ok_or_else(|| {
                Failure::config(format!(
                    "{} opens with the passphrase but is not an adobe-jwt keychain",
                    self.path.display()
                ))
            })?;
        Ok(contents
            .entries
            .iter()
            .map(|(k, v)| (k.clone(), Secret::new(v.clone())))
            .collect())
    }

    fn entries(&self) -> Result<std::cell::Ref<'_, BTreeMap<String, Secret>>, Failure> {
        if self.read.borrow().is_none() {
            let loaded = self.load()?;
            *self.read.borrow_mut() = Some(loaded);
        }
        Ok(std::cell::Ref::map(self.read.borrow(), |r| {
            r.as_ref().expect("just loaded")
        }))
    }

    /// Change the file under its lock: read it again, apply `change`, write it whole.
    fn change(
        &self,
        change: impl FnOnce(&mut BTreeMap<String, Secret>) -> bool,
    ) -> Result<bool, Failure> {
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty()) {
            files::create_private_dir(dir).map_err(|e| {
                Failure::config(format!("cannot make the folder {}: {e}", dir.display()))
            })?;
        }
        let _lock = super::patience(|p| Lock::beside(&self.path, p))?;
        let new_file = !self.path.exists();
        if new_file {
            self.passphrase(true)?;
        }
        let mut entries = self.load()?;
        let changed = change(&mut entries);
        if changed {
            let contents = Contents {
                v: 1,
                entries: entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.expose().to_string()))
                    .collect(),
            };
            let plain = Secret::new(serde_json::to_string(&contents).unwrap_or_default());
            drop(contents);
            let bytes = encrypt(&plain, self.passphrase(new_file)?)?;
            let like = std::fs::metadata(&self.path).ok();
            files::replace(&self.path, &bytes, like.as_ref()).map_err(|e| {
                Failure::config(format!(
                    "cannot write the keychain file {}: {e}",
                    self.path.display()
                ))
            })?;
            files::set_private(&self.path).map_err(|e| {
                Failure::config(format!(
                    "cannot make {} private (0600): {e}",
                    self.path.display()
                ))
            })?;
        }
        *self.read.borrow_mut() = Some(entries);
        Ok(changed)
    }
}

impl Backend for FileStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, Failure> {
        Ok(self.entries()?.get(account).cloned())
    }

    fn set(&self, account: &str, value: &Secret) -> Result<(), Failure> {
        self.change(|entries| {
            entries.insert(account.to_string(), value.clone());
            true
        })
        .map(|_| ())
    }

    fn delete(&self, account: &str) -> Result<bool, Failure> {
        self.change(|entries| entries.remove(account).is_some())
    }

    fn accounts(&self) -> Result<Vec<String>, Failure> {
        Ok(self.entries()?.keys().cloned().collect())
    }

    fn forget(&self) {
        *self.read.borrow_mut() = None;
    }
}

/// Ask for the passphrase on the terminal, without echo.
fn ask(path: &Path, new_file: bool) -> Result<Secret, Failure> {
    let no_terminal = || {
        Failure::config(format!(
            "the keychain file {} needs its passphrase, and there is no terminal to ask on",
            path.display()
        ))
        .with_hint("set ADOBE_JWT_KEYCHAIN_PASSPHRASE (from a CI secret or a password manager)")
    };
    if !std::io::stderr().is_terminal() && !std::io::stdin().is_terminal() {
        return Err(no_terminal());
    }
    let prompt = if new_file {
        format!("new passphrase for the keychain file {}: ", path.display())
    } else {
        format!("passphrase for the keychain file {}: ", path.display())
    };
    let first = Secret::new(rpassword::prompt_password(prompt).map_err(|_| no_terminal())?);
    if new_file {
        let again = Secret::new(
            rpassword::prompt_password("the same passphrase again: ").map_err(|_| no_terminal())?,
        );
        if again != first {
            return Err(Failure::usage(
                "the two passphrases differ; nothing was written",
            ));
        }
    }
    Ok(first)
}

fn encrypt(plain: &Secret, passphrase: &Secret) -> Result<Vec<u8>, Failure> {
    let mut recipient =
        age::scrypt::Recipient::new(SecretString::from(passphrase.expose().to_string()));
    recipient.set_work_factor(WORK_FACTOR);
    let failed = |e: &dyn std::fmt::Display| {
        Failure::config(format!("encrypting the keychain file failed: {e}"))
    };
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(|e| failed(&e))?;
    let mut out = Vec::new();
    let mut writer = encryptor.wrap_output(&mut out).map_err(|e| failed(&e))?;
    writer
        .write_all(plain.expose().as_bytes())
        .map_err(|e| failed(&e))?;
    writer.finish().map_err(|e| failed(&e))?;
    Ok(out)
}

fn decrypt(bytes: &[u8], passphrase: &Secret, path: &Path) -> Result<Secret, Failure> {
    let not_age = |e: &dyn std::fmt::Display| {
        Failure::config(format!(
            "{} is not a keychain file adobe-jwt can open: {e}",
            path.display()
        ))
    };
    let decryptor = age::Decryptor::new_buffered(bytes).map_err(|e| not_age(&e))?;
    if !decryptor.is_scrypt() {
        return Err(not_age(&"it is encrypted to a key, not a passphrase"));
    }
    let mut identity =
        age::scrypt::Identity::new(SecretString::from(passphrase.expose().to_string()));
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => {
                Failure::config(format!(
                    "wrong passphrase for the keychain file {}",
                    path.display()
                ))
                .with_hint("check ADOBE_JWT_KEYCHAIN_PASSPHRASE, or type it again")
            }
            other => not_age(&other),
        })?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).map_err(|e| not_age(&e))?;
    let text = String::from_utf8(plain).map_err(|e| {
        let mut bytes = e.into_bytes();
        zeroize::Zeroize::zeroize(&mut bytes);
        not_age(&"its contents are not text")
    })?;
    Ok(Secret::new(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip_and_a_wrong_passphrase_is_named() {
        let plain = Secret::new(r#"{"v":1,"entries":{}}"#);
        let pass = Secret::new("correct horse");
        let bytes = encrypt(&plain, &pass).expect("encrypts");
        assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
        let path = Path::new("k.age");
        assert_eq!(decrypt(&bytes, &pass, path).expect("opens"), plain);
        let wrong = decrypt(&bytes, &Secret::new("wrong horse"), path).expect_err("refused");
        assert!(
            wrong.message.starts_with("wrong passphrase"),
            "{}",
            wrong.message
        );
    }
}
