//! Encrypted private keys, in the forms OpenSSL writes: PKCS#8 with PBES2 (through `pkcs5`), and
//! the traditional `Proc-Type: 4,ENCRYPTED` PEM of PKCS#1 (EVP_BytesToKey with MD5, as OpenSSL
//! derives its key). Schemes left out (PBES1, PKCS#12 PBE, other ciphers) are named when refused,
//! with the command that converts the key.

use aes::{Aes128, Aes192, Aes256};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, KeyIvInit};
use des::TdesEde3;
use md5::{Digest, Md5};
use pkcs8::der::asn1::AnyRef;
use pkcs8::der::oid::ObjectIdentifier;
use pkcs8::der::{Decode, Reader, SliceReader, Tag, Tagged};
use pkcs8::pkcs5::pbes2::Kdf;
use zeroize::Zeroizing;

use crate::error::Failure;
use crate::redact::Secret;

/// scrypt may use at most this much memory (128·r·(N + p + 2) bytes): OpenSSL's own limit.
pub const MAX_SCRYPT_MEMORY: u64 = 32 * 1024 * 1024;
/// scrypt may do at most this much work, N·r·p: 32 times OpenSSL's own default (N=16384, r=8, p=1).
pub const MAX_SCRYPT_WORK: u64 = 1 << 22;
/// PBKDF2 may run at most this many iterations (OpenSSL sets none; its own default is 2,048 and
/// OWASP asks for 600,000 with SHA-256): about three seconds of work.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// What is read, and the one-time conversion to it (OpenSSL 3 reads the old schemes only with its
/// legacy provider loaded).
const READ_AND_CONVERT: &str = "adobe-jwt reads PBES2 (PBKDF2 or scrypt) and OpenSSL's traditional encryption, with AES-CBC or DES-EDE3-CBC; convert the key once: openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.key -out private-aes.key (OpenSSL 3 reads DES, RC2 and RC4 schemes only with -provider legacy -provider default)";

const PBES2: &str = "1.2.840.113549.1.5.13";

/// The PKCS#8 `PrivateKeyInfo` DER inside an `EncryptedPrivateKeyInfo`.
pub fn pkcs8(der: &[u8], passphrase: Option<&Secret>) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let info =
        pkcs8::EncryptedPrivateKeyInfo::from_der(der).map_err(|_| unsupported_scheme(der))?;
    let Some(params) = info.encryption_algorithm.pbes2() else {
        return Err(unsupported_scheme(der));
    };
    check_kdf_cost(&params.kdf)?;
    let passphrase = required(passphrase)?;
    let plain = info
        .encryption_algorithm
        .decrypt(passphrase.expose().as_bytes(), info.encrypted_data)
        .map(Zeroizing::new)
        .map_err(|_| wrong_passphrase())?;
    // A wrong passphrase still passes the padding check once in 256 tries: the result must parse.
    pkcs8::PrivateKeyInfo::from_der(&plain).map_err(|_| wrong_passphrase())?;
    Ok(plain)
}

/// The PKCS#1 DER of a traditional encrypted PEM block (`label` is its type).
pub fn traditional(
    block: &str,
    label: &str,
    passphrase: Option<&Secret>,
) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let damaged = || {
        Failure::config("the private key's encrypted PEM is damaged (its headers or body)")
            .with_hint("encode the original file again with adobe-jwt encode-key private.key")
    };
    if label != "RSA PRIVATE KEY" {
        return Err(damaged());
    }
    let mut dek_info = None;
    let mut body = String::new();
    for line in block.lines().map(str::trim) {
        if line.starts_with("-----") || line.is_empty() {
            continue;
        }
        match line.split_once(':') {
            Some(("DEK-Info", value)) => dek_info = Some(value.trim()),
            Some(("Proc-Type", value)) if value.trim() == "4,ENCRYPTED" => {}
            Some(_) => return Err(damaged()),
            None => body.push_str(line),
        }
    }
    let (cipher, iv_hex) = dek_info
        .and_then(|v| v.split_once(','))
        .ok_or_else(damaged)?;
    let Some(cipher) = Cipher::named(cipher) else {
        let named = cipher.len() <= 24
            && cipher
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
        let what = if named {
            format!("the cipher {cipher}")
        } else {
            "an unknown cipher".to_string()
        };
        return Err(Failure::config(format!(
            "the private key is encrypted in OpenSSL's traditional format with {what}, which adobe-jwt does not read"
        ))
        .with_hint(READ_AND_CONVERT));
    };
    let iv = hex(iv_hex)
        .filter(|iv| iv.len() == cipher.iv_len())
        .ok_or_else(damaged)?;
    let ciphertext = STANDARD.decode(body.as_bytes()).map_err(|_| damaged())?;
    let passphrase = required(passphrase)?;
    let key = bytes_to_key(passphrase.expose().as_bytes(), &iv[..8], cipher.key_len());
    let plain = cipher
        .decrypt(&key, &iv, &ciphertext)
        .ok_or_else(wrong_passphrase)?;
    // As above: garbage that happens to end in valid padding is no key.
    crate::crypto::sequence_body(&plain).ok_or_else(wrong_passphrase)?;
    Ok(plain)
}

fn required(passphrase: Option<&Secret>) -> Result<&Secret, Failure> {
    passphrase.filter(|p| !p.is_empty()).ok_or_else(|| {
        Failure::config("the private key is encrypted and no passphrase is set")
            .with_hint("set JWT_PRIVATE_KEY_PASSPHRASE in the environment or the .env")
    })
}

fn wrong_passphrase() -> Failure {
    Failure::config("the private key could not be decrypted: wrong passphrase")
        .with_hint("check JWT_PRIVATE_KEY_PASSPHRASE (it is used as written, without trimming)")
}

/// The ciphers of traditional encrypted PEM that are read, all in CBC mode.
#[derive(Clone, Copy)]
enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
}

impl Cipher {
    fn named(name: &str) -> Option<Self> {
        Some(match name {
            "AES-128-CBC" => Cipher::Aes128,
            "AES-192-CBC" => Cipher::Aes192,
            "AES-256-CBC" => Cipher::Aes256,
            "DES-EDE3-CBC" => Cipher::DesEde3,
            _ => return None,
        })
    }

    fn key_len(self) -> usize {
        match self {
            Cipher::Aes128 => 16,
            Cipher::Aes192 | Cipher::DesEde3 => 24,
            Cipher::Aes256 => 32,
        }
    }

    fn iv_len(self) -> usize {
        match self {
            Cipher::DesEde3 => 8,
            _ => 16,
        }
    }

    /// CBC with PKCS#7 padding; None when the padding is wrong (a wrong passphrase, mostly).
    fn decrypt(self, key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        fn run<C>(key: &[u8], iv: &[u8], ciphertext: &[u8]) -> Option<Vec<u8>>
        where
            cbc::Decryptor<C>: KeyIvInit + BlockDecryptMut,
            C: cbc::cipher::BlockDecryptMut + cbc::cipher::BlockCipher,
        {
            cbc::Decryptor::<C>::new_from_slices(key, iv)
                .ok()?
                .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
                .ok()
        }
        match self {
            Cipher::Aes128 => run::<Aes128>(key, iv, ciphertext),
            Cipher::Aes192 => run::<Aes192>(key, iv, ciphertext),
            Cipher::Aes256 => run::<Aes256>(key, iv, ciphertext),
            Cipher::DesEde3 => run::<TdesEde3>(key, iv, ciphertext),
        }
        .map(Zeroizing::new)
    }
}

/// OpenSSL's EVP_BytesToKey with MD5 and one round: D₁ = MD5(pass‖salt), Dᵢ = MD5(Dᵢ₋₁‖pass‖salt).
pub(super) fn bytes_to_key(passphrase: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut previous: Option<[u8; 16]> = None;
    while key.len() < len {
        let mut md5 = Md5::new();
        if let Some(previous) = &previous {
            md5.update(previous);
        }
        md5.update(passphrase);
        md5.update(salt);
        let block: [u8; 16] = md5.finalize().into();
        key.extend_from_slice(&block);
        previous = Some(block);
    }
    key.truncate(len);
    key
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Refuse, before any work, a key whose KDF parameters would cost more than the limits above: a
/// crafted key must not hold the process for minutes before "wrong passphrase".
fn check_kdf_cost(kdf: &Kdf<'_>) -> Result<(), Failure> {
    let too_costly = |what: String| {
        Failure::config(format!(
            "the encrypted private key asks for {what}, more than adobe-jwt spends on a key; it was not tried"
        ))
        .with_hint("re-encrypt it with usual parameters: openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out private.key")
    };
    match kdf {
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

/// Why an `EncryptedPrivateKeyInfo` cannot be read: its scheme named (from the structure alone,
/// which holds no secret), or "damaged" when it is not that structure at all.
fn unsupported_scheme(der: &[u8]) -> Failure {
    let Some((scheme, params)) = algorithm(der) else {
        return Failure::config("the encrypted private key's structure is damaged")
            .with_hint("encode the original file again with adobe-jwt encode-key private.key");
    };
    let what = if scheme.to_string() == PBES2 {
        format!("PBES2 ({})", pbes2_parts(params).join(", "))
    } else if let Some(name) = pbes1_name(&scheme.to_string()) {
        format!("PBES1 {name}")
    } else if let Some(name) = pkcs12_name(&scheme.to_string()) {
        format!("the PKCS#12 scheme {name}")
    } else {
        format!("an unknown scheme (OID {scheme})")
    };
    Failure::config(format!(
        "the private key is encrypted with {what}, which adobe-jwt does not read"
    ))
    .with_hint(READ_AND_CONVERT)
}

/// The encryption algorithm of an `EncryptedPrivateKeyInfo`: its OID and its parameters.
fn algorithm(der: &[u8]) -> Option<(ObjectIdentifier, Option<AnyRef<'_>>)> {
    let mut reader = SliceReader::new(crate::crypto::sequence_body(der)?).ok()?;
    let id = pkcs8::spki::AlgorithmIdentifierRef::decode(&mut reader).ok()?;
    Some((id.oid, id.parameters))
}

/// The names of a PBES2 key derivation, its PRF and its cipher, as far as they can be read.
fn pbes2_parts(params: Option<AnyRef<'_>>) -> Vec<String> {
    let mut parts = Vec::new();
    let Some(params) = params.filter(|p| p.tag() == Tag::Sequence) else {
        return vec!["damaged parameters".into()];
    };
    let Ok(mut reader) = SliceReader::new(params.value()) else {
        return vec!["damaged parameters".into()];
    };
    let kdf = pkcs8::spki::AlgorithmIdentifierRef::decode(&mut reader).ok();
    let cipher = pkcs8::spki::AlgorithmIdentifierRef::decode(&mut reader).ok();
    match &kdf {
        Some(kdf) if kdf.oid.to_string() == "1.2.840.113549.1.5.12" => {
            parts.push(format!("PBKDF2 with {}", pbkdf2_prf(kdf.parameters)));
        }
        Some(kdf) if kdf.oid.to_string() == "1.3.6.1.4.1.11591.4.11" => parts.push("scrypt".into()),
        Some(kdf) => parts.push(format!("key derivation OID {}", kdf.oid)),
        None => parts.push("damaged key derivation".into()),
    }
    parts.push(match &cipher {
        Some(cipher) => cipher_name(&cipher.oid.to_string())
            .map_or_else(|| format!("cipher OID {}", cipher.oid), str::to_string),
        None => "damaged cipher".into(),
    });
    parts
}

/// PBKDF2-params: salt, iteration count, optional key length, then the PRF (HMAC-SHA1 when absent).
fn pbkdf2_prf(params: Option<AnyRef<'_>>) -> String {
    let prf = (|| {
        let params = params.filter(|p| p.tag() == Tag::Sequence)?;
        let mut reader = SliceReader::new(params.value()).ok()?;
        // The salt, the count and the optional key length come first; the PRF is the one SEQUENCE.
        while !reader.is_finished() {
            if reader.peek_tag().ok()? == Tag::Sequence {
                return Some(
                    pkcs8::spki::AlgorithmIdentifierRef::decode(&mut reader)
                        .ok()?
                        .oid,
                );
            }
            AnyRef::decode(&mut reader).ok()?;
        }
        None
    })();
    match prf {
        None => "hmacWithSHA1".into(),
        Some(oid) => {
            prf_name(&oid.to_string()).map_or_else(|| format!("PRF OID {oid}"), str::to_string)
        }
    }
}

fn prf_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.2.7" => "hmacWithSHA1",
        "1.2.840.113549.2.8" => "hmacWithSHA224",
        "1.2.840.113549.2.9" => "hmacWithSHA256",
        "1.2.840.113549.2.10" => "hmacWithSHA384",
        "1.2.840.113549.2.11" => "hmacWithSHA512",
        "1.2.840.113549.2.12" => "hmacWithSHA512-224",
        "1.2.840.113549.2.13" => "hmacWithSHA512-256",
        "1.2.156.10197.1.401.2" => "hmacWithSM3",
        _ => return None,
    })
}

fn cipher_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.16.840.1.101.3.4.1.2" => "aes-128-cbc",
        "2.16.840.1.101.3.4.1.22" => "aes-192-cbc",
        "2.16.840.1.101.3.4.1.42" => "aes-256-cbc",
        "2.16.840.1.101.3.4.1.6" => "aes-128-gcm",
        "2.16.840.1.101.3.4.1.26" => "aes-192-gcm",
        "2.16.840.1.101.3.4.1.46" => "aes-256-gcm",
        "1.2.840.113549.3.7" => "des-ede3-cbc",
        "1.3.14.3.2.7" => "des-cbc",
        "1.2.840.113549.3.2" => "rc2-cbc",
        "1.2.392.200011.61.1.1.1.2" => "camellia-128-cbc",
        "1.2.392.200011.61.1.1.1.3" => "camellia-192-cbc",
        "1.2.392.200011.61.1.1.1.4" => "camellia-256-cbc",
        "1.2.156.10197.1.104.2" => "sm4-cbc",
        _ => return None,
    })
}

fn pbes1_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.5.1" => "pbeWithMD2AndDES-CBC",
        "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC",
        "1.2.840.113549.1.5.4" => "pbeWithMD2AndRC2-CBC",
        "1.2.840.113549.1.5.6" => "pbeWithMD5AndRC2-CBC",
        "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC",
        "1.2.840.113549.1.5.11" => "pbeWithSHA1AndRC2-CBC",
        _ => return None,
    })
}

fn pkcs12_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4",
        "1.2.840.113549.1.12.1.2" => "pbeWithSHAAnd40BitRC4",
        "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.4" => "pbeWithSHAAnd2-KeyTripleDES-CBC",
        "1.2.840.113549.1.12.1.5" => "pbeWithSHAAnd128BitRC2-CBC",
        "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A known answer from OpenSSL itself: `openssl enc -aes-256-cbc -P -md md5 -S 0102030405060708
    /// -pass pass:secret` (EVP_BytesToKey, one round) prints the key and then the IV it derived.
    #[test]
    fn bytes_to_key_derives_what_openssl_derives() {
        let key = bytes_to_key(b"secret", &[1, 2, 3, 4, 5, 6, 7, 8], 48);
        assert_eq!(
            hex("C9E5A1BD216DBE1317E230CEF48F38EE7F0E17AD64022144BCCEC4A1AA2879AB").as_deref(),
            Some(&key[..32])
        );
        assert_eq!(
            hex("E24B32BBBC4EF02ECBCB6576523AD893").as_deref(),
            Some(&key[32..])
        );
    }

    #[test]
    fn hex_reads_pairs_and_refuses_the_rest() {
        assert_eq!(hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
        assert_eq!(hex("é1"), None);
    }
}
