//! The fault matrix: each injected fault against token and call, with the expected exit code, a
//! clear message, what reaches stdout, and a cache left as it was.

use std::path::PathBuf;

use crate::common::*;
use serde_json::{Value, json};

struct Fault {
    name: &'static str,
    spec: Value,
    /// Exit code and a phrase of the message, for token (faults on IMS) and call (faults on the API).
    token: (i32, &'static str),
    call: (i32, &'static str),
}

fn faults() -> Vec<Fault> {
    let html = "<html><head><title>Proxy error</title></head><body>Gateway down</body></html>";
    vec![
        Fault {
            name: "500 x3",
            spec: json!({"status": 500, "times": 3}),
            token: (5, "IMS answered with an error: server_error"),
            call: (6, "HTTP 500"),
        },
        Fault {
            name: "503 HTML x3",
            spec: json!({"status": 503, "times": 3, "content_type": "text/html", "body": html}),
            token: (5, "not JSON (text/html): <html><head><title>Proxy error"),
            call: (6, "HTTP 503"),
        },
        Fault {
            name: "429 Retry-After then ok",
            spec: json!({"status": 429, "retry_after": "1"}),
            token: (0, ""),
            call: (0, ""),
        },
        Fault {
            name: "slow past the timeout x3",
            spec: json!({"hang": true, "delay_ms": 2500, "times": 3}),
            token: (5, "timed out"),
            call: (5, "timed out"),
        },
        Fault {
            name: "slow once, then ok",
            spec: json!({"hang": true, "delay_ms": 2500}),
            token: (0, ""),
            call: (0, ""),
        },
        Fault {
            name: "garbage 200",
            spec: json!({"status": 200, "body": "\u{1}\u{2}garbage", "content_type": "application/octet-stream"}),
            token: (5, "not JSON"),
            call: (0, ""),
        },
        Fault {
            name: "3 MB answer",
            spec: json!({"size": 3_000_000}),
            token: (5, "announces 3000000 bytes, more than the 1048576 bytes"),
            call: (0, ""),
        },
        Fault {
            name: "drip forever",
            spec: json!({"drip_ms": 200, "unannounced": true, "times": 3}),
            token: (5, "was cut off after"),
            call: (5, "it took longer than 3s"),
        },
        Fault {
            name: "escape sequences in the answer",
            spec: json!({"status": 400, "body": "{\"error\":\"invalid_client\",\"error_description\":\"\\u001b]0;x\\u0007\\r\\nadobe-jwt: ok\"}"}),
            token: (4, "\\x1b]0;x\\x07\\r\\nadobe-jwt: ok"),
            call: (6, "HTTP 400"),
        },
        Fault {
            name: "truncated",
            spec: json!({"truncate": true, "delay_ms": 2500, "body": "{\"access_token\":\"eyJpartial-partial-partial\",\"expires_in\":86399}"}),
            token: (5, "IMS's answer (HTTP 200) was cut off after 32 bytes"),
            call: (5, "cut off after 32 of 64 bytes"),
        },
    ]
}

/// The run ended with the fault's expected exit code and says what the fault's phrase says.
fn assert_outcome(out: &std::process::Output, (code, says): (i32, &str), fault: &str) {
    assert_eq!(out.status.code(), Some(code), "{fault}: {}", stderr(out));
    assert!(stderr(out).contains(says), "{fault}: {}", stderr(out));
    assert!(
        !stderr(out).contains('\u{1b}'),
        "{fault}: an escape character reached stderr"
    );
}

fn cache_files(ims: &Ims) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = ims.project.path("home/.cache/adobe-jwt/tokens");
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .map(|p| (p.clone(), std::fs::read(&p).expect("read")))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn token_under_each_fault() {
    for fault in faults() {
        let ims = Ims::start();
        let mut spec = fault.spec.clone();
        spec["path"] = json!(OAUTH_PATH);
        ims.emulator.fault(spec);
        let out = ims.token(&["--timeout", "1s"]);
        assert_outcome(&out, fault.token, fault.name);
        assert_token_only_on_stdout(&out);
        if fault.token.0 == 0 {
            assert_eq!(stdout(&out).lines().count(), 1, "{}", fault.name);
            assert_eq!(
                cache_files(&ims).len(),
                1,
                "{}: the good token is cached",
                fault.name
            );
        } else {
            assert!(
                stdout(&out).is_empty(),
                "{}: stdout stays empty",
                fault.name
            );
            assert!(
                cache_files(&ims).is_empty(),
                "{}: nothing cached",
                fault.name
            );
        }
    }
}

#[test]
fn call_under_each_fault() {
    for fault in faults() {
        let ims = Ims::start();
        assert!(ims.token(&[]).status.success());
        let cache_before = cache_files(&ims);
        let mut spec = fault.spec.clone();
        spec["path"] = json!("/api/echo");
        ims.emulator.fault(spec);
        let url = format!("{}/api/echo", ims.emulator.url);
        let out = ims.run(&["call", &url, "--timeout", "1s", "--max-time", "3s"]);
        assert_outcome(&out, fault.call, fault.name);
        match fault.name {
            "truncated" => assert_eq!(
                stdout(&out),
                "{\"access_token\":\"eyJpartial-part",
                "the partial body is written"
            ),
            "500 x3" | "503 HTML x3" => assert!(
                !stdout(&out).is_empty(),
                "{}: the error body is written",
                fault.name
            ),
            "garbage 200" => assert_eq!(out.stdout, b"\x01\x02garbage", "binary-safe"),
            "3 MB answer" => assert_eq!(out.stdout.len(), 3_000_000, "streamed whole"),
            _ => {}
        }
        assert_eq!(
            cache_files(&ims),
            cache_before,
            "{}: the cached token is untouched",
            fault.name
        );
        assert_no_secrets_on_stderr(&out);
    }
}

/// A server that accepts and never answers, and one that asks to wait an hour: `--max-time` bounds
/// the whole run (connecting, waiting, retries and waits), and without it `3 × --timeout` does.
#[test]
fn max_time_bounds_the_whole_run() {
    struct Row {
        name: &'static str,
        spec: Value,
        args: &'static [&'static str],
        bound: std::time::Duration,
        says: &'static str,
    }
    let secs = std::time::Duration::from_secs;
    let rows = [
        Row {
            name: "accepts and never answers, --max-time 3s",
            spec: json!({"hang": true, "delay_ms": 60_000, "times": 10}),
            args: &["--timeout", "10s", "--max-time", "3s"],
            bound: secs(3),
            says: "took longer than --max-time 3s",
        },
        Row {
            name: "accepts and never answers, no --max-time",
            spec: json!({"hang": true, "delay_ms": 60_000, "times": 10}),
            args: &["--timeout", "1s"],
            bound: secs(3),
            says: "timed out",
        },
        Row {
            name: "Retry-After: 3600",
            spec: json!({"status": 503, "retry_after": "3600", "times": 10}),
            args: &["--max-time", "30s"],
            bound: secs(0),
            says: "asked to wait 1h before trying again (Retry-After)",
        },
    ];
    let margin = secs(2);
    for row in &rows {
        for command in ["token", "call"] {
            let ims = Ims::start();
            let url = format!("{}/api/echo", ims.emulator.url);
            let mut spec = row.spec.clone();
            let mut args: Vec<&str> = Vec::new();
            if command == "token" {
                spec["path"] = json!(OAUTH_PATH);
                args.extend(["token", "--no-cache", "--auth", "oauth"]);
            } else {
                assert!(ims.token(&[]).status.success());
                spec["path"] = json!("/api/echo");
                args.extend(["call", url.as_str()]);
            }
            args.extend(row.args);
            ims.emulator.fault(spec);
            let started = std::time::Instant::now();
            let out = ims.run(&args);
            let took = started.elapsed();
            let context = format!("{} / {command}", row.name);
            assert_outcome(&out, (5, row.says), &context);
            assert!(
                took <= row.bound + margin,
                "{context}: took {took:?}, more than {:?} and a margin",
                row.bound
            );
        }
    }
}
