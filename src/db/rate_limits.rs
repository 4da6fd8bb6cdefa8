//! Fixed-window rate limits kept in the database, so every instance behind a load
//! balancer counts the same hits.

use super::{Db, WriteTx};
use crate::{on_pool, on_tx};

/// A limit: at most `per_window` hits in `bucket` per `window_secs`.
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    pub bucket: &'a str,
    pub per_window: i64,
    pub window_secs: i64,
}

// One statement on both backends: a new window resets the count.
const HIT: &str = "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
    ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
    RETURNING window_start, hits";

fn wait(limit: Limit<'_>, now_unix: i64, (start, hits): (i64, i64)) -> Option<i64> {
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

/// [`hit`] inside a write transaction, so a write and the hit it counts commit together
/// (one durable commit instead of two; a hit over the limit is rolled back with the rest).
pub async fn hit_in(
    tx: &mut WriteTx,
    limit: Limit<'_>,
    now_unix: i64,
) -> anyhow::Result<Option<i64>> {
    let row: (i64, i64) = on_tx!(tx, t => sqlx::query_as(HIT)
        .bind(limit.bucket)
        .bind(now_unix)
        .bind(now_unix - limit.window_secs)
        .fetch_one(&mut **t)
        .await)?;
    Ok(wait(limit, now_unix, row))
}
