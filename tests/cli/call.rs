//! call through the binary against the emulator's echo API.

#[cfg(target_os = "linux")]
use std::io::Read;

use crate::common::*;
use serde_json::{Value, json};

fn call(ims: &Ims, args: &[&str]) -> std::process::Output {
    ims.cmd().arg("call").args(args).output().expect("runs")
}

fn echo_url(ims: &Ims) -> String {
    format!("{}/api/echo", ims.emulator.url)
}

#[test]
fn sends_the_default_headers_and_lets_h_replace_or_remove_them() {
    let ims = Ims::start();
    let out = call(
        &ims,
        &[
            &echo_url(&ims),
            "-H",
            "x-sandbox-name: prod",
            "-H",
            "X-GW-IMS-ORG-ID: other@AdobeOrg",
        ],
    );
    assert_exit(&out, 0);
    let echo = json(&out);
    let headers = &echo["headers"];
    assert!(
        headers["authorization"]
            .as_str()
            .unwrap_or("")
            .starts_with("Bearer <redacted")
    );
    assert_eq!(headers["x-api-key"], OAUTH_CLIENT_ID);
    assert_eq!(
        headers["x-gw-ims-org-id"], "other@AdobeOrg",
        "-H replaces, case-insensitively"
    );
    assert_eq!(headers["x-sandbox-name"], "prod");
    assert_eq!(echo["method"], "GET");
    let removed = call(&ims, &[&echo_url(&ims), "-H", "x-gw-ims-org-id:"]);
    assert_eq!(
        json(&removed)["headers"]["x-gw-ims-org-id"],
        Value::Null,
        "an empty -H removes it"
    );
    assert_no_secrets(&out);
    assert!(
        !stdout(&out).contains("eyJ") && !stderr(&out).contains("eyJ"),
        "the token is not printed"
    );
}

#[test]
fn methods_and_every_data_form() {
    let ims = Ims::start();
    let url = echo_url(&ims);
    assert_eq!(json(&call(&ims, &["put", &url]))["method"], "PUT");
    assert_eq!(json(&call(&ims, &["DELETE", &url]))["method"], "DELETE");
    let inline = json(&call(&ims, &[&url, "-d", r#"{"rsid":"x"}"#]));
    assert_eq!(inline["method"], "POST", "data makes it a POST");
    assert_eq!(inline["body"], r#"{"rsid":"x"}"#);
    assert_eq!(inline["headers"]["content-type"], "application/json");
    let form = json(&call(&ims, &[&url, "-d", "a=1&b=2"]));
    assert_eq!(
        form["headers"]["content-type"],
        "application/x-www-form-urlencoded"
    );
    let typed = json(&call(
        &ims,
        &[&url, "-d", "[1]", "-H", "Content-Type: text/plain"],
    ));
    assert_eq!(
        typed["headers"]["content-type"], "text/plain",
        "a given Content-Type wins"
    );
    ims.project.write("body.json", "\n  [1, 2, 3]\n");
    let file = json(&call(&ims, &["PATCH", &url, "-d", "@body.json"]));
    assert_eq!(
        (file["method"].clone(), file["body"].clone()),
        (json!("PATCH"), json!("\n  [1, 2, 3]\n"))
    );
    assert_eq!(file["headers"]["content-type"], "application/json");
    let piped = ims
        .cmd()
        .args(["call", &url, "-d", "@-"])
        .write_stdin("from stdin")
        .output()
        .expect("runs");
    assert_eq!(json(&piped)["body"], "from stdin");
}

#[test]
fn include_and_output_file() {
    let ims = Ims::start();
    let out = call(&ims, &[&echo_url(&ims), "-i", "-o", "echo.json"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).is_empty(), "-o keeps stdout empty");
    // As curl -i: the head, an empty line, the body, all where the body goes.
    let saved = ims.project.read("echo.json");
    let (head, body) = saved
        .split_once("\r\n\r\n")
        .or_else(|| saved.split_once("\n\n"))
        .expect("head and body");
    assert!(
        head.starts_with("HTTP/1.1 200 OK") && head.contains("content-type: application/json"),
        "{head}"
    );
    let saved: Value = serde_json::from_str(body).expect("JSON body after the head");
    assert_eq!(saved["path"], "/api/echo");
    assert!(
        !stderr(&out).contains("HTTP/1.1"),
        "nothing of it on stderr"
    );
    // On stdout with -i; `-o -` is stdout too.
    let out = call(&ims, &[&echo_url(&ims), "-i", "-o", "-"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).starts_with("HTTP/1.1 200 OK\n"),
        "{}",
        stdout(&out)
    );
    assert!(!ims.project.path("-").exists(), "no file named -");
    let out = call(&ims, &[&echo_url(&ims), "-o", "-"]);
    assert_eq!(json(&out)["path"], "/api/echo");
    assert!(!ims.project.path("-").exists(), "no file named -");
}

#[test]
fn curl_habits_get_a_hint_not_a_wrong_suggestion() {
    let ims = Ims::start();
    for (flag, says) in [
        ("-s", "no progress meter"),
        ("--fail", "exits 6"),
        ("--data-binary", "-d @FILE"),
    ] {
        let out = call(&ims, &[&echo_url(&ims), flag, "x"]);
        assert_exit(&out, 2);
        assert!(stderr(&out).contains(says), "{flag}: {}", stderr(&out));
    }
    let out = call(&ims, &["--request", "POST", &echo_url(&ims)]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("adobe-jwt call POST URL"), "{err}");
    assert!(
        !err.contains("--refresh"),
        "no 'did you mean --refresh': {err}"
    );
}

#[test]
fn with_o_the_hint_names_the_file_the_body_is_in() {
    let ims = Ims::start();
    let url = format!("{}/api/status/500", ims.emulator.url);
    let out = call(&ims, &[&url, "-o", "error.json"]);
    assert_exit(&out, 6);
    assert!(
        stderr(&out).contains("the response body in error.json says more"),
        "{}",
        stderr(&out)
    );
    let out = call(&ims, &[&url]);
    assert!(stderr(&out).contains("the response body above says more"));
}

#[test]
fn api_errors_exit_6_with_the_body_written() {
    let ims = Ims::start();
    let out = call(&ims, &[&format!("{}/api/status/404", ims.emulator.url)]);
    assert_exit(&out, 6);
    assert_eq!(json(&out)["status"], 404);
    assert!(stderr(&out).contains("HTTP 404 Not Found"));
    let path = "/api/status/500";
    let get = call(&ims, &[&format!("{}{path}", ims.emulator.url)]);
    assert_exit(&get, 6);
    assert_eq!(ims.emulator.count(path), 3, "GET is retried on 5xx");
    let post = call(&ims, &["POST", &format!("{}{path}", ims.emulator.url)]);
    assert_exit(&post, 6);
    assert_eq!(ims.emulator.count(path), 4, "POST is not retried");
    ims.emulator
        .fault(json!({"path": "/api/echo", "status": 503, "retry_after": "0"}));
    let retried = call(&ims, &["POST", &echo_url(&ims), "-d", "x=1"]);
    assert!(
        retried.status.success(),
        "POST retried when the server says Retry-After"
    );
}

#[test]
fn a_refused_cached_token_is_replaced_once() {
    let ims = Ims::start();
    assert!(ims.token(&[]).status.success());
    ims.emulator.revoke();
    let out = call(&ims, &[&echo_url(&ims)]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("HTTP 401"));
    assert_eq!(ims.emulator.count(OAUTH_PATH), 2);
    assert_eq!(ims.emulator.count("/api/echo"), 2);
    let fresh = ims.token(&[]);
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        2,
        "the fresh token was cached"
    );
    assert_exit(&fresh, 0);
}

#[test]
fn a_redirect_to_another_host_does_not_carry_the_authorization_header() {
    let ims = Ims::start();
    let port = ims.emulator.url.rsplit(':').next().expect("port");
    let same = format!("{}/public/echo", ims.emulator.url);
    let other = format!("http://localhost:{port}/public/echo");
    let via = |to: &str| format!("{}/api/redirect?to={to}", ims.emulator.url);
    let kept = json(&call(&ims, &[&via(&same)]));
    assert!(
        kept["headers"]["authorization"].is_string(),
        "same origin keeps it"
    );
    let dropped = json(&call(&ims, &[&via(&other)]));
    assert_eq!(
        dropped["headers"]["authorization"],
        Value::Null,
        "another host does not get it"
    );
    assert_eq!(dropped["headers"]["host"], format!("localhost:{port}"));
    let insecure = call(&ims, &[&via("http://example.com/x")]);
    assert_exit(&insecure, 5);
    assert!(stderr(&insecure).contains("plain http"));
}

#[test]
fn a_body_cut_off_midway_is_exit_5_and_says_so() {
    let ims = Ims::start();
    ims.emulator.fault(json!({"path": "/api/echo", "truncate": true, "delay_ms": 3000, "body": "0123456789abcdefghij"}));
    let out = call(&ims, &[&echo_url(&ims), "--timeout", "1s"]);
    assert_exit(&out, 5);
    assert_eq!(stdout(&out), "0123456789", "what arrived was written");
    assert!(
        stderr(&out).contains("cut off after 10 of 20 bytes"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let ims = Ims::start();
    let cases: [(&[&str], i32, &str); 6] = [
        (&["not a url"], 2, "not a valid URL"),
        (&["ftp://example.com/x"], 2, "unsupported scheme"),
        (&["http://example.com/x"], 2, "plain http"),
        (
            &["http://127.0.0.1:1/x", "-H", "no colon"],
            2,
            "-H #1 is not a header",
        ),
        (
            &["http://127.0.0.1:1/x", "-d", "@missing.json"],
            3,
            "cannot read the data file missing.json",
        ),
        (
            &["NOT A METHOD", "http://127.0.0.1:1/x"],
            2,
            "not an HTTP method",
        ),
    ];
    for (args, code, says) in cases {
        let out = call(&ims, args);
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        0,
        "no token was even requested"
    );
}

/// The peak resident set of a running process, from /proc (kB).
#[cfg(target_os = "linux")]
fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

#[cfg(target_os = "linux")]
#[test]
fn a_200_mib_body_streams_with_flat_memory() {
    const SIZE: u64 = 200 * 1024 * 1024;
    let ims = Ims::start();
    let mut child = ims
        .project
        .std_cmd()
        .env("ADOBE_IMS_URL", &ims.emulator.url)
        .args(["call", &format!("{}/api/bytes/{SIZE}", ims.emulator.url)])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 20];
        let mut total = 0u64;
        loop {
            let n = stdout.read(&mut buf).expect("read");
            if n == 0 {
                return total;
            }
            assert!(
                buf[..n].iter().all(|&b| b == b'x'),
                "binary-safe, byte for byte"
            );
            total += n as u64;
        }
    });
    let started = std::time::Instant::now();
    let mut peak = 0u64;
    while child.try_wait().expect("poll").is_none() {
        peak = peak.max(peak_kb(pid).unwrap_or(0));
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("call ran past {DEADLINE:?} and was killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(child.wait().expect("wait").success());
    assert_eq!(reader.join().expect("reader"), SIZE);
    assert!(peak > 0, "the peak was read");
    assert!(
        peak < 64 * 1024,
        "peak RSS {peak} kB for a 200 MiB body: it must stream"
    );
}
