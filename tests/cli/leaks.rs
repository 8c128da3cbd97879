//! The secret-leak matrix: every credential-using command (`secret` included) × verbosity × outcome. Nothing secret on
//! stderr, ever; on stdout only what the command exists to print.

use crate::common::*;

/// What a run should look like from outside, by changing the environment, and the exit codes
/// that prove the scenario was reached: `token`'s, and an offline `check-env`'s.
struct Outcome {
    name: &'static str,
    auth: &'static str,
    env: Vec<(&'static str, String)>,
    token: i32,
    offline: i32,
    /// An IMS fault queued before each run that asks IMS for a token.
    fault: Option<serde_json::Value>,
}

impl Outcome {
    /// The exit code each command must end with in this scenario.
    fn expected(&self, command: &[&str]) -> i32 {
        let ok_or = |failed| if self.token == 0 { 0 } else { failed };
        match command {
            ["encode-key", ..] => 0,
            // IMS's refusal (4) and no answer (5) as token says; anything else 3.
            ["check-env", "--online", ..] => match self.token {
                code @ (0 | 4 | 5) => code,
                _ => 3,
            },
            ["check-env", ..] => self.offline,
            ["inspect", ..] => ok_or(3),
            // JWT credentials have no secret rotation; the management token has scopes of its own.
            ["secret", ..] if self.auth == "jwt" && self.name != "glued definitions" => 2,
            ["secret", ..] if self.name == "invalid_scope" => 0,
            _ => self.token,
        }
    }
}

fn outcomes(closed: &str) -> Vec<Outcome> {
    let f = fixtures();
    let o = |name, auth, env: Vec<(&'static str, String)>, (token, offline)| Outcome {
        name,
        auth,
        env,
        token,
        offline,
        fault: None,
    };
    vec![
        o("success (jwt)", "jwt", vec![], (0, 0)),
        o("success (oauth)", "oauth", vec![], (0, 0)),
        o(
            "invalid_client",
            "jwt",
            vec![("JWT_CLIENT_SECRET", "p8e-wrong-secret".into())],
            (4, 0),
        ),
        o(
            "invalid_client (oauth)",
            "oauth",
            vec![("IMS_OAUTH_S2S_CLIENT_SECRET", "p8e-wrong-secret".into())],
            (4, 0),
        ),
        o(
            "invalid_scope",
            "oauth",
            vec![("IMS_OAUTH_S2S_SCOPES", "openid,not_granted".into())],
            (4, 0),
        ),
        o(
            "invalid_signature",
            "jwt",
            vec![("JWT_PRIVATE_KEY", b64(&f.other))],
            (4, 0),
        ),
        o(
            "invalid_token",
            "jwt",
            vec![("JWT_IMS_ORG", "0000000000000000@AdobeOrg".into())],
            (4, 0),
        ),
        o(
            "network failure",
            "oauth",
            vec![("ADOBE_IMS_URL", closed.to_string())],
            (5, 0),
        ),
        o(
            "bad key",
            "jwt",
            vec![("JWT_PRIVATE_KEY", b64(&f.small))],
            (3, 3),
        ),
        // A .env whose metascopes line runs into the private key's (a missing line break).
        o(
            "glued definitions",
            "jwt",
            vec![("ADOBE_JWT_ENV_FILE", "glued.env".into())],
            (3, 3),
        ),
        // `${VAR}` in a .env naming secrets that the environment holds: never expanded.
        o(
            "references to secrets",
            "jwt",
            vec![
                ("ADOBE_JWT_ENV_FILE", "references.env".into()),
                ("JWT_PRIVATE_KEY", b64(&f.pkcs8)),
                ("JWT_CLIENT_SECRET", CLIENT_SECRET.into()),
            ],
            (4, 0),
        ),
        o(
            "encrypted key, passphrase",
            "jwt",
            vec![
                ("JWT_PRIVATE_KEY", b64(&f.encrypted)),
                ("JWT_PRIVATE_KEY_PASSPHRASE", PASSPHRASE.into()),
            ],
            (0, 0),
        ),
        // An IMS that echoes the secret it was sent, form-encoded, inside escape sequences.
        Outcome {
            fault: Some(serde_json::json!({
                "path": "/ims/token/v3",
                "status": 400,
                "body": serde_json::json!({
                    "error": "invalid_client",
                    "error_description": format!("\u{1b}[31mbad client_secret={ECHOED_SECRET}\r\nadobe-jwt: ok"),
                }).to_string(),
            })),
            ..o(
                "IMS echoes the secret",
                "oauth",
                vec![("IMS_OAUTH_S2S_CLIENT_SECRET", SPECIAL_SECRET.into())],
                (4, 0),
            )
        },
    ]
}

/// A secret with characters that form encoding changes, and that encoding.
const SPECIAL_SECRET: &str = "p8e+OAuth/Secret=Value";
const ECHOED_SECRET: &str = "p8e%2BOAuth%2FSecret%3DValue";

#[test]
fn no_command_leaks_a_secret_in_any_mode_or_outcome() {
    let ims = Ims::start();
    ims.project.write("private.key", &fixtures().pkcs8);
    let key = b64(&fixtures().pkcs8);
    let env = jwt_env_text(&key);
    ims.project.write(
        "glued.env",
        &env.replace(
            &format!("{METASCOPES}\nJWT_PRIVATE_KEY="),
            &format!("{METASCOPES}JWT_PRIVATE_KEY="),
        ),
    );
    ims.project.write(
        "references.env",
        &env.replace(
            &format!("JWT_METASCOPES={METASCOPES}"),
            "JWT_METASCOPES=${JWT_PRIVATE_KEY},${JWT_CLIENT_SECRET}",
        ),
    );
    let closed = closed_port_url();
    let echo = format!("{}/api/echo", ims.emulator.url);
    // (command, its --json-ish variant, may its stdout hold the token?)
    let commands: Vec<(Vec<&str>, Vec<&str>, bool)> = vec![
        (
            vec!["encode-key", "private.key"],
            vec!["encode-key", "private.key", "--raw"],
            false,
        ),
        (vec!["check-env"], vec!["check-env", "--json"], false),
        (
            vec!["check-env", "--online"],
            vec!["check-env", "--online", "--json"],
            false,
        ),
        (vec!["token"], vec!["token", "--format", "json"], true),
        (
            vec!["call", &echo],
            vec!["call", &echo, "-i", "-d", "{\"a\":1}"],
            false,
        ),
        (vec!["inspect"], vec!["inspect", "--json"], false),
        (
            vec!["secret", "list"],
            vec!["secret", "list", "--json"],
            false,
        ),
    ];
    let mut secrets = secrets();
    secrets.push(("special secret", SPECIAL_SECRET.to_string()));
    secrets.push(("special secret, form-encoded", ECHOED_SECRET.to_string()));
    let not_key_base64: Vec<(&str, String)> = secrets
        .iter()
        .filter(|(n, _)| *n != "base64 of a key")
        .cloned()
        .collect();
    for outcome in outcomes(&closed) {
        for (plain, json_variant, prints_token) in &commands {
            for mode in ["-q", "", "-v", "-vv", "json"] {
                let mut cmd = ims.cmd();
                let args = if mode == "json" { json_variant } else { plain };
                cmd.args(args);
                match plain[0] {
                    "encode-key" => {}
                    "inspect" => {
                        cmd.args(["--auth", outcome.auth]);
                    }
                    _ => {
                        cmd.args(["--auth", outcome.auth, "--timeout", "1s"]);
                    }
                }
                if !mode.is_empty() && mode != "json" {
                    cmd.arg(mode);
                }
                for (k, v) in &outcome.env {
                    cmd.env(k, v);
                }
                let asks_ims =
                    matches!(args[0], "token" | "call" | "secret") || args.contains(&"--online");
                if let (Some(fault), true) = (&outcome.fault, asks_ims) {
                    ims.emulator.fault(fault.clone());
                }
                let out = cmd.output().expect("runs");
                let context = format!("{} / {} / {mode}", outcome.name, args.join(" "));
                assert_eq!(
                    out.status.code(),
                    Some(outcome.expected(args)),
                    "{context}: the scenario was not reached; stderr: {}",
                    stderr(&out)
                );
                let err = stderr(&out);
                assert!(!err.contains("eyJ"), "a JWT on stderr: {context}");
                assert!(
                    !err.contains('\u{1b}'),
                    "an escape character on stderr: {context}"
                );
                assert!(
                    !err.lines().any(|l| l.starts_with("adobe-jwt: ok")),
                    "a forged line on stderr: {context}"
                );
                for (name, secret) in &secrets {
                    assert!(
                        !err.contains(secret.as_str()),
                        "a {name} on stderr: {context}"
                    );
                }
                let text = stdout(&out);
                let allowed: &[(&str, String)] = if plain[0] == "encode-key" {
                    &not_key_base64
                } else {
                    &secrets
                };
                for (name, secret) in allowed {
                    assert!(
                        !text.contains(secret.as_str()),
                        "a {name} on stdout: {context}"
                    );
                }
                if !prints_token {
                    assert!(!text.contains("eyJ"), "a JWT on stdout of {context}");
                }
            }
        }
    }
}
