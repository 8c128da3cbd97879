//! Logs in CI: every secret and token a run resolves is announced to the runner on stderr before
//! anything could print it (`::add-mask::` under GitHub Actions, `##vso[task.setsecret]` under Azure
//! Pipelines), stdout stays what it is outside CI, and `exec --mask` filters a child's output.

use std::process::Output;

use crate::common::*;

/// No 20-character run of `value` is in `text` (a half of a secret is a leak too). Says only where.
fn assert_no_run_of(text: &str, value: &str, what: &str) {
    let chars: Vec<char> = value.chars().collect();
    for start in 0..chars.len().saturating_sub(19) {
        let run: String = chars[start..start + 20].iter().collect();
        assert!(
            !text.contains(&run),
            "a 20-character run of {what} (from character {start}) is in the output"
        );
    }
}

/// The lines of stderr before the first that is not a mask line.
fn leading_masks(out: &Output) -> Vec<String> {
    let err = stderr(out);
    let lead: Vec<&str> = err
        .lines()
        .take_while(|l| l.starts_with("::add-mask::"))
        .collect();
    announced(&lead.join("\n"))
}

fn github(ims: &Ims) -> assert_cmd::Command {
    let mut cmd = ims.cmd();
    cmd.env("GITHUB_ACTIONS", "true");
    cmd
}

#[test]
fn under_github_actions_token_writes_the_token_alone_and_masks_it_first() {
    let ims = Ims::start();
    for quiet in [false, true] {
        let mut cmd = github(&ims);
        if quiet {
            cmd.arg("-q");
        }
        let out = cmd
            .args(["token", "--auth", "oauth", "--no-cache"])
            .output()
            .expect("runs");
        assert_exit(&out, 0);
        let token = stdout(&out);
        let token = token.strip_suffix('\n').expect("one line");
        assert!(
            !token.contains('\n') && token.starts_with("eyJ"),
            "stdout is exactly the token"
        );
        let err = stderr(&out);
        let masks = leading_masks(&out);
        assert!(
            masks.iter().any(|m| m == token),
            "the token is announced before anything else on stderr (-q: {quiet}): {} mask lines",
            masks.len()
        );
        assert!(masks.iter().any(|m| m == OAUTH_SECRET), "the secret too");
        assert_eq!(
            announced(&err).len(),
            masks.len(),
            "nothing but mask lines comes first"
        );
        let mut unique = masks.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), masks.len(), "each value once");
    }
    // Outside CI, stdout has the same shape and stderr no mask line.
    let out = ims.token(&["--auth", "oauth", "--no-cache"]);
    assert_exit(&out, 0);
    assert!(!stderr(&out).contains("::add-mask::"));
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn a_pem_key_is_announced_line_by_line_and_in_its_one_line_form() {
    let ims = Ims::start();
    let pem = &fixtures().pkcs8;
    // As a multi-line PEM in the environment.
    let out = github(&ims)
        .env("JWT_PRIVATE_KEY", pem)
        .args(["token", "--auth", "jwt", "--no-cache", "-v"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let masks = announced(&stderr(&out));
    let body: Vec<&str> = pem
        .lines()
        .filter(|l| !l.starts_with("-----") && l.len() >= 4)
        .collect();
    assert!(body.len() > 10, "a real PEM body");
    for line in &body {
        assert!(
            masks.iter().any(|m| m == line),
            "each PEM line is announced ({} of them)",
            body.len()
        );
    }
    assert!(
        !masks
            .iter()
            .any(|m| m.starts_with("-----") || m.contains('\n')),
        "never the armour, never a value with a line break"
    );
    assert!(masks.iter().any(|m| m == CLIENT_SECRET));
    // As the .env gives it: one line of base64, and the PEM inside it.
    let out = github(&ims)
        .args(["token", "--auth", "jwt", "--no-cache"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let masks = announced(&stderr(&out));
    assert!(masks.iter().any(|m| *m == b64(pem)), "the one-line form");
    assert!(masks.iter().any(|m| m == body[0]), "and its PEM lines");
    // The log with the masks applied holds no line of the key, nor the token.
    let token = stdout(&out);
    let shown = as_the_runner_shows(&format!("{}{pem}\n{token}", stderr(&out))).0;
    for line in &body {
        assert!(!shown.contains(line), "a PEM line shows after masking");
    }
    assert_no_run_of(&shown, token.trim(), "the token");
}

#[test]
fn an_encrypted_keys_passphrase_is_announced() {
    let ims = Ims::start();
    let out = github(&ims)
        .env("JWT_PRIVATE_KEY", b64(&fixtures().encrypted))
        .env("JWT_PRIVATE_KEY_PASSPHRASE", PASSPHRASE)
        .args(["token", "--auth", "jwt", "--no-cache"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(announced(&stderr(&out)).iter().any(|m| m == PASSPHRASE));
}

#[test]
fn under_azure_pipelines_the_same_values_are_set_secret() {
    let ims = Ims::start();
    let out = ims
        .cmd()
        .env("TF_BUILD", "True")
        .args(["token", "--auth", "oauth", "--no-cache"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let token = stdout(&out);
    let err = stderr(&out);
    let first: Vec<&str> = err
        .lines()
        .take_while(|l| l.starts_with("##vso[task.setsecret]"))
        .collect();
    assert_eq!(first.len(), err.lines().count(), "nothing else is written");
    assert!(
        first.contains(&format!("##vso[task.setsecret]{}", token.trim()).as_str()),
        "the token is set secret first"
    );
    assert!(first.contains(&format!("##vso[task.setsecret]{OAUTH_SECRET}").as_str()));
    assert!(!err.contains("::add-mask::"));
}

#[test]
fn every_command_that_reads_a_secret_announces_it_and_keeps_stdout_as_it_is() {
    let ims = Ims::start();
    let echo = format!("{}/api/echo", ims.emulator.url);
    // check-env, call and exec read the secret (call and exec get a token).
    let call = ["call", "--auth", "oauth", "--no-cache", echo.as_str()];
    let mut commands: Vec<&[&str]> = vec![
        &["check-env", "--auth", "oauth"],
        &["check-env", "--auth", "oauth", "--json"],
        &call,
    ];
    // (Windows has no echo program.)
    if cfg!(unix) {
        commands.push(&[
            "exec",
            "--auth",
            "oauth",
            "--no-cache",
            "--",
            "echo",
            "child",
        ]);
    }
    for args in commands {
        let out = github(&ims).args(args).output().expect("runs");
        assert_exit(&out, 0);
        let masks = leading_masks(&out);
        assert!(
            masks.iter().any(|m| m == OAUTH_SECRET),
            "{args:?} announces the secret first: {} mask lines of {}",
            masks.len(),
            announced(&stderr(&out)).len()
        );
        let plain = ims.cmd().args(args).output().expect("runs");
        if args[0] == "check-env" || args[0] == "exec" {
            assert!(
                stdout(&out) == stdout(&plain),
                "{args:?}: stdout is byte for byte what it is outside CI; it was (redacted):\n{}",
                redacted(&stdout(&out), &[])
            );
        }
        assert!(!stdout(&out).contains("add-mask"), "{args:?}");
    }
    // import: the project file's secret.
    let project =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    let text = std::fs::read_to_string(&project).expect("fixture");
    let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let imported = json["project"]["workspace"]["details"]["credentials"]
        .as_array()
        .expect("credentials")
        .iter()
        .find_map(|c| c["oauth_server_to_server"]["client_secrets"][0].as_str())
        .expect("the fixture's OAuth Server-to-Server secret")
        .to_string();
    let out = github(&ims)
        .args(["import"])
        .arg(&project)
        .args(["--env-file", "imported.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(leading_masks(&out).contains(&imported), "import");
    // secret rotate: the new secret, announced before it is written anywhere.
    let out = github(&ims)
        .args(["secret", "rotate", "--no-cache"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let env = ims.project.read(".env");
    let new = env
        .lines()
        .find_map(|l| l.strip_prefix("IMS_OAUTH_S2S_CLIENT_SECRET="))
        .expect("the new secret")
        .trim_matches('\'')
        .to_string();
    assert!(new != OAUTH_SECRET, "rotate made a new secret");
    assert!(
        announced(&stderr(&out)).contains(&new),
        "rotate announces the new secret"
    );
    assert!(
        !as_the_runner_shows(&stderr(&out)).0.contains(&new),
        "and no line shows it"
    );
    // keychain: the values it moves, and the file store's passphrase.
    let out = github(&ims)
        .env(
            "ADOBE_JWT_KEYCHAIN_PASSPHRASE",
            "a keychain passphrase for CI",
        )
        .args(["keychain", "add"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let masks = announced(&stderr(&out));
    assert!(
        masks.contains(&new),
        "keychain add announces the secret it moves"
    );
    assert!(masks.iter().any(|m| m == "a keychain passphrase for CI"));
    assert!(
        masks.iter().any(|m| m == CLIENT_SECRET),
        "the jwt secret too"
    );
}

/// A shell script that prints the token whole, then as two writes of its halves with a pause
/// between them and nothing else, then the secret on stderr, and exits 3.
#[cfg(unix)]
const PRINTS_THE_TOKEN: &str = r#"t="$ADOBE_ACCESS_TOKEN"; h=$((${#t} / 2))
printf '%s\n' "whole: $t"
printf 'halves: %s' "$(printf %s "$t" | cut -c1-$h)"
sleep 0.3
printf '%s\n' "$(printf %s "$t" | cut -c$((h + 1))-)"
printf 'binary: \000\377\001 end\n'
printf 'secret: %s\n' "$1" >&2
exit 3"#;

#[cfg(unix)]
#[test]
fn exec_mask_replaces_the_token_whole_and_split_across_two_writes() {
    let ims = Ims::start();
    let out = ims
        .cmd()
        .args(["exec", "--mask", "--auth", "oauth", "--no-cache", "--"])
        .args(["sh", "-c", PRINTS_THE_TOKEN, "sh", OAUTH_SECRET])
        .output()
        .expect("runs");
    assert_exit(&out, 3);
    let shown = stdout(&out);
    assert!(shown.contains("whole: ***\n"), "the whole token is masked");
    assert!(shown.contains("halves: ***\n"), "the split token is masked");
    assert!(
        out.stdout
            .windows(15)
            .any(|w| w == b"binary: \x00\xff\x01 end"),
        "binary output passes through"
    );
    assert!(
        stderr(&out).trim() == "secret: ***",
        "stderr is filtered too: {}",
        redacted(&stderr(&out), &[])
    );
    // The same token, unmasked, to know what must be absent: the child prints it with exec alone.
    let plain = ims
        .cmd()
        .args(["exec", "--auth", "oauth", "--"])
        .args(["sh", "-c", "printf %s \"$ADOBE_ACCESS_TOKEN\""])
        .output()
        .expect("runs");
    assert_exit(&plain, 0);
    let token = stdout(&plain);
    assert!(token.len() > 100, "a real token");
    // The masked run had a token of its own (--no-cache): check both.
    assert_no_run_of(&shown, &token, "a token");
    let masked_token_len = shown.len();
    assert!(
        masked_token_len < 200,
        "the masked output is short: no token in it"
    );
}

#[cfg(unix)]
#[test]
fn exec_mask_keeps_signals_stdin_and_the_terminal_habits_of_exec() {
    let ims = Ims::start();
    // stdin reaches CMD.
    let out = ims
        .cmd()
        .args(["exec", "--mask", "--auth", "oauth", "--", "cat"])
        .write_stdin("from stdin\n")
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "from stdin\n");
    // A signal that ends CMD ends the run the same way (a shell shows 128+N).
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" exec --mask --auth oauth -- sh -c 'kill -TERM $$'; echo \"status $?\"")
        .arg(assert_cmd::cargo::cargo_bin!("adobe-jwt"))
        .env_clear()
        .envs(
            ims.project
                .std_cmd()
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .current_dir(ims.project.dir.path())
        .output_bounded();
    assert_eq!(
        stdout(&status).trim(),
        "status 143",
        "{}",
        redacted(&stderr(&status), &[])
    );
    // A command that cannot start: 127, as exec says.
    let out = ims.run(&[
        "exec",
        "--mask",
        "--auth",
        "oauth",
        "--",
        "no-such-command-here",
    ]);
    assert_exit(&out, 127);
}

#[cfg(unix)]
#[test]
fn exec_mask_passes_a_sigterm_it_receives_on_to_cmd() {
    use std::io::Read;
    let ims = Ims::start();
    let mut child = ims
        .project
        .std_cmd()
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .args(["exec", "--mask", "--auth", "oauth", "--"])
        .args([
            "sh",
            "-c",
            "trap 'echo got TERM; exit 7' TERM; echo ready; while :; do sleep 0.05; done",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 6];
    out.read_exact(&mut first).expect("ready");
    assert_eq!(&first, b"ready\n");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(child.id()).expect("a pid")),
        nix::sys::signal::Signal::SIGTERM,
    )
    .expect("kill");
    let mut rest = String::new();
    out.read_to_string(&mut rest).expect("rest");
    let status = child.wait().expect("waits");
    assert_eq!(
        rest, "got TERM\n",
        "CMD got the SIGTERM and its output drained"
    );
    assert_eq!(status.code(), Some(7), "CMD's own exit code");
}

#[cfg(unix)]
#[test]
fn exec_mask_masks_a_key_from_the_keychain_on_a_cache_hit() {
    // A cache hit opens no keychain; --mask reads the credential's secrets anyway, to mask them.
    let ims = Ims::start();
    let pass = "a keychain passphrase for masking";
    let kc = |args: &[&str]| {
        ims.cmd()
            .env("ADOBE_JWT_KEYCHAIN_PASSPHRASE", pass)
            .args(args)
            .output()
            .expect("runs")
    };
    assert_exit(&kc(&["keychain", "add"]), 0);
    assert!(!ims.project.read(".env").contains(OAUTH_SECRET));
    assert_exit(&kc(&["token", "--auth", "oauth"]), 0);
    let out = kc(&[
        "exec",
        "--mask",
        "--auth",
        "oauth",
        "--",
        "sh",
        "-c",
        &format!("echo {OAUTH_SECRET}"),
    ]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out) == "***\n",
        "the secret is masked: {}",
        redacted(&stdout(&out), &[])
    );
}

#[cfg(unix)]
#[test]
fn exec_mask_ends_with_cmd_even_when_cmd_leaves_a_process_holding_its_output() {
    let ims = Ims::start();
    let started = std::time::Instant::now();
    let out = ims.run(&[
        "exec",
        "--mask",
        "--auth",
        "oauth",
        "--",
        "sh",
        "-c",
        "sleep 30 & echo started; exit 4",
    ]);
    assert_exit(&out, 4);
    assert_eq!(stdout(&out), "started\n");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "the run waited for the background process"
    );
}

#[test]
fn every_secret_of_an_aio_context_and_each_line_of_a_cr_split_value_is_announced() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "AIO_ims_contexts_ctx_client__id={OAUTH_CLIENT_ID}\n\
             AIO_ims_contexts_ctx_client__secrets=[\"p8e-FirstSecretOfTheContext01\",\"p8e-SecondSecretOfTheContext02\"]\n\
             AIO_ims_contexts_ctx_ims__org__id={ORG}\nAIO_ims_contexts_ctx_scopes=[\"openid\"]\n"
        ),
    );
    let out = p
        .jwt_cmd()
        .env("GITHUB_ACTIONS", "true")
        .arg("check-env")
        .output()
        .expect("runs");
    let masks = announced(&stderr(&out));
    for s in [
        "p8e-FirstSecretOfTheContext01",
        "p8e-SecondSecretOfTheContext02",
    ] {
        assert!(
            masks.iter().any(|m| m == s),
            "a secret of the context is announced ({} values are)",
            masks.len()
        );
    }
    // A lone CR ends a line for the runners: each part is announced, no part carries a CR.
    let out = p
        .jwt_cmd()
        .env("TF_BUILD", "True")
        .env(
            "IMS_OAUTH_S2S_CLIENT_SECRET",
            "p8e-BeforeTheCR\r##vso[task.prependpath]/tmp/evil",
        )
        .args(["check-env", "--auth", "oauth"])
        .output()
        .expect("runs");
    let err = stderr(&out);
    assert!(!err.contains('\r'), "no CR reaches the runner");
    assert!(err.contains("##vso[task.setsecret]p8e-BeforeTheCR\n"));
    assert!(
        !err.lines()
            .any(|l| l.starts_with("##vso[task.prependpath]"))
    );
}

#[test]
fn a_failing_exit_check_prints_no_value_a_run_announced() {
    let ims = Ims::start();
    for (ci, value) in [("GITHUB_ACTIONS", "true"), ("TF_BUILD", "True")] {
        let out = ims
            .cmd()
            .env(ci, value)
            .args(["token", "--auth", "oauth", "--no-cache"])
            .output()
            .expect("runs");
        assert_exit(&out, 0);
        let token = stdout(&out).trim().to_string();
        let err = stderr(&out);
        let values: Vec<String> = announced(&err)
            .into_iter()
            .chain(
                err.lines()
                    .filter_map(|l| l.strip_prefix("##vso[task.setsecret]"))
                    .map(str::to_string),
            )
            .collect();
        assert!(
            values.contains(&token) && values.iter().any(|v| v == OAUTH_SECRET),
            "{ci}: the run announced the token and the secret"
        );
        // What assert_exit says of a run that did not exit as expected.
        let failure = std::panic::catch_unwind(|| assert_exit(&out, 1)).expect_err("0 is not 1");
        let message = failure
            .downcast_ref::<String>()
            .expect("a formatted message");
        assert!(
            message.contains("expected exit 1"),
            "{ci}: the message says what failed"
        );
        for v in &values {
            assert!(
                !message.contains(v.as_str()),
                "{ci}: an announced value is in the failure message"
            );
        }
        assert_eq!(
            message
                .lines()
                .filter(|l| *l == "::add-mask::***" || *l == "##vso[task.setsecret]***")
                .count(),
            values.len(),
            "{ci}: each announcing line is still there, without its value"
        );
    }
}
