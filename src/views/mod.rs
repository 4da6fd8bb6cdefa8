//! HTML views: pure maud functions of `(&PageCtx, data)`. They never touch the
//! database and never build HTML with `format!`; every visible word comes from Fluent
//! through [`PageCtx::t`]. No view imports `startup`, `state`, `routes` or `db`
//! (`tests/api/architecture.rs` checks).

pub mod barrier;
pub mod browse;
pub mod campaigns;
pub mod components;
pub mod dates;
pub mod errors;
pub mod feeds;
pub mod home;
pub mod layout;
pub mod mail;
pub mod open311;
pub mod pages;
pub mod reports;
pub mod staff;
pub mod staff_digest;
pub mod staff_workshops;
pub mod statistics;
pub mod track;
pub mod workshops;

use crate::assets::Assets;
use crate::content::ContentStore;
use crate::i18n::{I18n, Locale};
use crate::settings::Clock;
use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use fluent_templates::fluent_bundle::FluentValue;
use maud::Markup;
use std::sync::Arc;

/// What every view needs, and nothing more: the language, the current path and query, the
/// content, the messages, the assets and the clock. Handlers make it (`PageCtx` is an
/// extractor, `routes::extract`) and keep the application state to themselves.
#[derive(Clone)]
pub struct PageCtx {
    /// The page's language.
    pub locale: Locale,
    /// The path after the language prefix, starting with `/` (`/pages/about`).
    pub path: String,
    /// The query string, kept so the language switch lands on the same results.
    pub query: String,
    /// The content as it was when the request began.
    pub content: Arc<ContentStore>,
    /// Fluent messages of every language.
    pub i18n: Arc<I18n>,
    /// CSS and icons (their hashed URLs).
    pub assets: Arc<Assets>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// On a form page, the id of the form the language switch submits (so switching
    /// language keeps what was typed); `None` makes the switch plain links.
    pub form_switch: Option<&'static str>,
    /// False on error pages: the page is not the navigation item its path names.
    pub mark_current: bool,
    /// An Atom feed of what the page shows, (title, URL): the shell links it in `head`
    /// (`rel="alternate"`) and the page links it visibly.
    pub feed: Option<(String, String)>,
    /// The primary database does not answer and the replica serves reads (issue #23): a
    /// page with a form says that sending is paused. (Only form pages: they are never
    /// cached, so the notice cannot outlive the outage in a shared cache.)
    pub sending_paused: bool,
}

/// What a [`PageCtx`] is made of besides the request's language, path and query.
pub struct Shared {
    pub content: Arc<ContentStore>,
    pub i18n: Arc<I18n>,
    pub assets: Arc<Assets>,
    pub clock: Clock,
    /// See [`PageCtx::sending_paused`].
    pub sending_paused: bool,
}

impl PageCtx {
    /// A context for `locale` at `path`.
    pub fn new(shared: Shared, locale: Locale, path: &str, query: &str) -> Self {
        Self {
            locale,
            path: path.to_owned(),
            query: query.to_owned(),
            content: shared.content,
            i18n: shared.i18n,
            assets: shared.assets,
            clock: shared.clock,
            form_switch: None,
            mark_current: true,
            feed: None,
            sending_paused: shared.sending_paused,
        }
    }

    /// The same context with an Atom feed of the page (`title`, `href`).
    pub fn with_feed(mut self, title: String, href: String) -> Self {
        self.feed = Some((title, href));
        self
    }

    /// The same context on a form page whose form has id `form`.
    pub fn with_form_switch(mut self, form: &'static str) -> Self {
        self.form_switch = Some(form);
        self
    }

    /// The same context without a form switch (the language switch becomes links).
    pub fn without_form_switch(mut self) -> Self {
        self.form_switch = None;
        self
    }

    /// The current moment (the settings' clock).
    pub fn now(&self) -> time::OffsetDateTime {
        self.clock.now()
    }

    /// The message `id` in the page's language.
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(&self.locale, id)
    }

    /// The message `id` as markup, wrapped in `<span lang>` when it fell back to another
    /// language than the page's (a message missing from a third language).
    pub fn tm(&self, id: &str) -> maud::Markup {
        let text = self.t(id);
        match self.i18n.fallback_lang(&self.locale, id) {
            Some(lang) => maud::html! { span lang=(lang) { (text) } },
            None => maud::html! { (text) },
        }
    }

    /// The message `id` with variables.
    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.i18n.t_args(&self.locale, id, args)
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
        self.assets.url(name)
    }

    /// This page in every other offered language: (language, its own name for itself, URL).
    pub fn alternates(&self) -> Vec<(Locale, String, String)> {
        self.i18n
            .offered()
            .filter(|l| **l != self.locale)
            .map(|l| {
                let name = self.i18n.t(l, "language-name");
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
