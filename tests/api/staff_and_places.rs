//! Issue 21, workshops and staff: the two pools of workshop places told as they are,
//! reopen requests with a list and a deadline of their own, staff changing their own
//! password, admins creating and disabling accounts in the back office, what the audit
//! log records, the consent for a report sent on someone's behalf, the staff words, and
//! workshop text marked with its language only where it fell back.

use crate::helpers::{TestApp, sel, text_of};
use crate::reports::{Browser, count, report_of};
use crate::staff::{act, app, report, sign_in};
use crate::workshops::{SMALL, person, register};
use balai::db::staff as staff_db;

const PASSWORD: &str = "kopi tubruk di balai desa";

/// The CSRF token of the page at `path`.
async fn csrf_of(b: &mut Browser<'_>, path: &str) -> String {
    let res = b.get(path).await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    res.html()
        .select(&sel("input[name=csrf]"))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_owned()
}

#[actix_web::test]
async fn wheelchair_spaces_are_shown_as_their_own_pool_and_each_person_is_told_the_truth() {
    let app = app().await;
    let page = |lang: &'static str| {
        let app = &app;
        async move {
            text_of(
                &app.get(&format!("/{lang}/workshops/{SMALL}")).await.html(),
                "main dl",
            )
        }
    };
    let shown = page("en").await;
    assert!(shown.contains("3 places left"), "{shown}");
    assert!(shown.contains("1 wheelchair space left"), "{shown}");
    for n in 0..3 {
        register(&app, SMALL, person(n)).await;
    }
    // The general places are gone; the wheelchair space is not: never "Full".
    let shown = page("en").await;
    assert!(!shown.contains("Full"), "{shown}");
    assert!(
        shown.contains("All other places are taken: you can join the waiting list"),
        "{shown}"
    );
    assert!(shown.contains("1 wheelchair space left"), "{shown}");
    let list = text_of(&app.get("/en/workshops").await.html(), "main");
    assert!(list.contains("1 wheelchair space left"), "{list}");
    assert!(
        page("id").await.contains("Sisa 1 ruang kursi roda"),
        "{}",
        page("id").await
    );
    // A wheelchair user gets the space...
    let mut first = person(10);
    first.push(("need_wheelchair".into(), "yes".into()));
    let confirmed = register(&app, SMALL, first).await;
    let body = app.get(&confirmed.replace("/id/", "/en/")).await.body;
    assert!(body.contains("Your place is confirmed."), "{body}");
    let shown = page("en").await;
    assert!(
        shown.contains("All wheelchair spaces are taken: you can join their waiting list"),
        "{shown}"
    );
    // ...and the next one waits for a wheelchair space, and is told that.
    let mut second = person(11);
    second.push(("need_wheelchair".into(), "yes".into()));
    let waiting = register(&app, SMALL, second).await;
    let doc = app.get(&waiting.replace("/id/", "/en/")).await.html();
    let status = text_of(&doc, "p.registration-status");
    assert!(
        status.contains("All wheelchair spaces are taken. You are number 1 on the waiting list for a wheelchair space."),
        "{status}"
    );
    assert!(!status.contains("The workshop is full"), "{status}");
    // So is their email.
    let sql = "SELECT COUNT(*) FROM outbox WHERE kind = 'workshop-waitlisted' AND params LIKE '%\"wheelchair\":true%'";
    assert_eq!(
        count(&app.state.db, sql).await,
        1,
        "the waiting-list message knows the pool"
    );
    // A general registrant on the waiting list is still told the workshop is full.
    let general = register(&app, SMALL, person(12)).await;
    let status = text_of(
        &app.get(&general.replace("/id/", "/en/")).await.html(),
        "p.registration-status",
    );
    assert!(status.contains("The workshop is full."), "{status}");
}

#[actix_web::test]
async fn a_workshop_card_marks_only_its_fallback_text_with_its_language() {
    // A workshop whose English text is missing: its own words are Indonesian, the
    // labels and dates around them English.
    let dir = tempfile::tempdir().unwrap();
    let root = crate::helpers::repo().join("content");
    copy_dir(&root, dir.path());
    let slug = SMALL;
    std::fs::remove_file(dir.path().join("workshops").join(format!("{slug}.en.md"))).unwrap();
    let content = dir.path().to_path_buf();
    let app = TestApp::spawn_with(
        move |s| {
            crate::workshops::fixed(s);
            s.content_dir = content;
        },
        |_| {},
    )
    .await;
    let doc = app.get("/en/workshops").await.html();
    let card = doc
        .select(&sel("li.card"))
        .find(|li| li.html().contains(slug))
        .unwrap();
    assert_eq!(card.value().attr("lang"), None, "{}", card.html());
    assert_eq!(
        card.select(&sel("a[lang=id]")).count(),
        1,
        "the title is Indonesian: {}",
        card.html()
    );
    assert_eq!(
        card.select(&sel("p[lang=id]")).count(),
        1,
        "and the summary"
    );
    assert_eq!(
        card.select(&sel("dl [lang]")).count(),
        0,
        "labels and dates are in the page's language"
    );
    // The register page's heading: English words around an Indonesian title.
    let doc = app
        .get(&format!("/en/workshops/{slug}/register"))
        .await
        .html();
    let h1 = doc.select(&sel("h1")).next().unwrap();
    assert!(
        text_of(&doc, "h1").starts_with("Register:"),
        "{}",
        h1.html()
    );
    assert_eq!(h1.select(&sel("span[lang=id]")).count(), 1, "{}", h1.html());
    // In Indonesian nothing is marked.
    let doc = app
        .get(&format!("/id/workshops/{slug}/register"))
        .await
        .html();
    assert_eq!(doc.select(&sel("h1 [lang]")).count(), 0);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// A report taken to "closed" by staff; its id, code and the reporter's key.
async fn closed_report(app: &TestApp) -> (i64, String, String) {
    let (id, code, key) = report(app, "public").await;
    let mut v = sign_in(app, "verifier@balai.id").await;
    assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut v, id, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    let mut o = sign_in(app, "officer@kemenhub.go.id").await;
    assert_eq!(
        act(&mut o, id, "answer", &[("text", "Fixed.")])
            .await
            .status,
        303
    );
    assert_eq!(act(&mut o, id, "close", &[]).await.status, 303);
    assert_eq!(report_of(app, &code).await.status.as_str(), "closed");
    (id, code, key)
}

/// The reporter, in their private view, asks to reopen.
async fn ask_to_reopen(app: &TestApp, code: &str, key: &str, form_id: &str) {
    let mut b = Browser::new(app);
    let res = b.post("/en/track", &[("code", code), ("key", key)]).await;
    assert_eq!(res.status, 303);
    let stored = report_of(app, code).await;
    let res = b
        .post(
            &format!("/en/track/{}/reopen", stored.code),
            &[("reason", "The ramp broke again"), ("form_id", form_id)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
}

#[actix_web::test]
async fn a_request_to_reopen_has_a_list_of_its_own_and_a_deadline() {
    let app = app().await;
    let (id, code, key) = closed_report(&app).await;
    let title = "Ramp at the village office";
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let closed = v.get("/en/staff?list=closed").await;
    assert!(closed.body.contains(title));
    let empty = v.get("/en/staff?list=reopen").await;
    assert!(!empty.body.contains(title));

    // Asked twice with the same form: one request, one deadline.
    let form_id = "cd".repeat(16);
    ask_to_reopen(&app, &code, &key, &form_id).await;
    ask_to_reopen(&app, &code, &key, &form_id).await;
    let stored = report_of(&app, &code).await;
    assert!(stored.reopen_requested_at.is_some());
    assert_eq!(stored.status.as_str(), "closed");

    let list = v.get("/en/staff?list=reopen").await;
    assert_eq!(list.status, 200);
    let doc = list.html();
    assert!(
        text_of(&doc, "nav.staff-lists").contains("Reopen requests"),
        "{}",
        text_of(&doc, "nav.staff-lists")
    );
    let table = text_of(&doc, "main table");
    assert!(table.contains(title), "{table}");
    // Three working days from Friday 27 November 2026 (the fixed clock): 2 December.
    assert!(table.contains("2 December 2026"), "{table}");
    assert!(
        !v.get("/en/staff?list=closed").await.body.contains(title),
        "out of Closed while it waits"
    );
    // Officers do not decide on reopening: no such list for them.
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let officer = o.get("/en/staff").await;
    assert!(!text_of(&officer.html(), "nav.staff-lists").contains("Reopen requests"));

    // Declining needs a reason the reporter will read.
    let res = act(&mut v, id, "keep-closed", &[("text", "  ")]).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("error-summary"));
    let res = act(
        &mut v,
        id,
        "keep-closed",
        &[("text", "The ramp was rebuilt last week; see the photo.")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert!(report_of(&app, &code).await.reopen_requested_at.is_none());
    assert!(!v.get("/en/staff?list=reopen").await.body.contains(title));
    assert!(v.get("/en/staff?list=closed").await.body.contains(title));
    // The reporter sees why; the public does not.
    let mut b = Browser::new(&app);
    b.post("/en/track", &[("code", &code), ("key", &key)]).await;
    let view = b
        .get(&format!("/en/track/{}", report_of(&app, &code).await.code))
        .await;
    assert!(
        view.body
            .contains("Staff decided to keep the report closed")
    );
    assert!(view.body.contains("The ramp was rebuilt last week"));
    let public = app
        .get(&format!(
            "/en/reports/{}",
            report_of(&app, &code).await.code
        ))
        .await;
    assert!(!public.body.contains("The ramp was rebuilt last week"));

    // Asked again, and this time reopened: out of the list, back to the agency.
    ask_to_reopen(&app, &code, &key, &"ef".repeat(16)).await;
    assert!(v.get("/en/staff?list=reopen").await.body.contains(title));
    // Keep-closed is offered only while a request waits.
    assert_eq!(act(&mut v, id, "reopen", &[]).await.status, 303);
    let stored = report_of(&app, &code).await;
    assert_eq!(stored.status.as_str(), "routed");
    assert!(stored.reopen_requested_at.is_none());
    assert!(!v.get("/en/staff?list=reopen").await.body.contains(title));
}

#[actix_web::test]
async fn staff_change_their_own_password_and_their_other_sessions_end() {
    let app = app().await;
    let mut here = sign_in(&app, "verifier@balai.id").await;
    let mut elsewhere = sign_in(&app, "verifier@balai.id").await;
    let queue = here.get("/en/staff").await;
    assert!(queue.body.contains("Change your password"));
    let csrf = csrf_of(&mut here, "/en/staff/password").await;
    let new = "nasi goreng di warung pojok";

    // Errors: summary, each field, nothing changed.
    let res = here
        .post(
            "/en/staff/password",
            &[("csrf", &csrf), ("current", ""), ("new", "short")],
        )
        .await;
    assert_eq!(res.status, 422);
    let doc = res.html();
    assert!(
        text_of(&doc, "title").starts_with("Error:"),
        "{}",
        text_of(&doc, "title")
    );
    let summary = text_of(&doc, ".error-summary");
    assert!(summary.contains("Enter your current password"), "{summary}");
    assert!(summary.contains("at least 12 characters"), "{summary}");
    assert_eq!(doc.select(&sel("input#new[aria-invalid=true]")).count(), 1);
    let res = here
        .post(
            "/en/staff/password",
            &[
                ("csrf", &csrf),
                ("current", "not my password at all"),
                ("new", new),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("The current password is not right"));
    let res = here
        .post(
            "/en/staff/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", "password1234"),
            ],
        )
        .await;
    assert_eq!(res.status, 422, "a common password");
    // No token, no change.
    let res = here
        .post("/en/staff/password", &[("current", PASSWORD), ("new", new)])
        .await;
    assert_eq!(res.status, 403);

    // Changed: twice with the same form is one change.
    for _ in 0..2 {
        let res = here
            .post(
                "/en/staff/password",
                &[("csrf", &csrf), ("current", PASSWORD), ("new", new)],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.body);
        assert_eq!(res.header("location"), "/en/staff/password?done=1");
    }
    let done = here.get("/en/staff/password?done=1").await;
    assert!(done.body.contains("Your password has been changed"));
    assert_eq!(
        here.get("/en/staff").await.status,
        200,
        "this session stays"
    );
    let res = elsewhere.get("/en/staff").await;
    assert_eq!(res.status, 303, "the other session ended");
    assert!(res.header("location").contains("reason=password-changed"));
    let notice = elsewhere.get(res.header("location")).await;
    assert!(
        notice
            .body
            .contains("The password of your account was changed")
    );
    // The new password signs in; the old one does not.
    let mut b = Browser::new(&app);
    let res = b
        .post(
            "/en/staff/sign-in",
            &[("email", "verifier@balai.id"), ("password", new)],
        )
        .await;
    assert_eq!(res.status, 303);
    let mut b = Browser::new(&app);
    let res = b
        .post(
            "/en/staff/sign-in",
            &[("email", "verifier@balai.id"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 422);
    let user = staff_db::user_by_email(&app.state.db, "verifier@balai.id")
        .await
        .unwrap()
        .unwrap();
    let changes = count(
        &app.state.db,
        &format!(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'password-changed' AND user_id = {}",
            user.id
        ),
    )
    .await;
    assert_eq!(changes, 1);
}

#[actix_web::test]
async fn admins_create_and_disable_accounts_in_the_back_office() {
    let app = app().await;
    let mut a = sign_in(&app, "admin@balai.id").await;
    let accounts = a.get("/en/staff/accounts").await;
    assert!(accounts.body.contains("/en/staff/accounts/new"));
    let csrf = csrf_of(&mut a, "/en/staff/accounts/new").await;
    // Others get the page that does not exist.
    let mut v = sign_in(&app, "verifier@balai.id").await;
    assert_eq!(v.get("/en/staff/accounts/new").await.status, 404);

    // Errors keep what was typed (never the password).
    let res = a
        .post(
            "/en/staff/accounts",
            &[
                ("csrf", &csrf),
                ("email", "dinas@kemenkes.go.id"),
                ("name", "Dewi Lestari"),
                ("role", "officer"),
                ("agency", ""),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    let doc = res.html();
    let summary = text_of(&doc, ".error-summary");
    assert!(
        summary.contains("Choose the agency of this officer"),
        "{summary}"
    );
    assert!(summary.contains("at least 12 characters"), "{summary}");
    assert!(res.body.contains("value=\"dinas@kemenkes.go.id\""));
    assert!(res.body.contains("value=\"Dewi Lestari\""));
    assert_eq!(
        doc.select(&sel("input[name=role][value=officer][checked]"))
            .count(),
        1
    );
    assert!(!res.body.contains("value=\"short\""));
    let taken = a
        .post(
            "/en/staff/accounts",
            &[
                ("csrf", &csrf),
                ("email", "verifier@balai.id"),
                ("name", "Someone"),
                ("role", "verifier"),
                ("password", "a long enough password here"),
            ],
        )
        .await;
    assert_eq!(taken.status, 422);
    assert!(
        taken
            .body
            .contains("An account with this email address already exists")
    );

    // Created; the same form again shows the same account.
    let fields = [
        ("csrf", csrf.as_str()),
        ("email", "Dinas@Kemenkes.go.id"),
        ("name", "Dewi Lestari"),
        ("role", "officer"),
        ("agency", "kemenkes"),
        ("password", "teh manis di sore hari"),
    ];
    let first = a.post("/en/staff/accounts", &fields).await;
    assert_eq!(first.status, 303, "{}", first.body);
    let again = a.post("/en/staff/accounts", &fields).await;
    assert_eq!(again.status, 303, "{}", again.body);
    assert_eq!(first.header("location"), again.header("location"));
    let user = staff_db::user_by_email(&app.state.db, "dinas@kemenkes.go.id")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(user.agency.as_deref(), Some("kemenkes"));
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account-created' AND detail = 'dinas@kemenkes.go.id'"
        )
        .await,
        1
    );
    // The new account signs in.
    let mut d = Browser::new(&app);
    let res = d
        .post(
            "/en/staff/sign-in",
            &[
                ("email", "dinas@kemenkes.go.id"),
                ("password", "teh manis di sore hari"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(d.get("/en/staff").await.status, 200);

    // Disabled from its page: its session ends, the audit log says who did it.
    let page = format!("/en/staff/accounts/{}", user.id);
    let csrf = csrf_of(&mut a, &page).await;
    let res = a.post(&format!("{page}/disable"), &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(d.get("/en/staff").await.status, 303);
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'account-disabled' AND detail = 'dinas@kemenkes.go.id'"
        )
        .await,
        1
    );
    let admin_log = a.get("/en/staff/accounts/1").await;
    assert!(
        admin_log.body.contains("Created an account"),
        "{}",
        admin_log.body
    );
    assert!(admin_log.body.contains("Disabled an account"));
    assert!(admin_log.body.contains("Signed in"));
}

#[actix_web::test]
async fn the_audit_log_records_sign_ins_access_needs_and_downloads() {
    let app = app().await;
    let mut fields = person(1);
    fields.push(("need_bisindo".into(), "yes".into()));
    register(&app, SMALL, fields).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let page = v.get(&format!("/en/staff/workshops/{SMALL}")).await;
    let doc = page.html();
    // The staff page names the code as the registrant's, not as "your" code.
    let code_label = text_of(&doc, "main dl dt");
    assert!(
        !page.body.contains("Your registration code"),
        "{code_label}"
    );
    assert!(page.body.contains("Registration code"));
    let form = doc.select(&sel("form.need-status")).next().unwrap();
    let value = |name: &str| {
        form.select(&sel(&format!("input[name={name}]")))
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned()
    };
    let (csrf, registration) = (value("csrf"), value("registration"));
    let res = v
        .post(
            &format!("/en/staff/workshops/{SMALL}/needs"),
            &[
                ("csrf", &csrf),
                ("registration", &registration),
                ("need", "bisindo"),
                ("status", "arranged"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let csv = v
        .get(&format!("/en/staff/workshops/{SMALL}/registrations.csv"))
        .await;
    assert_eq!(csv.status, 200);
    let user = staff_db::user_by_email(&app.state.db, "verifier@balai.id")
        .await
        .unwrap()
        .unwrap();
    let of = |action: &str| {
        format!(
            "SELECT COUNT(*) FROM audit_log WHERE user_id = {} AND action = '{action}'",
            user.id
        )
    };
    assert_eq!(count(&app.state.db, &of("signed-in")).await, 1);
    assert_eq!(count(&app.state.db, &of("need-status")).await, 1);
    assert_eq!(
        count(&app.state.db, &of("registrations-downloaded")).await,
        1
    );
    let detail: String = balai::on_pool!(&app.state.db, p => sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'need-status'").fetch_one(p).await).unwrap();
    assert!(detail.contains("bisindo: arranged"), "{detail}");
    // Admins read it on the account's page.
    let mut a = sign_in(&app, "admin@balai.id").await;
    let log = a.get(&format!("/en/staff/accounts/{}", user.id)).await;
    let text = text_of(&log.html(), "main table");
    assert!(text.contains("Signed in"), "{text}");
    assert!(text.contains("Set an access need's status"), "{text}");
    assert!(
        text.contains("Downloaded a list of registrations"),
        "{text}"
    );
    assert!(!text.contains("→"), "no state change for these: {text}");
}

#[actix_web::test]
async fn consent_for_a_report_sent_on_someones_behalf_is_stored_with_its_time() {
    let app = app().await;
    let mut r = Browser::new(&app);
    r.fill("complaint", "public").await;
    r.step(
        "about-you",
        &[
            ("name", "Budi Santoso"),
            ("email", "budi@contoh.id"),
            ("phone", ""),
            ("behalf", "other"),
            ("relationship", "anak"),
            ("other_agreed", "yes"),
            ("consent", "yes"),
        ],
        "/reports/new/check",
    )
    .await;
    r.get(&r.url("/reports/new/check")).await;
    let (code, _) = r.send_report().await;
    let stored = report_of(&app, &code).await;
    assert!(stored.on_behalf);
    assert_eq!(stored.behalf_consent_at, Some(stored.created_at));
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let page = v.get(&format!("/en/staff/reports/{}", stored.id)).await;
    let facts = text_of(&page.html(), "main");
    assert!(
        facts.contains("Consent of the person it is about"),
        "{facts}"
    );
    assert!(facts.contains("Given, as the sender stated, on"), "{facts}");
    // A report about oneself has no such consent.
    let (_, own, _) = report(&app, "public").await;
    assert_eq!(report_of(&app, &own).await.behalf_consent_at, None);
}

#[actix_web::test]
async fn the_staff_timeline_says_who_sees_a_step_that_is_not_public() {
    let app = app().await;
    let (id, _, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    act(&mut v, id, "ask", &[("text", "Which floor?")]).await;
    act(
        &mut v,
        id,
        "note",
        &[("text", "Called the village office.")],
    )
    .await;
    let doc = v.get(&format!("/en/staff/reports/{id}")).await.html();
    let steps: Vec<String> = doc
        .select(&sel("ol.timeline li"))
        .map(|li| li.text().collect::<String>())
        .collect();
    let question = steps.iter().find(|s| s.contains("Which floor?")).unwrap();
    assert!(
        question.contains("not public: the reporter sees it"),
        "{question}"
    );
    assert!(!question.contains("staff only"), "{question}");
    let note = steps
        .iter()
        .find(|s| s.contains("Called the village office."))
        .unwrap();
    assert!(note.contains("staff only"), "{note}");
}

#[test]
fn indonesian_words_tell_a_location_from_a_seat() {
    // "Tempat" meant both a report's location and a workshop's seats: each has its word.
    let root = crate::helpers::repo().join("locales").join("id");
    for file in [
        "reports.ftl",
        "workshops.ftl",
        "staff.ftl",
        "mail-workshops.ftl",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for line in text.lines() {
            assert!(!line.to_lowercase().contains("tempat"), "{file}: {line}");
        }
    }
    let reports = std::fs::read_to_string(root.join("reports.ftl")).unwrap();
    assert!(reports.contains("report-place-label = Lokasi (opsional)"));
    let workshops = std::fs::read_to_string(root.join("workshops.ftl")).unwrap();
    assert!(workshops.contains("workshop-status-places = Sisa { $count } kursi"));
}

#[actix_web::test]
async fn a_message_missing_from_a_third_language_is_marked_with_the_language_it_falls_back_to() {
    let locales = tempfile::tempdir().unwrap();
    copy_dir(&crate::helpers::repo().join("locales"), locales.path());
    std::fs::create_dir_all(locales.path().join("jv")).unwrap();
    std::fs::write(
        locales.path().join("jv").join("common.ftl"),
        "language-name = Basa Jawa\nnav-home = Ngarep\n",
    )
    .unwrap();
    let dir = locales.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.locales_dir = dir, |_| {}).await;
    let doc = app.get("/jv/").await.html();
    assert_eq!(
        text_of(&doc, "a.skip-link span[lang=id]"),
        "Langsung ke konten utama",
        "the Indonesian fallback is marked"
    );
    let home = doc
        .select(&sel("nav.site-nav li:first-child a"))
        .next()
        .unwrap();
    assert_eq!(home.select(&sel("[lang]")).count(), 0, "{}", home.html());
    // In a complete language nothing is marked.
    let doc = app.get("/en/").await.html();
    assert_eq!(doc.select(&sel("a.skip-link [lang]")).count(), 0);
    assert_eq!(doc.select(&sel("footer [lang]")).count(), 0);
}
