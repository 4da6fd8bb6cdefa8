//! The home page: what Balai does and where to start.

use super::PageCtx;
use super::layout::{Title, page};
use maud::{Markup, html};

/// Page: home.
pub fn show(ctx: &PageCtx) -> Markup {
    let title = ctx.t("home-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("home-lede")) }
            ul.card-list {
                li.card {
                    h2 { (ctx.t("home-report-heading")) }
                    p { (ctx.t("home-report-text")) }
                    p { a.button href=(ctx.url("/reports/new")) { (ctx.t("home-report-start")) } }
                    p { a href=(ctx.url("/pages/help")) { (ctx.t("home-report-link")) } }
                }
                li.card {
                    h2 { (ctx.t("home-track-heading")) }
                    p { (ctx.t("home-track-text")) }
                    p { a href=(ctx.url("/track")) { (ctx.t("home-track-start")) } }
                    p { a href=(ctx.url("/pages/help")) { (ctx.t("home-track-link")) } }
                }
                li.card {
                    h2 { (ctx.t("home-learn-heading")) }
                    p { (ctx.t("home-learn-text")) }
                    ul {
                        li { a href=(ctx.url("/workshops")) { (ctx.t("home-workshops-link")) } }
                        li { a href=(ctx.url("/campaigns")) { (ctx.t("home-learn-link")) } }
                        li { a href=(ctx.url("/workshops/registrations")) { (ctx.t("home-registration-link")) } }
                    }
                }
                li.card {
                    h2 { (ctx.t("home-figures-heading")) }
                    p { (ctx.t("home-figures-text")) }
                    ul {
                        li { a href=(ctx.url("/reports")) { (ctx.t("nav-browse")) } }
                        li { a href=(ctx.url("/statistics")) { (ctx.t("nav-statistics")) } }
                        li { a href=(ctx.url("/agencies")) { (ctx.t("home-agencies-link")) } }
                        li { a href=(ctx.url("/pages/open-data")) { (ctx.t("browse-open-data-about")) } }
                    }
                }
            }
        },
    )
}
