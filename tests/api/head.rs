//! HEAD (`balai::head`): every GET route answers HEAD with GET's status and headers and no
//! body, in the application and on the wire; routes without GET answer HEAD as they answer
//! GET, and their POST is untouched.

use crate::helpers::{TestApp, TestResponse, sel};
use crate::public::sent;
use crate::workshops::{SMALL, fixed};
use actix_web::http::Method;
use actix_web::test::TestRequest;

/// Headers that differ from one request to the next whatever the method.
const PER_REQUEST: [&str; 2] = ["date", "set-cookie"];

async fn head(app: &TestApp, path: &str) -> TestResponse {
    app.call(TestRequest::default().method(Method::HEAD).uri(path))
        .await
}

/// The headers of a response that do not change per request, sorted.
fn lasting_headers(res: &TestResponse) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = res
        .headers
        .iter()
        .filter(|(name, _)| !PER_REQUEST.contains(&name.as_str()))
        .map(|(name, value)| {
            (
                name.to_string(),
                value.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    all.sort();
    all
}

#[actix_web::test]
async fn head_answers_every_get_route_like_get_without_a_body() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    let code = sent(&app, "public", "A ramp at the post office", &["verified"]).await;
    let home = app.get("/en/").await;
    let stylesheet = home
        .html()
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .and_then(|l| l.value().attr("href"))
        .unwrap()
        .to_owned();
    let mut paths: Vec<String> = [
        "/",
        "/health",
        "/id",
        "/id/",
        "/en/reports",
        "/en/reports?province=32&status=all",
        "/en/statistics",
        "/en/agencies",
        "/en/agencies/kemenhub",
        "/en/track",
        "/en/reports/new",
        "/en/staff",
        "/en/staff/sign-in",
        "/data/reports.csv",
        "/data/reports.json",
        "/feeds/resolved.atom",
        "/en/no-such-page",
        "/xx/",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    paths.extend(crate::helpers::pages("en"));
    paths.extend([
        stylesheet,
        format!("/en/reports/{code}"),
        format!("/feeds/reports/{code}.atom"),
        format!("/en/workshops/{SMALL}.ics"),
        format!("/en/workshops/{SMALL}/register"),
    ]);
    for path in &paths {
        let get = app.get(path).await;
        let head = head(&app, path).await;
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");
        assert!(
            !get.body.is_empty() || get.status.is_redirection(),
            "GET {path} is empty"
        );
        assert_eq!(lasting_headers(&head), lasting_headers(&get), "HEAD {path}");
    }
}

#[actix_web::test]
async fn routes_without_get_answer_head_as_get_and_still_take_their_post() {
    let app = TestApp::spawn_with(fixed, |_| {}).await;
    for path in [
        "/en/reports/new/send",
        "/en/track/leave",
        "/en/staff/sign-out",
    ] {
        let get = app.get(path).await;
        let head = head(&app, path).await;
        assert_eq!(get.status, 405, "GET {path}");
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} has a body");
    }
    // A POST-only form still works: leaving the private view signs out of it (303).
    let res = app
        .call(
            TestRequest::post()
                .uri("/en/track/leave")
                .insert_header(("sec-fetch-site", "same-origin")),
        )
        .await;
    assert_eq!(res.status, 303, "POST /en/track/leave");
}

/// On the wire: the length a GET announces, and not one byte of body.
#[test]
fn head_on_the_wire_announces_the_length_and_sends_no_body() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("balai.db").display());
    let (mut child, port) = crate::durability::start_with(dir.path(), &url, &[]);
    let ask = |method: &str, path: &str| {
        crate::durability::exchange(
            port,
            &format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
        .unwrap()
    };
    let length = |response: &str| {
        response.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_owned)
        })
    };
    for path in ["/id/", "/en/pages/about", "/health"] {
        let (get, head) = (ask("GET", path), ask("HEAD", path));
        assert_eq!(get.lines().next(), head.lines().next(), "{path}");
        assert!(length(&get).is_some(), "GET {path}: {get}");
        assert_eq!(length(&head), length(&get), "HEAD {path}");
        assert!(
            head.ends_with("\r\n\r\n"),
            "HEAD {path} sent a body: {head}"
        );
    }
    let _ = child.kill();
    let _ = child.wait();
}
