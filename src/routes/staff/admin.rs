//! For admins: the accounts, disabling one (its sessions end at once), and the audit log
//! of an account. Other roles get the same 404 as a page that does not exist.

use super::{Staff, auth::CsrfOnly, check_post, signed_in, to_sign_in};
use crate::db::staff as staff_db;
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

pub(super) async fn admin(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<Result<Staff, HttpResponse>, AppError> {
    match signed_in(state, req).await? {
        Ok(s) if s.role == Role::Admin => Ok(Ok(s)),
        Ok(_) => Err(AppError::NotFound),
        Err(end) => Ok(Err(to_sign_in(ctx, req, end))),
    }
}

/// GET /{lang}/staff/accounts
#[tracing::instrument(level = "debug", skip_all)]
pub async fn accounts(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let users = staff_db::users(&state.db).await?;
    Ok(views::html(
        StatusCode::OK,
        views::staff::accounts(&ctx, &staff, &users),
    ))
}

/// GET /{lang}/staff/accounts/{id}: an account's audit log.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn account(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let users = staff_db::users(&state.db).await?;
    let user = users
        .into_iter()
        .find(|u| u.id == path.1)
        .ok_or(AppError::NotFound)?;
    let audit = staff_db::audit(&state.db, None, Some(user.id)).await?;
    Ok(views::html(
        StatusCode::OK,
        views::staff::account(&ctx, &staff, &user, &audit),
    ))
}

/// POST /{lang}/staff/accounts/{id}/disable
#[tracing::instrument(level = "debug", skip_all)]
pub async fn disable(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let users = staff_db::users(&state.db).await?;
    let user = users
        .into_iter()
        .find(|u| u.id == path.1)
        .ok_or(AppError::NotFound)?;
    staff_db::disable_user(&state.db, &user.email, ctx.now()).await?;
    tracing::info!(
        by = staff.session.user.id,
        user = user.id,
        "account disabled"
    );
    Ok(see_other(&ctx.url(&format!("/staff/accounts/{}", user.id))))
}
