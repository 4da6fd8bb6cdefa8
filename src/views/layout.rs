//! The page shell shared by every HTML page: skip link, header with navigation and
//! language switch, one `main` (which holds the page's only `h1`), footer.

use super::PageCtx;
use maud::{DOCTYPE, Markup, html};

/// How a page is titled.
pub struct Title<'a> {
    /// The page's own name, first in `<title>`.
    pub name: &'a str,
    /// True when the page shows a failed form: the title then starts with "Error: ".
    pub error: bool,
}

/// Page: the whole document around `main_content`.
pub fn page(ctx: &PageCtx, title: Title<'_>, main_content: Markup) -> Markup {
    let site = ctx.t("site-name");
    let full_title = if title.error {
        ctx.t_args(
            "page-title-error",
            &[("page", title.name.to_owned().into())],
        )
    } else {
        ctx.t_args("page-title", &[("page", title.name.to_owned().into())])
    };
    let alternates = ctx.alternates();
    html! {
        (DOCTYPE)
        html lang=(ctx.locale.tag) dir=(ctx.locale.dir()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                link rel="stylesheet" href=(ctx.asset("css/site.css"));
                @for (locale, _, href) in &alternates {
                    link rel="alternate" hreflang=(locale.tag) href=(href);
                }
                @if let Some((feed_title, feed_href)) = &ctx.feed {
                    link rel="alternate" type="application/atom+xml" title=(feed_title) href=(feed_href);
                }
            }
            body {
                a.skip-link href="#main" { (ctx.tm("skip-to-content")) }
                header.site-header {
                    div.header-inner {
                        a.site-name href=(ctx.url("/")) { (site) }
                        nav.site-nav aria-label=(ctx.t("nav-main-label")) {
                            ul {
                                (nav_link(ctx, "/", "nav-home"))
                                (nav_link(ctx, "/reports/new", "nav-report"))
                                (nav_link(ctx, "/track", "nav-track"))
                                (nav_link(ctx, "/reports", "nav-browse"))
                                (nav_link(ctx, "/statistics", "nav-statistics"))
                                (nav_link(ctx, "/workshops", "nav-workshops"))
                                (nav_link(ctx, "/pages/about", "nav-about"))
                                (nav_link(ctx, "/pages/help", "nav-help"))
                            }
                        }
                        @if !alternates.is_empty() {
                            nav.lang-switch aria-label=(ctx.t("nav-language-label")) {
                                ul {
                                    @for (locale, name, href) in &alternates {
                                        li {
                                            @if let Some(form) = ctx.form_switch {
                                                // Submits the page's form to the same page in the other
                                                // language, which shows it again with every value kept.
                                                button.link-button type="submit" form=(form) formaction=(href)
                                                    formnovalidate name="switch_lang" value=(locale.tag) lang=(locale.tag) { (name) }
                                            } @else {
                                                a href=(href) lang=(locale.tag) hreflang=(locale.tag) { (name) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    @if ctx.sending_paused && ctx.form_switch.is_some() {
                        div.notice.notice--warning { p { (ctx.t("sending-paused")) } }
                    }
                    (main_content)
                }
                footer.site-footer {
                    div.footer-inner {
                        h2.visually-hidden { (ctx.tm("footer-heading")) }
                        ul {
                            li { a href=(ctx.url("/pages/help")) { (ctx.tm("footer-help")) } }
                            li { a href=(ctx.url("/pages/privacy")) { (ctx.tm("footer-privacy")) } }
                            li { a href=(ctx.url("/pages/accessibility")) { (ctx.tm("footer-accessibility")) } }
                            li { a href=(ctx.url("/accessibility/report")) { (ctx.tm("footer-barrier")) } }
                        }
                        p { (ctx.tm("footer-licence")) }
                    }
                }
            }
        }
    }
}

/// Component: one main-navigation item, marked `aria-current` on its own page.
fn nav_link(ctx: &PageCtx, path: &str, label_id: &str) -> Markup {
    let current = ctx.mark_current && ctx.path == path;
    html! {
        li { a href=(ctx.url(path)) aria-current=[current.then_some("page")] { (ctx.tm(label_id)) } }
    }
}
