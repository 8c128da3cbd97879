//! One reading of the .env: edits that prove themselves, reports that stay small and never quote
//! key material, aio's names as aio reads them, prose that does not block, and empty settings.

use std::path::PathBuf;

use crate::common::*;

fn console_fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/console")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn an_append_after_a_dangling_colon_is_a_definition_of_its_own() {
    // encode-key: the key must not become part of JWT_METASCOPES.
    let p = Project::new();
    let text = jwt_env_text("").replace("JWT_PRIVATE_KEY=\n", "");
    let text = text.replace(&format!("JWT_METASCOPES={METASCOPES}\n"), "NOTE:\n");
    p.write(".env", &format!("JWT_METASCOPES={METASCOPES}\n{text}"));
    p.write("private.key", &fixtures().pkcs8);
    let out = p.run(&["encode-key", "private.key", "--write"]);
    assert_exit(&out, 0);
    let written = p.read(".env");
    assert!(
        written.ends_with(&format!(
            "NOTE:\n\nJWT_PRIVATE_KEY={}\n",
            b64(&fixtures().pkcs8)
        )),
        "{written}"
    );
    let check = p.jwt_run(&["check-env", "--json", "--auth", "jwt"]);
    assert_exit(&check, 0);
    let report = json(&check);
    let key = report["keys"]
        .as_array()
        .and_then(|k| k.iter().find(|k| k["key"] == "JWT_PRIVATE_KEY"))
        .expect("a key line");
    assert_eq!(key["detail"], "base64 of PKCS#8 RSA 2048-bit");
    // import: after a dangling line, IMS_OAUTH_S2S_CLIENT_ID is still read.
    let ims = Ims::start();
    ims.project
        .write("dangling.env", "# from a template\nTODO:\n");
    let out = ims.run(&[
        "import",
        &console_fixture("oauth.json"),
        "--env-file",
        "dangling.env",
    ]);
    assert_exit(&out, 0);
    let token = ims.run(&["token", "--no-cache", "--env-file", "dangling.env"]);
    assert_exit(&token, 0);
    assert_token_only_on_stdout(&token);
}

#[test]
fn removing_a_duplicate_keeps_the_lines_around_it() {
    let p = Project::new();
    p.write(
        ".env",
        "A=1\nJWT_PRIVATE_KEY=old1\n\n# the key below is stale\nJWT_PRIVATE_KEY=old2 # from 2023\n# keep this comment\n\nB=2\n",
    );
    p.write("private.key", &fixtures().pkcs8);
    let out = p.run(&["encode-key", "private.key", "--write"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("replaced line 2, removed 1 other definition"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        p.read(".env"),
        format!(
            "A=1\nJWT_PRIVATE_KEY={}\n\n# the key below is stale\n# keep this comment\n\nB=2\n",
            b64(&fixtures().pkcs8)
        )
    );
}

#[test]
fn an_edit_that_cannot_be_proven_leaves_the_file_as_it_was() {
    let p = Project::new();
    // A value no quoting can hold for Node's reader: both quotes, a backtick and a `#`.
    p.write(
        "project.json",
        &std::fs::read_to_string(console_fixture("oauth.json"))
            .expect("fixture")
            .replace(OAUTH_SECRET, "p8e-a'b\\\"c`d #e"),
    );
    let before = "A=1\n";
    p.write(".env", before);
    let out = p.run(&["import", "project.json"]);
    assert_exit(&out, 3);
    let err = stderr(&out);
    assert!(
        err.contains("' (so no single quotes)")
            && err.contains("` (so no backticks)")
            && err.contains("so it cannot stand unquoted"),
        "{err}"
    );
    assert!(!err.contains("a'b"), "the value is not quoted: {err}");
    assert_eq!(p.read(".env"), before);
    // A single quote alone is no reason to refuse: double quotes hold it.
    p.write(
        "quote.json",
        &std::fs::read_to_string(console_fixture("oauth.json"))
            .expect("fixture")
            .replace(OAUTH_SECRET, "p8e-it's-a-secret"),
    );
    let out = p.run(&["import", "quote.json"]);
    assert_exit(&out, 0);
    assert!(
        p.read(".env")
            .contains("IMS_OAUTH_S2S_CLIENT_SECRET=\"p8e-it's-a-secret\"\n"),
        "{}",
        p.read(".env")
    );
}

/// Each way a key gets pasted over several lines (the PEM on the key's line or below an empty
/// `KEY=`, certutil's output, the certificate instead of the key; LF or CRLF, in a .env of another
/// name) is one finding that names what it is, and the command it names fixes the file.
#[test]
fn a_key_pasted_over_several_lines_is_one_finding_whose_command_fixes_it() {
    let f = fixtures();
    let wrapped: String = b64(&f.pkcs8)
        .as_bytes()
        .chunks(64)
        .map(|c| format!("{}\n", std::str::from_utf8(c).expect("ascii")))
        .collect();
    let certutil = format!("-----BEGIN CERTIFICATE-----\n{wrapped}-----END CERTIFICATE-----");
    // GNU base64 wraps at 76 columns: the seed guide's Linux step, pasted as it is.
    let base64_76: String = b64(&f.pkcs8)
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).expect("ascii"))
        .collect::<Vec<_>>()
        .join("\n");
    let cases = [
        (
            "the PEM on the key's line",
            f.pkcs8.trim_end().to_string(),
            "the private key's PEM",
            ".env",
        ),
        (
            "the PEM below KEY=",
            format!("\n{}", f.pkcs8.trim_end()),
            "reads JWT_PRIVATE_KEY as empty",
            ".env",
        ),
        (
            "certutil's output",
            certutil,
            "certutil's base64 of the private key",
            "project one.env",
        ),
        (
            "base64 wrapped at 76",
            base64_76.clone(),
            "wrapped as `base64` writes it without -w 0",
            ".env",
        ),
        (
            "base64 wrapped below KEY=",
            format!("\n{wrapped}"),
            "reads JWT_PRIVATE_KEY as empty",
            ".env",
        ),
        (
            "the certificate",
            f.certificate.trim_end().to_string(),
            "a certificate (the public half",
            ".env",
        ),
    ];
    for (what, pasted, says, name) in cases {
        let p = Project::new();
        // certutil writes CRLF, and so does a Windows editor: the second and third files have it.
        let text = format!("{}AFTER=kept\n", jwt_env_text(&pasted));
        let text = if what.contains("below") || what.contains("certutil") {
            text.replace('\n', "\r\n")
        } else {
            text
        };
        p.write(name, &text);
        p.write("private.key", &f.pkcs8);
        let out = p.jwt_run(&["check-env", "--env-file", name]);
        assert_exit(&out, 3);
        let report = stdout(&out);
        let told: Vec<&str> = report
            .lines()
            .filter(|l| l.contains("pasted over several lines"))
            .collect();
        assert_eq!(told.len(), 1, "{what}: {report}");
        assert!(
            told[0].contains("JWT_PRIVATE_KEY") && told[0].contains(says),
            "{what}: {report}"
        );
        assert!(report.contains("\n1 error, "), "{what}: {report}");
        // No warning but JWT's end at Adobe, which any usable JWT .env gets.
        assert!(
            report
                .lines()
                .all(|l| !l.starts_with("  ! ") || l.contains("ended at Adobe")),
            "{what}: {report}"
        );
        assert!(
            !report.contains("differently from Node"),
            "{what}: {report}"
        );
        assert_no_secrets(&out);
        // The command the finding names, run as it is written, leaves a usable file.
        let command = told[0].rsplit(": adobe-jwt ").next().expect("a command");
        let args = shell_words(command);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let fix = p.jwt_run(&args);
        assert_exit(&fix, 0);
        let out = p.jwt_run(&["check-env", "--env-file", name]);
        assert_exit(&out, 0);
        assert!(
            stdout(&out).contains("0 errors, 1 warning: usable"),
            "{what}: {}",
            stdout(&out)
        );
        let written = p.read(name);
        assert!(!written.contains("-----"), "{what}: the pasted lines stay");
        assert!(
            written.ends_with("AFTER=kept\n") || written.ends_with("AFTER=kept\r\n"),
            "{what}"
        );
        assert!(written.contains(&format!("JWT_IMS_ORG={ORG}")), "{what}");
    }
}

/// Words of a command line as a POSIX shell splits them (single quotes only, as messages write them).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            ' ' if !quoted => words.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

/// Files of about 4 MiB that make a report long: each gives at most 64 KiB of it.
fn hostile_files() -> Vec<(&'static str, String)> {
    let size = 4 * 1024 * 1024 - 4096;
    let fill = |line: &str| line.repeat(size / line.len());
    let distinct: String = (0..)
        .map(|i| format!("K{i}=\n"))
        .scan(0, |len, l| {
            *len += l.len();
            (*len < size).then_some(l)
        })
        .collect();
    let prefixed: String = (0..)
        .map(|i| format!("P{i}_JWT_CLIENT_ID={CLIENT_ID}\n"))
        .scan(0, |len, l| {
            *len += l.len();
            (*len < size).then_some(l)
        })
        .collect();
    vec![
        (
            "one key again and again",
            fill(&format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\n")),
        ),
        ("lines that define nothing", fill("not a definition\n")),
        ("skipped lines that name a key", fill("JWT_CLIENT_ID:x\n")),
        ("a million distinct keys", distinct),
        ("thousands of profiles", prefixed),
        (
            "values that swallow definitions",
            fill("NOTE=x JWT_PRIVATE_KEY=LS0t\n"),
        ),
        (
            "PEM armour everywhere",
            fill("-----BEGIN PRIVATE KEY-----\n"),
        ),
    ]
}

#[test]
fn reports_on_hostile_files_stay_small() {
    let p = Project::new();
    for (what, text) in hostile_files() {
        p.write("hostile.env", &text);
        // The human report says no more than the JSON one.
        let out = p.run(&["check-env", "--json", "--env-file", "hostile.env"]);
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "{what}: exit {:?}",
            out.status.code()
        );
        assert!(
            out.stdout.len() <= 64 * 1024 && out.stderr.len() <= 64 * 1024,
            "{what}: {} bytes of report, {} of stderr",
            out.stdout.len(),
            out.stderr.len()
        );
    }
    p.write("hostile.env", &hostile_files()[1].1);
    let out = p.run(&["check-env", "--json", "--env-file", "hostile.env"]);
    let omitted = &json(&out)["omitted"];
    assert_eq!(omitted[0]["topic"], "syntax");
    assert!(
        omitted[0]["count"].as_u64().unwrap_or(0) > 200_000,
        "{omitted}"
    );
    let out = p.run(&["check-env", "--env-file", "hostile.env"]);
    assert!(
        stdout(&out).contains("… and ") && stdout(&out).contains("more syntax warnings"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn status_reads_thousands_of_profiles_from_one_reading() {
    let p = Project::new();
    let profiles: String = (0..3000)
        .map(|i| {
            format!(
                "P{i}_IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nP{i}_IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n\
P{i}_IMS_OAUTH_S2S_ORG_ID={ORG}\nP{i}_IMS_OAUTH_S2S_SCOPES=openid\n"
            )
        })
        .collect();
    p.write(".env", &profiles);
    let out = p.run(&["status", "--json"]);
    assert_exit(&out, 0);
    let sets = json(&out)["sets"].as_array().map_or(0, Vec::len);
    assert_eq!(sets, 3000);
    assert_no_secrets(&out);
}

/// The .env `aio app use` writes for a Service Account (JWT) context, in the letter case given.
fn aio_jwt_env(upper: bool) -> String {
    let key = |field: &str| {
        let name = format!("AIO_ims_contexts_sa_{field}");
        if upper {
            name.to_ascii_uppercase()
        } else {
            name
        }
    };
    format!(
        "{}={CLIENT_ID}\n{}={CLIENT_SECRET}\n{}={TECH_ACCOUNT}\n{}={ORG}\n{}='[\"{METASCOPES}\"]'\n{}={}\n",
        key("client__id"),
        key("client__secret"),
        key("technical__account__id"),
        key("ims__org__id"),
        key("meta__scopes"),
        key("private__key"),
        b64(&fixtures().pkcs8)
    )
}

#[test]
fn aio_service_account_contexts_are_read_with_their_meta_scopes() {
    for upper in [false, true] {
        let p = Project::new();
        p.write(".env", &aio_jwt_env(upper));
        let emulator = Emulator::start(&p, &[]);
        let out = p
            .cmd()
            .args(["token", "--no-cache", "--auth", "jwt"])
            .env("ADOBE_IMS_URL", &emulator.url)
            .output()
            .expect("runs");
        assert_exit(&out, 0);
        assert_token_only_on_stdout(&out);
        let check = p.jwt_run(&["check-env", "--json"]);
        assert_eq!(json(&check)["context"], "sa");
        assert_no_secrets(&check);
    }
}

#[test]
fn exec_strips_aio_secrets_in_every_spelling_it_read() {
    let ims = Ims::start();
    ims.project.write("aio.env", &aio_jwt_env(true));
    let mut cmd = ims.cmd();
    cmd.args(["exec", "--env-file", "aio.env", "--auth", "jwt", "--"]);
    if cfg!(windows) {
        cmd.args(["cmd", "/c", "set"]);
    } else {
        cmd.arg("env");
    }
    let secret = "p8e-upper-case-aio-secret";
    cmd.env(
        "AIO_IMS_CONTEXTS_OTHER_CLIENT__SECRETS",
        format!("[\"{secret}\"]"),
    );
    let out = cmd.output().expect("runs");
    // The emulator knows the suite's JWT credentials, which the aio context carries.
    assert_exit(&out, 0);
    let environment = stdout(&out);
    assert!(environment.contains("ADOBE_ACCESS_TOKEN="), "a token");
    assert!(
        !environment.contains(secret),
        "the aio secret reached the child"
    );
    assert!(
        !environment.to_ascii_uppercase().contains("CLIENT__SECRET"),
        "an aio secret variable reached the child"
    );
}

#[test]
fn a_key_mentioned_in_prose_does_not_block_the_file() {
    let ims = Ims::start();
    let p = &ims.project;
    p.write(
        ".env",
        &format!(
            "NOTE=in CI set IMS_OAUTH_S2S_CLIENT_SECRET=… from the vault\n{}",
            oauth_env_text()
        ),
    );
    let out = ims.token(&["--no-cache"]);
    assert_exit(&out, 0);
    let check = ims.run(&["check-env"]);
    assert_exit(&check, 0);
    assert!(
        stdout(&check).contains("is defined on its own too, so nothing is lost"),
        "{}",
        stdout(&check)
    );
    // Where the swallowed key is defined nowhere else, the file is damaged.
    p.write(
        "glued.env",
        &oauth_env_text().replace(
            &format!("\nIMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
            &format!(" IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}"),
        ),
    );
    let out = ims.run(&["token", "--no-cache", "--env-file", "glued.env"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("runs into IMS_OAUTH_S2S_CLIENT_SECRET="));
    assert_no_secrets(&out);
}

#[test]
fn empty_settings_are_unset() {
    let ims = Ims::start();
    let out = ims
        .cmd()
        .args(["token", "--no-cache"])
        .env("ADOBE_JWT_ENV_FILE", "")
        .env("ADOBE_JWT_AUTH", "")
        .env("ADOBE_JWT_PROFILE", "")
        .env("ADOBE_JWT_CONTEXT", "")
        .env("ADOBE_JWT_CACHE", "")
        .env("SSL_CERT_FILE", "")
        .env("HTTPS_PROXY", "")
        .env("ADOBE_JWT_TODAY", "")
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let out = ims
        .cmd()
        .args(["token", "--no-cache"])
        .env("ADOBE_IMS_URL", "")
        .env("ADOBE_JWT_AUTH", "oauth")
        .arg("--ims")
        .arg(&ims.emulator.url)
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let bad = ims
        .cmd()
        .args(["token", "--no-cache"])
        .env("ADOBE_JWT_AUTH", "bogus")
        .output()
        .expect("runs");
    assert_exit(&bad, 2);
    assert!(
        stderr(&bad).contains("ADOBE_JWT_AUTH=bogus is not one of auto, jwt, oauth"),
        "{}",
        stderr(&bad)
    );
}

/// A paste the editor cannot take with its key (a definition inside it, no END line) is left and
/// named, by line numbers, where encode-key writes the key; the same key pasted twice (into two
/// profiles) never has the base64 lines Node reads as names (`AbCd==`) reported as duplicates.
#[test]
fn a_paste_the_editor_leaves_is_named_and_a_twice_pasted_key_is_never_quoted() {
    let f = fixtures();
    let pem = f.pkcs8.trim_end();
    let body: Vec<&str> = pem.lines().collect();
    let p = Project::new();
    p.write("private.key", &f.pkcs8);
    // REAL=1 inside the paste: only the key's line is replaced; the rest is named.
    let inside = format!(
        "{}\nREAL=1\n{}\n",
        body[..3].join("\n"),
        body[3..].join("\n")
    );
    p.write(".env", &format!("{}AFTER=kept\n", jwt_env_text(&inside)));
    let out = p.jwt_run(&["check-env"]);
    assert_exit(&out, 3);
    let report = stdout(&out);
    assert!(
        report.contains("then delete lines 7–")
            && report.contains("(the paste holds a definition of its own, on line 9)"),
        "{report}"
    );
    let out = p.jwt_run(&["encode-key", "private.key", "--write"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains(".env: lines 7–")
            && stderr(&out).contains("stayed as they were (the paste holds a definition of its own, on line 9): remove them by hand"),
        "{}",
        stderr(&out)
    );
    assert!(
        p.read(".env").contains("REAL=1\n"),
        "a definition was removed"
    );
    assert_no_secrets(&out);

    // One key (whose last base64 line Node may read as a name) pasted into two profiles.
    let junk = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldY==";
    let key = format!(
        "{}\n{junk}\n{}",
        body[..body.len() - 1].join("\n"),
        body[body.len() - 1]
    );
    let one = jwt_env_text(&key);
    let two: String = one
        .lines()
        .map(|l| match l.starts_with("JWT_") {
            true => format!("STAGING_{l}\n"),
            false => format!("{l}\n"),
        })
        .collect();
    p.write(".env", &format!("{one}{two}"));
    for args in [
        &["check-env"][..],
        &["check-env", "--json"],
        &["check-env", "--profile", "staging"],
    ] {
        let out = p.jwt_run(args);
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            !all.contains(&junk[..20]),
            "{args:?}: a line of the key was quoted"
        );
        assert!(!all.contains("is defined 2 times"), "{args:?}: {all}");
        assert_no_secrets(&out);
    }
}

/// A paste into a key the environment sets is not what the run reads: a warning, not a failed
/// check (the token works).
#[test]
fn a_paste_the_environment_overrides_is_a_warning() {
    let f = fixtures();
    let p = Project::new();
    p.write(".env", &jwt_env_text(f.pkcs8.trim_end()));
    let out = p
        .jwt_cmd()
        .env("JWT_PRIVATE_KEY", b64(&f.pkcs8))
        .args(["check-env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let report = stdout(&out);
    assert!(
        report.contains("(not read in this run: the environment sets JWT_PRIVATE_KEY, which wins)"),
        "{report}"
    );
    assert_no_secrets(&out);
    // Without it, the same paste fails the check.
    assert_exit(&p.jwt_run(&["check-env"]), 3);
}
