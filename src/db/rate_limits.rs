//! Fixed-window rate limits kept in the database, so every instance behind a load
//! balancer counts the same hits.

use super::Db;
use crate::on_pool;
use sha2::{Digest, Sha256};

/// Longest value counted as typed (an email address is at most 320 bytes); a longer one
/// is cut before hashing.
const VALUE_MAX: usize = 320;

/// The key a limit is stored under (made only by [`bucket`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket(String);

impl Bucket {
    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The key a limit is stored under: the limit's `kind` and a hash of the value it counts
/// (an address, an email, a code), trimmed, lower-cased and cut to [`VALUE_MAX`] bytes
/// first. A row's size never depends on what someone typed, and what was typed (a
/// password in the email field) is never stored.
pub fn bucket(kind: &'static str, value: &str) -> Bucket {
    let value = value.trim().to_lowercase();
    let mut cut = VALUE_MAX.min(value.len());
    while !value.is_char_boundary(cut) {
        cut -= 1;
    }
    let digest = Sha256::digest(&value.as_bytes()[..cut]);
    Bucket(format!("{kind}:{}", hex::encode(&digest[..16])))
}

/// Longest window of any limit: rows whose window began before this are over and can go.
pub const LONGEST_WINDOW_SECS: i64 = 24 * 3600;

/// Delete windows that are over (housekeeping), so the table holds only live counts.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn prune(db: &Db, now_unix: i64) -> anyhow::Result<u64> {
    const SQL: &str = "DELETE FROM rate_limits WHERE window_start < $1";
    let cutoff = now_unix - LONGEST_WINDOW_SECS;
    Ok(
        on_pool!(db, p => sqlx::query(SQL).bind(cutoff).execute(p).await.map(|r| r.rows_affected()))?,
    )
}

/// A limit: at most `per_window` hits in `bucket` per `window_secs`.
#[derive(Debug, Clone, Copy)]
pub struct Limit<'a> {
    pub bucket: &'a Bucket,
    pub per_window: i64,
    pub window_secs: i64,
}

/// Counting a hit, one statement on both backends: a window that began at or before
/// `$open_after` (now less the window's length) is over, and the hit starts a new one at
/// `$now`. The parameters' numbers are given, so that the statement can join others.
macro_rules! hit_upsert_sql {
    ($bucket:literal, $now:literal, $open_after:literal) => {
        concat!(
            "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($",
            $bucket,
            ", $",
            $now,
            ", 1)
    ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN rate_limits.window_start <= $",
            $open_after,
            " THEN 1 ELSE rate_limits.hits + 1 END,
        window_start = CASE WHEN rate_limits.window_start <= $",
            $open_after,
            " THEN $",
            $now,
            " ELSE rate_limits.window_start END"
        )
    };
}
pub(super) use hit_upsert_sql;

/// [`hit_upsert_sql`] with `$1` bucket, `$2` now (Unix seconds), `$3` now less the window;
/// returns the window and its hits. A macro so that a statement reading more can extend it.
macro_rules! hit_sql {
    () => {
        concat!(
            $crate::db::rate_limits::hit_upsert_sql!("1", "2", "3"),
            " RETURNING window_start, hits"
        )
    };
}
pub(super) use hit_sql;

/// The window and its hits after one more hit, from the stored ones (`None`: no hit
/// yet): the rule of [`hit_upsert_sql`], for a writer that decides before it writes.
pub(super) fn after_hit(stored: Option<(i64, i64)>, limit: Limit<'_>, now_unix: i64) -> (i64, i64) {
    match stored {
        Some((start, hits)) if start > now_unix - limit.window_secs => (start, hits + 1),
        _ => (now_unix, 1),
    }
}

const HIT: &str = hit_sql!();

/// Seconds to wait when the window's `hits` are over the limit.
pub(super) fn wait(limit: Limit<'_>, now_unix: i64, (start, hits): (i64, i64)) -> Option<i64> {
    (hits > limit.per_window).then(|| (start + limit.window_secs - now_unix).max(1))
}

/// Count a hit in `bucket`; `Some(seconds)` to wait when over `limit` per `window_secs`.
#[tracing::instrument(level = "debug", skip_all, fields(limit = limit))]
pub async fn hit(
    db: &Db,
    bucket: &Bucket,
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
        .bind(bucket.as_str())
        .bind(now_unix)
        .bind(now_unix - window_secs)
        .fetch_one(pool)
        .await)?;
    Ok(wait(limit, now_unix, row))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_counts_in_an_open_window_and_starts_a_new_one_after_it() {
        let b = bucket("b", "b");
        let limit = Limit {
            bucket: &b,
            per_window: 3,
            window_secs: 60,
        };
        assert_eq!(after_hit(None, limit, 1000), (1000, 1));
        assert_eq!(after_hit(Some((990, 2)), limit, 1000), (990, 3));
        // As in the statement: a window that began `window_secs` ago or earlier is over.
        assert_eq!(after_hit(Some((940, 9)), limit, 1000), (1000, 1));
        assert_eq!(after_hit(Some((941, 9)), limit, 1000), (941, 10));
        assert_eq!(wait(limit, 1000, (941, 4)), Some(1));
        assert_eq!(wait(limit, 1000, (990, 4)), Some(50));
        assert_eq!(wait(limit, 1000, (990, 3)), None);
    }

    #[test]
    fn buckets_are_small_and_never_hold_what_was_typed() {
        let typed = format!("{}x", "Sandi-Rahasia ".repeat(100_000));
        let b = bucket("signin", &typed);
        assert!(
            b.as_str().len() < 50 && !b.as_str().contains("Sandi"),
            "{b:?}"
        );
        assert_eq!(
            bucket("signin", " Ana@Example.ID "),
            bucket("signin", "ana@example.id")
        );
        assert_ne!(bucket("signin", "a"), bucket("track", "a"));
        // Cut inside a multi-byte character: no panic.
        let _ = bucket("k", &"é".repeat(400));
    }
}
