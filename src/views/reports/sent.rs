//! The confirmation: the tracking code and the access key, shown once.

use crate::domain::report::Privacy;
use crate::views::PageCtx;
use crate::views::dates::format_date;
use crate::views::layout::{Title, page};
use maud::{Markup, html};
use time::Date;

/// What the confirmation shows.
pub struct Confirmation<'a> {
    /// The tracking code, grouped (`K7M-4QX-92B`).
    pub code: &'a str,
    /// The access key, grouped (the page is shown only to the browser holding the draft
    /// and its receipt, for the first hour).
    pub key: String,
    /// The date by which staff check the report.
    pub verify_by: Date,
    pub privacy: Privacy,
}

/// Page: the report was sent.
pub fn sent(ctx: &PageCtx, c: &Confirmation<'_>) -> Markup {
    let title = ctx.t("report-sent-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            div.notice role="status" {
                h1 { (title) }
                p { (ctx.t("report-sent-code-label")) }
                p.code-display data-source="data" { (c.code) }
            }
            h2 { (ctx.t("report-sent-key-heading")) }
            p { (ctx.t("report-sent-key-label")) }
            p.code-display.code-display--key data-source="data" { (c.key) }
            p { strong { (ctx.t("report-sent-key-advice")) } }
            h2 { (ctx.t("report-sent-next-heading")) }
            p { (ctx.t_args("report-sent-next-verify", &[
                ("date", format_date(ctx, c.verify_by).into()),
                ("days", crate::domain::deadlines::ANSWER_WORKING_DAYS.into()),
            ])) }
            p { (ctx.t(match c.privacy {
                Privacy::Public => "report-sent-next-public",
                Privacy::Anonymous => "report-sent-next-anonymous",
                Privacy::Confidential => "report-sent-next-confidential",
            })) }
            // The code fills the tracking form; the key never goes into an address.
            p { a href=(ctx.url(&format!("/track?code={}", super::super::browse::encode(c.code)))) { (ctx.t("report-sent-track-link")) } }
            form method="post" action=(ctx.url("/reports/new")) {
                button.button.button--secondary type="submit" { (ctx.t("report-start-another")) }
            }
        },
    )
}
