//! `keychain`: a credential's long-lived secrets moved out of the .env into the keychain (`add`),
//! listed (`list`, never a value), deleted (`remove`) and moved back (`restore`).
//!
//! Every move keeps at least one readable copy of each secret: `add` stores the entry and reads it
//! back before the .env loses a line, `restore` proves its .env edit before the entry goes, and a
//! failure in between says where each secret is.

use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::cli::{
    KeychainAction, KeychainAddArgs, KeychainArgs, KeychainListArgs, KeychainRemoveArgs,
    KeychainRestoreArgs,
};
use crate::config::Loaded;
use crate::credential::{
    self, AuthKind, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE, OAUTH_CLIENT_SECRET_UUID, Source,
};
use crate::dotenv::edit::{self, EnvTarget};
use crate::environment::Environment;
use crate::error::{Failure, Result};
use crate::files::{self, Accept};
use crate::http::Deadline;
use crate::keychain::{Entry, Id, Keychain};
use crate::output::{Ui, ago, confirmed, json_text, rfc3339};
use crate::redact::{self, Secret, mask_id};
use crate::settings::{self, Context};

pub fn run(args: &KeychainArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    match &args.action {
        KeychainAction::Add(a) => add(a, env, ui),
        KeychainAction::List(a) => list(a, env),
        KeychainAction::Remove(a) => remove(a, env, ui),
        KeychainAction::Restore(a) => restore(a, env, ui),
    }
}

/// The keychain of this run: the one the loader looks in.
fn keychain<'c>(cx: &'c Context<'_>) -> Result<&'c Keychain, Failure> {
    cx.sources()?
        .keychain()
        .map(|k| k.as_ref())
        .ok_or_else(|| Failure::config("no keychain is set up for this run"))
}

/// The credential a keychain command works on: its kind and client id, from the resolved set.
fn target_id(loaded: &Loaded<'_>) -> Result<Id, Failure> {
    let kind = loaded.kind()?;
    let client_id = loaded
        .value(kind.client_id_key())
        .map(|v| v.expose().trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Failure::config(format!(
                "{}{} is not set",
                loaded.prefix,
                kind.client_id_key()
            ))
        })?;
    Ok(Id::new(kind, &client_id))
}

/// One secret of the set, as the .env (or another source) gives it.
struct Given {
    key: &'static str,
    /// The variable as the source names it.
    name: String,
    source: Source,
    /// The value to store: for a private key given as `@path`, the file's bytes in base64.
    value: Secret,
    /// A key file that still holds the key once its line is gone.
    key_file: Option<String>,
}

/// The secrets of a kind that flags, the environment or the .env give (not the keychain).
fn given(loaded: &Loaded<'_>, kind: AuthKind) -> Result<Vec<Given>, Failure> {
    let mut out = Vec::new();
    for key in kind.secret_keys() {
        let Some(found) = loaded.get(key) else {
            continue;
        };
        if found.value.is_empty() || matches!(found.source, Source::Keychain(_)) {
            continue;
        }
        let (value, key_file) = match found.value.expose().trim().strip_prefix('@') {
            Some(path) if *key == JWT_PRIVATE_KEY => {
                let full = loaded.key_dir(&found.source).join(path.trim());
                let bytes = files::read(&full, "the private key file", Accept::Regular)?;
                let encoded = Secret::new(STANDARD.encode(&bytes));
                redact::remember(&encoded);
                (encoded, Some(full.display().to_string()))
            }
            _ => (found.value.clone(), None),
        };
        out.push(Given {
            key,
            name: found.name.clone(),
            source: found.source.clone(),
            value,
            key_file,
        });
    }
    Ok(out)
}

/// "IMS_OAUTH_S2S_CLIENT_SECRET (.env:3)", for saying where each secret is.
fn places(loaded: &Loaded<'_>, given: &[Given]) -> String {
    given
        .iter()
        .map(|g| format!("{} ({})", g.name, loaded.sources.place(&g.source)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn add(args: &KeychainAddArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui)?;
    let loaded = cx.loaded()?;
    // The set must be usable as it is: a key that does not decode is not moved anywhere.
    let credentials = loaded.credentials()?;
    let kind = credentials.kind();
    let id = target_id(&loaded)?;
    let keychain = keychain(&cx)?;
    let given = given(&loaded, kind)?;
    if given.is_empty() {
        // Said only once the store itself (not this machine's mirror of it) holds every secret.
        let held = keychain.get(&id)?;
        let missing: Vec<&str> = kind
            .secret_keys()
            .iter()
            .copied()
            .filter(|k| kind.required().contains(k))
            .filter(|k| held.as_ref().is_none_or(|e| e.get(k).is_none()))
            .collect();
        if !missing.is_empty() {
            return Err(Failure::config(format!(
                "{} holds no {} for {id}, and no other source gives {}",
                keychain.describe(),
                missing.join(", "),
                if missing.len() == 1 { "it" } else { "them" }
            ))
            .with_hint("define the secrets in the .env, then run adobe-jwt keychain add"));
        }
        ui.note(&format!(
            "the secrets of {id} are already in {}: nothing to move",
            keychain.describe()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let env_path = loaded.sources.file.as_ref().map(|f| f.path.clone());
    let in_env: Vec<&Given> = given
        .iter()
        .filter(|g| matches!(g.source, Source::DotEnv(_)))
        .collect();
    // The edit is planned and proven on the file as it is before anything is stored.
    let target = match (&env_path, in_env.is_empty()) {
        (Some(path), false) => {
            let target = EnvTarget::open(path)?;
            target.plan(&removing(&removals(&loaded, &in_env, kind)))?;
            Some(target)
        }
        _ => None,
    };
    let mut secrets: BTreeMap<String, Secret> = given
        .iter()
        .map(|g| (g.key.to_string(), g.value.clone()))
        .collect();
    // What the set takes from the keychain already goes into the new entry too.
    for key in kind.secret_keys() {
        if let Some(found) = loaded
            .get(key)
            .filter(|f| matches!(f.source, Source::Keychain(_)))
        {
            secrets
                .entry(key.to_string())
                .or_insert_with(|| found.value.clone());
        }
    }
    let uuid = (kind == AuthKind::OAuth)
        .then(|| loaded.recorded_secret_uuid().map(|(uuid, _)| uuid))
        .flatten();
    let names: Vec<&str> = given.iter().map(|g| g.name.as_str()).collect();
    store(keychain, &id, secrets, Uuid::Set(uuid)).map_err(|f| {
        f.reworded(|m| {
            format!(
                "{m}; nothing was moved: the secrets are where they were ({})",
                places(&loaded, &given)
            )
        })
    })?;
    ui.note(&format!(
        "stored {} of {id} in {} and read {} back",
        names.join(", "),
        keychain.describe(),
        if names.len() == 1 { "it" } else { "them" }
    ));
    if let (Some(target), Some(path)) = (&target, &env_path) {
        let unchanged: Vec<&str> = in_env.iter().map(|g| g.name.as_str()).collect();
        let removed = removals(&loaded, &in_env, kind);
        let changes = removing(&removed);
        let committed = Deadline::local().with_patience(&|p| ui.waiting_for_lock(p), |patience| {
            target.commit_if_unchanged(&changes, &unchanged, patience)
        });
        match committed {
            Ok(done) => {
                for warning in &done.warnings {
                    ui.warn(warning);
                }
                ui.note(&format!(
                    "removed {} from {}{}",
                    removed.join(", "),
                    path.display(),
                    done.how()
                ));
            }
            Err(f) => {
                return Err(Failure::incomplete(format!(
                    "the secrets are stored in {} and read back, but {}: they are in both places ({})",
                    keychain.describe(),
                    f.message,
                    places(&loaded, &given)
                ))
                .with_hint(format!(
                    "delete those lines from {} by hand, or run adobe-jwt keychain add again",
                    path.display()
                )));
            }
        }
    }
    for g in &given {
        if let Some(file) = &g.key_file {
            ui.warn(&format!(
                "the key file {file} still holds the private key: the keychain has a copy, so delete the file once nothing else reads it"
            ));
        }
        if g.source == Source::Environment {
            ui.note(&format!(
                "{} is also set in the environment, which wins over the keychain: unset it where it is set",
                g.name
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What a write does with the uuid of the client secret an entry holds.
pub enum Uuid {
    /// Keep the entry's when its client secret stays the same, else none.
    KeepIfSameSecret,
    Set(Option<String>),
}

/// Store secrets of a credential (key name → value) in the keychain, over what its entry held:
/// the store proven first (auto), the entry read back after.
pub fn store(
    keychain: &Keychain,
    id: &Id,
    secrets: BTreeMap<String, Secret>,
    uuid: Uuid,
) -> Result<Entry, Failure> {
    keychain.prove()?;
    let old = keychain.fresh(id)?;
    let mut merged = old.as_ref().map(|e| e.secrets.clone()).unwrap_or_default();
    let same_secret = |e: &Entry| {
        let key = credential::OAUTH_CLIENT_SECRET;
        e.get(key).is_some() && (!secrets.contains_key(key) || secrets.get(key) == e.get(key))
    };
    let uuid = match uuid {
        Uuid::Set(uuid) => uuid,
        Uuid::KeepIfSameSecret => old
            .as_ref()
            .filter(|e| same_secret(e))
            .and_then(|e| e.secret_uuid.clone()),
    };
    // A new private key does not keep the old key's passphrase: one that goes with it is given.
    if secrets.contains_key(JWT_PRIVATE_KEY) && !secrets.contains_key(JWT_PRIVATE_KEY_PASSPHRASE) {
        merged.remove(JWT_PRIVATE_KEY_PASSPHRASE);
    }
    merged.extend(secrets);
    let entry = Entry::new(id.clone(), merged, uuid);
    keychain.put(&entry)?;
    Ok(entry)
}

/// The variables whose definitions leave the .env: the secrets', and the uuid recorded beside the
/// client secret (the entry now carries it).
fn removals(loaded: &Loaded<'_>, in_env: &[&Given], kind: AuthKind) -> Vec<String> {
    let mut names: Vec<String> = in_env.iter().map(|g| g.name.clone()).collect();
    if kind == AuthKind::OAuth
        && let Some(found) = loaded.get(OAUTH_CLIENT_SECRET_UUID)
        && matches!(found.source, Source::DotEnv(_))
    {
        names.push(found.name.clone());
    }
    names
}

/// The editor's changes that remove these variables.
fn removing(names: &[String]) -> Vec<edit::Change<'_>> {
    names.iter().map(|n| (n.as_str(), None)).collect()
}

fn list(args: &KeychainListArgs, env: &Environment) -> Result<ExitCode> {
    let keychain = Keychain::new(settings::keychain(env)?);
    let entries = keychain.list()?;
    let mut out = io::stdout().lock();
    if args.json {
        let doc = serde_json::json!({
            "store": keychain.store().name(),
            "location": keychain.describe(),
            "entries": entries,
        });
        writeln!(out, "{}", json_text(&doc))?;
    } else if entries.is_empty() {
        writeln!(out, "{} holds no secrets", keychain.describe())?;
    } else {
        writeln!(
            out,
            "{}: {} entr{}",
            keychain.describe(),
            entries.len(),
            if entries.len() == 1 { "y" } else { "ies" }
        )?;
        let now = crate::clock::now_ms();
        for e in &entries {
            writeln!(
                out,
                "  {:<5} client {}  {}  stored {} ({})",
                e.kind,
                mask_id(&e.client_id),
                e.secrets.join(", "),
                rfc3339(e.stored_at_ms),
                ago(e.stored_at_ms, now)
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn remove(args: &KeychainRemoveArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui)?;
    let loaded = cx.loaded()?;
    let id = target_id(&loaded)?;
    let keychain = keychain(&cx)?;
    if !args.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "removing the keychain entry of {id} needs a confirmation, and stdin is not a terminal"
        ))
        .with_hint("add --yes to remove without asking"));
    }
    let Some(entry) = keychain.get(&id)? else {
        return Err(
            Failure::usage(format!("{} holds no entry for {id}", keychain.describe()))
                .with_hint("adobe-jwt keychain list shows what it holds"),
        );
    };
    let only_here: Vec<&String> = entry
        .secrets
        .keys()
        .filter(|k| !given(&loaded, id.kind).is_ok_and(|g| g.iter().any(|g| g.key == k.as_str())))
        .collect();
    let warning = (!only_here.is_empty()).then(|| {
        format!(
            "the keychain holds the only copy adobe-jwt knows of {}: once removed, a new secret must come from the Developer Console",
            only_here.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        )
    });
    if !args.yes {
        if let Some(w) = &warning {
            ui.warn(w);
        }
        if !confirmed(&format!("remove the keychain entry of {id}?"))? {
            return Err(Failure::usage("not confirmed: nothing was removed"));
        }
    }
    keychain.remove(&id)?;
    ui.note(&format!(
        "removed the entry of {id} ({}) from {}",
        entry.secrets.keys().cloned().collect::<Vec<_>>().join(", "),
        keychain.describe()
    ));
    if args.yes
        && let Some(w) = warning
    {
        ui.warn(&w.replace("holds the only copy", "held the only copy"));
    }
    Ok(ExitCode::SUCCESS)
}

/// The variable a secret of the set is written back to: the set's prefix and key, or in an aio
/// context its field (the client secret as aio's JSON array).
fn written_name(loaded: &Loaded<'_>, key: &str) -> (String, bool) {
    let Some(ctx) = &loaded.context else {
        return (format!("{}{key}", loaded.prefix), false);
    };
    let (field, array) = match key {
        credential::OAUTH_CLIENT_SECRET => ("client__secrets", true),
        credential::JWT_CLIENT_SECRET => ("client__secret", false),
        credential::JWT_PRIVATE_KEY => ("private__key", false),
        credential::JWT_PRIVATE_KEY_PASSPHRASE => ("passphrase", false),
        OAUTH_CLIENT_SECRET_UUID => ("client__secret__uuid", false),
        other => (other, false),
    };
    (format!("AIO_ims_contexts_{ctx}_{field}"), array)
}

fn restore(args: &KeychainRestoreArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui)?;
    let loaded = cx.loaded()?;
    let id = target_id(&loaded)?;
    let keychain = keychain(&cx)?;
    let Some(entry) = keychain.get(&id)? else {
        return Err(Failure::usage(format!(
            "{} holds no entry for {id}: nothing to restore",
            keychain.describe()
        ))
        .with_hint("adobe-jwt keychain list shows what it holds"));
    };
    let path = cx.env_file.path.clone();
    // What the .env defines already stays; a .env value that differs from the entry's is not
    // overwritten, and the entry is kept. A secret the environment or a flag gives is written
    // all the same: the entry must not go while a shell variable is its only other copy.
    let given: Vec<Given> = given(&loaded, id.kind)?
        .into_iter()
        .filter(|g| matches!(g.source, Source::DotEnv(_)))
        .collect();
    let differing: Vec<&str> = given
        .iter()
        .filter(|g| {
            entry
                .get(g.key)
                .is_some_and(|v| v.expose().trim() != g.value.expose().trim())
        })
        .map(|g| g.name.as_str())
        .collect();
    if !differing.is_empty() {
        return Err(Failure::config(format!(
            "{} already set{} to another value than the keychain holds; nothing was changed",
            differing.join(", "),
            if differing.len() == 1 { " is" } else { " are" }
        ))
        .with_hint("remove the one that is stale (from the .env, or adobe-jwt keychain remove), then restore"));
    }
    let mut names = Vec::new();
    let mut values = Vec::new();
    for (key, value) in &entry.secrets {
        if given.iter().any(|g| g.key == key.as_str()) {
            continue;
        }
        let (name, array) = written_name(&loaded, key);
        let text = if array {
            serde_json::to_string(&[value.expose()]).unwrap_or_default()
        } else {
            value.expose().to_string()
        };
        let text = Secret::new(text);
        redact::remember(&text);
        names.push(name);
        values.push(text);
    }
    if let Some(uuid) = &entry.secret_uuid
        && !loaded
            .given(OAUTH_CLIENT_SECRET_UUID)
            .is_some_and(|f| matches!(f.source, Source::DotEnv(_)))
    {
        names.push(written_name(&loaded, OAUTH_CLIENT_SECRET_UUID).0);
        values.push(Secret::new(uuid.clone()));
    }
    let changes: Vec<edit::Change<'_>> = names
        .iter()
        .zip(&values)
        .map(|(n, v)| (n.as_str(), Some(v.expose())))
        .collect();
    if changes.is_empty() {
        ui.note(&format!(
            "{} defines every secret of the entry already, with the same values",
            path.display()
        ));
    } else {
        let target = EnvTarget::open(&path)?;
        target.plan(&changes)?;
        let unchanged: Vec<&str> = names.iter().map(String::as_str).collect();
        let done = Deadline::local().with_patience(&|p| ui.waiting_for_lock(p), |patience| {
            target.commit_if_unchanged(&changes, &unchanged, patience)
        })?;
        for warning in &done.warnings {
            ui.warn(warning);
        }
        ui.note(&format!(
            "wrote {} to {} and read {} back{}",
            names.join(", "),
            path.display(),
            if names.len() == 1 { "it" } else { "them" },
            done.how()
        ));
    }
    keychain.remove(&id).map_err(|f| {
        Failure::incomplete(format!(
            "the secrets are back in {}, but removing the keychain entry failed: {}; they are in both places",
            path.display(),
            f.message
        ))
        .with_hint("adobe-jwt keychain remove --yes removes the entry")
    })?;
    ui.note(&format!(
        "removed the entry of {id} from {}",
        keychain.describe()
    ));
    Ok(ExitCode::SUCCESS)
}
