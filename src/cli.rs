//! The command line, defined once: it feeds `--help`, the completions and the man page.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// The program's name, as the completions and man pages call it.
pub const NAME: &str = "adobe-jwt";

/// `0.4.0 (commit abc1234567)`: what `--version` prints.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ADOBE_JWT_COMMIT"),
    ")"
);

/// `--min-validity`'s default.
pub const MIN_VALIDITY: &str = "10m";

/// The command as documented (completions, man pages): the bare version, so the generated files do
/// not change with each commit.
pub fn documented() -> clap::Command {
    command().version(env!("CARGO_PKG_VERSION"))
}

/// The command line as parsed and shown: the clap definition below, with each command's examples
/// and exit codes in its `--help` (the man pages render the same tables as sections).
pub fn command() -> clap::Command {
    let short: Vec<String> = EXIT_STATUS
        .iter()
        .map(|(code, short, _, _)| format!("{code} {short}"))
        .collect();
    let long: String = EXIT_STATUS
        .iter()
        .map(|(code, _, meaning, _)| format!("  {code:>3}  {meaning}\n"))
        .collect();
    decorate(Cli::command(), "")
        .after_help(format!("Exit codes: {}.", short.join(", ")))
        .after_long_help(format!("Exit codes:\n{long}\n{}", examples_help("")))
}

/// Parse the process's arguments (clap's own errors as clap formats them), with `--env-file` and
/// `--profile` given before the command moved to it.
pub fn parse() -> Result<Cli, clap::Error> {
    parse_from(std::env::args_os())
}

/// [`parse`] of these arguments (the program's name first).
pub fn parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::FromArgMatches;
    let mut cmd = command();
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    let mut cli = Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))?;
    cli.hoist()?;
    Ok(cli)
}

/// Each subcommand of `cmd` (named by `path`, `""` for the top) gets its examples.
fn decorate(cmd: clap::Command, path: &str) -> clap::Command {
    let path = path.to_string();
    cmd.mut_subcommands(move |sub| {
        let here = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        let help = examples_help(&here);
        let mut sub = decorate(sub, &here);
        // Taken, as the contract says, but not shown where they cannot apply.
        for (command, ids) in NOT_SHOWN {
            if here.split(' ').next() == Some(*command) {
                for id in *ids {
                    if sub.get_arguments().any(|a| a.get_id() == *id) {
                        sub = sub.mut_arg(*id, |a| a.hide(true));
                    }
                }
            }
        }
        for (command, ids) in RETOLD {
            if here.split(' ').next() == Some(*command) {
                for (id, text) in *ids {
                    if sub.get_arguments().any(|a| a.get_id() == *id) {
                        sub = sub.mut_arg(*id, |a| a.help(*text));
                    }
                }
            }
        }
        if help.is_empty() {
            sub
        } else {
            sub.after_long_help(help)
        }
    })
}

/// Shared options whose help names what the command reads: `secret` reads OAuth keys only.
const RETOLD: &[(&str, &[(&str, &str)])] = &[(
    "secret",
    &[
        ("client_id", "Client ID (IMS_OAUTH_S2S_CLIENT_ID)"),
        (
            "org_id",
            "IMS organisation ID, …@AdobeOrg (IMS_OAUTH_S2S_ORG_ID)",
        ),
    ],
)];

/// Options a command takes (the contract gives every credential command token's credential
/// options) but cannot use, so its help does not show them: `secret` works on OAuth credentials
/// alone (a JWT one gets its refusal, whichever option picked it).
const NOT_SHOWN: &[(&str, &[&str])] = &[(
    "secret",
    &[
        "auth",
        "technical_account_id",
        "metascopes",
        "private_key_file",
    ],
)];

/// A command's examples as `--help` shows them, `""` when it has none.
fn examples_help(path: &str) -> String {
    let mut text = String::new();
    for (what, line) in examples(path) {
        if text.is_empty() {
            text.push_str("Examples:\n");
        }
        text.push_str(&format!("  {what}:\n    {line}\n"));
    }
    text.trim_end().to_string()
}

/// The examples of one command, by its words (`secret rotate`; `""` for adobe-jwt itself).
pub fn examples(path: &str) -> &'static [(&'static str, &'static str)] {
    EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(&[], |(_, e)| e)
}

/// Whether what `read_by` names concerns the command `cmd` (a built command, named by its words
/// `path`): `*`, one of its words, or one of its argument ids, here or in a command under it.
/// Every thing concerns the top page.
pub fn applies(cmd: &clap::Command, path: &str, read_by: &[&str]) -> bool {
    path.is_empty()
        || read_by.iter().any(|by| {
            *by == "*"
                || path.split(' ').any(|word| word == *by)
                || cmd.get_arguments().any(|a| a.get_id() == *by)
        })
        || cmd
            .get_subcommands()
            .any(|sub| applies(sub, &format!("{path} {}", sub.get_name()), read_by))
}

/// The exit codes: code, meaning, and the commands that can exit with it (as [`applies`] reads
/// them). docs/exit-codes.md says what each command exits with, case by case.
pub const EXIT_STATUS: &[(&str, &str, &str, &[&str])] = &[
    (
        "0",
        "ok",
        "ok (check-env: usable, warnings allowed)",
        &["*"],
    ),
    (
        "1",
        "unexpected",
        "unexpected: a bug, please report it",
        &["*"],
    ),
    (
        "2",
        "usage",
        "usage: a bad flag, argument or setting, a missing --yes, a declined question",
        &["*"],
    ),
    (
        "3",
        "configuration or input invalid",
        "configuration or input invalid (check-env: errors found, or warnings with --strict)",
        &["env_file", "keychain", "inspect"],
    ),
    (
        "4",
        "IMS rejected the credentials",
        "IMS rejected the credentials (secret: or the Console refused the call)",
        &["timeout"],
    ),
    (
        "5",
        "network failure or unexpected answer",
        "network failure, IMS unavailable or an unexpected answer",
        &["timeout"],
    ),
    (
        "6",
        "the API answered 4xx/5xx (call)",
        "call: the API answered 4xx/5xx; the body is still written",
        &["call"],
    ),
    (
        "7",
        "changed but not finished (secret, keychain)",
        "secret, keychain: changed but not finished; the message says what changed and what is left",
        &["rotate", "delete", "prune", "add", "restore"],
    ),
    (
        "any",
        "exec: the command's own",
        "exec: the command's own status once it runs; 127 not found, 126 not runnable",
        &["exec"],
    ),
];

/// Each command's examples, by its words: its `--help` ends with them and its man page's EXAMPLES
/// section lists them. A test parses every adobe-jwt command line here.
pub const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "",
        &[
            (
                "The whole flow, offline, on the built-in IMS emulator",
                "adobe-jwt demo",
            ),
            ("A token for the credentials in ./.env", "adobe-jwt token"),
            (
                "Another project of the same .env, the flag before the command",
                "adobe-jwt --profile staging token",
            ),
            (
                "Call an Adobe API with the token and the usual headers",
                "adobe-jwt call https://platform.adobe.io/data/foundation/catalog/batches",
            ),
        ],
    ),
    (
        "encode-key",
        &[
            (
                "Write the key into ./.env as one line",
                "adobe-jwt encode-key private.key --write",
            ),
            (
                "The value alone, for a CI secret",
                "adobe-jwt encode-key private.key --raw",
            ),
            (
                "Keep the key in the keychain, off the .env",
                "adobe-jwt encode-key private.key --keychain",
            ),
        ],
    ),
    (
        "import",
        &[
            (
                "The Console's \"Download all\" file, into ./.env",
                "adobe-jwt import 1234567-project-stage.json",
            ),
            (
                "One credential of several, its secrets into the keychain",
                "adobe-jwt import project.json --credential Production --keychain",
            ),
        ],
    ),
    (
        "check-env",
        &[
            (
                "What the .env and the environment hold, checked",
                "adobe-jwt check-env",
            ),
            (
                "Ask IMS too, and fail on warnings",
                "adobe-jwt check-env --online --strict",
            ),
            (
                "An App Builder manifest maps every key",
                "adobe-jwt check-env --manifest src/dx-excshell-1/ext.config.yaml",
            ),
        ],
    ),
    (
        "token",
        &[
            (
                "Headers for curl",
                "adobe-jwt token --format headers | curl -H @- \"$API_URL\"",
            ),
            (
                "The token for the later steps of a GitHub workflow",
                "adobe-jwt token --format env >> \"$GITHUB_ENV\"",
            ),
            (
                "A new token, even when the cached one is good",
                "adobe-jwt token --refresh",
            ),
            (
                "The stage IMS, another project",
                "adobe-jwt token --stage --profile staging",
            ),
        ],
    ),
    (
        "call",
        &[
            (
                "GET, with the token, x-api-key and x-gw-ims-org-id",
                "adobe-jwt call https://platform.adobe.io/data/foundation/catalog/batches",
            ),
            (
                "POST a file's bytes, with a header of your own",
                "adobe-jwt call POST \"$API_URL\" -d @batch.json -H 'x-sandbox-name: dev'",
            ),
            (
                "The status line and headers before the body, as curl -i",
                "adobe-jwt call -i https://analytics.adobe.io/discovery/me",
            ),
            (
                "The body into a file",
                "adobe-jwt call \"$API_URL\" -o report.json",
            ),
        ],
    ),
    (
        "exec",
        &[
            (
                "Deploy App Builder actions that take the credentials",
                "adobe-jwt exec --with-credentials -- aio app deploy",
            ),
            (
                "A script with ADOBE_ACCESS_TOKEN, its output masked for a CI log",
                "adobe-jwt exec --mask -- ./deploy.sh",
            ),
        ],
    ),
    (
        "status",
        &[
            (
                "Every credential set and its cached token",
                "adobe-jwt status",
            ),
            ("The same, for a script", "adobe-jwt status --json"),
        ],
    ),
    (
        "secret",
        &[
            ("The credential's secrets", "adobe-jwt secret list"),
            (
                "A new secret into the .env, proven",
                "adobe-jwt secret rotate",
            ),
        ],
    ),
    (
        "secret list",
        &[
            (
                "The credential's secrets and their last use",
                "adobe-jwt secret list",
            ),
            (
                "The ids from the address of the credential's page in the Console",
                "adobe-jwt secret list --console \"$CONSOLE_PAGE\"",
            ),
        ],
    ),
    (
        "secret rotate",
        &[
            (
                "A new secret into the .env, and the old one deleted once nothing uses it",
                "adobe-jwt secret rotate --delete-old",
            ),
            (
                "A new secret straight into a GitHub secret, no file edited",
                "adobe-jwt secret rotate --stdout | gh secret set IMS_OAUTH_S2S_CLIENT_SECRET",
            ),
        ],
    ),
    (
        "secret delete",
        &[(
            "One secret, by the uuid secret list shows, without asking",
            "adobe-jwt secret delete 3f2a8c1e-5b7d-4e90-a1c2-0d9e8f7a6b5c --yes",
        )],
    ),
    (
        "secret prune",
        &[(
            "Every secret unused for a week, but the one in use",
            "adobe-jwt secret prune --idle 7d",
        )],
    ),
    (
        "keychain",
        &[
            (
                "The .env's secrets into the keychain",
                "adobe-jwt keychain add",
            ),
            ("What the keychain holds", "adobe-jwt keychain list"),
        ],
    ),
    (
        "keychain add",
        &[
            (
                "The .env's secrets into the keychain",
                "adobe-jwt keychain add",
            ),
            (
                "Into an encrypted file instead of the OS store",
                "ADOBE_JWT_KEYCHAIN=file adobe-jwt keychain add --profile staging",
            ),
        ],
    ),
    (
        "keychain list",
        &[("What the keychain holds", "adobe-jwt keychain list --json")],
    ),
    (
        "keychain remove",
        &[(
            "The entry of the .env's credential, without asking",
            "adobe-jwt keychain remove --yes",
        )],
    ),
    (
        "keychain restore",
        &[(
            "The secrets back into the .env",
            "adobe-jwt keychain restore",
        )],
    ),
    (
        "inspect",
        &[
            (
                "The cached token of the .env's credentials",
                "adobe-jwt inspect",
            ),
            (
                "A token from a pipe, and whether IMS still takes it",
                "adobe-jwt token | adobe-jwt inspect - --online",
            ),
        ],
    ),
    (
        "completions",
        &[
            ("bash", "source <(adobe-jwt completions bash)"),
            (
                "zsh",
                "adobe-jwt completions zsh > \"${fpath[1]}/_adobe-jwt\"",
            ),
            (
                "fish",
                "adobe-jwt completions fish > ~/.config/fish/completions/adobe-jwt.fish",
            ),
        ],
    ),
    ("demo", &[("The whole flow, offline", "adobe-jwt demo")]),
    (
        "ims-emulator",
        &[
            (
                "An IMS for a pipeline test, on a fixed port",
                "adobe-jwt ims-emulator --port 8123",
            ),
            (
                "A project without the I/O Management API (secret is refused)",
                "adobe-jwt ims-emulator --without-io-management",
            ),
        ],
    ),
];

/// Turn Adobe Developer Console credentials (.env or CI secrets) into a ready IMS access token.
#[derive(Debug, Parser)]
#[command(
    name = "adobe-jwt",
    version = VERSION,
    about,
    long_about = "Turn the credentials of an Adobe Developer Console project, kept in a .env file or in \
CI secrets, into a ready Adobe IMS access token, and call Adobe APIs with it.\n\n\
Both credential kinds are read from the same .env: Service Account (JWT, JWT_* keys) and \
OAuth Server-to-Server (IMS_OAUTH_S2S_* keys). Values come from flags, then the environment, then the .env."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(flatten)]
    pub before: EnvArgs,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// `adobe-jwt --profile NAME token`, as gh and git take such flags: `--env-file` and `--profile`
    /// before the command are the command's own. Given on both sides with different values, or to
    /// a command that reads no .env, they are a usage error.
    pub fn hoist(&mut self) -> Result<(), clap::Error> {
        let EnvArgs { env_file, profile } = std::mem::take(&mut self.before);
        if env_file.is_none() && profile.is_none() {
            return Ok(());
        }
        let name = self.command.name();
        let refuse = |message: String| {
            Err(Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message))
        };
        let (file_slot, profile_slot) = match self.command.env_args() {
            Some(EnvSlots { env_file, profile }) => (env_file, profile),
            None => {
                let flag = if env_file.is_some() {
                    "--env-file"
                } else {
                    "--profile"
                };
                return refuse(format!(
                    "{flag} is for the commands that read a .env; {name} reads none"
                ));
            }
        };
        // The same file or profile however written (`./.env` and `.env`, `STAGING` and
        // `staging`) is given once.
        let same_file = |a: &std::path::Path, b: &std::path::Path| {
            let plain = |p: &std::path::Path| -> PathBuf {
                p.components()
                    .filter(|c| *c != std::path::Component::CurDir)
                    .collect()
            };
            plain(a) == plain(b)
        };
        let same_profile = |a: &str, b: &str| {
            crate::env_vars::profile_prefix(a) == crate::env_vars::profile_prefix(b)
        };
        if let Some(file) = env_file {
            match file_slot.as_ref() {
                Some(after) if !same_file(after, &file) => {
                    return refuse(format!(
                        "--env-file is given before {name} and after it, with two different files: give it once"
                    ));
                }
                _ => *file_slot = Some(file),
            }
        }
        if let Some(profile) = profile {
            let Some(slot) = profile_slot else {
                return refuse(format!(
                    "--profile does not apply to {name}, which reads every profile of the .env"
                ));
            };
            match slot.as_ref() {
                Some(after) if !same_profile(after, &profile) => {
                    return refuse(format!(
                        "--profile is given before {name} and after it, with two different names: give it once"
                    ));
                }
                _ => *slot = Some(profile),
            }
        }
        Ok(())
    }
}

/// Where a command keeps `--env-file` and `--profile` (status has no profile: it shows them all).
struct EnvSlots<'a> {
    env_file: &'a mut Option<PathBuf>,
    profile: Option<&'a mut Option<String>>,
}

impl<'a> From<&'a mut EnvArgs> for EnvSlots<'a> {
    fn from(args: &'a mut EnvArgs) -> Self {
        EnvSlots {
            env_file: &mut args.env_file,
            profile: Some(&mut args.profile),
        }
    }
}

impl Command {
    /// The command's name as typed (`secret rotate`).
    fn name(&self) -> String {
        let sub = match self {
            Command::Secret(a) => match a.action {
                SecretAction::List(_) => " list",
                SecretAction::Rotate(_) => " rotate",
                SecretAction::Delete(_) => " delete",
                SecretAction::Prune(_) => " prune",
            },
            Command::Keychain(a) => match a.action {
                KeychainAction::Add(_) => " add",
                KeychainAction::List(_) => " list",
                KeychainAction::Remove(_) => " remove",
                KeychainAction::Restore(_) => " restore",
            },
            _ => "",
        };
        format!("{}{sub}", self.clap_name())
    }

    fn clap_name(&self) -> &'static str {
        match self {
            Command::EncodeKey(_) => "encode-key",
            Command::Import(_) => "import",
            Command::CheckEnv(_) => "check-env",
            Command::Token(_) => "token",
            Command::Call(_) => "call",
            Command::Exec(_) => "exec",
            Command::Status(_) => "status",
            Command::Secret(_) => "secret",
            Command::Keychain(_) => "keychain",
            Command::Inspect(_) => "inspect",
            Command::Completions(_) => "completions",
            Command::Demo => "demo",
            Command::ImsEmulator(_) => "ims-emulator",
            Command::GenerateAssets { .. } => "generate-assets",
        }
    }

    fn env_args(&mut self) -> Option<EnvSlots<'_>> {
        let env = match self {
            Command::EncodeKey(a) => &mut a.env,
            Command::Import(a) => &mut a.env,
            Command::ImsEmulator(a) => &mut a.env,
            Command::CheckEnv(a) => &mut a.credentials.set.env,
            Command::Token(a) => &mut a.credentials.set.env,
            Command::Call(a) => &mut a.credentials.set.env,
            Command::Exec(a) => &mut a.credentials.set.env,
            Command::Inspect(a) => &mut a.credentials.set.env,
            Command::Secret(a) => match &mut a.action {
                SecretAction::List(a) => &mut a.target.credentials.set.env,
                SecretAction::Rotate(a) => &mut a.target.credentials.set.env,
                SecretAction::Delete(a) => &mut a.target.credentials.set.env,
                SecretAction::Prune(a) => &mut a.target.credentials.set.env,
            },
            Command::Keychain(a) => match &mut a.action {
                KeychainAction::Add(a) => &mut a.credentials.set.env,
                KeychainAction::Remove(a) => &mut a.credentials.set.env,
                KeychainAction::Restore(a) => &mut a.credentials.set.env,
                KeychainAction::List(_) => return None,
            },
            Command::Status(a) => {
                return Some(EnvSlots {
                    env_file: &mut a.env_file,
                    profile: None,
                });
            }
            Command::Completions(_) | Command::Demo | Command::GenerateAssets { .. } => {
                return None;
            }
        };
        Some(env.into())
    }
}

/// Options every command accepts, before or after the command name.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Log requests (-v) and more detail (-vv) to stderr, secrets redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub verbose: u8,

    /// Silence warnings, hints and progress (never errors)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// When to colour output
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
}

/// Where credentials are read from, for the commands that read them.
#[derive(Debug, Args, Clone, Default)]
pub struct EnvArgs {
    /// The .env file to read credentials from [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// Read NAME_-prefixed keys (ANALYTICS_JWT_CLIENT_ID, …) for .env files holding several projects [env: ADOBE_JWT_PROFILE]
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
}

/// Which credential set of the .env, and which IMS it is for.
#[derive(Debug, Args, Clone, Default)]
pub struct SetArgs {
    #[command(flatten)]
    pub env: EnvArgs,

    /// IMS base URL [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]
    #[arg(long, value_name = "URL", conflicts_with = "stage")]
    pub ims: Option<String>,

    /// Use the stage IMS, https://ims-na1-stg1.adobelogin.com (wins over ADOBE_IMS_URL)
    #[arg(long)]
    pub stage: bool,

    /// The aio context to read (AIO_ims_contexts_CTX_… keys), when the .env holds several [env: ADOBE_JWT_CONTEXT]
    #[arg(long, value_name = "CTX")]
    pub context: Option<String>,
}

/// Which credentials, of either kind, and which IMS they are for.
#[derive(Debug, Args, Clone, Default)]
pub struct CredentialArgs {
    #[command(flatten)]
    pub set: SetArgs,

    /// Which credential kind to use; auto picks the complete one, oauth when both are [env: ADOBE_JWT_AUTH] [default: auto]
    #[arg(long, value_enum)]
    pub auth: Option<AuthChoice>,

    #[command(flatten)]
    pub flags: CredentialFlags,

    #[command(flatten)]
    pub jwt: JwtFlags,
}

/// Credential values given on the command line; they win over the environment and the .env.
/// Secrets are deliberately not among them: flags are visible in `ps` and shell history.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Credential overrides")]
pub struct CredentialFlags {
    /// Client ID (JWT_CLIENT_ID or IMS_OAUTH_S2S_CLIENT_ID)
    #[arg(long, value_name = "ID", hide_short_help = true)]
    pub client_id: Option<String>,

    /// IMS organisation ID, …@AdobeOrg (JWT_IMS_ORG or IMS_OAUTH_S2S_ORG_ID)
    #[arg(long, value_name = "ORG", hide_short_help = true)]
    pub org_id: Option<String>,

    /// OAuth scopes, a comma list or a JSON array (IMS_OAUTH_S2S_SCOPES)
    #[arg(long, value_name = "LIST", hide_short_help = true)]
    pub scopes: Option<String>,
}

/// The Service Account (JWT) values given on the command line.
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Credential overrides")]
pub struct JwtFlags {
    /// Technical account ID, …@techacct.adobe.com (JWT_TECHNICAL_ACCOUNT_ID)
    #[arg(long, value_name = "ID", hide_short_help = true)]
    pub technical_account_id: Option<String>,

    /// Comma list of metascopes (JWT_METASCOPES)
    #[arg(long, value_name = "LIST", hide_short_help = true)]
    pub metascopes: Option<String>,

    /// Read the private key from this file (JWT_PRIVATE_KEY)
    #[arg(long, value_name = "FILE", hide_short_help = true)]
    pub private_key_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum AuthChoice {
    #[default]
    Auto,
    Jwt,
    Oauth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Base64-encode a PEM private key for a .env (replaces base64 / certutil)
    EncodeKey(EncodeKeyArgs),
    /// Write a credential of a Developer Console project file into the .env
    Import(ImportArgs),
    /// Validate the credentials in .env + environment, and the App Builder inputs mapping
    CheckEnv(CheckEnvArgs),
    /// Print a ready IMS access token (cached)
    Token(TokenArgs),
    /// Call an Adobe API with the token and the usual headers
    Call(CallArgs),
    /// Run a command with the token in its environment (ADOBE_ACCESS_TOKEN), and no secret
    Exec(ExecArgs),
    /// Every credential set the .env and the environment hold, and their cached tokens (offline)
    Status(StatusArgs),
    /// Rotate the OAuth Server-to-Server client secret through the Developer Console: list, rotate, delete, prune
    Secret(SecretArgs),
    /// Keep a credential's long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore
    #[command(
        long_about = "Keep a credential's long-lived secrets off disk, in the OS keychain or an encrypted file: add, list, remove, restore.\n\n\
The store: ADOBE_JWT_KEYCHAIN=auto (the OS store, once a write, read and delete round trip proves it), os, or file \
(one file encrypted with age under a passphrase: ADOBE_JWT_KEYCHAIN_FILE, ADOBE_JWT_KEYCHAIN_PASSPHRASE or the terminal). \
Secrets the flags, the environment and the .env do not give are read from it. docs/keychain.md."
    )]
    Keychain(KeychainArgs),
    /// Decode an IMS access token: who, which scopes, when it expires
    Inspect(InspectArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// The whole flow, offline, against the built-in IMS emulator
    Demo,
    /// Serve a strict IMS stand-in on loopback for offline pipeline tests
    ImsEmulator(EmulatorArgs),
    /// Regenerate completions/ and docs/man/ under DIR (for maintainers: `cargo run -- generate-assets .`)
    #[command(hide = true)]
    GenerateAssets {
        #[arg(value_name = "DIR")]
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct EncodeKeyArgs {
    /// The PEM private key file; - or nothing reads stdin
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Print the base64 value alone, without NAME=
    #[arg(long, conflicts_with = "write")]
    pub raw: bool,

    /// The variable name [default: JWT_PRIVATE_KEY, or PROFILE_JWT_PRIVATE_KEY with --profile]
    #[arg(long, value_name = "VAR")]
    pub name: Option<String>,

    /// Update ENV_FILE in place (default: --env-file or ./.env) instead of printing
    #[arg(long, value_name = "ENV_FILE", num_args = 0..=1)]
    pub write: Option<Option<PathBuf>>,

    /// Store the key in the keychain, under the .env's JWT client id, instead of printing it (no key line is written)
    #[arg(long, conflicts_with_all = ["write", "raw", "name"])]
    pub keychain: bool,

    #[command(flatten)]
    pub env: EnvArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project JSON from the Developer Console ("Download all"; the file aio app use takes); - reads stdin
    #[arg(value_name = "PROJECT.json")]
    pub project: PathBuf,

    /// Which credential, by name or id, when the project has several
    #[arg(long, value_name = "NAME|ID")]
    pub credential: Option<String>,

    /// The private key of a Service Account (JWT) credential, written as encode-key writes it
    #[arg(long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// Print the lines instead of writing them into the .env
    #[arg(long)]
    pub stdout: bool,

    /// Put the secrets (client secret, private key) in the keychain, and only the ids in the .env
    #[arg(long, conflicts_with = "stdout")]
    pub keychain: bool,

    /// Write the file's client secret over another one of the same client that the file does not list
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub env: EnvArgs,
}

#[derive(Debug, Args)]
pub struct CheckEnvArgs {
    /// Check the private key against the Console's certificate_pub.crt, and its validity
    #[arg(long, value_name = "CRT")]
    pub certificate: Option<PathBuf>,

    /// Check an App Builder ext.config.yaml or app.config.yaml maps every credential key
    #[arg(long, value_name = "PATH")]
    pub manifest: Option<PathBuf>,

    /// Also request a token (bypassing the cache) and report IMS's verdict
    #[arg(long)]
    pub online: bool,

    /// Print the report as one JSON document
    #[arg(long)]
    pub json: bool,

    /// Fail on warnings too
    #[arg(long)]
    pub strict: bool,

    /// With --online: warn when the client secret in use is older than this (OAuth, with the Console ids)
    #[arg(long, value_name = "DURATION", default_value = "90d", value_parser = parse_positive_duration)]
    pub max_secret_age: Duration,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

/// How requests to IMS and APIs are made.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Network")]
pub struct NetArgs {
    /// Bound connecting and each wait for data; for IMS, each attempt from connecting to the last byte (e.g. 30s, 2m)
    #[arg(long, value_name = "DURATION", default_value = "30s", value_parser = parse_positive_duration)]
    pub timeout: Duration,

    /// Bound the whole run's network work: connecting, waiting, retries and Retry-After waits, the body [default: 3 × --timeout for everything but a call's body]
    #[arg(long, value_name = "DURATION", value_parser = parse_positive_duration, hide_short_help = true)]
    pub max_time: Option<Duration>,

    /// Trust this PEM CA bundle as well as the OS store (corporate TLS interception) [env: SSL_CERT_FILE]
    #[arg(long, value_name = "FILE", hide_short_help = true)]
    pub cacert: Option<PathBuf>,
}

/// How the token cache is used.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Cache")]
pub struct CacheArgs {
    /// Serve a cached token only while more than this remains
    #[arg(long, value_name = "DURATION", default_value = MIN_VALIDITY, value_parser = parse_duration, hide_short_help = true)]
    pub min_validity: Duration,

    /// Get a new token even when a cached one is still good (and cache it)
    #[arg(long, conflicts_with = "no_cache")]
    pub refresh: bool,

    /// Neither read nor write the cache (ADOBE_JWT_CACHE=auto|keyring|file|off chooses the store)
    #[arg(long)]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenFormat {
    /// The token alone
    Token,
    /// Authorization: Bearer TOKEN
    Header,
    /// Authorization, x-api-key and x-gw-ims-org-id lines, for `curl -H @-`
    Headers,
    /// One JSON object with the token, its expiry and where it came from
    Json,
    /// ADOBE_ACCESS_TOKEN, ADOBE_CLIENT_ID, ADOBE_ORG_ID and ADOBE_ACCESS_TOKEN_EXPIRES_AT lines, for >> "$GITHUB_ENV"
    Env,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = TokenFormat::Token)]
    pub format: TokenFormat,

    /// The same as --format json (the spelling other commands take)
    #[arg(long, hide = true, conflicts_with = "format")]
    pub json: bool,

    /// Lifetime of the signed JWT assertion (jwt credentials), 1s to 24h
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_jwt_lifetime)]
    pub jwt_lifetime: Duration,

    /// Print the signed JWT assertion instead of exchanging it (no request)
    #[arg(long)]
    pub print_jwt: bool,

    /// Remove the cached token of the current credentials (and their cached management token) and exit
    #[arg(long, conflicts_with_all = ["print_jwt", "refresh", "no_cache"])]
    pub forget: bool,

    /// Invalidate the cached token of the current credentials at IMS, then remove it from the cache
    #[arg(long, conflicts_with_all = ["print_jwt", "refresh", "no_cache", "forget"])]
    pub revoke: bool,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct CallArgs {
    /// [METHOD] URL: the method defaults to GET, or POST when data is given
    #[arg(value_name = "METHOD_URL", num_args = 1..=2, required = true)]
    pub target: Vec<String>,

    /// Add or replace a header, 'Name: value', or @FILE for the header lines of a file (repeatable)
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Request body: DATA, @FILE or @- for stdin
    #[arg(short, long, value_name = "DATA")]
    pub data: Option<String>,

    /// Print the status line and response headers before the body, as curl -i does
    #[arg(short, long)]
    pub include: bool,

    /// Write the body (with -i, the headers too) to FILE instead of stdout; - is stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Also send the credentials to this host (repeatable); by default only Adobe's API hosts and loopback get them [env: ADOBE_JWT_ALLOW_HOSTS, a comma list]
    #[arg(long = "allow-host", value_name = "HOST", value_delimiter = ',')]
    pub allow_hosts: Vec<String>,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct ExecArgs {
    /// The command and its arguments, after --
    #[arg(value_name = "CMD", required = true, num_args = 1.., allow_hyphen_values = true, last = true)]
    pub command: Vec<std::ffi::OsString>,

    /// Pass this variable to CMD although its name or value says it holds a secret (repeatable)
    #[arg(long, value_name = "VAR")]
    pub keep: Vec<String>,

    /// Also hand CMD the OAuth Server-to-Server credential as IMS_OAUTH_S2S_CLIENT_ID, _CLIENT_SECRET, _ORG_ID and _SCOPES (a JSON array), for `aio app deploy` of actions with include-ims-credentials
    #[arg(long)]
    pub with_credentials: bool,

    /// Pass CMD's stdout and stderr through a filter that replaces the token and every credential secret with *** (for CI logs)
    #[arg(long)]
    pub mask: bool,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Print the status as one JSON document
    #[arg(long)]
    pub json: bool,

    /// The .env file to read [env: ADOBE_JWT_ENV_FILE] [default: ./.env when it exists]
    #[arg(long, value_name = "PATH")]
    pub env_file: Option<PathBuf>,

    /// IMS base URL the cached tokens are for [env: ADOBE_IMS_URL] [default: https://ims-na1.adobelogin.com]
    #[arg(long, value_name = "URL", conflicts_with = "stage")]
    pub ims: Option<String>,

    /// The stage IMS, https://ims-na1-stg1.adobelogin.com
    #[arg(long)]
    pub stage: bool,
}

#[derive(Debug, Args)]
pub struct KeychainArgs {
    #[command(subcommand)]
    pub action: KeychainAction,
}

#[derive(Debug, Subcommand)]
pub enum KeychainAction {
    /// Move the credential's secrets from the .env into the keychain (stored and read back before the .env is edited)
    Add(KeychainAddArgs),
    /// The keychain's entries: kind, client id, which secrets, store, when stored (never a value)
    List(KeychainListArgs),
    /// Delete the credential's keychain entry (asks on a terminal; --yes otherwise)
    Remove(KeychainRemoveArgs),
    /// Move the credential's secrets from the keychain back into the .env (the .env edit is proven before the entry goes)
    Restore(KeychainRestoreArgs),
}

#[derive(Debug, Args)]
pub struct KeychainAddArgs {
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

#[derive(Debug, Args)]
pub struct KeychainListArgs {
    /// Print the list as one JSON document
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct KeychainRemoveArgs {
    /// Delete without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    #[command(flatten)]
    pub credentials: CredentialArgs,
}

#[derive(Debug, Args)]
pub struct KeychainRestoreArgs {
    #[command(flatten)]
    pub credentials: CredentialArgs,
}

#[derive(Debug, Args)]
pub struct SecretArgs {
    #[command(subcommand)]
    pub action: SecretAction,
}

#[derive(Debug, Subcommand)]
pub enum SecretAction {
    /// The credential's client secrets: uuid, creation, last use per grant type (never a value)
    List(SecretListArgs),
    /// Add a client secret, write it where the current one is defined, prove it with a token, and say what is next
    Rotate(SecretRotateArgs),
    /// Delete a client secret by its uuid, never the one in use (asks on a terminal; --yes otherwise)
    Delete(SecretDeleteArgs),
    /// Delete every secret but the one in use that has not been used for --idle (asks; --yes otherwise)
    Prune(SecretPruneArgs),
}

/// Which credential's secrets, and how to reach the Developer Console.
#[derive(Debug, Args)]
pub struct SecretTarget {
    /// The address of the credential's page in the Developer Console, for its ids (else IMS_OAUTH_S2S_CONSOLE_ORG_ID and IMS_OAUTH_S2S_CREDENTIAL_ID) [Console API: env ADOBE_CONSOLE_API_URL, default https://api.adobe.io]
    #[arg(long, value_name = "URL")]
    pub console: Option<String>,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub cache: CacheArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct SecretListArgs {
    /// Print the list as one JSON document
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub target: SecretTarget,
}

#[derive(Debug, Args)]
pub struct SecretRotateArgs {
    /// Delete the old secret once the new one is proven (when nothing uses the old one any more)
    #[arg(long, conflicts_with = "stdout")]
    pub delete_old: bool,

    /// Print the new secret alone on stdout (for `gh secret set NAME` or a vault) and edit no file
    #[arg(long)]
    pub stdout: bool,

    #[command(flatten)]
    pub target: SecretTarget,
}

#[derive(Debug, Args)]
pub struct SecretDeleteArgs {
    /// The secret's uuid, as `secret list` shows it
    #[arg(value_name = "UUID")]
    pub uuid: String,

    /// Delete without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Delete it even when it may be the secret the credentials use (no uuid is recorded beside the secret, and the credential has two)
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub target: SecretTarget,
}

#[derive(Debug, Args)]
pub struct SecretPruneArgs {
    /// Delete secrets whose last use (any grant type; never used: their creation) is older than this
    #[arg(long, value_name = "DURATION", default_value = "24h", value_parser = parse_positive_duration)]
    pub idle: Duration,

    /// Delete without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Prune even when no uuid is recorded beside the secret, so the one in use is not known (the most recently used one is kept)
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub target: SecretTarget,
}

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The access token, or - for stdin [default: the cached token of the current credentials]
    #[arg(value_name = "TOKEN")]
    pub token: Option<String>,

    /// Print the decoded token as JSON
    #[arg(long)]
    pub json: bool,

    /// With no TOKEN: get one (from the cache or IMS, as token does) when none is cached
    #[arg(long, conflicts_with = "token")]
    pub fetch: bool,

    /// Also ask IMS whether the token is still valid (revoked or expired tokens are not)
    #[arg(long)]
    pub online: bool,

    #[command(flatten)]
    pub credentials: CredentialArgs,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1 (0 picks a free one; the address is printed on stdout)
    #[arg(long, default_value_t = 0)]
    pub port: u16,

    /// Accept JWT assertions signed by this certificate's key (repeatable); default: the .env's key
    #[arg(long, value_name = "CRT")]
    pub certificate: Vec<PathBuf>,

    /// Emulate a project without the I/O Management API: IMS refuses its scopes (for `secret`)
    #[arg(long)]
    pub without_io_management: bool,

    #[command(flatten)]
    pub env: EnvArgs,
}

/// The longest duration any flag takes: far past any deadline, lifetime or age that makes sense,
/// and small enough that adding it to a clock never overflows.
pub const MAX_DURATION: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// Durations as `30s`, `5m`, `1h30m`, or a bare number of seconds, up to 100 years.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let d = match s.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => {
            humantime::parse_duration(s).map_err(|e| format!("{e} (use e.g. 30s, 5m, 1h)"))?
        }
    };
    if d > MAX_DURATION {
        return Err("must be at most 100 years (36500d)".into());
    }
    Ok(d)
}

/// A duration that is not zero (`--timeout 0s` would fail every request).
pub fn parse_positive_duration(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() {
        return Err("must be more than zero".into());
    }
    Ok(d)
}

/// The assertion's lifetime: 1 s to 24 h, as IMS accepts.
pub fn parse_jwt_lifetime(s: &str) -> Result<Duration, String> {
    let d = parse_duration(s)?;
    if d.is_zero() || d > Duration::from_secs(24 * 3600) {
        return Err("must be between 1s and 24h (IMS refuses a far-future exp)".into());
    }
    Ok(d)
}

/// One line to add under clap's error for spellings people bring from other tools: curl's
/// `call -X METHOD URL` (the method is a word before the URL here) and `exec CMD` without `--`.
/// `args` are the process arguments; `invalid` is the argument clap refused. Only an HTTP method or
/// a program name is repeated back, never another value (it could be a secret).
pub fn spelling_hint(args: &[String], invalid: &str) -> Option<String> {
    // The command word itself: after a `--` there is none (`adobe-jwt -- exec` names no command).
    let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
    let at = args[..end]
        .iter()
        .skip(1)
        .position(|a| a == "call" || a == "exec")?
        + 1;
    let after = &args[at + 1..];
    let plain = |word: &str, max: usize| {
        !word.is_empty()
            && word.len() <= max
            && word
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "._/+-".contains(c))
    };
    if args[at] == "call" {
        let flag = invalid.split('=').next().unwrap_or(invalid);
        let habit = match flag {
            "-s" | "--silent" | "-S" | "--show-error" | "-sS" | "-Ss" => Some(
                "call shows no progress meter: drop it (-q also silences adobe-jwt's own notes)",
            ),
            "-f" | "--fail" | "--fail-with-body" => Some(
                "call already fails on an HTTP error: it exits 6 when the API answers 4xx or 5xx, body included",
            ),
            "--data-binary" | "--data-raw" | "--data-urlencode" | "--json" => Some(
                "call sends -d as it is, byte for byte: -d DATA, -d @FILE or -d @- (stdin), with -H 'content-type: …' for another type",
            ),
            "-L" | "--location" => {
                Some("call follows redirects by itself (the token only to the same origin)")
            }
            _ => None,
        };
        if let Some(habit) = habit {
            return Some(format!("hint: {habit}"));
        }
        let method = if invalid == "-X" || invalid == "--request" {
            let flag = after.iter().position(|a| a == invalid)?;
            after.get(flag + 1).map(String::as_str)
        } else if let Some(glued) = invalid
            .strip_prefix("--request=")
            .or_else(|| invalid.strip_prefix("-X"))
        {
            Some(glued)
        } else {
            return None;
        };
        let method = method
            .filter(|m| plain(m, 10) && m.chars().all(|c| c.is_ascii_alphabetic()))
            .map_or_else(|| "METHOD".to_string(), str::to_ascii_uppercase);
        return Some(format!(
            "did you mean: adobe-jwt call {method} URL (the method is a word before the URL, not -X)"
        ));
    }
    if after.iter().any(|a| a == "--") || invalid.starts_with('-') {
        return None;
    }
    let program = if plain(invalid, 64) { invalid } else { "CMD" };
    Some(format!(
        "did you mean: adobe-jwt exec -- {program} … (the command comes after --)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(line: &str, invalid: &str) -> Option<String> {
        let args: Vec<String> = line.split(' ').map(str::to_string).collect();
        spelling_hint(&args, invalid)
    }

    #[test]
    fn curl_and_shell_habits_get_the_right_spelling() {
        let call = |m: &str| {
            format!(
                "did you mean: adobe-jwt call {m} URL (the method is a word before the URL, not -X)"
            )
        };
        assert_eq!(
            hint("adobe-jwt call -X POST https://x", "-X"),
            Some(call("POST"))
        );
        assert_eq!(
            hint("adobe-jwt -q call --request put https://x", "--request"),
            Some(call("PUT"))
        );
        assert_eq!(
            hint("adobe-jwt call -XDELETE https://x", "-XDELETE"),
            Some(call("DELETE"))
        );
        assert_eq!(
            hint("adobe-jwt call -X p8e-secret-value https://x", "-X"),
            Some(call("METHOD")),
            "a value that is not a method is not repeated"
        );
        assert_eq!(hint("adobe-jwt call --bogus https://x", "--bogus"), None);
        assert_eq!(
            hint("adobe-jwt exec --auth oauth env", "env"),
            Some("did you mean: adobe-jwt exec -- env … (the command comes after --)".into())
        );
        assert_eq!(
            hint("adobe-jwt exec a$b", "a$b"),
            Some("did you mean: adobe-jwt exec -- CMD … (the command comes after --)".into())
        );
        assert_eq!(hint("adobe-jwt exec --nope -- env", "--nope"), None);
        // After a `--` there is no command to spell: `exec` there is a word like any other.
        assert_eq!(hint("adobe-jwt -- exec true", "exec"), None);
        assert_eq!(hint("adobe-jwt token --nope", "--nope"), None);
    }

    /// A shell line's words, quotes removed (enough for the examples: no escapes inside quotes).
    fn words(line: &str) -> Vec<String> {
        let (mut out, mut word, mut quote, mut any) = (Vec::new(), String::new(), None, false);
        for c in line.chars() {
            match (quote, c) {
                (None, '\'' | '"') => (quote, any) = (Some(c), true),
                (Some(q), c) if c == q => quote = None,
                (None, ' ') => {
                    if any {
                        out.push(std::mem::take(&mut word));
                    }
                    any = false;
                }
                _ => (word.push(c), any = true).1,
            }
        }
        assert!(quote.is_none(), "unbalanced quotes in {line}");
        if any {
            out.push(word);
        }
        out
    }

    /// Each adobe-jwt command line of an example: the words after `adobe-jwt`, to the end of its
    /// pipeline stage (`|`, a redirection, or `)` of a process substitution).
    fn invocations(line: &str) -> Vec<Vec<String>> {
        let mut found = Vec::new();
        let mut current: Option<Vec<String>> = None;
        for word in words(line) {
            if let Some(args) = current.as_mut() {
                if matches!(word.as_str(), "|" | ">" | ">>" | "<") {
                    found.extend(current.take());
                    continue;
                }
                match word.strip_suffix(')') {
                    Some(last) => {
                        args.push(last.to_string());
                        found.extend(current.take());
                    }
                    None => args.push(word),
                }
            } else if word.trim_start_matches("<(") == NAME {
                current = Some(vec![NAME.to_string()]);
            }
        }
        found.extend(current);
        found
    }

    #[test]
    fn every_example_parses_fits_a_terminal_and_every_command_has_some() {
        let mut cmd = command();
        cmd.build();
        fn paths(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            for sub in cmd.get_subcommands() {
                if sub.is_hide_set() || sub.get_name() == "help" {
                    continue;
                }
                let here = format!("{path} {}", sub.get_name()).trim().to_string();
                out.push(here.clone());
                paths(sub, &here, out);
            }
        }
        let mut commands = vec![String::new()];
        paths(&cmd, "", &mut commands);
        for path in &commands {
            assert!(!examples(path).is_empty(), "`{path}` has no example");
        }
        for (path, list) in EXAMPLES {
            assert!(
                commands.iter().any(|c| c == path),
                "examples of `{path}`, no such command"
            );
            for (what, line) in *list {
                assert!(line.len() <= 76, "too long for an 80-column --help: {line}");
                assert!(!what.is_empty());
                let runs = invocations(line);
                assert!(!runs.is_empty(), "no adobe-jwt in {line}");
                for args in runs {
                    let parsed = parse_from(&args).map(|_| ()).map_err(|e| e.to_string());
                    assert!(parsed.is_ok(), "{line}: {parsed:?}");
                }
                // The example is of the command it is listed under (a pipe may add others).
                let of = |args: &Vec<String>| {
                    let named: Vec<&str> = args[1..]
                        .iter()
                        .filter(|a| !a.starts_with('-'))
                        .take(path.split(' ').count())
                        .map(String::as_str)
                        .collect();
                    named.join(" ") == *path
                };
                assert!(
                    path.is_empty() || invocations(line).iter().any(of),
                    "{line} is listed under `{path}`"
                );
            }
        }
        assert_eq!(
            invocations("source <(adobe-jwt completions bash)"),
            [["adobe-jwt", "completions", "bash"]]
        );
        assert_eq!(
            invocations("adobe-jwt token | adobe-jwt inspect - --online"),
            [
                vec!["adobe-jwt", "token"],
                vec!["adobe-jwt", "inspect", "-", "--online"]
            ]
        );
    }

    #[test]
    fn what_the_man_pages_list_per_command_names_real_options_and_commands() {
        let mut cmd = command();
        cmd.build();
        fn known(cmd: &clap::Command, by: &str) -> bool {
            cmd.get_name() == by
                || cmd.get_arguments().any(|a| a.get_id() == by)
                || cmd.get_subcommands().any(|s| known(s, by))
        }
        let tables = crate::env_vars::ALL
            .iter()
            .map(|v| v.read_by)
            .chain(EXIT_STATUS.iter().map(|(_, _, _, by)| *by));
        for read_by in tables {
            assert!(!read_by.is_empty());
            for by in read_by {
                assert!(
                    *by == "*" || known(&cmd, by),
                    "{by} is neither an option nor a command"
                );
            }
        }
        let token = cmd.find_subcommand("token").expect("token");
        let completions = cmd.find_subcommand("completions").expect("completions");
        let var = |name: &str| {
            crate::env_vars::ALL
                .iter()
                .find(|v| v.name == name)
                .expect(name)
        };
        assert!(applies(token, "token", var("SSL_CERT_FILE").read_by));
        assert!(!applies(
            completions,
            "completions",
            var("SSL_CERT_FILE").read_by
        ));
        let secret = cmd.find_subcommand("secret").expect("secret");
        assert!(
            applies(secret, "secret", var("ADOBE_JWT_CACHE").read_by),
            "through its subcommands"
        );
    }

    #[test]
    fn the_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert!(parse_duration("soon").is_err());
        assert_eq!(parse_duration("36500d"), Ok(MAX_DURATION));
        for huge in ["36501d", "18446744073709551615", "500000000000y"] {
            assert!(parse_duration(huge).is_err(), "{huge}");
        }
        assert!(parse_positive_duration("0s").is_err());
        assert!(parse_jwt_lifetime("25h").is_err());
        assert_eq!(parse_jwt_lifetime("24h"), Ok(Duration::from_secs(86_400)));
    }
}
