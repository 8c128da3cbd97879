//! Every environment variable adobe-jwt reads, named once, with what it means (uv's `env_vars.rs`).
//! The settings layer reads the tool settings through these names; docs/environment.md lists the
//! same table, and a test keeps the two in step.

/// What kind of value a variable holds: how a value that cannot be read is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holds {
    /// Text: a value that is not UTF-8 is an error naming the variable (exit 3).
    Text,
    /// A path: kept as the OS gives it, UTF-8 or not.
    Path,
}

/// The prefix of a profile's variables: `staging` reads `STAGING_…`, `campaign-prod`
/// `CAMPAIGN_PROD_…` (letters upper-cased, `-` as `_`). The name is checked elsewhere.
pub fn profile_prefix(name: &str) -> String {
    let mut prefix: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == '-' {
                '_'
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    prefix.push('_');
    prefix
}

/// One variable.
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub name: &'static str,
    pub holds: Holds,
    /// What it does, as docs/environment.md says it.
    pub meaning: &'static str,
    /// Which commands read it, for their man pages: argument ids (a command with that option
    /// reads it) or command words, as `cli::applies` matches them; `*` is every command.
    pub read_by: &'static [&'static str],
}

macro_rules! vars {
    ($($konst:ident $holds:ident [$($by:literal),*] $meaning:literal;)*) => {
        $(
            #[doc = $meaning]
            pub const $konst: Var = Var {
                name: stringify!($konst),
                holds: Holds::$holds,
                meaning: $meaning,
                read_by: &[$($by),*],
            };
        )*
        /// Every variable, in the order docs/environment.md lists them.
        pub const ALL: &[Var] = &[$($konst),*];
    };
}

vars! {
    ADOBE_JWT_ENV_FILE Path ["env_file"] "The .env file to read, as --env-file (default ./.env when it exists).";
    ADOBE_JWT_PROFILE Text ["profile"] "Read NAME_-prefixed keys, as --profile.";
    ADOBE_JWT_CONTEXT Text ["context"] "The aio context to read when the .env holds several, as --context.";
    ADOBE_JWT_AUTH Text ["auth"] "The credential kind: auto, jwt or oauth, as --auth.";
    ADOBE_IMS_URL Text ["ims"] "The IMS base URL, as --ims (https, or http to loopback).";
    ADOBE_CONSOLE_API_URL Text ["secret"] "The Developer Console's API for secret (default https://api.adobe.io).";
    ADOBE_JWT_ALLOW_HOSTS Text ["call"] "A comma list of hosts call may send credentials to, as --allow-host.";
    ADOBE_JWT_CACHE Text ["min_validity", "status", "inspect"] "The token cache store: auto, keyring, file or off.";
    ADOBE_JWT_CACHE_DIR Path ["min_validity", "status", "inspect"] "Where the file cache keeps tokens and locks (default the user cache folder).";
    ADOBE_JWT_KEYRING_SERVICE Text ["min_validity", "status", "inspect"] "The OS keyring service name of cached tokens (default adobe-jwt).";
    ADOBE_JWT_KEYCHAIN Text ["context", "keychain", "status"] "Where keychain secrets live: auto (the OS store, proven first), os or file.";
    ADOBE_JWT_KEYCHAIN_FILE Path ["context", "keychain", "status"] "The keychain file of the file store (default keychain.age in the user config folder's adobe-jwt).";
    ADOBE_JWT_KEYCHAIN_PASSPHRASE Text ["context", "keychain"] "The keychain file's passphrase, for unattended use (else it is asked on the terminal).";
    ADOBE_JWT_KEYCHAIN_SERVICE Text ["context", "keychain", "status"] "The OS keychain's service name of stored secrets (default adobe-jwt-keychain).";
    ADOBE_JWT_TODAY Text ["context", "status"] "The date (YYYY-MM-DD) the JWT end-of-life rules use; nothing else changes.";
    SSL_CERT_FILE Path ["cacert"] "A PEM CA bundle trusted besides the OS store, as --cacert.";
    HTTPS_PROXY Text ["timeout"] "The proxy for https requests (also https_proxy; else ALL_PROXY, all_proxy).";
    ALL_PROXY Text ["timeout"] "The proxy when HTTPS_PROXY is not set (also all_proxy).";
    NO_PROXY Text ["timeout"] "Hosts reached without the proxy (also no_proxy).";
    NO_COLOR Text ["*"] "Set: no colour, unless --color always.";
    CLICOLOR_FORCE Text ["*"] "Set and not 0: colour even when not on a terminal.";
    TERM Text ["*"] "dumb: no colour and no spinner.";
    PATH Path ["demo", "exec"] "Where demo and exec find programs.";
    GITHUB_ACTIONS Text ["env_file", "keychain"] "true (GitHub Actions): every secret and token a run resolves is announced with ::add-mask:: on stderr.";
    TF_BUILD Text ["env_file", "keychain"] "True (Azure Pipelines): every secret and token a run resolves is announced with ##vso[task.setsecret] on stderr.";
}

/// Lower-case spellings the proxy variables are also read in.
pub const HTTPS_PROXY_LOWER: &str = "https_proxy";
pub const ALL_PROXY_LOWER: &str = "all_proxy";
pub const NO_PROXY_LOWER: &str = "no_proxy";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique() {
        let mut names: Vec<&str> = ALL.iter().map(|v| v.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
