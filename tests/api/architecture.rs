//! The shape of `src/`, read from its files: views do not reach the application state,
//! the routes or the database; no two modules depend on each other, directly or around
//! a circle; every message id the code names exists in every language, and every message
//! in `locales/` is used.

use super::helpers::repo;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module: its path under `crate` (`["views", "staff"]`), named by its file.
type Module = Vec<String>;

/// Every module of the crate with its source (test modules cut off: they may use anything).
fn modules() -> BTreeMap<Module, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<Module, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(repo().join("src")).unwrap();
                let mut parts: Module = rel
                    .with_extension("")
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|l| l == "mod") {
                    parts.pop();
                }
                if parts == ["lib"] || parts == ["main"] {
                    parts.clear();
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => &text[..i],
                    None => &text,
                };
                // Comments name modules without depending on them (doc links).
                let code: String = code
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .flat_map(|l| [l, "\n"])
                    .collect();
                out.insert(parts, code);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&repo().join("src"), &mut out);
    out
}

/// The longest module that `path` (`a::b::C`) names.
fn resolve(mods: &BTreeMap<Module, String>, path: &[&str]) -> Option<Module> {
    (1..=path.len()).rev().find_map(|n| {
        let m: Module = path[..n].iter().map(|s| (*s).to_owned()).collect();
        mods.contains_key(&m).then_some(m)
    })
}

/// The words of a path starting at `at` in `code` (`views::staff::{A, b::C}` gives
/// `views::staff` and the items of the group, each as a full path).
fn paths_at(code: &str, at: usize) -> Vec<Vec<String>> {
    let rest = &code[at..];
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(rest.len());
    let base: Vec<String> = rest[..end]
        .split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if rest[end..].starts_with('{') {
        let close = rest[end..].find('}').map_or(rest.len(), |c| end + c);
        rest[end + 1..close]
            .split(',')
            .map(|item| {
                let mut p = base.clone();
                let item = item.split_whitespace().next().unwrap_or_default();
                p.extend(
                    item.split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
                p
            })
            .collect()
    } else {
        vec![base]
    }
}

/// What each module depends on: every `crate::` path and every `super::` path in it.
fn dependencies() -> BTreeMap<Module, BTreeSet<Module>> {
    let mods = modules();
    let mut deps = BTreeMap::new();
    for (module, code) in &mods {
        let mut out = BTreeSet::new();
        // `super` is the parent module, whether this one is a file or a `mod.rs`.
        let parent: Module = module[..module.len().saturating_sub(1)].to_vec();
        for (marker, base) in [("crate::", Vec::new()), ("super::", parent)] {
            for (at, _) in code.match_indices(marker) {
                let preceded = code[..at].chars().next_back();
                if preceded.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                for path in paths_at(code, at + marker.len()) {
                    let mut full: Vec<&str> = base.iter().map(String::as_str).collect();
                    full.extend(path.iter().map(String::as_str));
                    if let Some(target) = resolve(&mods, &full)
                        && !module.starts_with(&target)
                    {
                        out.insert(target);
                    }
                }
            }
        }
        deps.insert(module.clone(), out);
    }
    deps
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn views_do_not_reach_state_routes_or_the_database() {
    let forbidden = ["startup", "state", "routes", "db"];
    let mut found = Vec::new();
    for (module, deps) in dependencies() {
        if module.first().is_some_and(|m| m == "views") {
            for d in deps {
                if forbidden.contains(&d[0].as_str()) {
                    found.push(format!("{} uses {}", name(&module), name(&d)));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "views must get what they show as data:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_modules_depend_on_each_other_around_a_circle() {
    let deps = dependencies();
    assert!(deps.len() > 50, "the crate's modules were not found");
    // Tarjan's strongly connected components: a component of more than one module is a
    // circle of dependencies.
    struct Search<'a> {
        deps: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        circles: Vec<Vec<String>>,
    }
    impl<'a> Search<'a> {
        fn visit(&mut self, v: &'a Module) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            for w in self.deps.get(v).into_iter().flatten() {
                let Some((w, _)) = self.deps.get_key_value(w) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let lw = self.low[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if self.stack.contains(&w) {
                    let iw = self.index[w];
                    let lv = self.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
            if self.low[v] == self.index[v] {
                let mut circle = Vec::new();
                while let Some(w) = self.stack.pop() {
                    circle.push(name(w));
                    if w == v {
                        break;
                    }
                }
                if circle.len() > 1 {
                    circle.sort();
                    self.circles.push(circle);
                }
            }
        }
    }
    let mut search = Search {
        deps: &deps,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        circles: Vec::new(),
    };
    for m in deps.keys() {
        if !search.index.contains_key(m) {
            search.visit(m);
        }
    }
    let report: Vec<String> = search
        .circles
        .iter()
        .map(|c| {
            let members: BTreeSet<Module> = deps
                .keys()
                .filter(|m| c.contains(&name(m)))
                .cloned()
                .collect();
            let edges: Vec<String> = members
                .iter()
                .flat_map(|m| {
                    deps[m]
                        .iter()
                        .filter(|d| members.contains(*d))
                        .map(move |d| format!("  {} -> {}", name(m), name(d)))
                })
                .collect();
            format!("{}:\n{}", c.join(", "), edges.join("\n"))
        })
        .collect();
    assert!(
        report.is_empty(),
        "modules that depend on each other:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_cycle_check_sees_a_circle() {
    // The check itself: two modules naming each other are found, through `crate::` and
    // through `super::` with a group.
    let code = "use crate::views::{self, PageCtx};\nuse super::{Staff, case::may_see};";
    let paths: Vec<String> = paths_at(code, 11)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(paths, ["views::self", "views::PageCtx"]);
    let paths: Vec<String> = paths_at(code, code.find("super::").unwrap() + 7)
        .into_iter()
        .map(|p| p.join("::"))
        .collect();
    assert_eq!(paths, ["Staff", "case::may_see"]);
    let deps = dependencies();
    assert!(
        deps[&vec!["routes".to_owned(), "staff".to_owned(), "case".to_owned()]].contains(&vec![
            "routes".to_owned(),
            "staff".to_owned(),
            "auth".to_owned()
        ]),
        "a `super::` dependency was missed"
    );
}

/// The messages (not terms) defined in one locale folder, and the messages its texts
/// refer to (`{ other-message }`).
fn defined(lang: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut ids, mut referred) = (BTreeSet::new(), BTreeSet::new());
    for entry in std::fs::read_dir(repo().join("locales").join(lang)).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some((id, _)) = line.split_once('=')
                && line.starts_with(|c: char| c.is_ascii_lowercase())
            {
                ids.insert(id.trim().to_owned());
            }
            for piece in line.split('{').skip(1) {
                let word = piece
                    .trim_start()
                    .split(|c: char| c.is_whitespace() || c == '}')
                    .next();
                if let Some(w) = word.filter(|w| w.starts_with(|c: char| c.is_ascii_lowercase())) {
                    referred.insert(w.to_owned());
                }
            }
        }
    }
    (ids, referred)
}

/// The string literals of some Rust code (char literals such as `'"'` skipped).
fn string_literals(code: &str) -> Vec<String> {
    let (mut out, mut chars) = (Vec::new(), code.chars().peekable());
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                // A char literal of a quote or an escape: skip it whole.
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next(), ahead.next()) {
                    (Some('"'), Some('\''), _) => chars = ahead,
                    (Some('\\'), Some(_), Some('\'')) => chars = ahead,
                    _ => {}
                }
            }
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => s.push(c),
                    }
                }
                out.push(s);
            }
            _ => {}
        }
    }
    out
}

/// Every string in `src/` that looks like a message id (`words-with-dashes`).
fn quoted_in_src() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for code in modules().values() {
        for piece in string_literals(code) {
            let looks = piece.contains('-')
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !piece.starts_with('-')
                && !piece.ends_with('-');
            if looks {
                out.insert(piece);
            }
        }
    }
    out
}

/// The ids the code asks Fluent for by name: the first argument of `.t("..")` and
/// `.t_args("..")`, and every `"..."` returned by a `*message_id` function.
fn named_in_src() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for code in modules().values() {
        for marker in [".t(\"", ".t_args(\"", "t(&locale, \"", "t(l, \""] {
            for (at, _) in code.match_indices(marker) {
                let rest = &code[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    out.insert(rest[..end].to_owned());
                }
            }
        }
    }
    out
}

#[test]
fn string_literals_are_read_past_quotes_in_chars_and_escapes() {
    let code = r#"let q = '"'; let e = '\''; f("a-b", "say \"x-y\"", "c-d");"#;
    assert_eq!(string_literals(code), ["a-b", "say x-y", "c-d"]);
}

#[test]
fn every_message_the_code_names_exists_in_every_language_and_every_message_is_used() {
    let (id, referred) = defined("id");
    let (en, _) = defined("en");
    assert!(id.len() > 300, "the locales were not read");
    assert_eq!(
        id.symmetric_difference(&en).collect::<Vec<_>>(),
        Vec::<&String>::new(),
        "the languages have different message ids"
    );
    let named = named_in_src();
    let missing: Vec<&String> = named.iter().filter(|n| !id.contains(*n)).collect();
    assert!(
        missing.is_empty(),
        "message ids the code asks for but no locale has: {missing:?}"
    );
    // Ids are written out whole (never built with `format!`), so each appears quoted.
    let quoted = quoted_in_src();
    let unused: Vec<&String> = id
        .iter()
        .filter(|m| !quoted.contains(*m) && !referred.contains(*m))
        .collect();
    assert!(
        unused.is_empty(),
        "messages in locales/ that no code names: {unused:?}"
    );
    for (module, code) in modules() {
        for built in [".t(&format!(", ".t_args(&format!("] {
            assert!(
                !code.contains(built),
                "{} builds a message id with format!: write it out",
                name(&module)
            );
        }
    }
}
