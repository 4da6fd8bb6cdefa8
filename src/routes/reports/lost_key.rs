//! A lost access key (issue #18, item 4): the tracking code and the email address given
//! with the report; if they match, a one-time link (valid one hour) goes to that address.
//! The page answers the same whether or not they matched; tries are limited per client
//! address, per code and per email address. The link's page changes nothing on GET (mail
//! scanners fetch links); its button makes a new key, shown once, and the old key stops
//! working.

use super::track::VIEW_COOKIE;
use crate::db::rate_limits;
use crate::db::reports::{self, KeyLink};
use crate::domain::access_key::AccessKey;
use crate::domain::{Code, Email, FormErrors};
use crate::error::AppError;
use crate::http::{self, client_address};
use crate::mail::message::Message;
use crate::mail::reports::{ReportMessage, display_code};
use crate::security;
use crate::state::AppState;
use crate::views::reports::lost_key::{self as view, LOST_KEY_FORM_ID, LostKeyInput};
use crate::views::{self, PageCtx};
use actix_web::cookie::Cookie;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use sha2::{Digest, Sha256};

/// Asks per tracking code, and per email address, in an hour.
const PER_CODE_PER_HOUR: i64 = 5;
/// Asks per client address in an hour (a desk or an office shares one address).
const PER_ADDRESS_PER_HOUR: i64 = 20;

/// GET /{lang}/track/lost-key
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(ctx: PageCtx, query: web::Query<LostKeyInput>) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(LOST_KEY_FORM_ID);
    let input = LostKeyInput {
        code: query.code.chars().take(64).collect(),
        ..LostKeyInput::default()
    };
    let form_id = security::random_id()?;
    Ok(views::html(
        StatusCode::OK,
        view::form(&ctx, &input, &form_id, FormErrors::none(), None),
    ))
}

/// The code and email address, or what to correct.
fn parse(input: &LostKeyInput) -> Result<(Code, Email), FormErrors> {
    let mut errors = FormErrors::default();
    let code = Code::parse(&input.code);
    if input.code.trim().is_empty() {
        errors.add("code", "track-error-code-missing");
    } else if code.is_none() {
        errors.add("code", "track-error-code-format");
    }
    let email = Email::parse(&input.email);
    if input.email.trim().is_empty() {
        errors.add("email", "lost-key-error-email-missing");
    } else if email.is_none() {
        errors.add("email", "reg-error-email-invalid");
    }
    match (code, email) {
        (Some(c), Some(e)) if errors.is_empty() => Ok((c, e)),
        _ => Err(errors),
    }
}

/// The SHA-256 of a link's token: what the database keeps.
fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The new key a link makes: derived from its token, so a second click on the button
/// shows the same key (see `db::reports::KEY_LINK_REPEAT`), never stored.
fn key_of(state: &AppState, token: &str) -> AccessKey {
    AccessKey::derive(&state.secret_key, &format!("new-key.{token}"))
}

/// Count one ask against each limit; `Some(seconds)` to wait when one is over.
async fn limited(
    state: &AppState,
    req: &HttpRequest,
    code: &Code,
    email: &Email,
) -> anyhow::Result<Option<i64>> {
    let now = state.now().unix_timestamp();
    let db = &state.db;
    let buckets = [
        (
            rate_limits::bucket("lost-key-address", &client_address(req)),
            PER_ADDRESS_PER_HOUR,
        ),
        (
            rate_limits::bucket("lost-key-code", code.as_str()),
            PER_CODE_PER_HOUR,
        ),
        (
            rate_limits::bucket("lost-key-email", email.as_str()),
            PER_CODE_PER_HOUR,
        ),
    ];
    let mut wait = None;
    for (bucket, per_hour) in &buckets {
        if let Some(w) = rate_limits::hit(db, bucket, *per_hour, 3600, now).await? {
            wait = Some(wait.map_or(w, |x: i64| x.max(w)));
        }
    }
    Ok(wait)
}

/// POST /{lang}/track/lost-key
#[tracing::instrument(level = "debug", skip_all)]
pub async fn ask(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<LostKeyInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(LOST_KEY_FORM_ID);
    let mut input = form.into_inner();
    let form_id =
        if input.form_id.len() == 32 && input.form_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            input.form_id.clone()
        } else {
            security::random_id()?
        };
    let rerender = |status: StatusCode, input: &LostKeyInput, errors: &FormErrors, notice| {
        views::html(status, view::form(&ctx, input, &form_id, errors, notice))
    };
    if !input.switch_lang.is_empty() {
        input.switch_lang.clear();
        return Ok(rerender(StatusCode::OK, &input, FormErrors::none(), None));
    }
    let (code, email) = match parse(&input) {
        Ok(parsed) => parsed,
        Err(errors) => {
            return Ok(rerender(
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                None,
            ));
        }
    };
    if let Some(wait) = limited(&state, &req, &code, &email).await? {
        let minutes = http::wait_minutes(wait);
        let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
        let res = rerender(StatusCode::OK, &input, FormErrors::none(), Some(notice));
        return Ok(http::too_many_requests(res, wait));
    }
    let token = security::random_id()?;
    let lang = ctx.locale.tag.clone();
    let message = |report_id: i64, to: &str| {
        Message::Report(ReportMessage::NewKeyLink {
            code: display_code(code.as_str()),
            token: token.clone(),
        })
        .to_row(to, &lang, format!("key-link:{report_id}:{form_id}"))
        .about_report(report_id)
    };
    let sent = reports::ask_for_key_link(
        &state.db,
        &code,
        email.as_str(),
        &token_hash(&token),
        message,
        ctx.now(),
    )
    .await?;
    if sent {
        state.mail_written();
    }
    // No form on this page: the language switch is a link.
    let ctx = ctx.without_form_switch();
    Ok(views::html(StatusCode::OK, view::sent(&ctx)))
}

/// The token of a link, when it looks like one.
fn token_of(raw: &str) -> Option<&str> {
    (raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then_some(raw)
}

/// The page of a link that no longer works.
fn gone(ctx: &PageCtx) -> HttpResponse {
    views::html(StatusCode::GONE, view::gone(ctx))
}

/// GET /{lang}/track/new-key/{token}: the button, if the link still works. Changes nothing.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn link(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let Some(token) = token_of(&path.1) else {
        return Ok(http::no_store(gone(&ctx)));
    };
    let res = match reports::key_link(&state.db, &token_hash(token), ctx.now()).await? {
        KeyLink::Usable(code) => {
            let action = ctx.url(&format!("/track/new-key/{token}"));
            views::html(
                StatusCode::OK,
                view::confirm(&ctx, &display_code(&code), &action),
            )
        }
        KeyLink::Gone => gone(&ctx),
    };
    Ok(http::no_store(res))
}

/// POST /{lang}/track/new-key/{token}: make the new key and show it once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn make(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let Some(token) = token_of(&path.1) else {
        return Ok(http::no_store(gone(&ctx)));
    };
    let key = key_of(&state, token);
    let used = reports::use_key_link(&state.db, &token_hash(token), &key.hash(), ctx.now()).await?;
    let KeyLink::Usable(code) = used else {
        return Ok(http::no_store(gone(&ctx)));
    };
    let page = view::made(&ctx, &display_code(&code), &key.to_string());
    let mut res = http::no_store(views::html(StatusCode::OK, page));
    // A private view this browser had open was opened with the old key: closed.
    let mut old_view = Cookie::build(VIEW_COOKIE, "").path("/").finish();
    old_view.make_removal();
    res.add_cookie(&old_view)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}
