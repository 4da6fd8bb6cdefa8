//! Several instances on one PostgreSQL database, behind nginx on loopback (issue #8): a
//! report started on one instance is sent through the other (drafts are shared); a staff
//! session made on one is valid on the other; rate limits hold across both; a workshop's
//! capacity holds when both take registrations at once; nginx spreads requests over both
//! and its forwarded address is what the rate limits count.
//!
//! Needs `BALAI_TEST_POSTGRES_URL` (several instances are PostgreSQL's mode; on SQLite the
//! test says so and passes) and Debian's `nginx` (installed by `.ci/run`).

use crate::durability::{exchange_bytes, post, start_with};
use crate::helpers::TestDb;
use std::process::{Child, Command};

const SECRET: &str = "two-instances-share-this-secret-key-0123456789";
const FORM: &str = "application/x-www-form-urlencoded";

fn get(port: u16, path: &str, cookie: &str) -> String {
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\r\n"
    );
    exchange_bytes(port, req.as_bytes()).unwrap_or_default()
}

pub(crate) fn status(response: &str) -> u16 {
    response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

pub(crate) fn cookie(response: &str, name: &str) -> String {
    response
        .lines()
        .find(|l| {
            l.to_ascii_lowercase()
                .starts_with(&format!("set-cookie: {name}="))
        })
        .and_then(|l| l.split_once(": "))
        .and_then(|(_, v)| v.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) struct Guard(pub(crate) Vec<Child>);

impl Drop for Guard {
    fn drop(&mut self) {
        for c in &mut self.0 {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Stops a process with SIGTERM (through `kill`) and waits for it.
pub(crate) struct StopGracefully(pub(crate) Child);

impl Drop for StopGracefully {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
            .status();
        let _ = self.0.wait();
    }
}

/// Debian's nginx; a test that needs it fails without it (`.ci/run` installs it).
pub(crate) fn nginx() -> &'static str {
    ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
        .expect("nginx is not installed: `.ci/run` installs it (apt-get install nginx)")
}

/// Debian's nginx run with `conf` (written to `dir/nginx.conf`, `dir` its prefix), once it
/// answers `/health` on `port`; stopped with SIGTERM when dropped.
pub(crate) fn start_nginx(dir: &std::path::Path, conf: &str, port: u16) -> StopGracefully {
    let path = dir.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    let child = Command::new(nginx())
        .arg("-c")
        .arg(&path)
        .arg("-p")
        .arg(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // SIGTERM, not SIGKILL: nginx's master then stops its workers too.
    let stop = StopGracefully(child);
    for _ in 0..100 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if status(&get(port, "/health", "")) == 200 {
            return stop;
        }
    }
    panic!(
        "nginx did not answer: {}",
        std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
    );
}

#[test]
fn two_instances_behind_nginx_share_everything_that_matters() {
    if std::env::var("BALAI_TEST_POSTGRES_URL").map_or(true, |u| u.is_empty()) {
        crate::helpers::skipped(
            "instances",
            "BALAI_TEST_POSTGRES_URL is not set (several instances need PostgreSQL; `.ci/run` sets it)",
        );
        return;
    }
    nginx();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let root = tempfile::tempdir().unwrap();
    let (database_url, _db) = rt.block_on(TestDb::create(root.path()));
    let envs = [
        ("BALAI_SECRET_KEY", SECRET),
        ("BALAI_LOOKUPS_PER_HOUR", "3"),
        ("BALAI_SUBMISSIONS_PER_HOUR", "1000"),
        ("BALAI_TRUSTED_PROXIES", "127.0.0.1"),
    ];
    let (dir_a, dir_b) = (root.path().join("a"), root.path().join("b"));
    std::fs::create_dir_all(&dir_a).unwrap();
    std::fs::create_dir_all(&dir_b).unwrap();
    let (a, port_a) = start_with(&dir_a, &database_url, &envs);
    let mut guard = Guard(vec![a]);
    let (b, port_b) = start_with(&dir_b, &database_url, &envs);
    guard.0.push(b);

    // A report started on A, continued and sent through B, confirmed on A.
    let start = post(port_a, "/id/reports/new", "", FORM, b"").unwrap();
    let draft = cookie(&start, "balai_draft");
    let steps = [
        ("kind", "kind=complaint"),
        (
            "details",
            "title=Dua+instans&description=Satu+draf&category=health",
        ),
        ("province", "province=51"),
        ("place", "regency=51.71"),
        ("date", "day=1&month=11&year=2026"),
        ("agency", "agency="),
        ("privacy", "privacy=public"),
        (
            "about-you",
            "name=Warga&email=warga%40contoh.id&behalf=self&consent=yes",
        ),
    ];
    for (i, (step, body)) in steps.iter().enumerate() {
        let port = if i % 2 == 0 { port_b } else { port_a };
        let res = post(
            port,
            &format!("/id/reports/new/{step}"),
            &draft,
            FORM,
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(status(&res), 303, "{step} on {port}");
    }
    let send = post(port_b, "/id/reports/new/send", &draft, FORM, b"").unwrap();
    assert_eq!(status(&send), 303);
    // Sent without "check your answers" seen: the answer sets the receipt.
    let draft = format!("{draft}; {}", cookie(&send, "balai_receipt"));
    let sent = get(port_a, "/id/reports/new/sent", &draft);
    assert_eq!(
        status(&sent),
        200,
        "the draft and its report are seen by the other instance"
    );

    // A staff session made on A is valid on B.
    let session = staff_session(&rt, &database_url, port_a);
    assert_eq!(status(&get(port_b, "/id/staff", &session)), 200);

    // Rate limits hold across both (3 key look-ups per address per hour).
    let mut statuses = Vec::new();
    for i in 0..4 {
        let port = if i % 2 == 0 { port_a } else { port_b };
        let res = post(
            port,
            "/id/track",
            "",
            FORM,
            b"code=ABC-DEF-GHJ&key=0000000000000000000000000000",
        )
        .unwrap();
        statuses.push(status(&res));
    }
    assert_eq!(
        statuses,
        [422, 422, 422, 429],
        "one count for both instances"
    );

    // Both take registrations for 3 places at once: 3 confirmed, never more.
    let workshop = "klinik-suara-setara-kabupaten-bandung-2026-12";
    let handles: Vec<_> = (0..12)
        .map(|n| {
            let port = if n % 2 == 0 { port_a } else { port_b };
            std::thread::spawn(move || {
                let page = get(port, &format!("/id/workshops/{workshop}/register"), "");
                let marker = "name=\"form_token\" value=\"";
                let at = page.find(marker).map(|i| i + marker.len()).unwrap_or(0);
                let token = page[at..].split('"').next().unwrap_or_default().to_owned();
                let body = format!("name=Peserta+{n}&email=p{n}%40contoh.id&consent=yes&form_token={token}&form_id={n:032x}");
                status(&post(port, &format!("/id/workshops/{workshop}/register"), "", FORM, body.as_bytes()).unwrap_or_default())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 303);
    }
    let confirmed: i64 = rt.block_on(async {
        let db = balai::db::Db::connect(&database_url).await.unwrap();
        let n = balai::on_pool!(&db, p => sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE status = 'confirmed'").fetch_one(p).await).unwrap();
        db.close().await;
        n
    });
    assert_eq!(confirmed, 3);

    // nginx in front of both, with the deployment's proxy settings.
    let proxy = free_port();
    let conf = format!(
        "worker_processes 1; pid {dir}/nginx.pid; error_log {dir}/error.log; daemon off;
         events {{ worker_connections 64; }}
         http {{
           access_log off; client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy;
           fastcgi_temp_path {dir}/fcgi; uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
           upstream balai {{ server 127.0.0.1:{port_a}; server 127.0.0.1:{port_b}; }}
           server {{
             listen 127.0.0.1:{proxy}; client_max_body_size 55m;
             location / {{
               proxy_pass http://balai; proxy_http_version 1.1; proxy_set_header Connection \"\";
               proxy_set_header Host $host; proxy_set_header X-Forwarded-For $remote_addr;
               proxy_set_header X-Forwarded-Proto $scheme;
             }}
           }}
         }}",
        dir = root.path().display()
    );
    let _stop_nginx = start_nginx(root.path(), &conf, proxy);
    for _ in 0..6 {
        assert_eq!(status(&get(proxy, "/id/", "")), 200);
    }
    // Behind the proxy every request comes from 127.0.0.1; the forwarded address (nginx's
    // view of the client, 127.0.0.1 here too) is what counts, and it has used its 3 tries.
    let res = post(
        proxy,
        "/id/track",
        "",
        FORM,
        b"code=ABC-DEF-GHJ&key=0000000000000000000000000000",
    )
    .unwrap();
    assert_eq!(status(&res), 429);
    // A forged X-Forwarded-For from the client does not escape the limit: nginx replaces it.
    let body = "code=ABC-DEF-GHJ&key=0000000000000000000000000000";
    let forged = format!(
        "POST /id/track HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Forwarded-For: 10.9.9.9\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(
        status(&exchange_bytes(proxy, forged.as_bytes()).unwrap_or_default()),
        429
    );
}

/// A signed-in verifier's session cookie (`name=value`), signed in on Balai directly.
pub(crate) fn staff_session(
    rt: &tokio::runtime::Runtime,
    database_url: &str,
    balai: u16,
) -> String {
    rt.block_on(async {
        let db = balai::db::Db::connect(database_url).await.unwrap();
        let hash = balai::domain::staff::hash_password("kopi tubruk di balai desa").unwrap();
        balai::db::staff::add_user(
            &db,
            "v@balai.id",
            "V",
            "verifier",
            None,
            &hash,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .unwrap();
        db.close().await;
    });
    let signed = post(
        balai,
        "/id/staff/sign-in",
        "",
        FORM,
        b"email=v%40balai.id&password=kopi+tubruk+di+balai+desa",
    )
    .unwrap();
    assert_eq!(status(&signed), 303, "{signed}");
    cookie(&signed, "balai_staff")
}
