//! The outside security review's findings (issue 20, items 2, 4, 5, 6 and the sign-out
//! cookie of 9), each repeated as the reviewer did it. Body limits are in `body_limits`.

use crate::helpers::TestApp;
use crate::reports::Browser;
use crate::staff::{app as staff_app, sign_in};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::db::Db;

/// Bytes kept in the rate-limit table, and its rows.
async fn rate_limit_bytes(db: &Db) -> (i64, i64) {
    balai::on_pool!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT CAST(COALESCE(SUM(LENGTH(bucket)), 0) AS BIGINT), COUNT(*) FROM rate_limits")
        .fetch_one(p).await)
    .unwrap()
}

/// Bytes kept in drafts' answers, and the drafts.
async fn draft_bytes(db: &Db) -> (i64, i64) {
    balai::on_pool!(db, p => sqlx::query_as::<_, (i64, i64)>(
        "SELECT CAST(COALESCE(SUM(LENGTH(answers)), 0) AS BIGINT), COUNT(*) FROM report_drafts")
        .fetch_one(p).await)
    .unwrap()
}

/// The SQLite file and its write-ahead log, in bytes (0 on PostgreSQL).
fn sqlite_bytes(app: &TestApp) -> u64 {
    let Some(file) = app.state.db.sqlite_file() else {
        return 0;
    };
    let wal = file.with_extension("db-wal");
    [file, wal]
        .iter()
        .map(|f| std::fs::metadata(f).map_or(0, |m| m.len()))
        .sum()
}

#[actix_web::test]
async fn sign_in_limits_keep_no_typed_text_and_refused_tries_write_nothing() {
    let app = staff_app().await;
    let before = sqlite_bytes(&app);
    let mut statuses = Vec::new();
    // The reviewer's attack: 60 posts of a (nearly) 1 MB email, each different.
    for i in 0..60 {
        let email = format!("{i}{}", "x".repeat(900 * 1024));
        let req = TestRequest::post()
            .uri("/en/staff/sign-in")
            .peer_addr("10.9.0.1:999".parse().unwrap())
            .set_form([("email", email.as_str()), ("password", "Sandi-Rahasia-1")]);
        statuses.push(app.call(req).await.status.as_u16());
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 429).count(),
        10,
        "{statuses:?}"
    );
    let (bytes, rows) = rate_limit_bytes(&app.state.db).await;
    // One row for the address and one per email tried before the address was refused.
    assert_eq!(rows, 51, "refused tries wrote nothing");
    assert!(bytes < 51 * 64, "{bytes} bytes of buckets");
    let dump: Vec<String> = balai::on_pool!(&app.state.db, p =>
        sqlx::query_scalar("SELECT bucket FROM rate_limits").fetch_all(p).await)
    .unwrap();
    assert!(
        dump.iter()
            .all(|b| !b.contains("xxx") && !b.contains("10.9.0.1")),
        "{dump:?}"
    );
    let grown = sqlite_bytes(&app).saturating_sub(before);
    assert!(
        grown < 2 * 1024 * 1024,
        "the database grew by {grown} bytes"
    );

    // Windows that are over go at housekeeping.
    let later = time::OffsetDateTime::now_utc().unix_timestamp() + 3 * 24 * 3600;
    let pruned = balai::db::rate_limits::prune(&app.state.db, later)
        .await
        .unwrap();
    assert_eq!(pruned, 51);
    assert_eq!(rate_limit_bytes(&app.state.db).await.1, 0);
}

#[actix_web::test]
async fn drafts_are_limited_per_address_and_a_huge_step_is_not_stored() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let per_hour = balai::routes::reports::form::drafts_per_hour(&app.state.settings);
    let mut begun = 0;
    let mut refused = 0;
    let mut last = None;
    for _ in 0..per_hour + 5 {
        let mut b = Browser::new(&app);
        let res = b.post("/en/reports/new", &[]).await;
        match res.status.as_u16() {
            303 => begun += 1,
            429 => {
                refused += 1;
                assert!(!res.header("retry-after").is_empty());
                assert!(res.body.contains("<main"), "a page, not a bare 429");
            }
            s => panic!("{s}"),
        }
        if res.status == 303 {
            last = Some(b);
        }
    }
    assert_eq!((begun, refused), (per_hour, 5));

    // The reviewer's other attack: a 1 MB details step. Shown again, marked, not stored.
    let mut b = last.unwrap();
    let before = draft_bytes(&app.state.db).await;
    let huge = "Jalan rusak. ".repeat(70_000);
    let res = b
        .post(
            "/en/reports/new/details",
            &[
                ("title", "Ramp"),
                ("description", &huge),
                ("category", "accessibility-barrier"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", &res.body[..200.min(res.body.len())]);
    assert!(res.body.contains("far too long"), "the page says why");
    assert!(
        res.body.contains("Jalan rusak. Jalan rusak."),
        "what was typed is shown again"
    );
    let after = draft_bytes(&app.state.db).await;
    assert_eq!(before, after, "nothing stored");

    // A draft that expired while the limit holds: the step again with what was typed.
    let mut gone = Browser::new(&app);
    gone.cookies.insert(
        "balai_draft".into(),
        "0123456789abcdef0123456789abcdef".into(),
    );
    let res = gone
        .post(
            "/en/reports/new/details",
            &[("title", "Tangga rusak di balai desa")],
        )
        .await;
    assert_eq!(res.status, 429);
    assert!(res.body.contains("Tangga rusak di balai desa"), "kept");
}

#[actix_web::test]
async fn wrong_keys_from_anyone_never_lock_the_reporter_out() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let mut reporter = Browser::new(&app);
    reporter.fill("complaint", "confidential").await;
    let (code, key) = reporter.send_report().await;
    // Thirty wrong keys from thirty addresses (each under its own limit).
    for i in 0..30 {
        let req = TestRequest::post()
            .uri("/en/track")
            .peer_addr(format!("10.2.0.{i}:999").parse().unwrap())
            .set_form([
                ("code", code.as_str()),
                ("key", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"),
            ]);
        let res = app.call(req).await;
        assert_ne!(res.status, 303, "a wrong key opens nothing");
    }
    let req = TestRequest::post()
        .uri("/en/track")
        .peer_addr("10.3.0.1:999".parse().unwrap())
        .set_form([("code", code.as_str()), ("key", key.as_str())]);
    let res = app.call(req).await;
    assert_eq!(
        res.status, 303,
        "the reporter's own key still opens the report"
    );
    assert_eq!(
        res.header("location"),
        format!("/en/track/{}", code.replace('-', ""))
    );
}

#[actix_web::test]
async fn wrong_passwords_from_anyone_never_lock_the_account() {
    let app = staff_app().await;
    let mut statuses = Vec::new();
    for i in 0..22 {
        let req = TestRequest::post()
            .uri("/en/staff/sign-in")
            .peer_addr(format!("10.1.0.{i}:999").parse().unwrap())
            .set_form([
                ("email", "verifier@balai.id"),
                ("password", "wrong password here"),
            ]);
        let started = std::time::Instant::now();
        statuses.push(app.call(req).await.status.as_u16());
        if i >= 20 {
            assert!(
                started.elapsed() >= std::time::Duration::from_secs(3),
                "past the account's tries, each attempt is slowed down"
            );
        }
    }
    assert!(statuses.iter().all(|s| *s == 422), "{statuses:?}");
    // The real person, from their own address, still gets in.
    sign_in(&app, "verifier@balai.id").await;
    // One address is limited on its own (50 an hour).
    let mut last = 0;
    for _ in 0..51 {
        let req = TestRequest::post()
            .uri("/en/staff/sign-in")
            .peer_addr("10.4.0.1:999".parse().unwrap())
            .set_form([
                ("email", "nobody@balai.id"),
                ("password", "wrong password here"),
            ]);
        last = app.call(req).await.status.as_u16();
    }
    assert_eq!(last, 429);
}

#[actix_web::test]
async fn a_planted_draft_cookie_never_shows_the_victims_report() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    // The attacker starts a draft, checks it (getting a receipt of their own) and
    // plants both cookies in the victim's browser.
    let mut attacker = Browser::new(&app);
    attacker.fill("complaint", "confidential").await;
    attacker.get("/en/reports/new/check").await;
    assert!(attacker.cookies.contains_key("balai_receipt"));
    let mut victim = Browser::new(&app);
    victim.cookies = attacker.cookies.clone();
    let res = victim.get("/en/reports/new/check").await;
    assert_eq!(res.status, 200);
    assert_ne!(
        victim.cookies["balai_receipt"],
        attacker.cookies["balai_receipt"]
    );
    let (code, key) = victim.send_report().await;

    let sent = attacker.get("/en/reports/new/sent").await;
    assert_eq!(sent.status, 303, "the draft id alone shows nothing");
    assert_eq!(sent.header("location"), "/en/reports/new");
    for page in [&sent.body, &attacker.get("/en/reports/new/sent").await.body] {
        assert!(!page.contains(&code) && !page.contains(&key));
    }
    // The victim sees their confirmation again after a refresh, and Back-and-resend.
    let again = victim.get("/en/reports/new/sent").await;
    assert_eq!(again.status, 200);
    assert!(again.body.contains(&code));
    let resend = victim.post("/en/reports/new/send", &[]).await;
    assert_eq!(resend.header("location"), "/en/reports/new/sent");
    assert_eq!(victim.get("/en/reports/new/sent").await.status, 200);
}

#[actix_web::test]
async fn over_tls_the_draft_and_staff_cookies_are_host_only() {
    let app = staff_app().await;
    let res = app
        .call(
            TestRequest::post()
                .uri("https://balai.example/en/reports/new")
                .insert_header(("host", "balai.example")),
        )
        .await;
    assert_eq!(res.status, 303);
    let set = res.header("set-cookie");
    assert!(set.starts_with("__Host-balai_draft="), "{set}");
    assert!(
        set.contains("Secure") && set.contains("Path=/") && !set.contains("Domain"),
        "{set}"
    );

    // Signing out removes the `__Host-` session cookie: only a `Secure` removal can.
    let mut b = sign_in(&app, "admin@balai.id").await;
    let page = b.get("/en/staff").await;
    let csrf = page
        .html()
        .select(&crate::helpers::sel("input[name=csrf]"))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned();
    let out = b.post("/en/staff/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, 303);
    let removals: Vec<&str> = out
        .headers
        .get_all("set-cookie")
        .filter_map(|v| v.to_str().ok())
        .collect();
    let tls = removals
        .iter()
        .find(|c| c.starts_with("__Host-balai_staff="))
        .expect("the TLS cookie is removed");
    assert!(tls.contains("Secure"), "{tls}");
}

#[actix_web::test]
async fn every_feed_variant_is_well_formed_xml() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let (code, _) = b.send_report().await;
    let mut paths = vec![format!("/feeds/reports/{code}.atom")];
    for query in [
        "",
        "?agency=kemenkes",
        "?province=51",
        "?agency=kemenkes&province=51",
        "?agency=kemenkes&province=51&regency=51.71",
        "?agency=%26%3C%3E%22'&province=%26amp%3B",
        "?lang=en&agency=reg-51.71&province=51",
    ] {
        paths.push(format!("/feeds/resolved.atom{query}"));
    }
    for path in paths {
        let res = app.get(&path).await;
        if res.status == 200 {
            if let Err(e) = roxmltree::Document::parse(&res.body) {
                panic!("{path}: {e}\n{}", res.body);
            }
        } else {
            assert!(res.status.is_client_error(), "{path}: {}", res.status);
        }
    }
}
