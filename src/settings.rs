//! The command line and the environment, resolved once into plain, typed settings (ripgrep's low
//! args → high args, uv's `settings.rs`): which .env and credential set, the network options and
//! the run's deadline, the cache policy and store, the date the end-of-life rules use. Nothing below
//! this layer sees a clap type. [`Context`] is the per-run helper (jj's `CommandHelper`): it reads
//! the sources once, when first asked, and resolves the credentials and the session from them.

use std::cell::OnceCell;
use std::rc::Rc;
use std::time::Duration;

use crate::cache::{Mode, StoreSettings};
use crate::cli::{self, CacheArgs, CredentialArgs, EnvArgs, GlobalArgs, NetArgs};
use crate::clock::{self, Day};
use crate::config::{EnvFileChoice, Loaded, Overrides, Selection, Sources};
use crate::console_api::{CONSOLE_API, ConsoleApi};
use crate::credential::AuthChoice;
use crate::env_vars::{self as var, Var};
use crate::environment::Environment;
use crate::error::Failure;
use crate::http::{self, Deadline};
use crate::keychain::{self, Keychain};
use crate::output::{ColorChoice, Ui};
use crate::redact::{Runner, Secret};
use crate::session::{CachePolicy, Options, Session};
use crate::urls::{Ims, PROD_IMS, STAGE_IMS};

/// How human output looks: `-q`, `-v`, `--color` and the terminal's variables.
pub fn ui(global: &GlobalArgs, env: &Environment) -> Ui {
    let color = match global.color {
        cli::ColorChoice::Auto => ColorChoice::Auto,
        cli::ColorChoice::Always => ColorChoice::Always,
        cli::ColorChoice::Never => ColorChoice::Never,
    };
    Ui::new(global.quiet, global.verbose, color, env)
}

/// The CI runners the environment says this run is under (`GITHUB_ACTIONS=true`,
/// `TF_BUILD=True`): each is told to mask every secret the run reads.
pub fn ci_runners(env: &Environment) -> Vec<Runner> {
    let set = |var: Var| {
        env.get(var.name)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    };
    let mut runners = Vec::new();
    if set(var::GITHUB_ACTIONS) {
        runners.push(Runner::GitHub);
    }
    if set(var::TF_BUILD) {
        runners.push(Runner::Azure);
    }
    runners
}

/// The .env a run reads or edits: `--env-file`, else `ADOBE_JWT_ENV_FILE`, else `./.env`.
pub fn env_file(args: &EnvArgs, env: &Environment) -> EnvFileChoice {
    match args
        .env_file
        .clone()
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| env.path(var::ADOBE_JWT_ENV_FILE))
    {
        Some(path) => EnvFileChoice { path, named: true },
        None => EnvFileChoice::default(),
    }
}

/// `--profile`, else `ADOBE_JWT_PROFILE`.
fn profile(args: &EnvArgs, env: &Environment) -> Result<Option<String>, Failure> {
    match args.profile.clone().filter(|p| !p.trim().is_empty()) {
        Some(p) => Ok(Some(p)),
        None => Ok(env.setting(var::ADOBE_JWT_PROFILE)?.map(str::to_string)),
    }
}

/// The credential set the command line and the environment select.
pub fn selection(args: &CredentialArgs, env: &Environment) -> Result<Selection, Failure> {
    let context = match args.set.context.clone().filter(|c| !c.trim().is_empty()) {
        Some(c) => Some(c),
        None => env.setting(var::ADOBE_JWT_CONTEXT)?.map(str::to_string),
    };
    let auth = match args.auth {
        Some(cli::AuthChoice::Auto) => AuthChoice::Auto,
        Some(cli::AuthChoice::Jwt) => AuthChoice::Jwt,
        Some(cli::AuthChoice::Oauth) => AuthChoice::Oauth,
        None => auth_from_env(env)?,
    };
    let flags = &args.flags;
    Ok(Selection {
        profile: profile(&args.set.env, env)?,
        context,
        auth,
        ims: ims(args.set.ims.as_deref(), args.set.stage, env)?,
        overrides: Overrides {
            client_id: flags.client_id.clone(),
            org_id: flags.org_id.clone(),
            technical_account_id: args.jwt.technical_account_id.clone(),
            metascopes: args.jwt.metascopes.clone(),
            scopes: flags.scopes.clone(),
            private_key_file: args.jwt.private_key_file.clone(),
        },
    })
}

/// What the .env and the environment hold for a profile, with no other choice made: for commands
/// that read a value or two (encode-key's passphrase, import's current credential, the emulator).
pub fn profile_selection(args: &EnvArgs, env: &Environment) -> Result<Selection, Failure> {
    let mut sel = Selection::plain(Ims::parse(PROD_IMS)?);
    sel.profile = profile(args, env)?;
    Ok(sel)
}

/// `ADOBE_JWT_AUTH`, when set: auto, jwt or oauth.
fn auth_from_env(env: &Environment) -> Result<AuthChoice, Failure> {
    match env.setting(var::ADOBE_JWT_AUTH)? {
        None => Ok(AuthChoice::Auto),
        Some(text) => match text.to_ascii_lowercase().as_str() {
            "auto" => Ok(AuthChoice::Auto),
            "jwt" => Ok(AuthChoice::Jwt),
            "oauth" => Ok(AuthChoice::Oauth),
            _ => Err(Failure::usage(format!(
                "ADOBE_JWT_AUTH={text} is not one of auto, jwt, oauth"
            ))),
        },
    }
}

/// `--ims`, else `--stage`, else `ADOBE_IMS_URL`, else production: a flag beats the environment,
/// so `--stage` with `ADOBE_IMS_URL` set means stage.
pub fn ims(flag: Option<&str>, stage: bool, env: &Environment) -> Result<Ims, Failure> {
    match (flag.filter(|u| !u.trim().is_empty()), stage) {
        (Some(url), _) => Ims::parse(url),
        (None, true) => Ims::parse(STAGE_IMS),
        (None, false) => Ims::parse(env.setting(var::ADOBE_IMS_URL)?.unwrap_or(PROD_IMS)),
    }
}

/// The Developer Console's API: `ADOBE_CONSOLE_API_URL`, else `https://api.adobe.io`.
pub fn console_api(env: &Environment) -> Result<ConsoleApi, Failure> {
    ConsoleApi::parse(
        env.setting(var::ADOBE_CONSOLE_API_URL)?
            .unwrap_or(CONSOLE_API),
    )
}

/// `--allow-host`, else `ADOBE_JWT_ALLOW_HOSTS` (a comma list).
pub fn allowed_hosts(flags: &[String], env: &Environment) -> Result<Vec<String>, Failure> {
    if !flags.is_empty() {
        return Ok(flags.to_vec());
    }
    Ok(env
        .setting(var::ADOBE_JWT_ALLOW_HOSTS)?
        .map(|v| v.split(',').map(str::to_string).collect())
        .unwrap_or_default())
}

/// How requests are made: `--timeout`, `--max-time`, `--cacert` (else `SSL_CERT_FILE`), and the
/// proxy variables.
pub fn http(net: &NetArgs, env: &Environment) -> Result<http::Settings, Failure> {
    let proxy =
        |names: [(&'static str, Var); 2]| -> Result<Option<(&'static str, String)>, Failure> {
            for (name, var) in names {
                if let Some(v) = env.setting(var)? {
                    return Ok(Some((name, v.to_string())));
                }
            }
            Ok(None)
        };
    let lower = |name: &'static str| Var {
        name,
        ..var::HTTPS_PROXY
    };
    let https = proxy([
        ("HTTPS_PROXY", var::HTTPS_PROXY),
        ("https_proxy", lower(var::HTTPS_PROXY_LOWER)),
    ])?;
    let all = proxy([
        ("ALL_PROXY", var::ALL_PROXY),
        ("all_proxy", lower(var::ALL_PROXY_LOWER)),
    ])?;
    let no_proxy = proxy([
        ("NO_PROXY", var::NO_PROXY),
        ("no_proxy", lower(var::NO_PROXY_LOWER)),
    ])?;
    Ok(http::Settings {
        timeout: net.timeout,
        deadline: Deadline::new(net.max_time, net.timeout),
        cacert: net
            .cacert
            .clone()
            .filter(|p| !p.as_os_str().is_empty())
            .or_else(|| env.path(var::SSL_CERT_FILE)),
        proxy: https.or(all),
        no_proxy: no_proxy.map(|(_, v)| v),
    })
}

/// `--min-validity`, `--refresh`, `--no-cache`.
pub fn cache_policy(args: &CacheArgs) -> CachePolicy {
    CachePolicy {
        min_validity: args.min_validity,
        refresh: args.refresh,
        no_cache: args.no_cache,
    }
}

/// The cache policy of a command without cache flags (`inspect --fetch`): `--min-validity`'s
/// default, the cache read and written.
pub fn default_cache_policy() -> CachePolicy {
    CachePolicy {
        min_validity: cli::parse_duration(cli::MIN_VALIDITY).unwrap_or(Duration::ZERO),
        refresh: false,
        no_cache: false,
    }
}

/// `ADOBE_JWT_CACHE`, `ADOBE_JWT_CACHE_DIR` and `ADOBE_JWT_KEYRING_SERVICE`.
pub fn store(env: &Environment) -> Result<StoreSettings, Failure> {
    let mode = match env.setting(var::ADOBE_JWT_CACHE)? {
        None => Mode::Auto,
        Some(text) => Mode::parse(text).ok_or_else(|| {
            Failure::usage(format!(
                "ADOBE_JWT_CACHE={text} is not one of auto, keyring, file, off"
            ))
        })?,
    };
    Ok(StoreSettings {
        mode,
        dir: env
            .path(var::ADOBE_JWT_CACHE_DIR)
            .unwrap_or_else(default_cache_dir),
        service: env
            .setting(var::ADOBE_JWT_KEYRING_SERVICE)?
            .unwrap_or(StoreSettings::SERVICE)
            .to_string(),
    })
}

/// `ADOBE_JWT_KEYCHAIN` and its companions; the entries' stamps are mirrored in its folder.
pub fn keychain(env: &Environment) -> Result<keychain::Settings, Failure> {
    let choice = match env.setting(var::ADOBE_JWT_KEYCHAIN)? {
        None => keychain::Choice::Auto,
        Some(text) => keychain::Choice::parse(text).ok_or_else(|| {
            Failure::usage(format!(
                "ADOBE_JWT_KEYCHAIN={text} is not one of auto, os, file"
            ))
        })?,
    };
    let file = env.path(var::ADOBE_JWT_KEYCHAIN_FILE);
    let dir = match &file {
        Some(f) => f
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(
                || std::path::PathBuf::from("."),
                std::path::Path::to_path_buf,
            ),
        None => default_config_dir(),
    };
    let passphrase = match env.get(var::ADOBE_JWT_KEYCHAIN_PASSPHRASE.name) {
        Some(p) if !p.is_empty() => Some(Secret::new(p)),
        _ => {
            // Unreadable is an error, never "no passphrase" (which would ask on a terminal).
            env.setting(var::ADOBE_JWT_KEYCHAIN_PASSPHRASE)?;
            None
        }
    };
    let service = env
        .setting(var::ADOBE_JWT_KEYCHAIN_SERVICE)?
        .unwrap_or(keychain::Settings::SERVICE)
        .to_string();
    let file = file.unwrap_or_else(|| dir.join("keychain.age"));
    // Each store mirrors its stamps in a folder of its own: what one store holds says nothing of
    // another's.
    let store_dir = match choice {
        keychain::Choice::File => {
            let path = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            let digest = crate::crypto::sha256(path.to_string_lossy().as_bytes());
            let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("file-{short}")
        }
        keychain::Choice::Auto | keychain::Choice::Os => {
            let digest = crate::crypto::sha256(service.as_bytes());
            let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
            format!("os-{short}")
        }
    };
    let stamps = dir.join("stamps").join(store_dir);
    Ok(keychain::Settings {
        choice,
        service,
        file,
        dir,
        passphrase,
        // Beside the store's own files, whatever the token cache's settings: every write through
        // adobe-jwt updates the one mirror all runs read.
        stamps: Some(stamps),
    })
}

/// The user config folder's `adobe-jwt`, found by `dirs` as for the cache folder.
fn default_config_dir() -> std::path::PathBuf {
    dirs::config_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("adobe-jwt")
}

/// The user cache folder's `adobe-jwt`. With the config folder, the one place where the process environment is read past
/// the snapshot: `dirs` finds the user cache folder (`XDG_CACHE_HOME`, `HOME`, the Windows and macOS
/// known folders) as every program on the system does.
fn default_cache_dir() -> std::path::PathBuf {
    dirs::cache_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("adobe-jwt")
}

/// Today, by the system clock, unless `ADOBE_JWT_TODAY=YYYY-MM-DD` names another day: the date the
/// JWT end-of-life rules use, settable so that tests (and "what will check-env say on…") need not
/// wait for a date. It changes nothing else: tokens, caches and certificates keep the real clock.
pub fn today(env: &Environment) -> Result<Day, Failure> {
    match env.setting(var::ADOBE_JWT_TODAY)? {
        Some(text) => Day::parse(text).ok_or_else(|| {
            Failure::usage(format!(
                "ADOBE_JWT_TODAY={text} is not a date: write it as YYYY-MM-DD"
            ))
        }),
        None => Ok(clock::today()),
    }
}

/// What a session needs besides the credentials.
pub fn options(
    net: &NetArgs,
    cache: CachePolicy,
    jwt_lifetime: Duration,
    env: &Environment,
) -> Result<Options, Failure> {
    Ok(Options {
        cache,
        http: http(net, env)?,
        store: store(env)?,
        today: today(env)?,
        jwt_lifetime,
    })
}

/// The per-run helper of a command that reads credentials: the environment, the output, the .env
/// chosen and the credential set selected; the sources read once, when first asked.
pub struct Context<'a> {
    pub env: &'a Environment,
    pub ui: &'a Ui,
    pub env_file: EnvFileChoice,
    pub selection: Selection,
    sources: OnceCell<Sources<'a>>,
}

impl<'a> Context<'a> {
    /// The context of a command with the usual credential options.
    pub fn new(args: &CredentialArgs, env: &'a Environment, ui: &'a Ui) -> Result<Self, Failure> {
        Ok(Self::with(
            env_file(&args.set.env, env),
            selection(args, env)?,
            env,
            ui,
        ))
    }

    /// The context of a .env and a selection made otherwise (a profile only).
    pub fn with(
        env_file: EnvFileChoice,
        selection: Selection,
        env: &'a Environment,
        ui: &'a Ui,
    ) -> Self {
        Self {
            env,
            ui,
            env_file,
            selection,
            sources: OnceCell::new(),
        }
    }

    /// The .env and the environment, read once.
    pub fn sources(&self) -> Result<&Sources<'a>, Failure> {
        if let Some(s) = self.sources.get() {
            return Ok(s);
        }
        let keychain = Rc::new(Keychain::new(keychain(self.env)?));
        let read = Sources::read(&self.env_file, self.env)?.with_keychain(keychain);
        Ok(self.sources.get_or_init(|| read))
    }

    /// The selected credential set.
    pub fn loaded(&self) -> Result<Loaded<'_>, Failure> {
        Loaded::resolve(self.sources()?, &self.selection)
    }

    /// A session for the selected credentials.
    pub fn session(&self, options: &Options) -> Result<Session<'a>, Failure> {
        Session::open(&self.loaded()?, options, self.ui)
    }
}
