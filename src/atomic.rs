//! Replacing a file so that a reader, or a crash, sees the old bytes or the new, never half.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Write `bytes` to a temporary file next to `path`, give it `mode` (Unix), flush it to disk and
/// rename it over `path`.
pub fn write(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".adobe-jwt-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    set_mode(tmp.as_file(), mode)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
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
