//! The page shell on every page: one h1, landmarks, skip link first, no script, the
//! security headers. HTML is parsed, not string-matched.

use crate::helpers::{TestApp, TestResponse, pages, sel};
use balai::startup::CSP;

/// Shell checks shared by every page test, with the page named in each failure.
pub fn assert_accessible_shell(path: &str, res: &TestResponse) {
    let doc = res.html();
    assert_eq!(res.header("content-security-policy"), CSP, "{path}: CSP");
    assert_eq!(res.header("x-content-type-options"), "nosniff", "{path}");
    assert_eq!(res.header("referrer-policy"), "same-origin", "{path}");
    assert!(
        !res.header("permissions-policy").is_empty(),
        "{path}: Permissions-Policy"
    );
    assert_eq!(
        doc.select(&sel("script")).count(),
        0,
        "{path}: a <script> element"
    );
    for el in doc.select(&sel("*")) {
        for (name, _) in el.value().attrs() {
            assert!(
                !name.to_ascii_lowercase().starts_with("on"),
                "{path}: event handler attribute {name}"
            );
            assert_ne!(name, "style", "{path}: inline style (the CSP forbids it)");
        }
    }
    assert_eq!(
        doc.select(&sel("style")).count(),
        0,
        "{path}: <style> element"
    );
    assert_eq!(doc.select(&sel("h1")).count(), 1, "{path}: exactly one h1");
    assert_eq!(
        doc.select(&sel("main")).count(),
        1,
        "{path}: exactly one main"
    );
    assert_eq!(
        doc.select(&sel("main h1")).count(),
        1,
        "{path}: the h1 is inside main"
    );
    assert_eq!(doc.select(&sel("header")).count(), 1, "{path}: header");
    assert_eq!(doc.select(&sel("footer")).count(), 1, "{path}: footer");
    for nav in doc.select(&sel("nav")) {
        assert!(
            nav.value()
                .attr("aria-label")
                .is_some_and(|l| !l.is_empty()),
            "{path}: nav without a label"
        );
    }
    let first_focusable = doc
        .select(&sel(
            "body a[href], body button, body input, body select, body textarea",
        ))
        .next();
    let skip = first_focusable.expect("a focusable element");
    assert_eq!(
        skip.value().attr("href"),
        Some("#main"),
        "{path}: the skip link comes first"
    );
    assert_eq!(
        doc.select(&sel("main#main[tabindex='-1']")).count(),
        1,
        "{path}: skip target"
    );
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    assert!(
        title.trim_end().ends_with("Balai"),
        "{path}: title pattern, got {title:?}"
    );
    for img in doc.select(&sel("img")) {
        assert!(
            img.value().attr("alt").is_some(),
            "{path}: image without alt"
        );
    }
}

#[actix_web::test]
async fn every_page_has_the_accessible_shell_in_every_language() {
    let app = TestApp::spawn().await;
    for lang in ["id", "en"] {
        for path in pages(lang) {
            let res = app.get(&path).await;
            assert_eq!(res.status, 200, "{path}");
            assert_accessible_shell(&path, &res);
        }
    }
    assert_eq!(
        app.state.i18n.missing_count(),
        0,
        "a page used a message id no locale has"
    );
}

#[actix_web::test]
async fn current_page_is_marked_in_the_navigation() {
    let app = TestApp::spawn().await;
    let doc = app.get("/en/pages/about").await.html();
    let current: Vec<_> = doc
        .select(&sel("nav.site-nav a[aria-current='page']"))
        .collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].value().attr("href"), Some("/en/pages/about"));
}

/// A page and its stylesheet arrive in the first round trips on a slow connection:
/// at most 14 KB together, compressed as served.
#[actix_web::test]
async fn every_page_with_its_css_is_at_most_14_kb_compressed() {
    use actix_web::test::TestRequest;
    let app = TestApp::spawn().await;
    let gzip = |path: &str| {
        TestRequest::get()
            .uri(path)
            .insert_header(("Accept-Encoding", "gzip"))
    };
    let doc = app.get("/id/").await.html();
    let css_href = doc
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let css = app.call(gzip(&css_href)).await;
    assert_eq!(css.header("content-encoding"), "gzip");
    let mut paths: Vec<String> = ["id", "en"].iter().flat_map(|l| pages(l)).collect();
    paths.push("/en/workshops/suara-setara-sleman-2026-12/register".into());
    paths.push("/en/no-such-page".into());
    for path in paths {
        let res = app.call(gzip(&path)).await;
        assert_eq!(res.header("content-encoding"), "gzip", "{path}");
        // The body as read is still compressed: its length is what travels.
        let total = res.raw_len + css.raw_len;
        assert!(total <= 14 * 1024, "{path}: {total} bytes with the CSS");
    }
}
