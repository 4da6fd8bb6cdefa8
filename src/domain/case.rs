//! A sent report as it is stored and read back: where it stands (`Status`), the steps of
//! its timeline (`Event`, `EventKind`, who took them: `Actor`), its photos, and the stamp
//! its public page is kept by. The rows are read by `db`; what they mean lives here.

use super::report::{Channel, Kind, Privacy};
use crate::closed_set;
use time::OffsetDateTime;

closed_set! {
    /// Where a report stands in the workflow.
    pub enum Status {
        /// Sent, waiting to be checked.
        Submitted = "submitted" => "report-status-submitted",
        /// Checked by a verifier; waiting to be routed.
        Verified = "verified" => "report-status-verified",
        /// Not accepted.
        Rejected = "rejected" => "report-status-rejected",
        /// Waiting for the reporter's answer to a question.
        InfoRequested = "info-requested" => "report-status-info-requested",
        /// Sent to the responsible agency.
        Routed = "routed" => "report-status-routed",
        /// The agency postponed its follow-up.
        InProgress = "in-progress" => "report-status-in-progress",
        /// The agency answered.
        Answered = "answered" => "report-status-answered",
        /// Closed as resolved.
        Closed = "closed" => "report-status-closed",
        /// Put away by staff (duplicate, out of scope).
        Archived = "archived" => "report-status-archived",
    }
}

impl Status {
    /// With the agency: routed or postponed (its follow-up deadline runs).
    pub fn with_agency(self) -> bool {
        matches!(self, Self::Routed | Self::InProgress)
    }

    /// Waiting for a verifier: sent or checked but not routed yet.
    pub fn with_verifiers(self) -> bool {
        matches!(self, Self::Submitted | Self::Verified)
    }

    /// May be public at all (the rest of the rule is in [`Report::is_public`]).
    pub fn may_be_public(self) -> bool {
        !matches!(self, Self::Submitted | Self::Rejected | Self::InfoRequested)
    }
}

closed_set! {
    /// What a step of a report's timeline records.
    pub enum EventKind {
        Submitted = "submitted" => "report-event-submitted",
        Verified = "verified" => "report-event-verified",
        Rejected = "rejected" => "report-event-rejected",
        InfoRequested = "info-requested" => "report-event-info-requested",
        /// The reporter added information (or answered a question).
        ReporterInfo = "reporter-info" => "report-event-reporter-info",
        Routed = "routed" => "report-event-routed",
        /// Routed again, to another agency.
        Rerouted = "rerouted" => "report-event-rerouted",
        InProgress = "in-progress" => "report-event-in-progress",
        Postponed = "postponed" => "report-event-postponed",
        /// The agency said the report is not its authority.
        NotOurs = "not-ours" => "report-event-not-ours",
        Answered = "answered" => "report-event-answered",
        Closed = "closed" => "report-event-closed",
        Reopened = "reopened" => "report-event-reopened",
        /// The reporter rated the outcome.
        Rated = "rated" => "report-event-rated",
        /// The reporter asked to reopen.
        ReopenRequested = "reopen-requested" => "report-event-reopen-requested",
        /// Staff declined the request to reopen, saying why (seen by the reporter).
        ReopenDeclined = "reopen-declined" => "report-event-reopen-declined",
        Archived = "archived" => "report-event-archived",
        /// Staff edited the public text (to remove personal data).
        Edited = "edited" => "report-event-edited",
        PhotoDescribed = "photo-described" => "report-event-photo-described",
        /// Released from the spam check.
        Released = "released" => "report-event-released",
        /// Discarded as spam.
        Discarded = "discarded" => "report-event-discarded",
        /// An internal note.
        Note = "note" => "report-event-note",
    }
}

impl EventKind {
    /// The exchanges with the reporter: shown in the private view although not public.
    pub const WITH_REPORTER: [Self; 5] = [
        Self::InfoRequested,
        Self::ReporterInfo,
        Self::Rated,
        Self::ReopenRequested,
        Self::ReopenDeclined,
    ];

    /// The event a status change records (`balai seed`, tests).
    pub fn of_status(status: Status) -> Self {
        match status {
            Status::Submitted => Self::Submitted,
            Status::Verified => Self::Verified,
            Status::Rejected => Self::Rejected,
            Status::InfoRequested => Self::InfoRequested,
            Status::Routed => Self::Routed,
            Status::InProgress => Self::InProgress,
            Status::Answered => Self::Answered,
            Status::Closed => Self::Closed,
            Status::Archived => Self::Archived,
        }
    }
}

closed_set! {
    /// Who took a step, as the timeline names it: a role, never a person.
    pub enum Actor {
        Reporter = "reporter" => "report-actor-reporter",
        Verifier = "verifier" => "report-actor-verifier",
        Officer = "officer" => "report-actor-officer",
        Admin = "admin" => "report-actor-admin",
        /// Balai itself (the automatic close).
        System = "system" => "report-actor-system",
    }
}

impl From<super::staff::Role> for Actor {
    fn from(role: super::staff::Role) -> Self {
        match role {
            super::staff::Role::Admin => Self::Admin,
            super::staff::Role::Verifier => Self::Verifier,
            super::staff::Role::Officer => Self::Officer,
        }
    }
}

crate::closed_set! {
    /// The lists of the staff queue, in the order of its tabs.
    pub enum Queue {
        /// Not yet checked, or checked and waiting to be routed.
        New = "new" => "staff-list-new",
        Info = "info" => "staff-list-info",
        Routed = "routed" => "staff-list-routed",
        Overdue = "overdue" => "staff-list-overdue",
        Answered = "answered" => "staff-list-answered",
        /// Closed reports whose reporter asked to reopen them, waiting for staff to decide.
        Reopen = "reopen" => "staff-list-reopen",
        Closed = "closed" => "staff-list-closed",
        /// Held as suspected spam.
        Held = "held" => "staff-list-held",
    }
}

impl Queue {
    /// The statuses (and held flag) a list covers; `Overdue` covers every open status and
    /// is narrowed by the deadline afterwards.
    pub fn statuses(self) -> (&'static [Status], bool) {
        use Status::*;
        match self {
            Self::New => (&[Submitted, Verified], false),
            Self::Held => (&[Submitted], true),
            Self::Info => (&[InfoRequested], false),
            Self::Routed => (&[Routed, InProgress], false),
            Self::Overdue => (&[Submitted, Verified, Routed, InProgress], false),
            Self::Answered => (&[Answered], false),
            Self::Reopen => (&[Closed], false),
            Self::Closed => (&[Closed, Rejected, Archived], false),
        }
    }
}

/// A stored report.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Report {
    pub id: i64,
    pub code: String,
    pub key_hash: String,
    #[sqlx(try_from = "String")]
    pub kind: Kind,
    pub category: String,
    pub title: String,
    pub description: String,
    pub province: String,
    pub regency: String,
    pub place: Option<String>,
    pub occurred_on: String,
    pub agency: Option<String>,
    #[sqlx(try_from = "String")]
    pub privacy: Privacy,
    pub reporter_name: Option<String>,
    pub reporter_email: Option<String>,
    pub reporter_phone: Option<String>,
    pub on_behalf: bool,
    pub relationship: Option<String>,
    pub personal_data_kept: bool,
    pub lang: String,
    /// The language the title and description were written in (`None`: not known).
    #[sqlx(default)]
    pub text_lang: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub held: bool,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
    /// The status a question interrupted (stored text of a [`Status`]).
    pub status_before_info: Option<String>,
    pub version: i32,
    pub original_title: Option<String>,
    pub original_description: Option<String>,
    pub postponed_until: Option<String>,
    pub verified_at: Option<OffsetDateTime>,
    pub routed_at: Option<OffsetDateTime>,
    pub answered_at: Option<OffsetDateTime>,
    /// When the reporter asked to reopen it, until staff reopen it or decline.
    pub reopen_requested_at: Option<OffsetDateTime>,
    /// When the sender said the person the report is about agreed to it being sent on
    /// their behalf (only for a report sent on someone's behalf).
    pub behalf_consent_at: Option<OffsetDateTime>,
    /// The channel it came by (issue #19).
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// The partner whose system posted it through the API.
    pub partner_id: Option<i64>,
    /// The staff member who filed it at the assisted-intake desk (never published).
    pub filed_by_staff_id: Option<i64>,
    /// When the citizen at the desk agreed that Balai stores and sends it.
    pub desk_consent_at: Option<OffsetDateTime>,
}

impl Report {
    /// Whether the public may see this report: verified or later, not rejected, not
    /// confidential, not held as spam. The one place that decides it (`db::public::PUBLIC`
    /// says the same in SQL; a test keeps the two in step).
    pub fn is_public(&self) -> bool {
        self.privacy != Privacy::Confidential
            && !self.held
            && self.verified_at.is_some()
            && self.status.may_be_public()
    }

    /// Whether the reporter may ask to reopen it: closed, at most
    /// [`super::deadlines::REOPEN_DAYS`] days ago.
    pub fn may_ask_to_reopen(&self, now: OffsetDateTime) -> bool {
        self.status == Status::Closed
            && self
                .closed_at
                .is_some_and(|c| now - c <= time::Duration::days(super::deadlines::REOPEN_DAYS))
    }
}

/// One step of a report's timeline.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Event {
    pub at: OffsetDateTime,
    #[sqlx(try_from = "String")]
    pub kind: EventKind,
    #[sqlx(try_from = "String")]
    pub actor: Actor,
    pub agency: Option<String>,
    pub public: bool,
    pub body: Option<String>,
}

/// A stored photo, without its bytes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Photo {
    pub id: String,
    pub description: Option<String>,
    pub display_width: i32,
    pub display_height: i32,
    pub thumb_width: i32,
    pub thumb_height: i32,
}

/// What a report's public page depends on, read in one indexed query: the report's
/// version (every staff action raises it), its last change and its last event. Equal
/// stamps mean an equal page, whichever instance made the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct Stamp {
    pub version: i32,
    pub updated_at: OffsetDateTime,
    pub last_event: Option<i64>,
}

/// A public report as its page shows it: the report, its photos and its public timeline.
#[derive(Debug, Clone)]
pub struct PublicCase {
    pub report: Report,
    pub photos: Vec<Photo>,
    pub events: Vec<Event>,
}

impl Report {
    /// The time zone its dates are shown and counted in: its area's.
    pub fn zone(&self) -> crate::content::workshops::Zone {
        super::deadlines::zone_of_province(&self.province)
    }

    /// Its deadlines, counted from the days it was sent and routed in its area.
    pub fn due(&self, cal: &impl super::deadlines::Calendar) -> super::deadlines::Due {
        let zone = self.zone();
        super::deadlines::Due::of(
            super::deadlines::local_date(self.created_at, zone),
            self.routed_at
                .map(|t| super::deadlines::local_date(t, zone)),
            cal,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_its_event() {
        for s in Status::ALL {
            assert_eq!(EventKind::of_status(*s).as_str(), s.as_str());
        }
    }

    #[test]
    fn unknown_stored_text_is_an_error() {
        assert!(Status::try_from("resolved".to_owned()).is_err());
        assert!(EventKind::try_from(String::new()).is_err());
        assert_eq!(
            Status::try_from("in-progress".to_owned()),
            Ok(Status::InProgress)
        );
    }
}
