//! The home page.

use crate::page_cache::{Finished, PageCache};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};

/// GET /{lang}/: rendered and gzipped once per content load (`page_cache`).
pub async fn show(ctx: PageCtx, req: HttpRequest) -> HttpResponse {
    ctx.state
        .pages
        .page(&PageCache::url_of(&req), ctx.content.generation, || {
            Finished::new(StatusCode::OK, views::home::show(&ctx))
        })
        .respond(&req)
}
