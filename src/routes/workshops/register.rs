//! Registration for a workshop: the form, and sending it (idempotent, rate limited,
//! spam held for staff rather than dropped).

use super::{registration_token, workshop};
use crate::content::Workshop;
use crate::content::workshops::RegistrationWindow;
use crate::db::{rate_limits, registrations};
use crate::domain::{FormErrors, NewRegistration, RegistrationInput};
use crate::error::AppError;
use crate::http::{self, client_address, see_other};
use crate::security;
use crate::state::AppState;
use crate::views::workshops::{REGISTER_FORM_ID, RegisterForm};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/workshops/{slug}/register
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let ctx = ctx.with_form_switch(REGISTER_FORM_ID);
    let w = workshop(&ctx, &slug)?;
    if w.window(ctx.now()) != RegistrationWindow::Open {
        let seats = state.seats.get(state.reads()).await?;
        // No form on this page: the language switch is plain links.
        let plain = PageCtx {
            form_switch: None,
            ..ctx.clone()
        };
        return Ok(views::html(
            StatusCode::OK,
            views::workshops::register_closed(&plain, w, &seats),
        ));
    }
    let input = RegistrationInput {
        form_token: security::form_token(&state.secret_key, ctx.now().unix_timestamp()),
        form_id: security::random_id()?,
        ..RegistrationInput::default()
    };
    let page = views::workshops::register(
        &ctx,
        w,
        &RegisterForm {
            input: &input,
            errors: &FormErrors::default(),
            notice: None,
        },
    );
    Ok(views::html(StatusCode::OK, page))
}

/// Why the registration form is shown again instead of registering someone.
enum Again {
    /// The language switch: the same form in the other language, nothing checked.
    Switch,
    /// Registration closed while the form was open.
    Closed,
    /// Something to correct.
    Invalid(FormErrors),
    /// Too many registrations from this address: wait this many seconds.
    Limited(i64),
    /// The database failed (down, disk full): nothing was stored.
    NotStored(anyhow::Error),
}

/// POST /{lang}/workshops/{slug}/register
#[tracing::instrument(level = "debug", skip_all, fields(workshop = %path.1))]
pub async fn submit(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<RegistrationInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(REGISTER_FORM_ID);
    let w = workshop(&ctx, &path.1)?;
    let mut input = form.into_inner();
    let outcome = match check(&ctx, w, &mut input) {
        Ok(new) => register(&state, &ctx, &req, w, &input, &new).await?,
        Err(again) => Err(again),
    };
    match outcome {
        Ok(created) => {
            let code = created.code.as_str();
            let token = registration_token(&state, code);
            Ok(see_other(&ctx.url(&format!(
                "/workshops/registrations/{code}?t={token}&notice=registered"
            ))))
        }
        Err(again) => Ok(show_again(&ctx, w, &input, again)),
    }
}

/// The form's answers, parsed; or why it is shown again.
fn check(
    ctx: &PageCtx,
    w: &Workshop,
    input: &mut RegistrationInput,
) -> Result<NewRegistration, Again> {
    if !input.switch_lang.is_empty() {
        input.switch_lang.clear();
        return Err(Again::Switch);
    }
    if w.window(ctx.now()) != RegistrationWindow::Open {
        return Err(Again::Closed);
    }
    NewRegistration::parse(input, w.format, w.wheelchair_spaces > 0).map_err(Again::Invalid)
}

/// Count the attempt against this address's limit, then register (held for staff, with
/// no place, when it looks like a bot: a filled honeypot, a missing or forged token, or
/// sent faster than a person can).
async fn register(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
    w: &Workshop,
    input: &RegistrationInput,
    new: &NewRegistration,
) -> Result<Result<registrations::Created, Again>, AppError> {
    let settings = &state.settings;
    let now = ctx.now();
    let bucket = rate_limits::bucket("register", &client_address(req));
    let limit = settings.submissions_per_hour;
    match rate_limits::hit(&state.db, &bucket, limit, 3600, now.unix_timestamp()).await {
        Ok(None) => {}
        Ok(Some(wait)) => return Ok(Err(Again::Limited(wait))),
        Err(e) => return Ok(Err(Again::NotStored(e))),
    }
    let age = security::form_age(&state.secret_key, &input.form_token, now.unix_timestamp());
    let held = !input.website.is_empty() || age.is_none_or(|a| a < settings.min_form_seconds);
    let form_id_ok =
        input.form_id.len() == 32 && input.form_id.bytes().all(|b| b.is_ascii_hexdigit());
    let form_id = if form_id_ok {
        input.form_id.clone()
    } else {
        security::random_id()?
    };
    let places = registrations::Places {
        general: w.capacity,
        wheelchair: w.wheelchair_spaces,
    };
    let held = held || !form_id_ok;
    let created = registrations::create(
        &state.db,
        &w.slug,
        &ctx.locale.tag,
        places,
        new,
        &form_id,
        held,
        w.contact_email.as_deref(),
        now,
    )
    .await;
    Ok(match created {
        Ok(created) => {
            state.seats.invalidate();
            if !created.repeated {
                state.mail_written();
            }
            if held {
                tracing::warn!(workshop = %w.slug, "registration held as possible spam");
            }
            Ok(created)
        }
        Err(registrations::CreateError::EmailTaken) => {
            let mut errors = FormErrors::default();
            errors.add("email", "reg-error-email-taken");
            Err(Again::Invalid(errors))
        }
        Err(registrations::CreateError::Other(e)) => Err(Again::NotStored(e)),
    })
}

/// The form again, with every answer kept, and what to do about it.
fn show_again(
    ctx: &PageCtx,
    w: &Workshop,
    input: &RegistrationInput,
    again: Again,
) -> HttpResponse {
    let page = |status: StatusCode, errors: &FormErrors, notice: Option<String>| {
        let form = RegisterForm {
            input,
            errors,
            notice,
        };
        views::html(status, views::workshops::register(ctx, w, &form))
    };
    let none = FormErrors::default();
    match again {
        Again::Switch => page(StatusCode::OK, &none, None),
        Again::Closed => {
            let notice = ctx.t("register-closed-meanwhile");
            page(StatusCode::CONFLICT, &none, Some(notice))
        }
        Again::Invalid(errors) => page(StatusCode::UNPROCESSABLE_ENTITY, &errors, None),
        Again::Limited(wait) => {
            let minutes = http::wait_minutes(wait);
            let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
            http::too_many_requests(page(StatusCode::OK, &none, Some(notice)), wait)
        }
        Again::NotStored(e) => {
            tracing::error!(error = ?e, "registration not stored");
            let notice = ctx.t("register-not-sent");
            http::not_stored(page(StatusCode::OK, &none, Some(notice)))
        }
    }
}
