//! The back office: sign-in, the queue, a case with its actions, accounts and the audit log.

mod accounts;
mod case;
mod desk;
mod integrations;
mod outbox;
mod queue;
mod sign_in;

pub use accounts::{AccountForm, account, accounts, new_account, password};
pub use case::{ActionForm, CasePage, case};
pub use desk::{DeskSent, desk, desk_sent};
pub use integrations::{HookForm, IntegrationsPage, KeyForm, integrations};
pub use outbox::{OutboxPage, OutboxQuery, outbox};
pub use queue::{QueueQuery, queue};
pub use sign_in::{KeptForm, SIGN_IN_FORM_ID, SignInInput, confirm_kept, sign_in};

use super::PageCtx;
use super::dates::{format_date, format_moment};
use crate::domain::access::Staff;
use crate::domain::case::Report;
use crate::domain::deadlines;
use crate::domain::staff::Role;
use crate::domain::workflow::AuditEntry;
use maud::{Markup, html};
use time::Date;

/// Component: the back office's own navigation and the sign-out button.
pub fn staff_bar(ctx: &PageCtx, staff: &Staff) -> Markup {
    let user = &staff.session.user;
    html! {
        div.staff-bar {
            p {
                (ctx.t_args("staff-signed-in-as", &[("name", user.name.clone().into()), ("role", ctx.t(staff.role.message_id()).into())]))
            }
            nav aria-label=(ctx.t("staff-nav-label")) {
                ul {
                    li { a href=(ctx.url("/staff")) { (ctx.t("staff-nav-queue")) } }
                    li { a href=(ctx.url("/staff/desk")) { (ctx.t("staff-nav-desk")) } }
                    @if staff.role != Role::Officer {
                        li { a href=(ctx.url("/staff/workshops")) { (ctx.t("staff-nav-workshops")) } }
                    }
                    @if staff.role != Role::Admin {
                        li { a href=(ctx.url("/staff/email")) { (ctx.t("staff-nav-email")) } }
                    }
                    @if staff.role == Role::Admin {
                        li { a href=(ctx.url("/staff/accounts")) { (ctx.t("staff-nav-accounts")) } }
                        li { a href=(ctx.url("/staff/outbox")) { (ctx.t("staff-nav-outbox")) } }
                        li { a href=(ctx.url("/staff/integrations")) { (ctx.t("staff-nav-integrations")) } }
                    }
                }
            }
            p { a href=(ctx.url("/staff/password")) { (ctx.t("staff-nav-password")) } }
            form method="post" action=(ctx.url("/staff/sign-out")) {
                input type="hidden" name="csrf" value=(staff.session.csrf);
                button.button.button--secondary type="submit" { (ctx.t("staff-sign-out")) }
            }
        }
    }
}

/// The deadline that applies to a report now, if any.
pub fn current_deadline(ctx: &PageCtx, r: &Report) -> Option<Date> {
    let cal = &ctx.content.holidays;
    let due = r.due(cal);
    match r.status {
        s if s.with_verifiers() && !r.held => Some(due.verify_by),
        crate::domain::case::Status::Closed => r.reopen_requested_at.map(|t| {
            deadlines::add_working_days(t.date(), deadlines::REOPEN_DECIDE_WORKING_DAYS, cal)
        }),
        s if s.with_agency() => {
            let postponed = r.postponed_until.as_deref().and_then(|d| {
                Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok()
            });
            match (due.answer_by, postponed) {
                (Some(a), Some(p)) => Some(a.max(p)),
                (a, p) => a.or(p),
            }
        }
        _ => None,
    }
}

/// Working days a report is past its deadline (0 when it is not).
pub fn overdue_by(ctx: &PageCtx, r: &Report, today: Date) -> i64 {
    current_deadline(ctx, r).map_or(0, |d| {
        deadlines::working_days_between(d, today, &ctx.content.holidays)
    })
}

fn status_text(ctx: &PageCtx, r: &Report) -> String {
    if r.held {
        ctx.t("staff-status-held")
    } else {
        ctx.t(r.status.message_id())
    }
}

fn area(ctx: &PageCtx, r: &Report) -> String {
    let c = &ctx.content;
    let regency = c
        .areas
        .regency(&r.regency)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let province = c
        .areas
        .province(&r.province)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    format!("{regency}, {province}")
}

fn agency_name(ctx: &PageCtx, slug: Option<&str>) -> String {
    let c = &ctx.content;
    slug.and_then(|a| c.taxonomy.agency(a, &c.areas))
        .map_or_else(
            || ctx.t("report-agency-not-yet"),
            |a| a.name(&ctx.locale.tag).to_owned(),
        )
}

fn deadline_text(ctx: &PageCtx, r: &Report, today: Date) -> String {
    match current_deadline(ctx, r) {
        None => ctx.t("staff-no-deadline"),
        Some(d) => {
            let late = deadlines::working_days_between(d, today, &ctx.content.holidays);
            if late > 0 {
                ctx.t_args(
                    "staff-overdue-by",
                    &[("date", format_date(ctx, d).into()), ("days", late.into())],
                )
            } else {
                ctx.t_args("staff-due-on", &[("date", format_date(ctx, d).into())])
            }
        }
    }
}

/// Component: audit log entries.
fn audit_table(ctx: &PageCtx, entries: &[AuditEntry]) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(ctx.t("staff-audit")) {
            table {
                thead { tr {
                    th scope="col" { (ctx.t("staff-audit-when")) }
                    th scope="col" { (ctx.t("staff-audit-who")) }
                    th scope="col" { (ctx.t("staff-audit-what")) }
                    th scope="col" { (ctx.t("staff-audit-report")) }
                    th scope="col" { (ctx.t("staff-audit-change")) }
                } }
                tbody {
                    @for a in entries {
                        tr {
                            td { (format_moment(ctx, a.at)) }
                            td { a href=(ctx.url(&format!("/staff/accounts/{}", a.user_id))) { (a.user_email) } }
                            td { (ctx.t(a.action_message_id())) }
                            td { @if let (Some(id), Some(code)) = (a.report_id, &a.report_code) { a href=(ctx.url(&format!("/staff/reports/{id}"))) { (code) } } }
                            td {
                                @if a.from_state.is_some() || a.to_state.is_some() {
                                    (a.from_state.clone().unwrap_or_default()) " → " (a.to_state.clone().unwrap_or_default()) " "
                                }
                                @if let Some(d) = &a.detail { "(" (d) ")" }
                            }
                        }
                    }
                }
            }
        }
    }
}
