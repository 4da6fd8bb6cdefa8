//! For admins: the accounts, creating one, disabling one (its sessions end at once), and
//! the audit log of an account. Other roles get the same 404 as a page that does not exist.

use super::{Staff, auth::CsrfOnly, check_post, signed_in, to_sign_in};
use crate::db::staff as staff_db;
use crate::domain::FormErrors;
use crate::domain::staff::{
    AccountEvent, PasswordError, Role, check_new_password, hash_password, verify_password,
};
use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use crate::views::staff::AccountForm;
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
    if staff_db::disable_user(&state.db, &user.email, ctx.now()).await? && !user.disabled {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::AccountDisabled,
            Some(&user.email),
            ctx.now(),
        )
        .await?;
    }
    tracing::info!(
        by = staff.session.user.id,
        user = user.id,
        "account disabled"
    );
    Ok(see_other(&ctx.url(&format!("/staff/accounts/{}", user.id))))
}

/// GET /{lang}/staff/accounts/new
#[tracing::instrument(level = "debug", skip_all)]
pub async fn new_account(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    Ok(views::html(
        StatusCode::OK,
        views::staff::new_account(
            &ctx,
            &staff,
            &AccountForm::default(),
            &FormErrors::default(),
        ),
    ))
}

/// POST /{lang}/staff/accounts: create an account. The same form sent twice (the email
/// now taken by an account with this name, role, agency and password) shows that account
/// rather than an error.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<AccountForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let mut input = form.into_inner();
    input.email = input.email.trim().to_lowercase();
    input.name = input.name.trim().to_owned();
    let mut errors = FormErrors::default();
    if input.email.is_empty() {
        errors.add("email", "staff-error-account-email-missing");
    } else if crate::domain::Email::parse(&input.email).is_none() {
        errors.add("email", "staff-error-account-email-invalid");
    }
    if input.name.is_empty() {
        errors.add("name", "staff-error-account-name-missing");
    } else if input.name.chars().count() > 200 {
        errors.add("name", "staff-error-account-name-long");
    }
    let role = Role::parse(&input.role);
    if role.is_none() {
        errors.add("role", "staff-error-account-role");
    }
    let c = &ctx.content;
    let agency = match role {
        Some(Role::Officer) if c.taxonomy.agency(&input.agency, &c.areas).is_none() => {
            errors.add("agency", "staff-error-account-agency");
            None
        }
        Some(Role::Officer) => Some(input.agency.clone()),
        _ => None,
    };
    match check_new_password(&input.password) {
        Ok(()) => {}
        Err(_) if input.password.is_empty() => {
            errors.add("password", "staff-error-account-password-missing");
        }
        Err(PasswordError::TooShort) => errors.add_with(
            "password",
            "staff-error-password-short",
            vec![("min", crate::domain::staff::PASSWORD_MIN as i64)],
        ),
        Err(PasswordError::TooLong) => errors.add_with(
            "password",
            "staff-error-password-long",
            vec![("max", crate::domain::staff::PASSWORD_MAX as i64)],
        ),
        Err(PasswordError::Common) => errors.add("password", "staff-error-password-common"),
    }
    let again = |input: &AccountForm, errors: &FormErrors| {
        let shown = AccountForm {
            password: String::new(),
            csrf: String::new(),
            ..input.clone()
        };
        Ok(views::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::staff::new_account(&ctx, &staff, &shown, errors),
        ))
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return again(&input, &errors);
    };
    let pw = input.password.clone();
    let hash = web::block(move || hash_password(&pw))
        .await
        .map_err(|e| AppError::Unexpected(e.into()))??;
    let added = staff_db::add_user(
        &state.db,
        &input.email,
        &input.name,
        role.as_str(),
        agency.as_deref(),
        &hash,
        ctx.now(),
    )
    .await?;
    let Some(user) = staff_db::user_by_email(&state.db, &input.email).await? else {
        return Err(AppError::Unexpected(anyhow::anyhow!("account not found")));
    };
    if !added {
        // Taken: the same form again (same name, role, agency and password) is the
        // account it made; anything else is a form error.
        let (stored, pw) = (user.password_hash.clone(), input.password.clone());
        let same_password = web::block(move || verify_password(&pw, &stored).0)
            .await
            .map_err(|e| AppError::Unexpected(e.into()))?;
        let same =
            same_password && user.name == input.name && user.role == role && user.agency == agency;
        if !same {
            errors.add("email", "staff-error-account-email-taken");
            return again(&input, &errors);
        }
    } else {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::AccountCreated,
            Some(&user.email),
            ctx.now(),
        )
        .await?;
        tracing::info!(
            by = staff.session.user.id,
            user = user.id,
            "account created"
        );
    }
    Ok(see_other(&ctx.url(&format!("/staff/accounts/{}", user.id))))
}
