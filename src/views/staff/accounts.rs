//! Accounts and each account's audit log, a new account (admins); changing one's own
//! password (everyone).

use super::{agency_name, audit_table, staff_bar};
use crate::domain::FormErrors;
use crate::domain::access::Staff;
use crate::domain::staff::{PASSWORD_MIN, Role, User};
use crate::domain::workflow::AuditEntry;
use crate::views::PageCtx;
use crate::views::components::{Input, OptionGroup, Radio, Select, error_summary, radios};
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
            p { a.button href=(ctx.url("/staff/accounts/new")) { (ctx.t("staff-account-new-link")) } }
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

/// What the new-account form sends (and, refused, shows again: all but the password).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct AccountForm {
    pub csrf: String,
    pub email: String,
    pub name: String,
    pub role: String,
    pub agency: String,
    pub password: String,
}

/// Page: a new account (admins). What was typed comes back after an error, except the
/// password.
pub fn new_account(
    ctx: &PageCtx,
    staff: &Staff,
    input: &AccountForm,
    errors: &FormErrors,
) -> Markup {
    let title = ctx.t("staff-account-new-title");
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let roles: Vec<Radio<'_>> = Role::ALL
        .iter()
        .map(|r| Radio {
            value: r.as_str(),
            label: ctx.t(r.message_id()),
            hint: None,
            checked: input.role == r.as_str(),
        })
        .collect();
    let agencies = [OptionGroup {
        label: None,
        options: c
            .taxonomy
            .national
            .iter()
            .map(|x| (x.slug.clone(), x.name(lang).to_owned()))
            .collect(),
    }];
    let min = ctx.t_args(
        "staff-password-hint",
        &[("min", (PASSWORD_MIN as i64).into())],
    );
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, staff))
            (error_summary(ctx, errors))
            h1 { (title) }
            form #account-form method="post" action=(ctx.url("/staff/accounts")) novalidate {
                input type="hidden" name="csrf" value=(staff.session.csrf);
                (Input { name: "email", label: "staff-email", hint: None, value: &input.email, kind: "email", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (Input { name: "name", label: "staff-col-name", hint: None, value: &input.name, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (radios(ctx, "role", &ctx.t("staff-col-role"), false, None, &roles, errors))
                (Select { name: "agency", label: &ctx.t("report-agency-label"), hint: Some(&ctx.t("staff-account-agency-hint")), first: Some(&ctx.t("report-choose")), groups: &agencies, selected: &input.agency }.render(ctx, errors))
                div.field.field--error[errors.get("password").is_some()] {
                    label for="password" { (ctx.t("staff-account-password")) }
                    p.hint id="password-hint" { (min) }
                    @if let Some(e) = errors.get("password") { (crate::views::components::error_message(ctx, "password-error", e)) }
                    input #password type="password" name="password" value="" autocomplete="new-password"
                        aria-invalid=[errors.get("password").map(|_| "true")]
                        aria-describedby=(if errors.get("password").is_some() { "password-hint password-error" } else { "password-hint" });
                }
                button.button type="submit" { (ctx.t("staff-account-create")) }
            }
            p { a href=(ctx.url("/staff/accounts")) { (ctx.t("staff-account-back")) } }
        },
    )
}

/// Page: change one's own password (`done`: just changed).
pub fn password(ctx: &PageCtx, staff: &Staff, errors: &FormErrors, done: bool) -> Markup {
    let title = ctx.t("staff-password-title");
    let min = ctx.t_args(
        "staff-password-hint",
        &[("min", (PASSWORD_MIN as i64).into())],
    );
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, staff))
            (error_summary(ctx, errors))
            @if done {
                div.notice role="status" { p { (ctx.t("staff-password-done")) } }
            }
            h1 { (title) }
            p { (ctx.t("staff-password-intro")) }
            form #password-form method="post" action=(ctx.url("/staff/password")) novalidate {
                input type="hidden" name="csrf" value=(staff.session.csrf);
                (Input { name: "current", label: "staff-password-current", hint: None, value: "", kind: "password", autocomplete: Some("current-password"), class: None }.render(ctx, errors))
                div.field.field--error[errors.get("new").is_some()] {
                    label for="new" { (ctx.t("staff-password-new")) }
                    p.hint id="new-hint" { (min) }
                    @if let Some(e) = errors.get("new") { (crate::views::components::error_message(ctx, "new-error", e)) }
                    input #new type="password" name="new" value="" autocomplete="new-password"
                        aria-invalid=[errors.get("new").map(|_| "true")]
                        aria-describedby=(if errors.get("new").is_some() { "new-hint new-error" } else { "new-hint" });
                }
                button.button type="submit" { (ctx.t("staff-password-submit")) }
            }
        },
    )
}
