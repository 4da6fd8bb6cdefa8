//! HTML views: pure maud functions of `(&PageCtx, data)`. They never touch the
//! database and never build HTML with `format!`; every visible word comes from Fluent
//! through [`PageCtx::t`].

pub mod errors;
pub mod home;
pub mod layout;
pub mod pages;

use crate::i18n::Locale;
use crate::startup::AppState;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use fluent_templates::fluent_bundle::FluentValue;
use maud::Markup;

/// What every view needs: the language, the current path and the shared state.
#[derive(Clone)]
pub struct PageCtx {
    /// Shared application state (text, content, assets).
    pub state: web::Data<AppState>,
    /// The page's language.
    pub locale: Locale,
    /// The path after the language prefix, starting with `/` (`/pages/about`).
    pub path: String,
    /// The query string, kept so the language switch lands on the same results.
    pub query: String,
}

impl PageCtx {
    /// A context for `locale` at `path`.
    pub fn new(state: web::Data<AppState>, locale: Locale, path: &str, query: &str) -> Self {
        Self {
            state,
            locale,
            path: path.to_owned(),
            query: query.to_owned(),
        }
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.state.i18n.t(&self.locale, id)
    }

    /// The message `id` with variables.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.state.i18n.t_args(&self.locale, id, args)
    }

    /// `path` under the page's language prefix (`/about` -> `/id/about`).
    pub fn url(&self, path: &str) -> String {
        let mut url = String::with_capacity(path.len() + 4);
        url.push('/');
        url.push_str(&self.locale.tag);
        url.push_str(path);
        url
    }

    /// The cache-busting URL of an asset.
    pub fn asset(&self, name: &str) -> String {
        self.state.assets.url(name)
    }

    /// This page in every other offered language: (language, its own name for itself, URL).
    pub fn alternates(&self) -> Vec<(Locale, String, String)> {
        self.state
            .i18n
            .offered()
            .filter(|l| **l != self.locale)
            .map(|l| {
                let name = self.state.i18n.t(l, "language-name");
                let mut href = format!("/{}{}", l.tag, self.path);
                if !self.query.is_empty() {
                    href.push('?');
                    href.push_str(&self.query);
                }
                (l.clone(), name, href)
            })
            .collect()
    }
}

/// An HTML response with `status`.
pub fn html(status: StatusCode, markup: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}
