//! check-env and the shared config loader, through the binary.

use crate::common::*;
use serde_json::Value;

fn key_line<'a>(report: &'a Value, key: &str) -> &'a Value {
    report["keys"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["key"] == key))
        .unwrap_or_else(|| panic!("no line for {key}"))
}

fn messages(report: &Value) -> String {
    report["checks"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|c| c["message"].as_str().unwrap_or("").to_string())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default()
}

#[test]
fn every_key_form_is_recognised_and_reported() {
    let f = fixtures();
    let pem = &f.pkcs8;
    let wrapped: String = b64(pem)
        .as_bytes()
        .chunks(76)
        .map(|c| format!("{}\n", std::str::from_utf8(c).expect("ascii")))
        .collect();
    let certutil = format!(
        "-----BEGIN CERTIFICATE-----\r\n{}-----END CERTIFICATE-----",
        wrapped.replace('\n', "\r\n")
    );
    let cases = [
        (b64(pem), "base64 of PKCS#8 RSA 2048-bit"),
        (
            format!("\"{wrapped}\""),
            "wrapped base64 of PKCS#8 RSA 2048-bit",
        ),
        (
            format!("\"{certutil}\""),
            "certutil base64 of PKCS#8 RSA 2048-bit",
        ),
        (
            format!("\"{}\"", pem.trim_end().replace('\n', "\\n")),
            "PEM of PKCS#8 RSA 2048-bit",
        ),
        (
            format!("'{}'", pem.trim_end().replace('\n', "\\n")),
            "PEM with \\n escapes of PKCS#8 RSA 2048-bit",
        ),
        (format!("\"{pem}\""), "PEM of PKCS#8 RSA 2048-bit"),
        (b64(&f.pkcs1), "base64 of PKCS#1 RSA 2048-bit"),
        (
            "@keys/private.key".into(),
            "file keys/private.key: PEM of PKCS#8 RSA 2048-bit",
        ),
    ];
    for (value, detail) in cases {
        let p = Project::new();
        std::fs::create_dir(p.path("keys")).expect("mkdir");
        p.write("keys/private.key", pem);
        p.jwt_env(&value);
        let out = p.jwt_run(&["check-env", "--json"]);
        let report = json(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{detail}: {}",
            messages(&report)
        );
        assert_eq!(key_line(&report, "JWT_PRIVATE_KEY")["detail"], detail);
        assert!(
            key_line(&report, "JWT_PRIVATE_KEY")["value"]
                .as_str()
                .unwrap_or("")
                .starts_with("SHA256:")
        );
        assert_no_secrets(&out);
    }
}

#[test]
fn an_encrypted_key_needs_its_passphrase() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "{}JWT_PRIVATE_KEY_PASSPHRASE=\"{PASSPHRASE}\"\n",
            jwt_env_text(&b64(&fixtures().encrypted))
        ),
    );
    let out = p.jwt_run(&["check-env", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(
        key_line(&json(&out), "JWT_PRIVATE_KEY")["detail"],
        "base64 of encrypted PKCS#8 RSA 2048-bit"
    );
    assert_no_secrets(&out);
    let wrong = p
        .jwt_cmd()
        .args(["check-env"])
        .env("JWT_PRIVATE_KEY_PASSPHRASE", "nope")
        .output()
        .expect("runs");
    assert_exit(&wrong, 3);
    assert!(stdout(&wrong).contains("wrong passphrase"));
    assert_no_secrets(&wrong);
}

#[test]
fn a_good_env_reads_as_usable_text_with_masked_values() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    // Before JWT credentials ended at Adobe: usable, with the days left.
    let out = p
        .cmd()
        .arg("check-env")
        .env("ADOBE_JWT_TODAY", "2026-02-01")
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("JWT_CLIENT_ID") && text.contains(".env:1") && text.contains("4f0c…3a4b"),
        "{text}"
    );
    let key_line = text
        .lines()
        .find(|l| l.contains("JWT_CLIENT_ID "))
        .expect("a line for JWT_CLIENT_ID");
    assert!(!key_line.contains(CLIENT_ID), "ids are masked: {key_line}");
    assert!(
        text.contains("stop working on 2026-03-01 (28 days left)")
            && text.contains("IMS_OAUTH_S2S_CLIENT_ID"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("usable"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");
    assert_no_secrets(&out);
    let strict = p.jwt_run(&["check-env", "--strict"]);
    assert_eq!(
        strict.status.code(),
        Some(3),
        "the end-of-life warning fails --strict"
    );
}

#[test]
fn broken_values_are_each_named() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "JWT_CLIENT_ID=\"{CLIENT_ID} \"\nJWT_CLIENT_SECRET='\"{CLIENT_SECRET}'\nJWT_TECHNICAL_ACCOUNT_ID=someone@example.com\n\
JWT_IMS_ORG=F00D\nJWT_METASCOPES=\" , \"\nJWT_PRIVATE_KEY=bm90IGEga2V5\n"
        ),
    );
    let out = p.run(&["check-env", "--json"]);
    assert_exit(&out, 3);
    let report = json(&out);
    assert_eq!(report["usable"], false);
    let problems = |k| key_line(&report, k)["problems"].to_string();
    assert!(problems("JWT_CLIENT_ID").contains("whitespace"));
    assert!(problems("JWT_CLIENT_SECRET").contains("stray quotes"));
    assert!(problems("JWT_TECHNICAL_ACCOUNT_ID").contains("@techacct.adobe.com"));
    assert!(problems("JWT_IMS_ORG").contains("@AdobeOrg"));
    assert!(problems("JWT_METASCOPES").contains("no metascope"));
    assert!(problems("JWT_PRIVATE_KEY").contains("neither a PEM"));
    assert_no_secrets(&out);
}

#[test]
fn missing_keys_of_a_half_present_kind_are_listed() {
    let p = Project::new();
    p.write(
        ".env",
        &format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nJWT_IMS_ORG={ORG}\n"),
    );
    let out = p.cmd().arg("check-env").output().expect("runs");
    assert_exit(&out, 3);
    let text = stdout(&out);
    for key in [
        "JWT_CLIENT_SECRET",
        "JWT_PRIVATE_KEY",
        "IMS_OAUTH_S2S_CLIENT_SECRET",
        "IMS_OAUTH_S2S_SCOPES",
    ] {
        assert!(text.contains(key), "{key} named: {text}");
    }
    assert!(text.contains("not usable"));
}

#[test]
fn oauth_scopes_in_either_form_and_oauth_wins_when_both_are_complete() {
    for scopes in [OAUTH_SCOPES.to_string(), "openid, AdobeID".to_string()] {
        let p = Project::new();
        p.write(
            ".env",
            &format!(
                "{}{}",
                jwt_env_text(&b64(&fixtures().pkcs8)),
                oauth_env_text().replace(OAUTH_SCOPES, &scopes)
            ),
        );
        let out = p.run(&["check-env", "--json"]);
        let report = json(&out);
        assert_eq!(out.status.code(), Some(0), "{}", messages(&report));
        assert_eq!(report["auth"], "oauth");
        assert!(
            key_line(&report, "IMS_OAUTH_S2S_SCOPES")["value"]
                .as_str()
                .unwrap_or("")
                .starts_with("openid,")
        );
        assert!(messages(&report).contains("jwt keys are present too"));
        assert_no_secrets(&out);
    }
    let p = Project::new();
    p.write(".env", &oauth_env_text().replace(OAUTH_SCOPES, "[openid"));
    let out = p.run(&["check-env", "--json"]);
    assert_exit(&out, 3);
    assert!(
        key_line(&json(&out), "IMS_OAUTH_S2S_SCOPES")["problems"]
            .to_string()
            .contains("JSON array")
    );
}

#[test]
fn duplicates_permissions_and_settings_in_the_env_are_warned_about() {
    let p = Project::new();
    let env = p.write(
        ".env",
        &format!("JWT_CLIENT_ID=old\n{}JWT_CLIENT_ID={CLIENT_ID}\nADOBE_IMS_URL=https://evil.example.com\n", jwt_env_text(&b64(&fixtures().pkcs8)).replace(&format!("JWT_CLIENT_ID={CLIENT_ID}\n"), "")),
    );
    crate::common::set_mode(&env, 0o644);
    let out = p
        .cmd()
        .args(["check-env", "--json"])
        .env("ADOBE_JWT_TODAY", "2026-02-01")
        .output()
        .expect("runs");
    let report = json(&out);
    assert_exit(&out, 0);
    let text = messages(&report);
    assert!(
        text.contains("JWT_CLIENT_ID is defined 2 times")
            && text.contains("lines 1, 7")
            && text.contains("line 7, wins"),
        "{text}"
    );
    #[cfg(unix)]
    assert!(text.contains("mode 0644"), "{text}");
    assert!(
        text.contains("ADOBE_IMS_URL") && text.contains("ignored"),
        "{text}"
    );
    assert_eq!(
        report["ims"], "https://ims-na1.adobelogin.com",
        "a .env cannot redirect IMS"
    );
    assert_eq!(key_line(&report, "JWT_CLIENT_ID")["source"], ".env:7");
}

#[test]
fn flags_beat_the_environment_which_beats_the_env_file() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    let out = p
        .cmd()
        .args([
            "check-env",
            "--json",
            "--org-id",
            "FLAG0000000000000000@AdobeOrg",
        ])
        .env("JWT_CLIENT_ID", "ENV00000000000000000000000000000")
        .env("JWT_IMS_ORG", "ENV0000000000000000@AdobeOrg")
        .output()
        .expect("runs");
    let report = json(&out);
    assert_eq!(key_line(&report, "JWT_IMS_ORG")["source"], "flag");
    assert_eq!(key_line(&report, "JWT_IMS_ORG")["value"], "FLAG…eOrg");
    assert_eq!(key_line(&report, "JWT_CLIENT_ID")["source"], "environment");
    assert_eq!(key_line(&report, "JWT_CLIENT_ID")["value"], "ENV0…0000");
    assert_eq!(key_line(&report, "JWT_CLIENT_SECRET")["source"], ".env:2");
}

#[test]
fn profiles_read_prefixed_keys() {
    let p = Project::new();
    let prefixed: String = jwt_env_text(&b64(&fixtures().pkcs8))
        .lines()
        .map(|l| format!("ANALYTICS_PROD_{l}\n"))
        .collect();
    p.write(".env", &prefixed);
    let out = p.jwt_run(&["check-env", "--json", "--profile", "analytics-prod"]);
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{}", messages(&report));
    assert_eq!(
        key_line(&report, "ANALYTICS_PROD_JWT_CLIENT_ID")["source"],
        ".env:1"
    );
    let unprefixed = p.run(&["check-env"]);
    assert_eq!(
        unprefixed.status.code(),
        Some(3),
        "without the profile nothing is found"
    );
}

#[test]
fn the_certificate_must_match_and_be_valid() {
    let f = fixtures();
    let p = Project::new();
    p.jwt_env(&b64(&f.pkcs8));
    let run = |cert: &str| {
        p.write("certificate_pub.crt", cert);
        let out = p.jwt_run(&[
            "check-env",
            "--json",
            "--certificate",
            "certificate_pub.crt",
        ]);
        (out.status.code(), messages(&json(&out)))
    };
    let (code, text) = run(&f.certificate);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("matches") && text.contains("valid until 2099-01-01"),
        "{text}"
    );
    let (code, text) = run(&f.other_certificate);
    assert_eq!(code, Some(3));
    assert!(
        text.contains("does not match") && text.contains("invalid_signature"),
        "{text}"
    );
    let (code, text) = run(&f.expired_certificate);
    assert_eq!(code, Some(3));
    assert!(text.contains("expired on 2021-01-01"), "{text}");
    let (code, text) = run(&f.expiring_certificate);
    assert_eq!(code, Some(0));
    assert!(text.contains("days left"), "{text}");
    let (code, text) = run("not a certificate");
    assert_eq!(code, Some(3));
    assert!(text.contains("not a valid X.509"), "{text}");
}

const SEED_MANIFEST: &str = r#"
operations:
  view:
    - type: web
      impl: index.html
actions: actions
web: web-src
runtimeManifest:
  packages:
    dx-excshell-1:
      license: Apache-2.0
      actions:
        generic:
          function: actions/generic/index.js
          web: 'yes'
          runtime: nodejs:16
          inputs:
            LOG_LEVEL: debug
            JWT_CLIENT_ID: $JWT_CLIENT_ID
            JWT_TECHNICAL_ACCOUNT_ID: $JWT_TECHNICAL_ACCOUNT_ID
            JWT_IMS_ORG: $JWT_IMS_ORG
            JWT_METASCOPES: $JWT_METASCOPES
            JWT_PRIVATE_KEY: $JWT_PRIVATE_KEY
          annotations:
            require-adobe-auth: false
            final: true
"#;

#[test]
fn the_manifest_check_catches_the_seed_guides_missing_client_secret() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    p.write("ext.config.yaml", SEED_MANIFEST);
    let out = p.jwt_run(&["check-env", "--json", "--manifest", "ext.config.yaml"]);
    assert_exit(&out, 3);
    let text = messages(&json(&out));
    assert!(
        text.contains("dx-excshell-1.actions.generic") && text.contains("not JWT_CLIENT_SECRET"),
        "{text}"
    );
    let fixed = SEED_MANIFEST.replace(
        "            JWT_IMS_ORG:",
        "            JWT_CLIENT_SECRET: $JWT_CLIENT_SECRET\n            EXTRA: ${UNDEFINED_VAR}\n            JWT_IMS_ORG:",
    );
    p.write("ext.config.yaml", &fixed);
    let out = p.jwt_run(&["check-env", "--json", "--manifest", "ext.config.yaml"]);
    let text = messages(&json(&out));
    assert_exit(&out, 3);
    assert!(!text.contains("not JWT_CLIENT_SECRET"), "{text}");
    assert!(text.contains("$UNDEFINED_VAR"), "{text}");
    p.write(
        "ext.config.yaml",
        &fixed.replace("            EXTRA: ${UNDEFINED_VAR}\n", ""),
    );
    let out = p.jwt_run(&["check-env", "--json", "--manifest", "ext.config.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", messages(&json(&out)));
    p.write("bad.yaml", "a: [b");
    let out = p.jwt_run(&["check-env", "--manifest", "bad.yaml"]);
    assert_exit(&out, 3);
    assert!(stdout(&out).contains("not valid YAML"));
}

#[test]
fn bad_env_files_get_clear_errors() {
    let p = Project::new();
    std::fs::create_dir(p.path("dir.env")).expect("mkdir");
    let cases = [
        ("dir.env", "is a directory"),
        ("missing.env", "does not exist"),
    ];
    for (file, says) in cases {
        let out = p.run(&["check-env", "--env-file", file]);
        assert_eq!(out.status.code(), Some(3), "{file}");
        assert!(stderr(&out).contains(says), "{file}: {}", stderr(&out));
    }
    let huge = p.path("huge.env");
    std::fs::write(&huge, vec![b'#'; 5 * 1024 * 1024]).expect("write");
    let out = p.run(&["check-env", "--env-file", "huge.env"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("too large"));
}

#[test]
fn no_env_file_is_fine_when_the_environment_has_everything() {
    let p = Project::new();
    let mut cmd = p.cmd();
    cmd.args(["check-env", "--json"]);
    for line in oauth_env_text().lines() {
        let (k, v) = line.split_once('=').expect("k=v");
        cmd.env(k, v.trim_matches('\''));
    }
    let out = cmd.output().expect("runs");
    let report = json(&out);
    assert_eq!(out.status.code(), Some(0), "{}", messages(&report));
    assert_eq!(report["env_file"], Value::Null);
    assert_eq!(
        key_line(&report, "IMS_OAUTH_S2S_CLIENT_SECRET")["source"],
        "environment"
    );
    assert_no_secrets(&out);
}

#[test]
fn plain_http_is_refused_except_on_loopback() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let out = p.run(&["check-env", "--ims", "http://ims.example.com"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("plain http"));
    let ok = p
        .cmd()
        .args(["check-env", "--json"])
        .env("ADOBE_IMS_URL", "http://127.0.0.1:9/")
        .output()
        .expect("runs");
    assert_eq!(json(&ok)["ims"], "http://127.0.0.1:9");
}

#[test]
fn the_human_report_reads_exactly_so() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "# from the Console\nIMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\n\
IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\nIMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES=openid\n\
IMS_OAUTH_S2S_SCOPES='[\"openid\",\"AdobeID\"]'\nJWT_ORG:x\n"
        ),
    );
    let out = p
        .cmd()
        .arg("check-env")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "\
.env: oauth credentials, IMS https://ims-na1.adobelogin.com

  ✓ IMS_OAUTH_S2S_CLIENT_ID      .env:2  9e8d…5c4b
  ✓ IMS_OAUTH_S2S_CLIENT_SECRET  .env:3  (37 chars)
  ✓ IMS_OAUTH_S2S_ORG_ID         .env:4  F00D…eOrg
  ✓ IMS_OAUTH_S2S_SCOPES         .env:6  openid,AdobeID

  ! IMS_OAUTH_S2S_SCOPES is defined 2 times in .env (lines 5, 6); the last one, line 6, wins
  ! .env: line 7 (JWT_ORG) is not a KEY=value definition; it is skipped (as Node's dotenv skips it)

0 errors, 2 warnings: usable
"
    );
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn a_manifest_that_shares_inputs_through_anchors_is_read_as_app_builder_reads_it() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    let keys = "IMS_OAUTH_S2S_CLIENT_ID: $IMS_OAUTH_S2S_CLIENT_ID\n    IMS_OAUTH_S2S_CLIENT_SECRET: $IMS_OAUTH_S2S_CLIENT_SECRET\n    IMS_OAUTH_S2S_ORG_ID: $IMS_OAUTH_S2S_ORG_ID\n    IMS_OAUTH_S2S_SCOPES: $IMS_OAUTH_S2S_SCOPES";
    p.write(
        "app.config.yaml",
        &format!(
            "x-creds: &creds\n    {keys}\nruntimeManifest:\n  packages:\n    app:\n      actions:\n        aliased:\n          function: a.js\n          inputs: *creds\n        merged:\n          function: b.js\n          inputs:\n            <<: *creds\n            LOG_LEVEL: debug\n"
        ),
    );
    let out = p.run(&[
        "check-env",
        "--json",
        "--strict",
        "--manifest",
        "app.config.yaml",
    ]);
    let report = json(&out);
    assert_exit(&out, 0);
    assert!(
        messages(&report).contains("2 action(s) map credentials"),
        "{}",
        messages(&report)
    );
    assert_eq!(report["manifest"]["complete"], true);
    // A merge that misses a key is reported for that action, and only the manifest fails.
    p.write(
        "partial.yaml",
        &format!(
            "x-creds: &creds\n    {}\nactions:\n  merged:\n    inputs:\n      <<: *creds\n",
            keys.replace("\n    IMS_OAUTH_S2S_SCOPES: $IMS_OAUTH_S2S_SCOPES", "")
        ),
    );
    let out = p.run(&["check-env", "--json", "--manifest", "partial.yaml"]);
    assert_exit(&out, 3);
    let report = json(&out);
    assert_eq!(report["usable"], true, "the credentials are usable");
    assert_eq!(report["manifest"]["complete"], false);
    assert!(
        messages(&report)
            .contains("action actions.merged maps oauth credentials but not IMS_OAUTH_S2S_SCOPES"),
        "{}",
        messages(&report)
    );
    let human = p.run(&["check-env", "--manifest", "partial.yaml"]);
    assert!(
        stdout(&human)
            .trim_end()
            .ends_with("usable; the manifest misses keys (1 error)"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn jwt_credentials_by_the_calendar() {
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    let check = |today: &str, extra: &[&str]| {
        let out = p
            .cmd()
            .args(["check-env", "--json"])
            .args(extra)
            .env("ADOBE_JWT_TODAY", today)
            .output()
            .expect("runs");
        (out.status.code(), messages(&json(&out)))
    };
    // Against Adobe's IMS, the day before: a warning that counts the days.
    let (code, text) = check("2026-02-28", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("stop working on 2026-03-01 (1 day left)")
            && text.contains("new ones ended on 2025-06-30"),
        "{text}"
    );
    let (code, text) = check("2025-06-01", &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("(273 days left)")
            && text.contains("new ones end on 2025-06-30 (29 days left)"),
        "{text}"
    );
    // From March 1, 2026: not usable, with the way across filled in.
    for (today, extra) in [("2026-03-01", &[][..]), ("2026-11-29", &["--stage"][..])] {
        let (code, text) = check(today, extra);
        assert_eq!(code, Some(3), "{today}: {text}");
        assert!(
            text.contains("not usable: on 2026-03-01 Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server")
                && text.contains("same client id and client secret")
                && text.contains("adobe-jwt import PROJECT.json")
                && text.contains(&format!("IMS_OAUTH_S2S_CLIENT_ID={CLIENT_ID}"))
                && text.contains(&format!("IMS_OAUTH_S2S_ORG_ID={ORG}"))
                && text.contains("the value of JWT_CLIENT_SECRET"),
            "{today}: {text}"
        );
    }
    // Any other IMS (the emulator, a stand-in) still takes them: a warning only.
    let (code, text) = check("2026-11-29", &["--ims", STAND_IN_IMS]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("is not Adobe's IMS, so they are used as they are"),
        "{text}"
    );
    // The date is a date.
    let out = p
        .cmd()
        .arg("check-env")
        .env("ADOBE_JWT_TODAY", "soon")
        .output()
        .expect("runs");
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("ADOBE_JWT_TODAY=soon is not a date"));
}
