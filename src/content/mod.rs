//! Content written as files by campaign staff: `content/pages/{slug}.{lang}.md`, each
//! with `+++` TOML front matter and a Markdown body. Loaded once at start-up into a
//! [`ContentStore`]; a file with bad front matter, script or event handlers refuses to
//! load, naming the file and line. `balai content check` (see [`check`]) goes further.

pub mod check;
pub mod markdown;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use time::Date;

/// One problem found in a content or locale file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as given on the command line or found under the content dir.
    pub file: PathBuf,
    /// 1-based line number (0 when the problem is about the whole file).
    pub line: usize,
    /// What is wrong and how to fix it (English: this is a tool for staff).
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

impl Problem {
    fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// Front matter of a content page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The page's `h1` and the first part of its `<title>`.
    pub title: String,
    /// One sentence shown under the title and in link lists.
    pub summary: String,
    /// When the text last changed (shown as "Last updated").
    pub updated: toml::value::Datetime,
}

/// A content page in one language, rendered to HTML once at load.
#[derive(Debug, Clone)]
pub struct Page {
    /// URL slug (`about`).
    pub slug: String,
    /// Language tag of this version (`id`).
    pub lang: String,
    /// Title from front matter.
    pub title: String,
    /// Summary from front matter.
    pub summary: String,
    /// Last-updated date.
    pub updated: Option<Date>,
    /// The body as HTML (raw HTML from the file is escaped, never passed through).
    pub html: String,
}

/// All content pages, keyed by slug then language.
#[derive(Debug, Default)]
pub struct ContentStore {
    pages: BTreeMap<String, BTreeMap<String, Page>>,
}

/// A Markdown file split into its parts.
pub(crate) struct SourceFile {
    pub path: PathBuf,
    pub slug: String,
    pub lang: String,
    pub meta_text: String,
    pub body: String,
    /// Line number of the body's first line in the file.
    pub body_line: usize,
}

impl ContentStore {
    /// Load `content/pages`; every problem that makes a page unsafe or unreadable is
    /// returned, so start-up can list them all at once.
    pub fn load(content_dir: &Path) -> Result<Self, Vec<Problem>> {
        let mut store = Self::default();
        let mut problems = Vec::new();
        for source in read_sources(&content_dir.join("pages"), &mut problems) {
            match parse_page(&source) {
                Ok(page) => {
                    store
                        .pages
                        .entry(page.slug.clone())
                        .or_default()
                        .insert(page.lang.clone(), page);
                }
                Err(mut p) => problems.append(&mut p),
            }
        }
        if problems.is_empty() {
            Ok(store)
        } else {
            Err(problems)
        }
    }

    /// The page in `lang`, or in the fallback language when it has no translation yet
    /// (the view marks that text with its own `lang`).
    pub fn page(&self, slug: &str, lang: &str) -> Option<&Page> {
        let versions = self.pages.get(slug)?;
        versions
            .get(lang)
            .or_else(|| versions.get(crate::i18n::FALLBACK))
    }

    /// Slugs and the languages each is written in.
    pub fn page_languages(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.pages
            .iter()
            .map(|(slug, v)| (slug.as_str(), v.keys().map(String::as_str).collect()))
    }
}

/// Read every `*.md` file of a folder, split into front matter and body.
pub(crate) fn read_sources(dir: &Path, problems: &mut Vec<Problem>) -> Vec<SourceFile> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        problems.push(Problem::new(dir, 0, "folder missing or unreadable"));
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    for path in paths {
        match split_source(&path) {
            Ok(s) => sources.push(s),
            Err(p) => problems.push(p),
        }
    }
    sources
}

fn split_source(path: &Path) -> Result<SourceFile, Problem> {
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let Some((slug, lang)) = name.rsplit_once('.') else {
        return Err(Problem::new(
            path,
            0,
            "file name must be {slug}.{lang}.md, for example about.id.md",
        ));
    };
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Problem::new(path, 0, "slug must use only a-z, 0-9 and -"));
    }
    if lang.parse::<unic_langid::LanguageIdentifier>().is_err() {
        return Err(Problem::new(
            path,
            0,
            format!("`{lang}` is not a language tag"),
        ));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Problem::new(path, 0, format!("cannot read: {e}")))?;
    let text = text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("+++\n") else {
        return Err(Problem::new(
            path,
            1,
            "front matter missing: the file must start with a line `+++`",
        ));
    };
    let Some(end) = rest.find("\n+++") else {
        return Err(Problem::new(
            path,
            1,
            "front matter not closed: add a line `+++` after it",
        ));
    };
    let meta_text = rest[..end + 1].to_owned();
    let after = &rest[end + 4..];
    let body = after.strip_prefix('\n').unwrap_or(after).to_owned();
    let body_line = meta_text.lines().count() + 3;
    Ok(SourceFile {
        path: path.to_path_buf(),
        slug: slug.to_owned(),
        lang: lang.to_owned(),
        meta_text,
        body,
        body_line,
    })
}

/// Parse front matter and render the body; refuse script and event handlers.
fn parse_page(source: &SourceFile) -> Result<Page, Vec<Problem>> {
    let meta = parse_meta::<PageMeta>(source).map_err(|p| vec![p])?;
    let rendered = markdown::render(&source.body);
    let unsafe_problems: Vec<Problem> = rendered
        .findings
        .iter()
        .filter(|f| f.kind.refuses_load())
        .map(|f| {
            Problem::new(
                &source.path,
                source.body_line + f.line - 1,
                f.kind.describe(),
            )
        })
        .collect();
    if !unsafe_problems.is_empty() {
        return Err(unsafe_problems);
    }
    let updated = Date::parse(
        &meta.updated.to_string(),
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok();
    Ok(Page {
        slug: source.slug.clone(),
        lang: source.lang.clone(),
        title: meta.title,
        summary: meta.summary,
        updated,
        html: rendered.html,
    })
}

/// Deserialize front matter, turning a TOML error into a problem at the right line.
pub(crate) fn parse_meta<T: serde::de::DeserializeOwned>(
    source: &SourceFile,
) -> Result<T, Problem> {
    toml::from_str::<T>(&source.meta_text).map_err(|e| {
        // Line 1 of the file is the opening `+++`, so front-matter line n is file line n + 1.
        let line = e
            .span()
            .map(|s| {
                source.meta_text[..s.start.min(source.meta_text.len())]
                    .matches('\n')
                    .count()
                    + 2
            })
            .unwrap_or(1);
        Problem::new(&source.path, line, format!("front matter: {}", e.message()))
    })
}
