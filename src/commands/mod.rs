//! One module per subcommand, each a function from typed arguments to an exit code.

pub mod call;
pub mod check_env;
pub mod completions;
pub mod demo;
pub mod encode_key;
pub mod exec;
pub mod generate_assets;
pub mod import;
pub mod ims_emulator;
pub mod inspect;
pub mod keychain;
pub mod secret;
pub mod status;
pub mod token;

use std::process::ExitCode;

use crate::error::Result;

use crate::cli::{Cli, Command};
use crate::environment::Environment;
use crate::output::Ui;

pub fn run(cli: &Cli, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    match &cli.command {
        Command::EncodeKey(args) => encode_key::run(args, env, ui),
        Command::Import(args) => import::run(args, env, ui),
        Command::CheckEnv(args) => check_env::run(args, env, ui),
        Command::Token(args) => token::run(args, env, ui),
        Command::Inspect(args) => inspect::run(args, env, ui),
        Command::ImsEmulator(args) => ims_emulator::run(args, env, ui),
        Command::Call(args) => call::run(args, env, ui),
        Command::Exec(args) => exec::run(args, env, ui),
        Command::Status(args) => status::run(args, env, ui),
        Command::Secret(args) => secret::run(args, env, ui),
        Command::Keychain(args) => keychain::run(args, env, ui),
        Command::Demo => demo::run(env, ui),
        Command::Completions(args) => completions::run(args.shell),
        Command::GenerateAssets { dir } => generate_assets::run(dir),
    }
}
