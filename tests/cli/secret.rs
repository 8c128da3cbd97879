//! `secret list`, `secret rotate` and `secret delete` against the emulator's I/O Management API.

use std::path::PathBuf;
use std::process::Output;

use crate::common::*;

/// The uuids `secret list --json` shows.
fn uuids(ims: &Ims, args: &[&str]) -> Vec<String> {
    let out = ims.run(&[&["secret", "list", "--json"], args].concat());
    assert_exit(&out, 0);
    json(&out)["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .map(|s| s["uuid"].as_str().expect("uuid").to_string())
        .collect()
}

/// The current value of a key in the project's .env (read with the product, as Node would).
fn env_value(ims: &Ims, key: &str) -> String {
    let text = ims.project.read(".env");
    text.lines()
        .rev()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .expect("the key is defined")
        .to_string()
}

/// A token exchange with this client secret, no cache.
fn token_with_secret(ims: &Ims, secret: &str) -> Output {
    ims.cmd()
        .args(["token", "--no-cache", "--auth", "oauth"])
        .env("IMS_OAUTH_S2S_CLIENT_SECRET", secret)
        .output()
        .expect("runs")
}

/// Nothing secret on stderr: the fixtures' secrets, the secrets given, and no token.
fn assert_quiet_about(out: &Output, values: &[&str]) {
    assert_no_secrets_on_stderr(out);
    let err = stderr(out);
    assert!(!err.contains("eyJ"), "a token on stderr");
    for value in values {
        assert!(!err.contains(value), "a secret value on stderr");
    }
}

#[test]
fn list_shows_each_secret_and_never_a_value() {
    let ims = Ims::start();
    let out = ims.run(&["secret", "list"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!(
            "client 9e8d…5c4b (Console organization {CONSOLE_ORG}, credential {CONSOLE_CREDENTIAL}): 1 secret\n"
        )),
        "{text}"
    );
    assert!(text.contains("created 20"), "{text}");
    assert!(!text.contains(OAUTH_SECRET), "no value");
    assert_quiet_about(&out, &[]);
    let out = ims.run(&["secret", "list", "--json"]);
    assert_exit(&out, 0);
    let doc = json(&out);
    assert_eq!(doc["client_id"], OAUTH_CLIENT_ID);
    assert_eq!(doc["console"]["credential"], CONSOLE_CREDENTIAL);
    let secrets = doc["secrets"].as_array().expect("secrets");
    assert_eq!(secrets.len(), 1);
    assert_eq!(secrets[0]["expires_at"], "PERMANENT");
    assert!(!stdout(&out).contains(OAUTH_SECRET));
    // The management token is cached under its own scope set, apart from the credential's own.
    assert_exit(&ims.run(&["secret", "list"]), 0);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        1,
        "the management token was cached"
    );
    assert_exit(&ims.token(&["--auth", "oauth"]), 0);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        2,
        "the credential's token is another"
    );
}

#[test]
fn rotate_writes_a_working_secret_and_the_old_one_keeps_working() {
    let ims = Ims::start();
    let before = ims.project.read(".env");
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 0);
    let new = env_value(&ims, "IMS_OAUTH_S2S_CLIENT_SECRET");
    assert_ne!(new, OAUTH_SECRET);
    assert!(new.starts_with("p8e-"), "a secret's shape");
    assert_quiet_about(&out, &[&new]);
    assert!(stdout(&out).is_empty(), "nothing on stdout");
    let err = stderr(&out);
    let listed = uuids(&ims, &[]);
    assert_eq!(listed.len(), 2);
    let (old, added) = (&listed[0], &listed[1]);
    assert!(
        err.contains(
            "wrote the new secret to IMS_OAUTH_S2S_CLIENT_SECRET in .env (replaced line 8) and its uuid to IMS_OAUTH_S2S_CLIENT_SECRET_UUID (appended at line 13)"
        ) && err.contains("proved it: IMS issued a token for the new secret")
            && err.contains(&format!("adobe-jwt secret delete {old}"))
            && err.contains("aio app deploy"),
        "{err}"
    );
    // Only that line changed, and the new secret's uuid is recorded beside it.
    assert_eq!(
        ims.project.read(".env"),
        before.replace(
            &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
            &format!("IMS_OAUTH_S2S_CLIENT_SECRET={new}")
        ) + &format!("IMS_OAUTH_S2S_CLIENT_SECRET_UUID={added}\n")
    );
    let listed = ims.run(&["secret", "list"]);
    assert!(
        stdout(&listed).contains(&format!("{added}  created"))
            && stdout(&listed).contains("(in use)"),
        "{}",
        stdout(&listed)
    );
    // The new secret works (the .env now holds it), and so does the old one until it is deleted.
    assert_exit(&ims.token(&["--no-cache", "--auth", "oauth"]), 0);
    assert_exit(&token_with_secret(&ims, OAUTH_SECRET), 0);
    let listed = ims.run(&["secret", "list"]);
    assert!(stdout(&listed).contains("last used by client_credentials"));
}

#[test]
fn a_third_secret_is_refused_before_anything_changes() {
    let ims = Ims::start();
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let env = ims.project.read(".env");
    let listed = uuids(&ims, &[]);
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("already has two secrets")
            && err.contains("no secret was added")
            && listed.iter().all(|u| err.contains(u.as_str()))
            && err.contains(&format!("adobe-jwt secret delete {}", listed[0])),
        "the one not in use is named: {err}"
    );
    assert!(!err.contains("\\n"), "no escaped line break: {err}");
    assert_eq!(err.lines().count(), 2, "one error line and one hint: {err}");
    assert_eq!(uuids(&ims, &[]), listed, "no secret was added");
    assert_eq!(ims.project.read(".env"), env, "the .env is as it was");
}

#[test]
fn delete_old_and_stdout() {
    let ims = Ims::start();
    let old = uuids(&ims, &[]);
    let out = ims.run(&["secret", "rotate", "--delete-old"]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains(&format!("deleted the old secret {}", old[0])));
    let now = uuids(&ims, &[]);
    assert_eq!(now.len(), 1);
    assert_ne!(now, old);
    assert_exit(&token_with_secret(&ims, OAUTH_SECRET), 4);
    assert_exit(&ims.token(&["--no-cache", "--auth", "oauth"]), 0);
    // --stdout: the value alone on stdout, no file edited.
    let env = ims.project.read(".env");
    let out = ims.run(&["secret", "rotate", "--stdout"]);
    assert_exit(&out, 0);
    let printed = stdout(&out);
    let value = printed.trim_end_matches('\n');
    assert_eq!(printed, format!("{value}\n"), "one line");
    assert!(value.starts_with("p8e-"));
    assert_quiet_about(&out, &[value]);
    assert_eq!(ims.project.read(".env"), env, "no file was edited");
    assert_exit(&token_with_secret(&ims, value), 0);
    // The secret from the environment (as in CI): only --stdout can help.
    let out = ims
        .cmd()
        .args(["secret", "rotate"])
        .env("IMS_OAUTH_S2S_CLIENT_SECRET", value)
        .output()
        .expect("runs");
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("comes from the environment")
            && stderr(&out)
                .contains("secret rotate --stdout | gh secret set IMS_OAUTH_S2S_CLIENT_SECRET"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn delete_refuses_the_only_secret_and_needs_a_confirmation() {
    let ims = Ims::start();
    let only = uuids(&ims, &[]).remove(0);
    let out = ims.run(&["secret", "delete", &only, "--yes"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("is the credential's only secret"),
        "{}",
        stderr(&out)
    );
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let out = ims.run(&["secret", "delete", &only]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("add --yes"), "{}", stderr(&out));
    let out = ims.run(&["secret", "delete", "0000-not-there", "--yes"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("has no secret 0000-not-there"));
    let out = ims.run(&["secret", "delete", &only, "--yes"]);
    assert_exit(&out, 0);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("secret {only}  created")) && err.contains("last used by"),
        "shows the last use before deleting: {err}"
    );
    assert_eq!(uuids(&ims, &[]).len(), 1);
    assert_exit(&token_with_secret(&ims, OAUTH_SECRET), 4);
}

#[test]
fn a_project_without_the_io_management_api_is_told_what_to_add() {
    let ims = Ims::start_with(&["--without-io-management"]);
    for args in [vec!["secret", "list"], vec!["secret", "rotate"]] {
        let out = ims.run(&args);
        assert_exit(&out, 4);
        let err = stderr(&out);
        assert!(
            err.contains("invalid_scope")
                && err.contains("add the I/O Management API to the project"),
            "{err}"
        );
        assert_quiet_about(&out, &[]);
    }
    // The credential itself still works.
    assert_exit(&ims.token(&["--auth", "oauth"]), 0);
}

#[test]
fn a_console_failure_changes_nothing() {
    let ims = Ims::start();
    let env = ims.project.read(".env");
    let secrets =
        format!("/console/organizations/{CONSOLE_ORG}/credentials/{CONSOLE_CREDENTIAL}/secrets");
    // Every attempt of the list fails: the rotation stops before it adds anything.
    ims.emulator
        .fault(serde_json::json!({"path": secrets, "status": 503, "times": 3}));
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("nothing was changed"),
        "{}",
        stderr(&out)
    );
    assert_eq!(uuids(&ims, &[]).len(), 1);
    assert_eq!(ims.project.read(".env"), env);
    // A POST the Console fails is not repeated: a lost answer must not make a second secret.
    ims.emulator
        .fault(serde_json::json!({"path": secrets, "method": "POST", "status": 500, "times": 1}));
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 5);
    assert_eq!(uuids(&ims, &[]).len(), 1, "the POST was sent once");
    assert_eq!(ims.project.read(".env"), env);
}

#[test]
fn the_ids_come_from_import_or_from_the_console_page() {
    // From the project file: import writes them.
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    let p = Project::new();
    let out = p.run(&["import", &project.display().to_string()]);
    assert_exit(&out, 0);
    let env = p.read(".env");
    assert!(
        env.contains("IMS_OAUTH_S2S_CONSOLE_ORG_ID=25591412\n")
            && env.contains("IMS_OAUTH_S2S_CREDENTIAL_ID=17606512\n"),
        "{env}"
    );
    let emulator = Emulator::start(&p, &[]);
    let out = p
        .cmd()
        .args(["secret", "list", "--json"])
        .env("ADOBE_IMS_URL", &emulator.url)
        .env("ADOBE_CONSOLE_API_URL", &emulator.url)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_eq!(json(&out)["console"]["credential"], "17606512");
    // From the credential page's address, when the .env has no ids.
    let ims = Ims::start();
    let text = ims.project.read(".env").replace(&console_ids_text(), "");
    ims.project.write("plain.env", &text);
    let out = ims.run(&["secret", "list", "--env-file", "plain.env"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID")
            && stderr(&out).contains("--console URL"),
        "{}",
        stderr(&out)
    );
    let page = format!(
        "https://developer.adobe.com/console/projects/{CONSOLE_ORG}/4566206088344994961/credentials/{CONSOLE_CREDENTIAL}/details/oauthservertoserver"
    );
    let out = ims.run(&[
        "secret",
        "list",
        "--env-file",
        "plain.env",
        "--console",
        &page,
    ]);
    assert_exit(&out, 0);
    let out = ims.run(&[
        "secret",
        "list",
        "--env-file",
        "plain.env",
        "--console",
        "https://developer.adobe.com/console/projects/1/2/overview",
    ]);
    assert_exit(&out, 2);
}

#[test]
fn jwt_credentials_and_unwritable_files_are_refused_before_any_change() {
    let ims = Ims::start();
    let out = ims.run(&["secret", "rotate", "--auth", "jwt"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("Service Account (JWT)"),
        "{}",
        stderr(&out)
    );
    #[cfg(unix)]
    if !nix::unistd::geteuid().is_root() {
        set_mode(&ims.project.path(".env"), 0o400);
        let out = ims.run(&["secret", "rotate"]);
        assert_exit(&out, 3);
        assert!(
            stderr(&out).contains("no secret was added"),
            "{}",
            stderr(&out)
        );
        set_mode(&ims.project.path(".env"), 0o600);
    }
    // A .env the editor refuses to rewrite (bytes that are not UTF-8 in a comment): nothing added.
    let mut bytes = ims.project.read(".env").into_bytes();
    bytes.extend(b"# caf\xe9\n");
    std::fs::write(ims.project.path(".env"), bytes).expect("write");
    let out = ims.run(&["secret", "rotate"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("not UTF-8") && stderr(&out).contains("left unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(uuids(&ims, &[]).len(), 1, "no secret was added");
}

#[test]
fn a_write_that_fails_after_the_secret_was_added_prints_it_once() {
    #[cfg(unix)]
    {
        let ims = Ims::start();
        // The .env may not grow past its size: the rewritten file cannot be written (EFBIG).
        let size = std::fs::metadata(ims.project.path(".env"))
            .expect("stat")
            .len();
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {}; exec \"$0\" secret rotate",
                size / 512
            ))
            .arg(assert_cmd::cargo::cargo_bin!("adobe-jwt"))
            .current_dir(ims.project.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", ims.project.path("home"))
            .env("ADOBE_JWT_CACHE", "file")
            .env(
                "ADOBE_JWT_CACHE_DIR",
                ims.project.path("home/.cache/adobe-jwt"),
            )
            .env("ADOBE_IMS_URL", &ims.emulator.url)
            .env("ADOBE_CONSOLE_API_URL", &ims.emulator.url);
        let before = ims.project.read(".env");
        let out = cmd.output_bounded();
        assert_exit(&out, 7);
        let printed = stdout(&out);
        let value = printed.trim_end();
        assert!(value.starts_with("p8e-"), "the new secret is on stdout");
        assert!(
            stderr(&out).contains("was added, but cannot write .env")
                && stderr(&out)
                    .contains("printed on stdout (taken by the program reading it) instead")
                && stderr(&out).contains("store it now"),
            "{}",
            stderr(&out)
        );
        assert_quiet_about(&out, &[value]);
        assert_eq!(ims.project.read(".env"), before, "the .env is as it was");
        assert_exit(&token_with_secret(&ims, value), 0);
    }
}

#[test]
fn no_verbosity_shows_a_secret_or_a_token() {
    let ims = Ims::start();
    let mut old = OAUTH_SECRET.to_string();
    for mode in ["-q", "", "-v", "-vv"] {
        let mut args = vec!["secret", "rotate", "--delete-old"];
        if !mode.is_empty() {
            args.push(mode);
        }
        let out = ims.run(&args);
        assert_exit(&out, 0);
        let new = env_value(&ims, "IMS_OAUTH_S2S_CLIENT_SECRET");
        assert_quiet_about(&out, &[&new, &old]);
        if mode == "-vv" {
            assert!(
                stderr(&out).contains("GET "),
                "requests are logged: {}",
                stderr(&out)
            );
        }
        old = new;
    }
    for mode in ["-q", "-vv"] {
        let out = ims.run(&["secret", "rotate", "--stdout", mode]);
        assert_exit(&out, 0);
        let value = stdout(&out);
        assert_quiet_about(&out, &[value.trim(), &old]);
        // The new one goes again; the .env's stays.
        let uuid = uuids(&ims, &[]).remove(1);
        let out = ims.run(&["secret", "delete", &uuid, "--yes", mode]);
        assert_exit(&out, 0);
        assert_quiet_about(&out, &[value.trim(), &old]);
    }
}

/// A running `ims-emulator` (not quiet) and what it said on stderr up to its Console line.
struct Announced {
    child: std::process::Child,
    url: String,
    notes: Vec<String>,
}

impl Drop for Announced {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn announced_emulator(p: &Project, args: &[&str]) -> Announced {
    use std::io::BufRead;
    let mut child = p
        .std_cmd()
        .arg("ims-emulator")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("emulator starts");
    let mut url = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut url)
        .expect("emulator prints its URL");
    let (send, lines) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            if send.send(line.expect("stderr is text")).is_err() {
                break;
            }
        }
    });
    let mut notes: Vec<String> = Vec::new();
    // Up to the Console line, and the `--console` line after it when it asks for one.
    while !notes.last().is_some_and(|l| {
        (l.contains("Developer Console API") && !l.ends_with("add:")) || l.contains("--console ")
    }) {
        let line = lines
            .recv_timeout(DEADLINE)
            .unwrap_or_else(|_| panic!("the emulator stopped talking after: {notes:?}"));
        notes.push(line);
    }
    Announced {
        child,
        url: url.trim().to_string(),
        notes,
    }
}

/// The value the emulator's notes give a variable (`  NAME=VALUE`).
fn set_to(notes: &[String], name: &str) -> String {
    notes
        .iter()
        .find_map(|l| l.trim().strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name}= line in {notes:?}"))
        .to_string()
}

#[test]
fn the_emulator_says_what_to_set_for_token_and_secret() {
    // A .env without Console ids: the emulator serves the credential under stand-in ids and says
    // how to pass them; what it prints is enough to list and rotate offline.
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let emulator = announced_emulator(&p, &[]);
    let notes = &emulator.notes;
    for (_, secret) in secrets() {
        assert!(
            !notes.iter().any(|l| l.contains(&secret)),
            "a secret in the emulator's notes"
        );
    }
    let ims_url = set_to(notes, "ADOBE_IMS_URL");
    let console_url = set_to(notes, "ADOBE_CONSOLE_API_URL");
    assert_eq!(ims_url, emulator.url);
    assert_eq!(console_url, emulator.url);
    let page = notes
        .iter()
        .find_map(|l| l.trim().strip_prefix("--console "))
        .unwrap_or_else(|| panic!("no --console line in {notes:?}"))
        .to_string();
    let run = |args: &[&str]| {
        p.cmd()
            .args(args)
            .env("ADOBE_IMS_URL", &ims_url)
            .env("ADOBE_CONSOLE_API_URL", &console_url)
            .output()
            .expect("runs")
    };
    assert_exit(&run(&["token", "--no-cache"]), 0);
    let out = run(&["secret", "list", "--json", "--console", &page]);
    assert_exit(&out, 0);
    let listed = json(&out);
    assert!(
        notes.iter().any(|l| l.contains(&format!(
            "organization {}, credential {}",
            listed["console"]["org"].as_str().expect("org"),
            listed["console"]["credential"]
                .as_str()
                .expect("credential")
        ))),
        "the ids listed are the ids announced: {notes:?}"
    );
    let out = run(&["secret", "rotate", "--console", &page]);
    assert_exit(&out, 0);
    assert_no_secrets_on_stderr(&out);
    assert_eq!(emulator_secrets(&run, &page), 2, "the rotation added one");
    drop(emulator);

    // With the .env's own ids, the emulator names them and `secret` needs nothing more.
    let ims = Ims::start();
    let emulator = announced_emulator(&ims.project, &[]);
    let console = emulator
        .notes
        .iter()
        .find(|l| l.contains("Developer Console API"))
        .expect("a Console line");
    assert!(
        console.contains(&format!(
            "organization {CONSOLE_ORG}, credential {CONSOLE_CREDENTIAL}"
        )) && !console.contains("stand-in"),
        "{console}"
    );
    let out = ims
        .project
        .cmd()
        .args(["secret", "list"])
        .env("ADOBE_IMS_URL", set_to(&emulator.notes, "ADOBE_IMS_URL"))
        .env(
            "ADOBE_CONSOLE_API_URL",
            set_to(&emulator.notes, "ADOBE_CONSOLE_API_URL"),
        )
        .output()
        .expect("runs");
    assert_exit(&out, 0);
}

/// How many secrets `secret list` shows.
fn emulator_secrets(run: &dyn Fn(&[&str]) -> Output, page: &str) -> usize {
    let out = run(&["secret", "list", "--json", "--console", page]);
    assert_exit(&out, 0);
    json(&out)["secrets"].as_array().expect("secrets").len()
}
