//! One integration-test binary (one link step): each module covers a feature.
//! Runs on SQLite, or on PostgreSQL when `BALAI_TEST_POSTGRES_URL` is set (`.ci/run` runs both).

// Test helpers outside #[test] functions may panic: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accessibility;
mod agency;
mod architecture;
mod body_limits;
mod by_hand;
mod content;
mod desk;
mod disk_full;
mod durability;
mod errors;
mod finding;
mod fuzz_corpora;
mod head;
mod helpers;
mod hostile;
mod http_cache;
mod i18n;
mod infrastructure;
mod instances;
mod journey;
mod mail;
mod mail_admin;
mod mail_reliability;
mod mail_reports;
mod mail_workshops;
mod nginx_cache;
mod open311;
mod open311_client;
mod openapi;
mod outage;
mod page_cache;
mod public;
mod replica;
mod reports;
mod retention;
mod review;
mod route_matrix;
mod shutdown;
mod smtp;
mod snapshots;
mod staff;
mod staff_and_places;
mod workshops;
