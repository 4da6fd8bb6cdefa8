//! `/{lang}/statistics`, `/{lang}/agencies` and `/{lang}/agencies/{slug}`: figures of the
//! public reports, computed at most every five minutes per instance. Each page is rendered
//! and compressed once per version of its figures (`page_cache`); a body's own page also
//! lists its latest resolved reports, so it is kept for seconds, as browse pages are.

use crate::db::public::{self};
use crate::domain::public::{Browse, Sort, StatusFilter};
use crate::error::AppError;
use crate::http_cache::Policy;
use crate::page_cache::{self, Finished, PageCache};
use crate::state::AppState;
use crate::stats::Stats;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;

/// The figures (from the cache in `stats`).
async fn figures(state: &AppState, ctx: &PageCtx) -> Result<Arc<Stats>, AppError> {
    Ok(state
        .stats
        .figures(state.reads(), ctx.content.clone(), ctx.now())
        .await?)
}

/// The version of a page made from `stats` and the content (names of areas and bodies):
/// new figures are a new `Arc`, made at a new moment.
fn version_of(ctx: &PageCtx, stats: &Arc<Stats>) -> u64 {
    page_cache::version((
        ctx.content.generation,
        stats.computed_at,
        Arc::as_ptr(stats) as usize,
    ))
}

/// GET /{lang}/statistics
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let stats = figures(&state, &ctx).await?;
    let page = state
        .pages
        .page(&PageCache::url_of(&req), version_of(&ctx, &stats), || {
            Finished::new(StatusCode::OK, views::statistics::page(&ctx, &stats))
        });
    Ok(page.respond(&req, Policy::Statistics))
}

/// Query of the agencies list.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AgenciesQuery {
    pub sort: String,
}

/// GET /{lang}/agencies
#[tracing::instrument(level = "debug", skip_all)]
pub async fn agencies(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let q = web::Query::<AgenciesQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let sort = match q.sort.as_str() {
        "received" | "name" => q.sort.clone(),
        _ => "on-time".to_owned(),
    };
    let stats = figures(&state, &ctx).await?;
    let page = state
        .pages
        .page(&PageCache::url_of(&req), version_of(&ctx, &stats), || {
            Finished::new(
                StatusCode::OK,
                views::statistics::agencies(&ctx, &stats, &sort),
            )
        });
    Ok(page.respond(&req, Policy::Statistics))
}

/// GET /{lang}/agencies/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn agency(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let slug = &path.1;
    let agency = ctx
        .content
        .taxonomy
        .agency(slug, &ctx.content.areas)
        .ok_or(AppError::NotFound)?;
    let stats = figures(&state, &ctx).await?;
    let key = format!("{}#{}", PageCache::url_of(&req), version_of(&ctx, &stats));
    let page = state
        .browse_pages
        .get(&key, || async {
            let latest = public::page(
                state.reads(),
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
            let record = stats.agencies.get(slug).cloned().unwrap_or_default();
            let markup =
                views::statistics::agency(&ctx, &agency, &record, &latest, stats.computed_at);
            Ok(Arc::new(Finished::new(StatusCode::OK, markup)))
        })
        .await?;
    Ok(page.respond(&req, Policy::Listing))
}
