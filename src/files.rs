//! User files: reading them with the checks every input needs, permission modes, locks, and
//! replacing a file so that a reader, or a crash, sees the old bytes or the new, never half.

use std::ffi::OsString;
use std::fs::{self, File, Metadata};
use std::io::{self, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Failure;

/// Larger than any real .env, key, certificate or manifest; past this a file is refused rather
/// than read into memory.
pub const MAX_INPUT: u64 = 4 * 1024 * 1024;

/// What kinds of file an input may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// A regular file (symlinks followed). FIFOs and devices are refused at once, never opened.
    Regular,
    /// A regular file or a pipe, for inputs people pass as `<(op read …)`.
    RegularOrPipe,
}

/// Read a file that holds user input: it exists, is a file of an accepted kind, is not huge.
/// `what` names it in messages ("the .env file", "the private key file").
pub fn read(path: &Path, what: &str, accept: Accept) -> Result<Vec<u8>, Failure> {
    read_bounded(path, what, accept, MAX_INPUT, None)
}

/// [`read`] with a size limit of its own and, for a pipe, a time limit: a FIFO is opened without
/// waiting for a writer and read as data comes, until its writer closes it, `max` bytes are
/// passed (an error), or `until` (an error naming the file). A pipe is read once, whole: its size
/// cannot be known before (reqwest would send `Content-Length: 0`), and it cannot be read again.
pub fn read_bounded(
    path: &Path,
    what: &str,
    accept: Accept,
    max: u64,
    until: Option<Instant>,
) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| open_failure(path, what, &e))?;
    check_kind(path, what, &meta, accept)?;
    if meta.len() > max {
        return Err(too_large(path, what, meta.len(), max));
    }
    let file = open_read(path).map_err(|e| open_failure(path, what, &e))?;
    // The path may have been swapped for a FIFO or device between the look and the open.
    let opened = file.metadata().map_err(|e| open_failure(path, what, &e))?;
    check_kind(path, what, &opened, accept)?;
    let bytes = read_stream(file, max, until).map_err(|e| match e {
        StreamError::TooLarge(n) => too_large(path, what, n, max),
        StreamError::TimedOut => Failure::network(format!(
            "{what} {shown} gave no end of data in time (a FIFO with no writer?)"
        ))
        .with_hint("start what writes to it first, or raise --max-time"),
        StreamError::Io(e) => Failure::config(format!("cannot read {what} {shown}: {e}")),
    })?;
    Ok(bytes)
}

/// Read stdin whole, at most `max` bytes, by `until` when there is one. `what` names the data.
pub fn read_stdin(what: &str, max: u64, until: Option<Instant>) -> Result<Vec<u8>, Failure> {
    read_stream(io::stdin(), max, until).map_err(|e| match e {
        StreamError::TooLarge(n) => Failure::config(format!(
            "{what} on stdin is more than {max} bytes ({n} read), too large to be what it should be"
        )),
        StreamError::TimedOut => Failure::network(format!("{what} on stdin did not end in time"))
            .with_hint("raise --max-time, or check what writes to stdin"),
        StreamError::Io(e) => Failure::config(format!("cannot read {what} from stdin: {e}")),
    })
}

/// Why a stream could not be read whole.
enum StreamError {
    /// More than the limit: at least this many bytes.
    TooLarge(u64),
    TimedOut,
    Io(io::Error),
}

/// Read to the end, at most `max` bytes; on Unix each read waits (`poll`) no later than `until`, so
/// neither a silent writer nor a FIFO without one holds the run past its deadline.
fn read_stream(
    mut source: impl Read + AsReadFd,
    max: u64,
    until: Option<Instant>,
) -> Result<Vec<u8>, StreamError> {
    let mut bytes = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        if !readable_by(&source, until)? {
            return Err(StreamError::TimedOut);
        }
        match source.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => {
                bytes.extend_from_slice(&chunk[..n]);
                if bytes.len() as u64 > max {
                    return Err(StreamError::TooLarge(bytes.len() as u64));
                }
            }
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
            Err(e) => return Err(StreamError::Io(e)),
        }
    }
}

/// A source whose descriptor can be waited on.
#[cfg(unix)]
pub trait AsReadFd: std::os::fd::AsFd {}
#[cfg(unix)]
impl<T: std::os::fd::AsFd> AsReadFd for T {}
#[cfg(not(unix))]
pub trait AsReadFd {}
#[cfg(not(unix))]
impl<T> AsReadFd for T {}

/// Wait until the source has data or its end, no later than `until`: `false` when the time ran out.
#[cfg(unix)]
fn readable_by(
    source: &impl std::os::fd::AsFd,
    until: Option<Instant>,
) -> Result<bool, StreamError> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    loop {
        let timeout = until.map(|u| {
            let left = u.saturating_duration_since(Instant::now());
            Timespec {
                tv_sec: left.as_secs().try_into().unwrap_or(i64::MAX),
                tv_nsec: left.subsec_nanos().into(),
            }
        });
        let fd = source.as_fd();
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match poll(&mut fds, timeout.as_ref()) {
            Ok(0) => return Ok(false),
            Ok(_) => return Ok(true),
            Err(rustix::io::Errno::INTR) => continue,
            Err(e) => return Err(StreamError::Io(e.into())),
        }
    }
}

#[cfg(not(unix))]
fn readable_by<T>(_: &T, _: Option<Instant>) -> Result<bool, StreamError> {
    Ok(true)
}

/// [`read`], and the bytes must be UTF-8.
pub fn read_text(path: &Path, what: &str, accept: Accept) -> Result<String, Failure> {
    let bytes = read(path, what, accept)?;
    String::from_utf8(bytes).map_err(|e| {
        let line = first_invalid_line(e.as_bytes());
        Failure::config(format!(
            "{what} {} is not UTF-8 text (invalid byte on line {line})",
            path.display()
        ))
        .with_hint("save it as UTF-8")
    })
}

/// The 1-based line of the first byte that is not valid UTF-8 (`bytes` must hold one).
pub fn first_invalid_line(bytes: &[u8]) -> usize {
    let good = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |s| s.len());
    bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1
}

fn open_failure(path: &Path, what: &str, e: &io::Error) -> Failure {
    let shown = path.display();
    match e.kind() {
        ErrorKind::NotFound => Failure::config(format!("{what} {shown} does not exist")),
        ErrorKind::PermissionDenied => Failure::config(format!("{what} {shown} is not readable"))
            .with_hint(format!("check its permissions: ls -l {shown}")),
        _ => Failure::config(format!("cannot read {what} {shown}: {e}")),
    }
}

fn too_large(path: &Path, what: &str, len: u64, max: u64) -> Failure {
    Failure::config(format!(
        "{what} {} is {len} bytes or more, too large to be what it should be (limit {max})",
        path.display()
    ))
}

fn check_kind(path: &Path, what: &str, meta: &Metadata, accept: Accept) -> Result<(), Failure> {
    let kind = file_kind(meta);
    match kind {
        FileKind::Regular => Ok(()),
        FileKind::Pipe if accept == Accept::RegularOrPipe => Ok(()),
        _ => Err(Failure::config(format!(
            "{what} {} is {}, not a regular file",
            path.display(),
            kind.describe()
        ))),
    }
}

/// What a path is, as far as reading and writing user files cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Regular,
    Directory,
    Pipe,
    /// A device, socket or anything else.
    Special,
}

impl FileKind {
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Regular => "a regular file",
            FileKind::Directory => "a directory",
            FileKind::Pipe => "a FIFO (named pipe)",
            FileKind::Special => "a device or socket",
        }
    }
}

pub fn file_kind(meta: &Metadata) -> FileKind {
    let t = meta.file_type();
    if t.is_file() {
        FileKind::Regular
    } else if t.is_dir() {
        FileKind::Directory
    } else if is_fifo(&t) {
        FileKind::Pipe
    } else {
        FileKind::Special
    }
}

#[cfg(unix)]
fn is_fifo(t: &fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_fifo()
}

#[cfg(not(unix))]
fn is_fifo(_: &fs::FileType) -> bool {
    false
}

/// Open for reading without ever waiting in `open()`: a FIFO with no writer opens at once (its
/// reads then wait, as long as the caller allows), one swapped in for a regular file is refused.
#[cfg(unix)]
fn open_read(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_read(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// How many names (hard links) a file has; 1 where the platform does not say.
#[cfg(unix)]
pub fn link_count(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
pub fn link_count(_: &Metadata) -> u64 {
    1
}

/// Unix permission bits, where the platform has them.
#[cfg(unix)]
pub fn mode(meta: &Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
pub fn mode(_: &Metadata) -> Option<u32> {
    None
}

/// How long a lock may be waited for. Locks are the OS's (`flock`, `LockFileEx`): they die with
/// the process that holds them, so a lock left by a killed run never blocks; one held by a live run
/// (a slow one, or one stopped with Ctrl-Z) is waited for until `until`, then the wait fails (exit 5)
/// naming the lock file.
pub struct Patience<'a> {
    pub until: Instant,
    /// What sets `until`, for the failure: `--max-time 2s`.
    pub bound: &'a str,
    /// Told once, when the wait has lasted about a second: the caller decides what people see.
    pub on_wait: &'a dyn Fn(&Path),
}

/// After this long a wait for a lock is worth a word.
const LOCK_NOTICE_AFTER: Duration = Duration::from_secs(1);

/// Take an exclusive lock on `file` (at `path`), polling until `patience` runs out.
fn lock_patiently(file: &File, path: &Path, patience: &Patience<'_>) -> Result<(), Failure> {
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(Failure::config(format!(
                    "cannot lock {}: {e}",
                    path.display()
                )));
            }
        }
        let now = Instant::now();
        if now >= patience.until {
            return Err(Failure::network(format!(
                "waited {} for another adobe-jwt run, which holds {}, until {} ran out",
                humantime::format_duration(Duration::from_secs(
                    now.duration_since(started).as_secs()
                )),
                path.display(),
                patience.bound
            ))
            .with_hint("a run stopped with Ctrl-Z keeps its lock until it goes on (fg) or ends; otherwise give it time: --max-time"));
        }
        if !told && now.duration_since(started) >= LOCK_NOTICE_AFTER {
            (patience.on_wait)(path);
            told = true;
        }
        std::thread::sleep(Duration::from_millis(15).min(patience.until - now));
    }
}

/// An exclusive lock on a target file, held through a lock file beside it
/// (`.NAME.adobe-jwt.lock`), so the target itself can be replaced by rename while it is held
/// (Windows refuses to rename over an open file). The lock file is removed on release.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    _file: File,
}

impl Lock {
    /// Wait for the lock of `target`, as `patience` allows.
    pub fn beside(target: &Path, patience: &Patience<'_>) -> Result<Self, Failure> {
        let path = sibling(target, ".adobe-jwt.lock");
        let fail = |e: io::Error| {
            Failure::config(format!(
                "cannot lock {} (through {}): {e}",
                target.display(),
                path.display()
            ))
            .with_hint("check that its folder is writable")
        };
        loop {
            let file = match create_private(&path) {
                Ok(f) => f,
                // Windows: a lock file being deleted by its last holder cannot be opened for a moment.
                Err(e) if cfg!(windows) && e.kind() == ErrorKind::PermissionDenied => {
                    if Instant::now() >= patience.until {
                        return Err(fail(e));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                Err(e) => return Err(fail(e)),
            };
            lock_patiently(&file, &path, patience)?;
            // The last holder deletes the file before it unlocks: whoever then gets the lock of the
            // deleted file must start again with the file now at the path.
            if same_file(&file, &path) {
                return Ok(Self { path, _file: file });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Hold an exclusive lock on a lock file that stays in place (the token cache's), created 0600,
/// waiting as `patience` allows; held until the file is dropped. `Ok(None)` when the lock file
/// cannot be opened at all (a read-only folder): the caller goes on without the lock.
pub fn lock_in_place(
    path: &Path,
    patience: &Patience<'_>,
) -> Result<Result<File, io::Error>, Failure> {
    let file = match create_private(path) {
        Ok(file) => file,
        Err(e) => return Ok(Err(e)),
    };
    lock_patiently(&file, path, patience)?;
    Ok(Ok(file))
}

/// A folder only its owner may enter (0700 on Unix), with its parents.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

/// Make a file readable and writable by its owner only (0600 on Unix; elsewhere nothing to do).
#[cfg(unix)]
pub fn set_private(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
pub fn set_private(_: &Path) -> io::Result<()> {
    Ok(())
}

/// Open (creating 0600 if needed) a file for reading and writing, never truncating it; a symlink,
/// FIFO or device planted at the path is refused, never followed or waited on.
fn create_private(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    Ok(file)
}

/// Why a file or folder that must be private to this user is not, if it is not: it must be itself
/// (not a symbolic link), of the kind expected, owned by this user and writable by no one else, as
/// ssh's StrictModes asks of ~/.ssh. A path that does not exist is fine.
#[cfg(unix)]
pub fn untrusted(path: &Path, want: FileKind) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return None,
        Err(e) => return Some(format!("cannot be examined ({e})")),
    };
    if meta.file_type().is_symlink() {
        return Some("is a symbolic link".into());
    }
    let kind = file_kind(&meta);
    if kind != want {
        return Some(format!("is {}", kind.describe()));
    }
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Some(format!("belongs to another user (uid {})", meta.uid()));
    }
    if meta.mode() & 0o022 != 0 {
        return Some(format!(
            "is writable by others (mode {:04o})",
            meta.mode() & 0o7777
        ));
    }
    None
}

#[cfg(not(unix))]
pub fn untrusted(_: &Path, _: FileKind) -> Option<String> {
    None
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

/// `.NAME<suffix>` beside `path`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    path.with_file_name(name)
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// How a file was replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replaced {
    /// A temporary file renamed over it: a reader, or a crash, sees the old bytes or the new.
    Atomically,
    /// Rewritten where it is, because it cannot be renamed over (a bind-mounted file, as
    /// `docker run -v ./.env:/app/.env` makes, or a folder the user cannot write): why.
    InPlace(String),
}

/// Replace `path` with `bytes`, then read it back: the file must hold exactly `bytes`, or the old
/// bytes are put back and the write fails. The replacement is a temporary file beside it, given
/// the mode (and, on Unix, the owner and group) of `like` (the file being replaced) or 0600 for a
/// new file, flushed to disk and renamed over `path`. A file that cannot be renamed over (a mount
/// point, a folder the user cannot write) is rewritten in place instead, which keeps its inode,
/// mode, owner, links and extended attributes. The caller holds the [`Lock`] of `path`: temporary
/// files that killed writers left (`.NAME.adobe-jwt-*.tmp`) are removed first, since no live
/// writer can own one. On failure nothing new is left behind and `path` is unchanged.
pub fn replace(path: &Path, bytes: &[u8], like: Option<&Metadata>) -> io::Result<Replacement> {
    let (how, dropped) = match replace_by_rename(path, bytes, like) {
        Ok(dropped) => (Replaced::Atomically, dropped),
        Err(e) if like.is_some() && cannot_rename_over(&e) => {
            rewrite_in_place(path, bytes)?;
            (Replaced::InPlace(e.to_string()), Vec::new())
        }
        Err(e) => return Err(e),
    };
    let back = fs::read(path)?;
    if back != bytes {
        return Err(io::Error::other(format!(
            "{} read back {} bytes that differ from the {} written",
            path.display(),
            back.len(),
            bytes.len()
        )));
    }
    Ok(Replacement {
        how,
        dropped_xattrs: dropped,
    })
}

/// What [`replace`] did.
#[derive(Debug, Clone)]
pub struct Replacement {
    pub how: Replaced,
    /// Extended attributes of the old file (ACLs, SELinux labels, …) the new one could not be
    /// given, by name.
    pub dropped_xattrs: Vec<String>,
}

/// The temporary file, written and renamed over `path`; the extended attributes of the file it
/// replaced that it could not be given.
fn replace_by_rename(
    path: &Path,
    bytes: &[u8],
    like: Option<&Metadata>,
) -> io::Result<Vec<String>> {
    let dir = folder(path);
    let prefix = sibling(path, ".adobe-jwt-")
        .file_name()
        .map(OsString::from)
        .unwrap_or_default();
    remove_stale(dir, &prefix);
    let mut tmp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(dir)?;
    keep_identity(tmp.as_file(), like)?;
    let dropped = if like.is_some() {
        copy_xattrs(path, tmp.as_file())
    } else {
        Vec::new()
    };
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(dropped)
}

/// Give `to` the extended attributes of the file at `from`; the names of those it could not take.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn copy_xattrs(from: &Path, to: &File) -> Vec<String> {
    use rustix::fs::{
        XattrFlags, fgetxattr, fgetxattr_query, flistxattr, flistxattr_query, fsetxattr,
    };
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let Ok(source) = File::open(from) else {
        return Vec::new();
    };
    let size = match flistxattr_query(&source) {
        Ok(0) | Err(_) => return Vec::new(),
        Ok(n) => n,
    };
    let mut list = vec![0u8; size];
    let Ok(n) = flistxattr(&source, &mut list[..]) else {
        return vec!["(its extended attributes could not be listed)".into()];
    };
    let mut dropped = Vec::new();
    for name in list[..n.min(size)]
        .split(|b| *b == 0)
        .filter(|n| !n.is_empty())
    {
        let name = OsStr::from_bytes(name);
        let copied = fgetxattr_query(&source, name).and_then(|len| {
            let mut value = vec![0u8; len];
            let got = fgetxattr(&source, name, &mut value[..])?;
            fsetxattr(to, name, &value[..got.min(len)], XattrFlags::empty())
        });
        if copied.is_err() {
            dropped.push(name.to_string_lossy().into_owned());
        }
    }
    dropped
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn copy_xattrs(_: &Path, _: &File) -> Vec<String> {
    Vec::new()
}

/// Errors after which the file itself may still be writable where it is: the folder refuses a
/// temporary file, or the file is a mount point (EBUSY) or on another device than its folder.
fn cannot_rename_over(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::PermissionDenied
            | ErrorKind::ResourceBusy
            | ErrorKind::CrossesDevices
            | ErrorKind::ReadOnlyFilesystem
    )
}

/// Write `bytes` over the file where it is, then cut it to their length and flush it to disk. If
/// any step fails, the old bytes (which fit where they were) are written back.
fn rewrite_in_place(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::{Seek, SeekFrom};
    let old = fs::read(path)?;
    let mut file = fs::OpenOptions::new().write(true).open(path)?;
    let write = |file: &mut File, data: &[u8]| -> io::Result<()> {
        file.seek(SeekFrom::Start(0))?;
        file.write_all(data)?;
        file.set_len(data.len() as u64)?;
        file.sync_all()
    };
    if let Err(e) = write(&mut file, bytes) {
        let _ = write(&mut file, &old);
        return Err(e);
    }
    Ok(())
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
fn keep_identity(file: &File, like: Option<&Metadata>) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(like) = like else {
        return file.set_permissions(fs::Permissions::from_mode(0o600));
    };
    let mine = file.metadata()?;
    if (mine.uid(), mine.gid()) != (like.uid(), like.gid()) {
        std::os::unix::fs::fchown(file, Some(like.uid()), Some(like.gid())).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!(
                    "it belongs to user {} and group {}, which a rewritten copy could not keep ({e})",
                    like.uid(),
                    like.gid()
                ),
            )
        })?;
    }
    file.set_permissions(fs::Permissions::from_mode(like.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_identity(file: &File, like: Option<&Metadata>) -> io::Result<()> {
    if let Some(like) = like {
        file.set_permissions(like.permissions())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn patience(wait: Duration) -> Patience<'static> {
        Patience {
            until: Instant::now() + wait,
            bound: "the test's bound",
            on_wait: &|_| {},
        }
    }

    #[test]
    fn a_held_lock_is_waited_for_until_the_bound_then_named() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join(".env");
        let held = Lock::beside(&target, &patience(Duration::from_secs(5))).expect("lock");
        let told = std::cell::Cell::new(false);
        let notice = |_: &Path| told.set(true);
        let waited = Patience {
            until: Instant::now() + Duration::from_millis(1300),
            bound: "--max-time 1.3s",
            on_wait: &notice,
        };
        let started = Instant::now();
        let err = Lock::beside(&target, &waited).expect_err("times out");
        assert!(started.elapsed() >= Duration::from_millis(1300));
        assert!(told.get(), "said after a second that it waits");
        assert_eq!(err.kind, crate::error::Kind::Network);
        assert!(
            err.message.contains("..env.adobe-jwt.lock") && err.message.contains("--max-time 1.3s"),
            "{}",
            err.message
        );
        drop(held);
        drop(Lock::beside(&target, &patience(Duration::from_secs(5))).expect("free again"));
    }

    #[test]
    fn a_replacement_is_read_back_and_a_mount_point_is_rewritten_in_place() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join(".env");
        fs::write(&target, "A=1\n").expect("write");
        let meta = fs::metadata(&target).expect("stat");
        assert_eq!(
            replace(&target, b"A=2\n", Some(&meta))
                .expect("replaced")
                .how,
            Replaced::Atomically
        );
        rewrite_in_place(&target, b"A=three\n").expect("in place");
        assert_eq!(fs::read(&target).expect("read"), b"A=three\n");
        rewrite_in_place(&target, b"B\n").expect("shorter");
        assert_eq!(fs::read(&target).expect("read"), b"B\n");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("dir")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

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
        replace(&target, b"A=1\n", None).expect("writes");
        assert_eq!(
            names(dir.path()),
            [".env", ".other.env.adobe-jwt-abc123.tmp"]
        );
        assert_eq!(fs::read_to_string(&target).expect("read"), "A=1\n");
    }

    #[test]
    fn a_lock_file_is_removed_on_release_and_can_be_taken_again() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join(".env");
        let patience = patience(Duration::from_secs(5));
        let lock = Lock::beside(&target, &patience).expect("lock");
        assert_eq!(names(dir.path()), ["..env.adobe-jwt.lock"]);
        drop(lock);
        assert!(names(dir.path()).is_empty());
        drop(Lock::beside(&target, &patience).expect("lock again"));
    }

    #[cfg(unix)]
    #[test]
    fn fifos_are_refused_without_being_opened() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let err = read(&fifo, "the .env file", Accept::Regular).expect_err("refused");
        assert!(err.message.contains("is a FIFO"), "{}", err.message);
    }
}
