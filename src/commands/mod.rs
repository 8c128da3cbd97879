//! One module per subcommand, each a function from typed arguments to an exit code.

pub mod check_env;
pub mod encode_key;
pub mod token;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::error::{Failure, Kind};
use crate::output::Ui;

pub fn run(cli: &Cli, ui: &Ui) -> Result<ExitCode> {
    let global = &cli.global;
    match &cli.command {
        Command::EncodeKey(args) => encode_key::run(args, global, ui),
        Command::CheckEnv(args) => check_env::run(args, global, ui),
        Command::Token(_)
        | Command::Call(_)
        | Command::Inspect(_)
        | Command::Completions(_)
        | Command::Demo
        | Command::ImsEmulator(_) => Err(Failure::new(
            Kind::Unexpected,
            "this command is not yet available in this build",
        )
        .into()),
    }
}
