//! Public pages are rendered and gzipped once per version (`balai::page_cache`): the gzip
//! is the same page, and a kept page is rendered again as soon as what it shows changes
//! through this instance (a registration, a staff action).

use crate::helpers::TestApp;
use crate::public::sent;
use crate::workshops::{SMALL, fixed, person, register};
use actix_web::http::header;
use actix_web::test::{self, TestRequest};
use std::io::Read;

/// GET `path` with `Accept-Encoding`: status, Content-Encoding, Vary and the body as read.
async fn fetch(app: &TestApp, path: &str, accept: &str) -> (u16, Option<String>, String, Vec<u8>) {
    let svc = test::init_service(balai::startup::app(app.state.clone())).await;
    let req = TestRequest::get()
        .uri(path)
        .insert_header((header::ACCEPT_ENCODING, accept))
        .to_request();
    let res = test::call_service(&svc, req).await;
    let head = |name| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let (encoding, vary) = (head(header::CONTENT_ENCODING), head(header::VARY));
    let status = res.status().as_u16();
    let body = test::read_body(res).await.to_vec();
    (status, encoding, vary.unwrap_or_default(), body)
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .expect("a valid gzip stream");
    out
}

#[actix_web::test]
async fn kept_pages_are_the_same_page_gzipped_or_not() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let code = sent(
        &app,
        "public",
        "Ramp broken at the east door",
        &["verified"],
    )
    .await;
    for path in [
        "/id/".to_owned(),
        "/en/".to_owned(),
        "/en/pages/about".to_owned(),
        format!("/id/workshops/{SMALL}"),
        format!("/en/reports/{code}"),
        format!("/en/reports/{code}?any=query"),
        "/en/statistics".to_owned(),
        "/id/agencies?sort=name".to_owned(),
        "/en/agencies/kemenkes".to_owned(),
    ] {
        let (status, encoding, vary, plain) = fetch(&app, &path, "identity").await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(encoding, None, "{path}");
        assert!(
            vary.to_ascii_lowercase().contains("accept-encoding"),
            "{path}: {vary}"
        );
        let plain = String::from_utf8(plain).unwrap();
        assert!(plain.starts_with("<!DOCTYPE html>"), "{path}");
        // Twice: the second answer is the kept one.
        for _ in 0..2 {
            let (status, encoding, _, gz) = fetch(&app, &path, "gzip, deflate, br").await;
            assert_eq!(status, 200, "{path}");
            assert_eq!(encoding.as_deref(), Some("gzip"), "{path}");
            assert!(gz.len() * 2 < plain.len(), "{path}: compressed");
            assert_eq!(gunzip(&gz), plain, "{path}");
        }
        // A client that takes only brotli still gets it, from the compression middleware.
        let (_, encoding, _, _) = fetch(&app, &path, "br").await;
        assert_eq!(encoding.as_deref(), Some("br"), "{path}");
    }
}

#[actix_web::test]
async fn a_kept_workshop_page_shows_a_new_registration_at_once() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let path = format!("/en/workshops/{SMALL}");
    assert!(app.get(&path).await.body.contains("3 places left"));
    assert!(app.get(&path).await.body.contains("3 places left"), "kept");
    register(&app, SMALL, person(0)).await;
    let page = app.get(&path).await.body;
    assert!(page.contains("2 places left"), "{page}");
}
