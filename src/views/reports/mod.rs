//! The report form, one topic per page; "check your answers"; the confirmation.

mod check;
mod fields;
pub mod lost_key;
mod photos;
mod sent;

pub use sent::{Confirmation, sent};

use super::PageCtx;
use super::dates::format_date;
use super::layout::{Title, page};
use crate::domain::FormErrors;
use crate::domain::case::Photo;
use crate::domain::report::{Answers, Step};
use crate::views::components::error_summary;
use maud::{Markup, html};
use time::{Date, OffsetDateTime};

/// The id of each step's form (the language switch submits it).
pub const STEP_FORM_ID: &str = "report-step";

/// The id of the photo upload form.
pub const UPLOAD_FORM_ID: &str = "photo-upload";

/// The URL of a step, keeping the way back to "check your answers".
pub fn step_url(ctx: &PageCtx, step: Step, return_to_check: bool) -> String {
    let mut url = ctx.url(&format!("/reports/new/{}", step.slug()));
    if return_to_check {
        url.push_str("?return=check");
    }
    url
}

/// A photo's URL (the media route decides who may load it).
pub fn photo_url(id: &str, variant: &str) -> String {
    format!("/media/{id}/{variant}")
}

/// Page: where a report begins: what it takes, how long a draft is kept.
pub fn start(ctx: &PageCtx, open_draft: Option<Step>, days: i64) -> Markup {
    let title = ctx.t("report-start-title");
    page(
        ctx,
        Title {
            name: &title,
            error: false,
        },
        html! {
            h1 { (title) }
            p.lede { (ctx.t("report-start-lede")) }
            h2 { (ctx.t("report-start-need-heading")) }
            ul {
                li { (ctx.t("report-start-need-what")) }
                li { (ctx.t("report-start-need-where")) }
                li { (ctx.t("report-start-need-photos")) }
                li { (ctx.t("report-start-need-contact")) }
            }
            p { (ctx.t_args("report-start-draft-kept", &[("days", days.into())])) }
            p { (ctx.t("report-start-no-time-limit")) }
            @if let Some(step) = open_draft {
                h2 { (ctx.t("report-start-continue-heading")) }
                p { a.button href=(step_url(ctx, step, false)) { (ctx.t("report-start-continue")) } }
                form method="post" action=(ctx.url("/reports/new")) {
                    button.button.button--secondary type="submit" { (ctx.t("report-start-new")) }
                }
            } @else {
                form method="post" action=(ctx.url("/reports/new")) {
                    button.button type="submit" { (ctx.t("report-start-button")) }
                }
            }
            p { a href=(ctx.url("/pages/privacy")) { (ctx.t("report-privacy-link")) } }
        },
    )
}

/// Everything a step page shows.
pub struct StepPage<'a> {
    pub step: Step,
    pub answers: &'a Answers,
    pub errors: &'a FormErrors,
    /// A notice above the form (a restarted draft...).
    pub notice: Option<String>,
    /// The step was reached with "Change" from "check your answers".
    pub return_to_check: bool,
    /// The draft's photos (photos step, check step).
    pub photos: &'a [Photo],
    /// What was typed as the description of a photo that was refused.
    pub photo_description: &'a str,
    /// A fresh id for the upload form (a double click uploads once).
    pub upload_id: &'a str,
    /// When the draft will be deleted if left alone.
    pub expires: OffsetDateTime,
    /// Today, for the date hint.
    pub today: Date,
}

/// The number of a step as people count them (the personal-data question shares the
/// number of the text it is about).
fn step_number(step: Step) -> (usize, usize) {
    let counted: Vec<Step> = Step::ALL
        .into_iter()
        .filter(|s| *s != Step::PersonalData)
        .collect();
    let shown = if step == Step::PersonalData {
        Step::Details
    } else {
        step
    };
    let n = counted
        .iter()
        .position(|s| *s == shown)
        .map_or(1, |i| i + 1);
    (n, counted.len())
}

/// Page: one step of the report form.
pub fn step(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let title = ctx.t(p.step.title_id());
    let failed = !p.errors.is_empty();
    let (n, of) = step_number(p.step);
    let back = if p.return_to_check {
        Some(step_url(ctx, Step::Check, false))
    } else {
        p.step
            .previous(p.answers)
            .map(|s| step_url(ctx, s, false))
            .or_else(|| Some(ctx.url("/reports/new")))
    };
    let heading_in_legend = matches!(p.step, Step::Kind | Step::PersonalData | Step::Privacy);
    page(
        ctx,
        Title {
            name: &title,
            error: failed,
        },
        html! {
            @if let Some(href) = &back {
                p { a.back-link href=(href) { (ctx.t("report-back")) } }
            }
            (error_summary(ctx, p.errors))
            @if let Some(notice) = &p.notice {
                div.notice role="status" { p { (notice) } }
            }
            p.caption { (ctx.t_args("report-step-of", &[("n", n.into()), ("of", of.into())])) }
            @if !heading_in_legend { h1 { (title) } }
            @match p.step {
                Step::Photos => (photos::photos_step(ctx, p)),
                Step::Check => (check::check(ctx, p)),
                _ => {
                    form #(STEP_FORM_ID) method="post" action=(step_url(ctx, p.step, p.return_to_check)) novalidate {
                        (fields::step_fields(ctx, p, &title))
                        @if p.return_to_check { input type="hidden" name="return" value="check"; }
                        button.button type="submit" { (ctx.t("report-continue")) }
                    }
                }
            }
            p.hint { (ctx.t_args("report-draft-until", &[("date", format_date(ctx, p.expires.date()).into())])) }
        },
    )
}
