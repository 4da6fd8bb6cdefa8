//! Report categories (`content/reports/categories.toml`) and the national ministries and
//! bodies a report can be routed to (`content/reports/agencies.toml`), each named in
//! Indonesian and English. Regional governments are not listed: they are derived from the
//! area data, `prov-{code}` for a province and `reg-{code}` for a regency or city.

use super::Problem;
use super::areas::{Area, Areas};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::Path;
use toml::Spanned;

/// The category every categories file must have: Balai exists to make these reports easy.
pub const ACCESSIBILITY_BARRIER: &str = "accessibility-barrier";

/// The portal's own operator: where a barrier of Balai itself is routed (issue #21, item
/// 13). Built in rather than read from `agencies.toml`, so every site has it; never offered
/// on the report form (it is not in [`Taxonomy::national`]).
pub const OPERATOR: &str = "balai-operator";

/// Slug prefix of a province government derived from the area data.
const PROVINCE_PREFIX: &str = "prov-";
/// Slug prefix of a regency or city government derived from the area data.
const REGENCY_PREFIX: &str = "reg-";

/// What a report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    /// Stored with reports (`health`).
    pub slug: String,
    /// Indonesian name.
    pub name_id: String,
    /// English name.
    pub name_en: String,
}

impl Category {
    /// The name in `lang`: English for `en`, Indonesian for anything else.
    pub fn name(&self, lang: &str) -> &str {
        pick(lang, &self.name_id, &self.name_en)
    }
}

/// Where an agency sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgencyKind {
    /// A ministry or national body, from `agencies.toml`.
    National,
    /// A province government, derived from the area data.
    Province,
    /// A regency or city government, derived from the area data.
    Regency,
}

/// A body a report can be routed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// Stored with reports (`kemenkes`, `prov-51`, `reg-51.71`).
    pub slug: String,
    /// National, province or regency.
    pub kind: AgencyKind,
    /// Indonesian name.
    pub name_id: String,
    /// English name.
    pub name_en: String,
}

impl Agency {
    /// The name in `lang`: English for `en`, Indonesian for anything else.
    pub fn name(&self, lang: &str) -> &str {
        pick(lang, &self.name_id, &self.name_en)
    }

    /// The government of a province (`prov-51`: Pemerintah Provinsi Bali).
    fn province(area: &Area) -> Self {
        let name = area.name.as_str();
        let name_en = if let Some(rest) = name.strip_prefix("Daerah Istimewa ") {
            format!("Government of the Special Region of {rest}")
        } else if let Some(rest) = name.strip_prefix("Daerah Khusus Ibukota ") {
            format!("Government of the Special Capital Region of {rest}")
        } else if let Some(rest) = name.strip_prefix("Daerah Khusus ") {
            format!("Government of the Special Region of {rest}")
        } else {
            format!("Government of {name} Province")
        };
        Self {
            slug: format!("{PROVINCE_PREFIX}{}", area.code),
            kind: AgencyKind::Province,
            name_id: format!("Pemerintah Provinsi {name}"),
            name_en,
        }
    }

    /// The government of a regency or city (`reg-51.71`: Pemerintah Kota Denpasar).
    fn regency(area: &Area) -> Self {
        let name = area.name.as_str();
        let name_en = [
            ("Kota Administrasi ", "Administrative City Government"),
            (
                "Kabupaten Administrasi ",
                "Administrative Regency Government",
            ),
            ("Kota ", "City Government"),
            ("Kabupaten ", "Regency Government"),
        ]
        .into_iter()
        .find_map(|(prefix, what)| {
            name.strip_prefix(prefix)
                .map(|rest| format!("{rest} {what}"))
        })
        .unwrap_or_else(|| format!("Government of {name}"));
        Self {
            slug: format!("{REGENCY_PREFIX}{}", area.code),
            kind: AgencyKind::Regency,
            name_id: format!("Pemerintah {name}"),
            name_en,
        }
    }
}

fn pick<'a>(lang: &str, id: &'a str, en: &'a str) -> &'a str {
    if lang == "en" { en } else { id }
}

/// Report categories and national agencies.
#[derive(Debug, Default)]
pub struct Taxonomy {
    /// Categories, in the file's order (the order the form offers them).
    pub categories: Vec<Category>,
    /// National ministries and bodies, in the file's order.
    pub national: Vec<Agency>,
}

impl Taxonomy {
    /// Read `content_dir/reports/categories.toml` and `agencies.toml`. No `reports` folder is
    /// no taxonomy (test fixtures and new sites have none); once the folder exists both files
    /// must. Entries with a problem are left out.
    pub fn load(content_dir: &Path, problems: &mut Vec<Problem>) -> Self {
        let dir = content_dir.join("reports");
        if !dir.exists() {
            return Self::default();
        }
        let categories_path = dir.join("categories.toml");
        let categories = read_file::<CategoriesFile>(&categories_path, problems)
            .map(|(file, text)| {
                let has_required = file
                    .category
                    .iter()
                    .any(|e| e.slug.get_ref() == ACCESSIBILITY_BARRIER);
                let entries = check_entries(&categories_path, &text, file.category, problems);
                if !has_required {
                    problems.push(Problem::new(
                        &categories_path,
                        0,
                        format!("the category `{ACCESSIBILITY_BARRIER}` is required"),
                    ));
                }
                entries
                    .into_iter()
                    .map(|e| Category {
                        slug: e.slug,
                        name_id: e.name_id,
                        name_en: e.name_en,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let agencies_path = dir.join("agencies.toml");
        let national = read_file::<AgenciesFile>(&agencies_path, problems)
            .map(|(file, text)| {
                let mut entries = check_entries(&agencies_path, &text, file.agency, problems);
                entries.retain(|e| {
                    let derived = [PROVINCE_PREFIX, REGENCY_PREFIX]
                        .iter()
                        .any(|p| e.slug.starts_with(p));
                    if derived {
                        problems.push(Problem::new(
                            &agencies_path,
                            e.line,
                            format!(
                                "slug `{}`: `prov-` and `reg-` are kept for regional \
                                 governments, which come from content/areas",
                                e.slug
                            ),
                        ));
                    }
                    !derived
                });
                entries
                    .into_iter()
                    .map(|e| Agency {
                        slug: e.slug,
                        kind: AgencyKind::National,
                        name_id: e.name_id,
                        name_en: e.name_en,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self {
            categories,
            national,
        }
    }

    /// The category with this slug.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// National bodies plus regional governments derived from the area data: slug
    /// `prov-{code}` (e.g. `prov-51`) -> "Pemerintah Provinsi Bali" / "Government of Bali
    /// Province"; slug `reg-{code}` (e.g. `reg-51.71`) -> for "Kota Denpasar": "Pemerintah
    /// Kota Denpasar" / "Denpasar City Government"; for "Kabupaten Badung": "Pemerintah
    /// Kabupaten Badung" / "Badung Regency Government".
    pub fn agency(&self, slug: &str, areas: &Areas) -> Option<Agency> {
        if let Some(code) = slug.strip_prefix(PROVINCE_PREFIX) {
            areas.province(code).map(Agency::province)
        } else if let Some(code) = slug.strip_prefix(REGENCY_PREFIX) {
            areas.regency(code).map(Agency::regency)
        } else if slug == OPERATOR {
            Some(Agency {
                slug: OPERATOR.to_owned(),
                kind: AgencyKind::National,
                name_id: "Pengelola Balai (portal ini)".to_owned(),
                name_en: "Balai operator (this portal)".to_owned(),
            })
        } else {
            self.national.iter().find(|a| a.slug == slug).cloned()
        }
    }

    /// The regional governments for a chosen province and (optional) regency, regency
    /// first. A regency that is unknown or not in the province is left out.
    pub fn regional_agencies(
        &self,
        province: &str,
        regency: Option<&str>,
        areas: &Areas,
    ) -> Vec<Agency> {
        let Some(province) = areas.province(province) else {
            return Vec::new();
        };
        let regency = regency
            .filter(|r| areas.regency_in(r, &province.code))
            .and_then(|r| areas.regency(r));
        regency
            .map(Agency::regency)
            .into_iter()
            .chain([Agency::province(province)])
            .collect()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    #[serde(default)]
    category: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgenciesFile {
    #[serde(default)]
    agency: Vec<RawEntry>,
}

/// One `[[category]]` or `[[agency]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    slug: Spanned<String>,
    name: RawNames,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    id: Spanned<String>,
    en: Spanned<String>,
}

/// An entry that passed its checks.
struct Entry {
    slug: String,
    /// Line of its `slug = ...`.
    line: usize,
    name_id: String,
    name_en: String,
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .unwrap_or(text)
        .matches('\n')
        .count()
        + 1
}

/// Read and parse one file; its text comes back for line numbers.
fn read_file<T: DeserializeOwned>(path: &Path, problems: &mut Vec<Problem>) -> Option<(T, String)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            problems.push(Problem::new(path, 0, format!("missing or unreadable: {e}")));
            return None;
        }
    };
    match toml::from_str::<T>(&text) {
        Ok(file) => Some((file, text)),
        Err(e) => {
            let line = e.span().map_or(1, |s| line_at(&text, s.start));
            problems.push(Problem::new(path, line, format!("TOML: {}", e.message())));
            None
        }
    }
}

/// Check slugs (pattern, uniqueness) and names (not empty); keep the entries that pass.
fn check_entries(
    path: &Path,
    text: &str,
    raw: Vec<RawEntry>,
    problems: &mut Vec<Problem>,
) -> Vec<Entry> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::new();
    for r in raw {
        let line = line_at(text, r.slug.span().start);
        let slug = r.slug.into_inner();
        let mut ok = true;
        if slug.is_empty()
            || !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            problems.push(Problem::new(
                path,
                line,
                format!("slug `{slug}` must use only a-z, 0-9 and -"),
            ));
            ok = false;
        } else if let Some(first) = seen.get(&slug) {
            problems.push(Problem::new(
                path,
                line,
                format!("slug `{slug}` is used twice (first on line {first})"),
            ));
            ok = false;
        } else {
            seen.insert(slug.clone(), line);
        }
        let mut name = |field: &str, value: Spanned<String>, language: &str| {
            let value_line = line_at(text, value.span().start);
            let value = value.into_inner().trim().to_owned();
            if value.is_empty() {
                problems.push(Problem::new(
                    path,
                    value_line,
                    format!("`{field}` of `{slug}` is empty: give the name in {language}"),
                ));
            }
            value
        };
        let name_id = name("name.id", r.name.id, "Indonesian");
        let name_en = name("name.en", r.name.en, "English");
        if ok && !name_id.is_empty() && !name_en.is_empty() {
            entries.push(Entry {
                slug,
                line,
                name_id,
                name_en,
            });
        }
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn content_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
    }

    fn real() -> (Taxonomy, Areas) {
        let mut problems = Vec::new();
        let taxonomy = Taxonomy::load(&content_dir(), &mut problems);
        let areas = Areas::load(&content_dir().join("areas"), &mut problems);
        assert_eq!(problems, Vec::new());
        (taxonomy, areas)
    }

    /// Load a `reports` folder holding these files.
    fn load_files(files: &[(&str, &str)]) -> (Taxonomy, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("reports")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join("reports").join(name), text).unwrap();
        }
        let mut problems = Vec::new();
        let taxonomy = Taxonomy::load(dir.path(), &mut problems);
        (taxonomy, problems)
    }

    const GOOD_CATEGORIES: &str = "[[category]]\nslug = \"accessibility-barrier\"\n\
        name.id = \"Hambatan akses\"\nname.en = \"Access barrier\"\n";
    const GOOD_AGENCIES: &str = "[[agency]]\nslug = \"kemenkes\"\nname.id = \"Kementerian Kesehatan\"\n\
        name.en = \"Ministry of Health\"\n";

    /// (file name, line) of each problem.
    fn places(problems: &[Problem]) -> Vec<(String, usize)> {
        problems
            .iter()
            .map(|p| {
                let name = p.file.file_name().unwrap().to_string_lossy().into_owned();
                (name, p.line)
            })
            .collect()
    }

    #[test]
    fn the_real_files_load_in_both_languages() {
        let (t, _) = real();
        assert!(
            (12..=16).contains(&t.categories.len()),
            "{}",
            t.categories.len()
        );
        let barrier = t.category(ACCESSIBILITY_BARRIER).unwrap();
        assert_eq!(
            barrier.name("en"),
            "A barrier to access for people with disabilities"
        );
        assert_eq!(
            barrier.name("id"),
            "Hambatan akses bagi penyandang disabilitas"
        );
        assert_eq!(t.categories.last().unwrap().slug, "other");
        assert_eq!(t.category("health").unwrap().name("en"), "Health services");
        assert!(t.category("nope").is_none());

        assert!(t.national.len() >= 25, "{}", t.national.len());
        assert!(t.national.iter().all(|a| a.kind == AgencyKind::National));
        for slug in [
            "kemenkes",
            "kemensos",
            "dukcapil",
            "bpjs-kesehatan",
            "ombudsman",
            "knd",
        ] {
            assert!(t.national.iter().any(|a| a.slug == slug), "{slug}");
        }
    }

    #[test]
    fn names_fall_back_to_indonesian() {
        let c = Category {
            slug: "x".into(),
            name_id: "Indonesia".into(),
            name_en: "English".into(),
        };
        assert_eq!(c.name("en"), "English");
        assert_eq!(c.name("id"), "Indonesia");
        assert_eq!(c.name("en-XA"), "Indonesia");
        assert_eq!(c.name(""), "Indonesia");
    }

    #[test]
    fn agencies_by_slug_national_and_derived() {
        let (t, areas) = real();
        let kemenkes = t.agency("kemenkes", &areas).unwrap();
        assert_eq!(kemenkes.kind, AgencyKind::National);
        assert_eq!(kemenkes.name("id"), "Kementerian Kesehatan");
        assert_eq!(kemenkes.name("en"), "Ministry of Health");

        let expected = [
            (
                "prov-51",
                AgencyKind::Province,
                "Pemerintah Provinsi Bali",
                "Government of Bali Province",
            ),
            (
                "reg-51.71",
                AgencyKind::Regency,
                "Pemerintah Kota Denpasar",
                "Denpasar City Government",
            ),
            (
                "reg-51.03",
                AgencyKind::Regency,
                "Pemerintah Kabupaten Badung",
                "Badung Regency Government",
            ),
            (
                "prov-34",
                AgencyKind::Province,
                "Pemerintah Provinsi Daerah Istimewa Yogyakarta",
                "Government of the Special Region of Yogyakarta",
            ),
            (
                "prov-31",
                AgencyKind::Province,
                "Pemerintah Provinsi Daerah Khusus Ibukota Jakarta",
                "Government of the Special Capital Region of Jakarta",
            ),
            (
                "reg-31.74",
                AgencyKind::Regency,
                "Pemerintah Kota Administrasi Jakarta Selatan",
                "Jakarta Selatan Administrative City Government",
            ),
            (
                "reg-31.01",
                AgencyKind::Regency,
                "Pemerintah Kabupaten Administrasi Kepulauan Seribu",
                "Kepulauan Seribu Administrative Regency Government",
            ),
        ];
        for (slug, kind, id, en) in expected {
            let a = t.agency(slug, &areas).unwrap();
            assert_eq!((a.slug.as_str(), a.kind), (slug, kind));
            assert_eq!(a.name("id"), id);
            assert_eq!(a.name("en"), en);
        }
        for unknown in ["prov-99", "reg-51.99", "reg-", "prov-", "nope", ""] {
            assert!(t.agency(unknown, &areas).is_none(), "{unknown}");
        }
    }

    #[test]
    fn every_regency_and_province_gets_a_specific_name() {
        let (t, areas) = real();
        for p in areas.provinces() {
            let a = t.agency(&format!("prov-{}", p.code), &areas).unwrap();
            assert!(a.name_en.starts_with("Government of "), "{}", a.name_en);
        }
        for p in areas.provinces() {
            for r in areas.regencies_in(&p.code) {
                let a = t.agency(&format!("reg-{}", r.code), &areas).unwrap();
                assert!(
                    a.name_en.ends_with("City Government")
                        || a.name_en.ends_with("Regency Government"),
                    "{}: {}",
                    r.name,
                    a.name_en
                );
            }
        }
    }

    #[test]
    fn regional_agencies_regency_first() {
        let (t, areas) = real();
        let slugs = |province, regency| {
            t.regional_agencies(province, regency, &areas)
                .into_iter()
                .map(|a| a.slug)
                .collect::<Vec<_>>()
        };
        assert_eq!(slugs("51", Some("51.71")), ["reg-51.71", "prov-51"]);
        assert_eq!(slugs("51", None), ["prov-51"]);
        assert_eq!(slugs("51", Some("")), ["prov-51"]);
        // Bandung is in Jawa Barat, not Bali.
        assert_eq!(slugs("51", Some("32.04")), ["prov-51"]);
        assert_eq!(slugs("99", Some("51.71")), Vec::<String>::new());
    }

    #[test]
    fn areas_list_provinces_and_their_regencies_in_code_order() {
        let (_, areas) = real();
        let provinces: Vec<&str> = areas.provinces().map(|a| a.code.as_str()).collect();
        assert_eq!(provinces.len(), 38);
        assert!(provinces.is_sorted());
        let bali: Vec<&str> = areas.regencies_in("51").map(|a| a.code.as_str()).collect();
        assert_eq!(bali.len(), 9);
        assert!(bali.is_sorted());
        assert!(bali.iter().all(|c| c.starts_with("51.")));
        assert_eq!(bali.first(), Some(&"51.01"));
        assert_eq!(bali.last(), Some(&"51.71"));
        assert_eq!(areas.regencies_in("5").count(), 0);
        assert_eq!(areas.regencies_in("").count(), 0);
        assert_eq!(areas.regencies_in("99").count(), 0);
    }

    #[test]
    fn no_reports_folder_is_no_taxonomy_and_no_problem() {
        let dir = tempfile::tempdir().unwrap();
        let mut problems = Vec::new();
        let t = Taxonomy::load(dir.path(), &mut problems);
        assert!(problems.is_empty());
        assert!(t.categories.is_empty() && t.national.is_empty());
    }

    #[test]
    fn good_small_files_load() {
        let (t, problems) = load_files(&[
            ("categories.toml", GOOD_CATEGORIES),
            ("agencies.toml", GOOD_AGENCIES),
        ]);
        assert_eq!(problems, Vec::new());
        assert_eq!(t.categories.len(), 1);
        assert_eq!(t.national.len(), 1);
    }

    #[test]
    fn missing_files_in_the_folder_are_problems() {
        let (t, problems) = load_files(&[]);
        let mut got = places(&problems);
        got.sort();
        assert_eq!(
            got,
            [
                ("agencies.toml".to_owned(), 0),
                ("categories.toml".to_owned(), 0)
            ]
        );
        assert!(t.categories.is_empty());
    }

    #[test]
    fn duplicate_bad_and_empty_entries_are_problems_at_their_lines() {
        let categories = format!(
            "{GOOD_CATEGORIES}
[[category]]
slug = \"health\"
name.id = \"Kesehatan\"
name.en = \"Health\"

[[category]]
slug = \"health\"
name.id = \"Kesehatan lagi\"
name.en = \"Health again\"

[[category]]
slug = \"Bad Slug\"
name.id = \"Buruk\"
name.en = \"Bad\"

[[category]]
slug = \"no-english\"
name.id = \"Tanpa Inggris\"
name.en = \"  \"
"
        );
        let (t, problems) = load_files(&[
            ("categories.toml", &categories),
            ("agencies.toml", GOOD_AGENCIES),
        ]);
        assert_eq!(
            places(&problems),
            [
                ("categories.toml".to_owned(), 12),
                ("categories.toml".to_owned(), 17),
                ("categories.toml".to_owned(), 24),
            ],
            "{problems:#?}"
        );
        assert!(problems[0].message.contains("used twice (first on line 7)"));
        assert!(problems[1].message.contains("a-z, 0-9 and -"));
        assert!(problems[2].message.contains("name.en"));
        let slugs: Vec<&str> = t.categories.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(slugs, [ACCESSIBILITY_BARRIER, "health"]);
    }

    #[test]
    fn the_accessibility_barrier_category_is_required() {
        let categories =
            "[[category]]\nslug = \"health\"\nname.id = \"Kesehatan\"\nname.en = \"Health\"\n";
        let (_, problems) = load_files(&[
            ("categories.toml", categories),
            ("agencies.toml", GOOD_AGENCIES),
        ]);
        assert_eq!(places(&problems), [("categories.toml".to_owned(), 0)]);
        assert!(problems[0].message.contains(ACCESSIBILITY_BARRIER));
    }

    #[test]
    fn agency_slugs_may_not_look_derived() {
        let agencies = format!(
            "{GOOD_AGENCIES}\n[[agency]]\nslug = \"prov-51\"\nname.id = \"X\"\nname.en = \"X\"\n"
        );
        let (t, problems) = load_files(&[
            ("categories.toml", GOOD_CATEGORIES),
            ("agencies.toml", &agencies),
        ]);
        assert_eq!(places(&problems), [("agencies.toml".to_owned(), 7)]);
        assert_eq!(t.national.len(), 1);
    }

    #[test]
    fn toml_errors_and_unknown_fields_name_their_line() {
        let broken = format!("{GOOD_AGENCIES}\n[[agency]]\nslug = \"x\nname.id = \"X\"\n");
        let unknown = format!("{GOOD_CATEGORIES}\n[[category]]\nslug = \"x\"\ntitle = \"X\"\n");
        let (t, problems) =
            load_files(&[("categories.toml", &unknown), ("agencies.toml", &broken)]);
        let got = places(&problems);
        assert_eq!(got.len(), 2, "{problems:#?}");
        assert!(
            got.contains(&("agencies.toml".to_owned(), 7)),
            "{problems:#?}"
        );
        assert!(
            got.iter()
                .any(|(f, l)| f == "categories.toml" && (6..=8).contains(l)),
            "{problems:#?}"
        );
        assert!(problems.iter().all(|p| p.message.starts_with("TOML: ")));
        assert!(t.categories.is_empty() && t.national.is_empty());
    }

    #[test]
    fn a_table_of_the_wrong_kind_is_refused() {
        let (_, problems) = load_files(&[
            ("categories.toml", GOOD_AGENCIES),
            ("agencies.toml", GOOD_AGENCIES),
        ]);
        assert_eq!(places(&problems), [("categories.toml".to_owned(), 1)]);
    }
}
