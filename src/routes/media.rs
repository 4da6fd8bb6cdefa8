//! `/media/content/{hash}/{width}.jpg`: content images at the widths `srcset` offers,
//! made off the async workers and cached in the data dir.

use crate::content::images;
use crate::error::AppError;
use crate::state::AppState;
use crate::telemetry::spawn_blocking_with_tracing;
use actix_web::http::header;
use actix_web::{HttpResponse, web};

/// GET /media/content/{hash}/{width}.jpg
#[tracing::instrument(level = "debug", skip_all)]
pub async fn content_image(
    path: web::Path<(String, u32)>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let (hash, width) = path.into_inner();
    let content = state.content();
    let image = content
        .images
        .by_hash(&hash)
        .ok_or(AppError::NotFound)?
        .clone();
    if !image.variants().iter().any(|(w, _)| *w == width) {
        return Err(AppError::NotFound);
    }
    let cache = state.settings.data_dir.join("content-images");
    let bytes = spawn_blocking_with_tracing(move || images::variant(&image, width, &cache))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))??;
    Ok(HttpResponse::Ok()
        .content_type("image/jpeg")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(bytes))
}
