//! The staff side of reports: the queue, and every staff action as one transaction that
//! checks the page was not stale (optimistic concurrency on `reports.version`), applies
//! the change, writes the timeline event and the audit-log entry.

use super::reports::{REPORT_COLUMNS, Report};
use super::{Db, TxInner, WriteTx};
use crate::domain::workflow::Action;
use crate::{on_pool, on_tx};
use time::OffsetDateTime;

/// Which reports a queue list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    New,
    Held,
    Info,
    Routed,
    Overdue,
    Answered,
    Closed,
}

impl List {
    /// Every list, in the order of the queue's tabs.
    pub const ALL: [Self; 7] = [
        Self::New,
        Self::Info,
        Self::Routed,
        Self::Overdue,
        Self::Answered,
        Self::Closed,
        Self::Held,
    ];

    /// Query value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Held => "held",
            Self::Info => "info",
            Self::Routed => "routed",
            Self::Overdue => "overdue",
            Self::Answered => "answered",
            Self::Closed => "closed",
        }
    }

    /// The list of a query value.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The statuses (and held flag) it covers; `Overdue` covers every open status and
    /// is narrowed by the deadline afterwards.
    fn statuses(self) -> (&'static [&'static str], bool) {
        match self {
            // New: not yet checked, or checked and waiting to be routed.
            Self::New => (&["submitted", "verified"], false),
            Self::Held => (&["submitted"], true),
            Self::Info => (&["info-requested"], false),
            Self::Routed => (&["routed", "in-progress"], false),
            Self::Overdue => (&["submitted", "verified", "routed", "in-progress"], false),
            Self::Answered => (&["answered"], false),
            Self::Closed => (&["closed", "rejected", "archived"], false),
        }
    }
}

/// Filters of the queue, each checked against the content before it gets here.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub category: Option<String>,
    pub province: Option<String>,
    pub agency: Option<String>,
    pub kind: Option<String>,
}

/// The reports of a list that `officer_agency` (for officers: only their agency's
/// routed reports) may see, newest first, at most `limit`.
pub async fn queue(
    db: &Db,
    list: List,
    filters: &Filters,
    officer_agency: Option<&str>,
    limit: i64,
) -> anyhow::Result<Vec<Report>> {
    let (statuses, held) = list.statuses();
    // Statuses come from the fixed table above, never from input.
    let in_list = statuses
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {REPORT_COLUMNS} FROM reports WHERE status IN ({in_list}) AND held = $1
         AND ($2 IS NULL OR category = $2) AND ($3 IS NULL OR province = $3)
         AND ($4 IS NULL OR agency = $4) AND ($5 IS NULL OR kind = $5)
         AND ($6 IS NULL OR (agency = $6 AND routed_at IS NOT NULL))
         ORDER BY created_at DESC, id DESC LIMIT $7"
    );
    Ok(on_pool!(db, p => sqlx::query_as(&sql)
        .bind(held)
        .bind(&filters.category)
        .bind(&filters.province)
        .bind(&filters.agency)
        .bind(&filters.kind)
        .bind(officer_agency)
        .bind(limit)
        .fetch_all(p)
        .await)?)
}

/// What a staff action carries besides its kind.
#[derive(Debug, Clone, Default)]
pub struct ActionInput {
    /// Reason, question, answer, note.
    pub text: Option<String>,
    /// Route: the agency.
    pub agency: Option<String>,
    /// Edit: the public title and description.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Postpone: until when (ISO date).
    pub until: Option<String>,
    /// Describe: which photo, and its new description.
    pub photo: Option<String>,
}

/// Who acts.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    /// `admin`, `verifier` or `officer` (the timeline names roles, never people).
    pub role: String,
    pub agency: Option<String>,
}

/// Why an action was not taken.
#[derive(Debug, thiserror::Error)]
pub enum ActError {
    /// Someone changed the report since the page was loaded.
    #[error("the report changed since the page was loaded")]
    Stale,
    /// The report is gone, or the action is not allowed now.
    #[error("not allowed")]
    NotAllowed,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ActError {
    fn from(e: sqlx::Error) -> Self {
        Self::Other(e.into())
    }
}

async fn lock_report(tx: &mut WriteTx, id: i64) -> Result<Option<Report>, sqlx::Error> {
    let lock = if matches!(tx.inner, TxInner::Postgres(_)) {
        " FOR UPDATE"
    } else {
        ""
    };
    let sql = format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = $1{lock}");
    on_tx!(tx, t => sqlx::query_as(&sql).bind(id).fetch_optional(&mut **t).await)
}

#[allow(clippy::too_many_arguments)]
/// Take `action` on a report, if it is still at `version` and `allowed` agrees with its
/// current state. Returns the new status.
pub async fn act(
    db: &Db,
    report_id: i64,
    version: i32,
    actor: &Actor,
    action: Action,
    input: &ActionInput,
    allowed: impl FnOnce(&Report) -> bool,
    now: OffsetDateTime,
) -> Result<String, ActError> {
    let mut tx = db.begin_write().await?;
    let Some(r) = lock_report(&mut tx, report_id).await? else {
        return Err(ActError::NotAllowed);
    };
    if r.version != version {
        return Err(ActError::Stale);
    }
    if !allowed(&r) {
        return Err(ActError::NotAllowed);
    }
    let from = r.status.clone();
    let agency_after = match action {
        Action::Route => input.agency.clone(),
        Action::NotOurs => None,
        _ => r.agency.clone(),
    };
    let to = action
        .next_status(agency_after.is_some())
        .map_or_else(|| from.clone(), str::to_owned);
    let text = input.text.as_deref();
    // The change itself.
    match action {
        Action::Edit => {
            const SQL: &str = "UPDATE reports SET original_title = COALESCE(original_title, title),
                original_description = COALESCE(original_description, description),
                title = $2, description = $3 WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).bind(&input.title).bind(&input.description).execute(&mut **t).await.map(|_| ()))?;
        }
        Action::Describe => {
            const SQL: &str = "UPDATE photos SET description = $3 WHERE id = $2 AND report_id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).bind(&input.photo).bind(text).execute(&mut **t).await.map(|_| ()))?;
        }
        Action::Release => {
            const SQL: &str = "UPDATE reports SET held = FALSE WHERE id = $1";
            on_tx!(&mut tx, t => sqlx::query(SQL).bind(r.id).execute(&mut **t).await.map(|_| ()))?;
        }
        _ => {}
    }
    const STATUS: &str = "UPDATE reports SET status = $2, agency = $3, version = version + 1, updated_at = $4,
        status_before_info = CASE WHEN $2 = 'info-requested' THEN $5 ELSE status_before_info END,
        verified_at = CASE WHEN $2 = 'verified' AND verified_at IS NULL THEN $4 ELSE verified_at END,
        routed_at = CASE WHEN $2 = 'routed' AND $6 THEN $4 ELSE routed_at END,
        answered_at = CASE WHEN $2 = 'answered' THEN $4 ELSE answered_at END,
        closed_at = CASE WHEN $2 = 'closed' THEN $4 ELSE closed_at END,
        postponed_until = CASE WHEN $7 THEN $8 ELSE postponed_until END
        WHERE id = $1";
    // Routing (again) restarts the agency's clock; a reopen keeps it.
    let restart_clock = matches!(action, Action::Route);
    on_tx!(&mut tx, t => sqlx::query(STATUS)
        .bind(r.id).bind(&to).bind(&agency_after).bind(now).bind(&from).bind(restart_clock)
        .bind(matches!(action, Action::Postpone)).bind(&input.until)
        .execute(&mut **t).await.map(|_| ()))?;
    // The timeline: the reporter sees questions (in the private view); the public sees
    // the public steps; internal notes stay internal.
    let kind = match action {
        Action::AskInfo => "info-requested",
        Action::Route if from == "routed" || from == "in-progress" => "rerouted",
        Action::Postpone => "postponed",
        Action::NotOurs => "not-ours",
        Action::Reopen => "reopened",
        Action::Archive => "archived",
        Action::Edit => "edited",
        Action::Describe => "photo-described",
        Action::Release => "released",
        Action::Discard => "discarded",
        Action::Note => "note",
        Action::Verify => "verified",
        Action::Reject => "rejected",
        Action::Route => "routed",
        Action::Answer => "answered",
        Action::Close => "closed",
    };
    let body = match action {
        // The edit's event says that it happened; the original stays in the report row.
        Action::Edit | Action::Describe | Action::Release | Action::Discard => None,
        Action::Postpone => Some(format!(
            "{} ({})",
            text.unwrap_or_default(),
            input.until.as_deref().unwrap_or_default()
        )),
        _ => text.map(str::to_owned),
    };
    let event_agency = match action {
        Action::Answer | Action::Postpone | Action::NotOurs => r.agency.clone(),
        Action::Route => input.agency.clone(),
        _ => None,
    };
    const EVENT: &str =
        "INSERT INTO report_events (report_id, at, kind, actor, agency, public, body)
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(&mut tx, t => sqlx::query(EVENT)
        .bind(r.id).bind(now).bind(kind).bind(&actor.role).bind(&event_agency)
        .bind(action.public_event()).bind(&body)
        .execute(&mut **t).await.map(|_| ()))?;
    // The audit log names the account; its detail never holds the texts (personal data).
    let detail = match action {
        Action::Route => input.agency.clone(),
        Action::Describe => input.photo.clone(),
        _ => None,
    };
    const AUDIT: &str =
        "INSERT INTO audit_log (at, user_id, report_id, action, from_state, to_state, detail)
        VALUES ($1, $2, $3, $4, $5, $6, $7)";
    on_tx!(&mut tx, t => sqlx::query(AUDIT)
        .bind(now).bind(actor.user_id).bind(r.id).bind(action.as_str()).bind(&from).bind(&to).bind(&detail)
        .execute(&mut **t).await.map(|_| ()))?;
    tx.commit().await?;
    Ok(to)
}

/// Close, as resolved, answered reports whose answer is older than `cutoff` (the reporter
/// neither replied nor asked to reopen). Returns how many were closed.
pub async fn auto_close(
    db: &Db,
    cutoff: OffsetDateTime,
    now: OffsetDateTime,
) -> anyhow::Result<u64> {
    let mut tx = db.begin_write().await?;
    const IDS: &str = "SELECT id FROM reports WHERE status = 'answered' AND answered_at < $1
        AND NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = reports.id
            AND e.kind IN ('reporter-info', 'reopen-requested') AND e.at > reports.answered_at)";
    let ids: Vec<i64> =
        on_tx!(&mut tx, t => sqlx::query_scalar(IDS).bind(cutoff).fetch_all(&mut **t).await)?;
    for id in &ids {
        const CLOSE: &str = "UPDATE reports SET status = 'closed', closed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1";
        on_tx!(&mut tx, t => sqlx::query(CLOSE).bind(id).bind(now).execute(&mut **t).await.map(|_| ()))?;
        const EVENT: &str = "INSERT INTO report_events (report_id, at, kind, actor, public, body)
            VALUES ($1, $2, 'closed', 'system', TRUE, NULL)";
        on_tx!(&mut tx, t => sqlx::query(EVENT).bind(id).bind(now).execute(&mut **t).await.map(|_| ()))?;
    }
    tx.commit().await?;
    Ok(ids.len() as u64)
}

/// Every event of a report for staff (internal notes included), oldest first.
pub async fn staff_events(db: &Db, report_id: i64) -> anyhow::Result<Vec<super::reports::Event>> {
    const SQL: &str = "SELECT at, kind, actor, agency, public, body FROM report_events WHERE report_id = $1 ORDER BY id";
    Ok(on_pool!(db, p => sqlx::query_as(SQL).bind(report_id).fetch_all(p).await)?)
}
