//! Dates and times in words, in the page's language ("Kamis, 10 Desember 2026").

use super::PageCtx;
use crate::content::workshops::{Workshop, Zone};
use crate::domain::case::Report;
use crate::domain::deadlines::local_date;
use time::{Date, OffsetDateTime};

/// The Fluent ids of the months, January first.
const MONTHS: [&str; 12] = [
    "month-1", "month-2", "month-3", "month-4", "month-5", "month-6", "month-7", "month-8",
    "month-9", "month-10", "month-11", "month-12",
];

/// The Fluent ids of the days of the week, Monday first.
const WEEKDAYS: [&str; 7] = [
    "weekday-1",
    "weekday-2",
    "weekday-3",
    "weekday-4",
    "weekday-5",
    "weekday-6",
    "weekday-7",
];

/// The name of month `m` (1-12) in the page's language.
pub fn month_name(ctx: &PageCtx, m: u8) -> String {
    MONTHS
        .get(usize::from(m.saturating_sub(1)))
        .map(|id| ctx.t(id))
        .unwrap_or_default()
}

/// "27 November 2026".
pub fn format_date(ctx: &PageCtx, date: Date) -> String {
    let month = month_name(ctx, u8::from(date.month()));
    ctx.t_args(
        "date-long",
        &[
            ("day", date.day().into()),
            ("month", month.into()),
            ("year", date.year().into()),
        ],
    )
}

/// "Kamis, 10 Desember 2026".
pub fn format_day(ctx: &PageCtx, date: Date) -> String {
    let weekday = ctx.t(WEEKDAYS[usize::from(date.weekday().number_days_from_monday())]);
    ctx.t_args(
        "date-with-weekday",
        &[
            ("weekday", weekday.into()),
            ("date", format_date(ctx, date).into()),
        ],
    )
}

/// "09.00" or "09:00", as the language writes times.
pub fn format_time(ctx: &PageCtx, t: OffsetDateTime) -> String {
    let sep = ctx.t("time-separator");
    format!("{:02}{sep}{:02}", t.hour(), t.minute())
}

/// When a workshop happens, with its time zone: one day, or a range of days.
pub fn workshop_when(ctx: &PageCtx, w: &Workshop) -> String {
    let (start, end) = (
        w.start.to_offset(w.zone.offset()),
        w.end.to_offset(w.zone.offset()),
    );
    let zone = ctx.t(w.zone.message_id());
    if start.date() == end.date() {
        ctx.t_args(
            "workshop-when-one-day",
            &[
                ("day", format_day(ctx, start.date()).into()),
                ("from", format_time(ctx, start).into()),
                ("to", format_time(ctx, end).into()),
                ("zone", zone.clone().into()),
            ],
        )
    } else {
        ctx.t_args(
            "workshop-when-days",
            &[
                ("start", format_day(ctx, start.date()).into()),
                ("from", format_time(ctx, start).into()),
                ("end", format_day(ctx, end.date()).into()),
                ("to", format_time(ctx, end).into()),
                ("zone", zone.clone().into()),
            ],
        )
    }
}

/// A moment in a workshop's zone: "Selasa, 8 Desember 2026, 17.00 WITA".
pub fn moment_in_zone(ctx: &PageCtx, w: &Workshop, t: OffsetDateTime) -> String {
    let t = t.to_offset(w.zone.offset());
    ctx.t_args(
        "moment-in-zone",
        &[
            ("day", format_day(ctx, t.date()).into()),
            ("time", format_time(ctx, t).into()),
            ("zone", ctx.t(w.zone.message_id()).into()),
        ],
    )
}

/// A moment in Jakarta time (WIB), for timelines: "8 Desember 2026, 17.00 WIB".
pub fn format_moment(ctx: &PageCtx, t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC));
    ctx.t_args(
        "moment-wib",
        &[
            ("date", format_date(ctx, t.date()).into()),
            ("time", format_time(ctx, t).into()),
        ],
    )
}

/// A moment in a zone: "23 November 2026, 05.38 WITA".
pub fn format_moment_in(ctx: &PageCtx, t: OffsetDateTime, zone: Zone) -> String {
    let t = t.to_offset(zone.offset());
    ctx.t_args(
        "moment-zoned",
        &[
            ("date", format_date(ctx, t.date()).into()),
            ("time", format_time(ctx, t).into()),
            ("zone", ctx.t(zone.message_id()).into()),
        ],
    )
}

/// A moment of a report (sent, a timeline step), in its area's zone: the one function
/// every page uses for them, so the day a report was sent is the same everywhere.
pub fn report_moment(ctx: &PageCtx, r: &Report, t: OffsetDateTime) -> String {
    format_moment_in(ctx, t, r.zone())
}

/// The day of a moment of a report, in its area's zone ("23 November 2026").
pub fn report_day(ctx: &PageCtx, r: &Report, t: OffsetDateTime) -> String {
    format_date(ctx, local_date(t, r.zone()))
}
