//! The one crypto stack: ring. It holds and checks RSA keys, signs and verifies RS256 (for
//! jsonwebtoken, through a provider installed here), hashes SHA-256, and serves rustls for TLS.
//! Randomness comes from the operating system (getrandom) on first use, with no extra seeding.
//!
//! What ring does not do is done beside it by the RustCrypto format crates: `pkcs8`/`der` read and
//! write the containers, `pkcs5` and friends decrypt keys (key.rs), `x509-cert` reads certificates.

use std::fmt;
use std::sync::{Arc, Once};

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{Error as JwtError, ErrorKind as JwtErrorKind};
use jsonwebtoken::signature::{self as sig, Signer, Verifier};
use jsonwebtoken::{Algorithm, DecodingKey, DecodingKeyKind, EncodingKey};
use pkcs8::der::asn1::{AnyRef, BitStringRef, UintRef};
use pkcs8::der::oid::ObjectIdentifier;
use pkcs8::der::{Decode, Encode, Reader, SliceReader, Tag, Tagged};
use ring::signature::{self as ring_sig, KeyPair as _};
use zeroize::Zeroizing;

/// The PKCS#1 `rsaEncryption` algorithm, the one a Console key and certificate carry.
pub const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// ring signs with RSA keys of 2048 to 4096 bits (and IMS refuses keys below 2048).
pub const RSA_SIGNING_BITS: std::ops::RangeInclusive<usize> = 2048..=4096;

/// Install ring as the provider of jsonwebtoken and of rustls, once per process. Every use of
/// either passes through here first (jwt.rs, the emulator, http.rs), so no caller can miss it.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Both fail only when a provider is installed already, which is then this one.
        let _ = JWT_PROVIDER.install_default();
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// SHA-256 of `bytes`.
/// `bytes` random bytes from the OS, in lower-case hex (stamps and probes, never keys).
pub fn random_hex(bytes: usize) -> String {
    use ring::rand::SecureRandom;
    let mut buf = vec![0u8; bytes];
    if ring::rand::SystemRandom::new().fill(&mut buf).is_err() {
        // The OS's generator does not fail where Rust runs; should it, the time and the process
        // still make each stamp new (a stamp is only compared, never a key).
        let seed = format!(
            "{:?} {} {:p}",
            std::time::SystemTime::now(),
            std::process::id(),
            &buf
        );
        let digest = sha256(seed.as_bytes());
        for (i, b) in buf.iter_mut().enumerate() {
            *b = digest[i % digest.len()];
        }
    }
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::new().chain(bytes).finish()
}

/// SHA-256 over several pieces.
pub struct Sha256(ring::digest::Context);

impl Sha256 {
    pub fn new() -> Self {
        Self(ring::digest::Context::new(&ring::digest::SHA256))
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn chain(mut self, bytes: &[u8]) -> Self {
        self.update(bytes);
        self
    }

    pub fn finish(self) -> [u8; 32] {
        let mut out = [0; 32];
        out.copy_from_slice(self.0.finish().as_ref());
        out
    }
}

/// An RSA public key, held as its PKCS#1 `RSAPublicKey` DER.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPublicKey {
    pkcs1: Vec<u8>,
    bits: usize,
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaPublicKey({}-bit, {})", self.bits, self.fingerprint())
    }
}

impl RsaPublicKey {
    /// From PKCS#1 `RSAPublicKey` DER: a SEQUENCE of the modulus and the exponent.
    pub fn from_pkcs1_der(der: &[u8]) -> Option<Self> {
        let body = sequence_body(der)?;
        let mut reader = SliceReader::new(body).ok()?;
        let n = UintRef::decode(&mut reader).ok()?;
        let e = UintRef::decode(&mut reader).ok()?;
        if !reader.is_finished() || e.as_bytes().is_empty() {
            return None;
        }
        Some(Self {
            pkcs1: der.to_vec(),
            bits: bit_length(n.as_bytes()),
        })
    }

    /// From X.509 `SubjectPublicKeyInfo` DER (a certificate's key, `BEGIN PUBLIC KEY`); None for
    /// keys other than RSA.
    pub fn from_spki_der(der: &[u8]) -> Option<Self> {
        let info = pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der).ok()?;
        if info.algorithm.oid != RSA_ENCRYPTION {
            return None;
        }
        Self::from_pkcs1_der(info.subject_public_key.as_bytes()?)
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// `SubjectPublicKeyInfo` DER: what a certificate holds and what fingerprints hash.
    pub fn spki_der(&self) -> Vec<u8> {
        let info = pkcs8::spki::SubjectPublicKeyInfoRef {
            algorithm: pkcs8::AlgorithmIdentifierRef {
                oid: RSA_ENCRYPTION,
                parameters: Some(AnyRef::NULL),
            },
            subject_public_key: BitStringRef::from_bytes(&self.pkcs1)
                .expect("a byte string is a valid BIT STRING"),
        };
        info.to_der()
            .expect("a SubjectPublicKeyInfo of a parsed key encodes")
    }

    /// `SHA256:<base64>` of the `SubjectPublicKeyInfo`, as OpenSSH prints key fingerprints.
    pub fn fingerprint(&self) -> String {
        format!(
            "SHA256:{}",
            STANDARD_NO_PAD.encode(sha256(&self.spki_der()))
        )
    }

    /// The key as jsonwebtoken verifies with it.
    pub fn decoding_key(&self) -> DecodingKey {
        install();
        DecodingKey::from_rsa_der(&self.pkcs1)
    }
}

/// Why a PKCS#1 private key cannot sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaRejected {
    /// Not a PKCS#1 `RSAPrivateKey`, or its numbers do not belong together.
    Damaged,
    /// Outside [`RSA_SIGNING_BITS`]; the modulus size in bits.
    Size(usize),
}

/// An RSA private key that ring accepted for signing: its PKCS#1 DER (wiped on drop) and its
/// public half. Debug shows the public half only.
#[derive(Clone)]
pub struct RsaPrivateKey {
    pkcs1: Arc<Zeroizing<Vec<u8>>>,
    public: RsaPublicKey,
}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaPrivateKey(<redacted>, public {:?})", self.public)
    }
}

impl RsaPrivateKey {
    /// From PKCS#1 `RSAPrivateKey` DER, validated by ring.
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, RsaRejected> {
        let bits = private_modulus_bits(der).ok_or(RsaRejected::Damaged)?;
        if !RSA_SIGNING_BITS.contains(&bits) {
            return Err(RsaRejected::Size(bits));
        }
        let pair = ring_sig::RsaKeyPair::from_der(der).map_err(|_| RsaRejected::Damaged)?;
        let public =
            RsaPublicKey::from_pkcs1_der(pair.public_key().as_ref()).ok_or(RsaRejected::Damaged)?;
        Ok(Self {
            pkcs1: Arc::new(Zeroizing::new(der.to_vec())),
            public,
        })
    }

    pub fn public(&self) -> &RsaPublicKey {
        &self.public
    }

    /// The key as jsonwebtoken signs with it.
    pub fn encoding_key(&self) -> EncodingKey {
        install();
        EncodingKey::from_rsa_der(&self.pkcs1)
    }
}

/// The modulus size of a PKCS#1 `RSAPrivateKey` (version, modulus, …), read before ring sees the
/// key so that a size ring refuses gets its own message.
fn private_modulus_bits(der: &[u8]) -> Option<usize> {
    let mut reader = SliceReader::new(sequence_body(der)?).ok()?;
    let _version = UintRef::decode(&mut reader).ok()?;
    let n = UintRef::decode(&mut reader).ok()?;
    Some(bit_length(n.as_bytes()))
}

/// The content of a DER SEQUENCE that fills `der` exactly (key.rs reads the containers of
/// encrypted keys with it too).
pub fn sequence_body(der: &[u8]) -> Option<&[u8]> {
    let any = AnyRef::from_der(der).ok()?;
    (any.tag() == Tag::Sequence).then(|| any.value())
}

/// Bits of a big-endian unsigned integer without leading zero bytes.
fn bit_length(bytes: &[u8]) -> usize {
    match bytes.first() {
        Some(first) => (bytes.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
        None => 0,
    }
}

/// jsonwebtoken's provider: RS256 only, the one algorithm of IMS assertions.
static JWT_PROVIDER: CryptoProvider = CryptoProvider {
    signer_factory: rs256_signer,
    verifier_factory: rs256_verifier,
    key_utils: KeyUtils::new_unimplemented(),
};

fn rs256_signer(
    algorithm: &Algorithm,
    key: &EncodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtSigner>> {
    if *algorithm != Algorithm::RS256 {
        return Err(JwtError::from(JwtErrorKind::InvalidAlgorithm));
    }
    let pair = ring_sig::RsaKeyPair::from_der(key.as_bytes())
        .map_err(|e| JwtError::from(JwtErrorKind::InvalidRsaKey(e.to_string())))?;
    Ok(Box::new(Rs256Signer(pair)))
}

fn rs256_verifier(
    algorithm: &Algorithm,
    key: &DecodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    if *algorithm != Algorithm::RS256 {
        return Err(JwtError::from(JwtErrorKind::InvalidAlgorithm));
    }
    Ok(Box::new(Rs256Verifier(key.clone())))
}

struct Rs256Signer(ring_sig::RsaKeyPair);

impl Signer<Vec<u8>> for Rs256Signer {
    fn try_sign(&self, message: &[u8]) -> Result<Vec<u8>, sig::Error> {
        let mut signature = vec![0; self.0.public().modulus_len()];
        let rng = ring::rand::SystemRandom::new();
        self.0
            .sign(&ring_sig::RSA_PKCS1_SHA256, &rng, message, &mut signature)
            .map_err(|_| sig::Error::new())?;
        Ok(signature)
    }
}

impl JwtSigner for Rs256Signer {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

struct Rs256Verifier(DecodingKey);

impl Verifier<Vec<u8>> for Rs256Verifier {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), sig::Error> {
        let verified = match self.0.kind() {
            DecodingKeyKind::SecretOrDer(der) => {
                ring_sig::UnparsedPublicKey::new(&ring_sig::RSA_PKCS1_2048_8192_SHA256, der)
                    .verify(message, signature)
            }
            DecodingKeyKind::RsaModulusExponent { n, e } => {
                ring_sig::RsaPublicKeyComponents { n, e }.verify(
                    &ring_sig::RSA_PKCS1_2048_8192_SHA256,
                    message,
                    signature,
                )
            }
        };
        verified.map_err(|_| sig::Error::new())
    }
}

impl JwtVerifier for Rs256Verifier {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS256
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    fn fresh_pkcs1() -> Vec<u8> {
        let der = crate::keygen::rsa_pkcs8_der(2048);
        pkcs8::PrivateKeyInfo::from_der(&der)
            .expect("PKCS#8")
            .private_key
            .to_vec()
    }

    #[test]
    fn a_generated_key_signs_what_its_public_half_verifies_and_nothing_else() {
        let key = RsaPrivateKey::from_pkcs1_der(&fresh_pkcs1()).expect("ring accepts it");
        assert_eq!(key.public().bits(), 2048);
        let header = jsonwebtoken::Header::new(Algorithm::RS256);
        let claims = serde_json::json!({"iss": "adobe-jwt"});
        let jwt = jsonwebtoken::encode(&header, &claims, &key.encoding_key()).expect("signs");
        let mut validation = jsonwebtoken::Validation::new(Algorithm::RS256);
        validation.required_spec_claims.clear();
        let decoded = jsonwebtoken::decode::<serde_json::Value>(
            &jwt,
            &key.public().decoding_key(),
            &validation,
        )
        .expect("verifies");
        assert_eq!(decoded.claims, claims);
        // Another payload under the same signature does not verify.
        let (_, rest) = jwt.split_once('.').expect("three parts");
        let (_, signature) = rest.split_once('.').expect("three parts");
        let forged_claims = URL_SAFE_NO_PAD.encode(br#"{"iss":"someone else"}"#);
        let header_part = jwt.split('.').next().expect("a header");
        let forged = format!("{header_part}.{forged_claims}.{signature}");
        assert!(
            jsonwebtoken::decode::<serde_json::Value>(
                &forged,
                &key.public().decoding_key(),
                &validation
            )
            .is_err()
        );
        let other = RsaPrivateKey::from_pkcs1_der(&fresh_pkcs1()).expect("ring accepts it");
        assert!(
            jsonwebtoken::decode::<serde_json::Value>(
                &jwt,
                &other.public().decoding_key(),
                &validation
            )
            .is_err()
        );
    }

    #[test]
    fn the_public_key_round_trips_through_spki_and_keeps_its_fingerprint_form() {
        let key = RsaPrivateKey::from_pkcs1_der(&fresh_pkcs1()).expect("ring accepts it");
        let spki = key.public().spki_der();
        let back = RsaPublicKey::from_spki_der(&spki).expect("RSA SPKI");
        assert_eq!(&back, key.public());
        let fingerprint = key.public().fingerprint();
        assert!(fingerprint.starts_with("SHA256:"));
        assert_eq!(fingerprint.len(), "SHA256:".len() + 43);
        assert!(!format!("{key:?}").contains(&STANDARD_NO_PAD.encode(&*key.pkcs1)[..40]));
    }

    #[test]
    fn sizes_ring_cannot_sign_with_and_damage_are_told_apart() {
        let small = crate::keygen::rsa_pkcs8_der(1024);
        let small = pkcs8::PrivateKeyInfo::from_der(&small).expect("PKCS#8");
        assert_eq!(
            RsaPrivateKey::from_pkcs1_der(small.private_key).map(|_| ()),
            Err(RsaRejected::Size(1024))
        );
        let mut damaged = fresh_pkcs1();
        let last = damaged.len() - 1;
        damaged[last] ^= 1;
        assert_eq!(
            RsaPrivateKey::from_pkcs1_der(&damaged).map(|_| ()),
            Err(RsaRejected::Damaged)
        );
        assert_eq!(
            RsaPrivateKey::from_pkcs1_der(b"\x30\x00").map(|_| ()),
            Err(RsaRejected::Damaged)
        );
    }

    #[test]
    fn sha256_matches_the_published_vector() {
        let digest = sha256(b"abc");
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let split = Sha256::new().chain(b"a").chain(b"bc").finish();
        assert_eq!(split, digest);
    }
}
