//! Getting a token for a set of credentials: from the cache while it is good, else from IMS under
//! the cache lock, so concurrent runs make one request between them. Every command that needs a
//! token gets it here.

use std::time::Duration;

use crate::cache::{self, Cache, Store, StoreSettings};
use crate::clock::{Day, now_ms};
use crate::config::Loaded;
use crate::console_api::{MANAGEMENT_SCOPES, Tokens};
use crate::credential::{self, JWT_ENDED};
use crate::credential::{Credentials, OAuthCredentials};
use crate::error::Failure;
use crate::files::Patience;
use crate::http::{self, Http};
use crate::ims::{self, Token};
use crate::output::Ui;
use crate::redact::{Secret, mask_id};
use crate::urls::Ims;

/// How the token cache is used: `--min-validity`, `--refresh`, `--no-cache`.
#[derive(Debug, Clone, Copy)]
pub struct CachePolicy {
    /// A cached token is served while more than this remains.
    pub min_validity: Duration,
    /// Get a new token even when a cached one is good (and cache it).
    pub refresh: bool,
    /// Neither read nor write the cache.
    pub no_cache: bool,
}

impl CachePolicy {
    /// No cache at all, a new token every time: `check-env --online`, the proof of a new secret.
    pub const BYPASS: Self = Self {
        min_validity: Duration::ZERO,
        refresh: true,
        no_cache: true,
    };
}

/// Everything a session needs besides the credentials, resolved once by the settings.
#[derive(Debug, Clone)]
pub struct Options {
    pub cache: CachePolicy,
    pub http: http::Settings,
    pub store: StoreSettings,
    /// The date the JWT end-of-life rules use.
    pub today: Day,
    pub jwt_lifetime: Duration,
}

impl Options {
    /// The same options with another cache policy.
    pub fn with_cache(&self, cache: CachePolicy) -> Self {
        Self {
            cache,
            ..self.clone()
        }
    }
}

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
    policy: CachePolicy,
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
    pub fn open(loaded: &Loaded, options: &Options, ui: &'a Ui) -> Result<Self, Failure> {
        Self::for_credentials(loaded.credentials()?, loaded, options, ui)
    }

    /// A session for credentials made from the loaded ones (`secret` asks for another scope set):
    /// the same IMS, environment and profile; a cache entry of their own.
    pub fn for_credentials(
        creds: Credentials,
        loaded: &Loaded,
        options: &Options,
        ui: &'a Ui,
    ) -> Result<Self, Failure> {
        let cache = if options.cache.no_cache {
            Cache::off()
        } else {
            let (store, warning) = Store::open(&options.store);
            if let Some(w) = warning {
                ui.warn(&w);
            }
            store.entry(&cache::key(&creds, &loaded.ims)?)?
        };
        Ok(Self {
            creds,
            ims: loaded.ims.clone(),
            cache,
            policy: options.cache,
            http: Http::new(options.http.clone()),
            jwt_lifetime: options.jwt_lifetime,
            today: options.today,
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
        let refresh = self.policy.refresh;
        if !refresh && let Some(token) = self.fresh_cached() {
            log::debug!(
                "cache hit ({}), {} left",
                self.cache.describe(),
                whole_seconds(token.remaining(now_ms()))
            );
            return Ok(Obtained {
                token,
                cached: true,
            });
        }
        let _lock = self.lock()?;
        // Another run may have fetched while this one waited for the lock.
        if !refresh && let Some(token) = self.fresh_cached() {
            log::debug!("cache hit after waiting for a concurrent fetch");
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
            self.put(&token);
            log::debug!("cached ({})", self.cache.describe());
        }
        Ok(Obtained {
            token,
            cached: false,
        })
    }

    /// Forget the cached token (it was refused) and get a new one.
    pub fn renew(&self) -> Result<Token, Failure> {
        self.with_patience(|p| self.cache.forget(p))?;
        let _lock = self.lock()?;
        let token = self.fetch()?;
        if !self.cache.is_off() {
            self.put(&token);
        }
        Ok(token)
    }

    /// Cache a token; failing to is a warning.
    fn put(&self, token: &Token) {
        if let Some(w) = self.cache.put(token) {
            self.ui.warn(&w);
        }
    }

    /// The cache entry's lock, waited for within the run's deadline; a lock file that cannot be
    /// opened is a warning, and the run goes on without it.
    fn lock(&self) -> Result<Option<std::fs::File>, Failure> {
        let (file, warning) = self.with_patience(|p| self.cache.lock(p))?;
        if let Some(w) = warning {
            self.ui.warn(&w);
        }
        Ok(file)
    }

    /// `f` with the patience of this run's lock waits: the run's deadline, and a word after a second.
    fn with_patience<T>(&self, f: impl FnOnce(&Patience<'_>) -> T) -> T {
        let ui = self.ui;
        self.http
            .settings()
            .deadline
            .with_patience(&|lock| ui.waiting_for_lock(lock), f)
    }

    /// A new token from IMS, without the cache (`check-env --online` uses this directly).
    pub fn fetch(&self) -> Result<Token, Failure> {
        self.refuse_ended_jwt()?;
        let spinner = spinner(self.ui, "requesting a token from IMS");
        let result = ims::fetch(&self.http, &self.creds, &self.ims, self.jwt_lifetime);
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        result
    }

    /// JWT credentials against Adobe's IMS after 2026-03-01: nothing is sent (exit 3), the way
    /// across is shown.
    fn refuse_ended_jwt(&self) -> Result<(), Failure> {
        if !self.jwt_ended() {
            return Ok(());
        }
        Err(Failure::config(format!(
            "Service Account (JWT) credentials stopped working at Adobe on {}: nothing was sent to {}",
            crate::output::rfc3339(u64::try_from(JWT_ENDED.0).unwrap_or(0) * 86_400_000)
                .get(..10)
                .unwrap_or_default(),
            self.ims.base()
        ))
        .with_hint(ended_jwt_hint(&self.prefix, &self.creds)))
    }

    fn jwt_ended(&self) -> bool {
        self.ims.is_adobe() && self.today >= JWT_ENDED && matches!(self.creds, Credentials::Jwt(_))
    }

    /// Invalidate the cached token at IMS, then remove it from the cache. `false` when no token was
    /// cached (nothing is sent).
    pub fn revoke(&self) -> Result<bool, Failure> {
        let Some(token) = self.cache.get() else {
            return Ok(false);
        };
        let spinner = spinner(self.ui, "invalidating the token at IMS");
        let result = ims::invalidate(&self.http, &self.ims, &token.access_token, &self.creds);
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        result?;
        self.with_patience(|p| self.cache.forget(p))?;
        Ok(true)
    }

    /// Remove the cached token, and say so.
    pub fn forget(&self) -> Result<(), Failure> {
        let what = if self.with_patience(|p| self.cache.forget(p))? {
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

    /// Remove the cached token without a word; whether there was one.
    pub fn forget_quietly(&self) -> Result<bool, Failure> {
        self.with_patience(|p| self.cache.forget(p))
    }

    fn is_fresh(&self, token: &Token) -> bool {
        token.remaining(now_ms()) > self.policy.min_validity
    }

    fn fresh_cached(&self) -> Option<Token> {
        self.cache.get().filter(|t| self.is_fresh(t))
    }
}

/// The cached token of the loaded credentials, whatever its time left, without any request (`inspect`).
pub fn cached(loaded: &Loaded, store: &StoreSettings, ui: &Ui) -> Result<Token, Failure> {
    let creds = loaded.credentials()?;
    let (store, warning) = Store::open(store);
    if let Some(w) = warning {
        ui.warn(&w);
    }
    store
        .entry(&cache::key(&creds, &loaded.ims)?)?
        .get()
        .ok_or_else(|| {
            Failure::config(format!(
                "no cached token for these {} credentials",
                creds.kind()
            ))
            .with_hint("adobe-jwt inspect --fetch gets one; or run adobe-jwt token first, or pass the token: adobe-jwt inspect TOKEN")
        })
}

/// What to do with JWT credentials Adobe has converted: a few short lines.
pub fn ended_jwt_hint(prefix: &str, creds: &Credentials) -> String {
    let mut lines = vec![
        "Adobe made each of them an OAuth Server-to-Server credential, same client id and secret:"
            .to_string(),
    ];
    lines.extend(credential::jwt_migration(
        prefix,
        creds.client_id(),
        creds.org_id(),
    ));
    lines.join("\n")
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

/// The credentials a management token is asked for with: the credential's own, with the I/O
/// Management API's scopes, so it is cached apart from the credential's own token.
pub fn management_credentials(oauth: &OAuthCredentials) -> Credentials {
    Credentials::OAuth(OAuthCredentials {
        scopes: MANAGEMENT_SCOPES.iter().map(|s| s.to_string()).collect(),
        ..oauth.clone()
    })
}

/// A session for the management token of an OAuth credential (for the Console's API).
pub fn management<'a>(
    loaded: &Loaded,
    oauth: &OAuthCredentials,
    options: &Options,
    ui: &'a Ui,
) -> Result<Session<'a>, Failure> {
    let options = Options {
        jwt_lifetime: crate::jwt::DEFAULT_LIFETIME,
        ..options.clone()
    };
    Session::for_credentials(management_credentials(oauth), loaded, &options, ui)
}

/// The Console's API gets its management tokens from a session.
impl Tokens for Session<'_> {
    fn token(&self) -> Result<(Secret, bool), Failure> {
        self.get().map(|o| (o.token.access_token, o.cached))
    }

    fn renew(&self) -> Result<Secret, Failure> {
        Session::renew(self).map(|t| t.access_token)
    }

    fn http(&self) -> &Http {
        &self.http
    }
}
