//! Signing in and out. One error for an unknown email and a wrong password; attempts
//! limited per account and per address (in the database, so every instance counts them);
//! the session id is new at every sign-in. A form posted after the session ended comes
//! back here with what was typed, and is shown again for confirmation after signing in.

use super::{same_origin, session_cookie, signed_in};
use crate::db::{rate_limits, staff};
use crate::domain::FormErrors;
use crate::domain::access::Staff;
use crate::domain::staff::{SessionEnd, User, dummy_hash, hash_password, verify_password};
use crate::error::AppError;
use crate::http::{self, client_address, is_https, see_other};
use crate::state::AppState;
use crate::views::staff::{KeptForm, SIGN_IN_FORM_ID, SignInInput};
use crate::views::{self, PageCtx};
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Sign-in attempts per account per hour (ASVS: at most 100).
const TRIES_PER_ACCOUNT: i64 = 20;
/// Sign-in attempts per address per hour.
const TRIES_PER_ADDRESS: i64 = 50;
/// The wait before each attempt on an account past [`TRIES_PER_ACCOUNT`]: slow enough to
/// make guessing from many addresses hopeless, short enough for the real person.
const ACCOUNT_SLOWDOWN: std::time::Duration = std::time::Duration::from_secs(3);

/// GET /{lang}/staff/sign-in
#[tracing::instrument(level = "debug", skip_all)]
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

/// Why the sign-in form is shown again.
enum Again {
    /// The language switch: the same form in the other language, nothing checked.
    Switch,
    /// A field missing, or the email and password do not match an active account.
    Invalid(FormErrors),
    /// Too many attempts for this account or address: wait this many seconds.
    Limited(i64),
}

/// POST /{lang}/staff/sign-in
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sign_in(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<SignInInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(SIGN_IN_FORM_ID);
    if !same_origin(&req) {
        return Ok(HttpResponse::Forbidden().finish());
    }
    let mut input = form.into_inner();
    input.next = safe_next(&input.next);
    let again = match check(&input) {
        Ok(email) => match authenticate(&state, &ctx, &req, &email, &input.password).await? {
            Ok(user) => return start_session(&state, &ctx, &req, &input, user).await,
            Err(again) => again,
        },
        Err(again) => again,
    };
    Ok(show_again(&ctx, &input, again))
}

/// The email to look up, when both fields are there.
fn check(input: &SignInInput) -> Result<String, Again> {
    if !input.switch_lang.is_empty() {
        return Err(Again::Switch);
    }
    let email = input.email.trim().to_lowercase();
    let mut errors = FormErrors::default();
    if email.is_empty() {
        errors.add("email", "staff-error-email-missing");
    }
    if input.password.is_empty() {
        errors.add("password", "staff-error-password-missing");
    }
    if errors.is_empty() {
        Ok(email)
    } else {
        Err(Again::Invalid(errors))
    }
}

/// The active account whose password this is: attempts counted per account and per
/// address first; an unknown email costs the same work as a wrong password (a dummy
/// hash) and gets the same answer. A hash made with weaker parameters is replaced.
async fn authenticate(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
    email: &str,
    password: &str,
) -> Result<Result<User, Again>, AppError> {
    let (db, now) = (&state.db, ctx.now().unix_timestamp());
    // The address first: a refused address counts nothing against the account, so it
    // cannot fill the table with rows for made-up emails.
    let address = rate_limits::bucket("signin-ip", &client_address(req).to_string());
    if let Some(wait) = rate_limits::hit(db, &address, TRIES_PER_ADDRESS, 3600, now).await? {
        tracing::warn!("sign-in attempts limited");
        return Ok(Err(Again::Limited(wait)));
    }
    // An account is never locked (anyone could lock anyone out by typing its email):
    // past its tries it is slowed down, each further attempt waiting before the check.
    let account = rate_limits::bucket("signin", email);
    if rate_limits::hit(db, &account, TRIES_PER_ACCOUNT, 3600, now)
        .await?
        .is_some()
    {
        tracing::warn!("sign-in attempts on one account slowed down");
        tokio::time::sleep(ACCOUNT_SLOWDOWN).await;
    }
    let user = staff::user_by_email(db, email).await?;
    let stored = user
        .as_ref()
        .map_or_else(|| dummy_hash().to_owned(), |u| u.password_hash.clone());
    // Argon2 takes tens of milliseconds: off the async workers.
    let pw = password.to_owned();
    let (ok, upgrade) = web::block(move || verify_password(&pw, &stored))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))?;
    let Some(user) = user.filter(|u| ok && !u.disabled) else {
        tracing::info!("sign-in failed");
        let mut errors = FormErrors::default();
        errors.add("email", "staff-error-sign-in");
        return Ok(Err(Again::Invalid(errors)));
    };
    if upgrade {
        let pw = password.to_owned();
        if let Ok(Ok(h)) = web::block(move || hash_password(&pw)).await {
            staff::set_password_hash(db, user.id, &h).await?;
        }
    }
    Ok(Ok(user))
}

/// A new session for `user`, then where they were going; or, when a form was posted
/// after the session had ended, that form shown again filled in with a fresh token, for
/// the person to confirm.
async fn start_session(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
    input: &SignInInput,
    user: User,
) -> Result<HttpResponse, AppError> {
    let (db, now) = (&state.db, ctx.now());
    let token = staff::start_session(db, user.id, now).await?;
    staff::record(
        db,
        user.id,
        crate::domain::staff::AccountEvent::SignedIn,
        None,
        now,
    )
    .await?;
    tracing::info!(user = user.id, "signed in");
    let mut res = match KeptForm::parse(&input.kept) {
        Some(kept) => {
            let session = staff::session(db, &token, now)
                .await?
                .map_err(|_| AppError::Unexpected(anyhow::anyhow!("new session not found")))?;
            let ctx = ctx.clone().without_form_switch();
            let page = views::staff::confirm_kept(&ctx, &kept, &session.csrf);
            views::html(StatusCode::OK, page)
        }
        None if input.next.is_empty() => see_other(&ctx.url("/staff")),
        None => see_other(&input.next),
    };
    res.add_cookie(&session_cookie(&token, is_https(req)))
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

/// The form again; the password is never sent back.
fn show_again(ctx: &PageCtx, input: &SignInInput, again: Again) -> HttpResponse {
    let shown = SignInInput {
        password: String::new(),
        ..input.clone()
    };
    let page = |status, errors: &FormErrors, notice| {
        views::html(status, views::staff::sign_in(ctx, &shown, errors, notice))
    };
    match again {
        Again::Switch => page(StatusCode::OK, &FormErrors::default(), None),
        Again::Invalid(errors) => page(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Again::Limited(wait) => {
            let minutes = http::wait_minutes(wait);
            let notice = ctx.t_args("staff-sign-in-limited", &[("minutes", minutes.into())]);
            let res = page(StatusCode::OK, &FormErrors::default(), Some(notice));
            http::too_many_requests(res, wait)
        }
    }
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
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sign_out(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff: Option<Staff> = signed_in(&state, &req).await?.ok();
    if let Some(s) = &staff {
        if let Err(res) = super::check_post(&req, s, &form.csrf) {
            return Ok(res);
        }
        staff::end_session(&state.db, &s.token, SessionEnd::SignedOut, ctx.now()).await?;
    }
    let mut res = see_other(&format!("{}?reason=signed-out", ctx.url("/staff/sign-in")));
    for name in [super::COOKIE_TLS, super::COOKIE_PLAIN] {
        // A browser removes a `Secure` (and any `__Host-`) cookie only with `Secure`.
        let secure = name == super::COOKIE_TLS || is_https(&req);
        let mut gone = Cookie::build(name, "").path("/").secure(secure).finish();
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
