//! Editing a .env without harm: definitions are found with the reader's own grammar, each value is
//! written in a form Node's dotenv reads back exactly, and every edit is proven before the file is
//! replaced: read back by the reader, each written key must read as intended and every other key
//! as before, or the file is left as it was (exit 3).

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, Metadata};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::{Event, Parser, is_line_end, is_pem_file, is_space, parse};
use crate::error::Failure;
use crate::files::{self, Accept, Lock, Patience, Replaced};

/// What the editor did to one variable.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// The first definition (at this line) was replaced and `removed` later ones deleted. When a
    /// definition was a PEM block pasted over several lines, its other lines went with it:
    /// `last_line` is the last line the replaced one took.
    Replaced {
        line: usize,
        last_line: usize,
        removed: usize,
        /// The rest of each paste that could not be removed with the key, and why (lines of
        /// the new text).
        left: Vec<Left>,
    },
    /// No definition existed: one was appended at this line.
    Appended { line: usize },
    /// Every definition was removed (this many); `left` as for [`Edit::Replaced`].
    Removed { count: usize, left: Vec<Left> },
}

/// Lines of a key pasted over several lines that an edit of the key left in the file.
#[derive(Debug, PartialEq, Eq)]
pub struct Left {
    pub first: usize,
    pub last: usize,
    pub why: String,
}

impl Edit {
    /// The warnings for the rest of each paste the edit left in `shown`.
    pub fn left_warnings(&self, shown: &str) -> Vec<String> {
        let (Edit::Replaced { left, .. } | Edit::Removed { left, .. }) = self else {
            return Vec::new();
        };
        const SHOWN: usize = 3;
        let more = left.len().saturating_sub(SHOWN);
        left.iter()
            .take(SHOWN)
            .map(|l| {
                let lines = if l.first == l.last {
                    format!("line {}", l.first)
                } else {
                    format!("lines {}–{}", l.first, l.last)
                };
                format!(
                    "{shown}: {lines}, the rest of a key pasted over several lines, stayed as they were ({}): remove them by hand",
                    l.why
                )
            })
            .chain((more > 0).then(|| {
                format!("{shown}: and {more} more pastes like these stayed: adobe-jwt check-env lists them")
            }))
            .collect()
    }

    /// "replaced line 3", "replaced line 3, removed 2 other definitions", "appended at line 9".
    pub fn describe(&self) -> String {
        match self {
            Edit::Replaced {
                line,
                last_line,
                removed,
                ..
            } => {
                let mut what = if last_line > line {
                    format!("replaced lines {line}–{last_line}, a key pasted over several lines")
                } else {
                    format!("replaced line {line}")
                };
                if *removed > 0 {
                    what.push_str(&format!(
                        ", removed {removed} other definition{}",
                        if *removed == 1 { "" } else { "s" }
                    ));
                }
                what
            }
            Edit::Appended { line } => format!("appended at line {line}"),
            Edit::Removed { count: 0, .. } => "not defined".into(),
            Edit::Removed { count: 1, .. } => "removed its definition".into(),
            Edit::Removed { count, .. } => format!("removed its {count} definitions"),
        }
    }
}

/// The value as it must appear after `NAME=` for Node's dotenv to read back exactly `value`: bare
/// when it is plain (what every reader agrees on), else in single quotes, double quotes (line
/// breaks written as `\n`) or backticks, whichever can hold it. When none can, the error names the
/// characters that rule each form out, never the value.
pub fn written_form(name: &str, value: &str) -> Result<String, Failure> {
    let plain = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.@:/+=,".contains(c))
        && !value.starts_with('[');
    if plain {
        return Ok(value.to_string());
    }
    let line_break = value.contains(is_line_end);
    let escapes = value.contains("\\n") || value.contains("\\r");
    if !value.contains('\'') {
        return Ok(format!("'{value}'"));
    }
    if !value.contains('"') && !escapes && !value.contains(['\u{2028}', '\u{2029}']) {
        return Ok(format!(
            "\"{}\"",
            value.replace('\n', "\\n").replace('\r', "\\r")
        ));
    }
    if !value.contains('`') {
        return Ok(format!("`{value}`"));
    }
    let bare_blockers = bare_blockers(value, line_break);
    if bare_blockers.is_empty() {
        return Ok(value.to_string());
    }
    let double = if value.contains('"') {
        "\" (so no double quotes)"
    } else if escapes {
        "a backslash before n or r, which double quotes turn into a line break"
    } else {
        "a Unicode line separator (so no double quotes)"
    };
    Err(Failure::config(format!(
        "the value of {name} cannot be written to a .env so that Node's dotenv reads it back as it is: \
it holds ' (so no single quotes), {double}, ` (so no backticks), and {} (so it cannot stand unquoted)",
        bare_blockers.join(" and ")
    ))
    .with_hint(format!(
        "set {name} in the environment instead, which takes any value"
    )))
}

/// Why a value cannot stand unquoted: Node reads `[^#\r\n]+`, trimmed, with surrounding quotes removed.
fn bare_blockers(value: &str, line_break: bool) -> Vec<&'static str> {
    let mut why = Vec::new();
    if value.is_empty() {
        return why;
    }
    if value.contains('#') {
        why.push("#");
    }
    if line_break {
        why.push("a line break");
    }
    if value.starts_with(is_space) || value.ends_with(is_space) {
        why.push("leading or trailing space");
    }
    if value.starts_with(['\'', '"', '`']) {
        why.push("a leading quote");
    }
    why
}

/// One definition of a name, in offsets of the original text.
struct Found {
    /// The key's offset.
    key: usize,
    /// The end of the value as written, or of the pasted block's last line (its line break kept).
    value_end: usize,
    /// The definition's own whole lines, a pasted block's included.
    lines: std::ops::Range<usize>,
    line: usize,
    /// The last line the definition takes: past its own when its value is a PEM block pasted
    /// over several lines, whose other lines Node skips or reads as junk definitions.
    last_line: usize,
    /// A paste below an empty `KEY=`: its whole lines, removed with the key (the blank lines and
    /// comments between stay).
    below: Option<std::ops::Range<usize>>,
    left: Option<Left>,
}

/// Every definition of `name` in `text`. A definition whose value begins a PEM block written over
/// several lines (or that is empty with the block below it) takes the block's lines with it, so
/// that replacing the key removes the paste; the junk names Node reads from those lines (a base64
/// line ending in `=`) are added to `swept`. A block that holds a real definition, has no END
/// line, or has text after it is left, and said to be.
fn definitions_of(text: &str, name: &str, swept: &mut Vec<String>) -> Vec<Found> {
    let blocks: Vec<super::PemBlock> = super::EnvFile::from_text(Path::new(""), text)
        .pem_blocks
        .into_iter()
        .filter(|b| b.key.as_deref() == Some(name) && b.last_line > b.first_line)
        .collect();
    let lines = LineIndex::new(text);
    let sweeps = |b: &super::PemBlock| b.why_it_stays().is_none();
    let mut found = Vec::new();
    // Blocks and definitions both come in file order: one walk over both.
    let mut at = 0;
    Parser::new(text).run(|event| {
        let Event::Definition(d) = event else {
            return;
        };
        while blocks.get(at).is_some_and(|b| b.last_line < d.line) {
            at += 1;
        }
        let block = blocks.get(at).filter(|b| b.first_line <= d.line);
        if let Some(b) = block
            && sweeps(b)
            && (b.begin_line..=b.last_line).contains(&d.line)
            && d.line != b.first_line
        {
            swept.push(d.key_text.to_string());
            return;
        }
        if d.key_text != name {
            return;
        }
        let mut f = Found {
            key: d.original_key,
            value_end: d.original_value_end,
            lines: d.original_lines.clone(),
            line: d.line,
            last_line: d.line,
            below: None,
            left: None,
        };
        if let Some(block) = block.filter(|b| b.first_line == d.line) {
            if sweeps(block) {
                let (end, next) = lines.bounds(block.last_line);
                if block.below_key {
                    f.below = Some(lines.start(block.begin_line)..next);
                } else {
                    f.value_end = end;
                    f.lines.end = next;
                }
                f.last_line = block.last_line;
            } else if let Some(why) = block.why_it_stays() {
                let (first, last) = block.pasted_lines();
                f.left = Some(Left { first, last, why });
            }
        }
        found.push(f);
    });
    found
}

/// Where each line of a text ends, as Node counts lines (LF, CRLF or a lone CR end one).
struct LineIndex {
    /// Each line break: where it starts, and where the next line starts.
    breaks: Vec<(usize, usize)>,
    len: usize,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut breaks = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let width = match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => 2,
                b'\r' | b'\n' => 1,
                _ => 0,
            };
            if width > 0 {
                breaks.push((i, i + width));
            }
            i += width.max(1);
        }
        Self {
            breaks,
            len: text.len(),
        }
    }

    /// The offset where 1-based line `line` begins.
    fn start(&self, line: usize) -> usize {
        match line {
            0 | 1 => 0,
            n => self.breaks.get(n - 2).map_or(self.len, |b| b.1),
        }
    }

    /// The offsets of the end of line `line` (before its line break) and of the next line's start.
    fn bounds(&self, line: usize) -> (usize, usize) {
        self.breaks
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or((self.len, self.len))
    }
}

/// Set `name` to `written` (the value as it is to appear after `=`) in .env text: the first
/// definition is replaced from its key to the end of its value (an `export ` before it and a comment
/// after it stay), later ones are removed with their own lines only, or one line is appended where
/// Node reads it as a definition of its own. Every other byte is kept.
fn set_variable(
    text: &str,
    name: &str,
    written: &str,
    value: &str,
    swept: &mut Vec<String>,
) -> (String, Edit) {
    let found = definitions_of(text, name, swept);
    let Some((first, later)) = found.split_first() else {
        return append(text, name, written, value);
    };
    let definition = format!("{name}={written}");
    // The spans to replace: the first definition's value, the pastes below definitions, and each
    // later definition's own lines (with their pastes).
    let mut spans: Vec<(std::ops::Range<usize>, &str)> =
        vec![(first.key..first.value_end, &definition)];
    spans.extend(
        found
            .iter()
            .filter_map(|f| f.below.clone().map(|r| (r, ""))),
    );
    spans.extend(later.iter().map(|f| (f.lines.clone(), "")));
    let (out, left) = splice(text, spans, &found);
    (
        out,
        Edit::Replaced {
            line: first.line,
            last_line: first.last_line,
            removed: later.len(),
            left,
        },
    )
}

/// Remove every definition of `name` from .env text, each with its own lines only (a comment or
/// blank line near it stays).
fn remove_variable(text: &str, name: &str, swept: &mut Vec<String>) -> (String, Edit) {
    let found = definitions_of(text, name, swept);
    let spans = found
        .iter()
        .flat_map(|f| std::iter::once(f.lines.clone()).chain(f.below.clone()))
        .map(|r| (r, ""))
        .collect();
    let (out, left) = splice(text, spans, &found);
    (
        out,
        Edit::Removed {
            count: found.len(),
            left,
        },
    )
}

/// Replace spans of `text` (none inside another), and say where the pastes the definitions in
/// `found` left stand in the new text: their lines move up by the lines removed before them.
fn splice(
    text: &str,
    mut spans: Vec<(std::ops::Range<usize>, &str)>,
    found: &[Found],
) -> (String, Vec<Left>) {
    let breaks =
        |t: &str| t.matches('\n').count() + t.matches('\r').count() - t.matches("\r\n").count();
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    // Where each kept span ends, and how many lines the text has lost up to there.
    let mut lost: Vec<(usize, usize)> = Vec::new();
    let mut lines_lost = 0;
    for (range, with) in spans {
        if range.start < copied {
            continue;
        }
        out.push_str(&text[copied..range.start]);
        out.push_str(with);
        lines_lost += breaks(&text[range.clone()]).saturating_sub(breaks(with));
        lost.push((range.end, lines_lost));
        copied = range.end;
    }
    out.push_str(&text[copied..]);
    let index = LineIndex::new(text);
    let left = found
        .iter()
        .filter_map(|f| f.left.as_ref())
        .map(|l| {
            let at = index.start(l.first);
            let kept = lost.partition_point(|(end, _)| *end <= at);
            let before = kept.checked_sub(1).map_or(0, |i| lost[i].1);
            Left {
                first: l.first - before,
                last: l.last - before,
                why: l.why.clone(),
            }
        })
        .collect();
    (out, left)
}

/// Append a definition. After a line that would take it in (a dangling `KEY:`, whose value runs
/// on to the next line), blank lines are put in between until Node reads the new line as a
/// definition of its own.
fn append(text: &str, name: &str, written: &str, value: &str) -> (String, Edit) {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut base = text.to_string();
    if !base.is_empty() && !base.ends_with(is_line_end) {
        base.push_str(newline);
    }
    let before = parse(text);
    let mut attempt = base.clone();
    for _ in 0..3 {
        let line = attempt.matches('\n').count() + 1;
        let candidate = format!("{attempt}{name}={written}{newline}");
        let after = parse(&candidate);
        if after.get(name).map(String::as_str) == Some(value)
            && changed(&before, &after, &[name]).is_empty()
        {
            return (candidate, Edit::Appended { line });
        }
        attempt.push_str(newline);
    }
    // No placement holds: the proof refuses the edit.
    let line = base.matches('\n').count() + 1;
    (
        format!("{base}{name}={written}{newline}"),
        Edit::Appended { line },
    )
}

/// Keys (other than `written`) whose value differs between two readings; a key that was not
/// defined and now reads as empty counts as unchanged (every reader takes both as unset).
fn changed(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
    written: &[&str],
) -> Vec<String> {
    let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    keys.into_iter()
        .filter(|k| !written.contains(&k.as_str()))
        .filter(|k| {
            before.get(*k).map_or("", String::as_str) != after.get(*k).map_or("", String::as_str)
        })
        .cloned()
        .collect()
}

/// One change to a .env: set a variable to a value, or remove every definition of it.
pub type Change<'a> = (&'a str, Option<&'a str>);

/// Plan an edit of .env text: the new text and what was done, proven by reading it back. The new
/// text must also stay within what the reader reads ([`files::MAX_INPUT`]).
pub fn plan(text: &str, changes: &[Change<'_>]) -> Result<(String, Vec<Edit>), Failure> {
    let mut updated = text.to_string();
    let mut edits = Vec::with_capacity(changes.len());
    let mut swept = Vec::new();
    for (name, value) in changes {
        let (next, edit) = match value {
            Some(value) => {
                let written = written_form(name, value)?;
                set_variable(&updated, name, &written, value, &mut swept)
            }
            None => remove_variable(&updated, name, &mut swept),
        };
        updated = next;
        edits.push(edit);
    }
    if updated.len() as u64 > files::MAX_INPUT {
        return Err(Failure::config(format!(
            "the edit would make the file {} bytes, past the {} bytes adobe-jwt reads",
            updated.len(),
            files::MAX_INPUT
        ))
        .with_hint("remove what the file does not need (adobe-jwt check-env lists duplicate definitions), or set the key in the environment"));
    }
    prove(text, &updated, changes, &swept)?;
    Ok((updated, edits))
}

/// Read the new text back: each set key must read exactly its value, each removed key must be
/// gone, and every other key must read as before, but for the junk names read from a pasted
/// block's lines (`swept`), which go with the block.
fn prove(
    before: &str,
    after: &str,
    changes: &[Change<'_>],
    swept: &[String],
) -> Result<(), Failure> {
    let old = parse(before);
    let new = parse(after);
    let wrong: Vec<&str> = changes
        .iter()
        .filter(|(name, value)| new.get(*name).map(String::as_str) != *value)
        .map(|(name, _)| *name)
        .collect();
    let names: Vec<&str> = changes
        .iter()
        .map(|(n, _)| *n)
        .chain(swept.iter().map(String::as_str))
        .collect();
    let moved = changed(&old, &new, &names);
    if wrong.is_empty() && moved.is_empty() {
        return Ok(());
    }
    let mut why = Vec::new();
    if !wrong.is_empty() {
        why.push(format!(
            "{} would not read back as written",
            wrong.join(", ")
        ));
    }
    if !moved.is_empty() {
        why.push(format!("the value of {} would change", shown_names(&moved)));
    }
    Err(Failure::config(format!(
        "the edit cannot be made safely: read back as Node's dotenv reads it, {}",
        why.join(", and ")
    ))
    .with_hint("adobe-jwt check-env shows the lines Node reads differently from how they look; fix those, or set the key in the environment"))
}

/// Key names for a message: names that look like variables, at most five (a key can be any text).
fn shown_names(keys: &[String]) -> String {
    let named: Vec<&str> = keys
        .iter()
        .filter(|k| {
            k.len() <= 64
                && k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .map(String::as_str)
        .take(5)
        .collect();
    let rest = keys.len() - named.len();
    match (named.is_empty(), rest) {
        (true, _) => format!("{} keys", keys.len()),
        (false, 0) => named.join(", "),
        (false, n) => format!("{} and {n} more", named.join(", ")),
    }
}

/// A .env file to edit. [`EnvTarget::open`] checks it and reads it, holding no lock, so that an
/// edit can be planned and proven before anything irreversible is done (`secret rotate` asks the
/// Console only then). [`EnvTarget::commit`] makes the edit on the file as it is at that moment:
/// under the editors' lock it reads and checks the file again, plans and proves the edit against
/// that text (a line another program added meanwhile stays), replaces the file and reads it back.
pub struct EnvTarget {
    path: PathBuf,
    target: PathBuf,
    text: String,
}

/// The file as it is: where it really is (a symlink followed), its metadata (`None` when it does
/// not exist yet) and its text.
struct Current {
    target: PathBuf,
    existing: Option<Metadata>,
    text: String,
}

/// What [`EnvTarget::commit`] did.
#[derive(Debug)]
pub struct Committed {
    /// One per change, in order.
    pub edits: Vec<Edit>,
    pub replaced: Replaced,
    /// What the user should know of the write: attributes the new file lost, hard links it split,
    /// a secret written into a file others can read.
    pub warnings: Vec<String>,
}

impl Committed {
    /// ", rewritten in place: it cannot be replaced (…)" when the file was not replaced by rename,
    /// else nothing: for the note that says what was written.
    pub fn how(&self) -> String {
        match &self.replaced {
            Replaced::Atomically => String::new(),
            Replaced::InPlace(why) => format!(
                "; rewritten in place, since it cannot be replaced by a new file ({why}), and read back"
            ),
        }
    }
}

impl EnvTarget {
    /// Check `path` for editing: only a regular file (a symlink is followed to one; a FIFO, device
    /// or directory is refused untouched), one the user can write, UTF-8 and not a key file. A
    /// missing file will be created 0600. Nothing is locked or written.
    pub fn open(path: &Path) -> Result<Self, Failure> {
        let current = current(path, None)?;
        // The lock file beside it must be possible: a folder that refuses it would only say so
        // at write time. A lock another run holds is fine here.
        let now = Patience {
            until: std::time::Instant::now(),
            bound: "the check",
            on_wait: &|_| {},
        };
        match Lock::beside(&current.target, &now) {
            Ok(lock) => drop(lock),
            Err(f) if f.kind == crate::error::Kind::Network => {}
            Err(f) => {
                return Err(f.reworded(|m| format!("{m}; {} was left unchanged", path.display())));
            }
        }
        Ok(Self {
            path: path.to_path_buf(),
            target: current.target,
            text: current.text,
        })
    }

    /// Plan the edit and prove it against the file as it was read, without writing.
    pub fn plan(&self, changes: &[Change<'_>]) -> Result<(String, Vec<Edit>), Failure> {
        plan(&self.text, changes).map_err(|f| self.unchanged(f))
    }

    /// Make the edit on the file as it is now: locked against other editors (waiting as `patience`
    /// allows), read and checked again, planned and proven against that text, replaced (mode,
    /// owner and group kept) and read back; or left as it was.
    pub fn commit(
        &self,
        changes: &[Change<'_>],
        patience: &Patience<'_>,
    ) -> Result<Committed, Failure> {
        self.commit_if_unchanged(changes, &[], patience)
    }

    /// [`EnvTarget::commit`], when each key of `unchanged` still reads as it did when the file was
    /// opened: an edit based on a value (a rotation replacing the secret it read) must not
    /// overwrite what another program wrote there meanwhile.
    pub fn commit_if_unchanged(
        &self,
        changes: &[Change<'_>],
        unchanged: &[&str],
        patience: &Patience<'_>,
    ) -> Result<Committed, Failure> {
        let _lock = Lock::beside(&self.target, patience)?;
        let now = current(&self.path, Some(&self.target))?;
        if !unchanged.is_empty() {
            let (then, fresh) = (parse(&self.text), parse(&now.text));
            let moved: Vec<String> = unchanged
                .iter()
                .filter(|k| then.get(**k) != fresh.get(**k))
                .map(|k| k.to_string())
                .collect();
            if !moved.is_empty() {
                return Err(self.unchanged(Failure::config(format!(
                    "{} changed in the file since it was read, so it is not overwritten",
                    shown_names(&moved)
                ))));
            }
        }
        let (updated, edits) = plan(&now.text, changes).map_err(|f| self.unchanged(f))?;
        let done = files::replace(&now.target, updated.as_bytes(), now.existing.as_ref()).map_err(
            |e| {
                Failure::config(format!(
                    "cannot write {}: {e}; it was left unchanged",
                    self.path.display()
                ))
                .with_hint("check that the file and its folder are writable, and the disk not full")
            },
        )?;
        let mut warnings = self.warnings(&now, &done, changes);
        let shown = self.path.display().to_string();
        warnings.extend(edits.iter().flat_map(|e| e.left_warnings(&shown)));
        Ok(Committed {
            edits,
            replaced: done.how,
            warnings,
        })
    }

    /// What the write lost or exposed: dropped extended attributes, split hard links, and a secret
    /// written into a file that group or others can read.
    fn warnings(
        &self,
        before: &Current,
        done: &files::Replacement,
        changes: &[Change<'_>],
    ) -> Vec<String> {
        let shown = self.path.display();
        let mut warnings = Vec::new();
        if !done.dropped_xattrs.is_empty() {
            warnings.push(format!(
                "{shown} was replaced by a new file that could not keep its extended attributes {} (ACLs, SELinux labels): set them again",
                done.dropped_xattrs.join(", ")
            ));
        }
        let links = before.existing.as_ref().map_or(1, files::link_count);
        if links > 1 && done.how == Replaced::Atomically {
            warnings.push(format!(
                "{shown} had {} other hard link{}: they still hold the old contents, since a new file took this name",
                links - 1,
                if links == 2 { "" } else { "s" }
            ));
        }
        let secret_written = changes
            .iter()
            .any(|(name, value)| value.is_some() && crate::credential::is_secret_variable(name));
        let mode = before
            .existing
            .as_ref()
            .and_then(files::mode)
            .unwrap_or(0o600);
        if secret_written && mode & 0o044 != 0 {
            warnings.push(format!(
                "{shown} now holds a secret and is readable by others (mode {mode:04o}): chmod 600 {shown}"
            ));
        }
        warnings
    }

    fn unchanged(&self, f: Failure) -> Failure {
        f.reworded(|m| format!("{}: {m}; it was left unchanged", self.path.display()))
    }
}

/// Look at `path` as an editor must: `expected` is where it resolved before (a commit refuses a
/// path that now leads elsewhere).
fn current(path: &Path, expected: Option<&Path>) -> Result<Current, Failure> {
    let shown = path.display();
    let unchanged = |why: String| Failure::config(format!("{why}; {shown} was left unchanged"));
    let target = match fs::metadata(path) {
        Ok(meta) => {
            let kind = files::file_kind(&meta);
            if kind != files::FileKind::Regular {
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
    if let Some(expected) = expected
        && expected != target
    {
        return Err(unchanged(format!(
            "{shown} now leads to {} instead of {}",
            target.display(),
            expected.display()
        )));
    }
    let existing = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == ErrorKind::NotFound => None,
        Err(e) => return Err(unchanged(format!("cannot read {shown}: {e}"))),
    };
    let text = match &existing {
        Some(meta) => {
            ensure_writable(&target, meta).map_err(|why| {
                unchanged(why).with_hint(format!("make it writable for you: chmod u+w {shown}"))
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
    Ok(Current {
        target,
        existing,
        text,
    })
}

/// Set variables (name, value) in a .env file, safely: see [`EnvTarget`].
pub fn write_variables(
    path: &Path,
    changes: &[Change<'_>],
    patience: &Patience<'_>,
) -> Result<Committed, Failure> {
    EnvTarget::open(path)?.commit(changes, patience)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, name: &str, value: &str) -> (String, Edit) {
        let (out, mut edits) = plan(text, &[(name, Some(value))]).expect("the edit is proven");
        (out, edits.remove(0))
    }

    #[test]
    fn replaces_the_first_and_removes_the_rest() {
        let text = "# keys\nJWT_PRIVATE_KEY=old1\nA=1\nexport JWT_PRIVATE_KEY=\"multi\nline\"\nB=2";
        let (out, edit) = set(text, "JWT_PRIVATE_KEY", "new");
        assert_eq!(out, "# keys\nJWT_PRIVATE_KEY=new\nA=1\nB=2");
        assert_eq!(
            edit,
            Edit::Replaced {
                line: 2,
                last_line: 2,
                removed: 1,
                left: Vec::new()
            }
        );
    }

    #[test]
    fn a_key_pasted_over_several_lines_is_replaced_with_all_its_lines() {
        for nl in ["\n", "\r\n"] {
            let pem = [
                "-----BEGIN PRIVATE KEY-----",
                "MIIEvQ+abc/def",
                "AbCd==",
                "-----END PRIVATE KEY-----",
            ];
            let text = format!("A=1{nl}JWT_PRIVATE_KEY={}{nl}B=2{nl}", pem.join(nl));
            let (out, edit) = plan(&text, &[("JWT_PRIVATE_KEY", Some("new"))]).expect("proven");
            assert_eq!(out, format!("A=1{nl}JWT_PRIVATE_KEY=new{nl}B=2{nl}"));
            assert_eq!(
                edit,
                vec![Edit::Replaced {
                    line: 2,
                    last_line: 5,
                    removed: 0,
                    left: Vec::new()
                }]
            );
            assert_eq!(
                edit[0].describe(),
                "replaced lines 2–5, a key pasted over several lines"
            );
            // certutil's form: base64 of the PEM in CERTIFICATE lines, its last line a junk name.
            let text = format!(
                "JWT_PRIVATE_KEY=-----BEGIN CERTIFICATE-----{nl}LS0tLS1CRUdJTiBQUklWQVRF{nl}LS0tLQo={nl}-----END CERTIFICATE-----{nl}Z=9"
            );
            let (out, _) = plan(&text, &[("JWT_PRIVATE_KEY", Some("new"))]).expect("proven");
            assert_eq!(out, "JWT_PRIVATE_KEY=new".to_string() + nl + "Z=9");
            let (out, _) = plan(&text, &[("JWT_PRIVATE_KEY", None)]).expect("proven");
            assert_eq!(out, "Z=9");
        }
    }

    #[test]
    fn a_paste_is_swept_only_when_it_ends_and_holds_no_real_definition() {
        let left = |text: &str| {
            let (out, edit) = plan(text, &[("JWT_PRIVATE_KEY", Some("new"))]).expect("proven");
            (out, edit[0].left_warnings(".env").join("\n"))
        };
        // No END line: only the key's line goes, and the rest is named.
        let (out, said) = left("JWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQ+abc\nB=2\n");
        assert_eq!(out, "JWT_PRIVATE_KEY=new\nMIIEvQ+abc\nB=2\n");
        assert!(
            said == ".env: line 2, the rest of a key pasted over several lines, stayed as they were (the paste has no -----END line): remove them by hand",
            "{said}"
        );
        // A real definition inside, empty or not: nothing but the key's line is touched.
        for real in ["B=2", "REAL_EMPTY="] {
            let text = format!(
                "JWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\n{real}\nMIIEvQ+abc\n-----END PRIVATE KEY-----\n"
            );
            let (out, said) = left(&text);
            assert_eq!(out, text.replacen("-----BEGIN PRIVATE KEY-----", "new", 1));
            assert!(
                said.contains("lines 2–4") && said.contains("a definition of its own, on line 2"),
                "{said}"
            );
        }
        // Text glued after END stays, and so does the paste.
        let text = "JWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQ+abc\n-----END PRIVATE KEY-----AFTER=kept\n";
        let (out, said) = left(text);
        assert!(
            out.ends_with("-----END PRIVATE KEY-----AFTER=kept\n"),
            "{out}"
        );
        assert!(
            said.contains("the paste's -----END line has more on it"),
            "{said}"
        );
    }

    #[test]
    fn what_a_later_definition_left_is_named_by_its_lines_in_the_new_text() {
        let text = "JWT_PRIVATE_KEY=old\nA=1\nJWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQ+abc\nMIIEvQ+def\nB=2\n";
        let (out, edit) = plan(text, &[("JWT_PRIVATE_KEY", Some("new"))]).expect("proven");
        assert_eq!(
            out,
            "JWT_PRIVATE_KEY=new\nA=1\nMIIEvQ+abc\nMIIEvQ+def\nB=2\n"
        );
        assert_eq!(
            edit[0].left_warnings(".env"),
            vec![".env: lines 3–4, the rest of a key pasted over several lines, stayed as they were (the paste has no -----END line): remove them by hand".to_string()]
        );
        let (out, edit) = plan(text, &[("JWT_PRIVATE_KEY", None)]).expect("proven");
        assert_eq!(out, "A=1\nMIIEvQ+abc\nMIIEvQ+def\nB=2\n");
        assert!(
            edit[0].left_warnings(".env")[0].contains("lines 2–3"),
            "{edit:?}"
        );
    }

    #[test]
    fn a_paste_below_an_empty_key_goes_and_the_comments_between_stay() {
        let text = "JWT_PRIVATE_KEY=\n\n# my key\n-----BEGIN PRIVATE KEY-----\nMIIEvQ+abc\nAbCd==\n-----END PRIVATE KEY-----\nB=2\n";
        let (out, edit) = plan(text, &[("JWT_PRIVATE_KEY", Some("new"))]).expect("proven");
        assert_eq!(out, "JWT_PRIVATE_KEY=new\n\n# my key\nB=2\n");
        assert_eq!(
            edit[0].describe(),
            "replaced lines 1–7, a key pasted over several lines"
        );
        let (out, _) = plan(text, &[("JWT_PRIVATE_KEY", None)]).expect("proven");
        assert_eq!(out, "\n# my key\nB=2\n");
    }

    #[test]
    fn removing_a_duplicate_keeps_the_comments_and_blank_lines_after_it() {
        let text = "K=a\nK=b\n\n# about B\nB=1\n";
        let (out, _) = set(text, "K", "v");
        assert_eq!(out, "K=v\n\n# about B\nB=1\n");
        let text = "K=a\nK=b # old\n# note\n\nZ=1";
        let (out, _) = set(text, "K", "v");
        assert_eq!(out, "K=v\n# note\n\nZ=1");
    }

    #[test]
    fn export_and_comments_are_kept() {
        let (out, _) = set("export K=old  # rotated\n", "K", "v");
        assert_eq!(out, "export K=v  # rotated\n");
        let (out, _) = set("K: \nZ=1\n", "K", "v");
        assert_eq!(out, "K=v \nZ=1\n");
    }

    #[test]
    fn a_definition_inside_another_quoted_value_is_not_one() {
        let text = "NOTE=\"see below\nJWT_PRIVATE_KEY=inside\n\"\nJWT_PRIVATE_KEY=real\n";
        let (out, edit) = set(text, "JWT_PRIVATE_KEY", "new");
        assert_eq!(
            out,
            "NOTE=\"see below\nJWT_PRIVATE_KEY=inside\n\"\nJWT_PRIVATE_KEY=new\n"
        );
        assert_eq!(
            edit,
            Edit::Replaced {
                line: 4,
                last_line: 4,
                removed: 0,
                left: Vec::new()
            }
        );
    }

    #[test]
    fn appends_with_the_file_line_ending() {
        let (out, edit) = set("A=1\r\nB=2", "K", "v");
        assert_eq!(out, "A=1\r\nB=2\r\nK=v\r\n");
        assert_eq!(edit, Edit::Appended { line: 3 });
        let (out, _) = set("", "K", "v");
        assert_eq!(out, "K=v\n");
    }

    #[test]
    fn an_append_after_a_dangling_colon_is_a_definition_of_its_own() {
        let (out, edit) = set("A=1\nJWT_METASCOPES:\n", "JWT_PRIVATE_KEY", "LS0t");
        assert_eq!(out, "A=1\nJWT_METASCOPES:\n\nJWT_PRIVATE_KEY=LS0t\n");
        assert_eq!(edit, Edit::Appended { line: 4 });
        assert_eq!(
            parse(&out).get("JWT_METASCOPES").map(String::as_str),
            Some("")
        );
        // Without a final line break the dangling key was no definition; it now reads as empty.
        let (out, _) = set("JWT_METASCOPES:", "K", "v");
        assert_eq!(parse(&out).get("K").map(String::as_str), Some("v"));
    }

    #[test]
    fn keeps_the_line_ending_of_the_replaced_line() {
        let (out, _) = set("K=old\r\nZ=1\r\n", "K", "v");
        assert_eq!(out, "K=v\r\nZ=1\r\n");
        let (out, _) = set("Z=1\nK='a\nb'", "K", "v");
        assert_eq!(out, "Z=1\nK=v");
        let (out, _) = set("K=a\r\nK=b\r\nZ=1\r\n", "K", "v");
        assert_eq!(out, "K=v\r\nZ=1\r\n");
    }

    #[test]
    fn similar_names_are_left_alone() {
        let (out, _) = set("K2=1\n#K=2\nXK=3\n", "K", "v");
        assert_eq!(out, "K2=1\n#K=2\nXK=3\nK=v\n");
    }

    #[test]
    fn values_are_quoted_so_that_node_reads_them_back() {
        for value in [
            "p8e-plain",
            "[\"openid\",\"AdobeID\"]",
            "p8e-it's",
            "a # b",
            " padded ",
            "two\nlines",
            "both ' and \"",
            "back\\nslash and '",
            "",
        ] {
            let (out, _) = set("A=1\n", "S", value);
            assert_eq!(
                parse(&out).get("S").map(String::as_str),
                Some(value),
                "{value:?}"
            );
        }
        assert_eq!(
            written_form("S", "p8e-it's").ok().as_deref(),
            Some("\"p8e-it's\"")
        );
        assert_eq!(
            written_form("S", "[\"openid\"]").ok().as_deref(),
            Some("'[\"openid\"]'")
        );
    }

    #[test]
    fn a_value_no_quoting_can_hold_is_refused_with_the_reason() {
        let err = written_form("S", "a'b\"c`d #e").expect_err("refused");
        assert!(
            err.message.contains("' (so no single quotes)"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("` (so no backticks)"),
            "{}",
            err.message
        );
        assert!(
            err.message.contains("# (so it cannot stand unquoted)") || err.message.contains("#"),
            "{}",
            err.message
        );
        assert!(!err.message.contains("a'b"), "{}", err.message);
    }

    #[test]
    fn an_edit_that_would_change_another_key_is_refused() {
        // A quote left open on the last line: the appended definition would end up inside it.
        let err = plan("A='open\n", &[("K", Some("v"))]).err();
        if let Some(err) = err {
            assert!(
                err.message.contains("cannot be made safely"),
                "{}",
                err.message
            );
        }
        let text = "A=1\n";
        assert!(prove(text, "A=2\nK=v\n", &[("K", Some("v"))], &[]).is_err());
        assert!(prove(text, "A=1\nK=w\n", &[("K", Some("v"))], &[]).is_err());
        assert!(prove(text, "A=1\nK=v\n", &[("K", Some("v"))], &[]).is_ok());
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
            1 => "[A-Z_]{1,8}:",
            2 => "#[^\\r\\n]{0,12}",
            1 => "[^\\r\\n]{0,12}",
            1 => "",
        ];
        (prop::collection::vec(line, 0..12), prop::bool::ANY)
            .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
    }

    proptest! {
        #[test]
        fn an_edit_is_proven_or_refused(
            text in env_text(),
            value in "[^\\u{0}]{0,40}",
        ) {
            let before = parse(&text);
            if let Ok((updated, _)) = plan(&text, &[("JWT_PRIVATE_KEY", Some(&value))]) {
                let after = parse(&updated);
                prop_assert_eq!(after.get("JWT_PRIVATE_KEY"), Some(&value));
                prop_assert!(changed(&before, &after, &["JWT_PRIVATE_KEY"]).is_empty());
            }
        }

        #[test]
        fn plain_values_are_always_written(
            text in env_text(),
            value in "[A-Za-z0-9+/=]{0,80}",
        ) {
            prop_assert!(plan(&text, &[("JWT_PRIVATE_KEY", Some(&value))]).is_ok());
        }
    }
}
