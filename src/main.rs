//! adobe-jwt: Adobe Developer Console credentials in, a ready IMS access token out.

mod aio;
mod cache;
mod cert;
mod cli;
mod clock;
mod commands;
mod config;
mod console;
mod console_api;
mod credential;
mod crypto;
mod delivery;
mod dotenv;
mod dumps;
mod emulator;
mod env_vars;
mod environment;
mod error;
mod files;
mod findings;
mod git;
mod guidance;
mod http;
mod ims;
mod jwt;
mod key;
mod keychain;
mod keygen;
mod manifest;
mod mask;
mod output;
mod redact;
mod settings;

mod session;
mod urls;

use std::process::ExitCode;

use crate::environment::Environment;

fn main() -> ExitCode {
    // A panic is a bug: say so once, in our words (its payload could quote data), and exit 1.
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("adobe-jwt: error: internal error{place}; this is a bug, please report it");
    }));
    std::panic::catch_unwind(run).unwrap_or(ExitCode::FAILURE)
}

fn run() -> ExitCode {
    dumps::forbid();
    clock::run_started();
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    // The process environment is read here, once; everything downstream asks this snapshot.
    let env = Environment::capture();
    // In CI, every secret is announced to the runner as it is read, before anything could print it.
    redact::announce_to(settings::ci_runners(&env));
    #[cfg(all(unix, not(target_vendor = "apple")))]
    run_again_without_empty_cert_file(&env);
    let ui = settings::ui(&cli.global, &env);
    ui.install_logger();
    match commands::run(&cli, &env, &ui) {
        Ok(code) => code,
        Err(f) if f.is_closed() => ExitCode::SUCCESS,
        Err(f) => {
            ui.error(&f.message);
            if let Some(hint) = f.hint.as_deref() {
                ui.hint(hint);
            }
            error::exit_code(&f)
        }
    }
}

/// Clap's own message (help and version included), and for a habit from curl or a shell one more
/// line with the right spelling.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue};
    let hint = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(invalid)) => {
            let args: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            cli::spelling_hint(&args, invalid)
        }
        _ => None,
    };
    match hint {
        // Ours replaces clap's "a similar argument exists" tip (`--request`: not `--refresh`).
        Some(hint) => {
            let text = e.render().to_string();
            // Its usage line names the suggested flag too, when there is one.
            let suggested = match e.get(ContextKind::SuggestedArg) {
                Some(ContextValue::String(s)) => Some(s.clone()),
                _ => None,
            };
            let ours = |l: &&str| {
                let l = l.trim_start();
                let misleads =
                    l.starts_with("Usage:") && suggested.as_deref().is_some_and(|s| l.contains(s));
                !(l.starts_with("tip:") || misleads)
            };
            let mut blank = false;
            for line in text.lines().filter(ours) {
                // One empty line where the dropped ones were.
                if line.is_empty() && std::mem::replace(&mut blank, true) {
                    continue;
                }
                blank = line.is_empty();
                eprintln!("{line}");
            }
            eprintln!("{hint}");
        }
        None => {
            let _ = e.print();
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// Empty means unset, for every variable adobe-jwt reads. The OS trust store is loaded by
/// rustls-native-certs (Linux and the BSDs), which reads `SSL_CERT_FILE` itself and takes an empty
/// one for a file named "", leaving no trusted root: run again without it. Nothing has been done
/// yet, and the variable is rarely empty, so this costs nothing in the usual case.
#[cfg(all(unix, not(target_vendor = "apple")))]
fn run_again_without_empty_cert_file(env: &Environment) {
    use std::os::unix::process::CommandExt;
    if !env.is_set_empty("SSL_CERT_FILE") {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let arg0 = args.next().unwrap_or_else(|| exe.clone().into_os_string());
    // exec only returns when it fails; the run then goes on as it is.
    let _ = std::process::Command::new(exe)
        .arg0(arg0)
        .args(args)
        .env_remove("SSL_CERT_FILE")
        .exec();
}
