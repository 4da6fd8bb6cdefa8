//! The real binary: first run with no configuration, then a graceful stop on SIGTERM
//! and on Ctrl-C (SIGINT), closing the database cleanly.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

fn run_and_stop(signal: &str) {
    let dir = tempfile::tempdir().unwrap();
    let repo = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new(env!("CARGO_BIN_EXE_balai"))
        .current_dir(dir.path())
        .env_clear()
        .env("BALAI_BIND", "127.0.0.1:0")
        .env("BALAI_LOG_FORMAT", "json")
        .env("BALAI_CONTENT_DIR", format!("{repo}/content"))
        .env("BALAI_LOCALES_DIR", format!("{repo}/locales"))
        .env("BALAI_ASSETS_DIR", format!("{repo}/assets"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("the server logs that it serves")
            .unwrap();
        if line.contains("Balai is serving") {
            let at = line.find("\"port\":").unwrap() + 7;
            break line[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .unwrap();
        }
    };
    assert!(http_get(port, "/health").starts_with("HTTP/1.1 200"));
    assert!(http_get(port, "/id/").contains("<h1>"));

    // First run made the data dir, the SQLite file and a private secret key.
    let data = dir.path().join("data");
    assert!(data.join("balai.db").exists());
    let key = data.join("secret.key");
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    // Content images are resized in the background after start-up, into the data dir.
    let cache = data.join("content-images");
    let warmed = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(100));
        std::fs::read_dir(&cache).is_ok_and(|d| d.count() >= 3)
    });
    assert!(warmed, "content images resized at start-up");

    // SIGHUP reloads the content without stopping.
    let hup = Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(hup.success());
    let reloaded = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.contains("content reloaded"));
    assert!(reloaded, "SIGHUP reloads content");
    assert!(http_get(port, "/health").starts_with("HTTP/1.1 200"));

    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let exit = child.wait().unwrap();
    assert!(
        exit.success(),
        "{signal}: exit {exit:?}\n{}",
        rest.join("\n")
    );
    assert!(
        rest.iter().any(|l| l.contains("\"stopped\"")),
        "{signal}: no clean stop logged:\n{}",
        rest.join("\n")
    );
    // The WAL was checkpointed on close: nothing left behind but the database.
    assert!(
        !data.join("balai.db-wal").exists()
            || std::fs::metadata(data.join("balai.db-wal")).unwrap().len() == 0
    );
}

#[test]
fn first_run_needs_no_configuration_and_sigterm_stops_gracefully() {
    run_and_stop("-TERM");
}

#[test]
fn ctrl_c_stops_gracefully_too() {
    run_and_stop("-INT");
}

/// A running binary with JSON logs at `debug`, and its log lines.
struct Running {
    child: std::process::Child,
    port: u16,
    _dir: tempfile::TempDir,
    log: std::path::PathBuf,
}

impl Running {
    /// Stop with SIGTERM, wait, and read the whole log.
    fn stop(mut self) -> String {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap();
        std::fs::read_to_string(&self.log).unwrap()
    }
}

fn start_logged() -> Running {
    start_logged_with(&[("RUST_LOG", "debug")])
}

/// [`start_logged`] with other settings (`RUST_LOG` is `info` unless given).
fn start_logged_with(envs: &[(&str, &str)]) -> Running {
    let dir = tempfile::tempdir().unwrap();
    let repo = env!("CARGO_MANIFEST_DIR");
    let log = dir.path().join("log.jsonl");
    let child = Command::new(env!("CARGO_BIN_EXE_balai"))
        .current_dir(dir.path())
        .env_clear()
        .env("BALAI_BIND", "127.0.0.1:0")
        .env("BALAI_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env("BALAI_CONTENT_DIR", format!("{repo}/content"))
        .env("BALAI_LOCALES_DIR", format!("{repo}/locales"))
        .env("BALAI_ASSETS_DIR", format!("{repo}/assets"))
        .envs(envs.iter().copied())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let port = (0..100)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(100));
            let text = std::fs::read_to_string(&log).ok()?;
            let line = text.lines().find(|l| l.contains("Balai is serving"))?;
            let at = line.find("\"port\":")? + 7;
            line[at..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .expect("the server starts");
    Running {
        child,
        port,
        _dir: dir,
        log,
    }
}

fn http_post(port: u16, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn logs_carry_no_personal_data() {
    let server = start_logged();
    let slug = "suara-setara-sleman-2026-12";
    let page = http_get(server.port, &format!("/id/workshops/{slug}/register"));
    let doc = scraper::Html::parse_document(&page[page.find("<!DOCTYPE").unwrap()..]);
    let hidden = |name: &str| {
        let sel = scraper::Selector::parse(&format!("input[name={name}]")).unwrap();
        doc.select(&sel)
            .next()
            .unwrap()
            .value()
            .attr("value")
            .unwrap()
            .to_owned()
    };
    let (token, form_id) = (hidden("form_token"), hidden("form_id"));
    // The signed render time needs a person's pace.
    std::thread::sleep(Duration::from_millis(2100));
    let body = format!(
        "name=Zulaikha+Rahasiawati&email=zulaikha.rahasia%40contoh.id&phone=081299887766&organisation=Perkumpulan+Rahasia\
         &attendance=online&need_other=yes&other_detail=Catatan+pribadi+sekali&consent=yes&form_token={token}&form_id={form_id}"
    );
    let res = http_post(
        server.port,
        &format!("/id/workshops/{slug}/register?utm=Zulaikha"),
        &body,
    );
    assert!(res.starts_with("HTTP/1.1 303"), "{res}");
    let res = http_post(
        server.port,
        "/id/workshops/registrations",
        "code=ABC-DEF-GHJ&contact=zulaikha.rahasia%40contoh.id",
    );
    assert!(res.starts_with("HTTP/1.1 422"), "{res}");
    let log = server.stop();
    assert!(
        log.contains("/id/workshops/registrations"),
        "requests are logged"
    );
    for secret in [
        "Zulaikha",
        "zulaikha",
        "Rahasiawati",
        "081299887766",
        "Perkumpulan Rahasia",
        "Catatan",
        "ABC-DEF",
    ] {
        assert!(!log.contains(secret), "personal data in the logs: {secret}");
    }
}

/// The request log's three settings: every request, only those answered with an error
/// status, none; the last lines are written out when the server stops.
#[test]
fn the_request_log_says_what_its_setting_asks() {
    for (setting, ok_logged, error_logged) in [
        ("all", true, true),
        ("errors", false, true),
        ("off", false, false),
    ] {
        let server = start_logged_with(&[("BALAI_REQUEST_LOG", setting)]);
        assert!(http_get(server.port, "/en/pages/about").starts_with("HTTP/1.1 200"));
        assert!(http_get(server.port, "/en/no-such-page").starts_with("HTTP/1.1 404"));
        let log = server.stop();
        assert_eq!(
            log.contains("/en/pages/about"),
            ok_logged,
            "{setting}: {log}"
        );
        assert_eq!(
            log.contains("/en/no-such-page"),
            error_logged,
            "{setting}: {log}"
        );
        assert!(
            log.contains("Balai is serving"),
            "{setting}: other lines stay"
        );
    }
}
