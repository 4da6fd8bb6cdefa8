//! A PostgreSQL streaming replica (issue #23): its pool, and the WAL positions that say
//! how far it is behind the primary. Positions are compared rather than reading
//! `pg_last_xact_replay_timestamp()` on the replica, which keeps growing while the primary
//! is idle and so overstates the lag.

use super::Db;
use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// The replica's pool. Lazy: start-up does not wait for the replica (public reads go to
/// the primary until the replica answers). A short acquire timeout: a replica that went
/// away costs a public page two seconds at most before the watch task turns reads to
/// the primary.
pub fn connect(url: &str) -> anyhow::Result<Db> {
    let options = PgConnectOptions::from_str(url).context("invalid replica URL")?;
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy_with(options);
    Ok(Db::Postgres(pool))
}

/// The primary's current WAL position (bytes since the cluster began).
pub async fn primary_position(db: &Db) -> anyhow::Result<u64> {
    let Db::Postgres(pool) = db else {
        bail!("a replica needs PostgreSQL");
    };
    let lsn: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
        .fetch_one(pool)
        .await?;
    parse_lsn(&lsn)
}

/// How far the replica has replayed the primary's WAL; `None` when the server is not a
/// standby (the setting names a primary: then it is never behind).
pub async fn replayed_position(db: &Db) -> anyhow::Result<Option<u64>> {
    let Db::Postgres(pool) = db else {
        bail!("a replica needs PostgreSQL");
    };
    let lsn: Option<String> = sqlx::query_scalar("SELECT pg_last_wal_replay_lsn()::text")
        .fetch_one(pool)
        .await?;
    lsn.as_deref().map(parse_lsn).transpose()
}

/// `16/B374D848` → its byte position.
fn parse_lsn(lsn: &str) -> anyhow::Result<u64> {
    let (hi, lo) = lsn.split_once('/').context("not a WAL position")?;
    Ok((u64::from_str_radix(hi, 16)? << 32) | u64::from_str_radix(lo, 16)?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn wal_positions_parse() {
        assert_eq!(super::parse_lsn("0/0").unwrap(), 0);
        assert_eq!(super::parse_lsn("1/10").unwrap(), (1 << 32) + 16);
        assert!(super::parse_lsn("x").is_err());
    }
}
