//! The committed completions and man pages are what the binary generates now.

use std::fs;
use std::path::Path;

use crate::common::*;

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn committed_completions_and_man_pages_are_fresh() {
    let p = Project::new();
    let out = p.run(&["generate-assets", "gen"]);
    assert_exit(&out, 0);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stale = Vec::new();
    for dir in ["completions", "docs/man"] {
        let generated = p.path("gen").join(dir);
        let committed = repo.join(dir);
        assert_eq!(
            files(&committed),
            files(&generated),
            "{dir}: the set of files differs"
        );
        for name in files(&generated) {
            if fs::read(generated.join(&name)).ok() != fs::read(committed.join(&name)).ok() {
                stale.push(format!("{dir}/{name}"));
            }
        }
    }
    // docs/environment.md is the table of variables in src/env_vars.rs.
    if fs::read(p.path("gen/docs/environment.md")).ok()
        != fs::read(repo.join("docs/environment.md")).ok()
    {
        stale.push("docs/environment.md".into());
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; regenerate with `cargo run -- generate-assets .` and commit"
    );
}

#[test]
fn completions_command_prints_the_committed_script() {
    let p = Project::new();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (shell, file) in [
        ("bash", "adobe-jwt.bash"),
        ("zsh", "_adobe-jwt"),
        ("fish", "adobe-jwt.fish"),
        ("powershell", "_adobe-jwt.ps1"),
        ("elvish", "adobe-jwt.elv"),
    ] {
        let out = p.run(&["completions", shell]);
        assert_exit(&out, 0);
        let committed = fs::read(repo.join("completions").join(file)).expect("committed");
        assert!(
            out.stdout == committed,
            "{shell}: the printed script differs from completions/{file}"
        );
    }
    let bash = p.run(&["completions", "bash"]);
    assert!(stdout(&bash).contains("encode-key") && stdout(&bash).contains("--min-validity"));
    let bad = p.run(&["completions", "tcsh"]);
    assert_exit(&bad, 2);
}

#[test]
fn version_names_the_commit() {
    let out = Project::new()
        .cmd()
        .arg("--version")
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("adobe-jwt {} (commit ", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
}
