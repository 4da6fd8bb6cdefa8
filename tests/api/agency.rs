//! Agency systems (issue #19, item 3 and the admins' half of item 2): signed webhook
//! events to a real receiver on loopback (route, ask, answer, close), verified as
//! docs/webhooks.md says; a retry after a 500; a delivery that keeps failing is failed,
//! shown to admins and sent again; nothing personal in the payloads. The agency API:
//! queue, case, actions under the workflow's rules, another agency's case 404, an
//! idempotent retry, wrong keys. The Integrations page: admins only; a key shown once,
//! made once per form, revoked.

use crate::helpers::{TestApp, TestResponse, sel};
use crate::reports::Browser;
use crate::staff::{act, report, sign_in};
use actix_web::test::TestRequest;
use balai::db::{partners, staff as staff_db, webhooks};
use balai::domain::partner;
use balai::domain::staff::hash_password;
use base64::Engine;
use hmac::{Hmac, Mac};
use secrecy::ExposeSecret;
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const PASSWORD: &str = "kopi tubruk di balai desa";

fn now() -> time::OffsetDateTime {
    time::macros::datetime!(2026-11-27 12:00 UTC)
}

async fn app() -> TestApp {
    let app = TestApp::spawn_with(
        |s| {
            crate::workshops::fixed(s);
            s.webhook_allow_http_loopback = true;
        },
        |_| {},
    )
    .await;
    let hash = hash_password(PASSWORD).unwrap();
    for (email, role, agency) in [
        ("admin@balai.id", "admin", None),
        ("verifier@balai.id", "verifier", None),
        ("officer@kemenhub.go.id", "officer", Some("kemenhub")),
    ] {
        staff_db::add_user(&app.state.db, email, "Petugas", role, agency, &hash, now())
            .await
            .unwrap();
    }
    app
}

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Got {
    headers: Vec<(String, String)>,
    body: String,
}

impl Got {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// A webhook receiver on loopback: answers each request with the next status queued
/// (200 when none), records every request.
struct Receiver {
    url: String,
    got: Arc<Mutex<Vec<Got>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
    always: Arc<Mutex<Option<u16>>>,
}

impl Receiver {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hooks/balai", listener.local_addr().unwrap());
        let got = Arc::new(Mutex::new(Vec::new()));
        let answers = Arc::new(Mutex::new(VecDeque::new()));
        let always = Arc::new(Mutex::new(None));
        let (g, a, al) = (got.clone(), answers.clone(), always.clone());
        tokio::spawn(async move {
            loop {
                let Ok((mut s, _)) = listener.accept().await else {
                    return;
                };
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let (head_end, len) = loop {
                    let n = s.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break (0, 0);
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..i]).to_lowercase();
                        let len = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        break (i + 4, len);
                    }
                };
                if head_end == 0 {
                    continue;
                }
                while buf.len() < head_end + len {
                    let n = s.read(&mut chunk).await.unwrap_or(0);
                    if n == 0 {
                        break;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
                let headers = head
                    .lines()
                    .skip(1)
                    .filter_map(|l| l.split_once(':'))
                    .map(|(n, v)| (n.trim().to_lowercase(), v.trim().to_owned()))
                    .collect();
                let body = String::from_utf8_lossy(&buf[head_end..]).into_owned();
                g.lock().unwrap().push(Got { headers, body });
                let status = a
                    .lock()
                    .unwrap()
                    .pop_front()
                    .or(*al.lock().unwrap())
                    .unwrap_or(200);
                let res = format!(
                    "HTTP/1.1 {status} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
                );
                let _ = s.write_all(res.as_bytes()).await;
                let _ = s.shutdown().await;
            }
        });
        Self {
            url,
            got,
            answers,
            always,
        }
    }

    fn take(&self) -> Vec<Got> {
        std::mem::take(&mut *self.got.lock().unwrap())
    }
}

/// The documented verification (docs/webhooks.md), written out in the test: base64 of
/// HMAC-SHA256, keyed with the secret's base64-decoded bytes after `whsec_`, over
/// `{webhook-id}.{webhook-timestamp}.{body}`, compared with each `v1,` signature.
fn verified(secret: &str, g: &Got) -> bool {
    let b64 = base64::engine::general_purpose::STANDARD;
    let key = b64.decode(secret.strip_prefix("whsec_").unwrap()).unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    let signed = format!(
        "{}.{}.{}",
        g.header("webhook-id"),
        g.header("webhook-timestamp"),
        g.body
    );
    mac.update(signed.as_bytes());
    let expected = format!("v1,{}", b64.encode(mac.finalize().into_bytes()));
    g.header("webhook-signature")
        .split(' ')
        .any(|s| s == expected)
}

/// The hidden fields of the Integrations page: (csrf, `form_id`).
async fn integrations_form(b: &mut Browser<'_>) -> (String, String, TestResponse) {
    let res = b.get("/en/staff/integrations").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let doc = res.html();
    let value = |name: &str| {
        doc.select(&sel(&format!("input[name={name}]")))
            .next()
            .and_then(|e| e.value().attr("value"))
            .unwrap_or_default()
            .to_owned()
    };
    let (csrf, form_id) = (value("csrf"), value("form_id"));
    (csrf, form_id, res)
}

/// Set kemenhub's webhook to `url` through the page; the secret shown once.
async fn set_webhook(admin: &mut Browser<'_>, url: &str) -> String {
    let (csrf, _, _) = integrations_form(admin).await;
    let res = admin
        .post(
            "/en/staff/integrations/webhooks",
            &[
                ("csrf", &csrf),
                ("hook-agency", "kemenhub"),
                ("hook-url", url),
            ],
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("cache-control"), "private, no-store");
    let doc = res.html();
    let secret = doc
        .select(&sel("#new-secret"))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    assert!(secret.starts_with("whsec_"), "{}", res.body);
    secret
}

async fn statuses(app: &TestApp) -> Vec<String> {
    webhooks::deliveries(&app.state.db, None, 100)
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.status)
        .collect()
}

#[actix_web::test]
async fn agency_systems_get_signed_events_retried_and_failures_are_shown_and_sent_again() {
    let app = app().await;
    let receiver = Receiver::start().await;
    let mut admin = sign_in(&app, "admin@balai.id").await;
    let secret = set_webhook(&mut admin, &receiver.url).await;
    // The same form again changes nothing and shows no new secret.
    let (csrf, _, _) = integrations_form(&mut admin).await;
    let again = admin
        .post(
            "/en/staff/integrations/webhooks",
            &[
                ("csrf", &csrf),
                ("hook-agency", "kemenhub"),
                ("hook-url", &receiver.url),
            ],
        )
        .await;
    assert_eq!(again.status, 303);
    let ep = webhooks::endpoint(&app.state.db, "kemenhub")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ep.secret, secret);

    // Route, ask, the reporter answers, the agency answers, staff close.
    let (id, code, _) = report(&app, "anonymous").await;
    let code = code.replace('-', "");
    let mut v = sign_in(&app, "verifier@balai.id").await;
    assert_eq!(act(&mut v, id, "verify", &[]).await.status, 303);
    let res = act(&mut v, id, "route", &[("agency", "kemenhub")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let mut o = sign_in(&app, "officer@kemenhub.go.id").await;
    let res = act(
        &mut o,
        id,
        "ask",
        &[("text", "Which floor is the ramp on?")],
    )
    .await;
    assert_eq!(res.status, 303, "{}", res.body);
    balai::db::reports::add_reporter_info(
        &app.state.db,
        id,
        "The ground floor, by the door.",
        "form-1",
        now(),
    )
    .await
    .unwrap();
    let res = act(&mut o, id, "answer", &[("text", "Repaired on Monday.")]).await;
    assert_eq!(res.status, 303, "{}", res.body);
    let res = act(&mut v, id, "close", &[]).await;
    assert_eq!(res.status, 303, "{}", res.body);

    let n = balai::webhooks::run_once(&app.state, now()).await.unwrap();
    assert!(n >= 4, "{n}");
    let got = receiver.take();
    let types: Vec<String> = got
        .iter()
        .map(|g| {
            let v: serde_json::Value = serde_json::from_str(&g.body).unwrap();
            v["type"].as_str().unwrap().to_owned()
        })
        .collect();
    for t in [
        "case.routed",
        "case.info_requested",
        "case.reporter_answered",
        "case.closed",
    ] {
        assert!(types.iter().any(|x| x == t), "{t} in {types:?}");
    }
    for g in &got {
        assert!(verified(&secret, g), "signature of {}", g.body);
        assert!(balai::webhooks::verify(
            &secret,
            g.header("webhook-id"),
            g.header("webhook-timestamp").parse().unwrap(),
            &g.body,
            g.header("webhook-signature"),
        ));
        assert!(!verified("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", g));
        assert!(g.header("webhook-id").starts_with("evt_"));
        assert_eq!(g.header("content-type"), "application/json");
        // Nothing that names the (anonymous) reporter.
        for personal in ["Siti", "siti@contoh.id", "0812"] {
            assert!(!g.body.contains(personal), "{personal} in {}", g.body);
        }
        let v: serde_json::Value = serde_json::from_str(&g.body).unwrap();
        assert_eq!(v["data"]["code"].as_str(), Some(code.as_str()));
        assert_eq!(v["data"]["agency"].as_str(), Some("kemenhub"));
    }
    assert!(statuses(&app).await.iter().all(|s| s == "sent"));

    // A 500, then success: the same event id and body, a later timestamp allowed.
    receiver.answers.lock().unwrap().push_back(500);
    let (id2, _, _) = report(&app, "public").await;
    assert_eq!(act(&mut v, id2, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut v, id2, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    balai::webhooks::run_once(&app.state, now()).await.unwrap();
    let first = receiver.take();
    assert_eq!(first.len(), 1);
    let d = &webhooks::deliveries(&app.state.db, None, 1).await.unwrap()[0];
    assert_eq!(
        (d.status.as_str(), d.last_status, d.attempts),
        ("pending", Some(500), 1)
    );
    // Not due yet: nothing sent.
    assert_eq!(
        balai::webhooks::run_once(&app.state, now()).await.unwrap(),
        0
    );
    let later = now() + time::Duration::seconds(6);
    assert_eq!(
        balai::webhooks::run_once(&app.state, later).await.unwrap(),
        1
    );
    let second = receiver.take();
    assert_eq!(second.len(), 1);
    assert_eq!(
        first[0].header("webhook-id"),
        second[0].header("webhook-id")
    );
    assert_eq!(first[0].body, second[0].body);
    assert!(verified(&secret, &second[0]));
    let d = &webhooks::deliveries(&app.state.db, None, 1).await.unwrap()[0];
    assert_eq!(d.status, "sent");

    // Failing for three days: failed, shown to admins, sent again on request.
    *receiver.always.lock().unwrap() = Some(503);
    let (id3, _, _) = report(&app, "public").await;
    assert_eq!(act(&mut v, id3, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut v, id3, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    let mut at = now();
    for _ in 0..12 {
        balai::webhooks::run_once(&app.state, at).await.unwrap();
        at += time::Duration::days(1);
    }
    let failed = webhooks::deliveries(&app.state.db, Some("failed"), 10)
        .await
        .unwrap();
    assert_eq!(failed.len(), 1, "{:?}", statuses(&app).await);
    assert!(
        failed[0]
            .last_error
            .as_deref()
            .unwrap_or("")
            .contains("tries")
    );
    let (csrf, _, page) = integrations_form(&mut admin).await;
    crate::accessibility::assert_accessible_shell("integrations", &page);
    let resend = format!("/en/staff/integrations/deliveries/{}/resend", failed[0].id);
    assert!(page.body.contains(&resend), "{}", page.body);
    assert!(page.body.contains("Send case.routed again"));
    *receiver.always.lock().unwrap() = None;
    receiver.take();
    let res = admin.post(&resend, &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    // Twice: still one delivery, sent once.
    let res = admin.post(&resend, &[("csrf", &csrf)]).await;
    assert_eq!(res.status, 303);
    assert_eq!(
        balai::webhooks::run_once(&app.state, now()).await.unwrap(),
        1
    );
    assert_eq!(receiver.take().len(), 1);
    assert!(statuses(&app).await.iter().all(|s| s == "sent"));
    let audit = staff_db::audit(&app.state.db, None, None).await.unwrap();
    for a in ["webhook-set", "webhook-resent"] {
        assert!(audit.iter().any(|e| e.action == a), "{a}");
    }

    // 410 Gone turns the endpoint off; nothing more is queued for it.
    *receiver.always.lock().unwrap() = Some(410);
    let (id4, _, _) = report(&app, "public").await;
    assert_eq!(act(&mut v, id4, "verify", &[]).await.status, 303);
    assert_eq!(
        act(&mut v, id4, "route", &[("agency", "kemenhub")])
            .await
            .status,
        303
    );
    balai::webhooks::run_once(&app.state, now()).await.unwrap();
    let ep = webhooks::endpoint(&app.state.db, "kemenhub")
        .await
        .unwrap()
        .unwrap();
    assert!(!ep.enabled);
}

#[actix_web::test]
async fn webhook_urls_must_be_https_and_the_form_says_why() {
    let app = TestApp::spawn_with(crate::workshops::fixed, |_| {}).await;
    let hash = hash_password(PASSWORD).unwrap();
    staff_db::add_user(
        &app.state.db,
        "admin@balai.id",
        "A",
        "admin",
        None,
        &hash,
        now(),
    )
    .await
    .unwrap();
    let mut admin = sign_in(&app, "admin@balai.id").await;
    let (csrf, _, _) = integrations_form(&mut admin).await;
    let res = admin
        .post(
            "/en/staff/integrations/webhooks",
            &[
                ("csrf", &csrf),
                ("hook-agency", "kemenhub"),
                ("hook-url", "http://127.0.0.1:9/x"),
            ],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains("must start with https://"),
        "{}",
        res.body
    );
    assert!(res.body.contains("value=\"http://127.0.0.1:9/x\""));
    crate::accessibility::assert_accessible_shell("integrations-error", &res);
    let doc = res.html();
    let title = doc
        .select(&sel("title"))
        .next()
        .map(|t| t.text().collect::<String>())
        .unwrap_or_default();
    assert!(title.starts_with("Error:"), "{title}");
    assert!(webhooks::endpoints(&app.state.db).await.unwrap().is_empty());
}

/// A key for `agency` with `scopes`.
async fn key(app: &TestApp, agency: &str, scopes: &str) -> String {
    let k = partner::generate().unwrap();
    partners::create(
        &app.state.db,
        &partners::NewPartner {
            name: "Sistem instansi",
            agency: Some(agency),
            scopes,
            key_hash: &k.hash,
            key_prefix: &k.prefix,
            per_minute: 1000,
            created_by: None,
        },
        now(),
    )
    .await
    .unwrap();
    k.secret.expose_secret().to_owned()
}

async fn api(app: &TestApp, req: TestRequest, key: &str) -> TestResponse {
    app.call(req.insert_header(("authorization", format!("Bearer {key}"))))
        .await
}

async fn post_action(
    app: &TestApp,
    key: &str,
    code: &str,
    body: &str,
    idem: Option<&str>,
) -> TestResponse {
    let mut req = TestRequest::post()
        .uri(&format!("/api/v1/agency/cases/{code}/actions"))
        .insert_header(("content-type", "application/json"))
        .set_payload(body.to_owned());
    if let Some(k) = idem {
        req = req.insert_header(("idempotency-key", format!("\"{k}\"")));
    }
    api(app, req, key).await
}

#[actix_web::test]
async fn the_agency_api_reads_its_queue_and_acts_under_the_workflow_rules() {
    let app = app().await;
    let (id, code, _) = report(&app, "anonymous").await;
    let (other_id, other_code, _) = report(&app, "public").await;
    let (code, other_code) = (code.replace('-', ""), other_code.replace('-', ""));
    let mut v = sign_in(&app, "verifier@balai.id").await;
    for (i, agency) in [(id, "kemenhub"), (other_id, "kemenkes")] {
        assert_eq!(act(&mut v, i, "verify", &[]).await.status, 303);
        assert_eq!(
            act(&mut v, i, "route", &[("agency", agency)]).await.status,
            303
        );
    }
    let k = key(&app, "kemenhub", "read,update").await;
    let read_only = key(&app, "kemenhub", "read").await;

    // The queue: its own case, nobody's identity.
    let res = api(&app, TestRequest::get().uri("/api/v1/agency/cases"), &k).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(res.header("content-type").starts_with("application/json"));
    assert!(res.body.contains(&code) && !res.body.contains(&other_code));
    for personal in ["Siti", "siti@contoh.id"] {
        assert!(!res.body.contains(personal));
    }
    let v_: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    assert_eq!(v_["total"], 1);
    assert_eq!(v_["cases"][0]["status"], "routed");
    assert!(v_["cases"][0]["deadline"].is_string());
    let res = api(
        &app,
        TestRequest::get().uri("/api/v1/agency/cases?status=answered&page=1"),
        &k,
    )
    .await;
    assert_eq!(res.status, 200);
    assert!(!res.body.contains(&code));
    let res = api(
        &app,
        TestRequest::get().uri("/api/v1/agency/cases?status=nonsense"),
        &k,
    )
    .await;
    assert_eq!(res.status, 400);
    assert!(
        res.header("content-type")
            .starts_with("application/problem+json")
    );
    let res = api(
        &app,
        TestRequest::get().uri("/api/v1/agency/cases?page=-1"),
        &k,
    )
    .await;
    assert_eq!(res.status, 400);

    // A case: its own; another agency's is the same 404 as none.
    let res = api(
        &app,
        TestRequest::get().uri(&format!("/api/v1/agency/cases/{code}")),
        &k,
    )
    .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert!(!res.body.contains("Siti"));
    let other = api(
        &app,
        TestRequest::get().uri(&format!("/api/v1/agency/cases/{other_code}")),
        &k,
    )
    .await;
    let none = api(
        &app,
        TestRequest::get().uri("/api/v1/agency/cases/ABCDEFGHJ"),
        &k,
    )
    .await;
    assert_eq!((other.status.as_u16(), none.status.as_u16()), (404, 404));
    assert_eq!(other.body, none.body);

    // Wrong keys.
    let res = api(
        &app,
        TestRequest::get().uri("/api/v1/agency/cases"),
        "balai_nope",
    )
    .await;
    assert_eq!(res.status, 401);
    assert!(res.header("www-authenticate").starts_with("Bearer"));
    let res = app.get("/api/v1/agency/cases").await;
    assert_eq!(res.status, 401);
    let res = post_action(
        &app,
        &read_only,
        &code,
        r#"{"action":"answer","text":"x"}"#,
        None,
    )
    .await;
    assert_eq!(res.status, 403);

    // The workflow decides: closing a routed case is not allowed.
    let res = post_action(&app, &k, &code, r#"{"action":"close"}"#, None).await;
    assert_eq!(res.status, 409, "{}", res.body);
    assert!(
        res.header("content-type")
            .starts_with("application/problem+json")
    );
    // Bad input: 400, never a 500.
    for bad in [
        "",
        "{",
        "[]",
        r#"{"action":"verify"}"#,
        r#"{"action":"answer"}"#,
        r#"{"action":"postpone","text":"Budget","until":"2020-01-01"}"#,
        r#"{"action":"answer","text":"x","extra":1}"#,
    ] {
        let res = post_action(&app, &k, &code, bad, None).await;
        assert_eq!(res.status, 400, "{bad}: {}", res.body);
    }
    // Another agency's case: 404, nothing changes.
    let res = post_action(
        &app,
        &k,
        &other_code,
        r#"{"action":"answer","text":"x"}"#,
        None,
    )
    .await;
    assert_eq!(res.status, 404);

    // An answer, with an idempotency key; the retry gets the same answer, once.
    let body = r#"{"action":"answer","text":"The ramp was repaired on Monday."}"#;
    let first = post_action(
        &app,
        &k,
        &code,
        body,
        Some("8e03978e-40d5-43e8-bc93-6894a57f9324"),
    )
    .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let v1: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(v1["case"]["status"], "answered");
    let retry = post_action(
        &app,
        &k,
        &code,
        body,
        Some("8e03978e-40d5-43e8-bc93-6894a57f9324"),
    )
    .await;
    assert_eq!(retry.status, 200);
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.header("idempotent-replayed"), "true");
    let other_body = post_action(
        &app,
        &k,
        &code,
        r#"{"action":"note","text":"x"}"#,
        Some("8e03978e-40d5-43e8-bc93-6894a57f9324"),
    )
    .await;
    assert_eq!(other_body.status, 422);
    let events = balai::db::cases::staff_events(&app.state.db, id)
        .await
        .unwrap();
    let answers: Vec<_> = events
        .iter()
        .filter(|e| e.kind.as_str() == "answered")
        .collect();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].actor.as_str(), "officer");
    // A stale version is refused.
    let res = post_action(
        &app,
        &k,
        &code,
        r#"{"action":"note","text":"x","version":1}"#,
        None,
    )
    .await;
    assert_eq!(res.status, 409);
}

#[actix_web::test]
async fn admins_make_a_key_shown_once_and_revoke_it_others_cannot_see_the_page() {
    let app = app().await;
    for who in ["verifier@balai.id", "officer@kemenhub.go.id"] {
        let mut b = sign_in(&app, who).await;
        assert_eq!(b.get("/en/staff/integrations").await.status, 404, "{who}");
    }
    let mut admin = sign_in(&app, "admin@balai.id").await;
    let (csrf, form_id, page) = integrations_form(&mut admin).await;
    assert_eq!(page.header("cache-control"), "private, no-store");
    // Errors: kept values, a summary.
    let res = admin
        .post(
            "/en/staff/integrations/keys",
            &[("csrf", &csrf), ("form_id", &form_id), ("key-name", "")],
        )
        .await;
    assert_eq!(res.status, 422);
    assert!(
        res.body.contains("Enter the partner&#39;s name")
            || res.body.contains("Enter the partner's name")
    );
    assert!(res.body.contains("Choose what the key may do"));
    let fields = [
        ("csrf", csrf.as_str()),
        ("form_id", form_id.as_str()),
        ("key-name", "Kemenhub case system"),
        ("key-agency", "kemenhub"),
        ("scope-read", "yes"),
        ("scope-update", "yes"),
    ];
    let res = admin.post("/en/staff/integrations/keys", &fields).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(res.header("cache-control"), "private, no-store");
    let doc = res.html();
    let shown = doc
        .select(&sel("#new-key"))
        .next()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_default();
    assert!(shown.starts_with("balai_"), "{}", res.body);
    crate::accessibility::assert_accessible_shell("integrations-key", &res);
    // The same form again: no second key, the key not shown again.
    let res = admin.post("/en/staff/integrations/keys", &fields).await;
    assert_eq!(res.status, 200);
    assert!(!res.body.contains(&shown));
    assert!(res.body.contains("already sent"));
    let list = partners::list(&app.state.db).await.unwrap();
    assert_eq!(list.len(), 1);
    // The key works, and stops working once revoked.
    let ok = api(&app, TestRequest::get().uri("/api/v1/agency/cases"), &shown).await;
    assert_eq!(ok.status, 200);
    let page = admin.get("/en/staff/integrations").await;
    assert!(page.body.contains("Kemenhub case system") && !page.body.contains(&shown));
    let revoke = format!("/en/staff/integrations/keys/{}/revoke", list[0].id);
    assert_eq!(admin.post(&revoke, &[("csrf", &csrf)]).await.status, 303);
    assert_eq!(admin.post(&revoke, &[("csrf", &csrf)]).await.status, 303);
    let gone = api(&app, TestRequest::get().uri("/api/v1/agency/cases"), &shown).await;
    assert_eq!(gone.status, 401);
    let audit = staff_db::audit(&app.state.db, None, None).await.unwrap();
    let made = audit
        .iter()
        .filter(|e| e.action == "partner-key-created")
        .count();
    let revoked = audit
        .iter()
        .filter(|e| e.action == "partner-key-revoked")
        .count();
    assert_eq!((made, revoked), (1, 1));
    // Without the CSRF token: 403, nothing made.
    let res = admin
        .post(
            "/en/staff/integrations/keys",
            &[
                ("form_id", "0123456789abcdef0123456789abcdef"),
                ("key-name", "x"),
                ("scope-read", "yes"),
            ],
        )
        .await;
    assert_eq!(res.status, 403);
    assert_eq!(partners::list(&app.state.db).await.unwrap().len(), 1);
}
