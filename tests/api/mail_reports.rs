//! Messages to reporters (issue #18, items 3 and 4) against a real SMTP server: the opt-in
//! on the form, one message per staff change in the report's language with its code and
//! link and never the key, nothing of a confidential report's text, and the lost-key link
//! end to end (expired, reused, wrong address, rate limits).

use crate::helpers::{TestApp, TestResponse, clean, sel, text_of};
use crate::reports::{Browser, count, report_of};
use crate::smtp::{Received, SmtpSink};
use crate::staff::{act, sign_in};
use balai::db::staff as staff_db;
use balai::domain::staff::hash_password;
use balai::mail::sender::run_once;
use balai::mail::transport::Smtp;
use std::time::Duration;

const PASSWORD: &str = "kopi tubruk di balai desa";

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

/// The site with staff accounts, sending to `sink`.
async fn app_for(sink: &SmtpSink) -> (TestApp, Smtp) {
    let url = sink.url();
    let app = TestApp::spawn_with(
        move |s| {
            crate::workshops::fixed(s);
            s.mail.smtp_url = Some(url.into());
            s.mail.public_url = Some("https://balai.test".into());
        },
        |_| {},
    )
    .await;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("verifier@balai.id", "verifier", None),
        ("admin@balai.id", "admin", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
    ] {
        staff_db::add_user(&app.state.db, email, "Petugas", role, agency, &hash, now())
            .await
            .unwrap();
    }
    let smtp = Smtp::new(&sink.url(), "Balai <balai@balai.test>").unwrap();
    (app, smtp)
}

async fn send_all(app: &TestApp, smtp: &Smtp) {
    while run_once(&app.state, smtp).await.unwrap() > 0 {}
}

/// A report sent through the form in `lang`, by siti@contoh.id, who asks (or not) to be
/// told by email: (id, code, key).
async fn report(
    app: &TestApp,
    lang: &'static str,
    privacy: &str,
    notify: bool,
) -> (i64, String, String) {
    let mut b = Browser::new(app);
    b.lang = lang;
    b.fill("complaint", privacy).await;
    let mut about = vec![
        ("name", "Siti Rahayu"),
        ("email", "siti@contoh.id"),
        ("phone", ""),
        ("behalf", "self"),
        ("consent", "yes"),
    ];
    if notify {
        about.push(("notify", "yes"));
    }
    b.step("about-you", &about, "/reports/new/check").await;
    let check = b.get(&b.url("/reports/new/check")).await;
    assert_eq!(check.status, 200);
    let (code, key) = b.send_report().await;
    (report_of(app, &code).await.id, code, key)
}

/// Every message received so far, waiting a little for `n`.
async fn received(sink: &SmtpSink, n: usize) -> Vec<Received> {
    sink.wait_for(n, Duration::from_secs(10)).await
}

/// The part of a page inside `main`, text only.
fn main_text(res: &TestResponse) -> String {
    text_of(&res.html(), "main")
}

#[actix_web::test]
async fn the_form_offers_the_opt_in_keeps_it_and_shows_it_on_check() {
    let Some(sink) = SmtpSink::start("mail_reports::the_form_offers_the_opt_in") else {
        return;
    };
    let (app, _) = app_for(&sink).await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let page = b.get("/en/reports/new/about-you").await;
    let doc = page.html();
    let box_ = doc.select(&sel("input#notify[type=checkbox]")).next();
    assert!(box_.is_some(), "the checkbox is there");
    assert!(
        box_.unwrap().value().attr("checked").is_none(),
        "unticked by default"
    );
    // Ticked without an address: said why, the tick kept.
    let res = b
        .post(
            "/en/reports/new/about-you",
            &[
                ("name", "Siti Rahayu"),
                ("email", ""),
                ("phone", "081234567890"),
                ("notify", "yes"),
                ("behalf", "self"),
                ("consent", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    let doc = res.html();
    assert!(
        text_of(&doc, ".error-summary").contains("Enter your email address to be told by email"),
        "{}",
        text_of(&doc, ".error-summary")
    );
    assert!(doc.select(&sel("input#notify[checked]")).next().is_some());
    assert!(text_of(&doc, "title").starts_with("Error:"));
    b.step(
        "about-you",
        &[
            ("name", "Siti Rahayu"),
            ("email", "siti@contoh.id"),
            ("notify", "yes"),
            ("behalf", "self"),
            ("consent", "yes"),
        ],
        "/reports/new/check",
    )
    .await;
    let check = b.get("/en/reports/new/check").await;
    assert!(
        clean(&check.body).contains("Yes, tell me by email when my report changes"),
        "shown on check your answers"
    );
    let (code, _) = b.send_report().await;
    let stored = report_of(&app, &code).await;
    let asked: bool = balai::on_pool!(&app.state.db, p => sqlx::query_scalar("SELECT notify_by_email FROM reports WHERE id = $1").bind(stored.id).fetch_one(p).await).unwrap();
    assert!(asked);
}

#[actix_web::test]
async fn without_the_opt_in_the_reporter_gets_nothing() {
    let Some(sink) = SmtpSink::start("mail_reports::without_the_opt_in_the_reporter_gets_nothing")
    else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (id, _, _) = report(&app, "en", "public", false).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut v, id, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    assert_eq!(
        act(&mut o, id, "answer", &[("text", "Done.")]).await.status,
        303
    );
    send_all(&app, &smtp).await;
    assert_eq!(count(&app.state.db, "SELECT COUNT(*) FROM outbox").await, 0);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(sink.messages().is_empty());
}

#[actix_web::test]
async fn each_change_arrives_once_in_the_reports_language_with_code_and_link_and_no_key() {
    let Some(sink) = SmtpSink::start("mail_reports::each_change_arrives_once") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (id, code, key) = report(&app, "id", "public", true).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let mut a = sign_in(&app, "admin@balai.id").await;

    // Verify, with the staff form sent twice (a double click): one message.
    let page = v.get(&format!("/en/staff/reports/{id}")).await;
    let doc = page.html();
    let field = |name: &str| {
        doc.select(&sel(&format!("input[name={name}]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap()
            .to_owned()
    };
    let (csrf, version) = (field("csrf"), field("version"));
    let form = [("csrf", csrf.as_str()), ("version", version.as_str())];
    let path = format!("/en/staff/reports/{id}/verify");
    assert_eq!(v.post(&path, &form).await.status, 303);
    assert_eq!(v.post(&path, &form).await.status, 409);

    assert_eq!(
        act(&mut v, id, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    assert_eq!(
        act(&mut o, id, "ask", &[("text", "Di sisi mana tangganya?")])
            .await
            .status,
        303
    );
    // The reporter answers (no message: their own action).
    let mut r = Browser::new(&app);
    r.post("/id/track", &[("code", &code), ("key", &key)]).await;
    let track_page = r.get(&format!("/id/track/{}", code.replace('-', ""))).await;
    let form_id = track_page
        .html()
        .select(&sel("input[name=form_id]"))
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let res = r
        .post(
            &format!("/id/track/{}/info", code.replace('-', "")),
            &[("info", "Sisi timur."), ("form_id", &form_id)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        act(
            &mut o,
            id,
            "answer",
            &[("text", "Tangga sudah diperbaiki.")]
        )
        .await
        .status,
        303
    );
    // A note changes nothing the reporter sees.
    assert_eq!(
        act(&mut o, id, "note", &[("text", "catatan")]).await.status,
        303
    );
    assert_eq!(act(&mut a, id, "close", &[]).await.status, 303);

    // Another report, not accepted.
    let (rejected, rejected_code, _) = report(&app, "en", "public", true).await;
    assert_eq!(
        act(
            &mut v,
            rejected,
            "reject",
            &[("text", "This is not a public service.")]
        )
        .await
        .status,
        303
    );

    send_all(&app, &smtp).await;
    let got = received(&sink, 6).await;
    assert_eq!(
        got.len(),
        6,
        "{:?}",
        got.iter().map(Received::subject).collect::<Vec<_>>()
    );
    let subjects: Vec<String> = got.iter().map(|m| clean(&m.subject())).collect();
    for want in [
        format!("Laporan Anda {code} sudah diperiksa"),
        format!("Laporan Anda {code} diteruskan ke Kementerian Perhubungan"),
        format!("Laporan Anda {code} perlu informasi tambahan"),
        format!("Laporan Anda {code} sudah dijawab"),
        format!("Laporan Anda {code} sudah ditutup"),
        format!("Your report {rejected_code} was not accepted"),
    ] {
        assert_eq!(
            subjects.iter().filter(|s| **s == want).count(),
            1,
            "{want} once in {subjects:?}"
        );
    }
    let bare_key: String = key.split_whitespace().collect();
    for m in &got {
        assert_eq!(m.to, "siti@contoh.id");
        let text = clean(&m.text());
        let html = m.html();
        assert!(
            !text.contains(&key) && !text.contains(&bare_key),
            "never the key"
        );
        assert!(!html.contains(&key) && !html.contains(&bare_key));
        assert!(
            m.header("List-Unsubscribe").contains("/mail/stop/report:"),
            "updates may be stopped"
        );
        assert!(!text.contains("Siti Rahayu"), "nothing about the person");
    }
    let of = |s: &str| {
        got.iter()
            .find(|m| clean(&m.subject()).contains(s))
            .unwrap()
    };
    let verified = of("sudah diperiksa");
    assert_eq!(verified.header("Content-Language"), "id");
    let text = clean(&verified.text());
    assert!(text.contains(&code), "{text}");
    assert!(
        text.contains(&format!("https://balai.test/id/track?code={code}")),
        "{text}"
    );
    assert!(clean(&of("informasi tambahan").text()).contains("Di sisi mana tangganya?"));
    assert!(clean(&of("sudah dijawab").text()).contains("Tangga sudah diperbaiki."));
    let rejected_text = clean(&of("was not accepted").text());
    assert!(rejected_text.contains("This is not a public service."));
    assert!(rejected_text.contains(&format!("https://balai.test/en/track?code={rejected_code}")));

    // The automatic close tells them too, once.
    let (auto, _, _) = report(&app, "en", "public", true).await;
    act(&mut v, auto, "verify", &[]).await;
    act(&mut v, auto, "route", &[("agency", "kemenhub")]).await;
    act(&mut o, auto, "answer", &[("text", "Done.")]).await;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET answered_at = $1 WHERE id = $2").bind(now() - time::Duration::days(30)).bind(auto).execute(p).await.map(|_| ())).unwrap();
    let cutoff = now() - time::Duration::days(15);
    assert_eq!(
        balai::db::cases::auto_close(&app.state.db, cutoff, now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        balai::db::cases::auto_close(&app.state.db, cutoff, now())
            .await
            .unwrap(),
        0
    );
    send_all(&app, &smtp).await;
    let got = received(&sink, 10).await;
    assert_eq!(got.len(), 10);
    let closed: Vec<&Received> = got
        .iter()
        .filter(|m| m.subject().contains("is closed"))
        .collect();
    assert_eq!(closed.len(), 1);
    assert!(clean(&closed[0].text()).contains("10 working days"));
}

#[actix_web::test]
async fn a_confidential_reports_messages_carry_none_of_its_text() {
    let Some(sink) = SmtpSink::start("mail_reports::a_confidential_reports_messages") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (id, code, _) = report(&app, "en", "confidential", true).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    act(&mut v, id, "verify", &[]).await;
    act(&mut v, id, "route", &[("agency", "kemenhub")]).await;
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    assert_eq!(
        act(
            &mut o,
            id,
            "answer",
            &[("text", "About your ramp at Kantor Desa Sanur Kaja: fixed.")]
        )
        .await
        .status,
        303
    );
    send_all(&app, &smtp).await;
    let got = received(&sink, 3).await;
    assert_eq!(got.len(), 3);
    for m in &got {
        let all = format!("{} {} {}", m.subject(), m.text(), m.html());
        for secret in [
            "Ramp at the village office",
            "Wheelchair users",
            "Sanur Kaja",
            "Siti",
            "fixed.",
        ] {
            assert!(!all.contains(secret), "{secret} in {}", m.subject());
        }
        assert!(clean(&m.text()).contains(&code));
    }
    let answered = got
        .iter()
        .find(|m| m.subject().contains("has an answer"))
        .unwrap();
    assert!(clean(&answered.text()).contains("Open your report on Balai to read what staff wrote"));
}

/// Ask for a link on the lost-key form.
async fn ask_link(app: &TestApp, lang: &str, code: &str, email: &str) -> TestResponse {
    let mut b = Browser::new(app);
    let form = b.get(&format!("/{lang}/track/lost-key")).await;
    assert_eq!(form.status, 200);
    let form_id = form
        .html()
        .select(&sel("input[name=form_id]"))
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    b.post(
        &format!("/{lang}/track/lost-key"),
        &[("code", code), ("email", email), ("form_id", &form_id)],
    )
    .await
}

/// The token of the link in a key message.
fn token_in(m: &Received) -> String {
    let text = m.text();
    let at = text.find("/track/new-key/").expect("a link") + "/track/new-key/".len();
    text[at..at + 32].to_owned()
}

/// Whether code and key open the private view.
async fn opens(app: &TestApp, code: &str, key: &str) -> bool {
    let mut b = Browser::new(app);
    let res = b.post("/en/track", &[("code", code), ("key", key)]).await;
    res.status == 303
}

#[actix_web::test]
async fn a_lost_key_is_replaced_through_a_one_time_link() {
    let Some(sink) = SmtpSink::start("mail_reports::a_lost_key_is_replaced") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (id, code, old_key) = report(&app, "en", "public", false).await;
    let track = app.get("/en/track").await;
    let form = app.get("/en/track/lost-key?code=abc").await;
    crate::accessibility::assert_accessible_shell("lost-key", &form);
    assert!(form.body.contains("value=\"abc\""), "the code carried over");
    assert!(track.body.contains("href=\"/en/track/lost-key\""));
    assert!(track.body.contains("I lost my access key"));

    // Typed as people type: lower case, spaces around the address, another case.
    let res = ask_link(&app, "en", &code.to_lowercase(), "  Siti@Contoh.ID ").await;
    assert_eq!(res.status, 200);
    crate::accessibility::assert_accessible_shell("lost-key sent", &res);
    let answer = main_text(&res);
    assert!(answer.contains("If the code and address match a report, we have sent a link to that address. It works for one hour."));
    send_all(&app, &smtp).await;
    let got = received(&sink, 1).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.to, "siti@contoh.id");
    assert_eq!(
        clean(&m.subject()),
        format!("Make a new access key for your report {code}")
    );
    assert_eq!(
        m.header("List-Unsubscribe"),
        "",
        "a direct answer: no stop link"
    );
    let token = token_in(m);
    assert!(clean(&m.text()).contains(&format!("https://balai.test/en/track/new-key/{token}")));
    // Once sent, the outbox no longer holds the link.
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM outbox WHERE params = '{}' AND status = 'sent'"
        )
        .await,
        1
    );
    let stored_token: i64 = count(
        &app.state.db,
        &format!("SELECT COUNT(*) FROM key_recovery WHERE token_hash = '{token}'"),
    )
    .await;
    assert_eq!(stored_token, 0, "only the token's hash is kept");

    // GET shows the button and changes nothing (link scanners fetch links).
    let link = format!("/en/track/new-key/{token}");
    for _ in 0..2 {
        let page = app.get(&link).await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert_eq!(page.header("cache-control"), "private, no-store");
        let doc = page.html();
        assert_eq!(text_of(&doc, "h1"), "Make a new access key");
        crate::accessibility::assert_accessible_shell("new-key", &page);
        assert!(
            doc.select(&sel(&format!(
                "form[method=post][action=\"{link}\"] button"
            )))
            .next()
            .is_some()
        );
    }
    assert!(
        opens(&app, &code, &old_key).await,
        "the old key still works"
    );
    // A private view opened with the old key (by whoever had it).
    let mut viewer = Browser::new(&app);
    let opened = viewer
        .post("/en/track", &[("code", &code), ("key", &old_key)])
        .await;
    assert_eq!(opened.status, 303);
    let view = format!("/en/track/{}", code.replace('-', ""));
    assert_eq!(viewer.get(&view).await.status, 200);

    // POST makes the new key, shown once.
    let mut b = Browser::new(&app);
    let made = b.post(&link, &[]).await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert_eq!(made.header("cache-control"), "private, no-store");
    crate::accessibility::assert_accessible_shell("new key made", &made);
    let doc = made.html();
    let shown: Vec<String> = doc
        .select(&sel(".code-display"))
        .map(|e| clean(&e.text().collect::<String>()))
        .collect();
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0], code);
    let new_key = shown[1].clone();
    assert_ne!(new_key, old_key);
    assert!(
        !opens(&app, &code, &old_key).await,
        "the old key stopped working"
    );
    assert!(opens(&app, &code, &new_key).await, "the new key works");
    let closed = viewer.get(&view).await;
    assert_eq!(
        closed.status, 303,
        "a view opened with the old key is closed"
    );
    assert!(closed.header("location").contains("expired=1"));
    // A double click shows the same key again, for a few minutes.
    let again = b.post(&link, &[]).await;
    assert_eq!(again.status, 200);
    assert!(clean(&again.body).contains(&new_key));
    // Later the link is used up.
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE key_recovery SET used_at = $1 WHERE report_id = $2").bind(now() - time::Duration::minutes(10)).bind(id).execute(p).await.map(|_| ())).unwrap();
    for res in [app.get(&link).await, b.post(&link, &[]).await] {
        assert_eq!(res.status, 410);
        let doc = res.html();
        assert_eq!(text_of(&doc, "h1"), "This link no longer works");
        crate::accessibility::assert_accessible_shell("new-key gone", &res);
        assert!(res.body.contains("href=\"/en/track/lost-key\""));
    }
    assert!(
        opens(&app, &code, &new_key).await,
        "a reused link changed nothing"
    );
}

#[actix_web::test]
async fn an_expired_link_changes_nothing() {
    let Some(sink) = SmtpSink::start("mail_reports::an_expired_link_changes_nothing") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (id, code, key) = report(&app, "id", "public", false).await;
    assert_eq!(
        ask_link(&app, "id", &code, "siti@contoh.id").await.status,
        200
    );
    send_all(&app, &smtp).await;
    let got = received(&sink, 1).await;
    assert_eq!(
        clean(&got[0].subject()),
        format!("Buat kunci akses baru untuk laporan Anda {code}")
    );
    let token = token_in(&got[0]);
    // An hour and a minute later.
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE key_recovery SET expires_at = $1 WHERE report_id = $2").bind(now() - time::Duration::minutes(1)).bind(id).execute(p).await.map(|_| ())).unwrap();
    let link = format!("/id/track/new-key/{token}");
    let mut b = Browser::new(&app);
    for res in [app.get(&link).await, b.post(&link, &[]).await] {
        assert_eq!(res.status, 410);
        assert_eq!(text_of(&res.html(), "h1"), "Tautan ini tidak berlaku lagi");
    }
    assert!(opens(&app, &code, &key).await, "the key is as it was");
    // A made-up token: the same page.
    assert_eq!(
        app.get("/id/track/new-key/0123456789abcdef0123456789abcdef")
            .await
            .status,
        410
    );
    assert_eq!(app.get("/id/track/new-key/nonsense").await.status, 410);
}

#[actix_web::test]
async fn a_wrong_address_gets_the_same_page_and_no_message() {
    let Some(sink) = SmtpSink::start("mail_reports::a_wrong_address_gets_the_same_page") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (_, code, _) = report(&app, "en", "public", false).await;
    let right = ask_link(&app, "en", &code, "siti@contoh.id").await;
    let wrong = ask_link(&app, "en", &code, "budi@contoh.id").await;
    let unknown = ask_link(&app, "en", "KS2-ZF4-NZW", "siti@contoh.id").await;
    assert_eq!(
        (
            right.status.as_u16(),
            wrong.status.as_u16(),
            unknown.status.as_u16()
        ),
        (200, 200, 200)
    );
    assert_eq!(main_text(&wrong), main_text(&right));
    assert_eq!(main_text(&unknown), main_text(&right));
    send_all(&app, &smtp).await;
    received(&sink, 2).await;
    assert_eq!(
        sink.messages().len(),
        1,
        "only the matching address gets a link"
    );
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM key_recovery").await,
        1
    );
    // The same form sent twice (a double click): one link.
    let mut b = Browser::new(&app);
    let twice = [
        ("code", code.as_str()),
        ("email", "siti@contoh.id"),
        ("form_id", "0123456789abcdef0123456789abcdef"),
    ];
    for _ in 0..2 {
        assert_eq!(b.post("/en/track/lost-key", &twice).await.status, 200);
    }
    send_all(&app, &smtp).await;
    received(&sink, 3).await;
    assert_eq!(sink.messages().len(), 2, "one more link, not two");
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM key_recovery").await,
        2
    );

    // Input that cannot be right: said why, every value kept.
    let long = "x".repeat(300);
    for (c, e, field, message) in [
        ("", "", "code", "Enter"),
        ("not a code", "siti@contoh.id", "code", ""),
        (code.as_str(), "siti-at-contoh", "email", ""),
        (code.as_str(), long.as_str(), "email", ""),
    ] {
        let mut b = Browser::new(&app);
        let res = b
            .post("/en/track/lost-key", &[("code", c), ("email", e)])
            .await;
        assert_eq!(res.status, 422, "{c} {e}");
        let doc = res.html();
        assert!(text_of(&doc, "title").starts_with("Error:"));
        assert!(
            doc.select(&sel(&format!(".error-summary a[href=\"#{field}\"]")))
                .next()
                .is_some(),
            "{c} {e}: {}",
            text_of(&doc, ".error-summary")
        );
        assert!(text_of(&doc, ".error-summary").contains(message));
        let kept = |name: &str| {
            doc.select(&sel(&format!("input[name={name}]")))
                .next()
                .and_then(|i| i.value().attr("value"))
                .unwrap_or_default()
                .to_owned()
        };
        assert_eq!((kept("code"), kept("email")), (c.to_owned(), e.to_owned()));
        crate::accessibility::assert_accessible_shell("lost-key error", &res);
    }
    send_all(&app, &smtp).await;
    assert_eq!(sink.messages().len(), 2);
}

#[actix_web::test]
async fn asking_for_links_is_limited_per_code_and_per_address() {
    let Some(sink) = SmtpSink::start("mail_reports::asking_for_links_is_limited") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let (_, code, _) = report(&app, "en", "public", false).await;
    // Per code: five an hour, whatever the address typed.
    for i in 0..5 {
        let res = ask_link(&app, "en", &code, &format!("someone{i}@contoh.id")).await;
        assert_eq!(res.status, 200);
    }
    let limited = ask_link(&app, "en", &code, "siti@contoh.id").await;
    assert_eq!(limited.status, 429);
    assert!(!limited.header("retry-after").is_empty());
    assert!(
        limited
            .html()
            .select(&sel("input[name=email][value=\"siti@contoh.id\"]"))
            .next()
            .is_some()
    );
    // Per email address: five an hour, whatever the code.
    for i in 0..5 {
        let other = format!("KS2-ZF4-NZ{}", ["2", "3", "4", "5", "6"][i]);
        assert_eq!(
            ask_link(&app, "en", &other, "budi@contoh.id").await.status,
            200
        );
    }
    assert_eq!(
        ask_link(&app, "en", "KS2-ZF4-NZ7", "budi@contoh.id")
            .await
            .status,
        429
    );
    send_all(&app, &smtp).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        sink.messages().is_empty(),
        "nothing matched, or it was limited"
    );
    // Per client address: twenty an hour (twelve asks were counted above).
    let mut last = 0;
    for i in 0..11 {
        let res = ask_link(
            &app,
            "en",
            &format!(
                "AB2-CD3-EF{}",
                ["2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C"][i]
            ),
            &format!("x{i}@contoh.id"),
        )
        .await;
        last = res.status.as_u16();
    }
    assert_eq!(last, 429);
}
