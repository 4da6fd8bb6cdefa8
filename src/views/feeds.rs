//! Atom feeds (RFC 4287), rendered with maud like every page: it escapes every text and
//! attribute, so nothing a reporter wrote can break the XML. Characters XML 1.0 does not
//! allow (control characters other than tab and newline) are left out first.

use maud::{Markup, PreEscaped, html};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A feed: its id and self link are `base` + `path`.
pub struct Feed<'a> {
    /// `https://host` of the request (checked by the handler).
    pub base: &'a str,
    /// The feed's own path with its query (`/feeds/resolved.atom?agency=x`).
    pub path: &'a str,
    pub title: &'a str,
    pub updated: OffsetDateTime,
    pub entries: Vec<Entry>,
}

/// One entry: its id is `base` + `path` (+ `#fragment`), its link `base` + `path`.
pub struct Entry {
    pub path: String,
    pub fragment: Option<String>,
    pub title: String,
    pub updated: OffsetDateTime,
    /// A summary (resolved reports) or the text of a step (a report's timeline).
    pub text: EntryText,
}

/// What an entry says.
pub enum EntryText {
    Summary(String),
    Content(String),
}

/// Text without the characters XML 1.0 does not allow.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .collect()
}

fn moment(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

/// The feed document.
pub fn atom(feed: &Feed<'_>) -> String {
    let base = clean(feed.base);
    let doc: Markup = html! {
        // A feed starts with the XML declaration (maud's DOCTYPE is HTML's).
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"))
        feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id" {
            id { (base) (clean(feed.path)) }
            title { (clean(feed.title)) }
            updated { (moment(feed.updated)) }
            link rel="self" href={ (base) (clean(feed.path)) } {}
            author { name { "Balai" } }
            @for e in &feed.entries {
                entry {
                    id { (base) (clean(&e.path)) @if let Some(f) = &e.fragment { "#" (clean(f)) } }
                    title { (clean(&e.title)) }
                    updated { (moment(e.updated)) }
                    link href={ (base) (clean(&e.path)) } {}
                    @match &e.text {
                        EntryText::Summary(s) => summary { (clean(s)) },
                        EntryText::Content(c) => content type="text" { (clean(c)) },
                    }
                }
            }
        }
    };
    doc.into_string()
}
