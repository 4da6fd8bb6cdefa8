//! Content written as files by staff: pages, campaigns and workshops as
//! `{slug}.{lang}.md` with `+++` TOML front matter and a Markdown body, the area lists,
//! report categories and agencies (see [`taxonomy`]), national holidays and collective
//! leave (see [`holidays`]) and the images they show. Loaded at start-up (and again on
//! SIGHUP) into a [`ContentStore`]. A file that is unsafe or inconsistent refuses to load,
//! naming the file, line and field; `balai content check` (see [`check`]) also reports
//! lints.

pub mod areas;
pub mod check;
pub mod holidays;
pub mod images;
pub mod markdown;
pub mod taxonomy;
pub mod workshops;

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use time::Date;

pub use areas::Areas;
pub use holidays::Holidays;
pub use images::ContentImages;
pub use taxonomy::Taxonomy;
pub use workshops::{Campaign, Workshop};

/// One problem found in a content or locale file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
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
    pub(crate) fn new(file: &Path, line: usize, message: impl Into<String>) -> Self {
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

/// Items with a slug in several languages; a missing translation falls back to Indonesian.
#[derive(Debug)]
pub struct Translations<T> {
    items: BTreeMap<String, BTreeMap<String, T>>,
}

impl<T> Default for Translations<T> {
    fn default() -> Self {
        Self {
            items: BTreeMap::new(),
        }
    }
}

impl<T> Translations<T> {
    fn insert(&mut self, slug: &str, lang: &str, item: T) {
        self.items
            .entry(slug.to_owned())
            .or_default()
            .insert(lang.to_owned(), item);
    }

    /// The item in `lang`, or in the fallback language when it has no translation yet
    /// (views mark such text with its own `lang`).
    pub fn get(&self, slug: &str, lang: &str) -> Option<&T> {
        let versions = self.items.get(slug)?;
        versions
            .get(lang)
            .or_else(|| versions.get(crate::i18n::FALLBACK))
    }

    /// Every slug, each in `lang` or its fallback.
    pub fn all(&self, lang: &str) -> impl Iterator<Item = &T> {
        self.items
            .keys()
            .filter_map(move |slug| self.get(slug, lang))
    }

    /// Slugs and the languages each is written in.
    pub fn languages(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.items
            .iter()
            .map(|(slug, v)| (slug.as_str(), v.keys().map(String::as_str).collect()))
    }
}

/// Content loads so far in this process.
static LOADS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Everything loaded from the content directory.
#[derive(Debug, Default)]
pub struct ContentStore {
    /// About, help, privacy, accessibility.
    pub pages: Translations<Page>,
    /// Campaigns.
    pub campaigns: Translations<Campaign>,
    /// Workshops.
    pub workshops: Translations<Workshop>,
    /// Provinces and regencies.
    pub areas: Areas,
    /// Images under `content/images`, with their sizes.
    pub images: ContentImages,
    /// Report categories and national agencies, from `content/reports`.
    pub taxonomy: Taxonomy,
    /// National holidays and collective leave, from `content/holidays.toml`.
    pub holidays: holidays::Holidays,
    /// Which load this is (each load in the process gets a new number): pages rendered
    /// from this content are kept under it (`page_cache`).
    pub generation: u64,
}

/// What loading found: errors refuse the content; lints are for `content check`.
#[derive(Debug, Default)]
pub struct Findings {
    /// Unsafe, unreadable or inconsistent content.
    pub errors: Vec<Problem>,
    /// Accessibility and translation problems that do not stop the site.
    pub lints: Vec<Problem>,
}

impl ContentStore {
    /// Load the content directory; every error is returned at once.
    pub fn load(content_dir: &Path) -> Result<Self, Vec<Problem>> {
        let (store, findings) = Self::load_with_findings(content_dir);
        if findings.errors.is_empty() {
            Ok(store)
        } else {
            Err(findings.errors)
        }
    }

    /// Load everything that loads, and say what is wrong with the rest.
    pub fn load_with_findings(content_dir: &Path) -> (Self, Findings) {
        let mut f = Findings::default();
        let mut store = Self {
            areas: Areas::load(&content_dir.join("areas"), &mut f.errors),
            images: ContentImages::load(&content_dir.join("images"), &mut f.errors),
            taxonomy: Taxonomy::load(content_dir, &mut f.errors),
            holidays: Holidays::load(content_dir, &mut f.errors),
            generation: LOADS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
            ..Self::default()
        };
        for source in read_sources(&content_dir.join("pages"), &mut f.errors) {
            if let Some(page) = parse_page(&source, &mut f) {
                store.pages.insert(&source.slug, &source.lang, page);
            }
        }
        workshops::load(content_dir, &mut store, &mut f);
        (store, f)
    }
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

impl SourceFile {
    /// The file line where front-matter key `key` is set (0 when absent).
    pub fn line_of(&self, key: &str) -> usize {
        self.meta_text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
            .map_or(0, |i| i + 2)
    }

    /// A problem with front-matter field `key`, at its line.
    pub fn field_problem(&self, key: &str, message: impl fmt::Display) -> Problem {
        Problem::new(
            &self.path,
            self.line_of(key),
            format!("field `{key}`: {message}"),
        )
    }

    /// Render the body; findings that refuse loading go to errors, the rest to lints.
    pub fn render_body(&self, f: &mut Findings) -> String {
        let rendered = markdown::render(&self.body);
        for finding in rendered.findings {
            let p = Problem::new(
                &self.path,
                self.body_line + finding.line - 1,
                finding.kind.describe(),
            );
            if finding.kind.refuses_load() {
                f.errors.push(p)
            } else {
                f.lints.push(p)
            }
        }
        rendered.html
    }
}

/// Read every `*.md` file of a folder, split into front matter and body.
pub(crate) fn read_sources(dir: &Path, problems: &mut Vec<Problem>) -> Vec<SourceFile> {
    // A missing folder is no content of that kind (a test or a new site may have none).
    let Ok(entries) = std::fs::read_dir(dir) else {
        if dir.exists() {
            problems.push(Problem::new(dir, 0, "folder unreadable"));
        }
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
    split_text(path, slug, lang, &text)
}

/// A file's text split into front matter and body.
fn split_text(path: &Path, slug: &str, lang: &str, text: &str) -> Result<SourceFile, Problem> {
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

/// The folders of `content/` whose files [`parse_text`] knows.
#[derive(Debug, Clone, Copy)]
pub enum Folder {
    Pages,
    Campaigns,
    Workshops,
}

/// One file's text checked as loading would check it, against `store` (what the fuzz target
/// `front_matter` drives): whether it was accepted, and the problems found.
pub fn parse_text(
    store: &ContentStore,
    folder: Folder,
    file_name: &str,
    text: &str,
) -> (bool, Findings) {
    let mut f = Findings::default();
    let path = Path::new(file_name);
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let (slug, lang) = name.rsplit_once('.').unwrap_or((name, "id"));
    let accepted = match split_text(path, slug, lang, text) {
        Err(p) => {
            f.errors.push(p);
            false
        }
        Ok(source) => match folder {
            Folder::Pages => parse_page(&source, &mut f).is_some(),
            Folder::Campaigns => workshops::parse_campaign(&source, store, &mut f).is_some(),
            Folder::Workshops => workshops::parse_workshop(&source, store, &mut f).is_some(),
        },
    };
    (accepted, f)
}

/// Parse a page's front matter and render its body.
fn parse_page(source: &SourceFile, f: &mut Findings) -> Option<Page> {
    let meta = match parse_meta::<PageMeta>(source) {
        Ok(m) => m,
        Err(p) => {
            f.errors.push(p);
            return None;
        }
    };
    let html = source.render_body(f);
    Some(Page {
        slug: source.slug.clone(),
        lang: source.lang.clone(),
        title: meta.title,
        summary: meta.summary,
        updated: toml_date(&meta.updated),
        html,
    })
}

/// The date part of a TOML date or datetime.
pub(crate) fn toml_date(value: &toml::value::Datetime) -> Option<Date> {
    let d = value.date?;
    Date::from_calendar_date(
        i32::from(d.year),
        time::Month::try_from(d.month).ok()?,
        d.day,
    )
    .ok()
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
