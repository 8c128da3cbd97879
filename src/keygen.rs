//! Fresh RSA key pairs, for the demo's throwaway key and the test suite's fixtures.
//!
//! ring signs and verifies but does not generate RSA keys, so the primes come from `crypto-primes`
//! (sieve, Miller–Rabin and a strong Lucas test) and the private exponent and CRT values are
//! worked out here. ring then validates the result and signs with it once before it is returned.
//! This file stands alone (no `crate::` paths) so the tests can include it as it is.

use crypto_bigint::rand_core::OsRng;
use crypto_bigint::{BoxedUint, Limb, NonZero, Odd, WideWord};
use crypto_primes::hazmat::{SetBits, SmallPrimesSieveFactory};
use pkcs8::der::asn1::{SequenceOf, UintRef};
use pkcs8::der::{Encode, oid::ObjectIdentifier};

/// The public exponent every RSA key of the Developer Console and OpenSSL uses.
const E: u32 = 65_537;
const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// A new RSA key of `bits` bits (even, at least 512), as PKCS#8 DER.
pub fn rsa_pkcs8_der(bits: u32) -> Vec<u8> {
    assert!(bits >= 512 && bits.is_multiple_of(2), "RSA key size {bits}");
    loop {
        if let Some(der) = attempt(bits) {
            return der;
        }
    }
}

/// One try: None when the primes are unusable together (equal, or too close), which is rare.
fn attempt(bits: u32) -> Option<Vec<u8>> {
    let p = prime(bits / 2);
    let q = prime(bits / 2);
    // FIPS 186-5 B.3.3: |p − q| > 2^(bits/2 − 100).
    let gap = if p > q {
        p.wrapping_sub(&q)
    } else {
        q.wrapping_sub(&p)
    };
    if gap.bits() <= bits / 2 - 100 {
        return None;
    }
    let n = p.mul(&q);
    debug_assert_eq!(n.bits(), bits);
    let one = BoxedUint::one_with_precision(bits / 2);
    let (p1, q1) = (p.wrapping_sub(&one), q.wrapping_sub(&one));
    let phi = p1.mul(&q1);
    let d = inverse_of_e(&phi)?;
    let d_p = d.rem_vartime(&NonZero::new(p1.widen(bits)).into_option()?);
    let d_q = d.rem_vartime(&NonZero::new(q1.widen(bits)).into_option()?);
    let q_inv: BoxedUint = q
        .inv_odd_mod(&Odd::new(p.clone()).into_option()?)
        .into_option()?;
    let e = BoxedUint::from(E);
    let be = |x: &BoxedUint| x.to_be_bytes().into_vec();
    let fields = [
        vec![0],
        be(&n),
        be(&e),
        be(&d),
        be(&p),
        be(&q),
        be(&d_p),
        be(&d_q),
        be(&q_inv),
    ];
    let mut sequence: SequenceOf<UintRef<'_>, 9> = SequenceOf::new();
    for field in &fields {
        sequence.add(UintRef::new(field).ok()?).ok()?;
    }
    let pkcs1 = sequence.to_der().ok()?;
    let proven = if (2048..=4096).contains(&bits) {
        // ring validates the key (n = p·q, the CRT values) and it signs and verifies once.
        ring::signature::RsaKeyPair::from_der(&pkcs1)
            .ok()
            .is_some_and(|pair| proves_itself(&pair))
    } else {
        // Sizes ring does not sign with (the tests' small key): e·d ≡ 1 (mod φ) by arithmetic.
        let phi = phi.widen(2 * bits);
        let ed = d.widen(2 * bits).wrapping_mul(&e.widen(2 * bits));
        ed.rem_vartime(&NonZero::new(phi).into_option()?) == BoxedUint::one_with_precision(2 * bits)
    };
    if !proven {
        return None;
    }
    let algorithm = pkcs8::AlgorithmIdentifierRef {
        oid: RSA_ENCRYPTION,
        parameters: Some(pkcs8::der::asn1::AnyRef::NULL),
    };
    pkcs8::PrivateKeyInfo::new(algorithm, &pkcs1).to_der().ok()
}

/// A prime of exactly `bits` bits whose top two bits are set (so a product of two has `2·bits`
/// bits) and for which `p − 1` is prime to e.
fn prime(bits: u32) -> BoxedUint {
    loop {
        let p: BoxedUint = crypto_primes::sieve_and_find(
            &mut OsRng,
            SmallPrimesSieveFactory::new(bits, SetBits::TwoMsb),
            crypto_primes::is_prime_with_rng,
        )
        .expect("the sieve always finds a prime eventually");
        let rem = p.rem_limb(NonZero::new(Limb::from(E)).expect("e is not zero"));
        if rem != Limb::ONE {
            return p;
        }
    }
}

/// d = e⁻¹ mod φ, as (1 + k·φ) / e for the k in 1..e that makes the division exact.
fn inverse_of_e(phi: &BoxedUint) -> Option<BoxedUint> {
    let e = u64::from(E);
    let phi_mod_e = phi.rem_limb(NonZero::new(Limb::from(E)).expect("e is not zero"));
    let phi_mod_e = u64::try_from(WideWord::from(phi_mod_e)).expect("below e");
    // k·φ ≡ −1 (mod e): k = (e − 1)·φ⁻¹ mod e, with φ⁻¹ by Fermat (e is prime).
    let inverse = power_mod(phi_mod_e, e - 2, e);
    let k = (e - 1) * inverse % e;
    let precision = phi.bits_precision() + Limb::BITS;
    let wide = phi.widen(precision);
    let numerator = wide
        .wrapping_mul(&BoxedUint::from(k).widen(precision))
        .wrapping_add(&BoxedUint::one_with_precision(precision));
    let (d, rem) = numerator.div_rem_limb(NonZero::new(Limb::from(E)).expect("e is not zero"));
    (rem == Limb::ZERO).then(|| d.shorten(phi.bits_precision()))
}

fn power_mod(mut base: u64, mut exponent: u64, modulus: u64) -> u64 {
    let mut result = 1;
    base %= modulus;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = result * base % modulus;
        }
        base = base * base % modulus;
        exponent >>= 1;
    }
    result
}

/// Sign and verify one message: a key that cannot is never handed out.
fn proves_itself(pair: &ring::signature::RsaKeyPair) -> bool {
    use ring::signature::{self, KeyPair};
    let message = b"adobe-jwt keygen";
    let mut signature = vec![0; pair.public().modulus_len()];
    let rng = ring::rand::SystemRandom::new();
    pair.sign(&signature::RSA_PKCS1_SHA256, &rng, message, &mut signature)
        .is_ok()
        && signature::UnparsedPublicKey::new(
            &signature::RSA_PKCS1_2048_8192_SHA256,
            pair.public_key().as_ref(),
        )
        .verify(message, &signature)
        .is_ok()
}
