//! Campaign pages.

use crate::error::AppError;
use crate::http_cache::{self, Policy};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/campaigns
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(ctx: PageCtx, req: HttpRequest) -> HttpResponse {
    let campaigns: Vec<_> = ctx.content.campaigns.all(&ctx.locale.tag).collect();
    let page = views::html(StatusCode::OK, views::campaigns::list(&ctx, &campaigns));
    http_cache::tagged(&req, Policy::Content, page)
}

/// GET /{lang}/campaigns/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let campaign = ctx
        .content
        .campaigns
        .get(&slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)?;
    let now = ctx.now();
    let mut workshops: Vec<_> = ctx
        .content
        .workshops
        .all(&ctx.locale.tag)
        .filter(|w| w.campaign == slug)
        .collect();
    workshops.sort_by_key(|w| w.start);
    let (past, upcoming): (Vec<_>, Vec<_>) = workshops.into_iter().partition(|w| w.is_past(now));
    let seats = state.seats.get(state.reads()).await?;
    let page = views::html(
        StatusCode::OK,
        views::campaigns::show(&ctx, campaign, &upcoming, &past, &seats),
    );
    // Places left change with each registration: a workshop's policy.
    Ok(http_cache::tagged(&req, Policy::Workshop, page))
}
