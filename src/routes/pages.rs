//! Content pages: `/{lang}/pages/{slug}`.

use crate::error::AppError;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

/// GET /{lang}/pages/{slug}
pub async fn show(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let content = ctx
        .content
        .pages
        .get(&slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)?;
    Ok(views::html(
        StatusCode::OK,
        views::pages::show(&ctx, content),
    ))
}
