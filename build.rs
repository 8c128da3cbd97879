//! Records the git commit for `--version`, and which test tools this machine has.

use std::process::{Command, Stdio};

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=ADOBE_JWT_COMMIT={commit}");
    for path in [".git/HEAD", ".git/refs/heads", ".git/packed-refs"] {
        if std::path::Path::new(path).exists() {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    test_tools();
    core_files();
}

/// The core-dump test needs a kernel that writes core files into the working folder (a
/// `core_pattern` that is neither a pipe to a handler nor an absolute path): elsewhere it is ignored
/// (`no_core_in_cwd`), whatever CI says, since no core file could appear there to be looked for.
fn core_files() {
    println!("cargo:rustc-check-cfg=cfg(no_core_in_cwd)");
    println!("cargo:rerun-if-changed=/proc/sys/kernel/core_pattern");
    let cross = std::env::var("TARGET").ok() != std::env::var("HOST").ok();
    let pattern = std::fs::read_to_string("/proc/sys/kernel/core_pattern").unwrap_or_default();
    let pattern = pattern.trim();
    if cross || pattern.is_empty() || pattern.starts_with('|') || pattern.starts_with('/') {
        println!("cargo:rustc-cfg=no_core_in_cwd");
    }
}

/// Some tests compare with real tools: Node's dotenv (node and npm) and the openssl CLI; some need
/// mount namespaces (`unshare -rm`). Where a tool is missing, `no_node`, `no_openssl` or `no_unshare`
/// is set and those tests are ignored, which the test report
/// shows with the reason. Under CI (`CI` set) they are never ignored, so CI fails without the tool
/// rather than pass. A cross-build runs its tests on another system (Windows under Wine), where the
/// build machine's tools are not: they are ignored there too.
fn test_tools() {
    println!("cargo:rerun-if-env-changed=CI");
    // Not PATH itself: prepending a folder to it would rebuild everything. What the cfgs depend on
    // is watched instead: each tool found (reinstalled or removed), and, while one is missing, the
    // folders PATH names (installing it there changes the folder).
    let mut missing = false;
    let cross = std::env::var("TARGET").ok() != std::env::var("HOST").ok();
    let ci = std::env::var_os("CI").is_some();
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let tools: [(&str, &[(&str, &str)]); 6] = [
        ("no_node", &[("node", "--version"), (npm, "--version")]),
        ("no_openssl", &[("openssl", "version")]),
        // Mount namespaces (util-linux's unshare), for a .env that is a mount point or on a full disk.
        ("no_unshare", &[("unshare", "-rm true")]),
        // A real Secret Service for the keychain's OS store: each test starts its own D-Bus session
        // and GNOME Keyring, and looks with secret-tool (gnome-keyring libsecret-tools dbus-x11).
        (
            "no_secret_service",
            &[
                ("dbus-daemon", "--version"),
                ("gnome-keyring-daemon", "--version"),
                ("secret-tool", ON_PATH),
            ],
        ),
        // The age CLI, which must open the keychain file with the same passphrase (on a terminal
        // that util-linux's script gives it).
        ("no_age", &[("age", "--version"), ("script", ON_PATH)]),
        // git, for check-env's leak guard (a secret in a tracked file, or one git would take).
        ("no_git", &[("git", "--version")]),
    ];
    for (cfg, commands) in tools {
        println!("cargo:rustc-check-cfg=cfg({cfg})");
        let present = commands.iter().all(|(program, arg)| {
            match on_path(program) {
                Some(found) => println!("cargo:rerun-if-changed={}", found.display()),
                None => missing = true,
            }
            runs(program, arg)
        });
        if cross || (!present && !ci) {
            println!("cargo:rustc-cfg={cfg}");
        }
    }
    if missing {
        for dir in std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()) {
            if dir.is_dir() {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
        }
    }
}

/// Where `program` is on PATH (`.exe` added on Windows, where npm is `npm.cmd`).
fn on_path(program: &str) -> Option<std::path::PathBuf> {
    let names = [program.to_string(), format!("{program}.exe")];
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

/// Instead of arguments: the program need only be found on PATH (secret-tool has no --version).
const ON_PATH: &str = "";

fn runs(program: &str, args: &str) -> bool {
    if args == ON_PATH {
        return on_path(program).is_some();
    }
    Command::new(program)
        .args(args.split(' '))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}
