//! What git says of a file: tracked, in a work tree and not ignored, or neither. Asked of git itself
//! (`ls-files`, `check-ignore`), each call bounded in time: a slow or missing git says nothing.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one git call may take before it is given up.
const BOUND: Duration = Duration::from_secs(2);

/// A file's standing with git.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// git tracks it: it is (or will be) in the history.
    Tracked,
    /// It is inside a work tree, neither tracked nor ignored: a `git add .` commits it.
    NotIgnored,
    /// Ignored, outside any work tree, or git could not tell.
    Safe,
}

/// The standing of `file` with the git work tree around it.
pub fn standing(file: &Path) -> Standing {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return Standing::Safe;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    match git(dir, &["ls-files", "--error-unmatch", "--"], name) {
        Some(0) => return Standing::Tracked,
        Some(1) => {}
        _ => return Standing::Safe,
    }
    // 0: ignored; 1: not ignored (inside a work tree); 128: no work tree, or an error.
    match git(dir, &["check-ignore", "-q", "--"], name) {
        Some(1) => Standing::NotIgnored,
        _ => Standing::Safe,
    }
}

/// Run git in `dir`; its exit code, or `None` when it cannot run or takes longer than [`BOUND`].
fn git(dir: &Path, args: &[&str], name: &std::ffi::OsStr) -> Option<i32> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .arg(name)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let until = Instant::now() + BOUND;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.code(),
            Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}
