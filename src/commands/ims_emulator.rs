//! `ims-emulator`: serve the strict IMS stand-in for the credentials of the .env.

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Result;

use crate::cert::Certificate;
use crate::cli::{EmulatorArgs, GlobalArgs};
use crate::config::{AuthKind, Ims, Loaded};
use crate::emulator::{Emulator, Setup};
use crate::error::Failure;
use crate::output::{Ui, mask_id};

pub fn run(args: &EmulatorArgs, global: &GlobalArgs, ui: &Ui) -> Result<ExitCode> {
    let mut keys = Vec::new();
    for path in &args.certificate {
        keys.push(Certificate::read(path)?.rsa_public_key()?);
    }
    let mut loaded = Loaded::load(global)?;
    let emulator = Emulator::start(args.port, |base| {
        // Bare metascopes are granted as claims of this IMS.
        loaded.ims = Ims::parse(base)?;
        let mut setup = Setup::default();
        for kind in [AuthKind::Jwt, AuthKind::OAuth] {
            if !loaded.missing(kind).is_empty() {
                continue;
            }
            loaded.auth = match kind {
                AuthKind::Jwt => crate::cli::AuthChoice::Jwt,
                AuthKind::OAuth => crate::cli::AuthChoice::Oauth,
            };
            let creds = loaded.credentials()?;
            ui.note(&format!(
                "accepting {kind} client {}",
                mask_id(creds.client_id())
            ));
            setup.add(&creds, &keys);
        }
        if setup.jwt.is_empty() && setup.oauth.is_empty() {
            return Err(
                Failure::config("no complete credentials to emulate").with_hint(
                    "give the emulator the .env your pipeline uses: --env-file path/to/.env",
                ),
            );
        }
        Ok(setup)
    })?;
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
