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
