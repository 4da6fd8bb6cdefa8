//! `TestApp`: the real application (every route and middleware) on a fresh database
//! per test: a SQLite file in a temporary folder, or a new PostgreSQL database when
//! `BALAI_TEST_POSTGRES_URL` is set, dropped again when the test ends.

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::{test, web};
use balai::settings::Settings;
use balai::startup::app_with;
use balai::state::AppState;
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// The repository root (content, locales, assets live there).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh database for one test.
pub enum TestDb {
    /// A SQLite file inside the test's temporary folder.
    Sqlite,
    /// A PostgreSQL database of its own, dropped on drop.
    Postgres { admin_url: String, name: String },
}

impl TestDb {
    /// A fresh database: its URL, and the guard that drops it.
    pub async fn create(dir: &Path) -> (String, Self) {
        match std::env::var("BALAI_TEST_POSTGRES_URL") {
            Ok(admin_url) if !admin_url.is_empty() => {
                let mut bytes = [0u8; 8];
                getrandom::fill(&mut bytes).unwrap();
                let name = format!("balai_test_{}", hex::encode(bytes));
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin_url)
                    .await
                    .expect("BALAI_TEST_POSTGRES_URL is set but PostgreSQL does not answer");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                // The server's address without the database: `postgres://h:5432/postgres`
                // and `postgres://h:5432` alike (a URL without a path has no '/' to cut).
                let after_scheme = admin_url.find("://").map_or(0, |i| i + 3);
                let base = match admin_url[after_scheme..].rfind('/') {
                    Some(i) => &admin_url[..after_scheme + i],
                    None => admin_url.as_str(),
                };
                (format!("{base}/{name}"), Self::Postgres { admin_url, name })
            }
            _ => (
                format!("sqlite://{}", dir.join("balai.db").display()),
                Self::Sqlite,
            ),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Self::Postgres { admin_url, name } = self {
            let (url, name) = (admin_url.clone(), name.clone());
            // Drop runs outside async: use a short-lived runtime on its own thread.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async move {
                    if let Ok(mut conn) =
                        <sqlx::PgConnection as sqlx::Connection>::connect(&url).await
                    {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

/// A response, read whole.
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// Bytes on the wire (compressed, when the response was).
    pub raw_len: usize,
}

impl TestResponse {
    /// The body parsed as HTML.
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }

    /// A header as text ("" when absent).
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

/// The application under test.
pub struct TestApp {
    pub state: web::Data<AppState>,
    _dir: tempfile::TempDir,
    extra: fn(&mut web::ServiceConfig),
    _db: TestDb,
}

impl TestApp {
    /// The application with the repository's content and locales.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}, |_| {}).await
    }

    /// The application with changed settings and extra test-only routes.
    pub async fn spawn_with(
        configure: impl FnOnce(&mut Settings),
        extra: fn(&mut web::ServiceConfig),
    ) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (database_url, db) = TestDb::create(dir.path()).await;
        let root = repo();
        let mut settings = Settings {
            bind: "127.0.0.1:0".into(),
            database_url: database_url.into(),
            content_dir: root.join("content"),
            data_dir: dir.path().join("data"),
            locales_dir: root.join("locales"),
            assets_dir: root.join("assets"),
            ..Settings::default()
        };
        configure(&mut settings);
        let state = web::Data::new(AppState::build(settings).await.expect("the app builds"));
        Self {
            state,
            _dir: dir,
            extra,
            _db: db,
        }
    }

    /// Send a request through every route and middleware.
    pub async fn call(&self, req: test::TestRequest) -> TestResponse {
        let svc = test::init_service(app_with(self.state.clone(), self.extra)).await;
        let res = test::call_service(&svc, req.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = test::read_body(res).await;
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            raw_len: bytes.len(),
        }
    }

    /// GET `path`.
    pub async fn get(&self, path: &str) -> TestResponse {
        self.call(test::TestRequest::get().uri(path)).await
    }
}

/// Say that a test did not run, and why, where `cargo test` shows it. libtest keeps what a
/// passing test writes with `print!` and `eprint!` (shown only with `--nocapture`), so a
/// skip said that way would read as a plain pass; a write to standard error itself is not
/// captured and appears among the test results.
pub fn skipped(test: &str, reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED {test}: {reason}");
}

/// Select with a CSS selector written in the test.
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Text of the first element matching `selector`, with whitespace collapsed and
/// Fluent's bidi isolation marks removed.
pub fn text_of(doc: &Html, selector: &str) -> String {
    doc.select(&sel(selector))
        .next()
        .map(|e| clean(&e.text().collect::<String>()))
        .unwrap_or_default()
}

/// Collapse whitespace and drop FSI/PDI marks.
pub fn clean(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every page of the site in `lang` (grows with every feature).
pub fn pages(lang: &str) -> Vec<String> {
    [
        "/",
        "/pages/about",
        "/pages/help",
        "/pages/privacy",
        "/pages/accessibility",
        "/campaigns",
        "/campaigns/lapor-tanpa-hambatan",
        "/workshops",
        "/workshops/suara-setara-sleman-2026-12",
        "/workshops/muda-bersuara-daring-2026-10",
        "/workshops/registrations",
    ]
    .iter()
    .map(|p| format!("/{lang}{p}"))
    .collect()
}
