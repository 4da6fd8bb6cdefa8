//! The staff back office under `/{lang}/staff/`: sign-in (`auth`), the queue (`queue`),
//! a case and its actions (`case`), accounts and the audit log (`admin`).
//!
//! Every staff request goes through [`signed_in`]; every state-changing one also through
//! [`check_post`] (same-origin by `Sec-Fetch-Site`/`Origin`, and the session's CSRF token).

pub mod admin;
pub mod auth;
pub mod case;
pub mod desk;
pub mod digest;
pub mod integrations;
pub mod outbox;
pub mod password;
pub mod queue;
pub mod workshops;

use crate::db::staff::{self};
use crate::domain::access::Staff;
use crate::domain::staff::SessionEnd;
use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use crate::views::PageCtx;
use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpRequest, HttpResponse};

/// The session cookie over TLS: `__Host-` (Secure, Path=/, no Domain).
pub const COOKIE_TLS: &str = "__Host-balai_staff";
/// The session cookie on plain HTTP (a browser refuses `__Host-` cookies without
/// `Secure`, and `Secure` cookies on plain HTTP): local trials only.
pub const COOKIE_PLAIN: &str = "balai_staff";

/// The session cookie to set at sign-in.
pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(
        if secure { COOKIE_TLS } else { COOKIE_PLAIN },
        token.to_owned(),
    )
    .path("/")
    .http_only(true)
    .secure(secure)
    .same_site(SameSite::Strict)
    .finish()
}

fn token(req: &HttpRequest) -> Option<String> {
    req.cookie(COOKIE_TLS)
        .or_else(|| req.cookie(COOKIE_PLAIN))
        .map(|c| c.value().to_owned())
        .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The signed-in member of staff, or why there is none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn signed_in(
    state: &AppState,
    req: &HttpRequest,
) -> Result<Result<Staff, SessionEnd>, AppError> {
    let Some(token) = token(req) else {
        return Ok(Err(SessionEnd::None));
    };
    let now = state.settings.clock.now();
    Ok(match staff::session(&state.db, &token, now).await? {
        Ok(session) => Ok(Staff {
            role: session.user.role,
            session,
            token,
        }),
        Err(end) => Err(end),
    })
}

/// For a GET without a session: to the sign-in page, then back here.
pub fn to_sign_in(ctx: &PageCtx, req: &HttpRequest, end: SessionEnd) -> HttpResponse {
    let next = req.path();
    let mut url = ctx.url("/staff/sign-in");
    url.push_str("?next=");
    url.push_str(&next.replace(['&', '?', '#', ' '], ""));
    let reason = end.as_str();
    if !reason.is_empty() {
        url.push_str("&reason=");
        url.push_str(reason);
    }
    see_other(&url)
}

pub use crate::security::same_origin;

/// Same origin and the session's CSRF token: else 403, and nothing changes.
pub fn check_post(req: &HttpRequest, staff: &Staff, csrf: &str) -> Result<(), HttpResponse> {
    let token_ok = crate::security::constant_time_eq(csrf, &staff.session.csrf);
    if same_origin(req) && token_ok {
        Ok(())
    } else {
        tracing::warn!(user = staff.session.user.id, path = %req.path(), "cross-site or tokenless staff request refused");
        Err(HttpResponse::Forbidden().finish())
    }
}
