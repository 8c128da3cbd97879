//! One module per subcommand, each a function from typed arguments to an exit code.

pub mod call;
pub mod check_env;
pub mod completions;
pub mod demo;
pub mod encode_key;
pub mod exec;
pub mod import;
pub mod ims_emulator;
pub mod inspect;
pub mod status;
pub mod token;

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{Cli, Command};
use crate::output::Ui;

pub fn run(cli: &Cli, ui: &Ui) -> Result<ExitCode> {
    match &cli.command {
        Command::EncodeKey(args) => encode_key::run(args, ui),
        Command::Import(args) => import::run(args, ui),
        Command::CheckEnv(args) => check_env::run(args, ui),
        Command::Token(args) => token::run(args, ui),
        Command::Inspect(args) => inspect::run(args, ui),
        Command::ImsEmulator(args) => ims_emulator::run(args, ui),
        Command::Call(args) => call::run(args, ui),
        Command::Exec(args) => exec::run(args, ui),
        Command::Status(args) => status::run(args, ui),
        Command::Demo => demo::run(ui),
        Command::Completions(args) => completions::run(args.shell),
        Command::GenerateAssets { dir } => completions::generate_assets(dir),
    }
}
