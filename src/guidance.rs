//! What a newcomer most likely meant: a key name close to a known one, profiles the .env holds.
//! Names are looked at as they are read, never stored: a .env of a million keys costs no memory here.

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

/// Whether `name` is the private key's name with a suffix that says it holds the key file's path
/// (`JWT_PRIVATE_KEY_PATH`, `JWT_PRIVATE_KEY_FILE`, with any profile prefix).
pub fn names_a_path_for(name: &str, key: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    key == credential::JWT_PRIVATE_KEY
        && ["_PATH", "_FILE"].iter().any(|s| {
            upper
                .strip_suffix(s)
                .is_some_and(|rest| rest.ends_with(credential::JWT_PRIVATE_KEY))
        })
}

/// Names people write for a key: (known key, what they wrote instead).
const CONFUSIONS: [(&str, &str); 14] = [
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
    (credential::JWT_PRIVATE_KEY, "JWT_PRIVATE_KEY_PATH"),
    (credential::JWT_PRIVATE_KEY, "JWT_PRIVATE_KEY_FILE"),
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

/// The profiles a mistyped `--profile` most likely meant, as "a or b": the ones it begins
/// (`stag` for `staging`), else those within two edits (`stagign`), letter case ignored.
pub fn near_profile(given: &str, profiles: &[String]) -> Option<String> {
    let given = given.to_ascii_lowercase();
    let begun: Vec<&str> = profiles
        .iter()
        .filter(|p| given.len() >= 2 && p.to_ascii_lowercase().starts_with(&given))
        .map(String::as_str)
        .collect();
    let near = if begun.is_empty() {
        profiles
            .iter()
            .filter(|p| given.len() >= 3 && edits(p, &given) <= 2)
            .map(String::as_str)
            .collect()
    } else {
        begun
    };
    match near.as_slice() {
        [] => None,
        [one] => Some((*one).to_string()),
        [rest @ .., last] if rest.len() < 4 => Some(format!("{} or {last}", rest.join(", "))),
        _ => None,
    }
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

/// The optimal string alignment distance (strsim's), letter case ignored; anything past two is
/// reported as 3, all that matters here. A hostile .env holds a million names and each is compared
/// with every key, so most pairs are told apart before strsim builds its table: by length, and by
/// letter counts (one edit moves them by two at most: a substitution takes a letter and adds one).
fn edits(a: &str, b: &str) -> usize {
    const MAX: usize = 64;
    if a.len().abs_diff(b.len()) > 2 || a.len() > MAX || b.len() > MAX {
        return 3;
    }
    if a.is_ascii() && b.is_ascii() {
        let mut counts = [0i8; 128];
        for c in a.bytes() {
            counts[usize::from(c.to_ascii_uppercase())] += 1;
        }
        for c in b.bytes() {
            counts[usize::from(c.to_ascii_uppercase())] -= 1;
        }
        // Sum the counts of the letters present only, clearing each as it is counted.
        let mut apart = 0usize;
        for c in a.bytes().chain(b.bytes()) {
            let n = &mut counts[usize::from(c.to_ascii_uppercase())];
            apart += usize::from(n.unsigned_abs());
            *n = 0;
        }
        if apart > 4 {
            return 3;
        }
    }
    strsim::osa_distance(&a.to_ascii_uppercase(), &b.to_ascii_uppercase()).min(3)
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
    fn a_mistyped_profile_finds_the_one_meant() {
        let profiles: Vec<String> = ["analytics", "prod", "staging"].map(String::from).to_vec();
        let near = |given| near_profile(given, &profiles);
        assert_eq!(near("stag").as_deref(), Some("staging"));
        assert_eq!(near("STAGIGN").as_deref(), Some("staging"));
        assert_eq!(near("prd").as_deref(), Some("prod"));
        assert_eq!(near("dev"), None);
        assert_eq!(near("s"), None);
        // Several begin so: each is named.
        let profiles: Vec<String> = ["stage2", "staging"].map(String::from).to_vec();
        assert_eq!(
            near_profile("stag", &profiles).as_deref(),
            Some("stage2 or staging")
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
        // Two substitutions and a swap: letter counts four apart, still within reach.
        assert_eq!(edits("JWT_IMS_ORG", "JWX_IMY_ORG"), 2);
        assert_eq!(edits("SECRET", "ESCRET"), 1);
        assert_eq!(edits("ÉCRET", "ECRET"), 1);
    }

    /// The letter-count filter never hides a pair strsim finds within two edits.
    #[test]
    fn the_filter_agrees_with_strsim() {
        let words = [
            "JWT_IMS_ORG",
            "JWT_ORG_ID",
            "IMS_OAUTH_S2S_SCOPE",
            "IMS_OAUTH_S2S_SCOPES",
            "JWT_METASCOPE",
            "P1_JWT_CLIENT_ID",
            "JWT_CLIENT_ID",
            "JWT_CLEINT_ID",
            "jwt_client_secret",
            "JWT_CLIENT_SECERT",
            "AB",
            "BA",
            "ABC",
            "",
        ];
        for a in words {
            for b in words {
                let full =
                    strsim::osa_distance(&a.to_ascii_uppercase(), &b.to_ascii_uppercase()).min(3);
                let gated = if a.len().abs_diff(b.len()) > 2 {
                    3
                } else {
                    full
                };
                assert_eq!(edits(a, b), gated, "{a} {b}");
            }
        }
    }
}
