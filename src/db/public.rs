//! The one query layer for everything public: browse, search, statistics, agency records,
//! feeds and open data all read through [`PUBLIC`] and [`PublicReport`], which has no
//! column for a name, a contact, a note or a key. A report is public when it was verified,
//! is not confidential, not held as spam, and not rejected or waiting for information;
//! [`crate::domain::case::Report::is_public`] says the same for one report (a test keeps the two
//! in step).

use super::Db;
use crate::domain::case::Status;
use crate::domain::public::{Browse, Cursor, PublicEvent, PublicReport, Sort, StatusFilter};
use crate::on_pool;
use time::OffsetDateTime;

/// The condition on `reports r` that makes a report public.
pub const PUBLIC: &str = "r.privacy <> 'confidential' AND r.held = FALSE AND r.verified_at IS NOT NULL \
     AND r.status NOT IN ('submitted', 'rejected', 'info-requested')";

/// The public columns of a report.
pub const PUBLIC_COLUMNS: &str = "r.id, r.code, r.kind, r.category, r.title, r.description, r.text_lang, r.province, r.regency, \
     r.agency, r.status, r.privacy = 'anonymous' AS anonymous, r.created_at, r.routed_at, r.answered_at, r.closed_at, r.channel";

/// The condition a status filter adds to [`PUBLIC`].
fn status_sql(filter: StatusFilter) -> &'static str {
    match filter {
        StatusFilter::Resolved => " AND r.status = 'closed'",
        StatusFilter::Answered => " AND r.status = 'answered'",
        StatusFilter::Open => " AND r.status IN ('verified', 'routed', 'in-progress')",
        StatusFilter::All => "",
    }
}

/// A value bound into a query built at run time (from fixed pieces only).
#[derive(Debug, Clone)]
enum Arg {
    Text(String),
    Time(OffsetDateTime),
    Int(i64),
}

/// Make a person's words into a query: each word must appear (SQLite FTS5 takes them
/// quoted, so no word is read as an operator).
fn fts5_query(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A browse's query up to its WHERE clause, selecting `what`, with its arguments (numbered
/// from `$1`), and the expression of the report id to order and page by. A text search on
/// SQLite starts from the FTS index, which yields its matches in id order, so a page of a
/// common word stops after a page's worth of matches instead of collecting them all.
fn select(db: &Db, b: &Browse, what: &str, args: &mut Vec<Arg>) -> (String, &'static str) {
    let fts = b.text.is_some() && matches!(db, Db::Sqlite(_));
    let (from, id) = if fts {
        (
            "reports_fts JOIN reports r ON r.id = reports_fts.rowid",
            "reports_fts.rowid",
        )
    } else {
        ("reports r", "r.id")
    };
    let sql = format!(
        "SELECT {what} FROM {from} WHERE {}",
        where_clause(db, b, args)
    );
    (sql, id)
}

/// The WHERE clause (after `WHERE`) and its arguments, numbered from `$1`.
fn where_clause(db: &Db, b: &Browse, args: &mut Vec<Arg>) -> String {
    let mut sql = String::from(PUBLIC);
    sql.push_str(status_sql(b.status));
    let eq = |column: &str, value: &Option<String>, args: &mut Vec<Arg>, sql: &mut String| {
        if let Some(v) = value {
            args.push(Arg::Text(v.clone()));
            sql.push_str(&format!(" AND r.{column} = ${}", args.len()));
        }
    };
    eq("kind", &b.kind, args, &mut sql);
    eq("category", &b.category, args, &mut sql);
    eq("province", &b.province, args, &mut sql);
    eq("regency", &b.regency, args, &mut sql);
    eq("agency", &b.agency, args, &mut sql);
    if let Some(t) = b.from {
        args.push(Arg::Time(t));
        sql.push_str(&format!(" AND r.created_at >= ${}", args.len()));
    }
    if let Some(t) = b.until {
        args.push(Arg::Time(t));
        sql.push_str(&format!(" AND r.created_at < ${}", args.len()));
    }
    if let Some(text) = &b.text {
        // The dialects differ here, and only here: FTS5 on SQLite, tsvector on PostgreSQL.
        match db {
            Db::Sqlite(_) => {
                let q = fts5_query(text);
                if q.is_empty() {
                    sql.push_str(" AND 1 = 0");
                } else {
                    args.push(Arg::Text(q));
                    sql.push_str(&format!(" AND reports_fts MATCH ${}", args.len()));
                }
            }
            Db::Postgres(_) => {
                args.push(Arg::Text(text.clone()));
                sql.push_str(&format!(
                    " AND r.search @@ plainto_tsquery('simple', ${})",
                    args.len()
                ));
            }
        }
    }
    if b.sort == Sort::Answered {
        sql.push_str(" AND r.answered_at IS NOT NULL");
    }
    sql
}

macro_rules! bind_all {
    ($q:expr, $args:expr) => {{
        let mut q = $q;
        for a in $args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Time(t) => q.bind(*t),
                Arg::Int(i) => q.bind(*i),
            };
        }
        q
    }};
}

/// How many public reports match.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn count(db: &Db, b: &Browse) -> anyhow::Result<i64> {
    let mut args = Vec::new();
    let (sql, _) = select(db, b, "COUNT(*)", &mut args);
    Ok(on_pool!(db, p => bind_all!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(p).await)?)
}

/// What any change to the public reports matching `b` changes (how many there are, the sum
/// of their versions, their latest `updated_at`): the open data exports' validator, read
/// before streaming them (`http_cache`). Read it from the pool the export reads from.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn export_stamp(db: &Db, b: &Browse) -> anyhow::Result<(i64, i64, Option<String>)> {
    let mut args = Vec::new();
    let what = "COUNT(*), COALESCE(SUM(r.version), 0), CAST(MAX(r.updated_at) AS TEXT)";
    let (sql, _) = select(db, b, what, &mut args);
    Ok(
        on_pool!(db, p => bind_all!(sqlx::query_as::<_, (i64, i64, Option<String>)>(&sql), &args).fetch_one(p).await)?,
    )
}

/// Where a page of the browse starts and which way it reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Window {
    /// The rows after this one (forward).
    pub after: Option<Cursor>,
    /// The rows just before this one (returned in the browse's order).
    pub before: Option<Cursor>,
    /// The last rows.
    pub from_end: bool,
    pub limit: i64,
}

/// The query of a window of the browse selecting `what`; true when it reads backwards
/// (before a cursor, or from the end), so its rows must be reversed.
fn window_sql(db: &Db, b: &Browse, what: &str, w: Window, args: &mut Vec<Arg>) -> (String, bool) {
    let (mut sql, id) = select(db, b, what, args);
    let backwards = w.before.is_some() || w.from_end;
    let desc = matches!(b.sort, Sort::Newest | Sort::Answered) != backwards;
    if let Some(c) = w.after.or(w.before) {
        let op = if desc { "<" } else { ">" };
        match b.sort {
            Sort::Answered => {
                let t = OffsetDateTime::from_unix_timestamp_nanos(c.answered_nanos)
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH);
                args.push(Arg::Time(t));
                let n = args.len();
                args.push(Arg::Int(c.id));
                let m = args.len();
                sql.push_str(&format!(
                    " AND (r.answered_at {op} ${n} OR (r.answered_at = ${n} AND {id} {op} ${m}))"
                ));
            }
            _ => {
                args.push(Arg::Int(c.id));
                sql.push_str(&format!(" AND {id} {op} ${}", args.len()));
            }
        }
    }
    let dir = if desc { "DESC" } else { "ASC" };
    match b.sort {
        Sort::Answered => sql.push_str(&format!(" ORDER BY r.answered_at {dir}, {id} {dir}")),
        _ => sql.push_str(&format!(" ORDER BY {id} {dir}")),
    }
    args.push(Arg::Int(w.limit));
    sql.push_str(&format!(" LIMIT ${}", args.len()));
    (sql, backwards)
}

/// The rows of a window of the browse, in the browse's order.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn page(db: &Db, b: &Browse, w: Window) -> anyhow::Result<Vec<PublicReport>> {
    let mut args = Vec::new();
    let (sql, backwards) = window_sql(db, b, PUBLIC_COLUMNS, w, &mut args);
    let mut rows: Vec<PublicReport> = on_pool!(db, p => bind_all!(sqlx::query_as::<_, PublicReport>(&sql), &args).fetch_all(p).await)?;
    if backwards {
        rows.reverse();
    }
    Ok(rows)
}

/// Only the cursors of a window's rows, in the browse's order: the starts of the pages
/// around this one, without reading their text.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cursors(db: &Db, b: &Browse, w: Window) -> anyhow::Result<Vec<Cursor>> {
    let mut args = Vec::new();
    let (sql, backwards) = window_sql(db, b, "r.id, r.answered_at", w, &mut args);
    let rows: Vec<(i64, Option<OffsetDateTime>)> = on_pool!(db, p => bind_all!(sqlx::query_as::<_, (i64, Option<OffsetDateTime>)>(&sql), &args).fetch_all(p).await)?;
    let mut cursors: Vec<Cursor> = rows
        .into_iter()
        .map(|(id, answered)| Cursor {
            answered_nanos: answered.map_or(0, |t| t.unix_timestamp_nanos()),
            id,
        })
        .collect();
    if backwards {
        cursors.reverse();
    }
    Ok(cursors)
}

/// Public rows with ids above `after_id`, oldest first, for streaming exports in batches.
#[tracing::instrument(level = "debug", skip_all, fields(after_id = after_id, limit = limit))]
pub async fn batch(
    db: &Db,
    b: &Browse,
    after_id: i64,
    limit: i64,
) -> anyhow::Result<Vec<PublicReport>> {
    let mut args = Vec::new();
    let (mut sql, id) = select(db, b, PUBLIC_COLUMNS, &mut args);
    args.push(Arg::Int(after_id));
    sql.push_str(&format!(" AND {id} > ${} ORDER BY {id}", args.len()));
    args.push(Arg::Int(limit));
    sql.push_str(&format!(" LIMIT ${}", args.len()));
    Ok(
        on_pool!(db, p => bind_all!(sqlx::query_as::<_, PublicReport>(&sql), &args).fetch_all(p).await)?,
    )
}

/// The public report with this code (the same rule as the browse).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn by_code(db: &Db, code: &str) -> anyhow::Result<Option<PublicReport>> {
    let sql = format!("SELECT {PUBLIC_COLUMNS} FROM reports r WHERE {PUBLIC} AND r.code = $1");
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(code).fetch_optional(p).await)?)
}

/// The public timeline of a public report.
#[tracing::instrument(level = "debug", skip_all, fields(report_id = report_id))]
pub async fn events(db: &Db, report_id: i64) -> anyhow::Result<Vec<PublicEvent>> {
    const SQL: &str = "SELECT at, kind, actor, agency, body FROM report_events WHERE report_id = $1 AND public ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(report_id).fetch_all(p).await)?)
}

/// The facts statistics and agency records are computed from, for every public report
/// (no text, nothing personal).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Facts {
    pub id: i64,
    pub kind: String,
    pub category: String,
    pub province: String,
    pub agency: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub created_at: OffsetDateTime,
    pub verified_at: Option<OffsetDateTime>,
    pub routed_at: Option<OffsetDateTime>,
    pub answered_at: Option<OffsetDateTime>,
    /// The stored text of its `domain::report::Channel` (issue #19).
    pub channel: String,
}

/// The facts of up to `limit` public reports with ids above `after_id`, in id order
/// (statistics read them a batch at a time).
#[tracing::instrument(level = "debug", skip_all, fields(after_id = after_id, limit = limit))]
pub async fn facts(db: &Db, after_id: i64, limit: i64) -> anyhow::Result<Vec<Facts>> {
    let sql = format!(
        "SELECT r.id, r.kind, r.category, r.province, r.agency, r.status, r.created_at, r.verified_at, r.routed_at, r.answered_at,
         r.channel FROM reports r WHERE {PUBLIC} AND r.id > $1 ORDER BY r.id LIMIT $2"
    );
    Ok(on_pool!(db, p => sqlx::query_as(&sql).bind(after_id).bind(limit).fetch_all(p).await)?)
}

/// An Open311 `GET requests` query (issue #19): public reports only, newest first.
#[derive(Debug, Clone, Default)]
pub struct RequestsQuery {
    /// Tracking codes (`service_request_id`): when given, every other filter is ignored.
    pub codes: Vec<String>,
    /// Categories (`service_code`); empty: all.
    pub categories: Vec<String>,
    /// Sent at or after.
    pub from: Option<OffsetDateTime>,
    /// Sent at or before.
    pub until: Option<OffsetDateTime>,
    /// `Some(true)`: closed only; `Some(false)`: open only; `None`: both.
    pub closed: Option<bool>,
    pub offset: i64,
    pub limit: i64,
}

/// The statuses Open311 calls `closed` (the rest of the public ones are `open`).
pub const CLOSED_STATUSES: &str = "('closed', 'archived')";

/// The public reports of an Open311 query (see [`RequestsQuery`]).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn open311_requests(db: &Db, q: &RequestsQuery) -> anyhow::Result<Vec<PublicReport>> {
    let mut args = Vec::new();
    let mut sql = format!("SELECT {PUBLIC_COLUMNS} FROM reports r WHERE {PUBLIC}");
    let list = |column: &str, values: &[String], args: &mut Vec<Arg>, sql: &mut String| {
        let mut marks = Vec::new();
        for v in values {
            args.push(Arg::Text(v.clone()));
            marks.push(format!("${}", args.len()));
        }
        sql.push_str(&format!(" AND r.{column} IN ({})", marks.join(", ")));
    };
    if q.codes.is_empty() {
        if !q.categories.is_empty() {
            list("category", &q.categories, &mut args, &mut sql);
        }
        if let Some(t) = q.from {
            args.push(Arg::Time(t));
            sql.push_str(&format!(" AND r.created_at >= ${}", args.len()));
        }
        if let Some(t) = q.until {
            args.push(Arg::Time(t));
            sql.push_str(&format!(" AND r.created_at <= ${}", args.len()));
        }
        match q.closed {
            Some(true) => sql.push_str(&format!(" AND r.status IN {CLOSED_STATUSES}")),
            Some(false) => sql.push_str(&format!(" AND r.status NOT IN {CLOSED_STATUSES}")),
            None => {}
        }
    } else {
        list("code", &q.codes, &mut args, &mut sql);
    }
    args.push(Arg::Int(q.limit));
    let n = args.len();
    args.push(Arg::Int(q.offset));
    sql.push_str(&format!(
        " ORDER BY r.created_at DESC, r.id DESC LIMIT ${n} OFFSET ${}",
        args.len()
    ));
    Ok(
        on_pool!(db, p => bind_all!(sqlx::query_as::<_, PublicReport>(&sql), &args).fetch_all(p).await)?,
    )
}
