//! Retention: two years after a report is finished its personal data is erased and its
//! public record stays; a report finished more recently keeps everything. The moment is
//! controlled (the housekeeping task's function is called with a chosen "now").

use crate::helpers::TestApp;
use crate::reports::{Browser, count, report_of};
use crate::workshops::fixed;
use balai::db::reports;
use time::Duration;
use time::macros::datetime;

#[actix_web::test]
async fn personal_data_of_finished_reports_is_erased_after_two_years_and_the_record_stays() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let closed_at = datetime!(2026-11-27 12:00 UTC);
    let mut codes = Vec::new();
    for _ in 0..2 {
        let mut b = Browser::new(&app);
        b.fill("complaint", "public").await;
        let (code, _) = b.send_report().await;
        codes.push(code);
    }
    let old = report_of(&app, &codes[0]).await;
    let recent = report_of(&app, &codes[1]).await;
    for s in ["verified", "routed", "answered", "closed"] {
        reports::set_status(
            &app.state.db,
            old.id,
            balai::domain::case::Status::parse(s).unwrap(),
            balai::domain::case::Actor::Verifier,
            true,
            Some("Fixed"),
            closed_at,
        )
        .await
        .unwrap();
    }
    // Where an Open311 partner said the problem is, and its photo's address: erased too.
    let place = format!(
        "UPDATE reports SET latitude = -6.2, longitude = 106.8, media_url = 'https://example.org/p.jpg' WHERE id = {}",
        old.id
    );
    balai::on_pool!(&app.state.db, p => sqlx::query(&place).execute(p).await.map(|_| ())).unwrap();
    let note = format!(
        "INSERT INTO report_events (report_id, at, kind, actor, public, body) VALUES ({}, '2026-11-27T12:00:00Z', 'note', 'verifier', FALSE, 'Called Siti Rahayu on 0812 3456 7890')",
        old.id
    );
    balai::on_pool!(&app.state.db, p => sqlx::query(&note).execute(p).await.map(|_| ())).unwrap();
    for s in ["verified", "routed", "answered", "closed"] {
        let at = closed_at + Duration::days(400);
        reports::set_status(
            &app.state.db,
            recent.id,
            balai::domain::case::Status::parse(s).unwrap(),
            balai::domain::case::Actor::Verifier,
            true,
            Some("Fixed"),
            at,
        )
        .await
        .unwrap();
    }

    // A day before the two years: nothing erased.
    let early = closed_at + Duration::days(730) - Duration::days(1);
    assert_eq!(
        balai::retention::erase_due(&app.state, early)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        report_of(&app, &codes[0]).await.reporter_name.as_deref(),
        Some("Siti Rahayu")
    );

    // Two years and a day: the old report's personal data is gone, its record stays.
    let due = closed_at + Duration::days(731);
    assert_eq!(
        balai::retention::erase_due(&app.state, due).await.unwrap(),
        1
    );
    let erased = report_of(&app, &codes[0]).await;
    assert_eq!(erased.reporter_name, None);
    assert_eq!(erased.reporter_email, None);
    assert_eq!(erased.reporter_phone, None);
    let located = count(
        &app.state.db,
        &format!(
            "SELECT COUNT(*) FROM reports WHERE id = {} AND (latitude IS NOT NULL OR longitude IS NOT NULL OR media_url IS NOT NULL)",
            old.id
        ),
    )
    .await;
    assert_eq!(
        located, 0,
        "a partner's coordinates and media address are erased"
    );
    assert_eq!(erased.title, old.title, "the public record stays");
    assert_eq!(erased.status.as_str(), "closed");
    let private_texts = count(
        &app.state.db,
        &format!(
            "SELECT COUNT(*) FROM report_events WHERE report_id = {} AND NOT public AND body IS NOT NULL",
            old.id
        ),
    )
    .await;
    assert_eq!(private_texts, 0, "no private text kept");
    let public_events = count(
        &app.state.db,
        &format!(
            "SELECT COUNT(*) FROM report_events WHERE report_id = {} AND public",
            old.id
        ),
    )
    .await;
    assert!(public_events >= 4, "the public timeline stays");
    let page = app.get(&format!("/en/reports/{}", codes[0])).await;
    assert_eq!(page.status, 200, "still published");
    assert!(page.body.contains(&old.title));

    // The recent one keeps everything; running again erases nothing more.
    assert_eq!(
        report_of(&app, &codes[1]).await.reporter_email.as_deref(),
        Some("siti@contoh.id")
    );
    assert_eq!(
        balai::retention::erase_due(&app.state, due).await.unwrap(),
        0
    );
}

/// Words planted in a report's fields: `{w}{field}{w}`, lowercase letters only, so each is
/// one word for the search index too. `w` is two letters starting with `q` (no other word
/// here does), so in the index's prefix-compressed terms every planted word's tail from
/// its third letter is stored whole: the tails are what the byte search looks for.
fn planted(w: &str, field: &str) -> String {
    format!("{w}{field}{w}")
}

fn tail(word: &str) -> String {
    word[2..].to_owned()
}

/// Send a report whose every text carries planted words; its code.
async fn send_planted(app: &TestApp, privacy: &str, w: &str, photo: bool) -> String {
    let mut b = Browser::new(app);
    b.begin().await;
    b.step("kind", &[("kind", "complaint")], "/reports/new/details")
        .await;
    let title = format!("Laporan {}", planted(w, "judul"));
    let description = format!("Isi {} di sini", planted(w, "isi"));
    b.step(
        "details",
        &[
            ("title", title.as_str()),
            ("description", description.as_str()),
            ("category", "accessibility-barrier"),
        ],
        "/reports/new/province",
    )
    .await;
    b.step("province", &[("province", "51")], "/reports/new/place")
        .await;
    let place = format!("Rumah {}", planted(w, "tempat"));
    b.step(
        "place",
        &[("regency", "51.71"), ("place", place.as_str())],
        "/reports/new/date",
    )
    .await;
    b.step(
        "date",
        &[("day", "20"), ("month", "11"), ("year", "2026")],
        "/reports/new/agency",
    )
    .await;
    b.step("agency", &[("agency", "reg-51.71")], "/reports/new/photos")
        .await;
    if photo {
        let description = format!("Foto {}", planted(w, "foto"));
        let res = crate::reports::upload(
            &mut b,
            &crate::reports::jpeg_with_exif(),
            "image/jpeg",
            &description,
            &format!("{:0>32}", hex::encode(w)),
        )
        .await;
        assert_eq!(res.status, 303, "{}", res.body);
    }
    b.step("privacy", &[("privacy", privacy)], "/reports/new/about-you")
        .await;
    let name = format!("Nama {}", planted(w, "nama"));
    let email = format!("{}@contoh.id", planted(w, "surel"));
    b.step(
        "about-you",
        &[
            ("name", name.as_str()),
            ("email", email.as_str()),
            ("phone", ""),
            ("behalf", "self"),
            ("consent", "yes"),
        ],
        "/reports/new/check",
    )
    .await;
    b.send_report().await.0
}

/// How many rows anywhere in the database hold `needle` in a text column (both databases).
async fn rows_holding(db: &balai::db::Db, needle: &str) -> i64 {
    const SQL: &str = "SELECT COUNT(*) FROM (
        SELECT COALESCE(title, '') || ' ' || COALESCE(description, '') || ' ' || COALESCE(place, '')
            || ' ' || COALESCE(reporter_name, '') || ' ' || COALESCE(reporter_email, '')
            || ' ' || COALESCE(reporter_phone, '') || ' ' || COALESCE(relationship, '')
            || ' ' || COALESCE(original_title, '') || ' ' || COALESCE(original_description, '')
            || ' ' || COALESCE(rating_comment, '') AS t FROM reports
        UNION ALL SELECT COALESCE(body, '') FROM report_events
        UNION ALL SELECT COALESCE(description, '') FROM photos
        UNION ALL SELECT answers FROM report_drafts
        UNION ALL SELECT name || ' ' || COALESCE(email, '') || ' ' || COALESCE(phone, '')
            || ' ' || COALESCE(organisation, '') FROM registrations
        UNION ALL SELECT COALESCE(detail, '') FROM registration_needs
        UNION ALL SELECT COALESCE(detail, '') FROM audit_log
        UNION ALL SELECT bucket FROM rate_limits
    ) x WHERE LOWER(t) LIKE $1";
    balai::on_pool!(db, p => sqlx::query_scalar::<_, i64>(SQL).bind(format!("%{needle}%")).fetch_one(p).await)
        .unwrap()
}

/// The bytes of the SQLite database file and its write-ahead log, as on disk.
fn sqlite_bytes(db: &balai::db::Db) -> Option<Vec<u8>> {
    let file = db.sqlite_file()?;
    let mut bytes = std::fs::read(&file).unwrap();
    let mut wal = file.clone().into_os_string();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(&wal) {
        bytes.extend_from_slice(&more);
    }
    Some(bytes)
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[actix_web::test]
async fn nothing_that_is_not_public_survives_retention_anywhere_in_the_database() {
    use balai::domain::case::{Actor, Status};
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let db = &app.state.db;
    let finished = datetime!(2026-11-27 12:00 UTC);
    // Confidential: nothing public. Anonymous and public: the title and text are public,
    // the place (free text, maybe a home) and the person are not. Rejected: never public.
    let reports = [
        ("confidential", "qa", false, "closed"),
        ("anonymous", "qb", false, "closed"),
        ("public", "qc", true, "rejected"),
        ("public", "qd", true, "closed"),
    ];
    let mut secret: Vec<String> = Vec::new();
    let mut public: Vec<String> = Vec::new();
    for (privacy, w, photo, end) in reports {
        let code = send_planted(&app, privacy, w, photo).await;
        let id = report_of(&app, &code).await.id;
        let path: &[&str] = if end == "rejected" {
            &["rejected"]
        } else {
            &["verified", "routed", "answered", "closed"]
        };
        for s in path {
            reports::set_status(
                db,
                id,
                Status::parse(s).unwrap(),
                Actor::Verifier,
                true,
                Some("Selesai"),
                finished,
            )
            .await
            .unwrap();
        }
        let shown = privacy != "confidential" && end != "rejected";
        for field in ["judul", "isi", "foto"] {
            if field == "foto" && !photo {
                continue;
            }
            let list = if shown { &mut public } else { &mut secret };
            list.push(planted(w, field));
        }
        for field in ["tempat", "nama", "surel"] {
            secret.push(planted(w, field));
        }
    }
    // A registration for a workshop, with a need described.
    let mut fields = vec![
        (
            "name".to_owned(),
            format!("Peserta {}", planted("qe", "nama")),
        ),
        (
            "email".to_owned(),
            format!("{}@contoh.id", planted("qe", "surel")),
        ),
        ("organisation".to_owned(), planted("qe", "organisasi")),
        ("need_other".to_owned(), "yes".to_owned()),
        ("other_detail".to_owned(), planted("qe", "kebutuhan")),
        ("consent".to_owned(), "yes".to_owned()),
    ];
    fields.extend(crate::workshops::blank_form(&app, "id", crate::workshops::SMALL).await);
    let res = crate::workshops::post(
        &app,
        &format!("/id/workshops/{}/register", crate::workshops::SMALL),
        &fields,
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    for field in ["nama", "surel", "organisasi", "kebutuhan"] {
        secret.push(planted("qe", field));
    }
    for word in secret.iter().chain(&public) {
        assert!(rows_holding(db, &tail(word)).await > 0, "{word} planted");
    }

    let workshop_end = app
        .state
        .content()
        .workshops
        .get(crate::workshops::SMALL, "id")
        .unwrap()
        .end;
    let days = app.state.settings.registration_retention_days;
    assert_eq!(days, 90, "the default");
    // Before either is due: everything kept.
    let early = workshop_end + Duration::days(days) - Duration::hours(1);
    balai::retention::erase_due(&app.state, early)
        .await
        .unwrap();
    assert!(rows_holding(db, &tail(&planted("qe", "nama"))).await > 0);
    assert!(rows_holding(db, &tail(&planted("qa", "judul"))).await > 0);

    // Past both: every word that was never public is gone, from the rows and the files.
    let due = finished + Duration::days(731);
    assert!(due > workshop_end + Duration::days(days));
    balai::retention::erase_due(&app.state, due).await.unwrap();
    for word in &secret {
        assert_eq!(
            rows_holding(db, &tail(word)).await,
            0,
            "{word} kept in a row"
        );
    }
    for word in &public {
        assert!(
            rows_holding(db, &tail(word)).await > 0,
            "{word}: the public record stays"
        );
    }
    let rejected_photos = count(
        db,
        "SELECT COUNT(*) FROM photos p JOIN reports r ON r.id = p.report_id WHERE r.status = 'rejected'",
    )
    .await;
    assert_eq!(rejected_photos, 0, "a rejected report's photo is erased");
    assert_eq!(count(db, "SELECT COUNT(*) FROM registrations").await, 0);
    assert_eq!(
        count(db, "SELECT COUNT(*) FROM registration_needs").await,
        0
    );
    if let Some(bytes) = sqlite_bytes(db) {
        for word in &secret {
            assert!(
                !holds(&bytes, &tail(word)),
                "{word} still in the database file"
            );
        }
    }
}
