//! Workshop registrations for staff: the list of workshops, and one workshop's
//! registrations with the access needs to arrange.

use super::PageCtx;
use super::dates::workshop_when;
use super::layout::{Title, page};
use super::staff::staff_bar;
use crate::content::Workshop;
use crate::domain::AccessNeed;
use crate::domain::access::Staff;
use crate::domain::registration::{NeedStatus, Registration, RegistrationStatus, WorkshopNeed};
use maud::{Markup, html};
use std::collections::HashMap;

/// Page: every workshop with its confirmed places.
pub fn list(
    ctx: &PageCtx,
    staff: &Staff,
    workshops: &[&Workshop],
    seats: &HashMap<(String, String), i64>,
) -> Markup {
    let title = ctx.t("staff-workshops-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            div.table-wrap tabindex="0" role="region" aria-label=(title) {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("staff-workshop")) }
                        th scope="col" { (ctx.t("workshop-when")) }
                        th scope="col" { (ctx.t("staff-workshop-confirmed")) }
                    } }
                    tbody {
                        @for w in workshops {
                            @let general = seats.get(&(w.slug.clone(), "general".to_owned())).copied().unwrap_or(0);
                            @let wheelchair = seats.get(&(w.slug.clone(), "wheelchair".to_owned())).copied().unwrap_or(0);
                            tr {
                                td { a href=(ctx.url(&format!("/staff/workshops/{}", w.slug))) data-source="content" { (w.title) } }
                                td { (workshop_when(ctx, w)) }
                                td { (ctx.t_args("staff-workshop-places", &[("taken", (general + wheelchair).into()), ("capacity", (w.capacity + w.wheelchair_spaces).into())])) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Page: one workshop's registrations and access needs.
pub fn show(
    ctx: &PageCtx,
    staff: &Staff,
    w: &Workshop,
    regs: &[Registration],
    needs: &[WorkshopNeed],
) -> Markup {
    let title = ctx.t_args(
        "staff-workshop-title",
        &[("workshop", w.title.clone().into())],
    );
    let active: Vec<&Registration> = regs
        .iter()
        .filter(|r| {
            matches!(
                r.status,
                RegistrationStatus::Confirmed | RegistrationStatus::Waitlisted
            )
        })
        .collect();
    let active_ids: Vec<i64> = active.iter().map(|r| r.id).collect();
    // How many active registrations asked for each need, and how many are arranged.
    let summary: Vec<(AccessNeed, usize, usize)> = AccessNeed::ALL
        .iter()
        .map(|n| {
            let asked: Vec<&WorkshopNeed> = needs
                .iter()
                .filter(|x| x.need == n.as_str() && active_ids.contains(&x.registration_id))
                .collect();
            (
                *n,
                asked.len(),
                asked
                    .iter()
                    .filter(|x| x.status == NeedStatus::Arranged)
                    .count(),
            )
        })
        .filter(|(_, asked, _)| *asked > 0)
        .collect();
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            p { (workshop_when(ctx, w)) }
            p { a href=(ctx.url(&format!("/staff/workshops/{}/registrations.csv", w.slug))) download { (ctx.t("staff-workshop-csv")) } }
            h2 { (ctx.t("staff-workshop-needs-heading")) }
            @if summary.is_empty() {
                p { (ctx.t("staff-workshop-no-needs")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-label=(ctx.t("staff-workshop-needs-heading")) {
                    table {
                        thead { tr {
                            th scope="col" { (ctx.t("staff-workshop-need")) }
                            th scope="col" { (ctx.t("staff-workshop-asked")) }
                            th scope="col" { (ctx.t("staff-workshop-arranged")) }
                        } }
                        tbody {
                            @for (n, asked, arranged) in &summary {
                                tr { th scope="row" { (ctx.t(n.message_id())) } td { (asked) } td { (arranged) } }
                            }
                        }
                    }
                }
            }
            h2 { (ctx.t_args("staff-workshop-registrations", &[("count", regs.len().into())])) }
            @for r in regs {
                article.registration id=(format!("registration-{}", r.id)) aria-labelledby=(format!("registration-{}-name", r.id)) {
                    h3 id=(format!("registration-{}-name", r.id)) data-source="data" { (r.name) }
                    dl.summary-list {
                        div { dt { (ctx.t("staff-workshop-code")) } dd { (crate::domain::Code::parse(&r.code).map_or_else(|| r.code.clone(), |c| c.to_string())) } }
                        div { dt { (ctx.t("register-email")) } dd data-source="data" { (r.email.clone().unwrap_or_default()) } }
                        div { dt { (ctx.t("staff-registrant-phone")) } dd data-source="data" { (r.phone.clone().unwrap_or_default()) } }
                        div { dt { (ctx.t("report-check-status")) } dd { (ctx.t(r.status.message_id())) } }
                        div { dt { (ctx.t("register-attendance")) } dd { (ctx.t(if r.attendance == "online" { "workshop-format-online" } else { "workshop-format-in-person" })) } }
                    }
                    @for n in needs.iter().filter(|n| n.registration_id == r.id) {
                        @let need = AccessNeed::parse(&n.need);
                        @let label = need.map(|a| ctx.t(a.message_id())).unwrap_or_default();
                        @let id = format!("need-{}-{}", r.id, n.need);
                        form.need-status method="post" action=(ctx.url(&format!("/staff/workshops/{}/needs", w.slug))) {
                            input type="hidden" name="csrf" value=(staff.session.csrf);
                            input type="hidden" name="registration" value=(r.id);
                            input type="hidden" name="need" value=(n.need);
                            div.field {
                                label for=(id) { (label) @if let Some(d) = &n.detail { ": " span data-source="data" { (d) } } }
                                select id=(id) name="status" {
                                    @for s in NeedStatus::ALL {
                                        option value=(s.as_str()) selected[n.status == *s] { (ctx.t(s.message_id())) }
                                    }
                                }
                            }
                            button.button.button--secondary type="submit" {
                                (ctx.t("staff-need-save")) span.visually-hidden { " " (label) ", " (r.name) }
                            }
                        }
                    }
                }
            }
        },
    )
}
