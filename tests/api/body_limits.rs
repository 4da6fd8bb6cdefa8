//! Request bodies (issue 20, items 1, 3 and 9): every route but the photo upload refuses a
//! body over the text-form limit before reading it, a chunked body is cut off at the limit
//! instead of read in full, and bodies trickling a byte at a time are cut off after a grace
//! period (so they cannot hold the server's file descriptors) while `/health` answers.

use crate::durability::start_with;
use crate::helpers::{TestApp, TestDb};
use crate::route_matrix::router_routes;
use actix_web::test::TestRequest;
use balai::body_limit::{GRACE, TEXT_FORM_LIMIT};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A concrete path for a route pattern (placeholders filled with plausible values).
fn concrete(pattern: &str) -> String {
    pattern
        .split('/')
        .map(|seg| match seg {
            "{lang}" => "id",
            s if s.starts_with('{') => "sample",
            s => s,
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[actix_web::test]
async fn every_route_but_the_photo_upload_refuses_a_declared_body_over_one_megabyte() {
    let app = TestApp::spawn().await;
    let big = vec![b'a'; TEXT_FORM_LIMIT + 1];
    let mut checked = 0;
    for (method, pattern) in router_routes() {
        let path = concrete(&pattern);
        let upload = pattern == "/{lang}/reports/new/photos";
        let req = TestRequest::post()
            .uri(&path)
            .insert_header(("content-type", "application/x-www-form-urlencoded"))
            .insert_header(("origin", "http://localhost:8080"))
            .set_payload(big.clone());
        let res = app.call(req).await;
        if upload {
            assert_ne!(
                res.status.as_u16(),
                413,
                "{method} {path}: a photo may be large"
            );
        } else {
            assert_eq!(res.status.as_u16(), 413, "{method} {path}");
            assert!(
                res.body.contains("<main"),
                "{path}: the 413 has the page shell"
            );
        }
        checked += 1;
    }
    assert!(checked > 40, "the router's routes were read ({checked})");
}

#[actix_web::test]
async fn the_registration_look_up_never_echoes_a_huge_value() {
    let app = TestApp::spawn().await;
    let code = "A".repeat(2 * 1024 * 1024);
    let body = format!("code={code}");
    let res = app
        .call(
            TestRequest::post()
                .uri("/id/workshops/registrations")
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .set_payload(body),
        )
        .await;
    assert_eq!(res.status.as_u16(), 413);
    assert!(
        res.body.len() < 100_000,
        "nothing echoed: {} bytes",
        res.body.len()
    );
}

fn database(dir: &std::path::Path) -> (String, TestDb) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(TestDb::create(dir))
}

/// Send `chunks` of a chunked body (stopping when the server answers) and return what
/// it answered.
fn chunked_post(port: u16, path: &str, chunks: usize) -> (String, usize) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0;
    for _ in 0..chunks {
        let ok = write!(s, "{:x}\r\n", chunk.len()).is_ok()
            && s.write_all(&chunk).is_ok()
            && s.write_all(b"\r\n").is_ok();
        if !ok {
            break;
        }
        sent += 1;
    }
    let _ = s.write_all(b"0\r\n\r\n");
    let mut answer = vec![0; 4096];
    let n = s.read(&mut answer).unwrap_or(0);
    (String::from_utf8_lossy(&answer[..n]).into_owned(), sent)
}

#[test]
fn a_chunked_body_is_cut_off_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _db) = database(dir.path());
    let (mut child, port) = start_with(dir.path(), &url, &[]);
    // 64 chunks of 64 KiB: 4 MiB, four times the text-form limit.
    let (answer, _) = chunked_post(port, "/id/workshops/registrations", 64);
    let _ = child.kill();
    let _ = child.wait();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
}

/// Open `n` connections that each declare a 1 MB form and send one byte a second.
fn tricklers(port: u16, n: usize) -> Vec<TcpStream> {
    (0..n)
        .filter_map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
            write!(
                s,
                "POST /id/track HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\nc"
            )
            .ok()?;
            Some(s)
        })
        .collect()
}

fn health_answers(port: u16) -> bool {
    let Ok(mut s) =
        TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_secs(1))
    else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(1)));
    if write!(
        s,
        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return false;
    }
    let mut buf = [0; 64];
    matches!(s.read(&mut buf), Ok(n) if buf[..n].starts_with(b"HTTP/1.1 200"))
}

#[test]
fn slow_bodies_are_cut_off_and_health_keeps_answering() {
    let dir = tempfile::tempdir().unwrap();
    let (url, _db) = database(dir.path());
    let (mut child, port) = start_with(dir.path(), &url, &[]);
    let mut slow = tricklers(port, 200);
    assert_eq!(slow.len(), 200);
    for s in &slow {
        s.set_nonblocking(true).unwrap();
    }
    // Trickle a byte a second; the server must give up on every body (and free its
    // descriptor) soon after the grace period, answering /health all the while.
    let started = Instant::now();
    let mut closed = vec![false; slow.len()];
    while started.elapsed() < GRACE + Duration::from_secs(15) && closed.contains(&false) {
        for (s, done) in slow.iter_mut().zip(closed.iter_mut()) {
            let mut buf = [0; 1024];
            match s.read(&mut buf) {
                Ok(_) => *done = true,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    let _ = s.write_all(b"c");
                }
                Err(_) => *done = true,
            }
        }
        assert!(health_answers(port), "/health answers while bodies trickle");
        std::thread::sleep(Duration::from_secs(1));
    }
    let _ = child.kill();
    let _ = child.wait();
    let open = closed.iter().filter(|c| !**c).count();
    assert_eq!(
        open,
        0,
        "{open} trickling bodies still held after {:?}",
        started.elapsed()
    );
    assert!(started.elapsed() >= GRACE, "a body gets its grace period");
}
