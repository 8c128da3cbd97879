//! Errors for people, and the one place that maps them to exit codes (docs/exit-codes.md).

use std::fmt;
use std::io;
use std::process::ExitCode;

/// What went wrong, as the exit code tells it (docs/exit-codes.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 1: a bug or something we did not foresee.
    Unexpected,
    /// 2: the command line is wrong (clap reports most of these itself).
    Usage,
    /// 3: configuration or input invalid.
    Config,
    /// 4: IMS rejected the credentials.
    Rejected,
    /// 5: network failure, IMS unavailable or an unexpected response.
    Network,
    /// 6: the API answered 4xx/5xx (`call`).
    Api,
    /// 7: something changed, but the run could not finish (`secret`): the message says what changed
    /// and what is left to do.
    Incomplete,
    /// 0, quietly: the reader of our output has gone (`adobe-jwt … | head`), which is no failure.
    Closed,
}

impl Kind {
    pub fn code(self) -> u8 {
        match self {
            Kind::Unexpected => 1,
            Kind::Usage => 2,
            Kind::Config => 3,
            Kind::Rejected => 4,
            Kind::Network => 5,
            Kind::Api => 6,
            Kind::Incomplete => 7,
            Kind::Closed => 0,
        }
    }
}

/// The result of everything that can fail for a person to read about.
pub type Result<T, E = Failure> = std::result::Result<T, E>;

/// An error with a kind and, where one helps, a hint for what to do; `source` is the error it
/// came from, when there was one (an I/O error), kept for the chain.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
    pub source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    pub fn config(message: impl Into<String>) -> Self {
        Self::new(Kind::Config, message)
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new(Kind::Network, message)
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Kind::Usage, message)
    }

    /// Something changed, but not all that was asked (exit 7).
    pub fn incomplete(message: impl Into<String>) -> Self {
        Self::new(Kind::Incomplete, message)
    }

    /// The same failure, as one after which something had changed (exit 7).
    pub fn into_incomplete(self) -> Self {
        Self {
            kind: Kind::Incomplete,
            ..self
        }
    }

    /// The same failure with its message put in context: `f(message)`.
    pub fn reworded(self, f: impl FnOnce(&str) -> String) -> Self {
        Self {
            message: f(&self.message),
            ..self
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<io::Error> for Failure {
    /// A closed pipe on our output is the quiet [`Kind::Closed`]; any other I/O error is unexpected.
    fn from(e: io::Error) -> Self {
        if closed_pipe(&e) {
            return Failure::new(Kind::Closed, "the reader of stdout has gone");
        }
        Failure {
            source: Some(std::sync::Arc::new(io::Error::new(e.kind(), e.to_string()))),
            ..Failure::new(Kind::Unexpected, e.to_string())
        }
    }
}

/// An error in its context, as a failure: `creating a folder: permission denied`.
pub trait Context<T> {
    fn context(self, doing: impl fmt::Display) -> Result<T>;
}

impl<T, E: std::error::Error + Send + Sync + 'static> Context<T> for std::result::Result<T, E> {
    fn context(self, doing: impl fmt::Display) -> Result<T> {
        self.map_err(|e| {
            Failure {
                message: format!("{doing}: {e}"),
                ..Failure::new(Kind::Unexpected, String::new())
            }
            .with_source(e)
        })
    }
}

impl Failure {
    /// The same failure, with the error it came from.
    pub fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(std::sync::Arc::new(e));
        self
    }

    /// Whether this is the quiet end of a closed stdout.
    pub fn is_closed(&self) -> bool {
        self.kind == Kind::Closed
    }
}

/// Whether a write failed because the reader of our output has gone.
pub fn closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(232 | 233)))
}

/// The exit code for a failure, as docs/exit-codes.md lists them.
pub fn exit_code(f: &Failure) -> ExitCode {
    ExitCode::from(f.kind.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_a_quiet_end_and_other_io_errors_keep_their_source() {
        let closed = Failure::from(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(closed.is_closed());
        assert_eq!(closed.kind.code(), 0);
        let other = Failure::from(io::Error::other("disk on fire"));
        assert_eq!(other.kind, Kind::Unexpected);
        assert!(std::error::Error::source(&other).is_some());
        let ctx = Err::<(), _>(io::Error::other("no"))
            .context("writing x")
            .expect_err("fails");
        assert_eq!(ctx.message, "writing x: no");
    }
}
