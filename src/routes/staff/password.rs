//! A member of staff changes their own password: the current one and a new one (the
//! rules of [`crate::domain::staff::check_new_password`]); every other session of the
//! account ends, and the audit log records it. Passwords are never sent back in a page.

use super::{check_post, signed_in, to_sign_in};
use crate::db::{rate_limits, staff as staff_db};
use crate::domain::FormErrors;
use crate::domain::staff::{PasswordError, check_new_password, hash_password, verify_password};
use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Tries of the current password per account and hour (a stolen session cookie must not
/// become a way to guess the password).
const TRIES_PER_HOUR: i64 = 10;

/// What the form sends.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub csrf: String,
    pub current: String,
    pub new: String,
}

/// GET /{lang}/staff/password
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let done = query.iter().any(|(k, v)| k == "done" && v == "1");
    Ok(views::html(
        StatusCode::OK,
        views::staff::password(&ctx, &staff, &FormErrors::default(), done),
    ))
}

/// POST /{lang}/staff/password
#[tracing::instrument(level = "debug", skip_all)]
pub async fn change(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let user = &staff.session.user;
    let mut errors = FormErrors::default();
    if form.current.is_empty() {
        errors.add("current", "staff-error-password-current-missing");
    }
    match check_new_password(&form.new) {
        Ok(()) => {}
        Err(_) if form.new.is_empty() => errors.add("new", "staff-error-password-new-missing"),
        Err(PasswordError::TooShort) => errors.add_with(
            "new",
            "staff-error-password-short",
            vec![("min", crate::domain::staff::PASSWORD_MIN as i64)],
        ),
        Err(PasswordError::TooLong) => errors.add_with(
            "new",
            "staff-error-password-long",
            vec![("max", crate::domain::staff::PASSWORD_MAX as i64)],
        ),
        Err(PasswordError::Common) => errors.add("new", "staff-error-password-common"),
    }
    let again = |errors: &FormErrors| {
        Ok(views::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::staff::password(&ctx, &staff, errors, false),
        ))
    };
    if !errors.is_empty() {
        return again(&errors);
    }
    let bucket = rate_limits::bucket("password-change", &user.id.to_string());
    if rate_limits::hit(
        &state.db,
        &bucket,
        TRIES_PER_HOUR,
        3600,
        ctx.now().unix_timestamp(),
    )
    .await?
    .is_some()
    {
        errors.add("current", "staff-error-password-tries");
        return again(&errors);
    }
    let stored = user.password_hash.clone();
    let (current, new) = (form.current.clone(), form.new.clone());
    let (current_ok, new_is_stored) = web::block(move || {
        (
            verify_password(&current, &stored).0,
            verify_password(&new, &stored).0,
        )
    })
    .await
    .map_err(|e| AppError::Unexpected(e.into()))?;
    if !current_ok {
        // The same form sent twice: the first already set the new password.
        if new_is_stored {
            return Ok(see_other(&format!("{}?done=1", ctx.url("/staff/password"))));
        }
        errors.add("current", "staff-error-password-current-wrong");
        return again(&errors);
    }
    let new = form.new.clone();
    let hash = web::block(move || hash_password(&new))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))??;
    staff_db::change_password(&state.db, user.id, &hash, &staff.session.id, ctx.now()).await?;
    tracing::info!(user = user.id, "password changed");
    Ok(see_other(&format!("{}?done=1", ctx.url("/staff/password"))))
}
