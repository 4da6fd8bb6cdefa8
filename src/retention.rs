//! Retention: everything that was never public is erased on time, and the public record
//! stays.
//!
//! - A finished report (closed, rejected or archived) once it has been finished for
//!   [`crate::settings::Settings::retention_days`] (default two years): the reporter's name,
//!   email, phone and relationship, the originals staff edited personal data out of, the
//!   rating comment, the free-text place (never shown: it can be someone's home), the
//!   sent draft, and the text of every non-public timeline entry (the reporter's additions,
//!   questions, internal notes). A report that is not public (confidential, rejected, never
//!   verified, held as spam) also loses its title and text, its photos and every timeline
//!   text. What stays of a public report: the published title and text, the area, the
//!   agency, the dates, the photos and the public timeline.
//! - A workshop's registrations (names, contacts, organisations, access needs)
//!   [`crate::settings::Settings::registration_retention_days`] after the workshop ends
//!   (default 90); those of a workshop no longer in the content, that long after they were
//!   last changed.
//!
//! - Messages (`db::outbox`): those about an erased report or registration lose their
//!   address and text with it (one still waiting is not sent), and so do a report's
//!   lost-key links; every other message sent, failed, expired or stopped keeps its
//!   address and text for [`OUTBOX_TEXT_DAYS`] after it was written (an admin may need to
//!   see what went wrong), then keeps only its line (kind, status, dates) for the counts.
//! - Partners' idempotency keys (Open311 POSTs, agency API actions, with the answers the
//!   agency API keeps for retries, and the back office's form claims)
//!   [`IDEMPOTENCY_KEY_DAYS`] after they were taken, as `docs/openapi.json` promises: a
//!   retry within that time gets the first answer, a later one is a new request.
//!
//! Both are counted in whole days (UTC), so everything due on a day is erased in one batch.
//! SQLite zeroes what it deletes (`secure_delete` on every connection), and after a batch
//! its write-ahead log is emptied (`cases::compact`), so no erased text stays readable in
//! free space or old log frames (no `VACUUM`: it would hold the write lock for as long as it
//! copies the whole file); its search index forgets deleted words at once (FTS5
//! secure-delete, migration 0009). Run by the housekeeping task every ten minutes.

use crate::db::{cases, outbox, partners, registrations, reports};
use crate::state::AppState;
use time::{Duration, OffsetDateTime};

/// Erase what is due at `now`; how many reports were erased.
pub async fn erase_due(state: &AppState, now: OffsetDateTime) -> anyhow::Result<u64> {
    let cutoff = start_of_day(now - Duration::days(state.settings.retention_days));
    cases::erase_unpublished(&state.db, cutoff).await?;
    // Before the reports: it finds them by the same condition, which erasing changes.
    let mut messages = outbox::erase_for_reports(&state.db, cutoff).await?;
    let erased = reports::erase_personal_data(&state.db, cutoff, now).await?;
    let registrations = erase_registrations(state, now, &mut messages).await?;
    if registrations > 0 {
        tracing::info!(registrations, "workshop registrations erased");
    }
    // Without SMTP nothing claims messages: expire the ones past their time here too.
    outbox::expire(&state.db, now).await?;
    messages += outbox::prune(&state.db, now - Duration::days(OUTBOX_TEXT_DAYS)).await?;
    if messages > 0 {
        tracing::info!(messages, "addresses and texts of messages erased");
    }
    let keys =
        partners::prune_idempotency(&state.db, now - Duration::days(IDEMPOTENCY_KEY_DAYS)).await?;
    if keys > 0 {
        tracing::info!(keys, "idempotency keys past their lifetime forgotten");
    }
    if erased + registrations + messages > 0 {
        cases::compact(&state.db).await?;
    }
    Ok(erased)
}

/// Days a message keeps its address and text after it was written (unless it is still
/// waiting, or what it is about is erased sooner).
pub const OUTBOX_TEXT_DAYS: i64 = 30;

/// Days a partner's idempotency key (and the answer kept with it) is remembered after it
/// was taken (`docs/openapi.json`, the `Idempotency-Key` parameters).
pub const IDEMPOTENCY_KEY_DAYS: i64 = 7;

/// Erase the registrations of workshops that ended long enough ago; how many.
async fn erase_registrations(
    state: &AppState,
    now: OffsetDateTime,
    messages: &mut u64,
) -> anyhow::Result<u64> {
    let keep = Duration::days(state.settings.registration_retention_days);
    let content = state.content();
    let mut erased = 0;
    for slug in registrations::workshops(&state.db).await? {
        // Every language's page of a workshop has the same date.
        let end = content
            .workshops
            .get(&slug, crate::i18n::FALLBACK)
            .map(|w| w.end);
        let changed_before = match end {
            Some(end) if end + keep < start_of_day(now) => None,
            Some(_) => continue,
            None => Some(now - keep),
        };
        // Their messages first: found through the registrations, which go next.
        *messages += outbox::erase_for_registrations(&state.db, &slug, changed_before).await?;
        erased += registrations::erase(&state.db, &slug, changed_before).await?;
    }
    Ok(erased)
}

/// Midnight UTC before `t`.
fn start_of_day(t: OffsetDateTime) -> OffsetDateTime {
    t.to_offset(time::UtcOffset::UTC)
        .date()
        .midnight()
        .assume_utc()
}
