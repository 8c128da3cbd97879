//! The GitHub Action (action.yml) and the CI recipes: their steps are scripts/ci-token, run here as a
//! runner runs it (GITHUB_ACTIONS=true, temporary GITHUB_ENV and GITHUB_PATH files; TF_BUILD=True;
//! GitLab's plain shell), against the emulator, installing from a release archive made of the binary
//! under test: no published release is needed. The step's log is read as the runner shows it, with
//! the masks announced before each line applied.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::*;

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A release archive as scripts/dist lays it out, holding the binary under test.
fn archive(p: &Project) -> PathBuf {
    let name = format!("adobe-jwt-{VERSION}-test-target");
    let stage = p.path("stage").join(&name);
    std::fs::create_dir_all(&stage).expect("stage");
    std::fs::copy(
        assert_cmd::cargo::cargo_bin!("adobe-jwt"),
        stage.join("adobe-jwt"),
    )
    .expect("copy the binary");
    let archive = p.path(&format!("{name}.tar.gz"));
    let status = Command::new("tar")
        .arg("-C")
        .arg(p.path("stage"))
        .arg("-czf")
        .arg(&archive)
        .arg(&name)
        .status_bounded();
    assert!(status.success(), "tar");
    archive
}

/// scripts/ci-token as a runner runs it: nothing of the developer's environment, the inputs as
/// action.yml maps them, stdout and stderr into one log (the runner reads both alike).
fn step(ims: &Ims, vars: &[(&str, &str)]) -> (Output, String) {
    let p = &ims.project;
    let work = p.path("workspace");
    std::fs::create_dir_all(&work).expect("workspace");
    let mut cmd = Command::new("bash");
    cmd.arg(root().join("scripts/ci-token"))
        .env_clear()
        .envs(
            p.std_cmd()
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
        )
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .env("RUNNER_TEMP", p.path("runner-temp"))
        .env("INPUT_CLIENT_ID", OAUTH_CLIENT_ID)
        .env("INPUT_CLIENT_SECRET", OAUTH_SECRET)
        .env("INPUT_ORG_ID", ORG)
        .env("INPUT_SCOPES", "openid,AdobeID,read_organizations")
        .envs(vars.iter().copied())
        // The workspace has no .env: the credentials are the inputs.
        .current_dir(&work)
        .stdin(Stdio::null());
    let (reader, writer) = std::io::pipe().expect("pipe");
    cmd.stdout(writer.try_clone().expect("clone"))
        .stderr(writer);
    let child = cmd.spawn().expect("bash runs");
    drop(cmd);
    let log = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut { reader }, &mut text).expect("log");
        text
    });
    let out = wait_bounded(child);
    (out, log.join().expect("log"))
}

/// Assert a step's exit code; on failure say what its log held, [`redacted`] (the step's own
/// stderr is the log).
#[track_caller]
fn assert_step_exit(out: &Output, log: &str, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "expected exit {code}; the log was (redacted):\n{}",
        redacted(log, &[])
    );
}

fn lines_of(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .expect("the file")
        .lines()
        .map(|l| {
            let (k, v) = l.split_once('=').expect("NAME=value");
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn accepted(ims: &Ims, token: &str) -> bool {
    http_client()
        .get(format!("{}/api/echo", ims.emulator.url))
        .bearer_auth(token)
        .header("x-api-key", OAUTH_CLIENT_ID)
        .send()
        .is_ok_and(|r| r.status().is_success())
}

#[test]
fn the_action_exports_a_masked_token_and_its_expiry_and_its_log_holds_no_value() {
    let ims = Ims::start();
    let p = &ims.project;
    let archive = archive(p);
    let (env_file, path_file) = (p.path("github_env"), p.path("github_path"));
    std::fs::write(&env_file, "").expect("GITHUB_ENV");
    std::fs::write(&path_file, "").expect("GITHUB_PATH");
    let (out, log) = step(
        &ims,
        &[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_ENV", env_file.to_str().expect("path")),
            ("GITHUB_PATH", path_file.to_str().expect("path")),
            ("RUNNER_DEBUG", "1"),
            ("INPUT_INSTALL", "archive"),
            ("INPUT_SOURCE", archive.to_str().expect("path")),
            ("INPUT_EXPORT_CREDENTIALS", "true"),
        ],
    );
    let (shown, masks) = as_the_runner_shows(&log);
    let masked: Vec<&str> = masks.iter().map(String::as_str).collect();
    assert!(
        out.status.success(),
        "the step failed:\n{}",
        redacted(&shown, &masked)
    );
    println!(
        "the step's log as the runner shows it (redacted):\n{}",
        redacted(&shown, &masked)
    );
    // $GITHUB_ENV: the token, the ids, the expiry, and with export-credentials aio's variables.
    let exported = lines_of(&env_file);
    let names: Vec<&str> = exported.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "ADOBE_ACCESS_TOKEN",
            "ADOBE_CLIENT_ID",
            "ADOBE_ORG_ID",
            "ADOBE_ACCESS_TOKEN_EXPIRES_AT",
            "IMS_OAUTH_S2S_CLIENT_ID",
            "IMS_OAUTH_S2S_CLIENT_SECRET",
            "IMS_OAUTH_S2S_ORG_ID",
            "IMS_OAUTH_S2S_SCOPES",
        ]
    );
    let value = |name: &str| {
        exported
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .expect("exported")
    };
    let token = value("ADOBE_ACCESS_TOKEN");
    assert!(accepted(&ims, &token), "the exported token works");
    assert_eq!(value("ADOBE_CLIENT_ID"), OAUTH_CLIENT_ID);
    assert_eq!(value("ADOBE_ORG_ID"), ORG);
    let at = humantime::parse_rfc3339(&value("ADOBE_ACCESS_TOKEN_EXPIRES_AT")).expect("RFC 3339");
    let left = at
        .duration_since(std::time::SystemTime::now())
        .expect("future")
        .as_secs();
    assert!(
        (86_300..=86_400).contains(&left),
        "the real expiry: {left}s"
    );
    assert!(
        value("IMS_OAUTH_S2S_CLIENT_SECRET") == OAUTH_SECRET,
        "the secret is exported"
    );
    assert_eq!(value("IMS_OAUTH_S2S_SCOPES"), OAUTH_SCOPES);
    // $GITHUB_PATH: the folder of the installed binary.
    let path = std::fs::read_to_string(&path_file).expect("GITHUB_PATH");
    let bindir = PathBuf::from(path.trim());
    let installed = Command::new(bindir.join("adobe-jwt"))
        .arg("--version")
        .output_bounded();
    assert!(
        stdout(&installed).starts_with(&format!("adobe-jwt {VERSION}")),
        "{}",
        stdout(&installed)
    );
    // The log: the token and the secret were announced, and no line shows either.
    assert!(masks.contains(&token), "the token is masked");
    assert!(
        masks.iter().any(|m| m == OAUTH_SECRET),
        "the secret is masked"
    );
    for (what, v) in [("the token", token.as_str()), ("the secret", OAUTH_SECRET)] {
        assert!(!shown.contains(v), "{what} shows in the log");
    }
    assert!(
        shown.contains("exported ADOBE_ACCESS_TOKEN (masked)"),
        "{}",
        redacted(&shown, &masked)
    );
    // A later step that echoes them shows only ***: the masks hold for the rest of the job.
    let later = Command::new("sh")
        .arg("-c")
        .arg("echo \"later step: $ADOBE_ACCESS_TOKEN $IMS_OAUTH_S2S_CLIENT_SECRET\"")
        .env_clear()
        .envs(exported.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output_bounded();
    let (later_shown, _) = as_the_runner_shows(&format!("{log}{}", stdout(&later)));
    assert!(
        later_shown.ends_with("later step: *** ***\n"),
        "{}",
        redacted(&later_shown, &[&token])
    );
}

#[test]
fn under_azure_pipelines_the_recipe_sets_secret_variables() {
    let ims = Ims::start();
    let archive = archive(&ims.project);
    let (out, log) = step(
        &ims,
        &[
            ("TF_BUILD", "True"),
            ("INPUT_INSTALL", "archive"),
            ("INPUT_SOURCE", archive.to_str().expect("path")),
        ],
    );
    assert!(out.status.success(), "the step failed");
    let lines: Vec<&str> = log.lines().collect();
    let setvar = |name: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(&format!("##vso[task.setvariable variable={name};")))
            .expect("set")
    };
    let at = setvar("ADOBE_ACCESS_TOKEN");
    let token = lines[at]
        .strip_prefix("##vso[task.setvariable variable=ADOBE_ACCESS_TOKEN;issecret=true]")
        .expect("the token is a secret variable");
    assert!(accepted(&ims, token));
    let secret_at = lines
        .iter()
        .position(|l| *l == format!("##vso[task.setsecret]{token}"))
        .expect("announced");
    assert!(secret_at < at, "announced before it is set");
    assert!(
        lines[setvar("ADOBE_CLIENT_ID")].ends_with(&format!("issecret=false]{OAUTH_CLIENT_ID}"))
    );
    setvar("ADOBE_ACCESS_TOKEN_EXPIRES_AT");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("##vso[task.prependpath]"))
    );
    assert!(!log.contains("::add-mask::"));
}

#[test]
fn in_gitlab_the_recipe_exports_into_the_jobs_shell_and_exec_mask_hides_the_token() {
    let ims = Ims::start();
    let archive = archive(&ims.project);
    let script = root().join("scripts/ci-token");
    let job = format!(
        "set -e\nexports=\"$(bash '{}')\"\neval \"$exports\"\n\
         adobe-jwt exec --mask --auth oauth -- sh -c 'echo \"child sees: $ADOBE_ACCESS_TOKEN\"'\n\
         echo \"expires: $ADOBE_ACCESS_TOKEN_EXPIRES_AT\"\n\
         test -n \"$ADOBE_ACCESS_TOKEN\" && echo \"the shell has a token\"",
        script.display()
    );
    let (out, log) = {
        // The job's variables: the credentials as GitLab's masked CI/CD variables give them.
        let p = &ims.project;
        std::fs::create_dir_all(p.path("workspace")).expect("workspace");
        let out = Command::new("sh")
            .arg("-c")
            .arg(&job)
            .env_clear()
            .envs(
                p.std_cmd()
                    .get_envs()
                    .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v.to_owned()))),
            )
            .env("GITLAB_CI", "true")
            .env("ADOBE_IMS_URL", &ims.emulator.url)
            .env("RUNNER_TEMP", p.path("runner-temp"))
            .env("INPUT_CLIENT_ID", OAUTH_CLIENT_ID)
            .env("INPUT_CLIENT_SECRET", OAUTH_SECRET)
            .env("INPUT_ORG_ID", ORG)
            .env("INPUT_SCOPES", "openid,AdobeID,read_organizations")
            .env("IMS_OAUTH_S2S_CLIENT_ID", OAUTH_CLIENT_ID)
            .env("IMS_OAUTH_S2S_CLIENT_SECRET", OAUTH_SECRET)
            .env("IMS_OAUTH_S2S_ORG_ID", ORG)
            .env("IMS_OAUTH_S2S_SCOPES", "openid,AdobeID,read_organizations")
            .env("INPUT_INSTALL", "archive")
            .env("INPUT_SOURCE", &archive)
            .current_dir(p.path("workspace"))
            .output_bounded();
        let log = format!("{}{}", stdout(&out), stderr(&out));
        (out, log)
    };
    let shown = redacted(&log, &[]);
    assert!(out.status.success(), "the job failed: {shown}");
    assert!(log.contains("child sees: ***\n"), "{shown}");
    assert!(log.contains("the shell has a token\n"));
    assert!(log.contains("expires: 20"), "{shown}");
    assert!(!log.contains("eyJ"), "no token in the job's log");
    assert!(!log.contains(OAUTH_SECRET), "no secret in the job's log");
}

#[test]
fn the_action_refuses_what_it_cannot_install_and_says_how() {
    let ims = Ims::start();
    let p = &ims.project;
    let (env_file, path_file) = (p.path("github_env"), p.path("github_path"));
    let github = [
        ("GITHUB_ACTIONS", "true"),
        ("GITHUB_ENV", env_file.to_str().expect("path")),
        ("GITHUB_PATH", path_file.to_str().expect("path")),
    ];
    let (out, log) = step(
        &ims,
        &[&github[..], &[("INPUT_INSTALL", "archive")]].concat(),
    );
    assert_step_exit(&out, &log, 1);
    assert!(
        log.contains("no release is published yet"),
        "{}",
        redacted(&log, &[])
    );
    let (out, log) = step(
        &ims,
        &[
            &github[..],
            &[("INPUT_INSTALL", "cargo"), ("INPUT_VERSION", "9.9.9")],
        ]
        .concat(),
    );
    assert_step_exit(&out, &log, 1);
    assert!(
        log.contains(&format!("which is adobe-jwt {VERSION}, not 9.9.9")),
        "{}",
        redacted(&log, &[])
    );
    let (out, log) = step(&ims, &[&github[..], &[("INPUT_INSTALL", "brew")]].concat());
    assert_step_exit(&out, &log, 1);
    assert!(
        log.contains("install must be cargo, archive or npm"),
        "{}",
        redacted(&log, &[])
    );
    // A wrong secret: IMS's refusal and its exit code, and nothing exported.
    let archive = archive(p);
    let (out, log) = step(
        &ims,
        &[
            &github[..],
            &[
                ("INPUT_INSTALL", "archive"),
                ("INPUT_SOURCE", archive.to_str().expect("path")),
                ("INPUT_CLIENT_SECRET", "p8e-not-the-secret-at-all"),
            ],
        ]
        .concat(),
    );
    assert_step_exit(&out, &log, 4);
    assert!(
        !as_the_runner_shows(&log)
            .0
            .contains("p8e-not-the-secret-at-all")
    );
    assert_eq!(std::fs::read_to_string(&env_file).unwrap_or_default(), "");
}

#[test]
#[ignore = "needs scripts/dist first: .ci/run runs it with ADOBE_JWT_DIST_DIR"]
fn the_action_installs_from_the_npm_tarballs_and_the_archive_scripts_dist_makes() {
    let dist = std::env::var_os("ADOBE_JWT_DIST_DIR")
        .map(PathBuf::from)
        .expect("set ADOBE_JWT_DIST_DIR to a dist/ made by scripts/dist");
    let host = String::from_utf8(Command::new("rustc").arg("-vV").output_bounded().stdout)
        .expect("rustc -vV")
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("host");
    let archive = dist.join(format!("adobe-jwt-{VERSION}-{host}.tar.gz"));
    let npm = dist.join("npm");
    let platform = std::fs::read_dir(&npm)
        .expect("dist/npm")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            name.starts_with("adobe-jwt-linux-") || name.starts_with("adobe-jwt-darwin-")
        })
        .expect("the platform package");
    let main = npm.join(format!("adobe-jwt-{VERSION}.tgz"));
    let source = format!("{} {}", platform.display(), main.display());
    for (install, source) in [("archive", archive.display().to_string()), ("npm", source)] {
        let ims = Ims::start();
        let p = &ims.project;
        let (env_file, path_file) = (p.path("github_env"), p.path("github_path"));
        let npm_cache = p.path("npm-cache");
        let (out, log) = step(
            &ims,
            &[
                ("GITHUB_ACTIONS", "true"),
                ("GITHUB_ENV", env_file.to_str().expect("path")),
                ("GITHUB_PATH", path_file.to_str().expect("path")),
                ("INPUT_INSTALL", install),
                ("INPUT_SOURCE", &source),
                ("npm_config_cache", npm_cache.to_str().expect("path")),
                ("npm_config_offline", "true"),
                ("npm_config_omit", "optional"),
            ],
        );
        let (shown, masks) = as_the_runner_shows(&log);
        let masked: Vec<&str> = masks.iter().map(String::as_str).collect();
        assert!(
            out.status.success(),
            "{install}: {}",
            redacted(&shown, &masked)
        );
        let token = lines_of(&env_file)
            .into_iter()
            .find(|(k, _)| k == "ADOBE_ACCESS_TOKEN")
            .expect("token")
            .1;
        assert!(accepted(&ims, &token), "{install}");
        assert!(!shown.contains(&token), "{install}");
    }
}
