//! Fixed-window rate limits kept in the database, so every instance behind a load
//! balancer counts the same hits.

use super::Db;
use crate::on_pool;

/// Count a hit in `bucket`; `Some(seconds)` to wait when over `limit` per `window_secs`.
pub async fn hit(
    db: &Db,
    bucket: &str,
    limit: i64,
    window_secs: i64,
    now_unix: i64,
) -> anyhow::Result<Option<i64>> {
    // One statement on both backends: a new window resets the count.
    const SQL: &str = "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
        ON CONFLICT (bucket) DO UPDATE SET
            hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
            window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
        RETURNING window_start, hits";
    let (start, hits): (i64, i64) = on_pool!(db, pool => sqlx::query_as(SQL)
        .bind(bucket)
        .bind(now_unix)
        .bind(now_unix - window_secs)
        .fetch_one(pool)
        .await)?;
    Ok((hits > limit).then(|| (start + window_secs - now_unix).max(1)))
}
