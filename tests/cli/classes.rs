//! Hostile inputs, fourth pass: one test per class of defect, each over the variants of its class.
//! Line injection through ids into every line-based output; lock waits bounded however the holder
//! behaves; bodies and inputs from pipes and FIFOs read once, whole, within the deadline; a verdict
//! that a closed stdout does not hide; server text inert in every report; exec's scrub by name and
//! by value; no core file; editor writes the reader can read; what an atomic replace loses.

use std::process::{Output, Stdio};
#[cfg(unix)]
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::*;

/// Text that would forge a line, set a terminal's title and clear its screen.
const FORGED: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

/// Nothing of `FORGED` reached stdout or stderr as it is.
fn assert_inert(out: &Output, what: &str) {
    for (stream, text) in [("stdout", stdout(out)), ("stderr", stderr(out))] {
        for c in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
            assert!(
                !text.contains(c),
                "{what}: a raw {c:?} on {stream}:\n{text}"
            );
        }
    }
}

#[test]
fn ids_cannot_inject_a_line_into_any_line_based_output() {
    let injections = [
        (
            "a line break (double quotes expand \\n)",
            "\"{ID}\\nNODE_OPTIONS=--require=./evil.js\"",
        ),
        ("a carriage return", "\"{ID}\\rNODE_OPTIONS=x\""),
        ("an escape sequence", "'{ID}\u{1b}]0;t\u{7}'"),
        ("curly quotes", "“{ID}”"),
    ];
    let keys = [
        ("IMS_OAUTH_S2S_CLIENT_ID", OAUTH_CLIENT_ID, "oauth"),
        ("IMS_OAUTH_S2S_ORG_ID", ORG, "oauth"),
        ("JWT_CLIENT_ID", CLIENT_ID, "jwt"),
        ("JWT_IMS_ORG", ORG, "jwt"),
        ("JWT_TECHNICAL_ACCOUNT_ID", TECH_ACCOUNT, "jwt"),
    ];
    for (key, id, auth) in keys {
        for (how, form) in injections {
            let p = Project::new();
            let text = format!(
                "{}{}",
                jwt_env_text(&b64(&fixtures().pkcs8)),
                oauth_env_text()
            );
            let injected = form.replace("{ID}", id);
            let text = text.replace(&format!("{key}={id}\n"), &format!("{key}={injected}\n"));
            p.write(".env", &text);
            let check = p.jwt_run(&["check-env", "--auth", auth]);
            assert_exit(&check, 3);
            assert!(
                stdout(&check)
                    .lines()
                    .any(|l| l.contains(key) && l.contains('✗')),
                "{key} with {how}: check-env names it\n{}",
                stdout(&check)
            );
            assert!(
                !stdout(&check).contains("NODE_OPTIONS"),
                "the value is masked"
            );
            for format in ["env", "headers", "header", "token", "json"] {
                let out = p.jwt_run(&["token", "--auth", auth, "--format", format, "--no-cache"]);
                assert_exit(&out, 3);
                assert!(
                    stdout(&out).is_empty(),
                    "{key} with {how}, --format {format}"
                );
                assert!(
                    stderr(&out).starts_with(&format!("adobe-jwt: error: {key} (.env:")),
                    "{key} with {how}: {}",
                    stderr(&out)
                );
                assert!(!stderr(&out).contains("NODE_OPTIONS"));
                assert_inert(&out, key);
            }
        }
    }
    // A flag is checked as a .env value is.
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let out = p.jwt_run(&[
        "token",
        "--org-id",
        &format!("{ORG}\nA=b"),
        "--format",
        "env",
    ]);
    assert_exit(&out, 3);
    assert!(stdout(&out).is_empty());
    // A project file's ids too: nothing is written.
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json"),
    )
    .expect("fixture");
    let mut project: Value = serde_json::from_str(&source).expect("JSON");
    project["project"]["org"]["ims_org_id"] = json!(format!("{ORG}\nNODE_OPTIONS=x"));
    p.write("project.json", &project.to_string());
    let before = p.read(".env");
    let out = p.run(&["import", "project.json"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("IMS_OAUTH_S2S_ORG_ID that holds a line break"));
    assert_eq!(p.read(".env"), before);
}

#[test]
fn a_cached_token_that_could_forge_a_line_is_not_served() {
    let ims = Ims::start();
    let out = ims.token(&["--auth", "oauth"]);
    assert_exit(&out, 0);
    let tokens = ims.project.path("home/.cache/adobe-jwt/tokens");
    let entry = std::fs::read_dir(&tokens)
        .expect("tokens")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("an entry");
    let mut stored: Value =
        serde_json::from_str(&std::fs::read_to_string(&entry).expect("read")).expect("JSON");
    stored["access_token"] = json!("abc\nNODE_OPTIONS=--require=./evil.js");
    std::fs::write(&entry, stored.to_string()).expect("plant");
    let out = ims.token(&["--auth", "oauth", "--format", "env"]);
    assert_exit(&out, 0);
    assert!(!stdout(&out).contains("NODE_OPTIONS"), "{}", stdout(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        4,
        "four lines: {}",
        stdout(&out)
    );
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        2,
        "the planted entry was replaced"
    );
}

/// `token` against the emulator in the background, with stdout and stderr piped.
#[cfg(unix)]
fn background_token(ims: &Ims, args: &[&str]) -> std::process::Child {
    let mut cmd = ims.project.std_cmd();
    cmd.arg("token")
        .args(args)
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("starts")
}

#[cfg(unix)]
#[test]
fn every_lock_wait_ends_at_the_deadline_whatever_the_holder_does() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let ims = Ims::start();
    let hold = |ims: &Ims| {
        // The holder waits on a slow IMS with the cache lock held.
        ims.emulator
            .fault(json!({"path": OAUTH_PATH, "delay_ms": 3000}));
        let holder = background_token(ims, &["--auth", "oauth", "--refresh"]);
        std::thread::sleep(Duration::from_millis(700));
        holder
    };
    // A stopped holder (Ctrl-Z): the waiter gives up at --max-time, naming the lock.
    let holder = hold(&ims);
    let pid = Pid::from_raw(holder.id() as i32);
    kill(pid, Signal::SIGSTOP).expect("stop");
    let started = Instant::now();
    let out = ims.token(&["--auth", "oauth", "--refresh", "--max-time", "2s"]);
    let took = started.elapsed();
    assert_exit(&out, 5);
    let err = stderr(&out);
    assert!(
        err.contains("waiting for another adobe-jwt run (")
            && err.contains(".lock")
            && err.contains("until --max-time 2s ran out"),
        "{err}"
    );
    assert!(
        took < Duration::from_secs(4),
        "ended at the deadline: {took:?}"
    );
    // -q: no word about the wait, the error still.
    let out = ims.token(&["-q", "--auth", "oauth", "--refresh", "--max-time", "1s"]);
    assert_exit(&out, 5);
    assert!(!stderr(&out).contains("waiting for another"));
    // A killed holder: its lock died with it.
    kill(pid, Signal::SIGKILL).expect("kill");
    let _ = wait_bounded(holder);
    let started = Instant::now();
    let out = ims.token(&["--auth", "oauth", "--max-time", "5s"]);
    assert_exit(&out, 0);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "a dead holder never blocks"
    );
    // A slow holder that finishes: the waiter says it waits, then is served what it fetched.
    assert_exit(&ims.run(&["token", "--forget", "--auth", "oauth"]), 0);
    let holder = hold(&ims);
    let started = Instant::now();
    let out = ims.token(&["--auth", "oauth", "--format", "json", "--max-time", "10s"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("waiting for another adobe-jwt run"));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(json(&out)["cached"], true, "served what the holder fetched");
    assert_exit(&wait_bounded(holder), 0);
}

#[cfg(unix)]
#[test]
fn bodies_from_pipes_and_fifos_are_sent_whole_and_read_within_the_deadline() {
    let ims = Ims::start();
    let call = |script: &str| {
        let base = ims.project.std_cmd();
        let mut cmd = std::process::Command::new("bash");
        cmd.arg("-c")
            .arg(script)
            .arg(assert_cmd::cargo::cargo_bin!("adobe-jwt"))
            .env_clear()
            .current_dir(ims.project.dir.path())
            .stdin(Stdio::null());
        for (k, v) in base.get_envs() {
            if let Some(v) = v {
                cmd.env(k, v);
            }
        }
        cmd.env("ADOBE_IMS_URL", &ims.emulator.url);
        cmd.output_bounded()
    };
    let url = format!("{}/api/echo", ims.emulator.url);
    let body = "{\"report\": [1, 2, 3]}";
    for (how, script) in [
        (
            "a pipe on stdin, -d @-",
            format!("printf '%s' '{body}' | \"$0\" call --auth oauth {url} -d @-"),
        ),
        (
            "/dev/stdin",
            format!("printf '%s' '{body}' | \"$0\" call --auth oauth {url} -d @/dev/stdin"),
        ),
        (
            "process substitution",
            format!("\"$0\" call --auth oauth {url} -d @<(printf '%s' '{body}')"),
        ),
        (
            "a FIFO with a writer",
            format!(
                "rm -f f; mkfifo f; (sleep 0.3; printf '%s' '{body}' > f) & \"$0\" call --auth oauth {url} -d @f"
            ),
        ),
    ] {
        let out = call(&script);
        assert_exit(&out, 0);
        let echoed: Value = serde_json::from_slice(&out.stdout).expect("echo");
        assert_eq!(echoed["body"], body, "{how}");
        assert_eq!(echoed["body_length"], body.len(), "{how}");
        assert_eq!(
            echoed["headers"]["content-type"], "application/json",
            "{how}: sniffed from the bytes sent"
        );
    }
    // A retried PUT sends its body again.
    ims.emulator
        .fault(json!({"path": "/api/echo", "method": "PUT", "status": 503, "retry_after": "0"}));
    let out = call(&format!(
        "printf '%s' '{body}' | \"$0\" call --auth oauth PUT {url} -d @-"
    ));
    assert_exit(&out, 0);
    let echoed: Value = serde_json::from_slice(&out.stdout).expect("echo");
    assert_eq!(echoed["body_length"], body.len(), "the retry sent the body");
    // A FIFO whose writer never comes is bounded by --max-time.
    let started = Instant::now();
    let out = call(&format!(
        "rm -f g; mkfifo g; exec \"$0\" call --auth oauth {url} -d @g --max-time 2s"
    ));
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("gave no end of data in time"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(4));
    // Headers from a file, as curl's -H @FILE, and from token --format headers.
    let out = call(&format!(
        "\"$0\" token --auth oauth --format headers > h; printf 'x-sandbox-name: prod\\n' >> h; \"$0\" call --auth oauth {url} -H @h"
    ));
    assert_exit(&out, 0);
    let echoed: Value = serde_json::from_slice(&out.stdout).expect("echo");
    assert_eq!(echoed["headers"]["x-sandbox-name"], "prod");
    // import - and inspect - read stdin whole, and say when it is too large.
    let out = call("head -c 2000000 /dev/zero | tr '\\0' a | \"$0\" inspect -");
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("the token on stdin is more than 1048576 bytes"),
        "{}",
        stderr(&out)
    );
    let project =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    let out = call(&format!(
        "\"$0\" import - --stdout < '{}'",
        project.display()
    ));
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("IMS_OAUTH_S2S_CREDENTIAL_ID=17606512"));
}

#[test]
fn a_closed_stdout_does_not_hide_a_failed_verdict() {
    let ims = Ims::start();
    let run = |args: &[&str]| {
        let mut child = ims
            .project
            .std_cmd()
            .args(args)
            .env("ADOBE_IMS_URL", &ims.emulator.url)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        wait_bounded(child)
    };
    for code in [404, 500] {
        let out = run(&[
            "call",
            "--auth",
            "oauth",
            &format!("{}/api/status/{code}", ims.emulator.url),
        ]);
        assert_exit(&out, 6);
    }
    let out = run(&[
        "call",
        "--auth",
        "oauth",
        &format!("{}/api/bytes/100000", ims.emulator.url),
    ]);
    assert_exit(&out, 0);
    let out = ims.token(&["--auth", "oauth"]);
    let token = stdout(&out).trim().to_string();
    assert_exit(&ims.run(&["token", "--revoke", "--auth", "oauth"]), 0);
    let out = run(&["inspect", "--online", &token]);
    assert_exit(&out, 4);
    let out = run(&[
        "check-env",
        "--auth",
        "jwt",
        "--ims",
        "https://ims-na1.adobelogin.com",
    ]);
    assert_exit(&out, 3);
}

#[test]
fn every_string_a_server_gives_reaches_the_terminal_inert() {
    let ims = Ims::start();
    let secrets =
        format!("/console/organizations/{CONSOLE_ORG}/credentials/{CONSOLE_CREDENTIAL}/secrets");
    assert_exit(&ims.run(&["secret", "list"]), 0);
    // The token's type, into --format json and the cache.
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "handled": true, "set_fields": {"token_type": FORGED}}));
    let out = ims.token(&["--auth", "oauth", "--refresh", "--format", "json"]);
    assert_exit(&out, 0);
    assert_inert(&out, "token_type");
    let out = ims.token(&["--auth", "oauth", "--format", "json"]);
    assert_inert(&out, "token_type, cached");
    // IMS's error, and its description however long.
    let long = FORGED.repeat(20_000);
    ims.emulator.fault(json!({"path": OAUTH_PATH, "status": 400,
        "body": json!({"error": FORGED, "error_description": long}).to_string()}));
    let out = ims.token(&["--auth", "oauth", "--no-cache"]);
    assert_exit(&out, 4);
    assert_inert(&out, "error_description");
    assert!(
        stderr(&out).len() < 4000,
        "cut: {} bytes",
        stderr(&out).len()
    );
    assert!(stderr(&out).contains("more characters cut)"));
    // Every field of the Console's list, human and JSON.
    let listed = json!([{"uuid": "u-1", "created_at": FORGED, "expires_at": FORGED,
        "secret_usages": [{"grant_type": FORGED, "last_used_at": 1}]}]);
    for args in [vec!["secret", "list"], vec!["secret", "list", "--json"]] {
        ims.emulator
            .fault(json!({"path": secrets, "method": "GET", "handled": true,
            "set_fields": {"client_secrets": listed}}));
        let out = ims.run(&args);
        assert_exit(&out, 0);
        assert_inert(&out, "the Console's list");
        assert!(
            stdout(&out).contains("created at a time the Console does not give") || args.len() == 3
        );
    }
    // The Console's refusal message.
    ims.emulator.fault(json!({"path": secrets, "status": 403,
        "body": json!({"error_code": "403003", "message": FORGED}).to_string()}));
    let out = ims.run(&["secret", "list"]);
    assert_exit(&out, 4);
    assert_inert(&out, "the Console's message");
    // validate_token's reason, human and JSON.
    let out = ims.token(&["--auth", "oauth"]);
    let token = stdout(&out).trim().to_string();
    for args in [
        vec!["inspect", "--online", &token],
        vec!["inspect", "--online", "--json", &token],
    ] {
        ims.emulator
            .fault(json!({"path": "/ims/validate_token/v1", "status": 200,
            "body": json!({"valid": false, "reason": FORGED}).to_string()}));
        let out = ims.run(&args);
        assert_exit(&out, 4);
        assert_inert(&out, "the reason");
    }
}

#[cfg(unix)]
#[test]
fn exec_keeps_every_secret_from_its_child_by_name_and_by_value() {
    use std::os::unix::ffi::OsStrExt;
    let ims = Ims::start();
    let mut cmd = ims.project.std_cmd();
    cmd.args([
        "exec",
        "--auth",
        "oauth",
        "--keep",
        "KEPT_ON_PURPOSE",
        "--",
        "env",
    ])
    .env("ADOBE_IMS_URL", &ims.emulator.url)
    .env("IMS_OAUTH_S2S_CLIENT_SECRET_OLD", "p8e-old-secret-value-1")
    .env("IMS_OAUTH_S2S_CLIENT_SECRET2", "p8e-other-secret-2")
    .env("CLIENT_SECRET", "x")
    .env("ADOBE_CLIENT_SECRET", "x")
    .env("JWT_PRIVATE_KEY_B64", "x")
    .env("JWT_PASSPHRASE", "x")
    .env(
        "AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN",
        "eyJ-aio-user-token",
    )
    .env(
        "AIO_IMS_CONTEXTS_CLI_REFRESH__TOKEN_TOKEN",
        "eyJ-aio-refresh",
    )
    .env("SOME_URL", format!("https://u:{OAUTH_SECRET}@example.com"))
    .env("KEPT_ON_PURPOSE", format!("holds {OAUTH_SECRET}"))
    .env("GITHUB_TOKEN", "ghs_kept")
    .env(std::ffi::OsStr::from_bytes(b"NOT_UTF8_\xff"), "x");
    let out = cmd.output_bounded();
    assert_exit(&out, 0);
    let env = stdout(&out);
    for gone in [
        "IMS_OAUTH_S2S_CLIENT_SECRET_OLD=",
        "IMS_OAUTH_S2S_CLIENT_SECRET2=",
        "CLIENT_SECRET=",
        "ADOBE_CLIENT_SECRET=",
        "JWT_PRIVATE_KEY_B64=",
        "JWT_PASSPHRASE=",
        "AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN=",
        "AIO_IMS_CONTEXTS_CLI_REFRESH__TOKEN_TOKEN=",
        "SOME_URL=",
        "NOT_UTF8_",
        "IMS_OAUTH_S2S_CLIENT_SECRET=",
    ] {
        assert!(
            !env.lines().any(|l| l.starts_with(gone)),
            "{gone} reached the child"
        );
    }
    assert!(env.contains("KEPT_ON_PURPOSE=holds"), "--keep passes it");
    assert!(env.contains("GITHUB_TOKEN=ghs_kept"));
    assert!(env.contains("ADOBE_ACCESS_TOKEN=eyJ"));
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    no_core_in_cwd,
    ignore = "this kernel's core_pattern does not write core files into the working folder (a handler or an absolute path), so none could be looked for"
)]
fn no_core_file_holds_a_secret_after_a_sigquit() {
    let ims = Ims::start();
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "delay_ms": 5000}));
    let base = ims.project.std_cmd();
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -c unlimited && exec \"$0\" token --auth oauth --no-cache")
        .arg(assert_cmd::cargo::cargo_bin!("adobe-jwt"))
        .env_clear()
        .current_dir(ims.project.dir.path());
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.env("ADOBE_IMS_URL", &ims.emulator.url)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = cmd.spawn().expect("starts");
    std::thread::sleep(Duration::from_millis(800));
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGQUIT,
    )
    .expect("quit");
    let out = wait_bounded(child);
    assert!(out.status.code().is_none(), "killed by the signal");
    std::thread::sleep(Duration::from_millis(300));
    let cores: Vec<String> = std::fs::read_dir(ims.project.dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("core"))
        .collect();
    assert!(cores.is_empty(), "a core file was written: {cores:?}");
}

#[test]
fn an_edit_past_what_the_reader_reads_is_refused() {
    let p = Project::new();
    let filler = format!("# {}\n", "x".repeat(1000)).repeat(4180);
    p.write(".env", &format!("{filler}{}", oauth_env_text()));
    let before = p.read(".env");
    p.write("k.key", &fixtures().pkcs8);
    let out = p.run(&["encode-key", "k.key", "--write"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("past the 4194304 bytes adobe-jwt reads"),
        "{}",
        stderr(&out)
    );
    assert_eq!(p.read(".env"), before);
}

#[cfg(target_os = "linux")]
#[test]
fn what_an_atomic_replace_loses_is_kept_or_said() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    p.write("k.key", &fixtures().pkcs8);
    let env = p.path(".env");
    rustix::fs::setxattr(
        &env,
        "user.backup-tag",
        b"keep",
        rustix::fs::XattrFlags::empty(),
    )
    .expect("xattr");
    std::fs::hard_link(&env, p.path("other-name.env")).expect("link");
    set_mode(&env, 0o644);
    let out = p.run(&["encode-key", "k.key", "--write"]);
    assert_exit(&out, 0);
    let mut value = [0u8; 16];
    let n = rustix::fs::getxattr(&env, "user.backup-tag", &mut value[..]).expect("kept");
    assert_eq!(&value[..n], b"keep", "the extended attribute was kept");
    let err = stderr(&out);
    assert!(
        err.contains(".env had 1 other hard link: they still hold the old contents")
            && err.contains(
                ".env now holds a secret and is readable by others (mode 0644): chmod 600"
            ),
        "{err}"
    );
}

#[test]
fn cosmetics_of_server_answers_and_inputs() {
    let ims = Ims::start();
    // A Retry-After past the deadline is shown in whole units, a huge one as "more than a year".
    for (after, shown) in [
        ("100", "1m 40s"),
        ("18446744073709551615", "more than a year"),
    ] {
        ims.emulator
            .fault(json!({"path": OAUTH_PATH, "status": 429, "retry_after": after}));
        let out = ims.token(&["--auth", "oauth", "--no-cache", "--max-time", "5s"]);
        assert_exit(&out, 5);
        assert!(
            stderr(&out).contains(&format!("asked to wait {shown} before trying again")),
            "{}",
            stderr(&out)
        );
    }
    // [] and null are JSON, just not an object.
    for (body, said) in [
        ("[]", "a JSON array, not an object"),
        ("null", "JSON null, not an object"),
    ] {
        ims.emulator
            .fault(json!({"path": OAUTH_PATH, "status": 200, "body": body}));
        let out = ims.token(&["--auth", "oauth", "--no-cache"]);
        assert_exit(&out, 5);
        assert!(stderr(&out).contains(said), "{}", stderr(&out));
    }
    // A creation in the future is not "just now".
    let secrets =
        format!("/console/organizations/{CONSOLE_ORG}/credentials/{CONSOLE_CREDENTIAL}/secrets");
    ims.emulator.fault(json!({"path": secrets, "method": "GET", "handled": true,
        "set_fields": {"client_secrets": [{"uuid": "u-1", "created_at": "99999999999999", "expires_at": "PERMANENT"}]}}));
    let out = ims.run(&["secret", "list"]);
    assert!(stdout(&out).contains("(in the future)"), "{}", stdout(&out));
    // A URL no server takes is a usage error, before any request.
    let long = format!("{}/api/echo?q={}", ims.emulator.url, "a".repeat(100_000));
    let out = ims.run(&["call", "--auth", "oauth", &long]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("more than the 8192 that servers and proxies accept"));
    // A redirect from the Console is said to be one.
    ims.emulator
        .fault(json!({"path": secrets, "method": "GET", "status": 307, "times": 3}));
    let out = ims.run(&["secret", "list"]);
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("a redirect, which is not followed"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
#[ignore = "needs root, to run the binary as another user: .ci/run runs it"]
fn a_working_folder_that_cannot_be_read_is_not_taken_for_one_without_a_env() {
    let p = Project::new();
    let dir = p.path("locked");
    std::fs::create_dir(&dir).expect("dir");
    std::fs::write(dir.join(".env"), oauth_env_text()).expect("write");
    std::os::unix::fs::chown(&dir, Some(4321), Some(4321)).expect("chown");
    // The user's own working folder, mode 000 once the run is in it.
    let out = std::process::Command::new("setpriv")
        .args([
            "--reuid",
            "4321",
            "--regid",
            "4321",
            "--clear-groups",
            "sh",
            "-c",
        ])
        .arg("cd locked && chmod 000 . && exec \"$0\" status")
        .arg(assert_cmd::cargo::cargo_bin!("adobe-jwt"))
        .current_dir(p.dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", "/nonexistent")
        .env("ADOBE_JWT_CACHE", "off")
        .output_bounded();
    set_mode(&dir, 0o755);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("cannot read .env"),
        "{}",
        stderr(&out)
    );
}
