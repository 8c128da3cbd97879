//! `secret`: the OAuth Server-to-Server client secret, rotated through the Developer Console's I/O
//! Management API: `list` the secrets, `rotate` (add one, write it where the current one is
//! defined, prove it with a token, then say what is next), `delete` one.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use serde_json::json;

use crate::cli::{
    CacheArgs, SecretAction, SecretArgs, SecretDeleteArgs, SecretListArgs, SecretRotateArgs,
    SecretTarget,
};
use crate::clock::now_ms;
use crate::config::{Credentials, Loaded, OAuthCredentials, Sources};
use crate::console_api::{self, ADD_THE_API, ClientSecret, MANAGEMENT_SCOPES, NewSecret};
use crate::credential::{
    self, AuthKind, OAUTH_CLIENT_SECRET, OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID, Source,
};
use crate::dotenv::edit::{self, EnvTarget};
use crate::environment::Environment;
use crate::error::{Failure, Kind};
use crate::jwt;
use crate::output::{Ui, mask_id, rfc3339};
use crate::secret::Secret;
use crate::session::Session;
use crate::urls::{CONSOLE_API, ConsoleApi, ConsoleIds};

pub fn run(args: &SecretArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    match &args.action {
        SecretAction::List(a) => list(a, env, ui),
        SecretAction::Rotate(a) => rotate(a, env, ui),
        SecretAction::Delete(a) => delete(a, env, ui),
    }
}

/// What every secret command works on: an OAuth credential, its Console ids and the Console's API.
struct Target<'s> {
    loaded: Loaded<'s>,
    oauth: OAuthCredentials,
    ids: ConsoleIds,
    api: ConsoleApi,
}

impl<'s> Target<'s> {
    fn new(sources: &'s Sources<'s>, args: &SecretTarget) -> Result<Self, Failure> {
        let loaded = Loaded::from_args(sources, &args.credentials)?;
        // A set that is not complete gets the loader's own words from `credentials()` below.
        if matches!(loaded.kind(), Ok(AuthKind::Jwt)) {
            return Err(Failure::usage(
                "these are Service Account (JWT) credentials, which have no client secret to rotate here: the Console rotates OAuth Server-to-Server secrets",
            )
            .with_hint("move to OAuth Server-to-Server first: adobe-jwt import PROJECT.json, or docs/migrate-to-oauth.md"));
        }
        let Credentials::OAuth(oauth) = loaded.credentials()? else {
            return Err(Failure::new(
                Kind::Unexpected,
                "an OAuth credential was expected",
            ));
        };
        let ids = match &args.console {
            Some(page) => ConsoleIds::from_page(page)?,
            None => ids_from_keys(&loaded)?,
        };
        let api = ConsoleApi::parse(
            sources
                .env
                .setting("ADOBE_CONSOLE_API_URL")
                .unwrap_or(CONSOLE_API),
        )?;
        Ok(Self {
            loaded,
            oauth,
            ids,
            api,
        })
    }

    /// A session whose token carries the I/O Management API's scopes, cached under that scope set.
    fn management(&self, args: &SecretTarget, ui: &'s Ui) -> Result<Session<'s>, Failure> {
        let creds = Credentials::OAuth(OAuthCredentials {
            scopes: MANAGEMENT_SCOPES.iter().map(|s| s.to_string()).collect(),
            ..self.oauth.clone()
        });
        Session::for_credentials(
            creds,
            &self.loaded,
            &args.cache,
            &args.net,
            jwt::DEFAULT_LIFETIME,
            ui,
        )
    }
}

/// The Console ids from `IMS_OAUTH_S2S_CONSOLE_ORG_ID` and `IMS_OAUTH_S2S_CREDENTIAL_ID`.
fn ids_from_keys(loaded: &Loaded<'_>) -> Result<ConsoleIds, Failure> {
    let value = |key: &str| {
        loaded
            .get(key)
            .map(|f| f.value.expose().to_string())
            .filter(|v| !v.trim().is_empty())
    };
    match (value(OAUTH_CONSOLE_ORG_ID), value(OAUTH_CREDENTIAL_ID)) {
        (Some(org), Some(credential)) => ConsoleIds::new(&org, &credential),
        _ => Err(Failure::usage(format!(
            "the Developer Console ids of the credential are not set: {p}{OAUTH_CONSOLE_ORG_ID} and {p}{OAUTH_CREDENTIAL_ID}",
            p = loaded.prefix
        ))
        .with_hint(
            "they are in the credential page's address, https://developer.adobe.com/console/projects/ORG/PROJECT/credentials/CREDENTIAL/details/oauthservertoserver: \
pass it as --console URL, or run adobe-jwt import PROJECT.json (it writes them)",
        )),
    }
}

/// A management token, with the I/O Management API's advice when IMS refuses its scopes.
fn management_token(session: &Session<'_>) -> Result<Secret, Failure> {
    session.get().map(|o| o.token.access_token).map_err(|f| {
        if f.kind == Kind::Rejected && f.message.contains("invalid_scope") {
            Failure {
                message: format!(
                    "{}: the credential cannot get the I/O Management API's scopes",
                    f.message
                ),
                ..f
            }
            .with_hint(ADD_THE_API)
        } else {
            f
        }
    })
}

/// "2024-05-01T15:48:20Z (3 days ago)", or "never".
fn when(ms: Option<u64>) -> String {
    let Some(ms) = ms else {
        return "never".into();
    };
    let now = now_ms();
    let ago = Duration::from_secs(now.saturating_sub(ms) / 1000);
    let rounded = if ago.as_secs() >= 86_400 {
        Duration::from_secs(ago.as_secs() / 86_400 * 86_400)
    } else if ago.as_secs() >= 3600 {
        Duration::from_secs(ago.as_secs() / 3600 * 3600)
    } else {
        Duration::from_secs(ago.as_secs() / 60 * 60)
    };
    if rounded.is_zero() {
        format!("{} (just now)", rfc3339(ms))
    } else {
        format!(
            "{} ({} ago)",
            rfc3339(ms),
            humantime::format_duration(rounded)
        )
    }
}

/// One line about a secret: uuid, creation, last use per grant type.
fn describe(s: &ClientSecret) -> String {
    let used = if s.last_used.is_empty() {
        "never used".to_string()
    } else {
        s.last_used
            .iter()
            .map(|(grant, at)| format!("last used by {grant} {}", when(Some(*at))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("{}  created {}  {used}", s.uuid, when(s.created_ms))
}

fn list(args: &SecretListArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let sources = Sources::read(args.target.credentials.env.env_file.as_deref(), env)?;
    let target = Target::new(&sources, &args.target)?;
    let session = target.management(&args.target, ui)?;
    let token = management_token(&session)?;
    let secrets = client(&target, &session, &token, ui).list()?;
    let mut out = io::stdout().lock();
    if args.json {
        let doc = json!({
            "client_id": target.oauth.client_id,
            "console": {"org": target.ids.org, "credential": target.ids.credential},
            "secrets": secrets.iter().map(|s| json!({
                "uuid": s.uuid,
                "created_at": s.created_ms.map(rfc3339),
                "expires_at": s.expires,
                "last_used": s.last_used.iter().map(|(grant, at)| json!({"grant_type": grant, "at": rfc3339(*at)})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
    } else {
        writeln!(
            out,
            "client {} (Console organization {}, credential {}): {} secret{}",
            mask_id(&target.oauth.client_id),
            target.ids.org,
            target.ids.credential,
            secrets.len(),
            if secrets.len() == 1 { "" } else { "s" }
        )?;
        for s in &secrets {
            writeln!(out, "  {}", describe(s))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn client<'a>(
    target: &'a Target<'_>,
    session: &'a Session<'_>,
    token: &'a Secret,
    ui: &'a Ui,
) -> console_api::Client<'a> {
    console_api::Client {
        api: &target.api,
        ids: &target.ids,
        http: session.http(),
        token,
        client_id: &target.oauth.client_id,
        ui,
    }
}

/// Where the new secret goes: the .env line that defines the current one.
struct Destination {
    file: EnvTarget,
    /// The variable as the .env names it (a profile prefix, or aio's context key).
    name: String,
    /// aio keeps `client_secrets` as a JSON array.
    json_array: bool,
}

impl Destination {
    /// The value to write for a secret.
    fn value(&self, secret: &str) -> String {
        if self.json_array {
            serde_json::to_string(&[secret]).unwrap_or_default()
        } else {
            secret.to_string()
        }
    }
}

/// Check, before anything changes, that the new secret can be written where the current one is.
fn destination(target: &Target<'_>, stdout: bool) -> Result<Option<Destination>, Failure> {
    if stdout {
        return Ok(None);
    }
    let found = target
        .loaded
        .get(OAUTH_CLIENT_SECRET)
        .ok_or_else(|| Failure::config("the client secret is not set"))?;
    let Source::DotEnv(line) = found.source else {
        return Err(Failure::usage(format!(
            "the current client secret comes from {}, not from a .env: adobe-jwt cannot change it there",
            target.loaded.sources.place(&found.source)
        ))
        .with_hint(format!(
            "print the new secret and store it where the secret lives: adobe-jwt secret rotate --stdout | gh secret set {}",
            found.name
        )));
    };
    let path = target
        .loaded
        .sources
        .file
        .as_ref()
        .map(|f| f.path.clone())
        .ok_or_else(|| Failure::config("the .env file is gone"))?;
    let file = EnvTarget::open(&path)?;
    let json_array = credential::aio_context_field(&found.name)
        .is_some_and(|(_, field)| field == "client_secrets");
    let dest = Destination {
        file,
        name: found.name.clone(),
        json_array,
    };
    // A stand-in of a secret's shape proves the edit can be made, before the Console is asked.
    let stand_in = dest.value("p8e-0000000000000000000000000000000000000000");
    dest.file
        .plan(&[(&dest.name, &stand_in)])
        .map_err(|f| Failure {
            message: format!(
                "{} (the secret is defined on line {line}); no secret was added",
                f.message
            ),
            ..f
        })?;
    Ok(Some(dest))
}

fn rotate(args: &SecretRotateArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let sources = Sources::read(args.target.credentials.env.env_file.as_deref(), env)?;
    let target = Target::new(&sources, &args.target)?;
    let dest = destination(&target, args.stdout)?;
    let session = target.management(&args.target, ui)?;
    let token = management_token(&session)?;
    let console = client(&target, &session, &token, ui);
    let before = console.list()?;
    if before.len() >= 2 {
        let listed: Vec<String> = before
            .iter()
            .map(|s| format!("  {}", describe(s)))
            .collect();
        return Err(Failure::usage(format!(
            "the credential already has two secrets, the Console's limit; no secret was added:\n{}",
            listed.join("\n")
        ))
        .with_hint(format!(
            "delete the one nothing uses any more, then rotate again; the one used least lately: adobe-jwt secret delete {}",
            before
                .iter()
                .min_by_key(|s| s.last_use())
                .map_or("UUID", |s| s.uuid.as_str())
        ))
        .into());
    }
    let NewSecret { secret, value } = console.add()?;
    ui.note(&format!(
        "added secret {} to credential {} (Console organization {})",
        secret.uuid, target.ids.credential, target.ids.org
    ));
    // From here on the new value exists only in this process: it must reach the user.
    match dest {
        None => {
            let mut out = io::stdout().lock();
            writeln!(out, "{}", value.expose())?;
            out.flush()?;
        }
        Some(dest) => {
            let name = dest.name.clone();
            let path = target
                .loaded
                .sources
                .file
                .as_ref()
                .map(|f| f.path.display().to_string())
                .unwrap_or_default();
            let written = dest.value(value.expose());
            match dest.file.commit(&[(&name, &written)]) {
                Ok(edits) => ui.note(&format!(
                    "wrote the new secret to {name} in {path} ({})",
                    edits.first().map(edit::Edit::describe).unwrap_or_default()
                )),
                Err(f) => {
                    let mut out = io::stdout().lock();
                    writeln!(out, "{}", value.expose())?;
                    out.flush()?;
                    return Err(Failure {
                        message: format!(
                            "the new secret {} was added, but {}; it is printed on stdout, the only time it can be seen: store it now",
                            secret.uuid, f.message
                        ),
                        ..f
                    }
                    .with_hint(format!("put it in {path} as {name}, or delete it again: adobe-jwt secret delete {}", secret.uuid))
                    .into());
                }
            }
        }
    }
    prove(&target, &args.target.net, &value, ui)?;
    let old = before.first();
    if let Some(old) = old {
        if args.delete_old {
            console.delete(&old.uuid)?;
            ui.note(&format!("deleted the old secret {}", old.uuid));
        } else {
            ui.note(&format!(
                "the old secret {} still works: delete it once nothing uses it any more (adobe-jwt secret list shows its last use): adobe-jwt secret delete {}",
                old.uuid, old.uuid
            ));
        }
    }
    ui.note("App Builder actions carry the secret as an input: redeploy them (aio app deploy); update every other place the secret lives (CI secrets, vaults)");
    ui.log(
        1,
        &format!("rotation took {} ms", started.elapsed().as_millis()),
    );
    Ok(ExitCode::SUCCESS)
}

/// A token exchange with the new secret and the credential's own scopes, no cache: the proof.
fn prove(
    target: &Target<'_>,
    net: &crate::cli::NetArgs,
    value: &Secret,
    ui: &Ui,
) -> Result<(), Failure> {
    let creds = Credentials::OAuth(OAuthCredentials {
        client_secret: value.clone(),
        ..target.oauth.clone()
    });
    let options = CacheArgs {
        min_validity: Duration::ZERO,
        refresh: true,
        no_cache: true,
    };
    let session = Session::for_credentials(
        creds,
        &target.loaded,
        &options,
        net,
        jwt::DEFAULT_LIFETIME,
        ui,
    )?;
    match session.fetch() {
        Ok(_) => {
            ui.note("proved it: IMS issued a token for the new secret");
            Ok(())
        }
        Err(f) => Err(Failure {
            message: format!("the new secret was added and stored, but IMS refused a token for it: {}", f.message),
            ..f
        }
        .with_hint("the old secret was kept; try adobe-jwt token --no-cache in a minute, and adobe-jwt secret list")),
    }
}

fn delete(args: &SecretDeleteArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let sources = Sources::read(args.target.credentials.env.env_file.as_deref(), env)?;
    let target = Target::new(&sources, &args.target)?;
    let uuid = args.uuid.trim();
    if !args.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "deleting secret {uuid} needs a confirmation, and stdin is not a terminal"
        ))
        .with_hint("add --yes to delete without asking")
        .into());
    }
    let session = target.management(&args.target, ui)?;
    let token = management_token(&session)?;
    let console = client(&target, &session, &token, ui);
    let secrets = console.list()?;
    let Some(secret) = secrets.iter().find(|s| s.uuid == uuid) else {
        let listed: Vec<&str> = secrets.iter().map(|s| s.uuid.as_str()).collect();
        return Err(Failure::usage(format!(
            "the credential has no secret {uuid}; its secrets: {}",
            if listed.is_empty() {
                "none".to_string()
            } else {
                listed.join(", ")
            }
        ))
        .into());
    };
    if secrets.len() == 1 {
        return Err(Failure::usage(format!(
            "{uuid} is the credential's only secret: without it nothing can get a token"
        ))
        .with_hint("add a new one first: adobe-jwt secret rotate")
        .into());
    }
    ui.note(&format!("secret {}", describe(secret)));
    if !args.yes && !confirmed(uuid)? {
        ui.note("nothing was deleted");
        return Ok(ExitCode::from(Kind::Usage.code()));
    }
    console.delete(uuid)?;
    ui.note(&format!("deleted secret {uuid}"));
    Ok(ExitCode::SUCCESS)
}

/// Ask on the terminal; only `y` or `yes` deletes.
fn confirmed(uuid: &str) -> Result<bool> {
    let mut err = io::stderr().lock();
    write!(err, "delete secret {uuid}? [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}
