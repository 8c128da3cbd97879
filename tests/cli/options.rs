//! Each command shows and takes the options it uses, and checks their values up front.

use crate::common::*;

fn help(p: &Project, command: &str) -> String {
    let out = p.run(&[command, "--help"]);
    assert_exit(&out, 0);
    stdout(&out)
}

#[test]
fn commands_show_only_the_options_they_use() {
    let p = Project::new();
    for command in ["completions", "demo"] {
        let text = help(&p, command);
        for flag in [
            "--env-file",
            "--profile",
            "--client-id",
            "--auth",
            "--ims",
            "--timeout",
        ] {
            assert!(!text.contains(flag), "{command} --help shows {flag}");
        }
    }
    let text = help(&p, "encode-key");
    assert!(text.contains("--env-file") && text.contains("--profile"));
    for flag in [
        "--client-id",
        "--auth",
        "--ims",
        "--stage",
        "--timeout",
        "--scopes",
    ] {
        assert!(!text.contains(flag), "encode-key --help shows {flag}");
    }
    let text = help(&p, "ims-emulator");
    for flag in ["--ims", "--stage", "--client-id"] {
        assert!(!text.contains(flag), "ims-emulator --help shows {flag}");
    }
    for command in ["token", "call", "check-env", "inspect"] {
        let text = help(&p, command);
        for flag in ["--env-file", "--client-id", "--auth", "--ims", "--stage"] {
            assert!(text.contains(flag), "{command} --help lacks {flag}");
        }
        assert!(
            text.contains("ADOBE_IMS_URL"),
            "{command} --help names ADOBE_IMS_URL"
        );
    }
    assert!(help(&p, "token").contains("ADOBE_JWT_CACHE"));
}

/// The `aud` claim of the assertion `token --print-jwt` signs with these arguments.
fn audience(p: &Project, args: &[&str], env: &[(&str, &str)]) -> String {
    let mut cmd = p.cmd();
    cmd.args(["token", "--print-jwt"]).args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    assert_exit(&out, 0);
    jwt_payload(&stdout(&out))["aud"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_flag_beats_the_environment_for_the_ims_url() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    let stage = format!("https://ims-na1-stg1.adobelogin.com/c/{CLIENT_ID}");
    assert_eq!(
        audience(&p, &["--stage"], &[("ADOBE_IMS_URL", "http://127.0.0.1:1")]),
        stage
    );
    assert_eq!(
        audience(&p, &[], &[("ADOBE_IMS_URL", "http://127.0.0.1:1")]),
        format!("http://127.0.0.1:1/c/{CLIENT_ID}")
    );
    let both = p.run(&[
        "token",
        "--print-jwt",
        "--stage",
        "--ims",
        "https://ims.example",
    ]);
    assert_exit(&both, 2);
}

#[test]
fn the_ims_url_has_one_spelling() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    assert_eq!(
        audience(&p, &["--ims", "HTTPS://IMS-NA1.AdobeLogin.COM:443/"], &[]),
        format!("https://ims-na1.adobelogin.com/c/{CLIENT_ID}")
    );
    for bad in [
        "https://ims-na1.adobelogin.com/?x=1",
        "https://user:pass@ims-na1.adobelogin.com",
    ] {
        let out = p.run(&["token", "--print-jwt", "--ims", bad]);
        assert_exit(&out, 3);
        assert!(!stderr(&out).contains("pass@"), "userinfo is not shown");
    }
}

#[test]
fn option_values_are_checked_before_the_cache_is_read() {
    let ims = Ims::start();
    assert_exit(&ims.token(&["--auth", "jwt"]), 0);
    for args in [
        ["--auth", "jwt", "--jwt-lifetime", "25h"],
        ["--auth", "jwt", "--jwt-lifetime", "0s"],
        ["--auth", "jwt", "--timeout", "0s"],
    ] {
        let out = ims.token(&args);
        assert_exit(&out, 2);
        assert!(stdout(&out).is_empty(), "{args:?}: no token printed");
    }
}

/// Habits from curl and the shell get clap's error as it is, plus one line with the right spelling.
#[test]
fn curl_and_shell_habits_get_a_did_you_mean() {
    let p = Project::new();
    let call = p.run(&["call", "-X", "POST", "https://platform.adobe.io/x"]);
    assert_exit(&call, 2);
    let said = stderr(&call);
    assert!(
        said.contains("unexpected argument '-X'"),
        "clap's error stays: {said}"
    );
    assert!(
        said.trim_end().ends_with(
            "did you mean: adobe-jwt call POST URL (the method is a word before the URL, not -X)"
        ),
        "{said}"
    );
    let exec = p.run(&["exec", "env"]);
    assert_exit(&exec, 2);
    let said = stderr(&exec);
    assert!(said.contains("unexpected argument 'env'"), "{said}");
    assert!(
        said.trim_end()
            .ends_with("did you mean: adobe-jwt exec -- env … (the command comes after --)"),
        "{said}"
    );
    // Other usage errors get clap's message alone.
    let other = p.run(&["token", "--bogus"]);
    assert_exit(&other, 2);
    assert!(
        !stderr(&other).contains("did you mean: adobe-jwt"),
        "{}",
        stderr(&other)
    );
}
