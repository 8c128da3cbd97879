//! TLS trust: the OS store alone refuses a private CA; --cacert or SSL_CERT_FILE adds it (the
//! corporate TLS interception case). A minimal HTTPS IMS on 127.0.0.1 with a test CA.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;

use crate::common::*;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// An HTTPS server for `localhost` that answers every request with an OAuth token; its CA's PEM.
fn https_ims() -> (String, String) {
    let json = r#"{"access_token":"eyJ0eXAiOiJKV1QifQ.eyJ0eXBlIjoiYWNjZXNzX3Rva2VuIn0.c2ln","token_type":"bearer","expires_in":86399}"#;
    let (port, ca) = https_server("localhost", "200 OK", json);
    (format!("https://localhost:{port}"), ca)
}

/// An HTTPS server on 127.0.0.1 with a certificate for `name`, answering every request with this
/// status and JSON body: its port and its CA's PEM.
fn https_server(name: &str, status: &'static str, json: &'static str) -> (u16, String) {
    let ca_key = rcgen::KeyPair::generate().expect("ca key");
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).expect("params");
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "adobe-jwt test interception CA");
    ca.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::DigitalSignature,
    ];
    let ca_cert = ca.self_signed(&ca_key).expect("ca cert");
    let issuer = rcgen::Issuer::from_params(&ca, &ca_key);
    let server_key = rcgen::KeyPair::generate().expect("server key");
    let server = rcgen::CertificateParams::new(vec![name.to_string()])
        .expect("params")
        .signed_by(&server_key, &issuer)
        .expect("server cert");
    let config = Arc::new(
        rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(
            vec![server.der().clone()],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        )
        .expect("server config"),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                let Ok(conn) = rustls::ServerConnection::new(config) else {
                    return;
                };
                let mut tls = rustls::StreamOwned::new(conn, tcp);
                let mut reader = BufReader::new(&mut tls);
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return; // the client refused the certificate
                    }
                    if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                        length = v.trim().parse().unwrap_or(0);
                    }
                    if line == "\r\n" {
                        break;
                    }
                }
                let mut body = vec![0; length];
                let _ = reader.read_exact(&mut body);
                let answer = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                    json.len()
                );
                let _ = tls.write_all(answer.as_bytes());
                let _ = tls.flush();
                tls.conn.send_close_notify();
                let _ = tls.flush();
            });
        }
    });
    (port, ca_cert.pem())
}

#[test]
fn a_private_ca_is_refused_until_it_is_trusted() {
    let (url, ca_pem) = https_ims();
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    p.write("corp-ca.pem", &ca_pem);
    let token = |extra: &[&str], env: &[(&str, &str)]| {
        let mut cmd = p.cmd();
        cmd.args(["token", "--no-cache", "--ims", &url]).args(extra);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("runs")
    };
    let untrusted = token(&[], &[]);
    assert_eq!(untrusted.status.code(), Some(5), "{}", stderr(&untrusted));
    assert!(
        stderr(&untrusted).contains("TLS certificate is not trusted"),
        "{}",
        stderr(&untrusted)
    );
    assert!(
        !stderr(&untrusted).contains("attempts"),
        "a certificate error is not retried"
    );
    assert!(
        stderr(&untrusted).contains("--cacert"),
        "the hint names the fix"
    );
    let flag = token(&["--cacert", "corp-ca.pem"], &[]);
    assert_exit(&flag, 0);
    assert!(stdout(&flag).starts_with("eyJ"));
    let env = token(&[], &[("SSL_CERT_FILE", "corp-ca.pem")]);
    assert_exit(&env, 0);
    p.write("empty.pem", "no certificates here\n");
    let bad = token(&["--cacert", "empty.pem"], &[]);
    assert_eq!(bad.status.code(), Some(3), "{}", stderr(&bad));
    assert!(stderr(&bad).contains("empty.pem"), "{}", stderr(&bad));
    let missing = token(&["--cacert", "nope.pem"], &[]);
    assert_exit(&missing, 3);
}

#[test]
fn https_goes_through_https_proxy_unless_no_proxy_matches() {
    let (url, ca_pem) = https_ims();
    let p = Project::new();
    p.write(".env", &oauth_env_text());
    p.write("corp-ca.pem", &ca_pem);
    let proxy = RecordingProxy::start();
    let token = |env: &[(&str, &str)]| {
        let mut cmd = p.cmd();
        cmd.args([
            "token",
            "--no-cache",
            "--ims",
            &url,
            "--cacert",
            "corp-ca.pem",
        ])
        .env("HTTPS_PROXY", &proxy.url);
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.output().expect("runs")
    };
    assert_exit(&token(&[]), 0);
    let port = url.rsplit(':').next().unwrap_or_default();
    assert_eq!(
        proxy.seen(),
        vec![format!("CONNECT localhost:{port} HTTP/1.1")],
        "the request went through the proxy as a tunnel"
    );
    assert_exit(&token(&[("NO_PROXY", "localhost")]), 0);
    assert_eq!(proxy.seen().len(), 1, "NO_PROXY bypassed the proxy");
}

#[test]
fn a_jwt_exchange_with_adobe_after_the_end_of_life_is_not_sent_and_gets_the_way_across() {
    // Adobe's IMS by name, reached through a proxy that takes every tunnel to this machine.
    let refusal = r#"{"error":"invalid_client","error_description":"invalid client_id parameter"}"#;
    let (port, ca_pem) = https_server("ims-na1.adobelogin.com", "400 Bad Request", refusal);
    let proxy = RecordingProxy::start_to_loopback();
    let p = Project::new();
    p.jwt_env(&b64(&fixtures().pkcs8));
    p.write("ca.pem", &ca_pem);
    let ims = format!("https://ims-na1.adobelogin.com:{port}");
    let token = |today: &str| {
        p.cmd()
            .args([
                "token",
                "--no-cache",
                "--auth",
                "jwt",
                "--ims",
                &ims,
                "--cacert",
                "ca.pem",
            ])
            .env("HTTPS_PROXY", &proxy.url)
            .env("ADOBE_JWT_TODAY", today)
            .output()
            .expect("runs")
    };
    let after = token("2026-11-29");
    assert_exit(&after, 3);
    let err = stderr(&after);
    assert_eq!(
        err,
        format!(
            "adobe-jwt: error: Service Account (JWT) credentials stopped working at Adobe on 2026-03-01: nothing was sent to {ims}
hint: Adobe made each of them an OAuth Server-to-Server credential, same client id and secret:
      download the project again from the Developer Console and run adobe-jwt import PROJECT.json
      (or add IMS_OAUTH_S2S_CLIENT_ID={CLIENT_ID},
      IMS_OAUTH_S2S_ORG_ID={ORG},
      IMS_OAUTH_S2S_CLIENT_SECRET with the value of JWT_CLIENT_SECRET, and
      IMS_OAUTH_S2S_SCOPES with the scopes the Console lists for the credential);
      the guide: docs/migrate-to-oauth.md
"
        )
    );
    assert!(
        err.lines().skip(1).all(|l| l.chars().count() <= 100),
        "the hint is short lines"
    );
    assert!(proxy.seen().is_empty(), "nothing was sent");
    // call, exec and secret stop before sending too.
    for args in [
        vec!["call", "https://platform.adobe.io/data/x"],
        vec!["exec", "--", "true"],
    ] {
        let out = p
            .cmd()
            .args(&args)
            .args([
                "--auth",
                "jwt",
                "--no-cache",
                "--ims",
                &ims,
                "--cacert",
                "ca.pem",
            ])
            .env("HTTPS_PROXY", &proxy.url)
            .env("ADOBE_JWT_TODAY", "2026-11-29")
            .output()
            .expect("runs");
        assert_exit(&out, 3);
        assert!(
            stderr(&out).contains("nothing was sent"),
            "{}",
            stderr(&out)
        );
    }
    let out = p
        .cmd()
        .args(["secret", "list", "--auth", "jwt", "--ims", &ims])
        .env("HTTPS_PROXY", &proxy.url)
        .env("ADOBE_JWT_TODAY", "2026-11-29")
        .output()
        .expect("runs");
    assert_exit(&out, 3);
    assert!(
        stderr(&out).contains("stopped working at Adobe on 2026-03-01")
            && stderr(&out).contains("adobe-jwt import PROJECT.json"),
        "{}",
        stderr(&out)
    );
    assert!(proxy.seen().is_empty(), "nothing was sent");
    // Before the date it is sent, and IMS's refusal has no migration hint.
    let before = token("2026-02-01");
    assert_exit(&before, 4);
    assert!(
        !stderr(&before).contains("converted every Service Account"),
        "{}",
        stderr(&before)
    );
    assert_eq!(proxy.seen().len(), 1);
}
