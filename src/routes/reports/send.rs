//! Sending a draft (once: a double click, a refresh or Back-and-resend leads to the same
//! confirmation) and the confirmation with the tracking code and access key.

use super::current_draft;
use super::form::render;
use crate::db::rate_limits;
use crate::db::reports::{self, SendError};
use crate::domain::access_key::AccessKey;
use crate::domain::deadlines;
use crate::domain::report::{Privacy, Step};
use crate::domain::{Code, FormErrors};
use crate::error::AppError;
use crate::routes::language::see_other;
use crate::routes::workshops::client_address;
use crate::views::reports::{Confirmation, step_url};
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse};

/// POST /{lang}/reports/new/send
pub async fn send(ctx: PageCtx, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&ctx, &req).await? else {
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
        let ctx = ctx.clone();
        let draft = draft.clone();
        async move {
            let mut res = render(
                &ctx,
                Step::Check,
                &draft,
                &FormErrors::default(),
                Some(notice),
                false,
                "",
            )
            .await?;
            *res.status_mut() = status;
            Ok::<_, AppError>(res)
        }
    };
    let settings = &ctx.state.settings;
    let bucket = format!("report:{}", client_address(&req));
    let limit = rate_limits::Limit {
        bucket: &bucket,
        per_window: settings.submissions_per_hour,
        window_secs: 3600,
    };
    // Looks like a bot: the honeypot was filled, or every step was answered faster than
    // a person can read them. Kept for staff, never dropped.
    let age = (now - draft.created_at).whole_seconds();
    let held = draft.answers.honeypot || age < settings.min_form_seconds * 5;
    let key = AccessKey::derive(&ctx.state.secret_key, &draft.id);
    match reports::send(
        &ctx.state.db,
        Some(limit),
        &draft.id,
        &report,
        &key.hash(),
        &ctx.locale.tag,
        held,
        now,
    )
    .await
    {
        Ok(sent) => {
            if held {
                tracing::warn!(report = sent.report_id, "report held as possible spam");
            }
            Ok(see_other(&ctx.url("/reports/new/sent")))
        }
        Err(SendError::NoDraft) => Ok(see_other(&ctx.url("/reports/new"))),
        Err(SendError::RateLimited(wait)) => {
            let minutes = (wait + 59) / 60;
            let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
            let mut res = check_page(notice, StatusCode::TOO_MANY_REQUESTS).await?;
            res.headers_mut().insert(header::RETRY_AFTER, wait.into());
            Ok(res)
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
    let mut res = check_page(ctx.t("report-not-sent"), StatusCode::SERVICE_UNAVAILABLE).await?;
    res.headers_mut().insert(header::RETRY_AFTER, 30.into());
    Ok(res)
}

/// GET /{lang}/reports/new/sent
pub async fn sent(ctx: PageCtx, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    let Some(report_id) = draft.report_id else {
        return Ok(see_other(&step_url(&ctx, Step::Check, false)));
    };
    let report = reports::by_id(&ctx.state.db, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let code = Code::parse(&report.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    // The key is shown while the sent draft lives (an hour): enough to refresh or come
    // Back, not enough for the next person at a shared computer.
    let key = AccessKey::derive(&ctx.state.secret_key, &draft.id);
    let key = (key.hash() == report.key_hash).then(|| key.to_string());
    let page = views::reports::sent(
        &ctx,
        &Confirmation {
            code: &code,
            key,
            verify_by: deadlines::add_working_days(
                deadlines::today(report.created_at),
                deadlines::VERIFY_WORKING_DAYS,
                &ctx.content.holidays,
            ),
            privacy: Privacy::parse(&report.privacy).unwrap_or(Privacy::Confidential),
        },
    );
    let mut res = views::html(StatusCode::OK, page);
    // The access key must not be kept by caches.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
