//! The .env file: read exactly as Node's dotenv 16.3.1 `parse()` reads it (App Builder pins that
//! version), with line numbers kept, and edited without harm to anything else in it.
//!
//! Node's parser is one regular expression applied repeatedly from line starts (see [`parse`]);
//! this is the same grammar written out as code, so that it runs in linear time and says where each
//! definition sits. The tests compare it with real Node dotenv over a corpus and generated files.

use std::collections::BTreeMap;
use std::fs;
use std::io::ErrorKind;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::Failure;
use crate::files::{self, Accept, Lock};
use crate::secret::Secret;

/// One `KEY=value` definition.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub value: Secret,
    /// 1-based line of the key.
    pub line: usize,
    /// 1-based line where the definition ends (a quoted value may span lines).
    pub last_line: usize,
    /// The quote around the value (`'`, `"` or `` ` ``), when it was written quoted.
    pub quote: Option<char>,
    /// Byte offsets in the file: `key_start..value_end` is the definition as written (from the
    /// key to the end of its value, a trailing comment excluded).
    pub key_start: usize,
    pub value_end: usize,
    /// Byte offsets of the whole lines the definition occupies, its final line break included.
    pub lines: Range<usize>,
    /// The definition as written, from the key to the end of its value (for comparing readers).
    pub written: Secret,
}

/// A line that is neither blank, a comment, nor part of a definition: Node skips it, and so do we.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    /// The key the line seems meant to define, when one can be seen (`KEY:value`, `KEY value`).
    pub key: Option<String>,
}

/// Parsed .env text.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Every definition in file order, duplicates included.
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
}

/// A .env file, read.
#[derive(Debug)]
pub struct EnvFile {
    pub path: PathBuf,
    /// Every definition in file order, duplicates included.
    pub entries: Vec<Entry>,
    pub skipped: Vec<Skipped>,
    /// Lines holding bytes that are not UTF-8 (read as U+FFFD, as Node does).
    pub invalid_utf8: Vec<usize>,
    /// Unix permission bits, where the platform has them.
    pub mode: Option<u32>,
}

impl EnvFile {
    /// The winning definition of a key: the last one, as with Node's dotenv.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.key == key)
    }

    /// Keys defined more than once, with the lines of every definition.
    pub fn duplicates(&self) -> BTreeMap<&str, Vec<usize>> {
        let mut lines: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for e in &self.entries {
            lines.entry(e.key.as_str()).or_default().push(e.line);
        }
        lines.retain(|_, l| l.len() > 1);
        lines
    }
}

/// Read and parse a .env file. Only a regular file is read (a FIFO or device is refused at once);
/// bytes that are not UTF-8 are read as U+FFFD, as Node reads them, and their lines are noted.
pub fn read(path: &Path) -> Result<EnvFile, Failure> {
    let bytes = files::read(path, "the .env file", Accept::Regular)?;
    let (text, invalid_utf8) = match String::from_utf8(bytes) {
        Ok(text) => (text, Vec::new()),
        Err(e) => {
            let bytes = e.into_bytes();
            (
                String::from_utf8_lossy(&bytes).into_owned(),
                invalid_lines(&bytes),
            )
        }
    };
    let parsed = parse(&text);
    let mode = fs::metadata(path).ok().and_then(|m| files::mode(&m));
    Ok(EnvFile {
        path: path.to_path_buf(),
        entries: parsed.entries,
        skipped: parsed.skipped,
        invalid_utf8,
        mode,
    })
}

fn invalid_lines(bytes: &[u8]) -> Vec<usize> {
    let mut lines = Vec::new();
    let mut rest = bytes;
    let mut line = 1;
    while let Err(e) = std::str::from_utf8(rest) {
        let good = e.valid_up_to();
        line += rest[..good].iter().filter(|&&b| b == b'\n').count();
        if lines.last() != Some(&line) {
            lines.push(line);
        }
        let skip = good + e.error_len().unwrap_or(rest.len() - good).max(1);
        line += rest[good..skip].iter().filter(|&&b| b == b'\n').count();
        rest = &rest[skip..];
    }
    lines
}

/// Whitespace as JavaScript's `\s` and `String.prototype.trim` see it (a BOM included).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// JavaScript's line terminators: where `^` and `$` match in multiline mode and `.` stops.
fn is_line_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// A character of a key: `[\w.-]`.
fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn js_trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Node's dotenv 16.3.1 `parse()`, which is, after CRLF and CR are turned into LF:
///
/// ```text
/// /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/mg
/// ```
///
/// then for each match: the value trimmed, one pair of surrounding quotes removed (`/^(['"`])([\s\S]*)\1$/mg`),
/// and `\n`, `\r` expanded when it started with a double quote; the last definition of a key wins.
pub fn parse(text: &str) -> Parsed {
    Parser::new(text).run()
}

/// One match of Node's expression, in offsets of the normalised text.
struct Match {
    key: Range<usize>,
    /// Just past `=`, or past `:`.
    separator_end: usize,
    /// The value group, when it matched.
    value: Option<Range<usize>>,
    quoted: bool,
    end: usize,
}

struct Parser {
    /// The text with CRLF and lone CR turned into LF, as Node does before matching.
    s: String,
    /// Offsets in `s` of each LF that stands for a CRLF (one byte shorter there).
    crlf: Vec<usize>,
}

impl Parser {
    fn new(original: &str) -> Self {
        let mut s = String::with_capacity(original.len());
        let mut crlf = Vec::new();
        let mut chars = original.char_indices().peekable();
        while let Some((_, c)) = chars.next() {
            if c == '\r' {
                if chars.peek().is_some_and(|(_, n)| *n == '\n') {
                    chars.next();
                    crlf.push(s.len());
                }
                s.push('\n');
            } else {
                s.push(c);
            }
        }
        Self { s, crlf }
    }

    /// An offset in the normalised text as an offset in the original.
    fn original_offset(&self, at: usize) -> usize {
        at + self.crlf.partition_point(|&p| p < at)
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.s.get(at..).and_then(|rest| rest.chars().next())
    }

    fn skip_spaces(&self, mut at: usize) -> usize {
        while let Some(c) = self.char_at(at).filter(|c| is_space(*c)) {
            at += c.len_utf8();
        }
        at
    }

    fn is_line_start(&self, at: usize) -> bool {
        at == 0 || self.s[..at].chars().next_back().is_some_and(is_line_end)
    }

    /// The first line start at or after `at`.
    fn next_line_start(&self, at: usize) -> Option<usize> {
        // `at` may fall inside a character; line terminators never do.
        let from = (at..=self.s.len()).find(|&i| self.s.is_char_boundary(i))?;
        if self.is_line_start(from) {
            return Some(from);
        }
        self.s[from..]
            .char_indices()
            .find(|(_, c)| is_line_end(*c))
            .map(|(i, c)| from + i + c.len_utf8())
    }

    fn run(self) -> Parsed {
        let mut matches = Vec::new();
        let mut at = 0;
        while let Some(start) = self.next_line_start(at) {
            if start >= self.s.len() && start > 0 {
                break;
            }
            match self.match_at(start) {
                Ok(m) => {
                    at = m.end.max(start + 1);
                    matches.push(m);
                }
                // Every line start up to the first non-space fails the same way: skip them all.
                Err(spaces_end) => at = spaces_end.max(start) + 1,
            }
        }
        self.collect(matches)
    }

    /// The expression anchored at a line start; on failure, where its leading `\s*` ended.
    fn match_at(&self, start: usize) -> Result<Match, usize> {
        let spaces_end = self.skip_spaces(start);
        if self.s[spaces_end..].starts_with("export") {
            let after = spaces_end + "export".len();
            let key = self.skip_spaces(after);
            if key > after
                && let Some(m) = self.definition_from(key)
            {
                return Ok(m);
            }
        }
        self.definition_from(spaces_end).ok_or(spaces_end)
    }

    fn definition_from(&self, key_start: usize) -> Option<Match> {
        let key_end = key_start
            + self.s[key_start..]
                .find(|c: char| !is_key_char(c))
                .unwrap_or(self.s.len() - key_start);
        if key_end == key_start {
            return None;
        }
        // `\s*=\s*?` (the lazy part always takes nothing: what follows then always matches),
        // else `:\s+?`, which takes exactly one whitespace character.
        let spaces = self.skip_spaces(key_end);
        let (separator_end, value_start) = if self.char_at(spaces) == Some('=') {
            (spaces + 1, spaces + 1)
        } else if self.char_at(key_end) == Some(':') {
            let ws = self.char_at(key_end + 1).filter(|c| is_space(*c))?;
            (key_end + 1, key_end + 1 + ws.len_utf8())
        } else {
            return None;
        };
        let (value, quoted) = self.value(value_start);
        let end = self
            .tail(value.as_ref().map_or(value_start, |v| v.end))
            .unwrap_or(self.s.len());
        Some(Match {
            key: key_start..key_end,
            separator_end,
            value,
            quoted,
            end,
        })
    }

    /// The value group: a quoted alternative (after `\s*`, across lines) whose closing quote is
    /// followed by a valid end of line, else `[^#\r\n]+`, else nothing.
    fn value(&self, at: usize) -> (Option<Range<usize>>, bool) {
        let open = self.skip_spaces(at);
        if let Some(q) = self.char_at(open).filter(|c| matches!(c, '\'' | '"' | '`'))
            && let Some(close) = self.closing_quote(open, q)
        {
            return (Some(at..close + 1), true);
        }
        let end = at
            + self.s[at..]
                .find(['#', '\r', '\n'])
                .unwrap_or(self.s.len() - at);
        ((end > at).then_some(at..end), false)
    }

    /// `q(?:\\q|[^q])*q` followed by the tail, as a backtracking engine finds it: first the first
    /// quote that no backslash escapes, then each escaped quote before it, the last one first.
    fn closing_quote(&self, open: usize, q: char) -> Option<usize> {
        let mut escaped = Vec::new();
        let mut first = None;
        let mut i = open + 1;
        while let Some(c) = self.char_at(i) {
            if c == '\\' && self.char_at(i + 1) == Some(q) {
                escaped.push(i + 1);
                i += 2;
            } else if c == q {
                first = Some(i);
                break;
            } else {
                i += c.len_utf8();
            }
        }
        first
            .into_iter()
            .chain(escaped.into_iter().rev())
            .find(|&close| self.tail(close + 1).is_some())
    }

    /// `\s*(?:#.*)?$` from `at`: where the match ends, or `None` when it cannot match.
    fn tail(&self, at: usize) -> Option<usize> {
        let spaces_end = self.skip_spaces(at);
        match self.char_at(spaces_end) {
            None => Some(self.s.len()),
            Some('#') => Some(
                self.s[spaces_end..]
                    .find(is_line_end)
                    .map_or(self.s.len(), |i| spaces_end + i),
            ),
            // Backtrack the spaces to just before the last line end among them.
            Some(_) => self.s[at..spaces_end].rfind(is_line_end).map(|i| at + i),
        }
    }

    fn collect(&self, matches: Vec<Match>) -> Parsed {
        let mut lines = LineCounter::new(&self.s);
        let mut entries = Vec::with_capacity(matches.len());
        for m in &matches {
            let key = &self.s[m.key.clone()];
            let raw = m.value.as_ref().map_or("", |v| &self.s[v.clone()]);
            let value = node_value(raw);
            // `obj.__proto__ = "…"` sets nothing in Node: the key never reaches its result.
            if key == "__proto__" {
                continue;
            }
            let written = js_trim(raw);
            let value_end = match &m.value {
                Some(v) if !written.is_empty() => {
                    let lead = raw.len() - raw.trim_start_matches(is_space).len();
                    v.start + lead + written.len()
                }
                _ => m.separator_end,
            };
            let line_start = self.s[..m.key.start]
                .rfind(is_line_end)
                .map_or(0, |i| i + self.char_at(i).map_or(1, char::len_utf8));
            let after = m.end + self.char_at(m.end).map_or(0, char::len_utf8);
            let line = lines.line_of(m.key.start);
            let last_line = lines.line_of(m.end);
            entries.push(Entry {
                key: key.to_string(),
                value: Secret::new(value),
                line,
                last_line,
                quote: m.quoted.then(|| js_trim(raw).chars().next()).flatten(),
                written: Secret::new(self.s[m.key.start..value_end].to_string()),
                key_start: self.original_offset(m.key.start),
                value_end: self.original_offset(value_end),
                lines: self.original_offset(line_start)..self.original_offset(after),
            });
        }
        let skipped = self.skipped(&matches);
        Parsed { entries, skipped }
    }

    /// Lines with content that no match covers and that are not comments.
    fn skipped(&self, matches: &[Match]) -> Vec<Skipped> {
        let mut skipped = Vec::new();
        let mut covered = matches.iter().map(|m| m.key.start..m.end).peekable();
        let mut offset = 0;
        for (i, line) in self.s.split('\n').enumerate() {
            let range = offset..offset + line.len();
            offset = range.end + 1;
            while covered.peek().is_some_and(|c| c.end < range.start) {
                covered.next();
            }
            let is_covered = covered
                .peek()
                .is_some_and(|c| c.start <= range.end && c.end >= range.start);
            let content = js_trim(line);
            if is_covered || content.is_empty() || content.starts_with('#') {
                continue;
            }
            skipped.push(Skipped {
                line: i + 1,
                key: seen_key(content),
            });
        }
        skipped
    }
}

/// The key a skipped line seems meant to define: a leading key followed by `=` or `:` somewhere.
fn seen_key(content: &str) -> Option<String> {
    let rest = content
        .strip_prefix("export")
        .filter(|r| r.starts_with(is_space))
        .map_or(content, |r| r.trim_start_matches(is_space));
    let end = rest.find(|c: char| !is_key_char(c)).unwrap_or(rest.len());
    let key = &rest[..end];
    let defines = rest[end..].contains(['=', ':']);
    (!key.is_empty() && defines && key.len() <= 128).then(|| key.to_string())
}

/// What Node makes of a matched value: trimmed, one pair of quotes removed, and `\n`/`\r` expanded
/// when it began with a double quote.
fn node_value(raw: &str) -> String {
    let value = js_trim(raw);
    let double = value.starts_with('"');
    let value = strip_quotes(value);
    if double {
        value.replace("\\n", "\n").replace("\\r", "\r")
    } else {
        value
    }
}

/// `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`: at each line start (after any JavaScript line
/// terminator) that holds a quote, the text up to the last same quote that ends a line loses both.
fn strip_quotes(value: &str) -> String {
    let last_close = |q: char| {
        value
            .char_indices()
            .rev()
            .find(|&(i, c)| c == q && value[i + 1..].chars().next().is_none_or(is_line_end))
            .map(|(i, _)| i)
    };
    let closes = [
        ('\'', last_close('\'')),
        ('"', last_close('"')),
        ('`', last_close('`')),
    ];
    let mut out = String::with_capacity(value.len());
    let mut copied = 0;
    let mut line_start = true;
    for (i, c) in value.char_indices() {
        if i >= copied && line_start {
            let close = closes
                .iter()
                .find(|(q, _)| *q == c)
                .and_then(|(_, close)| *close)
                .filter(|&close| close > i);
            if let Some(close) = close {
                out.push_str(&value[copied..i]);
                out.push_str(&value[i + 1..close]);
                copied = close + 1;
            }
        }
        line_start = is_line_end(c);
    }
    out.push_str(&value[copied.min(value.len())..]);
    out
}

/// 1-based line numbers of increasing offsets, counted once.
struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_of(&mut self, offset: usize) -> usize {
        if offset < self.at {
            return 1 + self.text.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
        }
        self.line += self.text.as_bytes()[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

/// The key a line starts to define (`KEY=`, `export KEY=`, `KEY: `), if any: for telling a key file
/// from a .env and for checking variable names.
pub fn definition_key(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(is_space);
    let line = line
        .strip_prefix("export")
        .filter(|r| r.starts_with(is_space))
        .map_or(line, |r| r.trim_start_matches(is_space));
    let end = line.find(|c: char| !is_key_char(c)).unwrap_or(line.len());
    let (key, rest) = line.split_at(end);
    let defines = rest.trim_start_matches(is_space).starts_with('=')
        || (rest.starts_with(':') && rest[1..].starts_with(is_space));
    (!key.is_empty() && defines).then_some(key)
}

/// What [`set_variable`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// The first definition (at this line) was replaced and `removed` later ones deleted.
    Replaced { line: usize, removed: usize },
    /// No definition existed: one was appended at this line.
    Appended { line: usize },
}

/// Set `name` to `written` (the value as it is to appear after `=`) in .env text: the first
/// definition is replaced from its key to the end of its value (an `export ` before it and a comment
/// after it stay), later ones are removed with their lines, or one line is appended. Definitions
/// are found with the reader's grammar, so a line inside another key's quoted value is never taken
/// for one. Every other byte is kept.
pub fn set_variable(text: &str, name: &str, written: &str) -> (String, Edit) {
    let parsed = parse(text);
    let mut found = parsed.entries.iter().filter(|e| e.key == name);
    let Some(first) = found.next() else {
        let mut out = text.to_string();
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        if !out.is_empty() && !out.ends_with(['\n', '\r']) {
            out.push_str(newline);
        }
        let line = out.matches('\n').count() + 1;
        out.push_str(&format!("{name}={written}{newline}"));
        return (out, Edit::Appended { line });
    };
    let mut out = String::with_capacity(text.len() + written.len());
    out.push_str(&text[..first.key_start]);
    out.push_str(&format!("{name}={written}"));
    let mut copied = first.value_end;
    let mut removed = 0;
    for later in found {
        out.push_str(&text[copied..later.lines.start]);
        copied = later.lines.end;
        removed += 1;
    }
    out.push_str(&text[copied..]);
    (
        out,
        Edit::Replaced {
            line: first.line,
            removed,
        },
    )
}

/// Set variables in a .env file, safely: only a regular file is edited (a symlink is followed to
/// one; a FIFO, device or directory is refused untouched), the user must be able to write it, its
/// mode, owner and group are kept (a new file is created 0600), concurrent editors wait for each
/// other, the file is replaced atomically, and nothing is left behind on failure.
pub fn write_variables(path: &Path, vars: &[(&str, &str)]) -> Result<Vec<Edit>, Failure> {
    let shown = path.display();
    let unchanged = |why: String| Failure::config(format!("{why}; {shown} was left unchanged"));
    let target = match fs::metadata(path) {
        Ok(meta) => {
            let kind = files::file_kind(&meta);
            if kind != files::Kind::Regular {
                return Err(unchanged(format!(
                    "{shown} is {}, not a .env file",
                    kind.describe()
                )));
            }
            fs::canonicalize(path).map_err(|e| unchanged(format!("cannot resolve {shown}: {e}")))?
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if fs::symlink_metadata(path).is_ok() {
                return Err(Failure::config(format!(
                    "{shown} is a symbolic link to nothing; nothing was written"
                )));
            }
            path.to_path_buf()
        }
        Err(e) => return Err(unchanged(format!("cannot read {shown}: {e}"))),
    };
    let _lock = Lock::beside(&target)?;
    // Looked at again under the lock: another writer may have created or replaced it.
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(unchanged(format!("cannot read {shown}: {e}"))),
    };
    let text = match &existing {
        Some(meta) => {
            ensure_writable(&target, meta).map_err(|why| {
                unchanged(why).with_hint(format!(
                    "make it writable (chmod u+w {shown}) or print the line instead: drop --write"
                ))
            })?;
            let bytes = files::read(&target, "the .env file", Accept::Regular)?;
            String::from_utf8(bytes).map_err(|e| {
                unchanged(format!(
                    "{shown} is not UTF-8 text (invalid byte on line {})",
                    files::first_invalid_line(e.as_bytes())
                ))
            })?
        }
        None => String::new(),
    };
    if is_pem_file(&text) {
        return Err(Failure::usage(format!(
            "{shown} looks like a key or certificate, not a .env file; it was left unchanged"
        ))
        .with_hint("name the key file first: adobe-jwt encode-key private.key --write .env"));
    }
    let mut updated = text;
    let mut edits = Vec::with_capacity(vars.len());
    for (name, written) in vars {
        let (next, edit) = set_variable(&updated, name, written);
        updated = next;
        edits.push(edit);
    }
    files::replace(&target, updated.as_bytes(), existing.as_ref()).map_err(|e| {
        unchanged(format!("cannot write {shown}: {e}"))
            .with_hint("check that its folder is writable")
    })?;
    Ok(edits)
}

/// The user may write the file itself, not only its folder; read-only files stay read-only.
fn ensure_writable(path: &Path, meta: &fs::Metadata) -> Result<(), String> {
    let shown = path.display();
    if meta.permissions().readonly() {
        return Err(format!("{shown} is read-only"));
    }
    match fs::OpenOptions::new().write(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            Err(format!("{shown} is not writable by you"))
        }
        Err(e) => Err(format!("cannot open {shown} for writing: {e}")),
    }
}

/// A key or certificate file: a PEM armour line comes before any `KEY=` definition. (Base64 lines of
/// a PEM body can look like definitions, `Abc=`, so they must not count once the armour has started.)
pub fn is_pem_file(text: &str) -> bool {
    text.lines()
        .find_map(|line| {
            if line.trim_start().starts_with("-----BEGIN ") {
                Some(true)
            } else {
                definition_key(line).map(|_| false)
            }
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String, usize)> {
        parse(text)
            .entries
            .into_iter()
            .map(|e| (e.key, e.value.expose().to_string(), e.line))
            .collect()
    }

    fn value(text: &str, key: &str) -> Option<String> {
        parse(text)
            .entries
            .into_iter()
            .rev()
            .find(|e| e.key == key)
            .map(|e| e.value.expose().to_string())
    }

    #[test]
    fn line_numbers_follow_comments_blank_lines_and_multiline_values() {
        let text = "# c\n\nA=1\nB=\"x\ny\"\nexport C='z'\nA=2\n";
        assert_eq!(
            values(text),
            vec![
                ("A".into(), "1".into(), 3),
                ("B".into(), "x\ny".into(), 4),
                ("C".into(), "z".into(), 6),
                ("A".into(), "2".into(), 7),
            ]
        );
    }

    #[test]
    fn nothing_is_expanded() {
        assert_eq!(value("S=p8e-ab$cd\n", "S").as_deref(), Some("p8e-ab$cd"));
        assert_eq!(value("S=\"a${B}c\"\n", "S").as_deref(), Some("a${B}c"));
    }

    #[test]
    fn node_forms() {
        assert_eq!(
            value("K=openid, AdobeID", "K").as_deref(),
            Some("openid, AdobeID")
        );
        assert_eq!(value("\u{feff}K=v", "K").as_deref(), Some("v"));
        assert_eq!(value("K=abc#def", "K").as_deref(), Some("abc"));
        assert_eq!(value("K=`a'b\"c`", "K").as_deref(), Some("a'b\"c"));
        assert_eq!(value("K: v", "K").as_deref(), Some("v"));
        assert_eq!(value("K:v", "K"), None);
        // `:\s+?` takes the line break, so the next line is the value.
        assert_eq!(value("K:\nZ=1", "K").as_deref(), Some("Z=1"));
        assert_eq!(value("K=\"a\\nb\"", "K").as_deref(), Some("a\nb"));
        assert_eq!(value("K='a\\nb'", "K").as_deref(), Some("a\\nb"));
        assert_eq!(value("K='abc' junk", "K").as_deref(), Some("'abc' junk"));
        assert_eq!(value("K='a'b'", "K").as_deref(), Some("a'b"));
        assert_eq!(value("K=\n'x'\n", "K").as_deref(), Some("x"));
        assert_eq!(value("K=\nB=1\n", "K").as_deref(), Some(""));
        assert_eq!(value("K=\nB=1\n", "B").as_deref(), Some("1"));
        assert_eq!(value("K=\"a\\\"b\"", "K").as_deref(), Some("a\\\"b"));
        assert_eq!(value("export = 5", "export").as_deref(), Some("5"));
        assert_eq!(value("__proto__=1", "__proto__"), None);
    }

    #[test]
    fn crlf_and_lone_cr_are_line_breaks() {
        assert_eq!(
            values("A=1\r\nB=2\rC=\"x\r\ny\"\r\n"),
            vec![
                ("A".into(), "1".into(), 1),
                ("B".into(), "2".into(), 2),
                ("C".into(), "x\ny".into(), 3),
            ]
        );
    }

    #[test]
    fn skipped_lines_are_reported_with_the_key_when_one_shows() {
        let parsed = parse("A=1\nJWT_ORG:x\njust words\n# comment\n\nB=2\n");
        assert_eq!(
            parsed.skipped,
            vec![
                Skipped {
                    line: 2,
                    key: Some("JWT_ORG".into())
                },
                Skipped { line: 3, key: None },
            ]
        );
        assert_eq!(parsed.entries.len(), 2);
    }

    #[test]
    fn the_last_definition_wins_and_duplicates_are_listed() {
        let parsed = parse("K=a\nO=1\nK=b\n");
        let file = EnvFile {
            path: "x".into(),
            entries: parsed.entries,
            skipped: parsed.skipped,
            invalid_utf8: Vec::new(),
            mode: None,
        };
        assert_eq!(file.get("K").map(|e| e.value.expose()), Some("b"));
        assert_eq!(file.duplicates().get("K"), Some(&vec![1, 3]));
        assert!(!file.duplicates().contains_key("O"));
    }

    #[test]
    fn invalid_utf8_lines_are_found() {
        assert_eq!(invalid_lines(b"A=1\nB=\xff\nC=3\n\xfe\xfd\n"), vec![2, 4]);
    }

    #[test]
    fn definition_keys() {
        assert_eq!(definition_key("  export FOO_1 = x"), Some("FOO_1"));
        assert_eq!(definition_key("K: v"), Some("K"));
        assert_eq!(definition_key("#FOO=1"), None);
        assert_eq!(definition_key("abc"), None);
    }

    #[test]
    fn pem_files_are_recognised_even_when_a_body_line_looks_like_a_definition() {
        let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQ+/\nABCdef=\n-----END PRIVATE KEY-----\n";
        assert!(is_pem_file(key));
        assert!(is_pem_file("\n  -----BEGIN CERTIFICATE-----\nMIIB==\n"));
        assert!(!is_pem_file(
            "JWT_PRIVATE_KEY=\"-----BEGIN PRIVATE KEY-----\nMIIB=\n-----END PRIVATE KEY-----\"\n"
        ));
        assert!(!is_pem_file("# comment\nA=1\n-----BEGIN X-----\n"));
        assert!(!is_pem_file(""));
    }

    #[test]
    fn a_large_file_of_duplicates_is_read_in_linear_time() {
        let line = "JWT_CLIENT_ID=4f0c1a2b3c4d5e6f7a8b9c0d1e2f3a4b\n";
        let text = line.repeat(4 * 1024 * 1024 / line.len());
        let parsed = parse(&text);
        assert_eq!(parsed.entries.len(), text.len() / line.len());
        assert_eq!(
            parsed.entries.last().map(|e| e.line),
            Some(text.len() / line.len())
        );
    }
}

#[cfg(test)]
mod edit_tests {
    use super::*;

    #[test]
    fn replaces_the_first_and_removes_the_rest() {
        let text = "# keys\nJWT_PRIVATE_KEY=old1\nA=1\nexport JWT_PRIVATE_KEY=\"multi\nline\"\nB=2";
        let (out, edit) = set_variable(text, "JWT_PRIVATE_KEY", "new");
        assert_eq!(out, "# keys\nJWT_PRIVATE_KEY=new\nA=1\nB=2");
        assert_eq!(
            edit,
            Edit::Replaced {
                line: 2,
                removed: 1
            }
        );
    }

    #[test]
    fn export_and_comments_are_kept() {
        let (out, _) = set_variable("export K=old  # rotated\n", "K", "v");
        assert_eq!(out, "export K=v  # rotated\n");
        let (out, _) = set_variable("K: \nZ=1\n", "K", "v");
        assert_eq!(out, "K=v \nZ=1\n");
    }

    #[test]
    fn a_definition_inside_another_quoted_value_is_not_one() {
        let text = "NOTE=\"see below\nJWT_PRIVATE_KEY=inside\n\"\nJWT_PRIVATE_KEY=real\n";
        let (out, edit) = set_variable(text, "JWT_PRIVATE_KEY", "new");
        assert_eq!(
            out,
            "NOTE=\"see below\nJWT_PRIVATE_KEY=inside\n\"\nJWT_PRIVATE_KEY=new\n"
        );
        assert_eq!(
            edit,
            Edit::Replaced {
                line: 4,
                removed: 0
            }
        );
    }

    #[test]
    fn appends_with_the_file_line_ending() {
        let (out, edit) = set_variable("A=1\r\nB=2", "K", "v");
        assert_eq!(out, "A=1\r\nB=2\r\nK=v\r\n");
        assert_eq!(edit, Edit::Appended { line: 3 });
        let (out, _) = set_variable("", "K", "v");
        assert_eq!(out, "K=v\n");
    }

    #[test]
    fn keeps_the_line_ending_of_the_replaced_line() {
        let (out, _) = set_variable("K=old\r\nZ=1\r\n", "K", "v");
        assert_eq!(out, "K=v\r\nZ=1\r\n");
        let (out, _) = set_variable("Z=1\nK='a\nb'", "K", "v");
        assert_eq!(out, "Z=1\nK=v");
        let (out, _) = set_variable("K=a\r\nK=b\r\nZ=1\r\n", "K", "v");
        assert_eq!(out, "K=v\r\nZ=1\r\n");
    }

    #[test]
    fn similar_names_are_left_alone() {
        let (out, _) = set_variable("K2=1\n#K=2\nXK=3\n", "K", "v");
        assert_eq!(out, "K2=1\n#K=2\nXK=3\nK=v\n");
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    /// .env-like text: definitions of every form, comments, quotes, CRLF and junk, in any mix.
    fn env_text() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            4 => "[A-Z_]{1,8}=[a-zA-Z0-9+/=$ ,]{0,12}",
            2 => "export [A-Z_]{1,8}='[^'\\r\\n]{0,12}'",
            2 => "[A-Z_]{1,8}=\"[a-zA-Z0-9 .,:;!?/+=$-]{0,12}\"",
            1 => "[A-Z_]{1,8}: [a-z]{0,6}",
            2 => "#[^\\r\\n]{0,12}",
            1 => "[^\\r\\n]{0,12}",
            1 => "",
        ];
        (prop::collection::vec(line, 0..12), prop::bool::ANY)
            .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let parsed = parse(&text);
            for e in &parsed.entries {
                prop_assert!(e.key_start <= e.value_end && e.value_end <= e.lines.end);
                prop_assert!(e.lines.start <= e.key_start && e.lines.end <= text.len());
            }
        }

        #[test]
        fn set_variable_then_parse_reads_the_value_and_keeps_the_rest(
            text in env_text(),
            value in "[A-Za-z0-9+/=]{0,80}",
        ) {
            let before = parse(&text).entries;
            let (updated, _) = set_variable(&text, "JWT_PRIVATE_KEY", &value);
            let after = parse(&updated).entries;
            let last = |entries: &[Entry], key: &str| {
                entries.iter().rev().find(|e| e.key == key).map(|e| e.value.expose().to_string())
            };
            prop_assert_eq!(last(&after, "JWT_PRIVATE_KEY"), Some(value));
            prop_assert_eq!(after.iter().filter(|e| e.key == "JWT_PRIVATE_KEY").count(), 1);
            for e in before.iter().filter(|e| e.key != "JWT_PRIVATE_KEY") {
                prop_assert_eq!(last(&after, &e.key), last(&before, &e.key));
            }
        }
    }
}

#[cfg(test)]
mod node_oracle;
