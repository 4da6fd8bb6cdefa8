//! Signing in and out. One error for an unknown email and a wrong password; attempts
//! limited per account and per address (in the database, so every instance counts them);
//! the session id is new at every sign-in. A form posted after the session ended comes
//! back here with what was typed, and is shown again for confirmation after signing in.

use super::{Staff, same_origin, session_cookie, signed_in};
use crate::db::{rate_limits, staff};
use crate::domain::FormErrors;
use crate::domain::staff::{dummy_hash, hash_password, verify_password};
use crate::error::AppError;
use crate::routes::language::see_other;
use crate::routes::reports::is_https;
use crate::routes::workshops::client_address;
use crate::views::staff::{KeptForm, SIGN_IN_FORM_ID, SignInInput};
use crate::views::{self, PageCtx};
use actix_web::cookie::Cookie;
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// Sign-in attempts per account per hour (ASVS: at most 100).
const TRIES_PER_ACCOUNT: i64 = 20;
/// Sign-in attempts per address per hour.
const TRIES_PER_ADDRESS: i64 = 50;

/// GET /{lang}/staff/sign-in
pub async fn form(ctx: PageCtx, query: web::Query<SignInInput>) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(SIGN_IN_FORM_ID);
    let input = SignInInput {
        next: safe_next(&query.next),
        reason: query.reason.clone(),
        ..SignInInput::default()
    };
    Ok(views::html(
        StatusCode::OK,
        views::staff::sign_in(&ctx, &input, &FormErrors::default(), None),
    ))
}

/// Only paths of this site's back office, so the form cannot send anyone elsewhere.
fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && next.contains("/staff")
        && next
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    if ok { next.to_owned() } else { String::new() }
}

/// POST /{lang}/staff/sign-in
pub async fn sign_in(
    ctx: PageCtx,
    req: HttpRequest,
    form: web::Form<SignInInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(SIGN_IN_FORM_ID);
    if !same_origin(&req) {
        return Ok(HttpResponse::Forbidden().finish());
    }
    let mut input = form.into_inner();
    input.next = safe_next(&input.next);
    let rerender =
        |status: StatusCode, input: &SignInInput, errors: &FormErrors, notice: Option<String>| {
            // The password is never sent back.
            let shown = SignInInput {
                password: String::new(),
                ..input.clone()
            };
            views::html(status, views::staff::sign_in(&ctx, &shown, errors, notice))
        };
    if !input.switch_lang.is_empty() {
        return Ok(rerender(
            StatusCode::OK,
            &input,
            &FormErrors::default(),
            None,
        ));
    }
    let email = input.email.trim().to_lowercase();
    let mut errors = FormErrors::default();
    if email.is_empty() {
        errors.add("email", "staff-error-email-missing");
    }
    if input.password.is_empty() {
        errors.add("password", "staff-error-password-missing");
    }
    if !errors.is_empty() {
        return Ok(rerender(
            StatusCode::UNPROCESSABLE_ENTITY,
            &input,
            &errors,
            None,
        ));
    }
    let now = ctx.now();
    let db = &ctx.state.db;
    let by_account = rate_limits::hit(
        db,
        &format!("signin:{email}"),
        TRIES_PER_ACCOUNT,
        3600,
        now.unix_timestamp(),
    )
    .await?;
    let by_address = rate_limits::hit(
        db,
        &format!("signin-ip:{}", client_address(&req)),
        TRIES_PER_ADDRESS,
        3600,
        now.unix_timestamp(),
    )
    .await?;
    if let Some(wait) = by_account.or(by_address) {
        tracing::warn!("sign-in attempts limited");
        let minutes = (wait + 59) / 60;
        let notice = ctx.t_args("staff-sign-in-limited", &[("minutes", minutes.into())]);
        let mut res = rerender(
            StatusCode::TOO_MANY_REQUESTS,
            &input,
            &FormErrors::default(),
            Some(notice),
        );
        res.headers_mut().insert(header::RETRY_AFTER, wait.into());
        return Ok(res);
    }
    let user = staff::user_by_email(db, &email).await?;
    let password = input.password.clone();
    let stored = user
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    // Argon2 takes tens of milliseconds: off the async workers.
    let (ok, upgrade) = web::block(move || verify_password(&password, &stored))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let Some(user) = user.filter(|u| ok && !u.disabled) else {
        tracing::info!("sign-in failed");
        errors.add("email", "staff-error-sign-in");
        return Ok(rerender(
            StatusCode::UNPROCESSABLE_ENTITY,
            &input,
            &errors,
            None,
        ));
    };
    if upgrade {
        let pw = input.password.clone();
        if let Ok(Ok(h)) = web::block(move || hash_password(&pw)).await {
            staff::set_password_hash(db, user.id, &h).await?;
        }
    }
    let token = staff::start_session(db, user.id, now).await?;
    tracing::info!(user = user.id, "signed in");
    let cookie = session_cookie(&token, is_https(&req));
    // A form that was posted when the session had ended: shown again, filled in, with a
    // fresh token, for the person to confirm.
    if let Some(kept) = KeptForm::parse(&input.kept) {
        let session = staff::session(db, &token, now)
            .await?
            .map_err(|_| AppError::Unexpected(anyhow::anyhow!("new session not found")))?;
        let page =
            views::staff::confirm_kept(&ctx.clone().without_form_switch(), &kept, &session.csrf);
        let mut res = views::html(StatusCode::OK, page);
        res.add_cookie(&cookie)
            .map_err(|e| AppError::Unexpected(e.into()))?;
        return Ok(res);
    }
    let next = if input.next.is_empty() {
        ctx.url("/staff")
    } else {
        input.next.clone()
    };
    let mut res = see_other(&next);
    res.add_cookie(&cookie)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

/// A staff form posted without a live session: the sign-in page, with what was typed kept
/// (never acted on until the person signs in and confirms).
pub fn sign_in_keeping(
    ctx: &PageCtx,
    req: &HttpRequest,
    reason: &str,
    fields: &[(String, String)],
) -> HttpResponse {
    // The page is the sign-in page: its language switch posts there (with `kept`), not
    // to the action that was refused.
    let mut ctx = ctx.clone().with_form_switch(SIGN_IN_FORM_ID);
    ctx.path = "/staff/sign-in".to_owned();
    ctx.query = String::new();
    // Only an action form's own fields are kept: never a token, a password or an email.
    const ACTION_FIELDS: [&str; 9] = [
        "version",
        "text",
        "agency",
        "title",
        "description",
        "day",
        "month",
        "year",
        "photo",
    ];
    let kept = KeptForm {
        action: req.path().to_owned(),
        fields: fields
            .iter()
            .filter(|(k, _)| ACTION_FIELDS.contains(&k.as_str()))
            .cloned()
            .collect(),
    };
    let input = SignInInput {
        reason: reason.to_owned(),
        kept: kept.encode(),
        ..SignInInput::default()
    };
    let notice = Some(ctx.t("staff-kept-notice"));
    views::html(
        StatusCode::UNAUTHORIZED,
        views::staff::sign_in(&ctx, &input, &FormErrors::default(), notice),
    )
}

/// POST /{lang}/staff/sign-out
pub async fn sign_out(
    ctx: PageCtx,
    req: HttpRequest,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff: Option<Staff> = signed_in(&ctx.state, &req).await?.ok();
    if let Some(s) = &staff {
        if let Err(res) = super::check_post(&req, s, &form.csrf) {
            return Ok(res);
        }
        staff::end_session(&ctx.state.db, &s.token, "signed-out", ctx.now()).await?;
    }
    let mut res = see_other(&format!("{}?reason=signed-out", ctx.url("/staff/sign-in")));
    for name in [super::COOKIE_TLS, super::COOKIE_PLAIN] {
        let mut gone = Cookie::build(name, "").path("/").finish();
        gone.make_removal();
        res.add_cookie(&gone)
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// A form with only the CSRF token.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CsrfOnly {
    pub csrf: String,
}
