//! The .env that `aio app use` writes: IMS contexts as `AIO_ims_contexts_<CTX>_<field>` keys, in
//! which `__` stands for `_` (`AIO_ims_contexts_My__Project_client__id`), secrets and scopes as JSON
//! arrays. The loader reads them when no `JWT_*`/`IMS_OAUTH_S2S_*` key is set.

use std::collections::BTreeMap;

use crate::config::{self, AuthKind, Found, Source};
use crate::dotenv::EnvFile;
use crate::secret::Secret;

const PREFIX: &str = "aio_ims_contexts_";

/// The context fields adobe-jwt reads, as aio writes them.
const FIELDS: [&str; 9] = [
    "client__id",
    "client__secrets",
    "client__secret",
    "ims__org__id",
    "scopes",
    "technical__account__id",
    "technical__account__email",
    "meta__scopes",
    "private__key",
];

/// One IMS context: its name (with `_` restored) and the fields found, each with where it came from.
#[derive(Debug)]
pub struct Context {
    pub name: String,
    fields: BTreeMap<&'static str, Found>,
}

impl Context {
    /// A context that names a client (aio's own `cli` context, for one, does not).
    pub fn is_credential(&self) -> bool {
        self.fields.contains_key("client__id")
    }

    /// JWT when the context carries a private key or metascopes, else OAuth Server-to-Server.
    pub fn kind(&self) -> AuthKind {
        if self.fields.contains_key("private__key") || self.fields.contains_key("meta__scopes") {
            AuthKind::Jwt
        } else {
            AuthKind::OAuth
        }
    }

    /// The context as adobe-jwt's keys: (key, value found), named after the aio variable.
    pub fn values(&self) -> Vec<(&'static str, Found)> {
        let field = |name: &str| self.fields.get(name);
        let as_is = |f: &Found| f.clone();
        let first_of = |f: &Found| Found {
            value: Secret::new(first_item(f.value.expose())),
            ..f.clone()
        };
        let list = |f: &Found| Found {
            value: Secret::new(comma_list(f.value.expose())),
            ..f.clone()
        };
        let secret = field("client__secrets")
            .map(first_of)
            .or_else(|| field("client__secret").map(as_is));
        let mut out = Vec::new();
        let mut put = |key: &'static str, found: Option<Found>| {
            if let Some(f) = found {
                out.push((key, f));
            }
        };
        match self.kind() {
            AuthKind::OAuth => {
                put(config::OAUTH_CLIENT_ID, field("client__id").map(as_is));
                put(config::OAUTH_CLIENT_SECRET, secret);
                put(config::OAUTH_ORG_ID, field("ims__org__id").map(as_is));
                put(config::OAUTH_SCOPES, field("scopes").map(as_is));
            }
            AuthKind::Jwt => {
                put(config::JWT_CLIENT_ID, field("client__id").map(as_is));
                put(config::JWT_CLIENT_SECRET, secret);
                put(
                    config::JWT_TECHNICAL_ACCOUNT_ID,
                    field("technical__account__id").map(as_is),
                );
                put(config::JWT_IMS_ORG, field("ims__org__id").map(as_is));
                put(config::JWT_METASCOPES, field("meta__scopes").map(list));
                put(config::JWT_PRIVATE_KEY, field("private__key").map(as_is));
            }
        }
        out
    }
}

/// `["a","b"]` → `a`; anything else as it is.
fn first_item(raw: &str) -> String {
    match serde_json::from_str::<Vec<String>>(raw.trim()) {
        Ok(items) => items.into_iter().next().unwrap_or_default(),
        Err(_) => raw.to_string(),
    }
}

/// `["a","b"]` → `a,b`; anything else as it is.
fn comma_list(raw: &str) -> String {
    match serde_json::from_str::<Vec<String>>(raw.trim()) {
        Ok(items) => items.join(","),
        Err(_) => raw.to_string(),
    }
}

/// `AIO_ims_contexts_My__Ctx_client__id` → (`My_Ctx`, `client__id`).
fn split(name: &str) -> Option<(String, &'static str)> {
    let head = name.get(..PREFIX.len())?;
    if !head.eq_ignore_ascii_case(PREFIX) {
        return None;
    }
    let rest = &name[PREFIX.len()..];
    FIELDS.iter().find_map(|field| {
        let ctx = rest.strip_suffix(field)?.strip_suffix('_')?;
        (!ctx.is_empty()).then(|| (ctx.replace("__", "_"), *field))
    })
}

/// Every context in the .env and the process environment (which wins, as for other keys).
pub fn contexts(file: Option<&EnvFile>) -> Vec<Context> {
    let mut by_name: BTreeMap<String, BTreeMap<&'static str, Found>> = BTreeMap::new();
    if let Some(file) = file {
        for entry in &file.entries {
            if let Some((ctx, field)) = split(&entry.key) {
                by_name.entry(ctx).or_default().insert(
                    field,
                    Found {
                        name: entry.key.clone(),
                        value: entry.value.clone(),
                        source: Source::DotEnv(entry.line),
                    },
                );
            }
        }
    }
    for (name, value) in std::env::vars_os() {
        let (Ok(name), Ok(value)) = (name.into_string(), value.into_string()) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        if let Some((ctx, field)) = split(&name) {
            by_name.entry(ctx).or_default().insert(
                field,
                Found {
                    name,
                    value: Secret::new(value),
                    source: Source::Environment,
                },
            );
        }
    }
    by_name
        .into_iter()
        .map(|(name, fields)| Context { name, fields })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_context_and_field() {
        assert_eq!(
            split("AIO_ims_contexts_Project__1600253157454J_client__id"),
            Some(("Project_1600253157454J".into(), "client__id"))
        );
        assert_eq!(
            split("AIO_ims_contexts_ctx_technical__account__id"),
            Some(("ctx".into(), "technical__account__id"))
        );
        assert_eq!(
            split("AIO_ims_contexts_ctx_client__secrets"),
            Some(("ctx".into(), "client__secrets"))
        );
        assert_eq!(split("AIO_IMS_CONTEXTS_CLI_ACCESS__TOKEN_TOKEN"), None);
        assert_eq!(split("AIO_runtime_auth"), None);
    }

    #[test]
    fn json_arrays_become_values() {
        assert_eq!(first_item(r#"["p8e-a","p8e-b"]"#), "p8e-a");
        assert_eq!(first_item("plain"), "plain");
        assert_eq!(comma_list(r#"["ent_a","ent_b"]"#), "ent_a,ent_b");
    }
}
