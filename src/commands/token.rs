//! `token`: a ready access token on stdout, from the cache when it is still good.

use std::io::{self, Write};
use std::process::ExitCode;

use serde_json::json;

use crate::cli::{TokenArgs, TokenFormat};
use crate::clock::now_ms;
use crate::config::Loaded;
use crate::credential::Credentials;
use crate::environment::Environment;
use crate::error::{Failure, Result};
use crate::ims::Token;
use crate::jwt;
use crate::output::{self, Ui};
use crate::redact::mask_id;
use crate::session::{self, Options, Session};
use crate::settings::{self, Context};

pub fn run(args: &TokenArgs, env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let cx = Context::new(&args.credentials, env, ui)?;
    let loaded = cx.loaded()?;
    if args.print_jwt {
        return print_jwt(&loaded, args.jwt_lifetime);
    }
    let options = settings::options(
        &args.net,
        settings::cache_policy(&args.cache),
        args.jwt_lifetime,
        env,
    )?;
    let session = Session::open(&loaded, &options, ui)?;
    if args.forget {
        session.forget()?;
        forget_management(&session, &loaded, &options, ui)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.revoke {
        revoke_management(&session, &loaded, &options, ui)?;
        if session.revoke()? {
            ui.note(&format!(
                "invalidated the cached token for {} client {} at IMS ({}) and removed it from the cache",
                session.creds.kind(),
                mask_id(session.creds.client_id()),
                session.ims.base()
            ));
        } else {
            ui.note(&format!(
                "there is no cached token for {} client {}: nothing to invalidate",
                session.creds.kind(),
                mask_id(session.creds.client_id())
            ));
        }
        return Ok(ExitCode::SUCCESS);
    }
    let obtained = session.get()?;
    let format = if args.json {
        TokenFormat::Json
    } else {
        args.format
    };
    let text = render(format, &obtained.token, &session.creds, obtained.cached)?;
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `--forget` of OAuth credentials also forgets their management token (`secret`'s, cached under
/// the I/O Management API's scopes).
fn forget_management(
    session: &Session<'_>,
    loaded: &Loaded<'_>,
    options: &Options,
    ui: &Ui,
) -> Result<(), Failure> {
    let Credentials::OAuth(oauth) = &session.creds else {
        return Ok(());
    };
    let management = session::management(loaded, oauth, options, ui)?;
    if management.forget_quietly()? {
        ui.note("forgot the cached management token (adobe-jwt secret's) too");
    }
    Ok(())
}

/// `--revoke` of OAuth credentials also invalidates their cached management token, which can manage
/// the credential's secrets (after a leak, it must go too).
fn revoke_management(
    session: &Session<'_>,
    loaded: &Loaded<'_>,
    options: &Options,
    ui: &Ui,
) -> Result<(), Failure> {
    let Credentials::OAuth(oauth) = &session.creds else {
        return Ok(());
    };
    if session::management(loaded, oauth, options, ui)?.revoke()? {
        ui.note("invalidated the cached management token (adobe-jwt secret's) too");
    }
    Ok(())
}

/// `--print-jwt`: the signed assertion, no request.
fn print_jwt(loaded: &Loaded, lifetime: std::time::Duration) -> Result<ExitCode> {
    let Credentials::Jwt(c) = loaded.credentials()? else {
        return Err(Failure::usage(
            "--print-jwt needs jwt credentials; these are oauth (no assertion is signed)",
        ));
    };
    let assertion = jwt::sign(&c, &loaded.ims, lifetime)?;
    let mut out = io::stdout().lock();
    writeln!(out, "{}", assertion.expose())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A value for a line of `--format token|header|headers|env`: whatever the loader let through, no
/// value with a line break or another control character is ever written into a line-based format
/// (it would add a line to `$GITHUB_ENV` or a header to `curl -H @-`).
fn line_safe<'a>(what: &str, value: &'a str) -> Result<&'a str, Failure> {
    if value.chars().any(output::is_invisible) {
        return Err(Failure::config(format!(
            "{what} holds a line break or another control character: it is not written into a line-based format"
        ))
        .with_hint("adobe-jwt check-env shows which key is wrong"));
    }
    Ok(value)
}

/// The token in the requested format, newline-terminated.
fn render(
    format: TokenFormat,
    token: &Token,
    creds: &Credentials,
    cached: bool,
) -> Result<String, Failure> {
    let lines = || -> Result<(&str, &str, &str), Failure> {
        Ok((
            line_safe("the access token", token.access_token.expose())?,
            line_safe("the client id", creds.client_id())?,
            line_safe("the org id", creds.org_id())?,
        ))
    };
    Ok(match format {
        TokenFormat::Token => format!("{}\n", lines()?.0),
        TokenFormat::Header => format!("Authorization: Bearer {}\n", lines()?.0),
        TokenFormat::Headers => {
            let (t, client_id, org_id) = lines()?;
            format!(
                "Authorization: Bearer {t}\nx-api-key: {client_id}\nx-gw-ims-org-id: {org_id}\n"
            )
        }
        TokenFormat::Env => {
            let (t, client_id, org_id) = lines()?;
            let expires_at = output::rfc3339(token.expires_at_ms);
            format!(
                "ADOBE_ACCESS_TOKEN={t}\nADOBE_CLIENT_ID={client_id}\nADOBE_ORG_ID={org_id}\nADOBE_ACCESS_TOKEN_EXPIRES_AT={expires_at}\n"
            )
        }
        TokenFormat::Json => {
            let left = output::shown_remaining(token.expires_at_ms, now_ms()).as_secs();
            format!(
                "{}\n",
                output::json_text(&json!({
                    "access_token": token.access_token.expose(),
                    "token_type": token.token_type,
                    "expires_in": left,
                    "expires_at": output::rfc3339(token.expires_at_ms),
                    "auth": creds.kind().name(),
                    "client_id": creds.client_id(),
                    "org_id": creds.org_id(),
                    "cached": cached,
                }))
            )
        }
    })
}
