//! Content pages: `/{lang}/pages/{slug}`.

use crate::error::AppError;
use crate::http_cache::Policy;
use crate::page_cache::{Finished, PageCache};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/pages/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let content = ctx
        .content
        .pages
        .get(&slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)?;
    // Content pages change only with the content (`page_cache`).
    let page = state
        .pages
        .page(&PageCache::url_of(&req), ctx.content.generation, || {
            Finished::new(StatusCode::OK, views::pages::show(&ctx, content))
        });
    Ok(page.respond(&req, Policy::Content))
}
