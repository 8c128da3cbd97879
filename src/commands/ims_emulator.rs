//! `ims-emulator`: serve the strict IMS stand-in for the credentials of the .env.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::cert::Certificate;
use crate::cli::EmulatorArgs;
use crate::config::Loaded;
use crate::emulator::{self, Emulator};
use crate::output::{Ui, mask_id};

pub fn run(args: &EmulatorArgs, ui: &Ui) -> Result<ExitCode> {
    let keys = args
        .certificate
        .iter()
        .map(|path| Certificate::read(path)?.rsa_public_key())
        .collect::<Result<Vec<_>, _>>()?;
    let loaded = Loaded::load_env(&args.env)?;
    let setup = emulator::setup_from(&loaded, &keys)?;
    for c in &setup.jwt {
        ui.note(&format!("accepting jwt client {}", mask_id(&c.client_id)));
    }
    for c in &setup.oauth {
        ui.note(&format!("accepting oauth client {}", mask_id(&c.client_id)));
    }
    let emulator = Emulator::start(args.port, setup)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", emulator.base())?;
    out.flush()?;
    drop(out);
    ui.note(&format!(
        "IMS emulator listening on {} (Ctrl-C to stop)",
        emulator.base()
    ));
    emulator.wait();
    Ok(ExitCode::SUCCESS)
}
