//! Balai behind a real nginx with the cache of `deploy/nginx.conf` (issue #23 item 2):
//! (a) a public page is served from the cache and Balai sees one request; (b) an answer
//! that sets a cookie is never stored, a request carrying one of Balai's cookies bypasses
//! the cache, and private pages (staff, the report form) never reach the cache's disk;
//! (c) hundreds of simultaneous readers of a page not yet cached, and of an expired one,
//! cause one request to Balai; (d) an expired page is revalidated with `If-None-Match` and
//! Balai answers 304. The cache key names the host, so two hostnames never share a page.
//!
//! The nginx configuration is made from the shipped `deploy/nginx.conf`: its http-level
//! lines (cache path, cookie map), the TLS server's lines without TLS, and its locations,
//! verbatim; only the listen address, the upstream and the cache folder are the test's.
//! So the test fails when the shipped file loses its cache lines. Requests that reached
//! Balai are counted in nginx's access log (`$upstream_addr`; `log_subrequest on`, so the
//! background refresh is counted too). Runs on SQLite, or PostgreSQL when
//! `BALAI_TEST_POSTGRES_URL` is set; needs Debian's nginx (`.ci/run` installs it).

use crate::durability::{exchange_bytes, start_with};
use crate::helpers::TestDb;
use crate::instances::{Guard, cookie, free_port, nginx, staff_session, start_nginx, status};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Simultaneous readers in each burst (one thread and one connection each).
const READERS: usize = 500;

// ---------------------------------------------------------------- deploy/nginx.conf, read

/// One statement of an nginx configuration: `head;` or `head { body }` (comments dropped).
struct Stmt {
    head: String,
    body: Option<Vec<Stmt>>,
}

fn parse(text: &str) -> Vec<Stmt> {
    parse_block(&mut text.chars())
}

fn parse_block(chars: &mut std::str::Chars) -> Vec<Stmt> {
    let mut out = Vec::new();
    let mut head = String::new();
    let mut quote = None;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            head.push(c);
            if c == '\\' {
                head.extend(chars.next());
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                quote = Some(c);
                head.push(c);
            }
            '#' => {
                chars.by_ref().find(|&n| n == '\n');
                head.push(' ');
            }
            ';' | '{' => {
                let body = (c == '{').then(|| parse_block(chars));
                out.push(Stmt {
                    head: head.trim().to_owned(),
                    body,
                });
                head.clear();
            }
            '}' => return out,
            _ => head.push(c),
        }
    }
    out
}

fn render(stmts: &[Stmt]) -> String {
    stmts
        .iter()
        .map(|s| match &s.body {
            None => format!("{};\n", s.head),
            Some(body) => format!("{} {{\n{}}}\n", s.head, render(body)),
        })
        .collect()
}

fn named(s: &Stmt, name: &str) -> bool {
    s.head.split_whitespace().next() == Some(name)
}

/// What the test takes from `deploy/nginx.conf`: its http-level lines (the upstream left
/// out, the cache folder moved into `dir`), and the lines and locations of its TLS server
/// without TLS (no listen, certificates, protocols, http2 or name).
fn deploy_parts(dir: &Path) -> (String, String) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/deploy/nginx.conf");
    let deploy = parse(&std::fs::read_to_string(path).unwrap());
    let mut http = String::new();
    for s in deploy
        .iter()
        .filter(|s| !named(s, "upstream") && !named(s, "server"))
    {
        if named(s, "proxy_cache_path") {
            let mut words: Vec<&str> = s.head.split_whitespace().collect();
            let cache = dir.join("cache").display().to_string();
            words[1] = &cache;
            http.push_str(&format!("{};\n", words.join(" ")));
        } else {
            http.push_str(&render(std::slice::from_ref(s)));
        }
    }
    let tls = deploy
        .iter()
        .filter(|s| named(s, "server"))
        .filter_map(|s| s.body.as_deref())
        .find(|body| body.iter().any(|l| l.head.starts_with("listen 443")))
        .expect("deploy/nginx.conf has no server listening on 443");
    let tls_only = [
        "listen",
        "ssl_certificate",
        "ssl_certificate_key",
        "ssl_protocols",
        "http2",
        "server_name",
    ];
    let server: String = tls
        .iter()
        .filter(|l| !tls_only.iter().any(|n| named(l, n)))
        .map(|l| render(std::slice::from_ref(l)))
        .collect();
    let whole = format!("{http}{server}");
    for needed in [
        "proxy_cache_path",
        "proxy_cache balai_pages",
        "proxy_cache_key $scheme$host$request_uri",
        "proxy_cache_revalidate on",
        "proxy_cache_lock on",
        "proxy_cache_use_stale updating",
        "proxy_cache_background_update on",
        "proxy_cache_bypass $balai_personal $http_authorization $arg_api_key",
        "proxy_no_cache $balai_personal $http_authorization $arg_api_key",
        "X-Cache-Status $upstream_cache_status always",
    ] {
        assert!(
            whole.contains(needed),
            "deploy/nginx.conf lost `{needed}` (issue #23: the cache of public pages)"
        );
    }
    (http, server)
}

/// The test's nginx: the deployed cache and location on `proxy`, in front of Balai; and
/// the same location on `setter_proxy` in front of the cookie-setting server. The access
/// log says, for each request, whether it reached an upstream.
fn test_config(dir: &Path, proxy: u16, balai: u16, setter_proxy: u16, setter: u16) -> String {
    let (http, server) = deploy_parts(dir);
    let setter_server = server.replace("http://balai", "http://cookie_setter");
    let d = dir.display();
    format!(
        "worker_processes 2; pid {d}/nginx.pid; error_log {d}/error.log; daemon off;
         events {{ worker_connections 4096; }}
         http {{
           log_format counted '$upstream_cache_status|$upstream_addr|$upstream_status|$status|$request_uri';
           access_log {d}/access.log counted; log_subrequest on;
           client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;
           fastcgi_temp_path {d}/fcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;
           {http}
           upstream balai {{ server 127.0.0.1:{balai}; keepalive 8; }}
           upstream cookie_setter {{ server 127.0.0.1:{setter}; }}
           server {{ listen 127.0.0.1:{proxy} backlog=4096; {server} }}
           server {{ listen 127.0.0.1:{setter_proxy}; {setter_server} }}
         }}"
    )
}

// ---------------------------------------------------------------- requests and counts

/// A GET through `port` with extra header lines (`Host: localhost` unless they name
/// another); the whole answer.
fn get(port: u16, path: &str, headers: &str) -> String {
    let host = if headers.starts_with("Host:") {
        ""
    } else {
        "Host: localhost\r\n"
    };
    let req = format!("GET {path} HTTP/1.1\r\n{host}Connection: close\r\n{headers}\r\n");
    exchange_bytes(port, req.as_bytes()).unwrap_or_default()
}

fn header<'a>(response: &'a str, name: &str) -> &'a str {
    let head = response.split("\r\n\r\n").next().unwrap_or_default();
    head.lines()
        .filter_map(|l| l.split_once(':'))
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map_or("", |(_, v)| v.trim())
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

/// The cache's verdict on an answer (`X-Cache-Status`).
fn verdict(response: &str) -> &str {
    header(response, "x-cache-status")
}

/// The lines of nginx's access log for `path` that reached Balai, as
/// `(cache status, upstream status)`, once the log has stopped growing.
fn upstream(dir: &Path, path: &str) -> Vec<(String, String)> {
    let log = dir.join("access.log");
    let mut last = u64::MAX;
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(100));
        let len = std::fs::metadata(&log).map_or(0, |m| m.len());
        if len == last {
            break;
        }
        last = len;
    }
    std::fs::read_to_string(&log)
        .unwrap_or_default()
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split('|').collect();
            (f.len() == 5 && f[4] == path && f[1] != "-").then(|| (f[0].into(), f[2].into()))
        })
        .collect()
}

/// `READERS` GETs of `path` at once; every answer.
fn burst(port: u16, path: &str) -> Vec<String> {
    let start = Arc::new(std::sync::Barrier::new(READERS));
    let readers: Vec<_> = (0..READERS)
        .map(|_| {
            let (start, path) = (start.clone(), path.to_owned());
            std::thread::spawn(move || {
                start.wait();
                get(port, &path, "")
            })
        })
        .collect();
    readers.into_iter().map(|r| r.join().unwrap()).collect()
}

/// Every answer of a burst is the page, whole: the same body as `page`.
fn all_whole(answers: &[String], page: &str) {
    for a in answers {
        assert_eq!(
            status(a),
            200,
            "{}",
            a.lines().next().unwrap_or("no answer")
        );
        assert_eq!(body(a).len(), body(page).len(), "a reader got another body");
    }
}

/// The lifetime nginx gives an answer: `s-maxage`, else `max-age` (seconds).
fn shared_lifetime(response: &str) -> Option<u64> {
    let cc = header(response, "cache-control").to_ascii_lowercase();
    let value = |name: &str| {
        cc.split(',')
            .filter_map(|d| d.trim().strip_prefix(name))
            .find_map(|v| v.parse().ok())
    };
    value("s-maxage=").or_else(|| value("max-age="))
}

/// A loopback server that answers every request as a public, cacheable page that also
/// sets a cookie, counting the requests it gets.
fn cookie_setter() -> (u16, Arc<AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let mut got = Vec::new();
            while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got.extend_from_slice(&buf[..n]),
                }
            }
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nCache-Control: public, max-age=0, s-maxage=60\r\n\
                  ETag: W/\"c\"\r\nSet-Cookie: balai_draft=0123456789abcdef; Path=/; HttpOnly\r\n\
                  Content-Type: text/html\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
            );
        }
    });
    (port, seen)
}

/// The `KEY:` line of every entry in nginx's cache folder.
fn cached_keys(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let text = String::from_utf8_lossy(&bytes);
                assert!(
                    !text.to_ascii_lowercase().contains("set-cookie"),
                    "a stored answer carries Set-Cookie: {}",
                    path.display()
                );
                out.extend(
                    text.lines()
                        .find_map(|l| l.strip_prefix("KEY: ").map(str::to_owned)),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(&dir.join("cache"), &mut out);
    out
}

// ---------------------------------------------------------------- the test

#[test]
fn nginx_caches_public_pages_once_and_nothing_personal() {
    nginx();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let root = tempfile::tempdir().unwrap();
    // nginx's workers run as `nobody` when the test runs as root: they must reach the cache.
    std::fs::set_permissions(
        root.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let dir = root.path();
    let (database_url, _db) = rt.block_on(TestDb::create(dir));
    let envs = [("BALAI_TRUSTED_PROXIES", "127.0.0.1")];
    seed_reports(dir, &database_url);
    let (balai, balai_port) = start_with(dir, &database_url, &envs);
    let _balai = Guard(vec![balai]);
    let (setter_port, setter_seen) = cookie_setter();
    let (proxy, setter_proxy) = (free_port(), free_port());
    let conf = test_config(dir, proxy, balai_port, setter_proxy, setter_port);
    let _nginx = start_nginx(dir, &conf, proxy);

    // (a) A public page: stored by the first reader, served to the second from the cache.
    let about = "/id/pages/about";
    let first = get(proxy, about, "");
    assert_eq!(status(&first), 200);
    assert!(
        shared_lifetime(&first).is_some() && header(&first, "cache-control").contains("public"),
        "a public page must say how long a shared cache may keep it (issue #23 item 1): \
         Cache-Control is {:?}",
        header(&first, "cache-control")
    );
    assert_eq!(verdict(&first), "MISS");
    let second = get(proxy, about, "");
    assert_eq!(verdict(&second), "HIT");
    assert_eq!(body(&second), body(&first));
    assert_eq!(
        upstream(dir, about).len(),
        1,
        "Balai saw the second request"
    );

    // The key names the host: another hostname on the same nginx gets its own copy.
    let other_host = get(proxy, about, "Host: other.example\r\n");
    assert_eq!(status(&other_host), 200);
    assert_eq!(
        verdict(&other_host),
        "MISS",
        "another host was served localhost's page"
    );
    assert_eq!(
        verdict(&get(proxy, about, "Host: other.example\r\n")),
        "HIT"
    );
    assert_eq!(upstream(dir, about).len(), 2);
    assert!(
        cached_keys(dir)
            .iter()
            .any(|k| k == &format!("httpother.example{about}")),
        "{:?}",
        cached_keys(dir)
    );

    // (b) Balai's cookies bypass the cache (and what Balai answers them is not stored);
    // another site's cookie does not.
    for cookie in [
        "balai_draft=0123456789abcdef",
        "_ga=1; __Host-balai_staff=abc",
    ] {
        let res = get(proxy, about, &format!("Cookie: {cookie}\r\n"));
        assert_eq!(verdict(&res), "BYPASS", "{cookie}");
    }
    assert_eq!(
        verdict(&get(proxy, about, "Cookie: _ga=GA1.2.3\r\n")),
        "HIT"
    );
    assert_eq!(upstream(dir, about).len(), 4);
    // A partner's key, in the query (Open311) or in Authorization, skips the cache too.
    let keyed = "/id/pages/about?api_key=balai_0123";
    assert_eq!(verdict(&get(proxy, keyed, "")), "BYPASS");
    let bearer = "Authorization: Bearer balai_0123\r\n";
    assert_eq!(verdict(&get(proxy, about, bearer)), "BYPASS");
    // A public answer that sets a cookie is never stored (nginx's default, kept). (Its
    // server shares the cache zone: another host keeps it from finding Balai's page.)
    for _ in 0..3 {
        let res = get(setter_proxy, "/id/pages/about", "Host: setter.example\r\n");
        assert_eq!(status(&res), 200);
        assert_ne!(verdict(&res), "HIT", "an answer with Set-Cookie was stored");
        assert!(
            !cookie(&res, "balai_draft").is_empty(),
            "the cookie reaches its visitor"
        );
    }
    assert_eq!(setter_seen.load(Ordering::SeqCst), 3);
    // Private pages pass through every time and are never stored.
    let register = "/id/workshops/klinik-suara-setara-kabupaten-bandung-2026-12/register";
    for private in ["/id/staff/sign-in", "/id/reports/new", register] {
        for _ in 0..2 {
            let res = get(proxy, private, "");
            assert_eq!(status(&res), 200, "{private}");
            assert_eq!(verdict(&res), "MISS", "{private}");
            assert!(
                header(&res, "cache-control").contains("no-store"),
                "{private}"
            );
        }
        assert_eq!(upstream(dir, private).len(), 2, "{private}");
    }
    let session = staff_session(&rt, &database_url, balai_port);
    for _ in 0..2 {
        let queue = get(proxy, "/id/staff", &format!("Cookie: {session}\r\n"));
        assert_eq!(status(&queue), 200);
        assert_eq!(verdict(&queue), "BYPASS");
    }

    // (c) A burst of readers of a page nobody has asked for yet: one request to Balai
    // (proxy_cache_lock), every reader gets the page.
    let campaign = "/id/campaigns/suara-setara";
    let answers = burst(proxy, campaign);
    all_whole(&answers, &answers[0]);
    assert_eq!(
        upstream(dir, campaign).len(),
        1,
        "{READERS} readers of a page not yet cached"
    );

    // (c, d) A burst of readers of an expired page: one request to Balai, a conditional
    // one (If-None-Match), answered 304 and counted REVALIDATED; readers get the stored copy.
    let report = public_report(balai_port);
    let page = get(proxy, &report, "");
    assert_eq!(verdict(&page), "MISS");
    assert!(
        !header(&page, "etag").is_empty(),
        "a public report page carries an ETag"
    );
    let lifetime = shared_lifetime(&page).expect("a public report page says s-maxage");
    assert!(
        lifetime <= 10,
        "the test waits for a public report page to expire: its s-maxage ({lifetime} s) \
         must stay short (issue #23: it changes within seconds of staff action)"
    );
    std::thread::sleep(Duration::from_millis(lifetime * 1000 + 1100));
    let answers = burst(proxy, &report);
    all_whole(&answers, &page);
    let seen = upstream(dir, &report);
    assert_eq!(
        seen.len(),
        2,
        "{READERS} readers of an expired page: one refresh ({seen:?})"
    );
    assert_eq!(
        seen[1],
        ("REVALIDATED".to_owned(), "304".to_owned()),
        "the refresh asks with If-None-Match and Balai answers 304"
    );
    assert_eq!(verdict(&get(proxy, &report, "")), "HIT");

    // Nothing private or with a cookie on the cache's disk; the public pages are there.
    let keys = cached_keys(dir);
    assert!(keys.iter().any(|k| k.ends_with(campaign)), "{keys:?}");
    for k in &keys {
        assert!(
            !["/staff", "/reports/new", "/register"]
                .iter()
                .any(|p| k.contains(p)),
            "a private page was stored: {k}"
        );
    }
}

/// Public reports for the report page: `balai seed --reports`, before Balai starts.
fn seed_reports(dir: &Path, database_url: &str) {
    let repo = env!("CARGO_MANIFEST_DIR");
    let out = Command::new(env!("CARGO_BIN_EXE_balai"))
        .current_dir(dir)
        .env_clear()
        .env("BALAI_DATABASE_URL", database_url)
        .env("BALAI_NOW", "2026-11-27T12:00:00Z")
        .env("BALAI_CONTENT_DIR", format!("{repo}/content"))
        .env("BALAI_LOCALES_DIR", format!("{repo}/locales"))
        .env("BALAI_ASSETS_DIR", format!("{repo}/assets"))
        .args(["seed", "--reports", "40", "--seed", "3"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "balai seed failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The path of a public report, from Balai's own browse page.
fn public_report(balai: u16) -> String {
    let list = get(balai, "/en/reports?status=all", "");
    let marker = "href=\"/en/reports/";
    list.match_indices(marker)
        .map(|(at, _)| {
            list[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<String>()
        })
        .find(|code| code.len() > 6 && code != "new")
        .map(|code| format!("/en/reports/{code}"))
        .expect("no public report on the browse page")
}
