//! Backups of the SQLite database: `VACUUM INTO` writes a consistent copy while the
//! portal keeps serving; restoring checks the copy and swaps it in atomically. On
//! PostgreSQL use `pg_dump` and `pg_restore` (the README says how).

use super::Db;
use anyhow::{Context, bail};
use std::path::Path;

/// Write a consistent copy of the live database to `to` (which must not exist).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn backup(db: &Db, to: &Path) -> anyhow::Result<()> {
    let Db::Sqlite(pool) = db else {
        bail!("backups of PostgreSQL are made with pg_dump (see the README, \"Backups\")");
    };
    if to.exists() {
        bail!("{} exists already: choose a new file", to.display());
    }
    let target = to.to_str().context("the backup path is not valid UTF-8")?;
    // VACUUM INTO reads one snapshot, so the copy is consistent even under writes.
    sqlx::query("VACUUM INTO $1")
        .bind(target)
        .execute(pool)
        .await
        .context("writing the backup")?;
    Ok(())
}

/// Replace the SQLite database at `database` with the backup `from`, after checking
/// that `from` is a Balai database. The server must be stopped.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn restore(from: &Path, database: &Path) -> anyhow::Result<()> {
    let url = format!("sqlite://{}?mode=ro", from.display());
    let check = Db::connect_read_only(&url)
        .await
        .with_context(|| format!("{} is not a readable SQLite file", from.display()))?;
    let healthy = check.is_healthy().await;
    check.close().await;
    if !healthy {
        bail!("{} is not a Balai database", from.display());
    }
    if let Some(dir) = database.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Copy beside the target, then rename: a crash leaves either the old or the new file.
    let tmp = database.with_extension("restoring");
    std::fs::copy(from, &tmp).context("copying the backup")?;
    std::fs::File::open(&tmp)?.sync_all()?;
    for stale in ["-wal", "-shm"] {
        let mut name = database.as_os_str().to_owned();
        name.push(stale);
        let _ = std::fs::remove_file(name);
    }
    std::fs::rename(&tmp, database).context("putting the backup in place")?;
    Ok(())
}
