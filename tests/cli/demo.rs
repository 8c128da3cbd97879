//! demo through the binary: it runs every step for real, exits 0 and leaves nothing behind.

use crate::common::*;

#[test]
fn demo_runs_the_whole_flow_and_leaves_no_files() {
    let p = Project::new();
    std::fs::create_dir(p.path("tmp")).expect("mkdir");
    let out = p
        .cmd()
        .arg("demo")
        .env("TMPDIR", p.path("tmp"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    for step in [
        "$ adobe-jwt encode-key private.key --write",
        "$ adobe-jwt check-env --auth jwt",
        "$ adobe-jwt token --auth jwt",
        "$ adobe-jwt token --auth oauth",
        "served from the cache",
        "$ adobe-jwt inspect --auth oauth",
        "$ adobe-jwt call http://127.0.0.1:",
        "Next, with real credentials",
    ] {
        assert!(text.contains(step), "missing {step}: {text}");
    }
    assert!(text.contains("0 errors, 1 warning: usable"));
    assert!(
        text.contains("\"x-api-key\":\"0a0b0c0d0e0f10111213141516171819\""),
        "the echo saw the headers"
    );
    let left: Vec<_> = std::fs::read_dir(p.path("tmp")).expect("tmp").collect();
    assert!(
        left.is_empty(),
        "the demo left {} entries in TMPDIR",
        left.len()
    );
    let home: Vec<_> = std::fs::read_dir(p.path("home")).expect("home").collect();
    assert!(home.is_empty(), "the demo wrote into HOME");
}
