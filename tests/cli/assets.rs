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

/// The page names a man page cites, `adobe\-jwt\-secret\-list(1)` read as `adobe-jwt-secret-list`.
fn cited(page: &str) -> Vec<String> {
    let text = page.replace("\\-", "-");
    let mut names = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("adobe-jwt") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(tail.len());
        if tail[end..].starts_with("(1)") {
            names.push(tail[..end].to_string());
        }
        rest = &tail[end..];
    }
    names
}

#[test]
fn every_man_page_cites_pages_that_exist_and_has_the_sections_of_a_man_page() {
    let p = Project::new();
    assert_exit(&p.run(&["generate-assets", "gen"]), 0);
    let dir = p.path("gen/docs/man");
    let pages = files(&dir);
    // One page per command and per command under secret and keychain, and none for clap's help.
    for name in [
        "adobe-jwt.1",
        "adobe-jwt-token.1",
        "adobe-jwt-secret-list.1",
        "adobe-jwt-secret-prune.1",
        "adobe-jwt-keychain-restore.1",
    ] {
        assert!(pages.iter().any(|p| p == name), "no {name} in {pages:?}");
    }
    assert!(!pages.iter().any(|p| p.contains("help")), "{pages:?}");
    assert!(
        !pages.iter().any(|p| p.contains("generate-assets")),
        "{pages:?}"
    );
    for name in &pages {
        let page = fs::read_to_string(dir.join(name)).expect("a page");
        for section in [
            ".SH SYNOPSIS",
            ".SH \"EXIT STATUS\"",
            ".SH ENVIRONMENT",
            ".SH EXAMPLES",
            ".SH \"SEE ALSO\"",
        ] {
            assert!(page.contains(section), "{name} has no {section}");
        }
        assert!(
            !page.contains(".SH EXTRA"),
            "{name}: the examples are a section of their own"
        );
        // Every option is described, those `-h` leaves out too.
        let lines: Vec<&str> = page.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            if *l == ".TP" && lines.get(i + 1).is_some_and(|o| o.starts_with("\\fB\\-")) {
                let text = lines.get(i + 2).copied().unwrap_or("");
                assert!(
                    !text.is_empty() && !text.starts_with('.'),
                    "{name}: {} has no description",
                    lines[i + 1]
                );
            }
        }
        for cited in cited(&page) {
            assert!(
                pages.contains(&format!("{cited}.1")),
                "{name} cites {cited}(1), which is not a page"
            );
        }
    }
    // Each page's sections are the command's own: secret's Console variable is not on token's
    // page, nor call's exit 6 on encode-key's, and the examples are those --help shows.
    let read = |name: &str| fs::read_to_string(dir.join(name)).expect("a page");
    assert!(read("adobe-jwt-secret-rotate.1").contains("ADOBE_CONSOLE_API_URL"));
    assert!(!read("adobe-jwt-token.1").contains("ADOBE_CONSOLE_API_URL"));
    assert!(
        read("adobe-jwt-call.1").contains("\n.B 6\n")
            || read("adobe-jwt-call.1").contains("\\fB6\\fR")
    );
    let encode = read("adobe-jwt-encode-key.1");
    assert!(
        !encode.contains("\\fB6\\fR") && !encode.contains("SSL_CERT_FILE"),
        "{encode}"
    );
    let help = p.run(&["encode-key", "--help"]);
    assert_exit(&help, 0);
    let example = "adobe-jwt encode-key private.key --write";
    assert!(stdout(&help).contains(example));
    assert!(encode.replace("\\-", "-").contains(example));
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

/// What bash's completion function offers for the words typed so far (the last one being
/// completed), driven as bash drives it: `COMP_WORDS`, `COMP_CWORD`, then the function with the
/// command, the current word and the previous one.
#[cfg(unix)]
fn bash_completes(words: &[&str]) -> Vec<String> {
    let p = Project::new();
    let script = p.path("completion.bash");
    fs::write(&script, stdout(&p.run(&["completions", "bash"]))).expect("script");
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cword = words.len() - 1;
    let prev = if cword > 0 { words[cword - 1] } else { "" };
    let driver = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE='{}'\nCOMP_POINT=${{#COMP_LINE}}\n\
         _adobe__jwt adobe-jwt '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.join(" "),
        words[cword],
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &driver])
        .current_dir(p.dir.path())
        .output_bounded();
    assert!(out.status.success(), "bash: {}", stderr(&out));
    stdout(&out).lines().map(str::to_string).collect()
}

#[cfg(unix)]
#[test]
fn bash_completes_options_after_the_subcommand() {
    let offered = bash_completes(&["adobe-jwt", "token", "--for"]);
    assert!(
        offered.contains(&"--format".to_string()) && offered.contains(&"--forget".to_string()),
        "{offered:?}"
    );
    let values = bash_completes(&["adobe-jwt", "token", "--format", ""]);
    assert!(values.contains(&"headers".to_string()), "{values:?}");
    let nested = bash_completes(&["adobe-jwt", "secret", "ro"]);
    assert_eq!(nested, ["rotate"]);
    let commands = bash_completes(&["adobe-jwt", ""]);
    assert!(commands.contains(&"check-env".to_string()), "{commands:?}");
    assert!(
        !commands.iter().any(|c| c == "generate-assets"),
        "the hidden command is not offered"
    );
}

#[test]
fn no_shell_offers_the_hidden_command() {
    let p = Project::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = p.run(&["completions", shell]);
        assert_exit(&out, 0);
        assert!(
            !stdout(&out).contains("generate-assets"),
            "{shell} offers generate-assets"
        );
    }
}

#[test]
fn the_version_the_changelog_and_the_docs_agree() {
    let version = env!("CARGO_PKG_VERSION");
    let out = Project::new().run(&["--version"]);
    assert!(
        stdout(&out).starts_with(&format!("adobe-jwt {version} (commit ")),
        "{}",
        stdout(&out)
    );
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let changelog = fs::read_to_string(repo.join("CHANGELOG.md")).expect("CHANGELOG.md");
    let first = changelog
        .lines()
        .find(|l| l.starts_with("## ["))
        .expect("a release heading");
    assert!(
        first.starts_with(&format!("## [{version}] - ")),
        "the newest entry is this version: {first}"
    );
    // No document speaks of a version the crate has not reached.
    let minor: u32 = version
        .split('.')
        .nth(1)
        .expect("x.y.z")
        .parse()
        .expect("a number");
    let mentions = regex::Regex::new(r"\b(?:adobe-jwt|[Ii]n|[Uu]ntil|[Ss]ince|version) 0\.(\d+)\b")
        .expect("regex");
    let mut docs = vec![repo.join("README.md")];
    docs.extend(
        fs::read_dir(repo.join("docs"))
            .expect("docs")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    for doc in docs {
        let text = fs::read_to_string(&doc).expect("doc");
        for m in mentions.captures_iter(&text) {
            let n: u32 = m[1].parse().expect("a number");
            assert!(
                n <= minor,
                "{} speaks of {} (the crate is {version})",
                doc.display(),
                &m[0]
            );
        }
    }
}
