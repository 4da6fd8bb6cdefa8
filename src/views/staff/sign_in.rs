//! The sign-in page, and a form kept across an ended session (shown again to confirm).

use crate::domain::FormErrors;
use crate::views::PageCtx;
use crate::views::components::{Input, error_summary};
use crate::views::layout::{Title, page};
use maud::{Markup, html};

/// The id of the sign-in form (the language switch submits it).
pub const SIGN_IN_FORM_ID: &str = "sign-in";

/// What the sign-in form carries (and its query).
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct SignInInput {
    pub email: String,
    pub password: String,
    /// Where to go after signing in (a back-office path).
    pub next: String,
    /// Why the last session ended: `idle`, `expired`, `disabled`, `signed-out`.
    pub reason: String,
    /// A form posted after the session ended (see [`KeptForm`]).
    pub kept: String,
    pub switch_lang: String,
}

/// A staff form that was posted after the session ended, kept to be confirmed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct KeptForm {
    /// The path it was posted to.
    pub action: String,
    /// Its fields, without the old CSRF token.
    pub fields: Vec<(String, String)>,
}

impl KeptForm {
    /// As a hidden field's value.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// From a hidden field's value; only forms of the back office.
    pub fn parse(s: &str) -> Option<Self> {
        let k: Self = serde_json::from_str(s).ok()?;
        let ok = k.action.starts_with('/')
            && k.action.contains("/staff/reports/")
            && k.action
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/-".contains(&b));
        ok.then_some(k)
    }
}

fn reason_message(reason: &str) -> Option<&'static str> {
    match reason {
        "idle" => Some("staff-ended-idle"),
        "expired" => Some("staff-ended-expired"),
        "disabled" => Some("staff-ended-disabled"),
        "password-changed" => Some("staff-ended-password-changed"),
        "signed-out" => Some("staff-ended-signed-out"),
        _ => None,
    }
}

/// Page: sign in.
pub fn sign_in(
    ctx: &PageCtx,
    input: &SignInInput,
    errors: &FormErrors,
    notice: Option<String>,
) -> Markup {
    let title = ctx.t("staff-sign-in-title");
    let reason = reason_message(&input.reason).map(|id| ctx.t(id));
    page(
        ctx,
        Title {
            name: &title,
            error: !errors.is_empty(),
        },
        html! {
            (error_summary(ctx, errors))
            @if let Some(n) = &notice {
                div.notice.notice--warning role="alert" tabindex="-1" autofocus[errors.is_empty()] { p { (n) } }
            }
            @if let Some(r) = &reason {
                div.notice role="status" { p { (r) } }
            }
            h1 { (title) }
            form #(SIGN_IN_FORM_ID) method="post" action=(ctx.url("/staff/sign-in")) novalidate {
                (Input { name: "email", label: "staff-email", hint: None, value: &input.email, kind: "email", autocomplete: Some("username"), class: None }.render(ctx, errors))
                (Input { name: "password", label: "staff-password", hint: None, value: "", kind: "password", autocomplete: Some("current-password"), class: None }.render(ctx, errors))
                input type="hidden" name="next" value=(input.next);
                input type="hidden" name="kept" value=(input.kept);
                button.button type="submit" { (ctx.t("staff-sign-in-button")) }
            }
            p { (ctx.t("staff-sign-in-help")) }
        },
    )
}

/// Page: after signing in again, the form that was posted when the session had ended,
/// filled in, for the person to check and send.
pub fn confirm_kept(ctx: &PageCtx, kept: &KeptForm, csrf: &str) -> Markup {
    let title = ctx.t("staff-kept-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (ctx.t("staff-kept-text")) }
            form method="post" action=(kept.action) {
                @for (name, value) in &kept.fields {
                    @if let Some(label) = kept_label(name) {
                        div.field {
                            label for=(format!("kept-{name}")) { (ctx.t(label)) }
                            textarea id=(format!("kept-{name}")) name=(name) rows="5" { (value) }
                        }
                    } @else {
                        input type="hidden" name=(name) value=(value);
                    }
                }
                input type="hidden" name="csrf" value=(csrf);
                button.button type="submit" { (ctx.t("staff-kept-send")) }
            }
            p { a href=(ctx.url("/staff")) { (ctx.t("staff-kept-discard")) } }
        },
    )
}

/// The label of a kept form's text field (`None`: a field kept hidden).
fn kept_label(name: &str) -> Option<&'static str> {
    match name {
        "text" => Some("staff-field-text"),
        "title" => Some("staff-field-title"),
        "description" => Some("staff-field-description"),
        _ => None,
    }
}
