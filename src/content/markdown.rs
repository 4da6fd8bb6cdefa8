//! Markdown to HTML for content files, and the accessibility and safety findings
//! gathered on the way (one pass over the events does both).
//!
//! Raw HTML in a content file is never passed through: it is escaped and shown as text.
//! Script, inline event handlers and `javascript:` links are findings that refuse the
//! whole file at load time, so a mistake is caught rather than quietly defused.

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindingKind {
    /// `<script` in raw HTML.
    Script,
    /// An `on...=` attribute in raw HTML.
    EventHandler,
    /// A `javascript:` link or image.
    JavascriptUrl,
    /// Other raw HTML (escaped when rendered).
    RawHtml,
    /// An image with no alt text.
    ImageWithoutAlt,
    /// A heading more than one level below the previous one (the title is the h1).
    SkippedHeading { from: u8, to: u8 },
    /// A level-1 heading in the body: the front-matter title is the page's only h1.
    SecondH1,
    /// Link text that means nothing alone ("click here", a bare URL).
    VagueLinkText(String),
}

impl FindingKind {
    /// Findings that make a file unsafe to serve.
    pub fn refuses_load(&self) -> bool {
        matches!(
            self,
            Self::Script | Self::EventHandler | Self::JavascriptUrl
        )
    }

    /// A sentence for `balai content check` and start-up errors.
    pub fn describe(&self) -> String {
        match self {
            Self::Script => "contains a <script> element: content may not carry script".into(),
            Self::EventHandler => {
                "contains an inline event handler (on...=): content may not carry script".into()
            }
            Self::JavascriptUrl => {
                "contains a javascript: URL: content may not carry script".into()
            }
            Self::RawHtml => {
                "contains raw HTML, which is shown as text: use Markdown instead".into()
            }
            Self::ImageWithoutAlt => "image without alt text: describe the image in ![...]".into(),
            Self::SkippedHeading { from, to } => {
                format!(
                    "heading level skipped: h{to} follows h{from}; use h{}",
                    from + 1
                )
            }
            Self::SecondH1 => {
                "level-1 heading in the body: the title is the page's h1, start at ##".into()
            }
            Self::VagueLinkText(text) => {
                format!("link text \"{text}\" does not say where the link goes")
            }
        }
    }
}

/// A finding and its line within the body (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// Line in the Markdown body.
    pub line: usize,
}

/// Rendered HTML and what was found while rendering.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Safe HTML for the page body.
    pub html: String,
    /// Problems, in order of appearance.
    pub findings: Vec<Finding>,
}

const VAGUE: &[&str] = &[
    "click here",
    "klik di sini",
    "here",
    "di sini",
    "klik",
    "click",
    "more",
    "selengkapnya",
    "link",
    "tautan",
];

/// Render a Markdown body and collect findings.
pub fn render(body: &str) -> Rendered {
    let line_of = |offset: usize| body[..offset.min(body.len())].matches('\n').count() + 1;
    let mut findings = Vec::new();
    let mut events = Vec::new();
    let mut last_heading = 1u8;
    // Text inside the link or image being read: (start line, destination, text so far, is image).
    let mut open: Option<(usize, String, String, bool)> = None;

    let parser = Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH);
    for (event, range) in parser.into_offset_iter() {
        let line = line_of(range.start);
        let mut find = |kind| findings.push(Finding { kind, line });
        match &event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                for kind in scan_raw_html(raw) {
                    find(kind);
                }
                events.push(Event::Text(raw.clone()));
                continue;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                let n = heading_number(*level);
                if n == 1 {
                    find(FindingKind::SecondH1);
                } else if n > last_heading + 1 {
                    find(FindingKind::SkippedHeading {
                        from: last_heading,
                        to: n,
                    });
                }
                last_heading = n;
            }
            Event::Start(Tag::Link {
                dest_url,
                link_type,
                ..
            }) => {
                if is_javascript_url(dest_url) {
                    find(FindingKind::JavascriptUrl);
                }
                let is_auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                open = Some((
                    line,
                    if is_auto {
                        String::new()
                    } else {
                        dest_url.to_string()
                    },
                    String::new(),
                    false,
                ));
                if is_auto {
                    find(FindingKind::VagueLinkText(dest_url.to_string()));
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if is_javascript_url(dest_url) {
                    find(FindingKind::JavascriptUrl);
                }
                open = Some((line, dest_url.to_string(), String::new(), true));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _)) = open.as_mut() {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, dest, text, _)) = open.take()
                    && !dest.is_empty()
                    && is_vague(&text, &dest)
                {
                    findings.push(Finding {
                        kind: FindingKind::VagueLinkText(text),
                        line: start,
                    });
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((start, _, text, _)) = open.take()
                    && text.trim().is_empty()
                {
                    findings.push(Finding {
                        kind: FindingKind::ImageWithoutAlt,
                        line: start,
                    });
                }
            }
            _ => {}
        }
        events.push(event);
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter().map(strip_unsafe_url));
    Rendered { html, findings }
}

/// Replace `javascript:` destinations so even a refused file could not run script.
fn strip_unsafe_url(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if is_javascript_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if is_javascript_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed(""),
            title,
            id,
        }),
        other => other,
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn is_javascript_url(url: &str) -> bool {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    squashed.to_ascii_lowercase().starts_with("javascript:")
}

fn is_vague(text: &str, dest: &str) -> bool {
    let t = text.trim().trim_end_matches(['.', '!']).to_lowercase();
    t.is_empty()
        || VAGUE.contains(&t.as_str())
        || t == dest.to_lowercase()
        || t.starts_with("http://")
        || t.starts_with("https://")
        || t.starts_with("www.")
}

/// Script and event handlers in a piece of raw HTML; anything else is plain raw HTML.
fn scan_raw_html(raw: &str) -> Vec<FindingKind> {
    let lower = raw.to_ascii_lowercase();
    let mut kinds = Vec::new();
    if lower.contains("<script") {
        kinds.push(FindingKind::Script);
    }
    if has_event_handler(&lower) {
        kinds.push(FindingKind::EventHandler);
    }
    if lower.contains("javascript:") {
        kinds.push(FindingKind::JavascriptUrl);
    }
    if kinds.is_empty() && lower.contains('<') {
        kinds.push(FindingKind::RawHtml);
    }
    kinds
}

/// An attribute named `on` + letters followed by `=`, inside a tag.
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'o' if in_tag
                && i > 0
                && matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'/' | b'"' | b'\'')
                && bytes.get(i + 1) == Some(&b'n') =>
            {
                let rest = &bytes[i + 2..];
                let letters = rest.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                let after = rest[letters..].iter().find(|c| !c.is_ascii_whitespace());
                if letters > 0 && after == Some(&b'=') {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<FindingKind> {
        render(body).findings.into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn raw_html_is_escaped_never_passed_through() {
        let r = render("Hello <b>world</b>\n\n<div>block</div>\n");
        assert!(
            !r.html.contains("<b>") && r.html.contains("&lt;b&gt;"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("<div>"), "{}", r.html);
    }

    #[test]
    fn finds_script_handlers_and_javascript_urls() {
        assert!(kinds("<script>alert(1)</script>").contains(&FindingKind::Script));
        assert!(kinds("<img src=x onerror=alert(1)>").contains(&FindingKind::EventHandler));
        assert!(kinds("<a href=\"#\" ONCLICK = \"x\">a</a>").contains(&FindingKind::EventHandler));
        assert!(kinds("[go](javascript:alert(1))").contains(&FindingKind::JavascriptUrl));
        assert!(
            !render("[go](javascript:alert(1))")
                .html
                .contains("javascript:")
        );
        // Words starting with "on" in text are not handlers.
        assert!(kinds("one online only = fine").is_empty());
    }

    #[test]
    fn finds_accessibility_problems_with_lines() {
        let r = render(
            "## A\n\n#### B\n\n![](x.png)\n\n[click here](/id/pages/help)\n\n<https://example.org>\n",
        );
        let found: Vec<(FindingKind, usize)> =
            r.findings.into_iter().map(|f| (f.kind, f.line)).collect();
        assert_eq!(
            found,
            vec![
                (FindingKind::SkippedHeading { from: 2, to: 4 }, 3),
                (FindingKind::ImageWithoutAlt, 5),
                (FindingKind::VagueLinkText("click here".into()), 7),
                (FindingKind::VagueLinkText("https://example.org".into()), 9),
            ]
        );
    }

    #[test]
    fn good_markdown_has_no_findings() {
        let r = render(
            "## One\n\n### Two\n\nRead the [privacy notice](/en/pages/privacy).\n\n![A map of Bali](map.png)\n",
        );
        assert!(r.findings.is_empty(), "{:?}", r.findings);
    }
}
