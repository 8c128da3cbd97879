//! `exec`: run a command with the token in its environment and the credential secrets out of it, as
//! aws-vault and 1Password's `op run` do: no token in any process listing, no secret in the child.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

use crate::error::{Failure, Result};

use crate::cli::ExecArgs;
use crate::config::Loaded;
use crate::credential::{
    Credentials, JWT_CLIENT_SECRET, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE, OAUTH_CLIENT_ID,
    OAUTH_CLIENT_SECRET, OAUTH_ORG_ID, OAUTH_SCOPES, is_secret_variable,
};
use crate::environment::Environment;
use crate::jwt;
use crate::output::Ui;
use crate::redact::Secret;
use crate::session::Session;
use crate::settings::{self, Context};

pub fn run(args: &ExecArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui)?;
    let loaded = cx.loaded()?;
    let options = settings::options(
        &args.net,
        settings::cache_policy(&args.cache),
        jwt::DEFAULT_LIFETIME,
        env,
    )?;
    let session = Session::open(&loaded, &options, ui)?;
    let handed = if args.with_credentials {
        handed_credentials(&session.creds)?
    } else {
        Vec::new()
    };
    let token = session.get()?.token;
    let (program, rest) = args.command.split_first().expect("clap requires a command");
    let mut child = Command::new(program);
    child.args(rest);
    // The child gets the token, never what makes tokens.
    for name in withheld(env, &loaded, &token.access_token, &args.keep) {
        child.env_remove(name);
    }
    for name in env.foreign_names() {
        child.env_remove(name);
    }
    child
        .env("ADOBE_ACCESS_TOKEN", token.access_token.expose())
        .env("ADOBE_CLIENT_ID", session.creds.client_id())
        .env("ADOBE_ORG_ID", session.creds.org_id());
    for (name, value) in &handed {
        child.env(name, value.expose());
    }
    // Nothing of ours (the cache lock, the session) outlives this point.
    drop(session);
    crate::dumps::allow_for_child();
    Ok(run_in_foreground(child, program, ui))
}

/// `--with-credentials`: the variables `aio app deploy` reads for actions annotated
/// `include-ims-credentials: true` (what Adobe's aio-apps-action exports), scopes as a JSON array.
fn handed_credentials(creds: &Credentials) -> Result<Vec<(&'static str, Secret)>, Failure> {
    let Credentials::OAuth(o) = creds else {
        return Err(Failure::usage(
            "--with-credentials hands an OAuth Server-to-Server credential, and these are Service Account (JWT) credentials",
        )
        .with_hint("move to OAuth Server-to-Server first: docs/migrate-to-oauth.md"));
    };
    let scopes = serde_json::to_string(&o.scopes).unwrap_or_default();
    Ok(vec![
        (OAUTH_CLIENT_ID, Secret::new(o.client_id.clone())),
        (OAUTH_CLIENT_SECRET, o.client_secret.get()?.clone()),
        (OAUTH_ORG_ID, Secret::new(o.org_id.clone())),
        (OAUTH_SCOPES, Secret::new(scopes)),
    ])
}

/// A resolved secret this short is not looked for in other variables' values (it would match by
/// chance); a secret that short is not one anyway.
const SHORTEST_MATCHED: usize = 8;

/// The variables kept from the child: every one whose name says it holds a secret, and every one
/// whose value holds a secret this run resolved (the client secret, the private key as given, its
/// passphrase) or the token, whatever its name; but those `--keep` names.
fn withheld<'e>(
    env: &'e Environment,
    loaded: &Loaded<'_>,
    token: &Secret,
    keep: &[String],
) -> Vec<&'e str> {
    let secrets: Vec<&str> = [
        JWT_CLIENT_SECRET,
        OAUTH_CLIENT_SECRET,
        JWT_PRIVATE_KEY,
        JWT_PRIVATE_KEY_PASSPHRASE,
    ]
    .iter()
    // As given by flags, the environment or the .env: the keychain is not opened for this (a cache
    // hit never opens it), and what it holds is not in the environment.
    .filter_map(|k| loaded.given(k))
    .map(|f| f.value.expose().trim())
    .chain(std::iter::once(token.expose()))
    .filter(|s| s.len() >= SHORTEST_MATCHED)
    .collect();
    let by_name = env.names().filter(|n| is_secret_variable(n));
    let by_value = env
        .iter()
        .filter(|(_, v)| secrets.iter().any(|s| v.contains(s)))
        .map(|(n, _)| n);
    let mut names: Vec<&str> = by_name
        .chain(by_value)
        .filter(|n| !keep.iter().any(|k| k == n))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// Unix: become the command (exec), so that it owns the terminal, stdin and Ctrl-C, and its exit
/// status, a signal included (a shell shows 128+N), is the status. It returns only when the command
/// cannot start: 127 when it is not found, 126 otherwise, as shells do.
#[cfg(unix)]
fn run_in_foreground(mut child: Command, program: &OsString, ui: &Ui) -> ExitCode {
    use std::os::unix::process::CommandExt;
    let error = child.exec();
    cannot_start(&error, program, ui)
}

/// Elsewhere: run the command and pass its exit code on.
#[cfg(not(unix))]
fn run_in_foreground(mut child: Command, program: &OsString, ui: &Ui) -> ExitCode {
    match child.status() {
        Ok(status) => ExitCode::from(status.code().map_or(1, |c| (c & 0xff) as u8)),
        Err(error) => cannot_start(&error, program, ui),
    }
}

fn cannot_start(error: &std::io::Error, program: &OsString, ui: &Ui) -> ExitCode {
    let shown = program.to_string_lossy();
    if error.kind() == std::io::ErrorKind::NotFound {
        ui.error(&format!("cannot run {shown}: command not found"));
        ExitCode::from(127)
    } else {
        ui.error(&format!("cannot run {shown}: {error}"));
        ExitCode::from(126)
    }
}
