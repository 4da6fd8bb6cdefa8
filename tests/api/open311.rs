//! Open311 `GeoReport` v2 (issue #19): every endpoint in XML and JSON, filters and paging,
//! public reports only and nothing personal, the partner POST through the form's workflow
//! (one report, channel `partner`), idempotent retries, keys (missing, unknown, revoked,
//! wrong scope, rate-limited), and hostile input answered 4xx in the Open311 error format.
//! The independent client (`PyPI` `georeport`) runs in `open311_client.rs`.

use crate::helpers::{TestApp, TestResponse};
use crate::workshops::fixed;
use actix_web::test::TestRequest;
use balai::db::{partners, reports};
use balai::domain::case::{Actor, Status};
use balai::domain::partner;
use secrecy::ExposeSecret;
use time::macros::datetime;

fn now() -> time::OffsetDateTime {
    datetime!(2026-11-27 12:00 UTC)
}

async fn app() -> TestApp {
    TestApp::spawn_with(fixed, |_| {}).await
}

/// A partner key with `scopes` and a limit a minute; (partner id, key).
pub async fn key(app: &TestApp, scopes: &str, per_minute: i64) -> (i64, String) {
    let k = partner::generate().unwrap();
    let id = partners::create(
        &app.state.db,
        &partners::NewPartner {
            name: "Aplikasi Kota",
            agency: None,
            scopes,
            key_hash: &k.hash,
            key_prefix: &k.prefix,
            per_minute,
            created_by: None,
        },
        now(),
    )
    .await
    .unwrap();
    (id, k.secret.expose_secret().to_owned())
}

/// A valid POST body (a public complaint in Kota Denpasar) with `extra` fields replacing
/// or adding to it.
pub fn body(api_key: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("api_key", api_key),
        ("service_code", "infrastructure"),
        (
            "description",
            "Trotoar di depan kantor rusak dan berlubang.",
        ),
        ("attribute[kind]", "complaint"),
        ("attribute[privacy]", "public"),
        ("attribute[consent]", "yes"),
        ("attribute[regency]", "51.71"),
        ("first_name", "Made"),
        ("last_name", "Wirawan"),
        ("email", "made.wirawan@example.id"),
        ("phone", "081234567890"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (k, v) in extra {
        fields.retain(|(f, _)| f != k);
        if !v.is_empty() {
            fields.push(((*k).to_owned(), (*v).to_owned()));
        }
    }
    fields
}

async fn post(app: &TestApp, format: &str, fields: &[(String, String)]) -> TestResponse {
    app.call(
        TestRequest::post()
            .uri(&format!("/open311/v2/requests.{format}"))
            .set_form(fields),
    )
    .await
}

fn json(res: &TestResponse) -> serde_json::Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// The XML parsed (it must start with a declaration); the root's name checked.
fn xml<'a>(res: &'a TestResponse, root: &str) -> roxmltree::Document<'a> {
    assert!(
        res.body
            .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{}",
        res.body
    );
    let doc = roxmltree::Document::parse(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body));
    assert_eq!(doc.root_element().tag_name().name(), root, "{}", res.body);
    doc
}

/// The texts of every `name` element.
fn texts(doc: &roxmltree::Document<'_>, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name(name))
        .map(|n| n.text().unwrap_or_default().to_owned())
        .collect()
}

/// An Open311 error answer: status, the format's content type, the list's code.
fn assert_error(res: &TestResponse, format: &str, status: u16) {
    assert_eq!(res.status.as_u16(), status, "{}", res.body);
    if format == "json" {
        assert_eq!(
            res.header("content-type"),
            "application/json; charset=utf-8"
        );
        let v = json(res);
        let list = v.as_array().unwrap_or_else(|| panic!("{}", res.body));
        assert!(!list.is_empty());
        for e in list {
            assert_eq!(e["code"], status, "{}", res.body);
            assert!(!e["description"].as_str().unwrap().is_empty());
        }
    } else {
        assert_eq!(res.header("content-type"), "text/xml; charset=utf-8");
        let doc = xml(res, "errors");
        assert_eq!(texts(&doc, "code")[0], status.to_string(), "{}", res.body);
        assert!(!texts(&doc, "description")[0].is_empty());
    }
}

async fn move_to(app: &TestApp, code: &str, status: &[&str]) {
    let r = crate::reports::report_of(app, code).await;
    for s in status {
        reports::set_status(
            &app.state.db,
            r.id,
            Status::parse(s).unwrap(),
            Actor::Verifier,
            true,
            None,
            now(),
        )
        .await
        .unwrap();
    }
}

/// A report posted by a partner; its tracking code.
async fn posted(app: &TestApp, key: &str, extra: &[(&str, &str)]) -> String {
    let res = post(app, "json", &body(key, extra)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    json(&res)[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    balai::on_pool!(&app.state.db, p => sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await)
        .unwrap()
}

#[actix_web::test]
async fn reads_answer_in_xml_and_json_with_public_reports_only() {
    let app = app().await;
    let (_, k) = key(&app, "submit", 100).await;
    let closed = posted(&app, &k, &[]).await;
    move_to(&app, &closed, &["verified", "routed", "answered", "closed"]).await;
    let open = posted(
        &app,
        &k,
        &[
            ("attribute[privacy]", "anonymous"),
            ("service_code", "health"),
        ],
    )
    .await;
    move_to(&app, &open, &["verified"]).await;
    let confidential = posted(&app, &k, &[("attribute[privacy]", "confidential")]).await;
    move_to(&app, &confidential, &["verified", "routed"]).await;
    let unchecked = posted(&app, &k, &[]).await;
    let hidden = [&confidential, &unchecked];

    for format in ["json", "xml"] {
        let ct = if format == "json" {
            "application/json; charset=utf-8"
        } else {
            "text/xml; charset=utf-8"
        };
        // Discovery.
        let res = app.get(&format!("/open311/v2/discovery.{format}")).await;
        assert_eq!(res.status, 200);
        assert_eq!(res.header("content-type"), ct);
        assert_eq!(res.header("access-control-allow-origin"), "*");
        if format == "json" {
            let d = json(&res);
            assert_eq!(
                d["endpoints"][0]["specification"],
                "http://wiki.open311.org/GeoReport_v2"
            );
            assert_eq!(d["endpoints"][0]["formats"].as_array().unwrap().len(), 2);
            for f in ["changeset", "contact", "key_service"] {
                assert!(d[f].is_string(), "{f}");
            }
        } else {
            let d = xml(&res, "discovery");
            assert_eq!(texts(&d, "format"), ["text/xml", "application/json"]);
        }
        // Services: every category, each with a definition.
        let res = app.get(&format!("/open311/v2/services.{format}")).await;
        assert_eq!(res.status, 200);
        assert_eq!(res.header("content-type"), ct);
        let codes = if format == "json" {
            json(&res)
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    assert_eq!(s["metadata"], true);
                    assert_eq!(s["type"], "realtime");
                    s["service_code"].as_str().unwrap().to_owned()
                })
                .collect::<Vec<_>>()
        } else {
            texts(&xml(&res, "services"), "service_code")
        };
        let content = app.state.content();
        assert_eq!(codes.len(), content.taxonomy.categories.len());
        assert!(codes.contains(&"infrastructure".to_owned()));
        // A definition.
        let res = app
            .get(&format!("/open311/v2/services/infrastructure.{format}"))
            .await;
        assert_eq!(res.status, 200, "{}", res.body);
        let attrs = if format == "json" {
            let d = json(&res);
            assert_eq!(d["service_code"], "infrastructure");
            d["attributes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["code"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        } else {
            let d = xml(&res, "service_definition");
            let orders = texts(&d, "order");
            assert_eq!(orders.first().map(String::as_str), Some("1"));
            texts(&d, "code")
        };
        for a in [
            "kind",
            "province",
            "regency",
            "privacy",
            "consent",
            "occurred_on",
        ] {
            assert!(attrs.contains(&a.to_owned()), "{a} in {attrs:?}");
        }
        assert_error(
            &app.get(&format!("/open311/v2/services/no-such.{format}"))
                .await,
            format,
            404,
        );

        // Requests: the two public ones, newest first, nothing personal.
        let res = app.get(&format!("/open311/v2/requests.{format}")).await;
        assert_eq!(res.status, 200, "{}", res.body);
        assert_eq!(res.header("content-type"), ct);
        for secret in [
            "Made",
            "Wirawan",
            "made.wirawan",
            "081234567890",
            "example.id",
        ] {
            assert!(!res.body.contains(secret), "{secret} in {}", res.body);
        }
        let ids_of = |res: &TestResponse| -> Vec<String> {
            if format == "json" {
                json(res)
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["service_request_id"].as_str().unwrap().to_owned())
                    .collect()
            } else {
                texts(&xml(res, "service_requests"), "service_request_id")
            }
        };
        assert_eq!(ids_of(&res), [open.clone(), closed.clone()], "{}", res.body);
        for h in hidden {
            assert!(!res.body.contains(h.as_str()), "{h} listed");
        }
        if format == "json" {
            let list = json(&res);
            let r = &list[1];
            assert_eq!(r["status"], "closed");
            assert_eq!(r["service_code"], "infrastructure");
            assert!(r["address"].as_str().unwrap().contains("Kota Denpasar"));
            assert!(r["requested_datetime"].as_str().unwrap().ends_with('Z'));
            assert_eq!(list[0]["status"], "open");
            assert!(r.get("lat").is_none() && r.get("media_url").is_none());
        }
        // Filters.
        let q = |query: &str| format!("/open311/v2/requests.{format}?{query}");
        assert_eq!(
            ids_of(&app.get(&q("status=closed")).await),
            std::slice::from_ref(&closed)
        );
        assert_eq!(
            ids_of(&app.get(&q("status=open")).await),
            std::slice::from_ref(&open)
        );
        assert_eq!(ids_of(&app.get(&q("status=open,closed")).await).len(), 2);
        assert_eq!(
            ids_of(&app.get(&q("service_code=health")).await),
            std::slice::from_ref(&open)
        );
        assert_eq!(
            ids_of(
                &app.get(&q("service_code=health,infrastructure&status="))
                    .await
            )
            .len(),
            2
        );
        assert_eq!(
            ids_of(
                &app.get(&q(&format!("service_request_id={closed},{confidential}")))
                    .await
            ),
            std::slice::from_ref(&closed)
        );
        assert!(
            ids_of(&app.get(&q("start_date=2026-11-28T00:00:00Z")).await).is_empty(),
            "nothing sent after the clock's now"
        );
        assert_eq!(
            ids_of(
                &app.get(&q(
                    "start_date=2026-11-01T00:00:00%2B08:00&end_date=2026-11-28T00:00:00Z"
                ))
                .await
            )
            .len(),
            2
        );
        assert!(
            ids_of(&app.get(&q("end_date=2026-01-01T00:00:00Z")).await).is_empty(),
            "90 days before an early end date"
        );
        // Paging.
        assert_eq!(
            ids_of(&app.get(&q("page_size=1")).await),
            std::slice::from_ref(&open)
        );
        assert_eq!(
            ids_of(&app.get(&q("page_size=1&page=2")).await),
            std::slice::from_ref(&closed)
        );
        assert!(ids_of(&app.get(&q("page_size=1&page=3")).await).is_empty());
        // One request; a non-public or unknown one is the same 404.
        let res = app
            .get(&format!("/open311/v2/requests/{closed}.{format}"))
            .await;
        assert_eq!(ids_of(&res), std::slice::from_ref(&closed));
        for id in [
            confidential.as_str(),
            unchecked.as_str(),
            "AAAA-BBBB-C",
            "%3Cx%3E",
        ] {
            let res = app
                .get(&format!("/open311/v2/requests/{id}.{format}"))
                .await;
            assert_error(&res, format, 404);
        }
        // Bad parameters: 400 (unknown service: 404), in the format asked for.
        for (query, status) in [
            ("start_date=yesterday", 400),
            ("end_date=2026-01-01", 400),
            ("status=pending", 400),
            ("page=0", 400),
            ("page_size=1001", 400),
            ("page=-1", 400),
            ("page_size=1e3", 400),
            ("service_code=no-such", 404),
            ("start_date=%FF%FE", 400),
        ] {
            assert_error(&app.get(&q(query)).await, format, status);
        }
        let many = vec!["x"; 101].join(",");
        assert_error(
            &app.get(&q(&format!("service_request_id={many}"))).await,
            format,
            400,
        );
    }
    // An unknown format is not an Open311 answer.
    assert_eq!(app.get("/open311/v2/services.html").await.status, 404);
    assert_eq!(app.get("/open311/v2/requests.csv").await.status, 404);
}

#[actix_web::test]
async fn a_partner_post_makes_one_report_through_the_forms_workflow() {
    let app = app().await;
    let (partner_id, k) = key(&app, "submit,read", 100).await;
    for format in ["json", "xml"] {
        let fields = body(
            &k,
            &[
                ("lat", "-8.6705"),
                ("long", "115.2126"),
                ("media_url", "https://example.org/foto.jpg"),
                ("attribute[title]", "Trotoar rusak"),
                ("attribute[place]", "Jalan Gajah Mada"),
                ("attribute[occurred_on]", "2026-11-20"),
            ],
        );
        let res = post(&app, format, &fields).await;
        assert_eq!(res.status, 200, "{}", res.body);
        let (code, access_key) = if format == "json" {
            let v = json(&res);
            assert_eq!(v.as_array().unwrap().len(), 1);
            assert!(
                v[0]["service_notice"]
                    .as_str()
                    .is_some_and(|n| !n.is_empty())
            );
            (
                v[0]["service_request_id"].as_str().unwrap().to_owned(),
                v[0]["access_key"].as_str().unwrap().to_owned(),
            )
        } else {
            let d = xml(&res, "service_requests");
            (
                texts(&d, "service_request_id")[0].clone(),
                texts(&d, "access_key")[0].clone(),
            )
        };
        let r = crate::reports::report_of(&app, &code).await;
        assert_eq!(r.status, Status::Submitted);
        assert_eq!(r.title, "Trotoar rusak");
        assert_eq!((r.province.as_str(), r.regency.as_str()), ("51", "51.71"));
        assert_eq!(r.place.as_deref(), Some("Jalan Gajah Mada"));
        assert_eq!(r.occurred_on, "2026-11-20");
        assert_eq!(r.reporter_name.as_deref(), Some("Made Wirawan"));
        assert_eq!(
            r.key_hash,
            balai::domain::access_key::AccessKey::parse(&access_key)
                .unwrap()
                .hash(),
            "the access key given to the partner opens the report"
        );
        let (channel, pid, lat, media): (String, Option<i64>, Option<f64>, Option<String>) = balai::on_pool!(&app.state.db, p => sqlx::query_as(
            "SELECT channel, partner_id, latitude, media_url FROM reports WHERE code = $1").bind(&code).fetch_one(p).await).unwrap();
        assert_eq!(channel, "partner");
        assert_eq!(pid, Some(partner_id));
        assert_eq!(lat, Some(-8.6705));
        assert_eq!(media.as_deref(), Some("https://example.org/foto.jpg"));
        // The timeline starts as the form's does.
        assert_eq!(
            count(&app, &format!("SELECT COUNT(*) FROM report_events WHERE report_id = {} AND kind = 'submitted'", r.id)).await,
            1
        );
    }
    // Two posts without a key of retry: two reports.
    let before = count(&app, "SELECT COUNT(*) FROM reports").await;
    posted(&app, &k, &[]).await;
    posted(&app, &k, &[]).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM reports").await,
        before + 2
    );

    // Retries with an Idempotency-Key: one report, the same answer; the same key with
    // another request: 422.
    let fields = body(&k, &[]);
    let send = |idem: &'static str, fields: Vec<(String, String)>| {
        let app = &app;
        async move {
            app.call(
                TestRequest::post()
                    .uri("/open311/v2/requests.json")
                    .insert_header(("idempotency-key", idem))
                    .set_form(&fields),
            )
            .await
        }
    };
    let before = count(&app, "SELECT COUNT(*) FROM reports").await;
    let first = send("\"retry-1\"", fields.clone()).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = send("retry-1", fields.clone()).await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    let other = send("retry-1", body(&k, &[("description", "Lain sekali.")])).await;
    assert_error(&other, "json", 422);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM reports").await,
        before + 1
    );
    // The same with Open311's client_token, and after the sent draft is gone (an hour).
    let with_token = body(&k, &[("client_token", "tok-7")]);
    let first = post(&app, "xml", &with_token).await;
    assert_eq!(first.status, 200, "{}", first.body);
    balai::on_pool!(&app.state.db, p => sqlx::query("DELETE FROM report_drafts").execute(p).await.map(|_| ())).unwrap();
    let again = post(&app, "xml", &with_token).await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM reports").await,
        before + 2
    );
    // A refused request does not take its key: corrected, it is sent.
    let bad = send("fix-1", body(&k, &[("attribute[kind]", "")])).await;
    assert_error(&bad, "json", 400);
    let fixed_res = send("fix-1", body(&k, &[])).await;
    assert_eq!(fixed_res.status, 200, "{}", fixed_res.body);

    // Privacy honoured: an anonymous report keeps no name; address_string finds the area.
    let code = posted(
        &app,
        &k,
        &[
            ("attribute[privacy]", "anonymous"),
            ("attribute[regency]", ""),
            ("first_name", ""),
            ("last_name", ""),
            ("email", ""),
            ("phone", ""),
            (
                "address_string",
                "Jl. Raya Kuta No. 1, Kabupaten Badung, Bali",
            ),
        ],
    )
    .await;
    let r = crate::reports::report_of(&app, &code).await;
    assert_eq!(r.privacy, balai::domain::report::Privacy::Anonymous);
    assert_eq!((r.reporter_name, r.regency.as_str()), (None, "51.03"));
    // Every use is in the partner audit log, with the path and never the key.
    let audit = partners::audit(&app.state.db, partner_id, 500)
        .await
        .unwrap();
    assert!(
        audit
            .iter()
            .any(|a| a.action == partner::PartnerEvent::ReportCreated)
    );
    assert!(
        audit
            .iter()
            .all(|a| !a.detail.as_deref().unwrap_or_default().contains(&k))
    );
    assert!(
        audit
            .iter()
            .any(|a| a.detail.as_deref() == Some("POST /open311/v2/requests.json"))
    );
}

#[actix_web::test]
async fn keys_are_checked_rate_limited_and_revocable() {
    let app = app().await;
    let reports_now = || count(&app, "SELECT COUNT(*) FROM reports");
    let (_, reader) = key(&app, "read", 100).await;
    let (revoked_id, revoked) = key(&app, "submit", 100).await;
    assert!(
        partners::revoke(&app.state.db, revoked_id, None, now())
            .await
            .unwrap()
    );
    let (_, limited) = key(&app, "submit", 2).await;
    for format in ["json", "xml"] {
        for k in [
            "",
            "nope",
            "balai_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            &reader,
            &revoked,
        ] {
            let res = post(&app, format, &body(k, &[])).await;
            assert_error(&res, format, 403);
        }
    }
    assert_eq!(reports_now().await, 0);
    // The key in the query string works too (some clients put it there).
    let mut fields = body(&limited, &[]);
    fields.retain(|(k, _)| k != "api_key");
    let res = app
        .call(
            TestRequest::post()
                .uri(&format!("/open311/v2/requests.json?api_key={limited}"))
                .set_form(&fields),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(post(&app, "json", &body(&limited, &[])).await.status, 200);
    // The third request within the minute: 429 with Retry-After, nothing made.
    let res = post(&app, "xml", &body(&limited, &[])).await;
    assert_error(&res, "xml", 429);
    let wait: i64 = res.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(reports_now().await, 2);
    // Revoking works at once.
    let (id, k) = key(&app, "submit", 100).await;
    assert_eq!(post(&app, "json", &body(&k, &[])).await.status, 200);
    partners::revoke(&app.state.db, id, None, now())
        .await
        .unwrap();
    assert_error(&post(&app, "json", &body(&k, &[])).await, "json", 403);
    // A cross-site POST is fine here (a machine API with a key, no cookie).
    let (_, k) = key(&app, "submit", 100).await;
    let res = app
        .call(
            TestRequest::post()
                .uri("/open311/v2/requests.json")
                .insert_header(("sec-fetch-site", "cross-site"))
                .insert_header(("origin", "https://partner.example"))
                .set_form(body(&k, &[])),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
}

#[actix_web::test]
async fn hostile_input_is_refused_with_a_4xx_never_a_500() {
    let app = app().await;
    let (_, k) = key(&app, "submit", 1000).await;
    let long = "x".repeat(4001);
    let huge = "y".repeat(30_000);
    let cases: Vec<(Vec<(&str, &str)>, u16)> = vec![
        (vec![("service_code", "")], 400),
        (vec![("service_code", "no-such")], 404),
        (vec![("service_code", "<script>")], 404),
        (vec![("description", "")], 400),
        (vec![("description", &long)], 400),
        (vec![("attribute[title]", &huge)], 400),
        (vec![("attribute[kind]", "")], 400),
        (vec![("attribute[kind]", "pizza")], 400),
        (vec![("attribute[privacy]", "")], 400),
        (vec![("attribute[privacy]", "secret")], 400),
        (vec![("attribute[consent]", "")], 400),
        (vec![("attribute[regency]", "")], 400),
        (vec![("attribute[regency]", "99.99")], 400),
        (
            vec![("attribute[regency]", ""), ("address_string", "Somewhere")],
            400,
        ),
        (
            vec![("attribute[regency]", ""), ("address_string", "Bogor")],
            400,
        ),
        (vec![("attribute[occurred_on]", "yesterday")], 400),
        (vec![("attribute[occurred_on]", "2026-02-30")], 400),
        (vec![("attribute[occurred_on]", "2099-01-01")], 400),
        (vec![("attribute[occurred_on]", "é")], 400),
        (vec![("attribute[agency]", "no-such")], 400),
        (vec![("lat", "-8.6")], 400),
        (vec![("lat", "abc"), ("long", "1")], 400),
        (vec![("lat", "91"), ("long", "1")], 400),
        (vec![("lat", "NaN"), ("long", "NaN")], 400),
        (vec![("media_url", "file:///etc/passwd")], 400),
        (vec![("media_url", "javascript:alert(1)")], 400),
        (vec![("email", "not-an-email")], 400),
        (vec![("first_name", ""), ("last_name", "")], 400),
        (vec![("email", ""), ("phone", "")], 400),
        (vec![("description", "a\u{0}b")], 400),
        (vec![("client_token", "has space")], 400),
    ];
    for (extra, status) in cases {
        let res = post(&app, "json", &body(&k, &extra)).await;
        assert_eq!(res.status.as_u16(), status, "{extra:?}: {}", res.body);
        assert_error(&res, "json", status);
    }
    // Several problems are listed together.
    let res = post(
        &app,
        "xml",
        &body(&k, &[("attribute[kind]", ""), ("attribute[privacy]", "")]),
    )
    .await;
    assert_error(&res, "xml", 400);
    assert!(
        texts(&xml(&res, "errors"), "error").len() >= 2,
        "{}",
        res.body
    );
    // Too large, not a form, not UTF-8, too many parameters.
    let big = format!("api_key={k}&description={}", "z".repeat(70_000));
    let res = app
        .call(
            TestRequest::post()
                .uri("/open311/v2/requests.json")
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .set_payload(big),
        )
        .await;
    assert_error(&res, "json", 413);
    let res = app
        .call(
            TestRequest::post()
                .uri("/open311/v2/requests.xml")
                .insert_header(("content-type", "application/json"))
                .set_payload("{}"),
        )
        .await;
    assert_error(&res, "xml", 400);
    let res = app
        .call(
            TestRequest::post()
                .uri("/open311/v2/requests.json")
                .insert_header(("content-type", "application/x-www-form-urlencoded"))
                .set_payload(&b"api_key=\xff\xfe&service_code=x"[..]),
        )
        .await;
    assert_error(&res, "json", 400);
    let many: Vec<(String, String)> = (0..150)
        .map(|i| (format!("attribute[a{i}]"), "v".to_owned()))
        .chain(body(&k, &[]))
        .collect();
    assert_error(&post(&app, "json", &many).await, "json", 400);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM reports").await, 0);
    // Other methods are refused.
    let res = app
        .call(TestRequest::post().uri("/open311/v2/services.json"))
        .await;
    assert_eq!(res.status, 405);
}

#[actix_web::test]
async fn idempotency_keys_are_forgotten_after_their_lifetime_and_answered_within_it() {
    let app = app().await;
    let (partner_id, k) = key(&app, "submit", 100).await;
    let retry = || {
        app.call(
            TestRequest::post()
                .uri("/open311/v2/requests.json")
                .insert_header(("idempotency-key", "kept-1"))
                .set_form(body(&k, &[])),
        )
    };
    let first = retry().await;
    assert_eq!(first.status, 200, "{}", first.body);
    // Keys taken long ago: a partner's, an agency API answer and a back-office form claim.
    let days = balai::retention::IDEMPOTENCY_KEY_DAYS;
    let old = now() - time::Duration::days(days) - time::Duration::minutes(1);
    let fresh = now() - time::Duration::days(days) + time::Duration::hours(1);
    for (name, at) in [("old", old), ("fresh", fresh)] {
        partners::take_idempotency_key(&app.state.db, partner_id, name, "f", at)
            .await
            .unwrap();
        balai::db::webhooks::keep_answer(&app.state.db, partner_id, name, "f", 200, "{}", at)
            .await
            .unwrap();
        balai::db::webhooks::claim_form(&app.state.db, -1, name, at)
            .await
            .unwrap();
    }
    balai::retention::erase_due(&app.state, now())
        .await
        .unwrap();
    let keys = |table: &str| {
        let sql = format!("SELECT idem_key FROM {table} ORDER BY idem_key");
        let app = &app;
        async move {
            balai::on_pool!(&app.state.db, p => sqlx::query_scalar::<_, String>(&sql).fetch_all(p).await)
                .unwrap()
        }
    };
    assert_eq!(keys("partner_idempotency").await, ["fresh", "kept-1"]);
    assert_eq!(keys("agency_api_idempotency").await, ["fresh", "fresh"]);
    // A retry within the lifetime still gets the first answer, and makes no report.
    let reports = count(&app, "SELECT COUNT(*) FROM reports").await;
    let again = retry().await;
    assert_eq!((again.status, &again.body), (first.status, &first.body));
    // After it, the key is forgotten: the same request is a new one.
    let later = now() + time::Duration::days(days) + time::Duration::minutes(1);
    balai::retention::erase_due(&app.state, later)
        .await
        .unwrap();
    assert!(keys("partner_idempotency").await.is_empty());
    assert!(keys("agency_api_idempotency").await.is_empty());
    assert_eq!(count(&app, "SELECT COUNT(*) FROM reports").await, reports);
}
