//! When output is coloured and what -q silences, through the binary.

use crate::common::*;

const ESC: char = '\u{1b}';

#[test]
fn colour_follows_the_flag_and_the_environment() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = p.cmd();
        cmd.arg("check-env").args(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        stdout(&cmd.output().expect("runs"))
    };
    assert!(!run(&[], &[]).contains(ESC), "not a terminal: no colour");
    assert!(run(&["--color", "always"], &[]).contains(ESC));
    assert!(!run(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]).contains(ESC));
    assert!(run(&[], &[("CLICOLOR_FORCE", "1")]).contains(ESC));
    assert!(
        !run(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains(ESC),
        "NO_COLOR wins"
    );
    assert!(
        run(&["--color", "always"], &[("NO_COLOR", "1")]).contains(ESC),
        "the flag wins"
    );
}

#[test]
fn quiet_silences_warnings_and_hints_but_never_errors() {
    let p = Project::new();
    p.write("k.key", &fixtures().pkcs8);
    let note = p.run(&["encode-key", "k.key", "--write"]);
    assert!(stderr(&note).contains("wrote JWT_PRIVATE_KEY"));
    let quiet = p.run(&["-q", "encode-key", "k.key", "--write"]);
    assert_exit(&quiet, 0);
    assert!(stderr(&quiet).is_empty(), "-q: no summary");
    let failing = p.run(&["-q", "encode-key", "missing.key"]);
    assert_exit(&failing, 3);
    let err = stderr(&failing);
    assert!(
        err.contains("adobe-jwt: error:") && !err.contains("hint:"),
        "{err}"
    );
    let hinted = p.run(&["check-env", "--env-file", "missing.env"]);
    assert_eq!(
        stderr(&hinted).matches("adobe-jwt: error:").count(),
        1,
        "the error is printed once"
    );
}

#[test]
fn a_closed_stdout_ends_quietly_and_the_verdict_stands() {
    let p = Project::new();
    let run = |env: &str, json: bool| {
        p.write(".env", env);
        let mut child = p
            .std_cmd()
            .arg("check-env")
            .args(if json { vec!["--json"] } else { vec![] })
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        wait_bounded(child)
    };
    for json in [true, false] {
        let usable = run(&oauth_env_text(), json);
        assert_exit(&usable, 0);
        assert!(stderr(&usable).is_empty());
        // JWT credentials against Adobe's IMS today: not usable, whoever reads the report.
        let not_usable = run(&jwt_env_text(&b64(&fixtures().pkcs8)), json);
        assert_exit(&not_usable, 3);
        assert!(stderr(&not_usable).is_empty());
    }
}
