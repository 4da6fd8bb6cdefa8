//! Public surfaces: what each privacy level and state shows on the browse page, search,
//! statistics, agency records, CSV, JSON and feeds; filters and search; pagination that
//! stays stable when new reports arrive; hostile query strings; the page-size budget.

use crate::helpers::{TestApp, clean, sel, text_of};
use crate::reports::{Browser, report_of};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::db::reports;

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

/// A report through the form, then moved to `status`; its code.
pub async fn sent(app: &TestApp, privacy: &str, title: &str, status: &[&str]) -> String {
    let mut b = Browser::new(app);
    b.fill("complaint", privacy).await;
    let res = b
        .post(
            "/en/reports/new/details?return=check",
            &[
                ("title", title),
                ("description", "Wheelchair users cannot enter the office."),
                ("category", "accessibility-barrier"),
                ("return", "check"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let (code, _) = b.send_report().await;
    let r = report_of(app, &code).await;
    move_to(app, r.id, status).await;
    r.code
}

/// Move a report through `status`, one step after the other, as a verifier.
async fn move_to(app: &TestApp, id: i64, status: &[&str]) {
    for s in status {
        reports::set_status(
            &app.state.db,
            id,
            balai::domain::case::Status::parse(s).unwrap(),
            balai::domain::case::Actor::Verifier,
            true,
            None,
            now(),
        )
        .await
        .unwrap();
    }
}

#[actix_web::test]
async fn only_public_reports_reach_any_public_surface() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let public = sent(
        &app,
        "public",
        "Visible ramp",
        &["verified", "routed", "answered", "closed"],
    )
    .await;
    let anonymous = sent(&app, "anonymous", "Visible anonymous", &["verified"]).await;
    let hidden = [
        sent(
            &app,
            "confidential",
            "Hidden confidential",
            &["verified", "routed"],
        )
        .await,
        sent(&app, "public", "Hidden unchecked", &[]).await,
        sent(&app, "public", "Hidden rejected", &["rejected"]).await,
        sent(&app, "public", "Hidden asked", &["info-requested"]).await,
    ];
    let held = sent(&app, "public", "Hidden held", &["verified"]).await;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET held = TRUE WHERE code = $1").bind(&held).execute(p).await.map(|_| ())).unwrap();

    // The one rule, twice: the page's check and the query layer agree on every report.
    for code in [&public, &anonymous, &held]
        .into_iter()
        .chain(hidden.iter())
    {
        let r = reports::by_id(&app.state.db, report_of(&app, code).await.id)
            .await
            .unwrap()
            .unwrap();
        let listed = balai::db::public::by_code(&app.state.db, code)
            .await
            .unwrap()
            .is_some();
        assert_eq!(r.is_public(), listed, "{code}");
    }

    let surfaces = [
        "/en/reports?status=all",
        "/id/reports?status=all",
        "/en/reports?status=all&q=hidden",
        "/en/statistics",
        "/en/agencies",
        "/data/reports.csv",
        "/data/reports.json",
        "/feeds/resolved.atom",
    ];
    for path in surfaces {
        let res = app.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(
            !res.body.contains("Hidden"),
            "{path} shows a report that is not public"
        );
        assert!(
            !res.body.contains("Siti") && !res.body.contains("siti@contoh.id"),
            "{path} shows personal data"
        );
    }
    let all = app.get("/en/reports?status=all").await;
    assert!(all.body.contains("Visible ramp") && all.body.contains("Visible anonymous"));
    assert!(text_of(&all.html(), "#results").contains("2 published reports"));
    let resolved = app.get("/en/reports").await;
    assert!(
        resolved.body.contains("Visible ramp") && !resolved.body.contains("Visible anonymous"),
        "default: resolved only"
    );
    // Open data parses, and holds the public reports only.
    let csv = app.get("/data/reports.csv").await;
    assert_eq!(csv.body.lines().count(), 3, "{}", csv.body);
    let json: serde_json::Value =
        serde_json::from_str(&app.get("/data/reports.json").await.body).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("reporter_name").is_none())
    );
    let feed = app.get("/feeds/resolved.atom").await;
    let doc = roxmltree::Document::parse(&feed.body).unwrap();
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        1
    );
    let timeline = app.get(&format!("/feeds/reports/{public}.atom")).await;
    roxmltree::Document::parse(&timeline.body).unwrap();
    // Forwarded host headers are anyone's to send: they never reach the feed, and a Host
    // header that is not a host name is not used either.
    let forged = app
        .call(
            actix_web::test::TestRequest::get()
                .uri("/feeds/resolved.atom")
                .insert_header(("X-Forwarded-Host", "evil.example\"><x>"))
                .insert_header(("Forwarded", "host=evil.example;proto=https"))
                .insert_header(("Host", "balai.example:8080")),
        )
        .await;
    roxmltree::Document::parse(&forged.body).unwrap();
    assert!(!forged.body.contains("evil"), "{}", forged.body);
    assert!(
        forged
            .body
            .contains("<id>http://balai.example:8080/feeds/resolved.atom</id>")
    );
    let odd_host = app
        .call(
            actix_web::test::TestRequest::get()
                .uri("/feeds/resolved.atom")
                .insert_header(("Host", "a\"b<c>")),
        )
        .await;
    roxmltree::Document::parse(&odd_host.body).unwrap();
    assert!(
        odd_host.body.contains("http://localhost/"),
        "{}",
        odd_host.body
    );
    assert_eq!(
        app.get(&format!("/feeds/reports/{}.atom", hidden[0]))
            .await
            .status,
        404
    );
    // Statistics count the public reports only.
    let stats = app.get("/en/statistics").await;
    assert!(
        stats.body.contains("Figures of the 2 published reports"),
        "{}",
        text_of(&stats.html(), ".lede")
    );
    assert!(stats.body.contains("role=\"img\""));
}

#[actix_web::test]
async fn filters_and_search_find_the_right_reports() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    sent(
        &app,
        "public",
        "Lampu jalan mati di Sanur",
        &["verified", "routed", "answered", "closed"],
    )
    .await;
    sent(&app, "public", "Trotoar rusak", &["verified"]).await;
    let count = |body: &str| -> usize {
        scraper::Html::parse_document(body)
            .select(&sel("ol.results > li"))
            .count()
    };
    for (query, expected) in [
        ("status=all", 2),
        ("status=all&q=lampu", 1),
        ("status=all&q=LAMPU%20sanur", 1),
        ("status=all&q=nothing-like-this", 0),
        ("status=all&province=51", 2),
        ("status=all&province=51&regency=51.71", 2),
        ("status=all&province=32", 0),
        ("status=all&category=accessibility-barrier", 2),
        ("status=all&kind=aspiration", 0),
        ("status=open", 1),
        ("status=resolved", 1),
        ("status=all&from_day=28&from_month=11&from_year=2026", 0),
        ("status=all&to_day=1&to_month=1&to_year=2020", 0),
        ("status=all&sort=oldest", 2),
        ("status=all&sort=answered", 1),
    ] {
        let res = app.get(&format!("/en/reports?{query}")).await;
        assert_eq!(res.status, 200, "{query}");
        assert_eq!(count(&res.body), expected, "{query}");
    }
    let empty = app.get("/en/reports?status=all&q=nothing-like-this").await;
    assert!(empty.body.contains("Use fewer or other words"));
    // A search shown in English finds Indonesian text, and the other way round.
    let id = app.get("/id/reports?status=all&q=trotoar").await;
    assert_eq!(count(&id.body), 1);
}

#[actix_web::test]
async fn hostile_query_strings_get_a_normal_page_with_a_message() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let long = "a".repeat(10_000);
    for query in [
        "kind=bogus".to_owned(),
        "status=everything".to_owned(),
        "category=%27%20OR%201%3D1%20--".to_owned(),
        "q=%22%20OR%20%2A%20NEAR".to_owned(),
        "q=NOT%20AND%20OR%20%28%29%22".to_owned(),
        format!("q={long}"),
        "after=-1&p=999999999999".to_owned(),
        "after=abc&before=%00".to_owned(),
        "sort=answered&after=99999999999999999999999999999_1".to_owned(),
        "from_day=31&from_month=2&from_year=2026".to_owned(),
        "p=%ZZ".to_owned(),
        "status=all&status=all".to_owned(),
    ] {
        let res = app.get(&format!("/en/reports?{query}")).await;
        assert_eq!(res.status, 200, "{query}: {}", res.status);
        assert!(res.body.contains("<h1>Reports</h1>"), "{query}");
    }
    let res = app.get("/en/reports?kind=bogus").await;
    assert!(res.body.contains("were not recognised"));
    assert_eq!(app.get("/data/reports.csv?kind=bogus").await.status, 400);
    assert_eq!(app.get("/data/reports.json?status=x").await.status, 400);
}

#[actix_web::test]
async fn pages_stay_stable_when_new_reports_arrive() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let seeded = balai::seed::synthetic(&app.state, 120, 7, now())
        .await
        .unwrap();
    assert_eq!(seeded, 120);
    let first = app.get("/en/reports?status=all").await;
    let doc = first.html();
    let titles = |doc: &scraper::Html| -> Vec<String> {
        doc.select(&sel("ol.results h3 a"))
            .map(|a| a.value().attr("href").unwrap().to_owned())
            .collect()
    };
    let page1 = titles(&doc);
    assert_eq!(page1.len(), 20);
    let next = doc
        .select(&sel("a[rel=next]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    // New reports arrive between pages.
    balai::seed::synthetic(&app.state, 30, 8, now())
        .await
        .unwrap();
    let second = app.get(&next).await;
    let page2 = titles(&second.html());
    assert_eq!(page2.len(), 20);
    assert!(page2.iter().all(|h| !page1.contains(h)), "no report twice");
    // Back again, and the last page.
    let doc = second.html();
    let prev = doc
        .select(&sel("a[rel=prev]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let back = titles(&app.get(&prev).await.html());
    assert_eq!(back, page1, "Previous returns to the same reports");
    let last_href = doc
        .select(&sel(".pagination a"))
        .next_back()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    let last = app.get(&last_href).await;
    assert_eq!(last.status, 200);
    assert!(!titles(&last.html()).is_empty());
}

#[actix_web::test]
async fn every_public_page_fits_in_14_kb_compressed_with_its_css() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    balai::seed::synthetic(&app.state, 60, 3, now())
        .await
        .unwrap();
    let css = app
        .call(
            TestRequest::get()
                .uri(&app.state.assets.url("css/site.css"))
                .insert_header(("accept-encoding", "gzip")),
        )
        .await;
    for lang in ["id", "en"] {
        let mut pages = crate::helpers::pages(lang);
        pages.extend([
            format!("/{lang}/reports"),
            format!("/{lang}/reports?status=all"),
            format!("/{lang}/statistics"),
            format!("/{lang}/agencies"),
        ]);
        for path in pages {
            let res = app
                .call(
                    TestRequest::get()
                        .uri(&path)
                        .insert_header(("accept-encoding", "gzip")),
                )
                .await;
            let total = res.raw_len + css.raw_len;
            assert!(
                total <= 14 * 1024,
                "{path}: {total} bytes compressed with its CSS"
            );
        }
    }
}

/// Statistics read the reports a batch at a time: the figures are the same whatever the
/// batch size (one report, a few, all at once).
#[actix_web::test]
async fn statistics_are_the_same_read_in_batches() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    balai::seed::synthetic(&app.state, 45, 5, now())
        .await
        .unwrap();
    let content = app.state.content();
    let mut seen = Vec::new();
    for batch in [1, 7, 20, 1000] {
        let s = balai::stats::tally(&app.state.db, content.clone(), now(), batch)
            .await
            .unwrap();
        seen.push(format!(
            "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            s.total,
            s.by_status,
            s.by_kind,
            s.by_category,
            s.by_province,
            s.median_verify_days,
            s.median_answer_days,
            s.on_time_percent,
            s.monthly,
            s.agencies
        ));
    }
    assert!(!seen[0].starts_with("0 "), "the seeded reports are counted");
    assert!(seen.iter().all(|s| s == &seen[0]), "{seen:#?}");
}

/// The numbered page links (two before and two after the current page) lead to the same
/// reports as walking there with "Next", in every order.
#[actix_web::test]
async fn numbered_page_links_lead_to_the_right_pages() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    balai::seed::synthetic(&app.state, 200, 11, now())
        .await
        .unwrap();
    let hrefs = |res: &crate::helpers::TestResponse, selector: &str| -> Vec<String> {
        res.html()
            .select(&sel(selector))
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect()
    };
    let page_link = |res: &crate::helpers::TestResponse, n: i64| -> String {
        let doc = res.html();
        doc.select(&sel(".pagination a"))
            .find(|a| clean(&a.text().collect::<String>()) == format!("Page {n}"))
            .and_then(|a| a.value().attr("href").map(str::to_owned))
            .unwrap_or_else(|| panic!("no link to page {n}"))
    };
    for sort in ["newest", "oldest", "answered"] {
        let start = format!("/en/reports?status=all&sort={sort}");
        // Walk the first five pages with Next.
        let mut pages = Vec::new();
        let mut res = app.get(&start).await;
        for _ in 0..5 {
            pages.push(hrefs(&res, "ol.results h3 a"));
            let next = hrefs(&res, "a[rel=next]");
            res = app.get(&next[0]).await;
        }
        assert!(pages.iter().all(|p| p.len() == 20), "{sort}: full pages");
        // From page 1: pages 2 and 3. From page 3: pages 1, 2, 4 and 5.
        let first = app.get(&start).await;
        for n in [2, 3] {
            let got = app.get(&page_link(&first, n)).await;
            assert_eq!(
                hrefs(&got, "ol.results h3 a"),
                pages[n as usize - 1],
                "{sort}: 1 -> {n}"
            );
        }
        let third = app.get(&page_link(&first, 3)).await;
        for n in [1, 2, 4, 5] {
            let got = app.get(&page_link(&third, n)).await;
            assert_eq!(
                hrefs(&got, "ol.results h3 a"),
                pages[n as usize - 1],
                "{sort}: 3 -> {n}"
            );
        }
    }
}

/// A public report's page is kept while its stamp (version, last change, last event) is
/// unchanged, and the stamp is trusted for a second: a staff edit made through another
/// instance (here, straight in the database) shows on the first view after that second,
/// and so does a new public event.
#[actix_web::test]
async fn a_report_page_changed_elsewhere_shows_the_change_within_a_second() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let code = sent(
        &app,
        "public",
        "Ramp broken at the east door",
        &["verified"],
    )
    .await;
    let url = format!("/en/reports/{code}");
    assert!(app.get(&url).await.body.contains("the east door"));
    assert!(app.get(&url).await.body.contains("the east door"), "kept");
    let id = report_of(&app, &code).await.id;
    let edit = format!(
        "UPDATE reports SET title = 'Ramp broken at a door', version = version + 1 WHERE id = {id}"
    );
    balai::on_pool!(&app.state.db, p => sqlx::query(&edit).execute(p).await.map(|_| ())).unwrap();
    tokio::time::sleep(balai::state::REPORT_STAMPS_FRESH_FOR).await;
    let page = app.get(&url).await.body;
    assert!(
        !page.contains("the east door"),
        "the edited-out words are gone a second later"
    );
    assert!(page.contains("Ramp broken at a door"));
    reports::set_status(
        &app.state.db,
        id,
        balai::domain::case::Status::Routed,
        balai::domain::case::Actor::Verifier,
        true,
        None,
        now(),
    )
    .await
    .unwrap();
    tokio::time::sleep(balai::state::REPORT_STAMPS_FRESH_FOR).await;
    let page = app.get(&url).await.body;
    assert!(
        page.contains("Sent to the government body"),
        "the new step is shown"
    );
}

/// A browse page is kept for a few seconds: a report published through another instance
/// (here, straight in the database) is listed once that time has passed.
#[actix_web::test]
async fn a_browse_page_shows_a_change_made_elsewhere_within_seconds() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let code = sent(&app, "public", "Lift out of order at the clinic", &[]).await;
    let list = "/en/reports?status=all";
    assert!(!app.get(list).await.body.contains("Lift out of order"));
    let id = report_of(&app, &code).await.id;
    reports::set_status(
        &app.state.db,
        id,
        balai::domain::case::Status::Verified,
        balai::domain::case::Actor::Verifier,
        true,
        None,
        now(),
    )
    .await
    .unwrap();
    tokio::time::sleep(balai::routes::browse::BROWSE_FRESH_FOR).await;
    assert!(app.get(list).await.body.contains("Lift out of order"));
}

/// The place typed in the reporter's own words can be a home: no public surface shows it
/// (the page agrees with the exports), while the reporter and staff still see it.
#[actix_web::test]
async fn the_free_text_place_is_on_no_public_surface() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let (code, key) = b.send_report().await;
    let r = report_of(&app, &code).await;
    assert_eq!(r.place.as_deref(), Some("Kantor Desa Sanur Kaja"));
    move_to(&app, r.id, &["verified", "routed", "answered", "closed"]).await;
    for path in [
        format!("/en/reports/{}", r.code),
        format!("/id/reports/{}", r.code),
        "/en/reports?status=all".to_owned(),
        "/data/reports.csv".to_owned(),
        "/data/reports.json".to_owned(),
        "/feeds/resolved.atom".to_owned(),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status, 200, "{path}");
        assert!(res.body.contains("Ramp at the village office"), "{path}");
        assert!(!res.body.contains("Sanur Kaja"), "{path} shows the place");
    }
    // The reporter's own view keeps it.
    let res = b.post("/en/track", &[("code", &code), ("key", &key)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let view = b.get(res.header("location")).await;
    assert_eq!(view.status, 200);
    assert!(view.body.contains("Kantor Desa Sanur Kaja"));
}

/// A public photo is kept by a shared cache only as briefly as its report's page (the
/// `Report` policy, with a validator): once its report is no longer public, the next
/// request to Balai, revalidation included, is a 404 at once.
#[actix_web::test]
async fn a_public_photo_is_revalidated_and_gone_at_once_when_its_report_is_hidden() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let res = crate::reports::upload(
        &mut b,
        &crate::reports::jpeg_with_exif(),
        "image/jpeg",
        "Tangga",
        &"e5".repeat(16),
    )
    .await;
    assert_eq!(res.status, 303);
    let (code, _) = b.send_report().await;
    let id = report_of(&app, &code).await.id;
    move_to(&app, id, &["verified"]).await;
    let photo = reports::report_photos(&app.state.db, id).await.unwrap()[0]
        .id
        .clone();
    let url = format!("/media/{photo}/thumb");
    let res = app.get(&url).await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("cache-control"),
        balai::http_cache::Policy::Report.cache_control()
    );
    let etag = res.header("etag").to_owned();
    assert!(etag.starts_with("W/\""), "{etag:?}");
    let again = |etag: String| {
        TestRequest::get()
            .uri(&url)
            .insert_header(("if-none-match", etag))
    };
    let res = app.call(again(etag.clone())).await;
    assert_eq!(res.status, 304);
    move_to(&app, id, &["rejected"]).await;
    assert_eq!(app.call(again(etag)).await.status, 404);
    assert_eq!(app.get(&url).await.status, 404);
}
