//! For admins: the outbox (`db::outbox`): how many messages have each status, and the
//! newest ones (kind, status, shortened address, tries, last error, times; never the
//! text), filtered by status. Other roles get the same 404 as a page that does not exist.

use super::admin::admin;
use crate::db::outbox;
use crate::domain::outbox::OutboxStatus;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::staff::{OutboxPage, OutboxQuery};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Messages listed at most.
const NEWEST: i64 = 100;

/// GET /{lang}/staff/outbox?status=
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    q: web::Query<OutboxQuery>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    // An unknown status is dropped: the whole outbox.
    let status = OutboxStatus::parse(&q.status);
    let counts = outbox::counts(&state.db).await?;
    let counts: Vec<(OutboxStatus, i64)> = OutboxStatus::ALL
        .iter()
        .map(|s| {
            let n = counts
                .iter()
                .find(|(name, _)| name == s.as_str())
                .map_or(0, |(_, n)| *n);
            (*s, n)
        })
        .collect();
    let rows = outbox::list(&state.db, status.map(OutboxStatus::as_str), NEWEST).await?;
    Ok(views::html(
        StatusCode::OK,
        views::staff::outbox(
            &ctx,
            &staff,
            &OutboxPage {
                status,
                counts: &counts,
                rows: &rows,
                smtp: state.settings.mail.smtp_url().is_some(),
            },
        ),
    ))
}
