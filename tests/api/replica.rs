//! A real PostgreSQL streaming replica (issue #23): a primary and a standby made with
//! `pg_basebackup -R -X stream`, both in a temporary folder on free ports, run as the
//! `postgres` user, stopped on drop. Balai reaches the primary through the outage test's
//! TCP proxy and the replica directly.
//!
//! - Public pages read the replica: with its replay paused, a registration is on the
//!   registration's own page at once (primary) while the workshop page still shows the
//!   places from before (replica); once replay resumes, the page catches up.
//! - A reporter sees their own report at once though the replica has not got it.
//! - `/health/details` shows the lag.
//! - A replica further behind than `BALAI_REPLICA_MAX_LAG_SECONDS` (5 s here) is passed
//!   over for the primary while the primary answers.
//! - Primary cut, replica up: public pages and a public report's photo answer 200,
//!   `/health` says `degraded` with a 200, a form answers the localized 503 with every
//!   typed value kept; a report form's later step shows its draft from the replica with
//!   the "sending paused" notice, and its POST answers 503 keeping what was typed; with a
//!   primary that hangs instead of refusing, the form answers before the primary's pool
//!   would have given up (the watch task holds that pool); restored, the same form is
//!   stored and nothing is lost.

use crate::durability::{WORKSHOP, file_report, form_token, start_with};
use crate::outage::{Proxy, get, status};
use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU16};
use std::time::Duration;

/// A primary and its streaming standby, stopped and removed on drop.
pub struct Pair {
    dir: tempfile::TempDir,
    bin: PathBuf,
    /// The primary's port.
    pub primary: u16,
    /// The standby's port.
    pub standby: u16,
}

/// Where `initdb`, `pg_ctl` and `pg_basebackup` are, or a clear failure.
fn server_binaries() -> PathBuf {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    found.sort();
    from_pg_config
        .into_iter()
        .chain(found.into_iter().rev())
        .find(|b| b.join("initdb").exists() && b.join("pg_basebackup").exists())
        .expect(
            "the replica test needs the PostgreSQL server binaries (initdb, pg_ctl, \
             pg_basebackup): install the `postgresql` package (`.ci/run` does), or put \
             pg_config on PATH",
        )
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Pair {
    /// Make and start both servers.
    pub fn start() -> Self {
        let bin = server_binaries();
        let dir = tempfile::Builder::new()
            .prefix("balai-replica-")
            .tempdir_in("/tmp")
            .unwrap();
        let pair = Self {
            dir,
            bin,
            primary: free_port(),
            standby: free_port(),
        };
        if is_root() {
            run(Command::new("chown").arg("postgres:").arg(pair.dir.path()));
        }
        let (p, s) = (pair.path("p"), pair.path("s"));
        pair.as_postgres(
            "initdb",
            &[
                "-D",
                &p,
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ],
        );
        pair.pg_ctl_start(&p, pair.primary);
        let primary = pair.primary.to_string();
        pair.as_postgres(
            "pg_basebackup",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &primary,
                "-U",
                "postgres",
                "-D",
                &s,
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
        );
        pair.pg_ctl_start(&s, pair.standby);
        pair
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    fn pg_ctl_start(&self, data: &str, port: u16) {
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -k {}",
            self.dir.path().display()
        );
        let log = format!("{data}.log");
        self.as_postgres(
            "pg_ctl",
            &["-D", data, "-o", &options, "-l", &log, "-w", "start"],
        );
    }

    /// Run one of the server's programs as `postgres` (they refuse to run as root).
    fn as_postgres(&self, program: &str, args: &[&str]) {
        let exe = self.bin.join(program);
        let mut cmd = if is_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        cmd.args(args).current_dir(self.dir.path());
        run(&mut cmd);
    }

    /// `postgres://postgres@127.0.0.1:PORT/NAME`
    pub fn url(port: u16, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{port}/{name}")
    }
}

impl Drop for Pair {
    fn drop(&mut self) {
        for data in [self.path("s"), self.path("p")] {
            let exe = self.bin.join("pg_ctl");
            let mut cmd = if is_root() {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(exe);
                c
            } else {
                Command::new(exe)
            };
            let _ = cmd
                .args(["-D", &data, "-m", "immediate", "-w", "stop"])
                .output();
        }
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("the command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// One SQL statement's single text value (or `None` for NULL).
async fn one(url: &str, sql: &str) -> Option<String> {
    let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(url)
        .await
        .unwrap();
    sqlx::query_scalar(sql).fetch_one(&mut conn).await.unwrap()
}

/// Wait until the standby has replayed everything the primary has written.
async fn caught_up(pair: &Pair) {
    let (p, s) = (
        Pair::url(pair.primary, "postgres"),
        Pair::url(pair.standby, "postgres"),
    );
    let target = one(&p, "SELECT pg_current_wal_lsn()::text").await.unwrap();
    let sql = format!("SELECT (pg_last_wal_replay_lsn() >= '{target}'::pg_lsn)::text");
    for _ in 0..200 {
        if one(&s, &sql).await.as_deref() == Some("true") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the standby did not catch up");
}

/// The places line of the workshop's public page.
fn places(port: u16) -> String {
    let page = get(port, &format!("/id/workshops/{WORKSHOP}"));
    assert_eq!(
        status(&page),
        200,
        "{}",
        page.lines().next().unwrap_or_default()
    );
    let doc = scraper::Html::parse_document(page.split_once("\r\n\r\n").unwrap().1);
    crate::helpers::text_of(&doc, "dd strong")
}

/// POST the registration form; the whole response.
fn register(port: u16, body: &str) -> String {
    crate::durability::post(
        port,
        &format!("/id/workshops/{WORKSHOP}/register"),
        "",
        "application/x-www-form-urlencoded",
        body.as_bytes(),
    )
    .unwrap()
}

fn location(response: &str) -> String {
    response
        .lines()
        .find_map(|l| {
            l.split_once(": ")
                .filter(|(k, _)| k.eq_ignore_ascii_case("location"))
        })
        .unwrap()
        .1
        .trim()
        .to_owned()
}

/// The response's status is `code`, or fail showing its first line.
fn expect(response: &str, code: u16, what: &str) {
    let first = response.lines().next().unwrap_or_default();
    assert_eq!(status(response), code, "{what}: {first}");
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// Whether `done` comes true within this many seconds (tried every 150 ms).
fn within_seconds(seconds: u64, mut done: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + Duration::from_secs(seconds);
    while std::time::Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(150));
    }
    false
}

/// The `name=value` of the cookie `name` set by a response.
fn cookie_set(response: &str, name: &str) -> String {
    response
        .lines()
        .filter_map(|l| l.split_once(": "))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| v.split(';').next().filter(|c| c.starts_with(name)))
        .unwrap_or_else(|| panic!("no {name} cookie"))
        .to_owned()
}

/// A request with the draft cookie; the whole response.
fn with_draft(port: u16, method: &str, path: &str, cookie: &str, body: &str) -> String {
    let cookie = if cookie.is_empty() {
        String::new()
    } else {
        format!("Cookie: {cookie}\r\n")
    };
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{cookie}\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    crate::durability::exchange_bytes(port, req.as_bytes()).unwrap_or_default()
}

/// The primary's pool acquire timeout (`db::Db::connect`).
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

fn details(port: u16) -> serde_json::Value {
    serde_json::from_str(body(&get(port, "/health/details"))).unwrap()
}

#[test]
fn public_pages_read_the_replica_and_stay_up_without_the_primary() {
    if std::env::var("BALAI_TEST_POSTGRES_URL")
        .unwrap_or_default()
        .is_empty()
    {
        crate::helpers::skipped(
            "replica",
            "BALAI_TEST_POSTGRES_URL is not set (the PostgreSQL pass of `.ci/run` runs it: \
             it starts its own primary and streaming standby)",
        );
        return;
    }
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let pair = Pair::start();
    let standby = Pair::url(pair.standby, "balai");
    rt.block_on(async {
        let mut conn =
            <sqlx::PgConnection as sqlx::Connection>::connect(&Pair::url(pair.primary, "postgres"))
                .await
                .unwrap();
        sqlx::query("CREATE DATABASE balai")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    let proxy = Proxy::start(format!("127.0.0.1:{}", pair.primary));
    let dir = tempfile::tempdir().unwrap();
    let (mut child, port) = start_with(
        dir.path(),
        &Pair::url(proxy.port, "balai"),
        &[
            ("BALAI_DATABASE_REPLICA_URL", &standby),
            ("BALAI_REPLICA_MAX_LAG_SECONDS", "5"),
        ],
    );
    rt.block_on(caught_up(&pair));

    let health = get(port, "/health");
    assert_eq!((status(&health), body(&health)), (200, "ok"));
    let d = details(port);
    assert_eq!(d["primary"], "up");
    assert_eq!(d["replica"], "up");
    let before = places(port);

    // Replay paused: what is written now reaches the primary only.
    rt.block_on(one(&standby, "SELECT pg_wal_replay_pause()::text"));
    let token = form_token(port).unwrap();
    let form_id = "a".repeat(32);
    let typed = format!(
        "name=Sari+Pertama&email=sari%40contoh.id&consent=yes&form_token={token}&form_id={form_id}"
    );
    let res = register(port, &typed);
    assert_eq!(status(&res), 303, "{}", body(&res));
    let own = get(port, &location(&res));
    assert_eq!(status(&own), 200);
    assert!(
        own.contains("Sari Pertama"),
        "the registration's own page reads the primary"
    );
    assert_eq!(
        places(port),
        before,
        "the workshop page reads the replica, which has not replayed the registration"
    );
    // A reporter sees their report at once (the confirmation reads the primary) though
    // the replica has not got it.
    let code = file_report(&AtomicU16::new(port), &AtomicBool::new(false), 1)
        .expect("the report is sent and its confirmation shown");
    assert!(!code.is_empty());
    let on_replica = rt.block_on(one(&standby, "SELECT count(*)::text FROM reports"));
    assert_eq!(on_replica.as_deref(), Some("0"), "the replica is behind");
    // The watch task measures the lag every two seconds.
    let mut lag = serde_json::Value::Null;
    within_seconds(6, || {
        lag = details(port)["replica_lag"].clone();
        lag["bytes"].as_u64().is_some_and(|b| b > 0)
    });
    assert!(
        lag["bytes"].as_u64().unwrap_or(0) > 0,
        "lag on /health/details: {lag}"
    );
    assert!(lag["seconds"].as_f64().is_some(), "{lag}");
    // Far behind (over the 5 s set here) while the primary answers: public pages read the
    // primary, and show the registration though replay is still paused.
    assert!(
        within_seconds(20, || places(port) != before),
        "a replica more than BALAI_REPLICA_MAX_LAG_SECONDS behind is passed over: {}",
        details(port)["replica_lag"]
    );
    assert_eq!(
        rt.block_on(one(&standby, "SELECT count(*)::text FROM reports"))
            .as_deref(),
        Some("0"),
        "replay still paused"
    );

    rt.block_on(one(&standby, "SELECT pg_wal_replay_resume()::text"));
    rt.block_on(caught_up(&pair));
    let mut after = before.clone();
    within_seconds(6, || {
        after = places(port);
        after != before
    });
    assert_ne!(
        after, before,
        "the workshop page catches up once replay resumes"
    );

    // The report filed above made public with its photo; a report being written, its
    // first steps saved; both replicated before the primary goes.
    let primary = Pair::url(pair.primary, "balai");
    rt.block_on(one(
        &primary,
        "UPDATE reports SET status = 'verified', verified_at = now() RETURNING id::text",
    ));
    let photo = rt
        .block_on(one(
            &primary,
            "SELECT id FROM photos WHERE report_id IS NOT NULL LIMIT 1",
        ))
        .expect("the filed report has a photo");
    let photo_url = format!("/media/{photo}/display");
    let start = with_draft(port, "POST", "/id/reports/new", "", "");
    expect(&start, 303, "a draft is started");
    let draft = cookie_set(&start, "balai_draft");
    for (step, typed) in [
        ("kind", "kind=complaint"),
        (
            "details",
            "title=Trotoar+tanpa+ramp&description=Tidak+ada+ramp+di+depan+puskesmas&category=health",
        ),
    ] {
        let res = with_draft(
            port,
            "POST",
            &format!("/id/reports/new/{step}"),
            &draft,
            typed,
        );
        expect(&res, 303, step);
    }
    rt.block_on(caught_up(&pair));
    expect(&get(port, &photo_url), 200, "the public photo");
    // The watch task has seen the replica caught up (public reads are on it again).
    assert!(
        within_seconds(6, || details(port)["replica_lag"]["seconds"]
            .as_f64()
            .is_some_and(|s| s < 5.0)),
        "the replica's lag is measured again under 5 s"
    );

    // The primary goes away; the replica stays.
    proxy.cut();
    let started = std::time::Instant::now();
    for path in [
        format!("/id/workshops/{WORKSHOP}"),
        "/id/reports?status=all".to_owned(),
        "/en/reports".to_owned(),
        "/en/statistics".to_owned(),
        "/en/agencies/kemenhub".to_owned(),
        "/data/reports.csv".to_owned(),
        "/feeds/resolved.atom".to_owned(),
        "/open311/v2/requests.json".to_owned(),
        format!("/id/workshops/{WORKSHOP}/register"),
    ] {
        expect(&get(port, &path), 200, &path);
    }
    // Not an assertion (timings vary with the machine): public reads never touch the
    // primary, so they do not wait out its five-second acquire timeout.
    eprintln!(
        "replica: 9 public pages answered in {} ms while the primary was away",
        started.elapsed().as_millis()
    );
    // `/health` says what the watch task saw at its last look (every two seconds).
    let mut health = String::new();
    within_seconds(6, || {
        health = get(port, "/health");
        body(&health) == "degraded"
    });
    assert_eq!((status(&health), body(&health)), (200, "degraded"));
    // Form pages say that sending is paused (once the watch task has seen the primary go).
    let paused = |port| {
        get(port, &format!("/id/workshops/{WORKSHOP}/register"))
            .contains("Pengiriman sedang dijeda")
    };
    assert!(
        within_seconds(6, || paused(port)),
        "the form page says sending is paused"
    );
    let d = details(port);
    assert_eq!(
        (&d["status"], &d["primary"], &d["replica"]),
        (&"degraded".into(), &"down".into(), &"up".into())
    );
    let token = form_token(port).unwrap();
    let form_id = "b".repeat(32);
    let typed = format!(
        "name=Budi+Tertunda&email=budi.tunda%40contoh.id&phone=0812345678&consent=yes&form_token={token}&form_id={form_id}"
    );
    let res = register(port, &typed);
    expect(&res, 503, "a registration while the primary is away");
    assert!(res.to_ascii_lowercase().contains("retry-after:"));
    let page = body(&res);
    assert!(
        page.contains("Pendaftaran Anda belum terkirim"),
        "the localized notice"
    );
    for value in [
        "Budi Tertunda",
        "budi.tunda@contoh.id",
        "0812345678",
        &form_id,
    ] {
        assert!(
            page.contains(&format!("value=\"{value}\"")),
            "{value} kept in the form"
        );
    }
    // A public report's photo: read from the replica.
    expect(
        &get(port, &photo_url),
        200,
        "a public photo while the primary is away",
    );
    // The report being written: its later step shows the draft from the replica, saying
    // sending is paused; saving it answers 503 with what was typed now.
    let step = with_draft(port, "GET", "/id/reports/new/details", &draft, "");
    expect(&step, 200, "a later step of the report form");
    assert!(
        step.contains("value=\"Trotoar tanpa ramp\""),
        "the draft's title"
    );
    assert!(
        step.contains("Pengiriman sedang dijeda"),
        "sending is paused"
    );
    let res = with_draft(
        port,
        "POST",
        "/id/reports/new/details",
        &draft,
        "title=Trotoar+tanpa+ramp+sama+sekali&description=Tidak+ada+ramp&category=health",
    );
    expect(&res, 503, "saving a step while the primary is away");
    assert!(
        body(&res).contains("value=\"Trotoar tanpa ramp sama sekali\""),
        "what was typed is kept"
    );
    // A primary that hangs rather than refusing (a lost network) would keep a form
    // waiting for the pool's acquire timeout; the watch task has seen it down and holds
    // the pool, so the form answers first (the 503 at once).
    proxy.hang();
    let started = std::time::Instant::now();
    let res = register(port, &typed);
    let took = started.elapsed();
    eprintln!(
        "replica: a form answered in {} ms while the primary hung",
        took.as_millis()
    );
    expect(&res, 503, "a registration while the primary hangs");
    assert!(body(&res).contains("value=\"Budi Tertunda\""));
    assert!(
        took < ACQUIRE_TIMEOUT,
        "answered in {took:?}, not after the pool's acquire timeout"
    );

    // The primary returns: the same form is stored, nothing lost.
    proxy.restore();
    assert!(
        within_seconds(10, || body(&get(port, "/health")) == "ok"),
        "/health says ok again"
    );
    assert!(
        within_seconds(6, || !paused(port)),
        "the notice goes once the primary is back"
    );
    let res = register(port, &typed);
    assert_eq!(status(&res), 303, "{}", body(&res));
    let own = get(port, &location(&res));
    assert!(own.contains("Budi Tertunda"));
    rt.block_on(caught_up(&pair));
    let kept = rt.block_on(one(
        &Pair::url(pair.primary, "balai"),
        "SELECT count(*)::text FROM registrations",
    ));
    assert_eq!(kept.as_deref(), Some("2"), "both registrations, once each");

    let _ = child.kill();
    let _ = child.wait();
    let log = std::fs::read_to_string(dir.path().join("current.log")).unwrap_or_default();
    assert!(
        !log.contains("panicked"),
        "no panic while the primary was away"
    );
    let loud = log
        .lines()
        .filter(|l| l.contains("\"WARN\"") || l.contains("\"ERROR\""))
        .count();
    assert!(
        loud < 40,
        "no log flood while the primary was away: {loud} lines"
    );
}

#[test]
fn a_replica_beside_sqlite_is_refused_at_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let settings = balai::settings::Settings {
        database_url: format!("sqlite://{}", dir.path().join("b.db").display()).into(),
        database_replica_url: Some("postgres://postgres@127.0.0.1:1/balai".to_owned().into()),
        ..balai::settings::Settings::default()
    };
    let err = settings.database_replica_url().unwrap_err().to_string();
    assert!(
        err.contains("BALAI_DATABASE_REPLICA_URL") && err.contains("needs PostgreSQL"),
        "{err}"
    );
    let pg = balai::settings::Settings {
        database_url: "postgres://postgres@127.0.0.1:1/balai".to_owned().into(),
        database_replica_url: Some("sqlite://replica.db".to_owned().into()),
        ..balai::settings::Settings::default()
    };
    assert!(
        pg.database_replica_url().is_err(),
        "a replica must be PostgreSQL"
    );
}
