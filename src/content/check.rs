//! `balai content check`: everything wrong with `content/` and `locales/`, each problem
//! with its file and line, so a writer can fix them all in one go.

use super::{PageMeta, Problem, markdown, parse_meta, read_sources};
use fluent_syntax::ast::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Check content pages and Fluent files; an empty list means all is well.
pub fn run(content_dir: &Path, locales_dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let languages = check_locales(locales_dir, &mut problems);
    check_pages(&content_dir.join("pages"), &languages, &mut problems);
    problems
}

/// Pages: front matter, Markdown findings, and a version in every language.
fn check_pages(dir: &Path, languages: &[String], problems: &mut Vec<Problem>) {
    let sources = read_sources(dir, problems);
    let mut versions: BTreeMap<&str, BTreeMap<&str, &Path>> = BTreeMap::new();
    for source in &sources {
        versions
            .entry(&source.slug)
            .or_default()
            .insert(&source.lang, &source.path);
        if let Err(p) = parse_meta::<PageMeta>(source) {
            problems.push(p);
        }
        for finding in markdown::render(&source.body).findings {
            problems.push(Problem::new(
                &source.path,
                source.body_line + finding.line - 1,
                finding.kind.describe(),
            ));
        }
        if !languages.is_empty() && !languages.contains(&source.lang) {
            problems.push(Problem::new(
                &source.path,
                0,
                format!("no locale folder for language `{}`", source.lang),
            ));
        }
    }
    for (slug, langs) in &versions {
        let Some((_, any_path)) = langs.iter().next() else {
            continue;
        };
        for lang in languages {
            if !langs.contains_key(lang.as_str()) {
                problems.push(Problem::new(
                    any_path,
                    0,
                    format!("missing translation: add {slug}.{lang}.md"),
                ));
            }
        }
    }
}

/// Locales: syntax, duplicate ids, and the same ids in every language. Returns the
/// languages offered (pseudo-locales left out).
fn check_locales(dir: &Path, problems: &mut Vec<Problem>) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        problems.push(Problem::new(dir, 0, "locales folder missing or unreadable"));
        return Vec::new();
    };
    let mut folders: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let mut ids: BTreeMap<String, (PathBuf, BTreeSet<String>)> = BTreeMap::new();
    for folder in folders {
        let lang = folder
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        if lang.ends_with("-XA") {
            continue;
        }
        let set = message_ids(&folder, problems);
        ids.insert(lang, (folder, set));
    }
    let Some((_, reference)) = ids.get(crate::i18n::FALLBACK).cloned() else {
        problems.push(Problem::new(
            dir,
            0,
            "no `id` folder: Indonesian is the fallback language",
        ));
        return ids.into_keys().collect();
    };
    for (lang, (folder, set)) in &ids {
        for missing in reference.difference(set) {
            problems.push(Problem::new(
                folder,
                0,
                format!("message `{missing}` is missing in `{lang}`"),
            ));
        }
        for extra in set.difference(&reference) {
            problems.push(Problem::new(
                folder,
                0,
                format!("message `{extra}` exists in `{lang}` but not in `id`"),
            ));
        }
    }
    ids.into_keys().collect()
}

/// Message and term ids of every `.ftl` file in one language folder.
fn message_ids(folder: &Path, problems: &mut Vec<Problem>) -> BTreeSet<String> {
    let mut set = BTreeSet::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "ftl"));
    files.sort();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            problems.push(Problem::new(&file, 0, "cannot read"));
            continue;
        };
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                    problems.push(Problem::new(
                        &file,
                        line_of(at),
                        format!("Fluent syntax: {}", e.kind),
                    ));
                }
                r
            }
        };
        for entry in resource.body {
            let id = match entry {
                Entry::Message(m) => m.id.name.to_owned(),
                Entry::Term(t) => format!("-{}", t.id.name),
                _ => continue,
            };
            if !set.insert(id.clone()) {
                problems.push(Problem::new(
                    &file,
                    0,
                    format!("message `{id}` is defined twice"),
                ));
            }
        }
    }
    set
}
