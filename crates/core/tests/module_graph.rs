//! The modules of every crate depend on each other in one direction only. The module graph is
//! read from the sources (`crate::x` and `super::x` paths), checked for cycles, and written as
//! Graphviz text to `target/module-graph.dot` (`dot -Tpng` draws it).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A crate's source folder, its name in the graph, and how many path segments name a node
/// (`gui::pages` is one node of the app, `check` one of the core).
const CRATES: [(&str, &str, usize); 3] = [
    ("crates/core/src", "core", 1),
    ("crates/print/src", "print", 1),
    ("src", "app", 2),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `gui/pages/meta.rs` → ["gui", "pages", "meta"]; `lib.rs` → [].
fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn node(path: &[String], depth: usize) -> String {
    let shown: Vec<&str> = path.iter().take(depth).map(String::as_str).collect();
    if shown.is_empty() {
        "(root)".to_string()
    } else {
        shown.join("::")
    }
}

fn idents(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads `a::b::{c, d::e}` at the start of `s`: every path it names (groups expanded to the
/// first segment of each item).
fn read_paths(s: &str, base: &[String]) -> Vec<Vec<String>> {
    let mut path = base.to_vec();
    let mut rest = s;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            return group[..end]
                .split(',')
                .filter_map(|item| idents(item).first().cloned())
                .map(|first| {
                    let mut p = path.clone();
                    p.push(first);
                    p
                })
                .collect();
        }
        let ident: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if ident.is_empty() {
            return vec![path];
        }
        rest = &rest[ident.len()..];
        path.push(ident);
        match rest.strip_prefix("::") {
            Some(r) => rest = r,
            None => return vec![path],
        }
    }
}

/// The module paths a file refers to through `crate::` and `super::`.
fn references(code: &str, own: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let parent: Vec<String> = own[..own.len().saturating_sub(1)].to_vec();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            out.extend(read_paths(rest, &base));
        }
    }
    out
}

/// The module a path names: its longest prefix that is a module of the crate.
fn module_of(path: &[String], modules: &BTreeSet<Vec<String>>) -> Vec<String> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
        .unwrap_or_default()
}

/// The code of a file without comments and without its unit tests (a `#[cfg(test)]` module at
/// the end of the file may use any module, as an integration test would).
fn without_comments(text: &str) -> String {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A cycle of the graph, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for m in edges.get(n).into_iter().flatten() {
            match state.get(m.as_str()) {
                Some(1) => {
                    let from = stack.iter().position(|s| s == m).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                Some(_) => {}
                None => {
                    if let Some(c) = visit(m, edges, state, stack) {
                        return Some(c);
                    }
                }
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if !state.contains_key(n.as_str())
            && let Some(c) = visit(n, edges, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn modules_depend_on_each_other_in_one_direction() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dot =
        String::from("digraph modules {\n  rankdir=LR;\n  node [shape=box, fontsize=10];\n");
    for (dir, name, depth) in CRATES {
        let root = repo.join(dir);
        let mut files = Vec::new();
        rust_files(&root, &mut files);
        assert!(!files.is_empty(), "no sources under {}", root.display());
        let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_path(&root, f)).collect();
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for file in files {
            let own = module_path(&root, &file);
            let from = node(&own, depth);
            let code = without_comments(&fs::read_to_string(&file).unwrap_or_default());
            edges.entry(from.clone()).or_default();
            for target in references(&code, &own) {
                let to = node(&module_of(&target, &modules), depth);
                // The crate root only declares and re-exports its modules.
                if to != from && to != "(root)" && from != "(root)" {
                    edges.entry(from.clone()).or_default().insert(to);
                }
            }
        }
        dot.push_str(&format!(
            "  subgraph cluster_{name} {{\n    label=\"{name}\";\n"
        ));
        for (from, tos) in &edges {
            dot.push_str(&format!("    \"{name}::{from}\";\n"));
            for to in tos {
                dot.push_str(&format!("    \"{name}::{from}\" -> \"{name}::{to}\";\n"));
            }
        }
        dot.push_str("  }\n");
        if let Some(cycle) = find_cycle(&edges) {
            panic!("a cycle in {name}: {}", cycle.join(" → "));
        }
    }
    dot.push_str("}\n");
    let out = repo.join("target");
    let _ = fs::create_dir_all(&out);
    let _ = fs::write(out.join("module-graph.dot"), dot);
}

#[test]
fn the_reader_finds_paths_and_groups() {
    let own = vec!["gui".to_string(), "app".to_string()];
    let refs = references(
        "use super::{export, pages::PAGE};\nuse crate::cli::run;\nuse crate::gui::{a, b::c}; a::crate::z",
        &own,
    );
    let shown: Vec<String> = refs.iter().map(|p| p.join("::")).collect();
    for expected in ["gui::export", "gui::pages", "cli::run", "gui::a", "gui::b"] {
        assert!(
            shown.contains(&expected.to_string()),
            "{expected}: {shown:?}"
        );
    }
    assert!(!shown.contains(&"z".to_string()), "{shown:?}");
    let modules = BTreeSet::from([vec!["gui".to_string()], own.clone()]);
    let target = vec!["gui".to_string(), "app".to_string(), "App".to_string()];
    assert_eq!(module_of(&target, &modules), own);
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(find_cycle(&edges).is_some());
}
