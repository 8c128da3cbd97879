//! `import`: a credential of a Developer Console project file into the .env, with the safe editor.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::{Context, Result};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use std::collections::BTreeMap;

use crate::cli::ImportArgs;
use crate::commands::keychain;
use crate::config::{Loaded, Sources};
use crate::console::{self, Credential, Project, Usable};
use crate::credential::AuthKind;
use crate::credential::Form;
use crate::credential::{self, JWT_PRIVATE_KEY_PASSPHRASE};
use crate::dotenv::edit;
use crate::environment::Environment;
use crate::error::Failure;
use crate::files::{self, Accept};
use crate::http::Deadline;
use crate::key;
use crate::keychain::{Id, Keychain};
use crate::output::Ui;
use crate::redact::Secret;
use crate::redact::mask_id;
use crate::settings;

pub fn run(args: &ImportArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    if args.project.as_os_str() == "-" && std::io::IsTerminal::is_terminal(&io::stdin()) {
        return Err(Failure::usage("import - reads the project file from stdin, which is a terminal")
            .with_hint("adobe-jwt import ~/Downloads/PROJECT.json, or pipe it: cat PROJECT.json | adobe-jwt import -"));
    }
    let project = console::read(&args.project)?;
    let credential = pick(&project, args.credential.as_deref())?;
    for odd in project
        .credentials
        .iter()
        .filter(|c| c.problem.is_some() && !std::ptr::eq(*c, credential))
    {
        ui.warn(&format!(
            "credential {} cannot be imported: {}",
            odd.describe(),
            odd.problem.as_deref().unwrap_or_default()
        ));
    }
    let usable = credential.usable().unwrap_or(Usable::OAuth);
    let selection = settings::profile_selection(&args.env, env)?;
    let prefix = selection.prefix()?;
    let env_file = settings::env_file(&args.env, env);
    // What the .env holds now (a broken .env must not stop an import that replaces it).
    let mut sources = Sources::read(&env_file, env).ok();
    // With --keychain, a secret the keychain holds for the client is the current one too.
    if args.keychain {
        let keychain = std::rc::Rc::new(Keychain::new(settings::keychain(env)?));
        sources = sources.map(|s| s.with_keychain(keychain));
    }
    let current = sources
        .as_ref()
        .and_then(|s| Loaded::resolve(s, &selection).ok());
    let mut lines = Lines::new(&prefix, credential);
    if matches!(usable, Usable::OAuth | Usable::Migrate)
        && let Some(o) = &credential.oauth
    {
        lines.required(credential::OAUTH_CLIENT_ID, Shown::Id, &o.client_id)?;
        let secret = secret_to_write(&current, o, args.force)?;
        lines.required(
            credential::OAUTH_CLIENT_SECRET,
            Shown::Length,
            secret.expose(),
        )?;
        lines.required(credential::OAUTH_ORG_ID, Shown::Id, &project.org_id)?;
        lines.push(
            credential::OAUTH_SCOPES,
            Shown::Length,
            &serde_json::to_string(&o.scopes).context("writing the scopes as JSON")?,
        );
        // The Console's ids, for `adobe-jwt secret` (rotating the client secret), go with the
        // credential: ids the file lacks are removed, never left from another credential.
        lines.push_or_remove(
            credential::OAUTH_CREDENTIAL_ID,
            Some(credential.id.as_str()).filter(|id| !id.is_empty()),
        );
        lines.push_or_remove(
            credential::OAUTH_CONSOLE_ORG_ID,
            project.console_org_id.as_deref(),
        );
        // The project file does not say which secret is which: a recorded uuid stays only when
        // it is the same credential and secret as before.
        if !same_secret(&current, &o.client_id, secret.expose()) {
            lines.remove(credential::OAUTH_CLIENT_SECRET_UUID);
        }
    }
    if matches!(usable, Usable::Jwt | Usable::Migrate)
        && let Some(j) = &credential.jwt
    {
        lines.required(credential::JWT_CLIENT_ID, Shown::Id, &j.client_id)?;
        lines.required(
            credential::JWT_CLIENT_SECRET,
            Shown::Length,
            j.client_secret.expose(),
        )?;
        lines.required(
            credential::JWT_TECHNICAL_ACCOUNT_ID,
            Shown::Id,
            &j.technical_account_id,
        )?;
        lines.required(credential::JWT_IMS_ORG, Shown::Id, &project.org_id)?;
        lines.push(
            credential::JWT_METASCOPES,
            Shown::Length,
            &j.meta_scopes.join(","),
        );
        match &args.private_key {
            Some(path) => {
                let passphrase = current
                    .as_ref()
                    .and_then(|l| l.get(JWT_PRIVATE_KEY_PASSPHRASE))
                    .map(|f| f.value.clone());
                let key = private_key(path, passphrase.as_ref())?;
                lines.push(credential::JWT_PRIVATE_KEY, Shown::Length, key.expose());
            }
            None => ui.warn(&format!(
                "the project file holds no private key: add it with adobe-jwt encode-key private.key --write{} (or run import again with --private-key)",
                if prefix.is_empty() {
                    String::new()
                } else {
                    format!(" --profile {}", selection.profile.as_deref().unwrap_or_default())
                }
            )),
        }
    }
    // The .env must take the edit before anything is stored elsewhere: a folder, a FIFO or a
    // read-only file is refused here, with the keychain untouched.
    let target = if args.stdout {
        None
    } else {
        Some(edit::EnvTarget::open(&env_file.path)?)
    };
    if args.keychain {
        // The uuid recorded for the secret in use stays with it, unless the lines remove it (a
        // secret that is not the one it names).
        let uuid_name = format!("{prefix}{}", credential::OAUTH_CLIENT_SECRET_UUID);
        let uuid = if lines
            .0
            .iter()
            .any(|l| l.name == uuid_name && l.value.is_none())
        {
            None
        } else {
            current
                .as_ref()
                .and_then(|l| l.recorded_secret_uuid())
                .map(|(uuid, _)| uuid)
        };
        keep_in_keychain(&mut lines, &prefix, uuid, env, ui)?;
    }
    if let Some(target) = &target {
        let path = env_file.path.clone();
        let changes: Vec<edit::Change<'_>> = lines
            .0
            .iter()
            .map(|l| (l.name.as_str(), l.value.as_ref().map(Secret::expose)))
            .collect();
        let written = Deadline::local().with_patience(&|p| ui.waiting_for_lock(p), |patience| {
            target.commit(&changes, patience)
        })?;
        let summary: Vec<String> = lines
            .0
            .iter()
            .zip(&written.edits)
            .filter(|(_, edit)| !matches!(edit, edit::Edit::Removed { count: 0, .. }))
            .map(|(l, edit)| match &l.value {
                Some(_) => format!("{} {}", l.name, l.shown),
                None => format!("{} ({})", l.name, edit.describe()),
            })
            .collect();
        for warning in &written.warnings {
            ui.warn(warning);
        }
        ui.note(&format!(
            "wrote credential {} of project {} (workspace {}) to {}: {}{}",
            credential.describe(),
            project.name,
            project.workspace,
            path.display(),
            summary.join(", "),
            written.how()
        ));
    } else {
        let mut out = io::stdout().lock();
        for line in &lines.0 {
            if let Some(value) = &line.value {
                let written = edit::written_form(&line.name, value.expose())?;
                writeln!(out, "{}={written}", line.name)?;
            }
        }
        out.flush()?;
    }
    if usable != Usable::OAuth {
        ui.hint("Service Account (JWT) credentials reached end of life at Adobe; docs/migrate-to-oauth.md shows how to move to OAuth Server-to-Server");
    }
    Ok(ExitCode::SUCCESS)
}

/// `--keychain`: the secrets of each kind the lines hold go to the credential's keychain entry
/// (stored and read back first), and their lines become removals, so that the .env keeps the ids
/// only.
fn keep_in_keychain(
    lines: &mut Lines<'_>,
    prefix: &str,
    uuid: Option<String>,
    env: &Environment,
    ui: &Ui,
) -> Result<(), Failure> {
    let keychain = Keychain::new(settings::keychain(env)?);
    for kind in [AuthKind::OAuth, AuthKind::Jwt] {
        let named = |key: &str| format!("{prefix}{key}");
        let value_of = |lines: &Lines<'_>, key: &str| {
            let name = named(key);
            lines
                .0
                .iter()
                .find(|l| l.name == name)
                .and_then(|l| l.value.clone())
        };
        let Some(client_id) = value_of(lines, kind.client_id_key()) else {
            continue;
        };
        let secrets: BTreeMap<String, Secret> = kind
            .secret_keys()
            .iter()
            .filter_map(|k| value_of(lines, k).map(|v| (k.to_string(), v)))
            .collect();
        if secrets.is_empty() {
            continue;
        }
        let id = Id::new(kind, client_id.expose());
        let names: Vec<String> = secrets.keys().map(|k| named(k)).collect();
        let kept = match kind {
            AuthKind::OAuth => keychain::Uuid::Set(uuid.clone()),
            AuthKind::Jwt => keychain::Uuid::KeepIfSameSecret,
        };
        keychain::store(&keychain, &id, secrets, kept)
            .map_err(|f| f.reworded(|m| format!("{m}; nothing was written")))?;
        for line in lines.0.iter_mut().filter(|l| names.contains(&l.name)) {
            line.value = None;
        }
        if kind == AuthKind::OAuth {
            lines.remove(credential::OAUTH_CLIENT_SECRET_UUID);
        }
        ui.note(&format!(
            "stored {} of {id} in {} and read {} back",
            names.join(", "),
            keychain.describe(),
            if names.len() == 1 { "it" } else { "them" }
        ));
    }
    Ok(())
}

/// The client secret to write: the .env's own when the project file lists it too (a rotation made
/// it; the file may list the older one first); else the file's first. A .env secret of the same
/// client that the file does not list may exist nowhere else (a rotation newer than the file): it
/// is not replaced without `--force`.
fn secret_to_write<'a>(
    current: &'a Option<Loaded<'_>>,
    o: &'a console::OAuthBlock,
    force: bool,
) -> Result<&'a Secret, Failure> {
    let here = |key: &str| current.as_ref().and_then(|l| l.get(key));
    let same_client =
        here(credential::OAUTH_CLIENT_ID).is_some_and(|f| f.value.expose() == o.client_id);
    let Some(found) = here(credential::OAUTH_CLIENT_SECRET).filter(|f| {
        same_client
            && matches!(
                f.source,
                credential::Source::DotEnv(_) | credential::Source::Keychain(_)
            )
    }) else {
        return Ok(&o.client_secret);
    };
    if let Some(listed) = o.client_secrets.iter().find(|s| *s == &found.value) {
        return Ok(listed);
    }
    if force {
        return Ok(&o.client_secret);
    }
    Err(Failure::usage(format!(
        "{} holds a client secret of this client that the project file does not list (a rotation newer than the file?): its value may exist only there, so it is not replaced; nothing was written",
        found.name
    ))
    .with_hint("download the project again from the Developer Console; or add --force to write the file's secret in its place"))
}

/// Whether the .env's current credential is this client with this secret (then the uuid recorded
/// beside the secret still names it).
fn same_secret(current: &Option<Loaded<'_>>, client_id: &str, secret: &str) -> bool {
    let value = |key: &str| {
        current
            .as_ref()
            .and_then(|l| l.get(key))
            .map(|f| f.value.expose().to_string())
    };
    value(credential::OAUTH_CLIENT_ID).as_deref() == Some(client_id)
        && value(credential::OAUTH_CLIENT_SECRET).as_deref() == Some(secret)
}

/// The credential to import: the one `--credential` names (an id exactly first, then a name),
/// else the only usable one.
fn pick<'a>(project: &'a Project, wanted: Option<&str>) -> Result<&'a Credential, Failure> {
    let all: Vec<&Credential> = project.credentials.iter().collect();
    let list = |creds: &[&Credential]| {
        creds
            .iter()
            .map(|c| c.describe())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(wanted) = wanted {
        let wanted = wanted.trim();
        let by_id: Vec<&Credential> = all.iter().copied().filter(|c| c.id == wanted).collect();
        let by_name = |exact: bool| -> Vec<&Credential> {
            all.iter()
                .copied()
                .filter(|c| {
                    if exact {
                        c.name == wanted
                    } else {
                        c.name.eq_ignore_ascii_case(wanted)
                    }
                })
                .collect()
        };
        let found = if by_id.is_empty() {
            let exact = by_name(true);
            if exact.is_empty() {
                by_name(false)
            } else {
                exact
            }
        } else {
            by_id
        };
        return match found.as_slice() {
            [one] => usable_or_why(one),
            [] => Err(Failure::usage(format!(
                "no credential has the id or name {wanted}; the project holds: {}",
                list(&all)
            ))),
            several => Err(Failure::usage(format!(
                "{} credentials are named {wanted}: {}",
                several.len(),
                list(several)
            ))
            .with_hint("pick one by its id: adobe-jwt import PROJECT.json --credential ID")),
        };
    }
    let usable: Vec<&Credential> = all
        .iter()
        .copied()
        .filter(|c| c.usable().is_some())
        .collect();
    match usable.as_slice() {
        [one] => Ok(one),
        [] => {
            let odd: Vec<&Credential> = all
                .iter()
                .copied()
                .filter(|c| c.problem.is_some())
                .collect();
            if let [one] = odd.as_slice() {
                return usable_or_why(one);
            }
            let unsupported: Vec<&Credential> =
                all.iter().copied().filter(|c| !c.is_known_type()).collect();
            let mut held = Vec::new();
            if !unsupported.is_empty() {
                held.push(format!("{} (not supported)", list(&unsupported)));
            }
            for c in &odd {
                held.push(format!(
                    "{} ({})",
                    c.describe(),
                    c.problem.as_deref().unwrap_or_default()
                ));
            }
            Err(Failure::config(format!(
                "the project has no usable OAuth Server-to-Server or Service Account (JWT) credential{}",
                if held.is_empty() {
                    String::new()
                } else {
                    format!("; it holds {}", held.join(", "))
                }
            ))
            .with_hint("add an OAuth Server-to-Server credential to the workspace in the Developer Console, and download the project again"))
        }
        several => Err(Failure::usage(format!(
            "the project has {} usable credentials: {}",
            several.len(),
            list(several)
        ))
        .with_hint("pick one: adobe-jwt import PROJECT.json --credential ID")),
    }
}

/// The credential, when adobe-jwt can use it; else why not.
fn usable_or_why(c: &Credential) -> Result<&Credential, Failure> {
    match (&c.problem, c.usable()) {
        (_, Some(_)) => Ok(c),
        (Some(problem), None) => Err(Failure::config(format!(
            "credential {} cannot be imported: {problem}",
            c.describe()
        ))
        .with_hint("download the project again from the Developer Console (\"Download all\"), or fix that field")),
        (None, None) => Err(Failure::config(format!(
            "{} is not a credential adobe-jwt can use: only OAuth Server-to-Server and Service Account (JWT) credentials give a server a token",
            c.describe()
        ))),
    }
}

/// How the summary shows a value.
#[derive(Clone, Copy)]
enum Shown {
    /// `4f0c…3a4b`.
    Id,
    /// Its length only.
    Length,
    /// As it is (the Console's numeric ids).
    Clear,
}

struct Line {
    name: String,
    /// `None`: remove every definition.
    value: Option<Secret>,
    shown: String,
}

/// The lines to write, named with the profile prefix.
struct Lines<'c>(Vec<Line>, &'c str, &'c Credential);

impl<'c> Lines<'c> {
    fn new(prefix: &'c str, credential: &'c Credential) -> Self {
        Self(Vec::new(), prefix, credential)
    }

    fn push(&mut self, key: &str, shown: Shown, value: &str) {
        self.0.push(Line {
            name: format!("{}{key}", self.1),
            shown: match shown {
                Shown::Id => mask_id(value),
                Shown::Length => format!("({} chars)", value.chars().count()),
                Shown::Clear => value.to_string(),
            },
            value: Some(Secret::new(value)),
        });
    }

    /// Remove every definition of a key.
    fn remove(&mut self, key: &str) {
        self.0.push(Line {
            name: format!("{}{key}", self.1),
            value: None,
            shown: String::new(),
        });
    }

    /// A Console id as it is, or its removal when the file has none.
    fn push_or_remove(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.push(key, Shown::Clear, v),
            None => self.remove(key),
        }
    }

    /// A value the credential cannot work without: an empty one is refused (exit 3), nothing written.
    fn required(&mut self, key: &str, shown: Shown, value: &str) -> Result<(), Failure> {
        if value.trim().is_empty() {
            return Err(Failure::config(format!(
                "the project file gives credential {} an empty value for {key}; nothing was written",
                self.2.describe()
            ))
            .with_hint("download the project again from the Developer Console (\"Download all\")"));
        }
        if let Some(problem) = credential::IdShape::of(key).and_then(|s| s.problem(value)) {
            return Err(Failure::config(format!(
                "the project file gives credential {} a value for {key} that {problem}; nothing was written",
                self.2.describe()
            ))
            .with_hint("download the project again from the Developer Console (\"Download all\"): a project file is input to check, like a .env"));
        }
        self.push(key, shown, value);
        Ok(())
    }
}

/// The private key file, checked as encode-key checks it (an encrypted key needs
/// JWT_PRIVATE_KEY_PASSPHRASE), as single-line base64 of its exact bytes.
fn private_key(path: &std::path::Path, passphrase: Option<&Secret>) -> Result<Secret, Failure> {
    let bytes = files::read(path, "the private key file", Accept::RegularOrPipe)?;
    let parsed = key::decode_bytes(&bytes, passphrase).map_err(|f| Failure {
        message: format!("{}: {}", path.display(), f.message),
        ..f
    })?;
    if !matches!(parsed.form, Form::Pem | Form::Der) {
        return Err(Failure::config(format!(
            "{} is already encoded ({}); pass the original private.key from the Developer Console",
            path.display(),
            parsed.form
        )));
    }
    Ok(Secret::new(STANDARD.encode(&bytes)))
}
