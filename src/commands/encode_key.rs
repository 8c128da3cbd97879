//! `encode-key`: the private key as one base64 line for a .env, printed or written in place.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::error::Result;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::cli::EncodeKeyArgs;
use crate::commands;
use crate::config::EnvFileChoice;
use crate::config::{Loaded, Selection, Sources};
use crate::credential::Form;
use crate::credential::{
    AuthKind, JWT_CLIENT_ID, JWT_PRIVATE_KEY, JWT_PRIVATE_KEY_PASSPHRASE, PrivateKey,
};
use crate::dotenv::edit;
use crate::environment::Environment;
use crate::error::Failure;
use crate::files::{self, Accept, MAX_INPUT};
use crate::http::Deadline;
use crate::key;
use crate::keychain::{Id, Keychain};
use crate::output::Ui;
use crate::redact::{self, Secret};
use crate::settings;
use std::collections::BTreeMap;

pub fn run(args: &EncodeKeyArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let selection = settings::profile_selection(&args.env, env)?;
    let env_file = settings::env_file(&args.env, env);
    let (file, write, piped) = natural_order(args, &env_file, ui)?;
    let (bytes, shown) = match piped {
        Some(bytes) => (bytes, "stdin".to_string()),
        None => read_input(file.as_deref())?,
    };
    // The passphrase only matters for an encrypted key; a broken .env must not stop the others.
    let passphrase = Sources::read(&env_file, env).ok().and_then(|sources| {
        let loaded = Loaded::resolve(&sources, &selection).ok()?;
        loaded
            .get(JWT_PRIVATE_KEY_PASSPHRASE)
            .map(|f| f.value.clone())
    });
    let parsed = key::decode_bytes(&bytes, passphrase.as_ref()).map_err(|f| Failure {
        message: format!("{shown}: {}", f.message),
        ..f
    })?;
    // certutil's output and wrapped base64 are the key, spread over lines a .env cannot hold
    // unquoted: the PEM inside is encoded again, on one line.
    let (bytes, parsed) = match parsed.form {
        Form::Certutil | Form::WrappedBase64 => {
            let inner = std::str::from_utf8(&bytes).ok().and_then(key::inner_pem);
            match inner {
                Some(pem) => {
                    ui.note(&format!(
                        "{shown} is {} of the key: encoding the PEM inside it on one line",
                        parsed.form
                    ));
                    let parsed = key::decode_bytes(pem.as_bytes(), passphrase.as_ref())?;
                    (pem.into_bytes(), parsed)
                }
                None => (bytes, parsed),
            }
        }
        _ => (bytes, parsed),
    };
    if !matches!(parsed.form, Form::Pem | Form::Der) {
        return Err(Failure::config(format!(
            "{shown} is already encoded ({}); it belongs in the .env as it is",
            parsed.form
        ))
        .with_hint("or pass the original private.key from the Developer Console"));
    }
    if args.keychain {
        return to_keychain(&bytes, &parsed, &env_file, &selection, env, ui);
    }
    let name = variable_name(args, &selection)?;
    let value = STANDARD.encode(&bytes);
    match &write {
        None => {
            let mut out = io::stdout().lock();
            if continues_a_line() {
                writeln!(out)?;
            }
            if args.raw {
                writeln!(out, "{value}")?;
            } else {
                writeln!(out, "{name}={value}")?;
            }
            out.flush()?;
        }
        Some(target) => {
            let path = match target {
                Some(path) => path.clone(),
                None => env_file.path.clone(),
            };
            let written = Deadline::local()
                .with_patience(&|p| ui.waiting_for_lock(p), |patience| {
                    edit::write_variables(&path, &[(&name, Some(&value))], patience)
                })?;
            let what = written
                .edits
                .first()
                .map(edit::Edit::describe)
                .unwrap_or_default();
            for warning in &written.warnings {
                ui.warn(warning);
            }
            // The environment wins over the .env: what was written is not what runs will read.
            if env.get(&name).is_some_and(|v| !v.is_empty()) {
                ui.warn(&format!(
                    "{name} is also set in the environment, which wins over {}: unset it for the key written here to be used",
                    path.display()
                ));
            }
            ui.note(&format!(
                "wrote {name} ({}) to {} ({what}{})",
                parsed.describe(),
                path.display(),
                written.how()
            ));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `--keychain`: the key (as encode-key prints it) into the keychain entry of the .env's JWT
/// client, read back; the .env gets no key line. A key line the .env still has would win over the
/// keychain: it is named.
fn to_keychain(
    bytes: &[u8],
    parsed: &PrivateKey,
    env_file: &EnvFileChoice,
    selection: &Selection,
    env: &Environment,
    ui: &Ui,
) -> Result<ExitCode> {
    let sources = Sources::read(env_file, env)?;
    let loaded = Loaded::resolve(&sources, selection)?;
    let client_key = format!("{}{JWT_CLIENT_ID}", loaded.prefix);
    let client_id = loaded
        .get(JWT_CLIENT_ID)
        .map(|f| f.value.expose().trim().to_string())
        .filter(|v| !v.is_empty())
        .ok_or_else(|| {
            Failure::config(format!(
                "encode-key --keychain stores the key under the JWT client id, and {client_key} is not set in {} or the environment",
                env_file.path.display()
            ))
            .with_hint("add the credential's ids first (adobe-jwt import PROJECT.json --keychain does both)")
        })?;
    let value = Secret::new(STANDARD.encode(bytes));
    redact::remember(&value);
    let keychain = Keychain::new(settings::keychain(env)?);
    let id = Id::new(AuthKind::Jwt, &client_id);
    let secrets = BTreeMap::from([(JWT_PRIVATE_KEY.to_string(), value)]);
    commands::keychain::store(
        &keychain,
        &id,
        secrets,
        commands::keychain::Uuid::KeepIfSameSecret,
    )?;
    ui.note(&format!(
        "stored the private key ({}) of {id} in {} and read it back; no key line was written",
        parsed.describe(),
        keychain.describe()
    ));
    if let Some(found) = loaded.get(JWT_PRIVATE_KEY).filter(|f| !f.value.is_empty()) {
        ui.warn(&format!(
            "{} ({}) still defines a private key, which wins over the keychain: remove it, or move it with adobe-jwt keychain add",
            found.name,
            loaded.sources.place(&found.source)
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// The key file's bytes and how to name it in messages.
/// `encode-key --write private.key`: `--write` took the key file for the .env to write. When that
/// file is a private key (a .env never decodes as one), it is read as the key and the .env is
/// written, as the words say (`--write FILE.env` names another .env after the key).
/// A key piped in meanwhile is the key (and the file named is refused as the .env to write, as
/// before): what was read of stdin is returned.
#[allow(clippy::type_complexity)]
fn natural_order(
    args: &EncodeKeyArgs,
    env_file: &EnvFileChoice,
    ui: &Ui,
) -> Result<(
    Option<std::path::PathBuf>,
    Option<Option<std::path::PathBuf>>,
    Option<Vec<u8>>,
)> {
    let (file, write) = (args.file.clone(), args.write.clone());
    let (None, Some(Some(path))) = (&file, &write) else {
        return Ok((file, write, None));
    };
    if !io::stdin().is_terminal() {
        let piped = files::read_stdin("the private key", MAX_INPUT, None)?;
        if !piped.iter().all(u8::is_ascii_whitespace) {
            return Ok((file, write, Some(piped)));
        }
    }
    let is_key = files::read(path, "the file", Accept::Regular)
        .ok()
        .is_some_and(|bytes| key::decode_bytes(&bytes, None).is_ok());
    if !is_key {
        return Ok((file, write, None));
    }
    ui.note(&format!(
        "{} is a private key: encoding it into {} (to write another .env: adobe-jwt encode-key {} --write OTHER.env)",
        path.display(),
        env_file.path.display(),
        path.display()
    ));
    Ok((Some(path.clone()), Some(None), None))
}

/// The usage that shows where the key file goes.
const ORDER: &str = "the key file comes first: adobe-jwt encode-key private.key [--write [FILE.env]], or pipe the key: cat private.key | adobe-jwt encode-key";

fn read_input(file: Option<&Path>) -> Result<(Vec<u8>, String)> {
    match file {
        Some(path) if path != Path::new("-") => {
            let bytes = files::read(path, "the private key file", Accept::RegularOrPipe)?;
            Ok((bytes, path.display().to_string()))
        }
        _ => {
            let stdin = io::stdin();
            if stdin.is_terminal() {
                return Err(
                    Failure::usage("no key file given and stdin is a terminal").with_hint(ORDER)
                );
            }
            let bytes = files::read_stdin("the private key", MAX_INPUT, None)?;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                return Err(
                    Failure::usage("no key file given, and stdin is empty").with_hint(ORDER)
                );
            }
            Ok((bytes, "stdin".into()))
        }
    }
}

fn variable_name(args: &EncodeKeyArgs, selection: &Selection) -> Result<String> {
    if let Some(name) = &args.name {
        let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            return Err(Failure::usage(format!(
                "--name {name} is not a valid variable name (letters, digits and _, not starting with a digit)"
            )));
        }
        return Ok(name.clone());
    }
    Ok(format!("{}{JWT_PRIVATE_KEY}", selection.prefix()?))
}

/// Whether stdout is a regular file we append to whose last byte is not a line break: then
/// `encode-key k >> .env` must start with one, or its line would run into the file's last one.
/// Linux shows this through /proc; elsewhere the file cannot be read back through stdout.
#[cfg(target_os = "linux")]
fn continues_a_line() -> bool {
    use std::fs::File;
    use std::io::{Read, Seek, SeekFrom};
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;

    let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() else {
        return false;
    };
    let mut out = File::from(fd);
    let Ok(meta) = out.metadata() else {
        return false;
    };
    if !meta.is_file() || meta.len() == 0 {
        return false;
    }
    // Only when our line lands at the end: `>>` (O_APPEND), or an offset already there.
    let appends = std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & libc::O_APPEND as u32 != 0)
    });
    if !appends && out.stream_position().ok() != Some(meta.len()) {
        return false;
    }
    let Ok(mut file) = File::open("/proc/self/fd/1") else {
        return false;
    };
    let same = file
        .metadata()
        .is_ok_and(|m| m.ino() == meta.ino() && m.dev() == meta.dev());
    let mut last = [0u8];
    same && file.seek(SeekFrom::End(-1)).is_ok()
        && file.read_exact(&mut last).is_ok()
        && !matches!(last[0], b'\n' | b'\r')
}

#[cfg(not(target_os = "linux"))]
fn continues_a_line() -> bool {
    false
}
