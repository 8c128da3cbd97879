//! Reading a .env file the way Node's dotenv (and so App Builder) does, keeping line numbers.

use std::collections::BTreeMap;
use std::fs;
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

use crate::error::Failure;
use crate::secret::Secret;

/// Larger than any real .env; past this the file is refused rather than read into memory.
pub const MAX_ENV_FILE: u64 = 4 * 1024 * 1024;

/// One `KEY=value` definition.
#[derive(Debug, Clone)]
pub struct Entry {
    pub key: String,
    pub value: Secret,
    /// 1-based line where the definition starts.
    pub line: usize,
}

/// A parsed .env file.
#[derive(Debug)]
pub struct EnvFile {
    pub path: PathBuf,
    /// Every definition in file order, duplicates included.
    pub entries: Vec<Entry>,
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

/// Read a file that holds user input, with the checks every such file needs: it exists, is a file,
/// is not huge. `what` names the file in messages ("the .env file", "the private key file").
pub fn read_bytes(path: &Path, what: &str) -> Result<Vec<u8>, Failure> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        ErrorKind::NotFound => Failure::config(format!("{what} {shown} does not exist")),
        ErrorKind::PermissionDenied => Failure::config(format!("{what} {shown} is not readable"))
            .with_hint(format!("check its permissions: ls -l {shown}")),
        _ => Failure::config(format!("cannot read {what} {shown}: {e}")),
    })?;
    if meta.is_dir() {
        return Err(Failure::config(format!(
            "{what} {shown} is a directory, not a file"
        )));
    }
    if meta.len() > MAX_ENV_FILE {
        return Err(Failure::config(format!(
            "{what} {shown} is {} bytes, too large to be what it should be (limit {MAX_ENV_FILE})",
            meta.len()
        )));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_ENV_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| Failure::config(format!("cannot read {what} {shown}: {e}")))?;
    Ok(bytes)
}

/// [`read_bytes`], and the bytes must be UTF-8.
pub fn read_text(path: &Path, what: &str) -> Result<String, Failure> {
    let bytes = read_bytes(path, what)?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        Failure::config(format!(
            "{what} {} is not UTF-8 text (invalid byte on line {line})",
            path.display()
        ))
        .with_hint(
            "save it as UTF-8; a private key belongs in it base64-encoded (adobe-jwt encode-key)",
        )
    })
}

/// Read and parse a .env file.
pub fn read(path: &Path) -> Result<EnvFile, Failure> {
    let text = read_text(path, "the .env file")?;
    let entries = parse(&text).map_err(|line| {
        Failure::config(format!(
            "the .env file {} has a syntax error on line {line}",
            path.display()
        ))
        .with_hint(
            "each line is KEY=value; quote values with spaces or # in them, and close every quote",
        )
    })?;
    Ok(EnvFile {
        path: path.to_path_buf(),
        entries,
        mode: mode_of(path),
    })
}

/// Parse .env text with dotenvy, then attach line numbers. On a syntax error, the line number.
pub fn parse(text: &str) -> Result<Vec<Entry>, usize> {
    let starts = definition_lines(text);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::new();
    let mut last_line = 0;
    for item in dotenvy::from_read_iter(text.as_bytes()) {
        match item {
            Ok((key, value)) => {
                let nth = seen.entry(key.clone()).or_default();
                let line = starts
                    .iter()
                    .filter(|(k, _)| *k == key)
                    .nth(*nth)
                    .map_or(last_line, |(_, l)| *l);
                *nth += 1;
                last_line = line;
                entries.push(Entry {
                    key,
                    value: Secret::new(value),
                    line,
                });
            }
            Err(dotenvy::Error::LineParse(bad, _)) => {
                // dotenvy gives the offending (logical) line; find where it starts, never print it.
                let first = bad.lines().next().unwrap_or_default().trim();
                let line = text
                    .lines()
                    .enumerate()
                    .skip(last_line)
                    .find(|(_, l)| l.trim() == first)
                    .map_or(last_line + 1, |(i, _)| i + 1);
                return Err(line);
            }
            Err(_) => return Err(last_line + 1),
        }
    }
    Ok(entries)
}

/// Lines that start a definition (`KEY=` or `export KEY=`), with their 1-based numbers.
fn definition_lines(text: &str) -> Vec<(&str, usize)> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| definition_key(line).map(|k| (k, i + 1)))
        .collect()
}

/// The key a line defines, if it starts a definition.
pub fn definition_key(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let line = line.strip_prefix("export ").map_or(line, str::trim_start);
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(line.len());
    let (key, rest) = line.split_at(end);
    let starts_ok = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    (starts_ok && rest.trim_start().starts_with('=')).then_some(key)
}

#[cfg(unix)]
fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path)
        .ok()
        .map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn mode_of(_: &Path) -> Option<u32> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(String, String, usize)> {
        parse(text)
            .expect("parses")
            .into_iter()
            .map(|e| (e.key, e.value.expose().to_string(), e.line))
            .collect()
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
    fn the_last_definition_wins_and_duplicates_are_listed() {
        let file = EnvFile {
            path: "x".into(),
            entries: parse("K=a\nO=1\nK=b\n").expect("parses"),
            mode: None,
        };
        assert_eq!(file.get("K").map(|e| e.value.expose()), Some("b"));
        assert_eq!(file.duplicates().get("K"), Some(&vec![1, 3]));
        assert!(!file.duplicates().contains_key("O"));
    }

    #[test]
    fn crlf_files_parse() {
        assert_eq!(
            values("A=1\r\nB=2\r\n"),
            vec![("A".into(), "1".into(), 1), ("B".into(), "2".into(), 2)]
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        assert!(matches!(
            parse("A=1\nB=2\nthis is not a definition\n"),
            Err(3)
        ));
    }

    #[test]
    fn definition_keys() {
        assert_eq!(definition_key("  export FOO_1 = x"), Some("FOO_1"));
        assert_eq!(definition_key("#FOO=1"), None);
        assert_eq!(definition_key("1FOO=1"), None);
        assert_eq!(definition_key("abc"), None);
    }
}

/// What [`set_variable`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// The first definition (at this line) was replaced and `removed` later ones deleted.
    Replaced { line: usize, removed: usize },
    /// No definition existed: one was appended at this line.
    Appended { line: usize },
}

/// Set `name=value` in .env text: replace the first definition, remove the others, or append one.
/// Every other byte (comments, other keys, line endings, a missing final newline) is kept.
pub fn set_variable(text: &str, name: &str, value: &str) -> (String, Edit) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len() + value.len() + name.len() + 2);
    let mut edit = None;
    let mut removed = 0;
    let mut i = 0;
    while i < lines.len() {
        if definition_key(lines[i]) != Some(name) {
            out.push_str(lines[i]);
            i += 1;
            continue;
        }
        let end = definition_end(&lines, i);
        if edit.is_none() {
            let last = lines[end - 1];
            let ending = &last[last.trim_end_matches(['\r', '\n']).len()..];
            out.push_str(&format!("{name}={value}{ending}"));
            edit = Some(i + 1);
        } else {
            removed += 1;
        }
        i = end;
    }
    match edit {
        Some(line) => (out, Edit::Replaced { line, removed }),
        None => {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push_str(newline);
            }
            let line = out.matches('\n').count() + 1;
            out.push_str(&format!("{name}={value}{newline}"));
            (out, Edit::Appended { line })
        }
    }
}

/// The index after the last line of the definition starting at `start`: a quoted value may span lines.
fn definition_end(lines: &[&str], start: usize) -> usize {
    let first = lines[start];
    let after_eq = first[first.find('=').map_or(first.len(), |i| i + 1)..].trim_start();
    let Some(quote) = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return start + 1;
    };
    let mut rest = after_eq[1..].to_string();
    let mut i = start;
    loop {
        if closing_quote(&rest, quote) {
            return i + 1;
        }
        i += 1;
        match lines.get(i) {
            Some(line) => rest = (*line).to_string(),
            // Never closed: dotenvy would have refused the file; treat the line alone as the definition.
            None => return start + 1,
        }
    }
}

fn closing_quote(text: &str, quote: char) -> bool {
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '\\' if quote == '"' && !escaped => escaped = true,
            c if c == quote && !escaped => return true,
            _ => escaped = false,
        }
    }
    false
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

    /// .env-like text: definitions, comments, quotes, CRLF and junk, in any mix.
    fn env_text() -> impl Strategy<Value = String> {
        // Well-formed lines only (junk is `parsing_never_panics`' job); `$` would expand.
        let line = prop_oneof![
            4 => "[A-Z_]{1,8}=[a-zA-Z0-9+/=]{0,12}",
            2 => "export [A-Z_]{1,8}='[^'\\r\\n]{0,12}'",
            2 => "[A-Z_]{1,8}=\"[a-zA-Z0-9 .,:;!?/+=-]{0,12}\"",
            2 => "#[^\\r\\n]{0,12}",
            1 => "",
        ];
        (prop::collection::vec(line, 0..12), prop::bool::ANY)
            .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
    }

    proptest! {
        #[test]
        fn parsing_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }

        #[test]
        fn set_variable_then_parse_reads_the_value_and_keeps_the_rest(
            text in env_text(),
            value in "[A-Za-z0-9+/=]{0,80}",
        ) {
            prop_assume!(parse(&text).is_ok());
            let before = parse(&text).unwrap_or_default();
            let (updated, _) = set_variable(&text, "JWT_PRIVATE_KEY", &value);
            let after = parse(&updated).expect("the edited file still parses");
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
