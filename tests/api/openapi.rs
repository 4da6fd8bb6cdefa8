//! The `OpenAPI` document of the machine endpoints (issue #19 item 6): `/api/openapi.json`
//! serves `docs/openapi.json` as it is, the document is `OpenAPI` 3.1 whose references all
//! resolve, and its paths are exactly the machine routes of `src/startup.rs` (Open311, the
//! agency API, open data and feeds, the document itself), method by method, so neither can
//! change without the other. The full validation (openapi-spec-validator) and the
//! property-based tests (schemathesis) are in `tests/contract/run.sh`, run by `.ci/run`.

use crate::helpers::{TestApp, repo};
use crate::route_matrix::router_routes;
use serde_json::Value;
use std::collections::BTreeSet;

/// Where the machine routes live: everything under these prefixes is in the document.
const MACHINE_PREFIXES: [&str; 4] = ["/open311/", "/api/", "/data/", "/feeds/"];

fn document() -> Value {
    let text = std::fs::read_to_string(repo().join("docs/openapi.json")).unwrap();
    serde_json::from_str(&text).expect("docs/openapi.json is JSON")
}

#[actix_web::test]
async fn the_document_is_served_as_it_is_kept() {
    let app = TestApp::spawn().await;
    let res = app.get("/api/openapi.json").await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    let kept = std::fs::read_to_string(repo().join("docs/openapi.json")).unwrap();
    assert_eq!(
        res.body, kept,
        "/api/openapi.json differs from docs/openapi.json"
    );
}

/// Every `$ref` of `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => out.push(r),
                    _ => refs(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn the_document_is_openapi_3_1_and_every_reference_resolves() {
    let doc = document();
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(
        version.starts_with("3.1."),
        "openapi is {version:?}, not 3.1.x"
    );
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(!all.is_empty());
    for r in all {
        let pointer = r
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("{r}: only references inside the document"));
        assert!(doc.pointer(pointer).is_some(), "{r} resolves to nothing");
    }
    // Every operation says what it answers, and has an id of its own.
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            assert!(
                op["responses"].as_object().is_some_and(|r| !r.is_empty()),
                "{method} {path} lists no responses"
            );
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(!id.is_empty(), "{method} {path} has no operationId");
            assert!(ids.insert(id.to_owned()), "operationId {id} twice");
        }
    }
}

#[test]
fn every_machine_route_is_in_the_document_and_every_path_is_a_route() {
    let routes: BTreeSet<(String, String)> = router_routes()
        .into_iter()
        .filter(|(_, path)| MACHINE_PREFIXES.iter().any(|p| path.starts_with(p)))
        .map(|(method, path)| (method.to_uppercase(), path))
        .collect();
    assert!(
        routes.iter().any(|(_, p)| p.starts_with("/open311/"))
            && routes.iter().any(|(_, p)| p.starts_with("/data/")),
        "too few machine routes read from startup.rs: {routes:?}"
    );
    let doc = document();
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| {
                    [
                        "get", "put", "post", "delete", "options", "head", "patch", "trace",
                    ]
                    .contains(&k.as_str())
                })
                .map(|m| (m.to_uppercase(), path.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    let missing: Vec<_> = routes.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routes).collect();
    assert!(
        missing.is_empty(),
        "machine routes of src/startup.rs missing from docs/openapi.json: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "paths of docs/openapi.json that are not routes of src/startup.rs: {extra:?}"
    );
}
