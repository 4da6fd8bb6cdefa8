//! The home page.

use crate::http_cache::Policy;
use crate::page_cache::{Finished, PageCache};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/: rendered and gzipped once per content load (`page_cache`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(ctx: PageCtx, state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    state
        .pages
        .page(&PageCache::url_of(&req), ctx.content.generation, || {
            Finished::new(StatusCode::OK, views::home::show(&ctx))
        })
        .respond(&req, Policy::Content)
}
