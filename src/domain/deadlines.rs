//! Deadlines in Indonesian working days: Monday to Friday, without the national holidays
//! and collective leave days listed in `content/holidays.toml`.

use time::{Date, Weekday};

/// Working days staff have to verify a new report.
pub const VERIFY_WORKING_DAYS: u32 = 3;
/// Working days an agency has to answer a routed report.
pub const ANSWER_WORKING_DAYS: u32 = 5;
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
