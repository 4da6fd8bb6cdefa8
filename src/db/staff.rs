//! Staff accounts, their server-side sessions and the audit log.

use super::Db;
use crate::domain::staff::{AccountEvent, Session, SessionEnd, User};
use crate::domain::workflow::AuditEntry;
use crate::on_pool;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// A session ends after this long without a request.
pub const IDLE_LIMIT: Duration = Duration::hours(8);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_LIMIT: Duration = Duration::hours(12);

const USER_COLUMNS: &str = "id, email, name, role, agency, password_hash, disabled, created_at";

/// Create an account; `false` when the email is taken.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_user(
    db: &Db,
    email: &str,
    name: &str,
    role: &str,
    agency: Option<&str>,
    password_hash: &str,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    const SQL: &str =
        "INSERT INTO staff_users (email, name, role, agency, password_hash, disabled, created_at)
        VALUES ($1, $2, $3, $4, $5, FALSE, $6) ON CONFLICT (email) DO NOTHING";
    let n = on_pool!(db, p => sqlx::query(SQL).bind(email).bind(name).bind(role).bind(agency).bind(password_hash).bind(now).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The account with this email (compared in lower case).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn user_by_email(db: &Db, email: &str) -> anyhow::Result<Option<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM staff_users WHERE email = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(email.to_lowercase()).fetch_optional(p).await)?)
}

/// Every account, by email.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn users(db: &Db) -> anyhow::Result<Vec<User>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM staff_users ORDER BY email");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).fetch_all(p).await)?)
}

/// Disable an account and end all its sessions at once; `false` when there is none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn disable_user(db: &Db, email: &str, now: OffsetDateTime) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    const USER: &str = "UPDATE staff_users SET disabled = TRUE WHERE email = $1 RETURNING id";
    let id: Option<i64> = crate::on_tx!(&mut tx, t => sqlx::query_scalar(USER).bind(email.to_lowercase()).fetch_optional(&mut **t).await)?;
    if let Some(id) = id {
        const END: &str = "UPDATE staff_sessions SET ended_at = $2, end_reason = 'disabled' WHERE user_id = $1 AND ended_at IS NULL";
        crate::on_tx!(&mut tx, t => sqlx::query(END).bind(id).bind(now).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(id.is_some())
}

/// Replace a password hash (an upgrade to current parameters at sign-in).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn set_password_hash(db: &Db, user_id: i64, hash: &str) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE staff_users SET password_hash = $2 WHERE id = $1";
    on_pool!(db, p => sqlx::query(SQL).bind(user_id).bind(hash).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Record an event of an account in the audit log (`detail`: what it concerned, never a
/// text or a password: an email of an account, a workshop, a registration).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn record(
    db: &Db,
    user_id: i64,
    event: AccountEvent,
    detail: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    const SQL: &str = "INSERT INTO audit_log (at, user_id, action, detail) VALUES ($1, $2, $3, $4)";
    on_pool!(db, p => sqlx::query(SQL).bind(now).bind(user_id).bind(event.as_str()).bind(detail).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// A member of staff changed their own password: the new hash, every other session of
/// the account ended (`keep`: the hash of the session that changed it), and the audit
/// line, in one transaction.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn change_password(
    db: &Db,
    user_id: i64,
    hash: &str,
    keep: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const SET: &str = "UPDATE staff_users SET password_hash = $2 WHERE id = $1";
    crate::on_tx!(&mut tx, t => sqlx::query(SET).bind(user_id).bind(hash).execute(&mut **t).await.map(|_| ()))?;
    const END: &str = "UPDATE staff_sessions SET ended_at = $3, end_reason = 'password-changed'
        WHERE user_id = $1 AND id <> $2 AND ended_at IS NULL";
    crate::on_tx!(&mut tx, t => sqlx::query(END).bind(user_id).bind(keep).bind(now).execute(&mut **t).await.map(|_| ()))?;
    const AUDIT: &str = "INSERT INTO audit_log (at, user_id, action) VALUES ($1, $2, $3)";
    crate::on_tx!(&mut tx, t => sqlx::query(AUDIT).bind(now).bind(user_id).bind(AccountEvent::PasswordChanged.as_str()).execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(())
}

/// The stored id of a session token.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Start a session: returns the token for the cookie (a new one each sign-in).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn start_session(db: &Db, user_id: i64, now: OffsetDateTime) -> anyhow::Result<String> {
    let token = format!(
        "{}{}",
        crate::security::random_id()?,
        crate::security::random_id()?
    );
    let csrf = crate::security::random_id()?;
    const SQL: &str = "INSERT INTO staff_sessions (id, user_id, csrf, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)";
    on_pool!(db, p => sqlx::query(SQL).bind(token_hash(&token)).bind(user_id).bind(&csrf).bind(now).execute(p).await.map(|_| ()))?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    csrf: String,
    user_id: i64,
    created_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    ended_at: Option<OffsetDateTime>,
    end_reason: Option<String>,
}

/// The session of a cookie token, checked against the limits (and touched).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn session(
    db: &Db,
    token: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<Session, SessionEnd>> {
    let id = token_hash(token);
    const SQL: &str = "SELECT csrf, user_id, created_at, last_seen_at, ended_at, end_reason FROM staff_sessions WHERE id = $1";
    let row: Option<SessionRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(&id).fetch_optional(p).await)?;
    let Some(row) = row else {
        return Ok(Err(SessionEnd::None));
    };
    if row.ended_at.is_some() {
        return Ok(Err(SessionEnd::parse(
            row.end_reason.as_deref().unwrap_or_default(),
        )));
    }
    let sql = format!("SELECT {USER_COLUMNS} FROM staff_users WHERE id = $1");
    let user: Option<User> =
        on_pool!(db, p => sqlx::query_as(&sql).bind(row.user_id).fetch_optional(p).await)?;
    let end = match &user {
        None => Some(SessionEnd::Disabled),
        Some(u) if u.disabled => Some(SessionEnd::Disabled),
        Some(_) if now - row.created_at > ABSOLUTE_LIMIT => Some(SessionEnd::Expired),
        Some(_) if now - row.last_seen_at > IDLE_LIMIT => Some(SessionEnd::Idle),
        Some(_) => None,
    };
    if let Some(why) = end {
        end_session(db, token, why, now).await?;
        return Ok(Err(why));
    }
    let Some(user) = user else {
        return Ok(Err(SessionEnd::None));
    };
    // Touch at most once a minute: reading a page should not always write.
    if now - row.last_seen_at > Duration::minutes(1) {
        const TOUCH: &str = "UPDATE staff_sessions SET last_seen_at = $2 WHERE id = $1";
        on_pool!(db, p => sqlx::query(TOUCH).bind(&id).bind(now).execute(p).await.map(|_| ()))?;
    }
    Ok(Ok(Session {
        id,
        csrf: row.csrf,
        user,
    }))
}

/// End a session (sign-out, or a limit reached).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn end_session(
    db: &Db,
    token: &str,
    reason: SessionEnd,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE staff_sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL";
    on_pool!(db, p => sqlx::query(SQL).bind(token_hash(token)).bind(now).bind(reason.as_str()).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The audit log of a report or of an account, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn audit(
    db: &Db,
    report_id: Option<i64>,
    user_id: Option<i64>,
) -> anyhow::Result<Vec<AuditEntry>> {
    const SQL: &str = "SELECT a.at, a.user_id, u.email AS user_email, a.report_id, r.code AS report_code,
        a.action, a.from_state, a.to_state, a.detail
        FROM audit_log a JOIN staff_users u ON u.id = a.user_id LEFT JOIN reports r ON r.id = a.report_id
        WHERE ($1 IS NULL OR a.report_id = $1) AND ($2 IS NULL OR a.user_id = $2)
        ORDER BY a.id DESC LIMIT 500";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(report_id).bind(user_id).fetch_all(p).await)?)
}
