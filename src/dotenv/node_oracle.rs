//! The reader against the real thing: Node's dotenv 16.3.1, installed with npm into the target
//! folder by the first test that needs it, over the committed corpus (tests/data/dotenv-corpus.json,
//! whose expected values are Node's, readable without Node) and over generated files.
//!
//! Without node and npm the build sets `no_node` (build.rs) and these tests are reported as ignored,
//! with the reason; under CI (`CI` set) they run and fail instead, so CI cannot pass without the
//! comparison.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde::{Deserialize, Serialize};

use super::parse;

const DOTENV: &str = "dotenv@16.3.1";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus_path() -> PathBuf {
    manifest_dir().join("tests/data/dotenv-corpus.json")
}

/// One corpus case: a file's bytes (as a string; `\u{fffd}`-free) and what Node reads from it.
#[derive(Debug, Serialize, Deserialize)]
struct Case {
    name: String,
    input: String,
    expect: BTreeMap<String, String>,
}

fn corpus() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus_path()).expect("the corpus is committed");
    serde_json::from_str(&text).expect("the corpus is valid JSON")
}

/// What our reader makes of a file's bytes: the last definition of each key.
fn ours(bytes: &[u8]) -> BTreeMap<String, String> {
    parse(&String::from_utf8_lossy(bytes))
}

/// The folder holding node_modules/dotenv, installed once per test run. A test that gets here needs
/// it: when it cannot be had, the test fails and says why.
fn oracle() -> &'static Path {
    static PREFIX: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match PREFIX.get_or_init(install) {
        Ok(prefix) => prefix,
        Err(why) => panic!("the Node dotenv oracle cannot be had: {why}"),
    }
}

fn install() -> Result<PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target"));
    let prefix = target.join("node-oracle");
    let installed = prefix.join("node_modules/dotenv/package.json");
    let version = |p: &Path| {
        std::fs::read_to_string(p)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|v| v["version"].as_str().map(str::to_string))
    };
    Command::new("node")
        .arg("--version")
        .output()
        .map_err(|e| format!("node cannot be run ({e})"))?;
    if version(&installed).as_deref() != Some("16.3.1") {
        std::fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
        let out = Command::new("npm")
            .args([
                "install",
                "--no-audit",
                "--no-fund",
                "--no-save",
                // Offline, npm's default retries take about 80 s to give up: one quick retry.
                "--fetch-retries=1",
                "--fetch-retry-mintimeout=1000",
                "--fetch-retry-maxtimeout=2000",
                "--fetch-timeout=20000",
                "--prefix",
            ])
            .arg(&prefix)
            .arg(DOTENV)
            .output()
            .map_err(|e| format!("npm cannot be run ({e})"))?;
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr);
            let offline = [
                "ENOTFOUND",
                "EAI_AGAIN",
                "ECONNREFUSED",
                "ETIMEDOUT",
                "ENETUNREACH",
            ]
            .iter()
            .any(|code| said.contains(code));
            let why = if offline {
                "the npm registry cannot be reached (offline, or a proxy npm does not know): install it once online, or run without node on PATH to skip these tests"
            } else {
                "npm refused"
            };
            return Err(format!(
                "npm install {DOTENV} failed: {why}: {}",
                said.trim()
            ));
        }
    }
    match version(&installed).as_deref() {
        Some("16.3.1") => Ok(prefix),
        other => Err(format!("npm installed dotenv {other:?}, not 16.3.1")),
    }
}

/// Node's dotenv.parse() of each file.
fn node(prefix: &Path, files: &[Vec<u8>]) -> Vec<BTreeMap<String, String>> {
    let input: Vec<String> = files.iter().map(|f| STANDARD.encode(f)).collect();
    let mut child = Command::new("node")
        .arg(manifest_dir().join("tests/data/dotenv-oracle.js"))
        .arg(prefix)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let json = serde_json::to_vec(&input).expect("json");
    let writer = std::thread::spawn(move || stdin.write_all(&json));
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = read(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = read(child.stderr.take().map(|p| Box::new(p) as _));
    // A hang fails this test rather than holding the suite.
    let Some(status) =
        wait_timeout::ChildExt::wait_timeout(&mut child, Duration::from_secs(120)).expect("wait")
    else {
        let _ = child.kill();
        panic!("the oracle ran past two minutes and was killed");
    };
    writer.join().expect("writer").expect("stdin written");
    let out = std::process::Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    };
    assert!(
        out.status.success(),
        "the oracle failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<Vec<(String, String)>> =
        serde_json::from_slice(&out.stdout).expect("the oracle prints JSON");
    results
        .into_iter()
        .map(|pairs| pairs.into_iter().collect())
        .collect()
}

/// Where two readings differ, for the failure message (test inputs only: nothing secret).
fn difference(
    ours: &BTreeMap<String, String>,
    theirs: &BTreeMap<String, String>,
) -> Option<String> {
    let keys: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    keys.into_iter()
        .find(|k| ours.get(*k) != theirs.get(*k))
        .map(|k| {
            format!(
                "key {k:?}: Node reads {:?}, adobe-jwt reads {:?}",
                theirs.get(k),
                ours.get(k)
            )
        })
}

#[test]
fn the_corpus_reads_as_its_golden_values() {
    let cases = corpus();
    assert!(cases.len() >= 100, "the corpus holds {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            difference(&ours(c.input.as_bytes()), &c.expect)
                .map(|d| format!("{}: {d}\n  input {:?}", c.name, c.input))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[cfg_attr(
    no_node,
    ignore = "Node.js and npm are not installed here (or the tests run under Wine): the comparison with Node's dotenv cannot run"
)]
fn the_corpus_golden_values_are_node_dotenvs() {
    let prefix = oracle();
    let mut cases = corpus();
    let files: Vec<Vec<u8>> = cases.iter().map(|c| c.input.as_bytes().to_vec()).collect();
    let theirs = node(prefix, &files);
    if std::env::var_os("ADOBE_JWT_BLESS_CORPUS").is_some() {
        for (case, expect) in cases.iter_mut().zip(theirs) {
            case.expect = expect;
        }
        let text = serde_json::to_string_pretty(&cases).expect("json");
        std::fs::write(corpus_path(), text + "\n").expect("corpus written");
        eprintln!("blessed {} corpus cases with Node's values", cases.len());
        return;
    }
    let failures: Vec<String> = cases
        .iter()
        .zip(&theirs)
        .filter_map(|(c, t)| difference(&c.expect, t).map(|d| format!("{}: golden {d}", c.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Pieces that .env files are made of, weighted towards the forms that readers disagree on.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    let text = |s: &'static str| Just(s.as_bytes().to_vec());
    prop_oneof![
        6 => "[A-Z_][A-Z0-9_]{0,5}".prop_map(String::into_bytes),
        1 => "[a-z.-]{1,4}".prop_map(String::into_bytes),
        5 => text("="),
        1 => text(" = "),
        2 => text(": "),
        1 => text(":"),
        4 => text(" "),
        1 => text("\t"),
        5 => text("\n"),
        2 => text("\r\n"),
        1 => text("\r"),
        3 => text("'"),
        3 => text("\""),
        2 => text("`"),
        2 => text("\\"),
        1 => text("\\n"),
        1 => text("\\r"),
        1 => text("\\'"),
        1 => text("\\\""),
        2 => text("#"),
        1 => text(" #"),
        2 => text("$"),
        1 => text("${A}"),
        2 => text("export "),
        1 => text("export"),
        1 => text("\u{feff}"),
        1 => text("\u{2028}"),
        1 => text("\u{2029}"),
        1 => text("\u{a0}"),
        1 => text("\u{b}"),
        1 => text("é😀"),
        1 => text("__proto__"),
        1 => text("[\"openid\",\"AdobeID\"]"),
        3 => "[a-z0-9+/,.@-]{1,8}".prop_map(String::into_bytes),
        1 => prop_oneof![Just(vec![0xff]), Just(vec![0xc3]), Just(vec![0xe2, 0x80])],
    ]
}

/// A line as people write them: an optional export, a key, a separator, a value in some quoting,
/// an optional comment.
fn line() -> impl Strategy<Value = Vec<u8>> {
    let value = prop::collection::vec(fragment(), 0..4).prop_map(|f| f.concat());
    (
        prop_oneof![Just(""), Just("export "), Just("  ")],
        "[A-Z_][A-Z0-9_]{0,6}",
        prop_oneof![Just("="), Just(" = "), Just(": "), Just("=  ")],
        prop_oneof![Just(""), Just("'"), Just("\""), Just("`")],
        value,
        prop_oneof![Just(""), Just("'"), Just("\""), Just("`")],
        prop_oneof![Just(""), Just(" # note"), Just("#x"), Just("  ")],
    )
        .prop_map(|(export, key, sep, open, value, close, comment)| {
            let mut out = format!("{export}{key}{sep}{open}").into_bytes();
            out.extend(value);
            out.extend(format!("{close}{comment}").into_bytes());
            out
        })
}

fn file() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        2 => line().prop_map(|mut l| {
            l.push(b'\n');
            l
        }),
        1 => prop::collection::vec(fragment(), 1..8).prop_map(|f| f.concat()),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.concat())
}

/// Generated files, from the same fixed seed as the property tests (`PROPTEST_RNG_SEED`).
fn generated(count: usize) -> Vec<Vec<u8>> {
    let seed: u64 = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_127);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = file();
    (0..count)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("a generated file")
                .current()
        })
        .collect()
}

/// Generated files per run: `ADOBE_JWT_ORACLE_CASES`, else 3,000.
fn generated_count() -> usize {
    std::env::var("ADOBE_JWT_ORACLE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3_000)
}

#[test]
#[cfg_attr(
    no_node,
    ignore = "Node.js and npm are not installed here (or the tests run under Wine): the comparison with Node's dotenv cannot run"
)]
fn generated_files_read_as_node_dotenv_reads_them() {
    let prefix = oracle();
    let files = generated(generated_count());
    let theirs = node(prefix, &files);
    assert_eq!(theirs.len(), files.len());
    let mut failures: Vec<(usize, String)> = files
        .iter()
        .zip(&theirs)
        .filter_map(|(f, t)| {
            difference(&ours(f), t).map(|d| {
                (
                    f.len(),
                    format!("{d}\n  input {:?}", String::from_utf8_lossy(f)),
                )
            })
        })
        .collect();
    failures.sort();
    let shown: Vec<&str> = failures.iter().take(5).map(|(_, f)| f.as_str()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} generated files read differently; the smallest:\n{}",
        failures.len(),
        files.len(),
        shown.join("\n")
    );
}

/// Values an edit writes: plain, and every character that makes quoting matter.
const EDIT_VALUES: [&str; 16] = [
    "p8e-plain-secret-0123",
    "LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tCk1JSUV2UUlCQURBTkJna3Foa2lHOXcwQkFRRUZBQVNDQktjd2dnU2pBZ0VBQW9JQkFRQys=",
    "[\"openid\",\"AdobeID\",\"read_organizations\"]",
    "p8e-it's",
    "say \"hi\"",
    "a # not a comment",
    " padded ",
    "two\nlines",
    "tab\there",
    "$HOME and ${PATH}",
    "back\\slash",
    "both ' and \"",
    "`tick` and 'single'",
    "ends with \\",
    "",
    "é😀 unicode",
];

/// Edits per generated file.
const EDITS_PER_FILE: usize = 4;

/// The edits made to one file: (name, value) pairs (no value: remove every definition), names drawn
/// from the file's own keys (so that replacing, removing and removing duplicates are exercised) and
/// from new ones.
fn edits_for(index: usize, text: &str) -> Vec<Vec<(String, Option<String>)>> {
    let keys: Vec<String> = super::parse(text).into_keys().collect();
    (0..EDITS_PER_FILE)
        .map(|e| {
            let n = index * EDITS_PER_FILE + e;
            let name = match (n % 3, keys.is_empty()) {
                (0, false) => keys[n % keys.len()].clone(),
                (1, _) => "JWT_PRIVATE_KEY".to_string(),
                _ => format!("NEW_KEY_{e}"),
            };
            if n % 5 == 2 && !keys.is_empty() {
                return vec![(keys[n % keys.len()].clone(), None)];
            }
            let mut vars = vec![(name, Some(EDIT_VALUES[n % EDIT_VALUES.len()].to_string()))];
            if e == EDITS_PER_FILE - 1 {
                vars.push((
                    "IMS_OAUTH_S2S_SCOPES".into(),
                    Some(EDIT_VALUES[(n + 2) % EDIT_VALUES.len()].into()),
                ));
            }
            vars
        })
        .collect()
}

#[test]
#[cfg_attr(
    no_node,
    ignore = "Node.js and npm are not installed here (or the tests run under Wine): the comparison with Node's dotenv cannot run"
)]
fn edits_read_back_as_node_reads_them() {
    let prefix = oracle();
    let files = generated(generated_count() / 3);
    let mut originals = Vec::new();
    let mut results = Vec::new();
    let mut planned = Vec::new();
    let mut refused = 0;
    for (i, bytes) in files.iter().enumerate() {
        let text = String::from_utf8_lossy(bytes).into_owned();
        for vars in edits_for(i, &text) {
            let pairs: Vec<(&str, Option<&str>)> = vars
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_deref()))
                .collect();
            match super::edit::plan(&text, &pairs) {
                Ok((updated, _)) => {
                    originals.push(text.clone().into_bytes());
                    results.push(updated.into_bytes());
                    planned.push(vars);
                }
                Err(_) => refused += 1,
            }
        }
    }
    let before = node(prefix, &originals);
    let after = node(prefix, &results);
    let mut failures = Vec::new();
    for (((old, new), vars), (original, result)) in before
        .iter()
        .zip(&after)
        .zip(&planned)
        .zip(originals.iter().zip(&results))
    {
        let mut expected = old.clone();
        for (name, value) in vars {
            match value {
                Some(value) => expected.insert(name.clone(), value.clone()),
                None => expected.remove(name),
            };
        }
        // A key that was not defined may read as empty afterwards: both are unset to every reader.
        let norm = |m: &BTreeMap<String, String>| -> BTreeMap<String, String> {
            m.iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        let (new, expected) = (norm(new), norm(&expected));
        let keys: std::collections::BTreeSet<&String> = new.keys().chain(expected.keys()).collect();
        if let Some(k) = keys.into_iter().find(|k| new.get(*k) != expected.get(*k)) {
            failures.push(format!(
                "key {k:?}: Node reads {:?} where {:?} was meant\n  file {:?}\n  edited {:?}",
                new.get(k),
                expected.get(k),
                String::from_utf8_lossy(original),
                String::from_utf8_lossy(result)
            ));
        }
    }
    let judged = planned.len();
    assert!(
        judged >= files.len() * EDITS_PER_FILE * 9 / 10,
        "only {judged} edits of {} were made ({refused} refused)",
        files.len() * EDITS_PER_FILE
    );
    let shown: Vec<&str> = failures.iter().take(3).map(String::as_str).collect();
    assert!(
        failures.is_empty(),
        "{} of {judged} edits read differently in Node:\n{}",
        failures.len(),
        shown.join("\n")
    );
}
