//! Getting a token for a set of credentials: from the cache while it is good, else from IMS under
//! the cache lock, so concurrent runs make one request between them. Every command that needs a
//! token gets it here.

use std::time::Duration;

use crate::cache::{self, Cache};
use crate::cli::{CacheArgs, NetArgs};
use crate::clock::{self, Day, now_ms};
use crate::config::{Credentials, Loaded};
use crate::credential::{self, JWT_ENDED};
use crate::error::{Failure, Kind};
use crate::http::Http;
use crate::ims::{self, Token};
use crate::output::{Ui, mask_id};
use crate::urls::Ims;

/// A token and where it came from.
#[derive(Debug)]
pub struct Obtained {
    pub token: Token,
    /// Served from the cache, no request made.
    pub cached: bool,
}

/// The credentials, their IMS, their cache entry and an HTTP client built on first use.
pub struct Session<'a> {
    pub creds: Credentials,
    pub ims: Ims,
    cache: Cache,
    options: CacheArgs,
    http: Http,
    jwt_lifetime: Duration,
    /// The date the JWT end-of-life rules use.
    today: Day,
    /// The profile prefix, for the keys named in hints.
    prefix: String,
    ui: &'a Ui,
}

impl<'a> Session<'a> {
    /// A session for the loaded credentials; `--no-cache` opens no cache entry.
    pub fn open(
        loaded: &Loaded,
        options: &CacheArgs,
        net: &NetArgs,
        jwt_lifetime: Duration,
        ui: &'a Ui,
    ) -> Result<Self, Failure> {
        Self::for_credentials(
            loaded.credentials()?,
            loaded,
            options,
            net,
            jwt_lifetime,
            ui,
        )
    }

    /// A session for credentials made from the loaded ones (`secret` asks for another scope set):
    /// the same IMS, environment and profile; a cache entry of their own.
    pub fn for_credentials(
        creds: Credentials,
        loaded: &Loaded,
        options: &CacheArgs,
        net: &NetArgs,
        jwt_lifetime: Duration,
        ui: &'a Ui,
    ) -> Result<Self, Failure> {
        let env = loaded.sources.env;
        let cache = if options.no_cache {
            Cache::off()
        } else {
            Cache::open(&cache::key(&creds, &loaded.ims), env, ui)?
        };
        Ok(Self {
            creds,
            ims: loaded.ims.clone(),
            cache,
            options: options.clone(),
            http: Http::new(net, env),
            jwt_lifetime,
            today: clock::today(env)?,
            prefix: loaded.prefix.clone(),
            ui,
        })
    }

    /// The HTTP client the session uses, for requests of its own (`call`).
    pub fn http(&self) -> &Http {
        &self.http
    }

    /// A token: the cached one while more than `--min-validity` remains (unless `--refresh`), else a
    /// new one from IMS, fetched under the cache lock and cached.
    pub fn get(&self) -> Result<Obtained, Failure> {
        let refresh = self.options.refresh;
        if !refresh && let Some(token) = self.fresh_cached() {
            self.ui.log(
                1,
                &format!(
                    "cache hit ({}), {} left",
                    self.cache.describe(),
                    whole_seconds(token.remaining(now_ms()))
                ),
            );
            return Ok(Obtained {
                token,
                cached: true,
            });
        }
        let _lock = self.cache.lock(self.ui);
        // Another run may have fetched while this one waited for the lock.
        if !refresh && let Some(token) = self.fresh_cached() {
            self.ui
                .log(1, "cache hit after waiting for a concurrent fetch");
            return Ok(Obtained {
                token,
                cached: true,
            });
        }
        let token = self.fetch()?;
        if !self.is_fresh(&token) {
            self.ui.warn(&format!(
                "IMS issued a token valid for only {}, less than --min-validity; it will not be served from the cache",
                whole_seconds(token.remaining(now_ms()))
            ));
        }
        if !self.cache.is_off() {
            self.cache.put(&token, self.ui);
            self.ui
                .log(1, &format!("cached ({})", self.cache.describe()));
        }
        Ok(Obtained {
            token,
            cached: false,
        })
    }

    /// Forget the cached token (it was refused) and get a new one.
    pub fn renew(&self) -> Result<Token, Failure> {
        self.cache.forget()?;
        let _lock = self.cache.lock(self.ui);
        let token = self.fetch()?;
        if !self.cache.is_off() {
            self.cache.put(&token, self.ui);
        }
        Ok(token)
    }

    /// A new token from IMS, without the cache (`check-env --online` uses this directly).
    pub fn fetch(&self) -> Result<Token, Failure> {
        let spinner = spinner(self.ui, "requesting a token from IMS");
        let result = ims::fetch(
            &self.http,
            &self.creds,
            &self.ims,
            self.jwt_lifetime,
            self.ui,
        );
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        result.map_err(|f| self.after_end_of_life(f))
    }

    /// A JWT exchange Adobe's IMS refuses after JWT credentials ended: say so, and the way across.
    fn after_end_of_life(&self, failure: Failure) -> Failure {
        let ended = failure.kind == Kind::Rejected
            && self.ims.is_adobe()
            && self.today >= JWT_ENDED
            && matches!(self.creds, Credentials::Jwt(_));
        if !ended {
            return failure;
        }
        failure.with_hint(format!(
            "Adobe converted every Service Account (JWT) credential to OAuth Server-to-Server on 2026-03-01, with the same client id and client secret: {}",
            credential::jwt_migration(&self.prefix, self.creds.client_id(), self.creds.org_id())
        ))
    }

    /// Remove the cached token; a note says whether there was one.
    pub fn forget(&self) -> Result<(), Failure> {
        let what = if self.cache.forget()? {
            "forgot"
        } else {
            "there was no"
        };
        self.ui.note(&format!(
            "{what} cached token for {} client {} ({})",
            self.creds.kind(),
            mask_id(self.creds.client_id()),
            self.cache.describe()
        ));
        Ok(())
    }

    fn is_fresh(&self, token: &Token) -> bool {
        token.remaining(now_ms()) > self.options.min_validity
    }

    fn fresh_cached(&self) -> Option<Token> {
        self.cache.get().filter(|t| self.is_fresh(t))
    }
}

/// The cached token of the loaded credentials, whatever its time left, without any request (`inspect`).
pub fn cached(loaded: &Loaded, ui: &Ui) -> Result<Token, Failure> {
    let creds = loaded.credentials()?;
    Cache::open(&cache::key(&creds, &loaded.ims), loaded.sources.env, ui)?
        .get()
        .ok_or_else(|| {
            Failure::config(format!(
                "no cached token for these {} credentials",
                creds.kind()
            ))
            .with_hint("adobe-jwt inspect --fetch gets one; or run adobe-jwt token first, or pass the token: adobe-jwt inspect TOKEN")
        })
}

fn whole_seconds(d: Duration) -> humantime::FormattedDuration {
    humantime::format_duration(Duration::from_secs(d.as_secs()))
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
