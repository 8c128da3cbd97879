//! token, inspect and check-env --online through the binary, against the product's IMS emulator.

use crate::common::*;
use serde_json::json;

#[test]
fn jwt_token_alone_on_stdout_then_served_from_the_cache() {
    let ims = Ims::start();
    let first = ims.token(&["--auth", "jwt", "-vv"]);
    assert_exit(&first, 0);
    let token = stdout(&first);
    assert_eq!(token.lines().count(), 1);
    assert_eq!(jwt_payload(&token)["type"], "access_token");
    assert_eq!(jwt_payload(&token)["client_id"], CLIENT_ID);
    assert_token_only_on_stdout(&first);
    let second = ims.token(&["--auth", "jwt", "-vv"]);
    assert_eq!(stdout(&second), token, "the cached token is served");
    assert!(stderr(&second).contains("cache hit"));
    assert_token_only_on_stdout(&second);
    assert_eq!(ims.emulator.count(JWT_PATH), 1);
}

#[test]
fn oauth_is_chosen_when_both_kinds_are_complete_and_formats_are_exact() {
    let ims = Ims::start();
    let json_out = ims.token(&["--format", "json"]);
    assert_exit(&json_out, 0);
    let doc = json(&json_out);
    assert_eq!(doc["auth"], "oauth");
    assert_eq!(doc["client_id"], OAUTH_CLIENT_ID);
    assert_eq!(doc["org_id"], ORG);
    assert_eq!(doc["token_type"], "bearer");
    assert_eq!(doc["cached"], false);
    let left = doc["expires_in"].as_u64().expect("seconds left");
    assert!(
        (86_300..=86_399).contains(&left),
        "oauth expires_in read as seconds: {left}"
    );
    assert!(doc["expires_at"].as_str().expect("rfc3339").ends_with('Z'));
    let token = doc["access_token"].as_str().expect("token").to_string();
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);

    let header = ims.token(&["--format", "header"]);
    assert_eq!(stdout(&header), format!("Authorization: Bearer {token}\n"));
    let headers = ims.token(&["--format", "headers"]);
    assert_eq!(
        stdout(&headers),
        format!(
            "Authorization: Bearer {token}\nx-api-key: {OAUTH_CLIENT_ID}\nx-gw-ims-org-id: {ORG}\n"
        )
    );
    assert_eq!(json(&ims.token(&["--format", "json"]))["cached"], true);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);
}

#[test]
fn the_jwt_exchange_reads_expires_in_as_milliseconds() {
    let ims = Ims::start();
    let doc = json(&ims.token(&["--auth", "jwt", "--format", "json"]));
    let left = doc["expires_in"].as_u64().expect("seconds left");
    assert!(
        (86_300..=86_399).contains(&left),
        "jwt expires_in read as ms: {left}"
    );
}

#[test]
fn assertion_claims_follow_the_ims_url_and_metascope_forms() {
    let p = Project::new();
    p.write(
        ".env",
        &jwt_env_text(&b64(&fixtures().pkcs8)).replace(
            METASCOPES,
            "\"ent_analytics_bulk_ingest_sdk, https://ims-na1.adobelogin.com/s/ent_reactor_sdk\"",
        ),
    );
    let prod = p.run(&["token", "--print-jwt"]);
    assert_exit(&prod, 0);
    assert_eq!(stdout(&prod).trim().split('.').count(), 3);
    let claims = jwt_payload(&stdout(&prod));
    assert_eq!(
        claims["aud"],
        format!("https://ims-na1.adobelogin.com/c/{CLIENT_ID}")
    );
    assert_eq!(claims["iss"], ORG);
    assert_eq!(claims["sub"], TECH_ACCOUNT);
    assert_eq!(
        claims["https://ims-na1.adobelogin.com/s/ent_analytics_bulk_ingest_sdk"],
        true
    );
    assert_eq!(
        claims["https://ims-na1.adobelogin.com/s/ent_reactor_sdk"],
        true
    );
    let (exp, iat) = (
        claims["exp"].as_u64().expect("integer exp"),
        claims["iat"].as_u64().expect("integer iat"),
    );
    assert_eq!(exp - iat, 300, "default lifetime 5 min");
    let header = jwt_payload(&format!(
        "x.{}.x",
        stdout(&prod).split('.').next().expect("header")
    ));
    assert_eq!(header["alg"], "RS256");

    let stage = p.run(&["token", "--print-jwt", "--stage", "--jwt-lifetime", "30m"]);
    let claims = jwt_payload(&stdout(&stage));
    assert_eq!(
        claims["aud"],
        format!("https://ims-na1-stg1.adobelogin.com/c/{CLIENT_ID}")
    );
    assert_eq!(
        claims["https://ims-na1-stg1.adobelogin.com/s/ent_analytics_bulk_ingest_sdk"],
        true
    );
    assert_eq!(
        claims["https://ims-na1.adobelogin.com/s/ent_reactor_sdk"], true,
        "full URLs verbatim"
    );
    assert_eq!(
        claims["exp"].as_u64().unwrap_or(0) - claims["iat"].as_u64().unwrap_or(0),
        1800
    );
    let too_long = p.run(&["token", "--print-jwt", "--jwt-lifetime", "25h"]);
    assert_exit(&too_long, 2);
}

#[test]
fn ims_rejections_exit_4_with_a_hint() {
    let ims = Ims::start();
    type Case<'a> = (Vec<(&'a str, &'a str)>, &'a str, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("JWT_CLIENT_SECRET", "p8e-wrong")],
            "invalid_client",
            "client secret is wrong",
        ),
        (
            vec![("JWT_METASCOPES", "ent_not_granted_sdk")],
            "invalid_scope",
            "not added to the Developer Console project",
        ),
        (
            vec![("JWT_IMS_ORG", "0000000000000000@AdobeOrg")],
            "invalid_token",
            "clock",
        ),
    ];
    for (env, code, hint) in cases {
        let mut cmd = ims.cmd();
        cmd.args(["token", "--auth", "jwt", "-vv"]);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().expect("runs");
        assert_eq!(out.status.code(), Some(4), "{code}");
        assert!(stdout(&out).is_empty());
        let err = stderr(&out);
        assert!(
            err.contains(&format!("IMS rejected the credentials: {code}"))
                && err.contains("x-debug-id"),
            "{err}"
        );
        assert!(err.contains(hint), "{code}: {err}");
        assert_no_secrets(&out);
    }
    let out = ims
        .cmd()
        .args(["token", "--auth", "oauth"])
        .env("IMS_OAUTH_S2S_SCOPES", "openid,not_granted")
        .output()
        .expect("runs");
    assert_exit(&out, 4);
    assert!(stderr(&out).contains("invalid_scope"));
}

#[test]
fn a_key_that_does_not_match_the_console_certificate_is_invalid_signature() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    p.write("certificate_pub.crt", &fixtures().other_certificate);
    let emulator = Emulator::start(&p, &["--certificate", "certificate_pub.crt"]);
    let out = p
        .cmd()
        .args(["token", "-vv"])
        .env("ADOBE_IMS_URL", &emulator.url)
        .output()
        .expect("runs");
    assert_exit(&out, 4);
    let err = stderr(&out);
    assert!(
        err.contains("invalid_signature") && err.contains("does not match the certificate"),
        "{err}"
    );
    assert_no_secrets(&out);
}

#[test]
fn no_cache_refresh_forget_and_min_validity() {
    let ims = Ims::start();
    let a = stdout(&ims.token(&["--no-cache"]));
    let b = stdout(&ims.token(&["--no-cache"]));
    assert_ne!(a, b);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    assert!(
        !ims.project.path("home/.cache/adobe-jwt/tokens").exists(),
        "--no-cache writes nothing"
    );
    let cached = stdout(&ims.token(&[]));
    let refreshed = stdout(&ims.token(&["--refresh"]));
    assert_ne!(cached, refreshed);
    assert_eq!(
        stdout(&ims.token(&[])),
        refreshed,
        "--refresh stores the new token"
    );
    assert_eq!(ims.emulator.count(OAUTH_PATH), 4);
    let strict = ims.token(&["--min-validity", "25h"]);
    assert_exit(&strict, 0);
    assert!(
        stderr(&strict).contains("valid for only"),
        "{}",
        stderr(&strict)
    );
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        5,
        "a 24 h token does not satisfy 25 h"
    );
    let forget = ims.token(&["--forget"]);
    assert!(forget.status.success() && stderr(&forget).contains("forgot"));
    ims.token(&[]);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        6,
        "forgotten, so fetched again"
    );
}

#[test]
fn cache_files_are_private_and_corrupt_entries_are_replaced() {
    let ims = Ims::start();
    let first = stdout(&ims.token(&[]));
    let dir = ims.project.path("home/.cache/adobe-jwt/tokens");
    let file = std::fs::read_dir(&dir)
        .expect("cache dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a cache file");
    #[cfg(unix)]
    assert_eq!(mode(&file), 0o600);
    #[cfg(unix)]
    assert_eq!(mode(&dir), 0o700);
    std::fs::write(&file, "{not json").expect("corrupt it");
    let second = ims.token(&[]);
    assert_exit(&second, 0);
    assert_ne!(stdout(&second), first);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    assert_eq!(
        stdout(&ims.token(&[])),
        stdout(&second),
        "the replaced entry is served"
    );
}

#[test]
fn a_rotated_secret_misses_the_cache() {
    let ims = Ims::start();
    assert!(ims.token(&[]).status.success());
    let rotated = ims
        .cmd()
        .arg("token")
        .env("IMS_OAUTH_S2S_CLIENT_SECRET", "p8e-rotated-secret")
        .output()
        .expect("runs");
    assert_eq!(
        rotated.status.code(),
        Some(4),
        "IMS was asked (and refused the unknown secret)"
    );
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
}

#[test]
fn concurrent_runs_on_a_cold_cache_make_one_request() {
    let ims = Ims::start();
    // Slow the first answer so the other runs really wait on the lock.
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "delay_ms": 500}));
    let children: Vec<_> = (0..32)
        .map(|_| {
            let mut cmd = ims.project.std_cmd();
            cmd.env("ADOBE_IMS_URL", &ims.emulator.url)
                .arg("token")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let outputs: Vec<_> = children.into_iter().map(wait_bounded).collect();
    let tokens: std::collections::BTreeSet<String> = outputs.iter().map(stdout).collect();
    assert!(outputs.iter().all(|o| o.status.success()));
    assert_eq!(tokens.len(), 1, "all 32 got the same token");
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        1,
        "one IMS request between 16 runs"
    );
}

#[test]
fn retries_server_errors_and_429_then_succeeds() {
    let ims = Ims::start();
    ims.emulator.fault(json!([
        {"path": OAUTH_PATH, "status": 503, "retry_after": "1"},
        {"path": OAUTH_PATH, "status": 429, "retry_after": "0"},
    ]));
    let out = ims.token(&["-v"]);
    assert_exit(&out, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 3);
    assert!(stderr(&out).contains("retrying"));
    assert_token_only_on_stdout(&out);
}

#[test]
fn gives_up_after_three_attempts_and_never_retries_other_4xx() {
    let ims = Ims::start();
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "status": 500, "times": 3}));
    let out = ims.token(&[]);
    assert_exit(&out, 5);
    assert!(stdout(&out).is_empty());
    assert_eq!(ims.emulator.count(OAUTH_PATH), 3);
    ims.emulator.fault(json!({"path": OAUTH_PATH, "status": 400, "body": "{\"error\":\"bad_request\",\"error_description\":\"nope\"}"}));
    let out = ims.token(&[]);
    assert_exit(&out, 4);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 4, "no retry on 400");
    assert!(
        !ims.project
            .path("home/.cache/adobe-jwt/tokens")
            .read_dir()
            .is_ok_and(|mut d| d
                .any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")))),
        "cache untouched"
    );
}

#[test]
fn unexpected_answers_are_reported_with_status_and_body_start() {
    let ims = Ims::start();
    let cases = [
        (
            json!({"path": OAUTH_PATH, "status": 503, "times": 3, "content_type": "text/html", "body": "<html><body>Proxy says no</body></html>"}),
            "not JSON (text/html): <html><body>Proxy says no",
        ),
        (
            json!({"path": OAUTH_PATH, "status": 200, "body": "garbage"}),
            "HTTP 200",
        ),
        (
            json!({"path": OAUTH_PATH, "status": 200, "body": "{\"token_type\":\"bearer\"}"}),
            "without an access_token (fields: token_type)",
        ),
    ];
    for (fault, says) in cases {
        ims.emulator.fault(fault);
        let out = ims.token(&["--no-cache"]);
        assert_eq!(out.status.code(), Some(5), "{says}");
        assert!(stdout(&out).is_empty());
        assert!(stderr(&out).contains(says), "{says}: {}", stderr(&out));
    }
}

#[test]
fn timeouts_are_retried_like_connection_failures() {
    let ims = Ims::start();
    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "hang": true, "delay_ms": 3000}));
    let out = ims.token(&["--timeout", "1s"]);
    assert_exit(&out, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    ims.emulator.fault(json!({"path": OAUTH_PATH, "truncate": true, "delay_ms": 3000, "times": 3, "body": "{\"access_token\":\"abcdefghijklmnopqrstuvwxyz\",\"expires_in\":86399}"}));
    let out = ims.token(&["--timeout", "1s", "--no-cache"]);
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("timed out") || stderr(&out).contains("cut off"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn connection_refused_is_a_network_error_and_plain_http_elsewhere_is_refused() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let out = p.run(&["token", "--ims", &closed_port_url()]);
    assert_exit(&out, 5);
    assert!(
        stderr(&out).contains("after 3 attempts"),
        "{}",
        stderr(&out)
    );
    let out = p.run(&["token", "--ims", "http://ims.example.com"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("plain http"));
}

#[test]
fn auto_cache_falls_back_to_a_file_when_the_keyring_cannot_round_trip() {
    let ims = Ims::start();
    let service = format!("adobe-jwt-test-{}", std::process::id());
    let run = |args: &[&str]| {
        ims.cmd()
            .arg("token")
            .args(args)
            .env("ADOBE_JWT_CACHE", "auto")
            .env("ADOBE_JWT_KEYRING_SERVICE", &service)
            .output()
            .expect("runs")
    };
    let first = run(&["-vv"]);
    assert_exit(&first, 0);
    let second = run(&[]);
    assert_eq!(
        stdout(&first),
        stdout(&second),
        "served from whichever store auto chose"
    );
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);
    let file_store = ims.project.path("home/.cache/adobe-jwt/tokens");
    let fell_back = stderr(&first).contains("keyring unavailable");
    if fell_back {
        let files: Vec<_> = std::fs::read_dir(&file_store)
            .expect("file store")
            .filter_map(Result::ok)
            .collect();
        assert!(
            files
                .iter()
                .any(|e| e.path().extension().is_some_and(|x| x == "json"))
        );
    }
    assert!(
        run(&["--forget"]).status.success(),
        "clean up the entry, keyring or file"
    );
    run(&[]);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    assert!(run(&["--forget"]).status.success());
    let off = ims
        .cmd()
        .arg("token")
        .env("ADOBE_JWT_CACHE", "bogus")
        .output()
        .expect("runs");
    assert_exit(&off, 2);
}

#[test]
fn inspect_decodes_tokens_from_the_cache_an_argument_or_stdin() {
    let ims = Ims::start();
    let token = stdout(&ims.token(&["--auth", "jwt"]));
    let cached = ims.run(&["inspect", "--auth", "jwt", "--json"]);
    assert_exit(&cached, 0);
    let doc = json(&cached);
    assert_eq!(doc["type"], "access_token");
    assert_eq!(doc["client_id"], CLIENT_ID);
    assert_eq!(doc["user_id"], TECH_ACCOUNT);
    assert_eq!(doc["scope"], json!([METASCOPES]));
    assert_eq!(doc["expired"], false);
    assert!(doc["expires_in"].as_u64().unwrap_or(0) > 86_000);
    assert!(
        !stdout(&cached).contains(token.trim()),
        "inspect never prints the token"
    );
    let piped = ims
        .cmd()
        .args(["inspect", "-"])
        .write_stdin(token.clone())
        .output()
        .expect("runs");
    assert!(stdout(&piped).contains("time left") && stdout(&piped).contains(CLIENT_ID));
    let arg = ims.run(&["inspect", token.trim()]);
    // The same report, but the time left, which a slow machine (Wine) sees a second later.
    let steady = |out: &std::process::Output| -> String {
        stdout(out)
            .lines()
            .filter(|l| !l.starts_with("time left"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(steady(&arg), steady(&piped));
    let bad = ims.run(&["inspect", "p8e-not-a-token"]);
    assert_exit(&bad, 3);
    assert!(!stderr(&bad).contains("p8e-not-a-token"));
    let none = ims.run(&["inspect", "--auth", "oauth"]);
    assert_exit(&none, 3);
    assert!(stderr(&none).contains("no cached token"));
}

#[test]
fn check_env_online_reports_the_verdict_of_ims() {
    let ims = Ims::start();
    let good = ims.run(&["check-env", "--online", "--json"]);
    assert_eq!(good.status.code(), Some(0), "{}", stdout(&good));
    assert!(stdout(&good).contains("issued a token for the oauth credentials"));
    // With the Console ids set, the secret's age is checked too (one management token more).
    assert!(
        stdout(&good)
            .contains("the client secret in use was created just now (--max-secret-age 90d)"),
        "{}",
        stdout(&good)
    );
    let bad = ims
        .cmd()
        .args(["check-env", "--online", "--json", "--auth", "jwt"])
        .env("JWT_CLIENT_SECRET", "p8e-wrong")
        .output()
        .expect("runs");
    assert_exit(&bad, 4);
    assert!(stdout(&bad).contains("invalid_client"));
    assert_no_secrets(&bad);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH) + ims.emulator.count(JWT_PATH),
        3
    );
    assert!(
        !ims.project.path("home/.cache/adobe-jwt/tokens").exists(),
        "--online bypasses the cache"
    );
}

#[test]
fn no_secret_assertion_or_token_reaches_stderr_in_any_outcome() {
    let ims = Ims::start();
    let closed = closed_port_url();
    type Outcome<'a> = (Vec<&'a str>, Vec<(&'a str, String)>);
    let outcomes: Vec<Outcome> = vec![
        (vec!["--auth", "jwt"], vec![]),
        (vec!["--auth", "oauth", "--format", "json"], vec![]),
        (
            vec!["--auth", "jwt"],
            vec![("JWT_CLIENT_SECRET", "p8e-wrong".into())],
        ),
        (
            vec!["--auth", "jwt"],
            vec![("JWT_METASCOPES", "ent_nope".into())],
        ),
        (
            vec!["--auth", "oauth", "--timeout", "1s"],
            vec![("ADOBE_IMS_URL", closed.clone())],
        ),
        (
            vec!["--auth", "jwt"],
            vec![("JWT_PRIVATE_KEY", b64(&fixtures().small))],
        ),
        (vec!["--auth", "jwt", "--print-jwt"], vec![]),
    ];
    for (args, env) in &outcomes {
        for level in ["-vv", "-q"] {
            let mut cmd = ims.cmd();
            cmd.arg("token").arg(level).args(args).arg("--no-cache");
            for (k, v) in env {
                cmd.env(k, v);
            }
            let out = cmd.output().expect("runs");
            assert_token_only_on_stdout(&out);
        }
    }
}

#[test]
fn plain_http_never_goes_through_a_proxy() {
    let ims = Ims::start();
    let proxy = RecordingProxy::start();
    let out = ims
        .cmd()
        .args(["token", "--no-cache"])
        .env("HTTP_PROXY", &proxy.url)
        .env("http_proxy", &proxy.url)
        .env("HTTPS_PROXY", &proxy.url)
        .env("ALL_PROXY", &proxy.url)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1, "IMS was asked directly");
    assert!(proxy.seen().is_empty(), "the proxy saw {:?}", proxy.seen());
}

/// `-v` and `--forget` name the store the token was found, written or removed in (the file store
/// here), and `--forget` leaves nothing behind: no token, no lock file.
#[test]
fn the_store_used_is_named_and_forget_leaves_nothing_behind() {
    let ims = Ims::start();
    let tokens = ims.project.path("home/.cache/adobe-jwt/tokens");
    let entry = |ext: &str| {
        std::fs::read_dir(&tokens)
            .expect("the tokens folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == ext))
    };
    // The file as messages name it: the folder's path as the binary joins it (on Windows the
    // harness's folder has forward slashes in it), so the file name and its folder are compared.
    let names = |said: &str, path: &std::path::Path| {
        let file = path
            .file_name()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        said.contains(&format!("tokens{}{file})", std::path::MAIN_SEPARATOR))
    };
    let first = ims.token(&["-v"]);
    assert_exit(&first, 0);
    let stored = entry("json").expect("a cache file");
    assert!(entry("lock").is_some(), "the fetch ran under the lock");
    assert!(
        stderr(&first).contains("cached (in ") && names(&stderr(&first), &stored),
        "{}",
        stderr(&first)
    );
    let hit = ims.token(&["-v"]);
    assert!(
        stderr(&hit).contains("cache hit (in ") && names(&stderr(&hit), &stored),
        "{}",
        stderr(&hit)
    );
    let forget = ims.token(&["--forget"]);
    assert_exit(&forget, 0);
    assert!(
        stderr(&forget).contains("forgot cached token for oauth client"),
        "{}",
        stderr(&forget)
    );
    assert!(
        stderr(&forget).contains("(in ") && names(&stderr(&forget), &stored),
        "{}",
        stderr(&forget)
    );
    assert_eq!(
        std::fs::read_dir(&tokens).expect("folder").count(),
        0,
        "neither the token nor its lock file is left"
    );
    let again = ims.token(&["--forget"]);
    assert!(
        stderr(&again).contains("there was no cached token")
            && stderr(&again).contains("(looked in ")
            && names(&stderr(&again), &stored),
        "{}",
        stderr(&again)
    );
    assert_no_secrets(&forget);
}
