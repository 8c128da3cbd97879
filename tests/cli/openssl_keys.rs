//! Encrypted keys as OpenSSL writes them, made by the openssl CLI in each test's setup (no key is
//! committed). Every form that is read decrypts to the key OpenSSL started from, and signs an
//! assertion the emulator verifies against a certificate OpenSSL made for that key; the forms that
//! are not read are named, and the conversion command the hint gives turns them into one that is.

use std::path::Path;
use std::process::Command;

use base64::Engine;

use crate::common::*;

const PW: &str = "pass phrase 7";

/// Run the openssl CLI in `dir`; its stderr is shown when it fails (it holds no key material).
fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output_bounded();
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A project with OpenSSL's own key (`plain.key`) and a certificate for it (`cert.crt`).
fn project() -> Project {
    let p = Project::new();
    let dir = p.dir.path();
    openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "plain.key",
        ],
    );
    openssl(
        dir,
        &[
            "req",
            "-new",
            "-x509",
            "-key",
            "plain.key",
            "-subj",
            "/CN=adobe-jwt-test",
            "-days",
            "2",
            "-out",
            "cert.crt",
        ],
    );
    p
}

/// `plain.key` encrypted as PKCS#8 into `out` with the passphrase, by `openssl pkcs8 -topk8` with
/// these scheme options.
fn encrypt_pkcs8(p: &Project, out: &str, scheme: &[&str]) {
    let pass = format!("pass:{PW}");
    let mut args = vec![
        "pkcs8",
        "-topk8",
        "-in",
        "plain.key",
        "-passout",
        &pass,
        "-out",
        out,
    ];
    args.extend_from_slice(scheme);
    openssl(p.dir.path(), &args);
}

/// `SHA256:<base64>` of the key's SubjectPublicKeyInfo, as OpenSSL writes it out.
fn openssl_fingerprint(p: &Project) -> String {
    openssl(
        p.dir.path(),
        &[
            "pkey",
            "-in",
            "plain.key",
            "-pubout",
            "-outform",
            "DER",
            "-out",
            "pub.der",
        ],
    );
    let der = std::fs::read(p.path("pub.der")).expect("pub.der");
    let digest = ring::digest::digest(&ring::digest::SHA256, &der);
    format!(
        "SHA256:{}",
        base64::engine::general_purpose::STANDARD_NO_PAD.encode(digest.as_ref())
    )
}

/// check-env's JSON for the key in `file`, with the passphrase.
fn check(p: &Project, file: &str) -> (i32, serde_json::Value) {
    let out = p
        .jwt_cmd()
        .args(["check-env", "--auth", "jwt", "--json"])
        .env("JWT_PRIVATE_KEY", format!("@{file}"))
        .env("JWT_PRIVATE_KEY_PASSPHRASE", PW)
        .output()
        .expect("runs");
    assert_no_secrets(&out);
    (out.status.code().unwrap_or(-1), json(&out))
}

fn key_line(report: &serde_json::Value) -> serde_json::Value {
    report["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["key"] == "JWT_PRIVATE_KEY")
        .cloned()
        .expect("the key's line")
}

#[test]
#[cfg_attr(
    no_openssl,
    ignore = "the openssl CLI is not installed here (or the tests run under Wine)"
)]
fn every_encrypted_form_openssl_writes_is_read_and_signs() {
    let p = project();
    let dir = p.dir.path();
    let pass = format!("pass:{PW}");
    let pkcs8 = |out: &str, scheme: &[&str]| encrypt_pkcs8(&p, out, scheme);
    let traditional = |out: &str, cipher: &str| {
        openssl(
            dir,
            &[
                "rsa",
                "-in",
                "plain.key",
                cipher,
                "-traditional",
                "-passout",
                &pass,
                "-out",
                out,
            ],
        );
    };
    // OpenSSL 1.0's -v2 default PRF was HMAC-SHA1; 1.1 and 3 use SHA-256.
    pkcs8(
        "sha1.key",
        &["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA1"],
    );
    pkcs8(
        "sha224.key",
        &["-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA224"],
    );
    pkcs8("sha256.key", &["-v2", "aes-256-cbc"]);
    pkcs8(
        "sha384.key",
        &["-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA384"],
    );
    pkcs8(
        "sha512.key",
        &["-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA512"],
    );
    pkcs8("des3.key", &["-v2", "des3"]);
    pkcs8("scrypt.key", &["-scrypt"]);
    traditional("trad-aes128.key", "-aes128");
    traditional("trad-aes192.key", "-aes192");
    traditional("trad-aes256.key", "-aes256");
    traditional("trad-des3.key", "-des3");
    let forms = [
        ("sha1.key", "encrypted PKCS#8"),
        ("sha224.key", "encrypted PKCS#8"),
        ("sha256.key", "encrypted PKCS#8"),
        ("sha384.key", "encrypted PKCS#8"),
        ("sha512.key", "encrypted PKCS#8"),
        ("des3.key", "encrypted PKCS#8"),
        ("scrypt.key", "encrypted PKCS#8"),
        ("trad-aes128.key", "encrypted PKCS#1"),
        ("trad-aes192.key", "encrypted PKCS#1"),
        ("trad-aes256.key", "encrypted PKCS#1"),
        ("trad-des3.key", "encrypted PKCS#1"),
    ];
    let fingerprint = openssl_fingerprint(&p);
    // The emulator knows the key only from OpenSSL's certificate.
    p.write(
        ".env",
        &format!(
            "{}JWT_PRIVATE_KEY_PASSPHRASE={PW}\n",
            jwt_env_text("@plain.key")
        ),
    );
    let emulator = Emulator::start(&p, &["--certificate", "cert.crt"]);
    for (file, encoding) in forms {
        let (code, report) = check(&p, file);
        assert_eq!(code, 0, "{file}: {report}");
        let line = key_line(&report);
        assert_eq!(
            line["detail"],
            format!("file {file}: PEM of {encoding} RSA 2048-bit"),
            "{file}"
        );
        assert_eq!(line["value"], fingerprint, "{file}: the key OpenSSL made");
        let out = p
            .cmd()
            .args(["token", "--auth", "jwt"])
            .env("ADOBE_IMS_URL", &emulator.url)
            .env("ADOBE_JWT_CACHE", "off")
            .env("JWT_PRIVATE_KEY", format!("@{file}"))
            .output()
            .expect("runs");
        assert_exit(&out, 0);
        assert_token_only_on_stdout(&out);
    }
    assert_eq!(emulator.count(JWT_PATH), forms.len() as u64);
    // A wrong passphrase is named as such, for both families.
    for file in ["sha256.key", "trad-aes256.key"] {
        let out = p
            .jwt_cmd()
            .args(["check-env", "--auth", "jwt"])
            .env("JWT_PRIVATE_KEY", format!("@{file}"))
            .env("JWT_PRIVATE_KEY_PASSPHRASE", "not it")
            .output()
            .expect("runs");
        assert_exit(&out, 3);
        assert!(
            stdout(&out).contains("wrong passphrase"),
            "{file}: {}",
            stdout(&out)
        );
    }
}

#[test]
#[cfg_attr(
    no_openssl,
    ignore = "the openssl CLI is not installed here (or the tests run under Wine)"
)]
fn schemes_that_are_not_read_are_named_and_the_hint_converts_them() {
    let p = project();
    p.write(".env", &jwt_env_text("@plain.key"));
    let dir = p.dir.path();
    let pass = format!("pass:{PW}");
    let legacy = ["-provider", "legacy", "-provider", "default"];
    encrypt_pkcs8(
        &p,
        "md5.key",
        &[&["-v1", "PBE-MD5-DES"][..], &legacy].concat(),
    );
    encrypt_pkcs8(&p, "p12.key", &["-v1", "PBE-SHA1-3DES"]);
    encrypt_pkcs8(&p, "camellia.key", &["-v2", "camellia256"]);
    let cases = [
        ("md5.key", "PBES1 pbeWithMD5AndDES-CBC"),
        (
            "p12.key",
            "the PKCS#12 scheme pbeWithSHAAnd3-KeyTripleDES-CBC",
        ),
        (
            "camellia.key",
            "PBES2 (PBKDF2 with hmacWithSHA256, camellia-256-cbc)",
        ),
    ];
    for (file, named) in cases {
        let out = p
            .jwt_cmd()
            .args(["check-env", "--auth", "jwt"])
            .env("JWT_PRIVATE_KEY", format!("@{file}"))
            .env("JWT_PRIVATE_KEY_PASSPHRASE", PW)
            .output()
            .expect("runs");
        assert_exit(&out, 3);
        let said = stdout(&out);
        assert!(
            said.contains(&format!(
                "encrypted with {named}, which adobe-jwt does not read"
            )),
            "{file}: {said}"
        );
        assert!(
            said.contains(
                "openssl pkcs8 -topk8 -v2 aes-256-cbc -in private.key -out private-aes.key"
            ),
            "{file}: {said}"
        );
        assert_no_secrets(&out);
        // The hint's command, with the legacy provider it mentions, makes a key that is read.
        let converted = format!("converted-{file}");
        let mut args = vec![
            "pkcs8",
            "-topk8",
            "-v2",
            "aes-256-cbc",
            "-in",
            file,
            "-out",
            &converted,
            "-passin",
            &pass,
            "-passout",
            &pass,
        ];
        args.extend_from_slice(&legacy);
        openssl(dir, &args);
        let (code, report) = check(&p, &converted);
        assert_eq!(code, 0, "{converted}: {report}");
        assert_eq!(
            key_line(&report)["detail"],
            format!("file {converted}: PEM of encrypted PKCS#8 RSA 2048-bit")
        );
    }
}
