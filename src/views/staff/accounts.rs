//! Accounts and each account's audit log (admins).

use super::{agency_name, audit_table, staff_bar};
use crate::domain::access::Staff;
use crate::domain::staff::User;
use crate::domain::workflow::AuditEntry;
use crate::views::PageCtx;
use crate::views::layout::{Title, page};
use maud::{Markup, html};

/// Page: the accounts.
pub fn accounts(ctx: &PageCtx, staff: &Staff, users: &[User]) -> Markup {
    let title = ctx.t("staff-accounts-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            p { (ctx.t("staff-accounts-cli")) }
            div.table-wrap tabindex="0" role="region" aria-label=(title) {
                table {
                    thead { tr {
                        th scope="col" { (ctx.t("staff-email")) }
                        th scope="col" { (ctx.t("staff-col-name")) }
                        th scope="col" { (ctx.t("staff-col-role")) }
                        th scope="col" { (ctx.t("report-agency-label")) }
                        th scope="col" { (ctx.t("staff-col-state")) }
                    } }
                    tbody {
                        @for u in users {
                            tr {
                                td { a href=(ctx.url(&format!("/staff/accounts/{}", u.id))) { (u.email) } }
                                td { (u.name) }
                                td { (ctx.t(u.role.message_id())) }
                                td { (agency_name(ctx, u.agency.as_deref())) }
                                td { (ctx.t(if u.disabled { "staff-account-disabled" } else { "staff-account-active" })) }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Page: one account and its audit log.
pub fn account(ctx: &PageCtx, staff: &Staff, user: &User, audit: &[AuditEntry]) -> Markup {
    let title = ctx.t_args(
        "staff-account-title",
        &[("email", user.email.clone().into())],
    );
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            (staff_bar(ctx, staff))
            h1 { (title) }
            dl.summary-list {
                div { dt { (ctx.t("staff-col-name")) } dd { (user.name) } }
                div { dt { (ctx.t("staff-col-role")) } dd { (ctx.t(user.role.message_id())) } }
                div { dt { (ctx.t("staff-col-state")) } dd { (ctx.t(if user.disabled { "staff-account-disabled" } else { "staff-account-active" })) } }
            }
            @if !user.disabled && user.id != staff.session.user.id {
                form method="post" action=(ctx.url(&format!("/staff/accounts/{}/disable", user.id))) {
                    input type="hidden" name="csrf" value=(staff.session.csrf);
                    button.button.button--warning type="submit" { (ctx.t("staff-account-disable")) }
                }
            }
            h2 { (ctx.t("staff-audit")) }
            @if audit.is_empty() { p { (ctx.t("staff-audit-empty")) } } @else { (audit_table(ctx, audit)) }
        },
    )
}
