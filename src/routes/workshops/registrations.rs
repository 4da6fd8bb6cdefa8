//! A registration after it is made: its status page (reached with the signed token the
//! confirmation gave, or by code and contact through the look-up form) and cancelling.

use super::{client_address, registration_token, workshop};
use crate::db::{rate_limits, registrations};
use crate::domain::{Code, Email, FormErrors, Phone};
use crate::error::AppError;
use crate::routes::language::see_other;
use crate::security;
use crate::views::workshops::{LookupInput, Status};
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
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
    ctx: &PageCtx,
    code: &str,
    token: &str,
) -> Result<registrations::Registration, AppError> {
    let code = Code::parse(code).ok_or(AppError::NotFound)?;
    if !security::verify(&ctx.state.secret_key, "registration", code.as_str(), token) {
        return Err(AppError::NotFound);
    }
    registrations::find(&ctx.state.db, &code)
        .await?
        .ok_or(AppError::NotFound)
}

/// GET /{lang}/workshops/registrations/{code}?t=
pub async fn status(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&ctx, &code, &q.t).await?;
    let w = workshop(&ctx, &reg.workshop)?;
    let needs = registrations::needs(&ctx.state.db, reg.id).await?;
    let position = if reg.status == "waitlisted" {
        Some(registrations::waitlist_position(&ctx.state.db, &reg).await?)
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

/// Status pages carry personal data: never cache them.
fn no_store(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    res
}

/// GET /{lang}/workshops/registrations
pub async fn lookup_form(ctx: PageCtx) -> HttpResponse {
    views::html(
        StatusCode::OK,
        views::workshops::lookup(&ctx, &LookupInput::default(), &FormErrors::default()),
    )
}

/// POST /{lang}/workshops/registrations
pub async fn lookup(
    ctx: PageCtx,
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
    let limit = ctx.state.settings.lookups_per_hour;
    let code = Code::parse(&input.code);
    let mut wait = rate_limits::hit(
        &ctx.state.db,
        &format!("lookup:{}", client_address(&req)),
        limit,
        3600,
        now,
    )
    .await?;
    if let (None, Some(c)) = (wait, &code) {
        wait = rate_limits::hit(
            &ctx.state.db,
            &format!("lookup-code:{}", c.as_str()),
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
            vec![("minutes", (wait + 59) / 60)],
        );
        let mut res = views::html(
            StatusCode::TOO_MANY_REQUESTS,
            views::workshops::lookup(&ctx, &input, &errors),
        );
        res.headers_mut().insert(header::RETRY_AFTER, wait.into());
        return Ok(res);
    }
    let found = match &code {
        Some(c) => registrations::find(&ctx.state.db, c).await?,
        None => None,
    };
    let matches = found.filter(|r| {
        let email = Email::parse(&input.contact).map(|e| e.as_str().to_owned());
        let phone = Phone::parse(&input.contact).map(|p| p.as_str().to_owned());
        (email.is_some() && r.email == email) || (phone.is_some() && r.phone == phone)
    });
    match matches {
        Some(reg) => {
            let token = registration_token(&ctx, &reg.code);
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
pub async fn cancel_form(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
    q: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&ctx, &code, &q.t).await?;
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
pub async fn cancel(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
    form: web::Form<CancelForm>,
) -> Result<HttpResponse, AppError> {
    let (_, code) = path.into_inner();
    let reg = authorised(&ctx, &code, &form.t).await?;
    registrations::cancel(&ctx.state.db, &reg, ctx.now()).await?;
    ctx.state.seats.invalidate();
    Ok(see_other(&ctx.url(&format!(
        "/workshops/registrations/{}?t={}&notice=cancelled",
        reg.code, form.t
    ))))
}
