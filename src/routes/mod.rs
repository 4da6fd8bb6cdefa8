//! HTTP handlers, one module per feature. Handlers stay thin: extract, parse into
//! domain types, call `db`, render a view or redirect with 303. `startup.rs` wires them.

pub mod agency_api;
pub mod api_key;
pub mod assets;
pub mod barrier;
pub mod browse;
pub mod campaigns;
pub mod extract;
pub mod health;
pub mod home;
pub mod language;
pub mod mail;
pub mod media;
pub mod open311;
pub mod open_data;
pub mod openapi;
pub mod pages;
pub mod reports;
pub mod robots;
pub mod slash;
pub mod staff;
pub mod statistics;
pub mod workshops;
