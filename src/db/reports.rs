//! Reports: drafts between steps, photos, the timeline and the reporter's own actions.
//! Sending a draft is in [`super::sending`].

use super::{Db, TxInner, WriteTx};
use crate::domain::Code;
use crate::domain::case::{Actor, Event, EventKind, Photo, Report, Stamp, Status};
use crate::domain::report::Answers;
use crate::photos::ProcessedPhoto;
use crate::{on_pool, on_tx};
use time::{Duration, OffsetDateTime};

/// How long a draft lasts after its last change.
pub const DRAFT_LIFETIME: Duration = Duration::days(7);
/// How long a sent draft is kept, so the confirmation (with its access key) can be shown
/// again after a refresh or a Back-and-resend; then it is deleted.
pub const SENT_DRAFT_LIFETIME: Duration = Duration::hours(1);

/// A draft as stored.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: String,
    pub answers: Answers,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    /// Set once the draft has been sent.
    pub report_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: String,
    answers: String,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    report_id: Option<i64>,
}

/// Start a draft; expired drafts (and their photos) are deleted on the way.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create_draft(
    db: &Db,
    id: &str,
    lang: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    purge_expired(db, now).await?;
    const SQL: &str =
        "INSERT INTO report_drafts (id, lang, answers, created_at, updated_at, expires_at)
        VALUES ($1, $2, '{}', $3, $3, $4)";
    on_pool!(db, p => sqlx::query(SQL).bind(id).bind(lang).bind(now).bind(now + DRAFT_LIFETIME).execute(p).await.map(|_| ()))?;
    Ok(())
}

async fn purge_expired(db: &Db, now: OffsetDateTime) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const PHOTOS: &str = "DELETE FROM photos WHERE report_id IS NULL AND draft_id IN
        (SELECT id FROM report_drafts WHERE expires_at < $1 AND report_id IS NULL)";
    const DRAFTS: &str = "DELETE FROM report_drafts WHERE expires_at < $1";
    on_tx!(&mut tx, t => sqlx::query(PHOTOS).bind(now).execute(&mut **t).await.map(|_| ()))?;
    on_tx!(&mut tx, t => sqlx::query(DRAFTS).bind(now).execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await
}

/// The draft with this id, unless it has expired.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn draft(db: &Db, id: &str, now: OffsetDateTime) -> anyhow::Result<Option<Draft>> {
    const SQL: &str = "SELECT id, answers, created_at, expires_at, report_id FROM report_drafts
        WHERE id = $1 AND expires_at >= $2";
    let row: Option<DraftRow> =
        on_pool!(db, p => sqlx::query_as(SQL).bind(id).bind(now).fetch_optional(p).await)?;
    Ok(row.map(|r| Draft {
        id: r.id,
        // A draft written by an older version that no longer parses starts empty rather
        // than failing the page.
        answers: serde_json::from_str(&r.answers).unwrap_or_default(),
        created_at: r.created_at,
        expires_at: r.expires_at,
        report_id: r.report_id,
    }))
}

/// Save a draft's answers and give it another [`DRAFT_LIFETIME`]. A sent draft is not
/// changed (false).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn save_answers(
    db: &Db,
    id: &str,
    answers: &Answers,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    let json = serde_json::to_string(answers)?;
    const SQL: &str = "UPDATE report_drafts SET answers = $2, updated_at = $3, expires_at = $4
        WHERE id = $1 AND report_id IS NULL";
    let done = on_pool!(db, p => sqlx::query(SQL).bind(id).bind(&json).bind(now).bind(now + DRAFT_LIFETIME).execute(p).await.map(|r| r.rows_affected()))?;
    Ok(done == 1)
}

/// Why a photo was not added.
#[derive(Debug, thiserror::Error)]
pub enum AddPhotoError {
    /// The draft already has the most photos allowed.
    #[error("too many photos")]
    TooMany,
    /// The draft is gone or already sent.
    #[error("no open draft")]
    NoDraft,
    /// Anything else.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AddPhotoError {
    fn from(e: sqlx::Error) -> Self {
        Self::Other(e.into())
    }
}

/// Add a processed photo to a draft. The same `upload_id` twice (a double click) adds
/// it once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn add_photo(
    db: &Db,
    draft_id: &str,
    upload_id: &str,
    description: Option<&str>,
    photo: &ProcessedPhoto,
    max: usize,
    now: OffsetDateTime,
) -> Result<(), AddPhotoError> {
    let mut tx = db.begin_write().await?;
    lock_draft(&mut tx, draft_id).await?;
    const OPEN: &str = "SELECT COUNT(*) FROM report_drafts WHERE id = $1 AND report_id IS NULL";
    let open: i64 =
        on_tx!(&mut tx, t => sqlx::query_scalar(OPEN).bind(draft_id).fetch_one(&mut **t).await)?;
    if open == 0 {
        return Err(AddPhotoError::NoDraft);
    }
    const SEEN: &str = "SELECT COUNT(*) FROM photos WHERE upload_id = $1";
    let seen: i64 =
        on_tx!(&mut tx, t => sqlx::query_scalar(SEEN).bind(upload_id).fetch_one(&mut **t).await)?;
    if seen > 0 {
        tx.commit().await?;
        return Ok(());
    }
    const COUNT: &str = "SELECT COUNT(*) FROM photos WHERE draft_id = $1";
    let count: i64 =
        on_tx!(&mut tx, t => sqlx::query_scalar(COUNT).bind(draft_id).fetch_one(&mut **t).await)?;
    if usize::try_from(count).unwrap_or(usize::MAX) >= max {
        return Err(AddPhotoError::TooMany);
    }
    let id = crate::security::random_id()?;
    const INSERT: &str = "INSERT INTO photos (id, draft_id, upload_id, description, display, display_width, display_height,
        thumb, thumb_width, thumb_height, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
    let dim = |v: u32| i32::try_from(v).unwrap_or(i32::MAX);
    on_tx!(&mut tx, t => sqlx::query(INSERT)
        .bind(&id).bind(draft_id).bind(upload_id).bind(description)
        .bind(&photo.display).bind(dim(photo.display_width)).bind(dim(photo.display_height))
        .bind(&photo.thumb).bind(dim(photo.thumb_width)).bind(dim(photo.thumb_height))
        .bind(now)
        .execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(())
}

/// Lock a draft's row for the rest of the transaction (PostgreSQL; SQLite's immediate
/// transaction already holds the write lock), so two requests on one draft take turns.
pub(super) async fn lock_draft(tx: &mut WriteTx, draft_id: &str) -> Result<(), sqlx::Error> {
    if let TxInner::Postgres(t) = &mut tx.inner {
        sqlx::query("SELECT id FROM report_drafts WHERE id = $1 FOR UPDATE")
            .bind(draft_id)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}

/// Remove a photo from an unsent draft.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn remove_photo(db: &Db, draft_id: &str, photo_id: &str) -> anyhow::Result<()> {
    const SQL: &str = "DELETE FROM photos WHERE id = $1 AND draft_id = $2 AND report_id IS NULL";
    on_pool!(db, p => sqlx::query(SQL).bind(photo_id).bind(draft_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

/// The photos of a draft, oldest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn draft_photos(db: &Db, draft_id: &str) -> anyhow::Result<Vec<Photo>> {
    const SQL: &str =
        "SELECT id, description, display_width, display_height, thumb_width, thumb_height
        FROM photos WHERE draft_id = $1 ORDER BY created_at, id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(draft_id).fetch_all(p).await)?)
}

/// The photos of a report, in the order they were added.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn report_photos(db: &Db, report_id: i64) -> anyhow::Result<Vec<Photo>> {
    const SQL: &str =
        "SELECT id, description, display_width, display_height, thumb_width, thumb_height
        FROM photos WHERE report_id = $1 ORDER BY created_at, id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(report_id).fetch_all(p).await)?)
}

/// One variant's bytes of a photo, with what decides who may see it.
#[derive(Debug, Clone)]
pub struct PhotoBytes {
    pub bytes: Vec<u8>,
    pub draft_id: String,
    pub report_id: Option<i64>,
}

/// Whose a photo is (its draft, and its report once sent), without its bytes: enough to
/// decide who may see it and to answer a revalidation.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn photo_owner(db: &Db, id: &str) -> anyhow::Result<Option<(String, Option<i64>)>> {
    const SQL: &str = "SELECT draft_id, report_id FROM photos WHERE id = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(id).fetch_optional(p).await)?)
}

/// The bytes of `variant` (`display` or `thumb`) of a photo.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn photo_bytes(db: &Db, id: &str, thumb: bool) -> anyhow::Result<Option<PhotoBytes>> {
    // Two texts rather than a column name built at run time.
    const DISPLAY: &str = "SELECT display, draft_id, report_id FROM photos WHERE id = $1";
    const THUMB: &str = "SELECT thumb, draft_id, report_id FROM photos WHERE id = $1";
    let sql = if thumb { THUMB } else { DISPLAY };
    let row: Option<(Vec<u8>, String, Option<i64>)> =
        on_pool!(db, p => sqlx::query_as(sql).bind(id).fetch_optional(p).await)?;
    Ok(row.map(|(bytes, draft_id, report_id)| PhotoBytes {
        bytes,
        draft_id,
        report_id,
    }))
}

#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of the event row"
)]
pub(super) async fn insert_event(
    tx: &mut WriteTx,
    report_id: i64,
    at: OffsetDateTime,
    kind: EventKind,
    actor: Actor,
    public: bool,
    body: Option<&str>,
    form_id: Option<&str>,
) -> Result<bool, sqlx::Error> {
    const SQL: &str =
        "INSERT INTO report_events (report_id, at, kind, actor, public, body, form_id)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (form_id) DO NOTHING";
    // One form id per kind of action: the info and reopen forms of one page share an id.
    let form_id = form_id.map(|f| format!("{kind}:{f}"));
    let n = on_tx!(tx, t => sqlx::query(SQL).bind(report_id).bind(at).bind(kind.as_str()).bind(actor.as_str()).bind(public).bind(body).bind(&form_id).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

pub(crate) const REPORT_COLUMNS: &str = "id, code, key_hash, text_lang, kind, category, title, description, province, regency, place,
    occurred_on, agency, privacy, reporter_name, reporter_email, reporter_phone, on_behalf, relationship,
    personal_data_kept, lang, status, held, rating, rating_comment, created_at, updated_at, closed_at,
    status_before_info, version, original_title, original_description, postponed_until, verified_at,
    routed_at, answered_at, reopen_requested_at, behalf_consent_at, channel, partner_id, filed_by_staff_id,
    desk_consent_at";

/// The report with this code.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_code(db: &Db, code: &Code) -> anyhow::Result<Option<Report>> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE code = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(code.as_str()).fetch_optional(p).await)?)
}

/// The [`Stamp`] of the report with this code.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn stamp(db: &Db, code: &Code) -> anyhow::Result<Option<Stamp>> {
    const SQL: &str = "SELECT r.version, r.updated_at,
        (SELECT MAX(e.id) FROM report_events e WHERE e.report_id = r.id) AS last_event
        FROM reports r WHERE r.code = $1";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(code.as_str()).fetch_optional(p).await)?)
}

/// The report with this id.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_id(db: &Db, id: i64) -> anyhow::Result<Option<Report>> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(id).fetch_optional(p).await)?)
}

/// Report `id` as it is in `tx` (after the transaction's own changes).
pub(super) async fn read_in(tx: &mut WriteTx, id: i64) -> Result<Option<Report>, sqlx::Error> {
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1");
    on_tx!(tx, t => sqlx::query_as(&sql).bind(id).fetch_optional(&mut **t).await)
}

/// The reporter's timeline: the public steps and the exchanges with the reporter
/// (`EventKind::WITH_REPORTER`, named here in SQL; a test keeps the two equal).
const PRIVATE: &str = "SELECT at, kind, actor, agency, public, body FROM report_events
    WHERE report_id = $1 AND (public OR kind IN ('info-requested', 'reporter-info', 'rated', 'reopen-requested', 'reopen-declined'))
    ORDER BY id";

/// A report's timeline, oldest first: the public steps, or (for the reporter's
/// private view) those and the exchanges with the reporter. Internal notes never.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn events(db: &Db, report_id: i64, private_view: bool) -> anyhow::Result<Vec<Event>> {
    const PUBLIC: &str = "SELECT at, kind, actor, agency, public, body FROM report_events
        WHERE report_id = $1 AND public ORDER BY id";
    let sql = if private_view { PRIVATE } else { PUBLIC };
    Ok(on_pool!(db, p => sqlx::query_as(sql).bind(report_id).fetch_all(p).await)?)
}

/// The reporter adds information (or answers a question): a private event; a report
/// waiting for information goes back to the verifiers. The same form twice adds it once.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn add_reporter_info(
    db: &Db,
    report_id: i64,
    body: &str,
    form_id: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    if insert_event(
        &mut tx,
        report_id,
        now,
        EventKind::ReporterInfo,
        Actor::Reporter,
        false,
        Some(body),
        Some(form_id),
    )
    .await?
    {
        const SQL: &str = "UPDATE reports SET status = COALESCE(status_before_info, 'submitted'), status_before_info = NULL,
            version = version + 1, updated_at = $2 WHERE id = $1 AND status = 'info-requested'";
        on_tx!(&mut tx, t => sqlx::query(SQL).bind(report_id).bind(now).execute(&mut **t).await.map(|_| ()))?;
        // The agency's system, if the report was routed and the agency has a webhook.
        if let Some(r) = read_in(&mut tx, report_id).await? {
            super::webhooks::about_report(
                &mut tx,
                crate::domain::webhook::EventType::ReporterAnswered,
                &r,
                Some(body),
                now,
            )
            .await?;
        }
    }
    tx.commit().await
}

/// The reporter rates the outcome of an answered or closed report (a new rating
/// replaces the old). False when the report is not answered yet.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn rate(
    db: &Db,
    report_id: i64,
    rating: i32,
    comment: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    const SQL: &str = "UPDATE reports SET rating = $2, rating_comment = $3, updated_at = $4
        WHERE id = $1 AND status IN ('answered', 'closed')";
    let n = on_tx!(&mut tx, t => sqlx::query(SQL).bind(report_id).bind(rating).bind(comment).bind(now).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    if n == 1 {
        let body = rating.to_string();
        insert_event(
            &mut tx,
            report_id,
            now,
            EventKind::Rated,
            Actor::Reporter,
            false,
            Some(&body),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n == 1)
}

/// The reporter asks to reopen a closed report (staff decide). The same form twice
/// asks once.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn request_reopen(
    db: &Db,
    report_id: i64,
    reason: &str,
    form_id: &str,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    let new = insert_event(
        &mut tx,
        report_id,
        now,
        EventKind::ReopenRequested,
        Actor::Reporter,
        false,
        Some(reason),
        Some(form_id),
    )
    .await?;
    // Into the staff queue's list of reopen requests, with the deadline counted from the
    // first request (a second one while it waits does not move the deadline).
    if new {
        const SQL: &str =
            "UPDATE reports SET reopen_requested_at = COALESCE(reopen_requested_at, $2)
            WHERE id = $1 AND status = 'closed'";
        on_tx!(&mut tx, t => sqlx::query(SQL).bind(report_id).bind(now).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await
}

/// Change a report's status and record it on the timeline (the staff workflow uses
/// this; so do tests that need a report in a later state).
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn set_status(
    db: &Db,
    report_id: i64,
    status: Status,
    actor: Actor,
    public: bool,
    body: Option<&str>,
    now: OffsetDateTime,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    const SQL: &str = "UPDATE reports SET status = $2, updated_at = $3,
        closed_at = CASE WHEN $2 = 'closed' THEN $3 ELSE closed_at END,
        verified_at = CASE WHEN $2 = 'verified' AND verified_at IS NULL THEN $3 ELSE verified_at END,
        routed_at = CASE WHEN $2 = 'routed' THEN $3 ELSE routed_at END,
        answered_at = CASE WHEN $2 = 'answered' THEN $3 ELSE answered_at END,
        version = version + 1 WHERE id = $1";
    on_tx!(&mut tx, t => sqlx::query(SQL).bind(report_id).bind(status.as_str()).bind(now).execute(&mut **t).await.map(|_| ()))?;
    insert_event(
        &mut tx,
        report_id,
        now,
        EventKind::of_status(status),
        actor,
        public,
        body,
        None,
    )
    .await?;
    tx.commit().await
}

/// A timeline event of a synthetic report (`balai seed --reports`).
#[derive(Debug, Clone)]
pub struct SyntheticEvent {
    pub at: OffsetDateTime,
    pub kind: EventKind,
    pub actor: Actor,
    pub public: bool,
    pub body: Option<&'static str>,
}

/// A synthetic report, already in its final state (`balai seed --reports`).
#[derive(Debug, Clone)]
pub struct SyntheticReport {
    pub code: String,
    pub draft_id: String,
    pub kind: &'static str,
    pub category: String,
    pub title: String,
    pub description: String,
    pub province: String,
    pub regency: String,
    pub agency: Option<String>,
    pub privacy: &'static str,
    pub lang: &'static str,
    pub status: Status,
    pub created_at: OffsetDateTime,
    pub verified_at: Option<OffsetDateTime>,
    pub routed_at: Option<OffsetDateTime>,
    pub answered_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    pub events: Vec<SyntheticEvent>,
}

/// Write synthetic reports and their events in one transaction, with multi-row inserts
/// (a row that clashes with an existing code is skipped). Returns how many were written.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_synthetic(db: &Db, rows: &[SyntheticReport]) -> anyhow::Result<u64> {
    if rows.is_empty() {
        return Ok(0);
    }
    let sql = row_sql(rows.len());
    sql_insert_synthetic(db, &sql, rows).await
}

/// The multi-row INSERT for `n` synthetic reports, 18 values each (500 rows stay under
/// SQLite's 32,766 bound values).
fn row_sql(n: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO reports (code, key_hash, draft_id, kind, category, title, description, province, regency,
         occurred_on, agency, privacy, reporter_name, lang, status, created_at, updated_at, verified_at, routed_at,
         answered_at, closed_at, on_behalf, personal_data_kept, held) VALUES ",
    );
    for i in 0..n {
        let b = i * 18;
        if i > 0 {
            sql.push(',');
        }
        let p = |k: usize| format!("${}", b + k);
        sql.push_str(&format!(
            "({}, 'seed', {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 'Warga Contoh', {}, {}, {}, {}, {}, {}, {}, {}, FALSE, FALSE, FALSE)",
            p(1), p(2), p(3), p(4), p(5), p(6), p(7), p(8), p(9), p(10), p(11), p(12), p(13), p(14), p(14), p(15), p(16), p(17), p(18)
        ));
    }
    sql.push_str(" ON CONFLICT DO NOTHING RETURNING id, draft_id");
    sql
}

async fn sql_insert_synthetic(db: &Db, sql: &str, rows: &[SyntheticReport]) -> anyhow::Result<u64> {
    let mut tx = db.begin_write().await?;
    let ids: Vec<(i64, String)> = on_tx!(&mut tx, t => {
        let mut q = sqlx::query_as(sql);
        for r in rows {
            q = q
                .bind(&r.code).bind(&r.draft_id).bind(r.kind).bind(&r.category).bind(&r.title)
                .bind(&r.description).bind(&r.province).bind(&r.regency)
                .bind(r.created_at.date().to_string()).bind(&r.agency).bind(r.privacy).bind(r.lang)
                .bind(r.status.as_str()).bind(r.created_at).bind(r.verified_at).bind(r.routed_at).bind(r.answered_at)
                .bind(r.closed_at);
        }
        q.fetch_all(&mut **t).await
    })?;
    let by_draft: std::collections::HashMap<&str, &SyntheticReport> =
        rows.iter().map(|r| (r.draft_id.as_str(), r)).collect();
    let mut events: Vec<(i64, &SyntheticEvent)> = Vec::new();
    for (id, draft) in &ids {
        if let Some(r) = by_draft.get(draft.as_str()) {
            events.extend(r.events.iter().map(|e| (*id, e)));
        }
    }
    for chunk in events.chunks(1000) {
        let mut sql = String::from(
            "INSERT INTO report_events (report_id, at, kind, actor, public, body) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 6;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6
            ));
        }
        on_tx!(&mut tx, t => {
            let mut q = sqlx::query(&sql);
            for (id, e) in chunk {
                q = q.bind(*id).bind(e.at).bind(e.kind.as_str()).bind(e.actor.as_str()).bind(e.public).bind(e.body);
            }
            q.execute(&mut **t).await.map(|_| ())
        })?;
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// Erase the personal data of reports finished (closed, rejected, archived) before
/// `finished_before`, once (see `retention`); how many reports.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn erase_personal_data(
    db: &Db,
    finished_before: OffsetDateTime,
    now: OffsetDateTime,
) -> anyhow::Result<u64> {
    const DUE: &str = "status IN ('closed', 'rejected', 'archived') AND erased_at IS NULL
        AND COALESCE(closed_at, updated_at) < $1";
    let events = format!(
        "UPDATE report_events SET body = NULL WHERE NOT public AND body IS NOT NULL
         AND report_id IN (SELECT id FROM reports WHERE {DUE})"
    );
    let reports = format!(
        "UPDATE reports SET reporter_name = NULL, reporter_email = NULL, reporter_phone = NULL,
         relationship = NULL, original_title = NULL, original_description = NULL,
         rating_comment = NULL, latitude = NULL, longitude = NULL, media_url = NULL,
         erased_at = $2 WHERE {DUE}"
    );
    let mut tx = db.begin_write().await?;
    on_tx!(&mut tx, t => sqlx::query(&events).bind(finished_before).execute(&mut **t).await.map(|_| ()))?;
    let erased = on_tx!(&mut tx, t => sqlx::query(&reports).bind(finished_before).bind(now).execute(&mut **t).await.map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(erased)
}

/// How long a link to make a new access key works.
pub const KEY_LINK_LIFETIME: Duration = Duration::hours(1);
/// After its use, a link shows the same new key again for this long (a double click on
/// "Make a new access key" must not leave the reporter with neither key), then no more.
pub const KEY_LINK_REPEAT: Duration = Duration::minutes(5);

/// A lost key: if the report with `code` was sent with `email` (compared trimmed, in lower
/// case), write a one-time link (`token_hash`, valid [`KEY_LINK_LIFETIME`]) and its message
/// (`message(report id, the stored address)`) in one transaction. A repeated form
/// (`dedupe`, the message's key, already in the outbox) writes nothing. Whether it
/// matched is for the caller's tests only: the page says the same either way.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ask_for_key_link(
    db: &Db,
    code: &Code,
    email: &str,
    token_hash: &str,
    message: impl FnOnce(i64, &str) -> super::outbox::NewMessage,
    now: OffsetDateTime,
) -> anyhow::Result<bool> {
    const FIND: &str = "SELECT id, reporter_email FROM reports WHERE code = $1";
    let found: Option<(i64, Option<String>)> =
        on_pool!(db, p => sqlx::query_as(FIND).bind(code.as_str()).fetch_optional(p).await)?;
    let wanted = email.trim().to_lowercase();
    let Some((id, Some(stored))) = found else {
        return Ok(false);
    };
    if stored.trim().to_lowercase() != wanted {
        return Ok(false);
    }
    let row = message(id, &stored);
    let mut tx = db.begin_write().await?;
    const SEEN: &str = "SELECT COUNT(*) FROM outbox WHERE dedupe = $1";
    let seen: i64 =
        on_tx!(&mut tx, t => sqlx::query_scalar(SEEN).bind(&row.dedupe).fetch_one(&mut **t).await)?;
    if seen == 0 {
        const LINK: &str =
            "INSERT INTO key_recovery (token_hash, report_id, expires_at) VALUES ($1, $2, $3)";
        on_tx!(&mut tx, t => sqlx::query(LINK).bind(token_hash).bind(id).bind(now + KEY_LINK_LIFETIME).execute(&mut **t).await.map(|_| ()))?;
        // A link that no longer works is not worth sending (SMTP down for over an hour),
        // and its token leaves the outbox when it expires.
        let row = row.clone().expires(now + KEY_LINK_LIFETIME);
        super::outbox::enqueue(&mut tx, &row, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Where a link to make a new access key stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyLink {
    /// Unused and in time: the code of its report.
    Usable(String),
    /// Used, expired, or never made.
    Gone,
}

#[derive(sqlx::FromRow)]
struct KeyLinkRow {
    report_id: i64,
    code: String,
    key_hash: String,
    expires_at: OffsetDateTime,
    used_at: Option<OffsetDateTime>,
}

async fn key_link_row(
    tx: &mut WriteTx,
    token_hash: &str,
) -> Result<Option<KeyLinkRow>, sqlx::Error> {
    let lock = if matches!(tx.inner, TxInner::Postgres(_)) {
        " FOR UPDATE OF k"
    } else {
        ""
    };
    let sql = format!(
        "SELECT k.report_id, r.code, r.key_hash, k.expires_at, k.used_at FROM key_recovery k
        JOIN reports r ON r.id = k.report_id WHERE k.token_hash = $1{lock}"
    );
    on_tx!(tx, t => sqlx::query_as(&sql).bind(token_hash).fetch_optional(&mut **t).await)
}

/// Whether the link with `token_hash` can still be used (reads only).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn key_link(db: &Db, token_hash: &str, now: OffsetDateTime) -> anyhow::Result<KeyLink> {
    const SQL: &str = "SELECT r.code FROM key_recovery k JOIN reports r ON r.id = k.report_id
        WHERE k.token_hash = $1 AND k.used_at IS NULL AND k.expires_at > $2";
    let code: Option<String> = on_pool!(db, p => sqlx::query_scalar(SQL).bind(token_hash).bind(now).fetch_optional(p).await)?;
    Ok(code.map_or(KeyLink::Gone, KeyLink::Usable))
}

/// Use the link with `token_hash`: the report's key becomes the one whose hash is
/// `new_key_hash` (the old key stops working) and the link is used. The same link again
/// within [`KEY_LINK_REPEAT`] while that key is still the report's gives its code again
/// (the page shows the same key); otherwise [`KeyLink::Gone`].
#[tracing::instrument(level = "debug", skip_all)]
pub async fn use_key_link(
    db: &Db,
    token_hash: &str,
    new_key_hash: &str,
    now: OffsetDateTime,
) -> anyhow::Result<KeyLink> {
    let mut tx = db.begin_write().await?;
    let Some(link) = key_link_row(&mut tx, token_hash).await? else {
        return Ok(KeyLink::Gone);
    };
    let outcome = match link.used_at {
        Some(used) => {
            let same = crate::security::constant_time_eq(&link.key_hash, new_key_hash);
            if same && now < used + KEY_LINK_REPEAT {
                KeyLink::Usable(link.code)
            } else {
                KeyLink::Gone
            }
        }
        None if link.expires_at <= now => KeyLink::Gone,
        None => {
            const USED: &str = "UPDATE key_recovery SET used_at = $2 WHERE token_hash = $1";
            on_tx!(&mut tx, t => sqlx::query(USED).bind(token_hash).bind(now).execute(&mut **t).await.map(|_| ()))?;
            const KEY: &str = "UPDATE reports SET key_hash = $2 WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(KEY).bind(link.report_id).bind(new_key_hash).execute(&mut **t).await.map(|_| ()))?;
            // Other links asked for this report stop working too.
            const OTHERS: &str = "UPDATE key_recovery SET used_at = $2
                WHERE report_id = $1 AND used_at IS NULL";
            on_tx!(&mut tx, t => sqlx::query(OTHERS).bind(link.report_id).bind(now).execute(&mut **t).await.map(|_| ()))?;
            KeyLink::Usable(link.code)
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Record the language a sent report's title and description were written in (`id` or
/// `en`, the page's language when they were typed).
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn set_text_lang(db: &Db, report_id: i64, lang: &str) -> anyhow::Result<()> {
    const SQL: &str = "UPDATE reports SET text_lang = $1 WHERE id = $2 AND text_lang IS NULL";
    on_pool!(db, p => sqlx::query(SQL).bind(lang).bind(report_id).execute(p).await.map(|_| ()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_private_timeline_names_every_exchange_with_the_reporter() {
        let named = PRIVATE
            .split("kind IN (")
            .nth(1)
            .and_then(|r| r.split(')').next());
        let named: Vec<&str> = named
            .unwrap_or_default()
            .split(',')
            .map(|k| k.trim().trim_matches('\''))
            .collect();
        let kinds: Vec<&str> = EventKind::WITH_REPORTER
            .iter()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(named, kinds);
    }
}
