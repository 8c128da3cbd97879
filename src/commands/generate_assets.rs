//! `generate-assets DIR` (hidden): the committed completion scripts (`completions/`) and man pages
//! (`docs/man/`), from the clap definitions; a test checks the committed ones are up to date.

use std::fs;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap_complete::{Generator, Shell};

use crate::cli::{NAME, documented};

/// Write `completions/` and `docs/man/` under `root` (the repository, or a folder a test compares).
pub fn run(root: &Path) -> Result<ExitCode> {
    let completions = root.join("completions");
    fs::create_dir_all(&completions)
        .with_context(|| format!("creating {}", completions.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut documented(), NAME, &mut script);
        let path = completions.join(shell.file_name(NAME));
        fs::write(&path, script).with_context(|| format!("writing {}", path.display()))?;
    }
    let man = root.join("docs").join("man");
    fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    let mut cmd = documented();
    cmd.build();
    write_man(&man.join(format!("{NAME}.1")), cmd.clone())?;
    for sub in cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{NAME}-{}", sub.get_name());
        write_man(
            &man.join(format!("{name}.1")),
            sub.clone().name(name).version(env!("CARGO_PKG_VERSION")),
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_man(path: &Path, cmd: clap::Command) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    fs::write(path, page).with_context(|| format!("writing {}", path.display()))
}
