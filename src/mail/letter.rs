//! How a message reads: every message is a [`Letter`] (subject, heading, paragraphs,
//! facts, one link), rendered the same way into a plain-text part and an accessible HTML
//! part: `lang` and `dir` on `<html>` and again on the wrapper (webmail drops `<html>`),
//! the subject as `<title>` and `<h1>`, facts as a definition list, link text that makes
//! sense alone with the address written out in the text part, no layout tables, no
//! images, no tracking.

use crate::content::ContentStore;
use crate::i18n::{I18n, Locale};
use maud::{DOCTYPE, html};
use secrecy::SecretString;

/// What a letter needs to be written.
pub struct Ctx<'a> {
    pub i18n: &'a I18n,
    pub locale: &'a Locale,
    pub content: &'a ContentStore,
    /// The site's absolute address, without a trailing slash (`BALAI_PUBLIC_URL`).
    pub public_url: &'a str,
    pub secret_key: &'a SecretString,
}

impl Ctx<'_> {
    /// The text of `id`.
    pub fn t(&self, id: &str) -> String {
        self.i18n.t(self.locale, id)
    }

    /// The text of `id` with variables.
    pub fn t_args(
        &self,
        id: &str,
        args: &[(&str, fluent_templates::fluent_bundle::FluentValue<'_>)],
    ) -> String {
        self.i18n.t_args(self.locale, id, args)
    }

    /// The absolute address of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }
}

/// What a message says, before it is rendered.
#[derive(Debug, Clone, Default)]
pub struct Letter {
    /// Says what happened and, where there is one, the code.
    pub subject: String,
    /// Paragraphs, in order.
    pub paragraphs: Vec<String>,
    /// Label and value pairs (date, place, code...).
    pub facts: Vec<(String, String)>,
    /// Where to go next: (link text that makes sense alone, absolute address).
    pub link: Option<(String, String)>,
    /// Paragraphs after the link.
    pub after: Vec<String>,
    /// A file sent with it (a calendar entry).
    pub attachment: Option<FileAttachment>,
}

/// A file attached to a message.
#[derive(Debug, Clone)]
pub struct FileAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A message ready for a transport.
#[derive(Debug, Clone)]
pub struct Composed {
    pub to: String,
    pub lang: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Stable per outbox row: a message sent twice (a crash after the server took it) is
    /// recognisably the same message.
    pub message_id: String,
    /// The one-click stop address, for messages that may be stopped.
    pub stop_url: Option<String>,
    pub attachment: Option<FileAttachment>,
}

/// Render `letter` for `to` in `locale`.
pub fn compose(
    letter: Letter,
    i18n: &I18n,
    locale: &Locale,
    to: &str,
    message_id: String,
    stop_url: Option<String>,
) -> Composed {
    let signature = i18n.t(locale, "mail-signature");
    let stop_label = i18n.t(locale, "mail-stop-link");
    let why = i18n.t(
        locale,
        if stop_url.is_some() {
            "mail-why-stoppable"
        } else {
            "mail-why-direct"
        },
    );
    let mut text = String::new();
    text.push_str(&letter.subject);
    text.push_str("\n\n");
    for p in &letter.paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    for (label, value) in &letter.facts {
        text.push_str(&format!("{label}: {value}\n"));
    }
    if !letter.facts.is_empty() {
        text.push('\n');
    }
    if let Some((label, url)) = &letter.link {
        text.push_str(&format!("{label}:\n{url}\n\n"));
    }
    for p in &letter.after {
        text.push_str(p);
        text.push_str("\n\n");
    }
    text.push_str("-- \n");
    text.push_str(&signature);
    text.push('\n');
    text.push_str(&why);
    text.push('\n');
    if let Some(url) = &stop_url {
        text.push_str(&format!("{stop_label}:\n{url}\n"));
    }
    let dir = locale.dir();
    let html = html! {
        (DOCTYPE)
        html lang=(locale.tag) dir=(dir) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="format-detection" content="telephone=no";
                title { (letter.subject) }
            }
            body style="margin:0;padding:16px;font-family:sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;background:#ffffff" {
                div role="article" aria-roledescription="email" aria-label=(letter.subject) lang=(locale.tag) dir=(dir) style="max-width:40em" {
                    h1 style="font-size:24px;line-height:1.25" { (letter.subject) }
                    @for p in &letter.paragraphs { p { (p) } }
                    @if !letter.facts.is_empty() {
                        dl {
                            @for (label, value) in &letter.facts {
                                dt style="font-weight:bold" { (label) }
                                dd style="margin:0 0 8px 0" { (value) }
                            }
                        }
                    }
                    @if let Some((label, url)) = &letter.link {
                        p { a href=(url) style="color:#1d4f91;text-decoration:underline" { (label) } }
                    }
                    @for p in &letter.after { p { (p) } }
                    hr;
                    p style="font-size:14px" { (signature) br; (why) }
                    @if let Some(url) = &stop_url {
                        p style="font-size:14px" { a href=(url) style="color:#1d4f91;text-decoration:underline" { (stop_label) } }
                    }
                }
            }
        }
    };
    Composed {
        to: to.to_owned(),
        lang: locale.tag.clone(),
        subject: letter.subject,
        text,
        html: html.into_string(),
        message_id,
        stop_url,
        attachment: letter.attachment,
    }
}
