//! `secret`: the OAuth Server-to-Server client secret, rotated through the Developer Console's I/O
//! Management API: `list` the secrets, `rotate` (add one, write it where the current one is
//! defined, prove it with a token, then say what is next), `delete` one, `prune` the idle ones.
//!
//! Once the Console has shown a new secret, its value exists only in this process: `rotate` ends
//! with the value where the user can read it, proven and named, or with the secret deleted again
//! and an exit code that is not 0. Every message after the Console's answer says what has changed.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use serde_json::json;

use crate::cli::{
    SecretAction, SecretArgs, SecretDeleteArgs, SecretListArgs, SecretPruneArgs, SecretRotateArgs,
    SecretTarget,
};
use crate::clock::now_ms;
use crate::config::Loaded;
use crate::console_api::{
    self, ClientSecret, Console, ConsoleApi, ConsoleIds, InUse, NewSecret, Trouble,
};
use crate::credential::{self, AuthKind, OAUTH_CLIENT_SECRET, OAUTH_CLIENT_SECRET_UUID, Source};
use crate::credential::{Credentials, Held, OAuthCredentials};
use crate::delivery;
use crate::dotenv::edit::{self, EnvTarget};
use crate::environment::Environment;
use crate::error::{Failure, Kind, Result};
use crate::jwt;
use crate::keychain::{Entry, Keychain};
use crate::output::{Ui, ago, confirmed, escape_controls, rfc3339};
use crate::redact::{Secret, mask_id};
use crate::session::{self, CachePolicy, Options, Session};
use crate::settings::{self, Context};

pub fn run(args: &SecretArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    match &args.action {
        SecretAction::List(a) => list(a, env, ui),
        SecretAction::Rotate(a) => rotate(a, env, ui),
        SecretAction::Delete(a) => delete(a, env, ui),
        SecretAction::Prune(a) => prune(a, env, ui),
    }
}

/// What every secret command works on: an OAuth credential, its Console ids, the Console's API and
/// the options of its sessions.
struct Target<'s> {
    loaded: Loaded<'s>,
    oauth: OAuthCredentials,
    ids: ConsoleIds,
    api: ConsoleApi,
    options: Options,
    /// The options a printed command needs to reach the same credential (` --env-file X`).
    again: String,
}

impl<'s> Target<'s> {
    fn new(cx: &'s Context<'_>, args: &SecretTarget) -> Result<Self, Failure> {
        let loaded = cx.loaded()?;
        // A set that is not complete gets the loader's own words from `credentials()` below.
        if matches!(loaded.kind(), Ok(AuthKind::Jwt)) {
            return Err(jwt_refusal(&loaded));
        }
        let Credentials::OAuth(oauth) = loaded.credentials()? else {
            return Err(Failure::new(
                Kind::Unexpected,
                "an OAuth credential was expected",
            ));
        };
        let ids = match &args.console {
            Some(page) => ConsoleIds::from_page(page)?,
            None => ConsoleIds::from_keys(&loaded)?,
        };
        let api = settings::console_api(cx.env)?;
        let options = settings::options(
            &args.net,
            settings::cache_policy(&args.cache),
            jwt::DEFAULT_LIFETIME,
            cx.env,
        )?;
        Ok(Self {
            again: again(cx, args),
            loaded,
            oauth,
            ids,
            api,
            options,
        })
    }

    /// The session of the management token.
    fn management<'u>(&self, ui: &'u Ui) -> Result<Session<'u>, Failure> {
        session::management(&self.loaded, &self.oauth, &self.options, ui)
    }

    /// The Console's API for the credential, with management tokens from `tokens`.
    fn console<'t>(&self, tokens: &'t Session<'_>) -> Console<'t> {
        Console::new(
            tokens,
            self.api.clone(),
            self.ids.clone(),
            &self.oauth.client_id,
        )
    }

    /// The uuid recorded beside the secret in use, and where.
    fn recorded(&self) -> Option<(String, String)> {
        self.loaded.recorded_secret_uuid()
    }
}

/// The options of this run that a command printed for later needs to reach the same credential:
/// the .env, profile, context, IMS and Console page as given.
fn again(cx: &Context<'_>, args: &SecretTarget) -> String {
    let quoted = crate::output::shell_word;
    let c = &args.credentials.set;
    let mut options = Vec::new();
    if cx.env_file.named {
        options.push(format!(
            "--env-file {}",
            quoted(&cx.env_file.path.to_string_lossy())
        ));
    }
    let given = [
        ("--profile", c.env.profile.as_deref()),
        ("--context", c.context.as_deref()),
        ("--ims", c.ims.as_deref()),
        ("--console", args.console.as_deref()),
    ];
    for (flag, value) in given {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            options.push(format!("{flag} {}", quoted(v)));
        }
    }
    if c.stage {
        options.push("--stage".into());
    }
    options.iter().map(|o| format!(" {o}")).collect()
}

/// A Service Account (JWT) credential has no client secret the Console rotates; against Adobe's IMS
/// after 2026-03-01 it works no more at all (exit 3, the way across).
fn jwt_refusal(loaded: &Loaded<'_>) -> Failure {
    let ended = loaded.ims.is_adobe()
        && settings::today(loaded.sources.env).is_ok_and(|d| d >= credential::JWT_ENDED);
    if ended && let Ok(creds) = loaded.credentials() {
        return Failure::config(
            "these are Service Account (JWT) credentials, which stopped working at Adobe on 2026-03-01; nothing was sent",
        )
        .with_hint(session::ended_jwt_hint(&loaded.prefix, &creds));
    }
    Failure::usage(
        "these are Service Account (JWT) credentials, which have no client secret to rotate here: the Console rotates OAuth Server-to-Server secrets",
    )
    .with_hint("move to OAuth Server-to-Server first: adobe-jwt import PROJECT.json, or docs/migrate-to-oauth.md")
}

/// "2024-05-01T15:48:20Z (3 days ago)"; "never" when there is no time.
fn when(ms: Option<u64>) -> String {
    let Some(ms) = ms else {
        return "never".into();
    };
    format!("{} ({})", rfc3339(ms), ago(ms, now_ms()))
}

/// One line about a secret: uuid, creation, last use per grant type, and whether it is in use.
fn describe(s: &ClientSecret, in_use: &InUse) -> String {
    let used = if s.last_used.is_empty() {
        "never used".to_string()
    } else {
        s.last_used
            .iter()
            .map(|(grant, at)| format!("last used by {grant} {}", when(Some(*at))))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let created = match s.created_ms {
        Some(ms) => format!("created {}", when(Some(ms))),
        None => "created at a time the Console does not give".into(),
    };
    let mark = if in_use.is(&s.uuid) { "  (in use)" } else { "" };
    format!("{}  {created}  {used}{mark}", s.uuid)
}

fn list(args: &SecretListArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.target.credentials, env, ui)?;
    let target = Target::new(&cx, &args.target)?;
    let management = target.management(ui)?;
    let console = target.console(&management);
    let secrets = console.list().map_err(Trouble::into_failure)?;
    let known = in_use(&target, &secrets, ui);
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
                "in_use": (known != InUse::Unknown).then(|| known.is(&s.uuid)),
            })).collect::<Vec<_>>(),
        });
        writeln!(out, "{}", crate::output::json_text(&doc))?;
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
            writeln!(out, "  {}", escape_controls(&describe(s, &known)))?;
        }
    }
    out.flush()?;
    if known == InUse::Unknown {
        ui.note(&format!(
            "which secret the credentials use is not recorded ({}{OAUTH_CLIENT_SECRET_UUID}); adobe-jwt secret rotate records it",
            target.loaded.prefix
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the new secret goes: where the current one is (a .env line, a keychain entry), or stdout.
enum Where {
    Stdout,
    EnvFile(Destination),
    Keychain(InKeychain),
}

/// The keychain entry the current secret comes from.
struct InKeychain {
    keychain: std::rc::Rc<Keychain>,
    entry: std::rc::Rc<Entry>,
}

/// The .env line that defines the current secret, and beside it its uuid.
struct Destination {
    file: EnvTarget,
    /// The file's path, for messages.
    path: String,
    /// The variable as the .env names it (a profile prefix, or aio's context key).
    name: String,
    /// The variable its uuid is recorded in, beside it.
    uuid_name: Option<String>,
    /// aio keeps `client_secrets` as a JSON array.
    json_array: bool,
    /// Keys that must read at write time as they did at the start: the secret replaced, its client.
    unchanged: Vec<String>,
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

    /// The changes that put a secret (and its uuid, or no stale one) in the file.
    fn changes<'a>(&'a self, written: &'a str, uuid: Option<&'a str>) -> Vec<edit::Change<'a>> {
        let mut changes = vec![(self.name.as_str(), Some(written))];
        if let Some(name) = &self.uuid_name {
            changes.push((name.as_str(), uuid));
        }
        changes
    }
}

/// The variable the uuid of the secret in `name` is recorded in: `NAME_UUID`, or for an aio
/// context `…_client__secret__uuid`.
fn uuid_variable(name: &str) -> Option<String> {
    let Some((ctx, field)) = credential::aio_context_field(name) else {
        return Some(format!("{name}_UUID"));
    };
    let spelled = field.replace('_', "__").len();
    let uuid_name = format!("{}client__secret__uuid", &name[..name.len() - spelled]);
    (credential::aio_context_field(&uuid_name) == Some((ctx, "client_secret_uuid")))
        .then_some(uuid_name)
}

/// Where the new secret will go, checked before anything changes: the .env edit is planned and
/// proven with stand-in values, or stdout is checked to be able to take it.
fn destination(target: &Target<'_>, stdout: bool) -> Result<Where, Failure> {
    if stdout {
        delivery::check_stdout().map_err(|why| {
            Failure::usage(format!(
                "--stdout prints the new secret, but {why}; no secret was added"
            ))
            .with_hint("pipe it into what stores it: adobe-jwt secret rotate --stdout | gh secret set IMS_OAUTH_S2S_CLIENT_SECRET")
        })?;
        return Ok(Where::Stdout);
    }
    let found = target
        .loaded
        .get(OAUTH_CLIENT_SECRET)
        .ok_or_else(|| Failure::config("the client secret is not set"))?;
    if let Source::Keychain(_) = found.source {
        // The entry is read now: a store that cannot be read back is found before the Console
        // adds anything.
        let keychain = target
            .loaded
            .sources
            .keychain()
            .cloned()
            .ok_or_else(|| Failure::config("the keychain is not open"))?;
        let entry = target
            .loaded
            .keychain_entry(AuthKind::OAuth)?
            .ok_or_else(|| {
                Failure::config(format!(
                    "{} holds the secret no more; no secret was added",
                    keychain.describe()
                ))
            })?;
        return Ok(Where::Keychain(InKeychain { keychain, entry }));
    }
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
    // The uuid goes beside the secret: one the environment sets would win over it.
    if let Some(uuid) = target.loaded.get(OAUTH_CLIENT_SECRET_UUID)
        && uuid.source == Source::Environment
    {
        return Err(Failure::usage(format!(
            "{} is set in the environment, while the secret is in {}: the new secret's uuid would be recorded in the file, and the environment's would win; no secret was added",
            uuid.name,
            path.display()
        ))
        .with_hint(format!("unset {} for the rotation", uuid.name)));
    }
    let file = EnvTarget::open(&path)?;
    let json_array = credential::aio_context_field(&found.name)
        .is_some_and(|(_, field)| field == "client_secrets");
    // What the rotation read must still be there when it writes: the secret it replaces, and the
    // client it belongs to.
    let mut unchanged = vec![found.name.clone()];
    if let Some(client) = target
        .loaded
        .get(credential::OAUTH_CLIENT_ID)
        .filter(|f| matches!(f.source, Source::DotEnv(_)))
    {
        unchanged.push(client.name.clone());
    }
    let dest = Destination {
        file,
        path: path.display().to_string(),
        name: found.name.clone(),
        uuid_name: uuid_variable(&found.name),
        json_array,
        unchanged,
    };
    // Stand-ins of a secret's and a uuid's shape prove the edit can be made, before the Console is
    // asked; the edit is made again, on the file as it is then, once the value is known.
    let stand_in = dest.value("p8e-0000000000000000000000000000000000000000");
    dest.file
        .plan(&dest.changes(&stand_in, Some("00000000-0000-0000-0000-000000000000")))
        .map_err(|f| {
            f.reworded(|m| {
                format!("{m} (the secret is defined on line {line}); no secret was added")
            })
        })?;
    Ok(Where::EnvFile(dest))
}

fn rotate(args: &SecretRotateArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let cx = Context::new(&args.target.credentials, env, ui)?;
    let target = Target::new(&cx, &args.target)?;
    let dest = destination(&target, args.stdout)?;
    let management = target.management(ui)?;
    let console = target.console(&management);
    let before = console.list().map_err(|t| {
        t.into_failure()
            .reworded(|m| format!("{m}; no secret was added: nothing was changed"))
    })?;
    if before.len() >= 2 {
        let known = in_use(&target, &before, ui);
        let listed: Vec<String> = before.iter().map(|s| describe(s, &known)).collect();
        return Err(Failure::usage(format!(
            "the credential already has two secrets, the Console's limit; no secret was added: {}",
            listed.join("; ")
        ))
        .with_hint(format!(
            "delete the one nothing uses any more, then rotate again (adobe-jwt secret prune does it for secrets idle a day); the one used least lately: adobe-jwt secret delete {}{}",
            before
                .iter()
                .filter(|s| !known.is(&s.uuid))
                .min_by_key(|s| s.last_use())
                .map_or("UUID", |s| s.uuid.as_str()),
            target.again
        )));
    }
    let added = match console.add() {
        Ok(added) => added,
        Err(Trouble::Refused(f) | Trouble::Unauthorized(f)) => {
            return Err(f.reworded(|m| format!("{m}; no secret was added: nothing was changed")));
        }
        Err(Trouble::Unknown(f)) => return Err(lost_answer(&console, &before, &target.again, f)),
    };
    let rotation = Rotation {
        console: &console,
        before: &before,
        again: &target.again,
        ui,
    };
    let (uuid, value) = rotation.accept(added)?;
    let shown = uuid.as_deref().unwrap_or("(uuid unknown)");
    let added = format!(
        "added secret {shown} to credential {} (Console organization {})",
        target.ids.credential, target.ids.org
    );
    // With --stdout this line is the only place the uuid is shown: -q does not hide it.
    if args.stdout {
        ui.essential(&added);
    } else {
        ui.note(&added);
    }
    let stored = rotation.store(&dest, uuid.as_deref(), &value)?;
    prove(&target, &value, ui).map_err(|f| {
        f.reworded(|m| {
            format!(
                "the new secret {shown} was added and is {stored}, but {m}; the old secret{} still works and was kept",
                old_of(&before).map(|o| format!(" {o}")).unwrap_or_default()
            )
        })
    })?;
    if let Some(old) = old_of(&before) {
        if args.delete_old {
            console.delete(old).map_err(|t| {
                t.into_failure()
                    .reworded(|m| {
                        format!(
                            "the rotation is done (the new secret {shown} is {stored} and proven), but deleting the old secret {old} failed: {m}; it still works"
                        )
                    })
                    .into_incomplete()
                    .with_hint(format!(
                        "delete it once nothing uses it: adobe-jwt secret delete {old} --yes{}",
                        target.again
                    ))
            })?;
            ui.note(&format!("deleted the old secret {old}"));
        } else {
            ui.note(&format!(
                "the old secret {old} still works: delete it once nothing uses it any more (adobe-jwt secret list shows its last use): adobe-jwt secret delete {old}{}",
                target.again
            ));
        }
    }
    ui.note("App Builder actions carry the secret as an input: redeploy them (aio app deploy); update every other place the secret lives (CI secrets, vaults)");
    log::debug!("rotation took {} ms", started.elapsed().as_millis());
    Ok(ExitCode::SUCCESS)
}

/// The secret a rotation replaces: the one the credential had before.
fn old_of(before: &[ClientSecret]) -> Option<&str> {
    before.first().map(|s| s.uuid.as_str())
}

/// Secrets the Console lists now that it did not list `before`.
fn added_since(now: &[ClientSecret], before: &[ClientSecret]) -> Vec<String> {
    now.iter()
        .filter(|s| !before.iter().any(|b| b.uuid == s.uuid))
        .map(|s| s.uuid.clone())
        .collect()
}

/// The add got no answer that can be read (a timeout, a 5xx, an answer without the value): the
/// secret may exist. The Console is asked what it holds now.
fn lost_answer(console: &Console<'_>, before: &[ClientSecret], again: &str, f: Failure) -> Failure {
    match console.list() {
        Ok(now) => {
            let new = added_since(&now, before);
            if new.is_empty() {
                return f.reworded(|m| {
                    format!("{m}; listed again, the credential has no new secret: nothing was changed")
                });
            }
            Failure::incomplete(format!(
                "{}; listed again, the credential has a new secret {} whose value the Console did not show: nobody can use it, and it takes one of the credential's two slots",
                f.message,
                new.join(" and ")
            ))
            .with_hint(format!(
                "delete it: {}",
                new.iter()
                    .map(|u| format!("adobe-jwt secret delete {u} --yes{again}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        }
        Err(t) => Failure::incomplete(format!(
            "{}; the Console may have added a secret whose value it did not show, and listing the secrets again failed too ({})",
            f.message,
            t.into_failure().message
        ))
        .with_hint(format!("adobe-jwt secret list{again} shows what the credential holds: delete a secret nobody has with adobe-jwt secret delete UUID --yes{again}")),
    }
}

/// The time a rotation may take past its deadline to delete a new secret nobody can read.
const UNDO_GRACE: Duration = Duration::from_secs(30);

/// A rotation after the Console showed the new value: every path ends with the value stored and
/// proven, or with the secret deleted again.
struct Rotation<'a> {
    console: &'a Console<'a>,
    before: &'a [ClientSecret],
    /// The options the printed commands need (see [`again`]).
    again: &'a str,
    ui: &'a Ui,
}

impl Rotation<'_> {
    /// The new secret's uuid (found by listing when the answer lacked a usable one) and its value,
    /// once the value has a client secret's shape; else the secret is deleted again.
    fn accept(&self, added: NewSecret) -> Result<(Option<String>, Secret), Failure> {
        // A uuid that names a secret the credential already had is not the new one's.
        let answered = added.secret.filter(|s| {
            !self
                .before
                .iter()
                .any(|b| b.uuid.eq_ignore_ascii_case(&s.uuid))
        });
        let uuid = match answered {
            Some(s) => Some(s.uuid),
            None => match self.console.list() {
                Ok(now) => match added_since(&now, self.before).as_slice() {
                    [one] => Some(one.clone()),
                    _ => None,
                },
                Err(_) => None,
            },
        };
        if uuid.is_none() {
            self.ui.warn("the Console's answer did not say the new secret's uuid, and listing did not tell it: it is stored without one, so secret delete cannot tell it is the one in use");
        }
        if !console_api::is_secret_shaped(added.value.expose()) {
            let why = Failure::network(format!(
                "the Console answered a new secret that is not shaped like a client secret ({} characters{}), so it was not stored",
                added.value.len(),
                if added.value.expose().chars().any(char::is_control) {
                    ", control characters among them"
                } else {
                    ""
                }
            ));
            return Err(self.take_back(uuid.as_deref(), why));
        }
        Ok((uuid, added.value))
    }

    /// Put the value where the current secret is (the .env, with its uuid beside it) or on stdout,
    /// proven by reading it back; when the .env cannot take it, on stdout instead (exit 7); when
    /// nothing can, the secret is deleted again. Returns where it is, for messages.
    fn store(&self, dest: &Where, uuid: Option<&str>, value: &Secret) -> Result<String, Failure> {
        let deadline = self.console.http().settings().deadline;
        let dest = match dest {
            Where::EnvFile(dest) => dest,
            Where::Keychain(held) => return self.keep_in_keychain(held, uuid, value),
            Where::Stdout => {
                let place = self.print(value, deadline.left()).map_err(|why| {
                    self.take_back(
                        uuid,
                        Failure::config(format!(
                            "the new secret could not be handed over on stdout: {why}"
                        )),
                    )
                })?;
                self.ui.note(&format!("printed the new secret {place}"));
                return Ok(place);
            }
        };
        let written = dest.value(value.expose());
        let ui = self.ui;
        let committed = deadline.with_patience(&|p| ui.waiting_for_lock(p), |patience| {
            let unchanged: Vec<&str> = dest.unchanged.iter().map(String::as_str).collect();
            dest.file
                .commit_if_unchanged(&dest.changes(&written, uuid), &unchanged, patience)
        });
        match committed {
            Ok(done) => {
                for warning in &done.warnings {
                    self.ui.warn(warning);
                }
                let what = |i: usize| {
                    done.edits
                        .get(i)
                        .map(edit::Edit::describe)
                        .unwrap_or_default()
                };
                let uuid_note = match (&dest.uuid_name, uuid) {
                    (Some(name), Some(_)) => format!(" and its uuid to {name} ({})", what(1)),
                    _ => String::new(),
                };
                self.ui.note(&format!(
                    "wrote the new secret to {} in {} ({}){uuid_note}{}",
                    dest.name,
                    dest.path,
                    what(0),
                    done.how()
                ));
                Ok(format!("in {} as {}", dest.path, dest.name))
            }
            Err(f) => Err(self.fallback(
                uuid,
                value,
                f,
                &format!("put it in {} as {}", dest.path, dest.name),
            )),
        }
    }

    /// The new secret's place refused it (`f`): the value goes once to stdout instead (exit 7),
    /// or, when that fails too, the secret is deleted again. `put` says where it belongs.
    fn fallback(&self, uuid: Option<&str>, value: &Secret, f: Failure, put: &str) -> Failure {
        let deadline = self.console.http().settings().deadline;
        match self.print(value, deadline.left()) {
            Ok(place) => Failure::incomplete(format!(
                "the new secret {} was added, but {}; it is printed {place} instead, the only time it can be seen: store it now",
                uuid.unwrap_or("(uuid unknown)"),
                f.message
            ))
            .with_hint(format!(
                "{put}, or delete it again: adobe-jwt secret delete {} --yes{}",
                uuid.unwrap_or("UUID"),
                self.again
            )),
            Err(why) => self.take_back(
                uuid,
                Failure {
                    message: format!("{}, and printing it failed too: {why}", f.message),
                    ..f
                },
            ),
        }
    }

    /// The new secret into the keychain entry the current one came from, read back.
    fn keep_in_keychain(
        &self,
        held: &InKeychain,
        uuid: Option<&str>,
        value: &Secret,
    ) -> Result<String, Failure> {
        // The entry as the store holds it now: a change made to it during the Console's round
        // trip stays.
        let place = held.keychain.describe();
        let put = held.keychain.fresh(&held.entry.id).and_then(|now| {
            let mut secrets = now.map_or_else(|| held.entry.secrets.clone(), |e| e.secrets.clone());
            secrets.insert(OAUTH_CLIENT_SECRET.to_string(), value.clone());
            let entry = Entry::new(held.entry.id.clone(), secrets, uuid.map(String::from));
            held.keychain.put(&entry).map(|()| entry)
        });
        match put.map(|entry| entry.id) {
            Ok(id) => {
                self.ui.note(&format!(
                    "stored the new secret in {place} for {} and read it back{}",
                    id,
                    if uuid.is_some() {
                        ", with its uuid"
                    } else {
                        ""
                    }
                ));
                Ok(format!("in {place}"))
            }
            Err(f) => Err(self.fallback(
                uuid,
                value,
                f,
                "store it where the secrets live (adobe-jwt keychain add reads it from a .env)",
            )),
        }
    }

    /// The value on stdout, proven; where it went, or why it may not have arrived.
    fn print(&self, value: &Secret, left: Duration) -> Result<String, String> {
        delivery::to_stdout(value.expose(), left.max(Duration::from_secs(10)))
            .map(|d| d.describe().to_string())
    }

    /// The new secret could not be kept: delete it again. The failure says why and whether the
    /// deletion worked (then nothing has changed; else exit 7 and the command to finish).
    fn take_back(&self, uuid: Option<&str>, why: Failure) -> Failure {
        let uuid = uuid.map(str::to_string).or_else(|| {
            let now = self.console.list().ok()?;
            match added_since(&now, self.before).as_slice() {
                [one] => Some(one.clone()),
                _ => None,
            }
        });
        let Some(uuid) = uuid else {
            return Failure::incomplete(format!(
                "{}; the new secret's uuid is not known, so it could not be deleted again: its value is lost, and it takes one of the credential's two slots",
                why.message
            ))
            .with_hint(format!("adobe-jwt secret list{0} shows it (the newest): delete it with adobe-jwt secret delete UUID --yes{0}", self.again));
        };
        match self.console.undo_add(&uuid, UNDO_GRACE) {
            Ok(()) => Failure {
                message: format!(
                    "{}; the new secret {uuid} was deleted again: nothing was changed",
                    why.message
                ),
                ..why
            },
            Err(t) => Failure::incomplete(format!(
                "{}; deleting the new secret {uuid} again failed ({}): its value is lost, and it takes one of the credential's two slots",
                why.message,
                t.into_failure().message
            ))
            .with_hint(format!("delete it: adobe-jwt secret delete {uuid} --yes{}", self.again)),
        }
    }
}

/// A token exchange with the new secret and the credential's own scopes, no cache: the proof. The
/// failure says whether IMS refused it or could not be reached; either way the rotation is
/// incomplete (exit 7).
fn prove(target: &Target<'_>, value: &Secret, ui: &Ui) -> Result<(), Failure> {
    let creds = Credentials::OAuth(OAuthCredentials {
        client_secret: Held::here(value.clone()),
        ..target.oauth.clone()
    });
    let options = target.options.with_cache(CachePolicy::BYPASS);
    let session = Session::for_credentials(creds, &target.loaded, &options, ui)?;
    match session.fetch() {
        Ok(_) => {
            ui.note("proved it: IMS issued a token for the new secret");
            Ok(())
        }
        Err(f) => {
            let what = if f.kind == Kind::Rejected {
                "IMS refused a token for it"
            } else {
                "IMS could not be reached to prove it"
            };
            Err(Failure::incomplete(format!("{what} ({})", f.message)).with_hint(
                "a new secret can take a minute to work everywhere: try adobe-jwt token --no-cache, and see adobe-jwt secret list",
            ))
        }
    }
}

/// Which secret the credentials use, as far as is known; a recorded uuid that is stale is said.
fn in_use(target: &Target<'_>, secrets: &[ClientSecret], ui: &Ui) -> InUse {
    let (in_use, stale) = InUse::of(target.recorded(), secrets);
    if let Some((uuid, place)) = stale {
        ui.warn(&format!(
            "the uuid recorded beside the secret ({place}), {uuid}, is not one of the credential's secrets: it is stale"
        ));
    }
    in_use
}

/// What the refusal to delete without knowing says, and its hint.
fn unknown_in_use(target: &Target<'_>, what: &str) -> Failure {
    Failure::usage(format!(
        "{what}: the credential has two secrets and no uuid is recorded beside the one in use ({}{OAUTH_CLIENT_SECRET_UUID}), so adobe-jwt cannot tell which one the credentials use",
        target.loaded.prefix
    ))
    .with_hint("record it (secret rotate does), or add --force to delete anyway: if it is the one the credentials use, every token request fails with invalid_client until it is replaced")
}

fn delete(args: &SecretDeleteArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.target.credentials, env, ui)?;
    let target = Target::new(&cx, &args.target)?;
    let given = args.uuid.trim();
    if !args.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(format!(
            "deleting secret {given} needs a confirmation, and stdin is not a terminal"
        ))
        .with_hint("add --yes to delete without asking"));
    }
    let management = target.management(ui)?;
    let console = target.console(&management);
    let secrets = console.list().map_err(Trouble::into_failure)?;
    let Some(secret) = secrets.iter().find(|s| s.uuid.eq_ignore_ascii_case(given)) else {
        let listed: Vec<&str> = secrets.iter().map(|s| s.uuid.as_str()).collect();
        return Err(Failure::usage(format!(
            "the credential has no secret {given}; its secrets: {}",
            if listed.is_empty() {
                "none".to_string()
            } else {
                listed.join(", ")
            }
        )));
    };
    let uuid = secret.uuid.as_str();
    if secrets.len() == 1 {
        return Err(Failure::usage(format!(
            "{uuid} is the credential's only secret: without it nothing can get a token"
        ))
        .with_hint("add a new one first: adobe-jwt secret rotate"));
    }
    match in_use(&target, &secrets, ui) {
        InUse::Recorded(u, place) if u.eq_ignore_ascii_case(uuid) && !args.force => {
            return Err(Failure::usage(format!(
                "{uuid} is the secret the credentials use (recorded in {place}): deleting it would cut them off"
            ))
            .with_hint("rotate first (adobe-jwt secret rotate), then delete the old one; --force deletes it anyway"));
        }
        InUse::Unknown if !args.force => {
            return Err(unknown_in_use(&target, &format!("not deleting {uuid}")));
        }
        InUse::Unknown | InUse::Recorded(..) if args.force => ui.warn(&format!(
            "deleting {uuid} although it may be the secret the credentials use (--force)"
        )),
        _ => {}
    }
    ui.note(&format!("secret {}", describe(secret, &InUse::Unknown)));
    if !args.yes && !confirmed(&format!("delete secret {uuid}?"))? {
        ui.note("nothing was deleted");
        return Ok(ExitCode::from(Kind::Usage.code()));
    }
    console.delete(uuid).map_err(|t| {
        t.into_failure()
            .reworded(|m| format!("{m}; the secret {uuid} may still exist: adobe-jwt secret list"))
    })?;
    ui.note(&format!("deleted secret {uuid}"));
    Ok(ExitCode::SUCCESS)
}

/// Why a secret stays, or `None` when it is idle.
fn keeps(s: &ClientSecret, in_use: &InUse, idle: Duration) -> Option<String> {
    if in_use.is(&s.uuid) {
        return Some(match in_use {
            InUse::Recorded(_, place) => format!("in use (recorded in {place})"),
            _ => "the credential's only secret".into(),
        });
    }
    let since = now_ms().saturating_sub(idle.as_millis().try_into().unwrap_or(u64::MAX));
    match (s.last_use(), s.created_ms) {
        (Some(at), _) if at > since => Some(format!(
            "last used {}, within --idle {}",
            ago(at, now_ms()),
            crate::output::duration(idle)
        )),
        (None, Some(at)) if at > since => Some(format!(
            "never used, but created {}, within --idle {}",
            ago(at, now_ms()),
            crate::output::duration(idle)
        )),
        (None, None) => Some("the Console gives neither its creation nor a use".into()),
        _ => None,
    }
}

fn prune(args: &SecretPruneArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.target.credentials, env, ui)?;
    let target = Target::new(&cx, &args.target)?;
    if !args.yes && !io::stdin().is_terminal() {
        return Err(Failure::usage(
            "pruning secrets needs a confirmation, and stdin is not a terminal",
        )
        .with_hint("add --yes to delete without asking"));
    }
    let management = target.management(ui)?;
    let console = target.console(&management);
    let secrets = console.list().map_err(Trouble::into_failure)?;
    let in_use = in_use(&target, &secrets, ui);
    if matches!(in_use, InUse::Unknown) && !args.force {
        return Err(unknown_in_use(&target, "not pruning"));
    }
    let mut idle: Vec<&ClientSecret> = Vec::new();
    for s in &secrets {
        match keeps(s, &in_use, args.idle) {
            Some(why) => ui.note(&format!("keeping {}: {why}", s.uuid)),
            None => idle.push(s),
        }
    }
    // Never every secret: without one nothing can get a token. (Only --force without a recorded
    // uuid gets here: the one used most lately stays.)
    if idle.len() == secrets.len()
        && let Some(latest) = secrets.iter().max_by_key(|s| (s.last_use(), s.created_ms))
    {
        ui.note(&format!(
            "keeping {}: the secret used most lately, since the one in use is not known",
            latest.uuid
        ));
        idle.retain(|s| s.uuid != latest.uuid);
    }
    if idle.is_empty() {
        ui.note("nothing to prune");
        return Ok(ExitCode::SUCCESS);
    }
    let names: Vec<&str> = idle.iter().map(|s| s.uuid.as_str()).collect();
    for s in &idle {
        ui.note(&format!("idle: {}", describe(s, &InUse::Unknown)));
    }
    if !args.yes && !confirmed(&format!("delete {}?", names.join(" and ")))? {
        ui.note("nothing was deleted");
        return Ok(ExitCode::from(Kind::Usage.code()));
    }
    let mut deleted = Vec::new();
    for uuid in &names {
        if let Err(t) = console.delete(uuid) {
            let f = t.into_failure();
            let done = if deleted.is_empty() {
                "nothing was deleted".to_string()
            } else {
                format!("deleted {}", deleted.join(", "))
            };
            return Err(if deleted.is_empty() {
                f.reworded(|m| format!("deleting {uuid} failed: {m}; {done}"))
            } else {
                Failure::incomplete(format!("deleting {uuid} failed: {}; {done}", f.message))
                    .with_hint(format!("run adobe-jwt secret prune{} again", target.again))
            });
        }
        ui.note(&format!("deleted secret {uuid}"));
        deleted.push(*uuid);
    }
    Ok(ExitCode::SUCCESS)
}
