//! The queue: the lists of reports by state, with filters and deadlines.

use super::{agency_name, area, deadline_text, overdue_by, staff_bar, status_text};
use crate::domain::access::Staff;
use crate::domain::case::{Queue, Report};
use crate::domain::report::{Channel, Kind};
use crate::domain::staff::Role;
use crate::domain::{Code, FormErrors};
use crate::views::PageCtx;
use crate::views::components::{OptionGroup, Select};
use crate::views::layout::{Title, page};
use maud::{Markup, html};
use time::Date;

/// Query of the queue.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    pub list: String,
    pub category: String,
    pub province: String,
    pub agency: String,
    pub kind: String,
    /// A channel (issue #19).
    pub channel: String,
}

/// Page: the queue.
pub fn queue(
    ctx: &PageCtx,
    staff: &Staff,
    list: Queue,
    q: &QueueQuery,
    rows: &[Report],
    today: Date,
) -> Markup {
    let title = ctx.t("staff-queue-title");
    let c = &ctx.content;
    let lang = ctx.locale.tag.as_str();
    let list_url = |l: Queue| ctx.url(&format!("/staff?list={}", l.as_str()));
    let heading = ctx.t_args(
        "staff-queue-heading",
        &[
            ("list", ctx.t(list.message_id()).into()),
            (
                "count",
                crate::views::components::number_arg(
                    ctx,
                    i64::try_from(rows.len()).unwrap_or(i64::MAX),
                ),
            ),
        ],
    );
    // The lists are different pages: the title names the list.
    let doc_title = ctx.t_args(
        "staff-queue-page-title",
        &[("list", ctx.t(list.message_id()).into())],
    );
    let e = FormErrors::default();
    let plain = |options: Vec<(String, String)>| {
        [OptionGroup {
            label: None,
            options,
        }]
    };
    html! {
        (page(ctx, Title { name: &doc_title, error: false }, html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            nav.staff-lists aria-label=(ctx.t("staff-lists-label")) {
                ul {
                    @for l in Queue::ALL {
                        @if staff.role != Role::Officer || !matches!(l, Queue::New | Queue::Held | Queue::Reopen) {
                            li { a href=(list_url(*l)) aria-current=[(*l == list).then_some("page")] { (ctx.t(l.message_id())) } }
                        }
                    }
                }
            }
            form.filters method="get" action=(ctx.url("/staff")) {
                input type="hidden" name="list" value=(list.as_str());
                (Select { name: "category", label: &ctx.t("report-category-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.categories.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: &q.category }.render(ctx, &e))
                (Select { name: "province", label: &ctx.t("report-province-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.areas.provinces().map(|p| (p.code.clone(), p.name.clone())).collect()), selected: &q.province }.render(ctx, &e))
                @if staff.role != Role::Officer {
                    (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(c.taxonomy.national.iter().map(|x| (x.slug.clone(), x.name(lang).to_owned())).collect()), selected: &q.agency }.render(ctx, &e))
                }
                (Select { name: "kind", label: &ctx.t("report-check-kind"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(Kind::ALL.iter().map(|k| (k.as_str().to_owned(), ctx.t(k.message_id()))).collect()), selected: &q.kind }.render(ctx, &e))
                (Select { name: "channel", label: &ctx.t("staff-filter-channel"), hint: None, first: Some(&ctx.t("staff-filter-any")), groups: &plain(Channel::ALL.iter().map(|k| (k.as_str().to_owned(), ctx.t(k.message_id()))).collect()), selected: &q.channel }.render(ctx, &e))
                button.button.button--secondary type="submit" { (ctx.t("staff-filter-apply")) }
            }
            h2 { (heading) }
            @if rows.is_empty() {
                p { (ctx.t("staff-queue-empty")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-label=(heading) {
                    table {
                        caption.visually-hidden { (heading) }
                        thead { tr {
                            th scope="col" { (ctx.t("staff-col-report")) }
                            th scope="col" { (ctx.t("report-check-status")) }
                            th scope="col" { (ctx.t("report-where")) }
                            th scope="col" { (ctx.t("report-agency-label")) }
                            th scope="col" { (ctx.t("staff-col-deadline")) }
                        } }
                        tbody {
                            @for r in rows {
                                @let code = Code::parse(&r.code).map(|c| c.to_string()).unwrap_or_default();
                                tr {
                                    td { a href=(ctx.url(&format!("/staff/reports/{}", r.id))) data-source="data" { (r.title) } br; span.hint { (code) " · " (ctx.t(r.kind.message_id())) } }
                                    td { (status_text(ctx, r)) }
                                    td { (area(ctx, r)) }
                                    td { (agency_name(ctx, r.agency.as_deref())) }
                                    td { @if overdue_by(ctx, r, today) > 0 { strong { (deadline_text(ctx, r, today)) } } @else { (deadline_text(ctx, r, today)) } }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}
