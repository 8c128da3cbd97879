//! App Builder `ext.config.yaml` / `app.config.yaml`: which action inputs map which variables.

use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

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
    /// The `include-ims-credentials: true` annotation: `aio app deploy` injects the OAuth
    /// Server-to-Server credential (`IMS_OAUTH_S2S_*` of its environment) and the action mints
    /// its token with `@adobe/aio-lib-core-auth`, so no input needs to map a credential key.
    pub ims_credentials: bool,
}

/// Read a manifest and list every action that has inputs.
pub fn read(path: &Path) -> Result<Vec<Action>, Failure> {
    let text = files::read_text(path, "the manifest", Accept::RegularOrPipe)?;
    parse(&text).map_err(|e| Failure::config(format!("{}: {e}", path.display())))
}

/// Parse manifest text: actions are the entries of any `actions:` mapping, wherever it is nested
/// (`runtimeManifest.packages.*`, `application.…`, `extensions.*.…`). Anchors, aliases and `<<` merge
/// keys resolve as App Builder's YAML loader (js-yaml) resolves them.
pub fn parse(text: &str) -> Result<Vec<Action>, String> {
    let mut tree = Tree::default();
    Parser::new_from_str(text)
        .load(&mut tree, true)
        .map_err(|e| format!("not valid YAML: {e}"))?;
    let mut actions = Vec::new();
    let mut walk = Walk {
        left: MAX_EXPANDED_NODES,
    };
    for doc in &tree.docs {
        walk.actions(doc, "", &mut actions)?;
    }
    Ok(actions)
}

/// Aliases are followed, never copied: a file of nested aliases (a "billion laughs") costs no more
/// memory than its own size, and walking it stops after this many nodes, with an error.
pub const MAX_EXPANDED_NODES: usize = 100_000;

/// A YAML node. An alias is the anchored node itself, shared.
#[derive(Debug)]
enum Node {
    Scalar(String),
    Seq(Vec<Rc<Node>>),
    Map(Vec<(Rc<Node>, Rc<Node>)>),
    /// An alias to an anchor not defined (yet): nothing.
    Nothing,
}

impl Node {
    fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar(s) => Some(s),
            _ => None,
        }
    }
}

/// Builds [`Node`]s from the parser's events, keeping anchors for the aliases that follow.
#[derive(Default)]
struct Tree {
    docs: Vec<Rc<Node>>,
    /// Open collections: the node so far, its anchor, and a pending key when a map waits for a value.
    open: Vec<(Node, usize, Option<Rc<Node>>)>,
    anchors: HashMap<usize, Rc<Node>>,
}

impl Tree {
    fn add(&mut self, node: Rc<Node>) {
        match self.open.last_mut() {
            None => self.docs.push(node),
            Some((Node::Seq(items), _, _)) => items.push(node),
            Some((Node::Map(entries), _, pending)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => entries.push((key, node)),
            },
            Some(_) => {}
        }
    }

    fn finish(&mut self, node: Node, anchor: usize) {
        let node = Rc::new(node);
        if anchor > 0 {
            self.anchors.insert(anchor, Rc::clone(&node));
        }
        self.add(node);
    }
}

impl EventReceiver for Tree {
    fn on_event(&mut self, event: Event) {
        match event {
            Event::Scalar(value, _, anchor, _) => self.finish(Node::Scalar(value), anchor),
            Event::Alias(anchor) => {
                let node = self
                    .anchors
                    .get(&anchor)
                    .cloned()
                    .unwrap_or_else(|| Rc::new(Node::Nothing));
                self.add(node);
            }
            Event::SequenceStart(anchor, _) => {
                self.open.push((Node::Seq(Vec::new()), anchor, None))
            }
            Event::MappingStart(anchor, _) => self.open.push((Node::Map(Vec::new()), anchor, None)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, anchor, _)) = self.open.pop() {
                    self.finish(node, anchor);
                }
            }
            _ => {}
        }
    }
}

/// A walk through the tree with a budget of nodes: aliases are followed, and past the budget the
/// walk stops with an error rather than expanding a bomb.
struct Walk {
    left: usize,
}

impl Walk {
    fn visit(&mut self) -> Result<(), String> {
        if self.left == 0 {
            return Err(format!(
                "its aliases expand to more than {MAX_EXPANDED_NODES} nodes; write the repeated parts out, or share less"
            ));
        }
        self.left -= 1;
        Ok(())
    }

    /// A mapping's entries by key, as the loader sees them: its own keys, then those its `<<` merge
    /// keys bring (a map, or a list of maps, the earlier winning), never over a key it has.
    fn entries(&mut self, node: &Node) -> Result<Vec<(String, Rc<Node>)>, String> {
        self.visit()?;
        let Node::Map(map) = node else {
            return Ok(Vec::new());
        };
        let mut out: Vec<(String, Rc<Node>)> = Vec::new();
        let mut merges = Vec::new();
        for (k, v) in map {
            match k.as_str() {
                Some("<<") => merges.push(Rc::clone(v)),
                Some(key) => out.push((key.to_string(), Rc::clone(v))),
                None => {}
            }
        }
        for merge in merges {
            let sources: Vec<Rc<Node>> = match &*merge {
                Node::Seq(items) => items.clone(),
                _ => vec![merge],
            };
            for source in sources {
                for (key, value) in self.entries(&source)? {
                    if !out.iter().any(|(k, _)| *k == key) {
                        out.push((key, value));
                    }
                }
            }
        }
        Ok(out)
    }

    fn actions(&mut self, node: &Node, path: &str, out: &mut Vec<Action>) -> Result<(), String> {
        for (key, value) in self.entries(node)? {
            let here = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            if key == "actions" {
                for (name, action) in self.entries(&value)? {
                    let fields = self.entries(&action)?;
                    let field = |name: &str| {
                        fields
                            .iter()
                            .find(|(k, _)| k == name)
                            .map(|(_, v)| Rc::clone(v))
                    };
                    let inputs = field("inputs").filter(|i| matches!(**i, Node::Map(_)));
                    let ims_credentials = match field("annotations") {
                        Some(a) => self.entries(&a)?.into_iter().any(|(k, v)| {
                            k == "include-ims-credentials"
                                && v.as_str().is_some_and(|t| t.trim() == "true")
                        }),
                        None => false,
                    };
                    if inputs.is_none() && !ims_credentials {
                        continue;
                    }
                    let mapped = match inputs {
                        Some(inputs) => self
                            .entries(&inputs)?
                            .into_iter()
                            .filter_map(|(k, v)| Some((k, variable(v.as_str()?)?)))
                            .collect(),
                        None => Vec::new(),
                    };
                    out.push(Action {
                        path: format!("{here}.{name}"),
                        mapped,
                        ims_credentials,
                    });
                }
            } else if matches!(*value, Node::Map(_)) {
                self.actions(&value, &here, out)?;
            }
        }
        Ok(())
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
                ims_credentials: false,
            }]
        );
    }

    #[test]
    fn the_include_ims_credentials_annotation_is_read() {
        let text = r#"
runtimeManifest:
  packages:
    app:
      actions:
        minted:
          function: a.js
          annotations:
            include-ims-credentials: true
            require-adobe-auth: false
        plain:
          function: b.js
          annotations:
            include-ims-credentials: false
          inputs:
            LOG_LEVEL: debug
"#;
        let actions = parse(text).expect("parses");
        let marked: Vec<(&str, bool)> = actions
            .iter()
            .map(|a| (a.path.as_str(), a.ims_credentials))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("runtimeManifest.packages.app.actions.minted", true),
                ("runtimeManifest.packages.app.actions.plain", false)
            ]
        );
    }

    #[test]
    fn a_bomb_of_aliases_costs_its_size_and_stops_at_the_budget() {
        // 9 levels of 9 aliases: expanded, 387 million nodes. Lists are never walked into.
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
        // The same bomb made of maps, which the walk does enter: an error, not a hang.
        let mut text = String::from("m0: &m0 {a: 1, b: 2}\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "m{i}: &m{i} {{a: *m{p}, b: *m{p}, c: *m{p}, d: *m{p}, e: *m{p}}}\n"
            ));
        }
        let err = parse(&text).expect_err("past the budget");
        assert!(err.contains("expand to more than"), "{err}");
    }

    #[test]
    fn anchors_aliases_and_merge_keys_share_inputs() {
        let text = r#"
x-creds: &creds
  IMS_OAUTH_S2S_CLIENT_ID: $IMS_OAUTH_S2S_CLIENT_ID
  IMS_OAUTH_S2S_CLIENT_SECRET: $IMS_OAUTH_S2S_CLIENT_SECRET
x-more: &more
  LOG_LEVEL: $LOG_LEVEL
  IMS_OAUTH_S2S_CLIENT_SECRET: $OTHER_SECRET
runtimeManifest:
  packages:
    app:
      actions:
        aliased:
          inputs: *creds
        merged:
          inputs:
            <<: [*creds, *more]
            IMS_OAUTH_S2S_CLIENT_ID: ${MY_CLIENT_ID}
"#;
        let actions = parse(text).expect("parses");
        let mapped = |name: &str| -> Vec<(String, String)> {
            actions
                .iter()
                .find(|a| a.path.ends_with(name))
                .map(|a| a.mapped.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            mapped("aliased"),
            vec![
                (
                    "IMS_OAUTH_S2S_CLIENT_ID".into(),
                    "IMS_OAUTH_S2S_CLIENT_ID".into()
                ),
                (
                    "IMS_OAUTH_S2S_CLIENT_SECRET".into(),
                    "IMS_OAUTH_S2S_CLIENT_SECRET".into()
                ),
            ]
        );
        // Its own key wins; among the merged maps the first does.
        assert_eq!(
            mapped("merged"),
            vec![
                ("IMS_OAUTH_S2S_CLIENT_ID".into(), "MY_CLIENT_ID".into()),
                (
                    "IMS_OAUTH_S2S_CLIENT_SECRET".into(),
                    "IMS_OAUTH_S2S_CLIENT_SECRET".into()
                ),
                ("LOG_LEVEL".into(), "LOG_LEVEL".into()),
            ]
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
