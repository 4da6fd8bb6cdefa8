//! Balai: an accessible, server-rendered public portal for reports, case tracking,
//! campaigns and workshops. The binary in `main.rs` is a thin shell over this library,
//! so integration tests build exactly the application that ships.

pub mod assets;
pub mod body_limit;
pub mod cli;
pub mod commands;
pub mod compress;
pub mod content;
pub mod db;
pub mod domain;
pub mod drain;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod head;
pub mod http;
pub mod http_cache;
pub mod i18n;
pub mod ics;
pub mod mail;
pub mod page_cache;
pub mod photos;
pub mod replica;
pub mod retention;
pub mod routes;
pub mod security;
pub mod seed;
pub mod settings;
pub mod stamped_cache;
pub mod startup;
pub mod state;
pub mod stats;
pub mod telemetry;
pub mod ttl_cache;
pub mod views;
pub mod webhooks;
