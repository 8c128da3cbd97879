//! `completions SHELL`: the completion script, from the clap definitions.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::Result;
use clap_complete::Shell;

use crate::cli::{NAME, documented};

/// `completions SHELL`: the script on stdout.
pub fn run(shell: Shell) -> Result<ExitCode> {
    // Into memory first: clap_complete panics when its writer fails (`completions bash | true`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut documented(), NAME, &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
