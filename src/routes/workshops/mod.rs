//! Workshops: list, page, calendar file, registration, status, look-up, cancel.

pub mod pages;
pub mod register;
pub mod registrations;

use crate::content::Workshop;
use crate::error::AppError;
use crate::views::PageCtx;

/// The workshop of the URL, or 404.
fn workshop<'a>(ctx: &'a PageCtx, slug: &str) -> Result<&'a Workshop, AppError> {
    ctx.content
        .workshops
        .get(slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)
}

/// The token that lets a registrant see their registration (signed code).
pub fn registration_token(ctx: &PageCtx, code: &str) -> String {
    crate::security::sign(&ctx.state.secret_key, "registration", code)
}

/// The address a request comes from, for rate limits (the peer; Balai does not trust
/// forwarded headers unless a proxy is configured, which comes with deployment).
pub(crate) fn client_address(req: &actix_web::HttpRequest) -> String {
    req.peer_addr()
        .map_or_else(|| "unknown".to_owned(), |a| a.ip().to_string())
}
