//! Messages to workshop participants and to staff (issue #18, items 5 and 6), against a
//! real SMTP server: the confirmation with its calendar file, the waiting-list position,
//! promotion after a cancellation, the cancellation, an access need's new status and the
//! contact's notice, nothing for a phone number alone, the reminder and the meeting link
//! written by the scheduled pass (once, and not too early or too late), and the staff
//! digest with its opt-out.

use crate::helpers::{TestApp, sel};
use crate::reports::Browser;
use crate::smtp::{Received, SmtpSink};
use crate::workshops::{blank_form, fixed, post};
use balai::db::{digest, outbox, registrations};
use balai::domain::registration::NeedStatus;
use balai::mail::schedule;
use balai::mail::sender::run_once;
use balai::mail::transport::Smtp;
use balai::mail::workshops::grouped;
use mail_parser::MimeHeaders;
use std::time::Duration;
use time::macros::datetime;

/// Three general places and one wheelchair space; contact bandung@balai.example.
const SMALL: &str = "klinik-suara-setara-kabupaten-bandung-2026-12";
/// In person or online, with a meeting link; starts 2026-12-19 09:00 WIB.
const BOTH: &str = "suara-setara-sleman-2026-12";
const PASSWORD: &str = "teh manis di pendopo kabupaten";

async fn app_for(sink: &SmtpSink) -> (TestApp, Smtp) {
    let url = sink.url();
    let app = TestApp::spawn_with(
        move |s| {
            fixed(s);
            s.mail.smtp_url = Some(url.into());
            s.mail.public_url = Some("https://balai.test".into());
        },
        |_| {},
    )
    .await;
    let smtp = Smtp::new(&sink.url(), "Balai <balai@balai.test>").unwrap();
    (app, smtp)
}

/// Send what waits. Messages written by a scheduled pass at a later moment than the
/// app's fixed clock are made due first.
async fn send_all(app: &TestApp, smtp: &Smtp) {
    let sql = "UPDATE outbox SET next_try_at = $1 WHERE status = 'waiting'";
    let now = app.state.now();
    balai::on_pool!(&app.state.db, p => sqlx::query(sql).bind(now).execute(p).await.map(|_| ()))
        .unwrap();
    while run_once(&app.state, smtp).await.unwrap() > 0 {}
}

/// Register in `lang`; the status page's path (with its token).
async fn register(app: &TestApp, lang: &str, slug: &str, fields: &[(&str, &str)]) -> String {
    let mut all: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    all.push(("consent".into(), "yes".into()));
    all.extend(blank_form(app, lang, slug).await);
    let res = post(app, &format!("/{lang}/workshops/{slug}/register"), &all).await;
    assert_eq!(res.status, 303, "{}", res.body);
    res.header("location").to_owned()
}

/// The code and token of a status page's path.
fn code_and_token(path: &str) -> (String, String) {
    let rest = path.split("/registrations/").nth(1).unwrap();
    let (code, query) = rest.split_once('?').unwrap();
    let token = query.split('&').find_map(|p| p.strip_prefix("t=")).unwrap();
    (code.to_owned(), token.to_owned())
}

fn to<'a>(got: &'a [Received], address: &str) -> Vec<&'a Received> {
    got.iter().filter(|m| m.to == address).collect()
}

async fn kinds(app: &TestApp) -> Vec<String> {
    let mut rows = outbox::list(&app.state.db, None, 500).await.unwrap();
    rows.sort_by_key(|r| r.id);
    rows.into_iter().map(|r| r.kind).collect()
}

#[actix_web::test]
async fn a_confirmation_arrives_in_the_registrants_language_with_a_calendar_file() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::a_confirmation_arrives_in_the_registrants_language_with_a_calendar_file",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let path = register(
        &app,
        "en",
        SMALL,
        &[("name", "Siti Rahma"), ("email", "siti@contoh.id")],
    )
    .await;
    let (raw, _) = code_and_token(&path);
    let code = grouped(&raw);
    register(
        &app,
        "id",
        SMALL,
        &[("name", "Budi"), ("email", "budi@contoh.id")],
    )
    .await;
    send_all(&app, &smtp).await;
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 2, "one message each, and none to the contact");
    let en = to(&got, "siti@contoh.id")[0];
    assert_eq!(
        en.subject(),
        format!("You have a place at Suara Setara One-to-One Clinic: Bandung Regency: {code}")
    );
    assert_eq!(en.header("Content-Language"), "en");
    let text = en.text();
    for part in [
        "Registration code: ",
        code.as_str(),
        "When: Saturday 5 December 2026, 09:00–12:00 WIB",
        "WIB",
        "Where: ",
        "Access at this workshop: ",
        "Step-free access",
        "https://balai.test/en/workshops/registrations/",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(!text.contains("Siti"), "no name in the message");
    assert_eq!(en.header("List-Unsubscribe"), "", "a direct message");
    assert!(en.html().contains(r#"<html lang="en" dir="ltr">"#));
    // The calendar file is attached and parses, with an absolute link.
    let parsed = en.parsed();
    let ics = parsed
        .attachments()
        .find(|a| {
            a.attachment_name()
                .is_some_and(|n| n == format!("{SMALL}.ics"))
        })
        .expect("the calendar file is attached");
    let body = String::from_utf8(ics.contents().to_vec()).unwrap();
    let calendar: icalendar::Calendar = body.parse().expect("a parsable calendar");
    use icalendar::Component;
    let event = calendar
        .components
        .iter()
        .find_map(|c| c.as_event())
        .expect("one event");
    assert_eq!(
        event.get_summary(),
        Some("Suara Setara One-to-One Clinic: Bandung Regency")
    );
    assert!(
        event
            .get_description()
            .unwrap()
            .contains(&format!("https://balai.test/en/workshops/{SMALL}")),
        "{:?}",
        event.get_description()
    );
    let id = to(&got, "budi@contoh.id")[0];
    assert!(
        id.subject().starts_with("Anda mendapat kursi di "),
        "{}",
        id.subject()
    );
    assert!(id.text().contains("Kode pendaftaran: "));
    // The calendar file from the site carries the same absolute link.
    let res = app.get(&format!("/id/workshops/{SMALL}.ics")).await;
    assert!(
        res.body
            .replace("\r\n ", "")
            .contains(&format!("https://balai.test/id/workshops/{SMALL}")),
        "{}",
        res.body
    );
}

#[actix_web::test]
async fn the_waiting_list_says_its_position_and_a_cancellation_promotes_the_next() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::the_waiting_list_says_its_position_and_a_cancellation_promotes_the_next",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let mut paths = Vec::new();
    for n in 1..=5 {
        let email = format!("peserta{n}@contoh.id");
        let name = format!("Peserta {n}");
        paths.push(register(&app, "id", SMALL, &[("name", &name), ("email", &email)]).await);
    }
    send_all(&app, &smtp).await;
    let got = sink.wait_for(5, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 5);
    let fifth = to(&got, "peserta5@contoh.id")[0];
    assert!(
        fifth.subject().starts_with("Anda masuk daftar tunggu "),
        "{}",
        fifth.subject()
    );
    assert!(
        fifth
            .text()
            .contains("Anda berada di urutan 2 dalam daftar tunggu"),
        "{}",
        fifth.text()
    );
    assert!(
        fifth.parsed().attachments().next().is_none(),
        "no calendar file yet"
    );
    // The first cancels (twice: a double click): the fourth gets the place.
    let (raw, token) = code_and_token(&paths[0]);
    for _ in 0..2 {
        let res = post(
            &app,
            &format!("/id/workshops/registrations/{raw}/cancel"),
            &[("t".into(), token.clone())],
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    send_all(&app, &smtp).await;
    let got = sink.wait_for(7, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 7, "one cancellation, one promotion");
    let cancelled = to(&got, "peserta1@contoh.id");
    assert_eq!(cancelled.len(), 2);
    assert_eq!(
        cancelled[1].subject(),
        format!("Pendaftaran {} Anda sudah dibatalkan", grouped(&raw))
    );
    let promoted = to(&got, "peserta4@contoh.id");
    assert_eq!(promoted.len(), 2);
    assert!(
        promoted[1]
            .subject()
            .starts_with("Ada kursi kosong: Anda kini mendapat kursi di "),
        "{}",
        promoted[1].subject()
    );
    assert!(
        promoted[1].parsed().attachments().next().is_some(),
        "with the calendar file"
    );
    assert_eq!(
        to(&got, "peserta5@contoh.id").len(),
        1,
        "still waiting: nothing new"
    );
}

#[actix_web::test]
async fn access_needs_reach_the_contact_and_their_new_status_the_registrant() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::access_needs_reach_the_contact_and_their_new_status_the_registrant",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let path = register(
        &app,
        "en",
        SMALL,
        &[
            ("name", "Dewi"),
            ("email", "dewi@contoh.id"),
            ("need_bisindo", "yes"),
        ],
    )
    .await;
    let (raw, _) = code_and_token(&path);
    let code = grouped(&raw);
    send_all(&app, &smtp).await;
    let got = sink.wait_for(2, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 2);
    let contact = to(&got, "bandung@balai.example")[0];
    assert!(
        contact
            .subject()
            .starts_with("Permintaan aksesibilitas baru untuk "),
        "in Indonesian: {}",
        contact.subject()
    );
    let text = contact.text();
    assert!(
        text.contains(&code) && text.contains("Juru bahasa isyarat BISINDO")
            || text.contains("BISINDO"),
        "{text}"
    );
    assert!(
        !text.contains("Dewi") && !text.contains("dewi@"),
        "nothing about the person"
    );
    assert!(text.contains(&format!("https://balai.test/id/staff/workshops/{SMALL}")));
    // Staff arrange it: the registrant hears, once, even if the form is sent twice.
    let reg = registrations::find(&app.state.db, &balai::domain::Code::parse(&raw).unwrap())
        .await
        .unwrap()
        .unwrap();
    let now = app.state.now();
    for _ in 0..2 {
        assert!(
            registrations::set_need_status(
                &app.state.db,
                SMALL,
                reg.id,
                "bisindo",
                NeedStatus::Arranged,
                now
            )
            .await
            .unwrap()
        );
    }
    registrations::set_need_status(
        &app.state.db,
        SMALL,
        reg.id,
        "bisindo",
        NeedStatus::NotPossible,
        now + time::Duration::minutes(1),
    )
    .await
    .unwrap();
    send_all(&app, &smtp).await;
    let got = sink.wait_for(4, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 4);
    let own = to(&got, "dewi@contoh.id");
    assert_eq!(own.len(), 3, "confirmed, arranged, not possible");
    assert_eq!(
        own[1].subject(),
        format!("Your access request for Suara Setara One-to-One Clinic: Bandung Regency: {code}")
    );
    assert!(
        own[1]
            .text()
            .contains("Good news: BISINDO sign-language interpreter is arranged for you."),
        "{}",
        own[1].text()
    );
    assert!(
        own[2]
            .text()
            .contains("we cannot arrange BISINDO sign-language interpreter"),
        "{}",
        own[2].text()
    );
    assert!(
        own[2].text().contains("bandung@balai.example"),
        "says whom to contact"
    );
}

#[actix_web::test]
async fn a_phone_number_alone_gets_nothing_and_the_form_says_so() {
    let Some(sink) =
        SmtpSink::start("mail_workshops::a_phone_number_alone_gets_nothing_and_the_form_says_so")
    else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let res = app.get(&format!("/en/workshops/{SMALL}/register")).await;
    let doc = res.html();
    let email = doc.select(&sel("input[name=email]")).next().unwrap();
    let hint_id = email.value().attr("aria-describedby").unwrap();
    let hint = doc
        .select(&sel(&format!(
            "#{}",
            hint_id.split_whitespace().next().unwrap()
        )))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        hint.contains("with a phone number alone you get no messages"),
        "{hint}"
    );
    register(
        &app,
        "id",
        SMALL,
        &[
            ("name", "Rudi"),
            ("phone", "0812 3456 7890"),
            ("need_bisindo", "yes"),
        ],
    )
    .await;
    schedule::workshops(&app.state, datetime!(2026-12-04 00:00 UTC))
        .await
        .unwrap();
    assert_eq!(
        kinds(&app).await,
        ["workshop-needs-requested"],
        "only the contact hears of the need"
    );
    send_all(&app, &smtp).await;
    let got = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, "bandung@balai.example");
}

#[actix_web::test]
async fn the_reminder_is_written_once_in_its_window_and_can_be_stopped() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::the_reminder_is_written_once_in_its_window_and_can_be_stopped",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    register(
        &app,
        "en",
        SMALL,
        &[("name", "Siti"), ("email", "siti@contoh.id")],
    )
    .await;
    let other = register(
        &app,
        "id",
        SMALL,
        &[("name", "Tono"), ("email", "tono@contoh.id")],
    )
    .await;
    // SMALL starts 5 December 09:00 WIB; reminders come 2 days before (the default).
    let reminders = |k: Vec<String>| k.iter().filter(|k| *k == "workshop-reminder").count();
    schedule::run(&app.state, datetime!(2026-12-02 12:00 UTC))
        .await
        .unwrap();
    assert_eq!(reminders(kinds(&app).await), 0, "too early");
    schedule::run(&app.state, datetime!(2026-12-03 12:00 UTC))
        .await
        .unwrap();
    schedule::run(&app.state, datetime!(2026-12-03 12:10 UTC))
        .await
        .unwrap();
    assert_eq!(
        reminders(kinds(&app).await),
        2,
        "two passes, one reminder each"
    );
    // Tono cancels before it is sent: his reminder is not sent.
    let (raw, token) = code_and_token(&other);
    let res = post(
        &app,
        &format!("/id/workshops/registrations/{raw}/cancel"),
        &[("t".into(), token)],
    )
    .await;
    assert_eq!(res.status, 303);
    send_all(&app, &smtp).await;
    let got = sink.wait_for(4, Duration::from_secs(10)).await;
    assert_eq!(
        got.len(),
        4,
        "two confirmations, one reminder, one cancellation"
    );
    assert!(
        !to(&got, "tono@contoh.id")
            .iter()
            .any(|m| m.subject().starts_with("Pengingat"))
    );
    let reminder = got
        .iter()
        .find(|m| m.subject().starts_with("Reminder: "))
        .expect("the reminder arrives");
    assert_eq!(
        reminder.subject(),
        "Reminder: Suara Setara One-to-One Clinic: Bandung Regency on 5 December 2026"
    );
    assert!(
        reminder
            .header("List-Unsubscribe")
            .contains("/en/mail/stop/"),
        "stoppable"
    );
    assert_eq!(
        reminder.header("List-Unsubscribe-Post"),
        "List-Unsubscribe=One-Click"
    );
    assert!(reminder.text().contains("Where: "));
    // After the workshop nothing more is written (a past workshop gets no reminder).
    schedule::run(&app.state, datetime!(2026-12-06 12:00 UTC))
        .await
        .unwrap();
    assert_eq!(reminders(kinds(&app).await), 2);
}

#[actix_web::test]
async fn the_meeting_link_goes_the_day_before_to_confirmed_online_participants_only() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::the_meeting_link_goes_the_day_before_to_confirmed_online_participants_only",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let online = register(
        &app,
        "en",
        BOTH,
        &[
            ("name", "Ayu"),
            ("email", "ayu@contoh.id"),
            ("attendance", "online"),
        ],
    )
    .await;
    let in_person = register(
        &app,
        "en",
        BOTH,
        &[
            ("name", "Eko"),
            ("email", "eko@contoh.id"),
            ("attendance", "in-person"),
        ],
    )
    .await;
    const LINK: &str = "https://rapat.balai.example/suara-setara-sleman-2026-12";
    // Never on the public page; on the registration page of the online participant only.
    for lang in ["id", "en"] {
        assert!(
            !app.get(&format!("/{lang}/workshops/{BOTH}"))
                .await
                .body
                .contains(LINK)
        );
    }
    assert!(app.get(&online).await.body.contains(LINK));
    assert!(!app.get(&in_person).await.body.contains(LINK));
    let links = |k: Vec<String>| k.iter().filter(|k| *k == "workshop-meeting-link").count();
    // Starts 19 December 09:00 WIB (02:00 UTC).
    schedule::workshops(&app.state, datetime!(2026-12-17 12:00 UTC))
        .await
        .unwrap();
    assert_eq!(links(kinds(&app).await), 0, "two days before: not yet");
    schedule::workshops(&app.state, datetime!(2026-12-18 06:00 UTC))
        .await
        .unwrap();
    schedule::workshops(&app.state, datetime!(2026-12-18 06:10 UTC))
        .await
        .unwrap();
    assert_eq!(
        links(kinds(&app).await),
        1,
        "the day before, once, online only"
    );
    send_all(&app, &smtp).await;
    let got = sink.wait_for(5, Duration::from_secs(10)).await;
    let link: Vec<_> = got
        .iter()
        .filter(|m| m.subject().starts_with("Meeting link"))
        .collect();
    assert_eq!(link.len(), 1);
    assert_eq!(link[0].to, "ayu@contoh.id");
    assert!(link[0].text().contains(LINK), "{}", link[0].text());
    assert!(link[0].html().contains(&format!(r#"href="{LINK}""#)));
    assert_eq!(
        link[0].header("List-Unsubscribe"),
        "",
        "not stoppable: it is needed"
    );
}

#[actix_web::test]
async fn the_digest_lists_due_and_overdue_cases_once_a_day_and_each_can_turn_it_off() {
    let Some(sink) = SmtpSink::start(
        "mail_workshops::the_digest_lists_due_and_overdue_cases_once_a_day_and_each_can_turn_it_off",
    ) else {
        return;
    };
    let (app, smtp) = app_for(&sink).await;
    let hash = balai::domain::staff::hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("admin@balai.id", "admin", None),
        ("verifier@balai.id", "verifier", None),
        ("verifier2@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
    ] {
        let now = app.state.now();
        balai::db::staff::add_user(&app.state.db, email, "Petugas", role, agency, &hash, now)
            .await
            .unwrap();
    }
    let digests = |k: Vec<String>| k.iter().filter(|k| *k == "staff-digest").count();
    // A report sent today is due in three working days: nothing is due yet.
    let (_, fresh_code, _) = crate::staff::report(&app, "public").await;
    let friday = datetime!(2026-11-27 12:00 UTC);
    schedule::digests(&app.state, friday).await.unwrap();
    assert_eq!(digests(kinds(&app).await), 0, "nothing due, no message");
    // Sent on 17 November: due 20 November, overdue now.
    let (old, code, _) = crate::staff::report(&app, "public").await;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET created_at = $1 WHERE id = $2")
        .bind(datetime!(2026-11-17 03:00 UTC)).bind(old).execute(p).await.map(|_| ())).unwrap();
    // Routed to the Ministry of Transportation on Tuesday 24 November: to be answered by
    // Tuesday 1 December, within two working days of Friday.
    let (routed, routed_code, _) = crate::staff::report(&app, "public").await;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET status = 'routed', agency = 'kemenhub', routed_at = $1 WHERE id = $2")
        .bind(datetime!(2026-11-24 03:00 UTC)).bind(routed).execute(p).await.map(|_| ())).unwrap();
    // Before seven in the morning (WIB) nothing is written yet.
    schedule::digests(&app.state, datetime!(2026-11-27 23:00 UTC))
        .await
        .unwrap();
    assert_eq!(digests(kinds(&app).await), 0);
    schedule::digests(&app.state, friday).await.unwrap();
    schedule::digests(&app.state, friday + time::Duration::minutes(10))
        .await
        .unwrap();
    assert_eq!(
        digests(kinds(&app).await),
        3,
        "one per verifier and one for the agency's officer, once"
    );
    send_all(&app, &smtp).await;
    let got = sink.wait_for(3, Duration::from_secs(10)).await;
    let o = to(&got, "officer@kemenhub.go.id")[0];
    assert_eq!(
        o.subject(),
        "Kasus untuk 27 November 2026: 0 lewat tenggat, 1 jatuh tempo dalam dua hari kerja"
    );
    assert!(
        o.text()
            .contains(&format!("{routed_code}: Tenggat 1 Desember 2026")),
        "{}",
        o.text()
    );
    assert!(
        !o.text().contains(&code),
        "the verifiers' case is not the officer's"
    );
    let officer = balai::db::staff::user_by_email(&app.state.db, "officer@kemenhub.go.id")
        .await
        .unwrap()
        .unwrap();
    digest::set(&app.state.db, officer.id, false).await.unwrap();
    let v = to(&got, "verifier@balai.id")[0];
    assert_eq!(
        v.subject(),
        "Kasus untuk 27 November 2026: 1 lewat tenggat, 0 jatuh tempo dalam dua hari kerja"
    );
    assert!(
        v.text().contains(&format!(
            "{code}: Lewat tenggat: tenggatnya 20 November 2026"
        )),
        "{}",
        v.text()
    );
    assert!(!v.text().contains(&fresh_code), "not due yet");
    assert!(
        !v.text().contains(&routed_code),
        "with the agency, not the verifiers"
    );
    assert!(v.header("List-Unsubscribe").contains("/id/mail/stop/"));
    // The second verifier turns it off on the "Daily email" page.
    let mut b = Browser::new(&app);
    let res = b
        .post(
            "/en/staff/sign-in",
            &[("email", "verifier2@balai.id"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let page = b.get("/en/staff/email").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("You get the daily email."));
    let csrf = page
        .html()
        .select(&sel("input[name=csrf]"))
        .find_map(|e| e.value().attr("value").map(str::to_owned))
        .unwrap();
    let res = b
        .post("/en/staff/email", &[("csrf", &csrf), ("digest", "off")])
        .await;
    assert_eq!(res.status, 303);
    assert!(
        b.get("/en/staff/email?notice=saved")
            .await
            .body
            .contains("You do not get the daily email.")
    );
    // Without the token: refused.
    assert_eq!(
        b.post("/en/staff/email", &[("digest", "on")]).await.status,
        403
    );
    // The first stops it with the message's link: the page agrees, and turning it on
    // again undoes the stop.
    let first = balai::db::staff::user_by_email(&app.state.db, "verifier@balai.id")
        .await
        .unwrap()
        .unwrap();
    outbox::stop(&app.state.db, &digest::list(first.id), friday)
        .await
        .unwrap();
    assert!(!digest::is_on(&app.state.db, first.id).await.unwrap());
    let monday = datetime!(2026-11-30 03:00 UTC);
    schedule::digests(&app.state, monday).await.unwrap();
    assert_eq!(
        digests(kinds(&app).await),
        3,
        "all off: nothing new on Monday"
    );
    digest::set(&app.state.db, first.id, true).await.unwrap();
    assert!(digest::is_on(&app.state.db, first.id).await.unwrap());
    schedule::digests(&app.state, monday).await.unwrap();
    assert_eq!(digests(kinds(&app).await), 4, "on again: Monday's digest");
}

#[test]
fn content_check_refuses_a_meeting_link_that_is_not_https_and_a_contact_email_that_is_not_one() {
    let root = crate::helpers::repo().join("tests/fixtures");
    let problems = balai::content::check::run(&root.join("content-bad"), &root.join("locales-bad"));
    let found: Vec<String> = problems.iter().map(ToString::to_string).collect();
    for (place, what) in [
        (
            "workshops/meeting.id.md:16:",
            "field `contact_email`: must be one email address",
        ),
        (
            "workshops/meeting.id.md:17:",
            "field `meeting_url`: must be an https:// address",
        ),
    ] {
        assert!(
            found.iter().any(|p| p.contains(place) && p.contains(what)),
            "expected {place} {what}; found:\n{}",
            found.join("\n")
        );
    }
}
