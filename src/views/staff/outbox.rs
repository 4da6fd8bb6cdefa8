//! The outbox (admins): counts by status and the newest messages, without their text.

use super::staff_bar;
use crate::domain::FormErrors;
use crate::domain::access::Staff;
use crate::domain::outbox::{OutboxStatus, Summary};
use crate::views::PageCtx;
use crate::views::components::{OptionGroup, Select};
use crate::views::dates::format_moment;
use crate::views::layout::{Title, page};
use maud::{Markup, html};

/// Query of the outbox page.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct OutboxQuery {
    /// A status (`OutboxStatus`); anything else shows every message.
    pub status: String,
}

/// What the outbox page shows.
pub struct OutboxPage<'a> {
    /// The status chosen, if any.
    pub status: Option<OutboxStatus>,
    /// How many messages have each status, every status listed.
    pub counts: &'a [(OutboxStatus, i64)],
    /// The newest messages (of the status chosen).
    pub rows: &'a [Summary],
    /// Whether an SMTP server is set.
    pub smtp: bool,
}

fn status_name(ctx: &PageCtx, status: &str) -> String {
    OutboxStatus::parse(status).map_or_else(|| status.to_owned(), |s| ctx.t(s.message_id()))
}

/// Page: the outbox.
pub fn outbox(ctx: &PageCtx, staff: &Staff, p: &OutboxPage<'_>) -> Markup {
    let title = ctx.t("outbox-title");
    let count = p.rows.len();
    let heading = match p.status {
        Some(s) => ctx.t_args(
            "outbox-heading-status",
            &[
                ("status", ctx.t(s.message_id()).into()),
                ("count", count.into()),
            ],
        ),
        None => ctx.t_args("outbox-heading", &[("count", count.into())]),
    };
    let options = [OptionGroup {
        label: None,
        options: OutboxStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), ctx.t(s.message_id())))
            .collect(),
    }];
    let empty = p.counts.iter().all(|(_, n)| *n == 0);
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            p { (ctx.t("outbox-intro")) }
            p { (ctx.t(if p.smtp { "outbox-smtp" } else { "outbox-no-smtp" })) }
            p { (ctx.t("outbox-cli")) }
            h2 { (ctx.t("outbox-counts")) }
            @if empty {
                p { (ctx.t("outbox-count-none")) }
            } @else {
                dl.summary-list {
                    @for (s, n) in p.counts {
                        div { dt { (ctx.t(s.message_id())) } dd { (n) } }
                    }
                }
            }
            form.filters method="get" action=(ctx.url("/staff/outbox")) {
                (Select {
                    name: "status",
                    label: &ctx.t("outbox-filter-status"),
                    hint: None,
                    first: Some(&ctx.t("outbox-filter-any")),
                    groups: &options,
                    selected: p.status.map_or("", OutboxStatus::as_str),
                }.render(ctx, &FormErrors::default()))
                button.button.button--secondary type="submit" { (ctx.t("outbox-filter-apply")) }
            }
            h2 { (heading) }
            @if p.rows.is_empty() {
                p { (ctx.t(if p.status.is_some() { "outbox-empty" } else { "outbox-count-none" })) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-label=(heading) {
                    table {
                        caption.visually-hidden { (heading) }
                        thead { tr {
                            th scope="col" { (ctx.t("outbox-col-id")) }
                            th scope="col" { (ctx.t("outbox-col-kind")) }
                            th scope="col" { (ctx.t("outbox-col-to")) }
                            th scope="col" { (ctx.t("outbox-col-status")) }
                            th scope="col" { (ctx.t("outbox-col-tries")) }
                            th scope="col" { (ctx.t("outbox-col-error")) }
                            th scope="col" { (ctx.t("outbox-col-written")) }
                            th scope="col" { (ctx.t("outbox-col-sent")) }
                        } }
                        tbody {
                            @for r in p.rows {
                                tr {
                                    td { (r.id) }
                                    td { code { (r.kind) } }
                                    td { (r.masked_recipient()) }
                                    td { (status_name(ctx, &r.status)) }
                                    td { (r.attempts) }
                                    td { (r.last_error.clone().unwrap_or_default()) }
                                    td { (format_moment(ctx, r.created_at)) }
                                    td {
                                        @if let Some(t) = r.sent_at {
                                            (format_moment(ctx, t))
                                        } @else if r.status == OutboxStatus::Waiting.as_str() {
                                            (ctx.t_args("outbox-next-try", &[("moment", format_moment(ctx, r.next_try_at).into())]))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
