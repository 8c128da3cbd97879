//! `status`: every credential set the loader can see (the unprefixed keys, each profile, each aio
//! context), whether it is complete, and how long its cached token has left. Offline, no secret.
//! The .env and the environment are read once; each set is resolved from that one reading.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use crate::error::Result;
use serde::Serialize;

use crate::cache::{self, Store};
use crate::cli::EnvArgs;
use crate::cli::StatusArgs;
use crate::clock::now_ms;
use crate::config::{Loaded, Selection, Sources};
use crate::credential::{AuthKind, OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID};
use crate::environment::Environment;
use crate::output::{Ui, escape_controls, rfc3339, shown_remaining};
use crate::settings;

/// One credential set.
#[derive(Debug, Serialize)]
struct Set {
    /// `unprefixed`, `profile` or `aio-context`.
    source: &'static str,
    /// The profile or context name; empty for the unprefixed keys.
    name: String,
    /// `oauth` or `jwt` when complete; the kinds partly present otherwise.
    kind: Option<&'static str>,
    complete: bool,
    /// Keys still missing, when not complete.
    missing: Vec<String>,
    /// What is wrong with a complete set's values, if anything.
    problem: Option<String>,
    /// The Developer Console's ids of an OAuth credential, as far as they are set (for `adobe-jwt
    /// secret`).
    console: Option<IdKeys>,
    cached: Option<Cached>,
}

/// The Console id keys as the set holds them: either may be missing (`console_api::ConsoleIds` is
/// the checked pair).
#[derive(Debug, Serialize)]
struct IdKeys {
    org: Option<String>,
    credential: Option<String>,
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

pub fn run(args: &StatusArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let choice = settings::env_file(
        &EnvArgs {
            env_file: args.env_file.clone(),
            profile: None,
        },
        env,
    );
    let sources = Sources::read(&choice, env)?;
    let ims = settings::ims(args.ims.as_deref(), args.stage, env)?;
    let (store, warning) = Store::open(&settings::store(env)?);
    if let Some(w) = warning {
        ui.warn(&w);
    }
    let mut sets = Vec::new();
    let plain = Selection::plain(ims.clone());
    if let Ok(loaded) = Loaded::resolve(&sources, &plain)
        && loaded.context.is_none()
        && (loaded.partly_present(AuthKind::OAuth) || loaded.partly_present(AuthKind::Jwt))
    {
        sets.push(describe("unprefixed", String::new(), &loaded, &store));
    }
    for profile in sources.profiles() {
        let mut sel = plain.clone();
        sel.profile = Some(profile.clone());
        if let Ok(loaded) = Loaded::resolve(&sources, &sel) {
            sets.push(describe("profile", profile.clone(), &loaded, &store));
        }
    }
    for context in sources.contexts() {
        let mut sel = plain.clone();
        sel.context = Some(context.name.clone());
        if let Ok(loaded) = Loaded::resolve(&sources, &sel) {
            sets.push(describe(
                "aio-context",
                context.name.clone(),
                &loaded,
                &store,
            ));
        }
    }
    let status = Status {
        env_file: sources.file.as_ref().map(|f| f.path.display().to_string()),
        ims: ims.base().to_string(),
        sets,
    };
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", crate::output::json_text(&status))?;
    } else {
        print(&mut out, &status)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn describe(source: &'static str, name: String, loaded: &Loaded<'_>, store: &Store) -> Set {
    let id = |key: &str| loaded.get(key).map(|f| f.value.expose().to_string());
    let (org, credential) = (id(OAUTH_CONSOLE_ORG_ID), id(OAUTH_CREDENTIAL_ID));
    let mut set = Set {
        source,
        name,
        kind: None,
        complete: false,
        missing: Vec::new(),
        problem: None,
        console: (org.is_some() || credential.is_some()).then_some(IdKeys { org, credential }),
        cached: None,
    };
    match loaded.complete_kind() {
        Some(kind) => {
            set.kind = Some(kind.name());
            set.complete = true;
            match loaded.credentials() {
                Ok(creds) => set.cached = cached(store, &cache::key(&creds, &loaded.ims)),
                Err(f) => set.problem = Some(f.message),
            }
        }
        None => {
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
fn cached(store: &Store, key: &str) -> Option<Cached> {
    let token = store.entry(key).ok()?.get()?;
    let left = shown_remaining(token.expires_at_ms, now_ms());
    (left > Duration::ZERO).then(|| Cached {
        expires_at: rfc3339(token.expires_at_ms),
        expires_in: left.as_secs(),
    })
}

fn print(out: &mut impl Write, status: &Status) -> io::Result<()> {
    let file = status.env_file.as_deref().unwrap_or("no .env file");
    writeln!(out, "{}, IMS {}", escape_controls(file), status.ims)?;
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
                "unprefixed" => "unprefixed keys".to_string(),
                "profile" => format!("profile {}", s.name),
                _ => format!("aio context {}", s.name),
            };
            let mut state = if let Some(problem) = &s.problem {
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
            if let Some(ids) = &s.console {
                state.push_str(&format!(
                    "; Console org {}, credential {}",
                    ids.org.as_deref().unwrap_or("?"),
                    ids.credential.as_deref().unwrap_or("?")
                ));
            }
            [label, s.kind.unwrap_or("-").to_string(), state]
        })
        .collect();
    let w0 = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    let w1 = rows.iter().map(|r| r[1].chars().count()).max().unwrap_or(0);
    for [label, kind, state] in rows {
        writeln!(
            out,
            "  {:w0$}  {kind:w1$}  {}",
            escape_controls(&label),
            escape_controls(&state)
        )?;
    }
    Ok(())
}
