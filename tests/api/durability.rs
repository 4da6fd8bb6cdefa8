//! T-DUR-1: clients register for a workshop and file reports (with a photo) while the real
//! binary is killed with SIGKILL at random moments and restarted on the same database.
//! Every registration and report that was acknowledged must be there (reports complete with
//! their photo), none twice, and the workshop never overbooked. `BALAI_KILL_RUNS` sets the
//! number of kills (3 by default; the long run uses 20 or more). Runs on PostgreSQL when
//! `BALAI_TEST_POSTGRES_URL` is set.

use crate::helpers::TestDb;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const WORKSHOP: &str = "klinik-suara-setara-kabupaten-bandung-2026-12";
const CLIENTS: usize = 6;

fn start(dir: &std::path::Path, database_url: &str) -> (Child, u16) {
    start_with(dir, database_url, &[])
}

/// Start the real binary in `dir` with extra environment; its port.
pub fn start_with(
    dir: &std::path::Path,
    database_url: &str,
    envs: &[(&str, &str)],
) -> (Child, u16) {
    let repo = env!("CARGO_MANIFEST_DIR");
    let log_path = dir.join("current.log");
    let _ = std::fs::remove_file(&log_path);
    let mut child = Command::new(env!("CARGO_BIN_EXE_balai"))
        .current_dir(dir)
        .env_clear()
        .env("BALAI_BIND", "127.0.0.1:0")
        .env("BALAI_LOG_FORMAT", "json")
        .env("BALAI_DATABASE_URL", database_url)
        .env("BALAI_NOW", "2026-11-27T12:00:00Z")
        .env("BALAI_MIN_FORM_SECONDS", "0")
        // Every client shares 127.0.0.1: lift the per-address limit for the run.
        .env("BALAI_SUBMISSIONS_PER_HOUR", "1000000")
        .env("BALAI_CONTENT_DIR", format!("{repo}/content"))
        .env("BALAI_LOCALES_DIR", format!("{repo}/locales"))
        .env("BALAI_ASSETS_DIR", format!("{repo}/assets"))
        .envs(envs.iter().copied())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log_path).unwrap())
        .spawn()
        .unwrap();
    for _ in 0..200 {
        std::thread::sleep(Duration::from_millis(50));
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        if let Some(line) = text.lines().find(|l| l.contains("Balai is serving")) {
            let at = line.find("\"port\":").unwrap() + 7;
            let port = line[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap();
            return (child, port);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!(
        "the server did not start:\n{}",
        std::fs::read_to_string(&log_path).unwrap_or_default()
    );
}

/// One HTTP exchange; `None` when the connection failed or was cut (indeterminate).
pub fn exchange(port: u16, request: &str) -> Option<String> {
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    stream.write_all(request.as_bytes()).ok()?;
    let mut out = String::new();
    stream.read_to_string(&mut out).ok()?;
    (!out.is_empty()).then_some(out)
}

/// The signed render token of the registration form, as a browser gets it.
pub fn form_token(port: u16) -> Option<String> {
    let page = exchange(
        port,
        &format!(
            "GET /id/workshops/{WORKSHOP}/register HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        ),
    )?;
    let marker = "name=\"form_token\" value=\"";
    let at = page.find(marker)? + marker.len();
    Some(page[at..].split('"').next()?.to_owned())
}

/// Register person `n` with a fixed form id; `Some(code)` when acknowledged.
fn register(port: u16, n: usize, form_id: &str) -> Option<String> {
    let token = form_token(port)?;
    let body = format!(
        "name=Peserta+{n}&email=kill{n}%40contoh.id&consent=yes&form_token={token}&form_id={form_id}"
    );
    let request = format!(
        "POST /id/workshops/{WORKSHOP}/register HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let response = exchange(port, &request)?;
    if !response.starts_with("HTTP/1.1 303") {
        return None;
    }
    let location = response
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("location:"))?;
    let code = location
        .split("/registrations/")
        .nth(1)?
        .split('?')
        .next()?;
    Some(code.to_owned())
}

#[test]
fn every_acknowledged_registration_survives_sigkill() {
    let kills: usize = std::env::var("BALAI_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (database_url, _db) = rt.block_on(TestDb::create(dir.path()));
    let (mut child, port) = start(dir.path(), &database_url);
    let port = Arc::new(AtomicU16::new(port));
    let stop = Arc::new(AtomicBool::new(false));
    // Acknowledged: person -> code. Tried: every person a client attempted.
    let acknowledged: Arc<Mutex<HashMap<usize, String>>> = Arc::default();
    let tried: Arc<Mutex<HashSet<usize>>> = Arc::default();

    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (port, stop, acknowledged, tried) = (
                port.clone(),
                stop.clone(),
                acknowledged.clone(),
                tried.clone(),
            );
            std::thread::spawn(move || {
                let mut n = c;
                while !stop.load(Ordering::Relaxed) {
                    tried.lock().unwrap().insert(n);
                    let form_id = format!("{n:032x}");
                    // Retry an indeterminate request with the same form id until it is answered.
                    loop {
                        if let Some(code) = register(port.load(Ordering::Relaxed), n, &form_id) {
                            acknowledged.lock().unwrap().insert(n, code);
                            break;
                        }
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    n += CLIENTS;
                }
            })
        })
        .collect();

    let mut seed = 0x9e37_79b9_u64 ^ u64::from(std::process::id());
    for _ in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(150 + seed % 600));
        child.kill().unwrap();
        child.wait().unwrap();
        let (next, p) = start(dir.path(), &database_url);
        child = next;
        port.store(p, Ordering::Relaxed);
    }
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();

    // Read everything back straight from the database.
    let rows: Vec<(String, Option<String>, String)> = rt.block_on(async {
        let db = balai::db::Db::connect(&database_url).await.unwrap();
        let sql = "SELECT code, email, status FROM registrations WHERE workshop = $1";
        let rows =
            balai::on_pool!(&db, pool => sqlx::query_as(sql).bind(WORKSHOP).fetch_all(pool).await)
                .unwrap();
        db.close().await;
        rows
    });
    let acknowledged = acknowledged.lock().unwrap().clone();
    let tried = tried.lock().unwrap().clone();
    let by_code: HashMap<&str, &Option<String>> =
        rows.iter().map(|(c, e, _)| (c.as_str(), e)).collect();
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|(n, code)| {
            by_code.get(code.as_str()) != Some(&&Some(format!("kill{n}@contoh.id")))
        })
        .collect();
    let mut emails = HashSet::new();
    let duplicated: Vec<_> = rows
        .iter()
        .filter(|(_, e, _)| !emails.insert(e.clone()))
        .collect();
    let unexpected: Vec<_> = rows
        .iter()
        .filter(|(_, e, _)| {
            let n = e
                .as_deref()
                .and_then(|e| e.strip_prefix("kill"))
                .and_then(|e| e.split('@').next())
                .and_then(|n| n.parse().ok());
            !n.is_some_and(|n: usize| tried.contains(&n))
        })
        .collect();
    let confirmed = rows.iter().filter(|(_, _, s)| s == "confirmed").count();
    let held = rows.iter().filter(|(_, _, s)| s == "held").count();
    println!(
        "kills: {kills}, tried: {}, acknowledged: {}, found: {}, confirmed: {confirmed}",
        tried.len(),
        acknowledged.len(),
        acknowledged
            .values()
            .filter(|c| by_code.contains_key(c.as_str()))
            .count()
    );
    assert!(
        acknowledged.len() >= CLIENTS,
        "the run acknowledged too little to mean anything"
    );
    assert!(lost.is_empty(), "lost: {lost:?}");
    assert!(duplicated.is_empty(), "duplicated: {duplicated:?}");
    assert!(unexpected.is_empty(), "unexpected: {unexpected:?}");
    assert!(
        confirmed <= 3,
        "overbooked: {confirmed} confirmed for 3 places"
    );
    assert_eq!(
        held, 0,
        "people who waited for the form are not held as spam"
    );
    assert_eq!(confirmed, 3, "the places were taken");
}

/// T-DUR-10: a backup taken while the portal runs restores into a fresh instance with
/// every registration in it. (PostgreSQL backups are `pg_dump`'s job: Balai says so.)
#[actix_web::test]
async fn a_backup_restores_into_a_fresh_instance() {
    use crate::helpers::TestApp;
    use crate::workshops::{SMALL, fixed, person, register};
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    if app.state.db.sqlite_file().is_none() {
        let err = balai::db::backup::backup(&app.state.db, &backup)
            .await
            .unwrap_err();
        assert!(err.to_string().contains("pg_dump"), "{err}");
        return;
    }
    let first = register(&app, SMALL, person(1)).await;
    let second = register(&app, SMALL, person(2)).await;
    balai::db::backup::backup(&app.state.db, &backup)
        .await
        .unwrap();
    assert!(
        balai::db::backup::backup(&app.state.db, &backup)
            .await
            .is_err(),
        "never overwrites"
    );
    let code = |location: &str| {
        location
            .split("/registrations/")
            .nth(1)
            .unwrap()
            .split('?')
            .next()
            .unwrap()
            .to_owned()
    };

    let restored = dir.path().join("restored").join("balai.db");
    balai::db::backup::restore(&backup, &restored)
        .await
        .unwrap();
    let url = format!("sqlite://{}", restored.display());
    let fresh = TestApp::spawn_with(
        move |s| {
            fixed(s);
            s.database_url = url.into();
        },
        |_| {},
    )
    .await;
    let sql = "SELECT code FROM registrations ORDER BY id";
    let codes: Vec<String> =
        balai::on_pool!(&fresh.state.db, pool => sqlx::query_scalar(sql).fetch_all(pool).await)
            .unwrap();
    assert_eq!(codes, [code(&first), code(&second)]);
    assert!(
        fresh
            .get(&format!("/en/workshops/{SMALL}"))
            .await
            .body
            .contains("1 place left")
    );

    // Something that is not a Balai database is refused, and the target is untouched.
    let junk = dir.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(balai::db::backup::restore(&junk, &restored).await.is_err());
    assert!(
        balai::db::backup::restore(&dir.path().join("missing.db"), &restored)
            .await
            .is_err()
    );
}

/// One HTTP exchange with a body of bytes; the response as text (lossy).
pub fn exchange_bytes(port: u16, request: &[u8]) -> Option<String> {
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .ok()?;
    stream.write_all(request).ok()?;
    let mut out = Vec::new();
    stream.read_to_end(&mut out).ok()?;
    (!out.is_empty()).then(|| String::from_utf8_lossy(&out).into_owned())
}

/// A POST with the draft cookie; `Some(status line and headers and body)` when answered.
pub fn post(
    port: u16,
    path: &str,
    cookie: &str,
    content_type: &str,
    body: &[u8],
) -> Option<String> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    exchange_bytes(port, &request)
}

fn small_jpeg() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| {
        image::Rgb([(x * 4) as u8, (y * 5) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

/// The `name=value` of cookie `name` set by a raw HTTP response.
fn set_cookie(response: &str, name: &str) -> Option<String> {
    let prefix = format!("set-cookie: {name}=");
    let line = response
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with(&prefix))?;
    Some(line.split_once(": ")?.1.split(';').next()?.to_owned())
}

/// File report `n` (with one photo) through every step, retrying any step the kill cut
/// off; `Some(code)` once the send was acknowledged and the confirmation read.
pub fn file_report(port: &AtomicU16, stop: &AtomicBool, n: usize) -> Option<String> {
    let form = "application/x-www-form-urlencoded";
    let retry = |f: &dyn Fn(u16) -> Option<String>| -> Option<String> {
        loop {
            if let Some(r) = f(port.load(Ordering::Relaxed)) {
                return Some(r);
            }
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    let start = retry(&|p| post(p, "/id/reports/new", "", form, b""))?;
    let cookie = set_cookie(&start, "balai_draft")?;
    let title = format!("kill-report-{n}");
    let steps: Vec<(&str, String)> = vec![
        ("kind", "kind=complaint".into()),
        (
            "details",
            format!("title={title}&description=Lift+rusak&category=health"),
        ),
        ("province", "province=51".into()),
        ("place", "regency=51.71".into()),
        ("date", "day=1&month=11&year=2026".into()),
        ("agency", "agency=".into()),
        ("privacy", "privacy=public".into()),
        (
            "about-you",
            "name=Warga&email=warga%40contoh.id&behalf=self&consent=yes".into(),
        ),
    ];
    for (step, body) in &steps {
        let path = format!("/id/reports/new/{step}");
        let r = retry(&|p| post(p, &path, &cookie, form, body.as_bytes()))?;
        if !r.starts_with("HTTP/1.1 303") {
            panic!(
                "step {step} refused: {}",
                r.lines().next().unwrap_or_default()
            );
        }
    }
    let boundary = "killboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&small_jpeg());
    body.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"upload_id\"\r\n\r\n{n:032x}\r\n--{boundary}--\r\n").as_bytes(),
    );
    let ct = format!("multipart/form-data; boundary={boundary}");
    retry(&|p| {
        post(p, "/id/reports/new/photos", &cookie, &ct, &body)
            .filter(|r| r.starts_with("HTTP/1.1 303"))
    })?;
    // A browser is shown "check your answers" before sending, which sets the receipt.
    let check = retry(&|p| {
        let get = format!(
            "GET /id/reports/new/check HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\r\n"
        );
        exchange_bytes(p, get.as_bytes()).filter(|r| r.starts_with("HTTP/1.1 200"))
    })?;
    let cookie = format!("{cookie}; {}", set_cookie(&check, "balai_receipt")?);
    retry(&|p| {
        post(p, "/id/reports/new/send", &cookie, form, b"")
            .filter(|r| r.starts_with("HTTP/1.1 303"))
    })?;
    // Acknowledged. The confirmation shows the code (read it again after a kill).
    let page = retry(&|p| {
        let get = format!(
            "GET /id/reports/new/sent HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\r\n"
        );
        exchange_bytes(p, get.as_bytes()).filter(|r| r.starts_with("HTTP/1.1 200"))
    })?;
    let marker = "class=\"code-display\" data-source=\"data\">";
    let at = page.find(marker)? + marker.len();
    Some(page[at..].split('<').next()?.replace('-', ""))
}

/// T-DUR-1 for reports: every report whose sending was acknowledged is there after
/// SIGKILLs at random moments, complete with its photo, and none twice.
#[test]
fn every_acknowledged_report_survives_sigkill_with_its_photo() {
    let kills: usize = std::env::var("BALAI_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (database_url, _db) = rt.block_on(TestDb::create(dir.path()));
    let (mut child, port) = start(dir.path(), &database_url);
    let port = Arc::new(AtomicU16::new(port));
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged: Arc<Mutex<HashMap<usize, String>>> = Arc::default();
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let (port, stop, acknowledged) = (port.clone(), stop.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                let mut n = c;
                while !stop.load(Ordering::Relaxed) {
                    if let Some(code) = file_report(&port, &stop, n) {
                        acknowledged.lock().unwrap().insert(n, code);
                    }
                    n += 4;
                }
            })
        })
        .collect();
    let mut seed = 0x2545_f491_u64 ^ u64::from(std::process::id());
    for _ in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(300 + seed % 900));
        child.kill().unwrap();
        child.wait().unwrap();
        let (next, p) = start(dir.path(), &database_url);
        child = next;
        port.store(p, Ordering::Relaxed);
    }
    std::thread::sleep(Duration::from_millis(800));
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let rows: Vec<(String, String, i64)> = rt.block_on(async {
        let db = balai::db::Db::connect(&database_url).await.unwrap();
        let sql = "SELECT r.code, r.title, (SELECT COUNT(*) FROM photos p WHERE p.report_id = r.id) FROM reports r";
        let rows = balai::on_pool!(&db, pool => sqlx::query_as(sql).fetch_all(pool).await).unwrap();
        db.close().await;
        rows
    });
    let acknowledged = acknowledged.lock().unwrap().clone();
    let by_code: HashMap<&str, (&str, i64)> = rows
        .iter()
        .map(|(c, t, p)| (c.as_str(), (t.as_str(), *p)))
        .collect();
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|(n, code)| {
            by_code.get(code.as_str()) != Some(&(format!("kill-report-{n}").as_str(), 1))
        })
        .collect();
    let mut titles = HashSet::new();
    let duplicated: Vec<_> = rows
        .iter()
        .filter(|(_, t, _)| !titles.insert(t.clone()))
        .collect();
    println!(
        "kills: {kills}, acknowledged: {}, found complete: {}, stored: {}",
        acknowledged.len(),
        acknowledged.len() - lost.len(),
        rows.len()
    );
    assert!(!acknowledged.is_empty(), "the run acknowledged nothing");
    assert!(lost.is_empty(), "lost or incomplete: {lost:?}");
    assert!(duplicated.is_empty(), "duplicated: {duplicated:?}");
}

/// A registration whose body is still arriving: the head and half the body are sent, then
/// `go` is awaited, then the rest. `warm` first fetches a page on the same connection (a
/// kept-alive connection is what browsers have). The answer, or `None` if cut.
fn register_in_halves(
    port: u16,
    n: usize,
    warm: bool,
    sent_half: std::sync::mpsc::Sender<()>,
    go: Arc<std::sync::Barrier>,
) -> Option<String> {
    let token = form_token(port)?;
    let mut stream =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2)).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .ok()?;
    if warm {
        write!(stream, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").ok()?;
        let mut buf = [0u8; 4096];
        let got = stream.read(&mut buf).ok()?;
        assert!(buf[..got].starts_with(b"HTTP/1.1 200"));
    }
    let body = format!(
        "name=Peserta+{n}&email=term{n}%40contoh.id&consent=yes&form_token={token}&form_id={n:032x}"
    );
    let (first, second) = body.split_at(body.len() / 2);
    write!(
        stream,
        "POST /id/workshops/{WORKSHOP}/register HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    )
    .ok()?;
    stream.flush().ok()?;
    let _ = sent_half.send(());
    go.wait();
    // The signal has been sent: the rest trickles in over half a second.
    for chunk in second.as_bytes().chunks(second.len().div_ceil(5)) {
        std::thread::sleep(Duration::from_millis(100));
        stream.write_all(chunk).ok()?;
    }
    let mut out = String::new();
    stream.read_to_string(&mut out).ok()?;
    (!out.is_empty()).then_some(out)
}

/// T-DUR-4: SIGTERM while registrations are arriving. Every request whose body was on its
/// way (on new connections and on kept-alive ones) is answered and stored; a connection
/// opened after the signal is never served (it is reset when the listener closes); the
/// process exits cleanly; after a restart every acknowledged registration is there.
#[test]
fn sigterm_lets_requests_in_flight_finish_and_refuses_new_ones() {
    const IN_FLIGHT: usize = 8;
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (database_url, _db) = rt.block_on(TestDb::create(dir.path()));
    let (mut child, port) = start(dir.path(), &database_url);
    let (sent_half, halves) = std::sync::mpsc::channel();
    let go = Arc::new(std::sync::Barrier::new(IN_FLIGHT + 1));
    let clients: Vec<_> = (0..IN_FLIGHT)
        .map(|n| {
            let (sent_half, go) = (sent_half.clone(), go.clone());
            std::thread::spawn(move || register_in_halves(port, n, n % 2 == 0, sent_half, go))
        })
        .collect();
    for _ in 0..IN_FLIGHT {
        halves
            .recv_timeout(Duration::from_secs(30))
            .expect("every client sent half its form");
    }
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    // A connection made after the signal is never served: it waits unanswered until the
    // requests in flight are done and the listener closes, then it is reset.
    std::thread::sleep(Duration::from_millis(100));
    let probe = std::thread::spawn(move || {
        let mut stream =
            TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(2))
                .ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(40)))
            .ok()?;
        stream
            .write_all(b"GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .ok()?;
        let mut out = String::new();
        stream.read_to_string(&mut out).ok()?;
        (!out.is_empty()).then_some(out)
    });
    go.wait();
    let answers: Vec<Option<String>> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let exit = child.wait().unwrap();
    let log = std::fs::read_to_string(dir.path().join("current.log")).unwrap_or_default();
    let probe = probe.join().unwrap();
    assert!(
        probe.is_none(),
        "a connection made after SIGTERM was served: {probe:?}"
    );
    assert!(exit.success(), "exit {exit:?}\n{log}");
    let acknowledged: Vec<usize> = answers
        .iter()
        .enumerate()
        .filter(|(_, a)| a.as_deref().is_some_and(|a| a.starts_with("HTTP/1.1 303")))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        acknowledged.len(),
        IN_FLIGHT,
        "requests in flight at SIGTERM were cut: {:?}\n{log}",
        answers
            .iter()
            .map(|a| a.as_deref().map(|a| a.lines().next().unwrap_or_default()))
            .collect::<Vec<_>>()
    );
    // Restarted, the data is all there.
    let (next, port) = start(dir.path(), &database_url);
    child = next;
    assert!(
        exchange(
            port,
            "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .is_some_and(|r| r.starts_with("HTTP/1.1 200"))
    );
    child.kill().unwrap();
    child.wait().unwrap();
    let emails: HashSet<String> = rt.block_on(async {
        let db = balai::db::Db::connect(&database_url).await.unwrap();
        let sql = "SELECT email FROM registrations WHERE workshop = $1";
        let rows: Vec<(Option<String>,)> =
            balai::on_pool!(&db, pool => sqlx::query_as(sql).bind(WORKSHOP).fetch_all(pool).await)
                .unwrap();
        db.close().await;
        rows.into_iter().filter_map(|(e,)| e).collect()
    });
    for n in acknowledged {
        assert!(emails.contains(&format!("term{n}@contoh.id")), "lost: {n}");
    }
    assert_eq!(emails.len(), IN_FLIGHT);
}
