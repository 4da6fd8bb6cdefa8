//! Deadlines in Indonesian working days: Monday to Friday, without the national holidays
//! and collective leave days listed in `content/holidays.toml`.

use crate::content::workshops::Zone;
use time::{Date, OffsetDateTime, Weekday};

/// Working days staff have to verify a new report.
pub const VERIFY_WORKING_DAYS: u32 = 3;
/// Working days an agency has to answer a routed report.
pub const ANSWER_WORKING_DAYS: u32 = 5;
/// Working days staff have to decide on a reporter's request to reopen a closed report
/// (reopen it or say why not): the same as to verify a new report, since it is the same
/// kind of first look by the same people.
pub const REOPEN_DECIDE_WORKING_DAYS: u32 = VERIFY_WORKING_DAYS;
/// Days after closing in which a reporter may ask to reopen.
pub const REOPEN_DAYS: i64 = 30;

/// Today's date at the eastern end of Indonesia (WIT, UTC+9): no one in Indonesia is
/// told that today is in the future.
pub fn today(now: time::OffsetDateTime) -> Date {
    now.to_offset(time::UtcOffset::from_hms(9, 0, 0).unwrap_or(time::UtcOffset::UTC))
        .date()
}

/// Whether a day is a working day: Monday to Friday and not a holiday or collective
/// leave (the list is content: `content/holidays.toml`).
pub trait Calendar {
    fn is_working_day(&self, d: Date) -> bool;
}

/// Weekdays only (for tests, and when no holiday list is loaded).
pub struct Weekdays;

impl Calendar for Weekdays {
    fn is_working_day(&self, d: Date) -> bool {
        !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
    }
}

impl Calendar for crate::content::holidays::Holidays {
    fn is_working_day(&self, d: Date) -> bool {
        crate::content::holidays::Holidays::is_working_day(self, d)
    }
}

/// The date `n` working days after `from`.
pub fn add_working_days(from: Date, n: u32, cal: &impl Calendar) -> Date {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        let Some(next) = d.next_day() else { break };
        d = next;
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

/// Working days from `a` to `b` (0 when `b` is not after `a`): the days after `a` up to
/// and including `b` that are working days.
pub fn working_days_between(a: Date, b: Date, cal: &impl Calendar) -> i64 {
    let mut n = 0;
    let mut d = a;
    while d < b {
        let Some(next) = d.next_day() else { break };
        d = next;
        if cal.is_working_day(d) {
            n += 1;
        }
    }
    n
}

/// The deadlines of one report, from the moments it reached each state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// By when staff must verify and route it (3 working days after sending).
    pub verify_by: Date,
    /// By when the agency must follow it up (5 working days after routing), once routed.
    pub answer_by: Option<Date>,
}

impl Due {
    /// The deadlines of a report sent on `sent` and routed on `routed`.
    pub fn of(sent: Date, routed: Option<Date>, cal: &impl Calendar) -> Self {
        Self {
            verify_by: add_working_days(sent, VERIFY_WORKING_DAYS, cal),
            answer_by: routed.map(|r| add_working_days(r, ANSWER_WORKING_DAYS, cal)),
        }
    }
}

/// The time zone of a province (by its two-digit code): the one its people read clocks
/// in. Sumatra, Java, West and Central Kalimantan: WIB; Bali, Nusa Tenggara, the rest of
/// Kalimantan and Sulawesi: WITA; Maluku and Papua: WIT. Unknown codes: WIB, the portal's.
pub fn zone_of_province(province: &str) -> Zone {
    let code: u32 = province
        .split('.')
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    match code {
        51..=53 | 63..=65 | 71..=76 => Zone::Wita,
        81..=99 => Zone::Wit,
        _ => Zone::Wib,
    }
}

/// The date of moment `t` where the report was made: every date of a report (sent on,
/// its deadlines, its timeline) is taken in its area's zone, never in UTC.
pub fn local_date(t: OffsetDateTime, zone: Zone) -> Date {
    t.to_offset(zone.offset()).date()
}

/// A date stored as text (`2026-12-16`), such as a postponement's.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(
        s.trim(),
        &time::format_description::well_known::Iso8601::DATE,
    )
    .ok()
}

/// A postponement's timeline text as stored: "reason (2026-12-16)"; the reason and the
/// date apart, so the date is shown as every other date is.
pub fn split_postponed(body: &str) -> (&str, Option<Date>) {
    let trimmed = body.trim_end();
    if let Some(open) = trimmed.rfind(" (")
        && trimmed.ends_with(')')
        && let Some(d) = parse_date(&trimmed[open + 2..trimmed.len() - 1])
    {
        return (&trimmed[..open], Some(d));
    }
    (body, None)
}

/// Working days after which an answered report closes by itself.
pub const AUTO_CLOSE_WORKING_DAYS: u32 = 10;

/// The latest answer date whose report closes by itself today: 10 working days before `today`.
pub fn auto_close_cutoff(today: Date, cal: &impl Calendar) -> Date {
    let mut d = today;
    let mut left = AUTO_CLOSE_WORKING_DAYS;
    while left > 0 {
        let Some(prev) = d.previous_day() else { break };
        d = prev;
        if cal.is_working_day(d) {
            left -= 1;
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_report_s_dates_are_its_area_s() {
        assert_eq!(zone_of_province("31"), Zone::Wib);
        assert_eq!(zone_of_province("51"), Zone::Wita);
        assert_eq!(zone_of_province("73"), Zone::Wita);
        assert_eq!(zone_of_province("94"), Zone::Wit);
        assert_eq!(zone_of_province("81"), Zone::Wit);
        // 22 November 22:38 UTC is 23 November in Jakarta, Denpasar and Jayapura.
        let t = time::macros::datetime!(2026-11-22 22:38 UTC);
        for z in [Zone::Wib, Zone::Wita, Zone::Wit] {
            assert_eq!(local_date(t, z), date!(2026 - 11 - 23));
        }
        assert_eq!(
            split_postponed("Waiting for the budget (2026-12-16)"),
            ("Waiting for the budget", Some(date!(2026 - 12 - 16)))
        );
        assert_eq!(split_postponed("No date (soon)"), ("No date (soon)", None));
    }

    #[test]
    fn weekends_and_holidays_do_not_count() {
        // 2026-11-27 is a Friday.
        let w = &Weekdays;
        assert_eq!(
            add_working_days(date!(2026 - 11 - 27), 1, w),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            add_working_days(date!(2026 - 11 - 27), 3, w),
            date!(2026 - 12 - 02)
        );
        assert_eq!(
            add_working_days(date!(2026 - 11 - 30), 0, w),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            working_days_between(date!(2026 - 11 - 27), date!(2026 - 12 - 02), w),
            3
        );
        assert_eq!(
            working_days_between(date!(2026 - 12 - 02), date!(2026 - 11 - 27), w),
            0
        );
        assert_eq!(
            auto_close_cutoff(date!(2026 - 12 - 11), w),
            date!(2026 - 11 - 27)
        );
        // Christmas Eve (collective leave) and Christmas Day are not working days.
        let holidays = crate::content::holidays::Holidays::from_dates([
            date!(2026 - 12 - 24),
            date!(2026 - 12 - 25),
        ]);
        assert_eq!(
            add_working_days(date!(2026 - 12 - 23), 1, &holidays),
            date!(2026 - 12 - 28)
        );
        let due = Due::of(
            date!(2026 - 12 - 22),
            Some(date!(2026 - 12 - 23)),
            &holidays,
        );
        assert_eq!(due.verify_by, date!(2026 - 12 - 29));
        assert_eq!(due.answer_by, Some(date!(2027 - 01 - 01)));
    }
}
