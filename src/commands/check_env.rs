//! `check-env`: what the loader found, key by key, and everything wrong with it.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

use anyhow::Result;
use colored::Colorize;
use serde::Serialize;

use crate::cert::{self, Certificate};
use crate::cli::{AuthChoice, CheckEnvArgs, GlobalArgs};
use crate::config::{self, AuthKind, Found, Loaded, Source};
use crate::config::{JWT_CLIENT_ID, OAUTH_CLIENT_ID};
use crate::config::{JWT_IMS_ORG, JWT_METASCOPES, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE};
use crate::config::{JWT_TECHNICAL_ACCOUNT_ID, OAUTH_ORG_ID, OAUTH_SCOPES};
use crate::dotenv::{Entry, EnvFile};
use crate::key::{Encoding, PrivateKey};
use crate::manifest;
use crate::output::{Ui, mask_id};

const EXPIRY_WARNING: Duration = Duration::from_secs(30 * 24 * 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Info,
    Warning,
    Error,
}

/// One credential key: where it came from, what it looks like (masked), what is wrong.
#[derive(Debug, Serialize)]
pub struct KeyLine {
    pub key: String,
    pub status: Status,
    pub source: Option<String>,
    pub value: Option<String>,
    pub detail: Option<String>,
    pub problems: Vec<String>,
}

/// A finding about the whole setup (file, certificate, manifest, IMS).
#[derive(Debug, Serialize)]
pub struct Check {
    pub status: Status,
    pub topic: &'static str,
    pub message: String,
}

/// The whole report; `--json` prints it as is.
#[derive(Debug, Serialize)]
pub struct Report {
    pub env_file: Option<String>,
    pub profile: Option<String>,
    pub auth: Option<&'static str>,
    pub ims: String,
    pub usable: bool,
    pub errors: usize,
    pub warnings: usize,
    pub keys: Vec<KeyLine>,
    pub checks: Vec<Check>,
}

pub fn run(args: &CheckEnvArgs, global: &GlobalArgs, ui: &Ui) -> Result<ExitCode> {
    let loaded = Loaded::load(global)?;
    let mut report = build(&loaded, args, global)?;
    if args.online {
        crate::commands::token::online_check(&loaded, &args.net, ui, &mut report);
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
    Ok(if failed {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

impl Report {
    pub fn add(&mut self, status: Status, topic: &'static str, message: impl Into<String>) {
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

fn build(loaded: &Loaded, args: &CheckEnvArgs, global: &GlobalArgs) -> Result<Report> {
    let chosen = loaded.kind().ok();
    let mut report = Report {
        env_file: loaded
            .env_file
            .as_ref()
            .map(|f| f.path.display().to_string()),
        profile: global.profile.clone(),
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
                vec![AuthKind::Jwt]
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
            report.add(
                Status::Warning,
                "end-of-life",
                "Service Account (JWT) credentials reached end of life at Adobe (new ones ended 2025-06-30, \
existing ones stop by 2026-03-01 or when their certificate expires); add an OAuth Server-to-Server \
credential to the project and set IMS_OAUTH_S2S_CLIENT_ID, IMS_OAUTH_S2S_CLIENT_SECRET, \
IMS_OAUTH_S2S_ORG_ID and IMS_OAUTH_S2S_SCOPES: adobe-jwt then uses it (docs/migrate-to-oauth.md)",
            );
        }
    } else if let Err(failure) = loaded.kind() {
        report.add(Status::Error, "credentials", failure.message);
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
    let full = format!("{}{name}", loaded.prefix);
    let Some(found) = loaded.get(name) else {
        let mut line = KeyLine {
            key: full,
            status: Status::Error,
            source: None,
            value: None,
            detail: None,
            problems: vec!["missing".into()],
        };
        if name == JWT_PRIVATE_KEY_PASSPHRASE {
            line.status = Status::Ok;
            line.problems.clear();
        }
        return line;
    };
    let mut line = KeyLine {
        key: full,
        status: Status::Ok,
        source: Some(source_label(loaded, found)),
        value: None,
        detail: None,
        problems: Vec::new(),
    };
    let raw = found.value.expose();
    if raw.is_empty() {
        line.status = Status::Error;
        line.problems.push("empty".into());
        return line;
    }
    let error = |line: &mut KeyLine, problem: String| {
        line.status = line.status.max(Status::Error);
        line.problems.push(problem);
    };
    if name != JWT_PRIVATE_KEY {
        if raw.trim() != raw {
            error(&mut line, "has leading or trailing whitespace".into());
        }
        if raw.starts_with(['"', '\'']) || raw.ends_with(['"', '\'']) {
            error(&mut line, "has stray quotes".into());
        }
    }
    let value = raw.trim();
    match name {
        JWT_METASCOPES => {
            let claims = loaded.ims.metascope_claims(value);
            if claims.is_empty() {
                error(&mut line, "lists no metascope".into());
            }
            if config::split_list(value)
                .iter()
                .any(|m| m.contains(char::is_whitespace))
            {
                error(&mut line, "an entry contains a space".into());
            }
            let foreign: Vec<&String> = claims
                .iter()
                .filter(|c| !c.starts_with(&format!("{}/s/", loaded.ims.base())))
                .collect();
            if !foreign.is_empty() {
                line.status = line.status.max(Status::Warning);
                line.problems.push(format!(
                    "{} metascope URL(s) name another IMS than {}",
                    foreign.len(),
                    loaded.ims.base()
                ));
            }
        }
        OAUTH_SCOPES => {
            if let Err(e) = config::parse_scopes(value) {
                error(&mut line, e);
            }
        }
        JWT_PRIVATE_KEY => {
            line.value = Some(format!("({} chars)", found.value.len()));
            match loaded.private_key() {
                Ok(k) => {
                    line.value = Some(k.fingerprint());
                    line.detail = Some(k.describe());
                    *key = Some(k);
                }
                Err(f) => {
                    let message = f
                        .message
                        .trim_start_matches(&format!("{}: ", found.name))
                        .to_string();
                    match f.hint {
                        Some(h) => error(&mut line, format!("{message} ({h})")),
                        None => error(&mut line, message),
                    }
                }
            }
        }
        JWT_PRIVATE_KEY_PASSPHRASE => {
            line.value = Some(format!("({} chars)", found.value.len()));
            if key
                .as_ref()
                .is_some_and(|k| k.encoding != Encoding::EncryptedPkcs8)
            {
                line.status = Status::Warning;
                line.problems
                    .push("set, but the private key is not encrypted".into());
            }
        }
        _ => {}
    }
    if line.value.is_none() {
        line.value = Some(shown(name, value));
    }
    if let Some(g) = loaded.glued().iter().find(|g| g.key == found.name) {
        error(
            &mut line,
            format!(
                "runs into {}= on line {}: a line break is missing",
                g.into, g.line
            ),
        );
    }
    let shape = match name {
        JWT_IMS_ORG | OAUTH_ORG_ID => Some("@AdobeOrg"),
        JWT_TECHNICAL_ACCOUNT_ID => Some("@techacct.adobe.com"),
        _ => None,
    };
    if let Some(suffix) = shape.filter(|s| !value.ends_with(s)) {
        error(&mut line, format!("does not end with {suffix}"));
    }
    line
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
        let Some(found) = loaded
            .get(key)
            .filter(|f| matches!(f.source, Source::DotEnv(_)))
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
    let kind = report.auth.map_or_else(
        || "no usable credentials".to_string(),
        |k| format!("{k} credentials"),
    );
    writeln!(out, "{file}: {kind}, IMS {}", report.ims)?;
    writeln!(out)?;
    let width = |f: fn(&KeyLine) -> usize| report.keys.iter().map(f).max().unwrap_or(0);
    let key_w = width(|k| k.key.chars().count());
    let src_w = width(|k| k.source.as_deref().map_or(1, |s| s.chars().count()));
    let val_w = width(|k| k.value.as_deref().map_or(1, |s| s.chars().count()));
    for k in &report.keys {
        let mut notes: Vec<String> = k.detail.iter().cloned().collect();
        notes.extend(k.problems.iter().map(|p| match k.status {
            Status::Error => ui.out(p, |s| s.red()),
            Status::Warning => ui.out(p, |s| s.yellow()),
            _ => p.clone(),
        }));
        let line = format!(
            "  {} {:key_w$}  {:src_w$}  {:val_w$}  {}",
            mark(k.status, ui),
            k.key,
            k.source.as_deref().unwrap_or("-"),
            k.value.as_deref().unwrap_or("-"),
            notes.join("; "),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if !report.checks.is_empty() {
        writeln!(out)?;
    }
    for c in &report.checks {
        writeln!(out, "  {} {}", mark(c.status, ui), c.message)?;
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
