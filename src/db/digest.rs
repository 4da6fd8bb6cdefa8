//! Who gets the staff's daily digest. One truth: `staff_users.digest`. The digest's
//! one-click stop link (list `digest:{id}`) writes a row to `mail_stops`; the setting in
//! the back office reads both (on = `digest` and no stop) and writes both (turning it on
//! removes the stop, turning it off sets `digest` to false), so they never disagree.

use super::Db;
use crate::domain::staff::User;
use crate::{on_pool, on_tx};

/// The digest's list for a staff account.
pub fn list(user_id: i64) -> String {
    format!("digest:{user_id}")
}

/// Active officers and verifiers who want the digest (a stopped list is skipped when the
/// message is written).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn recipients(db: &Db) -> anyhow::Result<Vec<User>> {
    const SQL: &str = "SELECT id, email, name, role, agency, password_hash, disabled, created_at
        FROM staff_users WHERE disabled = FALSE AND digest = TRUE AND role IN ('officer', 'verifier')
        ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).fetch_all(p).await)?)
}

/// Whether `user_id` gets the digest.
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id))]
pub async fn is_on(db: &Db, user_id: i64) -> anyhow::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM staff_users u WHERE u.id = $1 AND u.digest = TRUE
        AND NOT EXISTS (SELECT 1 FROM mail_stops s WHERE s.list = $2)";
    let n: i64 = on_pool!(db, p => sqlx::query_scalar(SQL).bind(user_id).bind(list(user_id)).fetch_one(p).await)?;
    Ok(n > 0)
}

/// Turn the digest on or off for `user_id` (setting it twice changes nothing more).
#[tracing::instrument(level = "debug", skip_all, fields(user_id = user_id, on = on))]
pub async fn set(db: &Db, user_id: i64, on: bool) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const USER: &str = "UPDATE staff_users SET digest = $2 WHERE id = $1";
    on_tx!(&mut tx, t => sqlx::query(USER).bind(user_id).bind(on).execute(&mut **t).await.map(|_| ()))?;
    if on {
        const RESUME: &str = "DELETE FROM mail_stops WHERE list = $1";
        on_tx!(&mut tx, t => sqlx::query(RESUME).bind(list(user_id)).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(())
}

/// Whether the message with this dedupe key was written already (a day's digest: later
/// passes skip the work of finding its cases).
pub async fn written(db: &Db, dedupe: &str) -> anyhow::Result<bool> {
    const SQL: &str = "SELECT COUNT(*) FROM outbox WHERE dedupe = $1";
    let n: i64 = on_pool!(db, p => sqlx::query_scalar(SQL).bind(dedupe).fetch_one(p).await)?;
    Ok(n > 0)
}
