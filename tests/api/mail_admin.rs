//! Stopping messages and watching them (issue #18, items 8, 9 and the admin page): the
//! one-click stop link (RFC 8058) asks on GET and stops on POST (from a mail client: no
//! cookie, any site, any body; 200, never a redirect; repeats harmless), a forged link is
//! the 404 page; the admins' outbox page (counts, newest messages, no text, addresses
//! shortened, filter by status; other roles 404); retention erases messages with the
//! report or registration they are about, and prunes the rest after 30 days.

use crate::accessibility::assert_accessible_shell;
use crate::helpers::{TestApp, TestResponse, text_of};
use crate::reports::{Browser, count, report_of};
use crate::staff::{app as staff_app, sign_in};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::db::outbox;
use balai::mail::message::Message;
use balai::mail::reports::ReportMessage;
use balai::mail::stop;
use time::Duration;

fn changed(code: &str) -> Message {
    Message::Report(ReportMessage::Changed {
        code: code.into(),
        status: "answered".into(),
    })
}

/// A sent report (its code) and its id.
async fn report(app: &TestApp) -> (String, i64) {
    let mut b = Browser::new(app);
    b.fill("complaint", "public").await;
    let (code, _) = b.send_report().await;
    let id = report_of(app, &code).await.id;
    (code, id)
}

async fn status_of(app: &TestApp, dedupe: &str) -> String {
    let sql = format!("SELECT status FROM outbox WHERE dedupe = '{dedupe}'");
    balai::on_pool!(&app.state.db, p => sqlx::query_scalar::<_, String>(&sql).fetch_one(p).await)
        .unwrap()
}

/// The one-click POST as a mail client sends it: no cookie, no Fetch Metadata of this
/// site, `List-Unsubscribe=One-Click`.
async fn one_click(app: &TestApp, path: &str, site: &str) -> TestResponse {
    app.call(
        TestRequest::post()
            .uri(path)
            .insert_header(("sec-fetch-site", site))
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .set_payload("List-Unsubscribe=One-Click"),
    )
    .await
}

#[actix_web::test]
async fn a_stop_link_asks_first_then_stops_its_list_once_and_for_good() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let (code, id) = report(&app).await;
    let list = format!("report:{id}");
    let sql = format!("UPDATE reports SET notify_by_email = TRUE WHERE id = {id}");
    balai::on_pool!(&app.state.db, p => sqlx::query(&sql).execute(p).await.map(|_| ())).unwrap();
    let now = app.state.now();
    let row = changed(&code)
        .to_row("siti@contoh.id", "en", "stop:1".into())
        .in_list(&list)
        .about_report(id);
    outbox::enqueue_alone(&app.state.db, &row, now)
        .await
        .unwrap();
    let token = stop::token(&app.state.secret_key, &list);
    let path = format!("/en/mail/stop/{token}");

    // GET (a mail scanner, or the person) only asks.
    let res = app.get(&path).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("cache-control"), "private, no-store");
    assert_accessible_shell(&path, &res);
    let doc = res.html();
    assert_eq!(text_of(&doc, "h1"), "Stop these messages?");
    assert!(text_of(&doc, "main").contains(&code), "names the report");
    assert_eq!(text_of(&doc, "form button"), "Stop these messages");
    assert!(!outbox::is_stopped(&app.state.db, &list).await.unwrap());
    assert_eq!(status_of(&app, "stop:1").await, "waiting");
    let id_page = app.get(&format!("/id/mail/stop/{token}")).await;
    assert_eq!(text_of(&id_page.html(), "h1"), "Hentikan pesan ini?");

    // The one-click POST of a mail client, from wherever it runs: 200, no redirect.
    let res = one_click(&app, &path, "cross-site").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("location"), "");
    assert_eq!(res.header("cache-control"), "private, no-store");
    assert_accessible_shell(&path, &res);
    assert_eq!(
        text_of(&res.html(), "h1"),
        "You will get no more of these messages"
    );
    assert!(text_of(&res.html(), "main").contains(&code));
    assert!(outbox::is_stopped(&app.state.db, &list).await.unwrap());
    assert_eq!(
        status_of(&app, "stop:1").await,
        "stopped",
        "what waited is not sent"
    );
    let sql = format!("SELECT COUNT(*) FROM reports WHERE id = {id} AND notify_by_email = FALSE");
    assert_eq!(count(&app.state.db, &sql).await, 1, "the opt-in is off too");

    // Again, as a multipart body (RFC 8058 allows it), and with no header at all: the same.
    let again = app
        .call(
            TestRequest::post()
                .uri(&path)
                .insert_header(("content-type", "multipart/form-data; boundary=b"))
                .set_payload(
                    "--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--b--\r\n",
                ),
        )
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM mail_stops").await,
        1
    );

    // Nothing more is written to a stopped list.
    let next = changed(&code)
        .to_row("siti@contoh.id", "en", "stop:2".into())
        .in_list(&list);
    outbox::enqueue_alone(&app.state.db, &next, now)
        .await
        .unwrap();
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM outbox WHERE dedupe = 'stop:2'"
        )
        .await,
        0
    );
}

#[actix_web::test]
async fn a_forged_or_moved_stop_link_is_the_404_page_and_stops_nothing() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let genuine = stop::token(&app.state.secret_key, "report:1");
    let moved = genuine.replace("report:1", "report:2");
    for path in [
        format!("/en/mail/stop/{moved}"),
        "/en/mail/stop/report:1".to_owned(),
        "/en/mail/stop/%3Cscript%3E.00".to_owned(),
    ] {
        let res = app.get(&path).await;
        assert_eq!(res.status, 404, "{path}");
        assert_accessible_shell(&path, &res);
        assert!(res.body.contains("<h1"), "the localized 404 page");
        let res = one_click(&app, &path, "cross-site").await;
        assert_eq!(res.status, 404, "{path}");
    }
    let res = app.get(&format!("/id/mail/stop/{moved}")).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("lang=\"id\""));
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM mail_stops").await,
        0
    );
}

#[actix_web::test]
async fn stopping_the_digest_turns_the_staff_setting_off() {
    let app = staff_app().await;
    let user = balai::db::staff::user_by_email(&app.state.db, "verifier@balai.id")
        .await
        .unwrap()
        .unwrap();
    let token = stop::token(&app.state.secret_key, &format!("digest:{}", user.id));
    let page = app.get(&format!("/en/mail/stop/{token}")).await;
    assert!(text_of(&page.html(), "main").contains("daily email"));
    let res = one_click(&app, &format!("/en/mail/stop/{token}"), "none").await;
    assert_eq!(res.status, 200);
    let sql = format!(
        "SELECT COUNT(*) FROM staff_users WHERE id = {} AND digest = FALSE",
        user.id
    );
    assert_eq!(count(&app.state.db, &sql).await, 1);
}

#[actix_web::test]
async fn admins_see_the_outbox_without_text_and_others_do_not() {
    let app = staff_app().await;
    let now = app.state.now();
    for (n, to) in [
        "siti.rahayu@contoh.id",
        "refused@contoh.id",
        "budi@contoh.id",
    ]
    .iter()
    .enumerate()
    {
        let row = changed("KS2-ZF4-NZW").to_row(to, "en", format!("page:{n}"));
        outbox::enqueue_alone(&app.state.db, &row, now)
            .await
            .unwrap();
    }
    let failed = outbox::list(&app.state.db, None, 10).await.unwrap();
    let refused = failed
        .iter()
        .find(|r| r.recipient.starts_with("refused"))
        .unwrap();
    outbox::mark_failed(&app.state.db, refused.id, "SMTP 550: mailbox unavailable")
        .await
        .unwrap();

    let mut admin = sign_in(&app, "admin@balai.id").await;
    let home = admin.get("/en/staff").await;
    assert!(home.body.contains("/en/staff/outbox"), "linked for admins");
    let res = admin.get("/en/staff/outbox").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("cache-control"), "private, no-store");
    assert_accessible_shell("/en/staff/outbox", &res);
    let doc = res.html();
    assert_eq!(text_of(&doc, "h1"), "Outbox");
    let main = text_of(&doc, "main");
    assert!(main.contains("s***@contoh.id"), "{main}");
    assert!(!res.body.contains("siti.rahayu"), "addresses are shortened");
    assert!(!res.body.contains("KS2-ZF4-NZW"), "no text of a message");
    assert!(main.contains("SMTP 550: mailbox unavailable"), "the reason");
    assert!(main.contains("No email server is set"), "{main}");
    let counts = text_of(&doc, "dl");
    assert!(counts.contains("Waiting2"), "{counts}");
    assert!(counts.contains("Failed1"), "{counts}");

    let failed_only = admin.get("/en/staff/outbox?status=failed").await;
    let doc = failed_only.html();
    assert_eq!(doc.select(&crate::helpers::sel("tbody tr")).count(), 1);
    assert!(text_of(&doc, "h2 ~ h2").contains("Failed"));
    let odd = admin.get("/en/staff/outbox?status=%3Cb%3E").await;
    assert_eq!(odd.status, 200, "an unknown status shows everything");
    assert_eq!(
        odd.html().select(&crate::helpers::sel("tbody tr")).count(),
        3
    );

    let mut verifier = sign_in(&app, "verifier@balai.id").await;
    assert_eq!(verifier.get("/en/staff/outbox").await.status, 404);
    assert!(
        !verifier
            .get("/en/staff")
            .await
            .body
            .contains("/staff/outbox")
    );
    let anonymous = app.get("/en/staff/outbox").await;
    assert_eq!(anonymous.status, 303);
}

#[actix_web::test]
async fn retention_erases_messages_with_what_they_are_about_and_prunes_the_rest() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let (code, id) = report(&app).await;
    let (_, other) = report(&app).await;
    let closed_at = time::macros::datetime!(2026-11-27 12:00 UTC);
    for s in ["verified", "routed", "answered", "closed"] {
        balai::db::reports::set_status(
            &app.state.db,
            id,
            balai::domain::case::Status::parse(s).unwrap(),
            balai::domain::case::Actor::Verifier,
            true,
            Some("Fixed"),
            closed_at,
        )
        .await
        .unwrap();
    }
    let about = |report: i64, dedupe: &str| {
        changed(&code)
            .to_row("siti.rahayu@contoh.id", "en", dedupe.into())
            .about_report(report)
    };
    for (report, dedupe) in [(id, "r:sent"), (id, "r:waiting"), (other, "o:sent")] {
        outbox::enqueue_alone(&app.state.db, &about(report, dedupe), closed_at)
            .await
            .unwrap();
    }
    let insert = format!(
        "INSERT INTO key_recovery (token_hash, report_id, expires_at) VALUES ('h', {id}, '2026-11-27T13:00:00Z')"
    );
    balai::on_pool!(&app.state.db, p => sqlx::query(&insert).execute(p).await.map(|_| ())).unwrap();
    let rows = outbox::list(&app.state.db, None, 10).await.unwrap();
    for r in rows.iter().filter(|r| r.id != rows[1].id) {
        outbox::mark_sent(&app.state.db, r.id, false, closed_at)
            .await
            .unwrap();
    }
    let holding = |dedupe: &str| {
        format!(
            "SELECT COUNT(*) FROM outbox WHERE dedupe = '{dedupe}' AND recipient <> '' AND params <> '{{}}'"
        )
    };

    // 29 days on: the other report's message keeps its text (an admin may need it).
    let soon = closed_at + Duration::days(29);
    balai::retention::erase_due(&app.state, soon).await.unwrap();
    assert_eq!(count(&app.state.db, &holding("o:sent")).await, 1);
    // 31 days on: sent messages keep only their line; the waiting one stays whole.
    let month = closed_at + Duration::days(31);
    balai::retention::erase_due(&app.state, month)
        .await
        .unwrap();
    assert_eq!(count(&app.state.db, &holding("o:sent")).await, 0);
    assert_eq!(count(&app.state.db, &holding("r:sent")).await, 0);
    assert_eq!(count(&app.state.db, &holding("r:waiting")).await, 1);
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM outbox WHERE report_id IS NOT NULL"
        )
        .await,
        3
    );

    // Two years after the report was closed: its waiting message is erased and not sent,
    // and its lost-key links are gone.
    let due = closed_at + Duration::days(731);
    assert_eq!(
        balai::retention::erase_due(&app.state, due).await.unwrap(),
        1
    );
    assert_eq!(count(&app.state.db, &holding("r:waiting")).await, 0);
    assert_eq!(status_of(&app, "r:waiting").await, "expired");
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM key_recovery").await,
        0
    );
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM outbox WHERE recipient LIKE '%siti%' OR params LIKE '%KS2%'"
        )
        .await,
        0
    );
}

#[actix_web::test]
async fn messages_about_a_registration_are_erased_with_it() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let slug = crate::workshops::SMALL;
    crate::workshops::register(&app, slug, crate::workshops::person(1)).await;
    let reg: i64 = balai::on_pool!(&app.state.db, p => sqlx::query_scalar("SELECT id FROM registrations").fetch_one(p).await).unwrap();
    let now = app.state.now();
    let row = changed("ABC-DEF-GHJ")
        .to_row("peserta@contoh.id", "id", "reg:1".into())
        .about_registration(reg);
    outbox::enqueue_alone(&app.state.db, &row, now)
        .await
        .unwrap();
    let end = app.state.content().workshops.get(slug, "id").unwrap().end;
    let later = end + Duration::days(app.state.settings.registration_retention_days + 2);
    balai::retention::erase_due(&app.state, later)
        .await
        .unwrap();
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM registrations").await,
        0
    );
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM outbox WHERE registration_id IS NOT NULL
             AND (recipient <> '' OR params <> '{}')"
        )
        .await,
        0,
        "every message about it lost its address and text"
    );
}
