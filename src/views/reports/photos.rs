//! The photos step: the photos added so far, and the upload form.

use super::{StepPage, UPLOAD_FORM_ID, photo_url};
use crate::domain::case::Photo;
use crate::domain::report::{MAX_PHOTOS, PHOTO_DESCRIPTION_MAX};
use crate::views::PageCtx;
use crate::views::components::textarea;
use maud::{Markup, html};

pub(super) fn photos_step(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    let e = p.errors;
    let full = p.photos.len() >= MAX_PHOTOS;
    html! {
        p { (ctx.t_args("report-photos-intro", &[("max", MAX_PHOTOS.into())])) }
        @if p.photos.is_empty() {
            p { (ctx.t("report-photos-none")) }
        } @else {
            h2 { (ctx.t_args("report-photos-added", &[("count", p.photos.len().into())])) }
            ul.photo-list {
                @for (i, ph) in p.photos.iter().enumerate() {
                    @let alt = photo_alt(ctx, ph, i);
                    li {
                        img src=(photo_url(&ph.id, "thumb")) width=(ph.thumb_width) height=(ph.thumb_height) alt=(alt);
                        p data-source="data" { (ph.description.clone().unwrap_or_else(|| ctx.t("report-photo-no-description"))) }
                        form method="post" action=(ctx.url(&format!("/reports/new/photos/{}/remove", ph.id))) {
                            button.button.button--warning type="submit" {
                                (ctx.t("report-photo-remove")) span.visually-hidden { " " (alt) }
                            }
                        }
                    }
                }
            }
        }
        @if full {
            p { (ctx.t_args("report-photos-full", &[("max", MAX_PHOTOS.into())])) }
        } @else {
            h2 { (ctx.t("report-photo-add-heading")) }
            form #(UPLOAD_FORM_ID) method="post" enctype="multipart/form-data" action=(ctx.url("/reports/new/photos")) novalidate {
                @let error = e.get("photo");
                div.field.field--error[error.is_some()] {
                    label for="photo" { (ctx.t("report-photo-label")) }
                    p.hint #photo-hint { (ctx.t("report-photo-hint")) }
                    @if let Some(err) = error { (crate::views::components::error_message(ctx, "photo-error", err)) }
                    input #photo type="file" name="photo" accept="image/jpeg,image/png,image/webp"
                        aria-describedby=(if error.is_some() { "photo-hint photo-error" } else { "photo-hint" })
                        aria-invalid=[error.map(|_| "true")];
                }
                (textarea(ctx, "photo_description", "report-photo-description-label", Some("report-photo-description-hint"), p.photo_description, e))
                p.hint { (ctx.t_args("report-photo-description-max", &[("max", PHOTO_DESCRIPTION_MAX.into())])) }
                input type="hidden" name="upload_id" value=(p.upload_id);
                @if p.return_to_check { input type="hidden" name="return" value="check"; }
                button.button.button--secondary type="submit" { (ctx.t("report-photo-upload")) }
                (continue_button(ctx, p))
            }
        }
        @if full {
            // No upload form: moving on is still a button of the step's own form.
            form #(UPLOAD_FORM_ID) method="post" enctype="multipart/form-data" action=(ctx.url("/reports/new/photos")) novalidate {
                @if p.return_to_check { input type="hidden" name="return" value="check"; }
                (continue_button(ctx, p))
            }
        }
    }
}

/// The step's main button: moving on (to the privacy step, or back to "check your
/// answers"), with a photo chosen in the same form uploaded first.
fn continue_button(ctx: &PageCtx, p: &StepPage<'_>) -> Markup {
    html! {
        div {
            button.button type="submit" name="next" value="1" {
                (ctx.t(if p.photos.is_empty() { "report-photos-skip" } else { "report-continue" }))
            }
        }
    }
}

/// A photo's alt text: its description, or "Photo N" when it has none.
pub(super) fn photo_alt(ctx: &PageCtx, ph: &Photo, index: usize) -> String {
    ph.description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| ctx.t_args("report-photo-default-alt", &[("n", (index + 1).into())]))
}
