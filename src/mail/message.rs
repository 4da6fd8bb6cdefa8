//! Every message Balai sends, as data: what is stored in the outbox (`params`, JSON) and
//! rendered into a [`Letter`] when sent, in the recipient's language. One enum per part of
//! the site, each in its own file.

use super::letter::Letter;
use crate::db::outbox::NewMessage;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What a letter needs (defined with [`Letter`], so that the message kinds, which
/// `Message` names, need not name this module back).
pub use super::letter::Ctx;

/// A message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Message {
    Report(super::reports::ReportMessage),
    Workshop(super::workshops::WorkshopMessage),
    Staff(super::staff::StaffMessage),
}

impl Message {
    /// A short name for lists and logs (never the text).
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Report(m) => m.kind(),
            Self::Workshop(m) => m.kind(),
            Self::Staff(m) => m.kind(),
        }
    }

    /// What it says.
    pub fn letter(&self, ctx: &Ctx<'_>) -> Letter {
        match self {
            Self::Report(m) => m.letter(ctx),
            Self::Workshop(m) => m.letter(ctx),
            Self::Staff(m) => m.letter(ctx),
        }
    }

    /// Whether its text is dropped from the outbox once sent (a one-time link).
    pub fn forget_after_sending(&self) -> bool {
        match self {
            Self::Report(m) => m.forget_after_sending(),
            Self::Workshop(_) | Self::Staff(_) => false,
        }
    }

    /// The outbox row for this message to `to` in `lang`.
    pub fn to_row(&self, to: &str, lang: &str, dedupe: String) -> NewMessage {
        NewMessage {
            kind: self.kind().to_owned(),
            dedupe,
            recipient: to.to_owned(),
            lang: lang.to_owned(),
            params: serde_json::to_string(self).unwrap_or_else(|_| "{}".into()),
            list: None,
            report_id: None,
            registration_id: None,
            expires_at: None,
        }
    }
}

impl NewMessage {
    /// Part of a list the recipient may stop.
    pub fn in_list(mut self, list: impl Into<String>) -> Self {
        self.list = Some(list.into());
        self
    }

    /// About a report (erased with its personal data).
    pub fn about_report(mut self, id: i64) -> Self {
        self.report_id = Some(id);
        self
    }

    /// About a registration (erased with it).
    pub fn about_registration(mut self, id: i64) -> Self {
        self.registration_id = Some(id);
        self
    }

    /// Not worth sending after `at`.
    pub fn expires(mut self, at: OffsetDateTime) -> Self {
        self.expires_at = Some(at);
        self
    }
}
