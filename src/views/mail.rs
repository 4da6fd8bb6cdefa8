//! The stop page of one-click stop links (RFC 8058): what will stop and a button (never
//! stopped by opening the link: mail scanners open links), then what stopped.

use super::PageCtx;
use super::layout::{Title, page};
use maud::{Markup, html};

/// What a stop link stops, as the page names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopping {
    /// Updates on the report with this tracking code.
    Report { code: String },
    /// Reminders for a workshop (its title, while the registration is kept).
    Reminders { workshop: Option<String> },
    /// A member of staff's daily digest.
    Digest,
    /// A list this version does not describe.
    Other,
}

fn what(ctx: &PageCtx, s: &Stopping) -> String {
    match s {
        Stopping::Report { code } => {
            ctx.t_args("mail-stop-what-report", &[("code", code.clone().into())])
        }
        Stopping::Reminders { workshop: Some(w) } => ctx.t_args(
            "mail-stop-what-reminders",
            &[("workshop", w.clone().into())],
        ),
        Stopping::Reminders { workshop: None } => ctx.t("mail-stop-what-reminders-any"),
        Stopping::Digest => ctx.t("mail-stop-what-digest"),
        Stopping::Other => ctx.t("mail-stop-what-other"),
    }
}

/// Page: stop these messages? `action` is the link's own address (the form posts there,
/// with the body a mail client's one-click request has).
pub fn confirm(ctx: &PageCtx, stopping: &Stopping, action: &str) -> Markup {
    let title = ctx.t("mail-stop-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p { (what(ctx, stopping)) }
            p { (ctx.t("mail-stop-others")) }
            form method="post" action=(action) {
                input type="hidden" name="List-Unsubscribe" value="One-Click";
                button.button type="submit" { (ctx.t("mail-stop-submit")) }
            }
            p { a href=(ctx.url("/")) { (ctx.t("mail-stop-keep")) } }
        },
    )
}

/// Page: you will get no more of these messages.
pub fn stopped(ctx: &PageCtx, stopping: &Stopping) -> Markup {
    let title = ctx.t("mail-stopped-title");
    let said = match stopping {
        Stopping::Report { code } => {
            ctx.t_args("mail-stopped-report", &[("code", code.clone().into())])
        }
        Stopping::Reminders { .. } => ctx.t("mail-stopped-reminders"),
        Stopping::Digest => ctx.t("mail-stopped-digest"),
        Stopping::Other => ctx.t("mail-stopped-other"),
    };
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            div.notice role="status" { p { (said) } }
            p { a href=(ctx.url("/")) { (ctx.t("mail-stopped-home")) } }
        },
    )
}
