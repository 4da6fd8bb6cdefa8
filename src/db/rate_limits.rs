//! Fixed-window rate limits kept in the database, so every instance behind a load
//! balancer counts the same hits.

use super::Db;
use crate::on_pool;

/// A limit: at most `per_window` hits in `bucket` per `window_secs`.
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    pub bucket: &'a str,
    pub per_window: i64,
    pub window_secs: i64,
}

/// One statement on both backends: a new window resets the count. `$1` bucket, `$2` now
/// (Unix seconds), `$3` the start of a window still open; returns the window and its hits.
/// A macro so that a statement counting a hit and reading more can extend its text.
macro_rules! hit_sql {
    () => {
        "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
    ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
    RETURNING window_start, hits"
    };
}
pub(super) use hit_sql;

const HIT: &str = hit_sql!();

/// Seconds to wait when the window's `hits` are over the limit.
pub(super) fn wait(limit: Limit<'_>, now_unix: i64, (start, hits): (i64, i64)) -> Option<i64> {
    (hits > limit.per_window).then(|| (start + limit.window_secs - now_unix).max(1))
}

/// Count a hit in `bucket`; `Some(seconds)` to wait when over `limit` per `window_secs`.
pub async fn hit(
    db: &Db,
    bucket: &str,
    limit: i64,
    window_secs: i64,
    now_unix: i64,
) -> anyhow::Result<Option<i64>> {
    let limit = Limit {
        bucket,
        per_window: limit,
        window_secs,
    };
    let row: (i64, i64) = on_pool!(db, pool => sqlx::query_as(HIT)
        .bind(bucket)
        .bind(now_unix)
        .bind(now_unix - window_secs)
        .fetch_one(pool)
        .await)?;
    Ok(wait(limit, now_unix, row))
}
