//! The .env that `aio app use` writes: IMS contexts as `AIO_ims_contexts_<CTX>_<field>` keys, read
//! as aio-lib-core-config reads them (`AIO_` in any case, the rest lower-cased, `__` for `_`; see
//! [`credential::aio_context_field`]), secrets and scopes as JSON arrays. The loader reads them when
//! no `JWT_*`/`IMS_OAUTH_S2S_*` key is set.

use std::collections::BTreeMap;

use crate::credential::{self, AuthKind, Found, Source};
use crate::dotenv::EnvFile;
use crate::environment::Environment;
use crate::redact::Secret;

/// One IMS context: its name (as aio reads it, lower-cased) and the fields found, each with where
/// it came from.
#[derive(Debug)]
pub struct Context {
    pub name: String,
    fields: BTreeMap<&'static str, Found>,
}

impl Context {
    /// A context that names a client (aio's own `cli` context, for one, does not).
    pub fn is_credential(&self) -> bool {
        self.fields.contains_key("client_id")
    }

    /// JWT when the context carries a private key or metascopes, else OAuth Server-to-Server.
    pub fn kind(&self) -> AuthKind {
        if self.fields.contains_key("private_key") || self.fields.contains_key("meta_scopes") {
            AuthKind::Jwt
        } else {
            AuthKind::OAuth
        }
    }

    /// Every secret value the context holds, each item of a `client_secrets` list included: what a
    /// run that reads the context remembers (masked in CI and by `exec --mask`).
    pub fn secret_values(&self) -> Vec<String> {
        self.fields
            .iter()
            .filter(|(name, _)| name.contains("secret") || name.contains("private_key"))
            .flat_map(|(_, f)| {
                let raw = f.value.expose();
                serde_json::from_str::<Vec<String>>(raw.trim())
                    .unwrap_or_else(|_| vec![raw.to_string()])
            })
            .collect()
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
        let secret = field("client_secrets")
            .map(first_of)
            .or_else(|| field("client_secret").map(as_is));
        let mut out = Vec::new();
        let mut put = |key: &'static str, found: Option<Found>| {
            if let Some(f) = found {
                out.push((key, f));
            }
        };
        match self.kind() {
            AuthKind::OAuth => {
                put(credential::OAUTH_CLIENT_ID, field("client_id").map(as_is));
                put(credential::OAUTH_CLIENT_SECRET, secret);
                put(credential::OAUTH_ORG_ID, field("ims_org_id").map(as_is));
                put(credential::OAUTH_SCOPES, field("scopes").map(as_is));
                put(
                    credential::OAUTH_CLIENT_SECRET_UUID,
                    field("client_secret_uuid").map(as_is),
                );
            }
            AuthKind::Jwt => {
                put(credential::JWT_CLIENT_ID, field("client_id").map(as_is));
                put(credential::JWT_CLIENT_SECRET, secret);
                put(
                    credential::JWT_TECHNICAL_ACCOUNT_ID,
                    field("technical_account_id").map(as_is),
                );
                put(credential::JWT_IMS_ORG, field("ims_org_id").map(as_is));
                put(credential::JWT_METASCOPES, field("meta_scopes").map(list));
                put(credential::JWT_PRIVATE_KEY, field("private_key").map(as_is));
                put(
                    credential::JWT_PRIVATE_KEY_PASSPHRASE,
                    field("passphrase").map(as_is),
                );
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

/// Every context in the .env and the process environment (which wins, as for other keys), sorted by
/// name (`Sources::context` looks names up by binary search). Two spellings of one field
/// (`client__id`, `CLIENT__ID`) are one field to aio: the later one wins.
pub fn contexts(file: Option<&EnvFile>, env: &Environment) -> Vec<Context> {
    let mut by_name: BTreeMap<String, BTreeMap<&'static str, Found>> = BTreeMap::new();
    let mut put = |name: &str, value: Secret, source: Source| {
        if let Some((ctx, field)) = credential::aio_context_field(name) {
            by_name.entry(ctx).or_default().insert(
                field,
                Found {
                    name: name.to_string(),
                    value,
                    source,
                },
            );
        }
    };
    if let Some(file) = file {
        for entry in file.entries() {
            put(entry.key(), entry.value(), Source::DotEnv(entry.line()));
        }
    }
    for (name, value) in env.iter() {
        put(name, Secret::new(value), Source::Environment);
    }
    by_name
        .into_iter()
        .map(|(name, fields)| Context { name, fields })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn json_arrays_become_values() {
        assert_eq!(first_item(r#"["p8e-a","p8e-b"]"#), "p8e-a");
        assert_eq!(first_item("plain"), "plain");
        assert_eq!(comma_list(r#"["ent_a","ent_b"]"#), "ent_a,ent_b");
    }

    #[test]
    fn contexts_are_read_in_any_case_with_their_meta_scopes() {
        let file = EnvFile::from_text(
            Path::new(".env"),
            "AIO_IMS_CONTEXTS_SA_CLIENT__ID=c\nAIO_ims_contexts_sa_meta__scopes=[\"ent_a\"]\n\
AIO_ims_contexts_Sa_private__key=k\n",
        );
        let env = Environment::from_pairs([("AIO_IMS_CONTEXTS_SA_CLIENT__SECRET", "s")]);
        let found = contexts(Some(&file), &env);
        assert_eq!(found.len(), 1);
        let ctx = &found[0];
        assert_eq!(ctx.name, "sa");
        assert_eq!(ctx.kind(), AuthKind::Jwt);
        let values: BTreeMap<&str, String> = ctx
            .values()
            .into_iter()
            .map(|(k, f)| (k, f.value.expose().to_string()))
            .collect();
        assert_eq!(
            values.get(credential::JWT_METASCOPES).map(String::as_str),
            Some("ent_a")
        );
        assert_eq!(
            values
                .get(credential::JWT_CLIENT_SECRET)
                .map(String::as_str),
            Some("s")
        );
    }
}
