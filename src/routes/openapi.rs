//! `/api/openapi.json`: the `OpenAPI` 3.1 document of every machine endpoint (Open311, the
//! agency API, open data), issue #19 item 6.
//!
//! The document is kept by hand in `docs/openapi.json` and compiled in: the routes are
//! plain actix handlers, and describing them with a generator would mean annotations on
//! every handler and another dependency, for a document that is mostly prose about
//! Open311's conventions. It cannot drift unseen: `tests/api/openapi.rs` fails when a
//! machine route of `startup.rs` is missing from it or a path in it is not a route, and
//! `tests/contract/run.sh` (CI) validates it and runs schemathesis against a running Balai.

use actix_web::HttpResponse;
use actix_web::http::header;

/// The document, as served.
pub const DOCUMENT: &str = include_str!("../../docs/openapi.json");

/// GET /api/openapi.json
#[tracing::instrument(level = "debug", skip_all)]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .body(DOCUMENT)
}
