//! The outbox and its sender against a real SMTP server (issue #18, item 1): delivery with
//! both parts in the recipient's language, one message per cause, temporary failures tried
//! again until the server is back, permanent refusals marked failed with the reason.

use crate::helpers::TestApp;
use crate::smtp::SmtpSink;
use balai::db::outbox;
use balai::mail::message::Message;
use balai::mail::reports::ReportMessage;
use balai::mail::sender::run_once;
use balai::mail::transport::Smtp;
use std::time::Duration;

fn changed(code: &str) -> Message {
    Message::Report(ReportMessage::Changed {
        code: code.into(),
        status: "answered".into(),
    })
}

async fn app_for(sink: &SmtpSink) -> (TestApp, Smtp) {
    let url = sink.url();
    let app = TestApp::spawn_with(
        move |s| {
            s.mail.smtp_url = Some(url.into());
            s.mail.public_url = Some("https://balai.test".into());
        },
        |_| {},
    )
    .await;
    let smtp = Smtp::new(&sink.url(), "Balai <balai@balai.test>").unwrap();
    (app, smtp)
}

async fn send_all(app: &TestApp, smtp: &Smtp) {
    while run_once(&app.state, smtp).await.unwrap() > 0 {}
}

async fn status_of(app: &TestApp) -> Vec<(String, i32, Option<String>)> {
    let mut rows = outbox::list(&app.state.db, None, 100).await.unwrap();
    rows.sort_by_key(|r| r.id);
    rows.into_iter()
        .map(|r| (r.status, r.attempts, r.last_error))
        .collect()
}

#[actix_web::test]
async fn a_message_arrives_once_with_both_parts_in_its_language() {
    let Some(sink) =
        SmtpSink::start("mail::a_message_arrives_once_with_both_parts_in_its_language")
    else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let now = app.state.now();
    let row = changed("KS2-ZF4-NZW").to_row("siti@contoh.id", "en", "t:1".into());
    outbox::enqueue_alone(&app.state.db, &row, now)
        .await
        .unwrap();
    // The same cause again (a resent form): nothing more.
    outbox::enqueue_alone(&app.state.db, &row, now)
        .await
        .unwrap();
    let id = changed("KS2-ZF4-NZW").to_row("budi@contoh.id", "id", "t:2".into());
    outbox::enqueue_alone(&app.state.db, &id, now)
        .await
        .unwrap();
    send_all(&app, &smtp).await;
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 2, "one message per cause");
    let en = got.iter().find(|m| m.to == "siti@contoh.id").unwrap();
    assert_eq!(en.subject(), "Your report KS2-ZF4-NZW has changed");
    assert_eq!(en.header("Content-Language"), "en");
    assert!(
        en.text().contains("Your report is now: Answered"),
        "{}",
        en.text()
    );
    assert!(
        en.text()
            .contains("https://balai.test/en/track?code=KS2-ZF4-NZW")
    );
    let html = en.html();
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{html}");
    assert!(html.contains("<h1"), "a real heading");
    assert!(
        !html.contains("<img") && !html.contains("<table"),
        "no images, no layout tables"
    );
    assert!(en.header("Message-ID").contains("@balai.test>"));
    assert_eq!(
        en.header("List-Unsubscribe"),
        "",
        "a direct message has no stop link"
    );
    let id = got.iter().find(|m| m.to == "budi@contoh.id").unwrap();
    assert_eq!(id.subject(), "Laporan Anda KS2-ZF4-NZW berubah");
    assert!(id.html().contains(r#"lang="id""#));
    assert!(
        status_of(&app)
            .await
            .iter()
            .all(|(s, n, _)| s == "sent" && *n == 1)
    );
    // Sent is sent: another round sends nothing.
    send_all(&app, &smtp).await;
    assert_eq!(sink.messages().len(), 2);
}

#[actix_web::test]
async fn a_message_in_a_list_carries_a_one_click_stop_and_a_stopped_list_gets_nothing() {
    let Some(sink) = SmtpSink::start("mail::a_message_in_a_list_carries_a_one_click_stop") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let now = app.state.now();
    let row = changed("KS2-ZF4-NZW")
        .to_row("siti@contoh.id", "en", "t:1".into())
        .in_list("report:1");
    outbox::enqueue_alone(&app.state.db, &row, now)
        .await
        .unwrap();
    send_all(&app, &smtp).await;
    let got = sink.wait_for(1, Duration::from_secs(10)).await;
    let stop = got[0].header("List-Unsubscribe");
    assert!(
        stop.starts_with("<https://balai.test/en/mail/stop/report:1."),
        "{stop}"
    );
    assert_eq!(
        got[0].header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(got[0].text().contains("Stop these messages"));
    outbox::stop(&app.state.db, "report:1", now).await.unwrap();
    let again = changed("KS2-ZF4-NZW")
        .to_row("siti@contoh.id", "en", "t:2".into())
        .in_list("report:1");
    outbox::enqueue_alone(&app.state.db, &again, now)
        .await
        .unwrap();
    send_all(&app, &smtp).await;
    assert_eq!(sink.messages().len(), 1, "nothing after a stop");
}

#[actix_web::test]
async fn a_server_that_is_down_gets_everything_once_it_is_back() {
    let Some(mut sink) = SmtpSink::start("mail::a_server_that_is_down_gets_everything") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    sink.pause();
    let now = app.state.now();
    for n in 0..5 {
        let row = changed("KS2-ZF4-NZW").to_row(&format!("p{n}@contoh.id"), "id", format!("t:{n}"));
        outbox::enqueue_alone(&app.state.db, &row, now)
            .await
            .unwrap();
    }
    send_all(&app, &smtp).await;
    let rows = status_of(&app).await;
    assert!(
        rows.iter()
            .all(|(s, n, e)| s == "waiting" && *n == 1 && e.is_some()),
        "waiting with the reason: {rows:?}"
    );
    // Not due yet: the back-off holds them.
    send_all(&app, &smtp).await;
    assert!(status_of(&app).await.iter().all(|(_, n, _)| *n == 1));
    sink.resume();
    // Their next try is due after the first wait (30 s by default): move the rows' time.
    sqlx_due_now(&app).await;
    send_all(&app, &smtp).await;
    let got = sink.wait_for(5, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 5);
    assert!(
        status_of(&app)
            .await
            .iter()
            .all(|(s, n, _)| s == "sent" && *n == 2)
    );
}

#[actix_web::test]
async fn a_permanent_refusal_is_marked_failed_with_the_reason_and_a_temporary_one_waits() {
    let Some(sink) = SmtpSink::start("mail::a_permanent_refusal_is_marked_failed") else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let now = app.state.now();
    for (n, to) in ["refused@contoh.id", "later@contoh.id", "ok@contoh.id"]
        .iter()
        .enumerate()
    {
        let row = changed("KS2-ZF4-NZW").to_row(to, "id", format!("t:{n}"));
        outbox::enqueue_alone(&app.state.db, &row, now)
            .await
            .unwrap();
    }
    send_all(&app, &smtp).await;
    let rows = status_of(&app).await;
    assert_eq!(rows[0].0, "failed");
    let reason = rows[0].2.clone().unwrap();
    assert!(reason.contains("550"), "{reason}");
    assert!(
        !reason.contains("refused@"),
        "no address in the reason: {reason}"
    );
    assert_eq!(rows[1].0, "waiting");
    assert!(rows[1].2.clone().unwrap().contains("451"));
    assert_eq!(rows[2].0, "sent");
    assert_eq!(sink.messages().len(), 1);
    let listed = outbox::list(&app.state.db, Some("failed"), 10)
        .await
        .unwrap();
    assert_eq!(listed[0].masked_recipient(), "r***@contoh.id");
}

#[actix_web::test]
async fn without_smtp_housekeeping_expires_what_is_past_its_time_and_drops_its_text() {
    // No SMTP and no sender: only housekeeping looks at the outbox.
    let app = TestApp::spawn().await;
    let now = app.state.now();
    let past = changed("KS2-ZF4-NZW")
        .to_row("siti@contoh.id", "id", "t:1".into())
        .expires(now - time::Duration::minutes(1));
    let later = changed("KS2-ZF4-NZW")
        .to_row("siti@contoh.id", "id", "t:2".into())
        .expires(now + time::Duration::hours(1));
    outbox::enqueue_alone(&app.state.db, &past, now)
        .await
        .unwrap();
    outbox::enqueue_alone(&app.state.db, &later, now)
        .await
        .unwrap();
    balai::retention::erase_due(&app.state, now).await.unwrap();
    let rows: Vec<(String, String)> = balai::on_pool!(&app.state.db, p => sqlx::query_as(
        "SELECT status, params FROM outbox ORDER BY id").fetch_all(p).await)
    .unwrap();
    assert_eq!(rows[0], ("expired".to_owned(), "{}".to_owned()));
    assert_eq!(rows[1].0, "waiting");
    assert!(rows[1].1.contains("KS2-ZF4-NZW"));
}

/// Make every waiting row due now (instead of waiting out the back-off).
async fn sqlx_due_now(app: &TestApp) {
    let past = app.state.now() - time::Duration::hours(1);
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE outbox SET next_try_at = $1 WHERE status = 'waiting'")
        .bind(past).execute(p).await.map(|_| ())).unwrap();
}
