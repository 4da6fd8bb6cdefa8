//! Content pages written as Markdown files (about, help, privacy, accessibility).

use super::PageCtx;
use super::dates::format_date;
use super::layout::{Title, page};
use crate::content::Page;
use maud::{Markup, PreEscaped, html};

/// Page: one content page. Text from the file is marked `data-source="content"` (it is
/// not Fluent text) and carries its own `lang` when it is a fallback translation.
pub fn show(ctx: &PageCtx, content: &Page) -> Markup {
    let other_lang = (content.lang != ctx.locale.tag).then_some(content.lang.as_str());
    page(
        ctx,
        Title {
            name: &content.title,
            error: false,
        },
        html! {
            div data-source="content" lang=[other_lang] {
                h1 { (content.title) }
                p.lede { (content.summary) }
            }
            @if other_lang.is_some() {
                p.notice { (ctx.t("page-not-translated")) }
            }
            @if let Some(date) = content.updated {
                p.page-meta { (ctx.t_args("page-updated", &[("date", format_date(ctx, date).into())])) }
            }
            // The body was rendered from Markdown with raw HTML escaped (content::markdown).
            div.prose data-source="content" lang=[other_lang] { (PreEscaped(&content.html)) }
        },
    )
}
