//! Messages to reporters: what changed on their report (for those who asked to be told by
//! email, [`update`] decides which changes), and the one-time link to make a new access
//! key ([`ReportMessage::NewKeyLink`]).
//!
//! What a message may carry: the tracking code, what happened, the agency's name, and
//! the staff's own words (a question, an answer, a reason) only when the report is not
//! confidential: on a confidential report staff may quote the reporter, so the message
//! says what happened and the reporter reads the rest behind the code and key. Never the
//! access key, the reporter's own text, or anything about other people.

use super::letter::Ctx;
use super::letter::Letter;
use crate::domain::case::{EventKind, Report, Status};
use crate::domain::report::Privacy;
use crate::domain::workflow::Outcome;
use serde::{Deserialize, Serialize};

/// A message to a reporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportMessage {
    /// The report's status changed (`status`: the stored text of the new status).
    Changed { code: String, status: String },
    /// Staff checked and accepted the report.
    Verified { code: String },
    /// The report was sent to an agency (its slug; named in the reader's language).
    Forwarded { code: String, agency: String },
    /// Staff ask the reporter something (the question, unless confidential).
    InfoRequested {
        code: String,
        question: Option<String>,
    },
    /// The agency answered (the answer, unless confidential).
    Answered {
        code: String,
        agency: Option<String>,
        answer: Option<String>,
    },
    /// Staff did not accept the report (the reason, unless confidential).
    Rejected {
        code: String,
        reason: Option<String>,
    },
    /// The report was closed, by staff or (`automatic`) after the answer went unanswered.
    Closed { code: String, automatic: bool },
    /// A one-time link to make a new access key (`token`: the secret part of the link;
    /// dropped from the outbox once sent).
    NewKeyLink { code: String, token: String },
    /// Staff filed the report at the assisted-intake desk for the citizen (issue #19): the
    /// tracking code and the access key, asked for by the citizen there (the one message
    /// that carries a key; dropped from the outbox once sent).
    Filed { code: String, key: String },
}

impl ReportMessage {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Changed { .. } => "report-changed",
            Self::Verified { .. } => "report-verified",
            Self::Forwarded { .. } => "report-forwarded",
            Self::InfoRequested { .. } => "report-info-requested",
            Self::Answered { .. } => "report-answered",
            Self::Rejected { .. } => "report-rejected",
            Self::Closed { .. } => "report-closed",
            Self::NewKeyLink { .. } => "report-new-key-link",
            Self::Filed { .. } => "report-filed",
        }
    }

    /// The one-time link must not stay readable in the outbox.
    pub fn forget_after_sending(&self) -> bool {
        matches!(self, Self::NewKeyLink { .. } | Self::Filed { .. })
    }

    fn code(&self) -> &str {
        match self {
            Self::Changed { code, .. }
            | Self::Verified { code }
            | Self::Forwarded { code, .. }
            | Self::InfoRequested { code, .. }
            | Self::Answered { code, .. }
            | Self::Rejected { code, .. }
            | Self::Closed { code, .. }
            | Self::NewKeyLink { code, .. }
            | Self::Filed { code, .. } => code,
        }
    }

    pub fn letter(&self, ctx: &Ctx<'_>) -> Letter {
        let code = self.code().to_owned();
        let with_code = |id: &str| ctx.t_args(id, &[("code", code.as_str().into())]);
        let agency_name = |slug: &str| {
            ctx.content
                .taxonomy
                .agency(slug, &ctx.content.areas)
                .map(|a| a.name(&ctx.locale.tag).to_owned())
                .unwrap_or_else(|| ctx.t("mail-report-agency-unknown"))
        };
        let quoted = |label: &str, text: &Option<String>| match text {
            Some(t) => vec![ctx.t(label), t.clone()],
            None => vec![ctx.t("mail-report-read-online")],
        };
        let track = Some((
            ctx.t("mail-report-link"),
            ctx.url(&format!("/{}/track?code={code}", ctx.locale.tag)),
        ));
        let facts = vec![(ctx.t("mail-report-code"), code.clone())];
        let after = vec![ctx.t("mail-report-key-note")];
        let (subject, paragraphs) = match self {
            Self::Changed { status, .. } => {
                let status_label = Status::parse(status)
                    .map(|s| ctx.t(s.message_id()))
                    .unwrap_or_default();
                (
                    with_code("mail-report-changed-subject"),
                    vec![ctx.t_args(
                        "mail-report-changed-body",
                        &[("status", status_label.into())],
                    )],
                )
            }
            Self::Verified { .. } => (
                with_code("mail-report-verified-subject"),
                vec![ctx.t("mail-report-verified-body")],
            ),
            Self::Forwarded { agency, .. } => {
                let name = agency_name(agency);
                (
                    ctx.t_args(
                        "mail-report-forwarded-subject",
                        &[
                            ("code", code.as_str().into()),
                            ("agency", name.clone().into()),
                        ],
                    ),
                    vec![ctx.t_args("mail-report-forwarded-body", &[("agency", name.into())])],
                )
            }
            Self::InfoRequested { question, .. } => {
                let mut p = vec![ctx.t("mail-report-info-requested-body")];
                p.extend(quoted("mail-report-question", question));
                (with_code("mail-report-info-requested-subject"), p)
            }
            Self::Answered { agency, answer, .. } => {
                let who = agency.as_deref().map_or_else(
                    || ctx.t("mail-report-answered-body-staff"),
                    |a| {
                        ctx.t_args(
                            "mail-report-answered-body",
                            &[("agency", agency_name(a).into())],
                        )
                    },
                );
                let mut p = vec![who];
                p.extend(quoted("mail-report-answer", answer));
                p.push(ctx.t("mail-report-answered-next"));
                (with_code("mail-report-answered-subject"), p)
            }
            Self::Rejected { reason, .. } => {
                let mut p = vec![ctx.t("mail-report-rejected-body")];
                p.extend(quoted("mail-report-reason", reason));
                (with_code("mail-report-rejected-subject"), p)
            }
            Self::Closed { automatic, .. } => (
                with_code("mail-report-closed-subject"),
                vec![ctx.t(if *automatic {
                    "mail-report-closed-body-automatic"
                } else {
                    "mail-report-closed-body"
                })],
            ),
            Self::Filed { key, .. } => {
                return Letter {
                    subject: with_code("mail-desk-filed-subject"),
                    paragraphs: vec![ctx.t("mail-desk-filed-body")],
                    facts: vec![
                        (ctx.t("mail-report-code"), code.clone()),
                        (ctx.t("mail-desk-filed-key"), key.clone()),
                    ],
                    link: track,
                    after: vec![ctx.t("mail-desk-filed-key-note")],
                    ..Letter::default()
                };
            }
            Self::NewKeyLink { token, .. } => {
                return Letter {
                    subject: with_code("mail-report-new-key-subject"),
                    paragraphs: vec![
                        with_code("mail-report-new-key-body"),
                        ctx.t("mail-report-new-key-once"),
                    ],
                    facts,
                    link: Some((
                        ctx.t("mail-report-new-key-link"),
                        ctx.url(&format!("/{}/track/new-key/{token}", ctx.locale.tag)),
                    )),
                    after: vec![ctx.t("mail-report-new-key-ignore")],
                    ..Letter::default()
                };
            }
        };
        Letter {
            subject,
            paragraphs,
            facts,
            link: track,
            after,
            ..Letter::default()
        }
    }
}

/// What the reporter of `report` is told about the staff action `outcome` (taken on the
/// report as it is), or `None` when it changes nothing they see: checked, forwarded to an
/// agency, asked something, answered, not accepted, closed. Staff text only when the
/// report is not confidential.
pub fn update(report: &Report, outcome: &Outcome) -> Option<ReportMessage> {
    let code = display_code(&report.code);
    let staff_text = || {
        outcome
            .step
            .body
            .clone()
            .filter(|t| !t.trim().is_empty() && report.privacy != Privacy::Confidential)
    };
    Some(match outcome.step.kind {
        EventKind::Verified => ReportMessage::Verified { code },
        EventKind::Routed | EventKind::Rerouted => ReportMessage::Forwarded {
            code,
            agency: outcome.agency.clone()?,
        },
        EventKind::InfoRequested => ReportMessage::InfoRequested {
            code,
            question: staff_text(),
        },
        EventKind::Answered => ReportMessage::Answered {
            code,
            agency: outcome.step.agency.clone(),
            answer: staff_text(),
        },
        EventKind::Rejected => ReportMessage::Rejected {
            code,
            reason: staff_text(),
        },
        EventKind::Closed => ReportMessage::Closed {
            code,
            automatic: false,
        },
        _ => return None,
    })
}

/// The code as people read it (`KS2-ZF4-NZW`).
pub fn display_code(stored: &str) -> String {
    crate::domain::Code::parse(stored).map_or_else(|| stored.to_owned(), |c| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::staff::Role;
    use crate::domain::workflow::tests::report;
    use crate::domain::workflow::{Action, ActionInput, plan};

    fn told(action: Action, role: Role, r: &Report, input: ActionInput) -> Option<ReportMessage> {
        update(r, &plan(action, role, r, &input).unwrap())
    }

    fn text(t: &str) -> ActionInput {
        ActionInput {
            text: Some(t.into()),
            ..ActionInput::default()
        }
    }

    #[test]
    fn the_reporter_hears_of_what_changes_what_they_see() {
        let code = "ABC-DEF-GHJ".to_owned();
        let new = report(Status::Submitted, None);
        assert_eq!(
            told(Action::Verify, Role::Verifier, &new, ActionInput::default()),
            Some(ReportMessage::Verified { code: code.clone() })
        );
        let route = ActionInput {
            agency: Some("kemenhub".into()),
            ..ActionInput::default()
        };
        assert_eq!(
            told(
                Action::Route,
                Role::Verifier,
                &report(Status::Verified, None),
                route.clone()
            ),
            Some(ReportMessage::Forwarded {
                code: code.clone(),
                agency: "kemenhub".into()
            })
        );
        let routed = report(Status::Routed, Some("a"));
        assert_eq!(
            told(Action::AskInfo, Role::Officer, &routed, text("Di mana?")),
            Some(ReportMessage::InfoRequested {
                code: code.clone(),
                question: Some("Di mana?".into())
            })
        );
        assert_eq!(
            told(
                Action::Answer,
                Role::Officer,
                &routed,
                text("Sudah diperbaiki")
            ),
            Some(ReportMessage::Answered {
                code: code.clone(),
                agency: Some("a".into()),
                answer: Some("Sudah diperbaiki".into())
            })
        );
        assert_eq!(
            told(Action::Reject, Role::Verifier, &new, text("Bukan laporan")),
            Some(ReportMessage::Rejected {
                code: code.clone(),
                reason: Some("Bukan laporan".into())
            })
        );
        assert_eq!(
            told(
                Action::Close,
                Role::Admin,
                &report(Status::Answered, Some("a")),
                text("Selesai")
            ),
            Some(ReportMessage::Closed {
                code,
                automatic: false
            })
        );
    }

    #[test]
    fn internal_steps_and_edits_say_nothing() {
        let routed = report(Status::Routed, Some("a"));
        assert_eq!(told(Action::Note, Role::Officer, &routed, text("x")), None);
        let edit = ActionInput {
            title: Some("t".into()),
            description: Some("d".into()),
            ..ActionInput::default()
        };
        assert_eq!(told(Action::Edit, Role::Verifier, &routed, edit), None);
        let until = ActionInput {
            text: Some("anggaran".into()),
            until: Some("2026-12-15".into()),
            ..ActionInput::default()
        };
        assert_eq!(told(Action::Postpone, Role::Officer, &routed, until), None);
    }

    #[test]
    fn a_confidential_report_gets_no_staff_text() {
        let mut r = report(Status::Routed, Some("a"));
        r.privacy = Privacy::Confidential;
        assert_eq!(
            told(
                Action::Answer,
                Role::Officer,
                &r,
                text("Pak Budi di RT 5 ...")
            ),
            Some(ReportMessage::Answered {
                code: "ABC-DEF-GHJ".into(),
                agency: Some("a".into()),
                answer: None
            })
        );
        assert_eq!(
            told(Action::AskInfo, Role::Officer, &r, text("Siapa?")),
            Some(ReportMessage::InfoRequested {
                code: "ABC-DEF-GHJ".into(),
                question: None
            })
        );
    }

    #[test]
    fn only_the_key_link_is_forgotten_after_sending() {
        let link = ReportMessage::NewKeyLink {
            code: "ABC-DEF-GHJ".into(),
            token: "t".into(),
        };
        assert!(link.forget_after_sending());
        assert!(!ReportMessage::Verified { code: "c".into() }.forget_after_sending());
    }
}
