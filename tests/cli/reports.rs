//! The human reports of check-env and status, pinned whole in several shapes: what a person reads
//! is compared line for line, with only what changes from run to run (the key's fingerprint, the
//! time a cached token has left, its expiry instant, the emulator's port) put in brackets.

use crate::common::*;

/// The report with run-dependent parts replaced: `SHA256:…` fingerprints, RFC 3339 instants,
/// "23h 59m"-style durations and the emulator's loopback port.
fn normalised(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Instants and durations start a word: "9e8d…" is an id, not 8 days.
        let word_start = !out.ends_with(|c: char| c.is_ascii_alphanumeric());
        if let Some(after) = rest.strip_prefix("SHA256:") {
            let len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '+' || c == '/'))
                .unwrap_or(after.len());
            out.push_str("SHA256:<fingerprint>");
            rest = &after[len..];
        } else if let Some(len) = instant_len(rest).filter(|_| word_start) {
            out.push_str("<instant>");
            rest = &rest[len..];
        } else if let Some(len) = duration_len(rest).filter(|_| word_start) {
            out.push_str("<duration>");
            rest = &rest[len..];
        } else if let Some(after) = rest.strip_prefix("http://127.0.0.1:") {
            let len = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            out.push_str("http://127.0.0.1:<port>");
            rest = &after[len..];
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// `2026-11-29T04:12:33Z` (with optional fraction) at the start of `text`.
fn instant_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let shape = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b'T')
        && digits(11..13)
        && digits(14..16)
        && digits(17..19);
    if !shape {
        return None;
    }
    let mut len = 19;
    if b.get(len) == Some(&b'.') {
        len += 1;
        while b.get(len).is_some_and(u8::is_ascii_digit) {
            len += 1;
        }
    }
    (b.get(len) == Some(&b'Z')).then_some(len + 1)
}

/// `23h 59m`, `59m 59s`, `45s` (what status and token print as time left) at the start of `text`,
/// when it is a word of its own.
fn duration_len(text: &str) -> Option<usize> {
    let mut len = 0;
    let mut parts = 0;
    loop {
        let digits = text[len..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len() - len);
        if digits == 0 {
            break;
        }
        let unit = text[len + digits..].chars().next();
        if !matches!(unit, Some('d' | 'h' | 'm' | 's')) {
            break;
        }
        let end = len + digits + 1;
        if text[end..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            break;
        }
        len = end;
        parts += 1;
        if text[len..].starts_with(' ') && text[len + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            len += 1;
        } else {
            break;
        }
    }
    let len = text[..len].trim_end().len();
    (parts > 0).then_some(len)
}

#[test]
fn the_normaliser_replaces_only_what_changes() {
    assert_eq!(
        normalised(
            "SHA256:ab+c/9 at 2026-11-29T04:12:33Z, 23h 59m left; 3 keys, http://127.0.0.1:4567/x"
        ),
        "SHA256:<fingerprint> at <instant>, <duration> left; 3 keys, http://127.0.0.1:<port>/x"
    );
    assert_eq!(normalised("59m 3s"), "<duration>");
    assert_eq!(normalised("9e8d…5c4b"), "9e8d…5c4b");
    assert_eq!(normalised("IMS_OAUTH_S2S_SCOPES"), "IMS_OAUTH_S2S_SCOPES");
}

fn report(out: &std::process::Output, code: i32) -> String {
    assert_exit(out, code);
    assert_no_secrets(out);
    normalised(&stdout(out))
}

#[test]
fn check_env_reports_a_half_present_set_with_a_near_miss_as_not_usable() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPE=openid\n"
        ),
    );
    let out = p
        .cmd()
        .arg("check-env")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        report(&out, 3),
        "\
.env: no usable credentials, IMS https://ims-na1.adobelogin.com

  ✓ IMS_OAUTH_S2S_CLIENT_ID      .env:1  9e8d…5c4b
  ✗ IMS_OAUTH_S2S_CLIENT_SECRET  -       -          missing
  ✓ IMS_OAUTH_S2S_ORG_ID         .env:2  F00D…eOrg
  ✗ IMS_OAUTH_S2S_SCOPES         -       -          missing; .env:3 defines IMS_OAUTH_S2S_SCOPE: did you mean IMS_OAUTH_S2S_SCOPES?

  i missing credentials: oauth credentials need IMS_OAUTH_S2S_CLIENT_SECRET, IMS_OAUTH_S2S_SCOPES (did you mean: IMS_OAUTH_S2S_SCOPE (.env:3) for IMS_OAUTH_S2S_SCOPES?)

2 errors, 0 warnings: not usable
"
    );
}

#[test]
fn check_env_reports_jwt_credentials_after_their_end_of_life_with_the_way_across() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    p.write("certificate_pub.crt", &fixtures().certificate);
    p.jwt_env("@private.key");
    let out = p
        .cmd()
        .args(["check-env", "--certificate", "certificate_pub.crt"])
        .env("NO_COLOR", "1")
        .env("ADOBE_JWT_TODAY", "2026-11-29")
        .output()
        .expect("runs");
    assert_eq!(
        report(&out, 3),
        format!("\
.env: jwt credentials, IMS https://ims-na1.adobelogin.com

  ✓ JWT_CLIENT_ID             .env:1  4f0c…3a4b
  ✓ JWT_CLIENT_SECRET         .env:2  (39 chars)
  ✓ JWT_TECHNICAL_ACCOUNT_ID  .env:3  0A1B….com
  ✓ JWT_IMS_ORG               .env:4  F00D…eOrg
  ✓ JWT_METASCOPES            .env:5  ent_analytics_bulk_ingest_sdk
  ✓ JWT_PRIVATE_KEY           .env:6  SHA256:<fingerprint>  file private.key: PEM of PKCS#8 RSA 2048-bit

  ✗ not usable: on 2026-03-01 Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server,
    with the same client id and client secret, and IMS refuses its JWT exchange since:
    download the project again from the Developer Console and run adobe-jwt import PROJECT.json
    (or add IMS_OAUTH_S2S_CLIENT_ID={CLIENT_ID},
    IMS_OAUTH_S2S_ORG_ID={ORG},
    IMS_OAUTH_S2S_CLIENT_SECRET with the value of JWT_CLIENT_SECRET, and
    IMS_OAUTH_S2S_SCOPES with the scopes the Console lists for the credential);
    the guide: docs/migrate-to-oauth.md
  ✓ the private key matches certificate_pub.crt (CN=rcgen self signed cert)
  ✓ certificate_pub.crt is valid until 2099-01-01

1 error, 0 warnings: not usable
")
    );
}

#[test]
fn check_env_reports_usable_credentials_apart_from_a_manifest_that_misses_a_key() {
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    p.write(
        "ext.config.yaml",
        "runtimeManifest:\n  packages:\n    app:\n      actions:\n        generic:\n          function: a.js\n          inputs:\n            IMS_OAUTH_S2S_CLIENT_ID: $IMS_OAUTH_S2S_CLIENT_ID\n            IMS_OAUTH_S2S_ORG_ID: $IMS_OAUTH_S2S_ORG_ID\n            IMS_OAUTH_S2S_SCOPES: $IMS_OAUTH_S2S_SCOPES\n",
    );
    let out = p
        .cmd()
        .args(["check-env", "--manifest", "ext.config.yaml"])
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        report(&out, 3),
        "\
.env: oauth credentials, IMS https://ims-na1.adobelogin.com

  ✓ IMS_OAUTH_S2S_CLIENT_ID      .env:1  9e8d…5c4b
  ✓ IMS_OAUTH_S2S_CLIENT_SECRET  .env:2  (37 chars)
  ✓ IMS_OAUTH_S2S_ORG_ID         .env:3  F00D…eOrg
  ✓ IMS_OAUTH_S2S_SCOPES         .env:4  openid,AdobeID,read_organizations

  ✗ ext.config.yaml: action runtimeManifest.packages.app.actions.generic maps oauth credentials but not IMS_OAUTH_S2S_CLIENT_SECRET; add `IMS_OAUTH_S2S_CLIENT_SECRET: $IMS_OAUTH_S2S_CLIENT_SECRET` to its inputs
  i ext.config.yaml: 1 action(s) map credentials

1 error, 0 warnings: usable; the manifest misses keys (1 error)
"
    );
}

#[test]
fn status_reports_an_incomplete_set() {
    let p = Project::new();
    p.write(
        ".env",
        &format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_ORG_ID={ORG}\n"),
    );
    let out = p
        .cmd()
        .arg("status")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        report(&out, 0),
        "\
.env, IMS https://ims-na1.adobelogin.com
  unprefixed keys  oauth  incomplete: missing IMS_OAUTH_S2S_CLIENT_SECRET, IMS_OAUTH_S2S_SCOPES
"
    );
}

#[test]
fn status_reports_sets_profiles_and_contexts_with_their_cached_tokens() {
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
    let out = ims
        .cmd()
        .arg("status")
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert_eq!(
        report(&out, 0),
        "\
.env, IMS http://127.0.0.1:<port>
  unprefixed keys     oauth  complete, token cached, <duration> left
  profile analytics   jwt    incomplete: missing ANALYTICS_JWT_CLIENT_SECRET, ANALYTICS_JWT_TECHNICAL_ACCOUNT_ID, ANALYTICS_JWT_IMS_ORG, ANALYTICS_JWT_METASCOPES, ANALYTICS_JWT_PRIVATE_KEY
  profile campaign    oauth  incomplete: missing CAMPAIGN_IMS_OAUTH_S2S_CLIENT_SECRET, CAMPAIGN_IMS_OAUTH_S2S_ORG_ID, CAMPAIGN_IMS_OAUTH_S2S_SCOPES
  aio context server  oauth  complete, no cached token
"
    );
}
