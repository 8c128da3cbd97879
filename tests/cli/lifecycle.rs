//! The secret's lifecycle under faults: once the Console has shown a new secret, every secret it
//! holds is one the user can read (the .env, or stdout), or the run names it with the command that
//! deletes it. A fault is injected at each step of `secret rotate`, and after each run the Console's
//! secrets, the .env, what was printed and the exit code are checked.

use std::process::Output;
#[cfg(unix)]
use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::*;

fn secrets_path() -> String {
    format!("/console/organizations/{CONSOLE_ORG}/credentials/{CONSOLE_CREDENTIAL}/secrets")
}

/// The values a user can read after a run: the client secret in every .env named, each line of any
/// other file named (a value printed into it), and what stdout got.
fn readable(ims: &Ims, files: &[&str], out: &Output) -> Vec<String> {
    let mut values: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(ims.project.path(f)).ok())
        .flat_map(|text| {
            text.lines()
                .map(|l| {
                    l.strip_prefix("IMS_OAUTH_S2S_CLIENT_SECRET=")
                        .unwrap_or(l)
                        .to_string()
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let printed = stdout(out).trim().to_string();
    if !printed.is_empty() {
        values.push(printed);
    }
    values
}

/// The invariant: each secret on the Console is readable (in the files named, on stdout, or known
/// before the run: the .env's secret then), or named with its delete command.
fn assert_nothing_lost(ims: &Ims, files: &[&str], out: &Output) {
    let mut readable = readable(ims, files, out);
    readable.push(OAUTH_SECRET.to_string());
    let err = stderr(out);
    for (uuid, value) in ims.emulator.secrets(OAUTH_CLIENT_ID) {
        let named = err.contains(&format!("adobe-jwt secret delete {uuid} --yes"));
        assert!(
            readable.contains(&value) || named,
            "the Console holds secret {uuid}, which the user can read nowhere and the message does not name:\n{err}"
        );
    }
    assert_no_secrets_on_stderr(out);
    for (_, value) in ims.emulator.secrets(OAUTH_CLIENT_ID) {
        assert!(!err.contains(&value), "a secret's value on stderr");
    }
}

/// A command aimed at the emulator, run through `sh -c SCRIPT` (the binary is `$0`), with the
/// harness's clean environment; `wrapper` goes before `sh` (`unshare -rm`).
#[cfg(unix)]
fn shell(ims: &Ims, wrapper: &[&str], script: &str) -> std::process::Command {
    let base = ims.project.std_cmd();
    let (program, rest) = match wrapper.split_first() {
        Some((p, rest)) => (*p, rest.to_vec()),
        None => ("sh", Vec::new()),
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(rest);
    if !wrapper.is_empty() {
        cmd.arg("sh");
    }
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
    cmd.env("ADOBE_IMS_URL", &ims.emulator.url)
        .env("ADOBE_CONSOLE_API_URL", &ims.emulator.url);
    cmd
}

/// One row of the matrix: a fault, the rotation's arguments, what must come of it.
struct Row {
    name: &'static str,
    faults: Value,
    args: &'static [&'static str],
    exit: i32,
    /// Words the first line of stderr's error must hold.
    says: &'static str,
    /// How many secrets the Console holds afterwards.
    held: usize,
    /// Whether the .env holds the new secret afterwards.
    env_has_new: bool,
}

fn first_error_line(out: &Output) -> String {
    stderr(out)
        .lines()
        .find(|l| l.starts_with("adobe-jwt: error:"))
        .unwrap_or("(no error)")
        .to_string()
}

#[test]
fn every_fault_in_a_rotation_leaves_each_secret_readable_or_named() {
    let path = secrets_path();
    let rows = vec![
        Row {
            name: "the POST times out, nothing added",
            faults: json!({"path": path, "method": "POST", "hang": true, "delay_ms": 4000}),
            args: &["--timeout", "1s"],
            exit: 5,
            says: "listed again, the credential has no new secret: nothing was changed",
            held: 1,
            env_has_new: false,
        },
        Row {
            name: "the POST times out after the Console added it",
            faults: json!({"path": path, "method": "POST", "handled": true, "hang": true, "delay_ms": 4000}),
            args: &["--timeout", "1s"],
            exit: 7,
            says: "whose value the Console did not show",
            held: 2,
            env_has_new: false,
        },
        Row {
            name: "the POST answers 504, nothing added",
            faults: json!({"path": path, "method": "POST", "status": 504}),
            args: &[],
            exit: 5,
            says: "nothing was changed",
            held: 1,
            env_has_new: false,
        },
        Row {
            name: "the POST answers 504 after the Console added it",
            faults: json!({"path": path, "method": "POST", "handled": true, "status": 504}),
            args: &[],
            exit: 7,
            says: "whose value the Console did not show",
            held: 2,
            env_has_new: false,
        },
        Row {
            name: "a 201 without the uuid",
            faults: json!({"path": path, "method": "POST", "handled": true, "drop_fields": ["uuid"]}),
            args: &[],
            exit: 0,
            says: "(no error)",
            held: 2,
            env_has_new: true,
        },
        Row {
            name: "a 201 without the value",
            faults: json!({"path": path, "method": "POST", "handled": true, "drop_fields": ["client_secret"]}),
            args: &[],
            exit: 7,
            says: "without the new secret's value",
            held: 2,
            env_has_new: false,
        },
        Row {
            name: "a value with escape sequences",
            faults: json!({"path": path, "method": "POST", "handled": true,
                "set_fields": {"client_secret": "p8e-\u{1b}]0;pwned\u{7}\nNODE_OPTIONS=x"}}),
            args: &[],
            exit: 5,
            says: "not shaped like a client secret",
            held: 1,
            env_has_new: false,
        },
        Row {
            name: "the proof token: IMS unavailable",
            faults: json!({"path": OAUTH_PATH, "status": 503, "times": 3}),
            args: &[],
            exit: 7,
            says: "IMS could not be reached to prove it",
            held: 2,
            env_has_new: true,
        },
        Row {
            name: "the proof token: IMS refuses it",
            faults: json!({"path": OAUTH_PATH, "status": 401, "body": "{\"error\":\"invalid_client\",\"error_description\":\"invalid client_secret parameter\"}"}),
            args: &[],
            exit: 7,
            says: "IMS refused a token for it",
            held: 2,
            env_has_new: true,
        },
        Row {
            name: "--delete-old: the delete fails",
            faults: json!({"path": path, "method": "DELETE", "status": 503}),
            args: &["--delete-old"],
            exit: 7,
            says: "deleting the old secret",
            held: 2,
            env_has_new: true,
        },
    ];
    let mut table = Vec::new();
    for row in &rows {
        let ims = Ims::start();
        // The management token is cached first, so a fault on the token endpoint meets the proof.
        assert_exit(&ims.run(&["secret", "list"]), 0);
        let before = ims.project.read(".env");
        ims.emulator.fault(row.faults.clone());
        let out = ims.run(&[&["secret", "rotate"], row.args].concat());
        let line = first_error_line(&out);
        table.push(format!(
            "{:<48} exit {}  {line}",
            row.name,
            out.status.code().unwrap_or(-1)
        ));
        assert_exit(&out, row.exit);
        assert!(line.contains(row.says), "{}: {line}", row.name);
        assert_nothing_lost(&ims, &[".env"], &out);
        let held = ims.emulator.secrets(OAUTH_CLIENT_ID);
        assert_eq!(held.len(), row.held, "{}: the Console's secrets", row.name);
        let env = ims.project.read(".env");
        let newest = held.last().map(|(_, v)| v.clone()).unwrap_or_default();
        assert_eq!(
            env.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={newest}\n")) && held.len() == 2,
            row.env_has_new,
            "{}: the .env",
            row.name
        );
        if !row.env_has_new {
            assert_eq!(env, before, "{}: the .env is as it was", row.name);
        }
        if row.exit == 0 {
            let uuid = &held[1].0;
            assert!(
                env.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET_UUID={uuid}\n")),
                "{}: the uuid found by listing is recorded",
                row.name
            );
        }
    }
    println!("{}", table.join("\n"));
}

/// A rotation whose POST the emulator stalls, run in the background; `during` runs meanwhile.
#[cfg(unix)]
fn rotate_during(ims: &Ims, args: &[&str], during: impl FnOnce()) -> Output {
    ims.emulator
        .fault(json!({"path": secrets_path(), "method": "POST", "delay_ms": 1500}));
    let mut cmd = ims.project.std_cmd();
    cmd.args(["secret", "rotate"])
        .args(args)
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .env("ADOBE_CONSOLE_API_URL", &ims.emulator.url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().expect("starts");
    std::thread::sleep(Duration::from_millis(600));
    during();
    wait_bounded(child)
}

#[cfg(unix)]
#[test]
fn a_line_added_to_the_env_during_a_slow_rotation_survives() {
    let ims = Ims::start();
    let out = rotate_during(&ims, &["--delete-old"], || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(ims.project.path(".env"))
            .expect("open");
        f.write_all(b"ADDED_MEANWHILE=yes\n").expect("append");
    });
    assert_exit(&out, 0);
    let env = ims.project.read(".env");
    assert!(env.contains("ADDED_MEANWHILE=yes\n"), "{env}");
    let held = ims.emulator.secrets(OAUTH_CLIENT_ID);
    assert!(env.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={}\n", held[0].1)));
    // Another editor is not held up by the rotation's network work: the .env is locked only
    // while it is written.
    let out = rotate_during(&ims, &["--delete-old"], || {
        let started = std::time::Instant::now();
        let edit = ims
            .project
            .cmd()
            .args(["encode-key", "-", "--write", "--name", "OTHER_KEY"])
            .write_stdin(fixtures().pkcs8.clone())
            .output()
            .expect("runs");
        assert_exit(&edit, 0);
        assert!(
            started.elapsed() < Duration::from_millis(800),
            "not blocked"
        );
    });
    assert_exit(&out, 0);
    assert!(ims.project.read(".env").contains("OTHER_KEY="));
}

#[cfg(unix)]
#[test]
fn a_env_made_read_only_during_the_rotation_gets_the_value_on_stdout() {
    let ims = Ims::start();
    let before = ims.project.read(".env");
    let out = rotate_during(&ims, &[], || set_mode(&ims.project.path(".env"), 0o400));
    assert_exit(&out, 7);
    assert!(
        first_error_line(&out).contains("is read-only")
            && stderr(&out).contains("printed on stdout (taken by the program reading it) instead"),
        "{}",
        stderr(&out)
    );
    assert_nothing_lost(&ims, &[".env"], &out);
    assert_eq!(ims.project.read(".env"), before);
    let held = ims.emulator.secrets(OAUTH_CLIENT_ID);
    assert_eq!(stdout(&out), format!("{}\n", held[1].1));
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    no_unshare,
    ignore = "mount namespaces (unshare -rm) are not available here: a bind-mounted .env cannot be made"
)]
fn a_bind_mounted_env_is_rewritten_in_place_and_proven() {
    let ims = Ims::start();
    std::fs::copy(ims.project.path(".env"), ims.project.path("real.env")).expect("copy");
    let out = shell(
        &ims,
        &["unshare", "-rm"],
        "mount --bind real.env .env && exec \"$0\" secret rotate",
    )
    .output_bounded();
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("rewritten in place, since it cannot be replaced by a new file")
            && stderr(&out).contains("busy"),
        "{}",
        stderr(&out)
    );
    // The mount lived in the namespace: the file behind it holds the new secret.
    assert_nothing_lost(&ims, &["real.env"], &out);
    let held = ims.emulator.secrets(OAUTH_CLIENT_ID);
    let real = ims.project.read("real.env");
    assert!(real.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={}\n", held[1].1)));
    assert!(real.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET_UUID={}\n", held[1].0)));
}

#[cfg(target_os = "linux")]
#[test]
#[cfg_attr(
    no_unshare,
    ignore = "mount namespaces (unshare -rm) are not available here: a full file system cannot be made"
)]
fn a_env_on_a_full_disk_gets_the_value_on_stdout() {
    let ims = Ims::start();
    std::fs::create_dir(ims.project.path("full")).expect("dir");
    let out = shell(
        &ims,
        &["unshare", "-rm"],
        "mount -t tmpfs -o size=64k tmpfs full && cp .env full/.env \
         && (head -c 1000000 /dev/zero > full/filler 2>/dev/null; true) \
         && exec \"$0\" secret rotate --env-file full/.env",
    )
    .output_bounded();
    assert_exit(&out, 7);
    assert!(
        first_error_line(&out).contains("No space left on device")
            && stderr(&out).contains("store it now"),
        "{}",
        stderr(&out)
    );
    assert_nothing_lost(&ims, &[], &out);
}

#[cfg(unix)]
#[test]
fn a_stdout_that_cannot_take_the_value_ends_with_the_secret_deleted_again() {
    let ims = Ims::start();
    // The reader is gone before the value is written (`| true`), or leaves without reading it.
    for script in [
        "(\"$0\" secret rotate --stdout; echo $? > status) | true; exit $(cat status)",
        "(\"$0\" secret rotate --stdout; echo $? > status) | sleep 1; exit $(cat status)",
        "ulimit -f 0; trap '' XFSZ; exec \"$0\" secret rotate --stdout > printed",
    ] {
        let _ = std::fs::remove_file(ims.project.path("status"));
        let out = shell(&ims, &[], script)
            .env("ADOBE_JWT_CACHE", "off")
            .output_bounded();
        let code = out.status.code();
        assert!(
            code == Some(3) || code == Some(2),
            "{script}: exit {code:?}\n{}",
            stderr(&out)
        );
        assert_nothing_lost(&ims, &[".env", "printed"], &out);
        assert_eq!(ims.emulator.secrets(OAUTH_CLIENT_ID).len(), 1, "{script}");
        if code == Some(3) {
            assert!(
                stderr(&out).contains("was deleted again: nothing was changed"),
                "{script}: {}",
                stderr(&out)
            );
        }
    }
    // A device that throws data away is refused before anything is added.
    let out = shell(&ims, &[], "exec \"$0\" secret rotate --stdout > /dev/null").output_bounded();
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("no secret was added"),
        "{}",
        stderr(&out)
    );
    let out = shell(&ims, &[], "exec \"$0\" secret rotate --stdout > /dev/full").output_bounded();
    assert_exit(&out, 2);
    assert_eq!(ims.emulator.secrets(OAUTH_CLIENT_ID).len(), 1);
    // A file on stdout is read back, a pipe watched until its reader took the value.
    let out = shell(&ims, &[], "exec \"$0\" secret rotate --stdout > printed").output_bounded();
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("printed the new secret on stdout (a file, read back)"),
        "{}",
        stderr(&out)
    );
    assert_nothing_lost(&ims, &[".env", "printed"], &out);
}

/// The uuids `secret list --json` shows.
fn uuids(ims: &Ims, env_file: &str) -> Vec<String> {
    let out = ims.run(&["secret", "list", "--json", "--env-file", env_file]);
    assert_exit(&out, 0);
    json(&out)["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .map(|s| s["uuid"].as_str().expect("uuid").to_string())
        .collect()
}

#[test]
fn delete_and_prune_never_remove_the_secret_in_use() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let listed = uuids(&ims, ".env");
    let (old, live) = (listed[0].clone(), listed[1].clone());
    let page = format!(
        "https://developer.adobe.com/console/projects/{CONSOLE_ORG}/1/credentials/{CONSOLE_CREDENTIAL}/details/oauthservertoserver"
    );
    for spelling in [
        live.clone(),
        live.to_ascii_uppercase(),
        format!("  {live} "),
    ] {
        for extra in [vec![], vec!["--console", page.as_str()]] {
            let out = ims.run(&[&["secret", "delete", &spelling, "--yes"], &extra[..]].concat());
            assert_exit(&out, 2);
            assert!(
                stderr(&out).contains(&format!(
                    "{live} is the secret the credentials use (recorded in IMS_OAUTH_S2S_CLIENT_SECRET_UUID, .env:13)"
                )),
                "{}",
                stderr(&out)
            );
        }
    }
    // prune keeps it and says why; the old one was used a moment ago, within the default --idle.
    let out = ims.run(&["secret", "prune", "--yes"]);
    assert_exit(&out, 0);
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "keeping {live}: in use (recorded in IMS_OAUTH_S2S_CLIENT_SECRET_UUID, .env:13)"
        )) && err.contains(&format!("keeping {old}: last used"))
            && err.contains("within --idle 1d")
            && err.contains("nothing to prune"),
        "{err}"
    );
    assert_eq!(uuids(&ims, ".env").len(), 2);
    // Idle past --idle: the old one goes, the live one stays.
    std::thread::sleep(Duration::from_millis(1200));
    let out = ims.run(&["secret", "prune", "--idle", "1s", "--yes"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains(&format!("deleted secret {old}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(uuids(&ims, ".env"), vec![live.clone()]);
    assert_exit(&ims.token(&["--no-cache", "--auth", "oauth"]), 0);
    // Without a recorded uuid and with two secrets, which one is in use cannot be told.
    assert_exit(&ims.run(&["secret", "rotate", "--stdout"]), 0);
    let text = ims.project.read(".env");
    let plain: String = text
        .lines()
        .filter(|l| !l.starts_with("IMS_OAUTH_S2S_CLIENT_SECRET_UUID="))
        .map(|l| format!("{l}\n"))
        .collect();
    ims.project.write("plain.env", &plain);
    let listed = uuids(&ims, "plain.env");
    for args in [
        vec!["secret", "delete", listed[1].as_str(), "--yes"],
        vec!["secret", "prune", "--idle", "1s", "--yes"],
    ] {
        let out = ims.run(&[&args[..], &["--env-file", "plain.env"]].concat());
        assert_exit(&out, 2);
        assert!(
            stderr(&out).contains("cannot tell which one the credentials use")
                && stderr(&out).contains("--force"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(uuids(&ims, "plain.env").len(), 2);
    // --force deletes the one asked for, with a warning.
    let out = ims.run(&[
        "secret",
        "delete",
        &listed[1],
        "--yes",
        "--force",
        "--env-file",
        "plain.env",
    ]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("(--force)"), "{}", stderr(&out));
    assert_exit(&ims.token(&["--no-cache", "--auth", "oauth"]), 0);
}

#[test]
fn a_stale_management_token_is_renewed_once_and_forget_clears_it() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "list"]), 0);
    let fetched = ims.emulator.count(OAUTH_PATH);
    // The cached management token stops being accepted (as after a revocation).
    ims.emulator.revoke();
    let out = ims.run(&["secret", "list", "-v"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains(
            "the Console refused the cached management token (HTTP 401): getting a new one"
        ),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("I/O Management API"),
        "no blame for a stale token"
    );
    assert_eq!(ims.emulator.count(OAUTH_PATH), fetched + 1);
    // token --forget forgets the management token as well.
    let out = ims.run(&["token", "--forget", "--auth", "oauth"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("forgot the cached management token (adobe-jwt secret's) too"),
        "{}",
        stderr(&out)
    );
    assert_exit(&ims.run(&["secret", "list"]), 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), fetched + 2);
}

#[test]
fn tokens_can_be_validated_and_revoked() {
    let ims = Ims::start();
    let out = ims.token(&["--auth", "oauth"]);
    assert_exit(&out, 0);
    let token = stdout(&out).trim().to_string();
    let out = ims.run(&["inspect", "--online", "--auth", "oauth"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("valid      yes, IMS"),
        "{}",
        stdout(&out)
    );
    let out = ims.run(&["token", "--revoke", "--auth", "oauth"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("invalidated the cached token for oauth client 9e8d…5c4b at IMS"),
        "{}",
        stderr(&out)
    );
    assert_token_only_on_stdout(&out);
    assert!(!stderr(&out).contains(&token));
    let out = ims.run(&["inspect", "--online", &token, "--json"]);
    assert_exit(&out, 4);
    let doc = json(&out);
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["invalid_reason"], "revoked");
    assert!(stderr(&out).contains("IMS says the token is not valid: revoked"));
    // The API refuses it.
    let answer = http_client()
        .get(format!("{}/api/echo", ims.emulator.url))
        .header("Authorization", format!("Bearer {token}"))
        .header("x-api-key", OAUTH_CLIENT_ID)
        .send()
        .expect("request");
    assert_eq!(answer.status().as_u16(), 401);
    // Nothing is cached any more: the next token is a new one, and there is nothing to revoke.
    let out = ims.run(&["token", "--revoke", "--auth", "oauth"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("nothing to invalidate"));
    let out = ims.token(&["--auth", "oauth"]);
    assert_ne!(stdout(&out).trim(), token);
}

#[test]
fn check_env_online_warns_about_an_old_secret_and_one_left_over() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    std::thread::sleep(Duration::from_millis(1100));
    let out = ims.run(&["check-env", "--online", "--max-secret-age", "1s", "--json"]);
    assert_exit(&out, 0);
    let doc = json(&out);
    let secret: Vec<&Value> = doc["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .filter(|c| c["topic"] == "secret")
        .collect();
    assert_eq!(secret.len(), 2, "{doc}");
    assert!(
        secret[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("more than --max-secret-age 1s: rotate it")),
        "{doc}"
    );
    let left = ims.emulator.secrets(OAUTH_CLIENT_ID)[0].0.clone();
    assert_eq!(
        secret[1]["message"],
        format!(
            "the credential has 2 client secrets: a rotation left {left} behind; delete what nothing uses any more (adobe-jwt secret prune)"
        )
    );
    let strict = ims.run(&["check-env", "--online", "--strict"]);
    assert_exit(&strict, 3);
}

#[test]
fn import_writes_the_console_ids_with_the_credential_or_removes_them() {
    let p = Project::new();
    p.write(
        ".env",
        "IMS_OAUTH_S2S_CLIENT_ID=other\nIMS_OAUTH_S2S_CLIENT_SECRET=p8e-other-secret-value\n\
IMS_OAUTH_S2S_CONSOLE_ORG_ID=111\nIMS_OAUTH_S2S_CREDENTIAL_ID=222\nIMS_OAUTH_S2S_CLIENT_SECRET_UUID=3333-4444\nKEEP=me\n",
    );
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json"),
    )
    .expect("fixture");
    let mut project: Value = serde_json::from_str(&source).expect("JSON");
    project["project"]["org"]
        .as_object_mut()
        .expect("org")
        .remove("id");
    p.write("project.json", &project.to_string());
    let out = p.run(&["import", "project.json"]);
    assert_exit(&out, 0);
    let env = p.read(".env");
    assert!(
        !env.contains("IMS_OAUTH_S2S_CONSOLE_ORG_ID=")
            && env.contains("IMS_OAUTH_S2S_CREDENTIAL_ID=17606512\n")
            && !env.contains("IMS_OAUTH_S2S_CLIENT_SECRET_UUID=")
            && env.contains("KEEP=me\n"),
        "{env}"
    );
    assert!(
        stderr(&out).contains("IMS_OAUTH_S2S_CONSOLE_ORG_ID (removed its definition)"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn a_secret_line_another_program_rewrote_during_the_rotation_is_not_overwritten() {
    let ims = Ims::start();
    let other = "IMS_OAUTH_S2S_CLIENT_SECRET=p8e-SecretOfAnotherClient-0123456789";
    let out = rotate_during(&ims, &[], || {
        let text = ims.project.read(".env").replace(
            &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
            other,
        );
        std::fs::write(ims.project.path(".env"), text).expect("rewrite");
    });
    assert_exit(&out, 7);
    assert!(
        first_error_line(&out).contains("IMS_OAUTH_S2S_CLIENT_SECRET changed in the file since it was read, so it is not overwritten"),
        "{}",
        stderr(&out)
    );
    assert!(
        ims.project.read(".env").contains(other),
        "what the other program wrote stays"
    );
    assert_nothing_lost(&ims, &[".env"], &out);
}

#[test]
fn a_uuid_the_environment_sets_beside_a_env_secret_is_not_trusted() {
    let ims = Ims::start();
    let old = ims.emulator.secrets(OAUTH_CLIENT_ID)[0].0.clone();
    let with_env_uuid = |args: &[&str]| {
        ims.cmd()
            .args(args)
            .env("IMS_OAUTH_S2S_CLIENT_SECRET_UUID", &old)
            .output()
            .expect("runs")
    };
    let out = with_env_uuid(&["secret", "rotate"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("IMS_OAUTH_S2S_CLIENT_SECRET_UUID is set in the environment, while the secret is in .env"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        ims.emulator.secrets(OAUTH_CLIENT_ID).len(),
        1,
        "nothing added"
    );
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let new = ims.emulator.secrets(OAUTH_CLIENT_ID)[1].0.clone();
    // The environment's (stale) uuid does not make the live secret deletable.
    let out = with_env_uuid(&["secret", "delete", &new, "--yes"]);
    assert_exit(&out, 2);
    assert_exit(&ims.token(&["--no-cache", "--auth", "oauth"]), 0);
}

#[cfg(unix)]
#[test]
fn stdout_that_cannot_be_watched_or_written_is_refused_before_the_add() {
    use std::os::fd::OwnedFd;
    let ims = Ims::start();
    // A socket (as Node's spawn gives), and a stdout open for reading only.
    let (ours, theirs) = std::os::unix::net::UnixStream::pair().expect("socketpair");
    let mut cmd = ims.project.std_cmd();
    cmd.args(["secret", "rotate", "--stdout"])
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .env("ADOBE_CONSOLE_API_URL", &ims.emulator.url)
        .stdout(std::process::Stdio::from(OwnedFd::from(theirs)))
        .stderr(Stdio::piped());
    let out = wait_bounded(cmd.spawn().expect("starts"));
    drop(ours);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("stdout is a socket"),
        "{}",
        stderr(&out)
    );
    ims.project.write("ro.txt", "");
    let out = shell(&ims, &[], "exec \"$0\" secret rotate --stdout 1<ro.txt").output_bounded();
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("open for reading only"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        ims.emulator.secrets(OAUTH_CLIENT_ID).len(),
        1,
        "nothing added"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_new_secret_the_reader_never_took_is_withdrawn_and_deleted_past_the_deadline() {
    let ims = Ims::start();
    let out = shell(
        &ims,
        &[],
        "(\"$0\" secret rotate --stdout --max-time 3s; echo $? > status) | (sleep 12; cat > got); exit $(cat status)",
    )
    .output_bounded();
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("did not read the value in time")
            && stderr(&out).contains("was deleted again: nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        ims.project.read("got"),
        "",
        "the void value never reached the reader"
    );
    assert_eq!(ims.emulator.secrets(OAUTH_CLIENT_ID).len(), 1);
}

#[test]
fn import_keeps_a_rotated_secret_the_project_file_does_not_list() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let rotated = ims.emulator.secrets(OAUTH_CLIENT_ID)[1].1.clone();
    let source = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json"),
    )
    .expect("fixture");
    let mut project: Value = serde_json::from_str(&source).expect("JSON");
    creds_secrets(&mut project, json!([OAUTH_SECRET]));
    ims.project.write("old-project.json", &project.to_string());
    let before = ims.project.read(".env");
    let out = ims.run(&["import", "old-project.json"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("that the project file does not list"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.project.read(".env"), before);
    // A file that lists it (second) keeps it; --force writes the file's first.
    creds_secrets(&mut project, json!([OAUTH_SECRET, rotated]));
    ims.project.write("new-project.json", &project.to_string());
    assert_exit(&ims.run(&["import", "new-project.json"]), 0);
    assert!(
        ims.project
            .read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={rotated}\n"))
    );
    assert_exit(&ims.run(&["import", "old-project.json", "--force"]), 0);
    assert!(
        ims.project
            .read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n"))
    );
}

/// Set the client secrets of the fixture's OAuth Server-to-Server credential (the suite's client).
fn creds_secrets(project: &mut Value, secrets: Value) {
    let creds = project["project"]["workspace"]["details"]["credentials"]
        .as_array_mut()
        .expect("credentials");
    let oauth = creds
        .iter_mut()
        .find(|c| c["integration_type"] == "oauth_server_to_server")
        .expect("an OAuth credential");
    assert_eq!(
        oauth["oauth_server_to_server"]["client_id"],
        OAUTH_CLIENT_ID
    );
    oauth["oauth_server_to_server"]["client_secrets"] = secrets;
}

#[test]
fn an_answered_uuid_that_names_an_old_secret_is_not_taken() {
    let ims = Ims::start();
    let old = ims.emulator.secrets(OAUTH_CLIENT_ID)[0].0.clone();
    ims.emulator.fault(
        json!({"path": secrets_path(), "method": "POST", "handled": true,
        "set_fields": {"uuid": old}}),
    );
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 0);
    let new = ims.emulator.secrets(OAUTH_CLIENT_ID)[1].0.clone();
    assert!(
        ims.project
            .read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET_UUID={new}\n")),
        "the real new uuid, found by listing, is recorded"
    );
}

#[test]
fn a_lost_answer_to_a_delete_is_checked_by_listing() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let old = ims.emulator.secrets(OAUTH_CLIENT_ID)[0].0.clone();
    ims.emulator.fault(
        json!({"path": format!("{}/{old}", secrets_path()), "method": "DELETE",
        "handled": true, "hang": true, "delay_ms": 4000}),
    );
    let out = ims.run(&["secret", "delete", &old, "--yes", "--timeout", "1s"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains(&format!("deleted secret {old}")),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.emulator.secrets(OAUTH_CLIENT_ID).len(), 1);
}

#[test]
fn the_uuid_of_a_secret_on_stdout_survives_quiet_and_commands_keep_their_options() {
    let ims = Ims::start();
    std::fs::copy(ims.project.path(".env"), ims.project.path("other.env")).expect("copy");
    let out = ims.run(&[
        "secret",
        "rotate",
        "--stdout",
        "-q",
        "--env-file",
        "other.env",
    ]);
    assert_exit(&out, 0);
    let new = ims.emulator.secrets(OAUTH_CLIENT_ID)[1].0.clone();
    assert_eq!(
        stderr(&out),
        format!(
            "added secret {new} to credential {CONSOLE_CREDENTIAL} (Console organization {CONSOLE_ORG})\n"
        )
    );
    let out = ims.run(&["secret", "rotate", "--env-file", "other.env"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("--env-file other.env"),
        "the printed command reaches the same .env: {}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
#[ignore = "needs root, for chattr: .ci/run runs it"]
fn a_folder_that_refuses_the_lock_file_is_found_before_the_add() {
    let ims = Ims::start();
    let dir = ims.project.path("locked");
    std::fs::create_dir(&dir).expect("dir");
    std::fs::copy(ims.project.path(".env"), dir.join(".env")).expect("copy");
    let made = std::process::Command::new("chattr")
        .arg("+i")
        .arg(&dir)
        .status_bounded();
    assert!(made.success());
    let out = ims.run(&["secret", "rotate", "--env-file", "locked/.env"]);
    let _ = std::process::Command::new("chattr")
        .arg("-i")
        .arg(&dir)
        .status_bounded();
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("cannot lock"), "{}", stderr(&out));
    assert_eq!(
        ims.emulator.secrets(OAUTH_CLIENT_ID).len(),
        1,
        "nothing added"
    );
}
