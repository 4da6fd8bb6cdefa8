//! Deadlines in working days (Monday to Friday; national holidays are not counted out,
//! which makes a deadline a day or two early at worst, never late).

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

/// The date `n` working days after `from`.
pub fn add_working_days(from: Date, n: u32) -> Date {
    let mut d = from;
    let mut left = n;
    while left > 0 {
        d = d.next_day().unwrap_or(d);
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
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
    fn weekends_do_not_count() {
        // 2026-11-27 is a Friday.
        assert_eq!(
            add_working_days(date!(2026 - 11 - 27), 1),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            add_working_days(date!(2026 - 11 - 27), 3),
            date!(2026 - 12 - 02)
        );
        assert_eq!(
            add_working_days(date!(2026 - 11 - 30), 0),
            date!(2026 - 11 - 30)
        );
    }
}
