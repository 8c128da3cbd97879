//! Soak: 10,000 cached `token` runs create no files, no keyring entries and no memory growth.

use std::process::Stdio;

use crate::common::*;
use nix::sys::resource::{UsageWho, getrusage};

const RUNS: usize = 10_000;

fn tree_entries(root: &std::path::Path) -> usize {
    std::fs::read_dir(root)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| {
                    if e.path().is_dir() {
                        1 + tree_entries(&e.path())
                    } else {
                        1
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

#[test]
#[ignore = "10,000 runs, about 40 s: .ci/run runs it (cargo test -- --ignored)"]
fn ten_thousand_cached_tokens_change_nothing() {
    let ims = Ims::start();
    let first = ims.token(&[]);
    assert_exit(&first, 0);
    let token = first.stdout.clone();
    let files_before = tree_entries(ims.project.dir.path());
    let mut peak_early = 0;
    for i in 0..RUNS {
        let out = ims
            .project
            .std_cmd()
            .env("ADOBE_IMS_URL", &ims.emulator.url)
            .arg("token")
            .stderr(Stdio::null())
            .output_bounded();
        assert!(out.status.success(), "run {i}");
        assert_eq!(out.stdout, token, "run {i} served the cached token");
        if i == 99 {
            peak_early = getrusage(UsageWho::RUSAGE_CHILDREN)
                .expect("rusage")
                .max_rss();
        }
    }
    let peak_late = getrusage(UsageWho::RUSAGE_CHILDREN)
        .expect("rusage")
        .max_rss();
    assert_eq!(
        ims.emulator.count(OAUTH_PATH),
        1,
        "one IMS request in {} runs",
        RUNS + 1
    );
    assert_eq!(
        tree_entries(ims.project.dir.path()),
        files_before,
        "no new files"
    );
    // max_rss of children is the largest child so far (KiB on Linux): no run grew past the early ones.
    assert!(
        peak_late <= peak_early + 1024,
        "child peak grew from {peak_early} to {peak_late} KiB"
    );
}
