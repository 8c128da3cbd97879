//! Getting a token for a set of credentials: from the cache while it is good, else from IMS under
//! the cache lock, so concurrent runs make one request between them. Every command that needs a
//! token gets it here.

use std::cell::RefCell;
use std::time::Duration;

use crate::cache::{self, Cache};
use crate::cli::{CacheArgs, NetArgs};
use crate::clock::{self, Day, now_ms};
use crate::config::{Credentials, Loaded, OAuthCredentials};
use crate::console_api::{self, ADD_THE_API, ClientSecret, MANAGEMENT_SCOPES, NewSecret, Trouble};
use crate::credential::{self, JWT_ENDED};
use crate::error::{Failure, Kind};
use crate::files::Patience;
use crate::http::Http;
use crate::ims::{self, Token};
use crate::output::Ui;
use crate::redact::mask_id;
use crate::redact::Secret;
use crate::urls::{ConsoleApi, ConsoleIds, Ims};

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
        let _lock = self.lock()?;
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
        self.with_patience(|p| self.cache.forget(p))?;
        let _lock = self.lock()?;
        let token = self.fetch()?;
        if !self.cache.is_off() {
            self.cache.put(&token, self.ui);
        }
        Ok(token)
    }

    /// The cache entry's lock, waited for within the run's deadline.
    fn lock(&self) -> Result<Option<std::fs::File>, Failure> {
        self.with_patience(|p| self.cache.lock(p, self.ui))
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
        let result = ims::invalidate(
            &self.http,
            &self.ims,
            &token.access_token,
            &self.creds,
            self.ui,
        );
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

/// The Developer Console's secrets API for one OAuth Server-to-Server credential, with a management
/// token ([`management_credentials`]). A cached token the Console refuses (HTTP 401) is renewed once
/// and the call made again; a fresh one refused means the project lacks the I/O Management API.
pub struct Console<'a> {
    session: Session<'a>,
    api: ConsoleApi,
    pub ids: ConsoleIds,
    client_id: String,
    /// The management token and whether it came from the cache, once asked for.
    token: RefCell<Option<(Secret, bool)>>,
}

impl<'a> Console<'a> {
    pub fn open(
        loaded: &Loaded,
        oauth: &OAuthCredentials,
        ids: ConsoleIds,
        api: ConsoleApi,
        cache: &CacheArgs,
        net: &NetArgs,
        ui: &'a Ui,
    ) -> Result<Self, Failure> {
        let session = Session::for_credentials(
            management_credentials(oauth),
            loaded,
            cache,
            net,
            crate::jwt::DEFAULT_LIFETIME,
            ui,
        )?;
        Ok(Self {
            session,
            api,
            ids,
            client_id: oauth.client_id.clone(),
            token: RefCell::new(None),
        })
    }

    /// The HTTP client and deadline the calls use.
    pub fn http(&self) -> &Http {
        self.session.http()
    }

    pub fn list(&self) -> Result<Vec<ClientSecret>, Trouble> {
        self.call(|client, token| client.list(token))
    }

    pub fn add(&self) -> Result<NewSecret, Trouble> {
        self.call(|client, token| client.add(token))
    }

    pub fn delete(&self, uuid: &str) -> Result<(), Trouble> {
        self.call(|client, token| client.delete(token, uuid))
    }

    /// The management token; a failure to get one means nothing reached the Console.
    fn token(&self) -> Result<(Secret, bool), Trouble> {
        if let Some(t) = self.token.borrow().as_ref() {
            return Ok(t.clone());
        }
        let obtained = self.session.get().map_err(|f| {
            Trouble::Refused(
                if f.kind == Kind::Rejected && f.message.contains("invalid_scope") {
                    f.reworded(|m| {
                        format!("{m}: the credential cannot get the I/O Management API's scopes")
                    })
                    .with_hint(ADD_THE_API)
                } else {
                    f
                },
            )
        })?;
        let token = (obtained.token.access_token, obtained.cached);
        *self.token.borrow_mut() = Some(token.clone());
        Ok(token)
    }

    fn call<T>(
        &self,
        f: impl Fn(&console_api::Client<'_>, &Secret) -> Result<T, Trouble>,
    ) -> Result<T, Trouble> {
        let client = console_api::Client {
            api: &self.api,
            ids: &self.ids,
            http: self.session.http(),
            client_id: &self.client_id,
            ui: self.session.ui,
        };
        let (token, cached) = self.token()?;
        match f(&client, &token) {
            Err(Trouble::Unauthorized(_)) if cached => {
                self.session.ui.log(
                    1,
                    "the Console refused the cached management token (HTTP 401): getting a new one",
                );
                let fresh = self.session.renew().map_err(Trouble::Refused)?.access_token;
                *self.token.borrow_mut() = Some((fresh.clone(), false));
                f(&client, &fresh).map_err(|t| match t {
                    Trouble::Unauthorized(f) => Trouble::Refused(f),
                    other => other,
                })
            }
            Err(Trouble::Unauthorized(f)) => Err(Trouble::Refused(f)),
            other => other,
        }
    }
}
