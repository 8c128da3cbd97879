//! `check-env`: what the loader found, key by key, and everything wrong with it.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use colored::Colorize;
use serde::Serialize;

use crate::cert::{self, Certificate};
use crate::cli::{AuthChoice, CacheArgs, CheckEnvArgs, NetArgs};
use crate::config::{self, AuthKind, Found, Loaded, Source};
use crate::config::{JWT_CLIENT_ID, OAUTH_CLIENT_ID};
use crate::config::{JWT_IMS_ORG, JWT_METASCOPES, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE};
use crate::config::{JWT_TECHNICAL_ACCOUNT_ID, OAUTH_ORG_ID, OAUTH_SCOPES};
use crate::dotenv::{Entry, EnvFile};
use crate::error::Kind;
use crate::ims;
use crate::jwt;
use crate::key::{Encoding, PrivateKey};
use crate::manifest;
use crate::output::{Ui, mask_id, visible};
use crate::session::Session;

const EXPIRY_WARNING: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Ok,
    Info,
    Warning,
    Error,
}

/// One credential key: where it came from, what it looks like (masked), what is wrong.
#[derive(Debug, Serialize)]
struct KeyLine {
    key: String,
    status: Status,
    source: Option<String>,
    value: Option<String>,
    detail: Option<String>,
    problems: Vec<String>,
}

/// A finding about the whole setup (file, certificate, manifest, IMS).
#[derive(Debug, Serialize)]
struct Check {
    status: Status,
    topic: &'static str,
    message: String,
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
    usable: bool,
    errors: usize,
    warnings: usize,
    keys: Vec<KeyLine>,
    checks: Vec<Check>,
}

pub fn run(args: &CheckEnvArgs, ui: &Ui) -> Result<ExitCode> {
    let loaded = match Loaded::load(&args.credentials) {
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
                writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
                out.flush()?;
            }
            return Err(failure.into());
        }
    };
    let mut report = build(&loaded, args)?;
    if args.online {
        online_check(&loaded, &args.net, ui, &mut report);
    }
    report.tally();
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        print_human(&mut out, &report, ui)?;
    }
    out.flush()?;
    let failed = report.errors > 0 || (args.strict && report.warnings > 0);
    // The report said what is wrong; only the exit code is left to tell.
    Ok(if failed {
        ExitCode::from(Kind::Config.code())
    } else {
        ExitCode::SUCCESS
    })
}

/// `--online`: ask IMS for a token, bypassing the cache, and report its verdict.
fn online_check(loaded: &Loaded, net: &NetArgs, ui: &Ui, report: &mut Report) {
    let options = CacheArgs {
        min_validity: Duration::ZERO,
        refresh: true,
        no_cache: true,
    };
    let session = match Session::open(loaded, &options, net, jwt::DEFAULT_LIFETIME, ui) {
        Ok(s) => s,
        Err(_) => {
            report.add(
                Status::Error,
                "online",
                "not asked: the credentials above are not usable",
            );
            return;
        }
    };
    match session.fetch() {
        Ok(token) => report.add(
            Status::Ok,
            "online",
            format!(
                "IMS ({}) issued a {} token valid for {}",
                loaded.ims.base(),
                session.creds.kind(),
                humantime::format_duration(Duration::from_secs(
                    token.remaining(ims::now_ms()).as_secs()
                ))
            ),
        ),
        Err(f) => {
            let message = match f.hint {
                Some(h) => format!("{} (hint: {h})", f.message),
                None => f.message,
            };
            report.add(Status::Error, "online", message);
        }
    }
}

impl Report {
    fn add(&mut self, status: Status, topic: &'static str, message: impl Into<String>) {
        self.checks.push(Check {
            status,
            topic,
            message: message.into(),
        });
    }

    fn tally(&mut self) {
        let statuses = self
            .keys
            .iter()
            .map(|k| k.status)
            .chain(self.checks.iter().map(|c| c.status));
        let (mut errors, mut warnings) = (0, 0);
        for s in statuses {
            match s {
                Status::Error => errors += 1,
                Status::Warning => warnings += 1,
                _ => {}
            }
        }
        self.errors = errors;
        self.warnings = warnings;
        self.usable = errors == 0 && self.auth.is_some();
    }
}

fn build(loaded: &Loaded, args: &CheckEnvArgs) -> Result<Report> {
    let chosen = loaded.kind().ok();
    let mut report = Report {
        env_file: loaded
            .env_file
            .as_ref()
            .map(|f| f.path.display().to_string()),
        profile: args.credentials.env.profile.clone(),
        context: loaded.context.clone(),
        auth: chosen.map(AuthKind::name),
        ims: loaded.ims.base().to_string(),
        usable: false,
        errors: 0,
        warnings: 0,
        keys: Vec::new(),
        checks: Vec::new(),
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
        for name in kind.keys() {
            let line = check_key(loaded, name, &mut key);
            if name == JWT_PRIVATE_KEY_PASSPHRASE && line.source.is_none() {
                continue;
            }
            report.keys.push(line);
        }
    }
    file_checks(loaded, &kinds, &mut report);
    if let Some(kind) = chosen {
        let other = match kind {
            AuthKind::Jwt => AuthKind::OAuth,
            AuthKind::OAuth => AuthKind::Jwt,
        };
        if loaded.partly_present(other) {
            report.add(
                Status::Info,
                "credentials",
                format!(
                    "{other} keys are present too but not used; check them with --auth {other}"
                ),
            );
        }
        if kind == AuthKind::Jwt {
            report.add(Status::Warning, "end-of-life", end_of_life(loaded));
        }
    } else if let Err(failure) = loaded.kind() {
        // Missing keys are already errors on their lines; the summary adds only its guidance.
        let lines_say_it = report.keys.iter().any(|k| k.status == Status::Error);
        let status = if lines_say_it {
            Status::Info
        } else {
            Status::Error
        };
        let message = match failure.hint {
            Some(h) => format!("{} ({h})", failure.message),
            None => failure.message,
        };
        report.add(status, "credentials", message);
    }
    // The certificate is compared with the JWT key whenever there is one, whichever kind is used.
    if args.certificate.is_some() && key.is_none() && loaded.get(JWT_PRIVATE_KEY).is_some() {
        key = loaded.private_key().ok();
    }
    if let Some(path) = &args.certificate {
        certificate_check(path, key.as_ref(), &mut report);
    }
    if let Some(path) = &args.manifest {
        manifest_check(loaded, path, &mut report);
    }
    Ok(report)
}

/// Check one key's value; the decoded private key is kept for the certificate check.
fn check_key(loaded: &Loaded, name: &'static str, key: &mut Option<PrivateKey>) -> KeyLine {
    let mut line = KeyLine::new(format!("{}{name}", loaded.prefix));
    let Some(found) = loaded.get(name) else {
        if name != JWT_PRIVATE_KEY_PASSPHRASE {
            match loaded.near_miss(name) {
                Some(d) => line.error(format!(
                    "missing; {} defines {}: did you mean {}{name}?",
                    loaded.where_defined(&d.source),
                    d.name,
                    loaded.prefix
                )),
                None => line.error("missing"),
            }
        }
        return line;
    };
    line.source = Some(source_label(loaded, found));
    let raw = found.value.expose();
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
            if let Err(e) = config::parse_scopes(value) {
                line.error(e);
            }
        }
        JWT_PRIVATE_KEY => *key = check_private_key(&mut line, loaded),
        JWT_PRIVATE_KEY_PASSPHRASE => check_passphrase(&mut line, key.as_ref()),
        JWT_IMS_ORG | OAUTH_ORG_ID => check_suffix(&mut line, value, "@AdobeOrg"),
        JWT_TECHNICAL_ACCOUNT_ID => check_suffix(&mut line, value, "@techacct.adobe.com"),
        _ => {}
    }
    if line.value.is_none() {
        line.value = Some(shown(name, value));
    }
    if let Some(g) = loaded.glued().iter().find(|g| g.key == found.name) {
        line.error(format!(
            "runs into {}= on line {}: a line break is missing",
            g.into, g.line
        ));
    }
    line
}

impl KeyLine {
    fn new(key: String) -> Self {
        Self {
            key,
            status: Status::Ok,
            source: None,
            value: None,
            detail: None,
            problems: Vec::new(),
        }
    }

    fn error(&mut self, problem: impl Into<String>) {
        self.status = self.status.max(Status::Error);
        self.problems.push(problem.into());
    }

    fn warn(&mut self, problem: impl Into<String>) {
        self.status = self.status.max(Status::Warning);
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

fn check_metascopes(line: &mut KeyLine, loaded: &Loaded, value: &str) {
    let claims = loaded.ims.metascope_claims(value);
    if claims.is_empty() {
        line.error("lists no metascope");
    }
    if config::split_list(value)
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
fn check_private_key(line: &mut KeyLine, loaded: &Loaded) -> Option<PrivateKey> {
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
    if key.is_some_and(|k| k.encoding != Encoding::EncryptedPkcs8) {
        line.warn("set, but the private key is not encrypted");
    }
}

fn check_suffix(line: &mut KeyLine, value: &str, suffix: &str) {
    if !value.ends_with(suffix) {
        line.error(format!("does not end with {suffix}"));
    }
}

/// A value as the report may show it: in the clear (ids partly) only when it has the shape its key
/// should have; anything else, a secret pasted into the wrong key or a glued definition, only as its length.
fn shown(name: &str, value: &str) -> String {
    let word = |s: &str, extra: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
    };
    let id_with = |suffix: &str| value.strip_suffix(suffix).is_some_and(|id| word(id, ""));
    let list = |extra: &str| {
        let items = config::split_list(value.trim_matches(['[', ']']));
        !items.is_empty()
            && items
                .iter()
                .all(|i| word(i.trim_matches('"'), extra) && i.len() <= 200)
    };
    let length = || format!("({} chars)", value.chars().count());
    match name {
        JWT_CLIENT_ID | OAUTH_CLIENT_ID if word(value, "_-") && value.len() <= 128 => {
            mask_id(value)
        }
        JWT_IMS_ORG | OAUTH_ORG_ID if id_with("@AdobeOrg") => mask_id(value),
        JWT_TECHNICAL_ACCOUNT_ID if id_with("@techacct.adobe.com") => mask_id(value),
        JWT_METASCOPES if list("_.-:/") => config::split_list(value).join(","),
        OAUTH_SCOPES => match config::parse_scopes(value) {
            Ok(scopes) if list("_.-:/") => scopes.join(","),
            _ => length(),
        },
        _ => length(),
    }
}

/// The end-of-life warning, pointing at what this setup still lacks for OAuth Server-to-Server.
fn end_of_life(loaded: &Loaded) -> String {
    let missing = loaded.missing(AuthKind::OAuth);
    let next = if missing.is_empty() {
        "the OAuth Server-to-Server keys are set too: adobe-jwt uses them with --auth oauth, or by itself when you drop --auth jwt".to_string()
    } else if loaded.partly_present(AuthKind::OAuth) {
        format!(
            "to finish moving to OAuth Server-to-Server, set {} (docs/migrate-to-oauth.md)",
            missing.join(", ")
        )
    } else {
        "add an OAuth Server-to-Server credential to the project and set IMS_OAUTH_S2S_CLIENT_ID, IMS_OAUTH_S2S_CLIENT_SECRET, IMS_OAUTH_S2S_ORG_ID and IMS_OAUTH_S2S_SCOPES (adobe-jwt import PROJECT.json writes them): adobe-jwt then uses it (docs/migrate-to-oauth.md)".to_string()
    };
    format!(
        "Service Account (JWT) credentials reached end of life at Adobe (new ones ended 2025-06-30, existing ones stop by 2026-03-01 or when their certificate expires); {next}"
    )
}

fn source_label(loaded: &Loaded, found: &Found) -> String {
    match (&found.source, &loaded.env_file) {
        (Source::DotEnv(line), Some(f)) => format!("{}:{line}", f.path.display()),
        (Source::DotEnv(line), None) => format!(".env:{line}"),
        (Source::Environment, _) => "environment".into(),
        (Source::Flag, _) => "flag".into(),
    }
}

fn file_checks(loaded: &Loaded, kinds: &[AuthKind], report: &mut Report) {
    let Some(file) = &loaded.env_file else {
        report.add(
            Status::Info,
            "env-file",
            "no .env file: values come from the environment and flags only",
        );
        return;
    };
    let shown = file.path.display();
    if file.entries.is_empty() {
        report.add(
            Status::Warning,
            "env-file",
            format!("{shown} defines no key"),
        );
    }
    if let Some(mode) = file.mode.filter(|m| m & 0o077 != 0) {
        report.add(
            Status::Warning,
            "permissions",
            format!("{shown} is readable by group or others (mode {mode:04o}): chmod 600 {shown}"),
        );
    }
    for (key, lines) in file.duplicates() {
        let list: Vec<String> = lines.iter().map(usize::to_string).collect();
        let winner = lines.last().copied().unwrap_or_default();
        report.add(
            Status::Warning,
            "duplicates",
            format!(
                "{key} is defined {} times in {shown} (lines {}); the last one, line {winner}, wins",
                lines.len(),
                list.join(", ")
            ),
        );
    }
    for skipped in &file.skipped {
        let what = match &skipped.key {
            Some(key) => format!(
                "line {} ({key}) is not a KEY=value definition",
                skipped.line
            ),
            None => format!("line {} is not a KEY=value definition", skipped.line),
        };
        report.add(
            Status::Warning,
            "syntax",
            format!("{shown}: {what}; it is skipped (as Node's dotenv skips it)"),
        );
    }
    if !file.invalid_utf8.is_empty() {
        let list: Vec<String> = file.invalid_utf8.iter().map(usize::to_string).collect();
        report.add(
            Status::Warning,
            "encoding",
            format!(
                "{shown}: line(s) {} hold bytes that are not UTF-8 (read as U+FFFD, as Node reads them): save the file as UTF-8",
                list.join(", ")
            ),
        );
    }
    for g in loaded.glued() {
        report.add(
            Status::Error,
            "syntax",
            format!(
                "{shown}: line {}: the value of {} runs into {}= (a line break is missing); put {}=… on a line of its own",
                g.line, g.key, g.into, g.into
            ),
        );
    }
    for (entry, inner) in swallowed(file) {
        report.add(
            Status::Warning,
            "syntax",
            format!(
                "{shown}: the quoted value of {} (lines {}–{}) holds a line that defines {inner}: is a closing quote missing?",
                entry.key, entry.line, entry.last_line
            ),
        );
    }
    other_readers_check(loaded, file, kinds, report);
    let settings: BTreeSet<&str> = file
        .entries
        .iter()
        .map(|e| e.key.as_str())
        .filter(|k| k.starts_with("ADOBE_IMS_") || k.starts_with("ADOBE_JWT_"))
        .collect();
    for key in settings {
        report.add(
            Status::Warning,
            "settings",
            format!("{key} in {shown} is ignored: tool settings come from flags and the environment only"),
        );
    }
}

/// Quoted multi-line values that hold a line defining a credential key: a quote left open swallows
/// the definitions after it (Node reads them as part of the value).
fn swallowed(file: &EnvFile) -> Vec<(&Entry, String)> {
    file.entries
        .iter()
        .filter(|e| e.quote.is_some() && e.last_line > e.line)
        .filter_map(|e| {
            e.value.expose().lines().skip(1).find_map(|l| {
                let key = crate::dotenv::definition_key(l)?;
                config::credential_keys()
                    .any(|k| key.ends_with(k))
                    .then(|| (e, key.to_string()))
            })
        })
        .collect()
}

/// The credential definitions that a shell `source .env`, docker compose or dotenvy (shell rules:
/// `$` expands, quotes join, `#` only after a space) would read differently from Node's dotenv.
fn other_readers_check(loaded: &Loaded, file: &EnvFile, kinds: &[AuthKind], report: &mut Report) {
    let shown = file.path.display();
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
        let Some(reason) = other_readers(entry) else {
            continue;
        };
        let value = entry.value.expose();
        let quoting = if !value.contains(['\'', '\n', '\r']) {
            format!("write it as {}='…' so that every reader agrees", entry.key)
        } else if !value.contains(['"', '$', '`', '\\', '\n', '\r']) {
            format!(
                "write it as {}=\"…\" so that every reader agrees",
                entry.key
            )
        } else {
            "no quoting reads it the same everywhere: keep this .env away from shells and docker compose".into()
        };
        report.add(
            Status::Warning,
            "portability",
            format!(
                "{shown}:{}: a shell `source`, docker compose or dotenvy would read {} differently from Node's dotenv ({reason}); {quoting}",
                entry.line, entry.key
            ),
        );
    }
}

/// Why shell-rule readers read a definition differently, or `None` when they agree. dotenvy stands
/// for them; its `$` expansion reads only the environment, never other lines of the file.
fn other_readers(entry: &Entry) -> Option<&'static str> {
    const LIMIT: usize = 64 * 1024;
    let written = entry.written.expose();
    if written.len() > LIMIT {
        return None;
    }
    let value = entry.value.expose();
    let theirs = match dotenvy::from_read_iter(written.as_bytes()).next() {
        Some(Ok((_, v))) => Some(v),
        _ => None,
    };
    if theirs.as_deref() == Some(value) {
        return None;
    }
    let after_key = written[entry.key.len()..].trim_start();
    Some(if value.contains('$') {
        "`$` expands there"
    } else if after_key.starts_with(':') {
        "`KEY: value` is Node's own form"
    } else if entry.quote == Some('`') {
        "backtick quotes are Node's own"
    } else if entry.quote.is_none() && written.contains('#') {
        "`#` does not end an unquoted value there"
    } else if entry.quote.is_none() && value.contains(char::is_whitespace) {
        "an unquoted value ends at its first space there"
    } else if entry.quote.is_none() && value.contains(['"', '\'', '\\']) {
        "quotes and backslashes inside an unquoted value are removed there"
    } else {
        "their quoting rules differ"
    })
}

fn certificate_check(path: &std::path::Path, key: Option<&PrivateKey>, report: &mut Report) {
    let cert = match Certificate::read(path) {
        Ok(c) => c,
        Err(f) => {
            report.add(Status::Error, "certificate", f.message);
            return;
        }
    };
    let shown = path.display();
    match key {
        Some(k) if cert.matches(&k.public_key()) => report.add(
            Status::Ok,
            "certificate",
            format!("the private key matches {shown} ({})", cert.subject),
        ),
        Some(_) => report.add(
            Status::Error,
            "certificate",
            format!(
                "the private key does not match {shown}: IMS will answer invalid_signature; \
use the private.key generated with this certificate, or upload this key's certificate to the Console"
            ),
        ),
        None => report.add(
            Status::Info,
            "certificate",
            format!("{shown} not compared: no usable private key"),
        ),
    }
    let now = SystemTime::now();
    match cert.remaining(now) {
        None => report.add(
            Status::Error,
            "certificate",
            format!(
                "{shown} expired on {}: generate a new key pair in the Developer Console",
                cert::date(cert.not_after)
            ),
        ),
        Some(left) if left < EXPIRY_WARNING => report.add(
            Status::Warning,
            "certificate",
            format!(
                "{shown} expires on {} ({} days left)",
                cert::date(cert.not_after),
                left.as_secs() / 86400
            ),
        ),
        Some(_) if cert.not_before > now => report.add(
            Status::Warning,
            "certificate",
            format!(
                "{shown} is not valid before {}",
                cert::date(cert.not_before)
            ),
        ),
        Some(_) => report.add(
            Status::Ok,
            "certificate",
            format!("{shown} is valid until {}", cert::date(cert.not_after)),
        ),
    }
}

fn manifest_check(loaded: &Loaded, path: &std::path::Path, report: &mut Report) {
    let actions = match manifest::read(path) {
        Ok(a) => a,
        Err(f) => {
            report.add(Status::Error, "manifest", f.message);
            return;
        }
    };
    let shown = path.display();
    let prefix = &loaded.prefix;
    let mut checked = 0;
    for action in &actions {
        let vars: BTreeSet<&str> = action.mapped.iter().map(|(_, v)| v.as_str()).collect();
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
                    report.add(
                        Status::Error,
                        "manifest",
                        format!(
                            "{shown}: action {} maps {kind} credentials but not {var}; add `{var}: ${var}` to its inputs",
                            action.path
                        ),
                    );
                }
            }
        }
        for var in &vars {
            if !is_defined(loaded, var) {
                report.add(
                    Status::Error,
                    "manifest",
                    format!(
                        "{shown}: action {} maps ${var}, which neither the environment nor the .env defines",
                        action.path
                    ),
                );
            }
        }
    }
    if checked == 0 {
        report.add(
            Status::Warning,
            "manifest",
            format!(
                "{shown}: no action maps credential keys in its inputs ({} actions with inputs)",
                actions.len()
            ),
        );
    } else {
        report.add(
            Status::Info,
            "manifest",
            format!("{shown}: {checked} action(s) map credentials"),
        );
    }
}

fn is_defined(loaded: &Loaded, var: &str) -> bool {
    std::env::var_os(var).is_some_and(|v| !v.is_empty())
        || loaded
            .env_file
            .as_ref()
            .is_some_and(|f| f.get(var).is_some())
}

fn mark(status: Status, ui: &Ui) -> String {
    match status {
        Status::Ok => ui.out("✓", |s| s.green()),
        Status::Info => ui.out("i", |s| s.blue()),
        Status::Warning => ui.out("!", |s| s.yellow().bold()),
        Status::Error => ui.out("✗", |s| s.red().bold()),
    }
}

fn print_human(out: &mut impl Write, report: &Report, ui: &Ui) -> io::Result<()> {
    let file = report.env_file.as_deref().unwrap_or("no .env file");
    let mut kind = report.auth.map_or_else(
        || "no usable credentials".to_string(),
        |k| format!("{k} credentials"),
    );
    if let Some(ctx) = &report.context {
        kind.push_str(&format!(" from the aio context {}", visible(ctx)));
    }
    writeln!(out, "{}: {kind}, IMS {}", visible(file), report.ims)?;
    writeln!(out)?;
    // What the report quotes (file names, values, messages) may come from files: keep it inert.
    let shown = |text: Option<&str>| visible(text.unwrap_or("-")).into_owned();
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
        let mut notes: Vec<String> = k.detail.iter().map(|d| visible(d).into_owned()).collect();
        notes.extend(k.problems.iter().map(|p| {
            let p = visible(p);
            match k.status {
                Status::Error => ui.out(&p, |s| s.red()),
                Status::Warning => ui.out(&p, |s| s.yellow()),
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
        writeln!(out, "  {} {}", mark(c.status, ui), visible(&c.message))?;
    }
    writeln!(out)?;
    let verdict = if report.usable {
        ui.out("usable", |s| s.green().bold())
    } else {
        ui.out("not usable", |s| s.red().bold())
    };
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    writeln!(
        out,
        "{}, {}: {verdict}",
        plural(report.errors, "error"),
        plural(report.warnings, "warning")
    )
}
