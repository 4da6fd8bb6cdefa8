//! Health, assets, compression, security headers on non-HTML responses, durable
//! database settings and matching migration trees.

use crate::helpers::{TestApp, repo, sel};
use actix_web::test::TestRequest;
use balai::db::Db;
use balai::startup::CSP;
use std::collections::BTreeSet;

#[actix_web::test]
async fn health_answers_when_the_database_does() {
    let app = TestApp::spawn().await;
    let res = app.get("/health").await;
    assert_eq!((res.status.as_u16(), res.body.as_str()), (200, "ok"));
    assert_eq!(res.header("content-security-policy"), CSP);
    app.state.db.close().await;
    assert_eq!(
        app.get("/health").await.status,
        503,
        "a closed pool is unhealthy"
    );
    // A page that needs the database says the service is not available, in words.
    let res = app.get("/en/workshops").await;
    assert_eq!(res.status, 503);
    assert_eq!(res.header("retry-after"), "30");
    assert_eq!(
        crate::helpers::text_of(&res.html(), "h1"),
        "The service is not available right now"
    );
    crate::accessibility::assert_accessible_shell("503", &res);
}

#[actix_web::test]
async fn css_is_served_by_hash_with_immutable_caching() {
    let app = TestApp::spawn().await;
    let doc = app.get("/id/").await.html();
    let href = doc
        .select(&sel("link[rel=stylesheet]"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(
        href.starts_with("/assets/") && href.ends_with("/css/site.css"),
        "{href}"
    );
    let res = app.get(&href).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), "text/css; charset=utf-8");
    assert_eq!(
        res.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    assert_eq!(res.header("x-content-type-options"), "nosniff");
    assert_eq!(
        app.get("/assets/0000000000000000/css/site.css")
            .await
            .status,
        404,
        "stale hash"
    );
    assert_eq!(
        app.get("/assets/x/../../Cargo.toml").await.status,
        404,
        "path traversal"
    );
}

#[actix_web::test]
async fn pages_are_compressed_when_the_browser_accepts_it() {
    let app = TestApp::spawn().await;
    for encoding in ["gzip", "br"] {
        let res = app
            .call(
                TestRequest::get()
                    .uri("/id/pages/help")
                    .insert_header(("Accept-Encoding", encoding)),
            )
            .await;
        assert_eq!(res.status, 200);
        assert_eq!(res.header("content-encoding"), encoding);
    }
}

#[actix_web::test]
async fn the_database_runs_with_durable_settings() {
    let app = TestApp::spawn().await;
    match &app.state.db {
        Db::Sqlite(pool) => {
            let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
                .fetch_one(pool)
                .await
                .unwrap();
            let sync: i64 = sqlx::query_scalar("PRAGMA synchronous")
                .fetch_one(pool)
                .await
                .unwrap();
            let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!((journal.as_str(), sync, fk), ("wal", 2, 1));
        }
        Db::Postgres(pool) => {
            let fsync: String = sqlx::query_scalar("SHOW fsync")
                .fetch_one(pool)
                .await
                .unwrap();
            assert_eq!(fsync, "on");
        }
    }
    // Write transactions work on both backends and commit durably.
    let tx = app.state.db.begin_write().await.unwrap();
    tx.commit().await.unwrap();
}

#[test]
fn both_migration_trees_have_the_same_versions() {
    let versions = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(repo().join("migrations").join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let sqlite = versions("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, versions("postgres"));
}

#[actix_web::test]
async fn a_database_url_of_another_kind_is_refused_with_a_message() {
    let err = Db::connect("mysql://localhost/balai").await.unwrap_err();
    assert!(err.to_string().contains("sqlite: or postgres://"), "{err}");
}
