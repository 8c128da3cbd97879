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
use crate::mask::{self, Masker};
use crate::output::Ui;
use crate::redact::{self, Secret};
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
    let masker = args.mask.then(|| masker(&session.creds)).transpose()?;
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
    Ok(match masker {
        Some(masker) => run_masked(child, program, std::sync::Arc::new(masker), ui),
        None => run_in_foreground(child, program, ui),
    })
}

/// `--mask`: the filter for every secret of the credentials, read now even when the token came
/// from the cache (a cache hit opens no keychain, and CMD could print what the job holds), with
/// the token and whatever else this run read.
fn masker(creds: &Credentials) -> Result<Masker, Failure> {
    match creds {
        Credentials::OAuth(o) => {
            o.client_secret.get()?;
        }
        Credentials::Jwt(c) => {
            c.client_secret.get()?;
            c.key.get()?;
        }
    }
    Ok(Masker::new(&redact::remembered_lines()))
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

/// `--mask`: CMD runs as a child whose stdout and stderr come through the filter; stdin, the
/// terminal's Ctrl-C (which reaches CMD's process group) and its exit status are as without it. A
/// signal that ends CMD ends this process the same way once the output is drained, so the shell
/// still sees 128+N; SIGTERM and SIGHUP sent to this process are passed on to CMD.
fn run_masked(
    mut child: Command,
    program: &OsString,
    masker: std::sync::Arc<Masker>,
    ui: &Ui,
) -> ExitCode {
    use std::process::Stdio;
    child.stdout(Stdio::piped()).stderr(Stdio::piped());
    let guard = signals::Forwarding::start();
    let mut running = match child.spawn() {
        Ok(running) => running,
        Err(error) => return cannot_start(&error, program, ui),
    };
    guard.forward_to(running.id());
    let (out, err) = (running.stdout.take(), running.stderr.take());
    // Linux: a 1 MiB pipe instead of 64 KiB, so that CMD's writes and the filter's reads come in
    // large pieces (a third fewer system calls on a busy stream). Where it is refused, as it is.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    for pipe in [
        out.as_ref().map(|p| p as &dyn std::os::fd::AsFd),
        err.as_ref().map(|p| p as _),
    ]
    .into_iter()
    .flatten()
    {
        let _ = rustix::pipe::fcntl_setpipe_size(pipe, 1 << 20);
    }
    // Each stream's filter says when its pipe closed.
    let (done, drained) = std::sync::mpsc::channel();
    let filter = |pipe: Option<Box<dyn std::io::Read + Send>>, to_stdout: bool| {
        let (masker, done) = (masker.clone(), done.clone());
        std::thread::spawn(move || {
            if let Some(pipe) = pipe {
                let _ = if to_stdout {
                    mask::pump(&masker, pipe, std::io::stdout())
                } else {
                    mask::pump(&masker, pipe, std::io::stderr())
                };
            }
            let _ = done.send(());
        })
    };
    let _out = filter(out.map(|p| Box::new(p) as _), true);
    let _err = filter(err.map(|p| Box::new(p) as _), false);
    let status = running.wait();
    // A process CMD left behind can hold its pipes open for ever: once CMD has exited, what is
    // still coming has DRAIN to arrive, and the run ends with CMD's status.
    let until = std::time::Instant::now() + DRAIN;
    for _ in 0..2 {
        let left = until.saturating_duration_since(std::time::Instant::now());
        if drained.recv_timeout(left).is_err() {
            break;
        }
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    drop(guard);
    match status {
        Ok(status) => exit_as(status),
        Err(error) => {
            ui.error(&format!(
                "cannot wait for {}: {error}",
                program.to_string_lossy()
            ));
            ExitCode::from(1)
        }
    }
}

/// How long `--mask` passes on output after CMD has exited (from what CMD left running).
const DRAIN: std::time::Duration = std::time::Duration::from_secs(2);

/// CMD's status as this process's: its exit code, or (Unix) the signal that ended it, raised here.
fn exit_as(status: std::process::ExitStatus) -> ExitCode {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            signals::die_by(signal);
            return ExitCode::from(128u8.wrapping_add(signal as u8));
        }
    }
    ExitCode::from(status.code().map_or(1, |c| (c & 0xff) as u8))
}

/// Signals while a masked CMD runs (Unix): the terminal's SIGINT and SIGQUIT reach CMD's process
/// group, so this process only outlives them (it must drain CMD's output); SIGTERM and SIGHUP,
/// which are sent to one process, are passed on to CMD.
#[cfg(unix)]
mod signals {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    use signal_hook::iterator::{Handle, Signals};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    pub struct Forwarding {
        child: Arc<AtomicU32>,
        handle: Option<Handle>,
    }

    impl Forwarding {
        /// Handlers take over before CMD exists; CMD starts with the default dispositions (a
        /// handler does not survive exec).
        pub fn start() -> Self {
            let child = Arc::new(AtomicU32::new(0));
            let handle =
                Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP])
                    .ok()
                    .map(|mut signals| {
                        let handle = signals.handle();
                        let pid = child.clone();
                        std::thread::spawn(move || {
                            for signal in signals.forever() {
                                let to = pid.load(Ordering::SeqCst);
                                if matches!(signal, SIGTERM | SIGHUP)
                                    && let (Some(pid), Some(signal)) = (
                                        rustix::process::Pid::from_raw(to as i32),
                                        rustix::process::Signal::from_named_raw(signal),
                                    )
                                {
                                    let _ = rustix::process::kill_process(pid, signal);
                                }
                            }
                        });
                        handle
                    });
            Forwarding { child, handle }
        }

        pub fn forward_to(&self, pid: u32) {
            self.child.store(pid, Ordering::SeqCst);
        }
    }

    impl Drop for Forwarding {
        fn drop(&mut self) {
            self.child.store(0, Ordering::SeqCst);
            if let Some(handle) = &self.handle {
                handle.close();
            }
        }
    }

    /// End this process by `signal`, as CMD ended (returns only if the signal does not end it).
    pub fn die_by(signal: i32) {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
}

#[cfg(not(unix))]
mod signals {
    /// Windows: Ctrl-C reaches every process of the console, CMD included; nothing to pass on.
    pub struct Forwarding;

    impl Drop for Forwarding {
        fn drop(&mut self) {}
    }

    impl Forwarding {
        pub fn start() -> Self {
            Forwarding
        }

        pub fn forward_to(&self, _pid: u32) {}
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
