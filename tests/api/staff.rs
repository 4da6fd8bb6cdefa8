//! The back office: accounts and passwords, sign-in limits, sessions (sign-out, idle,
//! absolute, disabled), CSRF, each role's permissions (an officer cannot even learn that
//! another agency's report exists), the workflow from new to resolved as the reporter and
//! the public see it, stale pages, a form kept across an expired session, deadlines and
//! the overdue list, the spam queue, closing by itself, and the audit log.

use crate::helpers::{TestApp, TestResponse, sel, text_of};
use crate::reports::{Browser, count, report_of};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::db::staff as staff_db;
use balai::domain::staff::hash_password;

pub(crate) const PASSWORD: &str = "kopi tubruk di balai desa";

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

pub(crate) async fn app() -> TestApp {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("admin@balai.id", "admin", None),
        ("verifier@balai.id", "verifier", None),
        ("verifier2@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
        ("officer@kemenkes.go.id", "officer", Some("kemenkes")),
    ] {
        assert!(
            staff_db::add_user(&app.state.db, email, "Petugas", role, agency, &hash, now())
                .await
                .unwrap()
        );
    }
    app
}

/// Sign in; the browser keeps the session cookie.
pub(crate) async fn sign_in<'a>(app: &'a TestApp, email: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    let res = b
        .post(
            "/en/staff/sign-in",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(res.header("location"), "/en/staff");
    b
}

/// The CSRF token and version of a case page's forms.
async fn case_form(b: &mut Browser<'_>, id: i64) -> (String, String, TestResponse) {
    let res = b.get(&format!("/en/staff/reports/{id}")).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let doc = res.html();
    let value = |name: &str| {
        doc.select(&sel(&format!("input[name={name}]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    (value("csrf"), value("version"), res)
}

/// Take an action through the page's own form.
pub(crate) async fn act(
    b: &mut Browser<'_>,
    id: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> TestResponse {
    let (csrf, version, _) = case_form(b, id).await;
    let mut all = vec![("csrf", csrf.as_str()), ("version", version.as_str())];
    all.extend_from_slice(fields);
    b.post(&format!("/en/staff/reports/{id}/{action}"), &all)
        .await
}

/// A report sent through the public form; its id, code and the reporter's browser.
pub(crate) async fn report(app: &TestApp, privacy: &str) -> (i64, String, String) {
    let mut r = Browser::new(app);
    r.fill("complaint", privacy).await;
    let (code, key) = r.send_report().await;
    (report_of(app, &code).await.id, code, key)
}

#[actix_web::test]
async fn accounts_have_strong_hashes_and_sessions_end_when_they_should() {
    let app = app().await;
    let user = staff_db::user_by_email(&app.state.db, "admin@balai.id")
        .await
        .unwrap()
        .unwrap();
    assert!(
        user.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$")
    );

    // Not signed in: to the sign-in page, and back after.
    let res = app.get("/en/staff/reports/1").await;
    assert_eq!(res.status, 303);
    assert_eq!(
        res.header("location"),
        "/en/staff/sign-in?next=/en/staff/reports/1"
    );
    let page = app.get("/en/staff/sign-in").await;
    assert_eq!(page.status, 200);
    // Back-office pages are never kept by a browser or a proxy (ASVS 8.2.1).
    assert_eq!(page.header("cache-control"), "private, no-store");
    let mut admin = sign_in(&app, "admin@balai.id").await;
    for path in ["/en/staff", "/en/staff/accounts", "/en/staff/workshops"] {
        let res = admin.get(path).await;
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("cache-control"), "private, no-store", "{path}");
    }
    assert!(
        app.get("/en/reports")
            .await
            .header("cache-control")
            .starts_with("public,")
    );
    crate::accessibility::assert_accessible_shell("sign-in", &page);
    let doc = page.html();
    assert_eq!(
        doc.select(&sel("#password"))
            .next()
            .unwrap()
            .value()
            .attr("autocomplete"),
        Some("current-password")
    );

    // One message for an unknown account and a wrong password.
    let mut b = Browser::new(&app);
    let wrong = b
        .post(
            "/en/staff/sign-in",
            &[
                ("email", "admin@balai.id"),
                ("password", "not the password at all"),
            ],
        )
        .await;
    let unknown = b
        .post(
            "/en/staff/sign-in",
            &[
                ("email", "nobody@balai.id"),
                ("password", "not the password at all"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert_eq!(
        text_of(&wrong.html(), ".error-summary"),
        text_of(&unknown.html(), ".error-summary")
    );
    assert!(
        !wrong.body.contains("not the password at all"),
        "a password is never sent back"
    );
    assert!(text_of(&wrong.html(), "title").starts_with("Error:"));

    // The cookie: HttpOnly, SameSite=Strict; `__Host-` and Secure over TLS.
    let res = app
        .call(
            TestRequest::post()
                .uri("https://balai.example/en/staff/sign-in")
                .set_form([("email", "admin@balai.id"), ("password", PASSWORD)]),
        )
        .await;
    let cookie = res.header("set-cookie");
    assert!(cookie.starts_with("__Host-balai_staff="), "{cookie}");
    for part in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{part} in {cookie}");
    }
    assert!(!cookie.contains("Domain"));

    // A new session id at every sign-in; signing out ends it on the server.
    let mut a = sign_in(&app, "admin@balai.id").await;
    let first = a.cookies["balai_staff"].clone();
    let again = sign_in(&app, "admin@balai.id").await;
    assert_ne!(first, again.cookies["balai_staff"]);
    let (csrf, _, _) = {
        let res = a.get("/en/staff").await;
        assert_eq!(res.status, 200);
        let doc = res.html();
        let csrf = doc
            .select(&sel("input[name=csrf]"))
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned();
        (csrf, (), ())
    };
    let stolen = first.clone();
    let res = a.post("/en/staff/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    let replay = app
        .call(
            TestRequest::get()
                .uri("/en/staff")
                .insert_header(("cookie", format!("balai_staff={stolen}"))),
        )
        .await;
    assert_eq!(
        replay.status, 303,
        "a signed-out session is dead on the server"
    );

    // Idle for 8 hours, or 12 hours after sign-in: ended, and the page says why.
    for (column, reason) in [("last_seen_at", "idle"), ("created_at", "expired")] {
        let mut s = sign_in(&app, "verifier@balai.id").await;
        let old = now() - time::Duration::hours(13);
        let sql = format!("UPDATE staff_sessions SET {column} = $1 WHERE ended_at IS NULL");
        balai::on_pool!(&app.state.db, p => sqlx::query(&sql).bind(old).execute(p).await.map(|_| ())).unwrap();
        let res = s.get("/en/staff").await;
        assert_eq!(res.status, 303);
        assert!(
            res.header("location")
                .ends_with(&format!("reason={reason}")),
            "{}",
            res.header("location")
        );
        let page = s.get(res.header("location")).await;
        assert!(page.body.contains(if reason == "idle" {
            "8 hours"
        } else {
            "12 hours"
        }));
    }

    // Disabling an account ends its sessions at once.
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    assert_eq!(o.get("/en/staff").await.status, 200);
    assert!(
        staff_db::disable_user(&app.state.db, "officer@kemenhub.go.id", now())
            .await
            .unwrap()
    );
    assert_eq!(o.get("/en/staff").await.status, 303);
    let res = Browser::new(&app)
        .post(
            "/en/staff/sign-in",
            &[("email", "officer@kemenhub.go.id"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status, 422, "a disabled account cannot sign in");
}

#[actix_web::test]
async fn a_report_goes_from_new_to_resolved_and_everyone_sees_the_right_part() {
    let app = app().await;
    let (id, code, key) = report(&app, "anonymous").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let queue = v.get("/en/staff").await;
    assert!(queue.body.contains("Ramp at the village office is broken"));
    crate::accessibility::assert_accessible_shell("queue", &queue);
    let (_, _, page) = case_form(&mut v, id).await;
    crate::accessibility::assert_accessible_shell("case", &page);
    assert!(page.body.contains("Siti Rahayu"), "verifiers see the name");

    // Browse counts are cached, and a staff action on this instance clears them.
    let headings = |res: TestResponse| {
        let doc = res.html();
        doc.select(&sel("h2"))
            .map(|h| crate::helpers::clean(&h.text().collect::<String>()))
            .collect::<Vec<_>>()
    };
    let before = headings(v.get("/en/reports?status=all").await);
    assert!(
        before.contains(&"0 published reports".to_owned()),
        "{before:?}"
    );
    assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    let after = headings(v.get("/en/reports?status=all").await);
    assert!(
        after.contains(&"1 published report".to_owned()),
        "{after:?}"
    );
    let res = act(
        &mut v,
        id,
        "route",
        &[("agency", "kemenhub"), ("text", "Please check the ramp.")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);

    // The right officer sees it, without the anonymous reporter's name.
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let (_, _, page) = case_form(&mut o, id).await;
    assert!(!page.body.contains("Siti") && !page.body.contains("siti@contoh.id"));
    assert!(
        o.get("/en/staff?list=routed")
            .await
            .body
            .contains("Ramp at the village office")
    );

    // Another agency's officer cannot tell it from a report that does not exist.
    let mut other = sign_in(&app, "officer@kemenkes.go.id").await;
    let theirs = other.get(&format!("/en/staff/reports/{id}")).await;
    let missing = other.get("/en/staff/reports/999999").await;
    assert_eq!(theirs.status, 404);
    assert_eq!(
        theirs
            .body
            .replace(&format!("/staff/reports/{id}"), "/staff/reports/N"),
        missing
            .body
            .replace("/staff/reports/999999", "/staff/reports/N")
    );
    assert!(
        !other
            .get("/en/staff?list=routed")
            .await
            .body
            .contains("Ramp at the village office")
    );
    let csrf = {
        let res = other.get("/en/staff").await;
        let doc = res.html();
        doc.select(&sel("input[name=csrf]"))
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned()
    };
    let res = other
        .post(
            &format!("/en/staff/reports/{id}/answer"),
            &[("csrf", &csrf), ("version", "2"), ("text", "Not mine")],
        )
        .await;
    assert_eq!(res.status, 404);

    // A verifier cannot answer for the agency; the officer can.
    let res = act(&mut v, id, "answer", &[("text", "x")]).await;
    assert_eq!(res.status, 409);
    let res = act(
        &mut o,
        id,
        "answer",
        &[("text", "The ramp was rebuilt on 25 November.")],
    )
    .await;
    assert_eq!(res.status, 303);
    let res = act(&mut o, id, "close", &[]).await;
    assert_eq!(res.status, 303);
    assert_eq!(report_of(&app, &code).await.status.as_str(), "closed");

    // The reporter's private view and the public page show each step.
    let mut r = Browser::new(&app);
    r.post("/en/track", &[("code", &code), ("key", &key)]).await;
    let view = r.get(&format!("/en/track/{}", code.replace('-', ""))).await;
    for step in [
        "Report checked",
        "Sent to the government body",
        "Answer given",
        "Closed as resolved",
        "rebuilt on 25 November",
    ] {
        assert!(view.body.contains(step), "private view: {step}");
    }
    let public = app
        .get(&format!("/en/reports/{}", code.replace('-', "")))
        .await;
    assert_eq!(public.status, 200);
    assert!(public.body.contains("rebuilt on 25 November"));
    assert!(
        !public.body.contains("Please check the ramp")
            || public.body.contains("Sent to the government body")
    );
    assert!(
        !public.body.contains("Petugas"),
        "no staff names on the public timeline"
    );

    // Every action is in the audit log, which only admins read.
    assert_eq!(
        count(
            &app.state.db,
            "SELECT COUNT(*) FROM audit_log WHERE report_id IS NOT NULL"
        )
        .await,
        4
    );
    let mut a = sign_in(&app, "admin@balai.id").await;
    let (_, _, page) = case_form(&mut a, id).await;
    assert!(
        page.body.contains("verifier@balai.id") && page.body.contains("officer@kemenhub.go.id")
    );
    assert_eq!(v.get("/en/staff/accounts").await.status, 404);
    let accounts = a.get("/en/staff/accounts").await;
    assert_eq!(accounts.status, 200);
    let officer = staff_db::user_by_email(&app.state.db, "officer@kemenhub.go.id")
        .await
        .unwrap()
        .unwrap();
    let log = a.get(&format!("/en/staff/accounts/{}", officer.id)).await;
    assert!(log.body.contains("Answer") && log.body.contains("Close as resolved"));
}

#[actix_web::test]
async fn forged_and_cross_site_posts_are_refused_and_change_nothing() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let (csrf, version, _) = case_form(&mut v, id).await;
    let path = format!("/en/staff/reports/{id}/verify");
    let cookie = v.cookie_header();
    let attempts = [
        TestRequest::post()
            .uri(&path)
            .set_form([("version", version.as_str())]),
        TestRequest::post().uri(&path).set_form([
            ("csrf", "0".repeat(32).as_str()),
            ("version", version.as_str()),
        ]),
        TestRequest::post()
            .uri(&path)
            .insert_header(("sec-fetch-site", "cross-site"))
            .set_form([("csrf", csrf.as_str()), ("version", version.as_str())]),
        TestRequest::post()
            .uri(&path)
            .insert_header(("origin", "https://evil.example"))
            .insert_header(("host", "balai.example"))
            .set_form([("csrf", csrf.as_str()), ("version", version.as_str())]),
    ];
    for req in attempts {
        let res = app
            .call(req.insert_header(("cookie", cookie.clone())))
            .await;
        assert_eq!(res.status, 403);
    }
    assert_eq!(report_of(&app, &code).await.status.as_str(), "submitted");
    let ok = TestRequest::post()
        .uri(&path)
        .insert_header(("sec-fetch-site", "same-origin"))
        .insert_header(("cookie", cookie))
        .set_form([("csrf", csrf.as_str()), ("version", version.as_str())]);
    assert_eq!(app.call(ok).await.status, 303);
    assert_eq!(report_of(&app, &code).await.status.as_str(), "verified");
}

#[actix_web::test]
async fn a_stale_page_is_refused_with_the_text_kept() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut first = sign_in(&app, "verifier@balai.id").await;
    let mut second = sign_in(&app, "verifier2@balai.id").await;
    let (csrf2, version2, _) = case_form(&mut second, id).await;
    assert_eq!(act(&mut first, id, "verify", &[]).await.status, 303);
    let res = second
        .post(
            &format!("/en/staff/reports/{id}/reject"),
            &[
                ("csrf", &csrf2),
                ("version", &version2),
                ("text", "Duplicate of another report"),
            ],
        )
        .await;
    assert_eq!(res.status, 409);
    assert!(res.body.contains("Someone else changed this report"));
    assert_eq!(report_of(&app, &code).await.status.as_str(), "verified");
    // Rejecting is still possible from "verified": the kept text is there to send again.
    let doc = res.html();
    assert!(text_of(&doc, "#text-reject").contains("Duplicate of another report"));
}

#[actix_web::test]
async fn an_answer_posted_after_the_session_ended_is_kept_and_confirmed_after_sign_in() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    act(&mut v, id, "verify", &[]).await;
    act(&mut v, id, "route", &[("agency", "kemenhub")]).await;
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let (csrf, version, _) = case_form(&mut o, id).await;
    // The session runs out while the officer writes.
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE staff_sessions SET last_seen_at = $1").bind(now() - time::Duration::hours(9)).execute(p).await.map(|_| ())).unwrap();
    let answer = "We will repair the ramp by 5 December.";
    let res = o
        .post(
            &format!("/en/staff/reports/{id}/answer"),
            &[("csrf", &csrf), ("version", &version), ("text", answer)],
        )
        .await;
    assert_eq!(res.status, 401);
    assert!(res.body.contains("nothing was sent"));
    assert_eq!(report_of(&app, &code).await.status.as_str(), "routed");
    let doc = res.html();
    let kept = doc
        .select(&sel("input[name=kept]"))
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap()
        .to_owned();
    // The page's language switch posts to the sign-in page (keeping the kept form), never
    // to the refused action.
    let switch = doc.select(&sel(".lang-switch button")).next().unwrap();
    assert_eq!(switch.value().attr("formaction"), Some("/id/staff/sign-in"));
    let switched = o
        .post(
            "/id/staff/sign-in",
            &[
                ("email", "officer@kemenhub.go.id"),
                ("password", PASSWORD),
                ("kept", &kept),
                ("switch_lang", "id"),
            ],
        )
        .await;
    assert_eq!(switched.status, 200);
    assert!(
        !switched.body.contains(PASSWORD),
        "a password is never written into a page"
    );
    assert!(
        switched.body.contains("We will repair the ramp"),
        "the kept form survives the switch"
    );
    assert!(
        kept.contains(answer) && !kept.contains(&csrf),
        "the old token is not kept"
    );
    let res = o
        .post(
            "/en/staff/sign-in",
            &[
                ("email", "officer@kemenhub.go.id"),
                ("password", PASSWORD),
                ("kept", &kept),
            ],
        )
        .await;
    assert_eq!(res.status, 200);
    let doc = res.html();
    assert!(text_of(&doc, "textarea").contains(answer));
    let form = doc.select(&sel("main form")).next().unwrap();
    let action = form.value().attr("action").unwrap().to_owned();
    let fields: Vec<(String, String)> = form
        .select(&sel("input, textarea"))
        .map(|e| {
            let name = e.value().attr("name").unwrap().to_owned();
            let value = e
                .value()
                .attr("value")
                .map_or_else(|| e.text().collect(), str::to_owned);
            (name, value)
        })
        .collect();
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = o.post(&action, &refs).await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(report_of(&app, &code).await.status.as_str(), "answered");
}

#[actix_web::test]
async fn deadlines_count_working_days_and_overdue_reports_are_listed() {
    let app = app().await;
    let (id, _, _) = report(&app, "public").await;
    // Sent on Tuesday 17 November: verify by Friday 20 November; today is Friday 27.
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET created_at = $1 WHERE id = $2")
        .bind(time::macros::datetime!(2026-11-17 03:00 UTC)).bind(id).execute(p).await.map(|_| ())).unwrap();
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let overdue = v.get("/en/staff?list=overdue").await;
    assert!(
        overdue.body.contains("Ramp at the village office"),
        "listed as overdue"
    );
    assert!(
        overdue.body.contains("5 working days late"),
        "{}",
        text_of(&overdue.html(), "table")
    );
    // Unknown filters are refused rather than passed on.
    assert_eq!(v.get("/en/staff?list=everything").await.status, 400);
    assert_eq!(
        v.get("/en/staff?category=%27%20OR%201%3D1").await.status,
        400
    );
}

#[actix_web::test]
async fn suspected_spam_waits_in_its_own_queue() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET held = TRUE WHERE id = $1").bind(id).execute(p).await.map(|_| ())).unwrap();
    let mut v = sign_in(&app, "verifier@balai.id").await;
    assert!(
        !v.get("/en/staff?list=new")
            .await
            .body
            .contains("Ramp at the village")
    );
    assert!(
        v.get("/en/staff?list=held")
            .await
            .body
            .contains("Ramp at the village")
    );
    assert_eq!(
        act(&mut v, id, "verify", &[]).await.status,
        409,
        "held reports are released first"
    );
    assert_eq!(act(&mut v, id, "release", &[]).await.status, 303);
    assert!(
        v.get("/en/staff?list=new")
            .await
            .body
            .contains("Ramp at the village")
    );
    assert!(!report_of(&app, &code).await.held);
}

#[actix_web::test]
async fn answered_reports_close_by_themselves_after_ten_working_days() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    act(&mut v, id, "verify", &[]).await;
    act(&mut v, id, "route", &[("agency", "kemenhub")]).await;
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    act(&mut o, id, "answer", &[("text", "Done.")]).await;
    let cal = &app.state.content().holidays;
    let cutoff =
        balai::domain::deadlines::auto_close_cutoff(balai::domain::deadlines::today(now()), cal);
    let cutoff = cutoff.midnight().assume_utc();
    assert_eq!(
        balai::db::cases::auto_close(&app.state.db, cutoff, now())
            .await
            .unwrap(),
        0,
        "answered today"
    );
    balai::on_pool!(&app.state.db, p => sqlx::query("UPDATE reports SET answered_at = $1").bind(now() - time::Duration::days(20)).execute(p).await.map(|_| ())).unwrap();
    assert_eq!(
        balai::db::cases::auto_close(&app.state.db, cutoff, now())
            .await
            .unwrap(),
        1
    );
    assert_eq!(report_of(&app, &code).await.status.as_str(), "closed");
}

#[actix_web::test]
async fn staff_can_edit_out_personal_data_and_the_original_is_kept_for_admins() {
    let app = app().await;
    let (id, code, _) = report(&app, "public").await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let res = act(
        &mut v,
        id,
        "edit",
        &[("title", "Ramp broken"), ("description", "")],
    )
    .await;
    assert_eq!(res.status, 422);
    assert!(res.body.contains("Enter the text"));
    let res = act(
        &mut v,
        id,
        "edit",
        &[
            ("title", "Ramp broken"),
            ("description", "The ramp has a step."),
        ],
    )
    .await;
    assert_eq!(res.status, 303);
    let r = report_of(&app, &code).await;
    assert_eq!(r.title, "Ramp broken");
    assert_eq!(
        r.original_title.as_deref(),
        Some("Ramp at the village office is broken")
    );
    let (_, _, page) = case_form(&mut v, id).await;
    assert!(
        !page.body.contains("Wheelchair users cannot enter"),
        "verifiers do not see the original"
    );
    let mut a = sign_in(&app, "admin@balai.id").await;
    let (_, _, page) = case_form(&mut a, id).await;
    assert!(page.body.contains("Wheelchair users cannot enter"));
}

#[actix_web::test]
async fn organisers_see_registrations_arrange_needs_and_export_them() {
    use crate::workshops::{SMALL, register};
    let app = app().await;
    let mut fields = crate::workshops::person(1);
    fields[0].1 = "=HYPERLINK(\"http://evil.example\")".into();
    fields.push(("need_bisindo".into(), "yes".into()));
    register(&app, SMALL, fields).await;
    register(&app, SMALL, crate::workshops::person(2)).await;

    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    assert_eq!(
        o.get(&format!("/en/staff/workshops/{SMALL}")).await.status,
        404,
        "officers do not organise workshops"
    );
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let list = v.get("/en/staff/workshops").await;
    assert_eq!(list.status, 200);
    crate::accessibility::assert_accessible_shell("staff workshops", &list);
    let page = v.get(&format!("/en/staff/workshops/{SMALL}")).await;
    assert_eq!(page.status, 200);
    crate::accessibility::assert_accessible_shell("staff workshop", &page);
    let doc = page.html();
    assert!(
        text_of(&doc, "main table").contains("1"),
        "one BISINDO interpreter asked for"
    );
    assert!(page.body.contains("peserta2@contoh.id"));

    // Arrange the interpreter.
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
    let path = format!("/en/staff/workshops/{SMALL}/needs");
    let res = v
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("registration", &registration),
                ("need", "bisindo"),
                ("status", "arranged"),
            ],
        )
        .await;
    assert_eq!(res.status, 303);
    let res = v
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("registration", &registration),
                ("need", "bisindo"),
                ("status", "whatever"),
            ],
        )
        .await;
    assert_eq!(res.status, 400);
    let res = v
        .post(
            &path,
            &[
                ("registration", &registration),
                ("need", "bisindo"),
                ("status", "requested"),
            ],
        )
        .await;
    assert_eq!(res.status, 403, "no token, no change");
    let status: String = balai::on_pool!(&app.state.db, p => sqlx::query_scalar("SELECT status FROM registration_needs").fetch_one(p).await).unwrap();
    assert_eq!(status, "arranged");

    // The CSV: personal data for organisers only, formulas neutralised.
    let csv = v
        .get(&format!("/en/staff/workshops/{SMALL}/registrations.csv"))
        .await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert!(
        csv.body
            .contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("bisindo: arranged"));
    assert_eq!(
        Browser::new(&app)
            .get(&format!("/en/staff/workshops/{SMALL}/registrations.csv"))
            .await
            .status,
        303
    );
}

/// T-PROP-2 (complaints): random sequences of staff actions by random roles, against the
/// real SQL-backed workflow. After every step: an allowed action took the report exactly
/// where the workflow table says, with one event and one audit row; a refused one changed
/// nothing. (Sequences come from a fixed-seed generator, so a failure replays.)
#[actix_web::test]
async fn random_action_sequences_follow_the_workflow_table() {
    use balai::db::cases::{self, ActError};
    use balai::domain::staff::Role;
    use balai::domain::workflow::Action;
    use balai::domain::workflow::{self, ActionInput};
    let app = app().await;
    let db = &app.state.db;
    let users = staff_db::users(db).await.unwrap();
    let user_of = |role: Role| users.iter().find(|u| u.role == role).unwrap().id;
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        usize::try_from(seed % n as u64).unwrap()
    };
    let sequences = 12;
    let mut taken = 0;
    for _ in 0..sequences {
        let (id, code, _) = report(&app, "public").await;
        let mut audit = count(
            db,
            &format!("SELECT COUNT(*) FROM audit_log WHERE report_id = {id}"),
        )
        .await;
        for _ in 0..10 {
            let role = [Role::Admin, Role::Verifier, Role::Officer][next(3)];
            let action = Action::ALL[next(Action::ALL.len())];
            let before = report_of(&app, &code).await;
            let input = ActionInput {
                text: Some("Alasan".into()),
                agency: Some("kemenhub".into()),
                title: Some("Judul".into()),
                description: Some("Isi".into()),
                until: Some("2026-12-30".into()),
                photo: Some("none".into()),
            };
            // "none" is no photo of the report: describing it is always refused.
            let allowed_now =
                action.allowed(role, before.status, before.held) && action != Action::Describe;
            let result = cases::act(
                db,
                id,
                before.version,
                user_of(role),
                |r| workflow::plan(action, role, r, &input).ok(),
                now(),
            )
            .await;
            let after = report_of(&app, &code).await;
            match result {
                Ok(status) => {
                    assert!(
                        allowed_now,
                        "{action:?} by {role:?} from {} was taken",
                        before.status
                    );
                    let expected = action
                        .next_status(after.agency.is_some())
                        .unwrap_or(before.status);
                    assert_eq!(status, expected, "{action:?} from {}", before.status);
                    assert_eq!(after.status, expected);
                    assert_eq!(after.version, before.version + 1);
                    audit += 1;
                    taken += 1;
                }
                Err(ActError::NotAllowed) => {
                    assert!(
                        !allowed_now,
                        "{action:?} by {role:?} from {} was refused",
                        before.status
                    );
                    assert_eq!(
                        (after.status.as_str(), after.version),
                        (before.status.as_str(), before.version)
                    );
                }
                Err(e) => panic!("{action:?}: {e}"),
            }
            let logged = count(
                db,
                &format!("SELECT COUNT(*) FROM audit_log WHERE report_id = {id}"),
            )
            .await;
            assert_eq!(logged, audit, "one audit row per action taken");
        }
    }
    assert!(
        taken >= 10,
        "the sequences exercised too few transitions: {taken}"
    );
}

/// A report sent with one photo; its id and the photo's id.
async fn report_with_photo(app: &TestApp, upload_id: &str) -> (i64, String) {
    let mut r = Browser::new(app);
    r.fill("complaint", "public").await;
    let res = crate::reports::upload(
        &mut r,
        &crate::reports::jpeg_with_exif(),
        "image/jpeg",
        "Tangga",
        upload_id,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    let (code, _) = r.send_report().await;
    let id = report_of(app, &code).await.id;
    let photos = balai::db::reports::report_photos(&app.state.db, id)
        .await
        .unwrap();
    (id, photos[0].id.clone())
}

#[actix_web::test]
async fn describing_a_photo_that_is_not_the_reports_is_a_form_error_and_writes_nothing() {
    let app = app().await;
    let (id, own) = report_with_photo(&app, &"a1".repeat(16)).await;
    let (_, other) = report_with_photo(&app, &"b2".repeat(16)).await;
    let mut v = sign_in(&app, "verifier@balai.id").await;
    let written = "SELECT (SELECT COUNT(*) FROM report_events) + (SELECT COUNT(*) FROM audit_log)";
    let before = count(&app.state.db, written).await;
    for photo in [other.as_str(), &"0".repeat(32), "none"] {
        let res = act(
            &mut v,
            id,
            "describe",
            &[("photo", photo), ("text", "Tangga rusak")],
        )
        .await;
        assert_eq!(res.status, 422, "{photo}: {}", res.body);
        let doc = res.html();
        assert!(text_of(&doc, "title").starts_with("Error: "));
        assert!(
            text_of(&doc, ".error-summary").contains("Choose one of this report's photos"),
            "{}",
            text_of(&doc, ".error-summary")
        );
        // The summary's link leads somewhere on the page.
        let href = doc
            .select(&sel(".error-summary a"))
            .next()
            .and_then(|a| a.value().attr("href"))
            .unwrap()
            .to_owned();
        assert_eq!(doc.select(&sel(&href)).count(), 1, "{href}");
    }
    assert_eq!(
        count(&app.state.db, written).await,
        before,
        "nothing written"
    );
    let described = "SELECT COUNT(*) FROM photos WHERE description = 'Tangga rusak'";
    assert_eq!(count(&app.state.db, described).await, 0);
    // The report's own photo: described, with its event.
    let res = act(
        &mut v,
        id,
        "describe",
        &[("photo", own.as_str()), ("text", "Tangga rusak")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    assert_eq!(count(&app.state.db, described).await, 1);
    assert_eq!(count(&app.state.db, written).await, before + 2);
}
