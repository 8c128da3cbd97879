//! `check-env`: what the loader found, key by key, and everything wrong with it. The report is
//! bounded: each kind of finding is shown a few times, the rest counted.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use crate::error::Result;
use colored::Colorize;
use serde::Serialize;

use crate::cert::{self, Certificate};
use crate::cli::CheckEnvArgs;
use crate::clock::{Day, now_ms};
use crate::config::Loaded;
use crate::console_api::{ClientSecret, Console, ConsoleIds, InUse, Trouble};
use crate::credential::Credentials;
use crate::credential::PrivateKey;
use crate::credential::{
    self, AuthChoice, AuthKind, IdShape, JWT_CLIENT_ID, JWT_ENDED, JWT_IMS_ORG, JWT_METASCOPES,
    JWT_NEW_ENDED, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE, JWT_TECHNICAL_ACCOUNT_ID,
    OAUTH_CLIENT_ID, OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID, OAUTH_ORG_ID, OAUTH_SCOPES, Source,
};
use crate::dotenv::lint;
use crate::environment::Environment;
use crate::error::Kind;
use crate::findings::{Finding, Findings, Level, Omitted};
use crate::jwt;
use crate::manifest;
use crate::output::{Ui, escape_controls, until_closed};
use crate::redact::{Secret, mask_id};
use crate::session::{self, CachePolicy, Options, Session};
use crate::settings::{self, Context};

const EXPIRY_WARNING: Duration = Duration::from_secs(30 * 24 * 3600);

/// One credential key: where it came from, what it looks like (masked), what is wrong.
#[derive(Debug, Serialize)]
struct KeyLine {
    key: String,
    status: Level,
    source: Option<String>,
    value: Option<String>,
    detail: Option<String>,
    problems: Vec<String>,
}

/// The manifest's verdict, apart from the credentials'.
#[derive(Debug, Serialize)]
struct ManifestVerdict {
    path: String,
    complete: bool,
    errors: usize,
}

/// The whole report; `--json` prints it as is.
#[derive(Debug, Serialize)]
struct Report {
    env_file: Option<String>,
    profile: Option<String>,
    /// The aio context the values came from, when they did.
    context: Option<String>,
    auth: Option<&'static str>,
    ims: String,
    /// The credentials can be used (the manifest is judged apart, in `manifest`).
    usable: bool,
    errors: usize,
    warnings: usize,
    keys: Vec<KeyLine>,
    checks: Vec<Finding>,
    /// Findings counted past those shown, by kind.
    omitted: Vec<Omitted>,
    manifest: Option<ManifestVerdict>,
}

pub fn run(args: &CheckEnvArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui);
    let loaded = cx.as_ref().map_err(Clone::clone).and_then(Context::loaded);
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(failure) => {
            // CI recipes read --json's output: a .env that cannot be read is a report too.
            if args.json {
                let doc = serde_json::json!({
                    "usable": false,
                    "errors": 1,
                    "warnings": 0,
                    "error": {"message": failure.message, "hint": failure.hint},
                    "keys": [],
                    "checks": [],
                });
                let mut out = io::stdout().lock();
                until_closed(
                    writeln!(out, "{}", crate::output::json_text(&doc)).and_then(|()| out.flush()),
                )?;
            }
            return Err(failure);
        }
    };
    let today = settings::today(env)?;
    let mut findings = Findings::default();
    let mut manifest_findings = Findings::default();
    let mut report = build(&loaded, args, today, &mut findings);
    leak_guard(&loaded, &mut findings);
    if let Some(path) = &args.manifest {
        manifest_check(&loaded, path, &mut manifest_findings);
        report.manifest = Some(ManifestVerdict {
            path: path.display().to_string(),
            complete: manifest_findings.count(Level::Error) == 0,
            errors: manifest_findings.count(Level::Error),
        });
    }
    // What IMS said to `--online`, when it refused or could not be reached: the exit code says which.
    let mut refused = None;
    if args.online {
        // Like the token check, the secret check reads and writes no cache.
        let options =
            settings::options(&args.net, CachePolicy::BYPASS, jwt::DEFAULT_LIFETIME, env)?;
        refused = online_check(&loaded, &options, ui, &mut findings);
        secret_hygiene(&loaded, args, &options, ui, &mut findings);
    }
    report.finish(findings, manifest_findings);
    let mut out = io::stdout().lock();
    until_closed((|| {
        if args.json {
            writeln!(out, "{}", crate::output::json_text(&report))?;
        } else {
            print_human(&mut out, &report, args.strict, ui)?;
        }
        out.flush()
    })())?;
    let manifest_ok = report.manifest.as_ref().is_none_or(|m| m.complete);
    let failed = !report.usable || !manifest_ok || (args.strict && report.warnings > 0);
    // The report said what is wrong; only the exit code is left to tell: IMS's refusal (4) or an
    // unreachable IMS (5) when `--online` got that far, else 3.
    Ok(match refused {
        Some(kind @ (Kind::Rejected | Kind::Network)) => ExitCode::from(kind.code()),
        _ if failed => ExitCode::from(Kind::Config.code()),
        _ => ExitCode::SUCCESS,
    })
}

/// `--online`: ask IMS for a token, bypassing the cache, and report its verdict.
/// The kind of the failure when IMS did not issue a token.
fn online_check(
    loaded: &Loaded<'_>,
    options: &Options,
    ui: &Ui,
    out: &mut Findings,
) -> Option<Kind> {
    let session = match Session::open(loaded, options, ui) {
        Ok(s) => s,
        Err(f) => {
            out.add(Level::Error, "online", || {
                "not asked: the credentials above are not usable".into()
            });
            return Some(f.kind);
        }
    };
    match session.fetch() {
        Ok(token) => out.add(Level::Ok, "online", || {
            format!(
                "IMS ({}) issued a token for the {} credentials, valid for {}",
                loaded.ims.base(),
                session.creds.kind(),
                humantime::format_duration(Duration::from_secs(
                    token.remaining(now_ms()).as_secs()
                ))
            )
        }),
        Err(f) => {
            let kind = f.kind;
            out.add(Level::Error, "online", || match f.hint {
                Some(h) => format!("{} (hint: {h})", f.message),
                None => f.message,
            });
            return Some(kind);
        }
    }
    None
}

/// Where the secrets could leak: a file that holds one (the .env, a key file it names) that git
/// tracks, or that sits in a work tree without being ignored; and a .env whose secret is not the
/// one the keychain holds for the same client.
fn leak_guard(loaded: &Loaded<'_>, out: &mut Findings) {
    let Ok(kind) = loaded.kind() else {
        return;
    };
    let mut files: Vec<(std::path::PathBuf, Vec<String>)> = Vec::new();
    let mut held_in =
        |path: std::path::PathBuf, name: &str| match files.iter_mut().find(|(p, _)| *p == path) {
            Some((_, names)) => names.push(name.to_string()),
            None => files.push((path, vec![name.to_string()])),
        };
    for key in kind.secret_keys() {
        let Some(found) = loaded.given(key).filter(|f| !f.value.is_empty()) else {
            continue;
        };
        if !matches!(found.source, Source::DotEnv(_)) {
            continue;
        }
        if let Some(file) = &loaded.sources.file {
            held_in(file.path.clone(), &found.name);
        }
        if let Some(path) = found.value.expose().trim().strip_prefix('@') {
            held_in(loaded.key_dir(&found.source).join(path.trim()), &found.name);
        }
    }
    for (path, names) in &files {
        let shown = path.display();
        let names = names.join(", ");
        match crate::git::standing(path) {
            crate::git::Standing::Tracked => out.add(Level::Warning, "leak", || {
                format!(
                    "{shown} holds {names} and git tracks it: anyone with the repository has the secret; git rm --cached {shown}, add it to .gitignore, rotate the secret (the history keeps it), and keep it off disk with adobe-jwt keychain add"
                )
            }),
            crate::git::Standing::NotIgnored => out.add(Level::Warning, "leak", || {
                format!(
                    "{shown} holds {names} in a git work tree and is not ignored: a git add . commits it; add it to .gitignore, or move the secrets off disk with adobe-jwt keychain add"
                )
            }),
            crate::git::Standing::Safe => {}
        }
    }
    // The .env and the keychain, when this machine knows the keychain has an entry for the client
    // (a store is not opened, nor a passphrase asked, on the chance that it has one).
    let (Some(keychain), Some(client)) = (
        loaded.sources.keychain(),
        loaded.value(kind.client_id_key()),
    ) else {
        return;
    };
    let id = crate::keychain::Id::new(kind, client.expose());
    if keychain.mirrored(&id).is_none() {
        return;
    }
    let Ok(Some(entry)) = keychain.get(&id) else {
        return;
    };
    for key in kind.secret_keys() {
        let (Some(given), Some(held)) = (loaded.given(key), entry.get(key)) else {
            continue;
        };
        // A key given as `@path` is the file's bytes, as keychain add stores it.
        let value = match given.value.expose().trim().strip_prefix('@') {
            Some(path) if *key == JWT_PRIVATE_KEY => {
                let file = loaded.key_dir(&given.source).join(path.trim());
                match std::fs::read(&file) {
                    Ok(bytes) => Secret::new(base64::Engine::encode(
                        &base64::engine::general_purpose::STANDARD,
                        bytes,
                    )),
                    Err(_) => continue,
                }
            }
            _ => given.value.clone(),
        };
        if !given.value.is_empty() && value.expose().trim() != held.expose().trim() {
            out.add(Level::Warning, "leak", || {
                format!(
                    "{} ({}) is not the value {} holds for the client: the {} wins; remove the stale one (adobe-jwt keychain remove, or the line)",
                    given.name,
                    loaded.sources.place(&given.source),
                    keychain.describe(),
                    loaded.sources.label(&given.source)
                )
            });
        }
    }
}

/// `--online` with OAuth credentials whose Console ids are set: the secrets the Console lists. A
/// secret in use older than `--max-secret-age`, and a second secret left over by a rotation, are
/// warnings (so `--strict` fails on them).
fn secret_hygiene(
    loaded: &Loaded<'_>,
    args: &CheckEnvArgs,
    options: &Options,
    ui: &Ui,
    out: &mut Findings,
) {
    let Ok(Credentials::OAuth(oauth)) = loaded.credentials() else {
        return;
    };
    let not_checked = |out: &mut Findings, why: String| {
        out.add(Level::Info, "secret", || {
            format!("the client secret's age was not checked: {why}")
        });
    };
    let (ids, api) = match (
        ConsoleIds::from_keys(loaded),
        settings::console_api(loaded.sources.env),
    ) {
        (Ok(ids), Ok(api)) => (ids, api),
        (Err(f), _) | (_, Err(f)) => return not_checked(out, f.message),
    };
    let secrets = session::management(loaded, &oauth, options, ui).and_then(|management| {
        Console::new(&management, api, ids, &oauth.client_id)
            .list()
            .map_err(Trouble::into_failure)
    });
    let secrets = match secrets {
        Ok(secrets) => secrets,
        Err(f) => return not_checked(out, f.message),
    };
    let (in_use, _) = InUse::of(loaded.recorded_secret_uuid(), &secrets);
    let now = now_ms();
    let age = |s: &ClientSecret| {
        s.created_ms
            .map(|c| Duration::from_millis(now.saturating_sub(c)))
    };
    let max = args.max_secret_age;
    let judged: Vec<&ClientSecret> = match secrets.iter().find(|s| in_use.is(&s.uuid)) {
        Some(s) => vec![s],
        // Whichever is in use is too old only when every one is.
        None => secrets.iter().collect(),
    };
    let too_old = !judged.is_empty() && judged.iter().all(|s| age(s).is_some_and(|a| a > max));
    if too_old {
        let newest = judged
            .iter()
            .filter_map(|s| s.created_ms)
            .max()
            .unwrap_or(0);
        out.add(Level::Warning, "secret", || {
            format!(
                "the client secret in use was created {}, more than --max-secret-age {}: rotate it (adobe-jwt secret rotate)",
                crate::output::ago(newest, now),
                crate::output::duration(max)
            )
        });
    } else if let Some(newest) = judged.iter().filter_map(|s| s.created_ms).max() {
        out.add(Level::Ok, "secret", || {
            format!(
                "the client secret in use was created {} (--max-secret-age {})",
                crate::output::ago(newest, now),
                crate::output::duration(max)
            )
        });
    }
    if secrets.len() > 1 {
        let left: Vec<&str> = secrets
            .iter()
            .filter(|s| !in_use.is(&s.uuid))
            .map(|s| s.uuid.as_str())
            .collect();
        out.add(Level::Warning, "secret", || {
            format!(
                "the credential has {} client secrets: a rotation left {} behind; delete what nothing uses any more (adobe-jwt secret prune)",
                secrets.len(),
                if in_use == InUse::Unknown {
                    "one".to_string()
                } else {
                    left.join(", ")
                }
            )
        });
    }
}

impl Report {
    /// Tally what was found; the credentials are usable when no key line and no finding about
    /// them is an error.
    fn finish(&mut self, findings: Findings, manifest: Findings) {
        let key_count = |level| self.keys.iter().filter(|k| k.status == level).count();
        self.errors =
            key_count(Level::Error) + findings.count(Level::Error) + manifest.count(Level::Error);
        self.warnings = key_count(Level::Warning)
            + findings.count(Level::Warning)
            + manifest.count(Level::Warning);
        self.usable = key_count(Level::Error) == 0
            && findings.count(Level::Error) == 0
            && self.auth.is_some();
        self.omitted = findings.omitted();
        self.omitted.extend(manifest.omitted());
        let (kept, kept_manifest) = (findings.into_kept(), manifest.into_kept());
        self.checks = kept;
        self.checks.extend(kept_manifest);
    }
}

fn build(loaded: &Loaded<'_>, args: &CheckEnvArgs, today: Day, out: &mut Findings) -> Report {
    let chosen = loaded.kind().ok();
    let mut report = Report {
        env_file: loaded
            .sources
            .file
            .as_ref()
            .map(|f| f.path.display().to_string()),
        profile: loaded.profile.clone(),
        context: loaded.context.clone(),
        auth: chosen.map(AuthKind::name),
        ims: loaded.ims.base().to_string(),
        usable: false,
        errors: 0,
        warnings: 0,
        keys: Vec::new(),
        checks: Vec::new(),
        omitted: Vec::new(),
        manifest: None,
    };
    let kinds: Vec<AuthKind> = match (chosen, loaded.auth) {
        (Some(kind), _) => vec![kind],
        (None, AuthChoice::Jwt) => vec![AuthKind::Jwt],
        (None, AuthChoice::Oauth) => vec![AuthKind::OAuth],
        (None, AuthChoice::Auto) => {
            let present: Vec<AuthKind> = [AuthKind::Jwt, AuthKind::OAuth]
                .into_iter()
                .filter(|k| loaded.partly_present(*k))
                .collect();
            if present.is_empty() {
                vec![AuthKind::OAuth]
            } else {
                present
            }
        }
    };
    let mut key = None;
    for kind in &kinds {
        for &name in kind.keys() {
            let optional = !kind.required().contains(&name);
            if optional && loaded.get(name).is_none() {
                continue;
            }
            report.keys.push(check_key(loaded, name, &mut key));
        }
    }
    match &loaded.sources.file {
        Some(file) => {
            // A key pasted over several lines is told of on its own row, once.
            let told: Vec<usize> = kinds
                .iter()
                .flat_map(|k| k.keys())
                .filter_map(|name| pasted_into(loaded, name))
                .map(|b| b.first_line)
                .collect();
            // A paste into a key the environment (or a flag) sets is not read by this run.
            let unused: Vec<usize> = kinds
                .iter()
                .flat_map(|k| k.keys())
                .filter_map(|name| loaded.given(name))
                .filter(|found| !matches!(found.source, Source::DotEnv(_)))
                .flat_map(|found| {
                    file.pem_blocks
                        .iter()
                        .filter(|b| b.key.as_deref() == Some(found.name.as_str()))
                        .map(|b| b.first_line)
                })
                .collect();
            lint::file(file, &told, &unused, out);
            portability(loaded, &kinds, out);
        }
        None => out.add(Level::Info, "env-file", || {
            "no .env file: values come from the environment and flags only".into()
        }),
    }
    glued(loaded, out);
    if let Some(kind) = chosen {
        let other = kind.other();
        if loaded.partly_present(other) {
            out.add(Level::Info, "credentials", || {
                format!("{other} keys are present too but not used; check them with --auth {other}")
            });
        }
        if kind == AuthKind::Jwt {
            end_of_life(loaded, today, out);
        }
    } else if let Err(failure) = loaded.kind() {
        // Missing keys are already errors on their lines; the summary adds only its guidance.
        let lines_say_it = report.keys.iter().any(|k| k.status == Level::Error);
        let level = if lines_say_it {
            Level::Info
        } else {
            Level::Error
        };
        out.add(level, "credentials", || match failure.hint {
            Some(h) => format!("{} ({h})", failure.message),
            None => failure.message,
        });
    }
    // The certificate is compared with the JWT key whenever there is one, whichever kind is used.
    if args.certificate.is_some() && key.is_none() && loaded.get(JWT_PRIVATE_KEY).is_some() {
        key = loaded.private_key().ok();
    }
    if let Some(path) = &args.certificate {
        certificate_check(path, key.as_ref(), out);
    }
    report
}

/// Check one key's value; the decoded private key is kept for the certificate check.
fn check_key(loaded: &Loaded<'_>, name: &'static str, key: &mut Option<PrivateKey>) -> KeyLine {
    let mut line = KeyLine::new(format!("{}{name}", loaded.prefix));
    let Some(found) = loaded.get(name) else {
        match loaded.near_miss(name) {
            Some(d) => line.error(format!(
                "missing; {} defines {}: did you mean {}?",
                loaded.sources.place(&d.source),
                d.name,
                loaded.meant(&d, name)
            )),
            None => line.error("missing"),
        }
        return line;
    };
    line.source = Some(loaded.sources.label(&found.source));
    let raw = found.value.expose();
    if let (Some(block), Some(file)) = (pasted_into(loaded, name), &loaded.sources.file) {
        line.value = Some(shown(name, raw));
        line.error(lint::pasted(block, &file.path));
        return line;
    }
    if raw.is_empty() {
        line.error("empty");
        return line;
    }
    if name != JWT_PRIVATE_KEY {
        check_stray_characters(&mut line, raw);
    }
    let value = raw.trim();
    match name {
        JWT_METASCOPES => check_metascopes(&mut line, loaded, value),
        OAUTH_SCOPES => {
            if let Err(e) = credential::parse_scopes(value) {
                line.error(e);
            }
        }
        JWT_PRIVATE_KEY => *key = check_private_key(&mut line, loaded),
        JWT_PRIVATE_KEY_PASSPHRASE => check_passphrase(&mut line, key.as_ref()),
        JWT_CLIENT_ID | OAUTH_CLIENT_ID | JWT_IMS_ORG | OAUTH_ORG_ID | JWT_TECHNICAL_ACCOUNT_ID
            if line.status != Level::Error =>
        {
            if let Some(problem) = IdShape::of(name).and_then(|s| s.problem(value)) {
                line.error(problem);
            }
        }
        OAUTH_CREDENTIAL_ID | OAUTH_CONSOLE_ORG_ID
            if !value.chars().all(|c| c.is_ascii_digit()) =>
        {
            line.error(
                "is not a number: copy it from the credential page's URL in the Developer Console",
            );
        }
        _ => {}
    }
    if line.value.is_none() {
        line.value = Some(shown(name, value));
    }
    if let Some(g) = loaded
        .glued()
        .iter()
        .find(|g| g.key == found.name && !g.defined_elsewhere)
    {
        line.error(format!(
            "runs into {}= on line {}: a line break is missing",
            g.into, g.line
        ));
    }
    line
}

/// The PEM block pasted over several lines into the private key's .env definition, when that is
/// the definition in use: its row tells what it is and the fix, instead of what its first line
/// would make of it.
fn pasted_into<'l>(loaded: &'l Loaded<'_>, name: &str) -> Option<&'l crate::dotenv::PemBlock> {
    if name != JWT_PRIVATE_KEY {
        return None;
    }
    let found = loaded.given(name)?;
    let Source::DotEnv(at) = found.source else {
        return None;
    };
    loaded
        .sources
        .file
        .as_ref()?
        .pem_blocks
        .iter()
        .find(|b| b.first_line == at && b.key.as_deref() == Some(found.name.as_str()))
}

impl KeyLine {
    fn new(key: String) -> Self {
        Self {
            key,
            status: Level::Ok,
            source: None,
            value: None,
            detail: None,
            problems: Vec::new(),
        }
    }

    fn error(&mut self, problem: impl Into<String>) {
        self.status = self.status.max(Level::Error);
        self.problems.push(problem.into());
    }

    fn warn(&mut self, problem: impl Into<String>) {
        self.status = self.status.max(Level::Warning);
        self.problems.push(problem.into());
    }
}

/// Whitespace or quotes around a value: a quoting mistake in the .env or the CI secret.
fn check_stray_characters(line: &mut KeyLine, raw: &str) {
    if raw.trim() != raw {
        line.error("has leading or trailing whitespace");
    }
    if raw.starts_with(['"', '\'']) || raw.ends_with(['"', '\'']) {
        line.error("has stray quotes");
    }
}

fn check_metascopes(line: &mut KeyLine, loaded: &Loaded<'_>, value: &str) {
    let claims = loaded.ims.metascope_claims(value);
    if claims.is_empty() {
        line.error("lists no metascope");
    }
    if credential::split_list(value)
        .iter()
        .any(|m| m.contains(char::is_whitespace))
    {
        line.error("an entry contains a space");
    }
    let ours = format!("{}/s/", loaded.ims.base());
    let foreign = claims.iter().filter(|c| !c.starts_with(&ours)).count();
    if foreign > 0 {
        line.warn(format!(
            "{foreign} metascope URL(s) name another IMS than {}",
            loaded.ims.base()
        ));
    }
}

/// The key decoded (shown as its fingerprint and form), or what is wrong with it.
fn check_private_key(line: &mut KeyLine, loaded: &Loaded<'_>) -> Option<PrivateKey> {
    match loaded.private_key() {
        Ok(k) => {
            line.value = Some(k.fingerprint());
            line.detail = Some(k.describe());
            Some(k)
        }
        Err(f) => {
            line.error(match f.hint {
                Some(h) => format!("{} ({h})", f.message),
                None => f.message,
            });
            None
        }
    }
}

fn check_passphrase(line: &mut KeyLine, key: Option<&PrivateKey>) {
    if key.is_some_and(|k| !k.encoding.is_encrypted()) {
        line.warn("set, but the private key is not encrypted");
    }
}

/// A value as the report may show it: in the clear (ids partly) only when it has the shape its key
/// should have and is not a secret; anything else, a secret pasted into the wrong key or a glued
/// definition, only as its length.
fn shown(name: &str, value: &str) -> String {
    let word = |s: &str, extra: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    let id_with = |suffix: &str| value.strip_suffix(suffix).is_some_and(|id| word(id, ""));
    let list = |extra: &str| {
        let items = credential::split_list(value.trim_matches(['[', ']']));
        !items.is_empty()
            && items
                .iter()
                .all(|i| word(i.trim_matches('"'), extra) && i.len() <= 200)
    };
    let length = || format!("({} chars)", value.chars().count());
    if credential::is_secret_variable(name) {
        return length();
    }
    match name {
        JWT_CLIENT_ID | OAUTH_CLIENT_ID if word(value, "_-") && value.len() <= 128 => {
            mask_id(value)
        }
        JWT_IMS_ORG | OAUTH_ORG_ID if id_with("@AdobeOrg") => mask_id(value),
        JWT_TECHNICAL_ACCOUNT_ID if id_with("@techacct.adobe.com") => mask_id(value),
        OAUTH_CREDENTIAL_ID | OAUTH_CONSOLE_ORG_ID if word(value, "") && value.len() <= 32 => {
            value.to_string()
        }
        JWT_METASCOPES if list("_.-:/") => credential::split_list(value).join(","),
        OAUTH_SCOPES => match credential::parse_scopes(value) {
            Ok(scopes) if list("_.-:/") => scopes.join(","),
            _ => length(),
        },
        _ => length(),
    }
}

/// JWT credentials by the calendar: against Adobe's IMS they stopped working on 2026-03-01 (an
/// error from then on), with the days left before; any other IMS (the emulator) still takes them.
fn end_of_life(loaded: &Loaded<'_>, today: Day, out: &mut Findings) {
    let value = |key: &str| loaded.get(key).map_or("", |f| f.value.expose().trim());
    let migration = || {
        credential::jwt_migration(&loaded.prefix, value(JWT_CLIENT_ID), value(JWT_IMS_ORG))
            .join("\n")
    };
    let oauth_ready = loaded.missing(AuthKind::OAuth).is_empty();
    let next = || {
        if oauth_ready {
            "the OAuth Server-to-Server keys are set too: adobe-jwt uses them with --auth oauth, or by itself when you drop --auth jwt".to_string()
        } else {
            migration()
        }
    };
    if !loaded.ims.is_adobe() {
        out.add(Level::Warning, "end-of-life", || {
            format!(
                "Service Account (JWT) credentials ended at Adobe on {}; {} is not Adobe's IMS, so they are used as they are; against Adobe's IMS:\n{}",
                day_text(JWT_ENDED),
                loaded.ims.base(),
                next()
            )
        });
        return;
    }
    if today >= JWT_ENDED {
        out.add(Level::Error, "end-of-life", || {
            format!(
                "not usable: on {} Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server,\n\
with the same client id and client secret, and IMS refuses its JWT exchange since:\n{}",
                day_text(JWT_ENDED),
                next()
            )
        });
        return;
    }
    let left = today.until(JWT_ENDED);
    let already = if today >= JWT_NEW_ENDED {
        format!("new ones ended on {}", day_text(JWT_NEW_ENDED))
    } else {
        format!(
            "new ones end on {} ({} days left)",
            day_text(JWT_NEW_ENDED),
            today.until(JWT_NEW_ENDED)
        )
    };
    out.add(Level::Warning, "end-of-life", || {
        format!(
            "Service Account (JWT) credentials stop working on {} ({left} day{} left), or when their certificate expires; {already}:\n{}",
            day_text(JWT_ENDED),
            if left == 1 { "" } else { "s" },
            next()
        )
    });
}

fn day_text(day: Day) -> String {
    crate::output::rfc3339(u64::try_from(day.0).unwrap_or(0) * 86_400_000)[..10].to_string()
}

/// Definitions that hold another credential key's `KEY=`: damage when that key is defined nowhere
/// else (an error), a note in a value when it is (a warning).
fn glued(loaded: &Loaded<'_>, out: &mut Findings) {
    let Some(file) = &loaded.sources.file else {
        return;
    };
    let shown = file.path.display();
    for g in loaded.glued() {
        if g.defined_elsewhere {
            out.add(Level::Warning, "syntax", || {
                format!(
                    "{shown}: line {}: the value of {} holds `{}=`; {} is defined on its own too, so nothing is lost (a note in a value?)",
                    g.line, g.key, g.into, g.into
                )
            });
        } else {
            out.add(Level::Error, "syntax", || {
                format!(
                    "{shown}: line {}: the value of {} runs into {}= (a line break is missing); put {}=… on a line of its own",
                    g.line, g.key, g.into, g.into
                )
            });
        }
    }
}

/// The credential definitions read from the .env that other readers would read differently.
fn portability(loaded: &Loaded<'_>, kinds: &[AuthKind], out: &mut Findings) {
    let Some(file) = &loaded.sources.file else {
        return;
    };
    for key in kinds.iter().flat_map(|k| k.keys()) {
        // aio's own context keys are written by `aio app use` for Node's reader: leave them be.
        let Some(found) = loaded
            .get(key)
            .filter(|f| matches!(f.source, Source::DotEnv(_)))
            .filter(|f| f.name == format!("{}{key}", loaded.prefix))
        else {
            continue;
        };
        let Some(entry) = file.get(&found.name) else {
            continue;
        };
        // A pasted block has its own finding, which fixes the quoting too.
        if file.pem_blocks.iter().any(|b| b.first_line == entry.line()) {
            continue;
        }
        if let Some(why) = lint::portability(&entry) {
            out.add(Level::Warning, "portability", || {
                format!("{}:{}: {why}", file.path.display(), entry.line())
            });
        }
    }
}

fn certificate_check(path: &std::path::Path, key: Option<&PrivateKey>, out: &mut Findings) {
    let cert = match Certificate::read(path) {
        Ok(c) => c,
        Err(f) => {
            out.add(Level::Error, "certificate", || f.message);
            return;
        }
    };
    let shown = path.display();
    match key {
        Some(k) if cert.matches(k) => out.add(Level::Ok, "certificate", || {
            format!("the private key matches {shown} ({})", cert.subject)
        }),
        Some(_) => out.add(Level::Error, "certificate", || {
            format!(
                "the private key does not match {shown}: IMS will answer invalid_signature; \
use the private.key generated with this certificate, or upload this key's certificate to the Console"
            )
        }),
        None => out.add(Level::Info, "certificate", || {
            format!("{shown} not compared: no usable private key")
        }),
    }
    let now = SystemTime::now();
    match cert.remaining(now) {
        None => out.add(Level::Error, "certificate", || {
            format!(
                "{shown} expired on {}: generate a new key pair in the Developer Console",
                cert::date(cert.not_after)
            )
        }),
        Some(left) if left < EXPIRY_WARNING => out.add(Level::Warning, "certificate", || {
            format!(
                "{shown} expires on {} ({} days left)",
                cert::date(cert.not_after),
                left.as_secs() / 86400
            )
        }),
        Some(_) if cert.not_before > now => out.add(Level::Warning, "certificate", || {
            format!(
                "{shown} is not valid before {}",
                cert::date(cert.not_before)
            )
        }),
        Some(_) => out.add(Level::Ok, "certificate", || {
            format!("{shown} is valid until {}", cert::date(cert.not_after))
        }),
    }
}

/// Whether the manifest's actions map every key of the kinds they map, to variables that exist.
/// Judged apart from the credentials: a manifest that misses a key does not make them unusable.
fn manifest_check(loaded: &Loaded<'_>, path: &std::path::Path, out: &mut Findings) {
    let actions = match manifest::read(path) {
        Ok(a) => a,
        Err(f) => {
            out.add(Level::Error, "manifest", || f.message);
            return;
        }
    };
    let shown = path.display();
    let prefix = &loaded.prefix;
    let mut checked = 0;
    let mut minted = 0;
    let ended = loaded.ims.is_adobe()
        && crate::settings::today(loaded.sources.env)
            .is_ok_and(|d| d >= crate::credential::JWT_ENDED);
    for action in &actions {
        let vars: BTreeSet<&str> = action.mapped.iter().map(|(_, v)| v.as_str()).collect();
        let maps = |kind: AuthKind| -> Vec<&str> {
            let mut mapped: Vec<&str> = kind
                .keys()
                .iter()
                .filter_map(|key| vars.get(format!("{prefix}{key}").as_str()).copied())
                .collect();
            mapped.sort_unstable();
            mapped
        };
        if action.ims_credentials {
            // aio app deploy injects the OAuth credential: inputs that map keys by hand are
            // left over from before.
            minted += 1;
            let by_hand: Vec<&str> = maps(AuthKind::Jwt)
                .into_iter()
                .chain(maps(AuthKind::OAuth))
                .collect();
            if !by_hand.is_empty() {
                out.add(Level::Warning, "manifest", || {
                    format!(
                        "{shown}: action {} has include-ims-credentials, which gives it the OAuth Server-to-Server credential, and still maps {} by hand: remove those inputs",
                        action.path,
                        by_hand.join(", ")
                    )
                });
            }
            continue;
        }
        if ended && !maps(AuthKind::Jwt).is_empty() {
            out.add(Level::Warning, "manifest", || {
                format!(
                    "{shown}: action {} maps Service Account (JWT) inputs by hand, which stopped working at Adobe on 2026-03-01; the way across: annotate it `include-ims-credentials: true`, remove the JWT_* inputs, and deploy with adobe-jwt exec --with-credentials -- aio app deploy (docs/migrate-to-oauth.md)",
                    action.path
                )
            });
        }
        let kinds: Vec<AuthKind> = [AuthKind::Jwt, AuthKind::OAuth]
            .into_iter()
            .filter(|k| {
                k.keys()
                    .iter()
                    .any(|key| vars.contains(format!("{prefix}{key}").as_str()))
            })
            .collect();
        if kinds.is_empty() {
            continue;
        }
        checked += 1;
        for kind in kinds {
            let mut needed = kind.required().to_vec();
            if kind == AuthKind::Jwt && loaded.get(JWT_PRIVATE_KEY_PASSPHRASE).is_some() {
                needed.push(JWT_PRIVATE_KEY_PASSPHRASE);
            }
            for key in needed {
                let var = format!("{prefix}{key}");
                if !vars.contains(var.as_str()) {
                    out.add(Level::Error, "manifest", || {
                        format!(
                            "{shown}: action {} maps {kind} credentials but not {var}; add `{var}: ${var}` to its inputs",
                            action.path
                        )
                    });
                }
            }
        }
        for var in &vars {
            if !loaded.sources.is_defined(var) {
                out.add(Level::Error, "manifest", || {
                    format!(
                        "{shown}: action {} maps ${var}, which neither the environment nor the .env defines",
                        action.path
                    )
                });
            }
        }
    }
    if minted > 0 {
        out.add(Level::Info, "manifest", || {
            format!(
                "{shown}: {minted} action(s) get the OAuth credential from include-ims-credentials: deploy with the IMS_OAUTH_S2S_* variables set (adobe-jwt exec --with-credentials -- aio app deploy)"
            )
        });
    }
    if checked == 0 && minted == 0 {
        out.add(Level::Warning, "manifest", || {
            format!(
                "{shown}: no action maps credential keys in its inputs ({} actions with inputs)",
                actions.len()
            )
        });
    } else if checked > 0 {
        out.add(Level::Info, "manifest", || {
            format!("{shown}: {checked} action(s) map credentials")
        });
    }
}

fn mark(status: Level, ui: &Ui) -> String {
    match status {
        Level::Ok => ui.paint_out("✓", |s| s.green()),
        Level::Info => ui.paint_out("i", |s| s.blue()),
        Level::Warning => ui.paint_out("!", |s| s.yellow().bold()),
        Level::Error => ui.paint_out("✗", |s| s.red().bold()),
    }
}

fn print_human(out: &mut impl Write, report: &Report, strict: bool, ui: &Ui) -> io::Result<()> {
    let file = report.env_file.as_deref().unwrap_or("no .env file");
    let mut kind = report.auth.map_or_else(
        || "no usable credentials".to_string(),
        |k| format!("{k} credentials"),
    );
    if let Some(ctx) = &report.context {
        kind.push_str(&format!(" from the aio context {}", escape_controls(ctx)));
    }
    writeln!(out, "{}: {kind}, IMS {}", escape_controls(file), report.ims)?;
    writeln!(out)?;
    // What the report quotes (file names, values, messages) may come from files: keep it inert.
    let shown = |text: Option<&str>| escape_controls(text.unwrap_or("-")).into_owned();
    let rows: Vec<(String, String)> = report
        .keys
        .iter()
        .map(|k| (shown(k.source.as_deref()), shown(k.value.as_deref())))
        .collect();
    let width = |f: &dyn Fn(usize) -> usize| (0..rows.len()).map(f).max().unwrap_or(0);
    let key_w = width(&|i| report.keys[i].key.chars().count());
    let src_w = width(&|i| rows[i].0.chars().count());
    let val_w = width(&|i| rows[i].1.chars().count());
    for (k, (source, value)) in report.keys.iter().zip(&rows) {
        let mut notes: Vec<String> = k
            .detail
            .iter()
            .map(|d| escape_controls(d).into_owned())
            .collect();
        notes.extend(k.problems.iter().map(|p| {
            let p = escape_controls(p);
            match k.status {
                Level::Error => ui.paint_out(&p, |s| s.red()),
                Level::Warning => ui.paint_out(&p, |s| s.yellow()),
                _ => p.into_owned(),
            }
        }));
        let line = format!(
            "  {} {:key_w$}  {source:src_w$}  {value:val_w$}  {}",
            mark(k.status, ui),
            k.key,
            notes.join("; "),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if !report.checks.is_empty() {
        writeln!(out)?;
    }
    for c in &report.checks {
        // A finding of several lines goes on indented lines under its first, each escaped.
        for (i, line) in c.message.split('\n').enumerate() {
            if i == 0 {
                writeln!(out, "  {} {}", mark(c.status, ui), escape_controls(line))?;
            } else {
                writeln!(out, "    {}", escape_controls(line))?;
            }
        }
    }
    for o in &report.omitted {
        let what = match o.status {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "note",
            Level::Ok => "check",
        };
        writeln!(
            out,
            "  {} … and {} more {} {what}{}",
            mark(o.status, ui),
            o.count,
            o.topic,
            if o.count == 1 { "" } else { "s" }
        )?;
    }
    writeln!(out)?;
    let verdict = if report.usable && strict && report.warnings > 0 {
        // The last line says why the run fails.
        ui.paint_out("usable, but --strict fails on warnings", |s| s.red().bold())
    } else if report.usable {
        ui.paint_out("usable", |s| s.green().bold())
    } else {
        ui.paint_out("not usable", |s| s.red().bold())
    };
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let manifest = match &report.manifest {
        Some(m) if m.complete => "; the manifest maps every key".to_string(),
        Some(m) => format!(
            "; {}",
            ui.paint_out(
                &format!("the manifest misses keys ({})", plural(m.errors, "error")),
                |s| s.red().bold()
            )
        ),
        None => String::new(),
    };
    writeln!(
        out,
        "{}, {}: {verdict}{manifest}",
        plural(report.errors, "error"),
        plural(report.warnings, "warning")
    )
}
