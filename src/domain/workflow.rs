//! The case workflow: which staff action each role may take in each state
//! ([`Action::allowed`], one table used by the pages, the handlers and again inside the
//! transaction), and what an action does ([`plan`]: the new status, the agency, the
//! timeline event and who sees it, the deadline's clock, the audit line). `plan` is a pure
//! function of the report as it is; `db::cases::act` only writes its [`Outcome`].

use super::case::{Actor, EventKind, Report, Status};
use super::staff::Role;

crate::closed_set! {
    /// A staff action on a report, in the order of the case page (the stored text is the
    /// URL segment and the audit log's action).
    pub enum Action {
        Verify = "verify" => "staff-action-verify",
        Route = "route" => "staff-action-route",
        Answer = "answer" => "staff-action-answer",
        AskInfo = "ask" => "staff-action-ask",
        Postpone = "postpone" => "staff-action-postpone",
        NotOurs = "not-ours" => "staff-action-not-ours",
        Close = "close" => "staff-action-close",
        Reopen = "reopen" => "staff-action-reopen",
        /// Decline a reporter's request to reopen, saying why (the report stays closed).
        KeepClosed = "keep-closed" => "staff-action-keep-closed",
        Reject = "reject" => "staff-action-reject",
        Archive = "archive" => "staff-action-archive",
        Release = "release" => "staff-action-release",
        Discard = "discard" => "staff-action-discard",
        Edit = "edit" => "staff-action-edit",
        Describe = "describe" => "staff-action-describe",
        Note = "note" => "staff-action-note",
    }
}

impl Action {
    /// The Fluent id of the action's submit button.
    pub fn button_message_id(self) -> &'static str {
        match self {
            Self::Verify => "staff-button-verify",
            Self::Route => "staff-button-route",
            Self::Answer => "staff-button-answer",
            Self::AskInfo => "staff-button-ask",
            Self::Postpone => "staff-button-postpone",
            Self::NotOurs => "staff-button-not-ours",
            Self::Close => "staff-button-close",
            Self::Reopen => "staff-button-reopen",
            Self::KeepClosed => "staff-button-keep-closed",
            Self::Reject => "staff-button-reject",
            Self::Archive => "staff-button-archive",
            Self::Release => "staff-button-release",
            Self::Discard => "staff-button-discard",
            Self::Edit => "staff-button-edit",
            Self::Describe => "staff-button-describe",
            Self::Note => "staff-button-note",
        }
    }

    /// The Fluent id of the notice shown once the action is done.
    pub fn done_message_id(self) -> &'static str {
        match self {
            Self::Verify => "staff-done-verify",
            Self::Route => "staff-done-route",
            Self::Answer => "staff-done-answer",
            Self::AskInfo => "staff-done-ask",
            Self::Postpone => "staff-done-postpone",
            Self::NotOurs => "staff-done-not-ours",
            Self::Close => "staff-done-close",
            Self::Reopen => "staff-done-reopen",
            Self::KeepClosed => "staff-done-keep-closed",
            Self::Reject => "staff-done-reject",
            Self::Archive => "staff-done-archive",
            Self::Release => "staff-done-release",
            Self::Discard => "staff-done-discard",
            Self::Edit => "staff-done-edit",
            Self::Describe => "staff-done-describe",
            Self::Note => "staff-done-note",
        }
    }

    /// Whether `role` may take this action on a report in `status` (`held`: suspected spam).
    pub fn allowed(self, role: Role, status: Status, held: bool) -> bool {
        use Action::*;
        use Status as S;
        let staff = matches!(role, Role::Admin | Role::Verifier);
        let officer = matches!(role, Role::Admin | Role::Officer);
        if held {
            return staff && matches!(self, Release | Discard | Note) && status == S::Submitted;
        }
        match self {
            Release | Discard => false,
            Verify => staff && status == S::Submitted,
            Reject => staff && status.with_verifiers(),
            Route => staff && matches!(status, S::Verified | S::Routed | S::InProgress),
            AskInfo => (staff && status.with_verifiers()) || (officer && status.with_agency()),
            Answer | Postpone | NotOurs => officer && status.with_agency(),
            Close => (staff || officer) && status == S::Answered,
            Reopen => staff && matches!(status, S::Answered | S::Closed),
            // Only while a request to reopen waits: see `plan` and `available_for`.
            KeepClosed => staff && status == S::Closed,
            Archive => {
                staff
                    && (status.with_verifiers()
                        || status == S::InfoRequested
                        || status.with_agency())
            }
            Note | Describe => true,
            Edit => staff && !matches!(status, S::Rejected | S::Archived),
        }
    }

    /// The status after the action (`None`: unchanged); `has_agency`: whether the report
    /// has an agency after it.
    pub fn next_status(self, has_agency: bool) -> Option<Status> {
        match self {
            Self::Verify | Self::NotOurs => Some(Status::Verified),
            Self::Reject | Self::Discard => Some(Status::Rejected),
            Self::AskInfo => Some(Status::InfoRequested),
            Self::Route => Some(Status::Routed),
            Self::Answer => Some(Status::Answered),
            Self::Postpone => Some(Status::InProgress),
            Self::Close => Some(Status::Closed),
            Self::Reopen => Some(reopen_status(has_agency)),
            Self::Archive => Some(Status::Archived),
            Self::Note | Self::Edit | Self::Release | Self::Describe | Self::KeepClosed => None,
        }
    }

    /// Whether the action's event shows on the public timeline (and in the private view).
    pub fn public_event(self) -> bool {
        !matches!(
            self,
            Self::Note
                | Self::Edit
                | Self::Describe
                | Self::Release
                | Self::Discard
                | Self::AskInfo
                | Self::KeepClosed
        )
    }

    /// Whether the action needs a text (reason, question, answer...).
    pub fn needs_text(self) -> bool {
        matches!(
            self,
            Self::Reject
                | Self::AskInfo
                | Self::Answer
                | Self::Postpone
                | Self::NotOurs
                | Self::Archive
                | Self::Note
                | Self::KeepClosed
        )
    }
}

/// One line of the audit log: who took which action on which report, from and to which
/// state (read back for admins).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: time::OffsetDateTime,
    pub user_id: i64,
    pub user_email: String,
    pub report_id: Option<i64>,
    pub report_code: Option<String>,
    /// An [`Action`] on a report, or an [`super::staff::AccountEvent`].
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub detail: Option<String>,
}

impl AuditEntry {
    /// The Fluent id that names the entry's action.
    pub fn action_message_id(&self) -> &'static str {
        Action::parse(&self.action).map_or_else(
            || {
                super::staff::AccountEvent::parse(&self.action)
                    .map_or("staff-audit-unknown", |e| e.message_id())
            },
            |a| a.message_id(),
        )
    }
}

/// A reopened report goes back to its agency, or to the verifiers when it has none.
pub fn reopen_status(has_agency: bool) -> Status {
    if has_agency {
        Status::Routed
    } else {
        Status::Verified
    }
}

/// What a staff action carries besides its kind (already checked by the handler).
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

/// A change to the report besides its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    None,
    /// The public text replaced (the originals are kept once, for staff).
    Edit {
        title: Option<String>,
        description: Option<String>,
    },
    /// A photo's description set.
    Describe {
        photo: Option<String>,
        text: Option<String>,
    },
    /// Released from the spam check.
    Release,
    /// A request to reopen declined: out of the queue's list of reopen requests.
    DeclineReopen,
}

/// The step an action adds to the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineStep {
    pub kind: EventKind,
    /// The role that acted (the timeline names roles, never people).
    pub actor: Actor,
    /// The agency it concerns (routing, an agency's answer).
    pub agency: Option<String>,
    /// On the public timeline (and in the reporter's view); otherwise the reporter sees it
    /// only when it is an exchange with them ([`EventKind::WITH_REPORTER`]), staff always.
    pub public: bool,
    /// Its text; an edit's event says only that it happened (the original stays in the row).
    pub body: Option<String>,
}

/// The audit log's line: who is added when written; never the texts (personal data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    pub action: Action,
    pub from: Status,
    pub to: Status,
    /// The agency routed to, or the photo described.
    pub detail: Option<String>,
}

/// Everything an allowed action does to a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub to: Status,
    /// The report's agency after the action.
    pub agency: Option<String>,
    /// Whether the agency's follow-up clock starts again (routing does; a reopen keeps it).
    pub restart_clock: bool,
    /// Whether the agency's follow-up is postponed (to `postponed_until`).
    pub postpones: bool,
    /// Postpone: the new date the agency's follow-up is due.
    pub postponed_until: Option<String>,
    pub change: Change,
    pub step: TimelineStep,
    pub audit: AuditLine,
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("this action is not allowed on the report as it is now")]
pub struct NotAllowed;

/// What `action`, taken by `role`, does to `report` as it is now; refused when the
/// workflow table does not allow it.
pub fn plan(
    action: Action,
    role: Role,
    report: &Report,
    input: &ActionInput,
) -> Result<Outcome, NotAllowed> {
    if !action.allowed(role, report.status, report.held)
        || (action == Action::KeepClosed && report.reopen_requested_at.is_none())
    {
        return Err(NotAllowed);
    }
    let from = report.status;
    let agency = match action {
        Action::Route => input.agency.clone(),
        Action::NotOurs => None,
        _ => report.agency.clone(),
    };
    let to = action.next_status(agency.is_some()).unwrap_or(from);
    let text = input.text.clone();
    let change = match action {
        Action::Edit => Change::Edit {
            title: input.title.clone(),
            description: input.description.clone(),
        },
        Action::Describe => Change::Describe {
            photo: input.photo.clone(),
            text: text.clone(),
        },
        Action::Release => Change::Release,
        Action::KeepClosed => Change::DeclineReopen,
        _ => Change::None,
    };
    let step = TimelineStep {
        kind: event_kind(action, from),
        actor: role.into(),
        agency: match action {
            Action::Answer | Action::Postpone | Action::NotOurs => report.agency.clone(),
            Action::Route => input.agency.clone(),
            _ => None,
        },
        public: action.public_event(),
        body: match action {
            Action::Edit | Action::Describe | Action::Release | Action::Discard => None,
            Action::Postpone => Some(format!(
                "{} ({})",
                text.unwrap_or_default(),
                input.until.as_deref().unwrap_or_default()
            )),
            _ => text,
        },
    };
    let audit = AuditLine {
        action,
        from,
        to,
        detail: match action {
            Action::Route => input.agency.clone(),
            Action::Describe => input.photo.clone(),
            _ => None,
        },
    };
    Ok(Outcome {
        to,
        agency,
        restart_clock: action == Action::Route,
        postpones: action == Action::Postpone,
        postponed_until: (action == Action::Postpone)
            .then(|| input.until.clone())
            .flatten(),
        change,
        step,
        audit,
    })
}

/// The timeline event of an action taken on a report in `from`.
fn event_kind(action: Action, from: Status) -> EventKind {
    match action {
        Action::Route if from.with_agency() => EventKind::Rerouted,
        Action::Route => EventKind::Routed,
        Action::AskInfo => EventKind::InfoRequested,
        Action::Postpone => EventKind::Postponed,
        Action::NotOurs => EventKind::NotOurs,
        Action::Reopen => EventKind::Reopened,
        Action::Archive => EventKind::Archived,
        Action::Edit => EventKind::Edited,
        Action::Describe => EventKind::PhotoDescribed,
        Action::Release => EventKind::Released,
        Action::Discard => EventKind::Discarded,
        Action::Note => EventKind::Note,
        Action::Verify => EventKind::Verified,
        Action::Reject => EventKind::Rejected,
        Action::Answer => EventKind::Answered,
        Action::Close => EventKind::Closed,
        Action::KeepClosed => EventKind::ReopenDeclined,
    }
}

/// The actions `role` may take on `report` as it is: [`available`], and declining a
/// request to reopen only while one waits.
pub fn available_for(role: Role, report: &Report) -> Vec<Action> {
    let mut actions = available(role, report.status, report.held);
    if report.reopen_requested_at.is_none() {
        actions.retain(|a| *a != Action::KeepClosed);
    }
    actions
}

/// The actions `role` may take on a report in `status`, in the order of the case page.
pub fn available(role: Role, status: Status, held: bool) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| a.allowed(role, status, held))
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::domain::report::{Kind, Privacy};

    /// A report in `status` (routed to `agency`), for the domain's tests.
    pub(crate) fn report(status: Status, agency: Option<&str>) -> Report {
        let t = time::macros::datetime!(2026-11-02 08:00 UTC);
        Report {
            id: 7,
            code: "ABCDEFGHJ".into(),
            key_hash: String::new(),
            text_lang: None,
            kind: Kind::Complaint,
            category: "roads".into(),
            title: "Jalan rusak".into(),
            description: "Lubang besar".into(),
            province: "32".into(),
            regency: "32.73".into(),
            place: None,
            occurred_on: "2026-11-01".into(),
            agency: agency.map(str::to_owned),
            privacy: Privacy::Public,
            reporter_name: Some("Siti".into()),
            reporter_email: None,
            reporter_phone: None,
            on_behalf: false,
            relationship: None,
            personal_data_kept: false,
            lang: "id".into(),
            status,
            held: false,
            rating: None,
            rating_comment: None,
            created_at: t,
            updated_at: t,
            closed_at: None,
            status_before_info: None,
            version: 1,
            original_title: None,
            original_description: None,
            postponed_until: None,
            verified_at: None,
            routed_at: None,
            answered_at: None,
            reopen_requested_at: None,
            behalf_consent_at: None,
            channel: crate::domain::report::Channel::Web,
            partner_id: None,
            filed_by_staff_id: None,
            desk_consent_at: None,
        }
    }

    fn text(t: &str) -> ActionInput {
        ActionInput {
            text: Some(t.into()),
            ..ActionInput::default()
        }
    }

    #[test]
    fn officers_cannot_verify_and_verifiers_cannot_answer() {
        assert!(!Action::Verify.allowed(Role::Officer, Status::Submitted, false));
        assert!(!Action::Answer.allowed(Role::Verifier, Status::Routed, false));
        assert!(Action::Answer.allowed(Role::Officer, Status::Routed, false));
        assert!(Action::Verify.allowed(Role::Verifier, Status::Submitted, false));
        assert!(
            !Action::Verify.allowed(Role::Verifier, Status::Submitted, true),
            "held first"
        );
        assert!(Action::Release.allowed(Role::Verifier, Status::Submitted, true));
        assert!(!Action::Close.allowed(Role::Admin, Status::Routed, false));
        assert!(Action::Reopen.allowed(Role::Admin, Status::Closed, false));
        assert!(!Action::Edit.allowed(Role::Officer, Status::Routed, false));
    }

    #[test]
    fn routing_sets_the_agency_restarts_its_clock_and_is_public() {
        let input = ActionInput {
            agency: Some("kemenhub".into()),
            ..ActionInput::default()
        };
        let o = plan(
            Action::Route,
            Role::Verifier,
            &report(Status::Verified, None),
            &input,
        )
        .unwrap();
        assert_eq!(o.to, Status::Routed);
        assert_eq!(o.agency.as_deref(), Some("kemenhub"));
        assert!(o.restart_clock);
        assert_eq!(o.step.kind, EventKind::Routed);
        assert_eq!(o.step.actor, Actor::Verifier);
        assert_eq!(o.step.agency.as_deref(), Some("kemenhub"));
        assert!(o.step.public);
        assert_eq!(o.audit.detail.as_deref(), Some("kemenhub"));
        assert_eq!(
            (o.audit.from, o.audit.to),
            (Status::Verified, Status::Routed)
        );
        // Again, from the agency: a reroute.
        let o = plan(
            Action::Route,
            Role::Admin,
            &report(Status::InProgress, Some("a")),
            &input,
        )
        .unwrap();
        assert_eq!(o.step.kind, EventKind::Rerouted);
    }

    #[test]
    fn a_question_goes_to_the_reporter_only_and_the_audit_never_holds_texts() {
        let o = plan(
            Action::AskInfo,
            Role::Officer,
            &report(Status::Routed, Some("a")),
            &text("Di mana tepatnya?"),
        )
        .unwrap();
        assert_eq!(o.to, Status::InfoRequested);
        assert!(!o.step.public, "not on the public timeline");
        assert!(
            EventKind::WITH_REPORTER.contains(&o.step.kind),
            "the reporter sees it"
        );
        assert_eq!(o.step.body.as_deref(), Some("Di mana tepatnya?"));
        assert_eq!(o.audit.detail, None);
        assert_eq!(o.agency.as_deref(), Some("a"), "the agency stays");
    }

    #[test]
    fn not_ours_sends_the_report_back_to_the_verifiers_without_agency() {
        let o = plan(
            Action::NotOurs,
            Role::Officer,
            &report(Status::Routed, Some("a")),
            &text("Bukan kewenangan kami"),
        )
        .unwrap();
        assert_eq!(o.to, Status::Verified);
        assert_eq!(o.agency, None);
        assert_eq!(
            o.step.agency.as_deref(),
            Some("a"),
            "the event names who declined"
        );
        assert!(!o.restart_clock);
    }

    #[test]
    fn postponing_carries_the_date_into_the_event_and_the_deadline() {
        let input = ActionInput {
            text: Some("Menunggu anggaran".into()),
            until: Some("2026-12-15".into()),
            ..ActionInput::default()
        };
        let o = plan(
            Action::Postpone,
            Role::Officer,
            &report(Status::Routed, Some("a")),
            &input,
        )
        .unwrap();
        assert_eq!(o.to, Status::InProgress);
        assert_eq!(o.postponed_until.as_deref(), Some("2026-12-15"));
        assert_eq!(
            o.step.body.as_deref(),
            Some("Menunggu anggaran (2026-12-15)")
        );
    }

    #[test]
    fn edits_and_notes_stay_internal_and_keep_the_status() {
        let input = ActionInput {
            title: Some("Jalan rusak".into()),
            description: Some("Lubang besar [dihapus]".into()),
            ..ActionInput::default()
        };
        let o = plan(
            Action::Edit,
            Role::Verifier,
            &report(Status::Routed, Some("a")),
            &input,
        )
        .unwrap();
        assert_eq!(o.to, Status::Routed);
        assert!(!o.step.public);
        assert_eq!(o.step.body, None, "the event says only that it happened");
        assert!(matches!(o.change, Change::Edit { .. }));
        let o = plan(
            Action::Note,
            Role::Officer,
            &report(Status::Routed, Some("a")),
            &text("catatan"),
        )
        .unwrap();
        assert_eq!(
            (o.to, o.step.kind, o.step.public),
            (Status::Routed, EventKind::Note, false)
        );
    }

    #[test]
    fn reopening_goes_back_to_the_agency_or_the_verifiers() {
        let o = plan(
            Action::Reopen,
            Role::Admin,
            &report(Status::Closed, Some("a")),
            &ActionInput::default(),
        )
        .unwrap();
        assert_eq!(o.to, Status::Routed);
        assert!(!o.restart_clock, "a reopen keeps the agency's clock");
        let o = plan(
            Action::Reopen,
            Role::Admin,
            &report(Status::Answered, None),
            &ActionInput::default(),
        )
        .unwrap();
        assert_eq!(o.to, Status::Verified);
    }

    #[test]
    fn refused_when_the_table_says_no() {
        assert_eq!(
            plan(
                Action::Answer,
                Role::Verifier,
                &report(Status::Routed, Some("a")),
                &text("x")
            ),
            Err(NotAllowed)
        );
        let mut held = report(Status::Submitted, None);
        held.held = true;
        assert_eq!(
            plan(Action::Verify, Role::Admin, &held, &ActionInput::default()),
            Err(NotAllowed)
        );
        let o = plan(Action::Release, Role::Admin, &held, &ActionInput::default()).unwrap();
        assert_eq!(
            (o.change, o.step.kind),
            (Change::Release, EventKind::Released)
        );
    }
}
