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

/// One answer: its label, its value and the step that changes it.
fn row(key: String, value: Markup, change: Step) -> Row {
    Row { key, value, change }
}

/// An answer typed by the reporter, or "none" when left empty.
fn text(ctx: &PageCtx, s: &str) -> Markup {
    if s.trim().is_empty() {
        html! { (ctx.t("report-answer-none")) }
    } else {
        html! { span data-source="data" { (s) } }
    }
}

/// The "check your answers" step: the answers, the photos and the send form.
pub(super) fn check(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let a = p.answers;
    let rows: Vec<Row> = what_rows(ctx, p)
        .into_iter()
        .chain(where_rows(ctx, p))
        .chain(who_rows(ctx, p))
        .collect();
    html! {
        (answer_list(ctx, &rows))
        (thumbnails(ctx, p))
        @if a.personal_data_choice == "keep" && a.privacy != Privacy::Confidential.as_str() {
            div.notice.notice--warning { p { (ctx.t("report-check-personal-data-kept")) } }
        }
        (send_form(ctx))
    }
}

/// Rows: what happened (the kind, the title, the description, the category).
fn what_rows(ctx: &PageCtx, p: &StepPage<'_>) -> [Row; 4] {
    let a = p.answers;
    let lang = ctx.locale.tag.as_str();
    let kind = Kind::parse(&a.kind)
        .map(|k| ctx.t(k.message_id()))
        .unwrap_or_default();
    let category = ctx
        .content
        .taxonomy
        .category(&a.category)
        .map(|x| x.name(lang).to_owned())
        .unwrap_or_default();
    let description = html! { span.preserve-lines data-source="data" { (a.description) } };
    [
        row(ctx.t("report-check-kind"), html! { (kind) }, Step::Kind),
        row(
            ctx.t("report-title-label"),
            text(ctx, &a.title),
            Step::Details,
        ),
        row(
            ctx.t("report-description-label"),
            description,
            Step::Details,
        ),
        row(
            ctx.t("report-category-label"),
            html! { (category) },
            Step::Details,
        ),
    ]
}

/// Rows: where and when (the province, the regency, the place, the date, the agency).
fn where_rows(ctx: &PageCtx, p: &StepPage<'_>) -> [Row; 5] {
    let a = p.answers;
    let lang = ctx.locale.tag.as_str();
    let c = &ctx.content;
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
    [
        row(
            ctx.t("report-province-label"),
            html! { (province) },
            Step::Province,
        ),
        row(
            ctx.t("report-regency-label"),
            html! { (regency) },
            Step::Place,
        ),
        row(
            ctx.t("report-place-label"),
            text(ctx, &a.place),
            Step::Place,
        ),
        row(ctx.t("report-date-legend"), html! { (date) }, Step::Date),
        row(
            ctx.t("report-agency-label"),
            html! { (agency) },
            Step::Agency,
        ),
    ]
}

/// Rows: the photos, the privacy choice and who the reporter is.
fn who_rows(ctx: &PageCtx, p: &StepPage<'_>) -> [Row; 6] {
    let a = p.answers;
    let photos = ctx.t_args("report-photos-count", &[("count", p.photos.len().into())]);
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
    [
        row(
            ctx.t("report-check-photos"),
            html! { (photos) },
            Step::Photos,
        ),
        row(
            ctx.t("report-check-privacy"),
            html! { (privacy) },
            Step::Privacy,
        ),
        row(ctx.t("report-name-label"), text(ctx, &a.name), Step::About),
        row(
            ctx.t("report-check-contact"),
            text(ctx, &contact.join(", ")),
            Step::About,
        ),
        row(
            ctx.t("report-notify-legend"),
            html! { (ctx.t(if a.notify == "yes" && !a.email.trim().is_empty() { "report-check-notify-yes" } else { "report-check-notify-no" })) },
            Step::About,
        ),
        row(
            ctx.t("report-behalf-legend"),
            html! { (behalf) },
            Step::About,
        ),
    ]
}

/// Component: the list of answers, each with its "Change" link.
fn answer_list(ctx: &PageCtx, rows: &[Row]) -> Markup {
    html! {
        dl.summary-list.summary-list--actions {
            @for r in rows {
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
    }
}

/// Component: the thumbnails of the draft's photos (nothing when there are none).
fn thumbnails(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    html! {
        @if !p.photos.is_empty() {
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    li { img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(photo_alt(ctx, ph, i)); }
                }
            }
        }
    }
}

/// Component: the heading, text and form that send the report.
fn send_form(ctx: &PageCtx) -> Markup {
    html! {
        h2 { (ctx.t("report-check-send-heading")) }
        p { (ctx.t("report-check-send-text")) }
        form #(STEP_FORM_ID) method="post" action=(ctx.url("/reports/new/send")) novalidate {
            button.button type="submit" { (ctx.t("report-send")) }
        }
    }
}
