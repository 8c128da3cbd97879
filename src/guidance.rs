//! What a newcomer most likely meant: a key name close to a known one, profiles the .env holds.
//! Names are looked at as they are read, never stored: a .env of a million keys costs no memory here.

use std::collections::BTreeSet;

use crate::credential::{self, Source};

/// A name defined in the .env or the environment, and where.
#[derive(Debug, Clone)]
pub struct Defined {
    pub name: String,
    pub source: Source,
}

/// Whether an environment variable could be a credential: the environment holds much else, so
/// only names that mention JWT, IMS or OAUTH.
pub fn could_be_credential(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["JWT", "IMS", "OAUTH"].iter().any(|w| upper.contains(w))
}

/// Names people write for a key: (known key, what they wrote instead).
const CONFUSIONS: [(&str, &str); 12] = [
    (credential::JWT_IMS_ORG, "JWT_ORG_ID"),
    (credential::JWT_IMS_ORG, "JWT_ORG"),
    (credential::JWT_IMS_ORG, "JWT_IMS_ORG_ID"),
    (credential::JWT_IMS_ORG, "JWT_ORGANIZATION_ID"),
    (credential::JWT_TECHNICAL_ACCOUNT_ID, "JWT_TECH_ACCOUNT_ID"),
    (
        credential::JWT_TECHNICAL_ACCOUNT_ID,
        "JWT_TECHNICAL_ACCOUNT",
    ),
    (credential::JWT_METASCOPES, "JWT_META_SCOPES"),
    (credential::JWT_METASCOPES, "JWT_SCOPES"),
    (credential::JWT_PRIVATE_KEY, "JWT_KEY"),
    (credential::OAUTH_ORG_ID, "IMS_OAUTH_S2S_IMS_ORG"),
    (credential::OAUTH_ORG_ID, "IMS_OAUTH_S2S_ORG"),
    (
        credential::OAUTH_CLIENT_SECRET,
        "IMS_OAUTH_S2S_CLIENT_SECRETS",
    ),
];

/// A defined name that looks like a mistyped `key` (with its profile `prefix`), if any: a known
/// confusion, or a name within two edits of it.
pub fn near_miss<'a>(
    key: &str,
    prefix: &str,
    candidates: impl Iterator<Item = (&'a str, Source)>,
) -> Option<Defined> {
    let wanted = format!("{prefix}{key}");
    let is_known = |name: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|bare| credential::credential_keys().any(|k| k == bare))
    };
    let confusions: Vec<&str> = CONFUSIONS
        .iter()
        .filter(|(k, _)| *k == key)
        .map(|(_, wrote)| *wrote)
        .collect();
    // Lengths first: a name can be a near miss only within two characters of the key, or as long
    // as a known confusion (a file can hold a million names).
    let could = |len: usize| {
        (wanted.len() >= 8 && len.abs_diff(wanted.len()) <= 2)
            || confusions
                .iter()
                .any(|c| len == c.len() || len == c.len() + prefix.len())
    };
    candidates
        .filter(|(name, _)| could(name.len()))
        .filter(|(name, _)| {
            let bare = name.strip_prefix(prefix).unwrap_or(name);
            let confused = confusions
                .iter()
                .any(|wrote| bare.eq_ignore_ascii_case(wrote));
            confused || (wanted.len() >= 8 && edits(name, &wanted) <= 2)
        })
        .find(|(name, _)| *name != wanted && !is_known(name))
        .map(|(name, source)| Defined {
            name: name.to_string(),
            source,
        })
}

/// The profiles the names hold: prefixes of known credential keys (`ANALYTICS_` of
/// `ANALYTICS_JWT_CLIENT_ID`), as `--profile` takes them.
pub fn profiles<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut found = BTreeSet::new();
    for name in names {
        for key in credential::credential_keys() {
            if let Some(prefix) = name.strip_suffix(key).and_then(|p| p.strip_suffix('_'))
                && !prefix.is_empty()
            {
                found.insert(prefix.to_ascii_lowercase().replace('_', "-"));
            }
        }
    }
    found.into_iter().collect()
}

/// Names for a message: the first ten, then how many more (a file can hold thousands).
pub fn some_names(names: &[String]) -> String {
    const SHOWN: usize = 10;
    match names.len() {
        0 => "none".to_string(),
        n if n <= SHOWN => names.join(", "),
        n => format!("{}, … and {} more", names[..SHOWN].join(", "), n - SHOWN),
    }
}

/// Optimal string alignment distance, letter case ignored: insertions, deletions, substitutions
/// and swaps of neighbours; anything past two is reported as 3 (all that matters here).
fn edits(a: &str, b: &str) -> usize {
    const MAX: usize = 64;
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 2 || a.len() > MAX || b.len() > MAX {
        return 3;
    }
    let same = |x: u8, y: u8| x.eq_ignore_ascii_case(&y);
    // Row i of the table lives in rows[i % 3]: the current, the previous, and the one before it
    // (for swaps).
    let mut rows = [[0usize; MAX + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, two) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut best_in_row = i;
        for j in 1..=b.len() {
            let cost = usize::from(!same(a[i - 1], b[j - 1]));
            let mut best = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) {
                best = best.min(rows[two][j - 2] + 1);
            }
            rows[cur][j] = best;
            best_in_row = best_in_row.min(best);
        }
        // Every later row is at least the smallest of this one.
        if best_in_row > 2 {
            return 3;
        }
    }
    rows[a.len() % 3][b.len()].min(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dotenv(name: &str) -> Defined {
        Defined {
            name: name.into(),
            source: Source::DotEnv(1),
        }
    }

    #[test]
    fn near_misses_are_found() {
        let defined = [
            dotenv("IMS_OAUTH_S2S_CLIENT_SECERT"),
            dotenv("JWT_ORG_ID"),
            dotenv("JWT_METASCOPE"),
            dotenv("UNRELATED"),
        ];
        let miss = |key| {
            near_miss(
                key,
                "",
                defined.iter().map(|d| (d.name.as_str(), d.source.clone())),
            )
            .map(|d| d.name)
        };
        assert_eq!(
            miss(credential::OAUTH_CLIENT_SECRET).as_deref(),
            Some("IMS_OAUTH_S2S_CLIENT_SECERT")
        );
        assert_eq!(miss(credential::JWT_IMS_ORG).as_deref(), Some("JWT_ORG_ID"));
        assert_eq!(
            miss(credential::JWT_METASCOPES).as_deref(),
            Some("JWT_METASCOPE")
        );
        assert_eq!(miss(credential::JWT_CLIENT_ID), None);
    }

    #[test]
    fn profiles_are_the_prefixes_of_known_keys() {
        let defined = [
            dotenv("ANALYTICS_JWT_CLIENT_ID"),
            dotenv("CAMPAIGN_PROD_IMS_OAUTH_S2S_CLIENT_ID"),
            dotenv("JWT_CLIENT_ID"),
        ];
        assert_eq!(
            profiles(defined.iter().map(|d| d.name.as_str())),
            vec!["analytics", "campaign-prod"]
        );
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edits("SECERT", "SECRET"), 1);
        assert_eq!(edits("abc", "abc"), 0);
        assert_eq!(edits("abc", "abxyz"), 3);
        assert_eq!(edits("jwt_org", "JWT_ROG"), 1);
        assert_eq!(edits("JWT_CLIENT_ID", "JWT_CLIENT_SECRET"), 3);
        assert_eq!(edits("", "ab"), 2);
    }
}
