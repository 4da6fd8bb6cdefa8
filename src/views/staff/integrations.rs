//! Page: Integrations (admins, issue #19): partner keys (made, listed, revoked; a new key
//! shown once) and each agency's webhook (URL set or changed, secret shown once, disabled),
//! with recent and failed deliveries ("send again").

use super::{agency_name, staff_bar};
use crate::domain::FormErrors;
use crate::domain::access::Staff;
use crate::domain::partner::Partner;
use crate::domain::webhook::{Delivery, DeliveryStatus, Endpoint};
use crate::views::PageCtx;
use crate::views::components::{Choice, Input, OptionGroup, Select, choices, error_summary};
use crate::views::dates::format_moment;
use crate::views::layout::{Title, page};
use maud::{Markup, html};

/// What the new-key form sends (and, refused, shows again).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct KeyForm {
    pub csrf: String,
    pub form_id: String,
    #[serde(rename = "key-name")]
    pub name: String,
    #[serde(rename = "key-agency")]
    pub agency: String,
    #[serde(rename = "scope-read")]
    pub read: String,
    #[serde(rename = "scope-update")]
    pub update: String,
    #[serde(rename = "scope-submit")]
    pub submit: String,
}

/// What the webhook form sends (and, refused, shows again).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct HookForm {
    pub csrf: String,
    #[serde(rename = "hook-agency")]
    pub agency: String,
    #[serde(rename = "hook-url")]
    pub url: String,
    #[serde(rename = "hook-new-secret")]
    pub new_secret: String,
}

/// Everything the page shows.
pub struct IntegrationsPage<'a> {
    pub staff: &'a Staff,
    pub partners: &'a [Partner],
    pub endpoints: &'a [Endpoint],
    pub deliveries: &'a [Delivery],
    pub failed: &'a [Delivery],
    pub key_form: &'a KeyForm,
    pub hook_form: &'a HookForm,
    /// The errors of the form that was sent.
    pub errors: &'a FormErrors,
    /// A key just made: shown this once.
    pub new_key: Option<&'a str>,
    /// An agency and the webhook secret just made for it: shown this once.
    pub new_secret: Option<(&'a str, &'a str)>,
    /// What was just done (a Fluent id).
    pub notice: Option<&'static str>,
    /// A fresh id for the new-key form (a second send makes nothing).
    pub form_id: &'a str,
}

fn agencies(ctx: &PageCtx) -> Vec<OptionGroup> {
    let lang = ctx.locale.tag.as_str();
    vec![OptionGroup {
        label: None,
        options: ctx
            .content
            .taxonomy
            .national
            .iter()
            .map(|x| (x.slug.clone(), x.name(lang).to_owned()))
            .collect(),
    }]
}

/// Page: Integrations.
pub fn integrations(ctx: &PageCtx, p: &IntegrationsPage<'_>) -> Markup {
    let title = ctx.t("staff-integrations-title");
    let groups = agencies(ctx);
    let k = p.key_form;
    let h = p.hook_form;
    page(
        ctx,
        Title {
            name: &title,
            error: !p.errors.is_empty(),
        },
        html! {
            (staff_bar(ctx, p.staff))
            (error_summary(ctx, p.errors))
            @if let Some(n) = p.notice {
                div.notice role="status" { p { (ctx.t(n)) } }
            }
            h1 { (title) }
            p { (ctx.t("staff-integrations-intro")) }
            @if let Some(key) = p.new_key {
                div.notice role="status" {
                    h2 { (ctx.t("staff-key-shown-title")) }
                    p { (ctx.t("staff-key-shown-once")) }
                    p { code #new-key { (key) } }
                }
            }
            @if let Some((agency, secret)) = p.new_secret {
                div.notice role="status" {
                    h2 { (ctx.t_args("staff-secret-shown-title", &[("agency", agency_name(ctx, Some(agency)).into())])) }
                    p { (ctx.t("staff-secret-shown-once")) }
                    p { code #new-secret { (secret) } }
                }
            }

            h2 #keys { (ctx.t("staff-keys-title")) }
            @if p.partners.is_empty() {
                p { (ctx.t("staff-keys-none")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-labelledby="keys" {
                    table {
                        thead { tr {
                            th scope="col" { (ctx.t("staff-key-col-name")) }
                            th scope="col" { (ctx.t("report-agency-label")) }
                            th scope="col" { (ctx.t("staff-key-col-scopes")) }
                            th scope="col" { (ctx.t("staff-key-col-prefix")) }
                            th scope="col" { (ctx.t("staff-key-col-created")) }
                            th scope="col" { (ctx.t("staff-key-col-state")) }
                        } }
                        tbody {
                            @for partner in p.partners {
                                tr {
                                    td { (partner.name) }
                                    td {
                                        @if partner.agency.is_some() {
                                            (agency_name(ctx, partner.agency.as_deref()))
                                        } @else {
                                            (ctx.t("staff-key-agency-none"))
                                        }
                                    }
                                    td { (scope_names(ctx, &partner.scopes())) }
                                    td { code { (partner.key_prefix) "…" } }
                                    td { (format_moment(ctx, partner.created_at)) }
                                    td {
                                        @if let Some(at) = partner.revoked_at {
                                            (ctx.t_args("staff-key-revoked-at", &[("when", format_moment(ctx, at).into())]))
                                        } @else {
                                            form method="post" action=(ctx.url(&format!("/staff/integrations/keys/{}/revoke", partner.id))) {
                                                input type="hidden" name="csrf" value=(p.staff.session.csrf);
                                                button.button.button--warning type="submit" {
                                                    (ctx.t_args("staff-key-revoke", &[("name", partner.name.clone().into())]))
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (ctx.t("staff-key-new-title")) }
            form #key-form method="post" action=(ctx.url("/staff/integrations/keys")) novalidate {
                input type="hidden" name="csrf" value=(p.staff.session.csrf);
                input type="hidden" name="form_id" value=(p.form_id);
                (Input { name: "key-name", label: "staff-key-name", hint: Some("staff-key-name-hint"), value: &k.name, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, p.errors))
                (Select { name: "key-agency", label: &ctx.t("report-agency-label"), hint: Some(&ctx.t("staff-key-agency-hint")), first: Some(&ctx.t("staff-key-agency-none")), groups: &groups, selected: &k.agency }.render(ctx, p.errors))
                (choices(ctx, "scopes", "staff-key-scopes", Some(ctx.t("staff-key-scopes-hint")), "checkbox", &[
                    Choice { name: "scope-read", value: "yes", label: "staff-scope-read", checked: !k.read.is_empty() },
                    Choice { name: "scope-update", value: "yes", label: "staff-scope-update", checked: !k.update.is_empty() },
                    Choice { name: "scope-submit", value: "yes", label: "staff-scope-submit", checked: !k.submit.is_empty() },
                ], p.errors))
                button.button type="submit" { (ctx.t("staff-key-create")) }
            }

            h2 #webhooks { (ctx.t("staff-webhooks-title")) }
            p { (ctx.t("staff-webhooks-intro")) }
            @if p.endpoints.is_empty() {
                p { (ctx.t("staff-webhooks-none")) }
            } @else {
                div.table-wrap tabindex="0" role="region" aria-labelledby="webhooks" {
                    table {
                        thead { tr {
                            th scope="col" { (ctx.t("report-agency-label")) }
                            th scope="col" { (ctx.t("staff-webhook-col-url")) }
                            th scope="col" { (ctx.t("staff-key-col-state")) }
                            th scope="col" { (ctx.t("staff-webhook-col-updated")) }
                        } }
                        tbody {
                            @for e in p.endpoints {
                                tr {
                                    td { (agency_name(ctx, Some(&e.agency))) }
                                    td { code { (e.url) } }
                                    td {
                                        @if e.enabled {
                                            (ctx.t("staff-webhook-enabled"))
                                            form method="post" action=(ctx.url(&format!("/staff/integrations/webhooks/{}/disable", e.agency))) {
                                                input type="hidden" name="csrf" value=(p.staff.session.csrf);
                                                button.button.button--warning type="submit" {
                                                    (ctx.t_args("staff-webhook-disable", &[("agency", agency_name(ctx, Some(&e.agency)).into())]))
                                                }
                                            }
                                        } @else {
                                            (ctx.t("staff-webhook-disabled"))
                                            @if let Some(r) = &e.disabled_reason { " (" (r) ")" }
                                        }
                                    }
                                    td { (format_moment(ctx, e.updated_at)) }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (ctx.t("staff-webhook-set-title")) }
            form #hook-form method="post" action=(ctx.url("/staff/integrations/webhooks")) novalidate {
                input type="hidden" name="csrf" value=(p.staff.session.csrf);
                (Select { name: "hook-agency", label: &ctx.t("report-agency-label"), hint: None, first: Some(&ctx.t("report-choose")), groups: &groups, selected: &h.agency }.render(ctx, p.errors))
                (Input { name: "hook-url", label: "staff-webhook-url", hint: Some("staff-webhook-url-hint"), value: &h.url, kind: "url", autocomplete: Some("off"), class: None }.render(ctx, p.errors))
                (choices(ctx, "hook-secret", "staff-webhook-secret-legend", None, "checkbox", &[
                    Choice { name: "hook-new-secret", value: "yes", label: "staff-webhook-new-secret", checked: !h.new_secret.is_empty() },
                ], p.errors))
                button.button type="submit" { (ctx.t("staff-webhook-save")) }
            }

            h2 #failed { (ctx.t("staff-deliveries-failed-title")) }
            @if p.failed.is_empty() {
                p { (ctx.t("staff-deliveries-none")) }
            } @else {
                (deliveries(ctx, p, p.failed, "failed", true))
            }
            h2 #recent { (ctx.t("staff-deliveries-recent-title")) }
            @if p.deliveries.is_empty() {
                p { (ctx.t("staff-deliveries-none")) }
            } @else {
                (deliveries(ctx, p, p.deliveries, "recent", false))
            }
            p { (ctx.t("staff-webhooks-docs")) }
        },
    )
}

fn deliveries(
    ctx: &PageCtx,
    p: &IntegrationsPage<'_>,
    rows: &[Delivery],
    label: &str,
    resend: bool,
) -> Markup {
    html! {
        div.table-wrap tabindex="0" role="region" aria-labelledby=(label) {
            table {
                thead { tr {
                    th scope="col" { (ctx.t("staff-delivery-col-event")) }
                    th scope="col" { (ctx.t("report-agency-label")) }
                    th scope="col" { (ctx.t("staff-key-col-state")) }
                    th scope="col" { (ctx.t("staff-delivery-col-tries")) }
                    th scope="col" { (ctx.t("staff-delivery-col-error")) }
                    th scope="col" { (ctx.t("staff-key-col-created")) }
                } }
                tbody {
                    @for d in rows {
                        tr {
                            td {
                                code { (d.event_type) }
                                @if let Some(id) = d.report_id {
                                    " " a href=(ctx.url(&format!("/staff/reports/{id}"))) { (ctx.t("staff-delivery-case")) }
                                }
                            }
                            td { (agency_name(ctx, Some(&d.agency))) }
                            td {
                                (DeliveryStatus::parse(&d.status).map_or_else(|| d.status.clone(), |s| ctx.t(s.message_id())))
                                @if resend {
                                    form method="post" action=(ctx.url(&format!("/staff/integrations/deliveries/{}/resend", d.id))) {
                                        input type="hidden" name="csrf" value=(p.staff.session.csrf);
                                        button.button.button--secondary type="submit" {
                                            (ctx.t_args("staff-delivery-resend", &[("event", d.event_type.clone().into())]))
                                        }
                                    }
                                }
                            }
                            td { (d.attempts) }
                            td {
                                @if let Some(s) = d.last_status { "HTTP " (s) " " }
                                @if let Some(e) = &d.last_error { (e) }
                            }
                            td { (format_moment(ctx, d.created_at)) }
                        }
                    }
                }
            }
        }
    }
}

/// What a key may do, in words ("Read its agency's cases; Send new reports (Open311)").
fn scope_names(ctx: &PageCtx, scopes: &[crate::domain::partner::Scope]) -> String {
    use crate::domain::partner::Scope;
    scopes
        .iter()
        .map(|s| match s {
            Scope::Read => ctx.t("staff-scope-read"),
            Scope::Update => ctx.t("staff-scope-update"),
            Scope::Submit => ctx.t("staff-scope-submit"),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
