//! Campaign pages: the list and one campaign with its workshops.

use super::PageCtx;
use super::components::{other_lang, responsive_image};
use super::layout::{Title, page};
use super::workshops::workshop_list;
use crate::content::{Campaign, Workshop};
use maud::{Markup, PreEscaped, html};

/// Page: every campaign.
pub fn list(ctx: &PageCtx, campaigns: &[&Campaign]) -> Markup {
    let title = ctx.t("campaigns-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("campaigns-lede")) }
            ul.card-list {
                @for c in campaigns {
                    li.card lang=[other_lang(ctx, &c.lang)] {
                        h2 data-source="content" { a href=(ctx.url(&format!("/campaigns/{}", c.slug))) { (c.title) } }
                        p data-source="content" { (c.summary) }
                    }
                }
            }
        },
    )
}

/// Page: one campaign and its workshops.
pub fn show(
    ctx: &PageCtx,
    campaign: &Campaign,
    upcoming: &[&Workshop],
    past: &[&Workshop],
    seats: &super::workshops::Seats,
) -> Markup {
    let lang = other_lang(ctx, &campaign.lang);
    page(
        ctx,
        Title {
            name: &campaign.title,
            error: false,
        },
        html! {
            div data-source="content" lang=[lang] {
                h1 { (campaign.title) }
                p.lede { (campaign.summary) }
                @if let Some(img) = ctx.content.images.get(&campaign.image.file) {
                    (responsive_image(img, &campaign.image.alt, "(min-width: 48rem) 48rem, 100vw"))
                }
                div.prose { (PreEscaped(&campaign.html)) }
            }
            h2 { (ctx.t("campaign-workshops-upcoming")) }
            @if upcoming.is_empty() {
                p { (ctx.t("campaign-no-upcoming")) }
            } @else {
                (workshop_list(ctx, upcoming, seats, 3))
            }
            @if !past.is_empty() {
                h2 { (ctx.t("campaign-workshops-past")) }
                (workshop_list(ctx, past, seats, 3))
            }
            p { a href=(ctx.url("/campaigns")) { (ctx.t("campaigns-all-link")) } }
        },
    )
}
