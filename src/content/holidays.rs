//! Indonesian national holidays (hari libur nasional) and collective leave (cuti bersama),
//! from `content/holidays.toml`, as set each year by the joint decree of three ministers
//! (SKB 3 Menteri). Deadlines count working days: Monday to Friday, less these dates.

use super::Problem;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use time::{Date, Weekday};
use toml::Spanned;

/// The file, inside the content directory.
pub const FILE: &str = "holidays.toml";

/// What kind of day off a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A national public holiday (`holiday`).
    Holiday,
    /// Collective leave, cuti bersama (`collective-leave`).
    CollectiveLeave,
}

impl DayKind {
    /// The kind as written in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::CollectiveLeave => "collective-leave",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Holiday, Self::CollectiveLeave]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One day off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayOff {
    /// The date.
    pub date: Date,
    /// Holiday or collective leave.
    pub kind: DayKind,
    /// Indonesian name (empty for days made by [`Holidays::from_dates`]).
    pub name_id: String,
    /// English name (empty for days made by [`Holidays::from_dates`]).
    pub name_en: String,
}

impl DayOff {
    /// The name in `lang`: English for `en`, Indonesian for anything else.
    pub fn name(&self, lang: &str) -> &str {
        if lang == "en" {
            &self.name_en
        } else {
            &self.name_id
        }
    }
}

/// National holidays and collective leave, by date.
#[derive(Debug, Default)]
pub struct Holidays {
    days: BTreeMap<Date, DayOff>,
}

impl Holidays {
    /// Read `content_dir/holidays.toml`. No file is no holidays and no problem (test fixtures
    /// and new sites have none). Each entry with a problem is reported at its line and left
    /// out; a file that is not valid TOML gives one problem and no holidays.
    pub fn load(content_dir: &Path, problems: &mut Vec<Problem>) -> Self {
        let path = content_dir.join(FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Self::default(),
            Err(e) => {
                problems.push(Problem::new(&path, 0, format!("unreadable: {e}")));
                return Self::default();
            }
        };
        let file = match toml::from_str::<RawFile>(&text) {
            Ok(f) => f,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_at(&text, s.start));
                problems.push(Problem::new(&path, line, format!("TOML: {}", e.message())));
                return Self::default();
            }
        };
        let mut holidays = Self::default();
        let mut first_line: BTreeMap<Date, usize> = BTreeMap::new();
        for raw in file.day {
            let line = line_at(&text, raw.date.span().start);
            let mut problem = |at: usize, message: String| {
                problems.push(Problem::new(&path, at, message));
            };
            let date = match date_of(raw.date.get_ref()) {
                Ok(d) => Some(d),
                Err(message) => {
                    problem(line, format!("`date`: {message}"));
                    None
                }
            };
            let kind_line = line_at(&text, raw.kind.span().start);
            let kind = DayKind::parse(raw.kind.get_ref().trim());
            if kind.is_none() {
                problem(
                    kind_line,
                    format!(
                        "`kind` is `{}`: write \"holiday\" or \"collective-leave\"",
                        raw.kind.get_ref()
                    ),
                );
            }
            let mut name = |field: &str, value: Spanned<String>, language: &str| {
                let at = line_at(&text, value.span().start);
                let value = value.into_inner().trim().to_owned();
                if value.is_empty() {
                    problem(
                        at,
                        format!("`{field}` is empty: give the name in {language}"),
                    );
                }
                value
            };
            let name_id = name("name.id", raw.name.id, "Indonesian");
            let name_en = name("name.en", raw.name.en, "English");
            let Some(date) = date else { continue };
            if let Some(first) = first_line.get(&date) {
                problems.push(Problem::new(
                    &path,
                    line,
                    format!("{date} is listed twice (first on line {first}): list a date once"),
                ));
                continue;
            }
            first_line.insert(date, line);
            let Some(kind) = kind else { continue };
            if !name_id.is_empty() && !name_en.is_empty() {
                holidays.days.insert(
                    date,
                    DayOff {
                        date,
                        kind,
                        name_id,
                        name_en,
                    },
                );
            }
        }
        holidays
    }

    /// Holidays on these dates, without names (for tests).
    pub fn from_dates(dates: impl IntoIterator<Item = Date>) -> Self {
        let days = dates
            .into_iter()
            .map(|date| {
                let day = DayOff {
                    date,
                    kind: DayKind::Holiday,
                    name_id: String::new(),
                    name_en: String::new(),
                };
                (date, day)
            })
            .collect();
        Self { days }
    }

    /// Whether `d` is a national holiday or a day of collective leave.
    pub fn is_holiday(&self, d: Date) -> bool {
        self.days.contains_key(&d)
    }

    /// Whether `d` is a working day: Monday to Friday, and neither a holiday nor collective
    /// leave.
    pub fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) && !self.is_holiday(d)
    }

    /// The holiday or collective leave on `d`, if any.
    pub fn get(&self, d: Date) -> Option<&DayOff> {
        self.days.get(&d)
    }

    /// Every day off, in date order.
    pub fn iter(&self) -> impl Iterator<Item = &DayOff> {
        self.days.values()
    }

    /// The years that have at least one date.
    pub fn years(&self) -> BTreeSet<i32> {
        self.days.keys().map(|d| d.year()).collect()
    }

    /// Whether there are no dates at all.
    pub fn is_empty(&self) -> bool {
        self.days.is_empty()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    day: Vec<RawDay>,
}

/// One `[[day]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    date: Spanned<toml::Value>,
    kind: Spanned<String>,
    name: RawNames,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    id: Spanned<String>,
    en: Spanned<String>,
}

/// The calendar date of a `date = ...` value: a bare TOML date, nothing else.
fn date_of(value: &toml::Value) -> Result<Date, String> {
    const HOW: &str = "write a date without quotes or time, like 2026-01-01";
    let toml::Value::Datetime(dt) = value else {
        return Err(format!("a {} is not a date: {HOW}", value.type_str()));
    };
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(format!("`{dt}` has a time: {HOW}"));
    }
    super::toml_date(dt).ok_or_else(|| format!("`{dt}` is not a day of the calendar"))
}

/// 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .unwrap_or(text)
        .matches('\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn real() -> Holidays {
        let mut problems = Vec::new();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let holidays = Holidays::load(&dir, &mut problems);
        assert_eq!(problems, Vec::new());
        holidays
    }

    /// Load a content folder holding `holidays.toml` with this text.
    fn load_text(text: &str) -> (Holidays, Vec<Problem>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), text).unwrap();
        let mut problems = Vec::new();
        let holidays = Holidays::load(dir.path(), &mut problems);
        (holidays, problems)
    }

    fn lines(problems: &[Problem]) -> Vec<usize> {
        problems.iter().map(|p| p.line).collect()
    }

    #[test]
    fn the_real_file_has_2026_and_2027() {
        let h = real();
        assert!(h.years().is_superset(&BTreeSet::from([2026, 2027])));
        let count = |year: i32, kind: DayKind| {
            h.iter()
                .filter(|d| d.date.year() == year && d.kind == kind)
                .count()
        };
        // The SKB for 2026: 17 national holidays and 8 days of collective leave.
        assert_eq!(count(2026, DayKind::Holiday), 17);
        assert_eq!(count(2026, DayKind::CollectiveLeave), 8);
        assert!(count(2027, DayKind::Holiday) >= 17);

        let independence = h.get(date!(2026 - 08 - 17)).unwrap();
        assert_eq!(independence.kind, DayKind::Holiday);
        assert_eq!(independence.name("id"), "Proklamasi Kemerdekaan");
        assert_eq!(independence.name("en"), "Independence Day");
        let leave = h.get(date!(2026 - 03 - 23)).unwrap();
        assert_eq!(leave.kind, DayKind::CollectiveLeave);
        assert!(h.iter().all(|d| d.date.year() >= 2026));
    }

    #[test]
    fn weekday_holidays_and_collective_leave_are_not_working_days() {
        let h = real();
        // Monday 17 August 2026: Independence Day.
        let d = date!(2026 - 08 - 17);
        assert_eq!(d.weekday(), Weekday::Monday);
        assert!(h.is_holiday(d));
        assert!(!h.is_working_day(d));
        // Thursday 24 December 2026: collective leave before Christmas.
        let d = date!(2026 - 12 - 24);
        assert_eq!(d.weekday(), Weekday::Thursday);
        assert!(!h.is_working_day(d));
        // New Year's Day 2027 is a Friday.
        assert!(!h.is_working_day(date!(2027 - 01 - 01)));
        // An ordinary Tuesday and Wednesday.
        assert!(h.is_working_day(date!(2026 - 08 - 18)));
        assert!(h.is_working_day(date!(2026 - 12 - 23)));
    }

    #[test]
    fn weekends_are_not_working_days() {
        let h = Holidays::default();
        // 28 and 29 November 2026: Saturday and Sunday.
        assert!(!h.is_working_day(date!(2026 - 11 - 28)));
        assert!(!h.is_working_day(date!(2026 - 11 - 29)));
        assert!(h.is_working_day(date!(2026 - 11 - 30)));
        assert!(!h.is_holiday(date!(2026 - 11 - 28)));
        // A holiday on a Sunday (Easter 2026) is no holiday's worth of difference.
        let real = real();
        assert!(real.is_holiday(date!(2026 - 04 - 05)));
        assert!(!real.is_working_day(date!(2026 - 04 - 05)));
    }

    #[test]
    fn from_dates_makes_unnamed_holidays() {
        let h = Holidays::from_dates([date!(2026 - 11 - 30), date!(2030 - 01 - 01)]);
        assert!(h.is_holiday(date!(2026 - 11 - 30)));
        assert!(!h.is_working_day(date!(2026 - 11 - 30)));
        assert!(h.is_working_day(date!(2026 - 12 - 01)));
        assert_eq!(h.years(), BTreeSet::from([2026, 2030]));
        assert_eq!(h.get(date!(2030 - 01 - 01)).unwrap().kind, DayKind::Holiday);
    }

    #[test]
    fn no_file_is_no_holidays_and_no_problem() {
        let dir = tempfile::tempdir().unwrap();
        let mut problems = Vec::new();
        let h = Holidays::load(dir.path(), &mut problems);
        assert!(problems.is_empty());
        assert!(h.is_empty() && h.years().is_empty());
    }

    const GOOD: &str = "[[day]]\ndate = 2026-01-01\nkind = \"holiday\"\n\
        name.id = \"Tahun Baru 2026 Masehi\"\nname.en = \"New Year's Day\"\n";

    #[test]
    fn bad_entries_are_problems_at_their_lines() {
        let text = format!(
            "{GOOD}
[[day]]
date = \"2026-03-02\"
kind = \"holiday\"
name.id = \"Bertanda kutip\"
name.en = \"Quoted\"

[[day]]
date = 2026-03-03T08:00:00
kind = \"holiday\"
name.id = \"Berjam\"
name.en = \"With a time\"

[[day]]
date = 2026-03-04
kind = \"day-off\"
name.id = \"Libur\"
name.en = \"Day off\"

[[day]]
date = 2026-03-05
kind = \"collective-leave\"
name.id = \"  \"
name.en = \"No Indonesian\"

[[day]]
date = 2026-01-01
kind = \"collective-leave\"
name.id = \"Lagi\"
name.en = \"Again\"

[[day]]
date = 2026-03-06
kind = \"collective-leave\"
name.id = \"Cuti bersama\"
name.en = \"Collective leave\"
"
        );
        let (h, problems) = load_text(&text);
        assert_eq!(lines(&problems), [8, 14, 21, 28, 32], "{problems:#?}");
        assert!(problems.iter().all(|p| p.file.ends_with(FILE)));
        assert!(problems[0].message.contains("a string is not a date"));
        assert!(problems[1].message.contains("has a time"));
        assert!(problems[2].message.contains("`kind` is `day-off`"));
        assert!(problems[3].message.contains("`name.id` is empty"));
        assert!(
            problems[4]
                .message
                .contains("listed twice (first on line 2)")
        );
        let kept: Vec<(Date, DayKind)> = h.iter().map(|d| (d.date, d.kind)).collect();
        assert_eq!(
            kept,
            [
                (date!(2026 - 01 - 01), DayKind::Holiday),
                (date!(2026 - 03 - 06), DayKind::CollectiveLeave),
            ]
        );
    }

    #[test]
    fn a_day_not_in_the_calendar_is_refused_by_toml_at_its_line() {
        let text = format!(
            "{GOOD}\n[[day]]\ndate = 2026-02-30\nkind = \"holiday\"\nname.id = \"X\"\nname.en = \"X\"\n"
        );
        let (h, problems) = load_text(&text);
        assert_eq!(lines(&problems), [8], "{problems:#?}");
        assert!(problems[0].message.starts_with("TOML: "), "{problems:#?}");
        assert!(h.is_empty());
    }

    #[test]
    fn toml_errors_and_unknown_fields_name_their_line() {
        let (h, problems) = load_text(&format!(
            "{GOOD}\n[[day]]\ndate = 2026-01-02\nkind = \"holiday\n"
        ));
        assert_eq!(lines(&problems), [9], "{problems:#?}");
        assert!(problems[0].message.starts_with("TOML: "));
        assert!(h.is_empty());

        let (_, problems) = load_text(&format!(
            "{GOOD}\n[[day]]\ndate = 2026-01-02\ntitle = \"X\"\n"
        ));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!((7..=9).contains(&problems[0].line), "{problems:#?}");
        let (_, problems) = load_text("[[holiday]]\ndate = 2026-01-02\n");
        assert_eq!(lines(&problems), [1], "{problems:#?}");
    }
}
