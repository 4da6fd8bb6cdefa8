//! The home page.

use crate::views::{self, PageCtx};
use actix_web::HttpResponse;
use actix_web::http::StatusCode;

/// GET /{lang}/
pub async fn show(ctx: PageCtx) -> HttpResponse {
    views::html(StatusCode::OK, views::home::show(&ctx))
}
