//! HTTP helpers every handler uses: redirects, who is asking (client address, HTTPS
//! behind a trusted proxy), and the answers that keep a form on screen with a status of
//! their own: "too many requests" with its wait, "not stored, try again", "never cache".

use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};
use std::net::IpAddr;

/// Seconds a client is asked to wait before sending again after a storage failure.
pub const RETRY_STORAGE_SECS: u32 = 30;

/// A 303 See Other to `location` (POST/redirect/GET and plain redirects).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The proxies whose forwarding headers are believed (`BALAI_TRUSTED_PROXIES`).
fn trusted_proxies(req: &HttpRequest) -> &[IpAddr] {
    req.app_data::<web::Data<AppState>>()
        .map_or(&[], |s| s.settings.trusted_proxies.as_slice())
}

/// The address a request comes from, for rate limits: the peer, or, when the peer is a
/// trusted proxy, the last address in `X-Forwarded-For` that is not itself a trusted
/// proxy (the one the proxy saw).
pub fn client_address(req: &HttpRequest) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let trusted = trusted_proxies(req);
    match peer {
        Some(p) if trusted.contains(&p) => req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .filter(|a| !trusted.contains(a))
            .last()
            .unwrap_or(p)
            .to_string(),
        Some(p) => p.to_string(),
        None => "unknown".to_owned(),
    }
}

/// Whether the request came over TLS (then cookies are `Secure`): the connection's own
/// scheme, or `X-Forwarded-Proto` from a trusted proxy (nobody else's is believed).
pub fn is_https(req: &HttpRequest) -> bool {
    if req.uri().scheme_str() == Some("https") || req.app_config().secure() {
        return true;
    }
    let trusted = req
        .peer_addr()
        .is_some_and(|p| trusted_proxies(req).contains(&p.ip()));
    trusted
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Never kept by a browser or a proxy (`private, no-store`: pages with personal data or a
/// staff member's work).
pub fn no_store(mut res: HttpResponse) -> HttpResponse {
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    res
}

/// The page of a form refused by a rate limit: 429, and `Retry-After` in seconds.
pub fn too_many_requests(mut res: HttpResponse, wait_secs: i64) -> HttpResponse {
    *res.status_mut() = StatusCode::TOO_MANY_REQUESTS;
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(wait_secs.max(1)));
    res
}

/// Whole minutes to tell a person to wait (rounded up).
pub fn wait_minutes(wait_secs: i64) -> i64 {
    (wait_secs + 59) / 60
}

/// The page of a form whose input could not be stored (the database is down, the disk is
/// full): 503 with `Retry-After`, the form still on it with everything typed.
pub fn not_stored(mut res: HttpResponse) -> HttpResponse {
    *res.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    res.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(RETRY_STORAGE_SECS));
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_round_up_to_whole_minutes() {
        assert_eq!(wait_minutes(1), 1);
        assert_eq!(wait_minutes(60), 1);
        assert_eq!(wait_minutes(61), 2);
    }

    #[test]
    fn answers_keep_the_page_and_set_status_and_headers() {
        let res = too_many_requests(HttpResponse::Ok().body("form"), 90);
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(res.headers().get(header::RETRY_AFTER).unwrap(), "90");
        let res = not_stored(HttpResponse::Ok().body("form"));
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(res.headers().get(header::RETRY_AFTER).unwrap(), "30");
        let res = no_store(HttpResponse::Ok().finish());
        assert_eq!(
            res.headers().get(header::CACHE_CONTROL).unwrap(),
            "private, no-store"
        );
    }
}
