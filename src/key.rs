//! The private key in a .env: every form people produce, decoded to one RSA key, or a clear refusal.

use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use pkcs8::der::Decode;
use rsa::pkcs1::{DecodeRsaPrivateKey, EncodeRsaPrivateKey};
use rsa::pkcs8::{DecodePrivateKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};

use crate::error::Failure;
use crate::files::{self, Accept};
use crate::secret::Secret;

/// RSA keys below this size are refused, as IMS refuses them.
pub const MIN_BITS: usize = 2048;

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_DSA: &str = "1.2.840.10040.4.1";

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
}

impl Encoding {
    /// Whether the key was stored encrypted (a passphrase was needed).
    pub fn is_encrypted(self) -> bool {
        matches!(self, Encoding::EncryptedPkcs8)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Encoding::Pkcs8 => "PKCS#8",
            Encoding::Pkcs1 => "PKCS#1",
            Encoding::EncryptedPkcs8 => "encrypted PKCS#8",
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
    /// "base64 of PKCS#8 RSA 2048-bit", "file private.key: PEM of PKCS#1 RSA 4096-bit".
    pub fn describe(&self) -> String {
        let what = format!("{} of {} RSA {}-bit", self.form, self.encoding, self.bits);
        match &self.file {
            Some(file) => format!("file {file}: {what}"),
            None => what,
        }
    }

    pub fn public_key(&self) -> RsaPublicKey {
        self.key.to_public_key()
    }

    /// The public key as SubjectPublicKeyInfo DER (what a certificate holds).
    pub fn spki_der(&self) -> Vec<u8> {
        self.public_key()
            .to_public_key_der()
            .map(|d| d.into_vec())
            .unwrap_or_default()
    }

    /// SHA-256 of the public key (SubjectPublicKeyInfo DER), as `SHA256:<base64>` like OpenSSH.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.public_key())
    }

    /// The PKCS#1 DER of the private key, for signing.
    pub fn pkcs1_der(&self) -> Result<Vec<u8>, Failure> {
        self.key
            .to_pkcs1_der()
            .map(|d| d.as_bytes().to_vec())
            .map_err(|_| Failure::config("the private key cannot be re-encoded for signing"))
    }
}

/// SHA-256 fingerprint of a public key, `SHA256:<base64>`.
pub fn fingerprint(public: &RsaPublicKey) -> String {
    let der = public
        .to_public_key_der()
        .map(|d| d.into_vec())
        .unwrap_or_default();
    format!("SHA256:{}", STANDARD_NO_PAD.encode(Sha256::digest(der)))
}

/// Decode a `JWT_PRIVATE_KEY` value in any accepted form. `@path` is read relative to `base_dir`.
pub fn decode(
    value: &str,
    passphrase: Option<&Secret>,
    base_dir: &Path,
) -> Result<PrivateKey, Failure> {
    let value = value.trim();
    if let Some(path) = value.strip_prefix('@') {
        let full = base_dir.join(path.trim());
        let bytes = files::read(&full, "the private key file", Accept::RegularOrPipe)?;
        let mut key = decode_bytes(&bytes, passphrase)?;
        key.file = Some(path.trim().to_string());
        return Ok(key);
    }
    decode_text(value, passphrase)
}

/// Decode a key file's content: text in any accepted form, or binary DER.
pub fn decode_bytes(bytes: &[u8], passphrase: Option<&Secret>) -> Result<PrivateKey, Failure> {
    match std::str::from_utf8(bytes) {
        Ok(text) => decode_text(text, passphrase),
        Err(_) if bytes.first() == Some(&0x30) => decode_der(bytes, None, Form::Der, passphrase),
        Err(_) => Err(garbage()),
    }
}

/// Decode key material given inline (or a file's content): PEM in any spelling, or base64.
pub fn decode_text(value: &str, passphrase: Option<&Secret>) -> Result<PrivateKey, Failure> {
    let value = value.trim().trim_start_matches('\u{feff}');
    if value.is_empty() {
        return Err(Failure::config("the private key is empty"));
    }
    if value.contains("-----BEGIN") {
        if value.contains("\\n") && !value.contains('\n') {
            return decode_pem(&value.replace("\\n", "\n"), Form::EscapedPem, passphrase);
        }
        if let Some(inner) = certutil_body(value) {
            return decode_pem(&inner, Form::Certutil, passphrase);
        }
        return decode_pem(value, Form::Pem, passphrase);
    }
    let wrapped = value.contains('\n');
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(bytes) = decode_base64(&compact) else {
        return Err(garbage());
    };
    match std::str::from_utf8(&bytes) {
        Ok(text) if text.contains("-----BEGIN") => {
            let form = if wrapped {
                Form::WrappedBase64
            } else {
                Form::Base64
            };
            decode_pem(text.trim().trim_start_matches('\u{feff}'), form, passphrase)
        }
        Ok(text) if text.contains("\\n") && text.contains("-----") => Err(garbage()),
        _ if bytes.first() == Some(&0x30) => decode_der(&bytes, None, Form::Base64Der, passphrase),
        _ => Err(garbage()),
    }
}

fn garbage() -> Failure {
    Failure::config("the private key is neither a PEM nor base64 of one").with_hint(
        "encode the Console's private.key with: adobe-jwt encode-key private.key --write",
    )
}

/// Standard base64, padded or not; URL-safe too, since people paste from anywhere.
fn decode_base64(compact: &str) -> Option<Vec<u8>> {
    if compact.is_empty() {
        return None;
    }
    STANDARD
        .decode(compact)
        .or_else(|_| STANDARD_NO_PAD.decode(compact.trim_end_matches('=')))
        .or_else(|_| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(compact.trim_end_matches('='))
        })
        .ok()
}

/// certutil wraps the base64 of the PEM in CERTIFICATE lines: a real certificate has DER inside.
fn certutil_body(value: &str) -> Option<String> {
    let block = pem_block(value, "CERTIFICATE")?;
    let body: String = block
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .flat_map(|l| l.chars().filter(|c| !c.is_whitespace()))
        .collect();
    let bytes = decode_base64(&body)?;
    let text = String::from_utf8(bytes).ok()?;
    text.contains("-----BEGIN").then_some(text)
}

/// The text of the first `-----BEGIN label-----` … `-----END label-----` block.
fn pem_block<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let start = text.find(&begin)?;
    let stop = text[start..].find(&end)? + start + end.len();
    Some(&text[start..stop])
}

/// The label of the first PEM block in the text.
fn first_label(text: &str) -> Option<&str> {
    let start = text.find("-----BEGIN ")? + "-----BEGIN ".len();
    let len = text[start..].find("-----")?;
    Some(&text[start..start + len])
}

fn decode_pem(text: &str, form: Form, passphrase: Option<&Secret>) -> Result<PrivateKey, Failure> {
    let text = text.replace("\r\n", "\n");
    let label = first_label(&text).ok_or_else(garbage)?.to_string();
    match label.as_str() {
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {}
        "CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            return Err(Failure::config(
                "the private key is a certificate (certificate_pub.crt?), not the private key",
            )
            .with_hint(
                "use private.key, the file the Developer Console generated next to the certificate",
            ));
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" => {
            return Err(
                Failure::config("the private key is a public key, not the private key")
                    .with_hint("use private.key, the file the Developer Console generated"),
            );
        }
        "EC PRIVATE KEY" | "DSA PRIVATE KEY" | "OPENSSH PRIVATE KEY" => {
            return Err(non_rsa(&label));
        }
        // Name the block's type only when it reads like one: never echo arbitrary input.
        other
            if other.len() <= 40
                && other
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == ' ') =>
        {
            return Err(Failure::config(format!(
                "the private key is a PEM block of type \"{other}\", not an RSA private key"
            )));
        }
        _ => {
            return Err(Failure::config(
                "the private key's PEM block has a damaged or unknown type line, not BEGIN PRIVATE KEY",
            )
            .with_hint("encode the original private.key again: adobe-jwt encode-key private.key --write"));
        }
    }
    let block = pem_block(&text, &label).ok_or_else(|| {
        Failure::config(format!(
            "the private key's PEM has no -----END {label}----- line"
        ))
        .with_hint("the value was cut off; encode the whole file with adobe-jwt encode-key")
    })?;
    if block.contains("Proc-Type:") || block.contains("DEK-Info:") {
        return Err(Failure::config(
            "the private key is encrypted in the legacy OpenSSL format, which is not supported",
        )
        .with_hint(
            "convert it to encrypted PKCS#8: openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.key -out private-pkcs8.key",
        ));
    }
    let (_, der) = pkcs8::der::pem::decode_vec(block.as_bytes()).map_err(|_| {
        Failure::config("the private key's PEM body is damaged (not valid base64 DER)")
            .with_hint("encode the original file again with adobe-jwt encode-key private.key")
    })?;
    decode_der(&der, Some(&label), form, passphrase)
}

fn non_rsa(what: &str) -> Failure {
    Failure::config(format!(
        "the private key is not an RSA key ({what}); Adobe IMS signs JWT assertions with RS256 only"
    ))
    .with_hint("use the RSA private.key generated by the Developer Console")
}

/// Decode DER: `label` is the PEM label when there was one; without it, sniff PKCS#8 then PKCS#1.
fn decode_der(
    der: &[u8],
    label: Option<&str>,
    form: Form,
    passphrase: Option<&Secret>,
) -> Result<PrivateKey, Failure> {
    let (key, encoding) = match label {
        Some("RSA PRIVATE KEY") => (
            RsaPrivateKey::from_pkcs1_der(der)
                .map_err(|_| Failure::config("the private key's PKCS#1 structure is damaged"))?,
            Encoding::Pkcs1,
        ),
        Some("ENCRYPTED PRIVATE KEY") => (decrypt(der, passphrase)?, Encoding::EncryptedPkcs8),
        _ => match pkcs8_rsa(der) {
            Ok(key) => (key, Encoding::Pkcs8),
            Err(e) if label.is_some() => return Err(e),
            Err(e) => match RsaPrivateKey::from_pkcs1_der(der) {
                Ok(key) => (key, Encoding::Pkcs1),
                Err(_) => return Err(e),
            },
        },
    };
    let bits = key.n().bits();
    if bits < MIN_BITS {
        return Err(Failure::config(format!(
            "the private key is RSA {bits}-bit; IMS needs at least {MIN_BITS} bits"
        ))
        .with_hint("generate a new key pair in the Developer Console (or openssl genrsa 2048) and upload its certificate"));
    }
    Ok(PrivateKey {
        key,
        form,
        file: None,
        encoding,
        bits,
    })
}

fn pkcs8_rsa(der: &[u8]) -> Result<RsaPrivateKey, Failure> {
    let info = pkcs8::PrivateKeyInfo::from_der(der)
        .map_err(|_| Failure::config("the private key's PKCS#8 structure is damaged"))?;
    match info.algorithm.oid.to_string().as_str() {
        OID_RSA => RsaPrivateKey::from_pkcs8_der(der)
            .map_err(|_| Failure::config("the private key's RSA structure is damaged")),
        OID_EC => Err(non_rsa("an EC key")),
        OID_ED25519 => Err(non_rsa("an Ed25519 key")),
        OID_DSA => Err(non_rsa("a DSA key")),
        other => Err(non_rsa(&format!("algorithm {other}"))),
    }
}

/// scrypt may use at most this much memory (128·r·(N + p + 2) bytes): OpenSSL's own limit.
pub const MAX_SCRYPT_MEMORY: u64 = 32 * 1024 * 1024;
/// scrypt may do at most this much work, N·r·p: 32 times OpenSSL's own default (N=16384, r=8, p=1).
pub const MAX_SCRYPT_WORK: u64 = 1 << 22;
/// PBKDF2 may run at most this many iterations (OpenSSL sets none; its own default is 2,048 and
/// OWASP asks for 600,000 with SHA-256): about three seconds of work.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// Refuse, before any work, a key whose KDF parameters would cost more than the limits above: a
/// crafted key must not hold the process for minutes before "wrong passphrase".
fn check_kdf_cost(scheme: &pkcs8::pkcs5::EncryptionScheme<'_>) -> Result<(), Failure> {
    use pkcs8::pkcs5::pbes2::Kdf;
    let Some(params) = scheme.pbes2() else {
        return Ok(());
    };
    let too_costly = |what: String| {
        Failure::config(format!(
            "the encrypted private key asks for {what}, more than adobe-jwt spends on a key; it was not tried"
        ))
        .with_hint("re-encrypt it with usual parameters: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out private.key")
    };
    match &params.kdf {
        Kdf::Pbkdf2(p) if p.iteration_count > MAX_PBKDF2_ITERATIONS => Err(too_costly(format!(
            "{} PBKDF2 iterations (limit {MAX_PBKDF2_ITERATIONS})",
            p.iteration_count
        ))),
        Kdf::Scrypt(p) => {
            let r = u64::from(p.block_size);
            let memory = 128u64.saturating_mul(r).saturating_mul(
                p.cost_parameter
                    .saturating_add(u64::from(p.parallelization))
                    .saturating_add(2),
            );
            let work = p
                .cost_parameter
                .saturating_mul(r)
                .saturating_mul(u64::from(p.parallelization));
            if memory > MAX_SCRYPT_MEMORY || work > MAX_SCRYPT_WORK {
                return Err(too_costly(format!(
                    "scrypt with N={}, r={}, p={} ({} MiB of memory, work N·r·p {work}; limits {} MiB as OpenSSL, and {MAX_SCRYPT_WORK})",
                    p.cost_parameter,
                    p.block_size,
                    p.parallelization,
                    memory / (1024 * 1024),
                    MAX_SCRYPT_MEMORY / (1024 * 1024)
                )));
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

fn decrypt(der: &[u8], passphrase: Option<&Secret>) -> Result<RsaPrivateKey, Failure> {
    let Some(passphrase) = passphrase.filter(|p| !p.is_empty()) else {
        return Err(
            Failure::config("the private key is encrypted and no passphrase is set")
                .with_hint("set JWT_PRIVATE_KEY_PASSPHRASE in the environment or the .env"),
        );
    };
    let info = pkcs8::EncryptedPrivateKeyInfo::from_der(der)
        .map_err(|_| Failure::config("the encrypted private key's structure is damaged"))?;
    check_kdf_cost(&info.encryption_algorithm)?;
    let plain = info.decrypt(passphrase.expose().as_bytes()).map_err(|_| {
        Failure::config(
            "the private key could not be decrypted: wrong passphrase, or an unsupported cipher",
        )
        .with_hint(
            "check JWT_PRIVATE_KEY_PASSPHRASE; supported: PBES2 with PBKDF2 or scrypt and AES-CBC",
        )
    })?;
    pkcs8_rsa(plain.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::{EncodeRsaPrivateKey, LineEnding};
    use rsa::pkcs8::EncodePrivateKey;

    fn key(bits: usize) -> RsaPrivateKey {
        let mut rng = rsa::rand_core::OsRng;
        RsaPrivateKey::new(&mut rng, bits).expect("keygen")
    }

    fn pkcs8_pem(k: &RsaPrivateKey) -> String {
        k.to_pkcs8_pem(LineEnding::LF).expect("pem").to_string()
    }

    #[test]
    fn every_form_of_the_same_key_decodes_to_it() {
        let k = key(2048);
        let pem = pkcs8_pem(&k);
        let b64 = STANDARD.encode(pem.as_bytes());
        let wrapped: String = b64
            .as_bytes()
            .chunks(76)
            .map(|c| format!("{}\r\n", std::str::from_utf8(c).expect("ascii")))
            .collect();
        let certutil = format!(
            "-----BEGIN CERTIFICATE-----\r\n{}-----END CERTIFICATE-----\r\n",
            b64.as_bytes()
                .chunks(64)
                .map(|c| format!("{}\r\n", std::str::from_utf8(c).expect("ascii")))
                .collect::<String>()
        );
        let escaped = pem.trim_end().replace('\n', "\\n");
        let der = STANDARD.encode(k.to_pkcs8_der().expect("der").as_bytes());
        let cases = [
            (b64.clone(), Form::Base64),
            (wrapped, Form::WrappedBase64),
            (certutil, Form::Certutil),
            (escaped, Form::EscapedPem),
            (pem.clone(), Form::Pem),
            (der, Form::Base64Der),
        ];
        let want = fingerprint(&k.to_public_key());
        for (value, form) in cases {
            let got = decode_text(&value, None).expect("decodes");
            assert_eq!(got.form, form);
            assert_eq!(got.encoding, Encoding::Pkcs8);
            assert_eq!(got.bits, 2048);
            assert_eq!(got.fingerprint(), want);
        }
    }

    #[test]
    fn pkcs1_is_accepted_and_small_keys_are_refused() {
        let k = key(2048);
        let pem = k.to_pkcs1_pem(LineEnding::CRLF).expect("pem").to_string();
        let got = decode_text(&pem, None).expect("decodes");
        assert_eq!(got.encoding, Encoding::Pkcs1);
        let small = pkcs8_pem(&key(1024));
        let err = decode_text(&small, None).expect_err("refused");
        assert!(err.message.contains("1024-bit"), "{}", err.message);
    }

    #[test]
    fn refusals_say_what_the_input_is() {
        let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
        let err = decode_text(legacy, None).expect_err("refused");
        assert!(
            err.hint
                .unwrap_or_default()
                .contains("openssl pkcs8 -topk8")
        );
        let public = key(2048)
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        assert!(
            decode_text(&public, None)
                .expect_err("refused")
                .message
                .contains("public key")
        );
        assert!(
            decode_text("hello world", None)
                .expect_err("refused")
                .message
                .contains("neither")
        );
        assert!(decode_text("", None).is_err());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;
    use rsa::pkcs8::EncodePrivateKey;
    use std::sync::OnceLock;

    fn pem() -> &'static str {
        static PEM: OnceLock<String> = OnceLock::new();
        PEM.get_or_init(|| {
            let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).expect("keygen");
            key.to_pkcs8_pem(rsa::pkcs1::LineEnding::LF)
                .expect("pem")
                .to_string()
        })
    }

    /// PEM armor is not secret: messages may name it.
    const ARMOR: &str = "-----BEGIN PRIVATE KEY----- -----END PRIVATE KEY----- \
-----BEGIN CERTIFICATE----- -----END CERTIFICATE-----";

    /// No message may quote a 16-character run of the input it refused (armor aside).
    fn quotes_input(message: &str, input: &str) -> bool {
        let chars: Vec<char> = input.chars().collect();
        chars.windows(16).any(|w| {
            let run: String = w.iter().collect();
            run.trim().len() == 16 && !ARMOR.contains(&run) && message.contains(&run)
        })
    }

    proptest! {
        #[test]
        fn any_text_is_an_error_or_a_key_never_a_panic(text in "\\PC{0,300}") {
            if let Err(f) = decode_text(&text, None) {
                prop_assert!(!quotes_input(&f.message, &text));
                prop_assert!(!quotes_input(f.hint.as_deref().unwrap_or(""), &text));
            }
        }

        #[test]
        fn any_bytes_are_an_error_or_a_key(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = decode_bytes(&bytes, None);
        }

        #[test]
        fn damaged_keys_in_every_form_are_refused_without_quoting_them(
            form in 0usize..4,
            cut in 0usize..2000,
            flip in 0usize..2000,
            byte in any::<u8>(),
        ) {
            let pem = pem();
            let text = match form {
                0 => STANDARD.encode(pem.as_bytes()),
                1 => pem.to_string(),
                2 => pem.trim_end().replace('\n', "\\n"),
                _ => format!("-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----", STANDARD.encode(pem.as_bytes())),
            };
            let mut bytes = text.into_bytes();
            bytes.truncate(cut.max(1).min(bytes.len()));
            if let Some(b) = bytes.get_mut(flip) {
                *b = byte;
            }
            let damaged = String::from_utf8_lossy(&bytes).into_owned();
            if let Err(f) = decode_text(&damaged, None) {
                prop_assert!(!quotes_input(&f.message, &damaged));
                for run in pem.lines().filter(|l| !l.starts_with("-----")) {
                    prop_assert!(!f.message.contains(&run[..16.min(run.len())]));
                }
            }
        }

        #[test]
        fn wrong_passphrases_never_appear_in_errors(passphrase in "[a-zA-Z0-9 ]{16,40}") {
            let key = RsaPrivateKey::from_pkcs8_pem(pem()).expect("parses");
            let der = key.to_pkcs8_der().expect("der");
            let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(1, &[1u8; 16], &[2u8; 16]).expect("params");
            let encrypted = pkcs8::PrivateKeyInfo::try_from(der.as_bytes()).expect("info")
                .encrypt_with_params(params, "the right one").expect("encrypt")
                .to_pem("ENCRYPTED PRIVATE KEY", rsa::pkcs1::LineEnding::LF).expect("pem").to_string();
            let err = decode_text(&encrypted, Some(&Secret::new(passphrase.clone()))).expect_err("wrong passphrase");
            prop_assert!(!err.message.contains(passphrase.trim()));
        }
    }
}
