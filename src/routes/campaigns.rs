//! Campaign pages.

use crate::error::AppError;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

/// GET /{lang}/campaigns
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(ctx: PageCtx) -> HttpResponse {
    let campaigns: Vec<_> = ctx.content.campaigns.all(&ctx.locale.tag).collect();
    views::html(StatusCode::OK, views::campaigns::list(&ctx, &campaigns))
}

/// GET /{lang}/campaigns/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
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
    let seats = state.seats.get(&state.db).await?;
    Ok(views::html(
        StatusCode::OK,
        views::campaigns::show(&ctx, campaign, &upcoming, &past, &seats),
    ))
}
