//! The keychain: secrets moved off disk and back, against real stores. The file store is age under
//! scrypt (opened by the real `age` CLI too); the OS store on Linux is a real Secret Service, GNOME
//! Keyring on a D-Bus session of the test's own, looked into with `secret-tool`.

use std::process::{Command, Output, Stdio};
#[cfg(unix)]
use std::time::Duration;
#[cfg(target_os = "linux")]
use std::time::Instant;

use crate::common::*;

const FILE_PASSPHRASE: &str = "tests' keychain passphrase";

/// The binary aimed at the emulator, the file store unlocked by the environment.
fn kc(ims: &Ims, args: &[&str]) -> Output {
    ims.cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(args)
        .output()
        .expect("runs")
}

/// The .env's text without the lines that define these names.
fn without(text: &str, names: &[&str]) -> String {
    text.split_inclusive('\n')
        .filter(|l| !names.iter().any(|n| l.starts_with(&format!("{n}="))))
        .collect()
}

#[test]
fn an_oauth_secret_moves_into_the_file_store_and_back() {
    let ims = Ims::start();
    let p = &ims.project;
    let before = p.read(".env");
    let out = kc(&ims, &["keychain", "add", "-vv"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let err = stderr(&out);
    assert!(
        err.contains("stored IMS_OAUTH_S2S_CLIENT_SECRET of oauth client")
            && err.contains("read it back")
            && err.contains("removed IMS_OAUTH_S2S_CLIENT_SECRET from .env"),
        "{err}"
    );
    let after = p.read(".env");
    assert!(
        !after.contains("IMS_OAUTH_S2S_CLIENT_SECRET"),
        "grep IMS_OAUTH_S2S_CLIENT_SECRET .env finds nothing"
    );
    assert_eq!(
        after,
        without(&before, &["IMS_OAUTH_S2S_CLIENT_SECRET"]),
        "every other line stays byte for byte"
    );
    let file = std::fs::read(p.path("home/keychain.age")).expect("the keychain file");
    assert!(file.starts_with(b"age-encryption.org/v1\n"), "an age file");
    assert!(
        !String::from_utf8_lossy(&file).contains(OAUTH_SECRET),
        "the secret is encrypted"
    );
    #[cfg(unix)]
    assert_eq!(mode(&p.path("home/keychain.age")), 0o600);

    // The loader reads it, and says where it is.
    let out = kc(&ims, &["check-env"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.contains("IMS_OAUTH_S2S_CLIENT_SECRET ") && l.contains("keychain (file)")),
        "{}",
        stdout(&out)
    );
    let out = kc(&ims, &["status"]);
    assert!(
        stdout(&out).contains("complete (secrets in the keychain (file))"),
        "{}",
        stdout(&out)
    );
    let out = kc(&ims, &["token"]);
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);

    // A cache hit never opens the store: -vv logs every read of it, and a hit logs none.
    let hit = kc(&ims, &["token", "-vv"]);
    assert_exit(&hit, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1, "served from the cache");
    let log = stderr(&hit);
    assert!(
        log.contains("cache hit") && !log.contains("from the keychain file"),
        "{log}"
    );
    // The cold run logged its read, so the test above can see one.
    let cold_log = stderr(&kc(&ims, &["token", "--no-cache", "-vv"]));
    assert!(cold_log.contains("from the keychain file"), "{cold_log}");
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    // Nor does a wrong passphrase matter to a hit.
    let hit = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", "not the passphrase")
        .arg("token")
        .output()
        .expect("runs");
    assert_exit(&hit, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2, "served from the cache");
    // Without the cache the store is read, and the wrong passphrase is named.
    let cold = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", "not the passphrase")
        .args(["token", "--no-cache"])
        .output()
        .expect("runs");
    assert_exit(&cold, 3);
    assert!(stderr(&cold).contains("passphrase"), "{}", stderr(&cold));

    // list: names, never a value.
    let out = kc(&ims, &["keychain", "list", "--json"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let doc = json(&out);
    assert_eq!(doc["store"], "file");
    assert_eq!(doc["entries"][0]["kind"], "oauth");
    assert_eq!(doc["entries"][0]["client_id"], OAUTH_CLIENT_ID);
    assert_eq!(
        doc["entries"][0]["secrets"],
        serde_json::json!(["IMS_OAUTH_S2S_CLIENT_SECRET"])
    );
    let out = kc(&ims, &["keychain", "list"]);
    assert_no_secrets(&out);
    assert!(stdout(&out).contains("1 entry"), "{}", stdout(&out));

    // restore: the same value back in the .env, the entry gone.
    let out = kc(&ims, &["keychain", "restore"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let restored = p.read(".env");
    assert!(
        restored.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n")),
        "the same value is back"
    );
    let out = kc(&ims, &["keychain", "list", "--json"]);
    assert_eq!(json(&out)["entries"], serde_json::json!([]));

    // Moved again, it is a new entry: the cache keys on the entry's stamp and misses.
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    assert_exit(&kc(&ims, &["token"]), 0);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        3,
        "a new entry is a cache miss"
    );
}

#[test]
fn jwt_secrets_and_an_encrypted_key_move_and_come_back() {
    let p = Project::new();
    let env = format!(
        "{}JWT_PRIVATE_KEY_PASSPHRASE='{PASSPHRASE}'\nLOG_LEVEL=debug\n",
        jwt_env_text(&b64(&fixtures().encrypted))
    );
    p.write(".env", &env);
    let emulator = Emulator::start(&p, &[]);
    let run = |args: &[&str]| {
        p.cmd()
            .env("ADOBE_IMS_URL", &emulator.url)
            .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["keychain", "add"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let after = p.read(".env");
    for name in [
        "JWT_CLIENT_SECRET",
        "JWT_PRIVATE_KEY",
        "JWT_PRIVATE_KEY_PASSPHRASE",
    ] {
        assert!(!after.contains(&format!("{name}=")), "{name} left the .env");
    }
    assert_eq!(
        after,
        without(
            &env,
            &[
                "JWT_CLIENT_SECRET",
                "JWT_PRIVATE_KEY",
                "JWT_PRIVATE_KEY_PASSPHRASE"
            ]
        )
    );
    let out = run(&["token", "--no-cache"]);
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    let out = run(&["check-env"]);
    assert_exit(&out, 0);
    let report = stdout(&out);
    for name in [
        "JWT_CLIENT_SECRET",
        "JWT_PRIVATE_KEY ",
        "JWT_PRIVATE_KEY_PASSPHRASE",
    ] {
        assert!(
            report
                .lines()
                .any(|l| l.contains(name) && l.contains("keychain (file)")),
            "{name} from the keychain: {report}"
        );
    }
    let out = run(&["keychain", "restore"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let back = p.read(".env");
    assert!(back.contains(&format!("JWT_CLIENT_SECRET={CLIENT_SECRET}\n")));
    assert!(back.contains(&format!("JWT_PRIVATE_KEY={}\n", b64(&fixtures().encrypted))));
    assert!(back.contains(&format!("JWT_PRIVATE_KEY_PASSPHRASE='{PASSPHRASE}'\n")));
    let out = run(&["token", "--no-cache"]);
    assert_exit(&out, 0);
}

#[test]
fn a_key_file_named_in_the_env_is_stored_by_its_bytes() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.write(".env", &jwt_env_text("@private.key"));
    let emulator = Emulator::start(&p, &[]);
    let run = |args: &[&str]| {
        p.cmd()
            .env("ADOBE_IMS_URL", &emulator.url)
            .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["keychain", "add"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("still holds the private key"),
        "{}",
        stderr(&out)
    );
    // The same key named again by its file agrees with the entry: no disagreement reported.
    let moved = p.read(".env");
    p.write(".env", &format!("{moved}JWT_PRIVATE_KEY=@private.key\n"));
    let out = run(&["check-env"]);
    assert_exit(&out, 0);
    assert!(
        !stdout(&out).contains("is not the value"),
        "{}",
        stdout(&out)
    );
    // Without the line and without the file, the keychain's copy is the key.
    p.write(".env", &moved);
    std::fs::remove_file(p.path("private.key")).expect("removed");
    assert_exit(&run(&["token", "--no-cache"]), 0);
}

#[test]
fn restore_writes_a_secret_the_environment_also_gives_before_the_entry_goes() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .env("IMS_OAUTH_S2S_CLIENT_SECRET", OAUTH_SECRET)
        .args(["keychain", "restore"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(
        ims.project
            .read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n")),
        "the .env has a copy: the shell variable is not the only one left"
    );
}

#[test]
fn a_write_with_the_cache_off_still_updates_what_hits_key_on() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    assert_exit(&kc(&ims, &["token", "--auth", "oauth"]), 0);
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .env("ADOBE_JWT_CACHE", "off")
        .args(["keychain", "remove", "--yes"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    // The secret is gone: no cached token of it is handed out.
    let out = kc(&ims, &["token", "--auth", "oauth"]);
    assert_exit(&out, 3);
}

#[test]
fn a_wrong_passphrase_or_a_broken_file_changes_nothing() {
    let ims = Ims::start();
    let p = &ims.project;
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    // The jwt secrets, with another passphrase: refused, the .env as it was.
    let before = p.read(".env");
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", "another passphrase")
        .args(["keychain", "add", "--auth", "jwt"])
        .output()
        .expect("runs");
    assert_exit(&out, 3);
    assert_no_secrets(&out);
    let err = stderr(&out);
    assert!(
        err.contains("passphrase") && err.contains("keychain.age"),
        "{err}"
    );
    assert!(err.contains("nothing was moved"), "{err}");
    assert_eq!(p.read(".env"), before, "the .env is untouched");
    // A file that is not age, and a folder in its place: named, exit 3, nothing changed.
    p.write("home/keychain.age", "not an age file\n");
    let out = kc(&ims, &["keychain", "add", "--auth", "jwt"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("keychain.age"), "{}", stderr(&out));
    assert_eq!(p.read(".env"), before);
    std::fs::remove_file(p.path("home/keychain.age")).expect("removed");
    std::fs::create_dir(p.path("home/keychain.age")).expect("a folder");
    let out = kc(&ims, &["keychain", "add", "--auth", "jwt"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("keychain.age"), "{}", stderr(&out));
    assert_eq!(p.read(".env"), before);
}

#[test]
fn concurrent_writers_lose_no_entry() {
    let shared = Project::new();
    let file = shared.path("keychain.age");
    let projects: Vec<(Project, String)> = (0..5)
        .map(|i| {
            let p = Project::new();
            let client = format!("{i:x}{}", &OAUTH_CLIENT_ID[1..]);
            p.write(".env", &oauth_env_text().replace(OAUTH_CLIENT_ID, &client));
            (p, client)
        })
        .collect();
    let children: Vec<_> = projects
        .iter()
        .map(|(p, _)| {
            p.std_cmd()
                .env("ADOBE_JWT_KEYCHAIN_FILE", &file)
                .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
                .args(["keychain", "add"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("runs")
        })
        .collect();
    for child in children {
        assert_exit(&wait_bounded(child), 0);
    }
    let out = projects[0]
        .0
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_FILE", &file)
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["keychain", "list", "--json"])
        .output()
        .expect("runs");
    let mut listed: Vec<String> = json(&out)["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| e["client_id"].as_str().expect("client id").to_string())
        .collect();
    listed.sort();
    let mut clients: Vec<String> = projects.iter().map(|(_, c)| c.clone()).collect();
    clients.sort();
    assert_eq!(listed, clients, "every writer's entry is there");
}

#[test]
fn remove_asks_and_says_when_it_held_the_only_copy() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    let out = kc(&ims, &["keychain", "remove"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    let out = kc(&ims, &["keychain", "remove", "--yes"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(
        stderr(&out).contains("held the only copy"),
        "{}",
        stderr(&out)
    );
    let out = kc(&ims, &["token", "--no-cache", "--auth", "oauth"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("IMS_OAUTH_S2S_CLIENT_SECRET"),
        "{}",
        stderr(&out)
    );
}

/// Linux: where the OS store is a Secret Service, which a session without D-Bus does not have.
#[cfg(target_os = "linux")]
#[test]
fn auto_without_a_secret_service_is_an_error_within_the_bound() {
    let ims = Ims::start();
    let before = ims.project.read(".env");
    // No session bus at all.
    let started = Instant::now();
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN", "auto")
        .args(["keychain", "add"])
        .output()
        .expect("runs");
    assert_exit(&out, 3);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(
        stderr(&out).contains("ADOBE_JWT_KEYCHAIN=file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.project.read(".env"), before, "the .env is untouched");
}

/// A bus that takes connections and never answers: a hung daemon.
#[cfg(target_os = "linux")]
#[test]
fn a_bus_that_never_answers_is_given_up_within_the_bound() {
    let ims = Ims::start();
    let before = ims.project.read(".env");
    let socket = ims.project.path("bus");
    let listener = std::os::unix::net::UnixListener::bind(&socket).expect("binds");
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for conn in listener.incoming().take(16) {
            open.push(conn);
        }
    });
    let started = Instant::now();
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN", "auto")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .args(["keychain", "add"])
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    let took = started.elapsed();
    assert_exit(&out, 3);
    // auto's proof has 2 s for its whole round trip; nothing waits past the 5 s bound.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(
        stderr(&out).contains("did not answer within 2s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.project.read(".env"), before);
    // The OS store as chosen (no proof): one operation's store calls share the 5 s bound.
    let started = Instant::now();
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN", "os")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", socket.display()),
        )
        .args(["keychain", "add"])
        .timeout(Duration::from_secs(30))
        .output()
        .expect("runs");
    let took = started.elapsed();
    assert_exit(&out, 3);
    assert!(took < Duration::from_secs(8), "took {took:?}");
    assert!(
        stderr(&out).contains("did not answer within 5s"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.project.read(".env"), before);
    drop(held);
}

#[cfg(unix)]
#[test]
fn exec_hands_the_credential_to_the_child_from_the_keychain() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    let out = kc(
        &ims,
        &[
            "exec",
            "--with-credentials",
            "--",
            "sh",
            "-c",
            "printf '%s|%s|%s|%s' \"$IMS_OAUTH_S2S_CLIENT_ID\" \"$IMS_OAUTH_S2S_CLIENT_SECRET\" \"$IMS_OAUTH_S2S_ORG_ID\" \"$IMS_OAUTH_S2S_SCOPES\"",
        ],
    );
    assert_exit(&out, 0);
    let expected = format!("{OAUTH_CLIENT_ID}|{OAUTH_SECRET}|{ORG}|{OAUTH_SCOPES}");
    assert!(
        stdout(&out) == expected,
        "the child gets the four IMS_OAUTH_S2S_* variables, scopes as a JSON array"
    );
    assert_no_secrets_on_stderr(&out);
    // Without the flag the child gets none of them.
    let out = kc(
        &ims,
        &[
            "exec",
            "--",
            "sh",
            "-c",
            "printf '%s' \"$IMS_OAUTH_S2S_CLIENT_SECRET\"",
        ],
    );
    assert_exit(&out, 0);
    assert!(
        stdout(&out).is_empty(),
        "no secret without --with-credentials"
    );
}

#[test]
fn rotate_writes_the_new_secret_into_the_keychain_entry() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    let before = ims.project.read(".env");
    let out = kc(&ims, &["secret", "rotate"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(
        stderr(&out).contains("stored the new secret in the keychain file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(ims.project.read(".env"), before, "the .env is not touched");
    let held = ims.emulator.secrets(OAUTH_CLIENT_ID);
    assert_eq!(held.len(), 2);
    // The token comes from the new one, and the entry knows its uuid: it is the one in use.
    assert_exit(&kc(&ims, &["token", "--no-cache"]), 0);
    let out = kc(&ims, &["secret", "list", "--json"]);
    assert_exit(&out, 0);
    let doc = json(&out);
    let in_use: Vec<&str> = doc["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .filter(|s| s["in_use"] == true)
        .map(|s| s["uuid"].as_str().expect("uuid"))
        .collect();
    assert_eq!(in_use.len(), 1, "one secret is known to be in use");
    // Restored, the .env has the new value (not the old one).
    assert_exit(&kc(&ims, &["keychain", "restore"]), 0);
    let text = ims.project.read(".env");
    let new = held
        .iter()
        .map(|(_, v)| v)
        .find(|v| v.as_str() != OAUTH_SECRET)
        .expect("a new secret");
    assert!(
        text.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={new}\n")),
        "the rotated secret came back"
    );
    assert!(text.contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET_UUID={}\n", in_use[0])));
}

/// A .env that cannot take the edit (a folder, a read-only file) is refused before the keychain
/// is touched: nothing is stored for a run that fails.
#[test]
fn import_into_the_keychain_stores_nothing_when_the_env_file_cannot_be_written() {
    let p = Project::new();
    let project =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    std::fs::create_dir(p.path("dir.env")).expect("folder");
    let out = p
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["import", "--keychain", "--env-file", "dir.env"])
        .arg(&project)
        .output()
        .expect("runs");
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("dir.env"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("stored"), "{}", stderr(&out));
    assert!(
        !p.path("home/keychain.age").exists(),
        "the keychain file was written"
    );
}

#[test]
fn import_and_encode_key_put_the_secrets_in_the_keychain() {
    let ims = Ims::start();
    let p = &ims.project;
    let project =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["import", "--keychain", "--env-file", "imported.env"])
        .arg(&project)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let text = p.read("imported.env");
    assert!(text.contains(&format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}")));
    assert!(!text.contains("CLIENT_SECRET"), "only the ids: {text}");
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["token", "--no-cache", "--env-file", "imported.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);

    // encode-key --keychain: the key under the .env's JWT client, no key line.
    p.write("private.key", &fixtures().pkcs8);
    p.write(
        "jwt.env",
        &without(&jwt_env_text("x"), &["JWT_PRIVATE_KEY"]),
    );
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args([
            "encode-key",
            "private.key",
            "--keychain",
            "--env-file",
            "jwt.env",
        ])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(stdout(&out).is_empty(), "nothing printed");
    assert!(!p.read("jwt.env").contains("JWT_PRIVATE_KEY"));
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args([
            "token",
            "--no-cache",
            "--env-file",
            "jwt.env",
            "--auth",
            "jwt",
        ])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
}

#[test]
#[cfg_attr(no_git, ignore = "needs git (apt-get install git)")]
fn check_env_warns_of_secrets_git_would_take_and_of_a_disagreement() {
    let ims = Ims::start();
    let p = &ims.project;
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(p.path(""))
            .env("GIT_CONFIG_GLOBAL", p.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("git runs")
            .success();
        assert!(ok, "git {args:?}");
    };
    let report = || {
        let out = kc(&ims, &["check-env"]);
        assert_no_secrets(&out);
        stdout(&out)
    };
    assert!(!report().contains("git"), "outside a work tree: no word");
    git(&["init", "-q"]);
    let r = report();
    assert!(
        r.contains(".env holds IMS_OAUTH_S2S_CLIENT_SECRET") && r.contains("is not ignored"),
        "{r}"
    );
    p.write(".gitignore", ".env\nhome/\n");
    assert!(!report().contains("git"), "ignored: no word");
    git(&["add", "-f", ".env"]);
    let r = report();
    assert!(r.contains("git tracks it"), "{r}");

    // The keychain holds another value for the client than the .env.
    let other = Project::new();
    other.write(
        ".env",
        &oauth_env_text().replace(OAUTH_SECRET, "p8e-AnotherSecretValue-0123456789abcdef"),
    );
    let file = p.path("home/keychain.age");
    let out = other
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_FILE", &file)
        .env("ADOBE_JWT_CACHE_DIR", p.path("home/.cache/adobe-jwt"))
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["keychain", "add"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let r = report();
    assert!(
        r.contains("IMS_OAUTH_S2S_CLIENT_SECRET (.env:")
            && r.contains("is not the value the keychain file"),
        "{r}"
    );
}

#[test]
fn the_manifest_report_knows_include_ims_credentials() {
    let ims = Ims::start();
    let p = &ims.project;
    p.write(
        "ext.config.yaml",
        "runtimeManifest:\n  packages:\n    app:\n      actions:\n        minted:\n          function: a.js\n          annotations:\n            include-ims-credentials: true\n        by-hand:\n          function: b.js\n          annotations:\n            include-ims-credentials: true\n          inputs:\n            IMS_OAUTH_S2S_CLIENT_SECRET: $IMS_OAUTH_S2S_CLIENT_SECRET\n",
    );
    let out = ims.run(&[
        "check-env",
        "--auth",
        "oauth",
        "--manifest",
        "ext.config.yaml",
    ]);
    assert_exit(&out, 0);
    let r = stdout(&out);
    assert!(
        r.contains("2 action(s) get the OAuth credential from include-ims-credentials"),
        "{r}"
    );
    assert!(
        r.contains(
            "action runtimeManifest.packages.app.actions.by-hand has include-ims-credentials"
        ) && r.contains("still maps IMS_OAUTH_S2S_CLIENT_SECRET by hand"),
        "{r}"
    );
    // JWT inputs mapped by hand, after Adobe ended them: the way across.
    p.write(
        "jwt.yaml",
        "runtimeManifest:\n  packages:\n    app:\n      actions:\n        old:\n          function: a.js\n          inputs:\n            JWT_CLIENT_ID: $JWT_CLIENT_ID\n",
    );
    let out = p
        .cmd()
        .args(["check-env", "--auth", "jwt", "--manifest", "jwt.yaml"])
        .env("ADOBE_JWT_TODAY", "2026-11-29")
        .output()
        .expect("runs");
    let r = stdout(&out);
    assert!(
        r.contains("annotate it `include-ims-credentials: true`")
            && r.contains("adobe-jwt exec --with-credentials -- aio app deploy"),
        "{r}"
    );
}

/// The test's own Secret Service: every command runs in a D-Bus session of its own
/// (`dbus-run-session`) with GNOME Keyring unlocked in it, on the project's private data folder, so
/// that what one command stores the next one finds, and nothing touches the user's keyring. The
/// daemon the bus starts for the session is stopped with it. Its output goes to files: a daemon the
/// bus started inherits the bus's stdio, and a pipe it held would never reach its end.
#[cfg(unix)]
fn in_secret_service(p: &Project, program: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let base = p.std_cmd();
    let mut cmd = Command::new("dbus-run-session");
    cmd.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let run = p.path("home/run");
    std::fs::create_dir_all(&run).expect("runtime folder");
    set_mode(&run, 0o700);
    let (out_path, err_path) = (p.path("session.out"), p.path("session.err"));
    let file = |path: &std::path::Path| std::fs::File::create(path).expect("output file");
    cmd.env("XDG_DATA_HOME", p.path("home/.local/share"))
        .env("XDG_RUNTIME_DIR", &run)
        .env("ADOBE_JWT_KEYCHAIN", "os")
        .envs(env.iter().copied())
        .current_dir(p.path(""))
        .stdin(Stdio::null())
        .stdout(file(&out_path))
        .stderr(file(&err_path))
        .args([
            "--",
            "sh",
            "-c",
            r#"printf 'keyring password' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
"$@"; rc=$?
pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null | awk '{print $2}')
[ -n "$pid" ] && kill "$pid" 2>/dev/null
exit $rc"#,
            "sh",
            program,
        ])
        .args(args);
    let child = cmd.spawn().expect("dbus-run-session runs");
    let status = wait_bounded(child).status;
    let read = |path: &std::path::Path| std::fs::read(path).expect("output");
    let stderr: Vec<u8> = String::from_utf8_lossy(&read(&err_path))
        .lines()
        .filter(|l| !l.starts_with("dbus-daemon["))
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    Output {
        status,
        stdout: read(&out_path),
        stderr,
    }
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    no_secret_service,
    ignore = "needs dbus-daemon, gnome-keyring-daemon and secret-tool (apt-get install gnome-keyring libsecret-tools dbus-x11)"
)]
fn the_os_store_is_a_real_secret_service() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let emulator = Emulator::start(&p, &[]);
    let bin = assert_cmd::cargo::cargo_bin!("adobe-jwt")
        .to_string_lossy()
        .into_owned();
    let run = |args: &[&str], keychain: &str| {
        in_secret_service(
            &p,
            &bin,
            args,
            &[
                ("ADOBE_IMS_URL", &emulator.url),
                ("ADOBE_JWT_KEYCHAIN", keychain),
            ],
        )
    };
    let account = format!("oauth:{OAUTH_CLIENT_ID}");
    let lookup = || {
        in_secret_service(
            &p,
            "secret-tool",
            &[
                "lookup",
                "service",
                "adobe-jwt-keychain",
                "username",
                &account,
            ],
            &[],
        )
    };
    // auto proves the store with a round trip, then stores.
    let out = run(&["keychain", "add"], "auto");
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let err = stderr(&out);
    assert!(err.contains("in the OS keychain (Secret Service)"), "{err}");
    assert!(!p.read(".env").contains("CLIENT_SECRET"));
    let found = lookup();
    assert_exit(&found, 0);
    assert!(
        stdout(&found).contains(OAUTH_SECRET),
        "secret-tool finds the stored secret"
    );
    let out = run(&["token", "--no-cache"], "os");
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    let out = run(&["check-env"], "os");
    assert!(stdout(&out).contains("keychain (os)"), "{}", stdout(&out));
    let out = run(&["keychain", "list"], "os");
    assert_no_secrets(&out);
    assert!(
        stdout(&out).contains("the OS keychain (Secret Service): 1 entry"),
        "{}",
        stdout(&out)
    );
    let out = run(&["keychain", "restore"], "os");
    assert_exit(&out, 0);
    assert!(
        p.read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n")),
        "the same value is back"
    );
    assert_eq!(
        lookup().status.code(),
        Some(1),
        "the entry is gone from the Secret Service"
    );
}

#[cfg(unix)]
#[test]
#[cfg_attr(
    no_age,
    ignore = "needs the age CLI and script (apt-get install age util-linux)"
)]
fn the_age_cli_opens_the_file_with_the_same_passphrase() {
    let ims = Ims::start();
    assert_exit(&kc(&ims, &["keychain", "add"]), 0);
    let file = ims.project.path("home/keychain.age");
    let plain = ims.project.path("opened.json");
    // age reads the passphrase from the terminal only: script gives it one.
    let mut child = Command::new("script")
        .args(["-qec"])
        .arg(format!(
            "age -d -o '{}' '{}'",
            plain.display(),
            file.display()
        ))
        .arg("/dev/null")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("script runs");
    std::thread::sleep(Duration::from_millis(500));
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{FILE_PASSPHRASE}").expect("typed");
        std::thread::sleep(Duration::from_millis(500));
    }
    let out = wait_bounded(child);
    assert_exit(&out, 0);
    let opened = std::fs::read_to_string(&plain).expect("age wrote the plaintext");
    let doc: serde_json::Value = serde_json::from_str(&opened).expect("JSON inside");
    let entry = doc["entries"][format!("oauth:{OAUTH_CLIENT_ID}")]
        .as_str()
        .expect("the entry");
    assert!(entry.contains(OAUTH_SECRET), "age finds the secret inside");
}

/// The Windows Credential Manager (under Wine in CI: its advapi32 keeps credentials in the prefix's
/// registry): an entry stored, found by the loader and restored.
#[cfg(windows)]
#[test]
fn the_os_store_is_the_windows_credential_manager() {
    let ims = Ims::start();
    let p = &ims.project;
    let service = format!("adobe-jwt-test-{}", std::process::id());
    let run = |args: &[&str]| {
        ims.cmd()
            .env("ADOBE_JWT_KEYCHAIN", "auto")
            .env("ADOBE_JWT_KEYCHAIN_SERVICE", &service)
            .args(args)
            .output()
            .expect("runs")
    };
    let out = run(&["keychain", "add"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(!p.read(".env").contains("IMS_OAUTH_S2S_CLIENT_SECRET"));
    let out = run(&["check-env"]);
    assert!(stdout(&out).contains("keychain (os)"), "{}", stdout(&out));
    assert_exit(&run(&["token", "--no-cache"]), 0);
    // restore removes the entry again.
    assert_exit(&run(&["keychain", "restore"]), 0);
    assert!(
        p.read(".env")
            .contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}")),
        "the same value is back"
    );
    let out = run(&["keychain", "list", "--json"]);
    assert_eq!(json(&out)["entries"], serde_json::json!([]));
}

#[test]
fn a_new_key_in_the_keychain_drops_the_old_keys_passphrase() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "{}JWT_PRIVATE_KEY_PASSPHRASE='{PASSPHRASE}'\n",
            jwt_env_text(&b64(&fixtures().encrypted))
        ),
    );
    let run = |args: &[&str]| {
        p.jwt_cmd()
            .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
            .args(args)
            .output()
            .expect("runs")
    };
    assert_exit(&run(&["keychain", "add"]), 0);
    let names = |out: &Output| json(out)["entries"][0]["secrets"].clone();
    assert_eq!(
        names(&run(&["keychain", "list", "--json"])),
        serde_json::json!([
            "JWT_CLIENT_SECRET",
            "JWT_PRIVATE_KEY",
            "JWT_PRIVATE_KEY_PASSPHRASE"
        ])
    );
    p.write("new.key", &fixtures().pkcs8);
    let out = run(&["encode-key", "new.key", "--keychain"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert_eq!(
        names(&run(&["keychain", "list", "--json"])),
        serde_json::json!(["JWT_CLIENT_SECRET", "JWT_PRIVATE_KEY"]),
        "the unencrypted key keeps no passphrase"
    );
    let out = run(&["check-env"]);
    assert_exit(&out, 0);
    assert!(!stdout(&out).contains("not encrypted"), "{}", stdout(&out));
}

#[test]
fn import_into_the_keychain_keeps_the_uuid_of_the_secret_in_use() {
    let ims = Ims::start();
    let p = &ims.project;
    // Two secrets, so that which one is in use is known only from the recorded uuid.
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    let (uuid, _) = ims
        .emulator
        .secrets(OAUTH_CLIENT_ID)
        .into_iter()
        .find(|(_, v)| v == OAUTH_SECRET)
        .expect("the suite's secret");
    p.write(
        "imported.env",
        &format!(
            "{}{}IMS_OAUTH_S2S_CLIENT_SECRET_UUID={uuid}\n",
            oauth_env_text(),
            console_ids_text()
        ),
    );
    let project =
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        .args(["import", "--keychain", "--env-file", "imported.env"])
        .arg(&project)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let text = p.read("imported.env");
    assert!(
        !text.contains("CLIENT_SECRET"),
        "secret and uuid left the .env"
    );
    let out = ims
        .cmd()
        .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", FILE_PASSPHRASE)
        // The project file's credential id is not the emulator's: the environment's wins.
        .env("IMS_OAUTH_S2S_CREDENTIAL_ID", CONSOLE_CREDENTIAL)
        .args(["secret", "list", "--json", "--env-file", "imported.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let doc = json(&out);
    let in_use: Vec<&str> = doc["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .filter(|s| s["in_use"] == true)
        .map(|s| s["uuid"].as_str().expect("uuid"))
        .collect();
    assert_eq!(
        in_use,
        vec![uuid.as_str()],
        "the entry knows the secret in use"
    );
}
