//! What no route answers: a path that ends in `/` (other than a home page, `/{lang}/`)
//! moves to the same path without it, query kept (`/en/staff/` -> `/en/staff`); anything
//! else is the 404 page. Only paths on this site: `//evil.example/` is not followed.

use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse};

/// Where a path with trailing slashes moves to, or `None` (no trailing slash, a bare `/`,
/// or a target that a browser could read as another site: `//host`, `/\host`).
pub fn target(path: &str, query: &str) -> Option<String> {
    if !path.ends_with('/') {
        return None;
    }
    let trimmed = path.trim_end_matches('/');
    let mut chars = trimmed.chars();
    // The first segment must start with a plain character: never `//`, `/\`, `/%2F`...
    if chars.next() != Some('/') || !chars.next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    if trimmed.contains('\\') {
        return None;
    }
    let mut to = trimmed.to_owned();
    if !query.is_empty() {
        to.push('?');
        to.push_str(query);
    }
    Some(to)
}

/// The application's default service.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn fallback(req: HttpRequest) -> HttpResponse {
    match target(req.path(), req.query_string()) {
        Some(to) => {
            // 301 for reads; 308 keeps the method and body of anything else.
            let mut res = if matches!(*req.method(), Method::GET | Method::HEAD) {
                HttpResponse::MovedPermanently()
            } else {
                HttpResponse::PermanentRedirect()
            };
            res.insert_header((header::LOCATION, to)).finish()
        }
        None => HttpResponse::NotFound().finish(),
    }
}

#[cfg(test)]
mod tests {
    use super::target;

    #[test]
    fn trailing_slashes_go_and_the_query_stays() {
        assert_eq!(target("/en/staff/", ""), Some("/en/staff".into()));
        assert_eq!(
            target("/id/reports/", "province=31&p=2"),
            Some("/id/reports?province=31&p=2".into())
        );
        assert_eq!(
            target("/en/pages/help///", ""),
            Some("/en/pages/help".into())
        );
        assert_eq!(target("/en/staff", ""), None);
        assert_eq!(target("/", ""), None);
    }

    #[test]
    fn never_off_site() {
        for p in [
            "//evil.com/",
            "///evil.com/",
            "/\\evil.com/",
            "/%2F%2Fevil.com/",
            "/%5Cevil.com/",
            "/en\\..\\/",
            "//",
        ] {
            assert_eq!(target(p, ""), None, "{p}");
        }
    }
}
