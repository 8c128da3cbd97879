//! `demo`: the whole flow, offline, against the built-in IMS emulator; nothing left behind.

use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Output};
use std::time::Instant;

use crate::error::{Context, Result};
use colored::Colorize;
use pkcs8::LineEnding;

use crate::emulator::{Emulator, JwtClient, OAuthClient, Setup};
use crate::environment::Environment;
use crate::error::{Failure, Kind};
use crate::files;
use crate::key;
use crate::output::Ui;
use crate::redact::Secret;

const CLIENT_ID: &str = "d3m0c11e47a1b2c3d4e5f6a7b8c9d0e1";
const SECRET: &str = "p8e-demo-not-a-real-secret-0123456789";
const TECH_ACCOUNT: &str = "D3M0AB12CD34EF56AB78CD90@techacct.adobe.com";
const ORG: &str = "D3M0ORG1234567890ABCDEF0@AdobeOrg";
const METASCOPES: &str = "ent_analytics_bulk_ingest_sdk";
const OAUTH_CLIENT_ID: &str = "0a0b0c0d0e0f10111213141516171819";
const OAUTH_SECRET: &str = "p8e-demo-oauth-not-a-real-secret-98765";
const OAUTH_SCOPES: &str = r#"["openid","AdobeID","read_organizations"]"#;
/// The Developer Console's ids of the demo's OAuth credential, for `secret`.
const CONSOLE_ORG: &str = "25591412";
const CONSOLE_CREDENTIAL: &str = "487135";

pub fn run(env: &Environment, ui: &Ui) -> Result<ExitCode> {
    let dir = tempfile::Builder::new()
        .prefix("adobe-jwt-demo-")
        .tempdir()
        .context("creating a temporary folder for the demo")?;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{}",
        ui.paint_out(
            "adobe-jwt demo: the whole flow, offline, against the built-in IMS emulator",
            |s| s.bold()
        )
    )?;
    let pem = throwaway_key()?;
    fs::write(dir.path().join("private.key"), &pem)?;
    fs::write(dir.path().join(".env"), env_text())?;
    files::set_private(&dir.path().join(".env"))?;
    writeln!(
        out,
        "A throwaway 2048-bit RSA key and made-up credentials of both kinds are in {} (removed at the end).",
        dir.path().display()
    )?;
    let demo = Demo {
        dir: dir.path(),
        ims: String::new(),
        path: env
            .get(crate::env_vars::PATH.name)
            .unwrap_or_default()
            .to_string(),
        ui,
    };
    demo.step(
        &mut out,
        &["encode-key", "private.key", "--write"],
        "base64 the key into .env: replaces base64/certutil",
    )?;

    let emulator = Emulator::start(0, setup(&pem)?)?;
    writeln!(
        out,
        "\nThe IMS emulator listens on {}; every command below is pointed at it (ADOBE_IMS_URL).",
        emulator.base()
    )?;
    let demo = Demo {
        ims: emulator.base().to_string(),
        ..demo
    };
    demo.step(
        &mut out,
        &["check-env", "--auth", "jwt"],
        "what was found in .env, key by key",
    )?;
    demo.step(
        &mut out,
        &["token", "--auth", "jwt"],
        "the Service Account (JWT) exchange: a signed assertion for a token",
    )?;
    demo.step(
        &mut out,
        &["token", "--auth", "oauth"],
        "OAuth Server-to-Server: client_credentials",
    )?;
    let started = Instant::now();
    demo.step(
        &mut out,
        &["token", "--auth", "oauth"],
        "again: served from the cache, no request",
    )?;
    writeln!(
        out,
        "  (cached token in {:.1} ms, process start included)",
        started.elapsed().as_secs_f64() * 1000.0
    )?;
    demo.step(
        &mut out,
        &["inspect", "--auth", "oauth"],
        "what the token says about itself",
    )?;
    let echo = format!("{}/api/echo", emulator.base());
    demo.step(
        &mut out,
        &["call", &echo],
        "an API call with Authorization, x-api-key and x-gw-ims-org-id",
    )?;
    demo.step(
        &mut out,
        &["secret", "list"],
        "the OAuth credential's client secrets, through the Console's I/O Management API",
    )?;
    demo.step(
        &mut out,
        &["secret", "rotate"],
        "rotate: add a secret, write it into .env, prove it with a token",
    )?;
    demo.step(
        &mut out,
        &["secret", "list"],
        "both secrets work until the old one is deleted",
    )?;
    writeln!(
        out,
        "\n{}\n  1. adobe-jwt import PROJECT.json    writes the keys of the project the Developer Console downloads\n     (\"Download all\"; or put them in .env by hand: docs/env-format.md).\n  \
2. adobe-jwt check-env --online    checks them against the real IMS.\n  \
3. adobe-jwt token, or adobe-jwt call https://…, uses them (docs/migrate-to-oauth.md if you still use JWT).",
        ui.paint_out("Next, with real credentials:", |s| s.bold())
    )?;
    out.flush()?;
    drop(emulator);
    dir.close()
        .context("removing the demo's temporary folder")?;
    Ok(ExitCode::SUCCESS)
}

/// A fresh RSA key as the Console makes one: unencrypted PKCS#8 PEM.
fn throwaway_key() -> Result<String, Failure> {
    let unexpected =
        |what: &str| Failure::new(Kind::Unexpected, format!("the demo could not {what}"));
    let der = crate::keygen::rsa_pkcs8_der(2048);
    pkcs8::der::pem::encode_string("PRIVATE KEY", LineEnding::LF, &der)
        .map_err(|_| unexpected("encode the RSA key as PEM"))
}

fn env_text() -> String {
    format!(
        "# made-up credentials for the demo\nJWT_CLIENT_ID={CLIENT_ID}\nJWT_CLIENT_SECRET={SECRET}\n\
JWT_TECHNICAL_ACCOUNT_ID={TECH_ACCOUNT}\nJWT_IMS_ORG={ORG}\nJWT_METASCOPES={METASCOPES}\n\
IMS_OAUTH_S2S_CLIENT_ID={OAUTH_CLIENT_ID}\nIMS_OAUTH_S2S_CLIENT_SECRET={OAUTH_SECRET}\n\
IMS_OAUTH_S2S_ORG_ID={ORG}\nIMS_OAUTH_S2S_SCOPES='{OAUTH_SCOPES}'\n\
IMS_OAUTH_S2S_CONSOLE_ORG_ID={CONSOLE_ORG}\nIMS_OAUTH_S2S_CREDENTIAL_ID={CONSOLE_CREDENTIAL}\n"
    )
}

/// What the emulator accepts: the demo's credentials.
fn setup(pem: &str) -> Result<Setup, Failure> {
    let mut setup = Setup::default();
    setup.jwt.push(JwtClient {
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(SECRET),
        technical_account_id: TECH_ACCOUNT.into(),
        org_id: ORG.into(),
        metascopes: vec![METASCOPES.into()],
        keys: vec![key::decode_text(pem, None)?.public_key().clone()],
    });
    let mut oauth = OAuthClient::new(
        OAUTH_CLIENT_ID,
        Secret::new(OAUTH_SECRET),
        crate::credential::parse_scopes(OAUTH_SCOPES).map_err(Failure::config)?,
    );
    oauth.console = Some((CONSOLE_ORG.into(), CONSOLE_CREDENTIAL.into()));
    setup.oauth.push(oauth);
    Ok(setup)
}

struct Demo<'a> {
    dir: &'a Path,
    ims: String,
    /// The user's PATH, the one variable the steps keep.
    path: String,
    ui: &'a Ui,
}

impl Demo<'_> {
    /// Run one command for real (this same binary, in the demo folder, with nothing from the
    /// user's environment or cache) and show it with its output.
    fn step(&self, out: &mut impl Write, args: &[&str], why: &str) -> Result<()> {
        writeln!(
            out,
            "\n{}",
            self.ui.paint_out(&format!("# {why}"), |s| s.dimmed())
        )?;
        writeln!(
            out,
            "{} {}",
            self.ui.paint_out("$ adobe-jwt", |s| s.green().bold()),
            args.join(" ")
        )?;
        let mut cmd =
            Command::new(std::env::current_exe().context("finding the adobe-jwt binary")?);
        cmd.env_clear()
            .env("PATH", &self.path)
            .env("ADOBE_JWT_CACHE", "file")
            .env("ADOBE_JWT_CACHE_DIR", self.dir.join("cache"))
            .env("NO_COLOR", "1")
            .current_dir(self.dir)
            .args(args);
        if !self.ims.is_empty() {
            // The emulator is IMS and the Developer Console's API at once.
            cmd.env("ADOBE_IMS_URL", &self.ims)
                .env("ADOBE_CONSOLE_API_URL", &self.ims);
        }
        let output = cmd.output().context("running a demo step")?;
        show(out, &output)?;
        if !output.status.success() {
            return Err(Failure::new(
                Kind::Unexpected,
                format!(
                    "the demo step `adobe-jwt {}` failed ({})",
                    args.join(" "),
                    output.status
                ),
            ));
        }
        Ok(())
    }
}

/// A step's output, indented; tokens shortened (the real command prints them whole).
fn show(out: &mut impl Write, output: &Output) -> io::Result<()> {
    for stream in [&output.stdout, &output.stderr] {
        for line in String::from_utf8_lossy(stream).lines() {
            let shown = match line.strip_prefix("eyJ") {
                Some(_) if line.len() > 60 => {
                    format!("{}… ({} chars in full)", &line[..40], line.len())
                }
                _ => line.to_string(),
            };
            if shown.is_empty() {
                writeln!(out)?;
            } else {
                writeln!(out, "  {shown}")?;
            }
        }
    }
    Ok(())
}
