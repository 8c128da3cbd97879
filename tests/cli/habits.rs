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

#[test]
fn env_file_profile_and_verbose_work_before_the_command_too() {
    let ims = Ims::start();
    // A .env of its own whose only credential is behind the PROD_ prefix.
    let prefixed: String = oauth_env_text()
        .lines()
        .map(|l| format!("PROD_{l}\n"))
        .collect();
    ims.project.write("other.env", &prefixed);
    let after = ims.run(&[
        "token",
        "--no-cache",
        "--env-file",
        "other.env",
        "--profile",
        "prod",
    ]);
    assert_exit(&after, 0);
    let before = ims.run(&[
        "--env-file",
        "other.env",
        "--profile",
        "prod",
        "-v",
        "token",
        "--no-cache",
    ]);
    assert_exit(&before, 0);
    assert_token_only_on_stdout(&before);
    assert!(
        stderr(&before).contains("* POST "),
        "-v before the command logs the request"
    );
    assert_eq!(
        jwt_payload(&stdout(&before))["client_id"],
        jwt_payload(&stdout(&after))["client_id"],
        "the same credential"
    );
    // The flags were taken: without the profile, other.env holds no usable credential.
    let unprefixed = ims.run(&["--env-file", "other.env", "token", "--no-cache"]);
    assert_exit(&unprefixed, 3);
    // Given on both sides alike, they agree; differently, it is a usage error that says so.
    let same = ims.run(&[
        "--profile",
        "prod",
        "token",
        "--profile",
        "prod",
        "--env-file",
        "other.env",
        "--no-cache",
    ]);
    assert_exit(&same, 0);
    // The same file and profile however written: `./other.env`, `PROD`.
    let alike = ims.run(&[
        "--profile",
        "PROD",
        "--env-file",
        "./other.env",
        "token",
        "--profile",
        "prod",
        "--env-file",
        "other.env",
        "--no-cache",
    ]);
    assert_exit(&alike, 0);
    let two = ims.run(&["--profile", "prod", "token", "--profile", "stage"]);
    assert_exit(&two, 2);
    assert!(
        stderr(&two).contains("--profile is given before token and after it"),
        "{}",
        stderr(&two)
    );
    // Commands that read no .env, or every profile of it, refuse them rather than ignore them.
    for (args, says) in [
        (
            &["--profile", "prod", "completions", "bash"][..],
            "--profile is for the commands that read a .env; completions reads none",
        ),
        (
            &["--env-file", "other.env", "keychain", "list"][..],
            "--env-file is for the commands that read a .env; keychain list reads none",
        ),
        (
            &["--profile", "prod", "status"][..],
            "--profile does not apply to status, which reads every profile of the .env",
        ),
    ] {
        let out = ims.run(args);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    // status takes --env-file before it.
    let status = ims.run(&["--env-file", "other.env", "status"]);
    assert_exit(&status, 0);
    assert!(stdout(&status).contains("other.env"), "{}", stdout(&status));
}

#[test]
fn secret_shows_no_jwt_option_and_short_help_is_short() {
    let p = Project::new();
    for sub in ["list", "rotate", "delete", "prune"] {
        let out = p.run(&["secret", sub, "--help"]);
        assert_exit(&out, 0);
        let text = stdout(&out);
        for jwt in [
            "--technical-account-id",
            "--metascopes",
            "--private-key-file",
            "--auth",
            "--jwt-lifetime",
        ] {
            assert!(!text.contains(jwt), "secret {sub} --help shows {jwt}");
        }
        // Nor does it name the JWT keys a shared option reads elsewhere.
        for key in ["JWT_CLIENT_ID", "JWT_IMS_ORG"] {
            assert!(
                !text.contains(&format!(" {key}")) && !text.contains(&format!("({key}")),
                "secret {sub} --help names {key}"
            );
        }
        for oauth in [
            "--client-id",
            "--org-id",
            "--scopes",
            "--env-file",
            "--profile",
            "--console",
            "Examples:",
        ] {
            assert!(text.contains(oauth), "secret {sub} --help lacks {oauth}");
        }
    }
    // Not shown, still taken (the contract gives secret token's credential options): --auth jwt
    // picks the JWT credential of a .env holding both, which gets secret's refusal.
    let ims = Ims::start();
    let out = ims.run(&["secret", "list", "--auth", "jwt", "--metascopes", "ent_x"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("Service Account (JWT)"),
        "{}",
        stderr(&out)
    );
    for command in [
        "token",
        "call",
        "exec",
        "check-env",
        "secret rotate",
        "inspect",
    ] {
        let words: Vec<&str> = command.split(' ').collect();
        let short = p.run(&[&words[..], &["-h"]].concat());
        let long = p.run(&[&words[..], &["--help"]].concat());
        assert_exit(&short, 0);
        assert_exit(&long, 0);
        let (short, long) = (stdout(&short), stdout(&long));
        assert!(
            short.lines().count() <= 45,
            "{command} -h has {} lines",
            short.lines().count()
        );
        assert!(short.contains("see more with '--help'"), "{command} -h");
        for rare in ["--client-id", "--max-time", "--cacert"] {
            assert!(!short.contains(rare), "{command} -h shows {rare}");
            assert!(long.contains(rare), "{command} --help lacks {rare}");
        }
        assert!(
            long.contains("Examples:\n") && !short.contains("Examples:"),
            "{command}"
        );
    }
}
