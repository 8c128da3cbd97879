//! The project JSON the Adobe Developer Console downloads (the file `aio app use` takes):
//! `project.org.ims_org_id` and the credentials of `project.workspace.details.credentials[]`.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::error::Failure;
use crate::files::{self, Accept};
use crate::secret::Secret;

/// A Developer Console project workspace, as far as credentials go.
#[derive(Debug)]
pub struct Project {
    /// `project.title` or `project.name`.
    pub name: String,
    pub workspace: String,
    /// `project.org.ims_org_id`, `…@AdobeOrg`.
    pub org_id: String,
    pub credentials: Vec<Credential>,
}

/// One credential of the workspace.
#[derive(Debug)]
pub struct Credential {
    pub id: String,
    pub name: String,
    /// `integration_type` as the Console writes it.
    pub integration_type: String,
    pub oauth: Option<OAuthBlock>,
    pub jwt: Option<JwtBlock>,
}

/// `oauth_server_to_server`: what an OAuth Server-to-Server credential holds.
#[derive(Debug)]
pub struct OAuthBlock {
    pub client_id: String,
    /// The first of `client_secrets` (the Console lists the current one first).
    pub client_secret: Secret,
    pub scopes: Vec<String>,
}

/// `jwt`: what a Service Account (JWT) credential holds; the private key is not in the file.
#[derive(Debug)]
pub struct JwtBlock {
    pub client_id: String,
    pub client_secret: Secret,
    pub technical_account_id: String,
    pub meta_scopes: Vec<String>,
}

/// What a credential can be used as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usable {
    OAuth,
    Jwt,
    /// `oauth_server_to_server_migrate`: both blocks, for a project moving from JWT to OAuth.
    Migrate,
}

impl fmt::Display for Usable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Usable::OAuth => "OAuth Server-to-Server",
            Usable::Jwt => "Service Account (JWT)",
            Usable::Migrate => {
                "OAuth Server-to-Server with its Service Account (JWT) during migration"
            }
        })
    }
}

impl Credential {
    /// What adobe-jwt can use this credential as, if anything.
    pub fn usable(&self) -> Option<Usable> {
        match (self.integration_type.as_str(), &self.oauth, &self.jwt) {
            ("oauth_server_to_server", Some(_), _) => Some(Usable::OAuth),
            ("service", _, Some(_)) => Some(Usable::Jwt),
            ("oauth_server_to_server_migrate", Some(_), Some(_)) => Some(Usable::Migrate),
            ("oauth_server_to_server_migrate", Some(_), None) => Some(Usable::OAuth),
            _ => None,
        }
    }

    /// `'Name' (id 123, kind)`, for lists in messages.
    pub fn describe(&self) -> String {
        let kind = self
            .usable()
            .map_or_else(|| self.integration_type.clone(), |u| u.to_string());
        format!("'{}' (id {}, {kind})", self.name, self.id)
    }
}

#[derive(Deserialize)]
struct File {
    project: RawProject,
}

#[derive(Deserialize)]
struct RawProject {
    #[serde(default)]
    name: String,
    #[serde(default)]
    title: String,
    org: RawOrg,
    workspace: RawWorkspace,
}

#[derive(Deserialize)]
struct RawOrg {
    ims_org_id: String,
}

#[derive(Deserialize)]
struct RawWorkspace {
    #[serde(default)]
    name: String,
    details: RawDetails,
}

#[derive(Deserialize)]
struct RawDetails {
    #[serde(default)]
    credentials: Vec<RawCredential>,
}

#[derive(Deserialize)]
struct RawCredential {
    #[serde(default)]
    id: Value,
    #[serde(default)]
    name: String,
    #[serde(default)]
    integration_type: String,
    #[serde(default)]
    oauth_server_to_server: Option<RawOAuth>,
    #[serde(default)]
    jwt: Option<RawJwt>,
}

#[derive(Deserialize)]
struct RawOAuth {
    client_id: String,
    #[serde(default)]
    client_secrets: Vec<String>,
    #[serde(default)]
    scopes: Vec<String>,
}

#[derive(Deserialize)]
struct RawJwt {
    client_id: String,
    client_secret: String,
    technical_account_id: String,
    #[serde(default)]
    meta_scopes: Vec<String>,
}

/// Read a project JSON file; exit 3 for a file that is not one.
pub fn read(path: &Path) -> Result<Project, Failure> {
    let text = files::read_text(path, "the project file", Accept::RegularOrPipe)?;
    parse(&text).map_err(|why| {
        Failure::config(format!(
            "{} is not a Developer Console project file: {why}",
            path.display()
        ))
        .with_hint(
            "download it from the Console: your project's workspace, \"Download all\" (the JSON aio app use takes)",
        )
    })
}

/// Parse project JSON; the error says what is missing, never quoting values.
pub fn parse(text: &str) -> Result<Project, String> {
    // serde's messages can quote values (`invalid type: string "…"`): say where, not what.
    let file: File = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => format!(
            "line {}, column {}: not the shape of a project (project.org.ims_org_id, project.workspace.details.credentials)",
            e.line(),
            e.column()
        ),
        _ => format!("not JSON (line {}, column {})", e.line(), e.column()),
    })?;
    let p = file.project;
    let credentials = p
        .workspace
        .details
        .credentials
        .into_iter()
        .map(|c| Credential {
            id: match c.id {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => other.to_string(),
            },
            name: c.name,
            integration_type: c.integration_type,
            oauth: c.oauth_server_to_server.and_then(|o| {
                let secret = o.client_secrets.into_iter().next()?;
                Some(OAuthBlock {
                    client_id: o.client_id,
                    client_secret: Secret::new(secret),
                    scopes: o.scopes,
                })
            }),
            jwt: c.jwt.map(|j| JwtBlock {
                client_id: j.client_id,
                client_secret: Secret::new(j.client_secret),
                technical_account_id: j.technical_account_id,
                meta_scopes: j.meta_scopes,
            }),
        })
        .collect();
    Ok(Project {
        name: if p.title.trim().is_empty() {
            p.name
        } else {
            p.title.trim().to_string()
        },
        workspace: p.workspace.name,
        org_id: p.org.ims_org_id,
        credentials,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credential(kind: &str, body: &str) -> String {
        format!(
            r#"{{"project":{{"id":"1","name":"p","title":"P","org":{{"id":"2","name":"o","ims_org_id":"ORG@AdobeOrg"}},
"workspace":{{"id":"3","name":"Stage","details":{{"credentials":[{{"id":"9","name":"C","integration_type":"{kind}",{body}}}]}}}}}}}}"#
        )
    }

    #[test]
    fn each_credential_kind_is_recognised() {
        let oauth = r#""oauth_server_to_server":{"client_id":"id","client_secrets":["s1","s2"],"scopes":["openid"]}"#;
        let jwt = r#""jwt":{"client_id":"id","client_secret":"s","technical_account_email":"e","technical_account_id":"t@techacct.adobe.com","meta_scopes":["ent_x"]}"#;
        let p = parse(&credential("oauth_server_to_server", oauth)).expect("parses");
        assert_eq!(p.credentials[0].usable(), Some(Usable::OAuth));
        assert_eq!(
            p.credentials[0]
                .oauth
                .as_ref()
                .map(|o| o.client_secret.expose()),
            Some("s1")
        );
        let p = parse(&credential("service", jwt)).expect("parses");
        assert_eq!(p.credentials[0].usable(), Some(Usable::Jwt));
        let both = format!("{oauth},{jwt}");
        let p = parse(&credential("oauth_server_to_server_migrate", &both)).expect("parses");
        assert_eq!(p.credentials[0].usable(), Some(Usable::Migrate));
        let p = parse(&credential("apikey", r#""api_key":{"client_id":"x"}"#)).expect("parses");
        assert_eq!(p.credentials[0].usable(), None);
        assert_eq!(p.org_id, "ORG@AdobeOrg");
    }

    #[test]
    fn other_json_is_refused_without_quoting_it() {
        let err = parse(r#"{"access_token":"secret-value"}"#).expect_err("refused");
        assert!(!err.contains("secret-value"), "{err}");
        assert!(parse("not json").is_err());
    }
}
