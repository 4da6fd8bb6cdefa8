//! "Daily email": each officer and verifier turns their digest of cases due and overdue
//! off or on (`db::digest`: the setting and the message's stop link agree).

use super::{check_post, signed_in, to_sign_in};
use crate::db::digest;
use crate::error::AppError;
use crate::http::{no_store, see_other};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Query of the page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DigestQuery {
    /// `saved` after a change.
    pub notice: String,
}

/// GET /{lang}/staff/email
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    q: web::Query<DigestQuery>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let on = digest::is_on(&state.db, staff.session.user.id).await?;
    let page = views::staff_digest::digest(&ctx, &staff, on, q.notice == "saved");
    Ok(no_store(views::html(StatusCode::OK, page)))
}

/// What the form sends.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct DigestForm {
    pub csrf: String,
    /// `on` or `off`: what to set (sending it twice sets it once).
    pub digest: String,
}

/// POST /{lang}/staff/email
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<DigestForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let on = match form.digest.as_str() {
        "on" => true,
        "off" => false,
        _ => return Ok(HttpResponse::BadRequest().finish()),
    };
    digest::set(&state.db, staff.session.user.id, on).await?;
    Ok(see_other(&ctx.url("/staff/email?notice=saved")))
}
