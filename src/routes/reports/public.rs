//! A report's public page, and its photos. What is public is decided in one place,
//! [`crate::domain::case::Report::is_public`]; a report that is not public answers
//! exactly like a code that does not exist, so codes cannot be probed.

use crate::db::reports;
use crate::domain::Code;
use crate::domain::case::PublicCase;
use crate::error::AppError;
use crate::http_cache::{self, ETag, Policy};
use crate::page_cache::{self, Finished, PageCache};
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;

/// GET /{lang}/reports/{code}: rendered and gzipped once per stamp (`page_cache`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let shown = match Code::parse(&path.1) {
        Some(code) => shown(&state, &code).await?,
        None => None,
    };
    let Some((stamp, shown)) = shown else {
        return Ok(views::html(
            StatusCode::NOT_FOUND,
            views::track::not_public(&ctx),
        ));
    };
    // The page shows the report, its photos and events (all under the stamp), agency and
    // area names and the deadlines' holidays (all in the content).
    let version = page_cache::version((ctx.content.generation, stamp));
    let page = state.pages.page(&PageCache::url_of(&req), version, || {
        Finished::new(
            StatusCode::OK,
            views::track::public(&ctx, &shown.report, &shown.photos, &shown.events),
        )
    });
    Ok(page.respond(&req, Policy::Report))
}

/// The public report with this code and the stamp it was read under (`None`: no such
/// code, or not public). The stamp is read at most once a second
/// ([`AppState::report_stamps`]); the report while its stamp is unchanged.
async fn shown(
    state: &AppState,
    code: &Code,
) -> anyhow::Result<Option<(crate::domain::case::Stamp, Arc<PublicCase>)>> {
    let db = state.reads();
    let stamp = state
        .report_stamps
        .get(code.as_str(), || reports::stamp(db, code))
        .await?;
    let Some(stamp) = stamp else {
        return Ok(None);
    };
    if let Some(kept) = state.public_reports.get(code.as_str(), &stamp) {
        return Ok(kept.map(|shown| (stamp, shown)));
    }
    let Some(report) = reports::by_code(db, code).await? else {
        return Ok(None);
    };
    let shown = if report.is_public() {
        let photos = reports::report_photos(db, report.id).await?;
        let events = reports::events(db, report.id, false).await?;
        Some(Arc::new(PublicCase {
            report,
            photos,
            events,
        }))
    } else {
        None
    };
    state
        .public_reports
        .put(code.as_str(), stamp, shown.clone());
    Ok(shown.map(|shown| (stamp, shown)))
}

/// GET /media/{id}/{variant}: a processed photo, only for whoever may see it: anyone
/// when its report is public; the reporter through the draft cookie (before sending) or
/// the private-view cookie (after). No bearer URLs: a copied URL shows nothing to others.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn photo(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, variant) = path.into_inner();
    let thumb = match variant.as_str() {
        "thumb" => true,
        "display" => false,
        _ => return Err(AppError::NotFound),
    };
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    // A public report's photo is read like its page, from the replica when there is one
    // (so it still shows while the primary is down); a photo the replica does not have
    // yet (a draft's, just uploaded) from the primary. Whose it is comes first, without
    // the bytes: they are read only for a 200, never for a 304.
    let mut db = state.reads();
    let mut owner = reports::photo_owner(db, &id).await?;
    if owner.is_none() {
        db = &state.db;
        owner = reports::photo_owner(db, &id).await?;
    }
    let Some((draft_id, report_id)) = owner else {
        return Err(AppError::NotFound);
    };
    let bytes = async || match reports::photo_bytes(db, &id, thumb).await? {
        Some(photo) => Ok(photo.bytes),
        // Removed since: as if never there.
        None => Err(AppError::NotFound),
    };
    let (allowed, public) = match report_id {
        None => (
            super::draft_id(&req).as_deref() == Some(draft_id.as_str()),
            false,
        ),
        Some(report_id) => {
            let mut report = reports::by_id(state.reads(), report_id).await?;
            if !report.as_ref().is_some_and(|r| r.is_public()) {
                // The reporter's or staff's own view: what the primary says now.
                report = reports::by_id(&state.db, report_id).await?;
            }
            let public = report.as_ref().is_some_and(|r| r.is_public());
            let own = report
                .as_ref()
                .is_some_and(|r| super::track::view_opens(&state, &req, r));
            let staff = if public || own {
                false
            } else {
                staff_may_see(&state, &req, report_id).await?
            };
            (public || own || staff, public)
        }
    };
    // Who may see it is decided before any 304: a 304 never says a private photo exists.
    if !allowed {
        return Err(AppError::NotFound);
    }
    if !public {
        return Ok(photo_response(HttpResponse::Ok(), http_cache::PRIVATE).body(bytes().await?));
    }
    // A public photo is kept as briefly as its report's page: when its report stops being
    // public (rejected, held, made confidential) or staff remove it, shared caches drop it
    // within seconds. A photo's bytes never change, so its id is its validator.
    let tag = ETag::of_version(("photo", &id, &variant));
    if http_cache::matches(&req, &tag) {
        return Ok(http_cache::not_modified(Policy::Report, &tag, None));
    }
    let mut res = photo_response(HttpResponse::Ok(), "").body(bytes().await?);
    http_cache::set_headers(res.headers_mut(), Policy::Report, &tag);
    Ok(res)
}

/// The headers of every photo response: JPEG, how it may be cached, and a sandbox.
fn photo_response(
    mut res: actix_web::HttpResponseBuilder,
    cache: &'static str,
) -> actix_web::HttpResponseBuilder {
    res.content_type("image/jpeg");
    if !cache.is_empty() {
        res.insert_header((header::CACHE_CONTROL, cache));
    }
    res.insert_header((
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; sandbox",
    ));
    res
}

/// Whether a signed-in member of staff may see the report (officers: their agency's only).
async fn staff_may_see(
    state: &AppState,
    req: &HttpRequest,
    report_id: i64,
) -> Result<bool, AppError> {
    let Ok(staff) = crate::routes::staff::signed_in(state, req).await? else {
        return Ok(false);
    };
    let report = reports::by_id(&state.db, report_id).await?;
    Ok(report.is_some_and(|r| staff.may_see(&r)))
}
