//! Reports: the form (`form`), sending and the confirmation (`send`), photos of a draft
//! (`photos`), tracking and the reporter's private view (`track`), the public page
//! (`public`).

pub mod form;
pub mod photos;
pub mod public;
pub mod send;
pub mod track;

use crate::db::reports::{self, Draft};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::PageCtx;
use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};

/// The cookie holding the id of the reporter's draft.
pub const DRAFT_COOKIE: &str = "balai_draft";

/// The draft id of the request's cookie, when it looks like one.
pub fn draft_id(req: &HttpRequest) -> Option<String> {
    let c = req.cookie(DRAFT_COOKIE)?;
    let id = c.value();
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_owned())
}

/// The request's draft, unless it has none or it expired.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn current_draft(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<Option<Draft>, AppError> {
    let Some(id) = draft_id(req) else {
        return Ok(None);
    };
    Ok(reports::draft(&state.db, &id, ctx.now()).await?)
}

/// The draft cookie: sent with same-site navigation only (`Lax`), so another site cannot
/// post into someone's draft; kept as long as a draft lives.
pub fn draft_cookie(id: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(DRAFT_COOKIE, id.to_owned())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(7))
        .finish()
}
