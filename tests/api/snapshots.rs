//! Snapshots of the main pages' HTML, in Indonesian and English, and of the Atom feeds:
//! public pages, forms with their error states, the tracking views and the back office.
//! They are there so that a change to the markup is seen in review: a refactor that
//! means to change no HTML keeps every snapshot as it is.
//!
//! After a change meant to alter the markup, update them and review the diff:
//! `INSTA_UPDATE=always cargo test --test api snapshots::` then `git diff tests/api/snapshots`.
//!
//! Each snapshot is the response body as the server sent it, with two changes only:
//! - a line break is put after every `>` (one, always: the original is the snapshot
//!   with one line break after each `>` removed), so that a diff shows the tag that
//!   changed rather than one long line;
//! - what differs on every run is replaced by a placeholder in brackets: the tracking code
//!   and access key of a report sent through the form (`[code]`, `[code-grouped]`,
//!   `[key]`), a workshop registration's code (`[registration-grouped]`), the id of the
//!   report in staff URLs (`/staff/reports/[id]`), and the values of the hidden inputs
//!   that carry a random or signed token (`csrf`, `form_token`, `form_id`: `[token]`).
//!   Each is replaced where it is known to the test (the exact value), not by pattern,
//!   except the hidden tokens.
//!
//! The clock is fixed (`workshops::fixed`), and the other reports are the seeded synthetic
//! ones, whose codes and dates are the same on every run and on both databases.

use crate::helpers::{TestApp, TestResponse};
use crate::reports::Browser;
use crate::workshops::{SMALL, blank_form, fixed, person, post, register};
use actix_web::http::StatusCode;
use regex::Regex;
use std::sync::LazyLock;

const LANGS: [&str; 2] = ["id", "en"];

/// Hidden inputs whose value is random or signed with the per-test secret key.
static TOKENS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(name="(?:csrf|form_token|form_id)" value=")[^"]*""#).unwrap());

/// What varies between runs, and the placeholder shown instead.
#[derive(Default)]
struct Scrub(Vec<(String, String)>);

impl Scrub {
    fn literal(mut self, value: impl Into<String>, placeholder: impl Into<String>) -> Self {
        self.0.push((value.into(), placeholder.into()));
        self
    }

    /// A report's tracking code or a registration code, as stored (`K7M4QX92B`) or
    /// shown (`K7M-4QX-92B`): `[name]` and `[name-grouped]`.
    fn code(self, code: &str, name: &str) -> Self {
        let code = code.replace('-', "");
        let grouped = format!("{}-{}-{}", &code[0..3], &code[3..6], &code[6..9]);
        self.literal(grouped, format!("[{name}-grouped]"))
            .literal(code, format!("[{name}]"))
    }

    /// An access key, as shown (`7KQ2 M9XA ...`).
    fn key(self, key: &str) -> Self {
        self.literal(key, "[key]")
    }

    fn apply(&self, body: &str) -> String {
        let mut text = TOKENS.replace_all(body, "${1}[token]\"").into_owned();
        for (value, placeholder) in &self.0 {
            text = text.replace(value.as_str(), placeholder);
        }
        text.replace('>', ">\n")
    }
}

/// Check the status, then compare the scrubbed body with snapshot `name`.
#[track_caller]
fn snap(name: &str, res: &TestResponse, status: u16, scrub: &Scrub) {
    assert_eq!(
        res.status,
        StatusCode::from_u16(status).unwrap(),
        "{name}: {}",
        res.body
    );
    insta::assert_snapshot!(name, scrub.apply(&res.body));
}

/// GET each `(name, path)` in both languages (`path` without the language) as `browser`.
async fn snap_pages(
    browser: &mut Browser<'_>,
    suffix: &str,
    pages: &[(&str, String)],
    scrub: &Scrub,
) {
    for lang in LANGS {
        for (name, path) in pages {
            let res = browser.get(&format!("/{lang}{path}")).await;
            snap(&format!("{name}{suffix}-{lang}"), &res, 200, scrub);
        }
    }
}

#[actix_web::test]
async fn public_pages_and_feeds() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let now = app.state.settings.clock.now();
    balai::seed::synthetic(&app.state, 30, 7, now)
        .await
        .unwrap();
    let code = crate::public::sent(
        &app,
        "public",
        "Ramp at the village office is broken",
        &["verified", "routed", "answered", "closed"],
    )
    .await;
    let scrub = Scrub::default().code(&code, "code");
    let pages = [
        ("home", "/".to_owned()),
        ("page-about", "/pages/about".to_owned()),
        ("browse", "/reports".to_owned()),
        ("statistics", "/statistics".to_owned()),
        ("agencies", "/agencies".to_owned()),
        ("agency", "/agencies/kemenhub".to_owned()),
        ("campaigns", "/campaigns".to_owned()),
        ("campaign", "/campaigns/lapor-tanpa-hambatan".to_owned()),
        ("workshops", "/workshops".to_owned()),
        ("workshop", format!("/workshops/{SMALL}")),
        ("report", format!("/reports/{code}")),
    ];
    snap_pages(&mut Browser::new(&app), "", &pages, &scrub).await;
    for (name, path) in [
        ("feed-resolved", "/feeds/resolved.atom".to_owned()),
        ("feed-report", format!("/feeds/reports/{code}.atom")),
    ] {
        snap(name, &app.get(&path).await, 200, &scrub);
    }
}

#[actix_web::test]
async fn report_form_and_tracking() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    for lang in LANGS {
        let mut b = Browser::new(&app);
        b.lang = lang;
        let none = Scrub::default();
        snap(
            &format!("report-start-{lang}"),
            &b.get(&b.url("/reports/new")).await,
            200,
            &none,
        );
        b.begin().await;
        let kind = b.url("/reports/new/kind");
        snap(
            &format!("report-kind-{lang}"),
            &b.get(&kind).await,
            200,
            &none,
        );
        let res = b.post(&kind, &[("kind", "")]).await;
        snap(&format!("report-kind-error-{lang}"), &res, 422, &none);

        b.fill("complaint", "public").await;
        let check = b.get(&b.url("/reports/new/check")).await;
        snap(&format!("report-check-{lang}"), &check, 200, &none);
        let (code, key) = b.send_report().await;
        let scrub = Scrub::default().code(&code, "code").key(&key);
        let sent = b.get(&b.url("/reports/new/sent")).await;
        snap(&format!("report-sent-{lang}"), &sent, 200, &scrub);

        let mut t = Browser::new(&app);
        t.lang = lang;
        let track = t.url("/track");
        snap(&format!("track-{lang}"), &t.get(&track).await, 200, &none);
        let res = t.post(&track, &[("code", ""), ("key", "")]).await;
        snap(&format!("track-error-{lang}"), &res, 422, &none);
        let res = t.post(&track, &[("code", &code), ("key", &key)]).await;
        assert_eq!(res.status, 303, "{}", res.body);
        let view = t.get(res.header("location")).await;
        snap(&format!("track-view-{lang}"), &view, 200, &scrub);
    }
}

#[actix_web::test]
async fn workshop_registration_form() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let none = Scrub::default();
    for lang in LANGS {
        let path = format!("/{lang}/workshops/{SMALL}/register");
        snap(
            &format!("workshop-register-{lang}"),
            &app.get(&path).await,
            200,
            &none,
        );
        let empty = blank_form(&app, lang, SMALL).await;
        let res = post(&app, &path, &empty).await;
        snap(&format!("workshop-register-error-{lang}"), &res, 422, &none);
    }
}

#[actix_web::test]
async fn staff_pages() {
    let app = crate::staff::app().await;
    let mut fields = person(1);
    fields.push(("need_bisindo".into(), "yes".into()));
    let location = register(&app, SMALL, fields).await;
    let registration = location
        .split('?')
        .next()
        .and_then(|p| p.rsplit('/').next())
        .unwrap()
        .to_owned();
    let (id, code, key) = crate::staff::report(&app, "public").await;
    let mut verifier = crate::staff::sign_in(&app, "verifier@balai.id").await;
    for (action, fields) in [
        ("verify", vec![]),
        (
            "route",
            vec![("agency", "kemenhub"), ("text", "Please check the ramp.")],
        ),
    ] {
        let res = crate::staff::act(&mut verifier, id, action, &fields).await;
        assert_eq!(res.status, 303, "{action}: {}", res.body);
    }
    let scrub = Scrub::default()
        .code(&code, "code")
        .key(&key)
        .code(&registration, "registration")
        // The only report of this app: no other id starts with these digits.
        .literal(format!("/staff/reports/{id}"), "/staff/reports/[id]");

    for lang in LANGS {
        let res = app.get(&format!("/{lang}/staff/sign-in")).await;
        snap(&format!("staff-sign-in-{lang}"), &res, 200, &scrub);
    }
    let case = format!("/staff/reports/{id}");
    let queue_and_case = |queue: &str| {
        [
            ("staff-queue", queue.to_owned()),
            ("staff-case", case.clone()),
        ]
    };
    snap_pages(
        &mut verifier,
        "-verifier",
        &queue_and_case("/staff"),
        &scrub,
    )
    .await;
    let workshop = [("staff-workshop", format!("/staff/workshops/{SMALL}"))];
    snap_pages(&mut verifier, "", &workshop, &scrub).await;
    let mut officer = crate::staff::sign_in(&app, "officer@kemenhub.go.id").await;
    snap_pages(
        &mut officer,
        "-officer",
        &queue_and_case("/staff?list=routed"),
        &scrub,
    )
    .await;
    let mut admin = crate::staff::sign_in(&app, "admin@balai.id").await;
    snap_pages(&mut admin, "-admin", &queue_and_case("/staff"), &scrub).await;
}
