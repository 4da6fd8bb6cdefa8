//! Issue #21, items 13, 14 and 16 (open data): reporting a barrier of the portal itself,
//! finding statistics and feeds, the regency filter, `/robots.txt`, trailing slashes, and
//! open-data errors in the format asked for.

use crate::helpers::{TestApp, clean, sel, text_of};
use crate::public::sent;
use crate::reports::{Browser, count, report_of};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::domain::case::Status;
use balai::domain::report::Privacy;

async fn app() -> TestApp {
    TestApp::spawn_with(fixed, |_| {}).await
}

// ---------------------------------------------------------------------------------------
// Item 14: robots, trailing slashes, menu, feeds, regency filter.
// ---------------------------------------------------------------------------------------

#[actix_web::test]
async fn robots_txt_keeps_robots_out_of_private_pages_only() {
    let app = app().await;
    let res = app.get("/robots.txt").await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("text/plain"));
    let lines: Vec<&str> = res.body.lines().collect();
    assert_eq!(lines.first(), Some(&"User-agent: *"));
    for lang in ["id", "en"] {
        for p in [
            "staff",
            "track",
            "reports/new",
            "accessibility/report",
            "workshops/registrations",
            "workshops/*/register",
            "mail/",
        ] {
            let line = format!("Disallow: /{lang}/{p}");
            assert!(
                lines.contains(&line.as_str()),
                "{line} missing:\n{}",
                res.body
            );
        }
    }
    // Public pages are not disallowed.
    for public in [
        "/en/reports",
        "/en/statistics",
        "/en/pages",
        "/feeds",
        "/data",
    ] {
        assert!(
            !lines.iter().any(|l| *l == format!("Disallow: {public}")),
            "{public}"
        );
    }
    assert!(lines.contains(&"Allow: /"));
}

#[actix_web::test]
async fn a_trailing_slash_moves_to_the_path_without_it_and_never_off_site() {
    let app = app().await;
    // `/en/staff/` answered 404.
    let res = app.get("/en/staff/").await;
    assert_eq!(res.status, 301, "{}", res.body);
    assert_eq!(res.header("location"), "/en/staff");
    let res = app.get("/en/reports/?province=51&sort=oldest").await;
    assert_eq!(res.status, 301);
    assert_eq!(
        res.header("location"),
        "/en/reports?province=51&sort=oldest"
    );
    let res = app.get("/en/pages/help//").await;
    assert_eq!(res.header("location"), "/en/pages/help");
    // Anything but a read keeps its method and body: 308.
    let res = app
        .call(
            TestRequest::post()
                .uri("/en/track/")
                .set_form([("code", "x")]),
        )
        .await;
    assert_eq!(res.status, 308);
    assert_eq!(res.header("location"), "/en/track");
    // Home pages keep their slash; the bare prefix still goes to them.
    assert_eq!(app.get("/en/").await.status, 200);
    assert_eq!(app.get("/en").await.header("location"), "/en/");
    // Never to another site.
    for path in [
        "//evil.com/",
        "///evil.com/",
        "/%2F%2Fevil.com/",
        "/%5Cevil.com/",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status, 404, "{path}");
        assert_eq!(res.header("location"), "", "{path}");
        assert!(
            res.header("content-type").starts_with("text/html"),
            "{path}"
        );
    }
    // A path that does not exist without its slash either still ends at the 404 page.
    let res = app.get("/en/no-such-page/").await;
    assert_eq!(res.header("location"), "/en/no-such-page");
    assert_eq!(app.get("/en/no-such-page").await.status, 404);
}

#[actix_web::test]
async fn statistics_and_agencies_are_linked_from_the_menu_and_the_home_page() {
    let app = app().await;
    for lang in ["en", "id"] {
        let home = app.get(&format!("/{lang}/")).await.html();
        let nav = format!(".site-nav a[href='/{lang}/statistics']");
        assert_eq!(home.select(&sel(&nav)).count(), 1, "{lang}: menu");
        let card = format!("main a[href='/{lang}/agencies']");
        assert_eq!(home.select(&sel(&card)).count(), 1, "{lang}: home");
        let card = format!("main a[href='/{lang}/statistics']");
        assert_eq!(home.select(&sel(&card)).count(), 1, "{lang}: home");
        // The menu marks the statistics page as current there.
        let stats = app.get(&format!("/{lang}/statistics")).await.html();
        let current = format!(".site-nav a[href='/{lang}/statistics'][aria-current='page']");
        assert_eq!(stats.select(&sel(&current)).count(), 1);
    }
}

#[actix_web::test]
async fn a_report_page_links_its_feed_and_the_browse_page_the_area_feed() {
    let app = app().await;
    let code = sent(&app, "public", "Ramp with a step", &["verified"]).await;
    let page = app.get(&format!("/en/reports/{code}")).await;
    assert_eq!(page.status, 200);
    let doc = page.html();
    let href = format!("/feeds/reports/{code}.atom");
    let head = format!("head link[rel='alternate'][type='application/atom+xml'][href='{href}']");
    assert_eq!(doc.select(&sel(&head)).count(), 1, "{}", page.body);
    let visible = format!("main a[href='{href}']");
    assert_eq!(doc.select(&sel(&visible)).count(), 1);
    assert_eq!(app.get(&href).await.status, 200);

    // The browse page: the feed of what it shows, a province's when one is chosen.
    let doc = app.get("/en/reports").await.html();
    let plain =
        "head link[rel='alternate'][type='application/atom+xml'][href='/feeds/resolved.atom']";
    assert_eq!(doc.select(&sel(plain)).count(), 1);
    let doc = app
        .get("/en/reports?province=51&regency=51.71")
        .await
        .html();
    let area = "/feeds/resolved.atom?province=51&regency=51.71";
    let head = format!("head link[rel='alternate'][type='application/atom+xml'][href='{area}']");
    assert_eq!(doc.select(&sel(&head)).count(), 1);
    let visible = format!("main a[href='{area}']");
    assert_eq!(doc.select(&sel(&visible)).count(), 1);
    assert_eq!(app.get(area).await.status, 200);
}

#[actix_web::test]
async fn browse_narrows_to_a_regency_with_a_plain_form() {
    let app = app().await;
    let code = sent(&app, "public", "Ramp in Denpasar", &["verified"]).await;
    // Without a province, the province's hint says how to reach the regencies.
    let doc = app.get("/en/reports?status=all").await.html();
    assert_eq!(doc.select(&sel("select#regency")).count(), 0);
    assert!(text_of(&doc, "#province-hint").contains("regency or city"));
    // With one, its regencies only.
    let doc = app.get("/en/reports?status=all&province=51").await.html();
    let options: Vec<String> = doc
        .select(&sel("select#regency option"))
        .map(|o| clean(&o.text().collect::<String>()))
        .collect();
    assert!(options.iter().any(|o| o == "Kota Denpasar"), "{options:?}");
    assert!(
        !options.iter().any(|o| o.contains("Bandung")),
        "{options:?}"
    );
    let found = app
        .get("/en/reports?status=all&province=51&regency=51.71")
        .await;
    assert!(found.body.contains(&format!("/en/reports/{code}")));
    let other = app
        .get("/en/reports?status=all&province=51&regency=51.03")
        .await;
    assert!(!other.body.contains(&format!("/en/reports/{code}")));
}

// ---------------------------------------------------------------------------------------
// Item 16 (open data): a bad filter in the format asked for.
// ---------------------------------------------------------------------------------------

#[actix_web::test]
async fn open_data_refuses_a_bad_filter_in_its_own_format_and_language() {
    let app = app().await;
    let res = app
        .call(
            TestRequest::get()
                .uri("/data/reports.json?province=99&kind=bogus")
                .insert_header(("accept-language", "en")),
        )
        .await;
    assert_eq!(res.status, 400);
    assert_eq!(res.header("content-type"), "application/json");
    assert_eq!(res.header("content-language"), "en");
    let v: serde_json::Value = serde_json::from_str(&res.body).expect("a JSON error object");
    assert_eq!(v["parameters"], serde_json::json!(["kind", "province"]));
    assert!(
        v["error"].as_str().unwrap().contains("not understood"),
        "{v}"
    );
    assert!(
        v["reasons"][1].as_str().unwrap().contains("province"),
        "{v}"
    );

    // CSV without a language preference: plain text in Indonesian.
    let res = app.get("/data/reports.csv?status=nope").await;
    assert_eq!(res.status, 400);
    assert!(res.header("content-type").starts_with("text/plain"));
    assert_eq!(res.header("content-language"), "id");
    assert!(!res.body.contains("<html"), "{}", res.body);
    assert!(res.body.contains("status"), "{}", res.body);
    assert!(res.body.contains("tidak dimengerti"), "{}", res.body);

    // The Atom feed: plain text too, in English when asked.
    let res = app
        .call(
            TestRequest::get()
                .uri("/feeds/resolved.atom?agency=nobody")
                .insert_header(("accept-language", "en-GB,en;q=0.9")),
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.header("content-type").starts_with("text/plain"));
    assert!(
        res.body.contains("agency: the government body"),
        "{}",
        res.body
    );

    // A query that cannot be read at all.
    let res = app.get("/data/reports.json?kind=a&kind=b").await;
    assert_eq!(res.status, 400);
    let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(v["parameters"], serde_json::json!(["query"]));
}

// ---------------------------------------------------------------------------------------
// Item 13: reporting a barrier of the portal.
// ---------------------------------------------------------------------------------------

fn form_id_of(body: &str) -> String {
    let doc = scraper::Html::parse_document(body);
    doc.select(&sel("input[name='form_id']"))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned()
}

#[actix_web::test]
async fn the_accessibility_statement_and_the_footer_lead_to_the_barrier_form() {
    let app = app().await;
    for lang in ["en", "id"] {
        let page = app
            .get(&format!("/{lang}/pages/accessibility"))
            .await
            .html();
        let form = format!("a[href='/{lang}/accessibility/report']");
        assert_eq!(
            page.select(&sel(&format!("main {form}"))).count(),
            1,
            "{lang}: statement"
        );
        assert_eq!(
            page.select(&sel(&format!("footer {form}"))).count(),
            1,
            "{lang}: footer"
        );
        let res = app.get(&format!("/{lang}/accessibility/report")).await;
        assert_eq!(res.status, 200);
        assert_eq!(res.header("cache-control"), "private, no-store");
        let doc = res.html();
        for field in ["location", "problem", "assistive", "email", "phone"] {
            let label = format!("label[for='{field}']");
            assert_eq!(doc.select(&sel(&label)).count(), 1, "{field}");
        }
    }
}

#[actix_web::test]
async fn a_barrier_report_is_a_confidential_report_to_the_operator_sent_once() {
    let app = app().await;
    let mut b = Browser::new(&app);
    let form = b.get("/en/accessibility/report").await;
    let form_id = form_id_of(&form.body);

    // Errors: the summary, the title, and nothing typed lost.
    let res = b
        .post(
            "/en/accessibility/report",
            &[
                ("location", ""),
                ("problem", ""),
                ("assistive", "NVDA 2025 with Firefox"),
                ("email", "not an address"),
                ("phone", ""),
                ("form_id", &form_id),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let doc = res.html();
    assert!(text_of(&doc, "title").starts_with("Error: "));
    let links: Vec<&str> = doc
        .select(&sel(".error-summary a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["#location", "#problem", "#email"]);
    assert_eq!(
        doc.select(&sel("#assistive"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("NVDA 2025 with Firefox")
    );
    assert_eq!(
        doc.select(&sel("#email"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("not an address")
    );
    assert_eq!(form_id_of(&res.body), form_id, "the same form, the same id");

    let fields = [
        ("location", "The photo step of the report form"),
        (
            "problem",
            "The Upload button is not announced by my screen reader.",
        ),
        ("assistive", "NVDA 2025 with Firefox"),
        ("email", "dewi@contoh.id"),
        ("phone", ""),
        ("form_id", form_id.as_str()),
    ];
    let res = b.post("/en/accessibility/report", &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.header("location"), "/en/accessibility/report/sent");
    // Sent twice (a double click, Back and resend): still one report.
    let again = b.post("/en/accessibility/report", &fields).await;
    assert_eq!(again.status, 303);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );

    let res = b.get("/en/accessibility/report/sent").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("cache-control"), "private, no-store");
    let doc = res.html();
    let shown: Vec<String> = doc
        .select(&sel(".code-display"))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(shown.len(), 2, "code and key");
    let (code, key) = (shown[0].clone(), shown[1].clone());
    let track = format!("a[href='/en/track?code={}']", code);
    assert_eq!(doc.select(&sel(&track)).count(), 1);

    let r = report_of(&app, &code).await;
    assert_eq!(r.privacy, Privacy::Confidential);
    assert_eq!(r.agency.as_deref(), Some("balai-operator"));
    assert_eq!(r.category, "accessibility-barrier");
    assert_eq!(r.status, Status::Submitted);
    assert!(r.title.contains("The photo step of the report form"));
    assert!(r.description.contains("NVDA 2025 with Firefox"));
    // Never public.
    assert_eq!(
        app.get(&format!("/en/reports/{}", r.code)).await.status,
        404
    );

    // Tracked like any report, with the code and key.
    let mut other = Browser::new(&app);
    let res = other
        .post("/en/track", &[("code", &code), ("key", &key)])
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let view = other.get(res.header("location")).await;
    assert_eq!(view.status, 200);
    assert!(view.body.contains("The Upload button is not announced"));
    // No area: no "Where" row with an empty ", ".
    let doc = view.html();
    let facts: Vec<String> = doc
        .select(&sel(".summary-list dd"))
        .map(|d| clean(&d.text().collect::<String>()))
        .collect();
    assert!(!facts.iter().any(|f| f == ","), "{facts:?}");
    assert!(
        facts.iter().any(|f| f == "Balai operator (this portal)"),
        "{facts:?}"
    );

    // Another browser with only the draft id sees no key.
    let mut stranger = Browser::new(&app);
    stranger
        .cookies
        .insert("balai_barrier".into(), form_id.clone());
    let res = stranger.get("/en/accessibility/report/sent").await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/en/accessibility/report");
}

#[actix_web::test]
async fn the_barrier_form_switches_language_and_is_rate_limited_like_reports() {
    let app = TestApp::spawn_with(
        |s| {
            fixed(s);
            s.submissions_per_hour = 1;
        },
        |_| {},
    )
    .await;
    let mut b = Browser::new(&app);
    // The language switch keeps what was typed and checks nothing.
    let res = b
        .post(
            "/id/accessibility/report",
            &[
                ("location", "Beranda"),
                ("problem", ""),
                ("switch_lang", "id"),
            ],
        )
        .await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    assert_eq!(doc.select(&sel(".error-summary")).count(), 0);
    assert_eq!(
        doc.select(&sel("#location"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("Beranda")
    );
    let send = |id: &'static str| {
        [
            ("location", "Home page"),
            ("problem", "The menu is cut off at 400% zoom."),
            ("form_id", id),
        ]
    };
    let res = b
        .post(
            "/en/accessibility/report",
            &send("0123456789abcdef0123456789abcdef"),
        )
        .await;
    assert_eq!(res.status, 303);
    let res = b
        .post(
            "/en/accessibility/report",
            &send("fedcba9876543210fedcba9876543210"),
        )
        .await;
    assert_eq!(res.status, 429);
    assert!(!res.header("retry-after").is_empty());
    let doc = res.html();
    assert_eq!(
        clean(
            &doc.select(&sel("#problem"))
                .next()
                .unwrap()
                .text()
                .collect::<String>()
        ),
        "The menu is cut off at 400% zoom."
    );
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );
}

#[actix_web::test]
async fn the_barrier_form_refuses_another_site() {
    let app = app().await;
    let res = app
        .call(
            TestRequest::post()
                .uri("/en/accessibility/report")
                .insert_header(("sec-fetch-site", "cross-site"))
                .set_form([("location", "x"), ("problem", "y")]),
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        0
    );
}

#[actix_web::test]
async fn staff_route_a_barrier_report_to_the_operator() {
    let app = crate::staff::app().await;
    let mut b = Browser::new(&app);
    let res = b
        .post(
            "/en/accessibility/report",
            &[
                ("location", "Browse page"),
                ("problem", "The filters cannot be reached with a switch."),
                ("form_id", "00112233445566778899aabbccddeeff"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let sent = b.get("/en/accessibility/report/sent").await.html();
    let code = text_of(&sent, ".code-display");
    let id = report_of(&app, &code).await.id;
    let mut v = crate::staff::sign_in(&app, "verifier@balai.id").await;
    let res = crate::staff::act(&mut v, id, "verify", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = v.get(&format!("/en/staff/reports/{id}")).await.html();
    let option = "select#agency option[value='balai-operator'][selected]";
    assert_eq!(
        page.select(&sel(option)).count(),
        1,
        "the operator is offered and chosen"
    );
    let res = crate::staff::act(&mut v, id, "route", &[("agency", "balai-operator")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let r = report_of(&app, &code).await;
    assert_eq!(r.status, Status::Routed);
    assert_eq!(r.agency.as_deref(), Some("balai-operator"));
}
