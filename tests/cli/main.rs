//! The behaviour users see, through the real binary: one test binary (as ripgrep and xh have), one
//! module per area, and a shared harness.

mod common;

/// The product's own clap definitions, for the docs test.
#[allow(dead_code)]
#[path = "../../src/cli.rs"]
mod cli;

/// The table of environment variables cli.rs's man page sections read.
#[allow(dead_code)]
#[path = "../../src/env_vars.rs"]
mod env_vars;

mod action;
mod assets;
mod call;
mod check_env;
mod ci_logs;
mod classes;
mod concurrency;
mod demo;
mod dist;
mod docs;
mod encode_key;
mod env_file;
mod faults;
mod habits;
mod handoff;
mod hostile;
mod import;
mod keychain;
mod layers;
mod leaks;
mod lifecycle;
mod openssl_keys;
mod options;
mod output;
mod reading;
mod secret;
mod snapshots;
#[cfg(unix)]
mod soak;
#[cfg(unix)]
mod terminal;
mod tls;
mod token;
