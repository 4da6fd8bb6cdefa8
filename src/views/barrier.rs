//! Reporting a barrier of the portal itself (issue #21, item 13): a short form (where,
//! what happened, optional contact, optional assistive technology) and its confirmation
//! with the tracking code and access key, like a report's.

use super::PageCtx;
use super::components::{Input, error_summary, textarea};
use super::dates::format_date;
use super::layout::{Title, page};
use crate::domain::FormErrors;
use maud::{Markup, html};
use time::Date;

/// The id of the barrier form (the language switch submits it).
pub const BARRIER_FORM_ID: &str = "barrier-form";

/// What was typed into the barrier form.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct BarrierInput {
    /// The page or place on the portal.
    pub location: String,
    /// What happened.
    pub problem: String,
    pub email: String,
    pub phone: String,
    /// The assistive technology used, if the person wants to say.
    pub assistive: String,
    /// Makes a resent form one report (it becomes the draft's id).
    pub form_id: String,
    pub switch_lang: String,
}

/// Page: the barrier form, empty or shown again with what was typed and its errors or a
/// notice (rate limited, not stored).
pub fn form(
    ctx: &PageCtx,
    input: &BarrierInput,
    form_id: &str,
    errors: &FormErrors,
    notice: Option<String>,
) -> Markup {
    let title = ctx.t("barrier-title");
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice.notice--warning role="status" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            p.lede { (ctx.t("barrier-lede")) }
            p { (ctx.t("barrier-private")) }
            form #(BARRIER_FORM_ID) method="post" action=(ctx.url("/accessibility/report")) novalidate {
                (Input { name: "location", label: "barrier-location-label", hint: Some("barrier-location-hint"), value: &input.location, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (textarea(ctx, "problem", "barrier-problem-label", Some("barrier-problem-hint"), &input.problem, errors))
                (Input { name: "assistive", label: "barrier-assistive-label", hint: Some("barrier-assistive-hint"), value: &input.assistive, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                h2 { (ctx.t("barrier-contact-heading")) }
                p { (ctx.t("barrier-contact-text")) }
                (Input { name: "email", label: "barrier-email-label", hint: Some("barrier-email-hint"), value: &input.email, kind: "email", autocomplete: Some("email"), class: None }.render(ctx, errors))
                (Input { name: "phone", label: "barrier-phone-label", hint: None, value: &input.phone, kind: "tel", autocomplete: Some("tel"), class: None }.render(ctx, errors))
                input type="hidden" name="form_id" value=(form_id);
                button.button type="submit" { (ctx.t("barrier-submit")) }
            }
            p { a href=(ctx.url("/pages/accessibility")) { (ctx.t("barrier-statement-link")) } }
        },
    )
}

/// What the confirmation shows.
pub struct BarrierSent<'a> {
    /// The tracking code, grouped.
    pub code: &'a str,
    /// The access key, grouped.
    pub key: String,
    /// The date by which staff check the report.
    pub verify_by: Date,
}

/// Page: the barrier report was sent.
pub fn sent(ctx: &PageCtx, s: &BarrierSent<'_>) -> Markup {
    let title = ctx.t("barrier-sent-title");
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
                p.code-display data-source="data" { (s.code) }
            }
            h2 { (ctx.t("report-sent-key-heading")) }
            p { (ctx.t("report-sent-key-label")) }
            p.code-display.code-display--key data-source="data" { (s.key) }
            p { strong { (ctx.t("report-sent-key-advice")) } }
            h2 { (ctx.t("report-sent-next-heading")) }
            p { (ctx.t_args("barrier-sent-next", &[("date", format_date(ctx, s.verify_by).into())])) }
            p { (ctx.t("barrier-sent-private")) }
            p { a href=(ctx.url(&format!("/track?code={}", super::browse::encode(s.code)))) { (ctx.t("report-sent-track-link")) } }
        },
    )
}
