//! Partner systems, their keys (stored as SHA-256 only), the partner audit log and the
//! idempotency keys of their POSTs (see `domain::partner`).

use super::Db;
use crate::domain::partner::{Partner, PartnerAuditEntry, PartnerEvent};
use crate::on_pool;
use time::OffsetDateTime;

const COLUMNS: &str =
    "id, name, agency, scopes, key_prefix, per_minute, created_at, created_by, revoked_at";

/// What a new partner is given.
pub struct NewPartner<'a> {
    pub name: &'a str,
    pub agency: Option<&'a str>,
    /// Comma list, as `domain::partner::scopes_text` writes it.
    pub scopes: &'a str,
    pub key_hash: &'a str,
    pub key_prefix: &'a str,
    pub per_minute: i64,
    /// The staff account making it (`None`: the command line).
    pub created_by: Option<i64>,
}

/// Store a partner and its key's hash, and audit it; its id.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(db: &Db, p: &NewPartner<'_>, now: OffsetDateTime) -> anyhow::Result<i64> {
    let mut tx = db.begin_write().await?;
    const SQL: &str = "INSERT INTO partners (name, agency, scopes, key_hash, key_prefix, per_minute, created_at, created_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    let id: i64 = crate::on_tx!(&mut tx, t => sqlx::query_scalar(SQL)
        .bind(p.name).bind(p.agency).bind(p.scopes).bind(p.key_hash).bind(p.key_prefix)
        .bind(p.per_minute).bind(now).bind(p.created_by)
        .fetch_one(&mut **t).await)?;
    crate::on_tx!(&mut tx, t => sqlx::query(AUDIT).bind(now).bind(id).bind(PartnerEvent::Created.as_str())
        .bind(None::<i64>).bind(p.created_by.map(|u| format!("staff user {u}")))
        .execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(id)
}

/// Every partner, newest first (revoked ones too).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(db: &Db) -> anyhow::Result<Vec<Partner>> {
    let sql = format!("SELECT {COLUMNS} FROM partners ORDER BY id DESC");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).fetch_all(p).await)?)
}

/// One partner by id.
#[tracing::instrument(level = "debug", skip_all, fields(partner = id))]
pub async fn by_id(db: &Db, id: i64) -> anyhow::Result<Option<Partner>> {
    let sql = format!("SELECT {COLUMNS} FROM partners WHERE id = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await)?)
}

/// Revoke a key (at once, on every instance: each request looks the key up); `false`
/// when there is no such partner or it was already revoked.
#[tracing::instrument(level = "debug", skip_all, fields(partner = id))]
pub async fn revoke(
    db: &Db,
    id: i64,
    by: Option<i64>,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    const SQL: &str = "UPDATE partners SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    let n = crate::on_tx!(&mut tx, t => sqlx::query(SQL).bind(id).bind(now).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        crate::on_tx!(&mut tx, t => sqlx::query(AUDIT).bind(now).bind(id).bind(PartnerEvent::Revoked.as_str())
            .bind(None::<i64>).bind(by.map(|u| format!("staff user {u}")))
            .execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(n == 1)
}

/// The partner whose key has this hash, revoked or not (the caller refuses a revoked one).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_key_hash(db: &Db, key_hash: &str) -> anyhow::Result<Option<Partner>> {
    let sql = format!("SELECT {COLUMNS} FROM partners WHERE key_hash = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(key_hash).fetch_optional(p).await)?)
}

const AUDIT: &str = "INSERT INTO partner_audit (at, partner_id, action, report_id, detail) VALUES ($1, $2, $3, $4, $5)";

/// Record an event of a key in the partner audit log (`detail`: the request's method and
/// path, never its query string or body).
#[tracing::instrument(level = "debug", skip_all, fields(partner = partner_id))]
pub async fn record(
    db: &Db,
    partner_id: i64,
    event: PartnerEvent,
    report_id: Option<i64>,
    detail: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    on_pool!(db, p => sqlx::query(AUDIT).bind(now).bind(partner_id).bind(event.as_str()).bind(report_id).bind(detail).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The newest lines of a partner's audit log (at most `limit`).
#[tracing::instrument(level = "debug", skip_all, fields(partner = partner_id))]
pub async fn audit(db: &Db, partner_id: i64, limit: i64) -> anyhow::Result<Vec<PartnerAuditEntry>> {
    const SQL: &str = "SELECT at, partner_id, action, report_id, detail FROM partner_audit
        WHERE partner_id = $1 ORDER BY id DESC LIMIT $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(partner_id).bind(limit).fetch_all(p).await)?)
}

/// What an idempotency key holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Idempotency {
    /// First use: the key is now taken with this request's fingerprint.
    New,
    /// Seen with the same fingerprint; the report it made, if it made one yet.
    Same(Option<i64>),
    /// Seen with another request: refuse.
    Conflict,
}

/// Take an idempotency key for a request with `fingerprint`, or say what it was used for.
/// Two concurrent first uses: one inserts, the other reads it back (`Same`).
#[tracing::instrument(level = "debug", skip_all, fields(partner = partner_id))]
pub async fn take_idempotency_key(
    db: &Db,
    partner_id: i64,
    key: &str,
    fingerprint: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Idempotency> {
    const INSERT: &str =
        "INSERT INTO partner_idempotency (partner_id, idem_key, fingerprint, created_at)
        VALUES ($1, $2, $3, $4) ON CONFLICT (partner_id, idem_key) DO NOTHING";
    let n = on_pool!(db, p => sqlx::query(INSERT).bind(partner_id).bind(key).bind(fingerprint).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        return Ok(Idempotency::New);
    }
    const READ: &str = "SELECT fingerprint, report_id FROM partner_idempotency WHERE partner_id = $1 AND idem_key = $2";
    let row: Option<(String, Option<i64>)> =
        on_pool!(db, p => sqlx::query_as(READ).bind(partner_id).bind(key).fetch_optional(p).await)?;
    Ok(match row {
        Some((f, report)) if f == fingerprint => Idempotency::Same(report),
        Some(_) => Idempotency::Conflict,
        // Pruned between the two statements (`prune_idempotency`, after its lifetime): a new use.
        None => Idempotency::New,
    })
}

/// Record the report an idempotency key made.
#[tracing::instrument(level = "debug", skip_all, fields(partner = partner_id, report = report_id))]
pub async fn set_idempotent_report(
    db: &Db,
    partner_id: i64,
    key: &str,
    report_id: i64,
) -> anyhow::Result<()> {
    const SQL: &str =
        "UPDATE partner_idempotency SET report_id = $3 WHERE partner_id = $1 AND idem_key = $2";
    on_pool!(db, p => sqlx::query(SQL).bind(partner_id).bind(key).bind(report_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Forget the idempotency keys taken before `before`: partners' Open311 POSTs
/// (`partner_idempotency`) and the agency API's answers, with the back office's form claims
/// kept in the same table (`agency_api_idempotency`; a staff session ends within 12 hours,
/// so no form outlives them). A retry after that is a new request. How many were deleted.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn prune_idempotency(db: &Db, before: OffsetDateTime) -> anyhow::Result<u64> {
    const PARTNER: &str = "DELETE FROM partner_idempotency WHERE created_at < $1";
    const AGENCY: &str = "DELETE FROM agency_api_idempotency WHERE created_at < $1";
    let mut n = 0;
    for sql in [PARTNER, AGENCY] {
        n += on_pool!(db, p => sqlx::query(sql).bind(before).execute(p).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

/// Store what a partner said beyond the form's answers: a point (WGS84) and the photo
/// URLs it named (recorded, never fetched).
#[tracing::instrument(level = "debug", skip_all, fields(report = report_id))]
pub async fn set_report_extras(
    db: &Db,
    report_id: i64,
    point: Option<(f64, f64)>,
    media_url: Option<&str>,
) -> anyhow::Result<()> {
    const SQL: &str =
        "UPDATE reports SET latitude = $2, longitude = $3, media_url = $4 WHERE id = $1";
    on_pool!(db, p => sqlx::query(SQL).bind(report_id).bind(point.map(|p| p.0)).bind(point.map(|p| p.1)).bind(media_url).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The tracking code of a report (to answer a retried POST).
#[tracing::instrument(level = "debug", skip_all, fields(report = report_id))]
pub async fn report_code(db: &Db, report_id: i64) -> anyhow::Result<Option<String>> {
    const SQL: &str = "SELECT code FROM reports WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_scalar(SQL).bind(report_id).fetch_optional(p).await)?)
}
