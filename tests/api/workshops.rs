//! Campaigns and workshops: pages, filters, the calendar file, registration with its
//! errors, idempotency, capacity under concurrency, the waiting list, cancelling,
//! look-ups, rate limits and spam. The clock is fixed at 2026-11-27 12:00 UTC and the
//! shipped content is used: the slugs below are its workshops.

use crate::accessibility::assert_accessible_shell;
use crate::helpers::{TestApp, TestResponse, sel, text_of};
use actix_web::test::TestRequest;
use balai::settings::{Clock, Settings};
use std::collections::HashMap;
use time::macros::datetime;

/// Three general places and one wheelchair space, registration open.
pub const SMALL: &str = "klinik-suara-setara-kabupaten-bandung-2026-12";
/// In person or online, registration open.
const BOTH: &str = "suara-setara-sleman-2026-12";
/// Registration not open yet.
const LATER: &str = "muda-bersuara-kabupaten-tangerang-2027-01";
/// Already held.
const PAST: &str = "suara-setara-yogyakarta-2026-08";

pub fn fixed(s: &mut Settings) {
    s.clock = Clock::Fixed(datetime!(2026-11-27 12:00 UTC));
    s.min_form_seconds = 0;
}

async fn app() -> TestApp {
    TestApp::spawn_with(fixed, |_| {}).await
}

/// Hidden fields of the registration form, as a browser would send them back.
pub(crate) async fn blank_form(app: &TestApp, lang: &str, slug: &str) -> Vec<(String, String)> {
    let res = app.get(&format!("/{lang}/workshops/{slug}/register")).await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    ["form_token", "form_id"]
        .iter()
        .map(|name| {
            let v = doc
                .select(&sel(&format!("input[name={name}]")))
                .next()
                .unwrap()
                .value()
                .attr("value")
                .unwrap();
            ((*name).to_owned(), v.to_owned())
        })
        .collect()
}

pub(crate) async fn post(app: &TestApp, path: &str, fields: &[(String, String)]) -> TestResponse {
    app.call(TestRequest::post().uri(path).set_form(fields))
        .await
}

pub fn person(n: usize) -> Vec<(String, String)> {
    vec![
        ("name".into(), format!("Peserta {n}")),
        ("email".into(), format!("peserta{n}@contoh.id")),
        ("consent".into(), "yes".into()),
    ]
}

/// Register person `n` for `slug`; returns the status page's path.
pub async fn register(app: &TestApp, slug: &str, mut fields: Vec<(String, String)>) -> String {
    fields.extend(blank_form(app, "id", slug).await);
    let res = post(app, &format!("/id/workshops/{slug}/register"), &fields).await;
    assert_eq!(res.status, 303, "{}", res.body);
    res.header("location").to_owned()
}

async fn count(app: &TestApp, status: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM registrations WHERE status = $1";
    balai::on_pool!(&app.state.db, pool => sqlx::query_scalar(sql).bind(status).fetch_one(pool).await).unwrap()
}

#[actix_web::test]
async fn workshop_pages_have_the_shell_and_the_facts() {
    let app = app().await;
    for lang in ["id", "en"] {
        for path in [
            format!("/{lang}/campaigns"),
            format!("/{lang}/campaigns/suara-setara"),
            format!("/{lang}/workshops"),
            format!("/{lang}/workshops/{SMALL}"),
            format!("/{lang}/workshops/{PAST}"),
            format!("/{lang}/workshops/{SMALL}/register"),
            format!("/{lang}/workshops/{PAST}/register"),
            format!("/{lang}/workshops/registrations"),
        ] {
            let res = app.get(&path).await;
            assert_eq!(res.status, 200, "{path}");
            assert_accessible_shell(&path, &res);
        }
    }
    let doc = app.get(&format!("/en/workshops/{SMALL}")).await.html();
    assert_eq!(
        text_of(&doc, "h1"),
        "Suara Setara One-to-One Clinic: Bandung Regency"
    );
    assert!(
        doc.select(&sel(&format!(
            "a.button[href='/en/workshops/{SMALL}/register']"
        )))
        .next()
        .is_some()
    );
    assert!(doc.html().contains("3 places left"));
    let facts: Vec<String> = doc
        .select(&sel("dl.summary-list dt"))
        .map(|d| d.text().collect())
        .collect();
    assert!(facts.contains(&"Step-free access".to_owned()), "{facts:?}");
    // Not open yet: no button, the opening date instead.
    let doc = app.get(&format!("/en/workshops/{LATER}")).await.html();
    assert!(doc.select(&sel("a.button")).next().is_none());
    assert!(
        doc.html()
            .contains("Registration opens Monday 4 January 2027 at 08:00 WIB"),
        "{}",
        doc.html()
    );
    assert_eq!(app.state.i18n.missing_count(), 0);
}

#[actix_web::test]
async fn the_list_puts_upcoming_first_and_filters_by_province_and_format() {
    let app = app().await;
    let doc = app.get("/en/workshops").await.html();
    let headings: Vec<String> = doc
        .select(&sel("main h2, main h3"))
        .map(|h| h.text().collect::<String>().trim().to_owned())
        .collect();
    let past_at = headings.iter().position(|h| h == "Past").unwrap();
    assert_eq!(headings[0], "Upcoming");
    assert!(
        headings[1].contains("Bandung"),
        "soonest first: {headings:?}"
    );
    assert_eq!(
        headings.len() - past_at - 1,
        3,
        "three past workshops: {headings:?}"
    );

    let doc = app.get("/en/workshops?province=34").await.html();
    assert_eq!(text_of(&doc, "p[role=status]"), "3 workshops found");
    let doc = app.get("/en/workshops?format=online").await.html();
    assert_eq!(text_of(&doc, "p[role=status]"), "2 workshops found");
    let doc = app
        .get("/en/workshops?province=51&format=online")
        .await
        .html();
    assert_eq!(text_of(&doc, "p[role=status]"), "0 workshops found");
    assert!(doc.html().contains("Try all provinces"));
    // Hostile or unknown filters: a normal page, values escaped.
    for q in [
        "province=%3Cscript%3E",
        "format=%27%20OR%201%3D1--",
        "province=&province=51&x=1",
        &format!("province={}", "9".repeat(5000)),
    ] {
        let res = app.get(&format!("/en/workshops?{q}")).await;
        assert_eq!(res.status, 200, "{q}");
        assert!(!res.body.contains("<script>"));
    }
}

#[actix_web::test]
async fn the_calendar_file_is_valid_icalendar_with_the_time_zone() {
    let app = app().await;
    let res = app.get(&format!("/id/workshops/{SMALL}.ics")).await;
    assert_eq!(res.status, 200);
    assert!(res.header("content-type").starts_with("text/calendar"));
    let unfolded = icalendar::parser::unfold(&res.body);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("parses");
    let event = cal
        .components
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("an event");
    let prop = |name: &str| event.properties.iter().find(|p| p.name == name).unwrap();
    assert_eq!(prop("DTSTART").val.as_ref(), "20261205T090000");
    assert_eq!(
        prop("DTSTART")
            .params
            .iter()
            .find(|p| p.key == "TZID")
            .unwrap()
            .val
            .as_ref()
            .unwrap()
            .as_ref(),
        "Asia/Jakarta"
    );
    assert_eq!(prop("DTEND").val.as_ref(), "20261205T120000");
    assert!(
        prop("SUMMARY")
            .val
            .as_ref()
            .starts_with("Klinik Pendampingan Suara Setara")
    );
    assert!(cal.components.iter().any(|c| c.name == "VTIMEZONE"));
    assert!(res.body.lines().all(|l| l.len() <= 76), "lines folded");
    assert_eq!(app.get("/id/workshops/nope.ics").await.status, 404);
}

#[actix_web::test]
async fn every_error_is_shown_with_the_input_kept() {
    let app = app().await;
    let mut fields = blank_form(&app, "en", BOTH).await;
    fields.extend([
        ("name".to_owned(), "  ".to_owned()),
        ("email".to_owned(), "siti(at)contoh".to_owned()),
        ("phone".to_owned(), "12".to_owned()),
        (
            "organisation".to_owned(),
            "<b>Perkumpulan</b> \"Tuli\" & Co".to_owned(),
        ),
        ("need_other".to_owned(), "yes".to_owned()),
        ("need_wheelchair".to_owned(), "yes".to_owned()),
        ("attendance".to_owned(), "online".to_owned()),
    ]);
    let res = post(&app, &format!("/en/workshops/{BOTH}/register"), &fields).await;
    assert_eq!(res.status, 422);
    assert_accessible_shell("failed registration", &res);
    let doc = res.html();
    assert!(text_of(&doc, "title").starts_with("Error: "));
    let summary: Vec<(String, String)> = doc
        .select(&sel(".error-summary li a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap().to_owned(),
                a.text().collect(),
            )
        })
        .collect();
    let expected = [
        ("#name", "Enter your full name"),
        (
            "#email",
            "Enter an email address in the correct format, like name@example.id",
        ),
        (
            "#phone",
            "Enter a phone number with 8 to 15 digits, like 0812 3456 7890",
        ),
        (
            "#need_wheelchair",
            "Wheelchair spaces are for people who come in person",
        ),
        (
            "#other_detail",
            "Describe your other needs, or untick that choice",
        ),
        (
            "#consent",
            "Tick the consent box so we can keep your registration",
        ),
    ];
    assert_eq!(summary, expected.map(|(a, b)| (a.to_owned(), b.to_owned())));
    for (href, _) in &expected {
        let id = &href[1..];
        let field = doc
            .select(&sel(&format!("[id='{id}']")))
            .next()
            .unwrap_or_else(|| panic!("{id} exists"));
        if field.value().name() != "fieldset" && id != "need_wheelchair" && id != "consent" {
            assert_eq!(field.value().attr("aria-invalid"), Some("true"), "{id}");
            assert!(
                field
                    .value()
                    .attr("aria-describedby")
                    .unwrap()
                    .contains(&format!("{id}-error")),
                "{id}"
            );
        }
    }
    assert_eq!(
        doc.select(&sel(".error-summary[autofocus][tabindex='-1']"))
            .count(),
        1
    );
    // Values survive, escaped.
    assert_eq!(
        doc.select(&sel("#email"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("siti(at)contoh")
    );
    assert_eq!(
        doc.select(&sel("#organisation"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("<b>Perkumpulan</b> \"Tuli\" & Co")
    );
    assert!(doc.select(&sel("#need_other[checked]")).next().is_some());
    assert!(
        doc.select(&sel("input[name=attendance][value=online][checked]"))
            .next()
            .is_some()
    );
    assert!(!res.body.contains("<b>Perkumpulan"));
    assert_eq!(
        count(&app, "confirmed").await + count(&app, "waitlisted").await,
        0,
        "nothing stored"
    );

    // A field of 100,000 characters: kept and told how much is over; 2 MB: refused whole.
    let mut long = blank_form(&app, "en", BOTH).await;
    long.push(("name".into(), "x".repeat(100_000)));
    let res = post(&app, &format!("/en/workshops/{BOTH}/register"), &long).await;
    assert_eq!(res.status, 422);
    assert!(text_of(&res.html(), "#name-error").contains("Remove 99,900 characters"));
    long.push(("other_detail".into(), "y".repeat(2_000_000)));
    let res = post(&app, &format!("/en/workshops/{BOTH}/register"), &long).await;
    assert_eq!(res.status, 413);
    assert_accessible_shell("413 on a form", &res);
}

#[actix_web::test]
async fn registering_confirms_and_a_resend_creates_nothing_twice() {
    let app = app().await;
    let mut fields = person(1);
    fields.push(("need_bisindo".into(), "yes".into()));
    fields.extend(blank_form(&app, "en", SMALL).await);
    let first = post(&app, &format!("/en/workshops/{SMALL}/register"), &fields).await;
    assert_eq!(first.status, 303);
    // Double click / Back and resend: the same registration.
    let again = post(&app, &format!("/en/workshops/{SMALL}/register"), &fields).await;
    assert_eq!(again.header("location"), first.header("location"));
    assert_eq!(count(&app, "confirmed").await, 1);

    let status = app.get(first.header("location")).await;
    assert_eq!(status.status, 200);
    assert_eq!(status.header("cache-control"), "private, no-store");
    assert_accessible_shell("registration status", &status);
    let doc = status.html();
    assert_eq!(
        text_of(&doc, ".notice"),
        "We have received your registration."
    );
    assert_eq!(
        text_of(&doc, ".registration-status"),
        "Your place is confirmed."
    );
    let code = text_of(&doc, ".code-display");
    assert_eq!(code.len(), 11, "grouped code {code}");
    assert!(doc.html().contains("BISINDO sign-language interpreter"));
    assert!(doc.html().contains("Requested"));
    // A forged token is the same "not found" as a missing registration.
    let forged = first.header("location").replace("t=", "t=00");
    assert_eq!(app.get(&forged).await.status, 404);

    // The same email again: refused with a field error, input kept.
    let mut dup = person(1);
    dup.extend(blank_form(&app, "en", SMALL).await);
    let res = post(&app, &format!("/en/workshops/{SMALL}/register"), &dup).await;
    assert_eq!(res.status, 422);
    assert!(text_of(&res.html(), "#email-error").contains("already registered"));
}

/// A form id is not a key to someone else's registration: sent again to another
/// workshop it registers anew (held, as a tampered form) instead of answering with the
/// first registration; and the form that carries it is never stored by a cache.
#[actix_web::test]
async fn a_form_id_opens_nothing_in_another_workshop_and_the_form_is_not_stored() {
    let app = app().await;
    for lang in ["id", "en"] {
        let res = app
            .get(&format!("/{lang}/workshops/{SMALL}/register"))
            .await;
        assert_eq!(res.status, 200);
        assert_eq!(res.header("cache-control"), "private, no-store", "{lang}");
    }
    let form = blank_form(&app, "en", SMALL).await;
    let mut victim = person(1);
    victim.extend(form.clone());
    let first = post(&app, &format!("/en/workshops/{SMALL}/register"), &victim).await;
    assert_eq!(first.status, 303);
    // Someone who saw the form id sends it with their own answers to another workshop.
    let mut other = person(2);
    other.push(("attendance".into(), "in-person".into()));
    other.extend(form);
    let second = post(&app, &format!("/en/workshops/{BOTH}/register"), &other).await;
    assert_eq!(second.status, 303, "{}", second.body);
    assert_ne!(second.header("location"), first.header("location"));
    let page = app.get(second.header("location")).await;
    assert!(!page.body.contains("Peserta 1"), "{}", page.body);
    assert!(!page.body.contains("peserta1@contoh.id"));
    assert_eq!(
        (count(&app, "confirmed").await, count(&app, "held").await),
        (1, 1)
    );
}

#[actix_web::test]
async fn full_workshops_waitlist_and_a_cancellation_promotes_the_first_waiting() {
    let app = app().await;
    let mut places = Vec::new();
    for n in 0..5 {
        places.push(register(&app, SMALL, person(n)).await);
    }
    assert_eq!(
        (
            count(&app, "confirmed").await,
            count(&app, "waitlisted").await
        ),
        (3, 2)
    );
    let doc = app.get(&places[4].replace("/id/", "/en/")).await.html();
    assert!(
        doc.html().contains("You are number 2 on the waiting list"),
        "{}",
        doc.html()
    );
    assert!(
        app.get(&format!("/en/workshops/{SMALL}"))
            .await
            .body
            .contains("All other places are taken: you can join the waiting list")
    );

    // A wheelchair space is its own pool: still free although the general places are gone.
    let mut wheelchair = person(10);
    wheelchair.push(("need_wheelchair".into(), "yes".into()));
    let w = register(&app, SMALL, wheelchair).await;
    assert!(app.get(&w).await.body.contains("Kursi Anda sudah pasti"));

    // Cancel the first confirmed, through the confirmation step.
    let cancel_page = app
        .get(
            &places[0]
                .replace("?t=", "/cancel?t=")
                .replace("&notice=registered", ""),
        )
        .await;
    assert_eq!(cancel_page.status, 200);
    assert_accessible_shell("cancel", &cancel_page);
    let token = cancel_page
        .html()
        .select(&sel("input[name=t]"))
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    let code_path = places[0].split('?').next().unwrap().to_owned();
    let res = post(
        &app,
        &format!("{code_path}/cancel"),
        &[("t".into(), token.clone())],
    )
    .await;
    assert_eq!(res.status, 303);
    assert!(
        app.get(res.header("location"))
            .await
            .body
            .contains("Pendaftaran Anda sudah dibatalkan")
    );
    // Sent twice, cancelled once: nobody else is promoted.
    post(&app, &format!("{code_path}/cancel"), &[("t".into(), token)]).await;
    assert_eq!(
        (
            count(&app, "confirmed").await,
            count(&app, "waitlisted").await,
            count(&app, "cancelled").await
        ),
        (4, 1, 1)
    );
    assert!(
        app.get(&places[3])
            .await
            .body
            .contains("Kursi Anda sudah pasti"),
        "first on the list promoted"
    );
    assert!(
        app.get(&places[4].replace("/id/", "/en/"))
            .await
            .body
            .contains("You are number 1 on the waiting list")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn many_people_registering_at_once_never_overbook() {
    use balai::content::workshops::Format;
    use balai::db::registrations::{Places, create};
    use balai::domain::{Email, NewRegistration};
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    // Open connections first, then release every task at once, so the registrations
    // really race (a cold pool would queue them on one connection).
    let warm: Vec<_> = (0..8).map(|_| app.state.db.is_healthy()).collect();
    assert!(
        futures_util::future::join_all(warm)
            .await
            .into_iter()
            .all(|ok| ok)
    );
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(24));
    let mut tasks = Vec::new();
    for n in 0..24 {
        let db = app.state.db.clone();
        let start = start.clone();
        tasks.push(tokio::spawn(async move {
            start.wait().await;
            let reg = NewRegistration {
                name: format!("P{n}"),
                email: Email::parse(&format!("p{n}@contoh.id")),
                phone: None,
                organisation: None,
                attendance: Format::InPerson,
                needs: Vec::new(),
            };
            let form_id = format!("{n:032x}");
            create(
                &db,
                SMALL,
                "id",
                Places {
                    general: 3,
                    wheelchair: 1,
                },
                &reg,
                &form_id,
                false,
                None,
                time::OffsetDateTime::now_utc(),
            )
            .await
            .map(|c| c.status.as_str().to_owned())
        }));
    }
    let mut statuses: HashMap<String, usize> = HashMap::new();
    for t in tasks {
        *statuses.entry(t.await.unwrap().unwrap()).or_default() += 1;
    }
    assert_eq!(statuses.get("confirmed"), Some(&3), "{statuses:?}");
    assert_eq!(statuses.get("waitlisted"), Some(&21), "{statuses:?}");
}

#[actix_web::test]
async fn the_language_switch_keeps_what_was_typed_and_sends_nothing() {
    let app = app().await;
    let mut fields = blank_form(&app, "id", SMALL).await;
    fields.extend([
        ("name".to_owned(), "Wayan Sari".to_owned()),
        ("switch_lang".to_owned(), "en".to_owned()),
    ]);
    let res = post(&app, &format!("/en/workshops/{SMALL}/register"), &fields).await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    assert_eq!(doc.root_element().value().attr("lang"), Some("en"));
    assert_eq!(
        doc.select(&sel("#name"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("Wayan Sari")
    );
    assert!(doc.select(&sel(".error-summary")).next().is_none());
    let switch = doc
        .select(&sel("nav.lang-switch button[form=registration-form]"))
        .next()
        .expect("switch button");
    assert_eq!(
        switch.value().attr("formaction"),
        Some(format!("/id/workshops/{SMALL}/register").as_str())
    );
    assert_eq!(count(&app, "confirmed").await, 0);
}

#[actix_web::test]
async fn closed_registration_shows_no_form_and_keeps_a_late_submission() {
    let app = app().await;
    let res = app.get(&format!("/en/workshops/{PAST}/register")).await;
    assert_eq!(res.status, 200);
    assert!(
        res.html()
            .select(&sel("form#registration-form"))
            .next()
            .is_none()
    );
    let mut fields = person(1);
    fields.push(("form_id".into(), "ab".repeat(16)));
    let res = post(&app, &format!("/en/workshops/{PAST}/register"), &fields).await;
    assert_eq!(res.status, 409);
    let doc = res.html();
    assert!(text_of(&doc, "title").starts_with("Error: "));
    assert_eq!(
        doc.select(&sel("#name"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("Peserta 1")
    );
    assert_eq!(
        app.get("/en/workshops/no-such-workshop/register")
            .await
            .status,
        404
    );
}

#[actix_web::test]
async fn bots_are_held_without_a_place_and_never_dropped() {
    let app = TestApp::spawn_with(
        |s| {
            fixed(s);
            s.min_form_seconds = 3;
        },
        |_| {},
    )
    .await;
    // Too fast for a person (the clock does not move between render and send).
    let location = register(&app, SMALL, person(1)).await;
    assert!(
        app.get(&location)
            .await
            .body
            .contains("Kami sedang memeriksa pendaftaran Anda")
    );
    // A filled honeypot.
    let mut bot = person(2);
    bot.push(("website".into(), "http://spam.example".into()));
    register(&app, SMALL, bot).await;
    assert_eq!(
        (count(&app, "held").await, count(&app, "confirmed").await),
        (2, 0)
    );
    assert!(
        app.get(&format!("/en/workshops/{SMALL}"))
            .await
            .body
            .contains("3 places left")
    );
}

#[actix_web::test]
async fn too_many_submissions_are_refused_with_the_input_kept() {
    let app = TestApp::spawn_with(
        |s| {
            fixed(s);
            s.submissions_per_hour = 2;
        },
        |_| {},
    )
    .await;
    register(
        &app,
        BOTH,
        vec![
            ("name".into(), "A".into()),
            ("phone".into(), "081234567801".into()),
            ("consent".into(), "y".into()),
            ("attendance".into(), "online".into()),
        ],
    )
    .await;
    register(
        &app,
        BOTH,
        vec![
            ("name".into(), "B".into()),
            ("phone".into(), "081234567802".into()),
            ("consent".into(), "y".into()),
            ("attendance".into(), "online".into()),
        ],
    )
    .await;
    let mut fields = vec![
        ("name".to_owned(), "Citra".to_owned()),
        ("phone".into(), "081234567803".into()),
        ("consent".into(), "y".into()),
        ("attendance".into(), "online".into()),
    ];
    fields.extend(blank_form(&app, "en", BOTH).await);
    let res = post(&app, &format!("/en/workshops/{BOTH}/register"), &fields).await;
    assert_eq!(res.status, 429);
    assert_eq!(res.header("retry-after"), "3600");
    assert_accessible_shell("rate limited registration", &res);
    let doc = res.html();
    assert!(text_of(&doc, ".error-summary").contains("Try sending again in 60 minutes"));
    assert_eq!(
        doc.select(&sel("#name"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("Citra")
    );
}

#[actix_web::test]
async fn a_registration_is_found_by_code_and_contact_only() {
    let app = TestApp::spawn_with(
        |s| {
            fixed(s);
            s.lookups_per_hour = 2;
        },
        |_| {},
    )
    .await;
    let location = register(&app, SMALL, person(7)).await;
    let code = text_of(&app.get(&location).await.html(), ".code-display");
    let lookup = |code: String, contact: &str| {
        vec![
            ("code".to_owned(), code),
            ("contact".to_owned(), contact.to_owned()),
        ]
    };

    let res = post(
        &app,
        "/en/workshops/registrations",
        &lookup(code.to_lowercase().replace('-', " "), "PESERTA7@contoh.id"),
    )
    .await;
    assert_eq!(res.status, 303, "any case, spaces instead of dashes");
    assert!(res.header("location").starts_with(&format!(
        "/en/workshops/registrations/{}?t=",
        code.replace('-', "")
    )));

    let res = post(
        &app,
        "/en/workshops/registrations",
        &lookup(code.clone(), "someone@else.id"),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_accessible_shell("failed look-up", &res);
    let doc = res.html();
    assert!(text_of(&doc, ".error-summary").contains("We could not find a registration"));
    assert_eq!(
        doc.select(&sel("#contact"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("someone@else.id")
    );

    let res = post(
        &app,
        "/en/workshops/registrations",
        &lookup(String::new(), ""),
    )
    .await;
    assert_eq!(res.status, 422);
    assert_eq!(res.html().select(&sel(".error-summary li")).count(), 2);

    // Two attempts an hour from this address (empty forms do not count); the third waits.
    let res = post(&app, "/en/workshops/registrations", &lookup(code, "x@y.id")).await;
    assert_eq!(res.status, 429);
    assert!(text_of(&res.html(), "#code-error").contains("Try sending again"));
}

#[actix_web::test]
async fn content_images_are_served_at_srcset_widths() {
    let app = app().await;
    let doc = app.get("/en/campaigns/suara-setara").await.html();
    let img = doc.select(&sel("main img")).next().expect("campaign image");
    let srcset = img.value().attr("srcset").unwrap();
    assert!(img.value().attr("alt").is_some_and(|a| a.len() > 10));
    assert!(img.value().attr("width").is_some() && img.value().attr("height").is_some());
    let first = srcset
        .split(',')
        .next()
        .unwrap()
        .trim()
        .split(' ')
        .next()
        .unwrap();
    let res = app.get(first).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "image/jpeg");
    assert_eq!(
        res.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(
        app.get(&first.replace("/400.jpg", "/401.jpg")).await.status,
        404,
        "only offered widths"
    );
}

/// T-DUR-11: when the database fails, the person is told nothing was sent and keeps
/// every answer; no confirmation or code appears.
#[actix_web::test]
async fn a_database_failure_never_looks_like_a_confirmation() {
    let app = app().await;
    let mut fields = person(5);
    fields.extend(blank_form(&app, "en", SMALL).await);
    app.state.db.close().await;
    let res = post(&app, &format!("/en/workshops/{SMALL}/register"), &fields).await;
    assert_eq!(res.status, 503);
    assert_eq!(res.header("retry-after"), "30");
    crate::accessibility::assert_accessible_shell("registration not sent", &res);
    let doc = res.html();
    assert!(text_of(&doc, ".error-summary").contains("was not sent"));
    assert_eq!(
        doc.select(&sel("#email"))
            .next()
            .unwrap()
            .value()
            .attr("value"),
        Some("peserta5@contoh.id")
    );
    assert!(doc.select(&sel(".code-display")).next().is_none());
}
