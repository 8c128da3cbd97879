//! The private key in a .env: every form people produce, decoded to one RSA key, or a clear refusal.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD};
use pkcs8::der::Decode;

use crate::credential::{Encoding, Form, PrivateKey};
use crate::crypto::{RSA_ENCRYPTION, RSA_SIGNING_BITS, RsaPrivateKey, RsaRejected};
use crate::error::Failure;
use crate::files::{self, Accept};
use crate::redact::Secret;

mod encrypted;

const OID_EC: &str = "1.2.840.10045.2.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_DSA: &str = "1.2.840.10040.4.1";

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
    // The key as given (one line of base64, or a PEM line by line) is a secret of this run.
    crate::redact::remember_text(value);
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
        return Err(path_hint(value).unwrap_or_else(garbage));
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

/// `JWT_PRIVATE_KEY=./private.key`: a file's name where the key goes, one `@` from the form that
/// reads the file. The name is quoted only when a file of that name exists (a damaged key is never
/// echoed).
fn path_hint(value: &str) -> Option<Failure> {
    let pathlike = value.len() <= 255
        && !value.contains(char::is_whitespace)
        && (["./", "../", "/", "~/", ".\\"]
            .iter()
            .any(|p| value.starts_with(p))
            || [".key", ".pem", ".der", ".p8"]
                .iter()
                .any(|e| value.ends_with(e)));
    if !pathlike {
        return None;
    }
    let (what, name) = if Path::new(value).is_file() {
        (format!("the name of the file {value}"), value.to_string())
    } else {
        ("a file's name".to_string(), "PATH".to_string())
    };
    Some(
        Failure::config(format!("the private key is {what}, not a key")).with_hint(format!(
            "write @{name} to read the key from the file (relative to the .env's folder), or encode it in: adobe-jwt encode-key {name} --write"
        )),
    )
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

/// The PEM inside certutil's output or inside base64 wrapped over several lines: what `encode-key`
/// encodes again, on one line. `None` for any other text.
pub fn inner_pem(text: &str) -> Option<String> {
    let text = text.trim().trim_start_matches('\u{feff}');
    if text.contains("-----BEGIN") {
        return certutil_body(text);
    }
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = String::from_utf8(decode_base64(&compact)?).ok()?;
    inner.contains("-----BEGIN").then_some(inner)
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
    // Each line of the PEM, however it was given (base64 of it, `\n`-escaped, certutil's body).
    crate::redact::remember_text(&text);
    let label = first_label(&text).ok_or_else(garbage)?.to_string();
    match label.as_str() {
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {}
        "CERTIFICATE" | "TRUSTED CERTIFICATE" => {
            return Err(Failure::config(
                "this is a certificate (like the Console's certificate_pub.crt, which holds the public half), not a private key",
            )
            .with_hint(
                "use private.key, the file the Developer Console generated next to the certificate",
            ));
        }
        "PUBLIC KEY" | "RSA PUBLIC KEY" => {
            return Err(Failure::config("this is a public key, not a private key")
                .with_hint("use private.key, the file the Developer Console generated"));
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
        let der = encrypted::traditional(block, &label, passphrase)?;
        return finish(pkcs1_key(&der)?, Encoding::EncryptedPkcs1, form);
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
        Some("RSA PRIVATE KEY") => (pkcs1_key(der)?, Encoding::Pkcs1),
        Some("ENCRYPTED PRIVATE KEY") => {
            let plain = encrypted::pkcs8(der, passphrase)?;
            (pkcs8_key(&plain)?, Encoding::EncryptedPkcs8)
        }
        _ => match pkcs8_key(der) {
            Ok(key) => (key, Encoding::Pkcs8),
            Err(e) if label.is_some() => return Err(e),
            Err(e) => match RsaPrivateKey::from_pkcs1_der(der) {
                Ok(key) => (key, Encoding::Pkcs1),
                Err(RsaRejected::Size(bits)) => return Err(wrong_size(bits)),
                Err(RsaRejected::Damaged) => return Err(e),
            },
        },
    };
    finish(key, encoding, form)
}

fn finish(key: RsaPrivateKey, encoding: Encoding, form: Form) -> Result<PrivateKey, Failure> {
    Ok(PrivateKey::new(key, form, encoding))
}

/// The RSA key inside PKCS#8; other algorithms are named and refused.
fn pkcs8_key(der: &[u8]) -> Result<RsaPrivateKey, Failure> {
    let info = pkcs8::PrivateKeyInfo::from_der(der)
        .map_err(|_| Failure::config("the private key's PKCS#8 structure is damaged"))?;
    if info.algorithm.oid == RSA_ENCRYPTION {
        return RsaPrivateKey::from_pkcs1_der(info.private_key).map_err(|e| match e {
            RsaRejected::Size(bits) => wrong_size(bits),
            RsaRejected::Damaged => Failure::config("the private key's RSA structure is damaged"),
        });
    }
    Err(match info.algorithm.oid.to_string().as_str() {
        OID_EC => non_rsa("an EC key"),
        OID_ED25519 => non_rsa("an Ed25519 key"),
        OID_DSA => non_rsa("a DSA key"),
        other => non_rsa(&format!("algorithm {other}")),
    })
}

fn pkcs1_key(der: &[u8]) -> Result<RsaPrivateKey, Failure> {
    RsaPrivateKey::from_pkcs1_der(der).map_err(|e| match e {
        RsaRejected::Size(bits) => wrong_size(bits),
        RsaRejected::Damaged => Failure::config("the private key's PKCS#1 structure is damaged"),
    })
}

fn wrong_size(bits: usize) -> Failure {
    let (least, most) = (RSA_SIGNING_BITS.start(), RSA_SIGNING_BITS.end());
    if bits < *least {
        Failure::config(format!(
            "the private key is RSA {bits}-bit; IMS needs at least {least} bits"
        ))
        .with_hint("generate a new key pair in the Developer Console (or openssl genrsa 2048) and upload its certificate")
    } else {
        Failure::config(format!(
            "the private key is RSA {bits}-bit; adobe-jwt signs with RSA keys of {least} to {most} bits"
        ))
        .with_hint("the Developer Console generates 2048-bit pairs: generate one there and upload its certificate")
    }
}

#[cfg(test)]
pub(crate) mod test_keys {
    //! Keys for the unit tests, generated once per test run; nothing private is committed.

    use std::sync::OnceLock;

    use pkcs8::LineEnding;
    use pkcs8::der::Decode;

    /// A 2048-bit key as PKCS#8 DER, the same one for every test that asks.
    pub fn pkcs8_der() -> &'static [u8] {
        static DER: OnceLock<Vec<u8>> = OnceLock::new();
        DER.get_or_init(|| crate::keygen::rsa_pkcs8_der(2048))
    }

    pub fn pem(label: &str, der: &[u8]) -> String {
        pkcs8::der::pem::encode_string(label, LineEnding::LF, der).expect("PEM")
    }

    pub fn pkcs1_der(pkcs8: &[u8]) -> Vec<u8> {
        pkcs8::PrivateKeyInfo::from_der(pkcs8)
            .expect("PKCS#8")
            .private_key
            .to_vec()
    }

    /// The key encrypted as PKCS#8 with these PBES2 parameters.
    pub fn encrypted_pem(params: pkcs8::pkcs5::pbes2::Parameters<'_>, passphrase: &str) -> String {
        pkcs8::PrivateKeyInfo::from_der(pkcs8_der())
            .expect("PKCS#8")
            .encrypt_with_params(params, passphrase)
            .expect("encrypts")
            .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
            .expect("PEM")
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::test_keys::{encrypted_pem, pem, pkcs1_der, pkcs8_der};
    use super::*;
    use pkcs8::pkcs5::pbes2::{EncryptionScheme, Kdf, Parameters, Pbkdf2Params, Pbkdf2Prf};

    fn want_fingerprint() -> String {
        RsaPrivateKey::from_pkcs1_der(&pkcs1_der(pkcs8_der()))
            .expect("ring accepts it")
            .public()
            .fingerprint()
    }

    #[test]
    fn every_form_of_the_same_key_decodes_to_it() {
        let pem = pem("PRIVATE KEY", pkcs8_der());
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
        let der = STANDARD.encode(pkcs8_der());
        let cases = [
            (b64.clone(), Form::Base64),
            (wrapped, Form::WrappedBase64),
            (certutil, Form::Certutil),
            (escaped, Form::EscapedPem),
            (pem.clone(), Form::Pem),
            (der, Form::Base64Der),
        ];
        let want = want_fingerprint();
        for (value, form) in cases {
            let got = decode_text(&value, None).expect("decodes");
            assert_eq!(got.form, form);
            assert_eq!(got.encoding, Encoding::Pkcs8);
            assert_eq!(got.bits, 2048);
            assert_eq!(got.fingerprint(), want);
        }
        let binary = decode_bytes(pkcs8_der(), None).expect("DER file");
        assert_eq!((binary.form, binary.fingerprint()), (Form::Der, want));
    }

    #[test]
    fn pkcs1_is_accepted_and_keys_ring_cannot_sign_with_are_refused_by_size() {
        let pkcs1 = pem("RSA PRIVATE KEY", &pkcs1_der(pkcs8_der())).replace('\n', "\r\n");
        let got = decode_text(&pkcs1, None).expect("decodes");
        assert_eq!(got.encoding, Encoding::Pkcs1);
        assert_eq!(got.fingerprint(), want_fingerprint());
        let small = pem("PRIVATE KEY", &crate::keygen::rsa_pkcs8_der(1024));
        let err = decode_text(&small, None).expect_err("refused");
        assert!(err.message.contains("RSA 1024-bit"), "{}", err.message);
        assert!(err.message.contains("at least 2048"), "{}", err.message);
        // Without a label (base64 of DER), PKCS#1 is sniffed and its size still named.
        let small_pkcs1 = STANDARD.encode(pkcs1_der(&crate::keygen::rsa_pkcs8_der(1024)));
        let err = decode_text(&small_pkcs1, None).expect_err("refused");
        assert!(err.message.contains("RSA 1024-bit"), "{}", err.message);
    }

    #[test]
    fn refusals_say_what_the_input_is() {
        let key = decode_text(&pem("PRIVATE KEY", pkcs8_der()), None).expect("decodes");
        let public = pem("PUBLIC KEY", &key.public_key().spki_der());
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
        let mut damaged = pkcs1_der(pkcs8_der());
        let last = damaged.len() - 1;
        damaged[last] ^= 0x5a;
        let err = decode_text(&pem("RSA PRIVATE KEY", &damaged), None).expect_err("refused");
        assert!(
            err.message.contains("PKCS#1 structure is damaged"),
            "{}",
            err.message
        );
    }

    fn pbkdf2(prf: Pbkdf2Prf, encryption: EncryptionScheme<'static>) -> Parameters<'static> {
        Parameters {
            kdf: Kdf::Pbkdf2(Pbkdf2Params {
                salt: &[3u8; 16],
                iteration_count: 2048,
                key_length: None,
                prf,
            }),
            encryption,
        }
    }

    #[test]
    fn pbes2_keys_of_every_prf_and_cipher_openssl_writes_decrypt() {
        let iv16 = &[9u8; 16];
        let iv8 = &[9u8; 8];
        let cases = [
            pbkdf2(
                Pbkdf2Prf::HmacWithSha1,
                EncryptionScheme::Aes256Cbc { iv: iv16 },
            ),
            pbkdf2(
                Pbkdf2Prf::HmacWithSha224,
                EncryptionScheme::Aes128Cbc { iv: iv16 },
            ),
            pbkdf2(
                Pbkdf2Prf::HmacWithSha256,
                EncryptionScheme::Aes192Cbc { iv: iv16 },
            ),
            pbkdf2(
                Pbkdf2Prf::HmacWithSha384,
                EncryptionScheme::Aes256Cbc { iv: iv16 },
            ),
            pbkdf2(
                Pbkdf2Prf::HmacWithSha512,
                EncryptionScheme::DesEde3Cbc { iv: iv8 },
            ),
            Parameters::scrypt_aes256cbc(
                pkcs8::pkcs5::scrypt::Params::new(14, 8, 1, 32).expect("scrypt params"),
                &[4u8; 16],
                iv16,
            )
            .expect("params"),
        ];
        let want = want_fingerprint();
        for params in cases {
            let text = encrypted_pem(params, "the passphrase");
            let got = decode_text(&text, Some(&Secret::new("the passphrase"))).expect("decrypts");
            assert_eq!(got.encoding, Encoding::EncryptedPkcs8);
            assert_eq!(got.fingerprint(), want);
            let wrong = decode_text(&text, Some(&Secret::new("not the passphrase")))
                .expect_err("wrong passphrase");
            assert!(
                wrong.message.contains("wrong passphrase"),
                "{}",
                wrong.message
            );
            let none = decode_text(&text, None).expect_err("no passphrase");
            assert!(
                none.message.contains("no passphrase is set"),
                "{}",
                none.message
            );
        }
    }

    /// The traditional form as OpenSSL writes it: the IV in DEK-Info, its first 8 bytes the salt.
    fn traditional(cipher: &str, passphrase: &str) -> String {
        use cbc::cipher::block_padding::Pkcs7;
        use cbc::cipher::{BlockEncryptMut, KeyIvInit};
        let pkcs1 = pkcs1_der(pkcs8_der());
        let iv: Vec<u8> = (0u8..16).map(|i| i.wrapping_mul(37)).collect();
        let (key_len, iv) = match cipher {
            "AES-128-CBC" => (16, &iv[..16]),
            "AES-256-CBC" => (32, &iv[..16]),
            _ => (24, &iv[..8]),
        };
        let key = encrypted::bytes_to_key(passphrase.as_bytes(), &iv[..8], key_len);
        let body = match cipher {
            "AES-128-CBC" => cbc::Encryptor::<aes::Aes128>::new_from_slices(&key, iv)
                .expect("key")
                .encrypt_padded_vec_mut::<Pkcs7>(&pkcs1),
            "AES-256-CBC" => cbc::Encryptor::<aes::Aes256>::new_from_slices(&key, iv)
                .expect("key")
                .encrypt_padded_vec_mut::<Pkcs7>(&pkcs1),
            _ => cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, iv)
                .expect("key")
                .encrypt_padded_vec_mut::<Pkcs7>(&pkcs1),
        };
        let hex: String = iv.iter().map(|b| format!("{b:02X}")).collect();
        let lines: Vec<String> = STANDARD
            .encode(body)
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8(c.to_vec()).expect("ascii"))
            .collect();
        format!(
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {cipher},{hex}\n\n{}\n-----END RSA PRIVATE KEY-----\n",
            lines.join("\n")
        )
    }

    #[test]
    fn traditional_encrypted_pem_decrypts_and_other_ciphers_are_named() {
        for cipher in ["AES-128-CBC", "AES-256-CBC", "DES-EDE3-CBC"] {
            let text = traditional(cipher, "pw 1");
            let got = decode_text(&text, Some(&Secret::new("pw 1"))).expect("decrypts");
            assert_eq!(got.encoding, Encoding::EncryptedPkcs1);
            assert_eq!(got.fingerprint(), want_fingerprint());
            assert!(
                decode_text(&text, Some(&Secret::new("pw 2")))
                    .expect_err("wrong")
                    .message
                    .contains("wrong passphrase")
            );
        }
        let seed = traditional("AES-128-CBC", "pw").replace("AES-128-CBC", "SEED-CBC");
        let err = decode_text(&seed, Some(&Secret::new("pw"))).expect_err("unsupported");
        assert!(
            err.message.contains("the cipher SEED-CBC"),
            "{}",
            err.message
        );
        assert!(
            err.hint
                .unwrap_or_default()
                .contains("openssl pkcs8 -topk8")
        );
    }
}

#[cfg(test)]
mod props {
    use super::test_keys::{encrypted_pem, pem};
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn key_pem() -> &'static str {
        static PEM: OnceLock<String> = OnceLock::new();
        PEM.get_or_init(|| pem("PRIVATE KEY", super::test_keys::pkcs8_der()))
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
            let pem = key_pem();
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
            static ENCRYPTED: OnceLock<String> = OnceLock::new();
            let encrypted = ENCRYPTED.get_or_init(|| {
                let params = pkcs8::pkcs5::pbes2::Parameters::pbkdf2_sha256_aes256cbc(1, &[1u8; 16], &[2u8; 16]).expect("params");
                encrypted_pem(params, "the right one")
            });
            let err = decode_text(encrypted, Some(&Secret::new(passphrase.clone()))).expect_err("wrong passphrase");
            prop_assert!(!err.message.contains(passphrase.trim()));
        }
    }
}
