//! What people read, pinned whole with insta: the `--help` pages, the human reports, the errors
//! with their hints, and the demo's transcript. Only what changes from run to run is filtered
//! (the project folder, loopback ports, key fingerprints, instants, uuids, times left and elapsed),
//! so any change of wording, order or layout fails a snapshot; `cargo insta review` (or
//! `INSTA_UPDATE=always cargo test`) takes a change that was meant.
//!
//! Each snapshot's command and exit code are part of it: a report that starts exiting 0 where it
//! exited 3 fails as surely as a reworded line.

use std::process::Output;

use serde_json::json;

use crate::common::*;

/// The filters every snapshot gets, with the project folder named `[project]`.
fn filters(p: &Project) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("snapshots");
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    let root = p.dir.path().to_string_lossy().into_owned();
    s.add_filter(&regex::escape(&root), "[project]");
    // The demo's own throwaway folder.
    s.add_filter(r"[^ \n]*adobe-jwt-demo-[A-Za-z0-9]+", "[demo-dir]");
    // clap names the program as it was run: adobe-jwt.exe on Windows.
    s.add_filter(r"\badobe-jwt\.exe\b", "adobe-jwt");
    s.add_filter(r"127\.0\.0\.1:\d+", "127.0.0.1:[port]");
    s.add_filter(r"SHA256:[A-Za-z0-9+/=]+", "SHA256:[fingerprint]");
    s.add_filter(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)",
        "[instant]",
    );
    s.add_filter(
        r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        "[uuid]",
    );
    // The emulator's random x-debug-id.
    s.add_filter(r"\bemu-[0-9a-f]{16}\b", "emu-[debug-id]");
    // Elapsed times ("in 12.3 ms").
    s.add_filter(r"\b\d+(\.\d+)? ?(ms|µs)\b", "[elapsed]");
    s
}

/// [`filters`], plus times left and ages ("23h 59m 58s", "59m"): for reports, not for help pages,
/// whose defaults (`24h`, `90d`) are fixed words.
fn report_filters(p: &Project) -> insta::Settings {
    let mut s = filters(p);
    s.add_filter(r"\b\d+[dhms]( \d+[dhms])*\b", "[duration]");
    s
}

/// What a run printed, as one text: the command, its exit code, stdout, stderr.
fn transcript(args: &[&str], out: &Output) -> String {
    let mut text = format!(
        "$ adobe-jwt {}\nexit {}\n",
        args.join(" "),
        out.status
            .code()
            .map_or_else(|| "by signal".to_string(), |c| c.to_string())
    );
    let (so, se) = (stdout(out), stderr(out));
    if !so.is_empty() {
        text.push_str("--- stdout\n");
        text.push_str(&so);
        if !so.ends_with('\n') {
            text.push_str("\n[no newline at the end]\n");
        }
    }
    if !se.is_empty() {
        text.push_str("--- stderr\n");
        text.push_str(&se);
    }
    text
}

/// Run, check that no secret leaked, and pin the transcript under `name`.
fn pin(name: &str, settings: insta::Settings, args: &[&str], out: Output) {
    assert_no_secrets(&out);
    let text = transcript(args, &out);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// The binary in the project, uncoloured.
fn plain(p: &Project) -> assert_cmd::Command {
    let mut cmd = p.cmd();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn plain_ims(ims: &Ims) -> assert_cmd::Command {
    let mut cmd = ims.cmd();
    cmd.env("NO_COLOR", "1");
    cmd
}

fn run_plain(p: &Project, args: &[&str]) -> Output {
    plain(p).args(args).output().expect("runs")
}

// --- help pages --------------------------------------------------------------------------------

#[test]
fn help_pages() {
    let p = Project::new();
    let pages: &[&[&str]] = &[
        &["--help"],
        &["-h"],
        &["encode-key", "--help"],
        &["import", "--help"],
        &["check-env", "--help"],
        &["token", "--help"],
        &["call", "--help"],
        &["exec", "--help"],
        &["status", "--help"],
        &["secret", "--help"],
        &["secret", "list", "--help"],
        &["secret", "rotate", "--help"],
        &["secret", "delete", "--help"],
        &["secret", "prune", "--help"],
        &["keychain", "--help"],
        &["keychain", "add", "--help"],
        &["keychain", "list", "--help"],
        &["keychain", "remove", "--help"],
        &["keychain", "restore", "--help"],
        &["inspect", "--help"],
        &["completions", "--help"],
        &["demo", "--help"],
        &["ims-emulator", "--help"],
    ];
    for args in pages {
        let out = run_plain(&p, args);
        assert_exit(&out, 0);
        let name = format!("help_{}", args.join("_").trim_start_matches('-'));
        pin(&name, filters(&p), args, out);
    }
}

// --- reports -----------------------------------------------------------------------------------

#[test]
fn check_env_a_half_present_set_with_a_near_miss() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPE=openid\n"
        ),
    );
    let args = ["check-env"];
    pin(
        "check_env_near_miss",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn check_env_jwt_after_its_end_of_life() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.write("certificate_pub.crt", &fixtures().certificate);
    p.jwt_env("@private.key");
    let args = ["check-env", "--certificate", "certificate_pub.crt"];
    let out = plain(&p)
        .args(args)
        .env("ADOBE_JWT_TODAY", "2026-11-29")
        .output()
        .expect("runs");
    pin("check_env_jwt_ended", report_filters(&p), &args, out);
}

#[test]
fn check_env_a_manifest_that_misses_a_key() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    p.write(
        "ext.config.yaml",
        "runtimeManifest:\n  packages:\n    app:\n      actions:\n        generic:\n          function: a.js\n          inputs:\n            IMS_OAUTH_S2S_CLIENT_ID: $IMS_OAUTH_S2S_CLIENT_ID\n            IMS_OAUTH_S2S_ORG_ID: $IMS_OAUTH_S2S_ORG_ID\n            IMS_OAUTH_S2S_SCOPES: $IMS_OAUTH_S2S_SCOPES\n",
    );
    let args = ["check-env", "--manifest", "ext.config.yaml"];
    pin(
        "check_env_manifest_misses_a_key",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn check_env_usable_oauth_credentials() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let args = ["check-env"];
    pin(
        "check_env_usable_oauth",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn check_env_a_damaged_key_and_a_pasted_pem() {
    let p = Project::new();
    p.jwt_env("bm90IGEga2V5");
    let args = ["check-env", "--auth", "jwt"];
    pin(
        "check_env_damaged_key",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
    let pem = fixtures().pkcs8.clone();
    let first = pem.lines().next().expect("BEGIN line");
    p.write(
        ".env",
        &format!(
            "{}JWT_PRIVATE_KEY={first}\n{}\n",
            jwt_env_text("x").replace("JWT_PRIVATE_KEY=x\n", ""),
            pem.lines().skip(1).take(2).collect::<Vec<_>>().join("\n")
        ),
    );
    pin(
        "check_env_pasted_pem",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn check_env_json() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let args = ["check-env", "--json"];
    pin(
        "check_env_json",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn check_env_online_hygiene() {
    let ims = Ims::start();
    // An old secret in use beside a leftover second one.
    assert_exit(&ims.run(&["secret", "rotate"]), 0);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let args = ["check-env", "--online", "--max-secret-age", "1s"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin(
        "check_env_online_hygiene",
        report_filters(&ims.project),
        &args,
        out,
    );
}

#[test]
fn status_an_incomplete_set() {
    let p = Project::new();
    p.write(
        ".env",
        &format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_ORG_ID={ORG}\n"),
    );
    let args = ["status"];
    pin(
        "status_incomplete",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn status_sets_profiles_and_contexts_with_their_cached_tokens() {
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
    let args = ["status"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin(
        "status_profiles_and_contexts",
        report_filters(p),
        &args,
        out,
    );
}

#[test]
fn status_with_nothing_to_read() {
    let p = Project::new();
    let args = ["status"];
    pin(
        "status_nothing",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn secret_list_rotate_and_delete() {
    let ims = Ims::start();
    let p = &ims.project;
    let list = ["secret", "list"];
    let out = plain_ims(&ims).args(list).output().expect("runs");
    pin("secret_list_one", report_filters(p), &list, out);
    let rotate = ["secret", "rotate"];
    let out = plain_ims(&ims).args(rotate).output().expect("runs");
    pin("secret_rotate", report_filters(p), &rotate, out);
    // The live secret is refused by uuid.
    let live = p
        .read(".env")
        .lines()
        .find_map(|l| l.strip_prefix("IMS_OAUTH_S2S_CLIENT_SECRET_UUID="))
        .expect("rotate recorded the uuid")
        .to_string();
    let delete = ["secret", "delete", &live, "--yes"];
    let out = plain_ims(&ims).args(delete).output().expect("runs");
    pin("secret_delete_live", report_filters(p), &delete, out);
    // The old secret was last used before the rotation: idle for a second, it goes.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let prune = ["secret", "prune", "--idle", "1s", "--yes"];
    let out = plain_ims(&ims).args(prune).output().expect("runs");
    pin("secret_prune", report_filters(p), &prune, out);
}

#[test]
fn inspect_a_token() {
    let ims = Ims::start();
    assert_exit(&ims.token(&["--auth", "oauth"]), 0);
    let args = ["inspect", "--auth", "oauth"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin(
        "inspect_cached_token",
        report_filters(&ims.project),
        &args,
        out,
    );
}

#[test]
fn encode_key_write_and_import() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.write(".env", "# my project\n");
    let args = ["encode-key", "private.key", "--write"];
    pin(
        "encode_key_write",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
    let project =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/console/oauth.json");
    std::fs::copy(project, p.path("project.json")).expect("copy");
    let args = ["import", "project.json"];
    pin(
        "import_oauth_project",
        report_filters(&p),
        &args,
        run_plain(&p, &args),
    );
}

#[test]
fn token_verbose_log() {
    let ims = Ims::start();
    let args = ["token", "--auth", "oauth", "--no-cache", "-v"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    assert_exit(&out, 0);
    // The token itself is not pinned: only the log on stderr.
    let text = format!(
        "$ adobe-jwt {}\n--- stderr\n{}",
        args.join(" "),
        stderr(&out)
    );
    assert_no_secrets(&out);
    report_filters(&ims.project).bind(|| insta::assert_snapshot!("token_verbose_log", text));
}

// --- errors with hints -------------------------------------------------------------------------

#[test]
fn errors_about_the_env_file_and_the_keys() {
    let p = Project::new();
    let cases: &[(&str, &[&str])] = &[
        ("error_no_env_file", &["token"]),
        (
            "error_env_file_missing",
            &["token", "--env-file", "prod.env"],
        ),
        (
            "error_unknown_profile",
            &["token", "--profile", "analytics"],
        ),
    ];
    for (name, args) in cases {
        pin(name, filters(&p), args, run_plain(&p, args));
    }
    p.write(
        ".env",
        &oauth_env_text().replace("IMS_OAUTH_S2S_SCOPES", "IMS_OAUTH_S2S_SCOPE"),
    );
    let args = ["token"];
    pin(
        "error_incomplete_with_near_miss",
        filters(&p),
        &args,
        run_plain(&p, &args),
    );
    p.write(
        ".env",
        &format!(
            "{}JWT_PRIVATE_KEY=./private.key\n",
            jwt_env_text("x").replace("JWT_PRIVATE_KEY=x\n", "")
        ),
    );
    let args = ["token", "--auth", "jwt", "--print-jwt"];
    let out = plain(&p)
        .args(args)
        .env("ADOBE_IMS_URL", STAND_IN_IMS)
        .output()
        .expect("runs");
    pin("error_key_given_as_a_path", filters(&p), &args, out);
}

#[test]
fn errors_about_settings() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let cases: &[(&str, &[&str])] = &[
        (
            "error_ims_url_not_https",
            &["token", "--ims", "http://ims.example.com"],
        ),
        (
            "error_duration_too_long",
            &["token", "--max-time", "500000000000y"],
        ),
        (
            "error_call_curl_spelling",
            &["call", "-X", "POST", "https://analytics.adobe.io/api"],
        ),
        ("error_exec_without_dashes", &["exec", "npm", "test"]),
        ("error_unknown_command", &["tokn"]),
    ];
    for (name, args) in cases {
        pin(name, filters(&p), args, run_plain(&p, args));
    }
    let args = ["token"];
    let out = plain(&p)
        .args(args)
        .env("ADOBE_JWT_CACHE", "sometimes")
        .output()
        .expect("runs");
    pin("error_cache_setting", filters(&p), &args, out);
}

#[test]
fn errors_from_ims_and_apis() {
    let ims = Ims::start();
    let p = &ims.project;
    ims.emulator.fault(json!({"path": OAUTH_PATH, "status": 400,
        "body": "{\"error\":\"invalid_client\",\"error_description\":\"invalid client_id parameter\"}"}));
    let args = ["token", "--auth", "oauth", "--no-cache"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin("error_ims_invalid_client", filters(p), &args, out);

    ims.emulator
        .fault(json!({"path": OAUTH_PATH, "status": 503, "retry_after": "1"}));
    let args = ["token", "--auth", "oauth", "--no-cache", "--max-time", "1s"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin("error_ims_busy_past_the_deadline", filters(p), &args, out);

    let url = format!("{}/api/status/403", ims.emulator.url);
    let args = ["call", "--auth", "oauth", &url];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin("error_api_forbidden", filters(p), &args, out);

    let args = ["call", "https://evil.example.com/x"];
    let out = plain_ims(&ims).args(args).output().expect("runs");
    pin("error_call_host_not_allowed", filters(p), &args, out);
}

#[test]
fn errors_of_jwt_after_its_end() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    let args = ["token", "--auth", "jwt"];
    let out = plain(&p)
        .args(args)
        .env("ADOBE_JWT_TODAY", "2026-11-29")
        .output()
        .expect("runs");
    pin("error_jwt_ended", filters(&p), &args, out);
}

#[test]
fn errors_of_inspect() {
    let p = Project::new();
    for (name, token) in [
        ("error_inspect_not_a_token", "hello"),
        (
            "error_inspect_payload_not_json",
            "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln",
        ),
    ] {
        let args = ["inspect", token];
        pin(name, filters(&p), &args, run_plain(&p, &args));
    }
}

// --- the demo ----------------------------------------------------------------------------------

#[test]
fn demo_transcript() {
    let p = Project::new();
    let args = ["demo"];
    let out = run_plain(&p, &args);
    assert_exit(&out, 0);
    pin("demo", report_filters(&p), &args, out);
}
