//! "Check your answers": every answer with a link to change it, and the send button.

use super::photos::photo_alt;
use super::{STEP_FORM_ID, StepPage, photo_url, step_url};
use crate::domain::report::{Kind, Privacy, Step};
use crate::views::PageCtx;
use crate::views::dates::format_date;
use maud::{Markup, html};

/// One answer of "check your answers".
struct Row {
    key: String,
    value: Markup,
    change: Step,
}

pub(super) fn check(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
    let none = ctx.t("report-answer-none");
    let text = |s: &str| {
        if s.trim().is_empty() {
            html! { (none) }
        } else {
            html! { span data-source="data" { (s) } }
        }
    };
    let kind = Kind::parse(&a.kind)
        .map(|k| ctx.t(k.message_id()))
        .unwrap_or_default();
    let category = c
        .taxonomy
        .category(&a.category)
        .map(|x| x.name(lang).to_owned())
        .unwrap_or_default();
    let province = c
        .areas
        .province(&a.province)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let regency = c
        .areas
        .regency(&a.regency)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let agency = if a.agency.is_empty() {
        ctx.t("report-agency-unknown")
    } else {
        c.taxonomy
            .agency(&a.agency, &c.areas)
            .map(|x| x.name(lang).to_owned())
            .unwrap_or_default()
    };
    let date = a
        .date(p.today)
        .map(|d| format_date(ctx, d))
        .unwrap_or_default();
    let privacy = Privacy::parse(&a.privacy)
        .map(|v| ctx.t(v.message_id()))
        .unwrap_or_default();
    let contact: Vec<&str> = [a.email.as_str(), a.phone.as_str()]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let behalf = if a.behalf == "other" {
        ctx.t_args(
            "report-check-behalf-other",
            &[("relationship", a.relationship.clone().into())],
        )
    } else {
        ctx.t("report-behalf-self")
    };
    let rows = [
        Row {
            key: ctx.t("report-check-kind"),
            value: html! { (kind) },
            change: Step::Kind,
        },
        Row {
            key: ctx.t("report-title-label"),
            value: text(&a.title),
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-description-label"),
            value: html! { span.preserve-lines data-source="data" { (a.description) } },
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-category-label"),
            value: html! { (category) },
            change: Step::Details,
        },
        Row {
            key: ctx.t("report-province-label"),
            value: html! { (province) },
            change: Step::Province,
        },
        Row {
            key: ctx.t("report-regency-label"),
            value: html! { (regency) },
            change: Step::Place,
        },
        Row {
            key: ctx.t("report-place-label"),
            value: text(&a.place),
            change: Step::Place,
        },
        Row {
            key: ctx.t("report-date-legend"),
            value: html! { (date) },
            change: Step::Date,
        },
        Row {
            key: ctx.t("report-agency-label"),
            value: html! { (agency) },
            change: Step::Agency,
        },
        Row {
            key: ctx.t("report-check-photos"),
            value: html! { (ctx.t_args("report-photos-count", &[("count", p.photos.len().into())])) },
            change: Step::Photos,
        },
        Row {
            key: ctx.t("report-check-privacy"),
            value: html! { (privacy) },
            change: Step::Privacy,
        },
        Row {
            key: ctx.t("report-name-label"),
            value: text(&a.name),
            change: Step::About,
        },
        Row {
            key: ctx.t("report-check-contact"),
            value: text(&contact.join(", ")),
            change: Step::About,
        },
        Row {
            key: ctx.t("report-behalf-legend"),
            value: html! { (behalf) },
            change: Step::About,
        },
    ];
    html! {
        dl.summary-list.summary-list--actions {
            @for r in &rows {
                div {
                    dt { (r.key) }
                    dd { (r.value) }
                    dd.summary-list__action {
                        a href=(step_url(ctx, r.change, true)) {
                            (ctx.t("report-change")) span.visually-hidden { " " (r.key) }
                        }
                    }
                }
            }
        }
        @if !p.photos.is_empty() {
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    li { img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(photo_alt(ctx, ph, i)); }
                }
            }
        }
        @if a.personal_data_choice == "keep" && a.privacy != Privacy::Confidential.as_str() {
            div.notice.notice--warning { p { (ctx.t("report-check-personal-data-kept")) } }
        }
        h2 { (ctx.t("report-check-send-heading")) }
        p { (ctx.t("report-check-send-text")) }
        form #(STEP_FORM_ID) method="post" action=(ctx.url("/reports/new/send")) novalidate {
            button.button type="submit" { (ctx.t("report-send")) }
        }
    }
}
