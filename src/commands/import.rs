//! `import`: a credential of a Developer Console project file into the .env, with the safe editor.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::cli::ImportArgs;
use crate::config::{self, JWT_PRIVATE_KEY, Loaded, OAUTH_SCOPES};
use crate::console::{self, Credential, Project, Usable};
use crate::dotenv;
use crate::error::Failure;
use crate::files::{self, Accept};
use crate::key::{self, Form};
use crate::output::{Ui, mask_id};
use crate::secret::Secret;

pub fn run(args: &ImportArgs, ui: &Ui) -> Result<ExitCode> {
    let project = console::read(&args.project)?;
    let credential = pick(&project, args.credential.as_deref())?;
    let usable = credential.usable().unwrap_or(Usable::OAuth);
    let prefix = match &args.env.profile {
        Some(p) => config::profile_prefix(p)?,
        None => String::new(),
    };
    let mut lines = Vec::new();
    if matches!(usable, Usable::OAuth | Usable::Migrate)
        && let Some(o) = &credential.oauth
    {
        lines.push(line(
            &prefix,
            config::OAUTH_CLIENT_ID,
            Value::Id(&o.client_id),
        )?);
        lines.push(line(
            &prefix,
            config::OAUTH_CLIENT_SECRET,
            Value::Secret(&o.client_secret),
        )?);
        lines.push(line(
            &prefix,
            config::OAUTH_ORG_ID,
            Value::Id(&project.org_id),
        )?);
        let scopes = serde_json::to_string(&o.scopes)?;
        lines.push(line(&prefix, OAUTH_SCOPES, Value::Text(&scopes))?);
    }
    if matches!(usable, Usable::Jwt | Usable::Migrate)
        && let Some(j) = &credential.jwt
    {
        lines.push(line(
            &prefix,
            config::JWT_CLIENT_ID,
            Value::Id(&j.client_id),
        )?);
        lines.push(line(
            &prefix,
            config::JWT_CLIENT_SECRET,
            Value::Secret(&j.client_secret),
        )?);
        lines.push(line(
            &prefix,
            config::JWT_TECHNICAL_ACCOUNT_ID,
            Value::Id(&j.technical_account_id),
        )?);
        lines.push(line(
            &prefix,
            config::JWT_IMS_ORG,
            Value::Id(&project.org_id),
        )?);
        lines.push(line(
            &prefix,
            config::JWT_METASCOPES,
            Value::Text(&j.meta_scopes.join(",")),
        )?);
        match &args.private_key {
            Some(path) => {
                let passphrase = Loaded::load_env(&args.env).ok().and_then(|l| {
                    l.get(config::JWT_PRIVATE_KEY_PASSPHRASE)
                        .map(|f| f.value.clone())
                });
                let key = private_key(path, passphrase.as_ref())?;
                lines.push(line(&prefix, JWT_PRIVATE_KEY, Value::Secret(&key))?);
            }
            None => ui.warn(&format!(
                "the project file holds no private key: add it with adobe-jwt encode-key private.key --write{} (or run import again with --private-key)",
                if prefix.is_empty() {
                    String::new()
                } else {
                    format!(" --profile {}", args.env.profile.as_deref().unwrap_or_default())
                }
            )),
        }
    }
    if args.stdout {
        let mut out = io::stdout().lock();
        for l in &lines {
            writeln!(out, "{}={}", l.name, l.written.expose())?;
        }
        out.flush()?;
    } else {
        let path = args
            .env
            .env_file
            .clone()
            .unwrap_or_else(|| PathBuf::from(".env"));
        let vars: Vec<(&str, &str)> = lines
            .iter()
            .map(|l| (l.name.as_str(), l.written.expose()))
            .collect();
        dotenv::write_variables(&path, &vars)?;
        let summary: Vec<String> = lines
            .iter()
            .map(|l| format!("{} {}", l.name, l.shown))
            .collect();
        ui.note(&format!(
            "wrote credential {} of project {} (workspace {}) to {}: {}",
            credential.describe(),
            project.name,
            project.workspace,
            path.display(),
            summary.join(", ")
        ));
    }
    if usable != Usable::OAuth {
        ui.hint("Service Account (JWT) credentials reached end of life at Adobe; docs/migrate-to-oauth.md shows how to move to OAuth Server-to-Server");
    }
    Ok(ExitCode::SUCCESS)
}

/// The credential to import: the one named (by name or id), else the only usable one.
fn pick<'a>(project: &'a Project, wanted: Option<&str>) -> Result<&'a Credential, Failure> {
    let usable: Vec<&Credential> = project
        .credentials
        .iter()
        .filter(|c| c.usable().is_some())
        .collect();
    let list = |creds: &[&Credential]| {
        creds
            .iter()
            .map(|c| c.describe())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let unsupported: Vec<&Credential> = project
        .credentials
        .iter()
        .filter(|c| c.usable().is_none())
        .collect();
    if let Some(wanted) = wanted {
        let found = project
            .credentials
            .iter()
            .find(|c| c.id == wanted || c.name == wanted)
            .or_else(|| {
                project
                    .credentials
                    .iter()
                    .find(|c| c.name.eq_ignore_ascii_case(wanted))
            });
        return match found {
            Some(c) if c.usable().is_some() => Ok(c),
            Some(c) => Err(Failure::config(format!(
                "{} is not a credential adobe-jwt can use: only OAuth Server-to-Server and Service Account (JWT) credentials give a server a token",
                c.describe()
            ))),
            None => Err(Failure::usage(format!(
                "no credential named or numbered {wanted}; the project holds: {}",
                list(&project.credentials.iter().collect::<Vec<_>>())
            ))),
        };
    }
    match usable.as_slice() {
        [one] => Ok(one),
        [] => Err(Failure::config(format!(
            "the project has no OAuth Server-to-Server or Service Account (JWT) credential{}",
            if unsupported.is_empty() {
                String::new()
            } else {
                format!("; it holds {} (not supported)", list(&unsupported))
            }
        ))
        .with_hint("add an OAuth Server-to-Server credential to the workspace in the Developer Console, and download the project again")),
        several => Err(Failure::usage(format!(
            "the project has {} usable credentials: {}",
            several.len(),
            list(several)
        ))
        .with_hint("pick one: adobe-jwt import PROJECT.json --credential NAME")),
    }
}

/// A value to write, by how it may be shown in the summary.
enum Value<'a> {
    Id(&'a str),
    Text(&'a str),
    Secret(&'a Secret),
}

struct Line {
    name: String,
    /// The value as it is written after `=`, quoted where needed.
    written: Secret,
    /// How the summary shows it.
    shown: String,
}

fn line(prefix: &str, key: &str, value: Value<'_>) -> Result<Line, Failure> {
    let name = format!("{prefix}{key}");
    let (raw, shown) = match value {
        Value::Id(v) => (v, mask_id(v)),
        Value::Text(v) => (v, format!("({} chars)", v.chars().count())),
        Value::Secret(s) => (s.expose(), format!("({} chars)", s.len())),
    };
    let written = quoted(raw).ok_or_else(|| {
        Failure::config(format!(
            "the value of {name} holds both kinds of quote and a line break or backtick; it cannot be written to a .env that every reader reads alike"
        ))
    })?;
    Ok(Line {
        name,
        written: Secret::new(written),
        shown,
    })
}

/// A value as written in the .env so that Node's dotenv, a shell and dotenvy all read it back
/// unchanged: bare when it is plain, else single-quoted (JSON arrays always are, as the contract asks).
fn quoted(value: &str) -> Option<String> {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.@:/+=,".contains(c));
    if plain && !value.starts_with('[') {
        return Some(value.to_string());
    }
    if !value.contains(['\'', '\n', '\r']) {
        return Some(format!("'{value}'"));
    }
    None
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
