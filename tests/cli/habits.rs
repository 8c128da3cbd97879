//! What a new user met in 0.3 (issue 28): the habits and orders people bring from gh, curl and xh
//! work, or get a message that shows the right spelling.

use crate::common::*;

#[test]
fn encode_key_write_before_the_key_file_encodes_the_key_into_the_env() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.write(".env", "JWT_CLIENT_ID=abc\n");
    let out = p.run(&["encode-key", "--write", "private.key"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("private.key is a private key: encoding it into"),
        "{}",
        stderr(&out)
    );
    let env = p.read(".env");
    assert!(
        env.starts_with("JWT_CLIENT_ID=abc\n"),
        "the .env keeps its lines"
    );
    assert!(
        env.contains(&format!("JWT_PRIVATE_KEY={}", b64(&fixtures().pkcs8))),
        "the key line"
    );
    assert_eq!(
        p.read("private.key"),
        fixtures().pkcs8,
        "the key file is untouched"
    );
    // A .env named after --write, with the key first, is still the .env to write.
    let out = p.run(&["encode-key", "private.key", "--write", "other.env"]);
    assert_exit(&out, 0);
    assert!(p.read("other.env").contains("JWT_PRIVATE_KEY="));
    // Without a key anywhere, the message shows the right order.
    let out = p.run(&["encode-key", "--write", "other.env"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("the key file comes first"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn encode_key_of_certutil_output_or_wrapped_base64_encodes_the_key_inside_on_one_line() {
    let p = Project::new();
    let pem = &fixtures().pkcs8;
    let wrapped: String = b64(pem)
        .as_bytes()
        .chunks(64)
        .map(|c| format!("{}\r\n", std::str::from_utf8(c).expect("ascii")))
        .collect();
    let certutil = format!("-----BEGIN CERTIFICATE-----\r\n{wrapped}-----END CERTIFICATE-----\r\n");
    for (name, text, form) in [
        ("certutil.txt", certutil, "certutil base64"),
        ("wrapped.txt", wrapped, "wrapped base64"),
    ] {
        p.write(name, &text);
        let out = p.run(&["encode-key", name]);
        assert_exit(&out, 0);
        assert_eq!(
            stdout(&out),
            format!("JWT_PRIVATE_KEY={}\n", b64(pem)),
            "{name}"
        );
        assert!(stderr(&out).contains(form), "{name}: {}", stderr(&out));
    }
}

#[test]
fn token_json_is_format_json() {
    let ims = Ims::start();
    let out = ims.token(&["--auth", "oauth", "--json"]);
    assert_exit(&out, 0);
    let doc = json(&out);
    assert!(
        doc["access_token"]
            .as_str()
            .is_some_and(|t| t.starts_with("eyJ"))
    );
    assert!(doc["expires_at"].is_string());
    let both = ims.token(&["--json", "--format", "env"]);
    assert_exit(&both, 2);
}

#[test]
fn check_env_strict_says_why_it_fails_on_its_last_line() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    // Before JWT credentials ended at Adobe: usable, with an end-of-life warning.
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("ADOBE_JWT_TODAY", "2026-02-01")
            .output()
            .expect("runs")
    };
    let last = |out: &std::process::Output| {
        stdout(out)
            .trim_end()
            .lines()
            .last()
            .unwrap_or_default()
            .to_string()
    };
    let lax = run(&["check-env"]);
    assert_exit(&lax, 0);
    assert_eq!(last(&lax), "0 errors, 1 warning: usable");
    let strict = run(&["check-env", "--strict"]);
    assert_exit(&strict, 3);
    assert_eq!(
        last(&strict),
        "0 errors, 1 warning: usable, but --strict fails on warnings"
    );
}

#[test]
fn check_env_online_exits_4_for_a_refusal_and_5_for_no_answer() {
    let ims = Ims::start();
    let refused = ims
        .cmd()
        .env("IMS_OAUTH_S2S_CLIENT_SECRET", "p8e-not-the-secret-it-knows")
        .args(["check-env", "--auth", "oauth", "--online"])
        .output()
        .expect("runs");
    assert_exit(&refused, 4);
    let unreachable = ims
        .cmd()
        .env("ADOBE_IMS_URL", closed_port_url())
        .args(["check-env", "--auth", "oauth", "--online"])
        .output()
        .expect("runs");
    assert_exit(&unreachable, 5);
    let fine = ims.run(&["check-env", "--auth", "oauth", "--online"]);
    assert_exit(&fine, 0);
}

#[test]
fn a_key_files_name_where_the_key_goes_gets_the_at_path_form() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.jwt_env("./private.key");
    let out = p.jwt_run(&["check-env"]);
    assert_exit(&out, 3);
    let text = stdout(&out);
    assert!(
        text.contains("the private key is the name of the file ./private.key, not a key")
            && text.contains("write @./private.key"),
        "{text}"
    );
    // The @ form it names works.
    p.jwt_env("@./private.key");
    let fixed = p.jwt_run(&["check-env"]);
    assert_eq!(fixed.status.code(), Some(0), "{}", stdout(&fixed));
    assert_no_secrets(&out);
}
