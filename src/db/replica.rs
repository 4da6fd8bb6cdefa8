//! A PostgreSQL streaming replica (issue #23): its pool, and the WAL positions that say
//! how far it is behind the primary. Positions are compared rather than reading
//! `pg_last_xact_replay_timestamp()` on the replica, which keeps growing while the primary
//! is idle and so overstates the lag.

use super::Db;
use anyhow::{Context, bail};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
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

/// Where the primary's pool connects while it is held: a socket that does not exist, so
/// a new connection fails at once (sqlx retries only a refused or transient connection).
const NOWHERE: &str = "/nonexistent/balai-primary-down-at-the-last-look";

/// The primary's own connection settings while its pool is held (see [`hold_primary`]).
#[derive(Debug, Clone)]
pub struct HeldPrimary(Arc<PgConnectOptions>);

/// The watch task saw the primary down: from now on the primary's pool fails a new
/// connection at once instead of retrying until its 5-second acquire timeout, so a form
/// answers its 503 (with what was typed) without waiting. Connections already in the pool
/// are left as they are (one the server closed fails its check at once). `None` on SQLite.
pub fn hold_primary(db: &Db) -> Option<HeldPrimary> {
    let Db::Postgres(pool) = db else {
        return None;
    };
    let own = pool.connect_options();
    pool.set_connect_options((*own).clone().socket(NOWHERE));
    Some(HeldPrimary(own))
}

impl HeldPrimary {
    /// The primary answers again: its pool connects to it as before.
    pub fn release(self, db: &Db) {
        if let Db::Postgres(pool) = db {
            pool.set_connect_options((*self.0).clone());
        }
    }

    /// The primary's current WAL position through a connection of its own, outside the
    /// held pool (how the watch task sees the primary come back).
    pub async fn primary_position(&self) -> anyhow::Result<u64> {
        let mut conn = PgConnection::connect_with(&self.0).await?;
        let lsn: String = sqlx::query_scalar("SELECT pg_current_wal_lsn()::text")
            .fetch_one(&mut conn)
            .await?;
        let _ = conn.close().await;
        parse_lsn(&lsn)
    }
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
