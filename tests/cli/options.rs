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
        // Durations past 100 years are refused, not overflowed, even on a cache hit.
        ["--auth", "jwt", "--max-time", "500000000000y"],
        ["--auth", "jwt", "--timeout", "18446744073709551615"],
        ["--auth", "jwt", "--min-validity", "36501d"],
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

/// A tool setting that is not valid UTF-8 is an error naming it (exit 3), before anything is sent,
/// never a default: an unreadable `ADOBE_IMS_URL` must not send the secret to production IMS, nor
/// an unreadable profile read the unprefixed keys. Every text setting of docs/environment.md's
/// table (which the assets test keeps in step with `src/env_vars.rs`) is tried, with a command
/// that reads it; a path setting is taken as the system gives it.
#[cfg(unix)]
#[test]
fn settings_that_cannot_be_read_are_errors_not_defaults() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let ims = Ims::start();
    let table = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/environment.md"),
    )
    .expect("docs");
    let text_settings: Vec<&str> = table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            (cells.len() > 3 && cells[2] == "text").then(|| cells[1].trim_matches('`'))
        })
        // Flags whose presence is all that is read, TERM, which only `dumb` changes, and the CI
        // runners' own markers, which only `true` changes.
        .filter(|name| {
            ![
                "NO_COLOR",
                "CLICOLOR_FORCE",
                "TERM",
                "GITHUB_ACTIONS",
                "TF_BUILD",
            ]
            .contains(name)
        })
        .collect();
    assert!(text_settings.len() >= 12, "{text_settings:?}");
    let token_path = "/ims/token/v3";
    for name in text_settings {
        let echo = format!("{}/api/echo", ims.emulator.url);
        let args: Vec<&str> = match name {
            "ADOBE_CONSOLE_API_URL" => vec!["secret", "list"],
            "ADOBE_JWT_ALLOW_HOSTS" => vec!["call", &echo],
            _ => vec!["token"],
        };
        let before = ims.emulator.count(token_path);
        let out = ims
            .cmd()
            .args(&args)
            .env(name, OsStr::from_bytes(b"https://x\xff"))
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(3), "{name}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(&format!("{name} is set to a value that is not valid UTF-8")),
            "{name}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{name}: nothing printed");
        assert_eq!(
            ims.emulator.count(token_path),
            before,
            "{name}: no token was asked for"
        );
    }
    // A credential that cannot be read is no setting, but status lists its set with why, rather
    // than leave it out.
    let out = ims
        .cmd()
        .args(["status"])
        .env("PROD_JWT_CLIENT_ID", OsStr::from_bytes(b"x\xff"))
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains(
            "profile prod     -      not usable: PROD_JWT_CLIENT_ID in the environment is not valid UTF-8"
        ),
        "{}",
        stdout(&out)
    );
    // A path setting is kept as bytes: ADOBE_JWT_ENV_FILE names a file whose name is not UTF-8,
    // and that file is read, not ./.env (here a credential IMS refuses).
    let good = std::fs::read(ims.project.path(".env")).expect(".env");
    let odd = OsStr::from_bytes(b"creds-\xff.env");
    std::fs::write(ims.project.path("").join(odd), good).expect("write");
    ims.project
        .write(".env", "IMS_OAUTH_S2S_CLIENT_ID=not-this-one\n");
    let out = ims
        .cmd()
        .args(["token", "--auth", "oauth", "--no-cache"])
        .env("ADOBE_JWT_ENV_FILE", odd)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(!stdout(&out).trim().is_empty(), "a token");
}
