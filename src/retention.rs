//! Retention: the personal data of a finished report (closed, rejected or archived) is
//! erased once it has been finished for [`crate::settings::Settings::retention_days`]
//! (default two years), while the public record stays: the published title and text, the
//! area, the agency, the dates, the photos and the public timeline. Erased: the reporter's
//! name, email, phone and relationship, the originals staff edited personal data out of,
//! the rating comment and the text of every non-public timeline entry (the reporter's
//! additions, questions, internal notes). Run by the housekeeping task every ten minutes.

use crate::db::reports;
use crate::state::AppState;
use time::{Duration, OffsetDateTime};

/// Erase what is due at `now`; how many reports were erased.
pub async fn erase_due(state: &AppState, now: OffsetDateTime) -> anyhow::Result<u64> {
    let cutoff = now - Duration::days(state.settings.retention_days);
    reports::erase_personal_data(&state.db, cutoff, now).await
}
