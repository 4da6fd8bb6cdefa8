//! The real binary against an independent Open311 client (issue #19): `balai partner add`
//! makes a key (printed once), `balai serve` runs, a partner posts two reports (the key in
//! the query string, as some clients send it), one is made public, and the `PyPI` client
//! `georeport` 0.3.1 reads services, definitions and requests in JSON and XML
//! (`tests/open311_client/check.py`, run by `run.sh` in a virtual environment). Then the
//! log, written with every request logged, is searched for the key: it must not be there.
//! Without Python, venv or pip (or without the network to install the client once) the
//! test fails, saying why; it never passes without running the client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Duration;

fn http(port: u16, method: &str, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    out
}

/// The tracking code of a created request (JSON answer).
fn code_of(answer: &str) -> String {
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let body = &answer[answer.find("\r\n\r\n").unwrap() + 4..];
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v[0]["service_request_id"].as_str().unwrap().to_owned()
}

#[actix_web::test]
async fn the_georeport_client_reads_balai_and_keys_never_reach_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let repo = env!("CARGO_MANIFEST_DIR");
    let data = dir.path().join("data");
    let balai = || {
        let mut c = Command::new(env!("CARGO_BIN_EXE_balai"));
        c.current_dir(dir.path())
            .env_clear()
            .env("BALAI_DATA_DIR", &data)
            .env("BALAI_LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env("BALAI_CONTENT_DIR", format!("{repo}/content"))
            .env("BALAI_LOCALES_DIR", format!("{repo}/locales"))
            .env("BALAI_ASSETS_DIR", format!("{repo}/assets"));
        c
    };
    // The key, printed once by the command line.
    let out = balai()
        .args([
            "partner",
            "add",
            "--name",
            "Aplikasi Kota",
            "--scope",
            "submit,read",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8(out.stdout).unwrap();
    let key = printed
        .lines()
        .find_map(|l| l.strip_prefix("key: "))
        .unwrap_or_else(|| panic!("no key in {printed}"))
        .to_owned();
    let listed = balai().args(["partner", "list"]).output().unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed.contains("Aplikasi Kota") && !listed.contains(&key),
        "{listed}"
    );

    let log = dir.path().join("log.jsonl");
    let mut child = balai()
        .env("BALAI_BIND", "127.0.0.1:0")
        .env("BALAI_REQUEST_LOG", "all")
        .stderr(std::fs::File::create(&log).unwrap())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let port: u16 = (0..200)
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

    let form = |privacy: &str| {
        serde_urlencoded::to_string([
            ("service_code", "infrastructure"),
            ("description", "Lampu jalan mati sejak seminggu."),
            ("attribute[kind]", "complaint"),
            ("attribute[privacy]", privacy),
            ("attribute[consent]", "yes"),
            ("address_string", "Kota Denpasar"),
            ("first_name", "Ketut"),
            ("email", "ketut@example.id"),
        ])
        .unwrap()
    };
    let path = format!("/open311/v2/requests.json?api_key={key}");
    let public = code_of(&http(port, "POST", &path, &form("public")));
    let hidden = code_of(&http(port, "POST", &path, &form("public")));
    // A GET with a key in its query string (ignored, and not logged either).
    let got = http(
        port,
        "GET",
        &format!("/open311/v2/requests.json?api_key={key}"),
        "",
    );
    assert!(got.starts_with("HTTP/1.1 200"), "{got}");

    // Staff verify one of them (the same database, as another instance would).
    let db = format!("sqlite://{}", data.join("balai.db").display());
    let pool = sqlx::SqlitePool::connect(&db).await.unwrap();
    sqlx::query("UPDATE reports SET status = 'verified', verified_at = updated_at WHERE code = $1")
        .bind(&public)
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;

    let run = Command::new(format!("{repo}/tests/open311_client/run.sh"))
        .args([
            format!("http://127.0.0.1:{port}/open311/v2"),
            public.clone(),
            hidden.clone(),
        ])
        .output();
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let stopped = child.wait().unwrap();
    let run = run.unwrap_or_else(|e| panic!("tests/open311_client/run.sh could not start: {e}"));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        run.status.success(),
        "the georeport client check did not pass (exit {:?}; Python 3 with venv and pip, and \
         PyPI once to install georeport, are needed):\n{said}",
        run.status.code()
    );
    assert!(said.contains("all checks passed"), "{said}");
    assert!(stopped.success(), "the server stopped cleanly");

    // The log: requests were logged (paths), the key never was.
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.contains("/open311/v2/requests.json"),
        "the request log has the paths: {text}"
    );
    let secret = key.trim_start_matches("balai_");
    assert!(
        !text.contains(secret) && !text.contains("api_key="),
        "a key reached the log"
    );
    assert!(!text.contains("ketut@example.id") && !text.contains("Ketut"));
}
