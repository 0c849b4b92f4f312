//! The layers hold by construction: Cargo refuses a cycle between the
//! crates, and this test refuses one between the modules inside a crate.
//! A module is a source file; it depends on another when it names it
//! (`crate::a::b`, `super::b`, `use crate::a::{b, c}`). A module and the
//! modules inside it (`ui` and `ui::form`) are one family and may name each
//! other; between any others, a cycle fails the test with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every source file under `src`, by its module path (`ui::form`).
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap_or(&path).with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            out.insert(parts.join("::"), path);
        }
    }
    out
}

/// The paths a file names after `crate::`, with a group's items expanded
/// one level (`crate::ui::{form::Form, overlay}` names `ui::form` and
/// `ui::overlay`). Comments are skipped.
fn named_paths(text: &str, module: &str) -> Vec<String> {
    // A comment names nothing: a line from `//` at its start or after a space.
    let code: String = text
        .lines()
        .map(
            |l| match (l.trim_start().starts_with("//"), l.find(" //")) {
                (true, _) => "",
                (false, Some(at)) => &l[..at],
                (false, None) => l,
            },
        )
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = Vec::new();
    let parent = module.rsplit_once("::").map_or("", |(p, _)| p);
    for (prefix, base) in [("crate::", String::new()), ("super::", parent.to_owned())] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            let join = |p: &str| {
                if base.is_empty() {
                    p.to_owned()
                } else {
                    format!("{base}::{p}")
                }
            };
            let after = &rest[path.len()..];
            match after.strip_prefix("::{") {
                Some(group) => {
                    let inner: String = group.chars().take_while(|c| *c != '}').collect();
                    for item in inner.split(',') {
                        let item = item.trim();
                        if !item.is_empty() {
                            out.push(join(&format!("{path}::{item}")));
                        }
                    }
                }
                None => out.push(join(path)),
            }
        }
    }
    out
}

/// The module `path` names: the longest known module it starts with.
fn module_of(path: &str, known: &BTreeMap<String, PathBuf>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len())
        .rev()
        .map(|n| parts[..n].join("::"))
        .find(|m| known.contains_key(m))
}

fn family(a: &str, b: &str) -> bool {
    let inside = |x: &str, y: &str| x == y || y.starts_with(&format!("{x}::"));
    inside(a, b) || inside(b, a)
}

/// The module graph of one crate's sources.
fn graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let known = modules(src);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &known {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        // A file's own tests may reach anywhere.
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        let targets = edges.entry(module.clone()).or_default();
        for path in named_paths(text, module) {
            if let Some(to) = module_of(&path, &known)
                && !family(module, &to)
            {
                targets.insert(to);
            }
        }
    }
    edges
}

/// The cycles of `edges`, each as the path that closes it.
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Depth-first search with colours; a back edge closes a cycle.
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
        out: &mut Vec<Vec<String>>,
    ) {
        state.insert(node.to_owned(), 1);
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            match state.get(next.as_str()).copied().unwrap_or(0) {
                0 => visit(next, edges, state, stack, out),
                1 => {
                    let from = stack.iter().position(|m| m == next).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    out.push(cycle);
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(node.to_owned(), 2);
    }
    let mut state = BTreeMap::new();
    let mut out = Vec::new();
    for node in edges.keys() {
        if state.get(node.as_str()).copied().unwrap_or(0) == 0 {
            visit(node, edges, &mut state, &mut Vec::new(), &mut out);
        }
    }
    out
}

fn crates() -> Vec<PathBuf> {
    let mut out = vec![Path::new(ROOT).join("src")];
    for name in ["domain", "text", "content", "search", "store", "report"] {
        out.push(Path::new(ROOT).join("crates").join(name).join("src"));
    }
    out
}

#[test]
fn no_module_names_a_module_that_names_it_back() {
    let mut found = Vec::new();
    for src in crates() {
        for cycle in cycles(&graph(&src)) {
            found.push(format!("{}: {}", src.display(), cycle.join(" -> ")));
        }
    }
    assert!(found.is_empty(), "module cycles:\n{}", found.join("\n"));
}

#[test]
fn the_check_finds_a_cycle_and_reads_groups_and_super() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let src = dir.path();
    std::fs::create_dir(src.join("ui")).unwrap_or_else(|e| panic!("{e}"));
    for (file, text) in [
        ("lib.rs", "pub mod a; pub mod ui;"),
        ("a.rs", "use crate::ui::{form::Form, b};"),
        ("ui/mod.rs", "pub mod form;"),
        (
            "ui/form.rs",
            "use super::b; // crate::a in a comment is no edge",
        ),
        ("ui/b.rs", "fn f() { crate::a::g(); }"),
    ] {
        std::fs::write(src.join(file), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let edges = graph(src);
    let names = |m: &str| edges.get(m).cloned().unwrap_or_default();
    assert_eq!(
        names("a"),
        BTreeSet::from(["ui::b".into(), "ui::form".into()])
    );
    assert_eq!(names("ui::form"), BTreeSet::from(["ui::b".into()]));
    let found = cycles(&edges);
    assert_eq!(found, [["a", "ui::b", "a"].map(String::from).to_vec()]);
}
