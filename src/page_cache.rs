//! Finished public pages, kept as bytes (HTML and its gzip) while what they show is
//! unchanged. The benchmark's profile of a public page under load (issue #9) was template
//! work, Fluent lookups and gzip on every request, for bytes that change only when the
//! content, a report's stamp or a workshop's places change: a page is now rendered and
//! compressed once per version and then copied out. (Browse pages are kept as
//! [`Finished`] too, for a few seconds, in `AppState::browse_pages`.)
//!
//! A page kept here may depend only on its URL (language, path, query) and on the version
//! its handler computes; never on cookies or anyone's session (public pages have neither).

use crate::http_cache::{self, ETag, Policy};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};
use maud::Markup;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, Mutex, MutexGuard};

/// Most pages kept at once (a page is a few KB with its gzip; when full, all are dropped
/// and the popular ones come back first). Query strings are part of the key, so anyone
/// can make new keys: the bound keeps memory flat.
const MAX_PAGES: usize = 1024;

/// A page as sent: status, HTML and the same HTML gzipped (level 9: compressed once), and
/// the validator of its bytes (`http_cache`).
#[derive(Debug)]
pub struct Finished {
    status: StatusCode,
    content_type: HeaderValue,
    html: Bytes,
    gzip: Bytes,
    etag: ETag,
}

impl Finished {
    /// Render once: keep the HTML and its gzip.
    pub fn new(status: StatusCode, markup: Markup) -> Self {
        Self::document(
            status,
            "text/html; charset=utf-8",
            markup.into_string().into_bytes(),
        )
    }

    /// Any document rendered once (an Open311 list in JSON or XML): kept with its gzip.
    pub fn document(status: StatusCode, content_type: &'static str, html: Vec<u8>) -> Self {
        let mut encoder = flate2::write::GzEncoder::new(
            Vec::with_capacity(html.len() / 3),
            flate2::Compression::best(),
        );
        // Writing into a Vec cannot fail.
        let gzip = encoder
            .write_all(&html)
            .and_then(|()| encoder.finish())
            .unwrap_or_default();
        Self {
            status,
            content_type: HeaderValue::from_static(content_type),
            etag: ETag::of_bytes(&html),
            html: Bytes::from(html),
            gzip: Bytes::from(gzip),
        }
    }

    /// The response for `req`, cacheable as `policy` says: a 304 when the request already
    /// has this page (`If-None-Match`), else the gzip when the client takes it, else the
    /// HTML (which the compression middleware may still encode another way, br or zstd).
    pub fn respond(&self, req: &HttpRequest, policy: Policy) -> HttpResponse {
        if self.status != StatusCode::OK {
            return self.send(req);
        }
        if http_cache::matches(req, &self.etag) {
            return http_cache::not_modified(policy, &self.etag, None);
        }
        let mut res = self.send(req);
        http_cache::set_headers(res.headers_mut(), policy, &self.etag);
        res
    }

    fn send(&self, req: &HttpRequest) -> HttpResponse {
        // Header values made once (a `&str` header is checked and copied per request).
        let mut res = HttpResponse::build(self.status);
        res.insert_header((header::CONTENT_TYPE, self.content_type.clone()))
            .insert_header((
                header::VARY,
                const { HeaderValue::from_static("accept-encoding") },
            ));
        if accepts_gzip(req) && !self.gzip.is_empty() {
            res.insert_header((
                header::CONTENT_ENCODING,
                const { HeaderValue::from_static("gzip") },
            ))
            .body(self.gzip.clone())
        } else {
            res.body(self.html.clone())
        }
    }
}

/// Whether the request's `Accept-Encoding` takes gzip (named, with a quality above 0).
pub fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let named = name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip");
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            named && quality > 0.0
        })
}

/// A page's version from everything it shows besides its URL.
pub fn version(parts: impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

/// Finished pages by URL, each with the version it was rendered at.
#[derive(Debug, Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, (u64, Arc<Finished>)>>,
}

impl PageCache {
    fn pages(&self) -> MutexGuard<'_, HashMap<String, (u64, Arc<Finished>)>> {
        match self.pages.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The page at `url` at this `version`: kept, or rendered now (outside the lock) and kept.
    pub fn page(
        &self,
        url: &str,
        version: u64,
        render: impl FnOnce() -> Finished,
    ) -> Arc<Finished> {
        match self.get(url, version) {
            Some(page) => page,
            None => self.put(url, version, render()),
        }
    }

    /// The page kept for `url` at this `version`, if any.
    pub fn get(&self, url: &str, version: u64) -> Option<Arc<Finished>> {
        self.pages()
            .get(url)
            .filter(|(v, _)| *v == version)
            .map(|(_, page)| page.clone())
    }

    /// Keep `page` for `url` at this `version` (pages rendered by async code: `get`, render,
    /// `put`; two requests may then render the same page at once, and either copy is right).
    pub fn put(&self, url: &str, version: u64, page: Finished) -> Arc<Finished> {
        let page = Arc::new(page);
        let mut pages = self.pages();
        if pages.len() >= MAX_PAGES {
            pages.clear();
        }
        pages.insert(url.to_owned(), (version, page.clone()));
        page
    }

    /// The key of the request's page: its path and query.
    pub fn url_of(req: &HttpRequest) -> String {
        let uri = req.uri();
        uri.path_and_query()
            .map_or_else(|| uri.path().to_owned(), ToString::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;
    use maud::html;

    fn gunzip(bytes: &[u8]) -> String {
        let mut out = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(bytes), &mut out).unwrap();
        out
    }

    async fn body(res: HttpResponse) -> Vec<u8> {
        actix_web::body::to_bytes(res.into_body())
            .await
            .unwrap()
            .to_vec()
    }

    #[actix_web::test]
    async fn gzip_only_to_clients_that_take_it() {
        let page = Finished::new(StatusCode::OK, html! { p { "Halo" } });
        for (accept, gz) in [
            (None, false),
            (Some("gzip"), true),
            (Some("br, gzip;q=0.5"), true),
            (Some("GZIP ; q=1"), true),
            (Some("gzip;q=0"), false),
            (Some("gzip;q=0.0, br"), false),
            (Some("identity"), false),
            (Some("gzipx"), false),
        ] {
            let mut req = TestRequest::get();
            if let Some(a) = accept {
                req = req.insert_header((header::ACCEPT_ENCODING, a));
            }
            let res = page.respond(&req.to_http_request(), Policy::Content);
            assert_eq!(res.headers().get(header::VARY).unwrap(), "accept-encoding");
            let encoded = res.headers().get(header::CONTENT_ENCODING).is_some();
            assert_eq!(encoded, gz, "{accept:?}");
            let bytes = body(res).await;
            let text = if gz {
                gunzip(&bytes)
            } else {
                String::from_utf8(bytes).unwrap()
            };
            assert_eq!(text, "<p>Halo</p>", "{accept:?}");
        }
    }

    #[actix_web::test]
    async fn a_kept_page_answers_304_without_a_body_or_an_encoding() {
        let page = Finished::new(StatusCode::OK, html! { p { "Halo" } });
        let full = page.respond(&TestRequest::get().to_http_request(), Policy::Report);
        let etag = full.headers().get(header::ETAG).unwrap().clone();
        let req = TestRequest::get()
            .insert_header((header::ACCEPT_ENCODING, "gzip"))
            .insert_header((header::IF_NONE_MATCH, etag.clone()))
            .to_http_request();
        let short = page.respond(&req, Policy::Report);
        assert_eq!(short.status(), StatusCode::NOT_MODIFIED);
        assert!(short.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(short.headers().get(header::ETAG), Some(&etag));
        assert_eq!(
            short.headers().get(header::CACHE_CONTROL).unwrap(),
            Policy::Report.cache_control()
        );
        assert!(body(short).await.is_empty());
        // A page that is not a 200 (a kept error page) is never cacheable.
        let missing = Finished::new(StatusCode::NOT_FOUND, html! { p { "Tidak ada" } });
        let res = missing.respond(&req, Policy::Report);
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert!(res.headers().get(header::ETAG).is_none());
        assert!(res.headers().get(header::CACHE_CONTROL).is_none());
    }

    #[test]
    fn a_page_is_rendered_again_only_at_a_new_version() {
        let cache = PageCache::default();
        let renders = std::cell::Cell::new(0);
        let render = |s: &'static str| {
            renders.set(renders.get() + 1);
            Finished::new(StatusCode::OK, html! { (s) })
        };
        let a = cache.page("/id/", 1, || render("one"));
        let b = cache.page("/id/", 1, || render("two"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(renders.get(), 1);
        let c = cache.page("/id/", 2, || render("three"));
        assert_eq!(c.html, "three");
        assert_eq!(cache.page("/en/", 2, || render("four")).html, "four");
        assert_eq!(renders.get(), 3);
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = PageCache::default();
        for n in 0..MAX_PAGES * 3 {
            cache.page(&format!("/id/?q={n}"), 1, || {
                Finished::new(StatusCode::OK, html! {})
            });
        }
        assert!(cache.pages().len() <= MAX_PAGES);
    }
}
