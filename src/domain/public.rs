//! What the public may see of reports, and how they browse them: [`PublicReport`] (no
//! column for a name, a contact, a note or a key), its public timeline, and a checked
//! browse query with its keyset cursor. `db::public` reads them.

use super::case::{Actor, EventKind, Status};
use super::report::Kind;
use time::OffsetDateTime;

/// A report as the public may see it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicReport {
    pub id: i64,
    pub code: String,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    pub category: String,
    pub title: String,
    pub description: String,
    /// The language the title and description were written in (`None`: not known).
    #[sqlx(default)]
    pub text_lang: Option<String>,
    pub province: String,
    pub regency: String,
    pub agency: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub anonymous: bool,
    pub created_at: OffsetDateTime,
    pub routed_at: Option<OffsetDateTime>,
    pub answered_at: Option<OffsetDateTime>,
    pub closed_at: Option<OffsetDateTime>,
    /// The channel it came by (issue #19; not personal: never the staff member or the
    /// person behind it).
    #[sqlx(try_from = "String")]
    pub channel: super::report::Channel,
}

crate::closed_set! {
    /// Which states a browse shows.
    #[derive(Default)]
    pub enum StatusFilter {
        /// Closed as resolved (the default).
        #[default]
        Resolved = "resolved" => "browse-status-resolved",
        /// Answered, not closed yet.
        Answered = "answered" => "browse-status-answered",
        /// Checked and being handled.
        Open = "open" => "browse-status-open",
        /// Every public report.
        All = "all" => "browse-status-all",
    }
}

impl StatusFilter {
    /// The Fluent id of "N reports" for this filter.
    pub fn count_message_id(self) -> &'static str {
        match self {
            Self::Resolved => "browse-count-resolved",
            Self::Answered => "browse-count-answered",
            Self::Open => "browse-count-open",
            Self::All => "browse-count-all",
        }
    }
}

crate::closed_set! {
    /// The order of a browse.
    #[derive(Default)]
    pub enum Sort {
        #[default]
        Newest = "newest" => "browse-sort-newest",
        Oldest = "oldest" => "browse-sort-oldest",
        /// Most recently answered first (reports without an answer are left out).
        Answered = "answered" => "browse-sort-answered",
    }
}

/// A parsed, checked browse query (every value checked against the content first).
#[derive(Debug, Clone, Default)]
pub struct Browse {
    pub status: StatusFilter,
    pub kind: Option<String>,
    pub category: Option<String>,
    pub province: Option<String>,
    pub regency: Option<String>,
    pub agency: Option<String>,
    /// Sent on or after.
    pub from: Option<OffsetDateTime>,
    /// Sent before.
    pub until: Option<OffsetDateTime>,
    /// Words to find in the title and published text.
    pub text: Option<String>,
    pub sort: Sort,
}

/// Where a page starts: after (or before) a row, in the browse's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// For `Sort::Answered`: the row's answer time (Unix nanoseconds).
    pub answered_nanos: i128,
    pub id: i64,
}

impl Cursor {
    /// The cursor of a row.
    pub fn of(r: &PublicReport) -> Self {
        Self {
            answered_nanos: r.answered_at.map_or(0, |t| t.unix_timestamp_nanos()),
            id: r.id,
        }
    }

    /// As a query value: `{id}` or `{nanos}_{id}`.
    pub fn encode(self, sort: Sort) -> String {
        match sort {
            Sort::Answered => format!("{}_{}", self.answered_nanos, self.id),
            _ => self.id.to_string(),
        }
    }

    /// From a query value.
    pub fn decode(s: &str, sort: Sort) -> Option<Self> {
        if s.len() > 64 {
            return None;
        }
        match sort {
            Sort::Answered => {
                let (n, id) = s.split_once('_')?;
                Some(Self {
                    answered_nanos: n.parse().ok()?,
                    id: id.parse().ok()?,
                })
            }
            _ => Some(Self {
                answered_nanos: 0,
                id: s.parse().ok()?,
            }),
        }
    }
}

/// The public events of public reports: for feeds.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicEvent {
    pub at: OffsetDateTime,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    #[sqlx(try_from = "String")]
    pub actor: Actor,
    pub agency: Option<String>,
    pub body: Option<String>,
}
