//! The project JSON the Adobe Developer Console downloads (the file `aio app use` takes):
//! `project.org` and the credentials of `project.workspace.details.credentials[]`. A credential of
//! an unexpected shape is described (by name, id and the field at fault) and the others stay usable;
//! only a file that is not a project at all is refused as a whole.

use std::fmt;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::Failure;
use crate::files::{self, Accept};
use crate::redact::Secret;

/// A Developer Console project workspace, as far as credentials go.
#[derive(Debug)]
pub struct Project {
    /// `project.title` or `project.name`.
    pub name: String,
    pub workspace: String,
    /// `project.org.ims_org_id`, `…@AdobeOrg`.
    pub org_id: String,
    /// `project.org.id`, the Console's numeric organization id (for the I/O Management API).
    pub console_org_id: Option<String>,
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
    /// What is wrong with its shape: the field missing or of the wrong type.
    pub problem: Option<String>,
}

/// `oauth_server_to_server`: what an OAuth Server-to-Server credential holds.
#[derive(Debug)]
pub struct OAuthBlock {
    pub client_id: String,
    /// The first of `client_secrets` (the Console lists the current one first).
    pub client_secret: Secret,
    /// Every one of `client_secrets` (a credential can have two).
    pub client_secrets: Vec<Secret>,
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

/// The credential types adobe-jwt reads.
const KNOWN: [&str; 3] = [
    "oauth_server_to_server",
    "service",
    "oauth_server_to_server_migrate",
];

impl Credential {
    /// What adobe-jwt can use this credential as, if anything.
    pub fn usable(&self) -> Option<Usable> {
        if self.problem.is_some() {
            return None;
        }
        match (self.integration_type.as_str(), &self.oauth, &self.jwt) {
            ("oauth_server_to_server", Some(_), _) => Some(Usable::OAuth),
            ("service", _, Some(_)) => Some(Usable::Jwt),
            ("oauth_server_to_server_migrate", Some(_), Some(_)) => Some(Usable::Migrate),
            ("oauth_server_to_server_migrate", Some(_), None) => Some(Usable::OAuth),
            _ => None,
        }
    }

    /// A type adobe-jwt reads (its shape may still be wrong).
    pub fn is_known_type(&self) -> bool {
        KNOWN.contains(&self.integration_type.as_str())
    }

    /// `'Name' (id 123, kind)`, for lists in messages.
    pub fn describe(&self) -> String {
        let kind = self
            .usable()
            .map_or_else(|| self.integration_type.clone(), |u| u.to_string());
        if self.id.is_empty() {
            format!("'{}' (no id, {kind})", self.name)
        } else {
            format!("'{}' (id {}, {kind})", self.name, self.id)
        }
    }
}

/// Read a project JSON file (`-` for stdin); exit 3 for a file that is not one.
pub fn read(path: &Path) -> Result<Project, Failure> {
    let text = if path == Path::new("-") {
        String::from_utf8(files::read_stdin(
            "the project file",
            files::MAX_INPUT,
            None,
        )?)
        .map_err(|_| Failure::config("the project file on stdin is not UTF-8 text"))?
    } else {
        files::read_text(path, "the project file", Accept::RegularOrPipe)?
    };
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

/// The expected top-level shape, for the message about a file that is not a project.
const SHAPE: &str =
    "a project file holds project.org.ims_org_id and project.workspace.details.credentials";

/// Parse project JSON. The file must be a project; each credential is read on its own, and one of
/// an unexpected shape carries a `problem` instead of spoiling the rest. Messages name fields,
/// never quote values.
pub fn parse(text: &str) -> Result<Project, String> {
    let json: Value = serde_json::from_str(text)
        .map_err(|e| format!("not JSON (line {}, column {})", e.line(), e.column()))?;
    let project = json
        .get("project")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("it has no \"project\" object; {SHAPE}"))?;
    let org = project
        .get("org")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("project.org is missing; {SHAPE}"))?;
    let org_id = org
        .get("ims_org_id")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| format!("project.org.ims_org_id is missing or not a string; {SHAPE}"))?;
    let workspace = project
        .get("workspace")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("project.workspace is missing; {SHAPE}"))?;
    let credentials = match workspace.get("details").and_then(|d| d.get("credentials")) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(list)) => list
            .iter()
            .enumerate()
            .map(|(i, c)| credential(i, c))
            .collect(),
        Some(_) => {
            return Err(format!(
                "project.workspace.details.credentials is not a list; {SHAPE}"
            ));
        }
    };
    let text_of = |m: &Map<String, Value>, k: &str| {
        m.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let title = text_of(project, "title");
    Ok(Project {
        name: if title.is_empty() {
            text_of(project, "name")
        } else {
            title
        },
        workspace: text_of(workspace, "name"),
        org_id: org_id.trim().to_string(),
        console_org_id: org.get("id").and_then(id_text),
        credentials,
    })
}

/// An id as the Console writes it: a string, or a number.
fn id_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One credential; a shape problem is recorded, not returned.
fn credential(index: usize, value: &Value) -> Credential {
    let Some(c) = value.as_object() else {
        return Credential {
            id: String::new(),
            name: format!("#{}", index + 1),
            integration_type: String::new(),
            oauth: None,
            jwt: None,
            problem: Some(format!("credential #{} is not an object", index + 1)),
        };
    };
    let text = |k: &str| {
        c.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let mut credential = Credential {
        id: c.get("id").and_then(id_text).unwrap_or_default(),
        name: text("name"),
        integration_type: text("integration_type"),
        oauth: None,
        jwt: None,
        problem: None,
    };
    if credential.name.is_empty() {
        credential.name = format!("#{}", index + 1);
    }
    if !credential.is_known_type() {
        return credential;
    }
    let mut problems = Vec::new();
    if let Some(block) = c.get("oauth_server_to_server") {
        match oauth_block(block) {
            Ok(b) => credential.oauth = Some(b),
            Err(p) => problems.push(p),
        }
    }
    if let Some(block) = c.get("jwt") {
        match jwt_block(block) {
            Ok(b) => credential.jwt = Some(b),
            Err(p) => problems.push(p),
        }
    }
    let needs = match credential.integration_type.as_str() {
        "service" => (credential.jwt.is_none() && problems.is_empty()).then_some("jwt"),
        _ => {
            (credential.oauth.is_none() && problems.is_empty()).then_some("oauth_server_to_server")
        }
    };
    if let Some(block) = needs {
        problems.push(format!("it has no {block} block"));
    }
    if !problems.is_empty() {
        credential.problem = Some(problems.join("; "));
    }
    credential
}

/// A string field of a block: present, a string (empty is allowed here: import refuses it).
fn field(block: &Map<String, Value>, path: &str, key: &str) -> Result<String, String> {
    match block.get(key) {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        None | Some(Value::Null) => Err(format!("{path}.{key} is missing")),
        Some(_) => Err(format!("{path}.{key} is not a string")),
    }
}

/// A list of strings, absent meaning empty.
fn strings(block: &Map<String, Value>, path: &str, key: &str) -> Result<Vec<String>, String> {
    match block.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("{path}.{key} holds an entry that is not a string"))
            })
            .collect(),
        // A comma list where a list was expected (hand-written files).
        Some(Value::String(s)) => Ok(crate::credential::split_list(s)),
        Some(_) => Err(format!("{path}.{key} is not a list")),
    }
}

fn oauth_block(v: &Value) -> Result<OAuthBlock, String> {
    let path = "oauth_server_to_server";
    let b = v
        .as_object()
        .ok_or_else(|| format!("{path} is not an object"))?;
    // One secret written as a string, not a list, is still one secret (never split at commas).
    let secrets = match b.get("client_secrets") {
        Some(Value::String(s)) => vec![s.clone()],
        _ => strings(b, path, "client_secrets")?,
    };
    let secrets = if secrets.is_empty() {
        match b.get("client_secret") {
            Some(_) => vec![field(b, path, "client_secret")?],
            None => return Err(format!("{path}.client_secrets is missing or empty")),
        }
    } else {
        secrets
    };
    Ok(OAuthBlock {
        client_id: field(b, path, "client_id")?,
        client_secret: Secret::remembered(secrets[0].clone()),
        client_secrets: secrets.into_iter().map(Secret::remembered).collect(),
        scopes: strings(b, path, "scopes")?,
    })
}

fn jwt_block(v: &Value) -> Result<JwtBlock, String> {
    let path = "jwt";
    let b = v
        .as_object()
        .ok_or_else(|| format!("{path} is not an object"))?;
    Ok(JwtBlock {
        client_id: field(b, path, "client_id")?,
        client_secret: Secret::remembered(field(b, path, "client_secret")?),
        technical_account_id: field(b, path, "technical_account_id")?,
        meta_scopes: strings(b, path, "meta_scopes")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(credentials: &str) -> String {
        format!(
            r#"{{"project":{{"id":"1","name":"p","title":"P","org":{{"id":"2","name":"o","ims_org_id":"ORG@AdobeOrg"}},
"workspace":{{"id":"3","name":"Stage","details":{{"credentials":[{credentials}]}}}}}}}}"#
        )
    }

    fn credential(kind: &str, body: &str) -> String {
        project(&format!(
            r#"{{"id":"9","name":"C","integration_type":"{kind}",{body}}}"#
        ))
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
        assert_eq!(p.console_org_id.as_deref(), Some("2"));
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
    fn a_credential_of_an_odd_shape_spoils_only_itself() {
        let text = project(
            r#"{"id":"7","name":"Old JWT","integration_type":"service","jwt":{"client_id":"a","client_secret":"s","technical_account":"x"}},
{"id":"8","name":"Server","integration_type":"oauth_server_to_server","oauth_server_to_server":{"client_id":"b","client_secrets":["s"],"scopes":["openid"]}}"#,
        );
        let p = parse(&text).expect("parses");
        assert_eq!(
            p.credentials[0].problem.as_deref(),
            Some("jwt.technical_account_id is missing")
        );
        assert_eq!(p.credentials[0].usable(), None);
        assert_eq!(p.credentials[1].usable(), Some(Usable::OAuth));
        let p = parse(&credential(
            "oauth_server_to_server",
            r#""oauth_server_to_server":{"client_id":5,"client_secrets":"s"}"#,
        ))
        .expect("parses");
        assert_eq!(p.credentials[0].usable(), Some(Usable::OAuth));
        let p = parse(&credential(
            "oauth_server_to_server",
            r#""oauth_server_to_server":{"client_id":["x"],"client_secrets":["s"]}"#,
        ))
        .expect("parses");
        assert_eq!(
            p.credentials[0].problem.as_deref(),
            Some("oauth_server_to_server.client_id is not a string")
        );
    }

    #[test]
    fn other_json_is_refused_without_quoting_it() {
        let err = parse(r#"{"access_token":"secret-value"}"#).expect_err("refused");
        assert!(!err.contains("secret-value"), "{err}");
        assert!(
            err.contains("project.org.ims_org_id and project.workspace.details.credentials"),
            "{err}"
        );
        assert!(parse("not json").is_err());
    }
}
