//! Choosing the language: `/` goes to the best match of `Accept-Language`, and a
//! language prefix without its trailing slash goes to that language's home.

use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

/// GET / : 303 to `/{lang}/`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn root(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let locale = state.i18n.negotiate(accept);
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/{}/", locale.tag)))
        .insert_header((header::VARY, "Accept-Language"))
        .finish()
}

/// GET /{lang} : 303 to `/{lang}/` when the language exists.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn bare_prefix(
    path: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let locale = state.i18n.find(&path).ok_or(AppError::NotFound)?;
    Ok(see_other(&format!("/{}/", locale.tag)))
}
