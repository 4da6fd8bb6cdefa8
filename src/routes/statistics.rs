//! `/{lang}/statistics`, `/{lang}/agencies` and `/{lang}/agencies/{slug}`: figures of the
//! public reports, computed at most every five minutes per instance.

use crate::content::ContentStore;
use crate::db::Db;
use crate::db::public::{self, Browse, Sort, StatusFilter};
use crate::error::AppError;
use crate::startup::AppState;
use crate::stats::{Stats, Tally};
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

/// Compute the figures once at start-up, in the background, so the first visitor of the
/// statistics does not wait for a million reports to be read.
pub fn warm(state: web::Data<AppState>) {
    tokio::spawn(async move {
        let computing = state.stats.begin().await;
        if state.stats.latest().is_none() {
            let (content, now) = (state.content(), state.settings.clock.now());
            if let Err(e) = compute(&state, content, now).await {
                tracing::warn!(error = ?e, "statistics not computed at start-up");
            }
        }
        drop(computing);
    });
}

/// Compute the figures and keep them.
async fn compute(
    state: &AppState,
    content: Arc<ContentStore>,
    now: time::OffsetDateTime,
) -> anyhow::Result<Arc<Stats>> {
    let stats = Arc::new(tally(&state.db, content, now, 20_000).await?);
    state.stats.store(stats.clone());
    Ok(stats)
}

/// Every figure, from the public reports read `batch` at a time in id order (memory stays
/// flat however many there are) and counted off the async workers.
pub async fn tally(
    db: &Db,
    content: Arc<ContentStore>,
    now: time::OffsetDateTime,
    batch: i64,
) -> anyhow::Result<Stats> {
    let mut tally = Tally::new(now);
    let mut after = 0;
    loop {
        let facts = public::facts(db, after, batch).await?;
        let Some(last) = facts.last() else { break };
        after = last.id;
        let full = facts.len() == usize::try_from(batch).unwrap_or(usize::MAX);
        let content = content.clone();
        tally = web::block(move || {
            tally.add(&facts, &content.holidays);
            tally
        })
        .await?;
        if !full {
            break;
        }
    }
    Ok(tally.finish())
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
        public::Window {
            limit: 10,
            ..public::Window::default()
        },
    )
    .await?;
    Ok(views::html(
        StatusCode::OK,
        views::statistics::agency(&ctx, &agency, &record, &latest, stats.computed_at),
    ))
}
