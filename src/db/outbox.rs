//! The outbox: messages waiting to be sent, written in the transaction of the change that
//! causes them ([`enqueue`]), then claimed, sent and marked by the sender task
//! (`crate::mail::sender`).
//!
//! Claiming takes a lease (`claimed_until`): on PostgreSQL rows are claimed with
//! `FOR UPDATE SKIP LOCKED`, so several instances never claim the same row at once; on
//! SQLite the one writer claims. A sender that dies while holding rows loses its lease
//! and another (or the restarted one) sends them again: a crash between the SMTP
//! server's acknowledgement and [`mark_sent`] sends that message twice, never zero times.

use super::{Db, TxInner, WriteTx};
use crate::domain::outbox::MailList;
use crate::{on_pool, on_tx};
use time::OffsetDateTime;

/// A message to write with the change that causes it.
#[derive(Debug, Clone)]
pub struct NewMessage {
    /// What the message is (the tag of `crate::mail::message::Message`).
    pub kind: String,
    /// One message per cause: a second [`enqueue`] with the same key writes nothing.
    pub dedupe: String,
    /// The address.
    pub recipient: String,
    /// The recipient's language.
    pub lang: String,
    /// What the message says (JSON of `crate::mail::message::Message`).
    pub params: String,
    /// The list a recipient may stop (`report:12`, `reminders:34`, `digest:5`); `None`
    /// for a direct answer to the person's own action.
    pub list: Option<String>,
    /// The report it is about (retention erases it with the report's personal data).
    pub report_id: Option<i64>,
    /// The registration it is about (erased with the registration).
    pub registration_id: Option<i64>,
    /// After this moment it is not worth sending (a reminder for a day that is past).
    pub expires_at: Option<OffsetDateTime>,
}

/// Write `m` in `tx`, unless its list was stopped or a message with its dedupe key exists.
pub async fn enqueue(
    tx: &mut WriteTx,
    m: &NewMessage,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO outbox (kind, dedupe, recipient, lang, params, list, report_id,
            registration_id, status, next_try_at, expires_at, created_at)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9, $10, $9
        WHERE NOT EXISTS (SELECT 1 FROM mail_stops WHERE list = $6)
        ON CONFLICT (dedupe) DO NOTHING";
    on_tx!(tx, t => sqlx::query(SQL)
        .bind(&m.kind).bind(&m.dedupe).bind(&m.recipient).bind(&m.lang).bind(&m.params)
        .bind(&m.list).bind(m.report_id).bind(m.registration_id).bind(now).bind(m.expires_at)
        .execute(&mut **t).await.map(|_| ()))
}

/// Write `m` in a transaction of its own (messages not caused by another write: a digest,
/// a reminder).
pub async fn enqueue_alone(db: &Db, m: &NewMessage, now: OffsetDateTime) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    enqueue(&mut tx, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A message claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub lang: String,
    pub params: String,
    pub list: Option<String>,
    /// Tries so far, this one included.
    pub attempts: i32,
}

const EXPIRE: &str = "UPDATE outbox SET status = 'expired', params = '{}'
    WHERE status = 'waiting' AND expires_at IS NOT NULL AND expires_at < $1";

/// Mark the waiting messages that are no longer worth sending `expired`, dropping their
/// text. The sender does it before each claim; housekeeping does it too, so that without
/// SMTP (nothing claims) an expired lost-key link or digest does not wait for ever.
pub async fn expire(db: &Db, now: OffsetDateTime) -> anyhow::Result<u64> {
    let n = on_pool!(db, p => sqlx::query(EXPIRE).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Claim up to `limit` messages that are due, for `lease` (expired ones are marked
/// `expired` first). Each claim counts as a try.
pub async fn claim(
    db: &Db,
    now: OffsetDateTime,
    lease: time::Duration,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let mut tx = db.begin_write().await?;
    on_tx!(&mut tx, t => sqlx::query(EXPIRE).bind(now).execute(&mut **t).await.map(|_| ()))?;
    let lock = if matches!(tx.inner, TxInner::Postgres(_)) {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE outbox SET claimed_until = $2, attempts = attempts + 1 WHERE id IN (
            SELECT id FROM outbox WHERE status = 'waiting' AND next_try_at <= $1
            AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3{lock})
        RETURNING id, kind, recipient, lang, params, list, attempts"
    );
    let mut rows: Vec<Claimed> = on_tx!(&mut tx, t => sqlx::query_as(&sql)
        .bind(now).bind(now + lease).bind(limit).fetch_all(&mut **t).await)?;
    tx.commit().await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// The SMTP server took message `id`. Its text (params) is kept for `keep_text` (an admin
/// may need to see what was sent), unless `forget` (a one-time link).
pub async fn mark_sent(db: &Db, id: i64, forget: bool, now: OffsetDateTime) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE outbox SET status = 'sent', sent_at = $2, claimed_until = NULL,
        last_error = NULL, params = CASE WHEN $3 THEN '{}' ELSE params END
        WHERE id = $1 AND status = 'waiting'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(now).bind(forget).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// A temporary failure: try again at `next_try_at`.
pub async fn mark_retry(
    db: &Db,
    id: i64,
    next_try_at: OffsetDateTime,
    reason: &str,
) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE outbox SET next_try_at = $2, claimed_until = NULL, last_error = $3
        WHERE id = $1 AND status = 'waiting'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(next_try_at).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// A permanent failure (the server refused it, or tries ran out): not tried again.
pub async fn mark_failed(db: &Db, id: i64, reason: &str) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = $2
        WHERE id = $1 AND status = 'waiting'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

pub use crate::domain::outbox::{Summary, mask};

/// The newest `limit` messages with `status` (any when `None`).
pub async fn list(db: &Db, status: Option<&str>, limit: i64) -> anyhow::Result<Vec<Summary>> {
    const SQL: &str = "SELECT id, kind, recipient, lang, status, attempts, last_error, created_at,
        next_try_at, sent_at FROM outbox WHERE ($1 IS NULL OR status = $1) ORDER BY id DESC LIMIT $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(status).bind(limit).fetch_all(p).await)?)
}

/// How many messages have each status.
pub async fn counts(db: &Db) -> anyhow::Result<Vec<(String, i64)>> {
    const SQL: &str = "SELECT status, COUNT(*) FROM outbox GROUP BY status ORDER BY status";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?)
}

/// Stop `list` (one-click stop): nothing more is written to it, and what waits is not sent.
/// Doing it again changes nothing.
pub async fn stop(db: &Db, list: &str, now: OffsetDateTime) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const STOP: &str =
        "INSERT INTO mail_stops (list, stopped_at) VALUES ($1, $2) ON CONFLICT (list) DO NOTHING";
    on_tx!(&mut tx, t => sqlx::query(STOP).bind(list).bind(now).execute(&mut **t).await.map(|_| ()))?;
    const WAITING: &str = "UPDATE outbox SET status = 'stopped', params = '{}'
        WHERE list = $1 AND status = 'waiting'";
    on_tx!(&mut tx, t => sqlx::query(WAITING).bind(list).execute(&mut **t).await.map(|_| ()))?;
    // The setting the list came from says so too (the case page, the account page).
    let setting = match MailList::parse(list) {
        Some(MailList::Report(id)) => Some((
            "UPDATE reports SET notify_by_email = FALSE WHERE id = $1",
            id,
        )),
        Some(MailList::Digest(id)) => {
            Some(("UPDATE staff_users SET digest = FALSE WHERE id = $1", id))
        }
        Some(MailList::Reminders(_)) | None => None,
    };
    if let Some((sql, id)) = setting {
        on_tx!(&mut tx, t => sqlx::query(sql).bind(id).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(())
}

/// The tracking code of report `id` (the stop page names it).
pub async fn report_code(db: &Db, id: i64) -> anyhow::Result<Option<String>> {
    const SQL: &str = "SELECT code FROM reports WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_scalar(SQL).bind(id).fetch_optional(p).await)?)
}

/// The workshop (slug) of registration `id`, while it is kept.
pub async fn registration_workshop(db: &Db, id: i64) -> anyhow::Result<Option<String>> {
    const SQL: &str = "SELECT workshop FROM registrations WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_scalar(SQL).bind(id).fetch_optional(p).await)?)
}

/// What erasing a message leaves: no address, no text; one still waiting is not sent.
const ERASE: &str = "UPDATE outbox SET recipient = '', params = '{}', claimed_until = NULL,
    status = CASE WHEN status = 'waiting' THEN 'expired' ELSE status END
    WHERE recipient <> ''";

/// Retention, with a report's personal data (`retention`): the messages about the reports
/// finished before `finished_before` whose personal data is erased now (the same
/// condition as `reports::erase_personal_data`, so run it first), and their lost-key
/// links. How many messages.
pub async fn erase_for_reports(db: &Db, finished_before: OffsetDateTime) -> anyhow::Result<u64> {
    const DUE: &str = "SELECT id FROM reports WHERE status IN ('closed', 'rejected', 'archived')
        AND erased_at IS NULL AND COALESCE(closed_at, updated_at) < $1";
    let messages = format!("{ERASE} AND report_id IN ({DUE})");
    let links = format!("DELETE FROM key_recovery WHERE report_id IN ({DUE})");
    let mut tx = db.begin_write().await?;
    let n = on_tx!(&mut tx, t => sqlx::query(&messages).bind(finished_before).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    on_tx!(&mut tx, t => sqlx::query(&links).bind(finished_before).execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(n)
}

/// Retention, with a workshop's registrations (the same selection as
/// `registrations::erase`, so run it first): the messages about them. How many.
pub async fn erase_for_registrations(
    db: &Db,
    workshop: &str,
    changed_before: Option<OffsetDateTime>,
) -> anyhow::Result<u64> {
    let sql = format!(
        "{ERASE} AND registration_id IN (SELECT id FROM registrations WHERE workshop = $1
         AND ($2 IS NULL OR updated_at < $2))"
    );
    let n = on_pool!(db, p => sqlx::query(&sql).bind(workshop).bind(changed_before).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Whether `list` was stopped.
pub async fn is_stopped(db: &Db, list: &str) -> anyhow::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM mail_stops WHERE list = $1";
    let n: i64 = on_pool!(db, p => sqlx::query_scalar(SQL).bind(list).fetch_one(p).await)?;
    Ok(n > 0)
}

/// Retention: the text of messages sent, failed or expired before `before` (the address
/// too: only the line stays, for the counts).
pub async fn prune(db: &Db, before: OffsetDateTime) -> anyhow::Result<u64> {
    const SQL: &str = "UPDATE outbox SET params = '{}', recipient = ''
        WHERE status <> 'waiting' AND recipient <> '' AND created_at < $1";
    let n = on_pool!(db, p => sqlx::query(SQL).bind(before).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}
