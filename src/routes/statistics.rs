//! `/{lang}/statistics`, `/{lang}/agencies` and `/{lang}/agencies/{slug}`: figures of the
//! public reports, computed at most every five minutes per instance.

use crate::content::ContentStore;
use crate::db::public::{self, Browse, Sort, StatusFilter};
use crate::error::AppError;
use crate::startup::AppState;
use crate::stats::Stats;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use std::sync::Arc;

/// The figures: fresh from the cache; old ones while one background task computes new
/// ones; computed now (once, however many requests wait) when there are none yet.
pub async fn figures(ctx: &PageCtx) -> Result<Arc<Stats>, AppError> {
    let now = ctx.now();
    let cache = &ctx.state.stats;
    if let Some(s) = cache.fresh(now) {
        return Ok(s);
    }
    if let Some(old) = cache.latest() {
        if let Some(computing) = cache.try_begin() {
            let (state, content) = (ctx.state.clone(), ctx.content.clone());
            actix_web::rt::spawn(async move {
                if let Err(e) = compute(&state, content, now).await {
                    tracing::warn!(error = ?e, "statistics not recomputed");
                }
                drop(computing);
            });
        }
        return Ok(old);
    }
    let _computing = cache.begin().await;
    if let Some(s) = cache.latest() {
        return Ok(s);
    }
    Ok(compute(&ctx.state, ctx.content.clone(), now).await?)
}

/// Compute the figures (off the async workers) and keep them.
async fn compute(
    state: &AppState,
    content: Arc<ContentStore>,
    now: time::OffsetDateTime,
) -> anyhow::Result<Arc<Stats>> {
    let facts = public::facts(&state.db, None).await?;
    let stats = web::block(move || Stats::compute(&facts, &content.holidays, now)).await?;
    let stats = Arc::new(stats);
    state.stats.store(stats.clone());
    Ok(stats)
}

/// GET /{lang}/statistics
pub async fn show(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let stats = figures(&ctx).await?;
    Ok(views::html(
        StatusCode::OK,
        views::statistics::page(&ctx, &stats),
    ))
}

/// Query of the agencies list.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AgenciesQuery {
    pub sort: String,
}

/// GET /{lang}/agencies
pub async fn agencies(ctx: PageCtx, req: actix_web::HttpRequest) -> Result<HttpResponse, AppError> {
    let q = web::Query::<AgenciesQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let sort = match q.sort.as_str() {
        "received" | "name" => q.sort.clone(),
        _ => "on-time".to_owned(),
    };
    let stats = figures(&ctx).await?;
    Ok(views::html(
        StatusCode::OK,
        views::statistics::agencies(&ctx, &stats, &sort),
    ))
}

/// GET /{lang}/agencies/{slug}
pub async fn agency(
    ctx: PageCtx,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let slug = &path.1;
    let agency = ctx
        .content
        .taxonomy
        .agency(slug, &ctx.content.areas)
        .ok_or(AppError::NotFound)?;
    let stats = figures(&ctx).await?;
    let record = stats.agencies.get(slug).cloned().unwrap_or_default();
    let latest = public::page(
        &ctx.state.db,
        &Browse {
            status: StatusFilter::Resolved,
            agency: Some(slug.clone()),
            sort: Sort::Newest,
            ..Browse::default()
        },
        None,
        None,
        false,
        10,
    )
    .await?;
    Ok(views::html(
        StatusCode::OK,
        views::statistics::agency(&ctx, &agency, &record, &latest, stats.computed_at),
    ))
}
