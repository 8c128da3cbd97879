//! `token`: a ready access token on stdout, from the cache when it is still good.

use std::io::{self, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Result;
use serde_json::json;

use crate::cache::{self, Cache};
use crate::cli::{CacheArgs, GlobalArgs, NetArgs, TokenArgs, TokenFormat};
use crate::commands::check_env::{Report, Status};
use crate::config::{Credentials, Ims, Loaded};
use crate::error::Failure;
use crate::ims::{self, Token};
use crate::jwt;
use crate::net::Http;
use crate::output::Ui;

pub fn run(args: &TokenArgs, global: &GlobalArgs, ui: &Ui) -> Result<ExitCode> {
    let loaded = Loaded::load(global)?;
    let creds = loaded.credentials()?;
    if args.print_jwt {
        let Credentials::Jwt(c) = &creds else {
            return Err(Failure::usage(
                "--print-jwt needs jwt credentials; these are oauth (no assertion is signed)",
            )
            .into());
        };
        let assertion = jwt::sign(c, &loaded.ims, args.jwt_lifetime)?;
        let mut out = io::stdout().lock();
        writeln!(out, "{}", assertion.expose())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let cache = open_cache(&creds, &loaded.ims, args.cache.no_cache, ui)?;
    if args.forget {
        let what = if cache.forget()? {
            "forgot"
        } else {
            "there was no"
        };
        ui.note(&format!(
            "{what} cached token for {} client {} ({})",
            creds.kind(),
            crate::output::mask_id(creds.client_id()),
            cache.describe()
        ));
        return Ok(ExitCode::SUCCESS);
    }
    let http = Http::new(&args.net);
    let (token, cached) = obtain(
        &creds,
        &loaded.ims,
        &cache,
        &args.cache,
        &http,
        args.jwt_lifetime,
        ui,
    )?;
    let text = render(args.format, &token, &creds, cached);
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The cache entry for these credentials, or no cache.
pub fn open_cache(
    creds: &Credentials,
    ims: &Ims,
    no_cache: bool,
    ui: &Ui,
) -> Result<Cache, Failure> {
    if no_cache {
        return Ok(Cache::off());
    }
    Cache::open(&cache::key(creds, ims), ui)
}

/// A token for the credentials: the cached one while more than `--min-validity` remains, else a
/// new one from IMS, fetched under the cache lock so concurrent runs share one request.
pub fn obtain(
    creds: &Credentials,
    ims_url: &Ims,
    cache: &Cache,
    opts: &CacheArgs,
    http: &Http,
    jwt_lifetime: Duration,
    ui: &Ui,
) -> Result<(Token, bool), Failure> {
    let fresh = |t: &Token| t.remaining(ims::now_ms()) > opts.min_validity;
    if !opts.refresh
        && let Some(t) = cache.get().filter(fresh)
    {
        ui.log(
            1,
            &format!(
                "cache hit ({}), {} left",
                cache.describe(),
                humantime::format_duration(Duration::from_secs(
                    t.remaining(ims::now_ms()).as_secs()
                ))
            ),
        );
        return Ok((t, true));
    }
    let _lock = cache.lock()?;
    if !opts.refresh {
        // Another run may have fetched while this one waited for the lock.
        if let Some(t) = cache.get().filter(fresh) {
            ui.log(1, "cache hit after waiting for a concurrent fetch");
            return Ok((t, true));
        }
    }
    let spinner = spinner(ui, "requesting a token from IMS");
    let result = http
        .client()
        .and_then(|client| ims::fetch(client, creds, ims_url, jwt_lifetime, ui));
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let token = result?;
    if !fresh(&token) {
        ui.warn(&format!(
            "IMS issued a token valid for only {}, less than --min-validity; it will not be served from the cache",
            humantime::format_duration(Duration::from_secs(token.remaining(ims::now_ms()).as_secs()))
        ));
    }
    if !cache.is_off() {
        cache.put(&token, ui);
    }
    Ok((token, false))
}

fn spinner(ui: &Ui, message: &'static str) -> Option<indicatif::ProgressBar> {
    if !ui.shows_progress() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner().with_message(message);
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    bar.enable_steady_tick(Duration::from_millis(80));
    Some(bar)
}

/// The token in the requested format, newline-terminated.
pub fn render(format: TokenFormat, token: &Token, creds: &Credentials, cached: bool) -> String {
    let t = token.access_token.expose();
    match format {
        TokenFormat::Token => format!("{t}\n"),
        TokenFormat::Header => format!("Authorization: Bearer {t}\n"),
        TokenFormat::Headers => format!(
            "Authorization: Bearer {t}\nx-api-key: {}\nx-gw-ims-org-id: {}\n",
            creds.client_id(),
            creds.org_id()
        ),
        TokenFormat::Json => {
            let left = token.remaining(ims::now_ms()).as_secs();
            let expires_at = crate::output::rfc3339(token.expires_at_ms);
            format!(
                "{}\n",
                json!({
                    "access_token": t,
                    "token_type": token.token_type,
                    "expires_in": left,
                    "expires_at": expires_at,
                    "auth": creds.kind().name(),
                    "client_id": creds.client_id(),
                    "org_id": creds.org_id(),
                    "cached": cached,
                })
            )
        }
    }
}

/// `check-env --online`: ask IMS for a token, bypassing the cache, and report its verdict.
pub fn online_check(loaded: &Loaded, net: &NetArgs, ui: &Ui, report: &mut Report) {
    let creds = match loaded.credentials() {
        Ok(c) => c,
        Err(_) => {
            report.add(
                Status::Error,
                "online",
                "not asked: the credentials above are not usable",
            );
            return;
        }
    };
    let http = Http::new(net);
    let result = http
        .client()
        .and_then(|client| ims::fetch(client, &creds, &loaded.ims, jwt::DEFAULT_LIFETIME, ui));
    match result {
        Ok(token) => report.add(
            Status::Ok,
            "online",
            format!(
                "IMS ({}) issued a {} token valid for {}",
                loaded.ims.base(),
                creds.kind(),
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

/// The cached token of the current credentials, without any request (for `inspect`).
pub fn cached(global: &GlobalArgs, ui: &Ui) -> Result<Token, Failure> {
    let loaded = Loaded::load(global)?;
    let creds = loaded.credentials()?;
    let cache = open_cache(&creds, &loaded.ims, false, ui)?;
    cache.get().ok_or_else(|| {
        Failure::config(format!(
            "no cached token for these {} credentials",
            creds.kind()
        ))
        .with_hint("run adobe-jwt token first, or pass the token: adobe-jwt inspect TOKEN")
    })
}
