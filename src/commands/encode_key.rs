//! `encode-key`: the private key as one base64 line for a .env, printed or written in place.

use std::fs::{self, File};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::cli::{EncodeKeyArgs, GlobalArgs};
use crate::config::{self, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE, Loaded};
use crate::dotenv::{self, Edit, MAX_ENV_FILE};
use crate::error::Failure;
use crate::key::{self, Form};
use crate::output::Ui;

pub fn run(args: &EncodeKeyArgs, global: &GlobalArgs, ui: &Ui) -> Result<ExitCode> {
    let (bytes, shown) = read_input(args.file.as_deref())?;
    // The passphrase only matters for an encrypted key; a broken .env must not stop the others.
    let passphrase = Loaded::load(global)
        .ok()
        .and_then(|l| l.get(JWT_PRIVATE_KEY_PASSPHRASE).map(|f| f.value.clone()));
    let parsed = key::decode_bytes(&bytes, passphrase.as_ref()).map_err(|f| Failure {
        message: format!("{shown}: {}", f.message),
        ..f
    })?;
    if !matches!(parsed.form, Form::Pem | Form::Der) {
        return Err(Failure::config(format!(
            "{shown} is already encoded ({}); it belongs in the .env as it is",
            parsed.form
        ))
        .with_hint("or pass the original private.key from the Developer Console")
        .into());
    }
    let name = variable_name(args, global)?;
    let value = STANDARD.encode(&bytes);
    match &args.write {
        None => {
            let mut out = io::stdout().lock();
            if args.raw {
                writeln!(out, "{value}")?;
            } else {
                writeln!(out, "{name}={value}")?;
            }
            out.flush()?;
        }
        Some(target) => {
            let path = target
                .clone()
                .or_else(|| global.env_file.clone())
                .unwrap_or_else(|| PathBuf::from(".env"));
            let edit = write_env(&path, &name, &value)?;
            let what = match edit {
                Edit::Replaced { line, removed: 0 } => format!("replaced line {line}"),
                Edit::Replaced { line, removed } => format!(
                    "replaced line {line}, removed {removed} other definition{}",
                    if removed == 1 { "" } else { "s" }
                ),
                Edit::Appended { line } => format!("appended at line {line}"),
            };
            ui.note(&format!(
                "wrote {name} ({}) to {} ({what})",
                parsed.describe(),
                path.display()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The key file's bytes and how to name it in messages.
fn read_input(file: Option<&Path>) -> Result<(Vec<u8>, String)> {
    match file {
        Some(path) if path != Path::new("-") => {
            let bytes = dotenv::read_bytes(path, "the private key file")?;
            Ok((bytes, path.display().to_string()))
        }
        _ => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(Failure::usage("no key file given and stdin is a terminal")
                    .with_hint("adobe-jwt encode-key private.key, or pipe the key: cat private.key | adobe-jwt encode-key")
                    .into());
            }
            let mut bytes = Vec::new();
            stdin
                .lock()
                .take(MAX_ENV_FILE + 1)
                .read_to_end(&mut bytes)
                .context("reading the private key from stdin")?;
            if bytes.len() as u64 > MAX_ENV_FILE {
                return Err(Failure::config("stdin is too large to be a private key").into());
            }
            Ok((bytes, "stdin".into()))
        }
    }
}

fn variable_name(args: &EncodeKeyArgs, global: &GlobalArgs) -> Result<String> {
    if let Some(name) = &args.name {
        if dotenv::definition_key(&format!("{name}=")) != Some(name.as_str()) {
            return Err(Failure::usage(format!(
                "--name {name} is not a valid variable name (letters, digits and _, not starting with a digit)"
            ))
            .into());
        }
        return Ok(name.clone());
    }
    let prefix = match &global.profile {
        Some(p) => config::profile_prefix(p)?,
        None => String::new(),
    };
    Ok(format!("{prefix}{JWT_PRIVATE_KEY}"))
}

/// Update (or create) the .env: locked against concurrent writers, atomically replaced, mode kept.
fn write_env(path: &Path, name: &str, value: &str) -> Result<Edit> {
    let shown = path.display();
    let path = if path.exists() {
        fs::canonicalize(path).with_context(|| format!("resolving {shown}"))?
    } else {
        path.to_path_buf()
    };
    if path.is_dir() {
        return Err(Failure::config(format!("{shown} is a directory, not a .env file")).into());
    }
    let existed = path.exists();
    let lock = lock_env(&path)?;
    let mode = if existed {
        file_mode(&lock)
    } else {
        Some(0o600)
    };
    if mode.is_some_and(|m| m & 0o222 == 0) {
        return Err(
            Failure::config(format!("{shown} is read-only; it was left unchanged"))
                .with_hint(format!(
                    "make it writable (chmod u+w {shown}) or print the line instead: drop --write"
                ))
                .into(),
        );
    }
    let text = dotenv::read_text(&path, "the .env file")?;
    if is_pem_file(&text) {
        return Err(Failure::usage(format!(
            "{shown} looks like a key or certificate, not a .env file; it was left unchanged"
        ))
        .with_hint("name the key file first: adobe-jwt encode-key private.key --write .env")
        .into());
    }
    if dotenv::parse(&text).is_err() {
        return Err(Failure::config(format!(
            "{shown} has a syntax error; fix it before writing into it (adobe-jwt check-env names the line)"
        ))
        .into());
    }
    let (updated, edit) = dotenv::set_variable(&text, name, value);
    crate::atomic::write(&path, updated.as_bytes(), mode.or(Some(0o600))).map_err(|e| {
        Failure::config(format!(
            "cannot write {shown}: {e}; the file was left unchanged"
        ))
        .with_hint("check that its folder is writable")
    })?;
    drop(lock);
    Ok(edit)
}

/// A key or certificate file: a PEM armour line comes before any `KEY=` definition. (Base64 lines of
/// a PEM body can look like definitions, `Abc=`, so they must not count once the armour has started.)
fn is_pem_file(text: &str) -> bool {
    text.lines()
        .find_map(|line| {
            if line.trim_start().starts_with("-----BEGIN ") {
                Some(true)
            } else {
                dotenv::definition_key(line).map(|_| false)
            }
        })
        .unwrap_or(false)
}

/// Lock the .env itself; if another writer replaced it while we waited, lock the new file instead.
fn lock_env(path: &Path) -> Result<File> {
    loop {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .or_else(|e| match e.kind() {
                io::ErrorKind::PermissionDenied => File::open(path),
                _ => Err(e),
            })
            .map_err(|e| Failure::config(format!("cannot open {}: {e}", path.display())))?;
        file.lock()
            .map_err(|e| Failure::config(format!("cannot lock {}: {e}", path.display())))?;
        if same_file(&file, path) {
            return Ok(file);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

#[cfg(unix)]
fn file_mode(file: &File) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    file.metadata()
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn file_mode(_: &File) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::is_pem_file;

    #[test]
    fn pem_files_are_recognised_even_when_a_body_line_looks_like_a_definition() {
        // The last body line of a PEM often ends in padding, and `MIIB=` parses as a definition.
        let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ+/\nABCdef=\n-----END PRIVATE KEY-----\n";
        assert!(is_pem_file(key));
        assert!(is_pem_file("\n  -----BEGIN CERTIFICATE-----\nMIIB==\n"));
    }

    #[test]
    fn env_files_holding_a_pem_value_are_not_key_files() {
        assert!(!is_pem_file(
            "JWT_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\nMIIB=\n-----END PRIVATE KEY-----\"\n"
        ));
        assert!(!is_pem_file("# comment\nA=1\n-----BEGIN X-----\n"));
        assert!(!is_pem_file("A=1\n"));
        assert!(!is_pem_file(""));
    }
}
