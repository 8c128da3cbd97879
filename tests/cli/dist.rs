//! The npm packages `scripts/dist` makes, installed from their tarballs alone (no registry) into a
//! temporary prefix: the `adobe-jwt` command npm puts on the PATH runs the binary. `.ci/run` builds
//! dist/ and then runs this with `ADOBE_JWT_DIST_DIR` set.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// npm's name for this platform, as the platform packages are named.
fn npm_platform() -> String {
    let os = match std::env::consts::OS {
        "windows" => "win32",
        "macos" => "darwin",
        other => other,
    };
    let cpu = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    format!("{os}-{cpu}")
}

fn tarball(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}-{}.tgz", env!("CARGO_PKG_VERSION")));
    assert!(path.is_file(), "{} is missing from dist", path.display());
    path
}

#[test]
#[ignore = "needs scripts/dist first: .ci/run runs it with ADOBE_JWT_DIST_DIR"]
fn npm_packages_install_from_their_tarballs_and_run() {
    let dist = std::env::var_os("ADOBE_JWT_DIST_DIR")
        .map(PathBuf::from)
        .expect("set ADOBE_JWT_DIST_DIR to a dist/ made by scripts/dist");
    let npm_dir = dist.join("npm");
    let main = tarball(&npm_dir, "adobe-jwt");
    let platform = tarball(&npm_dir, &format!("adobe-jwt-{}", npm_platform()));
    let p = Project::new();
    let prefix = p.path("prefix");
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let out = Command::new(npm)
        .args([
            "install",
            "--global",
            "--offline",
            "--no-audit",
            "--no-fund",
            "--omit=optional",
            "--prefix",
        ])
        .arg(&prefix)
        .arg(&platform)
        .arg(&main)
        .env("npm_config_cache", p.path("npm-cache"))
        .output_bounded();
    assert!(
        out.status.success(),
        "npm install failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shim = if cfg!(windows) {
        prefix.join("adobe-jwt.cmd")
    } else {
        prefix.join("bin/adobe-jwt")
    };
    assert!(
        shim.exists(),
        "npm put no adobe-jwt command at {}",
        shim.display()
    );
    // The project's isolated environment (PATH included, for node), with the shim as the program.
    let run = |args: &[&str]| {
        let isolated = p.std_cmd();
        let mut shimmed = Command::new(&shim);
        shimmed
            .args(args)
            .env_clear()
            .envs(isolated.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
            .env("TMPDIR", p.path("tmp"))
            .current_dir(p.dir.path());
        shimmed.output_bounded()
    };
    std::fs::create_dir_all(p.path("tmp")).expect("tmp");
    let version = run(&["--version"]);
    assert_exit(&version, 0);
    assert!(
        stdout(&version).starts_with(&format!("adobe-jwt {}", env!("CARGO_PKG_VERSION"))),
        "{}",
        stdout(&version)
    );
    let demo = run(&["demo"]);
    assert_exit(&demo, 0);
    assert!(stdout(&demo).contains("Next, with real credentials"));
    // The guides the hints name ship with the package and in the archives.
    let package = if cfg!(windows) {
        prefix.join("node_modules/adobe-jwt")
    } else {
        prefix.join("lib/node_modules/adobe-jwt")
    };
    assert!(package.join("docs/migrate-to-oauth.md").is_file());
    assert!(package.join("docs/rotate.md").is_file());
    let archives: Vec<PathBuf> = std::fs::read_dir(&dist)
        .expect("dist")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".tar.gz"))
        .collect();
    assert!(!archives.is_empty(), "no archive in dist");
    for archive in archives {
        let listed = Command::new("tar")
            .arg("-tzf")
            .arg(&archive)
            .output_bounded();
        assert!(
            stdout(&listed).contains("/docs/migrate-to-oauth.md\n"),
            "{} lacks the migration guide",
            archive.display()
        );
    }
}
