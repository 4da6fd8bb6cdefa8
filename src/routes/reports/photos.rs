//! Photos of a draft: upload one at a time (multipart, processed off the async
//! workers, only the processed copies kept), remove before sending.

use super::current_draft;
use super::form::{StepState, render};
use crate::db::reports::{self, AddPhotoError, Draft};
use crate::domain::FormErrors;
use crate::domain::form::{check_length, clean_text};
use crate::domain::report::{MAX_PHOTOS, PHOTO_DESCRIPTION_MAX, Step};
use crate::error::AppError;
use crate::http::see_other;
use crate::photos::{MAX_BYTES, ProcessedPhoto};
use crate::state::AppState;
use crate::views::PageCtx;
use crate::views::reports::step_url;
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::StreamExt;

/// Largest text field in the upload form.
pub(crate) const TEXT_FIELD_MAX: usize = 64 * 1024;

/// What the upload form sent.
#[derive(Default)]
pub(crate) struct Upload {
    pub(crate) bytes: Vec<u8>,
    /// The type the browser claims (usually from the file name).
    pub(crate) claimed: Option<String>,
    /// More than [`MAX_BYTES`] arrived.
    too_large: bool,
    pub(crate) description: String,
    upload_id: String,
    return_to_check: bool,
    switch_lang: bool,
    /// The step's "Continue" button: move on (after uploading a photo chosen with it).
    next: bool,
}

/// A body that stops arriving for this long is given up: a stalled client, or a malformed
/// body that the multipart reader waits on for ever even though it has all arrived (the
/// `photo_upload` fuzz target found one; without this its request never ended).
pub(crate) const UPLOAD_IDLE: std::time::Duration = std::time::Duration::from_secs(30);

/// The next item of a stream, or an error when nothing comes for `idle`.
async fn next_within<S: futures_util::Stream + Unpin>(
    s: &mut S,
    idle: std::time::Duration,
) -> Result<Option<S::Item>, String> {
    tokio::time::timeout(idle, s.next())
        .await
        .map_err(|_| format!("no progress for {idle:?}"))
}

/// A body that could not be read to its end, with the fields read before the problem
/// (a description that arrived is shown again on the page that says so).
pub(crate) struct Unreadable {
    pub(crate) partial: Upload,
    pub(crate) reason: String,
}

/// Read the multipart body with limits: the file up to [`MAX_BYTES`] (the rest is
/// read and dropped, so the answer is not cut off mid-upload), text fields up to
/// [`TEXT_FIELD_MAX`], anything else ignored.
pub(crate) async fn read_upload(
    mut body: Multipart,
    idle: std::time::Duration,
) -> Result<Upload, Unreadable> {
    let mut up = Upload::default();
    match read_fields(&mut body, &mut up, idle).await {
        Ok(()) => {
            if up.too_large {
                up.bytes = Vec::new();
            }
            Ok(up)
        }
        Err(reason) => {
            up.bytes = Vec::new();
            Err(Unreadable {
                partial: up,
                reason,
            })
        }
    }
}

/// Read every field into `up`; stop at the first problem (what was read stays in `up`).
async fn read_fields(
    body: &mut Multipart,
    up: &mut Upload,
    idle: std::time::Duration,
) -> Result<(), String> {
    while let Some(field) = next_within(body, idle).await? {
        let mut field = field.map_err(|e| e.to_string())?;
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = name == "photo";
        if is_file {
            up.claimed = field.content_type().map(|m| m.essence_str().to_owned());
        }
        let mut text = Vec::new();
        while let Some(chunk) = next_within(&mut field, idle).await? {
            let chunk = chunk.map_err(|e| e.to_string())?;
            if is_file {
                if up.bytes.len() + chunk.len() > MAX_BYTES {
                    up.too_large = true;
                } else if !up.too_large {
                    up.bytes.extend_from_slice(&chunk);
                }
            } else if text.len() + chunk.len() <= TEXT_FIELD_MAX {
                text.extend_from_slice(&chunk);
            }
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        match name.as_str() {
            "photo_description" => up.description = text,
            "upload_id" => up.upload_id = text,
            "return" => up.return_to_check = text == "check",
            "switch_lang" => up.switch_lang = !text.is_empty(),
            "next" => up.next = !text.is_empty(),
            _ => {}
        }
    }
    Ok(())
}

/// POST /{lang}/reports/new/photos
#[tracing::instrument(level = "debug", skip_all)]
pub async fn upload(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Multipart,
) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    if draft.report_id.is_some() {
        return Ok(see_other(&ctx.url("/reports/new/sent")));
    }
    // A body that cannot be read keeps the description if it arrived before the problem
    // (the file must be chosen again: a browser never refills a file input).
    let (up, unreadable) = match read_upload(body, UPLOAD_IDLE).await {
        Ok(up) => (up, false),
        Err(Unreadable { partial, reason }) => {
            tracing::info!(error = %reason, "malformed photo upload");
            (partial, true)
        }
    };
    let rerender = |errors: FormErrors| show_photos(&state, &ctx, &draft, &up, errors);
    if unreadable {
        let mut errors = FormErrors::default();
        errors.add("photo", "photo-error-unreadable");
        return rerender(errors).await;
    }
    // The language switch: the same page in the other language, the description kept.
    if up.switch_lang {
        return rerender(FormErrors::default()).await;
    }
    let next_step = step_url(
        &ctx,
        if up.return_to_check {
            Step::Check
        } else {
            Step::Privacy
        },
        false,
    );
    // "Continue" with nothing chosen and nothing typed: on to the next step.
    if up.next && up.bytes.is_empty() && !up.too_large && up.description.trim().is_empty() {
        return Ok(see_other(&next_step));
    }
    // "Choose a photo" says how to go on without one, naming the button as it reads.
    let photos = reports::draft_photos(&state.db, &draft.id).await?.len();
    let (description, photo) = match check_upload(&state, &up, photos).await {
        Ok(checked) => checked,
        Err(errors) => return rerender(errors).await,
    };
    let upload_id =
        if up.upload_id.len() == 32 && up.upload_id.bytes().all(|b| b.is_ascii_hexdigit()) {
            up.upload_id.clone()
        } else {
            crate::security::random_id()?
        };
    match reports::add_photo(
        &state.db,
        &draft.id,
        &upload_id,
        description.as_deref(),
        &photo,
        MAX_PHOTOS,
        ctx.now(),
    )
    .await
    {
        Ok(()) if up.next => Ok(see_other(&next_step)),
        Ok(()) => Ok(see_other(&step_url(&ctx, Step::Photos, up.return_to_check))),
        Err(AddPhotoError::TooMany) => {
            let mut errors = FormErrors::default();
            errors.add_with(
                "photo",
                "report-error-photo-too-many",
                vec![("max", MAX_PHOTOS as i64)],
            );
            rerender(errors).await
        }
        Err(AddPhotoError::NoDraft) => Ok(see_other(&ctx.url("/reports/new"))),
        Err(AddPhotoError::Other(e)) => {
            // Not stored (the database is down, the disk is full): the description is kept,
            // and the person is told to choose the photo again in a minute.
            tracing::error!(error = ?e, "photo not stored");
            let mut errors = FormErrors::default();
            errors.add("photo", "report-error-photo-not-stored");
            Ok(crate::http::not_stored(rerender(errors).await?))
        }
    }
}

/// The photos step again, with the description kept and `errors` shown (the file must be
/// chosen again: a browser never refills a file input).
async fn show_photos(
    state: &AppState,
    ctx: &PageCtx,
    draft: &Draft,
    up: &Upload,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let shown = StepState {
        errors: &errors,
        notice: None,
        return_to_check: up.return_to_check,
        photo_description: &up.description,
    };
    render(state, ctx, Step::Photos, draft, shown).await
}

/// The upload's description and photo, checked and processed (decoded, resized,
/// re-encoded without metadata); or the errors to show, the photo's first.
async fn check_upload(
    state: &AppState,
    up: &Upload,
    photos: usize,
) -> Result<(Option<String>, ProcessedPhoto), FormErrors> {
    let mut errors = FormErrors::default();
    let description = match clean_text(&up.description, true) {
        Ok(d) => Some(d).filter(|d| !d.is_empty()),
        Err(id) => {
            errors.add("photo_description", id);
            None
        }
    };
    if let Some(d) = &description
        && let Err(over) = check_length(d, PHOTO_DESCRIPTION_MAX)
    {
        errors.add_with(
            "photo_description",
            "report-error-photo-description-long",
            vec![("max", PHOTO_DESCRIPTION_MAX as i64), ("over", over)],
        );
    }
    let processed = if up.too_large {
        errors.add("photo", "photo-error-too-large");
        None
    } else if up.bytes.is_empty() {
        errors.add_with(
            "photo",
            "report-error-photo-missing",
            vec![("photos", i64::try_from(photos).unwrap_or(0))],
        );
        None
    } else {
        match state
            .photos
            .process_async(up.bytes.clone(), up.claimed.clone())
            .await
        {
            Ok(p) => Some(p),
            Err(e) => {
                errors.add("photo", e.message_id());
                None
            }
        }
    };
    errors.order_by(&["photo", "photo_description"]);
    match processed.filter(|_| errors.is_empty()) {
        Some(photo) => Ok((description, photo)),
        None => Err(errors),
    }
}

/// POST /{lang}/reports/new/photos/{id}/remove
#[tracing::instrument(level = "debug", skip_all)]
pub async fn remove(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    reports::remove_photo(&state.db, &draft.id, &path.1).await?;
    Ok(see_other(&step_url(&ctx, Step::Photos, false)))
}
