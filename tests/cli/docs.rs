//! Every `adobe-jwt …` command shown in README.md and docs/ parses with the real CLI definitions, so
//! the docs cannot drift from the flags that exist.

use std::fs;
use std::path::Path;

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
            if let Err(e) = cli::parse_from(&args) {
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

/// GitHub's anchor for a heading: lower case, spaces to hyphens, punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_doc_link_reaches_a_file_and_a_section_that_exist() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = vec![repo.join("README.md"), repo.join("CHANGELOG.md")];
    docs.extend(
        std::fs::read_dir(repo.join("docs"))
            .expect("docs")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md")),
    );
    let link = regex::Regex::new(r"\]\(([^)\s]+)\)").expect("regex");
    // A path named in the text: docs/x.md, or a sibling's x.md in docs/.
    let named = regex::Regex::new(r"\b(docs/[a-z0-9-]+\.md)\b").expect("regex");
    let mut broken = Vec::new();
    for doc in &docs {
        let text = std::fs::read_to_string(doc).expect("doc");
        let dir = doc.parent().expect("a folder");
        let mut targets: Vec<String> = link
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        targets.extend(named.captures_iter(&text).map(|c| format!("/{}", &c[1])));
        for target in targets {
            if target.starts_with("http") || target.starts_with("mailto:") {
                continue;
            }
            let (path, anchor) = target.split_once('#').unwrap_or((&target, ""));
            let file = match path {
                "" => doc.clone(),
                p if p.starts_with('/') => repo.join(&p[1..]),
                p => dir.join(p),
            };
            if !file.exists() {
                broken.push(format!("{}: {target} (no such file)", doc.display()));
                continue;
            }
            if !anchor.is_empty() {
                let body = std::fs::read_to_string(&file).unwrap_or_default();
                let found = body
                    .lines()
                    .filter_map(|l| l.strip_prefix('#'))
                    .map(|l| slug(l.trim_start_matches('#')))
                    .any(|s| s == anchor);
                if !found {
                    broken.push(format!("{}: {target} (no such section)", doc.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}
