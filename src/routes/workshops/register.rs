//! Registration for a workshop: the form, and sending it (idempotent, rate limited,
//! spam held for staff rather than dropped).

use super::{client_address, registration_token, workshop};
use crate::content::workshops::RegistrationWindow;
use crate::db::{rate_limits, registrations};
use crate::domain::{FormErrors, NewRegistration, RegistrationInput};
use crate::error::AppError;
use crate::routes::language::see_other;
use crate::security;
use crate::views::workshops::{REGISTER_FORM_ID, RegisterForm};
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/workshops/{slug}/register
pub async fn form(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let ctx = ctx.with_form_switch(REGISTER_FORM_ID);
    let w = workshop(&ctx, &slug)?;
    if w.window(ctx.now()) != RegistrationWindow::Open {
        let seats = ctx.state.seats.get(&ctx.state.db).await?;
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
        form_token: security::form_token(&ctx.state.secret_key, ctx.now().unix_timestamp()),
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

/// POST /{lang}/workshops/{slug}/register
pub async fn submit(
    ctx: PageCtx,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<RegistrationInput>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let ctx = ctx.with_form_switch(REGISTER_FORM_ID);
    let w = workshop(&ctx, &slug)?;
    let mut input = form.into_inner();
    let now = ctx.now();
    let rerender = |status: StatusCode,
                    input: &RegistrationInput,
                    errors: &FormErrors,
                    notice: Option<String>| {
        views::html(
            status,
            views::workshops::register(
                &ctx,
                w,
                &RegisterForm {
                    input,
                    errors,
                    notice,
                },
            ),
        )
    };
    // The language switch: the same form in the other language, nothing lost, nothing checked.
    if !input.switch_lang.is_empty() {
        input.switch_lang.clear();
        return Ok(rerender(
            StatusCode::OK,
            &input,
            &FormErrors::default(),
            None,
        ));
    }
    if w.window(now) != RegistrationWindow::Open {
        let notice = ctx.t("register-closed-meanwhile");
        return Ok(rerender(
            StatusCode::CONFLICT,
            &input,
            &FormErrors::default(),
            Some(notice),
        ));
    }
    let new = match NewRegistration::parse(&input, w.format, w.wheelchair_spaces > 0) {
        Ok(new) => new,
        Err(errors) => {
            return Ok(rerender(
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                None,
            ));
        }
    };
    // The database failed (down, disk full): say plainly that nothing was sent, and keep
    // every answer on the page so the person can send again.
    let not_sent = |e: anyhow::Error, input: &RegistrationInput| {
        tracing::error!(error = ?e, "registration not stored");
        let notice = ctx.t("register-not-sent");
        let mut res = rerender(
            StatusCode::SERVICE_UNAVAILABLE,
            input,
            &FormErrors::default(),
            Some(notice),
        );
        res.headers_mut().insert(header::RETRY_AFTER, 30.into());
        res
    };
    let settings = &ctx.state.settings;
    let bucket = format!("register:{}", client_address(&req));
    let limited = rate_limits::hit(
        &ctx.state.db,
        &bucket,
        settings.submissions_per_hour,
        3600,
        now.unix_timestamp(),
    )
    .await;
    let limited = match limited {
        Ok(l) => l,
        Err(e) => return Ok(not_sent(e, &input)),
    };
    if let Some(wait) = limited {
        let minutes = (wait + 59) / 60;
        let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
        let mut res = rerender(
            StatusCode::TOO_MANY_REQUESTS,
            &input,
            &FormErrors::default(),
            Some(notice),
        );
        res.headers_mut().insert(header::RETRY_AFTER, wait.into());
        return Ok(res);
    }
    // Looks like a bot: a filled honeypot, a missing or forged token, or sent faster than
    // a person can. Kept, but held for staff and given no place.
    let age = security::form_age(
        &ctx.state.secret_key,
        &input.form_token,
        now.unix_timestamp(),
    );
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
    match registrations::create(
        &ctx.state.db,
        &w.slug,
        &ctx.locale.tag,
        places,
        &new,
        &form_id,
        held || !form_id_ok,
        now,
    )
    .await
    {
        Ok(created) => {
            ctx.state.seats.invalidate();
            if held {
                tracing::warn!(workshop = %w.slug, "registration held as possible spam");
            }
            let code = created.code.as_str();
            let token = registration_token(&ctx, code);
            Ok(see_other(&ctx.url(&format!(
                "/workshops/registrations/{code}?t={token}&notice=registered"
            ))))
        }
        Err(registrations::CreateError::EmailTaken) => {
            let mut errors = FormErrors::default();
            errors.add("email", "reg-error-email-taken");
            Ok(rerender(
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                None,
            ))
        }
        Err(registrations::CreateError::Other(e)) => Ok(not_sent(e, &input)),
    }
}
