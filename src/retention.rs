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
//! Both are counted in whole days (UTC), so everything due on a day is erased in one batch.
//! SQLite zeroes what it deletes (`secure_delete` on every connection), and after a batch
//! its write-ahead log is emptied (`cases::compact`), so no erased text stays readable in
//! free space or old log frames (no `VACUUM`: it would hold the write lock for as long as it
//! copies the whole file); its search index forgets deleted words at once (FTS5
//! secure-delete, migration 0009). Run by the housekeeping task every ten minutes.

use crate::db::{cases, registrations, reports};
use crate::state::AppState;
use time::{Duration, OffsetDateTime};

/// Erase what is due at `now`; how many reports were erased.
pub async fn erase_due(state: &AppState, now: OffsetDateTime) -> anyhow::Result<u64> {
    let cutoff = start_of_day(now - Duration::days(state.settings.retention_days));
    cases::erase_unpublished(&state.db, cutoff).await?;
    let erased = reports::erase_personal_data(&state.db, cutoff, now).await?;
    let registrations = erase_registrations(state, now).await?;
    if registrations > 0 {
        tracing::info!(registrations, "workshop registrations erased");
    }
    if erased + registrations > 0 {
        cases::compact(&state.db).await?;
    }
    Ok(erased)
}

/// Erase the registrations of workshops that ended long enough ago; how many.
async fn erase_registrations(state: &AppState, now: OffsetDateTime) -> anyhow::Result<u64> {
    let keep = Duration::days(state.settings.registration_retention_days);
    let content = state.content();
    let mut erased = 0;
    for slug in registrations::workshops(&state.db).await? {
        // Every language's page of a workshop has the same date.
        let end = content
            .workshops
            .get(&slug, crate::i18n::FALLBACK)
            .map(|w| w.end);
        erased += match end {
            Some(end) if end + keep < start_of_day(now) => {
                registrations::erase(&state.db, &slug, None).await?
            }
            Some(_) => 0,
            None => registrations::erase(&state.db, &slug, Some(now - keep)).await?,
        };
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
