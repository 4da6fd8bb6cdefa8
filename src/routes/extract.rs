//! The `PageCtx` extractor: the language comes from the `{lang}` path segment; an
//! unknown language is a 404, rendered like any other.

use crate::error::AppError;
use crate::state::AppState;
use crate::views::PageCtx;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use std::future::{Ready, ready};

impl FromRequest for PageCtx {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(page_ctx(req))
    }
}

fn page_ctx(req: &HttpRequest) -> Result<PageCtx, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("application state missing")))?;
    let tag = req.match_info().get("lang").ok_or(AppError::NotFound)?;
    let locale = state.i18n.find(tag).ok_or(AppError::NotFound)?.clone();
    let rest = req
        .path()
        .get(tag.len() + 1..)
        .filter(|r| !r.is_empty())
        .unwrap_or("/");
    Ok(PageCtx::new(
        state.page_parts(),
        locale,
        rest,
        req.query_string(),
    ))
}
