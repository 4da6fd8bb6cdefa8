//! Sending a draft: the report, its photos, its first timeline event and the hit on the
//! sending limit are written together, and the reporter is told only after they are
//! durable. A draft already sent gives that report again (double click, refresh, Back
//! and resend).
//!
//! SQLite has one writer and one durable commit (a WAL fsync) per transaction: sent one
//! by one, the send step managed about a quarter of the disk's single-row commit rate
//! (issue #9). So sends are committed in groups: each send joins a queue, whoever gets
//! the writer's turn takes every queued send (at most [`MAX_BATCH`]) into one
//! transaction, commits once and answers them all. A batch runs in a task of its own, so
//! a request that goes away does not cut the others' batch short.
//!
//! Within a batch a send reads before it writes (its draft, whether it was sent, the
//! limit's window) and writes only when it makes a report, so a repeat or a refusal
//! leaves nothing to undo. Savepoints would be simpler but cost a third of the writer's
//! time: each makes SQLite copy every page it changes to a sub-journal, and the
//! full-text index flushes its pending terms at each one. A send that fails for another
//! reason (the disk) fails its batch, which is then sent again one send per transaction,
//! so that one bad send cannot keep failing everyone queued with it.
//!
//! PostgreSQL commits concurrent transactions in groups by itself: there each send is a
//! transaction of its own that counts its hit first and rolls back if it made no report.

use super::reports::{SENT_DRAFT_LIFETIME, insert_event, lock_draft};
use super::{Db, TxInner, WriteTx};
use crate::domain::Code;
use crate::domain::case::{Actor, EventKind};
use crate::domain::report::{Channel, NewReport};
use crate::on_tx;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use time::OffsetDateTime;

/// At most this many sends in one transaction (one batch keeps the writer this long).
pub const MAX_BATCH: usize = 64;

/// The outcome of [`send`].
#[derive(Debug, Clone)]
pub struct Sent {
    pub report_id: i64,
    pub code: Code,
    /// True when the draft had already been sent: nothing new was created.
    pub repeated: bool,
}

/// Why [`send`] sent nothing.
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The draft is gone (expired).
    #[error("no such draft")]
    NoDraft,
    /// Over the sending limit: seconds to wait.
    #[error("rate limited")]
    RateLimited(i64),
    /// Anything else (the database is down, the disk is full).
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for SendError {
    fn from(e: sqlx::Error) -> Self {
        Self::Other(e.into())
    }
}

/// What a send finds first, in one statement: the draft (`None`: gone), the report it
/// became if it was sent, and with a limit the window and hits counted.
#[derive(sqlx::FromRow)]
struct SendState {
    window_start: Option<i64>,
    hits: Option<i64>,
    draft: Option<String>,
    sent_id: Option<i64>,
    sent_code: Option<String>,
}

/// The draft's part of [`SendState`], the draft id bound as `$n`.
macro_rules! draft_state_sql {
    ($n:literal) => {
        concat!(
            "(SELECT id FROM report_drafts WHERE id = $",
            $n,
            ") AS draft,
            (SELECT report_id FROM report_drafts WHERE id = $",
            $n,
            ") AS sent_id,
            (SELECT r.code FROM report_drafts d JOIN reports r ON r.id = d.report_id
                WHERE d.id = $",
            $n,
            ") AS sent_code"
        )
    };
}

/// PostgreSQL: the hit on the limit (`$1`..`$3`) and the draft (`$4`), one round trip.
const STATE_WITH_HIT: &str = concat!(super::rate_limits::hit_sql!(), ", ", draft_state_sql!("4"));
/// PostgreSQL: the draft (`$1`) without a limit.
const STATE: &str = concat!(
    "SELECT CAST(0 AS BIGINT) AS window_start, CAST(0 AS BIGINT) AS hits, ",
    draft_state_sql!("1")
);
/// SQLite, reading only: the draft (`$1`) and the window of the limit's bucket (`$2`).
const STATE_SQLITE: &str = concat!(
    "SELECT (SELECT window_start FROM rate_limits WHERE bucket = $2) AS window_start,
        (SELECT hits FROM rate_limits WHERE bucket = $2) AS hits, ",
    draft_state_sql!("1")
);

/// A new report, `$1`..`$26` as bound by [`bind_report!`]. A report filed at the desk
/// (`$26`, the staff member, given) was agreed to by the citizen when it was filed: the
/// desk refuses it otherwise.
macro_rules! insert_report_sql {
    () => {
        "INSERT INTO reports (code, key_hash, draft_id, kind, category, title, description,
        province, regency, place, occurred_on, agency, privacy, reporter_name, reporter_email, reporter_phone,
        on_behalf, relationship, personal_data_kept, lang, notify_by_email, status, held, created_at, updated_at,
        behalf_consent_at, channel, partner_id, filed_by_staff_id, desk_consent_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        $21, 'submitted', $22, $23, $23, CASE WHEN $17 THEN $23 ELSE NULL END, $24, $25, $26,
        CASE WHEN $26 IS NULL THEN NULL ELSE $23 END)"
    };
}

/// Bind a new report's values to a query of [`insert_report_sql!`]'s text.
macro_rules! bind_report {
    ($query:expr, $code:expr, $key_hash:expr, $draft_id:expr, $r:expr, $occurred:expr, $lang:expr, $held:expr, $now:expr, $origin:expr) => {
        $query
            .bind($code.as_str())
            .bind($key_hash)
            .bind($draft_id)
            .bind($r.kind.as_str())
            .bind(&$r.category)
            .bind(&$r.title)
            .bind(&$r.description)
            .bind(&$r.province)
            .bind(&$r.regency)
            .bind(&$r.place)
            .bind($occurred)
            .bind(&$r.agency)
            .bind($r.privacy.as_str())
            .bind(&$r.name)
            .bind(&$r.email)
            .bind(&$r.phone)
            .bind($r.on_behalf)
            .bind(&$r.relationship)
            .bind($r.personal_data_kept)
            .bind($lang)
            .bind($r.notify_by_email)
            .bind($held)
            .bind($now)
            .bind($origin.channel.as_str())
            .bind($origin.partner_id)
            .bind($origin.filed_by_staff_id)
    };
}

/// SQLite: the report, its photos, the draft marked sent and the first event in one call
/// (sqlx runs the statements one after another in its worker thread, each binding its
/// `$n` by number; every call is a round trip to that thread while the rest of the batch
/// waits). `$27` is when the sent draft expires; `$hit` counts the hit on the limit. The
/// report comes first: when its code is taken, nothing else has been written.
macro_rules! send_sqlite_sql {
    ($hit:expr) => {
        concat!(
            insert_report_sql!(),
            ";
    UPDATE photos SET report_id = (SELECT id FROM reports WHERE draft_id = $3) WHERE draft_id = $3;
    UPDATE report_drafts SET report_id = (SELECT id FROM reports WHERE draft_id = $3), answers = '{}',
        updated_at = $23, expires_at = $27 WHERE id = $3;
    INSERT INTO report_events (report_id, at, kind, actor, public)
        SELECT report_id, $23, 'submitted', 'reporter', TRUE FROM report_drafts WHERE id = $3;
    ",
            $hit,
            "SELECT report_id FROM report_drafts WHERE id = $3"
        )
    };
}
const SEND_SQLITE: &str = send_sqlite_sql!("");
/// [`SEND_SQLITE`] counting a hit: `$28` bucket, `$29` now (Unix seconds), `$30` now less
/// the window.
const SEND_SQLITE_WITH_HIT: &str = send_sqlite_sql!(concat!(
    super::rate_limits::hit_upsert_sql!("28", "29", "30"),
    ";\n    "
));

/// Where a report came from: its channel, the partner system that posted it, the staff
/// member who filed it at the assisted-intake desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub channel: Channel,
    /// The partner (`partners.id`) whose system posted it through the API.
    pub partner_id: Option<i64>,
    /// The staff member (`staff_users.id`) who filed it at the desk, with the citizen's
    /// consent (stored as given at the time of the send).
    pub filed_by_staff_id: Option<i64>,
}

impl Origin {
    /// Balai's own web form.
    pub const WEB: Self = Self {
        channel: Channel::Web,
        partner_id: None,
        filed_by_staff_id: None,
    };
}

/// One send, owned so that a batch can carry it.
struct Job {
    limit: Option<(super::rate_limits::Bucket, i64, i64)>,
    draft_id: String,
    report: NewReport,
    key_hash: String,
    lang: String,
    held: bool,
    now: OffsetDateTime,
    origin: Origin,
}

impl Job {
    fn limit(&self) -> Option<super::rate_limits::Limit<'_>> {
        let (bucket, per_window, window_secs) = self.limit.as_ref()?;
        Some(super::rate_limits::Limit {
            bucket,
            per_window: *per_window,
            window_secs: *window_secs,
        })
    }
}

type Reply = tokio::sync::oneshot::Sender<Result<Sent, SendError>>;
type Queue = Arc<Mutex<Vec<(Job, Reply)>>>;

/// The queue of sends waiting for a SQLite file.
fn queue_of(file: PathBuf) -> Queue {
    static QUEUES: LazyLock<Mutex<HashMap<PathBuf, Queue>>> = LazyLock::new(Default::default);
    let mut queues = QUEUES.lock().unwrap_or_else(|p| p.into_inner());
    queues.entry(file).or_default().clone()
}

/// Send a draft (see the module's comment): `Ok` only once the report is durable.
#[expect(
    clippy::too_many_arguments,
    reason = "each argument is one column or check of the send; a struct would only rename them"
)]
#[tracing::instrument(level = "debug", skip_all)]
pub async fn send(
    db: &Db,
    limit: Option<super::rate_limits::Limit<'_>>,
    draft_id: &str,
    report: &NewReport,
    origin: Origin,
    key_hash: &str,
    lang: &str,
    held: bool,
    now: OffsetDateTime,
) -> Result<Sent, SendError> {
    let job = Job {
        limit: limit.map(|l| (l.bucket.clone(), l.per_window, l.window_secs)),
        draft_id: draft_id.to_owned(),
        report: report.clone(),
        key_hash: key_hash.to_owned(),
        lang: lang.to_owned(),
        held,
        now,
        origin,
    };
    let Some(file) = db.sqlite_file() else {
        return alone(db, &job).await;
    };
    let queue = queue_of(file);
    let (reply, mut answer) = tokio::sync::oneshot::channel();
    queue
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((job, reply));
    loop {
        tokio::select! {
            biased;
            answer = &mut answer => {
                return answer.unwrap_or_else(|_| Err(anyhow::anyhow!("the batch with this report stopped").into()));
            }
            turn = db.write_turn() => {
                let jobs: Vec<_> = {
                    let mut q = queue.lock().unwrap_or_else(|p| p.into_inner());
                    let n = q.len().min(MAX_BATCH);
                    q.drain(..n).collect()
                };
                // Empty: a batch before took this send; its answer is there.
                if !jobs.is_empty() {
                    tokio::spawn(run_batch(db.clone(), turn, jobs));
                }
            }
        }
    }
}

/// Send `jobs` in one transaction and answer each, after the commit.
async fn run_batch(db: Db, turn: Option<super::WriteTurn>, jobs: Vec<(Job, Reply)>) {
    let outcomes = match together(&db, turn, &jobs).await {
        Ok(outcomes) => outcomes,
        Err(e) => {
            tracing::warn!(
                error = format!("{e:#}"),
                sends = jobs.len(),
                "a batch of sends failed: sending each alone"
            );
            let mut outcomes = Vec::with_capacity(jobs.len());
            for (job, _) in &jobs {
                outcomes.push(alone(&db, job).await);
            }
            outcomes
        }
    };
    for ((_, reply), outcome) in jobs.into_iter().zip(outcomes) {
        let _ = reply.send(outcome);
    }
}

/// `jobs` in one transaction: a refusal is an answer, any other error undoes them all.
async fn together(
    db: &Db,
    turn: Option<super::WriteTurn>,
    jobs: &[(Job, Reply)],
) -> anyhow::Result<Vec<Result<Sent, SendError>>> {
    let mut tx = db.begin_write_in(turn).await?;
    let mut outcomes = Vec::with_capacity(jobs.len());
    for (job, _) in jobs {
        match write(&mut tx, job).await {
            Err(SendError::Other(e)) => {
                if let Err(undo) = tx.rollback().await {
                    tracing::warn!(error = format!("{undo:#}"), "rollback failed");
                }
                return Err(e);
            }
            outcome => outcomes.push(outcome),
        }
    }
    tx.commit().await?;
    Ok(outcomes)
}

/// One send in a transaction of its own, kept only if it made a report.
async fn alone(db: &Db, job: &Job) -> Result<Sent, SendError> {
    let mut tx = db.begin_write().await?;
    let sent = write(&mut tx, job).await;
    match &sent {
        Ok(s) if !s.repeated => tx.commit().await?,
        _ => tx.rollback().await?,
    }
    sent
}

/// The statements of one send.
async fn write(tx: &mut WriteTx, job: &Job) -> Result<Sent, SendError> {
    let draft_id = job.draft_id.as_str();
    lock_draft(tx, draft_id).await?;
    let now_unix = job.now.unix_timestamp();
    let limit = job.limit();
    let sqlite = matches!(tx.inner, TxInner::Sqlite(_));
    let state: SendState = match (sqlite, limit) {
        (true, _) => on_tx!(&mut *tx, t => sqlx::query_as(STATE_SQLITE)
            .bind(draft_id).bind(limit.map_or("", |l| l.bucket.as_str()))
            .fetch_one(&mut **t).await)?,
        (false, Some(l)) => on_tx!(&mut *tx, t => sqlx::query_as(STATE_WITH_HIT)
            .bind(l.bucket.as_str()).bind(now_unix).bind(now_unix - l.window_secs).bind(draft_id)
            .fetch_one(&mut **t).await)?,
        (false, None) => {
            on_tx!(&mut *tx, t => sqlx::query_as(STATE).bind(draft_id).fetch_one(&mut **t).await)?
        }
    };
    if state.draft.is_none() {
        return Err(SendError::NoDraft);
    }
    if let Some(report_id) = state.sent_id {
        let code = state.sent_code.as_deref().and_then(Code::parse);
        let code = code.ok_or_else(|| anyhow::anyhow!("stored code unreadable"))?;
        return Ok(Sent {
            report_id,
            code,
            repeated: true,
        });
    }
    if let Some(limit) = limit {
        let stored = state.window_start.zip(state.hits);
        // PostgreSQL counted the hit above; SQLite counts it with the report.
        let window = if sqlite {
            super::rate_limits::after_hit(stored, limit, now_unix)
        } else {
            stored.ok_or_else(|| anyhow::anyhow!("the hit returned no window"))?
        };
        if let Some(wait) = super::rate_limits::wait(limit, now_unix, window) {
            return Err(SendError::RateLimited(wait));
        }
    }
    let (r, key_hash, lang, held, now) = (
        &job.report,
        job.key_hash.as_str(),
        job.lang.as_str(),
        job.held,
        job.now,
    );
    let occurred = r.occurred_on.to_string();
    let expires = now + SENT_DRAFT_LIFETIME;
    // 44 bits make a clash rare. SQLite tries again after the unique index refused the
    // code (a refused statement leaves the transaction as it was); PostgreSQL looks
    // first, because there a refused statement ends the transaction.
    for _ in 0..8 {
        let code = Code::generate()?;
        if let TxInner::Sqlite(t) = &mut tx.inner {
            let sql = if limit.is_some() {
                SEND_SQLITE_WITH_HIT
            } else {
                SEND_SQLITE
            };
            let q = bind_report!(
                sqlx::query_scalar(sql),
                code,
                key_hash,
                draft_id,
                r,
                &occurred,
                lang,
                held,
                now,
                job.origin
            );
            let q = q.bind(expires);
            let q = match limit {
                Some(l) => q
                    .bind(l.bucket.as_str())
                    .bind(now_unix)
                    .bind(now_unix - l.window_secs),
                None => q,
            };
            match q.fetch_all(&mut **t).await {
                Ok(ids) => {
                    let Some(Some(report_id)) = ids.last().copied() else {
                        return Err(anyhow::anyhow!("the sent draft has no report").into());
                    };
                    return Ok(Sent {
                        report_id,
                        code,
                        repeated: false,
                    });
                }
                Err(sqlx::Error::Database(e))
                    if e.is_unique_violation() && e.message().contains("reports.code") =>
                {
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
        }
        const TAKEN: &str = "SELECT COUNT(*) FROM reports WHERE code = $1";
        let taken: i64 = on_tx!(&mut *tx, t => sqlx::query_scalar(TAKEN).bind(code.as_str()).fetch_one(&mut **t).await)?;
        if taken > 0 {
            continue;
        }
        const INSERT: &str = concat!(insert_report_sql!(), " RETURNING id");
        let report_id: i64 = on_tx!(&mut *tx, t => bind_report!(sqlx::query_scalar(INSERT), code, key_hash, draft_id, r, &occurred, lang, held, now, job.origin)
            .fetch_one(&mut **t).await)?;
        const PHOTOS: &str = "UPDATE photos SET report_id = $1 WHERE draft_id = $2";
        on_tx!(&mut *tx, t => sqlx::query(PHOTOS).bind(report_id).bind(draft_id).execute(&mut **t).await.map(|_| ()))?;
        // The draft keeps only what the confirmation needs; the answers are in the report now.
        const DONE: &str = "UPDATE report_drafts SET report_id = $1, answers = '{}', updated_at = $2, expires_at = $3 WHERE id = $4";
        on_tx!(&mut *tx, t => sqlx::query(DONE).bind(report_id).bind(now).bind(expires).bind(draft_id).execute(&mut **t).await.map(|_| ()))?;
        insert_event(
            tx,
            report_id,
            now,
            EventKind::Submitted,
            Actor::Reporter,
            true,
            None,
            None,
        )
        .await?;
        return Ok(Sent {
            report_id,
            code,
            repeated: false,
        });
    }
    Err(anyhow::anyhow!("no free tracking code in 8 tries").into())
}
