//! The .env file: read exactly as Node's dotenv 16.3.1 `parse()` reads it (App Builder pins that
//! version), with line numbers kept, in memory bounded by the number of distinct keys; edited
//! through [`edit`], which proves each edit before the file is replaced; linted by [`lint`].
//!
//! Node's parser is one regular expression applied repeatedly from line starts (see [`Parser`]);
//! this is the same grammar written out as code, so that it runs in linear time and says where each
//! definition sits. The tests compare it with real Node dotenv over a corpus and generated files.

pub mod edit;
pub mod lint;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::hash::BuildHasher;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::error::Failure;
use crate::files::{self, Accept};
use crate::redact::Secret;

/// Skipped lines and lines that are not UTF-8 are kept in detail up to this many; past it only
/// counted, so a file of millions of such lines costs no more memory than one of a thousand.
pub const KEPT_IN_DETAIL: usize = 1000;

/// The last definition of one key: where its key sits in the file's normalised text. The value is
/// matched again from there when asked for, so a file of a million keys costs 16 bytes a key.
#[derive(Debug, Clone)]
struct Def {
    key: Range<u32>,
    line: u32,
    /// The next definition whose key hashes alike (a chain through `defs`), or `u32::MAX`.
    next_alike: u32,
}

/// How often a key defined more than once is defined, and the lines of its first definitions.
#[derive(Debug, Clone)]
struct Dup {
    count: u32,
    first_lines: [u32; 3],
}

/// A line Node skips (neither blank, a comment, nor part of a definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    /// The key the line seems meant to define (`KEY:value`), shown only when it has the shape of a
    /// variable name: never a piece of key material.
    pub key: Option<String>,
}

/// A PEM block written over several lines, which Node reads as its first line only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemBlock {
    pub first_line: usize,
    pub last_line: usize,
    /// The key whose value is the block's first line, when it is written as `KEY=-----BEGIN …`.
    pub key: Option<String>,
    /// Whether a `-----END` line ends it (else it runs to the end of the file).
    pub closed: bool,
    pub form: Pasted,
    /// The key's own line holds only `KEY=` and the block begins below it (Node reads the key as
    /// empty); `first_line` is the key's line all the same, `begin_line` the BEGIN line's.
    pub below_key: bool,
    pub begin_line: usize,
    /// The line of the first real definition inside the block (not a base64 line Node reads as
    /// one), and the block's last line before it. Its name is never shown: inside a paste, it
    /// could be key material.
    pub holds_definition: Option<(usize, usize)>,
    /// Text after `-----END …-----` on the END line: a definition glued to the paste.
    pub end_glued: bool,
}

impl PemBlock {
    /// Why an edit of its key cannot take the paste with it (the editor removes only a paste it
    /// knows the bounds of, holding nothing else); `None` when it can.
    pub fn why_it_stays(&self) -> Option<String> {
        match (&self.holds_definition, self.closed, self.end_glued) {
            (_, false, _) => Some("the paste has no -----END line".into()),
            (Some((line, _)), true, _) => Some(format!(
                "the paste holds a definition of its own, on line {line}"
            )),
            (None, true, true) => Some("the paste's -----END line has more on it".into()),
            (None, true, false) => None,
        }
    }

    /// The lines of the paste other than the key's own line.
    pub fn pasted_lines(&self) -> (usize, usize) {
        let first = if self.below_key {
            self.begin_line
        } else {
            self.first_line + 1
        };
        (first, self.last_line)
    }
}

/// What a PEM block pasted over several lines holds, as its lines show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pasted {
    /// `-----BEGIN PRIVATE KEY-----` (or RSA, ENCRYPTED): the key itself.
    PrivateKey,
    /// certutil's output: base64 of the key's PEM (`LS0tLS1CRUdJTi…`) in CERTIFICATE lines.
    Certutil,
    /// A certificate: the public half, not the key.
    Certificate,
    /// Base64 of the key's PEM wrapped over several lines (`base64` without `-w 0` wraps at 76).
    WrappedBase64,
    /// Any other PEM block.
    Other,
}

impl Pasted {
    fn of(begin: &str) -> Self {
        let label = begin
            .split("-----BEGIN ")
            .nth(1)
            .and_then(|rest| rest.split("-----").next())
            .unwrap_or("");
        match label {
            "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => Pasted::PrivateKey,
            "CERTIFICATE" | "TRUSTED CERTIFICATE" => Pasted::Certificate,
            _ => Pasted::Other,
        }
    }
}

/// A .env file, read: the last definition of each key, and what the reader noticed on the way.
#[derive(Debug, Default)]
pub struct EnvFile {
    pub path: PathBuf,
    /// The text with CRLF and lone CR turned into LF, as Node reads it.
    text: String,
    defs: Vec<Def>,
    by_hash: HashMap<u64, u32>,
    /// Keys defined more than once, by their index in `defs`.
    dups: HashMap<u32, Dup>,
    hasher: std::collections::hash_map::RandomState,
    /// Skipped lines, the first [`KEPT_IN_DETAIL`] of them.
    pub skipped: Vec<Skipped>,
    pub skipped_count: usize,
    pub pem_blocks: Vec<PemBlock>,
    /// Lines holding bytes that are not UTF-8 (read as U+FFFD, as Node does), the first
    /// [`KEPT_IN_DETAIL`] of them.
    pub invalid_utf8: Vec<usize>,
    pub invalid_utf8_count: usize,
    /// Unix permission bits, where the platform has them.
    pub mode: Option<u32>,
}

/// One key's winning definition, read from an [`EnvFile`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    file: &'a EnvFile,
    index: usize,
    def: &'a Def,
}

impl<'a> Entry<'a> {
    pub fn key(&self) -> &'a str {
        self.file.span(&self.def.key)
    }

    /// The definition matched again: the value group and where the value ends.
    fn matched(&self) -> (Range<usize>, bool, usize) {
        let grammar = Grammar { s: &self.file.text };
        let key = self.def.key.start as usize;
        match grammar.definition_from(key) {
            Some(m) => {
                let (raw, value_end) = grammar.value_span(&m);
                (raw, m.quoted, value_end)
            }
            None => (key..key, false, key),
        }
    }

    /// The value Node gives the key.
    pub fn value(&self) -> Secret {
        let (raw, _, _) = self.matched();
        Secret::new(node_value(&self.file.text[raw]).into_owned())
    }

    /// 1-based line of the key.
    pub fn line(&self) -> usize {
        self.def.line as usize
    }

    /// 1-based line where the value ends.
    pub fn value_line(&self) -> usize {
        let (_, _, end) = self.matched();
        let start = self.def.key.start as usize;
        self.line()
            + self.file.text.as_bytes()[start..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
    }

    /// The quote around the value (`'`, `"` or `` ` ``), when it was written quoted.
    pub fn quote(&self) -> Option<char> {
        let (raw, quoted, _) = self.matched();
        quoted
            .then(|| js_trim(&self.file.text[raw]).chars().next())
            .flatten()
    }

    /// The definition as written, from the key to the end of its value (for comparing readers).
    pub fn written(&self) -> Secret {
        let (_, _, end) = self.matched();
        Secret::new(&self.file.text[self.def.key.start as usize..end])
    }

    fn dup(&self) -> Option<&'a Dup> {
        self.file.dups.get(&to_u32(self.index))
    }

    /// How many times the key is defined in the file.
    pub fn count(&self) -> usize {
        self.dup().map_or(1, |d| d.count as usize)
    }

    /// The lines of the first few definitions of the key (at most three), and of the last.
    pub fn definition_lines(&self) -> (Vec<usize>, usize) {
        let first = match self.dup() {
            Some(d) => d.first_lines[..(d.count as usize).min(3)]
                .iter()
                .map(|&l| l as usize)
                .collect(),
            None => vec![self.line()],
        };
        (first, self.line())
    }
}

impl EnvFile {
    /// Read text that is already in memory (the editor's proof, tests).
    pub fn from_text(path: &Path, text: &str) -> Self {
        let mut file = Self {
            path: path.to_path_buf(),
            ..Self::default()
        };
        let parser = Parser::new(text);
        let mut pem = PemTracker::default();
        parser.run(|event| {
            pem.see(&event);
            match event {
                Event::Definition(d) => file.define(&d, &parser.s),
                Event::Skipped { line, content } if !pem.in_block => {
                    file.skipped_count += 1;
                    if file.skipped.len() < KEPT_IN_DETAIL {
                        file.skipped.push(Skipped {
                            line,
                            key: seen_key(content),
                        });
                    }
                }
                Event::Skipped { .. } => {}
            }
        });
        file.pem_blocks = pem.finish();
        file.text = parser.s;
        file
    }

    fn span(&self, range: &Range<u32>) -> &str {
        &self.text[range.start as usize..range.end as usize]
    }

    fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    fn find(&self, key: &str) -> Option<usize> {
        self.find_in(&self.text, key)
    }

    /// The index of a key's definition, its name compared in `text` (the parser's, while parsing).
    fn find_in(&self, text: &str, key: &str) -> Option<usize> {
        let mut at = *self.by_hash.get(&self.hash(key))?;
        loop {
            let def = &self.defs[at as usize];
            if &text[def.key.start as usize..def.key.end as usize] == key {
                return Some(at as usize);
            }
            if def.next_alike == u32::MAX {
                return None;
            }
            at = def.next_alike;
        }
    }

    fn define(&mut self, d: &Definition<'_>, text: &str) {
        // `obj.__proto__ = "…"` sets nothing in Node: the key never reaches its result.
        if d.key_text == "__proto__" {
            return;
        }
        let line = to_u32(d.line);
        let key = to_u32(d.key.start)..to_u32(d.key.end);
        match self.find_in(text, d.key_text) {
            Some(i) => {
                let def = &mut self.defs[i];
                let first = def.line;
                def.key = key;
                def.line = line;
                let dup = self.dups.entry(to_u32(i)).or_insert(Dup {
                    count: 1,
                    first_lines: [first, 0, 0],
                });
                if (dup.count as usize) < dup.first_lines.len() {
                    dup.first_lines[dup.count as usize] = line;
                }
                dup.count = dup.count.saturating_add(1);
            }
            None => {
                let hash = self.hash(d.key_text);
                let index = to_u32(self.defs.len());
                let next_alike = self.by_hash.insert(hash, index).unwrap_or(u32::MAX);
                self.defs.push(Def {
                    key,
                    line,
                    next_alike,
                });
            }
        }
    }

    /// The winning definition of a key: the last one, as with Node's dotenv.
    pub fn get(&self, key: &str) -> Option<Entry<'_>> {
        self.find(key).map(|index| self.entry(index))
    }

    fn entry(&self, index: usize) -> Entry<'_> {
        Entry {
            file: self,
            index,
            def: &self.defs[index],
        }
    }

    /// Every key's winning definition, in the order the keys first appear.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        (0..self.defs.len()).map(|i| self.entry(i))
    }

    /// Keys defined more than once, in the order they first appear.
    pub fn duplicates(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut indexes: Vec<usize> = self.dups.keys().map(|&i| i as usize).collect();
        indexes.sort_unstable();
        indexes.into_iter().map(|i| self.entry(i))
    }

    /// Every key and the value Node gives it.
    pub fn values(&self) -> BTreeMap<String, String> {
        self.entries()
            .map(|e| (e.key().to_string(), e.value().expose().to_string()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Read and parse a .env file. Only a regular file is read (a FIFO or device is refused at once);
/// bytes that are not UTF-8 are read as U+FFFD, as Node reads them, and their lines are noted.
pub fn read(path: &Path) -> Result<EnvFile, Failure> {
    let bytes = files::read(path, "the .env file", Accept::Regular)?;
    let (mut file, invalid) = match String::from_utf8(bytes) {
        Ok(text) => (EnvFile::from_text(path, &text), (Vec::new(), 0)),
        Err(e) => {
            let bytes = e.into_bytes();
            let invalid = invalid_lines(&bytes);
            (
                EnvFile::from_text(path, &String::from_utf8_lossy(&bytes)),
                invalid,
            )
        }
    };
    (file.invalid_utf8, file.invalid_utf8_count) = invalid;
    file.mode = fs::metadata(path).ok().and_then(|m| files::mode(&m));
    Ok(file)
}

/// The lines holding bytes that are not UTF-8: the first [`KEPT_IN_DETAIL`], and how many in all.
fn invalid_lines(bytes: &[u8]) -> (Vec<usize>, usize) {
    let mut lines = Vec::new();
    let mut count = 0;
    let mut last = 0;
    let mut rest = bytes;
    let mut line = 1;
    while let Err(e) = std::str::from_utf8(rest) {
        let good = e.valid_up_to();
        line += rest[..good].iter().filter(|&&b| b == b'\n').count();
        if last != line {
            count += 1;
            last = line;
            if lines.len() < KEPT_IN_DETAIL {
                lines.push(line);
            }
        }
        let skip = good + e.error_len().unwrap_or(rest.len() - good).max(1);
        line += rest[good..skip].iter().filter(|&&b| b == b'\n').count();
        rest = &rest[skip..];
    }
    (lines, count)
}

/// The value of every key, the last definition winning, as Node's `dotenv.parse()` returns them.
pub fn parse(text: &str) -> BTreeMap<String, String> {
    EnvFile::from_text(Path::new(""), text).values()
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

/// One definition Node's expression matched.
struct Definition<'t> {
    key_text: &'t str,
    /// Node's value group as matched (empty when it did not match).
    raw_text: &'t str,
    /// Offsets in the normalised text.
    key: Range<usize>,
    line: usize,
    value_line: usize,
    /// Offsets in the original text, for the editor: the key, the end of the value as written,
    /// and the definition's own whole lines (from its line's start to the end of the line where
    /// the value ends, a trailing comment and the line break included).
    original_key: usize,
    original_value_end: usize,
    original_lines: Range<usize>,
}

/// What the parser meets, in file order.
enum Event<'t> {
    Definition(Definition<'t>),
    /// A line with content that no definition covers and that is not a comment.
    Skipped {
        line: usize,
        content: &'t str,
    },
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

/// Node's dotenv 16.3.1 `parse()`, which is, after CRLF and CR are turned into LF:
///
/// ```text
/// /^\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?$/mg
/// ```
///
/// then for each match: the value trimmed, one pair of surrounding quotes removed (`/^(['"`])([\s\S]*)\1$/mg`),
/// and `\n`, `\r` expanded when it started with a double quote; the last definition of a key wins.
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

    /// Walk the text as Node's expression does, handing each definition and skipped line to `sink`
    /// in file order; nothing is collected here.
    fn run(&self, mut sink: impl FnMut(Event<'_>)) {
        let g = Grammar { s: &self.s };
        let mut lines = LineCounter::new(&self.s);
        let mut at = 0;
        while let Some(start) = g.next_line_start(at) {
            if start >= self.s.len() && start > 0 {
                break;
            }
            match g.match_at(start) {
                Ok(m) => {
                    at = m.end.max(start + 1);
                    sink(Event::Definition(self.definition(&m, &mut lines)));
                }
                // Every line start up to the first non-space fails the same way: skip them all.
                Err(spaces_end) => {
                    at = spaces_end.max(start) + 1;
                    if spaces_end < self.s.len() {
                        let line_start = g.line_start_of(spaces_end);
                        let end = g.line_end_after(spaces_end);
                        let content = js_trim(&self.s[line_start..end]);
                        if !content.is_empty() && !content.starts_with('#') {
                            sink(Event::Skipped {
                                line: lines.line_of(spaces_end),
                                content,
                            });
                        }
                    }
                }
            }
        }
    }

    fn definition<'t>(&'t self, m: &Match, lines: &mut LineCounter<'_>) -> Definition<'t> {
        let g = Grammar { s: &self.s };
        let (raw, value_end) = g.value_span(m);
        let raw_text = &self.s[raw.clone()];
        let line_start = g.line_start_of(m.key.start);
        let own_end = g.line_end_after(value_end);
        let line = lines.line_of(m.key.start);
        let value_line = lines.line_of(value_end);
        Definition {
            key_text: &self.s[m.key.clone()],
            raw_text,
            key: m.key.clone(),
            line,
            value_line,
            original_key: self.original_offset(m.key.start),
            original_value_end: self.original_offset(value_end),
            original_lines: self.original_offset(line_start)..self.original_offset(own_end),
        }
    }
}

/// Node's expression over normalised text: where definitions start, and what they match.
#[derive(Clone, Copy)]
struct Grammar<'s> {
    s: &'s str,
}

impl Grammar<'_> {
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

    /// The start of the line holding `at`.
    fn line_start_of(&self, at: usize) -> usize {
        self.s[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| is_line_end(*c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    }

    /// Just past the line end at or after `at` (or the end of the text).
    fn line_end_after(&self, at: usize) -> usize {
        self.s[at..]
            .char_indices()
            .find(|(_, c)| is_line_end(*c))
            .map_or(self.s.len(), |(i, c)| at + i + c.len_utf8())
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

    /// The value group of a match (empty when it did not match) and where the value as written
    /// ends (trimmed; just past the separator when there is none).
    fn value_span(&self, m: &Match) -> (Range<usize>, usize) {
        let raw = m.value.clone().unwrap_or(m.separator_end..m.separator_end);
        let raw_text = &self.s[raw.clone()];
        let trimmed = js_trim(raw_text);
        let value_end = if trimmed.is_empty() {
            m.separator_end
        } else {
            let lead = raw_text.len() - raw_text.trim_start_matches(is_space).len();
            raw.start + lead + trimmed.len()
        };
        (raw, value_end)
    }
}

/// Finds PEM blocks written over several lines: a definition whose value is `-----BEGIN …`
/// without its end, or a skipped `-----BEGIN` line, up to the line holding `-----END`.
#[derive(Default)]
struct PemTracker {
    open: Option<PemBlock>,
    blocks: Vec<PemBlock>,
    /// Whether the last event seen belongs to a block.
    in_block: bool,
    /// Whether the open block has shown a line past its BEGIN line.
    past_first: bool,
    /// The last event, when it was a definition with an empty value on one line: its line and key.
    empty_definition: Option<usize>,
    /// Its key, in a buffer kept from one to the next (most definitions are not empty).
    empty_key: String,
    /// The base64 read so far of an open [`Pasted::WrappedBase64`] block (at most [`WRAPPED_MAX`]),
    /// and the width of its first line.
    wrapped: String,
    width: usize,
    /// Whether the open block is a wrapped paste.
    wrapped_open: bool,
    /// In an open PEM block, a line read as a definition of `=` padding, not yet known to be the
    /// body's last: its line, and the block's last line before it.
    padded: Option<(usize, usize)>,
}

/// Whether base64 read so far decodes to the end of a PEM (`-----END …-----`, then only white
/// space). Only its tail is decoded, from a four-character boundary.
fn ends_a_pem(b64: &str) -> bool {
    use base64::Engine as _;
    if !b64.len().is_multiple_of(4) {
        return false;
    }
    let start = b64.len().saturating_sub(96) / 4 * 4;
    base64::engine::general_purpose::STANDARD
        .decode(&b64.as_bytes()[start..])
        .ok()
        .and_then(|tail| String::from_utf8(tail).ok())
        .is_some_and(|tail| {
            let tail = tail.trim_end();
            tail.ends_with("-----") && tail.contains("-----END")
        })
}

/// The most base64 a wrapped paste is read to (a key's is about 2.3 KB).
const WRAPPED_MAX: usize = 64 * 1024;

/// A line of base64 as `base64` wraps it: its alphabet only, `=` padding at the end.
fn is_base64_line(line: &str) -> bool {
    let line = line.trim_matches(is_space);
    let body = line.trim_end_matches('=');
    !body.is_empty()
        && line.len() - body.len() <= 2
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/')
}

/// The first line of base64 of a PEM, wrapped: `-----BEGIN` encoded, and no longer than a wrapped
/// line (a whole key on one line is about 2.3 KB).
fn begins_wrapped_base64(line: &str) -> bool {
    let line = line.trim_matches(is_space);
    line.starts_with("LS0tLS1CRUdJT") && line.len() <= 80 && is_base64_line(line)
}

impl PemTracker {
    fn see(&mut self, event: &Event<'_>) {
        let (line, last_line, text, value) = match event {
            Event::Definition(d) => (d.line, d.value_line, d.key_text, d.raw_text),
            Event::Skipped { line, content } => (*line, *line, *content, ""),
        };
        if self.wrapped_open {
            // A wrapped paste goes on, line after line (a blank line or comment ends it), while
            // its lines are base64 no wider than its first (Node reads one ending in `=` as a
            // definition: `AbCd==`), and ends at the line where its base64 decodes to the PEM's
            // END: what follows is no part of it, whatever it looks like.
            let more = match event {
                Event::Definition(d) if is_base64_junk(d.key_text, d.raw_text) => {
                    Some(format!("{}={}", d.key_text, js_trim(d.raw_text)))
                }
                Event::Skipped { content, .. } if is_base64_line(content) => {
                    Some(content.trim_matches(is_space).to_string())
                }
                _ => None,
            };
            let follows = self.open.as_ref().is_some_and(|b| b.last_line + 1 == line);
            match (more, self.open.as_mut()) {
                (Some(more), Some(block)) if follows && more.len() <= self.width => {
                    block.last_line = last_line;
                    self.in_block = true;
                    if self.wrapped.len() < WRAPPED_MAX {
                        self.wrapped.push_str(&more);
                    }
                    if ends_a_pem(&self.wrapped) {
                        block.closed = true;
                        self.wrapped.clear();
                        self.wrapped_open = false;
                        self.blocks.extend(self.open.take());
                    } else if more.len() < self.width || more.ends_with('=') {
                        // A short or padded line is the last of its base64.
                        self.close_wrapped();
                    }
                    return;
                }
                _ => self.close_wrapped(),
            }
        }
        if let Some(block) = &mut self.open {
            // certutil's body is base64 of a PEM: its first line begins with "-----BEGIN" encoded.
            if block.form == Pasted::Certificate
                && !self.past_first
                && text.trim_start().starts_with("LS0tLS1CRUdJT")
            {
                block.form = Pasted::Certutil;
            }
            self.past_first = true;
            // `=` padding ends a PEM's base64: a line read as `NAME=` or `NAME==` is the body's
            // last only when the END line comes right after it; else it is a real definition.
            let ends = text.contains("-----END") || value.contains("-----END");
            if let Some(pending) = self.padded.take()
                && !ends
                && block.holds_definition.is_none()
            {
                block.holds_definition = Some(pending);
            }
            if let Event::Definition(d) = event
                && block.holds_definition.is_none()
                && !ends
            {
                if is_base64_junk(d.key_text, d.raw_text) {
                    self.padded = Some((d.line, block.last_line));
                } else {
                    block.holds_definition = Some((d.line, block.last_line));
                }
            }
            block.last_line = last_line;
            self.in_block = true;
            if let Some(end) = text.find("-----END") {
                block.closed = true;
                // What follows `-----END label-----` on its line (a definition glued to it).
                let after = &text[end + "-----END".len()..];
                let rest = after.find("-----").map_or("", |i| &after[i + 5..]);
                block.end_glued = !rest.trim_matches(is_space).is_empty();
                self.blocks.extend(self.open.take());
            } else if value.contains("-----END") {
                block.closed = true;
                self.blocks.extend(self.open.take());
            }
            return;
        }
        let begins = |t: &str| t.contains("-----BEGIN") && !t.contains("-----END");
        let empty_above = self.empty_definition.take();
        let (starts, key, begin) = match event {
            Event::Definition(d) => (
                (begins(js_trim(value)) && js_trim(value).starts_with("-----BEGIN"))
                    || begins_wrapped_base64(value),
                Some(d.key_text),
                value,
            ),
            Event::Skipped { .. } => (begins(text) || begins_wrapped_base64(text), None, text),
        };
        if let Event::Definition(d) = event
            && js_trim(value).is_empty()
            && d.value_line == d.line
        {
            self.empty_definition = Some(d.line);
            self.empty_key.clear();
            self.empty_key.push_str(d.key_text);
        }
        self.in_block = starts;
        self.past_first = false;
        if starts {
            // `KEY=` alone on its line and the block pasted below it (blank lines and comments
            // between, which Node reads as nothing): the block is that key's.
            let (first_line, key, below_key) = match (key, empty_above) {
                (None, Some(above)) => (above, Some(self.empty_key.clone()), true),
                (key, _) => (line, key.map(str::to_string), false),
            };
            self.open = Some(PemBlock {
                first_line,
                begin_line: line,
                last_line,
                key,
                closed: false,
                form: if begins_wrapped_base64(begin) {
                    Self::wrapped_label(js_trim(begin)).unwrap_or(Pasted::WrappedBase64)
                } else {
                    Pasted::of(begin)
                },
                below_key,
                holds_definition: None,
                end_glued: false,
            });
            self.wrapped_open = begins_wrapped_base64(begin);
            self.wrapped = js_trim(begin).to_string();
            self.width = self.wrapped.len();
            self.padded = None;
        }
    }

    /// What the base64 of a wrapped paste holds, by its first line's PEM label.
    fn wrapped_label(first: &str) -> Option<Pasted> {
        use base64::Engine as _;
        let whole = first.len() / 4 * 4;
        let head = base64::engine::general_purpose::STANDARD
            .decode(&first.as_bytes()[..whole])
            .ok()?;
        let head = String::from_utf8_lossy(&head);
        (Pasted::of(&head) == Pasted::Certificate).then_some(Pasted::Certificate)
    }

    /// End a wrapped paste before its base64 reached the PEM's END.
    fn close_wrapped(&mut self) {
        self.wrapped_open = false;
        if let Some(mut block) = self.open.take() {
            // Ended before its base64 reached the PEM's END: cut short.
            block.closed = false;
            self.wrapped.clear();
            // One line alone is a value cut short, not a paste over several lines.
            if block.last_line > block.begin_line {
                self.blocks.push(block);
            }
        }
        self.in_block = false;
    }

    fn finish(mut self) -> Vec<PemBlock> {
        if self.wrapped_open {
            self.close_wrapped();
        }
        // A block without END runs on to the end of the file: it ends before its first real
        // definition, which is no part of it.
        // A line read as `NAME=` at the very end counts as a definition too: no END came after it.
        if let Some(mut block) = self.open.take() {
            if let Some((_, before)) = block.holds_definition.or(self.padded) {
                block.last_line = before;
            }
            self.blocks.push(block);
        }
        self.blocks
    }
}

/// A definition Node reads from a line of a PEM's base64 body: letters and digits, then `=`
/// padding as its value (`AbCd==` defines `AbCd` as `=`). A real definition never has that shape.
pub fn is_base64_junk(key: &str, raw_value: &str) -> bool {
    !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric())
        && js_trim(raw_value).chars().all(|c| c == '=')
}

/// The key a skipped line seems meant to define, shown only when it is shaped like a variable
/// name followed by `:` or `=` (`KEY:value`, `KEY =value`): a line of base64 key material never is,
/// since base64 holds no `:` and a name would run into its `+` or `/`.
fn seen_key(content: &str) -> Option<String> {
    let rest = content
        .strip_prefix("export")
        .filter(|r| r.starts_with(is_space))
        .map_or(content, |r| r.trim_start_matches(is_space));
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let key = &rest[..end];
    let tail = &rest[end..];
    let defines =
        tail.starts_with(':') || tail.trim_start_matches([' ', '\t']).starts_with(['=', ':']);
    let named = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') && key.len() <= 64;
    (named && defines).then(|| key.to_string())
}

/// What Node makes of a matched value: trimmed, one pair of quotes removed, and `\n`/`\r` expanded
/// when it began with a double quote.
fn node_value(raw: &str) -> Cow<'_, str> {
    let value = js_trim(raw);
    let double = value.starts_with('"');
    let value = strip_quotes(value);
    if double && value.contains('\\') {
        Cow::Owned(value.replace("\\n", "\n").replace("\\r", "\r"))
    } else {
        value
    }
}

/// `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`: at each line start (after any JavaScript line
/// terminator) that holds a quote, the text up to the last same quote that ends a line loses both.
fn strip_quotes(value: &str) -> Cow<'_, str> {
    if !value.contains(['\'', '"', '`']) {
        return Cow::Borrowed(value);
    }
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
    Cow::Owned(out)
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
        // `KEY:` takes the next line when its own ends there (Node's `:\s+?` reads the line break).
        || (rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with(is_space)));
    (!key.is_empty() && defines).then_some(key)
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

    fn file(text: &str) -> EnvFile {
        EnvFile::from_text(Path::new(".env"), text)
    }

    fn values(text: &str) -> Vec<(String, String, usize)> {
        file(text)
            .entries()
            .map(|e| {
                (
                    e.key().to_string(),
                    e.value().expose().to_string(),
                    e.line(),
                )
            })
            .collect()
    }

    fn value(text: &str, key: &str) -> Option<String> {
        parse(text).get(key).cloned()
    }

    #[test]
    fn line_numbers_follow_comments_blank_lines_and_multiline_values() {
        let text = "# c\n\nA=1\nB=\"x\ny\"\nexport C='z'\nA=2\n";
        assert_eq!(
            values(text),
            vec![
                ("A".into(), "2".into(), 7),
                ("B".into(), "x\ny".into(), 4),
                ("C".into(), "z".into(), 6),
            ]
        );
        let f = file(text);
        assert_eq!(f.get("B").map(|e| e.value_line()), Some(5));
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
        let f = file("A=1\nJWT_ORG:x\njust words\n# comment\n\nB=2\nMIIEvQIBADAN+Bgkq:hk=\n");
        assert_eq!(
            f.skipped,
            vec![
                Skipped {
                    line: 2,
                    key: Some("JWT_ORG".into())
                },
                Skipped { line: 3, key: None },
                Skipped { line: 7, key: None },
            ]
        );
        assert_eq!(f.skipped_count, 3);
        assert_eq!(f.entries().count(), 2);
    }

    #[test]
    fn skipped_lines_past_the_kept_ones_are_counted() {
        let f = file(&"junk\n".repeat(KEPT_IN_DETAIL + 10));
        assert_eq!(f.skipped.len(), KEPT_IN_DETAIL);
        assert_eq!(f.skipped_count, KEPT_IN_DETAIL + 10);
    }

    #[test]
    fn a_pasted_block_is_told_by_what_it_holds_and_whose_it_is() {
        let f = file(
            "K=\r\n-----BEGIN CERTIFICATE-----\r\nLS0tLS1CRUdJTiBQUklWQVRF\r\n-----END CERTIFICATE-----\r\n\
C=-----BEGIN CERTIFICATE-----\nMIIBszCCAVmg\n-----END CERTIFICATE-----\nE=\n\n-----BEGIN PRIVATE KEY-----\nMIIE\n",
        );
        let got: Vec<_> = f
            .pem_blocks
            .iter()
            .map(|b| {
                (
                    b.first_line,
                    b.last_line,
                    b.key.as_deref(),
                    b.closed,
                    b.form,
                    b.below_key,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 4, Some("K"), true, Pasted::Certutil, true),
                (5, 7, Some("C"), true, Pasted::Certificate, false),
                // A blank line between is nothing to Node: still the key's.
                (8, 11, Some("E"), false, Pasted::PrivateKey, true),
            ]
        );
    }

    #[test]
    fn base64_wrapped_over_lines_is_a_paste_and_whole_when_it_decodes_to_its_end() {
        use base64::Engine as _;
        let pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n";
        let b64 = base64::engine::general_purpose::STANDARD.encode(pem);
        let wrapped: Vec<&str> = b64
            .as_bytes()
            .chunks(20)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        let f = file(&format!(
            "K={}\nB=1\nC=LS0tLS1CRUdJTiBQUklW\nD=2\nE=\n{}\n",
            wrapped.join("\n"),
            wrapped[..2].join("\n")
        ));
        let got: Vec<_> = f
            .pem_blocks
            .iter()
            .map(|b| {
                (
                    b.first_line,
                    b.last_line,
                    b.key.as_deref(),
                    b.closed,
                    b.form,
                )
            })
            .collect();
        let n = wrapped.len();
        assert_eq!(
            got,
            vec![
                (1, n, Some("K"), true, Pasted::WrappedBase64),
                // C: one line alone is a value cut short, no paste; E: two lines of a paste cut short.
                (n + 4, n + 6, Some("E"), false, Pasted::WrappedBase64),
            ]
        );
        assert!(f.skipped.is_empty(), "{:?}", f.skipped);
    }

    #[test]
    fn a_wrapped_paste_ends_where_its_base64_reaches_the_end_of_its_pem() {
        use base64::Engine as _;
        // 57 bytes to a line of 76 characters: an unpadded last line of full width, then lines a
        // paste could swallow.
        let pem = format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            "M".repeat(57 * 3 - 55)
        );
        let b64 = base64::engine::general_purpose::STANDARD.encode(&pem);
        assert_eq!(b64.len() % 76, 0, "{}", b64.len());
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        let n = lines.len();
        let f = file(&format!("K={}\nKEY=\nTODO\n\n# c\nB=2\n", lines.join("\n")));
        let got: Vec<_> = f
            .pem_blocks
            .iter()
            .map(|b| (b.first_line, b.last_line, b.closed))
            .collect();
        assert_eq!(got, vec![(1, n, true)]);
        assert_eq!(f.get("KEY").map(|e| e.line()), Some(n + 1));
        // A blank line inside: the paste ends there, cut short.
        let f = file(&format!("K={}\n\n{}\n", lines[0], lines[1..].join("\n")));
        assert!(f.pem_blocks.is_empty(), "{:?}", f.pem_blocks);
        // Base64 of a certificate is told as one.
        let cert = base64::engine::general_purpose::STANDARD.encode("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n");
        let cl: Vec<&str> = cert
            .as_bytes()
            .chunks(76)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        let f = file(&format!("K=\n{}\n", cl.join("\n")));
        assert_eq!(
            f.pem_blocks.first().map(|b| (b.form, b.closed)),
            Some((Pasted::Certificate, true))
        );
    }

    #[test]
    fn a_real_empty_definition_inside_a_pem_is_one() {
        let f = file(
            "K=-----BEGIN PRIVATE KEY-----\nMIIE+x\nKEY=\nMIIE+y\nAbCd==\n-----END PRIVATE KEY-----\n",
        );
        assert_eq!(f.pem_blocks[0].holds_definition, Some((3, 2)));
        assert!(f.pem_blocks[0].closed);
        assert!(definition_key("JWT_PRIVATE_KEY:").is_some());
        assert!(!is_pem_file(
            "JWT_PRIVATE_KEY:\n-----BEGIN PRIVATE KEY-----\nMIIE\n"
        ));
    }

    #[test]
    fn a_block_tells_what_else_it_holds() {
        let f = file(
            "K=-----BEGIN PRIVATE KEY-----\nMIIE+x\nREAL=1\nAbCd==\n-----END PRIVATE KEY-----\n\
G=-----BEGIN PRIVATE KEY-----\nMIIE+x\n-----END PRIVATE KEY-----AFTER=kept\n\
U=-----BEGIN PRIVATE KEY-----\nMIIE+x\nAbCd==\nB=2\nC=3\n",
        );
        let got: Vec<_> = f
            .pem_blocks
            .iter()
            .map(|b| {
                (
                    b.first_line,
                    b.last_line,
                    b.closed,
                    b.holds_definition,
                    b.end_glued,
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (1, 5, true, Some((3, 2)), false),
                (6, 8, true, None, true),
                // No END: the block ends before its first real definition; padding not followed
                // by the END line is one too.
                (9, 10, false, Some((11, 10)), false),
            ]
        );
        // A paste cut short whose last line reads as `KEY=`: that line is not advised away.
        let f = file("V=-----BEGIN PRIVATE KEY-----\nMIIE+x\nKEY=\n");
        assert_eq!(f.pem_blocks[0].last_line, 2);
        assert!(!f.pem_blocks[0].closed);
        assert!(is_base64_junk("AbCd", "=="));
        assert!(!is_base64_junk("REAL_EMPTY", ""));
        assert!(!is_base64_junk("K", "v"));
    }

    #[test]
    fn a_pem_written_over_several_lines_is_one_block() {
        let f = file(
            "A=1\nJWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQ+abc\nAbCd==\n-----END PRIVATE KEY-----\nB=2\n\
-----BEGIN RSA PRIVATE KEY-----\nMIIE/x\n-----END RSA PRIVATE KEY-----\n",
        );
        assert_eq!(
            f.pem_blocks,
            vec![
                PemBlock {
                    first_line: 2,
                    last_line: 5,
                    key: Some("JWT_PRIVATE_KEY".into()),
                    closed: true,
                    form: Pasted::PrivateKey,
                    below_key: false,
                    begin_line: 2,
                    holds_definition: None,
                    end_glued: false,
                },
                PemBlock {
                    first_line: 7,
                    last_line: 9,
                    key: None,
                    closed: true,
                    form: Pasted::PrivateKey,
                    below_key: false,
                    begin_line: 7,
                    holds_definition: None,
                    end_glued: false,
                },
            ]
        );
        assert!(f.skipped.is_empty(), "{:?}", f.skipped);
        assert_eq!(
            f.get("B")
                .map(|e| e.value().expose().to_string())
                .as_deref(),
            Some("2")
        );
    }

    #[test]
    fn the_last_definition_wins_and_duplicates_are_listed() {
        let f = file("K=a\nO=1\nK=b\n");
        assert_eq!(
            f.get("K")
                .map(|e| e.value().expose().to_string())
                .as_deref(),
            Some("b")
        );
        let dups: Vec<(String, usize, (Vec<usize>, usize))> = f
            .duplicates()
            .map(|e| (e.key().to_string(), e.count(), e.definition_lines()))
            .collect();
        assert_eq!(dups, vec![("K".to_string(), 2, (vec![1, 3], 3))]);
    }

    #[test]
    fn invalid_utf8_lines_are_found() {
        assert_eq!(
            invalid_lines(b"A=1\nB=\xff\nC=3\n\xfe\xfd\n"),
            (vec![2, 4], 2)
        );
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
        let f = file(&text);
        let entry = f.get("JWT_CLIENT_ID").expect("defined");
        assert_eq!(entry.count(), text.len() / line.len());
        assert_eq!(entry.line(), text.len() / line.len());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let f = EnvFile::from_text(Path::new(".env"), &text);
            for e in f.entries() {
                prop_assert!(e.line() <= e.value_line());
                let _ = e.value();
                let _ = e.written();
            }
        }
    }
}

#[cfg(test)]
mod node_oracle;
