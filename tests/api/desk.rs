//! The assisted-intake desk and channels (issue #19, items 4 and 5): staff file a report
//! for a citizen with its channel and consent, audited, never rate limited or held, once
//! per form; the citizen gets the code and key on a printable page and by email; the
//! queue filters by channel; statistics and open data count by channel; the citizen's
//! contact and the staff member stay out of public pages and open data.

use crate::helpers::{TestApp, TestResponse, clean, sel, text_of};
use crate::reports::{Browser, count, report_of};
use crate::smtp::SmtpSink;
use crate::staff::{act, sign_in};
use balai::db::staff as staff_db;
use balai::domain::report::Channel;
use balai::domain::staff::hash_password;
use balai::mail::sender::run_once;
use balai::mail::transport::Smtp;
use std::time::Duration;

const PASSWORD: &str = "kopi tubruk di balai desa";

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

async fn app_with(configure: impl FnOnce(&mut balai::settings::Settings)) -> TestApp {
    let app = TestApp::spawn_with(
        move |s| {
            crate::workshops::fixed(s);
            configure(s);
        },
        |_| {},
    )
    .await;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("admin@balai.id", "admin", None),
        ("verifier@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
    ] {
        staff_db::add_user(
            &app.state.db,
            email,
            "Petugas Meja",
            role,
            agency,
            &hash,
            now(),
        )
        .await
        .unwrap();
    }
    app
}

async fn app() -> TestApp {
    app_with(|_| {}).await
}

/// The hidden fields of a fresh desk form: (`csrf`, `form_id`).
async fn blank(b: &mut Browser<'_>) -> (String, String) {
    let res = b.get("/en/staff/desk").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let doc = res.html();
    let value = |name: &str| {
        doc.select(&sel(&format!("input[name={name}]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    (value("csrf"), value("form_id"))
}

/// A complete desk form, changed by `overrides`.
fn fields<'a>(
    csrf: &'a str,
    form_id: &'a str,
    overrides: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f: Vec<(&str, &str)> = vec![
        ("csrf", csrf),
        ("form_id", form_id),
        ("channel", "walk_in"),
        ("kind", "complaint"),
        ("title", "Puskesmas closed during opening hours"),
        (
            "description",
            "The clinic was closed on Monday morning.\nPatients waited outside.",
        ),
        ("category", "health"),
        ("province", "51"),
        ("regency", "51.71"),
        ("place", "Puskesmas Sanur"),
        ("day", "20"),
        ("month", "11"),
        ("year", "2026"),
        ("agency", ""),
        ("privacy", "public"),
        ("name", "Wayan Sudarma"),
        ("email", ""),
        ("phone", "081234567890"),
        ("consent", "yes"),
    ];
    for (k, v) in overrides {
        match f.iter_mut().find(|(name, _)| name == k) {
            Some(slot) => slot.1 = v,
            None => f.push((k, v)),
        }
    }
    f.retain(|(_, v)| *v != "\u{0}");
    f
}

/// File a report at the desk; the confirmation page and the (code, key) it shows.
async fn file(b: &mut Browser<'_>, overrides: &[(&str, &str)]) -> (TestResponse, String, String) {
    let (page, code, key, _) = file_at(b, overrides).await;
    (page, code, key)
}

/// [`file`], with the confirmation's address.
async fn file_at(
    b: &mut Browser<'_>,
    overrides: &[(&str, &str)],
) -> (TestResponse, String, String, String) {
    let (csrf, form_id) = blank(b).await;
    let res = b
        .post("/en/staff/desk", &fields(&csrf, &form_id, overrides))
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(
        res.header("location"),
        format!("/en/staff/desk/sent/{form_id}")
    );
    let page = b.get(res.header("location")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    let doc = page.html();
    let shown: Vec<String> = doc
        .select(&sel(".code-display"))
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect();
    assert_eq!(shown.len(), 2, "code and key shown");
    let (code, key) = (shown[0].clone(), shown[1].clone());
    let at = res.header("location").to_owned();
    (page, code, key, at)
}

/// Whether code and key open the private view.
async fn opens(app: &TestApp, code: &str, key: &str) -> bool {
    let mut b = Browser::new(app);
    b.post("/en/track", &[("code", code), ("key", key)])
        .await
        .status
        == 303
}

#[actix_web::test]
async fn the_desk_files_a_report_with_its_channel_consent_and_staff_member() {
    let app = app().await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let (page, code, key, at) = file_at(&mut v, &[("channel", "phone")]).await;
    assert_eq!(page.header("cache-control"), "private, no-store");
    crate::accessibility::assert_accessible_shell("desk sent", &page);
    assert!(page.body.contains("Received by: Phone"), "{}", page.body);
    let r = report_of(&app, &code).await;
    assert_eq!(r.channel, Channel::Phone);
    assert_eq!(r.reporter_name.as_deref(), Some("Wayan Sudarma"));
    assert_eq!(r.reporter_phone.as_deref(), Some("081234567890"));
    assert!(!r.held, "staff entries are never held as spam");
    assert_eq!(r.desk_consent_at, Some(now()), "the consent and its time");
    let verifier = staff_db::user_by_email(&app.state.db, "verifier@balai.id")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.filed_by_staff_id, Some(verifier.id));
    assert_eq!(r.partner_id, None);
    assert!(opens(&app, &code, &key).await, "the key opens the report");
    // The staff member is in the audit log, with the channel.
    let audit = staff_db::audit(&app.state.db, Some(r.id), None)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].user_id, verifier.id);
    assert_eq!(audit[0].action, "desk-filed");
    assert_eq!(audit[0].detail.as_deref(), Some("phone"));
    // The case page says how it came and who filed it; the admin's audit log names it.
    let mut a = sign_in(&app, "admin@balai.id").await;
    let case = a.get(&format!("/en/staff/reports/{}", r.id)).await;
    let text = clean(&case.html().root_element().text().collect::<String>());
    // (Terms and their descriptions run together in the text of a `dl`.)
    assert!(text.contains("ChannelPhone"), "{text}");
    assert!(
        text.contains("Filed at the desk byPetugas Meja <verifier@balai.id>"),
        "{text}"
    );
    assert!(text.contains("Citizen's consent at the deskGiven on 27 November 2026"));
    assert!(text.contains("Filed a report at the desk"), "{text}");
    // The confirmation is for the session that filed it only.
    let again = a.get(&at).await;
    assert_eq!(again.status, 303, "another member of staff sees no key");
    assert!(!again.body.contains(&key));
}

#[actix_web::test]
async fn officers_and_verifiers_file_and_visitors_are_sent_to_sign_in() {
    let app = app().await;
    let res = app.get("/en/staff/desk").await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.header("location"),
        "/en/staff/sign-in?next=/en/staff/desk"
    );
    let res = app
        .call(
            actix_web::test::TestRequest::post()
                .uri("/en/staff/desk")
                .set_form([("title", "x")]),
        )
        .await;
    assert_eq!(res.status, 303, "a visitor's post goes to sign in");
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        0
    );
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let form = o.get("/en/staff/desk").await;
    assert_eq!(form.status, 200);
    crate::accessibility::assert_accessible_shell("desk form", &form);
    assert!(
        form.body.contains("href=\"/en/staff/desk\""),
        "the back office links to the desk"
    );
    let (_, code, _) = file(
        &mut o,
        &[("channel", "letter"), ("privacy", "confidential")],
    )
    .await;
    assert_eq!(report_of(&app, &code).await.channel, Channel::Letter);
    // Without the staff CSRF token, nothing.
    let (_, form_id) = blank(&mut o).await;
    let res = o
        .post("/en/staff/desk", &fields("wrong", &form_id, &[]))
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );
}

#[actix_web::test]
async fn no_rate_limit_no_spam_hold_and_one_report_per_form() {
    let app = app_with(|s| s.submissions_per_hour = 2).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    for _ in 0..5 {
        file(&mut v, &[]).await;
    }
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM reports WHERE held = FALSE AND channel = 'walk_in'"
        )
        .await,
        5,
        "five quick entries from one address: none limited, none held"
    );
    // Double click and Back-and-resend: one report, one audit line.
    let (csrf, form_id) = blank(&mut v).await;
    let f = fields(&csrf, &form_id, &[]);
    let first = v.post("/en/staff/desk", &f).await;
    let second = v.post("/en/staff/desk", &f).await;
    let changed = v
        .post(
            "/en/staff/desk",
            &fields(&csrf, &form_id, &[("title", "Changed after Back")]),
        )
        .await;
    for res in [&first, &second, &changed] {
        assert_eq!(res.status, 303);
        assert_eq!(res.header("location"), first.header("location"));
    }
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        6
    );
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'desk-filed'"
        )
        .await,
        6
    );
}

#[actix_web::test]
async fn errors_keep_every_value_and_have_the_summary() {
    let app = app().await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let (csrf, form_id) = blank(&mut v).await;
    let res = v
        .post(
            "/en/staff/desk",
            &fields(
                &csrf,
                &form_id,
                &[
                    ("channel", "web"),
                    ("consent", "\u{0}"),
                    ("regency", "32.73"),
                    ("title", "Kept <title>"),
                    ("email", "not-an-address"),
                    ("phone", "\u{0}"),
                ],
            ),
        )
        .await;
    assert_eq!(res.status, 422);
    crate::accessibility::assert_accessible_shell("desk errors", &res);
    let doc = res.html();
    assert!(text_of(&doc, "title").starts_with("Error:"));
    let links: Vec<String> = doc
        .select(&sel(".error-summary a"))
        .map(|a| a.value().attr("href").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        links,
        ["#channel", "#regency", "#email", "#consent"],
        "every error, in page order"
    );
    let value = |name: &str| {
        doc.select(&sel(&format!("input[name={name}]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(value("title"), "Kept <title>");
    assert_eq!(value("email"), "not-an-address");
    assert_eq!(value("place"), "Puskesmas Sanur");
    assert_eq!(
        value("form_id"),
        form_id,
        "the same form: one report when fixed"
    );
    assert!(res.body.contains("Kept &lt;title&gt;"));
    let selected = |name: &str| {
        doc.select(&sel(&format!("select[name={name}] option[selected]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(selected("province"), "51");
    assert_eq!(selected("category"), "health");
    assert!(
        doc.select(&sel("input[name=kind][value=complaint][checked]"))
            .next()
            .is_some()
    );
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        0
    );
    // Fixed with the same form id: one report.
    let ok = v
        .post(
            "/en/staff/desk",
            &fields(&csrf, &form_id, &[("phone", "081234567890")]),
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );
}

#[actix_web::test]
async fn the_citizen_gets_code_and_key_by_email_when_given() {
    let Some(sink) = SmtpSink::start("desk::the_citizen_gets_code_and_key_by_email") else {
        return;
    };
    let url = sink.url();
    let app = app_with(move |s| {
        s.mail.smtp_url = Some(url.into());
        s.mail.public_url = Some("https://balai.test".into());
    })
    .await;
    let smtp = Smtp::new(&sink.url(), "Balai <balai@balai.test>").unwrap();
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let (page, code, key) = file(&mut v, &[("email", "wayan@contoh.id")]).await;
    assert!(page.body.contains("also sent to the citizen"));
    // Without an address: no message.
    file(&mut v, &[("email", "")]).await;
    while run_once(&app.state, &smtp).await.unwrap() > 0 {}
    let got = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.to, "wayan@contoh.id");
    assert_eq!(clean(&m.subject()), format!("Your report {code} was filed"));
    let text = m.text();
    assert!(text.contains(&code) && text.contains(&key), "{text}");
    // The key leaves the outbox once sent.
    assert_eq!(
        count(
            &app.state.db,
            &format!("SELECT COUNT(*) FROM outbox WHERE params LIKE '%{key}%'")
        )
        .await,
        0
    );
}

#[actix_web::test]
async fn the_queue_filters_by_channel_and_public_figures_count_by_channel() {
    let app = app().await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let (_, desk_code, _) = file(
        &mut v,
        &[
            ("channel", "social_media"),
            ("email", "wayan@contoh.id"),
            ("title", "Flooded road near the market"),
        ],
    )
    .await;
    let (_, web_code, _) = crate::staff::report(&app, "public").await;
    let desk = report_of(&app, &desk_code).await;
    let web = report_of(&app, &web_code).await;
    assert_eq!(web.channel, Channel::Web, "the web form's channel");
    let titles = |res: &TestResponse| -> Vec<String> {
        res.html()
            .select(&sel("tbody td a"))
            .map(|a| clean(&a.text().collect::<String>()))
            .collect()
    };
    let q = v.get("/en/staff?list=new&channel=social_media").await;
    assert_eq!(q.status, 200);
    assert_eq!(titles(&q), ["Flooded road near the market"]);
    assert!(q.body.contains("<option value=\"social_media\" selected>"));
    let q = v.get("/en/staff?list=new&channel=web").await;
    assert_eq!(titles(&q), ["Ramp at the village office is broken"]);
    assert_eq!(v.get("/en/staff?list=new&channel=fax").await.status, 400);
    // Both published.
    for id in [desk.id, web.id] {
        assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    }
    let stats = app.get("/en/statistics").await;
    assert_eq!(stats.status, 200);
    let doc = stats.html();
    let table = doc
        .select(&sel("section.chart"))
        .find(|s| s.text().collect::<String>().contains("Reports by channel"))
        .map(|s| clean(&s.text().collect::<String>()))
        .expect("a table by channel");
    assert!(
        table.contains("Social media") && table.contains("Website"),
        "{table}"
    );
    assert!(
        doc.select(&sel("section.chart caption")).count() >= 1,
        "the tables have captions"
    );
    let json = app.get("/data/reports.json?status=all").await;
    assert_eq!(json.status, 200, "{}", json.body);
    assert!(
        json.body.contains("\"channel\":\"social_media\""),
        "{}",
        json.body
    );
    assert!(json.body.contains("\"channel\":\"web\""));
    let csv = app.get("/data/reports.csv?status=all").await;
    assert!(csv.body.lines().next().unwrap().ends_with(",channel"));
    assert!(csv.body.contains(",\"social_media\"") || csv.body.contains(",social_media"));
    // Nothing of the citizen or the staff member in public pages and open data.
    let public = app
        .get(&format!("/en/reports/{}", desk_code.replace('-', "")))
        .await;
    for body in [&public.body, &json.body, &csv.body, &stats.body] {
        for secret in [
            "Wayan",
            "wayan@contoh.id",
            "081234567890",
            "Petugas Meja",
            "verifier@balai.id",
        ] {
            assert!(!body.contains(secret), "{secret} published");
        }
    }
}
