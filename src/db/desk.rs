//! The assisted-intake desk (issue #19): after the send step made the report, the audit
//! line of the staff member who filed it and the citizen's message with the code and key.

use super::Db;
use super::outbox::{NewMessage, enqueue};
use crate::domain::case::Report;
use crate::domain::desk::OriginNames;
use crate::domain::report::Channel;
use crate::domain::staff::AccountEvent;
use crate::{on_pool, on_tx};
use time::OffsetDateTime;

/// Record that `user_id` filed report `report_id` by `channel`, and write `mail` (the
/// citizen's message, if they gave an address), in one transaction. A resent form
/// writes neither twice (the audit line is looked for, the message has its dedupe key).
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn after_filing(
    db: &Db,
    user_id: i64,
    report_id: i64,
    channel: Channel,
    mail: Option<&NewMessage>,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const AUDIT: &str = "INSERT INTO audit_log (at, user_id, report_id, action, to_state, detail)
        SELECT $1, $2, $3, $4, 'submitted', $5
        WHERE NOT EXISTS (SELECT 1 FROM audit_log WHERE report_id = $3 AND action = $4)";
    on_tx!(&mut tx, t => sqlx::query(AUDIT)
        .bind(now).bind(user_id).bind(report_id).bind(AccountEvent::DeskFiled.as_str()).bind(channel.as_str())
        .execute(&mut **t).await.map(|_| ()))?;
    if let Some(m) = mail {
        enqueue(&mut tx, m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The names behind `report.partner_id` and `report.filed_by_staff_id`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn origin_names(db: &Db, report: &Report) -> anyhow::Result<OriginNames> {
    let mut names = OriginNames::default();
    if let Some(id) = report.partner_id {
        const SQL: &str = "SELECT name FROM partners WHERE id = $1";
        names.partner =
            on_pool!(db, p => sqlx::query_scalar(SQL).bind(id).fetch_optional(p).await)?;
    }
    if let Some(id) = report.filed_by_staff_id {
        const SQL: &str = "SELECT name || ' <' || email || '>' FROM staff_users WHERE id = $1";
        names.filed_by =
            on_pool!(db, p => sqlx::query_scalar(SQL).bind(id).fetch_optional(p).await)?;
    }
    Ok(names)
}
