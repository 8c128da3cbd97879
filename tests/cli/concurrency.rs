//! Concurrent writers of one .env, and writers killed mid-write: the file stays whole.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::common::*;

const OTHER_LINES: &str = "# project\nJWT_CLIENT_ID=abc\nJWT_PRIVATE_KEY=old\nZ='last'\n";

/// The keys the writers write, as `(file, expected value)`.
fn keys(p: &Project) -> Vec<(String, String)> {
    let f = fixtures();
    [
        ("a.key", &f.pkcs8),
        ("b.key", &f.pkcs1),
        ("c.key", &f.other),
    ]
    .into_iter()
    .map(|(name, pem)| {
        p.write(name, pem);
        (name.to_string(), b64(pem))
    })
    .collect()
}

/// The .env parses, holds exactly one key line with one of the written values, and the rest as it was.
fn assert_whole(p: &Project, values: &BTreeSet<String>) {
    let text = p.read(".env");
    let key_lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("JWT_PRIVATE_KEY="))
        .collect();
    assert_eq!(key_lines.len(), 1, "exactly one key line");
    let value = key_lines[0].trim_start_matches("JWT_PRIVATE_KEY=");
    assert!(
        values.contains(value) || value == "old",
        "the value is one that was written"
    );
    let rest: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("JWT_PRIVATE_KEY="))
        .collect();
    assert_eq!(rest, ["# project", "JWT_CLIENT_ID=abc", "Z='last'"]);
    let check = p.run(&["check-env", "--json", "--auth", "jwt"]);
    // The reader sees what the lines say: one definition, where it always was.
    let report = json(&check);
    assert!(
        !report["checks"]
            .to_string()
            .contains("JWT_PRIVATE_KEY is defined"),
        "one definition as the reader sees it"
    );
    let key = report["keys"]
        .as_array()
        .and_then(|keys| keys.iter().find(|k| k["key"] == "JWT_PRIVATE_KEY"))
        .expect("the key is reported");
    assert_eq!(key["source"], ".env:3");
}

#[test]
fn parallel_encode_key_writes_leave_one_valid_line() {
    let p = Project::new();
    p.write(".env", OTHER_LINES);
    let keys = keys(&p);
    let children: Vec<_> = (0..24)
        .map(|i| {
            p.std_cmd()
                .args(["encode-key", &keys[i % keys.len()].0, "--write"])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = wait_bounded(child);
        assert_exit(&out, 0);
    }
    assert_whole(&p, &keys.iter().map(|(_, v)| v.clone()).collect());
    #[cfg(unix)]
    assert_eq!(
        mode(&p.path(".env")),
        0o600,
        "the mode survives every rename"
    );
    let leftovers = std::fs::read_dir(p.dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0, "no temporary files left by finished writers");
}

#[test]
fn writers_killed_mid_write_leave_the_file_whole() {
    let p = Project::new();
    p.write(".env", OTHER_LINES);
    let keys = keys(&p);
    let values: BTreeSet<String> = keys.iter().map(|(_, v)| v.clone()).collect();
    let mut killed = 0;
    for round in 0..60u64 {
        let mut child = p
            .std_cmd()
            .args([
                "encode-key",
                &keys[(round as usize) % keys.len()].0,
                "--write",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill at a spread of moments: before, during and after the write.
        std::thread::sleep(Duration::from_micros((round * 137) % 4000));
        if child.try_wait().expect("poll").is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        assert_whole(&p, &values);
    }
    assert!(killed > 0, "some writers were killed before they finished");
    // One more write clears what killed writers left (copies of the .env, key included).
    let out = p
        .cmd()
        .args(["encode-key", &keys[0].0, "--write"])
        .output()
        .expect("runs");
    assert_exit(&out, 0);
    let leftovers = std::fs::read_dir(p.dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(
        leftovers, 0,
        "temporary files of killed writers are cleaned up"
    );
}
