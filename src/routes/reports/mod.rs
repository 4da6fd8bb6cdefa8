//! Reports: the form (`form`), sending and the confirmation (`send`), photos of a draft
//! (`photos`), tracking and the reporter's private view (`track`), the public page
//! (`public`).

pub mod form;
pub mod lost_key;
pub mod photos;
pub mod public;
pub mod send;
pub mod track;

use crate::db::reports::{self, Draft};
use crate::domain::access_key::AccessKey;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::PageCtx;
use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};

/// The cookie holding the id of the reporter's draft (`__Host-` over TLS: no other site,
/// not even a sibling subdomain, can plant one; see [`cookie_name`]).
pub const DRAFT_COOKIE: &str = "balai_draft";
/// The cookie holding the draft's receipt: 128 random bits set when "check your answers"
/// is shown. The access key is derived from the draft id and the receipt together, so a
/// draft id planted in someone's browser (draft fixation) never opens their report.
pub const RECEIPT_COOKIE: &str = "balai_receipt";

/// A cookie's name for this scheme: `__Host-` over TLS (a browser takes such a cookie only
/// with `Secure`, `Path=/` and no `Domain`, so it can be set by this host alone), the
/// plain name on HTTP (local trials).
pub fn cookie_name(base: &str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_owned()
    }
}

/// A 32-hex-digit value of cookie `base` (under this scheme's name), when it looks like one.
fn random_id_cookie(req: &HttpRequest, base: &str) -> Option<String> {
    let c = req.cookie(&cookie_name(base, crate::http::is_https(req)))?;
    let id = c.value();
    (id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())).then(|| id.to_owned())
}

/// The draft id of the request's cookie, when it looks like one.
pub fn draft_id(req: &HttpRequest) -> Option<String> {
    random_id_cookie(req, DRAFT_COOKIE)
}

/// The receipt of the request's cookie, when it looks like one.
pub fn receipt(req: &HttpRequest) -> Option<String> {
    random_id_cookie(req, RECEIPT_COOKIE)
}

/// The access key of a report sent from `draft_id` with `receipt`.
pub fn access_key(state: &AppState, draft_id: &str, receipt: &str) -> AccessKey {
    AccessKey::derive(&state.secret_key, &format!("{draft_id}.{receipt}"))
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
    // The replica's copy while the primary is down (read-only: see `AppState::form_reads`).
    Ok(reports::draft(state.form_reads(), &id, ctx.now()).await?)
}

/// The draft cookie: sent with same-site navigation only (`Lax`), so another site cannot
/// post into someone's draft; kept as long as a draft lives.
pub fn draft_cookie(id: &str, secure: bool) -> Cookie<'static> {
    random_id_cookie_to_set(DRAFT_COOKIE, id, secure)
}

/// The receipt cookie (see [`RECEIPT_COOKIE`]), as long-lived as the draft.
pub fn receipt_cookie(receipt: &str, secure: bool) -> Cookie<'static> {
    random_id_cookie_to_set(RECEIPT_COOKIE, receipt, secure)
}

fn random_id_cookie_to_set(base: &str, value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(cookie_name(base, secure), value.to_owned())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(7))
        .finish()
}
