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

/// The address a request comes from, for rate limits: the peer, or, when the peer is a
/// trusted proxy (`BALAI_TRUSTED_PROXIES`), the last address in `X-Forwarded-For` that is
/// not itself a trusted proxy (the one the proxy saw).
pub(crate) fn client_address(req: &actix_web::HttpRequest) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let trusted = req
        .app_data::<actix_web::web::Data<crate::startup::AppState>>()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    match peer {
        Some(p) if trusted.contains(&p) => req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
            .filter(|a| !trusted.contains(a))
            .last()
            .unwrap_or(p)
            .to_string(),
        Some(p) => p.to_string(),
        None => "unknown".to_owned(),
    }
}
