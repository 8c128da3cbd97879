//! Replacing a file so that a reader, or a crash, sees the old bytes or the new, never half.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to a temporary file next to `path`, give it `mode` (Unix), flush it to disk and
/// rename it over `path`. The caller holds the lock of `path`: temporary files that killed writers
/// of `path` left behind (`.NAME.adobe-jwt-*.tmp`) are removed first, since no live writer can own one.
pub fn write(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(path);
    remove_stale(dir, &prefix);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    set_mode(tmp.as_file(), mode)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `.NAME.adobe-jwt-`: temporary files name their target.
fn temp_prefix(path: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".adobe-jwt-");
    prefix
}

fn remove_stale(dir: &Path, prefix: &OsString) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = prefix.to_string_lossy();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(prefix.as_ref()) && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn set_mode(file: &fs::File, mode: Option<u32>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(mode.unwrap_or(0o600)))
}

#[cfg(not(unix))]
fn set_mode(_: &fs::File, _: Option<u32>) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temp_files_of_the_target_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join(".env");
        fs::write(
            dir.path().join("..env.adobe-jwt-abc123.tmp"),
            "left by a killed writer",
        )
        .expect("write");
        fs::write(
            dir.path().join(".other.env.adobe-jwt-abc123.tmp"),
            "another target's",
        )
        .expect("write");
        write(&target, b"A=1\n", Some(0o600)).expect("writes");
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".env", ".other.env.adobe-jwt-abc123.tmp"]);
        assert_eq!(fs::read_to_string(&target).expect("read"), "A=1\n");
    }
}
