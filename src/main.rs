//! adobe-jwt: Adobe Developer Console credentials in, a ready IMS access token out.

mod atomic;
mod cache;
mod cert;
mod cli;
mod commands;
mod config;
mod dotenv;
mod emulator;
mod error;
mod ims;
mod jwt;
mod key;
mod manifest;
mod net;
mod output;
mod secret;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::Cli;
use crate::output::Ui;

/// `0.1.0 (commit abc1234567)`.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ADOBE_JWT_COMMIT"),
    ")"
);

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ui = Ui::new(&cli.global);
    match commands::run(&cli, &ui) {
        Ok(code) => code,
        Err(err) if error::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            ui.error(&format!("{err:#}"));
            if let Some(hint) = error::failure(&err).and_then(|f| f.hint.as_deref()) {
                ui.hint(hint);
            }
            error::exit_code(&err)
        }
    }
}
