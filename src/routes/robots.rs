//! `/robots.txt`: public pages may be crawled; the back office, the private views, the
//! steps of every form and the links of messages may not (they show nothing to a search
//! engine, or a person's own business).

use crate::state::AppState;
use actix_web::{HttpResponse, web};

/// The paths under each language prefix that robots are asked to leave alone.
const PRIVATE: &[&str] = &[
    "/staff",
    "/track",
    "/reports/new",
    "/accessibility/report",
    "/workshops/registrations",
    "/workshops/*/register",
    "/mail/",
];

/// The text of `/robots.txt` for these language tags.
pub fn text<'a>(languages: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("User-agent: *\n");
    for lang in languages {
        for p in PRIVATE {
            out.push_str("Disallow: /");
            out.push_str(lang);
            out.push_str(p);
            out.push('\n');
        }
    }
    out.push_str("Allow: /\n");
    out
}

/// GET /robots.txt
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(text(state.i18n.offered().map(|l| l.tag.as_str())))
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn every_language_keeps_robots_out_of_private_paths() {
        let t = text(["id", "en"].into_iter());
        for line in [
            "Disallow: /id/staff",
            "Disallow: /en/staff",
            "Disallow: /en/track",
            "Disallow: /id/reports/new",
            "Disallow: /en/mail/",
            "Disallow: /en/workshops/*/register",
        ] {
            assert!(t.lines().any(|l| l == line), "missing {line}:\n{t}");
        }
        assert!(t.starts_with("User-agent: *\n"));
        assert!(t.ends_with("Allow: /\n"));
    }
}
