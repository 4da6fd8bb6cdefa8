//! The only place with SQL. `Db` holds a typed pool for SQLite (the embedded
//! default) or PostgreSQL (the scale-out mode); `on_pool!` runs one portable query
//! text on whichever is active.
//!
//! Portable-SQL rules:
//! - placeholders are `$1..$n` on both (sqlx's SQLite driver binds `$N` by number);
//! - timestamps are bound from Rust, never `now()`, so the clock is testable;
//! - `INSERT ... RETURNING` and `ON CONFLICT` work on both; avoid `ILIKE` and
//!   PostgreSQL-only operators;
//! - where the dialects really differ, both SQL texts sit side by side in one
//!   function with a `match` on `Db` (see [`Db::begin_write`]).

pub mod backup;
pub mod cases;
pub mod desk;
pub mod digest;
pub mod outbox;
pub mod partners;
pub mod public;
pub mod rate_limits;
pub mod registrations;
pub mod replica;
pub mod reports;
pub mod sending;
pub mod staff;
pub mod webhooks;

use anyhow::{Context, bail};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

/// Connection pool for whichever backend the database URL selects.
#[derive(Clone, Debug)]
pub enum Db {
    /// Embedded, zero set-up.
    Sqlite(SqlitePool),
    /// Shared by several stateless instances.
    Postgres(PgPool),
}

/// Run the same sqlx expression against the active backend. The body is compiled
/// once per arm, so every bound and decoded type must work on both backends.
#[macro_export]
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Run the same sqlx expression inside a [`WriteTx`]; `$conn` is the transaction
/// (use `&mut **$conn` as the executor).
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::db::WriteTx {
                inner: $crate::db::TxInner::Sqlite($conn),
                ..
            } => $body,
            $crate::db::WriteTx {
                inner: $crate::db::TxInner::Postgres($conn),
                ..
            } => $body,
        }
    };
}

/// A write transaction on either backend.
pub struct WriteTx {
    /// The transaction itself.
    pub inner: TxInner,
    /// SQLite: this process's turn to write (see [`sqlite_writer`]).
    _turn: Option<WriteTurn>,
}

/// This process's turn to write to a SQLite file, held until dropped.
pub struct WriteTurn {
    _guard: tokio::sync::OwnedMutexGuard<()>,
}

/// The backend's transaction inside a [`WriteTx`].
pub enum TxInner {
    /// SQLite, begun `IMMEDIATE` so the write lock is taken up front and a busy
    /// database waits (busy timeout) instead of failing at the first write.
    Sqlite(SqliteTx),
    /// PostgreSQL, default isolation.
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// A pooled SQLite connection inside `BEGIN IMMEDIATE`, committed by hand. sqlx's own
/// transaction is not used here: when a COMMIT failed (a full disk), SQLite had rolled
/// back, sqlx still counted the transaction as open and put the connection back in the
/// pool, and every later write on that connection failed ("non-zero transaction depth").
/// Here a connection neither committed nor rolled back is closed instead (closing rolls
/// back), so the pool never hands out a connection in an unknown state.
pub struct SqliteTx {
    conn: sqlx::pool::PoolConnection<sqlx::Sqlite>,
    /// Committed or rolled back: the connection may go back to the pool.
    ended: bool,
}

impl std::ops::Deref for SqliteTx {
    type Target = sqlx::SqliteConnection;
    fn deref(&self) -> &Self::Target {
        &self.conn
    }
}

impl std::ops::DerefMut for SqliteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.conn
    }
}

impl Drop for SqliteTx {
    fn drop(&mut self) {
        if !self.ended {
            self.conn.close_on_drop();
        }
    }
}

impl WriteTx {
    /// Commit; only after this returns may the user be told the write happened.
    pub async fn commit(self) -> anyhow::Result<()> {
        self.end(true).await
    }

    /// Undo everything and give the connection back in a known state (dropping a
    /// transaction also undoes it, but closes a SQLite connection).
    pub async fn rollback(self) -> anyhow::Result<()> {
        self.end(false).await
    }

    async fn end(self, keep: bool) -> anyhow::Result<()> {
        match self.inner {
            TxInner::Sqlite(mut tx) => {
                let sql = if keep { "COMMIT" } else { "ROLLBACK" };
                sqlx::query(sql).execute(&mut *tx.conn).await?;
                tx.ended = true;
            }
            TxInner::Postgres(tx) if keep => tx.commit().await?,
            TxInner::Postgres(tx) => tx.rollback().await?,
        }
        Ok(())
    }
}

/// One writer at a time per SQLite file in this process. SQLite allows one writer
/// anyway; queueing here, in order, replaces its busy-wait (which sleeps and retries
/// and made 24 simultaneous registrations take seconds). Other processes still meet
/// the busy timeout.
fn sqlite_writer(pool: &SqlitePool) -> Arc<tokio::sync::Mutex<()>> {
    static WRITERS: LazyLock<Mutex<HashMap<PathBuf, Arc<tokio::sync::Mutex<()>>>>> =
        LazyLock::new(Default::default);
    let file = pool.connect_options().get_filename().to_path_buf();
    let mut writers = match WRITERS.lock() {
        Ok(w) => w,
        Err(poisoned) => poisoned.into_inner(),
    };
    writers.entry(file).or_default().clone()
}

impl Db {
    /// Connect to the database the URL names, check it is durable, and return the pool.
    pub async fn connect(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).context("invalid PostgreSQL URL")?;
            let pool = PgPoolOptions::new()
                .max_connections(10)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .context("cannot connect to PostgreSQL")?;
            let db = Self::Postgres(pool);
            db.check_durability().await?;
            Ok(db)
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .context("invalid SQLite URL")?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: an acknowledged commit survives a crash or power loss.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                // 1 MiB of page cache per connection (SQLite's default is 2): the operating
                // system caches the file anyway, and eight full caches were a third of the
                // idle memory after browsing a million reports (issue #9).
                .pragma("cache_size", "-1024")
                // Deleted and overwritten content is zeroed, on every connection, so erased
                // personal data does not stay readable in the file's free pages.
                .pragma("secure_delete", "on");
            if let Some(dir) = options.get_filename().parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
            }
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .context("cannot open the SQLite database")?;
            let db = Self::Sqlite(pool);
            db.check_durability().await?;
            Ok(db)
        } else {
            bail!("the database URL must start with sqlite: or postgres://")
        }
    }

    /// Open a SQLite file without writing to it or checking durability (backups).
    pub async fn connect_read_only(url: &str) -> anyhow::Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?.read_only(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        Ok(Self::Sqlite(pool))
    }

    /// The file of a SQLite database (`None` for PostgreSQL).
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        match self {
            Self::Sqlite(pool) => Some(pool.connect_options().get_filename().to_path_buf()),
            Self::Postgres(_) => None,
        }
    }

    /// Refuse to run on settings that could lose an acknowledged write.
    async fn check_durability(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(pool) => {
                let mut conn = pool.acquire().await?;
                let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(&mut *conn)
                    .await?;
                let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
                    .fetch_one(&mut *conn)
                    .await?;
                let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                    .fetch_one(&mut *conn)
                    .await?;
                let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
                    .fetch_one(&mut *conn)
                    .await?;
                sqlite_settings_ok(&journal, synchronous, foreign_keys, busy)
            }
            Self::Postgres(pool) => {
                let fsync: String = sqlx::query_scalar("SHOW fsync").fetch_one(pool).await?;
                let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(pool)
                    .await?;
                postgres_settings_ok(&fsync, &commit)
            }
        }
    }

    /// Apply the migrations of the active backend (`migrations/sqlite` or `migrations/postgres`).
    pub async fn migrate(&self) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Self::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Begin a write transaction (see [`WriteTx`]).
    pub async fn begin_write(&self) -> anyhow::Result<WriteTx> {
        let turn = self.write_turn().await;
        self.begin_write_in(turn).await
    }

    /// SQLite: wait for this process's turn to write (see [`sqlite_writer`]); waiting
    /// can be given up at any point (the turn is taken or not). `None` on PostgreSQL.
    pub async fn write_turn(&self) -> Option<WriteTurn> {
        match self {
            Self::Sqlite(pool) => Some(WriteTurn {
                _guard: sqlite_writer(pool).lock_owned().await,
            }),
            Self::Postgres(_) => None,
        }
    }

    /// Begin a write transaction in a turn from [`Db::write_turn`].
    pub async fn begin_write_in(&self, turn: Option<WriteTurn>) -> anyhow::Result<WriteTx> {
        Ok(match self {
            Self::Sqlite(pool) => {
                let mut tx = SqliteTx {
                    conn: pool.acquire().await?,
                    ended: false,
                };
                sqlx::query("BEGIN IMMEDIATE")
                    .execute(&mut *tx.conn)
                    .await?;
                WriteTx {
                    inner: TxInner::Sqlite(tx),
                    _turn: turn,
                }
            }
            Self::Postgres(pool) => WriteTx {
                inner: TxInner::Postgres(pool.begin().await?),
                _turn: None,
            },
        })
    }

    /// True when the database answers a query (for `/health`).
    pub async fn is_healthy(&self) -> bool {
        const SQL: &str = "SELECT value FROM meta WHERE key = $1";
        let value: Result<Option<String>, sqlx::Error> = on_pool!(self, pool => sqlx::query_scalar(SQL).bind("schema").fetch_optional(pool).await);
        matches!(value, Ok(Some(_)))
    }

    /// Close every connection, letting SQLite checkpoint its WAL.
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await);
    }

    /// `"sqlite"` or `"postgres"`, for logs and tests.
    pub fn backend(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// SQLite must run with WAL, `synchronous=FULL` (2), foreign keys and a busy timeout.
fn sqlite_settings_ok(
    journal: &str,
    synchronous: i64,
    foreign_keys: i64,
    busy_ms: i64,
) -> anyhow::Result<()> {
    if !journal.eq_ignore_ascii_case("wal") {
        bail!("SQLite journal_mode is {journal}, expected wal");
    }
    if synchronous != 2 {
        bail!("SQLite synchronous is {synchronous}, expected 2 (FULL)");
    }
    if foreign_keys != 1 {
        bail!("SQLite foreign keys are off");
    }
    if busy_ms <= 0 {
        bail!("SQLite busy_timeout is not set");
    }
    Ok(())
}

/// PostgreSQL must not acknowledge commits it has not flushed.
fn postgres_settings_ok(fsync: &str, synchronous_commit: &str) -> anyhow::Result<()> {
    if fsync != "on" {
        bail!("PostgreSQL runs with fsync={fsync}: acknowledged reports could be lost");
    }
    if synchronous_commit == "off" {
        bail!("PostgreSQL runs with synchronous_commit=off: acknowledged reports could be lost");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_settings_that_lose_writes() {
        assert!(sqlite_settings_ok("wal", 2, 1, 10_000).is_ok());
        assert!(sqlite_settings_ok("delete", 2, 1, 10_000).is_err());
        assert!(sqlite_settings_ok("wal", 1, 1, 10_000).is_err());
        assert!(sqlite_settings_ok("wal", 2, 0, 10_000).is_err());
        assert!(sqlite_settings_ok("wal", 2, 1, 0).is_err());
        assert!(postgres_settings_ok("on", "on").is_ok());
        assert!(postgres_settings_ok("on", "local").is_ok());
        assert!(postgres_settings_ok("off", "on").is_err());
        assert!(postgres_settings_ok("on", "off").is_err());
    }
}
