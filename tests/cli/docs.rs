//! Every `adobe-jwt …` command shown in README.md and docs/ parses with the real CLI definitions, so
//! the docs cannot drift from the flags that exist.

use std::fs;
use std::path::Path;

use clap::Parser;

use crate::cli;
use crate::common::*;

/// Shell-ish words of one command, up to the first pipe, redirection, `&&`, `;`, `)` or comment.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut has_word = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                has_word = true;
            }
            (None, '|' | '>' | '<' | '&' | ';' | ')' | '#' | '`') => break,
            (None, c) if c.is_whitespace() => {
                if has_word || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                has_word = false;
            }
            (None, c) => word.push(c),
        }
    }
    if has_word || !word.is_empty() {
        words.push(word);
    }
    words
}

/// Command lines in a markdown text: in fenced blocks (with `\` continuations joined) and in inline
/// code spans; synopses with `[--option]` are not commands.
fn commands(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut pending = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        let sources: Vec<String> = if in_block {
            // Shell comments are prose, not commands.
            let code = line.find(" #").map_or(line, |i| &line[..i]);
            pending.push_str(code.trim_end_matches('\\'));
            if line.ends_with('\\') {
                continue;
            }
            vec![std::mem::take(&mut pending)]
        } else {
            line.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        for source in sources {
            let mut rest = source.as_str();
            while let Some(at) = rest.find("adobe-jwt ") {
                let before = rest[..at].chars().last();
                let command = &rest[at..];
                // `npm install -g adobe-jwt`, `cargo install adobe-jwt`: a package name, not a command.
                let package = matches!(
                    rest[..at].split_whitespace().last(),
                    Some("install" | "-g" | "--global" | "add")
                );
                if before.is_none_or(|c| c.is_whitespace() || "$(|`'\"".contains(c))
                    && !command.contains("[-")
                    && !package
                {
                    found.push(command.to_string());
                }
                rest = &rest[at + "adobe-jwt ".len()..];
            }
        }
    }
    found
}

#[test]
fn every_documented_command_parses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("README.md")];
    files.extend(
        fs::read_dir(root.join("docs"))
            .expect("docs/")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).expect("readable");
        for command in commands(&text) {
            let args = words(&command);
            checked += 1;
            if let Err(e) = cli::Cli::try_parse_from(&args) {
                use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
                if !matches!(e.kind(), DisplayHelp | DisplayVersion) {
                    failures.push(format!("{}: `{command}`: {}", file.display(), e.kind()));
                }
            }
        }
    }
    assert!(
        checked >= 40,
        "only {checked} documented commands found: is the extractor broken?"
    );
    assert!(
        failures.is_empty(),
        "documented commands that do not parse:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_extractor_finds_commands_and_stops_at_pipes() {
    let text = "run `adobe-jwt token | adobe-jwt inspect - --json` or\n```sh\nadobe-jwt call https://x \\\n  -H 'a: b' > out\n```\n";
    let found = commands(text);
    assert_eq!(found.len(), 3);
    assert_eq!(words(&found[0]), ["adobe-jwt", "token"]);
    assert_eq!(words(&found[1]), ["adobe-jwt", "inspect", "-", "--json"]);
    assert_eq!(
        words(&found[2]),
        ["adobe-jwt", "call", "https://x", "-H", "a: b"]
    );
}

/// The README's example passes `check-env --strict` once it is private (git gives it mode 0644).
#[test]
fn the_example_env_passes_strict_once_private() {
    let p = Project::new();
    let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/oauth.env"))
        .expect("the example is committed");
    p.write("oauth.env", &text);
    let out = p
        .cmd()
        .args(["check-env", "--strict", "--env-file", "oauth.env"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&out)
    );
}
