//! Messages to reporters (who asked to be told by email).

use super::letter::Letter;
use super::message::Ctx;
use crate::domain::case::Status;
use serde::{Deserialize, Serialize};

/// A message to a reporter. Never carries the access key, the reporter's own text of a
/// confidential report, or anything about other people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportMessage {
    /// The report's status changed (`status`: the stored text of the new status).
    Changed { code: String, status: String },
}

impl ReportMessage {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Changed { .. } => "report-changed",
        }
    }

    pub fn forget_after_sending(&self) -> bool {
        false
    }

    pub fn letter(&self, ctx: &Ctx<'_>) -> Letter {
        match self {
            Self::Changed { code, status } => {
                let status_label = Status::parse(status)
                    .map(|s| ctx.t(s.message_id()))
                    .unwrap_or_default();
                Letter {
                    subject: ctx.t_args(
                        "mail-report-changed-subject",
                        &[("code", code.as_str().into())],
                    ),
                    paragraphs: vec![ctx.t_args(
                        "mail-report-changed-body",
                        &[("status", status_label.into())],
                    )],
                    facts: vec![(ctx.t("mail-report-code"), code.clone())],
                    link: Some((
                        ctx.t("mail-report-link"),
                        ctx.url(&format!("/{}/track?code={code}", ctx.locale.tag)),
                    )),
                    ..Letter::default()
                }
            }
        }
    }
}
