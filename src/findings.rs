//! What a check found, in a report that stays small: each kind of finding (its topic and level) is
//! kept a few times, and the rest only counted, whatever the input holds.

use std::collections::BTreeMap;

use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Ok,
    Info,
    Warning,
    Error,
}

/// One finding about the whole setup (the file, the certificate, the manifest, IMS).
#[derive(Debug, Serialize)]
pub struct Finding {
    pub status: Level,
    pub topic: &'static str,
    pub message: String,
}

/// Findings of one kind that were counted but not kept.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Omitted {
    pub status: Level,
    pub topic: &'static str,
    pub count: usize,
}

/// Findings, at most [`Findings::KEPT_PER_KIND`] of each kind.
#[derive(Debug, Default)]
pub struct Findings {
    kept: Vec<Finding>,
    counts: BTreeMap<(&'static str, Level), usize>,
}

impl Findings {
    /// How many findings of one kind are kept; the rest are counted.
    pub const KEPT_PER_KIND: usize = 5;

    /// Add a finding; its message is made only when it is kept, so a million findings of one kind
    /// cost a million counts, not a million messages.
    pub fn add(&mut self, status: Level, topic: &'static str, message: impl FnOnce() -> String) {
        let count = self.counts.entry((topic, status)).or_default();
        *count += 1;
        if *count <= Self::KEPT_PER_KIND {
            self.kept.push(Finding {
                status,
                topic,
                message: message(),
            });
        }
    }

    /// Count `n` more findings of a kind without their messages (an input already counted them).
    pub fn count_more(&mut self, status: Level, topic: &'static str, n: usize) {
        if n > 0 {
            *self.counts.entry((topic, status)).or_default() += n;
        }
    }

    /// The findings kept, in the order they were added, taken out.
    pub fn into_kept(self) -> Vec<Finding> {
        self.kept
    }

    /// The findings kept, in the order they were added.
    #[cfg(test)]
    pub fn kept(&self) -> &[Finding] {
        &self.kept
    }

    /// The kinds with findings past those kept, and how many more of each.
    pub fn omitted(&self) -> Vec<Omitted> {
        self.counts
            .iter()
            .filter(|(_, n)| **n > Self::KEPT_PER_KIND)
            .map(|((topic, status), n)| Omitted {
                status: *status,
                topic,
                count: n - Self::KEPT_PER_KIND,
            })
            .collect()
    }

    /// How many findings of this level, kept or not.
    pub fn count(&self, status: Level) -> usize {
        self.counts
            .iter()
            .filter(|((_, s), _)| *s == status)
            .map(|(_, n)| n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_kept_a_few_times_and_counted_in_full() {
        let mut f = Findings::default();
        let mut made = 0;
        for i in 0..1000 {
            f.add(Level::Warning, "syntax", || {
                made += 1;
                format!("line {i}")
            });
        }
        f.add(Level::Error, "syntax", || "bad".into());
        f.count_more(Level::Warning, "syntax", 5);
        assert_eq!(made, Findings::KEPT_PER_KIND);
        assert_eq!(f.kept().len(), Findings::KEPT_PER_KIND + 1);
        assert_eq!(f.count(Level::Warning), 1005);
        assert_eq!(f.count(Level::Error), 1);
        assert_eq!(
            f.omitted(),
            vec![Omitted {
                status: Level::Warning,
                topic: "syntax",
                count: 1000
            }]
        );
    }
}
