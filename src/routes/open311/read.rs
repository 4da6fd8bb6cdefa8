//! Open311 reads: discovery, services, service definitions and public requests. No key is
//! needed; only public reports are listed (`db::public`), with no field that names or
//! reaches a reporter, and no point (a partner's `lat`/`long` is kept for staff only).

use super::{error, format_of, locale, respond, t, t_args, unavailable};
use crate::content::ContentStore;
use crate::db::public::{self, RequestsQuery};
use crate::domain::Code;
use crate::domain::case::Status;
use crate::domain::public::PublicReport;
use crate::domain::report::{Kind, Privacy, SHORT_MAX, TITLE_MAX};
use crate::error::AppError;
use crate::http_cache::{self, Policy};
use crate::i18n::Locale;
use crate::page_cache::Finished;
use crate::state::AppState;
use crate::views::open311::{self as view, Attribute, Datatype, Format};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

/// Requests answered when the query names no window: the last 90 days (the specification's
/// default).
const DEFAULT_DAYS: i64 = 90;
/// Requests per page by default and at most (the specification's default volume is the
/// first 1,000).
pub const PAGE_SIZE_MAX: i64 = 1000;
/// Highest page number (a deeper page is refused rather than scanned).
pub const PAGE_MAX: i64 = 10_000;
/// At most this many values in a comma list (`service_request_id`, `service_code`).
pub const LIST_MAX: usize = 100;

/// The attribute codes of every service, in order.
pub const ATTR_KIND: &str = "kind";
pub const ATTR_TITLE: &str = "title";
pub const ATTR_PROVINCE: &str = "province";
pub const ATTR_REGENCY: &str = "regency";
pub const ATTR_PLACE: &str = "place";
pub const ATTR_OCCURRED: &str = "occurred_on";
pub const ATTR_AGENCY: &str = "agency";
pub const ATTR_PRIVACY: &str = "privacy";
pub const ATTR_NOTIFY: &str = "notify";
pub const ATTR_CONSENT: &str = "consent";

/// The service definition's attributes (the same for every category: a report's kind,
/// area, place, date, agency, privacy and the reporter's consent).
fn attributes(state: &AppState, locale: &Locale, content: &ContentStore) -> Vec<Attribute> {
    let tr = |id: &str| t(state, locale, id);
    let max = |id: &str, n: usize| t_args(state, locale, id, &[("max", (n as i64).into())]);
    let yes = vec![("yes".to_owned(), tr("open311-value-yes"))];
    let lang = locale.tag.as_str();
    vec![
        Attribute {
            code: ATTR_KIND,
            datatype: Datatype::Singlevaluelist,
            required: true,
            datatype_description: String::new(),
            description: tr("open311-attr-kind"),
            values: Kind::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), tr(k.message_id())))
                .collect(),
        },
        Attribute {
            code: ATTR_TITLE,
            datatype: Datatype::String,
            required: false,
            datatype_description: tr("open311-attr-text-format"),
            description: max("open311-attr-title", TITLE_MAX),
            values: vec![],
        },
        Attribute {
            code: ATTR_PROVINCE,
            datatype: Datatype::Singlevaluelist,
            required: false,
            datatype_description: String::new(),
            description: tr("open311-attr-province"),
            values: content
                .areas
                .provinces()
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect(),
        },
        Attribute {
            code: ATTR_REGENCY,
            datatype: Datatype::String,
            required: false,
            datatype_description: tr("open311-attr-regency-format"),
            description: tr("open311-attr-regency"),
            values: vec![],
        },
        Attribute {
            code: ATTR_PLACE,
            datatype: Datatype::String,
            required: false,
            datatype_description: tr("open311-attr-text-format"),
            description: max("open311-attr-place", SHORT_MAX),
            values: vec![],
        },
        Attribute {
            code: ATTR_OCCURRED,
            datatype: Datatype::Datetime,
            required: false,
            datatype_description: tr("open311-attr-occurred-format"),
            description: tr("open311-attr-occurred"),
            values: vec![],
        },
        Attribute {
            code: ATTR_AGENCY,
            datatype: Datatype::Singlevaluelist,
            required: false,
            datatype_description: String::new(),
            description: tr("open311-attr-agency"),
            values: content
                .taxonomy
                .national
                .iter()
                .map(|a| (a.slug.clone(), a.name(lang).to_owned()))
                .collect(),
        },
        Attribute {
            code: ATTR_PRIVACY,
            datatype: Datatype::Singlevaluelist,
            required: true,
            datatype_description: String::new(),
            description: tr("open311-attr-privacy"),
            values: Privacy::ALL
                .iter()
                .map(|p| (p.as_str().to_owned(), tr(p.message_id())))
                .collect(),
        },
        Attribute {
            code: ATTR_NOTIFY,
            datatype: Datatype::Singlevaluelist,
            required: false,
            datatype_description: String::new(),
            description: tr("open311-attr-notify"),
            values: yes.clone(),
        },
        Attribute {
            code: ATTR_CONSENT,
            datatype: Datatype::Singlevaluelist,
            required: true,
            datatype_description: String::new(),
            description: tr("open311-attr-consent"),
            values: yes,
        },
    ]
}

/// GET /open311/v2/discovery.{format}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn discovery(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let format = format_of(&path).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let doc = view::discovery(
        "2026-12-03T00:00:00Z",
        &t(&state, locale, "open311-contact"),
        &t(&state, locale, "open311-key-service"),
        &super::endpoint_url(&req),
    );
    Ok(cacheable(
        &req,
        Policy::Content,
        respond(&doc, format, StatusCode::OK),
    ))
}

/// GET /open311/v2/services.{format}: Balai's report categories.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn services(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let format = format_of(&path).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let content = state.content();
    let lang = locale.tag.as_str();
    let list: Vec<view::Service> = content
        .taxonomy
        .categories
        .iter()
        .map(|c| view::Service {
            code: c.slug.clone(),
            name: c.name(lang).to_owned(),
            description: t_args(
                &state,
                locale,
                "open311-service-description",
                &[("category", c.name(lang).to_owned().into())],
            ),
            group: String::new(),
            keywords: String::new(),
        })
        .collect();
    let res = respond(&view::services(&list), format, StatusCode::OK);
    Ok(cacheable(&req, Policy::Content, res))
}

/// GET /open311/v2/services/{code}.{format}: the attributes a request gives.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn service(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (code, suffix) = path.into_inner();
    let format = format_of(&suffix).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let content = state.content();
    if content.taxonomy.category(&code).is_none() {
        return Ok(unknown_service(&state, locale, format, &code));
    }
    let doc = view::service_definition(&code, &attributes(&state, locale, &content));
    Ok(cacheable(
        &req,
        Policy::Content,
        respond(&doc, format, StatusCode::OK),
    ))
}

/// 404 for a service code that is not a category.
pub fn unknown_service(
    state: &AppState,
    locale: &Locale,
    format: Format,
    code: &str,
) -> HttpResponse {
    let code: String = code.chars().take(60).collect();
    error(
        format,
        StatusCode::NOT_FOUND,
        t_args(
            state,
            locale,
            "open311-error-service-unknown",
            &[("code", code.into())],
        ),
    )
}

/// A W3C-DTF date and time with its zone (`2026-01-31T00:00:00Z`, `...+07:00`, seconds
/// optional). A `+` that a form encoding turned into a space is taken back.
pub fn parse_datetime(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim().replace(' ', "+");
    if s.len() > 40 {
        return None;
    }
    if let Ok(t) = OffsetDateTime::parse(&s, &Rfc3339) {
        return Some(t);
    }
    // Minutes only: `2026-01-31T00:00Z` or `2026-01-31T00:00+07:00`.
    if s.len() > 16 && s.is_char_boundary(16) && s.as_bytes().get(13) == Some(&b':') {
        let with_seconds = format!("{}:00{}", &s[..16], &s[16..]);
        return OffsetDateTime::parse(&with_seconds, &Rfc3339).ok();
    }
    None
}

/// A moment as Open311 writes it (UTC, whole seconds).
pub fn datetime(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// A comma list's values (trimmed, empty ones left out); `None` when over [`LIST_MAX`].
fn list(value: Option<&str>) -> Option<Vec<String>> {
    let values: Vec<String> = value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect();
    (values.len() <= LIST_MAX).then_some(values)
}

/// A whole number parameter from 1 to `max`.
fn number(value: Option<&str>, default: i64, max: i64) -> Option<i64> {
    match value {
        None => Some(default),
        Some(v) => v.parse::<i64>().ok().filter(|n| (1..=max).contains(n)),
    }
}

/// A public report as an Open311 request.
pub fn request_of(r: &PublicReport, content: &ContentStore, lang: &str) -> view::Request {
    let closed = matches!(r.status, Status::Closed | Status::Archived);
    let updated = [r.routed_at, r.answered_at, r.closed_at]
        .into_iter()
        .flatten()
        .fold(r.created_at, OffsetDateTime::max);
    let area = |code: &str, found: Option<&crate::content::areas::Area>| {
        found.map_or_else(|| code.to_owned(), |a| a.name.clone())
    };
    view::Request {
        id: r.code.clone(),
        status: if closed { "closed" } else { "open" },
        service_code: r.category.clone(),
        service_name: content
            .taxonomy
            .category(&r.category)
            .map_or_else(|| r.category.clone(), |c| c.name(lang).to_owned()),
        description: format!("{}: {}", r.title, r.description),
        agency_responsible: r
            .agency
            .as_deref()
            .and_then(|a| content.taxonomy.agency(a, &content.areas))
            .map(|a| a.name(lang).to_owned())
            .unwrap_or_default(),
        requested: datetime(r.created_at),
        updated: datetime(if closed {
            r.closed_at.unwrap_or(updated)
        } else {
            updated
        }),
        address: format!(
            "{}, {}",
            area(&r.regency, content.areas.regency(&r.regency)),
            area(&r.province, content.areas.province(&r.province))
        ),
    }
}

/// GET /open311/v2/requests.{format}: public requests, newest first; `service_request_id`
/// (a comma list, overriding the rest), `service_code` (comma list), `start_date`,
/// `end_date`, `status` (`open`, `closed`, both), and the paging extension `page` (from 1)
/// and `page_size` (at most 1,000). With no dates, the last 90 days.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn requests(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let format = format_of(&path).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let bad = |description: String| error(format, StatusCode::BAD_REQUEST, description);
    let Some(params) = super::params(req.query_string()) else {
        return Ok(bad(t(&state, locale, "open311-error-body")));
    };
    let p = |name: &str| super::param(&params, name);
    let content = state.content();
    let too_many = |name: &str| {
        bad(t_args(
            &state,
            locale,
            "open311-error-too-many",
            &[
                ("name", name.to_owned().into()),
                ("max", (LIST_MAX as i64).into()),
            ],
        ))
    };
    let Some(ids) = list(p("service_request_id")) else {
        return Ok(too_many("service_request_id"));
    };
    let Some(categories) = list(p("service_code")) else {
        return Ok(too_many("service_code"));
    };
    if ids.is_empty()
        && let Some(unknown) = categories
            .iter()
            .find(|c| content.taxonomy.category(c).is_none())
    {
        return Ok(unknown_service(&state, locale, format, unknown));
    }
    let mut dates = [None, None];
    for (slot, name) in dates.iter_mut().zip(["start_date", "end_date"]) {
        if let Some(v) = p(name) {
            match parse_datetime(v) {
                Some(t) => *slot = Some(t),
                None => {
                    return Ok(bad(t_args(
                        &state,
                        locale,
                        "open311-error-date",
                        &[("name", name.into())],
                    )));
                }
            }
        }
    }
    let [mut from, until] = dates;
    if from.is_none() {
        let end = until.unwrap_or_else(|| state.now());
        from = Some(end - Duration::days(DEFAULT_DAYS));
    }
    let closed = match p("status").map(|s| {
        let mut open = false;
        let mut closed = false;
        for v in s.split(',').map(str::trim) {
            match v {
                "open" => open = true,
                "closed" => closed = true,
                _ => return Err(()),
            }
        }
        Ok((open, closed))
    }) {
        None | Some(Ok((true, true))) => None,
        Some(Ok((false, true))) => Some(true),
        Some(Ok((true, false))) => Some(false),
        Some(Ok((false, false)) | Err(())) => {
            return Ok(bad(t(&state, locale, "open311-error-status")));
        }
    };
    let numbers = [
        ("page", 1, PAGE_MAX),
        ("page_size", PAGE_SIZE_MAX, PAGE_SIZE_MAX),
    ]
    .map(|(name, default, max)| (name, max, number(p(name), default, max)));
    let mut values = [0; 2];
    for (i, (name, max, n)) in numbers.into_iter().enumerate() {
        let Some(n) = n else {
            return Ok(bad(t_args(
                &state,
                locale,
                "open311-error-number",
                &[("name", name.into()), ("max", max.into())],
            )));
        };
        values[i] = n;
    }
    let [page, page_size] = values;
    let query = RequestsQuery {
        codes: ids
            .iter()
            .filter_map(|c| Code::parse(c).map(|c| c.as_str().to_owned()))
            .collect(),
        categories,
        from,
        until,
        closed,
        offset: (page - 1) * page_size,
        limit: page_size,
    };
    if !ids.is_empty() && query.codes.is_empty() {
        // Only ids that cannot be tracking codes: nothing matches.
        let res = respond(&view::requests(&[]), format, StatusCode::OK);
        return Ok(cacheable(&req, Policy::Listing, res));
    }
    // Kept for a few seconds like a browse page (and dropped by this instance's own changes,
    // `AppState::public_changed`): a list of up to 1,000 requests took milliseconds to read
    // and render, so the quick benchmark served it at 0.01x nginx. Concurrent requests for
    // an expired list wait for one rendering. The key holds all the answer depends on: the
    // query, the format, the language and the content load.
    let key = format!(
        "{}#{}#{}#{}",
        req.query_string(),
        format.content_type(),
        locale.tag.as_str(),
        content.generation
    );
    let list = state
        .open311_lists
        .get(&key, || async {
            let rows = public::open311_requests(state.reads(), &query).await?;
            let lang = locale.tag.as_str();
            let list: Vec<view::Request> =
                rows.iter().map(|r| request_of(r, &content, lang)).collect();
            Ok(Arc::new(Finished::document(
                StatusCode::OK,
                format.content_type(),
                view::render(&view::requests(&list), format),
            )))
        })
        .await;
    match list {
        Ok(list) => Ok(open_to_all(list.respond(&req, Policy::Listing))),
        Err(e) => Ok(unavailable(&state, locale, format, &e)),
    }
}

/// A kept list's response with the headers every Open311 read has: readable from any site,
/// and one copy per language and encoding in a cache.
fn open_to_all(mut res: HttpResponse) -> HttpResponse {
    let headers = res.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("accept-language, accept-encoding"),
    );
    res
}

/// GET /open311/v2/requests/{id}.{format}: one public request (its tracking code), in a
/// one-item list; 404 for a report that does not exist or is not public (the same answer).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn request(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, suffix) = path.into_inner();
    let format = format_of(&suffix).ok_or(AppError::NotFound)?;
    let locale = locale(&state, &req);
    let not_found = || {
        error(
            format,
            StatusCode::NOT_FOUND,
            t(&state, locale, "open311-error-request-unknown"),
        )
    };
    let Some(code) = Code::parse(&id) else {
        return Ok(not_found());
    };
    match public::by_code(state.reads(), code.as_str()).await {
        Ok(Some(r)) => {
            let content = state.content();
            let one = [request_of(&r, &content, locale.tag.as_str())];
            let res = respond(&view::requests(&one), format, StatusCode::OK);
            Ok(cacheable(&req, Policy::Report, res))
        }
        Ok(None) => Ok(not_found()),
        Err(e) => Ok(unavailable(&state, locale, format, &e)),
    }
}

/// A public read made cacheable (`http_cache`); its words follow `Accept-Language`, so a
/// cache keeps one copy per language asked for.
fn cacheable(req: &HttpRequest, policy: Policy, mut res: HttpResponse) -> HttpResponse {
    res.headers_mut()
        .insert(header::VARY, HeaderValue::from_static("accept-language"));
    http_cache::tagged(req, policy, res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn w3c_dates_need_a_zone_and_may_leave_out_seconds() {
        assert!(parse_datetime("2026-01-31T00:00:00Z").is_some());
        assert!(parse_datetime("2026-01-31T07:00:00+07:00").is_some());
        // A `+` that became a space in a query string.
        assert_eq!(
            parse_datetime("2026-01-31T07:00:00 07:00"),
            parse_datetime("2026-01-31T00:00:00Z")
        );
        assert!(parse_datetime("2026-01-31T00:00Z").is_some());
        for bad in [
            "2026-01-31",
            "2026-01-31T00:00:00",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "é",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        assert_eq!(
            datetime(parse_datetime("2026-01-31T07:00:00.5+07:00").unwrap()),
            "2026-01-31T00:00:00Z"
        );
    }
}
