//! The workshop list, one workshop, and its calendar file.

use super::workshop;
use crate::content::workshops::Format;
use crate::error::AppError;
use crate::http_cache::{self, Policy};
use crate::page_cache::{self, Finished, PageCache};
use crate::state::AppState;
use crate::views::workshops::ListFilter;
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// GET /{lang}/workshops?province=&format=
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    // Read leniently: repeated, unknown or odd parameters are not an error on a GET form.
    let first = |key: &str| {
        query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let filter = ListFilter {
        province: first("province"),
        format: first("format"),
    };
    let now = ctx.now();
    let all: Vec<_> = ctx.content.workshops.all(&ctx.locale.tag).collect();
    // Provinces that have workshops, for the filter.
    let mut provinces: Vec<(String, String)> = all
        .iter()
        .filter_map(|w| {
            ctx.content
                .areas
                .province(&w.province)
                .map(|p| (p.code.clone(), p.name.clone()))
        })
        .collect();
    provinces.sort_by(|a, b| a.1.cmp(&b.1));
    provinces.dedup();
    // An unknown filter value shows everything rather than an error: it is a GET form.
    let format = Format::parse(&filter.format);
    let mut shown: Vec<_> = all
        .into_iter()
        .filter(|w| filter.province.is_empty() || w.province == filter.province)
        .filter(|w| format.is_none_or(|f| w.format == f))
        .collect();
    shown.sort_by_key(|w| w.start);
    let (mut past, upcoming): (Vec<_>, Vec<_>) = shown.into_iter().partition(|w| w.is_past(now));
    past.reverse();
    let seats = state.seats.get(state.reads()).await?;
    let page = views::html(
        StatusCode::OK,
        views::workshops::list(&ctx, &filter, &provinces, &upcoming, &past, &seats),
    );
    Ok(http_cache::tagged(&req, Policy::Workshop, page))
}

/// GET /{lang}/workshops/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let w = workshop(&ctx, &slug)?;
    let campaign = ctx
        .content
        .campaigns
        .get(&w.campaign, &ctx.locale.tag)
        .map(|c| c.title.as_str());
    let seats = state.seats.get(state.reads()).await?;
    // What the page shows besides the content: the places left and where registration
    // stands now (`views::workshops::availability`).
    let now = ctx.now();
    let version = page_cache::version((
        ctx.content.generation,
        views::workshops::places_left(w, &seats),
        views::workshops::wheelchair_left(w, &seats),
        w.is_past(now),
        w.window(now),
    ));
    let page = state.pages.page(&PageCache::url_of(&req), version, || {
        Finished::new(
            StatusCode::OK,
            views::workshops::show(&ctx, w, campaign, &seats),
        )
    });
    Ok(page.respond(&req, Policy::Workshop))
}

/// GET /{lang}/workshops/{slug}.ics
#[tracing::instrument(level = "debug", skip_all)]
pub async fn calendar(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, slug) = path.into_inner();
    let w = workshop(&ctx, &slug)?;
    // A calendar keeps the file away from the site: its link must be absolute.
    let page = format!(
        "{}{}",
        state.settings.mail.public_url(),
        ctx.url(&format!("/workshops/{slug}"))
    );
    let body = crate::ics::workshop(w, &page, ctx.now());
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{slug}.ics\""),
        ))
        .body(body))
}
