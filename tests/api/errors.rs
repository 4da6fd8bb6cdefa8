//! Error pages: the localized shell with the right status, for every kind of error,
//! in both languages; no internals, no panic reaching the user.

use crate::accessibility::assert_accessible_shell;
use crate::helpers::{TestApp, text_of};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, test, web};

fn test_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(balai::startup::resource("/{lang}/test/panic").get(|| async { panic_now() }))
        .route(
            "/{lang}/test/limited",
            web::get().to(|| async {
                HttpResponse::TooManyRequests()
                    .insert_header(("Retry-After", "60"))
                    .finish()
            }),
        )
        .route(
            "/{lang}/test/failure",
            web::get().to(|| async {
                Err::<HttpResponse, _>(balai::error::AppError::Unexpected(anyhow::anyhow!(
                    "secret internal detail"
                )))
            }),
        );
}

fn panic_now() -> HttpResponse {
    panic!("secret panic detail")
}

/// One error state: how to provoke it (`{lang}` in the path) and its titles.
struct Case {
    what: &'static str,
    method: &'static str,
    path: &'static str,
    headers: &'static [(&'static str, &'static str)],
    status: StatusCode,
    id_title: &'static str,
    en_title: &'static str,
}

const CASES: &[Case] = &[
    Case {
        what: "unknown path",
        method: "GET",
        path: "/{lang}/tidak-ada",
        headers: &[],
        status: StatusCode::NOT_FOUND,
        id_title: "Halaman tidak ditemukan",
        en_title: "Page not found",
    },
    Case {
        what: "unknown content page",
        method: "GET",
        path: "/{lang}/pages/nope",
        headers: &[],
        status: StatusCode::NOT_FOUND,
        id_title: "Halaman tidak ditemukan",
        en_title: "Page not found",
    },
    Case {
        what: "wrong method",
        method: "POST",
        path: "/{lang}/",
        headers: &[],
        status: StatusCode::METHOD_NOT_ALLOWED,
        id_title: "Cara membuka halaman ini tidak didukung",
        en_title: "This page cannot be opened that way",
    },
    Case {
        what: "body too large",
        method: "POST",
        path: "/{lang}/",
        headers: &[("content-length", "999999999")],
        status: StatusCode::PAYLOAD_TOO_LARGE,
        id_title: "Kiriman terlalu besar",
        en_title: "What you sent is too large",
    },
    Case {
        what: "rate limited",
        method: "GET",
        path: "/{lang}/test/limited",
        headers: &[],
        status: StatusCode::TOO_MANY_REQUESTS,
        id_title: "Terlalu banyak permintaan",
        en_title: "Too many requests",
    },
    Case {
        what: "handler error",
        method: "GET",
        path: "/{lang}/test/failure",
        headers: &[],
        status: StatusCode::INTERNAL_SERVER_ERROR,
        id_title: "Maaf, terjadi masalah pada sistem kami",
        en_title: "Sorry, there is a problem with our system",
    },
    Case {
        what: "panic",
        method: "GET",
        path: "/{lang}/test/panic",
        headers: &[],
        status: StatusCode::INTERNAL_SERVER_ERROR,
        id_title: "Maaf, terjadi masalah pada sistem kami",
        en_title: "Sorry, there is a problem with our system",
    },
];

#[actix_web::test]
async fn error_pages_are_localized_with_the_right_status() {
    let app = TestApp::spawn_with(|_| {}, test_routes).await;
    for case in CASES {
        for (lang, title) in [("id", case.id_title), ("en", case.en_title)] {
            let what = format!("{} ({lang})", case.what);
            let method = actix_web::http::Method::from_bytes(case.method.as_bytes()).unwrap();
            let mut req = test::TestRequest::default()
                .method(method)
                .uri(&case.path.replace("{lang}", lang));
            for &header in case.headers {
                req = req.insert_header(header);
            }
            let res = app.call(req).await;
            assert_eq!(res.status, case.status, "{what}");
            assert!(
                res.header("content-type").starts_with("text/html"),
                "{what}: HTML page"
            );
            assert_accessible_shell(&what, &res);
            let doc = res.html();
            assert_eq!(text_of(&doc, "h1"), title, "{what}");
            assert_eq!(
                doc.root_element().value().attr("lang"),
                Some(lang),
                "{what}"
            );
            assert!(!res.body.contains("secret"), "{what}: internals shown");
            assert_eq!(
                doc.select(&crate::helpers::sel("[aria-current]")).count(),
                0,
                "{what}: an error page is no nav item"
            );
        }
    }
    let limited = app.get("/en/test/limited").await;
    assert_eq!(
        limited.header("retry-after"),
        "60",
        "Retry-After survives the error page"
    );
}

#[actix_web::test]
async fn unknown_language_prefix_is_404_in_the_browser_language() {
    let app = TestApp::spawn().await;
    let res = app
        .call(
            test::TestRequest::get()
                .uri("/xx/")
                .insert_header(("Accept-Language", "en")),
        )
        .await;
    assert_eq!(res.status, 404);
    assert_eq!(text_of(&res.html(), "h1"), "Page not found");
    assert_accessible_shell("/xx/", &res);
}
