//! The staff side of reports: the queue, and every staff action as one transaction that
//! checks the page was not stale (optimistic concurrency on `reports.version`), applies
//! the change, writes the timeline event and the audit-log entry.

use super::public::PUBLIC;
use super::reports::REPORT_COLUMNS;
use super::{Db, TxInner, WriteTx};
use crate::domain::case::{Event, Queue, Report, Status};
use crate::domain::workflow::{Change, Outcome};
use crate::{mail, on_pool, on_tx};
use time::OffsetDateTime;

/// Filters of the queue, each checked against the content before it gets here.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub category: Option<String>,
    pub province: Option<String>,
    pub agency: Option<String>,
    pub kind: Option<String>,
    /// The stored text of a `domain::report::Channel` (issue #19).
    pub channel: Option<String>,
}

/// The reports of a list that `officer_agency` (for officers: only their agency's
/// routed reports) may see, newest first, at most `limit`.
#[tracing::instrument(level = "debug", skip_all, fields(limit = limit))]
pub async fn queue(
    db: &Db,
    list: Queue,
    filters: &Filters,
    officer_agency: Option<&str>,
    limit: i64,
) -> anyhow::Result<Vec<Report>> {
    let (statuses, held) = list.statuses();
    // Statuses come from the closed set, never from input.
    let in_list = statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    // A reopen request has a list of its own: out of "Closed" until staff decide.
    let reopen = match list {
        Queue::Reopen => " AND reopen_requested_at IS NOT NULL",
        Queue::Closed => " AND reopen_requested_at IS NULL",
        _ => "",
    };
    let order = if list == Queue::Reopen {
        "reopen_requested_at ASC, id ASC"
    } else {
        "created_at DESC, id DESC"
    };
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports WHERE status IN ({in_list}) AND held = $1{reopen}
         AND ($2 IS NULL OR category = $2) AND ($3 IS NULL OR province = $3)
         AND ($4 IS NULL OR agency = $4) AND ($5 IS NULL OR kind = $5)
         AND ($6 IS NULL OR (agency = $6 AND routed_at IS NOT NULL))
         AND ($8 IS NULL OR channel = $8)
         ORDER BY {order} LIMIT $7"
    );
    Ok(on_pool!(db, p => sqlx::query_as(&sql)
        .bind(held)
        .bind(&filters.category)
        .bind(&filters.province)
        .bind(&filters.agency)
        .bind(&filters.kind)
        .bind(officer_agency)
        .bind(limit)
        .bind(&filters.channel)
        .fetch_all(p)
        .await)?)
}

/// Why an action was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ActError {
    /// Someone changed the report since the page was loaded.
    #[error("the report changed since the page was loaded")]
    Stale,
    /// The report is gone, or the action is not allowed now.
    #[error("not allowed")]
    NotAllowed,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ActError {
    fn from(e: sqlx::Error) -> Self {
        Self::Other(e.into())
    }
}

async fn lock_report(tx: &mut WriteTx, id: i64) -> Result<Option<Report>, sqlx::Error> {
    let lock = if matches!(tx.inner, TxInner::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1{lock}");
    on_tx!(tx, t => sqlx::query_as(&sql).bind(id).fetch_optional(&mut **t).await)
}

/// Take a staff action on a report, if it is still at `version`: lock it, let `decide`
/// (the workflow's [`crate::domain::workflow::plan`], with the handler's access check)
/// say what the action does to the report as it is now, and write that: the change, the
/// status, the timeline event and the audit line, in one transaction. Returns the new
/// status.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id, user_id = user_id))]
pub async fn act(
    db: &Db,
    report_id: i64,
    version: i32,
    user_id: i64,
    decide: impl FnOnce(&Report) -> Option<Outcome>,
    now: OffsetDateTime,
) -> Result<Status, ActError> {
    act_by(db, report_id, version, By::Staff(user_id), decide, now).await
}

/// Who takes an action: a member of staff (the audit log names the account), or an
/// agency's system through the agency API with a partner key (the partner audit log names
/// the key; issue #19).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Staff(i64),
    Partner(i64),
}

/// [`act`], by staff or by a partner's key.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn act_by(
    db: &Db,
    report_id: i64,
    version: i32,
    by: By,
    decide: impl FnOnce(&Report) -> Option<Outcome>,
    now: OffsetDateTime,
) -> Result<Status, ActError> {
    let mut tx = db.begin_write().await?;
    let Some(r) = lock_report(&mut tx, report_id).await? else {
        return Err(ActError::NotAllowed);
    };
    if r.version != version {
        return Err(ActError::Stale);
    }
    let Some(o) = decide(&r) else {
        return Err(ActError::NotAllowed);
    };
    match &o.change {
        Change::Edit { title, description } => {
            const SQL: &str = "UPDATE reports SET original_title = COALESCE(original_title, title),
                original_description = COALESCE(original_description, description),
                title = $2, description = $3 WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).bind(title).bind(description).execute(&mut **t).await.map(|_| ()))?;
        }
        Change::Describe { photo, text } => {
            const SQL: &str = "UPDATE photos SET description = $3 WHERE id = $2 AND report_id = $1";
            let n = on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).bind(photo).bind(text).execute(&mut **t).await.map(|r| r.rows_affected()))?;
            // Not a photo of this report: no event, no audit line (the transaction is
            // dropped unwritten).
            if n != 1 {
                return Err(ActError::NotAllowed);
            }
        }
        Change::DeclineReopen => {
            const SQL: &str = "UPDATE reports SET reopen_requested_at = NULL WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).execute(&mut **t).await.map(|_| ()))?;
        }
        Change::Release => {
            const SQL: &str = "UPDATE reports SET held = FALSE WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).execute(&mut **t).await.map(|_| ()))?;
        }
        Change::None => {}
    }
    const STATUS: &str = "UPDATE reports SET status = $2, agency = $3, version = version + 1, updated_at = $4,
        status_before_info = CASE WHEN $2 = 'info-requested' THEN $5 ELSE status_before_info END,
        verified_at = CASE WHEN $2 = 'verified' AND verified_at IS NULL THEN $4 ELSE verified_at END,
        routed_at = CASE WHEN $2 = 'routed' AND $6 THEN $4 ELSE routed_at END,
        answered_at = CASE WHEN $2 = 'answered' THEN $4 ELSE answered_at END,
        closed_at = CASE WHEN $2 = 'closed' THEN $4 ELSE closed_at END,
        postponed_until = CASE WHEN $7 THEN $8 ELSE postponed_until END,
        reopen_requested_at = CASE WHEN $2 = 'closed' THEN reopen_requested_at ELSE NULL END
        WHERE id = $1";
    on_tx!(&mut tx, t => sqlx::query(STATUS)
        .bind(r.id).bind(o.to.as_str()).bind(&o.agency).bind(now).bind(r.status.as_str()).bind(o.restart_clock)
        .bind(o.postpones).bind(&o.postponed_until)
        .execute(&mut **t).await.map(|_| ()))?;
    let step = &o.step;
    const EVENT: &str =
        "INSERT INTO report_events (report_id, at, kind, actor, agency, public, body)
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(&mut tx, t => sqlx::query(EVENT)
        .bind(r.id).bind(now).bind(step.kind.as_str()).bind(step.actor.as_str()).bind(&step.agency)
        .bind(step.public).bind(&step.body)
        .execute(&mut **t).await.map(|_| ()))?;
    let audit = &o.audit;
    match by {
        By::Staff(user_id) => {
            const AUDIT: &str =
                "INSERT INTO audit_log (at, user_id, report_id, action, from_state, to_state, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7)";
            on_tx!(&mut tx, t => sqlx::query(AUDIT)
                .bind(now).bind(user_id).bind(r.id).bind(audit.action.as_str()).bind(audit.from.as_str())
                .bind(audit.to.as_str()).bind(&audit.detail)
                .execute(&mut **t).await.map(|_| ()))?;
        }
        By::Partner(partner_id) => {
            const AUDIT: &str =
                "INSERT INTO partner_audit (at, partner_id, action, report_id, detail)
                VALUES ($1, $2, $3, $4, $5)";
            let detail = format!(
                "{}: {} -> {}{}",
                audit.action.as_str(),
                audit.from.as_str(),
                audit.to.as_str(),
                audit
                    .detail
                    .as_deref()
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default()
            );
            on_tx!(&mut tx, t => sqlx::query(AUDIT)
                .bind(now).bind(partner_id)
                .bind(crate::domain::partner::PartnerEvent::CaseAction.as_str())
                .bind(r.id).bind(&detail)
                .execute(&mut **t).await.map(|_| ()))?;
        }
    }
    if let (Some(m), Some(email)) = (mail::reports::update(&r, &o), &r.reporter_email) {
        tell_reporter(&mut tx, &r, email, m, now).await?;
    }
    // The agency's system, if it has a webhook (issue #19).
    super::webhooks::after_action(&mut tx, &r, &o, now).await?;
    tx.commit().await?;
    Ok(o.to)
}

/// The outbox row of an update to report `report_id`, to `email` in `lang`: in the
/// report's list (one click stops them all), one per `version` the report reached.
fn update_row(
    m: mail::reports::ReportMessage,
    report_id: i64,
    version: i32,
    email: &str,
    lang: &str,
) -> super::outbox::NewMessage {
    mail::message::Message::Report(m)
        .to_row(email, lang, format!("report:{report_id}:v{version}"))
        .in_list(format!("report:{report_id}"))
        .about_report(report_id)
}

/// Write `m` for the reporter of `r` (whose version was `r.version` before this change),
/// if they asked to be told by email.
async fn tell_reporter(
    tx: &mut WriteTx,
    r: &Report,
    email: &str,
    m: mail::reports::ReportMessage,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    const ASKED: &str = "SELECT notify_by_email FROM reports WHERE id = $1";
    let asked: bool =
        on_tx!(&mut *tx, t => sqlx::query_scalar(ASKED).bind(r.id).fetch_one(&mut **t).await)?;
    if !asked {
        return Ok(());
    }
    let row = update_row(m, r.id, r.version + 1, email, &r.lang);
    super::outbox::enqueue(tx, &row, now).await
}

/// Close, as resolved, answered reports whose answer is older than `cutoff` (the reporter
/// neither replied nor asked to reopen). Returns how many were closed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn auto_close(
    db: &Db,
    cutoff: OffsetDateTime,
    now: OffsetDateTime,
) -> anyhow::Result<u64> {
    let mut tx = db.begin_write().await?;
    const IDS: &str = "SELECT id FROM reports WHERE status = 'answered' AND answered_at < $1
        AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = reports.id
            AND e.kind IN ('reporter-info', 'reopen-requested') AND e.at > reports.answered_at)";
    let ids: Vec<i64> =
        on_tx!(&mut tx, t => sqlx::query_scalar(IDS).bind(cutoff).fetch_all(&mut **t).await)?;
    for id in &ids {
        const CLOSE: &str = "UPDATE reports SET status = 'closed', closed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1";
        on_tx!(&mut tx, t => sqlx::query(CLOSE).bind(id).bind(now).execute(&mut **t).await.map(|_| ()))?;
        const EVENT: &str = "INSERT INTO report_events (report_id, at, kind, actor, public, body)
            VALUES ($1, $2, 'closed', 'system', TRUE, NULL)";
        on_tx!(&mut tx, t => sqlx::query(EVENT).bind(id).bind(now).execute(&mut **t).await.map(|_| ()))?;
        // The reporter, if they asked to be told by email.
        const TELL: &str = "SELECT code, version, reporter_email, lang FROM reports
            WHERE id = $1 AND notify_by_email AND reporter_email IS NOT NULL";
        let tell: Option<(String, i32, String, String)> =
            on_tx!(&mut tx, t => sqlx::query_as(TELL).bind(id).fetch_optional(&mut **t).await)?;
        if let Some((code, version, email, lang)) = tell {
            let m = mail::reports::ReportMessage::Closed {
                code: mail::reports::display_code(&code),
                automatic: true,
            };
            let row = update_row(m, *id, version, &email, &lang);
            super::outbox::enqueue(&mut tx, &row, now).await?;
        }
        if let Some(r) = super::reports::read_in(&mut tx, *id).await? {
            super::webhooks::about_report(
                &mut tx,
                crate::domain::webhook::EventType::Closed,
                &r,
                None,
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// Every event of a report for staff (internal notes included), oldest first.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn staff_events(db: &Db, report_id: i64) -> anyhow::Result<Vec<Event>> {
    const SQL: &str = "SELECT at, kind, actor, agency, public, body FROM report_events WHERE report_id = $1 ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(report_id).fetch_all(p).await)?)
}

/// Retention, before [`super::reports::erase_personal_data`] (which marks the reports
/// erased): of every report finished before `finished_before` and not yet erased, the
/// free-text place (never public: it can be someone's home) and the sent draft (a copy of
/// every answer); and when the report is not public (confidential, rejected, never
/// verified, held), its title and text, its photos and every text of its timeline. Safe to
/// run again.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase_unpublished(db: &Db, finished_before: OffsetDateTime) -> anyhow::Result<()> {
    const DUE: &str =
        "SELECT r.id FROM reports r WHERE r.status IN ('closed', 'rejected', 'archived')
        AND r.erased_at IS NULL AND COALESCE(r.closed_at, r.updated_at) < $1";
    let hidden = format!("{DUE} AND NOT ({PUBLIC})");
    let statements = [
        format!(
            "UPDATE report_events SET body = NULL WHERE body IS NOT NULL AND report_id IN ({hidden})"
        ),
        format!("DELETE FROM photos WHERE report_id IN ({hidden})"),
        format!("UPDATE reports SET title = '', description = '' WHERE id IN ({hidden})"),
        format!("UPDATE reports SET place = NULL WHERE place IS NOT NULL AND id IN ({DUE})"),
        format!("DELETE FROM report_drafts WHERE report_id IN ({DUE})"),
    ];
    let mut tx = db.begin_write().await?;
    for sql in &statements {
        on_tx!(&mut tx, t => sqlx::query(sql).bind(finished_before).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(())
}

/// SQLite, after an erasure: copy the write-ahead log into the file and empty the log, so
/// no erased text stays in the log's old frames (the file's free pages hold none: every
/// connection zeroes what it deletes, `secure_delete`). PostgreSQL: nothing (its files are
/// not readable from outside; autovacuum reclaims the dead rows).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn compact(db: &Db) -> anyhow::Result<()> {
    if let Db::Sqlite(pool) = db {
        let mut conn = pool.acquire().await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// The agency API's queue (issue #19): the reports routed to `agency` (as an officer of
/// it sees them), in `status` when given, newest first, a page of `limit` from `offset`;
/// and how many there are in all.
#[tracing::instrument(level = "debug", skip_all, fields(limit = limit, offset = offset))]
pub async fn agency_queue(
    db: &Db,
    agency: &str,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> anyhow::Result<(Vec<Report>, i64)> {
    const WHERE: &str = "agency = $1 AND routed_at IS NOT NULL AND ($2 IS NULL OR status = $2)";
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports WHERE {WHERE} ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"
    );
    let status = status.map(|s| s.as_str());
    let rows: Vec<Report> = on_pool!(db, p => sqlx::query_as(&sql)
        .bind(agency).bind(status).bind(limit).bind(offset).fetch_all(p).await)?;
    let count = format!("SELECT COUNT(*) FROM reports WHERE {WHERE}");
    let total: i64 = on_pool!(db, p => sqlx::query_scalar(&count)
        .bind(agency).bind(status).fetch_one(p).await)?;
    Ok((rows, total))
}
