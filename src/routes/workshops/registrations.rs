//! A registration after it is made: its status page (reached with the signed token the
//! confirmation gave, or by code and contact through the look-up form) and cancelling.

use super::{registration_token, workshop};
use crate::db::{rate_limits, registrations};
use crate::domain::registration::RegistrationStatus;
use crate::domain::{Code, Email, FormErrors, Phone};
use crate::error::AppError;
use crate::http::{self, client_address, no_store, see_other};
use crate::security;
use crate::state::AppState;
use crate::views::workshops::{LookupInput, Status};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Query of the status page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    /// The signed token.
    pub t: String,
    /// `registered` or `cancelled`, to say what just happened.
    pub notice: String,
}

/// The registration of a code, when the token is genuine; otherwise "not found", the
/// same answer as for a code that does not exist.
async fn authorised(
    state: &AppState,
    code: &str,
    token: &str,
) -> Result<crate::domain::registration::Registration, AppError> {
    let code = Code::parse(code).ok_or(AppError::NotFound)?;
    if !security::verify(&state.secret_key, "registration", code.as_str(), token) {
        return Err(AppError::NotFound);
    }
    registrations::find(&state.db, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /{lang}/workshops/registrations/{code}?t=
#[tracing::instrument(level = "debug", skip_all)]
pub async fn status(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&state, &code, &q.t).await?;
    let w = workshop(&ctx, &reg.workshop)?;
    let needs = registrations::needs(&state.db, reg.id).await?;
    let position = if reg.status == RegistrationStatus::Waitlisted {
        Some(registrations::waitlist_position(&state.db, &reg).await?)
    } else {
        None
    };
    let notice = match q.notice.as_str() {
        "registered" => Some("registration-notice-registered"),
        "cancelled" => Some("registration-notice-cancelled"),
        _ => None,
    };
    let page = views::workshops::status(
        &ctx,
        w,
        &Status {
            reg: &reg,
            needs: &needs,
            position,
            token: &q.t,
            notice,
        },
    );
    Ok(no_store(views::html(StatusCode::OK, page)))
}

/// GET /{lang}/workshops/registrations
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lookup_form(ctx: PageCtx) -> HttpResponse {
    views::html(
        StatusCode::OK,
        views::workshops::lookup(&ctx, &LookupInput::default(), &FormErrors::default()),
    )
}

/// POST /{lang}/workshops/registrations
#[tracing::instrument(level = "debug", skip_all)]
pub async fn lookup(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<LookupInput>,
) -> Result<HttpResponse, AppError> {
    let input = form.into_inner();
    let mut errors = FormErrors::default();
    if input.code.trim().is_empty() {
        errors.add("code", "lookup-error-code-required");
    }
    if input.contact.trim().is_empty() {
        errors.add("contact", "lookup-error-contact-required");
    }
    if !errors.is_empty() {
        return Ok(views::html(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::workshops::lookup(&ctx, &input, &errors),
        ));
    }
    // Guessing codes is limited per address and per code.
    let now = ctx.now().unix_timestamp();
    let limit = state.settings.lookups_per_hour;
    let code = Code::parse(&input.code);
    let mut wait = rate_limits::hit(
        &state.db,
        &rate_limits::bucket("lookup", &client_address(&req)),
        limit,
        3600,
        now,
    )
    .await?;
    if let (None, Some(c)) = (wait, &code) {
        wait = rate_limits::hit(
            &state.db,
            &rate_limits::bucket("lookup-code", c.as_str()),
            limit,
            3600,
            now,
        )
        .await?;
    }
    if let Some(wait) = wait {
        let mut errors = FormErrors::default();
        errors.add_with(
            "code",
            "form-rate-limited",
            vec![("minutes", http::wait_minutes(wait))],
        );
        let res = views::html(
            StatusCode::OK,
            views::workshops::lookup(&ctx, &input, &errors),
        );
        return Ok(http::too_many_requests(res, wait));
    }
    let found = match &code {
        Some(c) => registrations::find(&state.db, c).await?,
        None => None,
    };
    let matches = found.filter(|r| {
        let email = Email::parse(&input.contact).map(|e| e.as_str().to_owned());
        let phone = Phone::parse(&input.contact).map(|p| p.as_str().to_owned());
        (email.is_some() && r.email == email) || (phone.is_some() && r.phone == phone)
    });
    match matches {
        Some(reg) => {
            let token = registration_token(&state, &reg.code);
            Ok(see_other(&ctx.url(&format!(
                "/workshops/registrations/{}?t={token}",
                reg.code
            ))))
        }
        None => {
            errors.add("code", "lookup-error-not-found");
            Ok(views::html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::workshops::lookup(&ctx, &input, &errors),
            ))
        }
    }
}

/// GET /{lang}/workshops/registrations/{code}/cancel?t=
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel_form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&state, &code, &q.t).await?;
    let w = workshop(&ctx, &reg.workshop)?;
    Ok(no_store(views::html(
        StatusCode::OK,
        views::workshops::cancel_confirm(&ctx, w, &reg, &q.t),
    )))
}

/// Body of the cancel form.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CancelForm {
    /// The signed token.
    pub t: String,
}

/// POST /{lang}/workshops/registrations/{code}/cancel (sending twice cancels once).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn cancel(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&state, &code, &form.t).await?;
    if registrations::cancel(&state.db, &reg, ctx.now()).await? {
        state.mail_written();
    }
    state.seats.invalidate();
    Ok(see_other(&ctx.url(&format!(
        "/workshops/registrations/{}?t={}&notice=cancelled",
        reg.code, form.t
    ))))
}
