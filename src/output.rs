//! Where human text goes and how it looks: colour only on terminals, quiet and verbose levels.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};

use colored::{ColoredString, Colorize};

use crate::env_vars::{CLICOLOR_FORCE, NO_COLOR, TERM};
use crate::environment::Environment;

/// When to colour output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Decisions about human output, made once from the options and the environment.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    pub quiet: bool,
    pub verbose: u8,
    out_color: bool,
    err_color: bool,
    dumb: bool,
}

impl Ui {
    pub fn new(quiet: bool, verbose: u8, color: ColorChoice, env: &Environment) -> Self {
        // We decide ourselves; colored's own detection would look only at stdout.
        colored::control::set_override(true);
        Self {
            quiet,
            verbose,
            out_color: use_color(color, std::io::stdout().is_terminal(), env),
            err_color: use_color(color, std::io::stderr().is_terminal(), env),
            dumb: dumb_terminal(env),
        }
    }

    /// Send the `log` facade's records to stderr as this Ui shows lines: `warn!` as warnings and
    /// `info!` as notes (both silenced by `-q`), `debug!` at `-v` and `trace!` at `-vv`, each
    /// escaped; records of other crates are not shown. Called once, by `main`.
    pub fn install_logger(&self) {
        let level = match self.verbose {
            0 => log::LevelFilter::Info,
            1 => log::LevelFilter::Debug,
            _ => log::LevelFilter::Trace,
        };
        if log::set_boxed_logger(Box::new(Logger { ui: *self })).is_ok() {
            log::set_max_level(if self.quiet {
                log::LevelFilter::Error
            } else {
                level
            });
        }
    }

    /// Whether progress may be drawn on stderr: a terminal that can move its cursor (not
    /// `TERM=dumb`, as in Emacs shells), and not `-q`.
    pub fn shows_progress(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal() && !self.dumb
    }

    /// Colour text for stdout when stdout gets colour.
    pub fn paint_out(&self, text: &str, paint: fn(&str) -> ColoredString) -> String {
        if self.out_color {
            paint(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// Colour text for stderr when stderr gets colour.
    pub fn paint_err(&self, text: &str, paint: fn(&str) -> ColoredString) -> String {
        if self.err_color {
            paint(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// `adobe-jwt: error: …` (never silenced).
    pub fn error(&self, message: &str) {
        let label = self.paint_err("error:", |s| s.red().bold());
        to_stderr(&format!("adobe-jwt: {label} {}", escape_controls(message)));
    }

    pub fn warn(&self, message: &str) {
        if !self.quiet {
            let label = self.paint_err("warning:", |s| s.yellow().bold());
            to_stderr(&format!("adobe-jwt: {label} {}", escape_controls(message)));
        }
    }

    /// `hint: …`; a hint of several lines goes on indented lines under the first, each escaped, so
    /// that no line of it can pass for a line of ours.
    pub fn hint(&self, message: &str) {
        if self.quiet {
            return;
        }
        let label = self.paint_err("hint:", |s| s.cyan().bold());
        for (i, line) in message.split('\n').enumerate() {
            if i == 0 {
                to_stderr(&format!("{label} {}", escape_controls(line)));
            } else {
                to_stderr(&format!("      {}", escape_controls(line)));
            }
        }
    }

    /// A line that must reach the user even under `-q`, as errors do: the only place a fact is
    /// shown (the uuid of a secret whose value went to stdout).
    pub fn essential(&self, message: &str) {
        to_stderr(&escape_controls(message));
    }

    /// A one-line summary of what a command did (stderr, silenced by -q).
    pub fn note(&self, message: &str) {
        if !self.quiet {
            to_stderr(&escape_controls(message));
        }
    }

    /// Said once when a run has waited about a second for a lock another run holds.
    pub fn waiting_for_lock(&self, lock: &std::path::Path) {
        self.note(&format!(
            "waiting for another adobe-jwt run ({})",
            lock.display()
        ));
    }

    /// A request log line (`-v`, `-vv`).
    fn log(&self, message: &str) {
        let mark = self.paint_err("*", |s| s.dimmed());
        to_stderr(&format!("{mark} {}", escape_controls(message)));
    }
}

/// The one logger: lower layers log through the `log` facade, never print.
struct Logger {
    ui: Ui,
}

impl log::Log for Logger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.target().starts_with(env!("CARGO_CRATE_NAME"))
            && metadata.level() <= log::max_level()
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        // What a lower layer logs is scrubbed here once more: of the run's secrets and of
        // anything shaped like a token, whatever the line quotes.
        let message = crate::redact::scrub_remembered(&record.args().to_string());
        match record.level() {
            log::Level::Error => self.ui.error(&message),
            log::Level::Warn => self.ui.warn(&message),
            log::Level::Info => self.ui.note(&message),
            log::Level::Debug | log::Level::Trace => self.ui.log(&message),
        }
    }

    fn flush(&self) {}
}

/// A word for a command line a user copies: as it is when the shell reads it so, else in single
/// quotes.
pub fn shell_word(v: &str) -> String {
    if !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:@%+=,-".contains(c))
    {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
}

/// One line on stderr. A closed or broken stderr loses the line, never the run.
fn to_stderr(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// Text fit for a terminal: every control character (C0 with line breaks and tabs, DEL, C1), the
/// Unicode line separators and the bidirectional overrides shown as escapes, so that text from a
/// server, a file or a token can neither send an escape sequence nor forge a line of output.
/// Every human line on stderr goes through it; the human reports on stdout use it for what they quote.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_invisible(c) && (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_invisible(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A character that must not reach a terminal or a line as it is: C0 and C1 controls (line breaks
/// and tabs among them), DEL, the Unicode line separators and the bidirectional overrides.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// A JSON document as text fit for a terminal: serde_json escapes C0 controls in strings, and this
/// escapes the rest of what [`escape_controls`] hides (C1 controls, line separators, bidirectional
/// overrides) as `\uXXXX`, which every JSON reader reads back as the same text. Every JSON output of
/// the tool goes through it, so text from a server or a file reaches a terminal inert.
pub fn json_text(value: &impl serde::Serialize) -> String {
    json_escaped(serde_json::to_string_pretty(value).unwrap_or_default())
}

fn json_escaped(text: String) -> String {
    if !text.chars().any(|c| is_invisible(c) && c != '\n') {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_invisible(c) && c != '\n' {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

/// Write a report whose verdict comes after it (check-env's exit 3, call's exit 6, inspect
/// --online's exit 4): a reader that closed the pipe early (`| head -1`) ends the writing quietly,
/// and the verdict still stands.
pub fn until_closed(written: std::io::Result<()>) -> std::io::Result<()> {
    match written {
        Err(e) if crate::error::closed_pipe(&e) => Ok(()),
        other => other,
    }
}

/// The colour rule: --color, then NO_COLOR / CLICOLOR_FORCE / TERM=dumb, then "is it a terminal".
fn use_color(choice: ColorChoice, terminal: bool, env: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env.get(NO_COLOR.name).is_some() => false,
        ColorChoice::Auto => match env.get(CLICOLOR_FORCE.name) {
            Some(force) => force != "0",
            None => terminal && !dumb_terminal(env),
        },
    }
}

/// `TERM=dumb` (Emacs shells and the like): a terminal without colour or cursor movement.
fn dumb_terminal(env: &Environment) -> bool {
    env.get(TERM.name) == Some("dumb")
}

/// The last second humantime can write (9999-12-31T23:59:59Z), in ms since the epoch.
const MAX_RFC3339_MS: u64 = 253_402_300_799_000;

/// Time left until `expires_at_ms`, at most what [`rfc3339`] can show: a server can claim any expiry,
/// and `expires_in` must agree with the clamped `expires_at` next to it.
pub fn shown_remaining(expires_at_ms: u64, now_ms: u64) -> std::time::Duration {
    std::time::Duration::from_millis(expires_at_ms.min(MAX_RFC3339_MS).saturating_sub(now_ms))
}

/// A time in ms since the epoch as RFC 3339 seconds, clamped to year 9999 (a token or a server can
/// claim any expiry; formatting must not fail on it).
pub fn rfc3339(ms: u64) -> String {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms.min(MAX_RFC3339_MS));
    humantime::format_rfc3339_seconds(t).to_string()
}

/// How much of a server's own words (`error_description`, a Console message, a reason) a message
/// quotes.
pub const QUOTED: usize = 300;

/// Server text cut to at most `max` characters, saying how much was cut: a server can answer with an
/// `error_description` of a megabyte.
pub fn shortened(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max).collect();
    format!("{kept}… ({} more characters cut)", count - max)
}

/// How long ago `ms` was, at `now` (both ms since the epoch), in its largest whole unit: "3d ago",
/// "2h ago", "5m ago", "just now" under a minute; "in the future" past a minute ahead (a server's
/// clock, or its data, can be wrong).
pub fn ago(ms: u64, now: u64) -> String {
    if ms > now.saturating_add(60_000) {
        return "in the future".into();
    }
    let secs = now.saturating_sub(ms) / 1000;
    let unit = match secs {
        86_400.. => 86_400,
        3600.. => 3600,
        _ => 60,
    };
    match secs / unit * unit {
        0 => "just now".into(),
        rounded => format!("{} ago", duration(std::time::Duration::from_secs(rounded))),
    }
}

/// A duration as people read it, in days, hours, minutes and seconds (never months, never finer
/// than a second; under a second in milliseconds): `90d`, `1d 2h`, `2m 30s`, `250ms`.
pub fn duration(d: std::time::Duration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        return format!("{}ms", d.subsec_millis());
    }
    let parts = [
        (secs / 86_400, "d"),
        (secs % 86_400 / 3600, "h"),
        (secs % 3600 / 60, "m"),
        (secs % 60, "s"),
    ];
    let shown: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    shown.join(" ")
}

/// Ask on the terminal; only `y` or `yes` goes on.
pub fn confirmed(question: &str) -> std::io::Result<bool> {
    let mut err = std::io::stderr().lock();
    std::io::Write::write_fmt(&mut err, format_args!("{question} [y/N] "))?;
    std::io::Write::flush(&mut err)?;
    let mut answer = String::new();
    std::io::BufRead::read_line(&mut std::io::stdin().lock(), &mut answer)?;
    Ok(matches!(
        answer.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_in_their_largest_whole_unit() {
        let now = 10 * 86_400_000;
        assert_eq!(ago(now, now), "just now");
        assert_eq!(ago(now - 59_000, now), "just now");
        assert_eq!(ago(now - 61_000, now), "1m ago");
        assert_eq!(ago(now - 3 * 86_400_000 - 7_200_000, now), "3d ago");
        assert_eq!(ago(now - 7_300_000, now), "2h ago");
        assert_eq!(ago(now + 61_000, now), "in the future");
        assert_eq!(ago(u64::MAX, 0), "in the future");
        assert_eq!(
            ago(0, u64::MAX),
            format!(
                "{} ago",
                duration(std::time::Duration::from_secs(
                    u64::MAX / 1000 / 86_400 * 86_400
                ))
            )
        );
    }

    #[test]
    fn far_future_times_are_clamped_not_a_panic() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(u64::MAX), "9999-12-31T23:59:59Z");
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(escape_controls("plain text"), "plain text");
        assert_eq!(
            escape_controls("a\u{1b}]0;title\u{7}\r\nadobe-jwt: ok\u{9b}2J\u{202e}"),
            "a\\x1b]0;title\\x07\\r\\nadobe-jwt: ok\\x9b2J\\u{202e}"
        );
    }

    #[test]
    fn durations_are_shown_in_days_at_most() {
        use std::time::Duration;
        assert_eq!(duration(Duration::from_secs(90 * 86_400)), "90d");
        assert_eq!(duration(Duration::from_secs(93_784)), "1d 2h 3m 4s");
        assert_eq!(duration(Duration::from_millis(250)), "250ms");
        assert_eq!(
            duration(Duration::from_secs(u64::MAX)),
            "213503982334601d 7h 15s"
        );
    }

    #[test]
    fn json_reaches_a_terminal_inert() {
        let doc = serde_json::json!({"grant_type": "a\u{1b}]0;x\u{7}b\u{9b}2J\u{202e}c"});
        let text = json_text(&doc);
        assert!(
            !text.chars().any(|c| is_invisible(c) && c != '\n'),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, doc);
    }

    #[test]
    fn long_server_text_is_cut_and_says_so() {
        assert_eq!(shortened("abc", 3), "abc");
        assert_eq!(shortened("abcdef", 3), "abc… (3 more characters cut)");
    }
}
