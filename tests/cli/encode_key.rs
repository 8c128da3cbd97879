//! encode-key through the binary: byte-exact round trips, --write, and clear refusals.

use crate::common::*;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// The single `NAME=value` line on stdout, decoded.
fn decoded_line(out: &std::process::Output, name: &str) -> Vec<u8> {
    let text = stdout(out);
    assert_eq!(text.lines().count(), 1, "exactly one line on stdout");
    assert!(text.ends_with('\n'));
    let value = text
        .trim_end()
        .strip_prefix(&format!("{name}="))
        .expect("NAME= prefix");
    STANDARD.decode(value).expect("valid base64")
}

#[test]
fn round_trips_every_key_type_byte_for_byte() {
    let f = fixtures();
    let p = Project::new();
    for (file, pem) in [
        ("k8.key", &f.pkcs8),
        ("k1.key", &f.pkcs1),
        ("enc.key", &f.encrypted),
    ] {
        p.write(file, pem);
        let out = p
            .cmd()
            .args(["encode-key", file])
            .env("JWT_PRIVATE_KEY_PASSPHRASE", PASSPHRASE)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        assert_eq!(decoded_line(&out, "JWT_PRIVATE_KEY"), pem.as_bytes());
        assert_no_secrets_on_stderr(&out);
    }
}

#[test]
fn keeps_crlf_files_exactly() {
    let p = Project::new();
    let crlf = fixtures().pkcs8.replace('\n', "\r\n");
    p.write("crlf.key", &crlf);
    let out = p.run(&["encode-key", "crlf.key"]);
    assert_exit(&out, 0);
    assert_eq!(decoded_line(&out, "JWT_PRIVATE_KEY"), crlf.as_bytes());
}

#[test]
fn reads_stdin_with_no_file_or_dash() {
    let p = Project::new();
    for args in [vec!["encode-key"], vec!["encode-key", "-"]] {
        let out = p
            .cmd()
            .args(&args)
            .write_stdin(fixtures().pkcs8.clone())
            .output()
            .expect("runs");
        assert_exit(&out, 0);
        assert_eq!(
            decoded_line(&out, "JWT_PRIVATE_KEY"),
            fixtures().pkcs8.as_bytes()
        );
    }
}

#[test]
fn raw_name_and_profile_change_the_output() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    let raw = p.run(&["encode-key", "k.key", "--raw"]);
    assert_eq!(stdout(&raw), format!("{}\n", b64(&fixtures().pkcs8)));
    let named = p.run(&["encode-key", "k.key", "--name", "MY_KEY"]);
    assert_eq!(decoded_line(&named, "MY_KEY"), fixtures().pkcs8.as_bytes());
    let profiled = p.run(&["encode-key", "k.key", "--profile", "analytics-prod"]);
    assert_eq!(
        decoded_line(&profiled, "ANALYTICS_PROD_JWT_PRIVATE_KEY"),
        fixtures().pkcs8.as_bytes()
    );
    let bad = p.run(&["encode-key", "k.key", "--name", "1-bad"]);
    assert_exit(&bad, 2);
}

#[test]
fn write_replaces_the_first_definition_and_removes_duplicates() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    let before = "# credentials\r\nJWT_CLIENT_ID=abc\r\nJWT_PRIVATE_KEY=old\r\n\r\n# again\r\nexport JWT_PRIVATE_KEY=\"older\"\r\nZ=last";
    let env = p.write("prod.env", before);
    crate::common::set_mode(&env, 0o640);
    let out = p.run(&["encode-key", "k.key", "--write", "prod.env"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).is_empty(), "nothing on stdout with --write");
    assert!(
        stderr(&out).contains("replaced line 3, removed 1 other definition"),
        "{}",
        stderr(&out)
    );
    let want = format!(
        "# credentials\r\nJWT_CLIENT_ID=abc\r\nJWT_PRIVATE_KEY={}\r\n\r\n# again\r\nZ=last",
        b64(&fixtures().pkcs8)
    );
    assert_eq!(p.read("prod.env"), want);
    #[cfg(unix)]
    assert_eq!(crate::common::mode(&env), 0o640, "mode kept");
    assert_no_secrets_on_stderr(&out);
}

/// A key set in the environment wins over the .env: writing one to the .env says so.
#[test]
fn write_says_when_the_environment_holds_the_key_too() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    p.write(".env", "JWT_CLIENT_ID=abc\n");
    let out = p.run(&["encode-key", "k.key", "--write"]);
    assert_exit(&out, 0);
    assert!(
        !stderr(&out).contains("also set in the environment"),
        "{}",
        stderr(&out)
    );
    let out = p
        .cmd()
        .env("JWT_PRIVATE_KEY", b64(&fixtures().other))
        .args(["encode-key", "k.key", "--write"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(
        stderr(&out)
            .contains("JWT_PRIVATE_KEY is also set in the environment, which wins over .env"),
        "{}",
        stderr(&out)
    );
    assert_no_secrets_on_stderr(&out);
}

#[test]
fn write_appends_to_a_file_without_final_newline_and_creates_new_files_private() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    p.write(".env", "A=1");
    let out = p.run(&["encode-key", "k.key", "--write"]);
    assert_exit(&out, 0);
    assert_eq!(
        p.read(".env"),
        format!("A=1\nJWT_PRIVATE_KEY={}\n", b64(&fixtures().pkcs8))
    );
    let out = p.run(&["encode-key", "k.key", "--write", "fresh.env"]);
    assert_exit(&out, 0);
    #[cfg(unix)]
    assert_eq!(crate::common::mode(&p.path("fresh.env")), 0o600);
    // The written file is one the loader reads back to the same key.
    let check = p.run(&[
        "check-env",
        "--env-file",
        "fresh.env",
        "--auth",
        "jwt",
        "--json",
    ]);
    let report = json(&check);
    let key = report["keys"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["key"] == "JWT_PRIVATE_KEY"))
        .expect("key line");
    assert_eq!(key["detail"], "base64 of PKCS#8 RSA 2048-bit");
}

#[test]
fn write_refuses_read_only_files_and_leaves_them_alone() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    let env = p.write(".env", "A=1\n");
    crate::common::set_mode(&env, 0o400);
    let out = p.run(&["encode-key", "k.key", "--write"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(p.read(".env"), "A=1\n");
}

#[test]
fn write_never_writes_into_a_key_file() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    let out = p
        .cmd()
        .args(["encode-key", "--write", "private.key"])
        .write_stdin(fixtures().pkcs1.clone())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("looks like a key"),
        "{}",
        stderr(&out)
    );
    assert_eq!(p.read("private.key"), fixtures().pkcs8);
}

#[test]
fn refuses_what_is_not_a_usable_private_key() {
    let f = fixtures();
    let p = Project::new();
    let legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0011223344556677\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    let cases: Vec<(&str, String, &str)> = vec![
        ("cert.crt", f.certificate.clone(), "certificate"),
        ("pub.pem", f.public.clone(), "public key"),
        ("ec.key", f.ec.clone(), "not an RSA key"),
        ("small.key", f.small.clone(), "1024-bit"),
        (
            "legacy.key",
            legacy.to_string(),
            "traditional format with the cipher DES-CBC",
        ),
        ("garbage.txt", "hello, world\n".into(), "neither a PEM"),
        ("enc.key", f.encrypted.clone(), "no passphrase"),
        ("already.b64", b64(&f.pkcs8), "already encoded"),
    ];
    for (file, content, says) in cases {
        p.write(file, &content);
        let out = p.run(&["encode-key", file]);
        assert_eq!(out.status.code(), Some(3), "{file}");
        assert!(stdout(&out).is_empty(), "{file}: nothing on stdout");
        let err = stderr(&out);
        assert!(
            err.contains("adobe-jwt: error:") && err.contains(says),
            "{file}: {err}"
        );
        assert_no_secrets(&out);
    }
    let out = p.run(&["encode-key", "legacy.key"]);
    assert!(stderr(&out).contains("openssl pkcs8 -topk8"));
    let wrong = p
        .cmd()
        .args(["encode-key", "enc.key"])
        .env("JWT_PRIVATE_KEY_PASSPHRASE", "not it")
        .output()
        .expect("runs");
    assert_exit(&wrong, 3);
    assert!(
        stderr(&wrong).contains("wrong passphrase"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn missing_files_and_directories_are_clear_errors() {
    let p = Project::new();
    let out = p.run(&["encode-key", "nope.key"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("nope.key does not exist"));
    std::fs::create_dir(p.path("dir")).expect("mkdir");
    let out = p.run(&["encode-key", "dir"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("is a directory"));
}
