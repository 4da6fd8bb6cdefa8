//! Messages written on a schedule rather than by a request: workshop reminders a
//! configurable number of days before (`BALAI_REMINDER_DAYS`), the meeting link the day
//! before an online workshop, and the staff's daily digest. Housekeeping calls [`run`]
//! every ten minutes; every message has a dedupe key naming its cause (a registration's
//! reminder, a staff member's digest of one day), so each pass may write the same
//! messages again and only the first is kept, on every instance.

use crate::content::Workshop;
use crate::content::workshops::Format;
use crate::db::{self, cases, outbox::NewMessage, registrations};
use crate::domain::case::{Queue, Report};
use crate::domain::deadlines::{self, Calendar};
use crate::domain::registration::Registration;
use crate::domain::staff::{Role, User};
use crate::mail::message::Message;
use crate::mail::staff::{DigestCase, StaffMessage};
use crate::mail::workshops::WorkshopMessage;
use crate::state::AppState;
use time::{Date, Duration, OffsetDateTime, UtcOffset};

/// The digest is written from this hour (WIB) on, for the day.
const DIGEST_HOUR: u8 = 7;
/// Working days ahead that count as "due soon".
const DUE_SOON_WORKING_DAYS: u32 = 2;
/// Cases looked at per staff member.
const DIGEST_LIMIT: i64 = 2000;

/// One scheduled pass at `now`; how many messages it asked to write (repeats included:
/// the outbox keeps one per cause).
pub async fn run(state: &AppState, now: OffsetDateTime) -> anyhow::Result<usize> {
    let n = workshops(state, now).await? + digests(state, now).await?;
    if n > 0 {
        state.mail_written();
    }
    Ok(n)
}

/// Reminders and meeting links due at `now`.
pub async fn workshops(state: &AppState, now: OffsetDateTime) -> anyhow::Result<usize> {
    let content = state.content();
    let days = state.settings.mail.reminder_days;
    let mut written = 0;
    // Dates, places and links agree between translations: the Indonesian one suffices.
    for w in content.workshops.all("id") {
        let remind = days > 0 && w.start - Duration::days(i64::from(days)) <= now && now < w.start;
        let link = w.meeting_url.is_some() && w.start - Duration::days(1) <= now && now < w.end;
        if !remind && !link {
            continue;
        }
        let regs = registrations::confirmed_with_email(&state.db, &w.slug).await?;
        let mut rows = Vec::new();
        for reg in &regs {
            let Some(email) = reg.email.as_deref() else {
                continue;
            };
            if remind {
                let message = WorkshopMessage::Reminder {
                    code: reg.code.clone(),
                    workshop: w.slug.clone(),
                    attendance: reg.attendance.clone(),
                };
                rows.push(
                    Message::Workshop(message)
                        .to_row(
                            email,
                            &reg.lang,
                            format!("registration:{}:reminder", reg.id),
                        )
                        .in_list(format!("reminders:{}", reg.id))
                        .about_registration(reg.id)
                        .expires(w.start),
                );
            }
            if link && attends_online(w, reg) {
                let message = WorkshopMessage::MeetingLink {
                    code: reg.code.clone(),
                    workshop: w.slug.clone(),
                };
                rows.push(
                    Message::Workshop(message)
                        .to_row(
                            email,
                            &reg.lang,
                            format!("registration:{}:meeting-link", reg.id),
                        )
                        .about_registration(reg.id)
                        .expires(w.end),
                );
            }
        }
        written += rows.len();
        registrations::write_messages(&state.db, &rows, now).await?;
    }
    Ok(written)
}

fn attends_online(w: &Workshop, reg: &Registration) -> bool {
    match w.format {
        Format::Online => true,
        Format::Both => reg.attendance == Format::Online.as_str(),
        Format::InPerson => false,
    }
}

/// The day's digests, from seven in the morning (WIB).
pub async fn digests(state: &AppState, now: OffsetDateTime) -> anyhow::Result<usize> {
    let wib = now.to_offset(UtcOffset::from_hms(7, 0, 0).unwrap_or(UtcOffset::UTC));
    if wib.hour() < DIGEST_HOUR {
        return Ok(0);
    }
    let content = state.content();
    let cal = &content.holidays;
    let today = deadlines::today(now);
    let horizon = deadlines::add_working_days(today, DUE_SOON_WORKING_DAYS, cal);
    let mut rows: Vec<NewMessage> = Vec::new();
    for user in db::digest::recipients(&state.db).await? {
        let dedupe = format!("digest:{}:{today}", user.id);
        if db::digest::written(&state.db, &dedupe).await? {
            continue;
        }
        let Some(cases) = due_cases(state, &user, today, horizon, cal).await? else {
            continue;
        };
        let message = StaffMessage::Digest {
            date: today.to_string(),
            cases,
        };
        rows.push(
            Message::Staff(message)
                .to_row(&user.email, "id", dedupe)
                .in_list(db::digest::list(user.id))
                .expires(now + Duration::days(1)),
        );
    }
    let n = rows.len();
    registrations::write_messages(&state.db, &rows, now).await?;
    Ok(n)
}

/// The cases `user` is responsible for that are overdue or due by `horizon`, overdue
/// first; `None` when there are none.
async fn due_cases(
    state: &AppState,
    user: &User,
    today: Date,
    horizon: Date,
    cal: &impl Calendar,
) -> anyhow::Result<Option<Vec<DigestCase>>> {
    let agency = match user.role {
        Role::Officer => match user.agency.as_deref() {
            Some(a) => Some(a),
            None => return Ok(None),
        },
        Role::Verifier => None,
        Role::Admin => return Ok(None),
    };
    let open = cases::queue(
        &state.db,
        Queue::Overdue,
        &cases::Filters::default(),
        agency,
        DIGEST_LIMIT,
    )
    .await?;
    let mut due: Vec<(Date, String)> = open
        .iter()
        .filter_map(|r| deadline(user.role, r, cal).map(|d| (d, r.code.clone())))
        .filter(|(d, _)| *d <= horizon)
        .collect();
    if due.is_empty() {
        return Ok(None);
    }
    due.sort();
    Ok(Some(
        due.into_iter()
            .map(|(d, code)| DigestCase {
                code,
                due: d.to_string(),
                overdue: d < today,
            })
            .collect(),
    ))
}

/// The deadline of `r` that `role` answers for (as the staff queue shows it).
fn deadline(role: Role, r: &Report, cal: &impl Calendar) -> Option<Date> {
    let due = r.due(cal);
    match role {
        Role::Verifier if r.status.with_verifiers() && !r.held => Some(due.verify_by),
        Role::Officer if r.status.with_agency() => {
            let postponed = r.postponed_until.as_deref().and_then(|d| {
                Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok()
            });
            match (due.answer_by, postponed) {
                (Some(a), Some(p)) => Some(a.max(p)),
                (a, p) => a.or(p),
            }
        }
        _ => None,
    }
}
