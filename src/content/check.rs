//! `balai content check`: everything wrong with `content/` and `locales/`, each problem
//! with its file and line, so a writer can fix them all in one go.

use super::{ContentStore, Problem, Translations};
use fluent_syntax::ast::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Check content and Fluent files; an empty list means all is well.
pub fn run(content_dir: &Path, locales_dir: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let languages = check_locales(locales_dir, &mut problems);
    let (store, findings) = ContentStore::load_with_findings(content_dir);
    problems.extend(findings.errors);
    problems.extend(findings.lints);
    let kinds = [
        ("pages", languages_of(&store.pages)),
        ("campaigns", languages_of(&store.campaigns)),
        ("workshops", languages_of(&store.workshops)),
    ];
    for (folder, slugs) in kinds {
        missing_translations(&content_dir.join(folder), &slugs, &languages, &mut problems);
    }
    untranslated_report_names(content_dir, &store, &languages, &mut problems);
    let today = time::OffsetDateTime::now_utc().date();
    missing_holiday_years(content_dir, &store, today, &mut problems);
    problems
}

/// Deadlines count working days, so the holidays file must cover this year and, from
/// October, the next (the decree, SKB 3 Menteri, for a year comes out around September of the year before).
/// A site with no holidays file is left alone (test fixtures and new sites have none).
fn missing_holiday_years(
    content_dir: &Path,
    store: &ContentStore,
    today: time::Date,
    problems: &mut Vec<Problem>,
) {
    // Next year's decree comes out around September: it is asked for from October.
    let this_year = today.year();
    let years_needed = if u8::from(today.month()) >= 10 {
        vec![this_year, this_year + 1]
    } else {
        vec![this_year]
    };
    let file = content_dir.join(super::holidays::FILE);
    if !file.exists() {
        return;
    }
    let years = store.holidays.years();
    for year in years_needed {
        if !years.contains(&year) {
            problems.push(Problem::new(
                &file,
                0,
                format!(
                    "no holidays or collective leave for {year}: add them from the joint \
                     decree (SKB 3 Menteri) for {year}, or estimates until it is published"
                ),
            ));
        }
    }
}

/// Report categories and agencies are named in Indonesian and English only: any other
/// language offered shows their Indonesian names.
fn untranslated_report_names(
    content_dir: &Path,
    store: &ContentStore,
    languages: &[String],
    problems: &mut Vec<Problem>,
) {
    let files = [
        ("categories.toml", store.taxonomy.categories.is_empty()),
        ("agencies.toml", store.taxonomy.national.is_empty()),
    ];
    for lang in languages.iter().filter(|l| *l != "id" && *l != "en") {
        for (file, empty) in files {
            if !empty {
                problems.push(Problem::new(
                    &content_dir.join("reports").join(file),
                    0,
                    format!("names are in `id` and `en` only: `{lang}` shows the Indonesian names"),
                ));
            }
        }
    }
}

fn languages_of<T>(items: &Translations<T>) -> Vec<(String, Vec<String>)> {
    items
        .languages()
        .map(|(slug, langs)| {
            (
                slug.to_owned(),
                langs.into_iter().map(str::to_owned).collect(),
            )
        })
        .collect()
}

/// A version of every item in every offered language.
fn missing_translations(
    dir: &Path,
    slugs: &[(String, Vec<String>)],
    languages: &[String],
    problems: &mut Vec<Problem>,
) {
    for (slug, langs) in slugs {
        let Some(any) = langs.first() else { continue };
        let file = dir.join(format!("{slug}.{any}.md"));
        for lang in languages {
            if !langs.contains(lang) {
                problems.push(Problem::new(
                    &file,
                    0,
                    format!("missing translation: add {slug}.{lang}.md"),
                ));
            }
        }
        for lang in langs {
            if !languages.is_empty() && !languages.contains(lang) {
                let file = dir.join(format!("{slug}.{lang}.md"));
                problems.push(Problem::new(
                    &file,
                    0,
                    format!("no locale folder for language `{lang}`"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_holidays_file_without_this_year_or_the_next_is_a_lint() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("holidays.toml");
        let day = |year: i32| {
            format!(
                "[[day]]\ndate = {year}-08-17\nkind = \"holiday\"\n\
                 name.id = \"Proklamasi Kemerdekaan\"\nname.en = \"Independence Day\"\n"
            )
        };
        std::fs::write(&file, day(2026) + &day(2027)).unwrap();
        // In November, this year and the next are needed.
        let lints = |this_year: i32| {
            let (store, findings) = ContentStore::load_with_findings(dir.path());
            assert_eq!(findings.errors, Vec::new());
            let mut problems = Vec::new();
            let today =
                time::Date::from_calendar_date(this_year, time::Month::November, 1).unwrap();
            missing_holiday_years(dir.path(), &store, today, &mut problems);
            problems
        };
        // Before October, next year's decree is not out yet.
        {
            let (store, _) = ContentStore::load_with_findings(dir.path());
            let mut problems = Vec::new();
            let january = time::Date::from_calendar_date(2027, time::Month::January, 5).unwrap();
            missing_holiday_years(dir.path(), &store, january, &mut problems);
            assert_eq!(problems, Vec::new());
        }
        assert_eq!(lints(2026), Vec::new());
        let problems = lints(2027);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(
            (problems[0].file.as_path(), problems[0].line),
            (file.as_path(), 0)
        );
        assert!(problems[0].message.contains("for 2028"), "{problems:#?}");
        let problems = lints(2025);
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0].message.contains("for 2025"), "{problems:#?}");
        assert_eq!(lints(2030).len(), 2);

        // No file: nothing to say (a new site or a test fixture).
        std::fs::remove_file(&file).unwrap();
        assert_eq!(lints(2030), Vec::new());
    }

    #[test]
    fn report_names_in_another_language_are_a_lint() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("content/reports");
        std::fs::create_dir_all(&reports).unwrap();
        std::fs::write(
            reports.join("categories.toml"),
            "[[category]]\nslug = \"accessibility-barrier\"\nname.id = \"A\"\nname.en = \"A\"\n",
        )
        .unwrap();
        std::fs::write(reports.join("agencies.toml"), "").unwrap();
        for lang in ["id", "en", "jv"] {
            let folder = dir.path().join("locales").join(lang);
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("main.ftl"), "hello = Halo\n").unwrap();
        }
        let problems = run(&dir.path().join("content"), &dir.path().join("locales"));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].file, reports.join("categories.toml"));
        assert!(problems[0].message.contains("`jv`"));
    }
}
