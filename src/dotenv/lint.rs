//! What check-env says about a .env as a file: permissions, duplicates, lines Node skips, a key
//! pasted over several lines, encodings, values that swallow definitions, settings that do not
//! belong in it, and definitions other readers (a shell, docker compose, dotenvy) read differently.
//! Reports name lines by number and reason; they quote a line only where it cannot hold key material.

use std::collections::BTreeSet;

use super::{Entry, EnvFile, Pasted, PemBlock, definition_key, is_base64_junk};
use crate::credential::credential_keys;
use crate::findings::{Findings, Level};

/// Findings about the file itself. The PEM blocks pasted at lines in `told` are already told of,
/// on the rows of the keys they were pasted into; those at lines in `unused` were pasted into a key
/// the environment sets, which wins: a warning, since the run does not read them.
pub fn file(file: &EnvFile, told: &[usize], unused: &[usize], out: &mut Findings) {
    let shown = file.path.display().to_string();
    if file.is_empty() {
        out.add(Level::Warning, "env-file", || {
            format!("{shown} defines no key")
        });
    }
    if let Some(mode) = file.mode.filter(|m| m & 0o077 != 0) {
        out.add(Level::Warning, "permissions", || {
            format!("{shown} is readable by group or others (mode {mode:04o}): chmod 600 {shown}")
        });
    }
    // Names Node reads from a pasted key's base64 lines (`AbCd==`) are key material: a key
    // pasted twice defines them twice, and that is never said.
    let in_paste = |e: &Entry<'_>| {
        let (first, last) = e.definition_lines();
        is_base64_junk(e.key(), e.value().expose())
            && first.iter().chain([&last]).any(|l| {
                // Blocks come in file order and do not overlap.
                let at = file.pem_blocks.partition_point(|b| b.last_line < *l);
                file.pem_blocks
                    .get(at)
                    .is_some_and(|b| (b.begin_line..=b.last_line).contains(l))
            })
    };
    for entry in file.duplicates().filter(|e| !in_paste(e)) {
        out.add(Level::Warning, "duplicates", || duplicate(&shown, &entry));
    }
    for block in file
        .pem_blocks
        .iter()
        .filter(|b| !told.contains(&b.first_line))
    {
        if unused.contains(&block.first_line) {
            out.add(Level::Warning, "syntax", || {
                format!(
                    "{shown}: {} (not read in this run: the environment sets {}, which wins)",
                    pasted(block, &file.path),
                    block.key.as_deref().unwrap_or_default()
                )
            });
        } else {
            out.add(Level::Error, "syntax", || {
                format!("{shown}: {}", pasted(block, &file.path))
            });
        }
    }
    for skipped in &file.skipped {
        out.add(Level::Warning, "syntax", || {
            let what = match &skipped.key {
                Some(key) => format!("line {} ({key})", skipped.line),
                None => format!("line {}", skipped.line),
            };
            format!("{shown}: {what} is not a KEY=value definition; it is skipped (as Node's dotenv skips it)")
        });
    }
    out.count_more(
        Level::Warning,
        "syntax",
        file.skipped_count - file.skipped.len(),
    );
    if file.invalid_utf8_count > 0 {
        out.add(Level::Warning, "encoding", || {
            format!(
                "{shown}: {} {} bytes that are not UTF-8 (read as U+FFFD, as Node reads them): save the file as UTF-8",
                some_lines(&file.invalid_utf8, file.invalid_utf8_count),
                if file.invalid_utf8_count == 1 { "holds" } else { "hold" }
            )
        });
    }
    for (entry, inner) in swallowed(file) {
        out.add(Level::Warning, "syntax", || {
            format!(
                "{shown}: the quoted value of {} (lines {}–{}) holds a line that defines {inner}: is a closing quote missing?",
                entry.key(),
                entry.line(),
                entry.value_line()
            )
        });
    }
    let settings: BTreeSet<&str> = file
        .entries()
        .map(|e| e.key())
        .filter(|k| {
            k.starts_with("ADOBE_IMS_")
                || k.starts_with("ADOBE_JWT_")
                || *k == "ADOBE_CONSOLE_API_URL"
        })
        .collect();
    for key in settings {
        out.add(Level::Warning, "settings", || {
            format!("{key} in {shown} is ignored: tool settings come from flags and the environment only")
        });
    }
}

/// What a PEM block pasted over several lines is, what Node's dotenv makes of it, and the one
/// command that puts the key right (for `path`, the .env it is in). It quotes no line of it.
pub fn pasted(block: &PemBlock, path: &std::path::Path) -> String {
    let lines = format!("lines {}–{}", block.first_line, block.last_line);
    let read = match &block.key {
        Some(key) if block.below_key => {
            format!("Node's dotenv reads {key} as empty and skips the lines below it")
        }
        Some(key) => format!(
            "Node's dotenv reads only the first line, as the value of {key}, and skips the rest"
        ),
        None => "Node's dotenv reads none of it".to_string(),
    };
    let name = block
        .key
        .as_deref()
        .unwrap_or(crate::credential::JWT_PRIVATE_KEY);
    if !name.ends_with(crate::credential::JWT_PRIVATE_KEY) {
        return format!(
            "{lines} hold a PEM block written over several lines: {read}; put the value in double quotes, which Node's dotenv reads over several lines"
        );
    }
    let mut fix = "adobe-jwt encode-key private.key".to_string();
    if name != crate::credential::JWT_PRIVATE_KEY {
        fix.push_str(&format!(" --name {name}"));
    }
    fix.push_str(" --write");
    if path != std::path::Path::new(".env") {
        fix.push_str(&format!(
            " {}",
            crate::output::shell_word(&path.to_string_lossy())
        ));
    }
    let what = match block.form {
        Pasted::PrivateKey => "the private key's PEM, pasted over several lines",
        Pasted::Certutil => {
            "certutil's base64 of the private key (the -----BEGIN CERTIFICATE----- lines are certutil's, not a certificate), pasted over several lines"
        }
        Pasted::Certificate => {
            "a certificate (the public half, like certificate_pub.crt), not the private key, pasted over several lines"
        }
        Pasted::WrappedBase64 => {
            "base64 of the private key, wrapped as `base64` writes it without -w 0 and pasted over several lines"
        }
        Pasted::Other => "a PEM block pasted over several lines",
    };
    let (first, last) = block.pasted_lines();
    let by_hand = |why: &str| format!("; then delete lines {first}–{last} by hand ({why})");
    let (and, after) = match (&block.key, block.why_it_stays()) {
        (None, _) => (
            "delete those lines, which no key takes, and put the key in on one line",
            String::new(),
        ),
        (Some(_), Some(why)) => ("put the key on one line", by_hand(&why)),
        (Some(_), None) if block.form == Pasted::Certificate => {
            ("put the private key in their place", String::new())
        }
        (Some(_), None) => ("put the key on one line in their place", String::new()),
    };
    format!("{lines} hold {what}: {read}; {and}: {fix}{after}")
}

/// "KEY is defined 4 times in .env (lines 1, 2, 3, …); the last one, line 9, wins".
fn duplicate(shown: &str, entry: &Entry<'_>) -> String {
    let (first, last) = entry.definition_lines();
    let mut lines: Vec<String> = first.iter().map(usize::to_string).collect();
    if entry.count() > first.len() + 1 {
        lines.push("…".into());
    }
    if entry.count() > first.len() {
        lines.push(last.to_string());
    }
    format!(
        "{} is defined {} times in {shown} (lines {}); the last one, line {last}, wins",
        entry.key(),
        entry.count(),
        lines.join(", ")
    )
}

/// "line 3", "lines 3, 7 and 9", "lines 3, 7, 9, 12, 15 and 120 more".
fn some_lines(lines: &[usize], total: usize) -> String {
    const SHOWN: usize = 5;
    let shown: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    match (total, shown.len()) {
        (1, _) => format!("line {}", shown.join("")),
        (t, s) if t > s => format!("lines {} and {} more", shown.join(", "), t - s),
        _ => {
            let (last, rest) = shown
                .split_last()
                .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
            format!("lines {} and {last}", rest.join(", "))
        }
    }
}

/// Quoted multi-line values that hold a line defining a credential key: a quote left open swallows
/// the definitions after it (Node reads them as part of the value).
fn swallowed(file: &EnvFile) -> Vec<(Entry<'_>, String)> {
    file.entries()
        .filter(|e| e.quote().is_some() && e.value_line() > e.line())
        .filter_map(|e| {
            e.value().expose().lines().skip(1).find_map(|l| {
                let key = definition_key(l)?;
                credential_keys()
                    .any(|k| key.ends_with(k))
                    .then(|| (e, key.to_string()))
            })
        })
        .collect()
}

/// Why shell-rule readers (a shell `source`, docker compose, dotenvy: `$` expands, quotes join,
/// `#` only after a space) read a definition differently from Node's dotenv, and the quoting that
/// makes them agree; `None` when they agree. dotenvy stands for them; its `$` expansion reads only
/// the environment, never other lines of the file.
pub fn portability(entry: &Entry<'_>) -> Option<String> {
    const LIMIT: usize = 64 * 1024;
    let written = entry.written();
    let written = written.expose();
    if written.len() > LIMIT {
        return None;
    }
    let value = entry.value();
    let value = value.expose();
    let theirs = match dotenvy::from_read_iter(written.as_bytes()).next() {
        Some(Ok((_, v))) => Some(v),
        _ => None,
    };
    if theirs.as_deref() == Some(value) {
        return None;
    }
    let after_key = written[entry.key().len()..].trim_start();
    let reason = if value.contains('$') {
        "`$` expands there"
    } else if after_key.starts_with(':') {
        "`KEY: value` is Node's own form"
    } else if entry.quote() == Some('`') {
        "backtick quotes are Node's own"
    } else if entry.quote().is_none() && written.contains('#') {
        "`#` does not end an unquoted value there"
    } else if entry.quote().is_none() && value.contains(char::is_whitespace) {
        "an unquoted value ends at its first space there"
    } else if entry.quote().is_none() && value.contains(['"', '\'', '\\']) {
        "quotes and backslashes inside an unquoted value are removed there"
    } else {
        "their quoting rules differ"
    };
    let key = entry.key();
    let quoting = if !value.contains(['\'', '\n', '\r']) {
        format!("write it as {key}='…' so that every reader agrees")
    } else if !value.contains(['"', '$', '`', '\\', '\n', '\r']) {
        format!("write it as {key}=\"…\" so that every reader agrees")
    } else {
        "no quoting reads it the same everywhere: keep this .env away from shells and docker compose"
            .into()
    };
    Some(format!(
        "a shell `source`, docker compose or dotenvy would read {key} differently from Node's dotenv ({reason}); {quoting}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn findings(text: &str) -> Findings {
        let mut out = Findings::default();
        file(
            &EnvFile::from_text(Path::new(".env"), text),
            &[],
            &[],
            &mut out,
        );
        out
    }

    fn messages(f: &Findings) -> Vec<String> {
        f.kept().iter().map(|c| c.message.clone()).collect()
    }

    #[test]
    fn a_pem_pasted_over_several_lines_is_one_error_without_key_material() {
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC+abc/def\nMIIEvAbc123+xyz/QRS=\nAbCdEf==";
        let text = format!(
            "A=1\nJWT_PRIVATE_KEY=-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----\nB=2\n"
        );
        let f = findings(&text);
        let all = messages(&f);
        assert_eq!(f.count(Level::Error), 1, "{all:?}");
        assert_eq!(f.count(Level::Warning), 0, "{all:?}");
        assert!(all[0].contains("lines 2–6"), "{all:?}");
        assert!(all[0].contains("encode-key"), "{all:?}");
        assert!(
            all[0].contains("as the value of JWT_PRIVATE_KEY"),
            "{all:?}"
        );
        for line in body.lines() {
            assert!(!all[0].contains(&line[..line.len().min(10)]), "{all:?}");
        }
    }

    #[test]
    fn skipped_lines_never_quote_base64() {
        let f =
            findings("A=1\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw+ggSjAgEAAoIBAQC=x\nJWT_ORG:x\n");
        let all = messages(&f).join("\n");
        assert!(!all.contains("MIIEvQ"), "{all}");
        assert!(all.contains("line 2 is not"), "{all}");
        assert!(all.contains("line 3 (JWT_ORG)"), "{all}");
    }

    #[test]
    fn many_findings_of_a_kind_are_counted_not_listed() {
        let text = "junk line\n".repeat(100_000);
        let f = findings(&text);
        // 100,000 skipped lines and "defines no key".
        assert_eq!(f.count(Level::Warning), 100_001);
        assert_eq!(f.kept().len(), Findings::KEPT_PER_KIND + 1);
        assert_eq!(f.omitted()[0].count, 100_000 - Findings::KEPT_PER_KIND);
        let text = "K=v\n".repeat(100_000);
        let all = messages(&findings(&text)).join("\n");
        assert!(
            all.contains("K is defined 100000 times in .env (lines 1, 2, 3, …, 100000); the last one, line 100000, wins"),
            "{all}"
        );
    }

    #[test]
    fn line_lists_read_naturally() {
        assert_eq!(some_lines(&[3], 1), "line 3");
        assert_eq!(some_lines(&[3, 7, 9], 3), "lines 3, 7 and 9");
        assert_eq!(
            some_lines(&[1, 2, 3, 4, 5, 6], 125),
            "lines 1, 2, 3, 4, 5 and 120 more"
        );
    }
}
