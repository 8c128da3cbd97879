//! `completions SHELL`: the completion script, from the clap definitions.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::Result;
use clap_complete::Shell;

use crate::cli::{NAME, documented};

/// `completions SHELL`: the script on stdout.
pub fn run(shell: Shell) -> Result<ExitCode> {
    let script = script(shell);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The completion script for `shell` (what `completions` prints and `generate-assets` commits):
/// the documented command without its hidden subcommands, which clap_complete would offer.
pub fn script(shell: Shell) -> Vec<u8> {
    let full = documented();
    let mut offered = clap::Command::new(NAME)
        .version(env!("CARGO_PKG_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .args(full.get_arguments().cloned());
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        offered = offered.subcommand(sub.clone());
    }
    // Into memory first: clap_complete panics when its writer fails (`completions bash | true`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut offered, NAME, &mut script);
    if shell == Shell::Bash {
        // clap_complete names a subcommand's case arm from the binary's name with its hyphen
        // escaped (`adobe__subcmd__jwt__subcmd__token`), and the state it matches against without
        // (`adobe__jwt__subcmd__token`): nothing after the subcommand ever completed (clap #6421,
        // #6529). The arms are given the state's spelling.
        let text = String::from_utf8_lossy(&script).replace("adobe__subcmd__jwt", "adobe__jwt");
        script = text.into_bytes();
    }
    script
}
