//! Error pages (404, 405, 413, 429, 500, 503): the localized shell with a message that
//! says what happened and what to do next, never internals.

use super::PageCtx;
use super::layout::{Title, page};
use actix_web::http::StatusCode;
use maud::{Markup, html};

/// Fluent id stem for a status (`error-404` ...); unknown statuses use the generic text.
fn stem(status: StatusCode) -> &'static str {
    match status.as_u16() {
        404 => "error-404",
        405 => "error-405",
        413 => "error-413",
        429 => "error-429",
        503 => "error-503",
        400..=499 => "error-400",
        _ => "error-500",
    }
}

/// Page: the error page for `status`.
pub fn page_for(ctx: &PageCtx, status: StatusCode) -> Markup {
    let stem = stem(status);
    let title = ctx.t(&format!("{stem}-title"));
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t(&format!("{stem}-body"))) }
            p { (ctx.t_args("error-status", &[("status", status.as_u16().into())])) }
            h2 { (ctx.t("error-next-heading")) }
            ul {
                li { a href=(ctx.url("/")) { (ctx.t("error-go-home")) } }
                li { a href=(ctx.url("/pages/help")) { (ctx.t("error-get-help")) } }
            }
        },
    )
}
