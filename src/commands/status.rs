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
use crate::credential::{AuthKind, OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID, Source};
use crate::environment::Environment;
use crate::error::Failure;
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
    /// Where the secrets are, when the keychain holds them: `keychain (os)`, `keychain (file)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    secrets: Option<String>,
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
    let keychain = std::rc::Rc::new(crate::keychain::Keychain::new(settings::keychain(env)?));
    let sources = Sources::read(&choice, env)?.with_keychain(keychain);
    let ims = settings::ims(args.ims.as_deref(), args.stage, env)?;
    let (store, warning) = Store::open(&settings::store(env)?);
    if let Some(w) = warning {
        ui.warn(&w);
    }
    let (sources, store) = (&sources, &store);
    let plain = Selection::plain(ims.clone());
    // The unprefixed keys, when some are set (with several aio contexts and no adobe-jwt keys,
    // there is no such set: the contexts are listed instead).
    let unprefixed = Loaded::resolve(sources, &plain).ok().filter(|loaded| {
        loaded.context.is_none()
            && (loaded.partly_present(AuthKind::OAuth) || loaded.partly_present(AuthKind::Jwt))
    });
    let unprefixed = unprefixed
        .map(|loaded| describe("unprefixed", String::new(), Ok(&loaded), store))
        .into_iter();
    // Then every profile and context, one at a time: a set that cannot be read is listed with
    // why, never left out.
    let mut sel = plain.clone();
    let profiles = sources.profiles().iter().map(move |profile| {
        sel.profile = Some(profile.clone());
        describe(
            "profile",
            profile.clone(),
            Loaded::resolve(sources, &sel).as_ref(),
            store,
        )
    });
    let mut sel = plain.clone();
    let contexts = sources.contexts().map(move |context| {
        sel.context = Some(context.name.clone());
        describe(
            "aio-context",
            context.name.clone(),
            Loaded::resolve(sources, &sel).as_ref(),
            store,
        )
    });
    let sets = unprefixed.chain(profiles).chain(contexts);
    let env_file = sources.file.as_ref().map(|f| f.path.display().to_string());
    // One write per 64 KiB, not per row: stdout is line-buffered.
    let mut out = io::BufWriter::with_capacity(64 * 1024, io::stdout().lock());
    if args.json {
        let status = Status {
            env_file,
            ims: ims.base().to_string(),
            sets: sets.collect(),
        };
        writeln!(out, "{}", crate::output::json_text(&status))?;
    } else {
        // Each set becomes its row as it is resolved: a 4 MiB .env names 180,000 sets.
        print(&mut out, env_file.as_deref(), ims.base(), sets)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn describe(
    source: &'static str,
    name: String,
    loaded: Result<&Loaded<'_>, &Failure>,
    store: &Store,
) -> Set {
    let mut set = Set {
        source,
        name,
        kind: None,
        complete: false,
        missing: Vec::new(),
        secrets: None,
        problem: None,
        console: None,
        cached: None,
    };
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(f) => {
            set.problem = Some(f.message.clone());
            return set;
        }
    };
    let id = |key: &str| loaded.get(key).map(|f| f.value.expose().to_string());
    let (org, credential) = (id(OAUTH_CONSOLE_ORG_ID), id(OAUTH_CREDENTIAL_ID));
    set.console = (org.is_some() || credential.is_some()).then_some(IdKeys { org, credential });
    match loaded.complete_kind() {
        Some(kind) => {
            set.kind = Some(kind.name());
            set.complete = true;
            set.secrets = kind
                .secret_keys()
                .iter()
                .find_map(|k| match loaded.source_of(k) {
                    Some(Source::Keychain(store)) => Some(store.to_string()),
                    _ => None,
                });
            match loaded.credentials() {
                Ok(creds) => match cache::key(&creds, &loaded.ims) {
                    Ok(key) => set.cached = cached(store, &key),
                    Err(f) => set.problem = Some(f.message),
                },
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

fn print(
    out: &mut impl Write,
    env_file: Option<&str>,
    ims: &str,
    sets: impl Iterator<Item = Set>,
) -> io::Result<()> {
    let file = env_file.unwrap_or("no .env file");
    writeln!(out, "{}, IMS {}", escape_controls(file), ims)?;
    let rows: Vec<[String; 3]> = sets
        .map(|s| {
            let label = match s.source {
                "unprefixed" => "unprefixed keys".to_string(),
                "profile" => format!("profile {}", s.name),
                _ => format!("aio context {}", s.name),
            };
            let mut state = if let Some(problem) = &s.problem {
                format!("not usable: {problem}")
            } else if s.complete {
                let complete = match &s.secrets {
                    Some(store) => format!("complete (secrets in the {store})"),
                    None => "complete".to_string(),
                };
                match &s.cached {
                    Some(c) => format!(
                        "{complete}, token cached, {} left",
                        humantime::format_duration(Duration::from_secs(c.expires_in / 60 * 60))
                    ),
                    None => format!("{complete}, no cached token"),
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
    if rows.is_empty() {
        writeln!(
            out,
            "  no credentials: adobe-jwt import PROJECT.json writes them from the Developer Console's project file"
        )?;
        return Ok(());
    }
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
