//! From the Developer Console to a token: `import` of the project file, the .env `aio app use`
//! writes, and the guidance a newcomer gets. The fixtures in tests/data/console/ have the shape of
//! aio-cli-plugin-app's own (test/__fixtures__), with the suite's made-up credentials.

use std::path::PathBuf;

use crate::common::*;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/console")
        .join(name)
        .display()
        .to_string()
}

/// A token for the credentials of `file`, from the emulator (which knows the suite's credentials).
fn token_from(ims: &Ims, file: &str, args: &[&str]) -> std::process::Output {
    ims.cmd()
        .args(["token", "--no-cache", "--env-file", file])
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn an_oauth_credential_is_imported_and_gets_a_token() {
    let ims = Ims::start();
    let p = &ims.project;
    let before =
        "# my app\r\nAIO_runtime_namespace=123-x\r\nIMS_OAUTH_S2S_CLIENT_ID=old\r\nLOG_LEVEL=debug";
    p.write("imported.env", before);
    let out = ims.run(&[
        "import",
        &fixture("oauth.json"),
        "--env-file",
        "imported.env",
    ]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    let err = stderr(&out);
    assert!(
        err.contains("'Server' (id 17606512, OAuth Server-to-Server)"),
        "{err}"
    );
    let text = p.read("imported.env");
    assert!(
        text.starts_with("# my app\r\nAIO_runtime_namespace=123-x\r\nIMS_OAUTH_S2S_CLIENT_ID=9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b\r\nLOG_LEVEL=debug\r\n"),
        "other lines stay byte for byte: {text:?}"
    );
    assert!(
        text.contains("IMS_OAUTH_S2S_SCOPES='[\"openid\",\"AdobeID\",\"read_organizations\"]'")
    );
    let out = token_from(&ims, "imported.env", &[]);
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    // A new file is created private.
    let out = ims.run(&["import", &fixture("oauth.json"), "--env-file", "new.env"]);
    assert_exit(&out, 0);
    #[cfg(unix)]
    assert_eq!(mode(&p.path("new.env")), 0o600);
}

#[test]
fn a_jwt_credential_is_imported_with_its_private_key() {
    let ims = Ims::start();
    let p = &ims.project;
    p.write("private.key", &fixtures().pkcs8);
    let out = ims.run(&["import", &fixture("jwt.json"), "--env-file", "jwt.env"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("holds no private key"),
        "{}",
        stderr(&out)
    );
    assert_exit(&token_from(&ims, "jwt.env", &[]), 3);
    let out = ims.run(&[
        "import",
        &fixture("jwt.json"),
        "--env-file",
        "jwt.env",
        "--private-key",
        "private.key",
    ]);
    assert_exit(&out, 0);
    assert_no_secrets(&out);
    assert!(
        p.read("jwt.env")
            .contains(&format!("JWT_PRIVATE_KEY={}", b64(&fixtures().pkcs8)))
    );
    assert_exit(&token_from(&ims, "jwt.env", &[]), 0);
}

#[test]
fn a_migrating_credential_brings_both_kinds() {
    let ims = Ims::start();
    let p = &ims.project;
    p.write("private.key", &fixtures().pkcs8);
    let out = ims.run(&[
        "import",
        &fixture("migrate.json"),
        "--env-file",
        "both.env",
        "--private-key",
        "private.key",
    ]);
    assert_exit(&out, 0);
    let out = token_from(&ims, "both.env", &["--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(
        json(&out)["auth"],
        "oauth",
        "auto picks OAuth when it is complete"
    );
    let out = token_from(&ims, "both.env", &["--auth", "jwt", "--format", "json"]);
    assert_exit(&out, 0);
    assert_eq!(json(&out)["auth"], "jwt");
    let check = ims.run(&["check-env", "--env-file", "both.env", "--auth", "jwt"]);
    assert!(
        stdout(&check).contains("the OAuth Server-to-Server keys are set too"),
        "the end-of-life warning does not ask for keys that are there: {}",
        stdout(&check)
    );
}

#[test]
fn several_credentials_are_listed_and_one_is_picked() {
    let p = Project::new();
    let out = p.run(&["import", &fixture("several.json")]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("'Server' (id 17606512, OAuth Server-to-Server)")
            && err.contains("'Service Account' (id 17606999, Service Account (JWT))")
            && err.contains("--credential ID"),
        "{err}"
    );
    assert!(!p.path(".env").exists(), "nothing written");
    let out = p.run(&[
        "import",
        &fixture("several.json"),
        "--credential",
        "17606512",
    ]);
    assert_exit(&out, 0);
    assert!(p.read(".env").contains("IMS_OAUTH_S2S_CLIENT_ID="));
    let out = p.run(&["import", &fixture("several.json"), "--credential", "nope"]);
    assert_exit(&out, 2);
}

#[test]
fn unsupported_credentials_and_other_files_are_refused() {
    let p = Project::new();
    let out = p.run(&["import", &fixture("unsupported.json")]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains(
            "'Web App' (id 17561142, oauthweb), 'Browser Key' (id 17656565, apikey) (not supported)"
        ),
        "{}",
        stderr(&out)
    );
    p.write("token.json", "{\"access_token\":\"eyJsecret-looking\"}");
    let out = p.run(&["import", "token.json"]);
    assert_exit(&out, 3);
    assert!(
        !stderr(&out).contains("eyJsecret"),
        "the file is not quoted"
    );
    assert!(stderr(&out).contains("is not a Developer Console project file"));
}

#[test]
fn stdout_and_profile_change_where_and_what_is_written() {
    let p = Project::new();
    let out = p.run(&[
        "import",
        &fixture("oauth.json"),
        "--stdout",
        "--profile",
        "analytics",
    ]);
    assert_exit(&out, 0);
    assert!(!p.path(".env").exists(), "--stdout writes no file");
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "ANALYTICS_IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n"
        )),
        "{text}"
    );
    p.write(".env", &text);
    let check = p.run(&["check-env", "--profile", "analytics"]);
    assert_exit(&check, 0);
}

/// The .env `aio app use` writes, for the suite's OAuth credential in context `ctx`.
fn aio_env(ctx: &str) -> String {
    let c = ctx.replace('_', "__");
    format!(
        "AIO_runtime_auth=made-up:runtime\nAIO_runtime_namespace=123-testproject-stage\n\
AIO_ims_contexts_{c}_client__id={OAUTH_CLIENT_ID}\nAIO_ims_contexts_{c}_client__secrets=[\"{OAUTH_SECRET}\"]\n\
AIO_ims_contexts_{c}_technical__account__email=0f1e2d3c4b5a@techacct.adobe.com\n\
AIO_ims_contexts_{c}_technical__account__id=0F1E2D3C4B5A69788796A5B4@techacct.adobe.com\n\
AIO_ims_contexts_{c}_scopes=[\"openid\",\"AdobeID\",\"read_organizations\"]\n\
AIO_ims_contexts_{c}_ims__org__id={ORG}\n"
    )
}

#[test]
fn the_env_aio_app_use_writes_gets_a_token_as_it_is() {
    let ims = Ims::start();
    let p = &ims.project;
    p.write("aio.env", &aio_env("My_Server"));
    let out = token_from(&ims, "aio.env", &[]);
    assert_exit(&out, 0);
    assert_token_only_on_stdout(&out);
    let check = ims.run(&["check-env", "--env-file", "aio.env"]);
    assert_exit(&check, 0);
    assert!(stdout(&check).contains("from the aio context my_server"));
    assert_no_secrets(&check);
    // Two contexts: a choice to make.
    p.write(
        "two.env",
        &format!("{}{}", aio_env("First"), aio_env("Second")),
    );
    let out = token_from(&ims, "two.env", &[]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("several aio contexts (first, second)")
            && stderr(&out).contains("--context NAME"),
        "{}",
        stderr(&out)
    );
    assert_exit(&token_from(&ims, "two.env", &["--context", "Second"]), 0);
    let out = ims
        .cmd()
        .args(["token", "--no-cache", "--env-file", "two.env"])
        .env("ADOBE_JWT_CONTEXT", "First")
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let out = token_from(&ims, "two.env", &["--context", "Third"]);
    assert_exit(&out, 3);
    assert!(stderr(&out).contains("no aio context named Third; the contexts found: first, second"));
}

#[test]
fn with_nothing_configured_oauth_comes_first() {
    let p = Project::new();
    p.write(".env", "AIO_runtime_auth=x\nANALYTICS_SUITE=y\n");
    let out = p.run(&["token"]);
    assert_exit(&out, 3);
    let err = stderr(&out);
    let oauth = err
        .find("IMS_OAUTH_S2S_CLIENT_ID")
        .expect("names the OAuth keys");
    let jwt = err.find("JWT_CLIENT_ID").expect("mentions JWT");
    assert!(oauth < jwt, "OAuth first: {err}");
    assert!(err.contains("legacy Service Account (JWT)"), "{err}");
    assert!(err.contains("adobe-jwt import PROJECT.json"), "{err}");
}

#[test]
fn near_miss_key_names_get_did_you_mean() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_CLIENT_SECERT={OAUTH_SECRET}\n\
IMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES=openid\n"
        ),
    );
    let out = p.run(&["token"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains(
            "did you mean: IMS_OAUTH_S2S_CLIENT_SECERT (.env:2) for IMS_OAUTH_S2S_CLIENT_SECRET?"
        ),
        "{}",
        stderr(&out)
    );
    assert_no_secrets(&out);
    let jwt = jwt_env_text(&b64(&fixtures().pkcs8))
        .replace("JWT_IMS_ORG=", "JWT_ORG_ID=")
        .replace("JWT_METASCOPES=", "JWT_METASCOPE=");
    p.write(".env", &jwt);
    let out = p.run(&["check-env", "--json"]);
    assert_exit(&out, 3);
    let report = json(&out);
    let problems = report["keys"].to_string();
    assert!(
        problems.contains("missing; .env:4 defines JWT_ORG_ID: did you mean JWT_IMS_ORG?")
            && problems
                .contains("missing; .env:5 defines JWT_METASCOPE: did you mean JWT_METASCOPES?"),
        "{problems}"
    );
}

#[test]
fn profiles_are_named_when_none_or_the_wrong_one_is_given() {
    let p = Project::new();
    p.write(
        ".env",
        "ANALYTICS_JWT_CLIENT_ID=a\nCAMPAIGN_PROD_IMS_OAUTH_S2S_CLIENT_ID=b\n",
    );
    let out = p.run(&["token"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out)
            .contains("holds keys for the profile(s) analytics, campaign-prod: add --profile NAME"),
        "{}",
        stderr(&out)
    );
    let out = p.run(&["token", "--profile", "nosuch"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("no credentials for profile nosuch: no NOSUCH_… key")
            && stderr(&out).contains("the profiles found: analytics, campaign-prod"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
    // Two profiles that begin so: both are named.
    p.write(
        "two.env",
        "STAGE2_JWT_CLIENT_ID=a\nSTAGING_JWT_CLIENT_ID=b\n",
    );
    let out = p.run(&["token", "--env-file", "two.env", "--profile", "stag"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("did you mean --profile stage2 or --profile staging?"),
        "{}",
        stderr(&out)
    );
    // A profile's beginning, or a typo of it, is what it nearly names.
    for given in ["anal", "campaign_prd", "ANALYTIKS"] {
        let out = p.run(&["token", "--profile", given]);
        assert_exit(&out, 3);
        let meant = if given.starts_with('c') {
            "campaign-prod"
        } else {
            "analytics"
        };
        assert!(
            stderr(&out).contains(&format!(
                "hint: did you mean --profile {meant}? the profiles found"
            )),
            "{given}: {}",
            stderr(&out)
        );
    }
}

/// `JWT_PRIVATE_KEY_PATH` (or `_FILE`) is the `@path` form it nearly is; the path is shown only when
/// it names a file beside the .env, since what a wrong name holds could be the key itself.
#[test]
fn a_key_file_path_under_a_path_name_is_told_the_at_form() {
    let p = Project::new();
    p.write("private.key", &fixtures().pkcs8);
    let without = jwt_env_text("x").replace("JWT_PRIVATE_KEY=x\n", "");
    p.write(
        ".env",
        &format!("{without}JWT_PRIVATE_KEY_PATH=./private.key\n"),
    );
    let out = p.jwt_run(&["check-env", "--json"]);
    assert_exit(&out, 3);
    let problems = json(&out)["keys"].to_string();
    assert!(
        problems.contains("missing; .env:6 defines JWT_PRIVATE_KEY_PATH: did you mean JWT_PRIVATE_KEY=@./private.key (the @ form reads the key from the file)?"),
        "{problems}"
    );
    let out = p.jwt_run(&["token"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains(
            "did you mean: JWT_PRIVATE_KEY_PATH (.env:6) for JWT_PRIVATE_KEY=@./private.key"
        ),
        "{}",
        stderr(&out)
    );
    // The form it names works.
    p.write(
        ".env",
        &format!("{without}JWT_PRIVATE_KEY=@./private.key\n"),
    );
    assert_exit(&p.jwt_run(&["check-env"]), 0);
    // A value that names no file is not echoed.
    let damaged = &b64(&fixtures().pkcs8)[..40];
    p.write(
        ".env",
        &format!(
            "{without}STAGING_JWT_PRIVATE_KEY_FILE={damaged}\n{}",
            without.replace("JWT_", "STAGING_JWT_")
        ),
    );
    let out = p.jwt_run(&["check-env", "--profile", "staging", "--json"]);
    assert_exit(&out, 3);
    let problems = json(&out)["keys"].to_string();
    assert!(
        problems.contains("defines STAGING_JWT_PRIVATE_KEY_FILE: did you mean STAGING_JWT_PRIVATE_KEY=@ and the file's path"),
        "{problems}"
    );
    assert!(!stdout(&out).contains(damaged), "the value was echoed");
}

#[test]
fn one_missing_key_is_one_error() {
    let p = Project::new();
    p.write(
        ".env",
        &format!("IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES=openid\n"),
    );
    let out = p.run(&["check-env", "--json"]);
    assert_exit(&out, 3);
    assert_eq!(json(&out)["errors"], 1);
}

#[test]
fn check_env_json_reports_a_file_it_cannot_read() {
    let p = Project::new();
    let out = p.run(&["check-env", "--json", "--env-file", "missing.env"]);
    assert_exit(&out, 3);
    let doc = json(&out);
    assert_eq!(doc["usable"], false);
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("missing.env does not exist")
    );
}

#[test]
fn the_certificate_is_compared_whenever_a_jwt_key_is_there() {
    let p = Project::new();
    p.write(
        ".env",
        &format!(
            "{}{}",
            jwt_env_text(&b64(&fixtures().pkcs8)),
            oauth_env_text()
        ),
    );
    p.write("certificate_pub.crt", &fixtures().certificate);
    let out = p.run(&["check-env", "--certificate", "certificate_pub.crt"]);
    assert!(
        stdout(&out).contains("the private key matches certificate_pub.crt"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn inspect_says_what_an_assertion_is_and_can_fetch() {
    let ims = Ims::start();
    let assertion = ims.token(&["--auth", "jwt", "--print-jwt"]);
    assert_exit(&assertion, 0);
    let out = ims
        .cmd()
        .args(["inspect", "-"])
        .write_stdin(assertion.stdout.clone())
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("JWT assertion") && text.contains("not an access token"),
        "{text}"
    );
    assert!(text.contains(METASCOPES), "{text}");
    let out = ims.run(&["inspect"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("adobe-jwt inspect --fetch"),
        "{}",
        stderr(&out)
    );
    let out = ims.run(&["inspect", "--fetch"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("access_token"));
    assert_eq!(ims.emulator.count(OAUTH_PATH), 1);
}

#[test]
fn an_unavailable_ims_gets_a_proxy_hint() {
    let ims = Ims::start();
    ims.emulator
        .fault(serde_json::json!({"path": OAUTH_PATH, "status": 503, "times": 3}));
    let out = ims.token(&["--no-cache"]);
    assert_exit(&out, 5);
    let err = stderr(&out);
    assert!(err.contains("proxy or captive portal"), "{err}");
    assert!(!err.contains("attempts"), "{err}");
}

/// A project file holding these credentials (JSON objects written out).
fn project_with(credentials: &[&str]) -> String {
    format!(
        r#"{{"project":{{"id":"1","name":"p","title":"Odd Project","org":{{"id":"25591412","name":"o","ims_org_id":"{ORG}"}},
"workspace":{{"id":"3","name":"Stage","details":{{"credentials":[{}]}}}}}}}}"#,
        credentials.join(",")
    )
}

fn oauth_credential(id: &str, name: &str, secret: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","integration_type":"oauth_server_to_server","oauth_server_to_server":{{"client_id":"{OAUTH_CLIENT_ID}","client_secrets":["{secret}"],"scopes":["openid","AdobeID"]}}}}"#
    )
}

#[test]
fn one_odd_credential_spoils_only_itself() {
    let p = Project::new();
    let odd = r#"{"id":"7","name":"Old JWT","integration_type":"service","jwt":{"client_id":"a","client_secret":"s","technical_account":"x@techacct.adobe.com"}}"#;
    p.write(
        "project.json",
        &project_with(&[odd, &oauth_credential("8", "Server", OAUTH_SECRET)]),
    );
    let out = p.run(&["import", "project.json"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("credential 'Old JWT' (id 7, service) cannot be imported: jwt.technical_account_id is missing"),
        "{}",
        stderr(&out)
    );
    assert!(p.read(".env").contains("IMS_OAUTH_S2S_CLIENT_ID="));
    let out = p.run(&[
        "import",
        "project.json",
        "--credential",
        "7",
        "--env-file",
        "jwt.env",
    ]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("jwt.technical_account_id is missing"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path("jwt.env").exists(), "nothing written");
    // A file that is not a project at all names the fields a project has.
    p.write("other.json", r#"{"credentials":[]}"#);
    let out = p.run(&["import", "other.json"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("project.org.ims_org_id and project.workspace.details.credentials"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn credential_ids_match_first_and_shared_names_are_listed() {
    let p = Project::new();
    p.write(
        "project.json",
        &project_with(&[
            &oauth_credential("2", "Server", OAUTH_SECRET),
            &oauth_credential("9", "2", "p8e-named-two"),
            &oauth_credential("10", "Twin", "p8e-twin-a"),
            &oauth_credential("11", "Twin", "p8e-twin-b"),
        ]),
    );
    let out = p.run(&["import", "project.json", "--credential", "2", "--stdout"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains(&format!("IMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n"))
            && stdout(&out).contains("IMS_OAUTH_S2S_CREDENTIAL_ID=2\n"),
        "the id wins over a name: {}",
        stdout(&out)
    );
    let out = p.run(&["import", "project.json", "--credential", "Twin"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("2 credentials are named Twin: 'Twin' (id 10, OAuth Server-to-Server), 'Twin' (id 11, OAuth Server-to-Server)")
            && stderr(&out).contains("--credential ID"),
        "{}",
        stderr(&out)
    );
    assert!(!p.path(".env").exists(), "nothing written");
    let out = p.run(&["import", "project.json", "--credential", "11"]);
    assert_exit(&out, 0);
}

#[test]
fn an_empty_client_secret_writes_nothing() {
    let p = Project::new();
    p.write(
        "project.json",
        &project_with(&[&oauth_credential("8", "Server", "")]),
    );
    p.write(".env", "A=1\n");
    let out = p.run(&["import", "project.json"]);
    assert_exit(&out, 3);
    assert!(
        stderr(&out)
            .contains("an empty value for IMS_OAUTH_S2S_CLIENT_SECRET; nothing was written"),
        "{}",
        stderr(&out)
    );
    assert_eq!(p.read(".env"), "A=1\n");
}

/// The example project file of docs/console-project.md: its one ```json block.
fn documented_project() -> String {
    let doc = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/console-project.md"),
    )
    .expect("docs/console-project.md");
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("\n```").next().expect("a closed block"))
        .collect();
    assert_eq!(blocks.len(), 1, "the page has one example JSON block");
    blocks[0].to_string()
}

/// Every `KEY=VALUE` line of a .env import wrote, as written.
fn written(p: &Project, file: &str) -> std::collections::BTreeMap<String, String> {
    p.read(file)
        .lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn the_documented_project_file_imports_as_its_page_says() {
    use serde_json::Value;
    let text = documented_project();
    let file: Value = serde_json::from_str(&text).expect("the example is JSON");
    let project = &file["project"];
    let credentials = project["workspace"]["details"]["credentials"]
        .as_array()
        .expect("credentials");
    let of_type = |kind: &str| {
        credentials
            .iter()
            .find(|c| c["integration_type"] == kind)
            .unwrap_or_else(|| panic!("the example has a {kind} credential"))
    };
    let (oauth, jwt, other) = (
        of_type("oauth_server_to_server"),
        of_type("service"),
        of_type("apikey"),
    );
    let s = |v: &Value| v.as_str().expect("a string").to_string();
    let p = Project::new();
    p.write("project.json", &text);
    p.write("private.key", &fixtures().pkcs8);
    let doc_secrets = [
        (
            "oauth secret",
            s(&oauth["oauth_server_to_server"]["client_secrets"][0]),
        ),
        ("jwt secret", s(&jwt["jwt"]["client_secret"])),
    ];

    // Two usable credentials: nothing written, each listed with its name and id.
    let out = p.run(&["import", "project.json", "--env-file", "none.env"]);
    assert_exit(&out, 2);
    assert_not_in(&out, &doc_secrets, true);
    for c in [oauth, jwt] {
        let listed = format!("'{}' (id {}, ", s(&c["name"]), s(&c["id"]));
        assert!(
            stderr(&out).contains(&listed),
            "{listed} in {}",
            stderr(&out)
        );
    }
    assert!(!p.path("none.env").exists(), "nothing was written");

    // The OAuth Server-to-Server credential, by its id: the keys the page's table names.
    let out = p.run(&[
        "import",
        "project.json",
        "--credential",
        &s(&oauth["id"]),
        "--env-file",
        "oauth.env",
    ]);
    assert_exit(&out, 0);
    assert_not_in(&out, &doc_secrets, true);
    let block = &oauth["oauth_server_to_server"];
    let expected: std::collections::BTreeMap<String, String> = [
        ("IMS_OAUTH_S2S_CLIENT_ID", s(&block["client_id"])),
        (
            "IMS_OAUTH_S2S_CLIENT_SECRET",
            s(&block["client_secrets"][0]),
        ),
        ("IMS_OAUTH_S2S_ORG_ID", s(&project["org"]["ims_org_id"])),
        ("IMS_OAUTH_S2S_SCOPES", format!("'{}'", block["scopes"])),
        ("IMS_OAUTH_S2S_CREDENTIAL_ID", s(&oauth["id"])),
        ("IMS_OAUTH_S2S_CONSOLE_ORG_ID", s(&project["org"]["id"])),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert!(
        written(&p, "oauth.env") == expected,
        "the OAuth keys differ from the page's table (values not shown): {:?}",
        written(&p, "oauth.env").keys().collect::<Vec<_>>()
    );
    let out = p
        .cmd()
        .args(["check-env", "--strict", "--env-file", "oauth.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);

    // The Service Account (JWT) credential, by its name, with the private key.
    let out = p.run(&[
        "import",
        "project.json",
        "--credential",
        &s(&jwt["name"]),
        "--private-key",
        "private.key",
        "--env-file",
        "jwt.env",
    ]);
    assert_exit(&out, 0);
    assert_not_in(&out, &doc_secrets, true);
    let block = &jwt["jwt"];
    let metascopes: Vec<String> = block["meta_scopes"]
        .as_array()
        .expect("meta_scopes")
        .iter()
        .map(s)
        .collect();
    let expected: std::collections::BTreeMap<String, String> = [
        ("JWT_CLIENT_ID", s(&block["client_id"])),
        ("JWT_CLIENT_SECRET", s(&block["client_secret"])),
        (
            "JWT_TECHNICAL_ACCOUNT_ID",
            s(&block["technical_account_id"]),
        ),
        ("JWT_IMS_ORG", s(&project["org"]["ims_org_id"])),
        ("JWT_METASCOPES", metascopes.join(",")),
        ("JWT_PRIVATE_KEY", b64(&fixtures().pkcs8)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert!(
        written(&p, "jwt.env") == expected,
        "the JWT keys differ from the page's table (values not shown): {:?}",
        written(&p, "jwt.env").keys().collect::<Vec<_>>()
    );
    let out = p
        .jwt_cmd()
        .args(["check-env", "--auth", "jwt", "--env-file", "jwt.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);

    // The API key is named as not a credential adobe-jwt can use.
    let out = p.run(&[
        "import",
        "project.json",
        "--credential",
        &s(&other["id"]),
        "--env-file",
        "none.env",
    ]);
    assert_exit(&out, 3);
    assert!(!p.path("none.env").exists(), "nothing was written");
}
