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
        }
    }
}

/// An error with a kind and, where one helps, a hint for what to do.
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: Kind,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(kind: Kind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            hint: None,
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

impl std::error::Error for Failure {}

impl From<anyhow::Error> for Failure {
    /// The Failure inside, or an unexpected one that keeps the whole message.
    fn from(err: anyhow::Error) -> Self {
        match err.downcast::<Failure>() {
            Ok(f) => f,
            Err(other) => Failure::new(Kind::Unexpected, format!("{other:#}")),
        }
    }
}

/// The failure an error chain carries, if any.
pub fn failure(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|e| e.downcast_ref::<Failure>())
}

/// True when the error is a closed pipe on our output (`adobe-jwt … | head`): a quiet success,
/// for every command. Windows also says "the pipe is being closed" (232) and "no process is on the
/// other end of the pipe" (233).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<io::Error>().is_some_and(closed_pipe))
}

/// Whether a write failed because the reader of our output has gone.
pub fn closed_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(232 | 233)))
}

/// The exit code for an error, as docs/exit-codes.md lists them.
pub fn exit_code(err: &anyhow::Error) -> ExitCode {
    let kind = failure(err).map_or(Kind::Unexpected, |f| f.kind);
    ExitCode::from(kind.code())
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn the_kind_survives_context() {
        let err = Err::<(), _>(Failure::config("bad key"))
            .context("reading .env")
            .expect_err("fails");
        assert_eq!(failure(&err).map(|f| f.kind), Some(Kind::Config));
    }

    #[test]
    fn broken_pipe_is_found_anywhere_in_the_chain() {
        let err = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe)).context("x");
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("other")));
    }
}
