//! Handing a value that exists nowhere else (a client secret the Console has just shown once) to
//! stdout, and proving it arrived: a file is read back, a pipe is watched until its reader has taken
//! the value, a terminal has shown it. Anything less is a failure the caller must act on: a closed
//! or broken pipe is never a quiet success here.

use std::io::{self, IsTerminal, Write};
use std::time::{Duration, Instant};

/// Where stdout took the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    not(unix),
    allow(
        dead_code,
        reason = "Windows tells a terminal from any other stream only"
    )
)]
pub enum Delivered {
    /// A terminal: it is on the screen.
    Terminal,
    /// A regular file: written, flushed to disk and read back.
    File,
    /// A pipe whose reader has taken it (Linux watches the pipe drain; elsewhere the write to a
    /// pipe with a reader is the proof).
    Pipe,
    /// A socket, or a stream this platform cannot look into: the write succeeded.
    Stream,
}

impl Delivered {
    /// "on stdout (a terminal)", for the note that says where the value is.
    pub fn describe(self) -> &'static str {
        match self {
            Delivered::Terminal => "on stdout (the terminal)",
            Delivered::File => "on stdout (a file, read back)",
            Delivered::Pipe => "on stdout (taken by the program reading it)",
            Delivered::Stream => "on stdout",
        }
    }
}

/// Whether stdout can take a value at all, before anything irreversible is done: it is open, it is
/// not a device that throws data away (`> /dev/null`), and a pipe still has a reader. `Err` says why
/// not.
pub fn check_stdout() -> Result<(), String> {
    imp::check()
}

/// Write `line` and a newline to stdout and prove it arrived, waiting at most `patience` for a
/// pipe's reader to take it. `Err` says why it may not have: the caller must treat the value as
/// lost.
pub fn to_stdout(line: &str, patience: Duration) -> Result<Delivered, String> {
    imp::deliver(format!("{line}\n").as_bytes(), Instant::now() + patience)
}

fn write_out(bytes: &[u8]) -> Result<(), String> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| match e.kind() {
            io::ErrorKind::BrokenPipe => "the program reading stdout had already gone".to_string(),
            _ => format!("writing to stdout failed: {e}"),
        })
}

#[cfg(unix)]
mod imp {
    use super::{Delivered, Instant, IsTerminal, write_out};
    use rustix::fs::{FileType, SeekFrom};
    use std::os::fd::{AsFd, BorrowedFd};

    /// What stdout is.
    enum Kind {
        Terminal,
        File,
        Pipe,
        Socket,
        /// A character device that is not a terminal (`/dev/null`) or anything else.
        Device,
    }

    fn kind(fd: BorrowedFd<'_>) -> Result<Kind, String> {
        let stat = rustix::fs::fstat(fd).map_err(|e| format!("stdout is closed ({e})"))?;
        Ok(match FileType::from_raw_mode(stat.st_mode) {
            FileType::RegularFile => Kind::File,
            FileType::Fifo => Kind::Pipe,
            FileType::Socket => Kind::Socket,
            FileType::CharacterDevice if std::io::stdout().is_terminal() => Kind::Terminal,
            _ => Kind::Device,
        })
    }

    /// Whether the reading end of the pipe has gone (no reader is left).
    fn reader_gone(fd: BorrowedFd<'_>) -> bool {
        use rustix::event::{PollFd, PollFlags, Timespec, poll};
        let mut fds = [PollFd::new(&fd, PollFlags::OUT)];
        let zero = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        poll(&mut fds, Some(&zero)).is_ok()
            && fds[0].revents().intersects(PollFlags::ERR | PollFlags::HUP)
    }

    pub fn check() -> Result<(), String> {
        let out = std::io::stdout();
        let fd = out.as_fd();
        let writable = rustix::fs::fcntl_getfl(fd)
            .is_ok_and(|f| (f & rustix::fs::OFlags::RWMODE) != rustix::fs::OFlags::RDONLY);
        if !writable {
            return Err("stdout is open for reading only".into());
        }
        match kind(fd)? {
            Kind::Device => Err(
                "stdout is a device that is not a terminal (/dev/null?): a value written there is lost"
                    .into(),
            ),
            Kind::Socket => Err(SOCKET.into()),
            Kind::Pipe if reader_gone(fd) => {
                Err("stdout is a pipe whose reader has already gone".into())
            }
            _ => Ok(()),
        }
    }

    /// Why a socket on stdout is refused: unlike a pipe, it cannot be watched for its reader to
    /// take the value.
    const SOCKET: &str = "stdout is a socket (as Node's spawn and systemd give), which cannot be watched for its reader taking the value: give it a pipe or a file (| cat, > FILE)";

    pub fn deliver(bytes: &[u8], until: Instant) -> Result<Delivered, String> {
        let out = std::io::stdout();
        let fd = out.as_fd();
        let kind = kind(fd)?;
        match kind {
            Kind::Device => {
                return Err(
                    "stdout is a device that is not a terminal: a value written there is lost"
                        .into(),
                );
            }
            Kind::Socket => return Err(SOCKET.into()),
            _ => {}
        }
        write_out(bytes)?;
        match kind {
            Kind::Terminal => Ok(Delivered::Terminal),
            Kind::Socket | Kind::Device => Ok(Delivered::Stream),
            Kind::File => read_back(fd, bytes).map(|()| Delivered::File),
            Kind::Pipe => drained(fd, until)
                .map(|()| Delivered::Pipe)
                .inspect_err(|_| {
                    // The value will be made void: it must not reach a reader later.
                    withdraw();
                }),
        }
    }

    /// The bytes just written to a regular file are there: flushed to disk, then read where they
    /// landed (the file offset now sits just past them, `>>` included), through stdout itself or,
    /// when it was opened for writing only (`> FILE`), through the same file opened again.
    fn read_back(fd: BorrowedFd<'_>, bytes: &[u8]) -> Result<(), String> {
        rustix::fs::fsync(fd).map_err(|e| format!("stdout's file could not be flushed ({e})"))?;
        let end = rustix::fs::seek(fd, SeekFrom::Current(0))
            .map_err(|e| format!("stdout's file cannot be read back ({e})"))?;
        let start = end
            .checked_sub(bytes.len() as u64)
            .ok_or("stdout's file is shorter than what was written")?;
        let back = match read_at(fd, start, bytes.len()) {
            Ok(back) => back,
            Err(rustix::io::Errno::BADF) => {
                let again = reopen(fd)?;
                read_at(again.as_fd(), start, bytes.len())
                    .map_err(|e| format!("stdout's file cannot be read back ({e})"))?
            }
            Err(e) => return Err(format!("stdout's file cannot be read back ({e})")),
        };
        if back != bytes {
            return Err("stdout's file does not hold what was written (read back)".into());
        }
        Ok(())
    }

    fn read_at(fd: BorrowedFd<'_>, start: u64, len: usize) -> rustix::io::Result<Vec<u8>> {
        let mut back = vec![0u8; len];
        let mut got = 0;
        while got < len {
            match rustix::io::pread(fd, &mut back[got..], start + got as u64)? {
                0 => break,
                n => got += n,
            }
        }
        back.truncate(got);
        Ok(back)
    }

    /// The file behind stdout, opened again for reading, when it is the same file.
    fn reopen(fd: BorrowedFd<'_>) -> Result<std::fs::File, String> {
        use std::os::unix::fs::MetadataExt;
        let cannot = |e: &dyn std::fmt::Display| format!("stdout's file cannot be read back ({e})");
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let path = std::path::PathBuf::from("/proc/self/fd/1");
        #[cfg(target_vendor = "apple")]
        let path = std::path::PathBuf::from(
            <std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(
                rustix::fs::getpath(fd)
                    .map_err(|e| cannot(&e))?
                    .into_bytes(),
            ),
        );
        #[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
        return Err(cannot(&"this system cannot open it again"));
        #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
        {
            let file = std::fs::File::open(&path).map_err(|e| cannot(&e))?;
            let stat = rustix::fs::fstat(fd).map_err(|e| cannot(&e))?;
            let meta = file.metadata().map_err(|e| cannot(&e))?;
            if meta.ino() != stat.st_ino as u64 || meta.dev() != stat.st_dev as u64 {
                return Err(cannot(&"it was replaced"));
            }
            Ok(file)
        }
    }

    /// Take back what is still in the pipe on stdout, unread (Linux: the pipe opened again, for
    /// reading), so that a reader that comes late never gets a value that is about to be void.
    fn withdraw() {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            use std::io::Read;
            use std::os::unix::fs::OpenOptionsExt;
            let Ok(mut pipe) = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(libc::O_NONBLOCK)
                .open("/proc/self/fd/1")
            else {
                return;
            };
            let mut sink = [0u8; 4096];
            while matches!(pipe.read(&mut sink), Ok(n) if n > 0) {}
        }
    }

    /// The pipe's reader has taken every byte: on Linux, the pipe is empty; a reader that leaves
    /// first (or does not read before `until`) is a failure. Elsewhere a pipe cannot be looked into:
    /// the write to a pipe that had a reader is the proof.
    fn drained(fd: BorrowedFd<'_>, until: Instant) -> Result<(), String> {
        if !cfg!(any(target_os = "linux", target_os = "android")) {
            return Ok(());
        }
        loop {
            let left = rustix::io::ioctl_fionread(fd)
                .map_err(|e| format!("the pipe on stdout cannot be looked into ({e})"))?;
            if left == 0 {
                return Ok(());
            }
            if reader_gone(fd) {
                return Err("the program reading stdout went away before it read the value".into());
            }
            if Instant::now() >= until {
                return Err(format!(
                    "the program reading stdout did not read the value in time ({left} bytes left in the pipe)"
                ));
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

#[cfg(not(unix))]
mod imp {
    use super::{Delivered, Instant, IsTerminal, write_out};

    pub fn check() -> Result<(), String> {
        Ok(())
    }

    /// Windows: a write that succeeds to the terminal, a file or a pipe is the proof (a closed pipe
    /// fails the write).
    pub fn deliver(bytes: &[u8], _until: Instant) -> Result<Delivered, String> {
        write_out(bytes)?;
        Ok(if std::io::stdout().is_terminal() {
            Delivered::Terminal
        } else {
            Delivered::Stream
        })
    }
}
