//! `exec --mask`: a streaming filter that replaces the run's secrets with `***` in a child's output.
//!
//! Bytes in, bytes out: binary output passes through as it is. A secret split across two writes is
//! still caught, because the filter holds back the end of what it read only while that end could
//! still grow into a secret: the longest tail that begins one of the secrets, never more. Memory is
//! one read buffer plus that tail, whatever the child prints.

use std::io::{self, Read, Write};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::redact::Secret;

/// What a secret becomes.
pub const MASK: &[u8] = b"***";

/// How much is read at once.
const CHUNK: usize = 256 * 1024;

/// The filter for one stream.
pub struct Masker {
    /// Leftmost-longest, so that a secret that begins with another is replaced whole.
    finder: Option<AhoCorasick>,
    patterns: Vec<Vec<u8>>,
    longest: usize,
    /// The first byte of each pattern, to find candidate tails fast.
    first_bytes: [bool; 256],
}

impl Masker {
    /// A filter for these values (lines: a value with a line break is given line by line).
    pub fn new(secrets: &[Secret]) -> Self {
        let mut patterns: Vec<Vec<u8>> = secrets
            .iter()
            .map(|s| s.expose().as_bytes().to_vec())
            .filter(|p| !p.is_empty())
            .collect();
        patterns.sort();
        patterns.dedup();
        let finder = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("a few literal patterns always build")
        });
        let mut first_bytes = [false; 256];
        for p in &patterns {
            first_bytes[usize::from(p[0])] = true;
        }
        let longest = patterns.iter().map(Vec::len).max().unwrap_or(0);
        Self {
            finder,
            patterns,
            longest,
            first_bytes,
        }
    }

    /// Where the tail that could still grow into a secret begins: the earliest `i` such that
    /// `buf[i..]` is a proper prefix of a secret (`buf.len()` when there is none).
    fn held_from(&self, buf: &[u8]) -> usize {
        let from = buf.len().saturating_sub(self.longest.saturating_sub(1));
        (from..buf.len())
            .find(|&i| {
                self.first_bytes[usize::from(buf[i])] && {
                    let tail = &buf[i..];
                    self.patterns
                        .iter()
                        .any(|p| p.len() > tail.len() && p.starts_with(tail))
                }
            })
            .unwrap_or(buf.len())
    }

    /// Write the part of `buf` that is settled to `out`, secrets replaced; return how many bytes of
    /// `buf` that used (the rest is held back for the next read). At the end of the stream
    /// (`last`), everything is settled.
    fn settle(&self, buf: &[u8], last: bool, out: &mut Vec<u8>) -> usize {
        let Some(finder) = &self.finder else {
            out.extend_from_slice(buf);
            return buf.len();
        };
        let mut used = 0;
        loop {
            let rest = &buf[used..];
            let held = if last {
                rest.len()
            } else {
                self.held_from(rest)
            };
            let mut pos = 0;
            for m in finder.find_iter(rest) {
                // A match that starts in the held tail is not settled yet: it could grow longer.
                if m.start() >= held {
                    break;
                }
                out.extend_from_slice(&rest[pos..m.start()]);
                out.extend_from_slice(MASK);
                pos = m.end();
            }
            if pos <= held {
                out.extend_from_slice(&rest[pos..held]);
                return used + held;
            }
            // A match ran into the tail: what follows it is looked at again.
            used += pos;
        }
    }
}

/// Copy `from` to `to` through the filter until `from` ends. Each settled piece is written and
/// flushed at once (a prompt without a newline shows). When `to` cannot be written (a closed
/// pipe), reading stops: dropping `from` then gives the child its SIGPIPE, as without the filter.
pub fn pump(masker: &Masker, mut from: impl Read, mut to: impl Write) -> io::Result<()> {
    let mut buf = vec![0u8; CHUNK + masker.longest];
    let mut out = Vec::with_capacity(CHUNK + masker.longest + MASK.len());
    let mut held = 0;
    loop {
        let n = match from.read(&mut buf[held..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let last = n == 0;
        let filled = held + n;
        out.clear();
        let used = masker.settle(&buf[..filled], last, &mut out);
        if !out.is_empty() {
            to.write_all(&out)?;
            to.flush()?;
        }
        buf.copy_within(used..filled, 0);
        held = filled - used;
        if last {
            return Ok(());
        }
        if held == buf.len() {
            // Cannot happen (the tail is shorter than the longest secret), but never spin.
            buf.resize(buf.len() * 2, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(secrets: &[&str], writes: &[&[u8]]) -> Vec<u8> {
        let masker = Masker::new(&secrets.iter().map(|s| Secret::new(*s)).collect::<Vec<_>>());
        let mut buf = Vec::new();
        let mut out = Vec::new();
        let mut all = Vec::new();
        for w in writes {
            buf.extend_from_slice(w);
            out.clear();
            let used = masker.settle(&buf, false, &mut out);
            all.extend_from_slice(&out);
            buf.drain(..used);
        }
        out.clear();
        masker.settle(&buf, true, &mut out);
        all.extend_from_slice(&out);
        all
    }

    #[test]
    fn a_secret_split_anywhere_across_writes_is_masked() {
        let secret = "eyJhbGciOiJSUzI1NiJ9.payload.signature";
        let text = format!("a {secret} b {secret}");
        for cut in 0..=text.len() {
            let (one, two) = text.as_bytes().split_at(cut);
            assert_eq!(
                masked(&[secret], &[one, two]),
                b"a *** b ***",
                "split at {cut}"
            );
        }
        let bytes: Vec<&[u8]> = text.as_bytes().chunks(1).collect();
        assert_eq!(masked(&[secret], &bytes), b"a *** b ***");
    }

    #[test]
    fn only_what_could_begin_a_secret_is_held_back() {
        let masker = Masker::new(&[Secret::new("p8e-secret")]);
        let mut out = Vec::new();
        assert_eq!(masker.settle(b"prompt: ", false, &mut out), 8);
        assert_eq!(out, b"prompt: ");
        out.clear();
        assert_eq!(masker.settle(b"x p8e-se", false, &mut out), 2);
        assert_eq!(out, b"x ");
        out.clear();
        // A tail that cannot grow into a secret is not held.
        assert_eq!(masker.settle(b"x p8e-sex", false, &mut out), 9);
        assert_eq!(out, b"x p8e-sex");
    }

    #[test]
    fn the_longest_secret_wins_and_binary_passes_through() {
        assert_eq!(
            masked(&["abcd", "abcdefgh"], &[b"<abcdef", b"gh> <abcd>"]),
            b"<***> <***>"
        );
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(
            masked(&["p8e-secret"], &[&binary[..1000], &binary[1000..]]),
            binary
        );
        assert_eq!(masked(&[], &[b"nothing to mask"]), b"nothing to mask");
    }

    #[test]
    fn pump_masks_a_stream_larger_than_its_buffer() {
        let secret = "p8e-0123456789abcdef";
        let mut input = Vec::new();
        let mut expected = Vec::new();
        let mut i = 0u32;
        while input.len() < 3 * CHUNK {
            let line = format!("line {i} {secret}\n");
            input.extend_from_slice(line.as_bytes());
            expected.extend_from_slice(format!("line {i} ***\n").as_bytes());
            i += 1;
        }
        let masker = Masker::new(&[Secret::new(secret)]);
        let mut out = Vec::new();
        pump(&masker, &input[..], &mut out).expect("pump");
        assert_eq!(out, expected);
    }
}
