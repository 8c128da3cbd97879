//! Imports run one way: each module of `src/` belongs to a layer (the table below, mirrored in
//! docs/architecture.md), and a module may import only from its own layer or the ones beneath it.
//! The test reads the `crate::` paths of every source file (test modules excluded), fails on an
//! import from a layer above or on a circle, and prints the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The layers, bottom first: (name, modules).
const LAYERS: &[(&str, &[&str])] = &[
    (
        "leaves",
        &[
            "error",
            "redact",
            "findings",
            "environment",
            "env_vars",
            "clock",
            "credential",
            "crypto",
            "keygen",
            "dumps",
        ],
    ),
    (
        "foundations",
        &["urls", "output", "files", "delivery", "mask", "emulator"],
    ),
    (
        "readers",
        &[
            "dotenv", "key", "keychain", "cert", "manifest", "console", "aio", "guidance", "git",
        ],
    ),
    ("the one reading", &["config"]),
    ("network", &["http", "jwt", "ims", "cache", "console_api"]),
    ("session", &["session"]),
    ("settings", &["settings", "cli"]),
    ("commands", &["commands"]),
    ("main", &["main"]),
];

/// The emulator judges the product: it may use only the leaves, never the code it checks.
const JUDGE: &str = "emulator";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top module a source file belongs to (`commands/token.rs` is `commands`).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(root().join("src")).expect("under src");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// The text before the first test module: what the product compiles. Test modules come last in a
/// file; anything else at the top level after them is a mistake the test names (it would escape
/// this check).
fn product_code(text: &str) -> Result<&str, String> {
    let Some(at) = text.find("#[cfg(test)]\nmod ") else {
        return Ok(text);
    };
    const ITEMS: [&str; 11] = [
        "fn ",
        "pub ",
        "impl",
        "struct ",
        "enum ",
        "const ",
        "static ",
        "use ",
        "type ",
        "trait ",
        "macro_rules!",
    ];
    // An item at the top level (not indented): one outside the test modules.
    let stray = text[at..]
        .lines()
        .find(|line| ITEMS.iter().any(|item| line.starts_with(item)));
    match stray {
        Some(line) => Err(format!("product code after the test modules: {line}")),
        None => Ok(&text[..at]),
    }
}

/// The top modules a text imports through `crate::`, `use crate::{a, b::c}` included.
fn imports(text: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for part in group[..end].split(',') {
                let name = ident(part.trim());
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
        .unwrap_or_else(|| {
            panic!("src/{module} is in no layer: add it to LAYERS and docs/architecture.md")
        })
}

/// The import graph: module → the modules it imports (its own excluded).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let module = module_of(&file);
        let text = fs::read_to_string(&file).expect("readable");
        let code = product_code(&text).unwrap_or_else(|why| panic!("{}: {why}", file.display()));
        let deps = graph.entry(module.clone()).or_default();
        for dep in imports(code) {
            // `crate::VERSION` and the like are items of main, not modules.
            if dep != module && dep.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
                deps.insert(dep);
            }
        }
    }
    graph
}

fn printed(graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    let mut lines = Vec::new();
    for (layer, (name, modules)) in LAYERS.iter().enumerate().rev() {
        lines.push(format!("{layer} {name}:"));
        for module in *modules {
            if let Some(deps) = graph.get(*module) {
                let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
                lines.push(format!("    {module} -> {}", deps.join(", ")));
            }
        }
    }
    lines.join("\n")
}

/// Below `session`, nothing prints: lower layers log through the `log` facade and return
/// warnings as values. The `Ui` type appears in no file of theirs.
#[test]
fn nothing_below_the_session_prints_through_the_ui() {
    let session = layer_of("session");
    let mut files = Vec::new();
    sources(&root().join("src"), &mut files);
    let printing: Vec<String> = files
        .iter()
        .filter(|f| {
            let module = module_of(f);
            module != "output" && layer_of(&module) < session
        })
        .filter(|f| {
            let text = fs::read_to_string(f).expect("readable");
            product_code(&text).is_ok_and(|code| {
                code.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .any(|word| word == "Ui")
            })
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        printing.is_empty(),
        "these use Ui below the session: {printing:?}"
    );
}

#[test]
fn imports_run_one_way_and_the_graph_is_printed() {
    let graph = graph();
    println!("{}", printed(&graph));
    let mut upward = Vec::new();
    for (module, deps) in &graph {
        let here = layer_of(module);
        for dep in deps {
            let there = layer_of(dep);
            if there > here {
                upward.push(format!(
                    "{module} ({}) imports {dep} ({})",
                    LAYERS[here].0, LAYERS[there].0
                ));
            }
            if module == JUDGE && there > 0 {
                upward.push(format!("the {JUDGE} imports {dep}, which is not a leaf"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports that point up:\n{}\n\nthe graph:\n{}",
        upward.join("\n"),
        printed(&graph)
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    // Depth-first search for a circle.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for dep in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(dep, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(circle) = visit(module, &graph, &mut Vec::new(), &mut done) {
            panic!("a circle of imports: {}", circle.join(" -> "));
        }
    }
}

#[test]
fn the_architecture_doc_shows_the_same_layers() {
    let doc = fs::read_to_string(root().join("docs/architecture.md")).expect("the doc");
    let table: Vec<(String, Vec<String>)> = doc
        .lines()
        .skip_while(|l| !l.starts_with("| layer |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            let modules = cells[2]
                .split(',')
                .map(|m| m.trim().trim_matches('`').to_string())
                .collect();
            (cells[1].to_string(), modules)
        })
        .collect();
    let want: Vec<(String, Vec<String>)> = LAYERS
        .iter()
        .rev()
        .map(|(name, modules)| {
            (
                name.to_string(),
                modules.iter().map(|m| m.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(
        table, want,
        "docs/architecture.md's layer table (top first) differs from tests/cli/layers.rs"
    );
}

#[test]
fn imports_are_read_in_every_spelling() {
    let text = "use crate::a;\nuse crate::{b, c::D};\nlet x = crate::e::f();\n";
    let found: Vec<String> = imports(text).into_iter().collect();
    assert_eq!(found, ["a", "b", "c", "e"]);
    assert_eq!(
        product_code("code\n#[cfg(test)]\nmod tests {\n    x\n}\n"),
        Ok("code\n")
    );
    assert!(product_code("code\n#[cfg(test)]\nmod tests {}\nfn late() {}\n").is_err());
}
