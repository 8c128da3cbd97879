//! `generate-assets DIR` (hidden): the committed completion scripts (`completions/`) and man pages
//! (`docs/man/`), from the clap definitions, and `docs/environment.md`, from the table of
//! environment variables; a test checks the committed ones are up to date.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use crate::error::{Context, Result};
use clap_complete::{Generator, Shell};

use crate::cli::{NAME, documented};
use crate::env_vars;

/// Write `completions/` and `docs/man/` under `root` (the repository, or a folder a test compares).
pub fn run(root: &Path) -> Result<ExitCode> {
    let completions = root.join("completions");
    fs::create_dir_all(&completions).context(format!("creating {}", completions.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let script = super::completions::script(shell);
        let path = completions.join(shell.file_name(NAME));
        fs::write(&path, script).context(format!("writing {}", path.display()))?;
    }
    let man = root.join("docs").join("man");
    fs::create_dir_all(&man).context(format!("creating {}", man.display()))?;
    // The `help` subcommand is clap's; it has no page of its own, so no page names one.
    let mut cmd = documented().disable_help_subcommand(true);
    cmd = without_help_subcommands(cmd);
    cmd.build();
    write_pages(&man, &cmd, "")?;
    let variables = root.join("docs").join("environment.md");
    fs::write(&variables, environment_page())
        .context(format!("writing {}", variables.display()))?;
    Ok(ExitCode::SUCCESS)
}

/// docs/environment.md: every variable adobe-jwt reads, from `env_vars::ALL`.
fn environment_page() -> String {
    let mut page = String::from(
        "# Environment variables\n\n\
Every variable adobe-jwt reads besides the credentials, generated from `src/env_vars.rs` (`cargo run -- \
generate-assets .`). An empty variable is an unset one. A text setting whose value is not UTF-8 is an \
error naming it (exit 3), never taken for unset; a path is read as the system gives it. The tool \
settings (`ADOBE_*`) come from the environment and flags only, never from a .env.\n\n\
The credentials themselves (`JWT_*`, `IMS_OAUTH_S2S_*`, aio's `AIO_ims_contexts_*`, with any \
`--profile` prefix) are listed in env-format.md.\n\n\
| variable | holds | meaning |\n|---|---|---|\n",
    );
    for var in env_vars::ALL {
        let holds = match var.holds {
            env_vars::Holds::Text => "text",
            env_vars::Holds::Path => "path",
        };
        page.push_str(&format!("| `{}` | {holds} | {} |\n", var.name, var.meaning));
    }
    page
}

fn without_help_subcommands(cmd: clap::Command) -> clap::Command {
    cmd.mut_subcommands(|sub| without_help_subcommands(sub.disable_help_subcommand(true)))
}

/// The page of `cmd` (a built command, named by its words `path`) and of each command under it.
fn write_pages(dir: &Path, cmd: &clap::Command, path: &str) -> Result<()> {
    let name = page_name(path);
    write_man(&dir.join(format!("{name}.1")), cmd, path)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let words = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        write_pages(dir, sub, &words)?;
    }
    Ok(())
}

/// `adobe-jwt-secret-rotate` for `secret rotate`.
fn page_name(path: &str) -> String {
    std::iter::once(NAME)
        .chain(path.split(' ').filter(|w| !w.is_empty()))
        .collect::<Vec<_>>()
        .join("-")
}

/// clap_mangen's sections (name, synopsis, description, options, subcommands, version), then
/// ours from the tables `--help` shows: EXIT STATUS, ENVIRONMENT, EXAMPLES and SEE ALSO.
fn write_man(path: &Path, cmd: &clap::Command, words: &str) -> Result<()> {
    // The examples and exit codes are sections of their own here, not clap's EXTRA.
    let shown = cmd
        .clone()
        .name(page_name(words))
        .version(env!("CARGO_PKG_VERSION"))
        .after_help(None::<&str>)
        .after_long_help(None::<&str>)
        // A man page is the whole reference: what `-h` leaves out has its text here too
        // (clap_mangen drops the help of an option hidden from the short help).
        .mut_args(|a| a.hide_short_help(false));
    let mut page = Vec::new();
    clap_mangen::Man::new(shown).render(&mut page)?;
    let page = String::from_utf8(page).context("rendering a man page")?;
    let ours = sections(cmd, words);
    // Before VERSION, clap_mangen's last section.
    let page = match page.find(".SH VERSION") {
        Some(at) => format!("{}{ours}{}", &page[..at], &page[at..]),
        None => format!("{page}{ours}"),
    };
    fs::write(path, page).context(format!("writing {}", path.display()))
}

/// Guides of docs/ about one command, named first in its page's SEE ALSO (by its words).
const GUIDES: &[(&str, &str)] = &[("import", "console-project.md")];

fn sections(cmd: &clap::Command, words: &str) -> String {
    use roff::{Roff, bold, italic, roman};
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, _, meaning, by) in crate::cli::EXIT_STATUS {
        if crate::cli::applies(cmd, words, by) {
            roff.control("TP", [] as [&str; 0]);
            roff.text([bold(*code)]);
            roff.text([roman(*meaning)]);
        }
    }
    roff.control("PP", [] as [&str; 0]);
    roff.text([roman(
        "docs/exit-codes.md says what each command exits with, case by case.",
    )]);
    let variables: Vec<_> = env_vars::ALL
        .iter()
        .filter(|v| crate::cli::applies(cmd, words, v.read_by))
        .collect();
    if !variables.is_empty() {
        roff.control("SH", ["ENVIRONMENT"]);
        for var in variables {
            roff.control("TP", [] as [&str; 0]);
            roff.text([bold(var.name)]);
            roff.text([roman(var.meaning)]);
        }
        if cmd.get_arguments().any(|a| a.get_id() == "env_file") {
            roff.control("PP", [] as [&str; 0]);
            roff.text([roman(
                "The credentials themselves (JWT_*, IMS_OAUTH_S2S_*, AIO_ims_contexts_*) come from flags, then the environment, then the .env: docs/env-format.md.",
            )]);
        }
    }
    let examples = crate::cli::examples(words);
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (what, line) in examples {
            roff.control("TP", [] as [&str; 0]);
            roff.text([roman(format!("{what}:"))]);
            roff.text([bold(*line)]);
        }
    }
    roff.control("SH", ["SEE ALSO"]);
    let mut see: Vec<String> = Vec::new();
    if !words.is_empty() {
        let parent = words.rsplit_once(' ').map_or("", |(p, _)| p);
        see.push(format!("{}(1)", page_name(parent)));
    }
    see.extend(
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| format!("{}(1)", page_name(&format!("{words} {}", s.get_name())))),
    );
    let mut inlines = Vec::new();
    for (i, page) in see.iter().enumerate() {
        if i > 0 {
            inlines.push(roman(", "));
        }
        inlines.push(italic(page.clone()));
    }
    if !inlines.is_empty() {
        inlines.push(roman(". "));
    }
    let own = GUIDES
        .iter()
        .filter(|(command, _)| *command == words)
        .map(|(_, guide)| format!("{guide}, "))
        .collect::<String>();
    inlines.push(roman(format!(
        "The guides in docs/ ({own}quick-start.md, env-format.md, ci.md, rotate.md, keychain.md, troubleshooting.md), shipped with each release archive."
    )));
    roff.text(inlines);
    let text = roff.render();
    // Past roff's apostrophe preamble, which the page already has.
    text.split_once("\n.SH")
        .map_or(text.clone(), |(_, rest)| format!(".SH{rest}"))
}
