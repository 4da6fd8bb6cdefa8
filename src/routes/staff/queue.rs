//! The queue: lists by state, filters, deadlines and how far past them each case is.

use super::{signed_in, to_sign_in};
use crate::db::cases::{self, Filters};
use crate::domain::case::Queue;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::staff::QueueQuery;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// Most rows on one page of the queue.
const PAGE: i64 = 200;

/// GET /{lang}/staff
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let q = query.into_inner();
    // Filters are checked against what exists; anything else is refused, not passed on.
    let c = &ctx.content;
    // Officers never see new reports: their queue starts at what was routed to them.
    let list = if q.list.is_empty() {
        Some(if staff.role == crate::domain::staff::Role::Officer {
            Queue::Routed
        } else {
            Queue::New
        })
    } else {
        Queue::parse(&q.list)
    };
    let valid = list.is_some()
        && (q.category.is_empty() || c.taxonomy.category(&q.category).is_some())
        && (q.province.is_empty() || c.areas.province(&q.province).is_some())
        && (q.agency.is_empty() || c.taxonomy.agency(&q.agency, &c.areas).is_some())
        && (q.kind.is_empty() || crate::domain::report::Kind::parse(&q.kind).is_some())
        && (q.channel.is_empty() || crate::domain::report::Channel::parse(&q.channel).is_some());
    let (Some(list), true) = (list, valid) else {
        return Ok(HttpResponse::BadRequest().finish());
    };
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let filters = Filters {
        category: opt(&q.category),
        province: opt(&q.province),
        agency: opt(&q.agency),
        kind: opt(&q.kind),
        channel: opt(&q.channel),
    };
    let mut rows = cases::queue(&state.db, list, &filters, staff.officer_agency(), PAGE).await?;
    let today = crate::domain::deadlines::today(ctx.now());
    if list == Queue::Overdue {
        rows.retain(|r| views::staff::overdue_by(&ctx, r, today) > 0);
    }
    Ok(views::html(
        StatusCode::OK,
        views::staff::queue(&ctx, &staff, list, &q, &rows, today),
    ))
}
