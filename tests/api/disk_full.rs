//! T-DUR disk full, on SQLite: the database lives on a small tmpfs that the test fills to
//! the last byte (a real ENOSPC under SQLite, not a simulated error). A step, a photo and
//! "Send report" each fail with a page that says so and keeps what was typed; once space
//! is back, the same draft is sent whole, once. Mounting needs root (`.ci/run` runs as
//! root); elsewhere the test says it did not run. PostgreSQL's disk is the machine's
//! shared server's, which a test must not fill: on that run only SQLite is filled.

use crate::helpers::{TestApp, clean, sel};
use crate::reports::{Browser, count, jpeg_with_exif, report_of, upload};
use crate::workshops::fixed;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted for the test, unmounted when dropped (also when the test fails).
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(dir: &Path, megabytes: u32) -> Self {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "running as root, but `mount -t tmpfs` failed");
        Self(dir.to_owned())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// Write zeros until the disk refuses; the file to remove to give the space back.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let block = vec![0u8; 64 * 1024];
    loop {
        if f.write_all(&block).and_then(|()| f.sync_all()).is_err() {
            break;
        }
    }
    // The last bytes, one at a time, so not even a page fits.
    while f.write_all(&[0]).and_then(|()| f.sync_all()).is_ok() {}
    path
}

/// The value of a form field on a page.
fn field(body: &str, selector: &str) -> String {
    let doc = scraper::Html::parse_document(body);
    doc.select(&sel(selector))
        .next()
        .map(|e| {
            e.value()
                .attr("value")
                .map_or_else(|| e.text().collect(), str::to_owned)
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn a_full_disk_loses_nothing_typed_and_the_report_is_sent_once_space_is_back() {
    if std::env::var("BALAI_TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        crate::helpers::skipped(
            "disk_full",
            "runs on SQLite only (PostgreSQL's disk is shared): run without BALAI_TEST_POSTGRES_URL",
        );
        return;
    }
    if !is_root() {
        crate::helpers::skipped(
            "disk_full",
            "not root (filling a disk needs a tmpfs mount; `.ci/run` runs as root)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(dir.path(), 16);
    let db_path = disk.0.join("balai.db");
    let url = format!("sqlite://{}", db_path.display());
    let data = disk.0.join("data");
    let app = TestApp::spawn_with(
        move |s| {
            fixed(s);
            s.database_url = url.clone().into();
            s.data_dir = data.clone();
        },
        |_| {},
    )
    .await;
    let mut b = Browser::new(&app);
    b.fill("complaint", "public").await;
    let photo = jpeg_with_exif();
    let res = upload(&mut b, &photo, "image/jpeg", "The step", &"b2".repeat(16)).await;
    assert_eq!(res.status, 303, "{}", res.body);

    // Empty the write-ahead log into the database, so the next write must grow a file.
    balai::on_pool!(&app.state.db, p => sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(p).await.map(|_| ())).unwrap();
    let filler = fill(&disk.0);

    // A step: the page again, 503, with what was typed and a message saying so.
    let title = "Ramp at the village office: the step is 20 cm";
    let details = [
        ("title", title),
        ("description", "Wheelchair users cannot enter the office."),
        ("category", "accessibility-barrier"),
        ("return", "check"),
    ];
    let res = b
        .post("/en/reports/new/details?return=check", &details)
        .await;
    assert_eq!(res.status, 503, "{}", res.body);
    assert_eq!(res.header("retry-after"), "30");
    assert_eq!(field(&res.body, "input[name=title]"), title);
    assert_eq!(
        clean(&field(&res.body, "textarea[name=description]")),
        "Wheelchair users cannot enter the office."
    );
    assert!(res.body.contains("could not be saved"), "{}", res.body);

    // A photo: refused with the reason, its description kept.
    let res = upload(&mut b, &photo, "image/jpeg", "The door", &"c3".repeat(16)).await;
    assert_eq!(res.status, 503, "{}", res.body);
    assert!(res.body.contains("could not be stored"), "{}", res.body);
    assert_eq!(
        field(&res.body, "[name=photo_description]").trim(),
        "The door"
    );

    // Sending: not sent, said plainly, every answer still on the check page.
    let res = b.post("/en/reports/new/send", &[]).await;
    assert_eq!(res.status, 503, "{}", res.body);
    assert!(res.body.contains("was not sent"), "{}", res.body);
    assert!(res.body.contains("Siti Rahayu"), "the answers are shown");
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        0
    );

    // Space back: the step saved, the draft sent once, with its photo.
    std::fs::remove_file(filler).unwrap();
    let res = b
        .post("/en/reports/new/details?return=check", &details)
        .await;
    assert_eq!(res.status, 303, "{}", res.body);
    // Every connection of the pool can begin a transaction again (a failed commit once
    // left a connection that believed it was still in one, and every later write on it
    // failed): all eight at once, so the one the failed send used is among them.
    let balai::db::Db::Sqlite(pool) = &app.state.db else {
        unreachable!("SQLite only")
    };
    let mut held = Vec::new();
    for _ in 0..pool.options().get_max_connections() {
        held.push(pool.acquire().await.unwrap());
    }
    for conn in &mut held {
        let tx = sqlx::Connection::begin(&mut **conn)
            .await
            .expect("every pooled connection can begin after a failed commit");
        tx.rollback().await.unwrap();
    }
    drop(held);
    let (code, _) = b.send_report().await;
    let report = report_of(&app, &code).await;
    assert_eq!(report.title, title);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );
    let photos = count(
        &app.state.db,
        &format!(
            "SELECT COUNT(*) FROM photos WHERE report_id = {}",
            report.id
        ),
    )
    .await;
    assert_eq!(photos, 1, "the photo stored before the disk filled is sent");
    let again = b.post("/en/reports/new/send", &[]).await;
    assert_eq!(again.status, 303);
    assert_eq!(
        count(&app.state.db, "SELECT COUNT(*) FROM reports").await,
        1
    );
    drop(app);
}
