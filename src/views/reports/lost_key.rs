//! A lost access key: the form (tracking code and the email address given with the
//! report), the answer (the same whether or not they matched), the page the emailed link
//! opens (a button: nothing changes on GET), the new key shown once, and the page of a
//! link that no longer works.

use crate::domain::FormErrors;
use crate::views::PageCtx;
use crate::views::components::{Input, error_summary};
use crate::views::layout::{Title, page};
use maud::{Markup, html};

/// The id of the lost-key form (the language switch submits it).
pub const LOST_KEY_FORM_ID: &str = "lost-key-form";

/// What was typed into the lost-key form (and its query: a code to fill in).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct LostKeyInput {
    pub code: String,
    pub email: String,
    /// Makes a resent form one message.
    pub form_id: String,
    pub switch_lang: String,
}

/// Page: ask for a link to make a new access key.
pub fn form(
    ctx: &PageCtx,
    input: &LostKeyInput,
    form_id: &str,
    errors: &FormErrors,
    notice: Option<String>,
) -> Markup {
    let title = ctx.t("lost-key-title");
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice role="status" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            h1 { (title) }
            p { (ctx.t("lost-key-intro")) }
            form #(LOST_KEY_FORM_ID) method="post" action=(ctx.url("/track/lost-key")) novalidate {
                (Input { name: "code", label: "track-code-label", hint: Some("track-code-hint"), value: &input.code, kind: "text", autocomplete: Some("off"), class: None }.render(ctx, errors))
                (Input { name: "email", label: "lost-key-email-label", hint: Some("lost-key-email-hint"), value: &input.email, kind: "email", autocomplete: Some("email"), class: None }.render(ctx, errors))
                input type="hidden" name="form_id" value=(form_id);
                button.button type="submit" { (ctx.t("lost-key-submit")) }
            }
            p { a href=(ctx.url("/track")) { (ctx.t("lost-key-back")) } }
        },
    )
}

/// Page: the answer to the form, the same whether or not the code and address matched.
pub fn sent(ctx: &PageCtx) -> Markup {
    let title = ctx.t("lost-key-sent-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            div.notice role="status" {
                h1 { (title) }
                p { (ctx.t("lost-key-sent-text")) }
            }
            p { (ctx.t("lost-key-sent-nothing")) }
            p { a href=(ctx.url("/track")) { (ctx.t("lost-key-back")) } }
        },
    )
}

/// Page: the emailed link, with the button that makes the new key.
pub fn confirm(ctx: &PageCtx, code: &str, action: &str) -> Markup {
    let title = ctx.t("new-key-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (ctx.t_args("new-key-intro", &[("code", code.into())])) }
            p { (ctx.t("new-key-old-stops")) }
            form method="post" action=(action) {
                button.button type="submit" { (ctx.t("new-key-submit")) }
            }
        },
    )
}

/// Page: the new access key, shown once.
pub fn made(ctx: &PageCtx, code: &str, key: &str) -> Markup {
    let title = ctx.t("new-key-made-title");
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
                p.code-display data-source="data" { (code) }
            }
            h2 { (ctx.t("report-sent-key-heading")) }
            p { (ctx.t("report-sent-key-label")) }
            p.code-display.code-display--key data-source="data" { (key) }
            p { strong { (ctx.t("report-sent-key-advice")) } }
            p { (ctx.t("new-key-made-old")) }
            p { a href=(ctx.url("/track")) { (ctx.t("report-sent-track-link")) } }
        },
    )
}

/// Page: the link was used, has expired, or never existed.
pub fn gone(ctx: &PageCtx) -> Markup {
    let title = ctx.t("new-key-gone-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (ctx.t("new-key-gone-text")) }
            p { a href=(ctx.url("/track/lost-key")) { (ctx.t("new-key-gone-again")) } }
        },
    )
}
