//! Keeping secrets out of core dumps: at start the process is made non-dumpable (Linux) and its
//! core-file limit set to 0, as ssh-agent and gpg-agent do, so that a crash or a SIGQUIT during an
//! IMS wait writes no file holding the client secret. `exec` gives its command the limit back.

#[cfg(unix)]
use std::sync::OnceLock;

/// The core-file limit the process started with, for `exec`'s command.
#[cfg(unix)]
static STARTED_WITH: OnceLock<rustix::process::Rlimit> = OnceLock::new();

/// No core file from this process, whatever `ulimit -c` says.
pub fn forbid() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let before = getrlimit(Resource::Core);
        let _ = setrlimit(
            Resource::Core,
            Rlimit {
                current: Some(0),
                maximum: before.maximum,
            },
        );
        let _ = STARTED_WITH.set(before);
        #[cfg(any(target_os = "linux", target_os = "android"))]
        let _ =
            rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable);
    }
}

/// Before `exec` becomes another program (which starts dumpable again): the core-file limit the
/// user had.
pub fn allow_for_child() {
    #[cfg(unix)]
    if let Some(before) = STARTED_WITH.get() {
        let _ = rustix::process::setrlimit(rustix::process::Resource::Core, *before);
    }
}
