//! `/{lang}/reports`: browse public reports with filters, text search and keyset
//! pagination. Every filter value is checked against the content; one that is not
//! recognised is dropped with a message (never a 500, never passed to SQL).

use crate::content::ContentStore;
use crate::db::public::{self, Window};
use crate::domain::public::{Browse, Cursor, PublicReport, Sort, StatusFilter};
use crate::domain::report::Kind;
use crate::error::AppError;
use crate::http_cache::Policy;
use crate::page_cache::{Finished, PageCache};
use crate::state::AppState;
use crate::views::browse::{BrowsePage, BrowseQuery, PageLink};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;
use time::{Date, Month};

/// Reports per page.
pub const PAGE_SIZE: i64 = 20;

/// The query as typed, whatever it holds (a query that does not even parse shows the
/// default browse with a message).
pub fn read_query(req: &HttpRequest) -> (BrowseQuery, bool) {
    match actix_web::web::Query::<BrowseQuery>::from_query(req.query_string()) {
        Ok(q) => (q.into_inner(), false),
        Err(_) => (BrowseQuery::default(), true),
    }
}

/// Check every value; the ones not recognised are dropped and named in `dropped`.
pub fn parse(c: &ContentStore, q: &BrowseQuery, dropped: &mut Vec<&'static str>) -> Browse {
    let mut keep = |name: &'static str, v: &str, ok: bool| -> Option<String> {
        if v.is_empty() {
            None
        } else if ok {
            Some(v.to_owned())
        } else {
            dropped.push(name);
            None
        }
    };
    let kind = keep("kind", &q.kind, Kind::parse(&q.kind).is_some());
    let category = keep(
        "category",
        &q.category,
        c.taxonomy.category(&q.category).is_some(),
    );
    let province = keep(
        "province",
        &q.province,
        c.areas.province(&q.province).is_some(),
    );
    let regency = keep(
        "regency",
        &q.regency,
        c.areas.regency(&q.regency).is_some()
            && (q.province.is_empty() || c.areas.regency_in(&q.regency, &q.province)),
    );
    let agency = keep(
        "agency",
        &q.agency,
        c.taxonomy.agency(&q.agency, &c.areas).is_some(),
    );
    let text = {
        let t = q.q.trim();
        if t.chars().count() > 200 || t.chars().any(char::is_control) {
            dropped.push("q");
            None
        } else {
            (!t.is_empty()).then(|| t.to_owned())
        }
    };
    let status = if q.status.is_empty() {
        StatusFilter::Resolved
    } else {
        StatusFilter::parse(&q.status).unwrap_or_else(|| {
            dropped.push("status");
            StatusFilter::Resolved
        })
    };
    let sort = if q.sort.is_empty() {
        Sort::Newest
    } else {
        Sort::parse(&q.sort).unwrap_or_else(|| {
            dropped.push("sort");
            Sort::Newest
        })
    };
    let date = |d: &str,
                m: &str,
                y: &str,
                name: &'static str,
                dropped: &mut Vec<&'static str>|
     -> Option<Date> {
        if d.is_empty() && m.is_empty() && y.is_empty() {
            return None;
        }
        let parsed = (|| {
            let month = Month::try_from(m.trim().parse::<u8>().ok()?).ok()?;
            Date::from_calendar_date(y.trim().parse().ok()?, month, d.trim().parse().ok()?).ok()
        })();
        if parsed.is_none() {
            dropped.push(name);
        }
        parsed
    };
    let from = date(&q.from_day, &q.from_month, &q.from_year, "from", dropped);
    let to = date(&q.to_day, &q.to_month, &q.to_year, "to", dropped);
    Browse {
        status,
        kind,
        category,
        province,
        regency,
        agency,
        // Dates are days in Indonesia (WIB is the earliest midnight that matters).
        from: from.map(|d| d.midnight().assume_offset(wib())),
        until: to
            .and_then(|d| d.next_day())
            .map(|d| d.midnight().assume_offset(wib())),
        text,
        sort,
    }
}

fn wib() -> time::UtcOffset {
    time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC)
}

/// GET /{lang}/reports
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    // Kept for a few seconds, or until a change made here (`AppState::public_changed`):
    // the benchmark at a million reports had a page take 1.4 ms of SQL and rendering, which
    // at 32 connections made p99 20-40 ms (text search 250 ms). Requests that find the page
    // expired wait for one rendering instead of each rendering it (the first version of
    // this cache let 32 of them render a text search at once: p99 160 ms).
    let key = format!("{}#{}", PageCache::url_of(&req), ctx.content.generation);
    let page = state
        .browse_pages
        .get(&key, || async {
            let markup = render(&state, &ctx, &req).await.map_err(|e| match e {
                AppError::Unexpected(e) => e,
                AppError::NotFound => anyhow::anyhow!("browse: not found"),
            })?;
            Ok(Arc::new(Finished::new(StatusCode::OK, markup)))
        })
        .await?;
    Ok(page.respond(&req, Policy::Listing))
}

/// How long a browse page is served before it is made again.
pub const BROWSE_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// The numbered links around page `page_no` of `pages`: up to two before (their starts
/// read backwards into `behind`), this one, and up to two after (the next starts after
/// this page's last row; the one after that from `ahead`).
fn page_links(
    page_no: i64,
    pages: i64,
    rows: &[PublicReport],
    ahead: &[Cursor],
    behind: &[Cursor],
    sort: Sort,
) -> Vec<PageLink> {
    let mut links = Vec::new();
    let size = PAGE_SIZE as usize;
    // Previous pages: p-1 starts `size` rows before this page, p-2 `2 * size`.
    for back in (1..=2i64).rev() {
        let n = page_no - back;
        if n < 1 {
            continue;
        }
        let from_end = behind
            .len()
            .checked_sub(size * usize::try_from(back).unwrap_or(0));
        let cursor = match from_end {
            Some(i) if i > 0 => behind.get(i - 1).map(|c| c.encode(sort)),
            _ => None,
        };
        links.push(PageLink {
            number: n,
            after: cursor,
            current: false,
        });
    }
    links.push(PageLink {
        number: page_no,
        after: None,
        current: true,
    });
    for ahead_n in 1..=2i64 {
        let n = page_no + ahead_n;
        if n > pages {
            break;
        }
        let start = size * usize::try_from(ahead_n - 1).unwrap_or(0);
        let cursor = if ahead_n == 1 {
            rows.last().map(Cursor::of)
        } else {
            ahead.get(start.wrapping_sub(1)).copied()
        };
        if let Some(c) = cursor {
            links.push(PageLink {
                number: n,
                after: Some(c.encode(sort)),
                current: false,
            });
        }
    }
    links
}

/// The browse page for the request's query.
async fn render(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<maud::Markup, AppError> {
    let (q, unreadable) = read_query(req);
    let mut dropped = Vec::new();
    let browse = parse(&ctx.content, &q, &mut dropped);
    let db = state.reads();
    let total = state
        .browse_counts
        .get(&format!("{browse:?}"), || public::count(db, &browse))
        .await?;
    let pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let after = Cursor::decode(&q.after, browse.sort);
    let before = Cursor::decode(&q.before, browse.sort);
    let last = q.last == "1";
    let mut page_no: i64 = q.p.parse().unwrap_or(1).clamp(1, pages);
    // This page, then the starts of the next two pages and of the previous two (cursors
    // only, no text).
    let window = |after, before, from_end, limit| Window {
        after,
        before,
        from_end,
        limit,
    };
    let rows = if last {
        page_no = pages;
        let size = total - (pages - 1) * PAGE_SIZE;
        public::page(db, &browse, window(None, None, true, size)).await?
    } else {
        public::page(db, &browse, window(after, before, false, PAGE_SIZE)).await?
    };
    let ahead = match rows.last() {
        Some(r) if !last && rows.len() == PAGE_SIZE as usize => {
            public::cursors(
                db,
                &browse,
                window(Some(Cursor::of(r)), None, false, PAGE_SIZE * 2),
            )
            .await?
        }
        _ => Vec::new(),
    };
    if after.is_none() && before.is_none() && !last {
        page_no = 1;
    }
    let behind = match rows.first() {
        Some(r) if page_no > 1 => {
            public::cursors(
                db,
                &browse,
                window(None, Some(Cursor::of(r)), false, PAGE_SIZE * 2),
            )
            .await?
        }
        _ => Vec::new(),
    };
    let links = page_links(page_no, pages, &rows, &ahead, &behind, browse.sort);
    let mut notices: Vec<&'static str> = dropped;
    if unreadable {
        notices.push("query");
    }
    Ok(views::browse::page(
        ctx,
        &BrowsePage {
            query: &q,
            browse: &browse,
            total,
            rows: &rows,
            page: page_no,
            pages,
            links: &links,
            dropped: &notices,
        },
    ))
}
