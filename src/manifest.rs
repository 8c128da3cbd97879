//! App Builder `ext.config.yaml` / `app.config.yaml`: which action inputs map which variables.

use std::path::Path;

use yaml_rust2::parser::{Event, EventReceiver, Parser};

use crate::error::Failure;
use crate::files::{self, Accept};

/// One action and its inputs.
#[derive(Debug, PartialEq, Eq)]
pub struct Action {
    /// Where it sits, e.g. `packages.my-app.actions.generic`.
    pub path: String,
    /// Input name and the variable it maps (`$VAR` or `${VAR}`), for inputs that map one.
    pub mapped: Vec<(String, String)>,
}

/// Read a manifest and list every action that has inputs.
pub fn read(path: &Path) -> Result<Vec<Action>, Failure> {
    let text = files::read_text(path, "the manifest", Accept::RegularOrPipe)?;
    parse(&text).map_err(|e| Failure::config(format!("{}: {e}", path.display())))
}

/// Parse manifest text: actions are the entries of any `actions:` mapping, wherever it is nested
/// (`runtimeManifest.packages.*`, `application.…`, `extensions.*.…`).
pub fn parse(text: &str) -> Result<Vec<Action>, String> {
    let mut tree = Tree::default();
    Parser::new_from_str(text)
        .load(&mut tree, true)
        .map_err(|e| format!("not valid YAML: {e}"))?;
    let mut actions = Vec::new();
    for doc in &tree.docs {
        walk(doc, "", &mut actions);
    }
    Ok(actions)
}

/// A YAML node as the manifest check needs it. An alias stays an alias: it is never expanded, so a
/// file of nested aliases (a "billion laughs") costs no more memory than its own size.
#[derive(Debug)]
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Alias,
}

impl Node {
    fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Builds [`Node`]s from the parser's events.
#[derive(Default)]
struct Tree {
    docs: Vec<Node>,
    /// Open collections, each with a pending key when a map is waiting for its value.
    open: Vec<(Node, Option<Node>)>,
}

impl Tree {
    fn add(&mut self, node: Node) {
        match self.open.last_mut() {
            None => self.docs.push(node),
            Some((Node::Seq(items), _)) => items.push(node),
            Some((Node::Map(entries), pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(_) => {}
        }
    }
}

impl EventReceiver for Tree {
    fn on_event(&mut self, event: Event) {
        match event {
            Event::Scalar(value, ..) => self.add(Node::Scalar(value)),
            Event::Alias(_) => self.add(Node::Alias),
            Event::SequenceStart(..) => self.open.push((Node::Seq(Vec::new()), None)),
            Event::MappingStart(..) => self.open.push((Node::Map(Vec::new()), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.open.pop() {
                    self.add(node);
                }
            }
            _ => {}
        }
    }
}

fn walk(node: &Node, path: &str, out: &mut Vec<Action>) {
    let Node::Map(map) = node else { return };
    for (k, v) in map {
        let Some(key) = k.as_str() else { continue };
        let here = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        if key == "actions" {
            if let Node::Map(actions) = v {
                for (name, action) in actions {
                    let name = name.as_str().unwrap_or("?");
                    if let Some(Node::Map(inputs)) = action.get("inputs") {
                        let mapped = inputs
                            .iter()
                            .filter_map(|(ik, iv)| {
                                Some((ik.as_str()?.to_string(), variable(iv.as_str()?)?))
                            })
                            .collect();
                        out.push(Action {
                            path: format!("{here}.{name}"),
                            mapped,
                        });
                    }
                }
            }
        } else {
            walk(v, &here, out);
        }
    }
}

/// `$VAR` or `${VAR}` → `VAR`.
fn variable(value: &str) -> Option<String> {
    let v = value.trim().strip_prefix('$')?;
    let v = v
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(v);
    (!v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_actions_and_their_variables() {
        let text = r#"
operations:
  view:
    - type: web
      impl: index.html
actions: actions
runtimeManifest:
  packages:
    app:
      license: Apache-2.0
      actions:
        generic:
          function: actions/generic/index.js
          inputs:
            LOG_LEVEL: debug
            JWT_IMS_ORG: $JWT_IMS_ORG
            JWT_CLIENT_ID: ${JWT_CLIENT_ID}
        other:
          function: x.js
"#;
        let actions = parse(text).expect("parses");
        assert_eq!(
            actions,
            vec![Action {
                path: "runtimeManifest.packages.app.actions.generic".into(),
                mapped: vec![
                    ("JWT_IMS_ORG".into(), "JWT_IMS_ORG".into()),
                    ("JWT_CLIENT_ID".into(), "JWT_CLIENT_ID".into()),
                ],
            }]
        );
    }

    #[test]
    fn aliases_are_not_expanded() {
        // 9 levels of 9 aliases: expanded, 387 million nodes.
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        text.push_str("actions:\n  x:\n    inputs:\n      K: $JWT_CLIENT_ID\n      L: *a9\n");
        let actions = parse(&text).expect("parses");
        assert_eq!(
            actions[0].mapped,
            vec![("K".into(), "JWT_CLIENT_ID".into())]
        );
    }

    #[test]
    fn invalid_yaml_is_an_error() {
        assert!(parse("a: [b").is_err());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn yamlish() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            Just("runtimeManifest:".to_string()),
            Just("  packages:".to_string()),
            Just("    app:".to_string()),
            Just("      actions:".to_string()),
            "        [a-z]{1,6}:",
            Just("          inputs:".to_string()),
            "            [A-Z_]{1,8}: \\$\\{?[A-Z_]{0,8}\\}?",
            "            [A-Z_]{1,8}: [a-z]{0,5}",
            Just("- [".to_string()),
            Just("&a *a".to_string()),
            "\\PC{0,20}",
        ];
        prop::collection::vec(line, 0..16).prop_map(|l| l.join("\n"))
    }

    proptest! {
        #[test]
        fn manifests_parse_or_fail_never_panic(text in yamlish()) {
            if let Ok(actions) = parse(&text) {
                for a in actions {
                    prop_assert!(a.mapped.iter().all(|(_, v)| !v.is_empty() && !v.contains('$')));
                }
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = parse(&text);
        }
    }
}
