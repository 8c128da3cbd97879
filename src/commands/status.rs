//! `status`: every credential set the loader can see (plain keys, each profile, each aio context),
//! whether it is complete, and how long its cached token has left. Offline, instant, no secret.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use serde::Serialize;

use crate::aio;
use crate::cache::{self, Cache};
use crate::cli::{AuthChoice, CredentialArgs, EnvArgs, StatusArgs};
use crate::config::{AuthKind, Loaded};
use crate::dotenv;
use crate::guidance;
use crate::ims;
use crate::output::{Ui, rfc3339, shown_remaining, visible};

/// One credential set.
#[derive(Debug, Serialize)]
struct Set {
    /// `keys` (unprefixed), `profile` or `aio-context`.
    source: &'static str,
    /// The profile or context name; empty for plain keys.
    name: String,
    /// `oauth` or `jwt` when complete; the kinds partly present otherwise.
    kind: Option<&'static str>,
    complete: bool,
    /// Keys still missing, when not complete.
    missing: Vec<String>,
    /// What is wrong with a complete set's values, if anything.
    problem: Option<String>,
    cached: Option<Cached>,
}

#[derive(Debug, Serialize)]
struct Cached {
    expires_at: String,
    expires_in: u64,
}

#[derive(Debug, Serialize)]
struct Status {
    env_file: Option<String>,
    ims: String,
    sets: Vec<Set>,
}

pub fn run(args: &StatusArgs, ui: &Ui) -> Result<ExitCode> {
    let base = CredentialArgs {
        env: EnvArgs {
            env_file: args.env_file.clone(),
            profile: None,
        },
        auth: AuthChoice::Auto,
        ims: args.ims.clone(),
        stage: args.stage,
        ..CredentialArgs::default()
    };
    // The profiles and contexts come from the file the plain load read (or, when that load fails,
    // say over several aio contexts, from reading it here); each set is then loaded as the other
    // commands would load it.
    let plain = Loaded::load(&base);
    let read_here = match &plain {
        Ok(_) => None,
        Err(_) => base
            .env
            .env_file
            .clone()
            .or_else(|| std::path::Path::new(".env").exists().then(|| ".env".into()))
            .as_deref()
            .map(dotenv::read)
            .transpose()?,
    };
    let env_file = match &plain {
        Ok(loaded) => loaded.env_file.as_ref(),
        Err(_) => read_here.as_ref(),
    };
    let defined = guidance::defined(env_file);
    let mut sets = Vec::new();
    if let Ok(loaded) = &plain
        && loaded.context.is_none()
        && (loaded.partly_present(AuthKind::OAuth) || loaded.partly_present(AuthKind::Jwt))
    {
        sets.push(describe("keys", String::new(), loaded, ui));
    }
    for profile in guidance::profiles(&defined) {
        let mut args = base.clone();
        args.env.profile = Some(profile.clone());
        if let Ok(loaded) = Loaded::load(&args) {
            sets.push(describe("profile", profile, &loaded, ui));
        }
    }
    for context in aio::contexts(env_file)
        .into_iter()
        .filter(aio::Context::is_credential)
    {
        let mut args = base.clone();
        args.context = Some(context.name.clone());
        if let Ok(loaded) = Loaded::load(&args) {
            sets.push(describe("aio-context", context.name.clone(), &loaded, ui));
        }
    }
    let ims = match &plain {
        Ok(l) => l.ims.base().to_string(),
        Err(_) => String::new(),
    };
    let status = Status {
        env_file: env_file.map(|f| f.path.display().to_string()),
        ims,
        sets,
    };
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?;
    } else {
        print(&mut out, &status)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn describe(source: &'static str, name: String, loaded: &Loaded, ui: &Ui) -> Set {
    let mut set = Set {
        source,
        name,
        kind: None,
        complete: false,
        missing: Vec::new(),
        problem: None,
        cached: None,
    };
    match loaded.kind() {
        Ok(kind) => {
            set.kind = Some(kind.name());
            set.complete = true;
            match loaded.credentials() {
                Ok(creds) => set.cached = cached(&cache::key(&creds, &loaded.ims), ui),
                Err(f) => set.problem = Some(f.message),
            }
        }
        Err(_) => {
            let present: Vec<AuthKind> = [AuthKind::OAuth, AuthKind::Jwt]
                .into_iter()
                .filter(|k| loaded.partly_present(*k))
                .collect();
            set.kind = present.first().map(|k| k.name());
            set.missing = present.iter().flat_map(|k| loaded.missing(*k)).collect();
        }
    }
    set
}

/// The cached token's expiry, read from the cache only (no request).
fn cached(key: &str, ui: &Ui) -> Option<Cached> {
    let token = Cache::open(key, ui).ok()?.get()?;
    let now = ims::now_ms();
    let left = shown_remaining(token.expires_at_ms, now);
    (left > Duration::ZERO).then(|| Cached {
        expires_at: rfc3339(token.expires_at_ms),
        expires_in: left.as_secs(),
    })
}

fn print(out: &mut impl Write, status: &Status) -> io::Result<()> {
    let file = status.env_file.as_deref().unwrap_or("no .env file");
    writeln!(out, "{}, IMS {}", visible(file), status.ims)?;
    if status.sets.is_empty() {
        writeln!(
            out,
            "  no credentials: adobe-jwt import PROJECT.json writes them from the Developer Console's project file"
        )?;
        return Ok(());
    }
    let rows: Vec<[String; 3]> = status
        .sets
        .iter()
        .map(|s| {
            let label = match s.source {
                "keys" => "keys".to_string(),
                "profile" => format!("profile {}", s.name),
                _ => format!("aio context {}", s.name),
            };
            let state = if let Some(problem) = &s.problem {
                format!("not usable: {problem}")
            } else if s.complete {
                match &s.cached {
                    Some(c) => format!(
                        "complete, token cached, {} left",
                        humantime::format_duration(Duration::from_secs(c.expires_in / 60 * 60))
                    ),
                    None => "complete, no cached token".to_string(),
                }
            } else {
                format!("incomplete: missing {}", s.missing.join(", "))
            };
            [label, s.kind.unwrap_or("-").to_string(), state]
        })
        .collect();
    let w0 = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    for [label, kind, state] in rows {
        writeln!(
            out,
            "  {:w0$}  {kind:w1$}  {}",
            visible(&label),
            visible(&state)
        )?;
    }
    Ok(())
}
