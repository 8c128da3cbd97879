//! The .env through the binary: read as App Builder's Node dotenv reads it, with skipped lines and
//! glued definitions reported, and edited without harm.

use std::fs;
use std::process::Output;

use crate::common::*;

fn run(cmd: &mut assert_cmd::Command) -> Output {
    cmd.output().expect("runs")
}

/// Exit code and stderr, for assertion messages (these tests' stderr holds no secret).
fn said(out: &Output) -> String {
    format!("exit {:?}: {}", out.status.code(), stderr(out))
}

fn checks(report: &serde_json::Value) -> String {
    report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["message"].as_str().unwrap_or_default().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn key_line<'a>(report: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    report["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["key"] == key)
        .expect("key reported")
}

fn oauth_env(secret_line: &str, scopes_line: &str) -> String {
    format!(
        "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\n{secret_line}\nIMS_OAUTH_S2S_ORG_ID={ORG}\n{scopes_line}\n"
    )
}

#[test]
fn a_dollar_in_a_secret_reaches_ims_as_written() {
    let p = Project::new();
    // The emulator's copy is single-quoted: literal for every reader, old and new.
    let secret = "p8e-ab$cd$HOME${X}";
    p.write(
        "emulator.env",
        &oauth_env(
            &format!("IMS_OAUTH_S2S_CLIENT_SECRET='{secret}'"),
            "IMS_OAUTH_S2S_SCOPES=openid",
        ),
    );
    p.write(
        ".env",
        &oauth_env(
            &format!("IMS_OAUTH_S2S_CLIENT_SECRET={secret}"),
            "IMS_OAUTH_S2S_SCOPES=openid",
        ),
    );
    let emulator = Emulator::start(&p, &["--env-file", "emulator.env"]);
    let out = run(p
        .cmd()
        .args(["token", "--no-cache"])
        .env("ADOBE_IMS_URL", &emulator.url)
        .env("X", "expanded"));
    assert_exit(&out, 0);
}

#[test]
fn nothing_from_the_environment_is_expanded_into_a_value() {
    let ims = Ims::start();
    let p = &ims.project;
    let key = b64(&fixtures().pkcs8);
    p.write(
        "expanding.env",
        &format!(
            "{}{}",
            jwt_env_text(&key).replace(
                &format!("JWT_METASCOPES={METASCOPES}"),
                "JWT_METASCOPES=${JWT_PRIVATE_KEY}"
            ),
            oauth_env(
                &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
                "IMS_OAUTH_S2S_SCOPES=openid,${IMS_OAUTH_S2S_CLIENT_SECRET}"
            )
        ),
    );
    // The secrets are in the environment too, as CI would have them.
    let with_secrets = |cmd: &mut assert_cmd::Command| {
        cmd.env("ADOBE_JWT_ENV_FILE", "expanding.env")
            .env("IMS_OAUTH_S2S_CLIENT_SECRET", OAUTH_SECRET)
            .env("JWT_PRIVATE_KEY", &key);
    };
    let mut check = ims.cmd();
    check.args(["check-env", "--json"]);
    with_secrets(&mut check);
    let out = run(&mut check);
    assert_no_secrets(&out);
    let report = json(&out);
    assert_eq!(
        key_line(&report, "IMS_OAUTH_S2S_SCOPES")["value"],
        format!("({} chars)", "openid,${IMS_OAUTH_S2S_CLIENT_SECRET}".len()),
        "a value not shaped like scopes is masked"
    );
    for (auth, expect) in [("oauth", 4), ("jwt", 4)] {
        let mut token = ims.cmd();
        token.args(["token", "--no-cache", "--auth", auth, "-vv"]);
        with_secrets(&mut token);
        let out = run(&mut token);
        assert_eq!(out.status.code(), Some(expect), "{auth}: {}", said(&out));
        assert!(
            stderr(&out).contains("invalid_scope"),
            "{auth}: {}",
            said(&out)
        );
        assert_no_secrets(&out);
    }
}

#[test]
fn nested_references_are_read_literally() {
    let p = Project::new();
    let mut text = oauth_env(
        &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
        "IMS_OAUTH_S2S_SCOPES=openid",
    );
    text.push_str("L0=0123456789abcdef\n");
    for i in 1..40 {
        text.push_str(&format!("L{i}=${{L{}}}${{L{}}}\n", i - 1, i - 1));
    }
    p.write(".env", &text);
    let out = run(p.cmd().args(["check-env"]));
    assert_exit(&out, 0);
}

#[test]
fn forms_node_accepts_are_read_as_app_builder_reads_them() {
    let ims = Ims::start();
    let p = &ims.project;
    // A Windows editor's file: BOM, CRLF; `export`, `KEY: value`, backticks, an inline comment,
    // and unquoted values with spaces.
    let text = format!(
        "\u{feff}# from the Console\r\nexport IMS_OAUTH_S2S_CLIENT_ID=`{OAUTH_CLIENT_ID}`\r\n\
IMS_OAUTH_S2S_CLIENT_SECRET: {OAUTH_SECRET}\r\nIMS_OAUTH_S2S_ORG_ID={ORG} # the org\r\n\
IMS_OAUTH_S2S_SCOPES=openid, AdobeID\r\n"
    );
    p.write("windows.env", &text);
    let out = run(ims
        .cmd()
        .args(["check-env", "--json", "--env-file", "windows.env"]));
    assert_exit(&out, 0);
    let report = json(&out);
    assert_eq!(
        key_line(&report, "IMS_OAUTH_S2S_CLIENT_ID")["value"],
        "9e8d…5c4b"
    );
    assert_eq!(key_line(&report, "IMS_OAUTH_S2S_CLIENT_ID")["status"], "ok");
    assert_eq!(
        key_line(&report, "IMS_OAUTH_S2S_CLIENT_SECRET")["source"],
        "windows.env:3"
    );
    assert_eq!(
        key_line(&report, "IMS_OAUTH_S2S_SCOPES")["value"],
        "openid,AdobeID"
    );
    let out = run(ims
        .cmd()
        .args(["token", "--no-cache", "--env-file", "windows.env"]));
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    // Metascopes with a space after the comma, for jwt.
    p.write(
        "jwt.env",
        &jwt_env_text(&b64(&fixtures().pkcs8)).replace(
            &format!("JWT_METASCOPES={METASCOPES}"),
            &format!("JWT_METASCOPES={METASCOPES}, {METASCOPES}"),
        ),
    );
    let out = run(ims
        .cmd()
        .args(["token", "--no-cache", "--env-file", "jwt.env"]));
    assert_exit(&out, 0);
}

#[test]
fn skipped_lines_are_reported_by_line_and_key_never_by_text() {
    let p = Project::new();
    let text = format!(
        "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_CLIENT_SECRET:{OAUTH_SECRET}\n\
{CLIENT_SECRET}\nIMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES=openid\n"
    );
    p.write(".env", &text);
    let out = run(p.cmd().args(["check-env", "--json"]));
    assert_eq!(
        out.status.code(),
        Some(3),
        "the secret line was skipped, so it is missing"
    );
    assert_no_secrets(&out);
    let messages = checks(&json(&out));
    assert!(
        messages
            .contains(".env: line 2 (IMS_OAUTH_S2S_CLIENT_SECRET) is not a KEY=value definition"),
        "{messages}"
    );
    assert!(
        messages.contains(".env: line 3 is not a KEY=value definition"),
        "{messages}"
    );
    let out = run(p.cmd().arg("check-env"));
    assert_no_secrets(&out);
    assert!(stdout(&out).contains("line 2 (IMS_OAUTH_S2S_CLIENT_SECRET)"));
}

#[test]
fn glued_definitions_are_an_error_naming_both_keys_and_nothing_of_the_value() {
    let ims = Ims::start();
    let p = &ims.project;
    let key = b64(&fixtures().pkcs8);
    // What `encode-key private.key >> .env` made of a file without a final newline.
    let text = jwt_env_text("").replace(
        &format!("JWT_METASCOPES={METASCOPES}\nJWT_PRIVATE_KEY=\n"),
        &format!("JWT_METASCOPES={METASCOPES}JWT_PRIVATE_KEY={key}\n"),
    );
    p.write("glued.env", &text);
    for args in [
        vec!["check-env", "--env-file", "glued.env"],
        vec!["check-env", "--json", "--env-file", "glued.env"],
        vec!["token", "--env-file", "glued.env"],
        vec!["token", "--env-file", "glued.env", "--auth", "jwt", "-vv"],
    ] {
        let out = run(ims.cmd().args(&args));
        assert_eq!(out.status.code(), Some(3), "{args:?}: {}", said(&out));
        assert_no_secrets(&out);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            all.contains("line 5: the value of JWT_METASCOPES runs into JWT_PRIVATE_KEY="),
            "{args:?}: {all}"
        );
        assert!(
            !all.contains(METASCOPES),
            "{args:?}: the glued value is shown"
        );
    }
}

#[test]
#[cfg_attr(
    not(target_os = "linux"),
    ignore = "only Linux lets encode-key read back the file its stdout appends to"
)]
fn encode_key_appended_to_a_file_without_a_final_newline_starts_a_line() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    let text = jwt_env_text("").replace("JWT_PRIVATE_KEY=\n", "");
    p.write(".env", text.trim_end());
    // `adobe-jwt encode-key private.key >> .env`: stdout opened for appending.
    let env = fs::OpenOptions::new()
        .append(true)
        .open(p.path(".env"))
        .expect("open");
    let status = p
        .std_cmd()
        .args(["encode-key", "private.key"])
        .stdout(env)
        .status_bounded();
    assert!(status.success());
    let written = p.read(".env");
    assert!(written.starts_with(text.trim_end()));
    assert!(written.contains(&format!("\nJWT_METASCOPES={METASCOPES}\nJWT_PRIVATE_KEY=")));
    let out = run(p.jwt_cmd().args(["check-env", "--auth", "jwt"]));
    assert_exit(&out, 0);
    // A file that does end with a newline gets no blank line.
    let env = fs::OpenOptions::new()
        .append(true)
        .open(p.path(".env"))
        .expect("open");
    let status = p
        .std_cmd()
        .args(["encode-key", "private.key", "--name", "OTHER"])
        .stdout(env)
        .status_bounded();
    assert!(status.success());
    assert!(!p.read(".env").contains("\n\n"));
}

#[test]
fn check_env_shows_a_value_in_the_clear_only_in_its_keys_shape() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_SECRET}/x+y\nIMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n\
IMS_OAUTH_S2S_ORG_ID=org {OAUTH_SECRET}@AdobeOrg\nIMS_OAUTH_S2S_SCOPES=openid,{OAUTH_SECRET}=\n"
        ),
    );
    let out = run(p.cmd().args(["check-env", "--json"]));
    assert_no_secrets(&out);
    let report = json(&out);
    for key in [
        "IMS_OAUTH_S2S_CLIENT_ID",
        "IMS_OAUTH_S2S_CLIENT_SECRET",
        "IMS_OAUTH_S2S_ORG_ID",
        "IMS_OAUTH_S2S_SCOPES",
    ] {
        let value = key_line(&report, key)["value"].as_str().unwrap_or_default();
        assert!(
            value.starts_with('(') && value.ends_with(" chars)"),
            "{key} shown as {value}"
        );
    }
}

#[test]
fn other_readers_are_warned_about_with_the_quoting_that_agrees() {
    let p = Project::new();
    p.write(
        "loose.env",
        &oauth_env(
            "IMS_OAUTH_S2S_CLIENT_SECRET=p8e-ab$cd",
            r#"IMS_OAUTH_S2S_SCOPES=["openid","AdobeID"]"#,
        ),
    );
    p.write(
        "quoted.env",
        &oauth_env(
            "IMS_OAUTH_S2S_CLIENT_SECRET='p8e-ab$cd'",
            r#"IMS_OAUTH_S2S_SCOPES='["openid","AdobeID"]'"#,
        ),
    );
    let out = run(p
        .cmd()
        .args(["check-env", "--json", "--env-file", "loose.env"]));
    assert!(out.status.success(), "warnings only: {}", said(&out));
    let messages = checks(&json(&out));
    assert!(
        messages.contains("loose.env:2: a shell `source`, docker compose or dotenvy would read IMS_OAUTH_S2S_CLIENT_SECRET differently from Node's dotenv (`$` expands there); write it as IMS_OAUTH_S2S_CLIENT_SECRET='…'"),
        "{messages}"
    );
    assert!(
        messages.contains("loose.env:4: a shell `source`, docker compose or dotenvy would read IMS_OAUTH_S2S_SCOPES differently"),
        "{messages}"
    );
    assert!(!messages.contains("p8e-ab"), "{messages}");
    let out = run(p
        .cmd()
        .args(["check-env", "--json", "--env-file", "quoted.env"]));
    assert_exit(&out, 0);
    assert_eq!(json(&out)["warnings"], 0, "{}", checks(&json(&out)));
    let strict = run(p
        .cmd()
        .args(["check-env", "--strict", "--env-file", "loose.env"]));
    assert_exit(&strict, 3);
}

#[test]
fn bytes_that_are_not_utf8_are_read_as_node_reads_them_and_reported() {
    let p = Project::new();
    let mut bytes = oauth_env(
        &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
        "IMS_OAUTH_S2S_SCOPES=openid",
    )
    .into_bytes();
    bytes.extend(b"NAME=caf\xe9\n");
    fs::write(p.path(".env"), bytes).expect("write");
    set_mode(&p.path(".env"), 0o600);
    let out = run(p.cmd().args(["check-env", "--json"]));
    assert_exit(&out, 0);
    assert!(
        checks(&json(&out)).contains(".env: line 5 holds bytes that are not UTF-8"),
        "{}",
        checks(&json(&out))
    );
}

#[test]
fn a_4_mib_env_of_duplicate_lines_is_read() {
    let p = Project::new();
    let line = format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\n");
    let mut text = oauth_env(
        &format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
        "IMS_OAUTH_S2S_SCOPES=openid",
    );
    text.push_str(&line.repeat((4 * 1024 * 1024 - text.len()) / line.len()));
    p.write(".env", &text);
    let out = run(p.cmd().args(["check-env", "--json"]));
    assert_exit(&out, 0);
    assert!(checks(&json(&out)).contains("IMS_OAUTH_S2S_CLIENT_ID is defined"));
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
    use std::path::Path;

    fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status_bounded();
        assert!(made.success());
    }

    /// Names in the project folder, for "nothing left behind".
    fn listing(p: &Project) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(p.dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_fifo_or_device_as_env_file_is_refused_at_once() {
        let p = Project::new();
        mkfifo(&p.path("fifo.env"));
        for (file, says) in [
            (
                "fifo.env",
                "the .env file fifo.env is a FIFO (named pipe), not a regular file",
            ),
            (
                "/dev/null",
                "the .env file /dev/null is a device or socket, not a regular file",
            ),
        ] {
            for command in ["check-env", "token"] {
                let out = run(p.cmd().args([command, "--env-file", file]));
                assert_eq!(
                    out.status.code(),
                    Some(3),
                    "{command} {file}: {}",
                    said(&out)
                );
                assert!(stderr(&out).contains(says), "{}", said(&out));
            }
        }
    }

    #[test]
    fn write_refuses_fifos_devices_and_directories_untouched() {
        let p = Project::new();
        p.write("private.key", &fixtures().pkcs8);
        mkfifo(&p.path("fifo.env"));
        std::os::unix::fs::symlink("/dev/null", p.path("null.env")).expect("symlink");
        fs::create_dir(p.path("dir.env")).expect("mkdir");
        let before = listing(&p);
        for (file, says) in [
            (
                "fifo.env",
                "fifo.env is a FIFO (named pipe), not a .env file; fifo.env was left unchanged",
            ),
            (
                "null.env",
                "null.env is a device or socket, not a .env file",
            ),
            ("dir.env", "dir.env is a directory, not a .env file"),
        ] {
            let out = run(p.cmd().args(["encode-key", "private.key", "--write", file]));
            assert_eq!(out.status.code(), Some(3), "{file}: {}", said(&out));
            assert!(stderr(&out).contains(says), "{file}: {}", said(&out));
        }
        assert_eq!(listing(&p), before);
        let null = fs::metadata("/dev/null").expect("stat");
        assert!(!null.is_file(), "/dev/null is still a device");
        let fifo = fs::symlink_metadata(p.path("fifo.env")).expect("stat");
        assert!(fifo.file_type().is_fifo(), "the FIFO is still a FIFO");
    }

    #[test]
    fn write_follows_a_symlink_to_a_regular_file() {
        let p = Project::new();
        p.write("private.key", &fixtures().pkcs8);
        p.write("real.env", "A=1\n");
        std::os::unix::fs::symlink("real.env", p.path(".env")).expect("symlink");
        let out = run(p.cmd().args(["encode-key", "private.key", "--write"]));
        assert_exit(&out, 0);
        assert!(
            fs::symlink_metadata(p.path(".env"))
                .expect("stat")
                .file_type()
                .is_symlink()
        );
        assert!(p.read("real.env").starts_with("A=1\nJWT_PRIVATE_KEY=LS0t"));
        #[cfg(unix)]
        assert_eq!(mode(&p.path("real.env")), 0o600);
    }

    #[test]
    fn write_keeps_every_other_byte_and_finds_definitions_as_the_reader_does() {
        let p = Project::new();
        p.write("private.key", &fixtures().pkcs8);
        let before = "\u{feff}# keys\r\nNOTE=\"see\r\nJWT_PRIVATE_KEY=inside a quoted value\r\n\"\r\n\
export JWT_PRIVATE_KEY=old # rotated\r\nA=1\r\nJWT_PRIVATE_KEY=older\r\nB=2";
        p.write(".env", before);
        set_mode(&p.path(".env"), 0o640);
        let out = run(p.cmd().args(["encode-key", "private.key", "--write"]));
        assert_exit(&out, 0);
        assert!(
            stderr(&out).contains("(replaced line 5, removed 1 other definition)"),
            "{}",
            said(&out)
        );
        let value = b64(&fixtures().pkcs8);
        let after = before
            .replace(
                "export JWT_PRIVATE_KEY=old #",
                &format!("export JWT_PRIVATE_KEY={value} #"),
            )
            .replace("JWT_PRIVATE_KEY=older\r\n", "");
        assert_eq!(p.read(".env"), after);
        assert_eq!(mode(&p.path(".env")), 0o640);
    }

    fn is_root() -> bool {
        fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
            || std::process::Command::new("id")
                .arg("-u")
                .output_bounded()
                .stdout
                == b"0\n"
    }

    #[test]
    #[ignore = "needs root to give the file another owner: .ci/run runs it (cargo test -- --ignored, as root)"]
    fn write_keeps_owner_and_group() {
        assert!(
            is_root(),
            "run as root: the test gives the .env another owner"
        );
        let p = Project::new();
        p.write("private.key", &fixtures().pkcs8);
        p.write(".env", "A=1\n");
        std::os::unix::fs::chown(p.path(".env"), Some(4321), Some(4322)).expect("chown");
        set_mode(&p.path(".env"), 0o660);
        let out = run(p.cmd().args(["encode-key", "private.key", "--write"]));
        assert_exit(&out, 0);
        let meta = fs::metadata(p.path(".env")).expect("stat");
        assert_eq!((meta.uid(), meta.gid()), (4321, 4322));
        assert_eq!(meta.permissions().mode() & 0o7777, 0o660);
        assert!(p.read(".env").contains("JWT_PRIVATE_KEY="));
    }

    /// The binary copied where an unprivileged user can run it, and a command running it as that user.
    fn as_nobody(p: &Project) -> std::process::Command {
        use std::os::unix::process::CommandExt;
        let bin = p.path("adobe-jwt");
        fs::copy(assert_cmd::cargo::cargo_bin!("adobe-jwt"), &bin).expect("copy");
        set_mode(&bin, 0o755);
        let mut nobody = std::process::Command::new(&bin);
        nobody
            .env_clear()
            .env("HOME", p.path("home"))
            .env("ADOBE_JWT_CACHE", "off")
            .current_dir(p.dir.path())
            .uid(65534)
            .gid(65534);
        nobody
    }

    #[test]
    #[ignore = "needs root to run the binary as another user: .ci/run runs it (cargo test -- --ignored, as root)"]
    fn write_refuses_a_file_the_user_cannot_write_even_in_a_writable_folder() {
        assert!(is_root(), "run as root: the test runs the binary as nobody");
        let p = Project::new();
        set_mode(p.dir.path(), 0o777);
        p.write("private.key", &fixtures().pkcs8);
        set_mode(&p.path("private.key"), 0o644);
        p.write(".env", "A=1\n");
        set_mode(&p.path(".env"), 0o644);
        let before = listing(&p);
        let out = as_nobody(&p)
            .args(["encode-key", "private.key", "--write"])
            .output_bounded();
        assert_eq!(out.status.code(), Some(3), "{}", said(&out));
        assert!(
            stderr(&out).contains(".env is not writable by you; .env was left unchanged"),
            "{}",
            said(&out)
        );
        assert_eq!(p.read(".env"), "A=1\n");
        let mut after = listing(&p);
        after.retain(|n| n != "adobe-jwt");
        assert_eq!(after, before);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let p = Project::new();
        p.write("private.key", &fixtures().pkcs8);
        p.write("old.env", "A=1\n");
        let before = listing(&p);
        for target in ["new.env", "old.env"] {
            // Files may grow to 512 bytes: the key's line cannot be written (EFBIG, not a signal).
            let out = p
                .std_cmd()
                .args(["encode-key", "private.key", "--write", target])
                .output_with_shell("trap '' XFSZ; ulimit -f 1; exec \"$0\" \"$@\"");
            assert_eq!(out.status.code(), Some(3), "{target}: {}", said(&out));
            assert!(
                stderr(&out).contains("was left unchanged"),
                "{}",
                said(&out)
            );
            assert_eq!(listing(&p), before, "{target}");
            assert_eq!(p.read("old.env"), "A=1\n");
        }
    }

    trait OutputWithShell {
        fn output_with_shell(&mut self, script: &str) -> Output;
    }

    impl OutputWithShell for std::process::Command {
        /// Run this command through `sh -c SCRIPT`, the program as `$0` and its arguments as `$@`.
        fn output_with_shell(&mut self, script: &str) -> Output {
            let mut sh = std::process::Command::new("sh");
            sh.arg("-c")
                .arg(script)
                .arg(self.get_program())
                .args(self.get_args())
                .env_clear()
                .envs(self.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))));
            if let Some(dir) = self.get_current_dir() {
                sh.current_dir(dir);
            }
            sh.output_bounded()
        }
    }
}
