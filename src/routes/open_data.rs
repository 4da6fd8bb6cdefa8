//! Open data and feeds: `/data/reports.csv` and `/data/reports.json` (the public fields of
//! public reports, with the browse page's filters, streamed in batches so memory stays flat
//! whatever the size), and Atom feeds of newly resolved reports and of one report's timeline.

use crate::db::Db;
use crate::db::public::{self};
use crate::domain::Code;
use crate::domain::public::{Browse, PublicReport, Sort, StatusFilter};
use crate::error::{AppError, KeepBody};
use crate::http_cache::{self, ETag, Policy};
use crate::state::AppState;
use crate::views::feeds::{Entry, EntryText, Feed};
use crate::views::{self, PageCtx};
use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::stream;
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;

/// Rows read per database round trip.
const BATCH: i64 = 2000;

/// A context in Indonesian for the routes without a language prefix (for filter checks
/// and names).
fn id_ctx(state: &web::Data<AppState>, req: &HttpRequest) -> Result<PageCtx, AppError> {
    let locale = state.i18n.find("id").ok_or(AppError::NotFound)?.clone();
    Ok(PageCtx::new(
        state.page_parts(),
        locale,
        req.path(),
        req.query_string(),
    ))
}

/// What an export answers in: its refusal of a bad filter comes in the same kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Csv,
    Json,
    Atom,
}

fn browse_of(
    ctx: &PageCtx,
    req: &HttpRequest,
    default_status: StatusFilter,
    format: Format,
) -> Result<Browse, HttpResponse> {
    let (q, unreadable) = super::browse::read_query(req);
    let mut dropped = Vec::new();
    let mut b = super::browse::parse(&ctx.content, &q, &mut dropped);
    if q.status.is_empty() {
        b.status = default_status;
    }
    if unreadable {
        dropped = vec!["query"];
    }
    if !dropped.is_empty() {
        return Err(bad_filter(req, &dropped, format));
    }
    Ok(b)
}

/// 400 for filters not understood, in the format asked for (a JSON object for JSON, plain
/// text for CSV and Atom) and in the language of `Accept-Language`, naming each parameter
/// and what it is; never the HTML error page (`KeepBody`).
fn bad_filter(req: &HttpRequest, dropped: &[&'static str], format: Format) -> HttpResponse {
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return HttpResponse::BadRequest().finish();
    };
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let locale = state.i18n.negotiate(accept).clone();
    let t = |id: &str| state.i18n.t(&locale, id);
    let reasons: Vec<String> = dropped
        .iter()
        .map(|d| {
            state.i18n.t_args(
                &locale,
                "open-data-bad-parameter",
                &[
                    ("name", (*d).into()),
                    ("what", t(views::browse::filter_message_id(d)).into()),
                ],
            )
        })
        .collect();
    let message = t("open-data-bad-filter");
    let mut res = HttpResponse::BadRequest();
    res.insert_header((header::CONTENT_LANGUAGE, locale.tag.clone()))
        .insert_header((header::VARY, "Accept-Language"));
    let mut res = if format == Format::Json {
        res.content_type("application/json").body(
            serde_json::json!({
                "error": message,
                "parameters": dropped,
                "reasons": reasons,
            })
            .to_string(),
        )
    } else {
        let mut text = message;
        text.push('\n');
        for r in &reasons {
            text.push_str("- ");
            text.push_str(r);
            text.push('\n');
        }
        res.content_type("text/plain; charset=utf-8").body(text)
    };
    res.extensions_mut().insert(KeepBody);
    res
}

fn time(t: Option<time::OffsetDateTime>) -> String {
    t.and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
}

/// One CSV cell, quoted; a leading `= + - @` is neutralised for spreadsheets.
pub(crate) fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

const CSV_HEADER: &str = "code,url,kind,category,title,text,province_code,province,regency_code,regency,agency,status,anonymous,sent_at,routed_at,answered_at,closed_at,channel\r\n";

fn csv_row(ctx: &PageCtx, r: &PublicReport, out: &mut String) {
    let c = &ctx.content;
    let fields = [
        r.code.clone(),
        format!("/id/reports/{}", r.code),
        r.kind.as_str().to_owned(),
        r.category.clone(),
        r.title.clone(),
        r.description.clone(),
        r.province.clone(),
        c.areas
            .province(&r.province)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        r.regency.clone(),
        c.areas
            .regency(&r.regency)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        r.agency.clone().unwrap_or_default(),
        r.status.as_str().to_owned(),
        r.anonymous.to_string(),
        time(Some(r.created_at)),
        time(r.routed_at),
        time(r.answered_at),
        time(r.closed_at),
        r.channel.as_str().to_owned(),
    ];
    let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn json_row(ctx: &PageCtx, r: &PublicReport) -> serde_json::Value {
    let c = &ctx.content;
    serde_json::json!({
        "code": r.code,
        "url": format!("/id/reports/{}", r.code),
        "kind": r.kind,
        "category": r.category,
        "title": r.title,
        "text": r.description,
        "province_code": r.province,
        "province": c.areas.province(&r.province).map(|a| a.name.clone()),
        "regency_code": r.regency,
        "regency": c.areas.regency(&r.regency).map(|a| a.name.clone()),
        "agency": r.agency,
        "status": r.status,
        "anonymous": r.anonymous,
        "sent_at": time(Some(r.created_at)),
        "routed_at": r.routed_at.map(|t| time(Some(t))),
        "answered_at": r.answered_at.map(|t| time(Some(t))),
        "closed_at": r.closed_at.map(|t| time(Some(t))),
        "channel": r.channel.as_str(),
    })
}

/// Stream the browse in batches; `render` turns each batch into bytes (`first` tells it
/// whether it is the first batch), `end` closes the document.
fn export(
    db: Db,
    ctx: Arc<PageCtx>,
    browse: Browse,
    start: &'static str,
    end: &'static str,
    render: fn(&PageCtx, &[PublicReport], bool) -> String,
) -> impl futures_util::Stream<Item = Result<Bytes, actix_web::Error>> {
    // State: (last id sent, whether the header/opening was sent, finished).
    stream::unfold((0i64, false, false), move |(after, started, done)| {
        let (db, ctx) = (db.clone(), ctx.clone());
        let browse = browse.clone();
        async move {
            if done {
                return None;
            }
            if !started {
                return Some((
                    Ok(Bytes::from_static(start.as_bytes())),
                    (after, true, false),
                ));
            }
            match public::batch(&db, &browse, after, BATCH).await {
                Ok(rows) if rows.is_empty() => {
                    Some((Ok(Bytes::from_static(end.as_bytes())), (after, true, true)))
                }
                Ok(rows) => {
                    let last = rows.last().map_or(after, |r| r.id);
                    let text = render(&ctx, &rows, after == 0);
                    Some((Ok(Bytes::from(text)), (last, true, false)))
                }
                Err(e) => {
                    // Mid-stream the status is already sent: end the body short, which the
                    // client sees as a truncated download, and log why.
                    tracing::error!(error = ?e, "export failed mid-stream");
                    None
                }
            }
        }
    })
}

/// GET /data/reports.csv
#[tracing::instrument(level = "debug", skip_all)]
pub async fn csv(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let ctx = id_ctx(&state, &req)?;
    let browse = match browse_of(&ctx, &req, StatusFilter::All, Format::Csv) {
        Ok(b) => b,
        Err(res) => return Ok(res),
    };
    let tag = match export_tag(&state, &ctx, &req, &browse).await? {
        Ok(tag) => tag,
        Err(not_modified) => return Ok(not_modified),
    };
    let body = export(
        state.reads().clone(),
        Arc::new(ctx),
        browse,
        CSV_HEADER,
        "",
        |ctx, rows, _| {
            let mut out = String::with_capacity(rows.len() * 300);
            for r in rows {
                csv_row(ctx, r, &mut out);
            }
            out
        },
    );
    let mut res = HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"balai-reports.csv\"",
        ))
        .streaming(body);
    http_cache::set_headers(res.headers_mut(), Policy::OpenData, &tag);
    Ok(res)
}

/// An export's validator, read before it is streamed: the public reports it lists
/// (`db::public::export_stamp`), the content it names areas from (this process's load) and
/// the query; or the 304 when the request already has that version.
async fn export_tag(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
    browse: &Browse,
) -> Result<Result<ETag, HttpResponse>, AppError> {
    let stamp = public::export_stamp(state.reads(), browse).await?;
    let tag = ETag::of_local_version((
        req.path(),
        req.query_string(),
        ctx.content.generation,
        stamp,
    ));
    if http_cache::matches(req, &tag) {
        return Ok(Err(http_cache::not_modified(Policy::OpenData, &tag, None)));
    }
    Ok(Ok(tag))
}

/// GET /data/reports.json
#[tracing::instrument(level = "debug", skip_all)]
pub async fn json(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, AppError> {
    let ctx = id_ctx(&state, &req)?;
    let browse = match browse_of(&ctx, &req, StatusFilter::All, Format::Json) {
        Ok(b) => b,
        Err(res) => return Ok(res),
    };
    let tag = match export_tag(&state, &ctx, &req, &browse).await? {
        Ok(tag) => tag,
        Err(not_modified) => return Ok(not_modified),
    };
    let body = export(
        state.reads().clone(),
        Arc::new(ctx),
        browse,
        "[",
        "]\n",
        |ctx, rows, first| {
            let mut out = String::with_capacity(rows.len() * 400);
            for (i, r) in rows.iter().enumerate() {
                if !(first && i == 0) {
                    out.push_str(",\n");
                }
                out.push_str(&json_row(ctx, r).to_string());
            }
            out
        },
    );
    let mut res = HttpResponse::Ok()
        .content_type("application/json")
        .streaming(body);
    http_cache::set_headers(res.headers_mut(), Policy::OpenData, &tag);
    Ok(res)
}

/// The site's address for feed ids and links: the `Host` header the request came with (a
/// proxy passes it on), only if it is a plain host name or address with a port; the scheme
/// as `is_https` decides. Never `Forwarded`/`X-Forwarded-Host`, which anyone can send.
fn base_url(req: &HttpRequest) -> String {
    let host = req
        .headers()
        .get(actix_web::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .unwrap_or("localhost");
    let scheme = if crate::http::is_https(req) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// A feed as an HTTP answer, cacheable as `policy` says (`http_cache`).
fn atom(req: &HttpRequest, policy: Policy, feed: &Feed<'_>) -> HttpResponse {
    let res = HttpResponse::Ok()
        .content_type("application/atom+xml; charset=utf-8")
        .body(views::feeds::atom(feed));
    http_cache::tagged(req, policy, res)
}

/// GET /feeds/resolved.atom (`?agency=` or `?province=` narrow it)
#[tracing::instrument(level = "debug", skip_all)]
pub async fn resolved(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let ctx = id_ctx(&state, &req)?;
    let mut browse = match browse_of(&ctx, &req, StatusFilter::Resolved, Format::Atom) {
        Ok(b) => b,
        Err(res) => return Ok(res),
    };
    browse.status = StatusFilter::Resolved;
    browse.sort = Sort::Answered;
    let rows = public::page(
        state.reads(),
        &browse,
        public::Window {
            limit: 50,
            ..public::Window::default()
        },
    )
    .await?;
    let entries = rows
        .iter()
        .map(|r| Entry {
            path: format!("/id/reports/{}", r.code),
            fragment: None,
            title: r.title.clone(),
            updated: r.closed_at.or(r.answered_at).unwrap_or(r.created_at),
            text: EntryText::Summary(r.description.chars().take(400).collect()),
        })
        .collect();
    let updated = rows
        .iter()
        .filter_map(|r| r.closed_at.or(r.answered_at))
        .max()
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let path = format!(
        "/feeds/resolved.atom{}",
        if req.query_string().is_empty() {
            String::new()
        } else {
            format!("?{}", req.query_string())
        }
    );
    Ok(atom(
        &req,
        Policy::Feed,
        &Feed {
            base: &base_url(&req),
            path: &path,
            title: &ctx.t("feed-resolved-title"),
            updated,
            entries,
        },
    ))
}

/// GET /feeds/reports/{code}.atom: one public report's timeline.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn timeline(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = id_ctx(&state, &req)?;
    let code = Code::parse(&path).ok_or(AppError::NotFound)?;
    let report = public::by_code(state.reads(), code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let events = public::events(state.reads(), report.id).await?;
    let entries = events
        .iter()
        .enumerate()
        .map(|(i, e)| Entry {
            path: format!("/id/reports/{}", report.code),
            fragment: Some(format!("event-{i}")),
            title: ctx.t(e.kind.message_id()),
            updated: e.at,
            text: EntryText::Content(e.body.clone().unwrap_or_default()),
        })
        .collect();
    let updated = events.last().map_or(report.created_at, |e| e.at);
    let title = ctx.t_args("feed-report-title", &[("code", code.to_string().into())]);
    // One report's timeline: as briefly as the report's page.
    Ok(atom(
        &req,
        Policy::Report,
        &Feed {
            base: &base_url(&req),
            path: &format!("/feeds/reports/{}.atom", report.code),
            title: &title,
            updated,
            entries,
        },
    ))
}
