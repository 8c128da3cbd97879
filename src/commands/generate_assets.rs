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

fn write_man(path: &Path, cmd: clap::Command) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut page)?;
    fs::write(path, page).context(format!("writing {}", path.display()))
}
