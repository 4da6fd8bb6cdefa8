//! Tracking: the form (code, and the access key for the private view), the private view
//! and what the reporter can do there (add information, rate, ask to reopen).

use crate::db::rate_limits;
use crate::db::reports::{self};
use crate::domain::access::Viewer;
use crate::domain::access_key::AccessKey;
use crate::domain::case::Report;
use crate::domain::form::{check_length, clean_text};
use crate::domain::report::DESCRIPTION_MAX;
use crate::domain::{Code, FormErrors};
use crate::error::AppError;
use crate::http::{self, client_address, see_other};
use crate::security;
use crate::state::AppState;
use crate::views::track::{PrivateView, TRACK_FORM_ID, TrackInput};
use crate::views::{self, PageCtx};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// The cookie that opens one report's private view after code and key were given.
pub const VIEW_COOKIE: &str = "balai_report";
/// How long the private view stays open without giving the key again.
const VIEW_HOURS: i64 = 12;

/// GET /{lang}/track
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(ctx: PageCtx, query: web::Query<TrackInput>) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(TRACK_FORM_ID);
    let input = TrackInput {
        code: query.code.clone(),
        ..TrackInput::default()
    };
    let notice = (query.expired == "1").then(|| ctx.t("track-view-expired"));
    Ok(views::html(
        StatusCode::OK,
        views::track::form(&ctx, &input, &FormErrors::default(), notice),
    ))
}

/// POST /{lang}/track
#[tracing::instrument(level = "debug", skip_all)]
pub async fn find(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<TrackInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(TRACK_FORM_ID);
    let mut input = form.into_inner();
    let rerender =
        |status: StatusCode, input: &TrackInput, errors: &FormErrors, notice: Option<String>| {
            views::html(status, views::track::form(&ctx, input, errors, notice))
        };
    if !input.switch_lang.is_empty() {
        input.switch_lang.clear();
        return Ok(rerender(
            StatusCode::OK,
            &input,
            &FormErrors::default(),
            None,
        ));
    }
    let (code, key) = match parse_track(&input) {
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
    let Some(key) = key else {
        return Ok(see_other(&ctx.url(&format!("/reports/{}", code.as_str()))));
    };
    if let Some(wait) = key_tries_limited(&state, &req).await? {
        let minutes = http::wait_minutes(wait);
        let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
        let res = rerender(StatusCode::OK, &input, &FormErrors::default(), Some(notice));
        return Ok(http::too_many_requests(res, wait));
    }
    let report = reports::by_code(&state.db, &code).await?;
    // Compare the hashes as signatures do: in constant time.
    let matches = report
        .as_ref()
        .is_some_and(|r| crate::security::constant_time_eq(&key.hash(), &r.key_hash));
    let Some(report) = report.filter(|_| matches) else {
        let mut errors = FormErrors::default();
        errors.add("key", "track-error-key-wrong");
        return Ok(rerender(
            StatusCode::UNPROCESSABLE_ENTITY,
            &input,
            &errors,
            None,
        ));
    };
    // A private-view form sent after the view had closed: sent now, as it would have been
    // (its form id keeps it from being added twice), or shown again filled in.
    let pending = input
        .pending_action()
        .filter(|_| Code::parse(&input.pending_code).is_some_and(|c| c == code));
    let mut res = match pending {
        Some(action) => {
            let kept = ViewInput {
                info: input.info.clone(),
                rating: input.rating.clone(),
                comment: input.comment.clone(),
                reason: input.reason.clone(),
                form_id: input.form_id.clone(),
            };
            perform(&state, &ctx, &report, action, kept).await?
        }
        None => see_other(&ctx.url(&format!("/track/{}", code.as_str()))),
    };
    res.add_cookie(&view_cookie(
        &state,
        &ctx,
        &report,
        crate::http::is_https(&req),
    ))
    .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

/// The code and, when one was typed, the access key; or what to correct.
fn parse_track(input: &TrackInput) -> Result<(Code, Option<AccessKey>), FormErrors> {
    let mut errors = FormErrors::default();
    let code = Code::parse(&input.code);
    if input.code.trim().is_empty() {
        errors.add("code", "track-error-code-missing");
    } else if code.is_none() {
        errors.add("code", "track-error-code-format");
    }
    let key = AccessKey::parse(&input.key);
    if !input.key.trim().is_empty() && key.is_none() {
        errors.add("key", "track-error-key-format");
    }
    match code {
        Some(code) if errors.is_empty() => Ok((code, key)),
        _ => Err(errors),
    }
}

/// Count a try of a key: guessing is limited per address, counted in the database so
/// every instance sees the same tries. Never per code: the key has 140 bits, so counting
/// tries per code protects nothing, and would let anyone lock the reporter out of their
/// own report by typing wrong keys. `Some(seconds)` to wait when over.
async fn key_tries_limited(state: &AppState, req: &HttpRequest) -> anyhow::Result<Option<i64>> {
    let now = state.now().unix_timestamp();
    let (db, per_address) = (&state.db, state.settings.lookups_per_hour);
    let address = rate_limits::bucket("track", &client_address(req));
    rate_limits::hit(db, &address, per_address, 3600, now).await
}

/// What a view cookie signs: the report, the expiry and the key's hash, so that a new
/// key (a lost key replaced) closes every private view opened with the old one.
fn view_message(report_id: i64, expires: i64, key_hash: &str) -> String {
    format!("{report_id}.{expires}.{key_hash}")
}

fn view_cookie(state: &AppState, ctx: &PageCtx, report: &Report, secure: bool) -> Cookie<'static> {
    let expires = ctx.now().unix_timestamp() + VIEW_HOURS * 3600;
    let signed = view_message(report.id, expires, &report.key_hash);
    let sig = security::sign(&state.secret_key, "report-view", &signed);
    Cookie::build(VIEW_COOKIE, format!("{}.{expires}.{sig}", report.id))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::hours(VIEW_HOURS))
        .finish()
}

/// The id of the report whose private view the request's cookie names, before its
/// signature is checked ([`view_opens`] checks it against the report).
pub fn viewed_report_id(req: &HttpRequest) -> Option<i64> {
    req.cookie(VIEW_COOKIE)?
        .value()
        .split('.')
        .next()?
        .parse()
        .ok()
}

/// Whether the request's cookie opens `report`'s private view: genuine, not expired, and
/// made with the report's current key.
pub fn view_opens(state: &AppState, req: &HttpRequest, report: &Report) -> bool {
    let Some(cookie) = req.cookie(VIEW_COOKIE) else {
        return false;
    };
    let mut parts = cookie.value().splitn(3, '.');
    let (Some(id), Some(exp), Some(sig)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Ok(id), Ok(exp)) = (id.parse::<i64>(), exp.parse::<i64>()) else {
        return false;
    };
    let signed = view_message(id, exp, &report.key_hash);
    id == report.id
        && security::verify(&state.secret_key, "report-view", &signed, sig)
        && exp >= state.settings.clock.now().unix_timestamp()
}

/// The report whose private view the request's cookie opens, if it is the one of `code`.
async fn viewed_report(
    state: &AppState,
    req: &HttpRequest,
    code: &str,
) -> Result<Option<Report>, AppError> {
    let Some(code) = Code::parse(code) else {
        return Ok(None);
    };
    let Some(id) = viewed_report_id(req) else {
        return Ok(None);
    };
    let report = reports::by_id(&state.db, id).await?;
    Ok(report.filter(|r| r.code == code.as_str() && view_opens(state, req, r)))
}

/// GET /{lang}/track/{code}: the private view.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn private_view(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let code = &path.1;
    let Some(report) = viewed_report(&state, &req, code).await? else {
        return Ok(ask_for_key(&ctx, code));
    };
    let done = web::Query::<DoneQuery>::from_query(req.query_string())
        .map(|q| q.into_inner().done)
        .unwrap_or_default();
    let notice = match done.as_str() {
        "info" => Some(ctx.t("track-done-info")),
        "rated" => Some(ctx.t("track-done-rated")),
        "reopen" => Some(ctx.t("track-done-reopen")),
        _ => None,
    };
    render_private(
        &state,
        &ctx,
        &report,
        &FormErrors::default(),
        &ViewInput::default(),
        notice,
    )
    .await
}

/// What a private-view action left to say.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct DoneQuery {
    done: String,
}

/// Back to the track form with the code filled in and a word on why.
fn ask_for_key(ctx: &PageCtx, code: &str) -> HttpResponse {
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    see_other(&ctx.url(&format!("/track?code={code}&expired=1")))
}

async fn render_private(
    state: &AppState,
    ctx: &PageCtx,
    report: &Report,
    errors: &FormErrors,
    input: &ViewInput,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let photos = reports::report_photos(&state.db, report.id).await?;
    let events = reports::events(&state.db, report.id, true).await?;
    let now = ctx.now();
    let can_reopen = report.may_ask_to_reopen(now);
    let reporter = report
        .reporter_for(Viewer::Reporter)
        .ok_or(AppError::NotFound)?;
    let view = PrivateView {
        report,
        reporter,
        photos: &photos,
        events: &events,
        errors,
        info: &input.info,
        rating: &input.rating,
        comment: &input.comment,
        reason: &input.reason,
        form_id: &security::random_id()?,
        can_reopen,
        notice,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut res = views::html(status, views::track::private(ctx, &view));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    Ok(res)
}

/// What the private view's forms send.
#[derive(Debug, Default, Clone, serde::Deserialize)]
#[serde(default)]
pub struct ViewInput {
    pub info: String,
    pub rating: String,
    pub comment: String,
    pub reason: String,
    pub form_id: String,
}

/// POST /{lang}/track/{code}/{action}: add information, rate, ask to reopen.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn act(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    form: web::Form<ViewInput>,
) -> Result<HttpResponse, AppError> {
    let (_, code, action) = path.into_inner();
    let action: &'static str = match action.as_str() {
        "info" => "info",
        "rate" => "rate",
        "reopen" => "reopen",
        _ => return Err(AppError::NotFound),
    };
    let input = form.into_inner();
    let Some(report) = viewed_report(&state, &req, &code).await? else {
        return Ok(ask_for_key_keeping(&ctx, &code, action, input));
    };
    perform(&state, &ctx, &report, action, input).await
}

/// The track form after a private-view form came without an open view (the view closed
/// after [`VIEW_HOURS`], or on another device): what was typed is kept in the form, and
/// sent once the code and key are given again. Never in the address: it is private.
fn ask_for_key_keeping(
    ctx: &PageCtx,
    code: &str,
    action: &'static str,
    kept: ViewInput,
) -> HttpResponse {
    let ctx = ctx.clone().with_form_switch(TRACK_FORM_ID);
    let code: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    let input = TrackInput {
        code: code.clone(),
        pending: action.to_owned(),
        pending_code: code,
        info: kept.info,
        rating: kept.rating,
        comment: kept.comment,
        reason: kept.reason,
        form_id: kept.form_id,
        ..TrackInput::default()
    };
    let notice = Some(ctx.t("track-view-expired-kept"));
    let mut res = views::html(
        StatusCode::OK,
        views::track::form(&ctx, &input, &FormErrors::default(), notice),
    );
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    res
}

/// Add information, rate or ask to reopen: on to the private view with a word on what was
/// done, or the view again with the errors and what was typed.
async fn perform(
    state: &AppState,
    ctx: &PageCtx,
    report: &Report,
    action: &'static str,
    input: ViewInput,
) -> Result<HttpResponse, AppError> {
    let now = ctx.now();
    let form_id =
        if input.form_id.len() == 32 && input.form_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            input.form_id.clone()
        } else {
            security::random_id()?
        };
    let mut errors = FormErrors::default();
    let done = |id: &str| see_other(&ctx.url(&format!("/track/{}?done={id}", report.code)));
    match action {
        "info" => {
            let text = long_text(&mut errors, "info", &input.info, "track-error-info-missing");
            if let Some(text) = text.filter(|_| errors.is_empty()) {
                reports::add_reporter_info(&state.db, report.id, &text, &form_id, now).await?;
                state.public_changed();
                return Ok(done("info"));
            }
        }
        "rate" => {
            let rating = input
                .rating
                .parse::<i32>()
                .ok()
                .filter(|r| (1..=5).contains(r));
            if rating.is_none() {
                errors.add("rating", "track-error-rating");
            }
            let comment = optional_long_text(&mut errors, "comment", &input.comment);
            if let (Some(rating), true) = (rating, errors.is_empty()) {
                if reports::rate(&state.db, report.id, rating, comment.as_deref(), now).await? {
                    state.public_changed();
                    return Ok(done("rated"));
                }
                errors.add("rating", "track-error-rating-not-yet");
            }
        }
        "reopen" => {
            let can = report.may_ask_to_reopen(now);
            let text = long_text(
                &mut errors,
                "reason",
                &input.reason,
                "track-error-reason-missing",
            );
            if !can {
                errors.add("reason", "track-error-reopen-late");
            }
            if let Some(text) = text.filter(|_| errors.is_empty()) {
                reports::request_reopen(&state.db, report.id, &text, &form_id, now).await?;
                state.public_changed();
                return Ok(done("reopen"));
            }
        }
        _ => return Err(AppError::NotFound),
    }
    render_private(state, ctx, report, &errors, &input, None).await
}

fn long_text(
    errors: &mut FormErrors,
    field: &'static str,
    raw: &str,
    missing: &'static str,
) -> Option<String> {
    if raw.trim().is_empty() {
        errors.add(field, missing);
        return None;
    }
    optional_long_text(errors, field, raw)
}

fn optional_long_text(errors: &mut FormErrors, field: &'static str, raw: &str) -> Option<String> {
    match clean_text(raw, true) {
        Err(id) => {
            errors.add(field, id);
            None
        }
        Ok(t) => {
            if let Err(over) = check_length(&t, DESCRIPTION_MAX) {
                errors.add_with(
                    field,
                    "track-error-text-long",
                    vec![("max", DESCRIPTION_MAX as i64), ("over", over)],
                );
            }
            Some(t).filter(|t| !t.is_empty())
        }
    }
}

/// POST /{lang}/track/leave: close the private view on this browser.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn leave(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let mut res = see_other(&ctx.url("/track"));
    let mut gone = Cookie::build(VIEW_COOKIE, "").path("/").finish();
    gone.make_removal();
    res.add_cookie(&gone)
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}
