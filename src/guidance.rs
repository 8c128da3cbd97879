//! What a newcomer most likely meant: a key name close to a known one, profiles the .env holds.

use std::collections::BTreeSet;

use crate::credential::{self, Source};
use crate::dotenv::EnvFile;
use crate::environment::Environment;

/// A name defined in the .env or the environment, and where.
#[derive(Debug, Clone)]
pub struct Defined {
    pub name: String,
    pub source: Source,
}

/// Names that could be credentials: every key of the .env, and the environment's that mention
/// JWT, IMS or OAUTH (the environment holds much else).
pub fn defined(file: Option<&EnvFile>, env: &Environment) -> Vec<Defined> {
    let mut out: Vec<Defined> = file
        .map(|f| {
            f.entries()
                .map(|e| Defined {
                    name: e.key().to_string(),
                    source: Source::DotEnv(e.line()),
                })
                .collect()
        })
        .unwrap_or_default();
    for (name, _) in env.iter() {
        let name = name.to_string();
        let upper = name.to_ascii_uppercase();
        if ["JWT", "IMS", "OAUTH"].iter().any(|w| upper.contains(w)) {
            out.push(Defined {
                name,
                source: Source::Environment,
            });
        }
    }
    out
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
pub fn near_miss<'a>(key: &str, prefix: &str, defined: &'a [Defined]) -> Option<&'a Defined> {
    let wanted = format!("{prefix}{key}");
    let known: BTreeSet<String> = credential::credential_keys()
        .map(|k| format!("{prefix}{k}"))
        .collect();
    defined
        .iter()
        .filter(|d| d.name != wanted && !known.contains(&d.name))
        .find(|d| {
            let bare = d.name.strip_prefix(prefix).unwrap_or(&d.name);
            CONFUSIONS
                .iter()
                .any(|(k, wrote)| *k == key && bare.eq_ignore_ascii_case(wrote))
                || (wanted.len() >= 8 && edits(&d.name.to_ascii_uppercase(), &wanted) <= 2)
        })
}

/// The profiles the names hold: prefixes of known credential keys (`ANALYTICS_` of
/// `ANALYTICS_JWT_CLIENT_ID`), as `--profile` takes them.
pub fn profiles(defined: &[Defined]) -> Vec<String> {
    let mut found = BTreeSet::new();
    for d in defined {
        for key in credential::credential_keys() {
            if let Some(prefix) = d.name.strip_suffix(key).and_then(|p| p.strip_suffix('_'))
                && !prefix.is_empty()
            {
                found.insert(prefix.to_ascii_lowercase().replace('_', "-"));
            }
        }
    }
    found.into_iter().collect()
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 {
        return 3;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
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
        let miss = |key| near_miss(key, "", &defined).map(|d| d.name.as_str());
        assert_eq!(
            miss(credential::OAUTH_CLIENT_SECRET),
            Some("IMS_OAUTH_S2S_CLIENT_SECERT")
        );
        assert_eq!(miss(credential::JWT_IMS_ORG), Some("JWT_ORG_ID"));
        assert_eq!(miss(credential::JWT_METASCOPES), Some("JWT_METASCOPE"));
        assert_eq!(miss(credential::JWT_CLIENT_ID), None);
    }

    #[test]
    fn profiles_are_the_prefixes_of_known_keys() {
        let defined = [
            dotenv("ANALYTICS_JWT_CLIENT_ID"),
            dotenv("CAMPAIGN_PROD_IMS_OAUTH_S2S_CLIENT_ID"),
            dotenv("JWT_CLIENT_ID"),
        ];
        assert_eq!(profiles(&defined), vec!["analytics", "campaign-prod"]);
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edits("SECERT", "SECRET"), 1);
        assert_eq!(edits("abc", "abc"), 0);
        assert_eq!(edits("abc", "abxyz"), 3);
    }
}
