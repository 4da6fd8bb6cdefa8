//! Open311 `GeoReport` v2 under `/open311/v2/` (issue #19): `discovery`, `services`,
//! `services/{code}`, `requests` GET and POST, `requests/{id}`, each in XML and JSON by
//! the path's suffix. Reading is public and needs no key (public reports only, through
//! `db::public`); creating a report needs a partner key with the `submit` scope and goes
//! through the web form's own workflow (`write`). Errors are Open311 error lists with the
//! specification's statuses (404 unknown service or request, 400 bad or missing
//! parameter, 403 missing or bad key), plus 413, 422 (idempotency key reused with another
//! request), 429 and 503 with `Retry-After`.

pub mod read;
pub mod write;

use crate::error::KeepBody;
use crate::i18n::Locale;
use crate::state::AppState;
use crate::views::open311::{self as view, ApiError, Doc, Format};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use fluent_templates::fluent_bundle::FluentValue;

/// The base path of the endpoint.
pub const BASE: &str = "/open311/v2";

/// The language of the texts of an answer: the request's `Accept-Language`.
pub fn locale<'a>(state: &'a AppState, req: &HttpRequest) -> &'a Locale {
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    state.i18n.negotiate(accept)
}

/// A text of the answer.
pub fn t(state: &AppState, locale: &Locale, id: &str) -> String {
    state.i18n.t(locale, id)
}

/// A text of the answer with variables.
pub fn t_args(
    state: &AppState,
    locale: &Locale,
    id: &str,
    args: &[(&str, FluentValue<'_>)],
) -> String {
    state.i18n.t_args(locale, id, args)
}

/// The format of a `{format}` path segment; an unknown one is the 404 page (there is no
/// format to write an Open311 error in).
pub fn format_of(suffix: &str) -> Option<Format> {
    Format::parse(suffix)
}

/// A document as a response. Its body is kept even for an error status ([`KeepBody`]),
/// and reads may be made from any site (`Access-Control-Allow-Origin: *`: public data).
pub fn respond(doc: &Doc, format: Format, status: StatusCode) -> HttpResponse {
    let mut res = HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, format.content_type()))
        .body(view::render(doc, format));
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res.extensions_mut().insert(KeepBody);
    res
}

/// An error list as a response; its code is the status's.
pub fn error(format: Format, status: StatusCode, description: String) -> HttpResponse {
    respond(
        &view::errors(&[ApiError {
            code: status.as_u16(),
            description,
        }]),
        format,
        status,
    )
}

/// Several errors (of one status) as one response.
pub fn errors(format: Format, status: StatusCode, descriptions: Vec<String>) -> HttpResponse {
    let list: Vec<ApiError> = descriptions
        .into_iter()
        .map(|description| ApiError {
            code: status.as_u16(),
            description,
        })
        .collect();
    respond(&view::errors(&list), format, status)
}

/// A response with `Retry-After`.
pub fn with_retry_after(mut res: HttpResponse, secs: i64) -> HttpResponse {
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(secs.max(1)));
    res
}

/// 503: the database could not answer.
pub fn unavailable(
    state: &AppState,
    locale: &Locale,
    format: Format,
    e: &anyhow::Error,
) -> HttpResponse {
    tracing::error!(error = ?e, "open311: storage failed");
    with_retry_after(
        error(
            format,
            StatusCode::SERVICE_UNAVAILABLE,
            t(state, locale, "open311-error-unavailable"),
        ),
        i64::from(crate::http::RETRY_STORAGE_SECS),
    )
}

/// Parameters of a query string or a form body, in order (repeats kept). An unreadable
/// one is `None`.
pub fn params(encoded: &str) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(encoded).ok()
}

/// The first value of `name`, empty counting as absent (Open311: an empty optional
/// parameter behaves exactly as an absent one).
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// The absolute URL of the endpoint: the `Host` the request came with when it is a plain
/// host name or address with a port (as the open-data feeds do), the scheme as
/// `http::is_https` decides.
pub fn endpoint_url(req: &HttpRequest) -> String {
    let host = req
        .headers()
        .get(header::HOST)
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
    format!("{scheme}://{host}{BASE}/")
}
