//! HTTP caching of public answers (`balai::http_cache`, issue #23): every kind of public
//! page answers with a weak `ETag`, its policy's `Cache-Control` and `Vary`, and a 304
//! with the same headers and no body to a matching `If-None-Match`; a change gives a new
//! tag; personal pages, forms, the back office and anything that sets a cookie are
//! `private, no-store` and never answer 304; hostile `If-None-Match` headers get a 200.

use crate::helpers::{TestApp, TestResponse};
use crate::reports::{Browser, report_of};
use crate::staff::{act, report, sign_in};
use crate::workshops::{SMALL, person, register};
use actix_web::http::header::HeaderValue;
use actix_web::test::TestRequest;
use balai::http_cache::{PRIVATE, Policy};

/// GET `path` (gzip accepted, like a browser or nginx) with these `If-None-Match` values.
async fn get_if(app: &TestApp, path: &str, tags: &[&str]) -> TestResponse {
    let mut req = TestRequest::get()
        .uri(path)
        .insert_header(("accept-encoding", "gzip, br"));
    for t in tags {
        req = req.append_header(("if-none-match", *t));
    }
    app.call(req).await
}

/// `path` is cacheable as `policy` says and revalidates (GET and HEAD); its tag.
async fn assert_cacheable(app: &TestApp, path: &str, policy: Policy) -> String {
    let full = get_if(app, path, &[]).await;
    assert_eq!(full.status, 200, "{path}: {}", full.body);
    assert!(!full.body.is_empty(), "{path}");
    let etag = full.header("etag").to_owned();
    assert!(
        etag.starts_with("W/\"") && etag.ends_with('"'),
        "{path}: {etag:?}"
    );
    assert_eq!(
        full.header("cache-control"),
        policy.cache_control(),
        "{path}"
    );
    assert!(vary_has(&full, "accept-encoding"), "{path}");
    assert_one_vary(&full, path);
    assert!(full.headers.get("set-cookie").is_none(), "{path}");

    let short = get_if(app, path, &[&etag]).await;
    assert_eq!(short.status, 304, "{path}");
    assert!(short.body.is_empty(), "{path}: a 304 has no body");
    assert!(short.headers.get("content-encoding").is_none(), "{path}");
    for h in ["etag", "cache-control"] {
        assert_eq!(short.header(h), full.header(h), "{path}: {h}");
    }
    assert_eq!(vary_of(&short), vary_of(&full), "{path}: vary");
    assert_one_vary(&short, path);
    // Weak comparison, lists and `*`.
    let strong = etag.trim_start_matches("W/");
    for asked in [strong, "*", &format!("\"other\", {etag}")] {
        assert_eq!(
            get_if(app, path, &[asked]).await.status,
            304,
            "{path}: {asked}"
        );
    }
    assert_eq!(
        get_if(app, path, &["W/\"other\""]).await.status,
        200,
        "{path}"
    );
    // If-None-Match wins over If-Modified-Since (RFC 9110 13.1.3), which is never used
    // alone either: the tag is the only validator.
    for (tag, status) in [("W/\"other\"", 200), (etag.as_str(), 304)] {
        let res = app
            .call(
                TestRequest::get()
                    .uri(path)
                    .insert_header(("if-none-match", tag))
                    .insert_header(("if-modified-since", "Sun, 06 Nov 2994 08:49:37 GMT")),
            )
            .await;
        assert_eq!(res.status, status, "{path}: {tag} with If-Modified-Since");
    }
    let res = app
        .call(
            TestRequest::get()
                .uri(path)
                .insert_header(("if-modified-since", "Sun, 06 Nov 2994 08:49:37 GMT")),
        )
        .await;
    assert_eq!(res.status, 200, "{path}: If-Modified-Since alone");
    // HEAD is GET without the body: the same tag, and the same 304.
    let head = app
        .call(
            TestRequest::default()
                .method(actix_web::http::Method::HEAD)
                .uri(path),
        )
        .await;
    assert_eq!(
        (head.status.as_u16(), head.header("etag")),
        (200, etag.as_str()),
        "{path}"
    );
    let head = app
        .call(
            TestRequest::default()
                .method(actix_web::http::Method::HEAD)
                .uri(path)
                .insert_header(("if-none-match", etag.as_str())),
        )
        .await;
    assert_eq!(head.status, 304, "{path}: HEAD");
    etag
}

/// Every `Vary` value, lower case, once each.
fn vary_of(res: &TestResponse) -> std::collections::BTreeSet<String> {
    res.headers
        .get_all("vary")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

fn vary_has(res: &TestResponse, name: &str) -> bool {
    vary_of(res).contains(name)
}

/// One `Vary` line naming each field once (the compression middleware appends its own
/// `accept-encoding` to the handler's: `http_cache::one_vary` merges them).
fn assert_one_vary(res: &TestResponse, what: &str) {
    let lines: Vec<_> = res.headers.get_all("vary").collect();
    assert_eq!(lines.len(), 1, "{what}: {lines:?}");
    let names: Vec<String> = lines[0]
        .to_str()
        .unwrap()
        .split(',')
        .map(|v| v.trim().to_ascii_lowercase())
        .collect();
    assert_eq!(names.len(), vary_of(res).len(), "{what}: {names:?}");
}

/// `path` is never kept and never answers 304.
async fn assert_private(app: &TestApp, path: &str) {
    let res = get_if(app, path, &["*"]).await;
    assert_private_answer(&res, path);
}

fn assert_private_answer(res: &TestResponse, what: &str) {
    assert_ne!(res.status, 304, "{what}");
    assert_eq!(
        res.header("cache-control"),
        PRIVATE,
        "{what}: {}",
        res.status
    );
    assert!(res.headers.get("etag").is_none(), "{what}");
}

/// A report with a photo, verified through the staff form.
struct WithPhoto<'a> {
    code: String,
    /// The photo's display URL.
    photo: String,
    /// The reporter's browser, with the private view open.
    reporter: Browser<'a>,
    /// A verifier's browser.
    verifier: Browser<'a>,
}

async fn report_with_photo<'a>(app: &'a TestApp, privacy: &str) -> WithPhoto<'a> {
    let mut reporter = Browser::new(app);
    reporter.fill("complaint", privacy).await;
    let jpeg = crate::reports::jpeg_with_exif();
    let res = crate::reports::upload(
        &mut reporter,
        &jpeg,
        "image/jpeg",
        "Tangga",
        &"c4".repeat(16),
    )
    .await;
    assert_eq!(res.status, 303);
    let (code, key) = reporter.send_report().await;
    let id = report_of(app, &code).await.id;
    let mut verifier = sign_in(app, "verifier@balai.id").await;
    assert_eq!(act(&mut verifier, id, "verify", &[]).await.status, 303);
    let photo = &balai::db::reports::report_photos(&app.state.db, id)
        .await
        .unwrap()[0]
        .id;
    let res = reporter
        .post("/en/track", &[("code", &code), ("key", &key)])
        .await;
    assert_eq!(res.status, 303);
    WithPhoto {
        photo: format!("/media/{photo}/display"),
        code,
        reporter,
        verifier,
    }
}

#[actix_web::test]
async fn every_kind_of_public_page_has_a_validator_a_policy_and_a_304() {
    let app = crate::staff::app().await;
    let WithPhoto { code, photo, .. } = report_with_photo(&app, "public").await;
    for (path, policy) in [
        ("/en/".to_owned(), Policy::Content),
        ("/id/".to_owned(), Policy::Content),
        ("/en/pages/about".to_owned(), Policy::Content),
        ("/en/campaigns".to_owned(), Policy::Content),
        ("/en/campaigns/suara-setara".to_owned(), Policy::Workshop),
        ("/en/workshops".to_owned(), Policy::Workshop),
        (format!("/en/workshops/{SMALL}"), Policy::Workshop),
        (format!("/en/reports/{code}"), Policy::Report),
        (format!("/id/reports/{code}?any=query"), Policy::Report),
        ("/en/reports".to_owned(), Policy::Listing),
        (
            "/en/reports?status=all&sort=oldest".to_owned(),
            Policy::Listing,
        ),
        ("/en/statistics".to_owned(), Policy::Statistics),
        ("/en/agencies".to_owned(), Policy::Statistics),
        ("/en/agencies/kemenkes".to_owned(), Policy::Listing),
        ("/feeds/resolved.atom".to_owned(), Policy::Feed),
        (format!("/feeds/reports/{code}.atom"), Policy::Report),
        ("/data/reports.csv".to_owned(), Policy::OpenData),
        (
            "/data/reports.json?status=open".to_owned(),
            Policy::OpenData,
        ),
        ("/open311/v2/discovery.json".to_owned(), Policy::Content),
        ("/open311/v2/services.xml".to_owned(), Policy::Content),
        ("/open311/v2/requests.json".to_owned(), Policy::Listing),
        (format!("/open311/v2/requests/{code}.xml"), Policy::Report),
        (photo.clone(), Policy::Report),
    ] {
        assert_cacheable(&app, &path, policy).await;
    }
    // Open311 answers follow Accept-Language: a cache keeps one per language.
    let res = get_if(&app, "/open311/v2/requests.json", &[]).await;
    assert_eq!(res.header("content-encoding"), "gzip");
    assert_eq!(res.header("vary"), "accept-language, accept-encoding");
    assert_one_vary(&res, "Open311");
    // A page in the page cache answers the 304 without rendering; the body it would have
    // sent is the one the tag was made from (same tag for gzip and plain: weak).
    let plain = app.get(&format!("/en/reports/{code}")).await;
    let gz = get_if(&app, &format!("/en/reports/{code}"), &[]).await;
    assert_eq!(gz.header("content-encoding"), "gzip");
    // Compressed by the middleware (a page rendered per request) or kept as gzip: one
    // Vary, `accept-encoding` once.
    for path in [
        "/en/reports",
        "/en/statistics",
        &format!("/en/reports/{code}"),
    ] {
        let res = get_if(&app, path, &[]).await;
        assert_eq!(res.header("content-encoding"), "gzip", "{path}");
        assert_eq!(res.header("vary"), "accept-encoding", "{path}");
        assert_one_vary(&res, path);
    }
    assert_eq!(plain.header("etag"), gz.header("etag"));
}

#[actix_web::test]
async fn a_change_gives_a_new_tag_and_the_old_one_a_full_page() {
    let app = crate::staff::app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    let report_page = format!("/en/reports/{code}");
    let paths = [
        report_page.as_str(),
        "/en/reports?status=all",
        "/data/reports.csv",
        "/data/reports.json",
        "/open311/v2/requests.json",
    ];
    let mut before = Vec::new();
    for p in paths {
        let res = app.get(p).await;
        assert_eq!(res.status, 200, "{p}");
        assert!(res.body.contains("Ramp at the village office"), "{p}");
        before.push(res.header("etag").to_owned());
    }
    // Staff remove personal data from the title: every public copy gets a new tag, and
    // a cache revalidating with the old one gets the new text.
    let res = act(
        &mut v,
        id,
        "edit",
        &[
            ("title", "Ramp broken"),
            ("description", "The ramp has a step."),
        ],
    )
    .await;
    assert_eq!(res.status, 303);
    for (p, old) in paths.iter().zip(&before) {
        let res = get_if(&app, p, &[old]).await;
        assert_eq!(res.status, 200, "{p}: the old tag must not match");
        assert_ne!(res.header("etag"), old, "{p}");
        assert!(!res.body.contains("Ramp at the village office"), "{p}");
        assert_eq!(
            get_if(&app, p, &[res.header("etag")]).await.status,
            304,
            "{p}"
        );
    }

    // A registration changes the places left on the workshop and campaign pages.
    let pages = [
        format!("/en/workshops/{SMALL}"),
        "/en/campaigns/suara-setara".to_owned(),
        "/en/workshops".to_owned(),
    ];
    let mut before = Vec::new();
    for p in &pages {
        before.push(app.get(p).await.header("etag").to_owned());
    }
    register(&app, SMALL, person(0)).await;
    for (p, old) in pages.iter().zip(&before) {
        let res = get_if(&app, p, &[old]).await;
        assert_eq!(res.status, 200, "{p}: places changed");
        assert_ne!(res.header("etag"), old, "{p}");
    }
}

#[actix_web::test]
async fn personal_pages_forms_staff_pages_and_cookies_are_never_cached() {
    let app = crate::staff::app().await;
    let (id, code, key) = report(&app, "public").await;
    for path in [
        "/en/reports/new",
        "/en/reports/new/kind",
        "/en/track",
        "/en/track/lost-key",
        "/en/staff/sign-in",
        "/en/accessibility/report",
        "/en/workshops/registrations",
        &format!("/en/workshops/{SMALL}/register"),
    ] {
        assert_private(&app, path).await;
    }
    // Anything that sets a cookie: a draft, a staff session, a private view.
    let mut b = Browser::new(&app);
    let res = b.post("/en/reports/new", &[]).await;
    assert!(res.headers.get("set-cookie").is_some());
    assert_private_answer(&res, "POST /en/reports/new");
    let res = b.post("/en/track", &[("code", &code), ("key", &key)]).await;
    assert!(res.headers.get("set-cookie").is_some());
    assert_private_answer(&res, "POST /en/track");
    let view = b
        .send(
            TestRequest::get()
                .uri(&format!("/en/track/{code}"))
                .insert_header(("if-none-match", "*")),
        )
        .await;
    assert_eq!(view.status, 200);
    assert_private_answer(&view, "the reporter's private view");
    let mut staff = Browser::new(&app);
    let res = staff
        .post(
            "/en/staff/sign-in",
            &[
                ("email", "verifier@balai.id"),
                ("password", crate::staff::PASSWORD),
            ],
        )
        .await;
    assert!(res.headers.get("set-cookie").is_some());
    assert_private_answer(&res, "POST /en/staff/sign-in");
    for path in ["/en/staff", &format!("/en/staff/reports/{id}")] {
        let res = staff
            .send(
                TestRequest::get()
                    .uri(path)
                    .insert_header(("if-none-match", "*")),
            )
            .await;
        assert_eq!(res.status, 200, "{path}");
        assert_private_answer(&res, path);
    }
    assert_eq!(act(&mut staff, id, "verify", &[]).await.status, 303);

    // Public pages do not depend on who asks: a signed-in member of staff and a reporter
    // with their cookies get the very page (the same tag) a stranger gets, so a shared
    // cache may serve one to the other.
    for path in [
        "/en/",
        &format!("/en/reports/{code}"),
        "/en/reports",
        "/en/statistics",
    ] {
        let stranger = app.get(path).await;
        let signed_in = staff.get(path).await;
        let reporter = b.get(path).await;
        assert_eq!(stranger.status, 200, "{path}");
        assert_eq!(signed_in.header("etag"), stranger.header("etag"), "{path}");
        assert_eq!(reporter.header("etag"), stranger.header("etag"), "{path}");
        assert!(signed_in.headers.get("set-cookie").is_none(), "{path}");
    }
}

#[actix_web::test]
async fn a_report_that_is_not_public_is_never_cacheable() {
    let app = crate::staff::app().await;
    let WithPhoto {
        code,
        photo,
        mut reporter,
        mut verifier,
    } = report_with_photo(&app, "confidential").await;
    // The tag the photo would have if it were public confirms nothing either.
    let id = photo.split('/').nth(2).unwrap();
    let would_be = balai::http_cache::ETag::of_version(("photo", id, "display"));
    let would_be = would_be.header().to_str().unwrap().to_owned();
    for (path, tag) in [
        (format!("/en/reports/{code}"), "*"),
        (format!("/feeds/reports/{code}.atom"), "*"),
        (format!("/open311/v2/requests/{code}.json"), "*"),
        (photo.clone(), "*"),
        (photo.clone(), would_be.as_str()),
    ] {
        let res = get_if(&app, &path, &[tag]).await;
        assert_eq!(res.status, 404, "{path}");
        assert!(!res.header("cache-control").contains("public"), "{path}");
        assert!(res.headers.get("etag").is_none(), "{path}");
    }
    // Staff and the reporter see the photo, privately.
    for (who, browser) in [("staff", &mut verifier), ("reporter", &mut reporter)] {
        let res = browser
            .send(
                TestRequest::get()
                    .uri(&photo)
                    .insert_header(("if-none-match", "*")),
            )
            .await;
        assert_eq!(res.status, 200, "{who}");
        assert_private_answer(&res, who);
    }
}

#[actix_web::test]
async fn hostile_if_none_match_headers_get_the_page() {
    let app = crate::staff::app().await;
    let WithPhoto { code, photo, .. } = report_with_photo(&app, "public").await;
    let page = format!("/en/reports/{code}");
    let etag = app.get(&page).await.header("etag").to_owned();
    let many = vec!["W/\"0123456789abcdef\""; 3000].join(", ");
    let huge = format!("\"{}\"", "a".repeat(60_000));
    let hostile: Vec<String> = vec![
        String::new(),
        ",,,,".into(),
        "W/".into(),
        "\"unterminated".into(),
        "W/\"a\" garbage".into(),
        "*, *".into(),
        format!("{etag} {etag}"),
        format!("{many}, {etag}"),
        huge,
        "\u{0}".into(),
    ];
    for path in [
        page.as_str(),
        "/en/",
        "/en/reports",
        "/data/reports.csv",
        "/feeds/resolved.atom",
        "/open311/v2/requests.json",
        photo.as_str(),
    ] {
        for h in &hostile {
            let Ok(value) = HeaderValue::from_str(h) else {
                continue;
            };
            let res = app
                .call(
                    TestRequest::get()
                        .uri(path)
                        .insert_header(("if-none-match", value)),
                )
                .await;
            assert_eq!(res.status, 200, "{path}: {:.60}", h);
        }
        // Bytes that are not text (obs-text) are read as bytes, not refused.
        let raw = HeaderValue::from_bytes(b"\"\xff\xfe\", W/\"\x80\"").unwrap();
        let res = app
            .call(
                TestRequest::get()
                    .uri(path)
                    .insert_header(("if-none-match", raw)),
            )
            .await;
        assert_eq!(res.status, 200, "{path}: obs-text");
    }
}

#[actix_web::test]
async fn a_public_photo_answers_304_without_reading_its_bytes() {
    let app = crate::staff::app().await;
    let WithPhoto { photo, .. } = report_with_photo(&app, "public").await;
    let tag = get_if(&app, &photo, &[]).await.header("etag").to_owned();
    let sql = |q: &'static str| {
        let app = &app;
        async move {
            balai::on_pool!(&app.state.db, p => sqlx::query(q).execute(p).await.map(|_| ()))
                .unwrap();
        }
    };
    // The bytes out of reach: the 304 does not need them (a 200 does, and fails).
    sql("ALTER TABLE photos RENAME COLUMN display TO display_away").await;
    let short = get_if(&app, &photo, &[&tag]).await;
    assert_eq!(short.status, 304, "{}", short.body);
    assert_eq!(short.header("etag"), tag);
    assert_eq!(
        short.header("cache-control"),
        Policy::Report.cache_control()
    );
    assert_eq!(get_if(&app, &photo, &[]).await.status, 500);
    sql("ALTER TABLE photos RENAME COLUMN display_away TO display").await;
    assert_eq!(get_if(&app, &photo, &[&tag]).await.status, 304);
    assert_eq!(get_if(&app, &photo, &[]).await.status, 200);
}
