//! Agency webhooks (issue #19): each agency's endpoint, and the durable queue of events.
//! An event is written in the transaction of the change that causes it ([`enqueue`]),
//! then claimed with a lease, sent and marked by `crate::webhooks` (like the mail outbox:
//! on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two instances never claim one row at once).

use super::{Db, TxInner, WriteTx};
use crate::domain::case::{Report, Status};
use crate::domain::webhook::{CaseData, EventType};
use crate::domain::workflow::{Action, Outcome};
use crate::{on_pool, on_tx};
use time::OffsetDateTime;

pub use crate::domain::webhook::{Delivery, Endpoint};

/// Every endpoint, by agency.
pub async fn endpoints(db: &Db) -> anyhow::Result<Vec<Endpoint>> {
    const SQL: &str = "SELECT agency, url, secret, enabled, disabled_reason, created_at, updated_at
        FROM webhook_endpoints ORDER BY agency";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?)
}

/// The endpoint of `agency`.
pub async fn endpoint(db: &Db, agency: &str) -> anyhow::Result<Option<Endpoint>> {
    const SQL: &str = "SELECT agency, url, secret, enabled, disabled_reason, created_at, updated_at
        FROM webhook_endpoints WHERE agency = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(agency).fetch_optional(p).await)?)
}

/// Set `agency`'s URL (enabled). `secret`: a new one (a first endpoint, or a new secret
/// asked for); `None` keeps the one it has. Returns whether anything changed (the same
/// form twice changes nothing the second time).
pub async fn set_endpoint(
    db: &Db,
    agency: &str,
    url: &str,
    secret: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    const SQL: &str =
        "INSERT INTO webhook_endpoints (agency, url, secret, enabled, created_at, updated_at)
        VALUES ($1, $2, $3, TRUE, $4, $4)
        ON CONFLICT (agency) DO UPDATE SET url = excluded.url,
            secret = CASE WHEN $5 THEN excluded.secret ELSE webhook_endpoints.secret END,
            enabled = TRUE, disabled_reason = NULL, updated_at = excluded.updated_at
        WHERE webhook_endpoints.url <> excluded.url OR NOT webhook_endpoints.enabled OR $5";
    let n = on_pool!(db, p => sqlx::query(SQL)
        .bind(agency).bind(url).bind(secret.unwrap_or_default()).bind(now).bind(secret.is_some())
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Disable `agency`'s endpoint (`reason`: an admin, or the receiver's 410). Returns
/// whether it was enabled.
pub async fn disable(
    db: &Db,
    agency: &str,
    reason: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    const SQL: &str =
        "UPDATE webhook_endpoints SET enabled = FALSE, disabled_reason = $2, updated_at = $3
        WHERE agency = $1 AND enabled";
    let n = on_pool!(db, p => sqlx::query(SQL).bind(agency).bind(reason).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// Write an event about `r` for `agency` in `tx`, if the agency has an enabled endpoint.
/// `status`: the report's status after the change; `text`: the question or answer.
pub async fn enqueue(
    tx: &mut WriteTx,
    kind: EventType,
    r: &Report,
    status: Status,
    agency: &str,
    text: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    const ENABLED: &str = "SELECT COUNT(*) FROM webhook_endpoints WHERE agency = $1 AND enabled";
    let n: i64 =
        on_tx!(&mut *tx, t => sqlx::query_scalar(ENABLED).bind(agency).fetch_one(&mut **t).await)?;
    if n == 0 {
        return Ok(());
    }
    let data = CaseData::of(r, status, Some(agency), text);
    let data = serde_json::to_string(&data).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
    let event_id = format!("evt_{}", hex::encode(id));
    const SQL: &str =
        "INSERT INTO webhook_deliveries (event_id, agency, event_type, report_id, data,
            status, attempts, next_try_at, created_at)
        VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6)";
    on_tx!(tx, t => sqlx::query(SQL)
        .bind(&event_id).bind(agency).bind(kind.as_str()).bind(r.id).bind(&data).bind(now)
        .execute(&mut **t).await.map(|_| ()))
}

/// A delivery claimed for sending.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub event_id: String,
    pub agency: String,
    pub event_type: String,
    pub data: String,
    pub body: Option<String>,
    pub created_at: OffsetDateTime,
    /// Tries so far, this one included.
    pub attempts: i32,
}

/// Claim up to `limit` due deliveries for `lease`. Each claim counts as a try.
pub async fn claim(
    db: &Db,
    now: OffsetDateTime,
    lease: time::Duration,
    limit: i64,
) -> anyhow::Result<Vec<Claimed>> {
    let mut tx = db.begin_write().await?;
    let lock = if matches!(tx.inner, TxInner::Postgres(_)) {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE webhook_deliveries SET claimed_until = $2, attempts = attempts + 1 WHERE id IN (
            SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_try_at <= $1
            AND (claimed_until IS NULL OR claimed_until < $1) ORDER BY id LIMIT $3{lock})
        RETURNING id, event_id, agency, event_type, data, body, created_at, attempts"
    );
    let mut rows: Vec<Claimed> = on_tx!(&mut tx, t => sqlx::query_as(&sql)
        .bind(now).bind(now + lease).bind(limit).fetch_all(&mut **t).await)?;
    tx.commit().await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Fix the body of delivery `id` (its first try): every retry sends these bytes. Returns
/// the body stored (another instance's, if it was first).
pub async fn fix_body(db: &Db, id: i64, body: &str) -> anyhow::Result<String> {
    const SET: &str = "UPDATE webhook_deliveries SET body = $2 WHERE id = $1 AND body IS NULL";
    on_pool!(db, p => sqlx::query(SET).bind(id).bind(body).execute(p).await.map(|_| ()))?;
    const GET: &str = "SELECT body FROM webhook_deliveries WHERE id = $1";
    let stored: Option<String> =
        on_pool!(db, p => sqlx::query_scalar(GET).bind(id).fetch_one(p).await)?;
    Ok(stored.unwrap_or_else(|| body.to_owned()))
}

/// The receiver took it (2xx).
pub async fn mark_sent(db: &Db, id: i64, status: i32, now: OffsetDateTime) -> anyhow::Result<()> {
    const SQL: &str =
        "UPDATE webhook_deliveries SET status = 'sent', sent_at = $2, claimed_until = NULL,
        last_status = $3, last_error = NULL WHERE id = $1 AND status = 'pending'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(now).bind(status).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Not taken: try again at `next_try_at`.
pub async fn mark_retry(
    db: &Db,
    id: i64,
    next_try_at: OffsetDateTime,
    status: Option<i32>,
    reason: &str,
) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE webhook_deliveries SET next_try_at = $2, claimed_until = NULL,
        last_status = $3, last_error = $4 WHERE id = $1 AND status = 'pending'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(next_try_at).bind(status).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Given up (tries ran out, the endpoint is gone or disabled): failed, shown to admins.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    status: Option<i32>,
    reason: &str,
) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE webhook_deliveries SET status = 'failed', claimed_until = NULL,
        last_status = $2, last_error = $3 WHERE id = $1 AND status = 'pending'";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(status).bind(reason).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// "Send again" (an admin): a failed delivery is pending again, due now, with its tries
/// counted afresh (the same event id and body). Returns whether it was failed (a second
/// click changes nothing).
pub async fn resend(db: &Db, id: i64, now: OffsetDateTime) -> anyhow::Result<Option<String>> {
    const SQL: &str =
        "UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_try_at = $2,
        claimed_until = NULL WHERE id = $1 AND status = 'failed' RETURNING agency";
    Ok(on_pool!(db, p => sqlx::query_scalar(SQL).bind(id).bind(now).fetch_optional(p).await)?)
}

/// The newest `limit` deliveries with `status` (any when `None`).
pub async fn deliveries(
    db: &Db,
    status: Option<&str>,
    limit: i64,
) -> anyhow::Result<Vec<Delivery>> {
    const SQL: &str =
        "SELECT id, event_id, agency, event_type, report_id, status, attempts, last_status,
        last_error, next_try_at, created_at, sent_at FROM webhook_deliveries
        WHERE ($1 IS NULL OR status = $1) ORDER BY id DESC LIMIT $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(status).bind(limit).fetch_all(p).await)?)
}

/// The agency API's stored answer to (`partner_id`, `key`): its fingerprint, status and
/// body.
pub async fn idempotent_answer(
    db: &Db,
    partner_id: i64,
    key: &str,
) -> anyhow::Result<Option<(String, i32, String)>> {
    const SQL: &str = "SELECT fingerprint, status, body FROM agency_api_idempotency
        WHERE partner_id = $1 AND idem_key = $2";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(partner_id).bind(key).fetch_optional(p).await)?)
}

/// Keep the agency API's answer to (`partner_id`, `key`) (the first one wins).
pub async fn keep_answer(
    db: &Db,
    partner_id: i64,
    key: &str,
    fingerprint: &str,
    status: i32,
    body: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    const SQL: &str = "INSERT INTO agency_api_idempotency (partner_id, idem_key, fingerprint, status, body, created_at)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (partner_id, idem_key) DO NOTHING";
    on_pool!(db, p => sqlx::query(SQL).bind(partner_id).bind(key).bind(fingerprint).bind(status).bind(body).bind(now)
        .execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The events a staff (or agency API) action causes, written in its transaction: the
/// case routed to an agency (or reopened back to it), a question asked about an agency's
/// case, the case closed. `r`: the report before the action.
pub async fn after_action(
    tx: &mut WriteTx,
    r: &Report,
    o: &Outcome,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    let before = r.status;
    if o.to == Status::Routed
        && let Some(agency) = o.agency.as_deref()
        && (before != Status::Routed || r.agency.as_deref() != Some(agency))
    {
        enqueue(tx, EventType::Routed, r, o.to, agency, None, now).await?;
    }
    if o.audit.action == Action::AskInfo
        && r.routed_at.is_some()
        && let Some(agency) = r.agency.as_deref()
    {
        let text = o.step.body.as_deref();
        enqueue(tx, EventType::InfoRequested, r, o.to, agency, text, now).await?;
    }
    if o.to == Status::Closed
        && before != Status::Closed
        && let Some(agency) = o.agency.as_deref().or(r.agency.as_deref())
    {
        enqueue(tx, EventType::Closed, r, o.to, agency, None, now).await?;
    }
    Ok(())
}

/// An event about report `r` (as it is now, read in `tx` by the caller), for the agency
/// it was routed to (none: nothing). The reporter's added information, the automatic close.
pub async fn about_report(
    tx: &mut WriteTx,
    kind: EventType,
    r: &Report,
    text: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), sqlx::Error> {
    if r.routed_at.is_none() {
        return Ok(());
    }
    let Some(agency) = r.agency.clone() else {
        return Ok(());
    };
    enqueue(tx, kind, r, r.status, &agency, text, now).await
}

/// Claim a back-office form's id for `owner` (a negative staff user id: the same table as
/// the API's idempotency keys): `true` the first time, `false` for a form sent again.
pub async fn claim_form(
    db: &Db,
    owner: i64,
    form_id: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    const SQL: &str = "INSERT INTO agency_api_idempotency (partner_id, idem_key, fingerprint, status, body, created_at)
        VALUES ($1, $2, '', 0, '', $3) ON CONFLICT (partner_id, idem_key) DO NOTHING";
    let n = on_pool!(db, p => sqlx::query(SQL).bind(owner).bind(form_id).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// What a claimed form made (`body`), once made.
pub async fn set_form_result(
    db: &Db,
    owner: i64,
    form_id: &str,
    result: &str,
) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE agency_api_idempotency SET body = $3, status = 200 WHERE partner_id = $1 AND idem_key = $2";
    on_pool!(db, p => sqlx::query(SQL).bind(owner).bind(form_id).bind(result).execute(p).await.map(|_| ()))?;
    Ok(())
}
