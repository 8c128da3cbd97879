//! Handing the token to other programs: `exec`, `token --format env`, `status`, and a `call` that
//! sends credentials only to Adobe's hosts.

use serde_json::Value;

use crate::common::*;

/// The secrets a CI job may hold in its environment, by name.
fn parent_secrets() -> Vec<(&'static str, String)> {
    vec![
        ("JWT_CLIENT_SECRET", CLIENT_SECRET.to_string()),
        ("JWT_PRIVATE_KEY", b64(&fixtures().pkcs8)),
        ("JWT_PRIVATE_KEY_PASSPHRASE", PASSPHRASE.to_string()),
        ("IMS_OAUTH_S2S_CLIENT_SECRET", OAUTH_SECRET.to_string()),
        (
            "ANALYTICS_JWT_CLIENT_SECRET",
            "p8e-profile-secret-value".to_string(),
        ),
        (
            "AIO_ims_contexts_Ctx_client__secrets",
            "[\"p8e-aio-secret-value\"]".to_string(),
        ),
        // aio reads `AIO_` in any case and the rest lower-cased: these are its secrets too.
        (
            "AIO_IMS_CONTEXTS_UPPER_CLIENT__SECRET",
            "p8e-aio-upper-secret".to_string(),
        ),
        (
            "aio_Ims_Contexts_mixed_private__key",
            "LS0tLS1aio-mixed-key".to_string(),
        ),
        (
            "AIO_ims_contexts_sa_passphrase",
            "aio-passphrase-value".to_string(),
        ),
    ]
}

/// A command that prints its environment, one `NAME=value` a line.
fn print_environment() -> Vec<&'static str> {
    if cfg!(windows) {
        vec!["cmd", "/c", "set"]
    } else {
        vec!["env"]
    }
}

/// The echo API accepts the token (it checks the bearer and x-api-key as Adobe's gateway does).
fn accepted_by_the_emulator(ims: &Ims, token: &str, client_id: &str) -> bool {
    crate::common::http_client()
        .get(format!("{}/api/echo", ims.emulator.url))
        .bearer_auth(token)
        .header("x-api-key", client_id)
        .send()
        .is_ok_and(|r| r.status().is_success())
}

fn variable<'a>(environment: &'a str, name: &str) -> Option<&'a str> {
    environment
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name}=")))
        .map(|v| v.trim_end_matches('\r'))
}

#[test]
fn exec_gives_the_child_a_token_and_none_of_the_secrets() {
    let ims = Ims::start();
    let mut cmd = ims.cmd();
    cmd.args(["exec", "--auth", "oauth", "--"])
        .args(print_environment());
    for (k, v) in parent_secrets() {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("runs");
    assert_exit(&out, 0);
    let environment = stdout(&out);
    let token = variable(&environment, "ADOBE_ACCESS_TOKEN").expect("the token is set");
    assert_eq!(
        variable(&environment, "ADOBE_CLIENT_ID"),
        Some(OAUTH_CLIENT_ID)
    );
    assert_eq!(variable(&environment, "ADOBE_ORG_ID"), Some(ORG));
    assert!(
        accepted_by_the_emulator(&ims, token, OAUTH_CLIENT_ID),
        "the token works"
    );
    for (name, value) in parent_secrets() {
        assert!(
            variable(&environment, name).is_none(),
            "{name} reached the child"
        );
        assert!(
            !environment.contains(&value),
            "the value of {name} reached the child"
        );
    }
    assert_no_secrets_on_stderr(&out);
    // From the cache, as token: the second run asks IMS nothing.
    let again = ims.run(&["exec", "--auth", "oauth", "--", print_environment()[0]]);
    assert_exit(&again, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);
}

#[test]
fn exec_passes_the_exit_status_on() {
    let ims = Ims::start();
    let status = |args: &[&str]| ims.run(&[&["exec", "--"], args].concat());
    if cfg!(windows) {
        assert_exit(&status(&["cmd", "/c", "exit 7"]), 7);
    } else {
        assert_exit(&status(&["sh", "-c", "exit 7"]), 7);
    }
    let missing = status(&["adobe-jwt-no-such-command"]);
    assert_exit(&missing, 127);
    assert!(stderr(&missing).contains("command not found"));
}

#[cfg(unix)]
#[test]
fn exec_reports_a_signal_as_a_shell_does() {
    use std::process::{Command, Output};
    let ims = Ims::start();
    // Through a shell, as users run it: the status the shell sees.
    let bin = assert_cmd::cargo::cargo_bin!("adobe-jwt");
    let isolated = ims.project.std_cmd();
    let out: Output = Command::new("sh")
        .arg("-c")
        .arg("\"$0\" exec -- sh -c 'kill -TERM $$'; echo \"status $?\"")
        .arg(bin)
        .env_clear()
        .envs(isolated.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .current_dir(ims.project.dir.path())
        .output_bounded();
    assert_eq!(stdout(&out).trim(), "status 143", "{}", stderr(&out));
    ims.project.write("not-executable.sh", "echo hi\n");
    set_mode(&ims.project.path("not-executable.sh"), 0o644);
    let not_executable = ims.run(&["exec", "--", "./not-executable.sh"]);
    assert_exit(&not_executable, 126);
}

#[test]
fn token_format_env_writes_lines_for_github_env() {
    let ims = Ims::start();
    let out = ims.token(&["--auth", "oauth", "--format", "env"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "four lines");
    let token = variable(&text, "ADOBE_ACCESS_TOKEN").expect("token line");
    assert_eq!(variable(&text, "ADOBE_CLIENT_ID"), Some(OAUTH_CLIENT_ID));
    assert_eq!(variable(&text, "ADOBE_ORG_ID"), Some(ORG));
    assert!(accepted_by_the_emulator(&ims, token, OAUTH_CLIENT_ID));
    // The real expiry, the same instant --format json gives for the same (cached) token.
    let expires_at = variable(&text, "ADOBE_ACCESS_TOKEN_EXPIRES_AT").expect("expiry line");
    let as_json = json(&ims.token(&["--auth", "oauth", "--format", "json"]));
    assert_eq!(
        as_json["access_token"], token,
        "the same token, from the cache"
    );
    assert_eq!(as_json["expires_at"], expires_at);
    let at = humantime::parse_rfc3339(expires_at).expect("RFC 3339");
    let left = at
        .duration_since(std::time::SystemTime::now())
        .expect("in the future")
        .as_secs();
    // The emulator's OAuth tokens live 24 hours (expires_in in seconds), as IMS's do.
    assert!(
        (86_340..=86_400).contains(&left),
        "about 24 hours left, not aio's 30 minutes: {left}s"
    );
}

#[test]
fn status_lists_every_set_offline_without_secrets() {
    let ims = Ims::start();
    let p = &ims.project;
    let aio = format!(
        "AIO_ims_contexts_Server_client__id={OAUTH_CLIENT_ID}\nAIO_ims_contexts_Server_client__secrets=[\"{OAUTH_SECRET}\"]\n\
AIO_ims_contexts_Server_scopes=[\"openid\"]\nAIO_ims_contexts_Server_ims__org__id={ORG}\n"
    );
    p.write(
        ".env",
        &format!(
            "{}ANALYTICS_JWT_CLIENT_ID={CLIENT_ID}\nCAMPAIGN_IMS_OAUTH_S2S_CLIENT_ID=x\n{aio}",
            oauth_env_text()
        ),
    );
    assert_exit(&ims.token(&["--auth", "oauth"]), 0);
    let before = ims.emulator.count(OAUTH_PATH);
    let out = ims.run(&["status", "--json"]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(!stdout(&out).contains("eyJ"), "no token");
    assert_eq!(ims.emulator.count(OAUTH_PATH), before, "no request");
    let status = json(&out);
    let sets = status["sets"].as_array().expect("sets");
    let set = |source: &str, name: &str| -> &Value {
        sets.iter()
            .find(|s| s["source"] == source && s["name"] == name)
            .unwrap_or_else(|| panic!("{source} {name} is listed: {status}"))
    };
    let keys = set("unprefixed", "");
    assert_eq!(keys["kind"], "oauth");
    assert_eq!(keys["complete"], true);
    assert!(keys["cached"]["expires_in"].as_u64().unwrap_or(0) > 3600);
    let analytics = set("profile", "analytics");
    assert_eq!(analytics["complete"], false);
    assert!(
        analytics["missing"]
            .to_string()
            .contains("ANALYTICS_JWT_PRIVATE_KEY")
    );
    assert_eq!(set("profile", "campaign")["kind"], "oauth");
    // aio reads context names lower-cased.
    let context = set("aio-context", "server");
    assert_eq!(context["complete"], true);
    assert_eq!(context["cached"], Value::Null);
    let human = ims.run(&["status"]);
    assert_exit(&human, 0);
    let text = stdout(&human);
    assert!(
        text.contains("unprefixed keys") && text.contains("complete, token cached"),
        "{text}"
    );
    assert!(
        text.contains("profile analytics") && text.contains("incomplete: missing"),
        "{text}"
    );
    assert!(text.contains("aio context server"), "{text}");
}

#[test]
fn call_sends_credentials_only_to_adobe_hosts() {
    let ims = Ims::start();
    assert_exit(&ims.token(&[]), 0);
    let proxy = RecordingProxy::start();
    let call = |args: &[&str]| {
        ims.cmd()
            .arg("call")
            .args(args)
            .args(["--timeout", "2s"])
            .env("HTTPS_PROXY", &proxy.url)
            .output()
            .expect("runs")
    };
    let refused = call(&["https://api.example.com/data?sig=x"]);
    assert_exit(&refused, 2);
    assert!(
        stderr(&refused).contains("api.example.com is not an Adobe API host")
            && stderr(&refused).contains("--allow-host api.example.com"),
        "{}",
        stderr(&refused)
    );
    assert!(
        proxy.seen().is_empty(),
        "no connection was made: {:?}",
        proxy.seen()
    );
    for lookalike in ["https://adobe.io.example.com/x", "https://notadobe.com/x"] {
        assert_exit(&call(&[lookalike]), 2);
    }
    assert!(proxy.seen().is_empty());
    // An Adobe host is contacted (the proxy sees the tunnel; it goes no further than this machine).
    let adobe = call(&["https://analytics.adobe.io/api/x"]);
    assert_exit(&adobe, 5);
    let seen = proxy.seen();
    assert!(!seen.is_empty(), "the Adobe host was contacted");
    assert!(
        seen.iter()
            .all(|l| l == "CONNECT analytics.adobe.io:443 HTTP/1.1"),
        "{seen:?}"
    );
    // And a host the user allows.
    let allowed = call(&[
        "https://api.example.com/x",
        "--allow-host",
        "api.example.com",
    ]);
    assert_exit(&allowed, 5);
    let now = proxy.seen();
    assert!(
        now.len() > seen.len()
            && now[seen.len()..]
                .iter()
                .all(|l| l == "CONNECT api.example.com:443 HTTP/1.1"),
        "{now:?}"
    );
}
