//! Sending a draft (once: a double click, a refresh or Back-and-resend leads to the same
//! confirmation) and the confirmation with the tracking code and access key.

use super::current_draft;
use super::form::{StepState, render};
use crate::db::rate_limits;
use crate::db::reports;
use crate::db::sending::{self, SendError};
use crate::domain::deadlines;
use crate::domain::report::Step;
use crate::domain::{Code, FormErrors};
use crate::error::AppError;
use crate::http::{self, client_address, see_other};
use crate::state::AppState;
use crate::views::reports::{Confirmation, step_url};
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// POST /{lang}/reports/new/send
#[tracing::instrument(level = "debug", skip_all)]
pub async fn send(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    if draft.report_id.is_some() {
        return Ok(see_other(&ctx.url("/reports/new/sent")));
    }
    let now = ctx.now();
    let today = deadlines::today(now);
    let report = match draft.answers.parse(&ctx.content, today) {
        Ok(r) => r,
        Err(step) => return Ok(see_other(&step_url(&ctx, step, true))),
    };
    let check_page = |notice: String, status: StatusCode| {
        let (state, ctx) = (state.clone(), ctx.clone());
        let draft = draft.clone();
        async move {
            let mut res = render(
                &state,
                &ctx,
                Step::Check,
                &draft,
                StepState {
                    errors: &FormErrors::default(),
                    notice: Some(notice),
                    return_to_check: false,
                    photo_description: "",
                },
            )
            .await?;
            *res.status_mut() = status;
            Ok::<_, AppError>(res)
        }
    };
    let settings = &state.settings;
    let bucket = rate_limits::bucket("report", &client_address(&req));
    let limit = rate_limits::Limit {
        bucket: &bucket,
        per_window: settings.submissions_per_hour,
        window_secs: 3600,
    };
    // Looks like a bot: the honeypot was filled, or every step was answered faster than
    // a person can read them. Kept for staff, never dropped.
    let age = (now - draft.created_at).whole_seconds();
    let held = draft.answers.honeypot || age < settings.min_form_seconds * 5;
    // Normally set when the answers were checked; a send without it gets one now.
    let (receipt, new_receipt) = match super::receipt(&req) {
        Some(r) => (r, false),
        None => (crate::security::random_id()?, true),
    };
    let key = super::access_key(&state, &draft.id, &receipt);
    let with_receipt = |mut res: HttpResponse| -> Result<HttpResponse, AppError> {
        if new_receipt {
            res.add_cookie(&super::receipt_cookie(&receipt, http::is_https(&req)))
                .map_err(|e| AppError::Unexpected(e.into()))?;
        }
        Ok(res)
    };
    match sending::send(
        &state.db,
        Some(limit),
        &draft.id,
        &report,
        sending::Origin::WEB,
        &key.hash(),
        &ctx.locale.tag,
        held,
        now,
    )
    .await
    {
        Ok(sent) => {
            // The language the title and description were typed in (the page's, at the
            // details step); not known for a draft older than that record: left empty.
            let text_lang = match draft.answers.text_lang.as_str() {
                "" => None,
                l => Some(l),
            };
            if let Some(l) = text_lang.filter(|l| state.i18n.offered().any(|x| x.tag == *l))
                && !sent.repeated
                && let Err(e) = reports::set_text_lang(&state.db, sent.report_id, l).await
            {
                tracing::warn!(error = ?e, "the report's text language was not stored");
            }
            if held {
                tracing::warn!(report = sent.report_id, "report held as possible spam");
            }
            with_receipt(see_other(&ctx.url("/reports/new/sent")))
        }
        Err(SendError::NoDraft) => Ok(see_other(&ctx.url("/reports/new"))),
        Err(SendError::RateLimited(wait)) => {
            let minutes = http::wait_minutes(wait);
            let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
            let res = check_page(notice, StatusCode::OK).await?;
            Ok(http::too_many_requests(res, wait))
        }
        Err(SendError::Other(e)) => not_sent(&ctx, e, check_page).await,
    }
}

/// The database failed (down, disk full): say plainly that nothing was sent; the draft
/// keeps every answer, so "Send" can simply be pressed again.
async fn not_sent<F, Fut>(
    ctx: &PageCtx,
    e: anyhow::Error,
    check_page: F,
) -> Result<HttpResponse, AppError>
where
    F: FnOnce(String, StatusCode) -> Fut,
    Fut: std::future::Future<Output = Result<HttpResponse, AppError>>,
{
    tracing::error!(error = ?e, "report not stored");
    let res = check_page(ctx.t("report-not-sent"), StatusCode::OK).await?;
    Ok(http::not_stored(res))
}

/// GET /{lang}/reports/new/sent
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sent(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    let Some(report_id) = draft.report_id else {
        return Ok(see_other(&step_url(&ctx, Step::Check, false)));
    };
    let report = reports::by_id(&state.db, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let code = Code::parse(&report.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    // The key is shown while the sent draft lives (an hour): enough to refresh or come
    // Back, not enough for the next person at a shared computer. Without the receipt it
    // was sent with, the draft id alone shows nothing, not even the code.
    let key = super::receipt(&req).map(|r| super::access_key(&state, &draft.id, &r));
    let Some(key) = key.filter(|k| k.hash() == report.key_hash) else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    let key = key.to_string();
    let page = views::reports::sent(
        &ctx,
        &Confirmation {
            code: &code,
            key,
            // The same deadline as every other page's: counted from the day it was
            // sent in its area's zone.
            verify_by: report.due(&ctx.content.holidays).verify_by,
            privacy: report.privacy,
        },
    );
    let mut res = views::html(StatusCode::OK, page);
    // The access key must not be kept by caches.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    Ok(res)
}
