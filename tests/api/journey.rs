//! Issue #21, the citizen's report journey: text typed in the private view survives its
//! closing; the photo step moves on with a real button and its error says how; a report's
//! dates and deadlines are the same on every page (taken in its area's zone); its public
//! page shows its deadline and how late it is; the Ombudsman link; the reporter's words.

use crate::helpers::{TestApp, TestResponse, clean, sel};
use crate::reports::{Browser, count, jpeg_with_exif, report_of};
use actix_web::test::TestRequest;
use balai::domain::staff::hash_password;
use balai::settings::{Clock, Settings};
use time::macros::datetime;

const PASSWORD: &str = "kopi tubruk di balai desa";

/// The application at `now`, with a verifier and an officer.
async fn app_at(now: time::OffsetDateTime) -> TestApp {
    let app = TestApp::spawn_with(
        move |s: &mut Settings| {
            s.clock = Clock::Fixed(now);
            s.min_form_seconds = 0;
        },
        |_| {},
    )
    .await;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("verifier@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
    ] {
        assert!(
            balai::db::staff::add_user(&app.state.db, email, "Petugas", role, agency, &hash, now)
                .await
                .unwrap()
        );
    }
    app
}

/// A report sent through the public form: its code, key and the confirmation's text.
async fn send(app: &TestApp, privacy: &str) -> (String, String, String) {
    let mut r = Browser::new(app);
    r.fill("complaint", privacy).await;
    let (code, key) = r.send_report().await;
    let sent = r.get("/en/reports/new/sent").await;
    (code, key, clean(&sent.body))
}

/// A browser with the report's private view open.
async fn open_view<'a>(app: &'a TestApp, code: &str, key: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let res = b.post("/en/track", &[("code", code), ("key", key)]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    b
}

/// The hidden and filled fields of the track form, as a browser would send them back.
fn track_fields(res: &TestResponse) -> Vec<(String, String)> {
    let doc = res.html();
    doc.select(&sel("#track-form input"))
        .filter_map(|e| {
            let v = e.value();
            Some((
                v.attr("name")?.to_owned(),
                v.attr("value").unwrap_or("").to_owned(),
            ))
        })
        .collect()
}

fn plain(code: &str) -> String {
    code.replace('-', "")
}

#[actix_web::test]
async fn text_sent_after_the_private_view_closed_is_kept_and_sent_once_after_the_key() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let (code, key, _) = send(&app, "public").await;
    let id = report_of(&app, &code).await.id;
    let mut b = open_view(&app, &code, &key).await;
    let view = b.get(&format!("/en/track/{}", plain(&code))).await;
    assert_eq!(view.status, 200);
    let form_id = view
        .html()
        .select(&sel("input[name=form_id]"))
        .next()
        .and_then(|e| e.value().attr("value").map(str::to_owned))
        .unwrap();
    // Twelve hours later the browser no longer sends the cookie.
    b.cookies.clear();
    let text = "The ramp was patched,\nbut the step is still 10 cm.";
    let res = b
        .post(
            &format!("/en/track/{}/info", plain(&code)),
            &[("info", text), ("form_id", &form_id)],
        )
        .await;
    assert_eq!(
        res.status, 200,
        "the form, not a redirect that drops the text"
    );
    assert_eq!(res.header("cache-control"), "private, no-store");
    let page = clean(&res.body);
    assert!(page.contains("what you wrote is kept"), "{page}");
    assert!(page.contains("The ramp was patched"), "the text is shown");
    let fields = track_fields(&res);
    let get = |n: &str| {
        fields
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("pending"), "info");
    assert_eq!(get("info"), text, "kept with its line break");
    assert_eq!(get("code"), plain(&code), "the code is filled in");
    assert_eq!(count(&app.state.db, &format!("SELECT COUNT(*) FROM report_events WHERE report_id = {id} AND kind = 'reporter-info'")).await, 0);

    // A wrong key: the error, and the text still kept.
    let mut wrong: Vec<(String, String)> = fields.clone();
    wrong.retain(|(k, _)| k != "key");
    wrong.push(("key".into(), "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA".into()));
    let pairs: Vec<(&str, &str)> = wrong
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post("/en/track", &pairs).await;
    assert_eq!(res.status, 422);
    assert_eq!(
        track_fields(&res)
            .iter()
            .find(|(k, _)| k == "info")
            .map(|(_, v)| v.as_str()),
        Some(text)
    );

    // The right key: sent, and the view open again with a word on it.
    let mut right: Vec<(String, String)> = fields.clone();
    right.retain(|(k, _)| k != "key");
    right.push(("key".into(), key.clone()));
    let pairs: Vec<(&str, &str)> = right
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post("/en/track", &pairs).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        res.header("location"),
        format!("/en/track/{}?done=info", plain(&code))
    );
    let done = b.get(res.header("location")).await;
    assert_eq!(done.status, 200);
    assert!(clean(&done.body).contains("The ramp was patched, but the step is still 10 cm."));
    // Sent twice (a double click, Back and send again): added once.
    let mut again = Browser::new(&app);
    assert_eq!(again.post("/en/track", &pairs).await.status, 303);
    assert_eq!(count(&app.state.db, &format!("SELECT COUNT(*) FROM report_events WHERE report_id = {id} AND kind = 'reporter-info'")).await, 1);

    // A kept form for another report's code is not sent to the report the key opens.
    let (code2, key2, _) = send(&app, "public").await;
    let mut other: Vec<(String, String)> = fields;
    other.retain(|(k, _)| k != "key" && k != "code" && k != "form_id");
    other.push(("code".into(), code2.clone()));
    other.push(("key".into(), key2));
    let pairs: Vec<(&str, &str)> = other
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = Browser::new(&app).post("/en/track", &pairs).await;
    assert_eq!(
        res.header("location"),
        format!("/en/track/{}", plain(&code2))
    );
    let id2 = report_of(&app, &code2).await.id;
    assert_eq!(count(&app.state.db, &format!("SELECT COUNT(*) FROM report_events WHERE report_id = {id2} AND kind = 'reporter-info'")).await, 0);
}

#[actix_web::test]
async fn a_rating_with_an_error_after_the_view_closed_comes_back_filled() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let (code, key, _) = send(&app, "public").await;
    let id = report_of(&app, &code).await.id;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET status = 'answered' WHERE id = $1").bind(id).execute(p).await.map(|_| ())).unwrap();
    let mut b = Browser::new(&app);
    // No rating chosen, a comment typed: after the key, the view with the error and the
    // comment still there.
    let res = b
        .post(
            &format!("/id/track/{}/rate", plain(&code)),
            &[("comment", "Petugasnya ramah")],
        )
        .await;
    assert_eq!(res.status, 200);
    let mut fields = track_fields(&res);
    fields.retain(|(k, _)| k != "key");
    fields.push(("key".into(), key));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = b.post("/id/track", &pairs).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("Petugasnya ramah"));
    assert!(b.cookies.contains_key("balai_report"), "the view is open");
}

fn photo_form(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----balaijourneyboundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post_photos(b: &mut Browser<'_>, lang: &str, fields: &[(&str, &str)]) -> TestResponse {
    let (ct, body) = photo_form(fields);
    b.send(
        TestRequest::post()
            .uri(&format!("/{lang}/reports/new/photos"))
            .insert_header(("content-type", ct))
            .set_payload(body),
    )
    .await
}

#[actix_web::test]
async fn the_photo_step_moves_on_with_a_button_and_its_error_says_how() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let page = b.get("/en/reports/new/photos").await;
    let doc = page.html();
    assert!(
        doc.select(&sel("main a.button")).next().is_none(),
        "no link dressed as a button"
    );
    let next: Vec<String> = doc
        .select(&sel("form#photo-upload button[type=submit][name=next]"))
        .map(|e| clean(&e.text().collect::<String>()))
        .collect();
    assert_eq!(next, ["Continue without photos"]);
    // "Upload photo" with no file: the error says how to go on.
    let res = post_photos(&mut b, "en", &[("upload_id", "")]).await;
    assert_eq!(res.status, 422);
    assert!(
        clean(&res.body).contains(
            "Choose a photo to upload, or press \"Continue without photos\" to go on without one"
        ) || clean(&res.body).contains("press &quot;Continue without photos&quot;"),
        "{}",
        clean(&res.body)
    );
    let res = post_photos(&mut b, "id", &[("upload_id", "")]).await;
    assert!(clean(&res.body).contains("Lanjut tanpa foto"));
    // "Continue": on to the next step.
    let res = post_photos(&mut b, "en", &[("next", "1")]).await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), "/en/reports/new/privacy");
    let res = post_photos(&mut b, "en", &[("next", "1"), ("return", "check")]).await;
    assert_eq!(res.header("location"), "/en/reports/new/check");
    // A description typed without a photo is not dropped silently.
    let res = post_photos(
        &mut b,
        "en",
        &[("next", "1"), ("photo_description", "A step")],
    )
    .await;
    assert_eq!(res.status, 422);
    // With a photo chosen, "Continue" uploads it and moves on; the error then names
    // "Continue".
    let (ct, body) = {
        let boundary = "----balaijourneyboundary";
        let mut body = Vec::new();
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
        body.extend_from_slice(&jpeg_with_exif());
        body.extend_from_slice(format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"next\"\r\n\r\n1\r\n--{boundary}--\r\n").as_bytes());
        (format!("multipart/form-data; boundary={boundary}"), body)
    };
    let res = b
        .send(
            TestRequest::post()
                .uri("/en/reports/new/photos")
                .insert_header(("content-type", ct))
                .set_payload(body),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.header("location"), "/en/reports/new/privacy");
    let res = post_photos(&mut b, "en", &[("upload_id", "")]).await;
    assert!(clean(&res.body).contains("go on with the photos you have added"));
    let page = b.get("/en/reports/new/photos").await;
    assert!(
        clean(&page.body).contains(">Continue</button>")
            || page
                .html()
                .select(&sel("button[name=next]"))
                .any(|e| clean(&e.text().collect::<String>()) == "Continue")
    );
}

/// Every page that shows this report's deadline says `date`, and none says `wrong`.
fn agree(pages: &[(&str, &TestResponse)], date: &str, wrong: &str) {
    for (name, res) in pages {
        assert_eq!(res.status, 200, "{name}: {}", res.body);
        let text = clean(&res.body);
        assert!(text.contains(date), "{name} says {date}: {text}");
        assert!(!text.contains(wrong), "{name} never says {wrong}");
    }
}

#[actix_web::test]
async fn a_report_s_dates_and_deadlines_agree_on_every_page() {
    // 23:30 UTC on Thursday 26 November is 07:30 WITA on Friday 27 November in Bali,
    // where the report is: it was sent on the 27th, its deadlines count from there.
    let app = app_at(datetime!(2026-11-26 23:30 UTC)).await;
    let (code, key, confirmation) = send(&app, "public").await;
    let id = report_of(&app, &code).await.id;
    // Three working days from Friday 27 November: Wednesday 2 December.
    assert!(confirmation.contains("2 December 2026"), "{confirmation}");
    assert!(!confirmation.contains("1 December 2026"));
    let mut reporter = open_view(&app, &code, &key).await;
    let private = reporter.get(&format!("/en/track/{}", plain(&code))).await;
    let mut v = crate::staff::sign_in(&app, "verifier@balai.id").await;
    let queue = v.get("/en/staff").await;
    let case = v.get(&format!("/en/staff/reports/{id}")).await;
    agree(
        &[
            ("private view", &private),
            ("staff queue", &queue),
            ("staff case", &case),
        ],
        "2 December 2026",
        "1 December 2026",
    );
    agree(
        &[("private view", &private), ("staff case", &case)],
        "27 November 2026",
        "26 November 2026",
    );
    assert!(clean(&private.body).contains("27 November 2026, 07:30 WITA"));

    // Verified and routed at the same moment: five working days from the 27th, Friday 4
    // December, on the public page too.
    assert_eq!(
        crate::staff::act(&mut v, id, "verify", &[]).await.status,
        303
    );
    let res = crate::staff::act(
        &mut v,
        id,
        "route",
        &[("agency", "kemenhub"), ("text", "Please check the ramp.")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let public = app.get(&format!("/en/reports/{}", plain(&code))).await;
    let private = reporter.get(&format!("/en/track/{}", plain(&code))).await;
    let mut o = crate::staff::sign_in(&app, "officer@kemenhub.go.id").await;
    let queue = o.get("/en/staff?list=routed").await;
    let case = o.get(&format!("/en/staff/reports/{id}")).await;
    let pages = [
        ("public page", &public),
        ("private view", &private),
        ("staff queue", &queue),
        ("staff case", &case),
    ];
    agree(&pages, "4 December 2026", "3 December 2026");
    agree(
        &[
            ("public page", &public),
            ("private view", &private),
            ("staff case", &case),
        ],
        "27 November 2026",
        "26 November 2026",
    );
    // The timeline's moments are the area's time too, and the sent-on day matches them.
    assert!(clean(&public.body).contains("27 November 2026, 07:30 WITA"));
    assert!(!public.body.contains("WIB"), "no moment in another zone");
    // The browse list says the same day.
    let browse = app.get("/en/reports?status=all").await;
    assert!(
        clean(&browse.body).contains("sent 27 November 2026"),
        "{}",
        clean(&browse.body)
    );

    // Postponed to 16 December: the date in words, never raw.
    let res = crate::staff::act(
        &mut o,
        id,
        "postpone",
        &[
            ("text", "Waiting for the budget"),
            ("day", "16"),
            ("month", "12"),
            ("year", "2026"),
        ],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let public = app.get(&format!("/en/reports/{}", plain(&code))).await;
    let private = reporter.get(&format!("/en/track/{}", plain(&code))).await;
    let case = o.get(&format!("/en/staff/reports/{id}")).await;
    for (name, res) in [
        ("public page", &public),
        ("private view", &private),
        ("staff case", &case),
    ] {
        let text = clean(&res.body);
        assert!(!text.contains("2026-12-16"), "{name}: {text}");
        assert!(text.contains("16 December 2026"), "{name}: {text}");
    }
}

#[actix_web::test]
async fn the_public_page_shows_the_deadline_and_how_late_it_is() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let (code, _, _) = send(&app, "public").await;
    let id = report_of(&app, &code).await.id;
    // Routed on Monday 16 November (Bali): answer by Monday 23 November; today is Friday
    // 27 November, four working days later.
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET status = 'routed', agency = 'kemenhub', verified_at = $1, routed_at = $1, created_at = $1 WHERE id = $2")
        .bind(datetime!(2026-11-16 03:00 UTC)).bind(id).execute(p).await.map(|_| ())).unwrap();
    let public = app.get(&format!("/en/reports/{}", plain(&code))).await;
    assert_eq!(public.status, 200);
    let text = clean(&public.body);
    assert!(text.contains("Current deadline"), "{text}");
    assert!(
        text.contains("To be answered by 23 November 2026. Overdue by 4 working days"),
        "{text}"
    );
    let id_page = clean(&app.get(&format!("/id/reports/{}", plain(&code))).await.body);
    assert!(id_page.contains("Terlambat 4 hari kerja"), "{id_page}");
    // On time: the deadline, no "overdue".
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET routed_at = $1, version = version + 1 WHERE id = $2")
        .bind(datetime!(2026-11-25 03:00 UTC)).bind(id).execute(p).await.map(|_| ())).unwrap();
    app.state.public_changed();
    let text = clean(&app.get(&format!("/en/reports/{}", plain(&code))).await.body);
    assert!(text.contains("To be answered by 2 December 2026"), "{text}");
    assert!(!text.contains("Overdue"));
}

#[actix_web::test]
async fn the_ombudsman_is_a_link_on_answered_closed_and_rejected_reports() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let (code, key, _) = send(&app, "public").await;
    let id = report_of(&app, &code).await.id;
    let mut b = open_view(&app, &code, &key).await;
    let link = "a[href=\"https://ombudsman.go.id/\"]";
    let view = b.get(&format!("/en/track/{}", plain(&code))).await;
    assert!(
        view.html().select(&sel(link)).next().is_none(),
        "not while it is being handled"
    );
    for status in ["rejected", "answered", "closed"] {
        balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET status = $1, closed_at = $2 WHERE id = $3").bind(status).bind(datetime!(2026-11-27 10:00 UTC)).bind(id).execute(p).await.map(|_| ())).unwrap();
        for lang in ["en", "id"] {
            let view = b.get(&format!("/{lang}/track/{}", plain(&code))).await;
            let doc = view.html();
            let a = doc.select(&sel(link)).next();
            assert!(a.is_some(), "{status} {lang}: a link to Ombudsman RI");
            assert!(clean(&a.unwrap().text().collect::<String>()).contains("Ombudsman RI"));
        }
    }
}

#[actix_web::test]
async fn the_reporter_s_words_say_what_happens() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    let (code, key, _) = send(&app, "public").await;
    let mut b = open_view(&app, &code, &key).await;
    let en = clean(&b.get(&format!("/en/track/{}", plain(&code))).await.body);
    assert!(en.contains("Leave the private view on this device"));
    assert!(
        !en.contains("Close my report"),
        "it does not close the case"
    );
    let id = clean(&b.get(&format!("/id/track/{}", plain(&code))).await.body);
    assert!(id.contains("Keluar dari tampilan pribadi di perangkat ini"));
    // The home page does not promise that anyone can follow any report by its code.
    let home = clean(&app.get("/en/").await.body);
    assert!(!home.contains("With that code anyone can follow its progress"));
    assert!(home.contains("confidential"), "{home}");
    let home = clean(&app.get("/id/").await.body);
    assert!(home.contains("rahasia"), "{home}");
}

#[actix_web::test]
async fn the_citizen_s_text_is_marked_with_the_language_it_was_written_in() {
    let app = app_at(datetime!(2026-11-27 12:00 UTC)).await;
    // Written on the Indonesian pages.
    let mut r = Browser::new(&app);
    r.lang = "id";
    r.fill("complaint", "public").await;
    let (code, key) = r.send_report().await;
    let report = report_of(&app, &code).await;
    assert_eq!(report.text_lang.as_deref(), Some("id"));
    let id = report.id;
    let mut v = crate::staff::sign_in(&app, "verifier@balai.id").await;
    assert_eq!(
        crate::staff::act(&mut v, id, "verify", &[]).await.status,
        303
    );
    let marked = |res: &TestResponse, selector: &str| {
        let doc = res.html();
        let found: Vec<String> = doc
            .select(&sel(selector))
            .filter(|e| {
                let t = e.text().collect::<String>();
                t.contains("Ramp at the village office") || t.contains("The ramp has a 20 cm step")
            })
            .map(|e| e.value().attr("lang").unwrap_or("").to_owned())
            .collect();
        assert!(!found.is_empty(), "{selector}: the citizen's text is there");
        assert!(found.iter().all(|l| l == "id"), "{selector}: {found:?}");
    };
    // On the English pages, the Indonesian-written text says so.
    let public = app.get(&format!("/en/reports/{}", plain(&code))).await;
    marked(&public, "main h1, main p");
    let mut b = open_view(&app, &code, &key).await;
    let private = b.get(&format!("/en/track/{}", plain(&code))).await;
    marked(&private, "main p");
    let browse = app.get("/en/reports?status=all").await;
    marked(&browse, "main h3 span");
    let case = v.get(&format!("/en/staff/reports/{id}")).await;
    marked(&case, "main p");
    // A report from before the language was recorded: no mark (not a guess).
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET text_lang = NULL, version = version + 1 WHERE id = $1").bind(id).execute(p).await.map(|_| ())).unwrap();
    app.state.public_changed();
    let public = app.get(&format!("/en/reports/{}", plain(&code))).await;
    assert!(public.html().select(&sel("main h1[lang]")).next().is_none());
    // Written on the English pages: "en".
    let (code, _, _) = send(&app, "public").await;
    assert_eq!(
        report_of(&app, &code).await.text_lang.as_deref(),
        Some("en")
    );
}
