//! `/assets/{hash}/{file}`: served from memory with a year of immutable caching; an
//! old or wrong hash is a 404, so a stale page never gets a mismatched stylesheet.

use crate::error::AppError;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// GET /assets/{hash}/{file:.*}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn serve(
    path: web::Path<(String, String)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (hash, name) = path.into_inner();
    let asset = state.assets.get(&hash, &name).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.bytes.clone()))
}
