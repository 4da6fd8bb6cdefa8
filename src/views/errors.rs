//! Error pages (404, 405, 413, 429, 500, 503): the localized shell with a message that
//! says what happened and what to do next, never internals.

use super::PageCtx;
use super::layout::{Title, page};
use actix_web::http::StatusCode;
use maud::{Markup, html};

/// The Fluent ids of a status's title and text; unknown statuses use the generic ones.
fn messages(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        404 => ("error-404-title", "error-404-body"),
        405 => ("error-405-title", "error-405-body"),
        413 => ("error-413-title", "error-413-body"),
        429 => ("error-429-title", "error-429-body"),
        503 => ("error-503-title", "error-503-body"),
        400..=499 => ("error-400-title", "error-400-body"),
        _ => ("error-500-title", "error-500-body"),
    }
}

/// Page: the error page for `status`.
pub fn page_for(ctx: &PageCtx, status: StatusCode) -> Markup {
    let (title, body) = messages(status);
    let title = ctx.t(title);
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t(body)) }
            p { (ctx.t_args("error-status", &[("status", status.as_u16().into())])) }
            h2 { (ctx.t("error-next-heading")) }
            ul {
                li { a href=(ctx.url("/")) { (ctx.t("error-go-home")) } }
                li { a href=(ctx.url("/pages/help")) { (ctx.t("error-get-help")) } }
            }
        },
    )
}
