//! Messages about workshops: to a registrant (confirmed with the calendar file, on the
//! waiting list, promoted, cancelled, an access need's new status, a reminder, the meeting
//! link the day before) and to the workshop's contact (a new access-need request). Each
//! names the workshop by slug and is written from the content when it is sent, in the
//! recipient's language; none carries a name or an address.

use super::letter::Ctx;
use super::letter::{FileAttachment, Letter};
use crate::content::Workshop;
use crate::content::workshops::Format;
use crate::domain::AccessNeed;
use crate::domain::registration::NeedStatus;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// A message about a workshop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkshopMessage {
    /// A place is confirmed (`stamp`: when, for the calendar file).
    Confirmed {
        code: String,
        workshop: String,
        attendance: String,
        stamp: i64,
    },
    /// On the waiting list, at `position` (1 = next).
    Waitlisted {
        code: String,
        workshop: String,
        position: i64,
        /// On the waiting list for wheelchair spaces (their own pool): the message says
        /// so, not that the workshop is full.
        #[serde(default)]
        wheelchair: bool,
    },
    /// A place became free and is now theirs.
    Promoted {
        code: String,
        workshop: String,
        attendance: String,
        stamp: i64,
    },
    /// Cancelled by the registrant.
    Cancelled { code: String, workshop: String },
    /// Staff set where an access need stands (`need`, `status`: their stored values).
    NeedStatus {
        code: String,
        workshop: String,
        need: String,
        status: String,
    },
    /// The workshop is in a few days.
    Reminder {
        code: String,
        workshop: String,
        attendance: String,
    },
    /// The video call's address, the day before.
    MeetingLink { code: String, workshop: String },
    /// To the workshop's contact: a registration asks for access needs (stored values).
    NeedsRequested {
        code: String,
        workshop: String,
        needs: Vec<String>,
    },
}

impl WorkshopMessage {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Confirmed { .. } => "workshop-confirmed",
            Self::Waitlisted { .. } => "workshop-waitlisted",
            Self::Promoted { .. } => "workshop-promoted",
            Self::Cancelled { .. } => "workshop-cancelled",
            Self::NeedStatus { .. } => "workshop-need-status",
            Self::Reminder { .. } => "workshop-reminder",
            Self::MeetingLink { .. } => "workshop-meeting-link",
            Self::NeedsRequested { .. } => "workshop-needs-requested",
        }
    }

    pub fn letter(&self, ctx: &Ctx<'_>) -> Letter {
        let (code, slug) = match self {
            Self::Confirmed { code, workshop, .. }
            | Self::Waitlisted { code, workshop, .. }
            | Self::Promoted { code, workshop, .. }
            | Self::Cancelled { code, workshop }
            | Self::NeedStatus { code, workshop, .. }
            | Self::Reminder { code, workshop, .. }
            | Self::MeetingLink { code, workshop }
            | Self::NeedsRequested { code, workshop, .. } => (code.as_str(), workshop.as_str()),
        };
        // Shown grouped for reading aloud (`K7M-4QX-92B`), as on the site.
        let shown = grouped(code);
        let link_code = code;
        let code = shown.as_str();
        let Some(w) = ctx.content.workshops.get(slug, &ctx.locale.tag) else {
            // The workshop left the content: say only what is known.
            return Letter {
                subject: ctx.t_args("mail-ws-changed-subject", &[("code", code.into())]),
                facts: vec![(ctx.t("mail-ws-code"), code.to_owned())],
                link: Some((ctx.t("mail-ws-link"), status_url(ctx, link_code))),
                ..Letter::default()
            };
        };
        let title = || w.title.clone();
        let code_fact = (ctx.t("mail-ws-code"), code.to_owned());
        let workshop_fact = (ctx.t("mail-ws-workshop"), w.title.clone());
        let when_fact = (ctx.t("mail-ws-when"), when(ctx, w));
        let own_link = Some((ctx.t("mail-ws-link"), status_url(ctx, link_code)));
        let cancel_note = ctx.t("mail-ws-cancel-note");
        match self {
            Self::Confirmed {
                attendance, stamp, ..
            }
            | Self::Promoted {
                attendance, stamp, ..
            } => {
                let (subject, body) = if matches!(self, Self::Confirmed { .. }) {
                    (
                        ctx.t_args(
                            "mail-ws-confirmed-subject",
                            &[("title", title().into()), ("code", code.into())],
                        ),
                        ctx.t("mail-ws-confirmed-body"),
                    )
                } else {
                    (
                        ctx.t_args(
                            "mail-ws-promoted-subject",
                            &[("title", title().into()), ("code", code.into())],
                        ),
                        ctx.t("mail-ws-promoted-body"),
                    )
                };
                let mut facts = vec![code_fact, workshop_fact, when_fact];
                facts.push((ctx.t("mail-ws-place"), place(ctx, w, attendance)));
                if let Some(access) = access_facts(ctx, w) {
                    facts.push((ctx.t("mail-ws-access"), access));
                }
                let stamp = OffsetDateTime::from_unix_timestamp(*stamp)
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH);
                let page = ctx.url(&format!("/{}/workshops/{}", ctx.locale.tag, w.slug));
                Letter {
                    subject,
                    paragraphs: vec![body, ctx.t("mail-ws-calendar-attached")],
                    facts,
                    link: own_link,
                    after: vec![cancel_note],
                    attachment: Some(FileAttachment {
                        name: format!("{}.ics", w.slug),
                        content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
                        bytes: crate::ics::workshop(w, &page, stamp).into_bytes(),
                    }),
                }
            }
            Self::Waitlisted {
                position,
                wheelchair,
                ..
            } => Letter {
                subject: ctx.t_args(
                    "mail-ws-waitlisted-subject",
                    &[("title", title().into()), ("code", code.into())],
                ),
                paragraphs: vec![ctx.t_args(
                    if *wheelchair {
                        "mail-ws-waitlisted-wheelchair-body"
                    } else {
                        "mail-ws-waitlisted-body"
                    },
                    &[("position", (*position).into())],
                )],
                facts: vec![
                    code_fact,
                    workshop_fact,
                    when_fact,
                    (ctx.t("mail-ws-position"), position.to_string()),
                ],
                link: own_link,
                ..Letter::default()
            },
            Self::Cancelled { .. } => Letter {
                subject: ctx.t_args("mail-ws-cancelled-subject", &[("code", code.into())]),
                paragraphs: vec![
                    ctx.t_args("mail-ws-cancelled-body", &[("title", title().into())]),
                ],
                facts: vec![code_fact, workshop_fact, when_fact],
                ..Letter::default()
            },
            Self::NeedStatus { need, status, .. } => {
                let need = AccessNeed::parse(need)
                    .map(|n| ctx.t(n.message_id()))
                    .unwrap_or_default();
                let args = [("need", need.into()), ("contact", w.contact.clone().into())];
                let body = match NeedStatus::parse(status) {
                    Some(NeedStatus::Arranged) => ctx.t_args("mail-ws-need-arranged", &args),
                    Some(NeedStatus::NotPossible) => ctx.t_args("mail-ws-need-not-possible", &args),
                    _ => ctx.t_args("mail-ws-need-requested", &args),
                };
                Letter {
                    subject: ctx.t_args(
                        "mail-ws-need-subject",
                        &[("title", title().into()), ("code", code.into())],
                    ),
                    paragraphs: vec![body],
                    facts: vec![code_fact, workshop_fact, when_fact],
                    link: own_link,
                    ..Letter::default()
                }
            }
            Self::Reminder { attendance, .. } => {
                let start = w.start.to_offset(w.zone.offset()).date();
                let mut facts = vec![code_fact, workshop_fact, when_fact];
                facts.push((ctx.t("mail-ws-place"), place(ctx, w, attendance)));
                if let Some(access) = access_facts(ctx, w) {
                    facts.push((ctx.t("mail-ws-access"), access));
                }
                Letter {
                    subject: ctx.t_args(
                        "mail-ws-reminder-subject",
                        &[
                            ("title", title().into()),
                            ("date", long_date(ctx, start).into()),
                        ],
                    ),
                    paragraphs: vec![ctx.t("mail-ws-reminder-body")],
                    facts,
                    link: own_link,
                    after: vec![cancel_note],
                    ..Letter::default()
                }
            }
            Self::MeetingLink { .. } => Letter {
                subject: ctx.t_args("mail-ws-meeting-subject", &[("title", title().into())]),
                paragraphs: vec![ctx.t("mail-ws-meeting-body")],
                facts: vec![code_fact, workshop_fact, when_fact],
                link: w
                    .meeting_url
                    .clone()
                    .map(|url| (ctx.t("mail-ws-meeting-link"), url)),
                after: vec![ctx.t("mail-ws-meeting-private")],
                ..Letter::default()
            },
            Self::NeedsRequested { needs, .. } => {
                let labels: Vec<String> = needs
                    .iter()
                    .filter_map(|n| AccessNeed::parse(n))
                    .map(|n| ctx.t(n.message_id()))
                    .collect();
                Letter {
                    subject: ctx.t_args(
                        "mail-ws-needs-subject",
                        &[("title", title().into()), ("code", code.into())],
                    ),
                    paragraphs: vec![ctx.t("mail-ws-needs-body")],
                    facts: vec![
                        code_fact,
                        workshop_fact,
                        when_fact,
                        (ctx.t("mail-ws-needs"), labels.join(", ")),
                    ],
                    link: Some((
                        ctx.t("mail-ws-needs-link"),
                        ctx.url(&format!("/{}/staff/workshops/{}", ctx.locale.tag, w.slug)),
                    )),
                    ..Letter::default()
                }
            }
        }
    }
}

/// A code as people read it (`K7M-4QX-92B`); an unreadable one as it is.
pub fn grouped(code: &str) -> String {
    crate::domain::Code::parse(code).map_or_else(|| code.to_owned(), |c| c.to_string())
}

/// The registration's own page (signed like the confirmation's redirect).
fn status_url(ctx: &Ctx<'_>, code: &str) -> String {
    let token = crate::security::sign(ctx.secret_key, "registration", code);
    ctx.url(&format!(
        "/{}/workshops/registrations/{code}?t={token}",
        ctx.locale.tag
    ))
}

/// Where the registrant goes: the venue, online, or both as they chose.
fn place(ctx: &Ctx<'_>, w: &Workshop, attendance: &str) -> String {
    let venue = match (&w.venue, &w.address) {
        (Some(v), Some(a)) => format!("{v}, {a}"),
        (Some(v), None) => v.clone(),
        _ => String::new(),
    };
    match w.format {
        Format::Online => ctx.t("mail-ws-online"),
        Format::Both if attendance == Format::Online.as_str() => ctx.t("mail-ws-online"),
        _ => venue,
    }
}

/// What the venue and the event offer, when the content says anything.
fn access_facts(ctx: &Ctx<'_>, w: &Workshop) -> Option<String> {
    let offered: Vec<String> = w
        .access
        .list()
        .iter()
        .filter(|(_, yes)| *yes)
        .map(|(id, _)| ctx.t(id))
        .collect();
    (!offered.is_empty()).then(|| offered.join("; "))
}

/// "27 November 2026", in the recipient's language.
pub fn long_date(ctx: &Ctx<'_>, date: Date) -> String {
    let month = match u8::from(date.month()) {
        1 => ctx.t("month-1"),
        2 => ctx.t("month-2"),
        3 => ctx.t("month-3"),
        4 => ctx.t("month-4"),
        5 => ctx.t("month-5"),
        6 => ctx.t("month-6"),
        7 => ctx.t("month-7"),
        8 => ctx.t("month-8"),
        9 => ctx.t("month-9"),
        10 => ctx.t("month-10"),
        11 => ctx.t("month-11"),
        _ => ctx.t("month-12"),
    };
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
fn day(ctx: &Ctx<'_>, date: Date) -> String {
    use time::Weekday::*;
    let weekday = ctx.t(match date.weekday() {
        Monday => "weekday-1",
        Tuesday => "weekday-2",
        Wednesday => "weekday-3",
        Thursday => "weekday-4",
        Friday => "weekday-5",
        Saturday => "weekday-6",
        Sunday => "weekday-7",
    });
    ctx.t_args(
        "date-with-weekday",
        &[
            ("weekday", weekday.into()),
            ("date", long_date(ctx, date).into()),
        ],
    )
}

/// When the workshop happens, in its own time zone (as its page says it).
fn when(ctx: &Ctx<'_>, w: &Workshop) -> String {
    let (start, end) = (
        w.start.to_offset(w.zone.offset()),
        w.end.to_offset(w.zone.offset()),
    );
    let sep = ctx.t("time-separator");
    let time = |t: OffsetDateTime| format!("{:02}{sep}{:02}", t.hour(), t.minute());
    let zone = ctx.t(w.zone.message_id());
    if start.date() == end.date() {
        ctx.t_args(
            "workshop-when-one-day",
            &[
                ("day", day(ctx, start.date()).into()),
                ("from", time(start).into()),
                ("to", time(end).into()),
                ("zone", zone.into()),
            ],
        )
    } else {
        ctx.t_args(
            "workshop-when-days",
            &[
                ("start", day(ctx, start.date()).into()),
                ("from", time(start).into()),
                ("end", day(ctx, end.date()).into()),
                ("to", time(end).into()),
                ("zone", zone.into()),
            ],
        )
    }
}
