//! What a terminal sees: the binary runs with stderr on a real pseudo-terminal (stdout stays a pipe,
//! as in `adobe-jwt token | …`), so the spinner and colour rules meet an actual tty.

use std::fs::File;
use std::io::Read;
use std::process::{Command, Output, Stdio};
use std::thread;

use crate::common::*;
use nix::pty::{Winsize, openpty};
use serde_json::json;

const ESC: char = '\u{1b}';

/// Run `cmd` with stderr on a fresh 80×24 pty. Returns the output (stderr empty: it went to the
/// terminal) and everything the terminal received.
fn run_on_terminal(mut cmd: Command) -> (Output, String) {
    let size = Winsize {
        ws_row: 24,
        ws_col: 80,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let pty = openpty(Some(&size), None).expect("openpty");
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(pty.slave))
        .spawn()
        .expect("runs");
    // The command holds the only other handle of the terminal's slave side: drop it, so the
    // master reads end-of-file (EIO on Linux) once the child has exited.
    drop(cmd);
    let mut master = File::from(pty.master);
    let reader = thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 4096];
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&seen).into_owned()
    });
    let output = wait_bounded(child);
    (output, reader.join().expect("reader"))
}

/// `token` against an IMS that takes 700 ms to answer, stderr on a terminal.
fn slow_token(ims: &Ims, args: &[&str], env: &[(&str, &str)]) -> (Output, String) {
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "delay_ms": 700}));
    let mut cmd = ims.project.std_cmd();
    cmd.env("ADOBE_IMS_URL", &ims.emulator.url)
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied())
        .args(["token", "--no-cache"])
        .args(args);
    run_on_terminal(cmd)
}

/// The terminal got nothing secret: no key run, client secret or passphrase, and not the token.
fn assert_terminal_clean(terminal: &str, token: &str) {
    for (name, secret) in secrets() {
        assert!(!terminal.contains(&secret), "a {name} reached the terminal");
    }
    assert!(!token.is_empty(), "a token was printed");
    assert!(
        !terminal.contains(token),
        "the access token reached the terminal"
    );
    assert!(!terminal.contains("eyJ"), "a JWT reached the terminal");
}

#[test]
fn a_slow_ims_shows_a_spinner_on_the_terminal_and_clears_it() {
    let ims = Ims::start();
    let (out, terminal) = slow_token(&ims, &[], &[]);
    assert!(out.status.success(), "exit {:?}", out.status.code());
    let token = stdout(&out);
    assert_eq!(token.lines().count(), 1, "stdout holds the token alone");
    assert!(
        terminal.contains("requesting a token from IMS"),
        "the spinner's message was drawn: {terminal:?}"
    );
    assert!(
        terminal.matches("requesting a token from IMS").count() >= 2,
        "it turned (was redrawn) while IMS was slow: {terminal:?}"
    );
    assert!(
        terminal.trim_end().ends_with("\u{1b}[2K"),
        "the line was cleared at the end: {terminal:?}"
    );
    assert_terminal_clean(&terminal, token.trim());
}

#[test]
fn no_spinner_when_quiet_or_on_a_dumb_terminal() {
    let ims = Ims::start();
    for (args, env, case) in [
        (&["-q"][..], &[][..], "-q"),
        (&[][..], &[("TERM", "dumb")][..], "TERM=dumb"),
    ] {
        let (out, terminal) = slow_token(&ims, args, env);
        assert!(out.status.success(), "{case}: exit {:?}", out.status.code());
        assert_eq!(stdout(&out).lines().count(), 1, "{case}");
        assert!(
            terminal.is_empty(),
            "{case}: nothing drawn on the terminal: {terminal:?}"
        );
    }
}

#[test]
fn errors_are_coloured_on_a_terminal_unless_no_color() {
    let p = Project::new();
    let run = |env: &[(&str, &str)]| {
        let mut cmd = p.std_cmd();
        cmd.env("TERM", "xterm-256color")
            .envs(env.iter().copied())
            .args(["token", "--env-file", "missing.env"]);
        run_on_terminal(cmd)
    };
    let (out, terminal) = run(&[]);
    assert_exit(&out, 3);
    assert!(stdout(&out).is_empty());
    assert!(terminal.contains("missing.env"), "{terminal:?}");
    assert!(
        terminal.contains(ESC),
        "coloured on a terminal: {terminal:?}"
    );
    for env in [[("NO_COLOR", "1")], [("TERM", "dumb")]] {
        let (out, terminal) = run(&env);
        assert_exit(&out, 3);
        assert!(terminal.contains("adobe-jwt: error:"), "{terminal:?}");
        assert!(!terminal.contains(ESC), "{env:?}: plain text: {terminal:?}");
    }
}

/// Run `cmd` with stdin on a fresh pty on which `answer` is typed; stdout and stderr are pipes.
fn answer_on_terminal(mut cmd: Command, answer: &str) -> Output {
    use std::io::Write;
    let pty = openpty(None, None).expect("openpty");
    let child = cmd
        .stdin(Stdio::from(pty.slave))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(cmd);
    let mut master = File::from(pty.master);
    master.write_all(answer.as_bytes()).expect("typed");
    // The terminal echoes what was typed: drain it until the child has gone.
    let echo = thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while matches!(master.read(&mut buf), Ok(n) if n > 0) {}
    });
    let output = wait_bounded(child);
    echo.join().expect("echo");
    output
}

#[test]
fn a_declined_question_changes_nothing_and_exits_2() {
    const PASSPHRASE: &str = "a terminal test's keychain passphrase";
    let ims = Ims::start();
    let asked = |args: &[&str], answer: &str| {
        let mut cmd = ims.project.std_cmd();
        cmd.env("ADOBE_IMS_URL", &ims.emulator.url)
            .env("ADOBE_CONSOLE_API_URL", &ims.emulator.url)
            .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", PASSPHRASE)
            .args(args);
        answer_on_terminal(cmd, answer)
    };
    let listed = |what: &str, key: &str| -> usize {
        let out = asked(&[what, "list", "--json"], "");
        assert_exit(&out, 0);
        json(&out)[key].as_array().expect("a list").len()
    };

    // secret delete and secret prune: the old secret of a rotation stays.
    assert_exit(&asked(&["secret", "rotate"], ""), 0);
    let out = asked(&["secret", "list", "--json"], "");
    let old = json(&out)["secrets"]
        .as_array()
        .expect("secrets")
        .iter()
        .find(|s| s["in_use"] == false)
        .and_then(|s| s["uuid"].as_str())
        .expect("the old secret")
        .to_string();
    let out = asked(&["secret", "delete", &old], "n\n");
    assert_exit(&out, 2);
    assert_no_secrets(&out);
    assert!(stderr(&out).contains("[y/N]"), "{}", stderr(&out));
    thread::sleep(std::time::Duration::from_millis(1100));
    let out = asked(&["secret", "prune", "--idle", "1s"], "no\n");
    assert_exit(&out, 2);
    assert!(stderr(&out).contains(&old), "prune asked about it");
    assert_eq!(listed("secret", "secrets"), 2, "nothing was deleted");

    // keychain remove: the entry stays.
    assert_exit(&asked(&["keychain", "add"], ""), 0);
    let out = asked(&["keychain", "remove"], "n\n");
    assert_exit(&out, 2);
    assert_no_secrets(&out);
    assert!(stderr(&out).contains("[y/N]"), "{}", stderr(&out));
    assert_eq!(listed("keychain", "entries"), 1, "nothing was removed");
}
