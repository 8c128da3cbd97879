//! The Developer Console's `certificate_pub.crt`: its public key and validity.

use std::path::Path;
use std::time::{Duration, SystemTime};

use pkcs8::der::{Decode, DecodePem, Encode};
use x509_cert::Certificate as X509;

use crate::crypto::RsaPublicKey;

use crate::error::Failure;
use crate::files::{self, Accept};

/// What matters about a certificate here.
#[derive(Debug)]
pub struct Certificate {
    pub subject: String,
    pub not_before: SystemTime,
    pub not_after: SystemTime,
    /// SubjectPublicKeyInfo DER.
    spki: Vec<u8>,
}

impl Certificate {
    /// Read a PEM or DER certificate file.
    pub fn read(path: &Path) -> Result<Self, Failure> {
        let bytes = files::read(path, "the certificate", Accept::RegularOrPipe)?;
        let cert =
            if bytes.starts_with(b"-----BEGIN") || bytes.windows(10).any(|w| w == b"-----BEGIN") {
                let text = String::from_utf8_lossy(&bytes);
                let start = text.find("-----BEGIN CERTIFICATE-----").ok_or_else(|| {
                    Failure::config(format!("{} holds no CERTIFICATE block", path.display()))
                        .with_hint("pass certificate_pub.crt from the Developer Console")
                })?;
                X509::from_pem(text[start..].as_bytes())
            } else {
                X509::from_der(&bytes)
            }
            .map_err(|e| {
                Failure::config(format!(
                    "{} is not a valid X.509 certificate ({e})",
                    path.display()
                ))
            })?;
        let tbs = &cert.tbs_certificate;
        let spki = tbs.subject_public_key_info.to_der().map_err(|e| {
            Failure::config(format!("{}: unreadable public key ({e})", path.display()))
        })?;
        Ok(Self {
            subject: tbs.subject.to_string(),
            not_before: tbs.validity.not_before.to_system_time(),
            not_after: tbs.validity.not_after.to_system_time(),
            spki,
        })
    }

    /// The certificate's RSA public key.
    pub fn rsa_public_key(&self) -> Result<RsaPublicKey, Failure> {
        RsaPublicKey::from_spki_der(&self.spki)
            .ok_or_else(|| Failure::config("the certificate's key is not an RSA public key"))
    }

    /// True when the private key's public half is the certificate's key.
    pub fn matches(&self, key: &crate::credential::PrivateKey) -> bool {
        RsaPublicKey::from_spki_der(&self.spki).as_ref() == Some(key.public_key())
    }

    /// Time left before expiry, or None when already expired.
    pub fn remaining(&self, now: SystemTime) -> Option<Duration> {
        self.not_after.duration_since(now).ok()
    }
}

/// "2026-12-31" from a SystemTime.
pub fn date(t: SystemTime) -> String {
    let ms = t
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    crate::output::rfc3339(ms)[..10].to_string()
}
