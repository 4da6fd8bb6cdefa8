//! The case workflow: which staff action each role may take in each state, and where it
//! leads. One table, used by the pages (which buttons to show) and by the handlers
//! (what to accept), so the two cannot disagree.

use super::staff::Role;

/// A staff action on a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Verify,
    Reject,
    AskInfo,
    Route,
    Answer,
    Postpone,
    NotOurs,
    Close,
    Reopen,
    Archive,
    Note,
    Edit,
    Release,
    Discard,
    Describe,
}

impl Action {
    /// Every action, in the order of the case page.
    pub const ALL: [Self; 15] = [
        Self::Verify,
        Self::Route,
        Self::Answer,
        Self::AskInfo,
        Self::Postpone,
        Self::NotOurs,
        Self::Close,
        Self::Reopen,
        Self::Reject,
        Self::Archive,
        Self::Release,
        Self::Discard,
        Self::Edit,
        Self::Describe,
        Self::Note,
    ];

    /// URL segment and stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reject => "reject",
            Self::AskInfo => "ask",
            Self::Route => "route",
            Self::Answer => "answer",
            Self::Postpone => "postpone",
            Self::NotOurs => "not-ours",
            Self::Close => "close",
            Self::Reopen => "reopen",
            Self::Archive => "archive",
            Self::Note => "note",
            Self::Edit => "edit",
            Self::Release => "release",
            Self::Discard => "discard",
            Self::Describe => "describe",
        }
    }

    /// The action of a URL segment.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Whether `role` may take this action on a report in `status` (`held`: suspected spam).
    pub fn allowed(self, role: Role, status: &str, held: bool) -> bool {
        use Action::*;
        let staff = matches!(role, Role::Admin | Role::Verifier);
        let officer = matches!(role, Role::Admin | Role::Officer);
        if held {
            return staff && matches!(self, Release | Discard | Note) && status == "submitted";
        }
        match self {
            Release | Discard => false,
            Verify => staff && status == "submitted",
            Reject => staff && matches!(status, "submitted" | "verified"),
            Route => staff && matches!(status, "verified" | "routed" | "in-progress"),
            AskInfo => {
                (staff && matches!(status, "submitted" | "verified"))
                    || (officer && matches!(status, "routed" | "in-progress"))
            }
            Answer | Postpone | NotOurs => officer && matches!(status, "routed" | "in-progress"),
            Close => (staff || officer) && status == "answered",
            Reopen => staff && matches!(status, "answered" | "closed"),
            Archive => {
                staff
                    && matches!(
                        status,
                        "submitted" | "verified" | "info-requested" | "routed" | "in-progress"
                    )
            }
            Note | Describe => true,
            Edit => staff && !matches!(status, "rejected" | "archived"),
        }
    }

    /// The status after the action (`None`: unchanged). `Reopen` and `NotOurs` depend on
    /// the report; see [`reopen_status`].
    pub fn next_status(self, has_agency: bool) -> Option<&'static str> {
        match self {
            Self::Verify => Some("verified"),
            Self::Reject | Self::Discard => Some("rejected"),
            Self::AskInfo => Some("info-requested"),
            Self::Route => Some("routed"),
            Self::Answer => Some("answered"),
            Self::Postpone => Some("in-progress"),
            Self::NotOurs => Some("verified"),
            Self::Close => Some("closed"),
            Self::Reopen => Some(reopen_status(has_agency)),
            Self::Archive => Some("archived"),
            Self::Note | Self::Edit | Self::Release | Self::Describe => None,
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
        )
    }
}

/// A reopened report goes back to its agency, or to the verifiers when it has none.
pub fn reopen_status(has_agency: bool) -> &'static str {
    if has_agency { "routed" } else { "verified" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officers_cannot_verify_and_verifiers_cannot_answer() {
        assert!(!Action::Verify.allowed(Role::Officer, "submitted", false));
        assert!(!Action::Answer.allowed(Role::Verifier, "routed", false));
        assert!(Action::Answer.allowed(Role::Officer, "routed", false));
        assert!(Action::Verify.allowed(Role::Verifier, "submitted", false));
        assert!(
            !Action::Verify.allowed(Role::Verifier, "submitted", true),
            "held first"
        );
        assert!(Action::Release.allowed(Role::Verifier, "submitted", true));
        assert!(!Action::Close.allowed(Role::Admin, "routed", false));
        assert!(Action::Reopen.allowed(Role::Admin, "closed", false));
        assert!(!Action::Edit.allowed(Role::Officer, "routed", false));
    }
}
