//! `token`: a ready access token on stdout.

use crate::cli::NetArgs;
use crate::commands::check_env::{Report, Status};
use crate::config::Loaded;
use crate::output::Ui;

/// `check-env --online`: ask IMS for a token, bypassing the cache, and report its verdict.
pub fn online_check(_loaded: &Loaded, _net: &NetArgs, _ui: &Ui, report: &mut Report) {
    report.add(
        Status::Error,
        "online",
        "--online is not yet available in this build",
    );
}
