//! `ims-emulator`: serve the strict IMS stand-in for the credentials of the .env.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::error::Result;

use crate::cert::Certificate;
use crate::cli::EmulatorArgs;
use crate::config::{Loaded, Sources};
use crate::credential::Credentials;
use crate::credential::{AuthKind, JWT_METASCOPES, OAUTH_CONSOLE_ORG_ID, OAUTH_CREDENTIAL_ID};
use crate::crypto::RsaPublicKey;
use crate::emulator::{Emulator, JwtClient, OAuthClient, Setup};
use crate::environment::Environment;
use crate::error::Failure;
use crate::output::Ui;
use crate::redact::mask_id;
use crate::settings;

pub fn run(args: &EmulatorArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let keys = args
        .certificate
        .iter()
        .map(|path| Certificate::read(path)?.rsa_public_key())
        .collect::<Result<Vec<_>, _>>()?;
    let sources = Sources::read(&settings::env_file(&args.env, env), env)?;
    let loaded = Loaded::resolve(&sources, &settings::profile_selection(&args.env, env)?)?;
    let setup = setup_from(&loaded, &keys, !args.without_io_management)?;
    for c in &setup.jwt {
        ui.note(&format!("accepting jwt client {}", mask_id(&c.client_id)));
    }
    for c in &setup.oauth {
        ui.note(&format!("accepting oauth client {}", mask_id(&c.client_id)));
    }
    let oauth = setup
        .oauth
        .first()
        .map(|c| (c.client_id.clone(), c.console.clone()));
    let emulator = Emulator::start(args.port, setup)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", emulator.base())?;
    out.flush()?;
    drop(out);
    let base = emulator.base();
    let mut lines = vec![
        format!("IMS emulator listening on {base} (Ctrl-C to stop); to use it, set:"),
        format!("  ADOBE_IMS_URL={base}"),
        format!("  ADOBE_CONSOLE_API_URL={base}"),
    ];
    if let Some((client_id, Some((org, credential)))) = oauth {
        lines.extend(console_note(
            &client_id,
            (&org, &credential),
            console_ids(&loaded)
                .is_none()
                .then_some(loaded.prefix.as_str()),
            !args.without_io_management,
        ));
    }
    for line in &lines {
        ui.note(line);
    }
    emulator.wait();
    Ok(ExitCode::SUCCESS)
}

/// The Console ids the emulator serves an OAuth credential under when the .env gives none, so
/// that `secret` can be tried against it with `--console`.
const STAND_IN_CONSOLE_IDS: (&str, &str) = ("1234567", "7654321");

/// The credential's Console ids from the .env (or the environment), when both are set.
fn console_ids(loaded: &Loaded<'_>) -> Option<(String, String)> {
    let id = |key: &str| {
        loaded
            .get(key)
            .map(|f| f.value.expose().trim().to_string())
            .filter(|v| !v.is_empty())
    };
    id(OAUTH_CONSOLE_ORG_ID).zip(id(OAUTH_CREDENTIAL_ID))
}

/// What `secret` needs to be pointed at the emulated Console: the ids it serves the credential
/// under; when they are stand-ins (`stand_in`: the profile prefix of the keys the .env lacks), a
/// credential page's address for `--console`.
fn console_note(
    client_id: &str,
    (org, credential): (&str, &str),
    stand_in: Option<&str>,
    io_management: bool,
) -> Vec<String> {
    let serves = format!(
        "its Developer Console API serves oauth client {} as organization {org}, credential {credential}",
        mask_id(client_id)
    );
    let mut lines = if let Some(p) = stand_in {
        vec![
            format!(
                "{serves} (stand-ins: the .env has no {p}{OAUTH_CONSOLE_ORG_ID} and {p}{OAUTH_CREDENTIAL_ID}); for secret list, rotate, delete and prune add:"
            ),
            format!(
                "  --console https://developer.adobe.com/console/projects/{org}/0/credentials/{credential}/details/oauthservertoserver"
            ),
        ]
    } else {
        vec![format!(
            "{serves}, the .env's ids: secret list, rotate, delete and prune use them"
        )]
    };
    if !io_management {
        lines.push(
            "--without-io-management: IMS refuses the I/O Management API's scopes, so secret is refused (exit 4)".into(),
        );
    }
    lines
}

/// Accept every complete credential kind of the loaded configuration; `keys` (from certificates)
/// replace the jwt key's own public half.
fn setup_from(
    loaded: &Loaded<'_>,
    keys: &[RsaPublicKey],
    io_management: bool,
) -> Result<Setup, Failure> {
    let mut setup = Setup::default();
    for kind in [AuthKind::Jwt, AuthKind::OAuth] {
        if !loaded.missing(kind).is_empty() {
            continue;
        }
        match loaded.credentials_for(kind)? {
            Credentials::Jwt(c) => setup.jwt.push(JwtClient {
                client_id: c.client_id.clone(),
                client_secret: c.client_secret.get()?.clone(),
                technical_account_id: c.technical_account_id.clone(),
                org_id: c.org_id.clone(),
                // As configured (bare names or full claim URLs): the emulator works out the claims.
                metascopes: crate::credential::split_list(
                    loaded.get(JWT_METASCOPES).map_or("", |f| f.value.expose()),
                ),
                keys: if keys.is_empty() {
                    vec![c.key.get()?.public_key().clone()]
                } else {
                    keys.to_vec()
                },
            }),
            Credentials::OAuth(c) => {
                let mut client =
                    OAuthClient::new(&c.client_id, c.client_secret.get()?.clone(), c.scopes);
                let (org, credential) = STAND_IN_CONSOLE_IDS;
                client.console =
                    Some(console_ids(loaded).unwrap_or_else(|| (org.into(), credential.into())));
                client.management = io_management;
                setup.oauth.push(client);
            }
        }
    }
    if setup.jwt.is_empty() && setup.oauth.is_empty() {
        return Err(Failure::config("no complete credentials to emulate")
            .with_hint("give the emulator the .env your pipeline uses: --env-file path/to/.env"));
    }
    Ok(setup)
}
