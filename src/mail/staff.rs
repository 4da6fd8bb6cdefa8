//! Messages to staff: the daily digest of the cases an officer or verifier is
//! responsible for that are due within two working days or overdue. It names cases by
//! tracking code only: no title, no reporter.

use super::letter::Ctx;
use super::letter::Letter;
use super::workshops::{grouped, long_date};
use serde::{Deserialize, Serialize};
use time::Date;

/// One case in a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestCase {
    /// Tracking code.
    pub code: String,
    /// Its deadline (ISO date).
    pub due: String,
    /// Past its deadline.
    pub overdue: bool,
}

/// A message to a staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffMessage {
    /// The cases due soon and overdue on `date` (ISO), overdue first.
    Digest {
        date: String,
        cases: Vec<DigestCase>,
    },
}

fn parse_date(iso: &str) -> Option<Date> {
    Date::parse(iso, &time::format_description::well_known::Iso8601::DATE).ok()
}

impl StaffMessage {
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Digest { .. } => "staff-digest",
        }
    }

    pub fn letter(&self, ctx: &Ctx<'_>) -> Letter {
        match self {
            Self::Digest { date, cases } => {
                let overdue = cases.iter().filter(|c| c.overdue).count();
                let soon = cases.len() - overdue;
                let day = parse_date(date)
                    .map(|d| long_date(ctx, d))
                    .unwrap_or_else(|| date.clone());
                let facts = cases
                    .iter()
                    .map(|c| {
                        let due = parse_date(&c.due)
                            .map(|d| long_date(ctx, d))
                            .unwrap_or_else(|| c.due.clone());
                        let id = if c.overdue {
                            "mail-digest-overdue-since"
                        } else {
                            "mail-digest-due-by"
                        };
                        (grouped(&c.code), ctx.t_args(id, &[("date", due.into())]))
                    })
                    .collect();
                Letter {
                    subject: ctx.t_args(
                        "mail-digest-subject",
                        &[
                            ("overdue", overdue.into()),
                            ("soon", soon.into()),
                            ("date", day.into()),
                        ],
                    ),
                    paragraphs: vec![ctx.t("mail-digest-body")],
                    facts,
                    link: Some((
                        ctx.t("mail-digest-link"),
                        ctx.url(&format!("/{}/staff", ctx.locale.tag)),
                    )),
                    after: vec![ctx.t("mail-digest-setting")],
                    attachment: None,
                }
            }
        }
    }
}
