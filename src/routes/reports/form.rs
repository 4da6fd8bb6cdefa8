//! The report form: the start page, and one page per step. Every step saves what was
//! typed to the draft first (valid or not), then checks it; a step with errors shows
//! again with every value and a message beside each field in error.

use super::{current_draft, draft_cookie, receipt_cookie};
use crate::db::rate_limits;
use crate::db::reports::{self, Draft};
use crate::domain::report::{Answers, Step, StepInput};
use crate::domain::{FormErrors, deadlines};
use crate::error::AppError;
use crate::http::{self, client_address, is_https, see_other};
use crate::security;
use crate::state::AppState;
use crate::views::reports::{STEP_FORM_ID, StepPage, UPLOAD_FORM_ID, step_url};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// New drafts an address may start in an hour: twice the reports it may send, and never
/// fewer than 100 (people start again, in another tab; a service desk or an office shares
/// one address). With each draft at most 64 KiB, an address can store at most 6.4 MB an hour.
pub fn drafts_per_hour(settings: &crate::settings::Settings) -> i64 {
    (settings.submissions_per_hour * 2).max(100)
}

/// Query of a step page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StepQuery {
    /// `check` when reached with "Change" from "check your answers".
    #[serde(rename = "return")]
    pub return_to: String,
}

/// GET /{lang}/reports/new
#[tracing::instrument(level = "debug", skip_all)]
pub async fn start(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let draft = current_draft(&state, &ctx, &req).await?;
    let today = deadlines::today(ctx.now());
    let resume = draft.filter(|d| d.report_id.is_none()).map(|d| {
        d.answers
            .first_incomplete(&ctx.content, today)
            .unwrap_or(Step::Check)
    });
    let days = reports::DRAFT_LIFETIME.whole_days();
    Ok(views::html(
        StatusCode::OK,
        views::reports::start(&ctx, resume, days),
    ))
}

/// POST /{lang}/reports/new: a new, empty draft, then its first step.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn begin(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let id = match new_draft(&state, &ctx, &req).await? {
        Ok(id) => id,
        Err(wait) => {
            return Ok(http::too_many_requests(
                HttpResponse::TooManyRequests().finish(),
                wait,
            ));
        }
    };
    let mut res = see_other(&step_url(&ctx, Step::Kind, false));
    res.add_cookie(&draft_cookie(&id, is_https(&req)))
        .map_err(|e| AppError::Unexpected(e.into()))?;
    Ok(res)
}

/// A new draft's id; `Err(seconds to wait)` when this address started too many drafts
/// in the last hour (each is stored for days: without a limit, storage is anyone's).
async fn new_draft(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<Result<String, i64>, AppError> {
    let now = ctx.now();
    let bucket = rate_limits::bucket("draft", &client_address(req));
    let per_hour = drafts_per_hour(&state.settings);
    if let Some(wait) =
        rate_limits::hit(&state.db, &bucket, per_hour, 3600, now.unix_timestamp()).await?
    {
        tracing::warn!("new drafts limited");
        return Ok(Err(wait));
    }
    let id = security::random_id()?;
    reports::create_draft(&state.db, &id, &ctx.locale.tag, now).await?;
    Ok(Ok(id))
}

/// The step of the URL (404 for anything else; photos has its own handlers).
fn parse_step(slug: &str) -> Result<Step, AppError> {
    Step::from_slug(slug).ok_or(AppError::NotFound)
}

/// GET /{lang}/reports/new/{step}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    query: web::Query<StepQuery>,
) -> Result<HttpResponse, AppError> {
    let step = parse_step(&path.1)?;
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    if draft.report_id.is_some() {
        return Ok(see_other(&ctx.url("/reports/new/sent")));
    }
    let back_to_check = query.return_to == "check";
    let mut res = render(
        &state,
        &ctx,
        step,
        &draft,
        StepState {
            errors: &FormErrors::default(),
            notice: None,
            return_to_check: back_to_check,
            photo_description: "",
        },
    )
    .await?;
    // A fresh receipt each time the answers are checked: whatever receipt another browser
    // planted is replaced before the report can be sent (see `RECEIPT_COOKIE`).
    if step == Step::Check {
        res.add_cookie(&receipt_cookie(&security::random_id()?, is_https(&req)))
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// What a step page shows besides the draft's answers.
pub struct StepState<'a> {
    pub errors: &'a FormErrors,
    /// A notice at the top (a draft started again, answers not saved).
    pub notice: Option<String>,
    /// Reached with "Change" from "check your answers".
    pub return_to_check: bool,
    /// The photo description typed (kept when the photo was refused).
    pub photo_description: &'a str,
}

/// Render a step page for `draft`.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn render(
    state: &AppState,
    ctx: &PageCtx,
    step: Step,
    draft: &Draft,
    shown: StepState<'_>,
) -> Result<HttpResponse, AppError> {
    let StepState {
        errors,
        notice,
        return_to_check,
        photo_description,
    } = shown;
    let photos = if matches!(step, Step::Photos | Step::Check) {
        reports::draft_photos(state.form_reads(), &draft.id).await?
    } else {
        Vec::new()
    };
    let upload_id = security::random_id()?;
    let form = if step == Step::Photos {
        UPLOAD_FORM_ID
    } else {
        STEP_FORM_ID
    };
    // With five photos there is no upload form: the language switch becomes links.
    let ctx = if step == Step::Photos && photos.len() >= crate::domain::report::MAX_PHOTOS {
        ctx.clone().without_form_switch()
    } else {
        ctx.clone().with_form_switch(form)
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = views::reports::step(
        &ctx,
        &StepPage {
            step,
            answers: &draft.answers,
            errors,
            notice,
            return_to_check,
            photos: &photos,
            photo_description,
            upload_id: &upload_id,
            expires: draft.expires_at,
            today: deadlines::today(ctx.now()),
        },
    );
    Ok(views::html(status, page))
}

/// The draft a step is posted to. When it is gone (expired, cookie lost), a new one
/// takes what was typed on this page, and the person is told the rest must be given
/// again; nothing typed on the page is lost. When no new draft may be started (too many
/// from this address), the page is shown again with what was typed, unsaved, and the
/// seconds to wait.
async fn draft_for_post(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<PostedDraft, AppError> {
    if let Some(draft) = current_draft(state, ctx, req).await? {
        return Ok(PostedDraft {
            draft,
            new_cookie: None,
            notice: None,
            wait: None,
        });
    }
    let id = match new_draft(state, ctx, req).await? {
        Ok(id) => id,
        Err(wait) => {
            let minutes = http::wait_minutes(wait);
            let now = ctx.now();
            return Ok(PostedDraft {
                draft: Draft {
                    id: String::new(),
                    answers: Default::default(),
                    created_at: now,
                    expires_at: now,
                    report_id: None,
                },
                new_cookie: None,
                notice: Some(ctx.t_args("form-rate-limited", &[("minutes", minutes.into())])),
                wait: Some(wait),
            });
        }
    };
    let draft = reports::draft(&state.db, &id, ctx.now())
        .await?
        .ok_or_else(|| AppError::Unexpected(anyhow::anyhow!("new draft not found")))?;
    Ok(PostedDraft {
        draft,
        new_cookie: Some(id),
        notice: Some(ctx.t("report-draft-restarted")),
        wait: None,
    })
}

/// The draft a step is posted to (see [`draft_for_post`]).
struct PostedDraft {
    draft: Draft,
    /// A new draft's id, for the cookie.
    new_cookie: Option<String>,
    notice: Option<String>,
    /// Seconds to wait: no draft could be started, nothing is saved.
    wait: Option<i64>,
}

/// POST /{lang}/reports/new/{step}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn save(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<StepInput>,
) -> Result<HttpResponse, AppError> {
    let step = parse_step(&path.1)?;
    if matches!(step, Step::Photos | Step::Check) {
        return Ok(see_other(&step_url(&ctx, step, false)));
    }
    let PostedDraft {
        mut draft,
        new_cookie,
        mut notice,
        wait,
    } = draft_for_post(&state, &ctx, &req).await?;
    if draft.report_id.is_some() {
        return Ok(see_other(&ctx.url("/reports/new/sent")));
    }
    let input = form.into_inner();
    let switch = !input.switch_lang.is_empty();
    let back_to_check = input.return_to == "check";
    let choice = input.personal_data_choice.clone();
    draft.answers.take(step, input);
    if step == Step::Details && !switch {
        // The citizen's text is in the language of the page it was typed on.
        draft.answers.text_lang = ctx.locale.tag.to_string();
    }
    if step == Step::PersonalData && choice == "keep" {
        draft.answers.personal_data_kept = draft.answers.text_fingerprint();
    }
    let now = ctx.now();
    // Too large to keep: not saved; the step again, its too-long fields marked.
    let too_large = draft.answers.too_large_to_store();
    if too_large {
        notice = Some(ctx.t("report-draft-too-large"));
    }
    let saved = if wait.is_some() || too_large {
        Ok(false)
    } else {
        reports::save_answers(&state.db, &draft.id, &draft.answers, now).await
    };
    if let Err(e) = saved {
        // Not saved (the database is down, the disk is full): the page again with what
        // was typed, saying so, never an error page that loses it.
        tracing::error!(error = ?e, "answers not saved");
        let notice = Some(ctx.t("report-not-saved"));
        let res = render(
            &state,
            &ctx,
            step,
            &draft,
            StepState {
                errors: &FormErrors::default(),
                notice,
                return_to_check: back_to_check,
                photo_description: "",
            },
        )
        .await?;
        return Ok(crate::http::not_stored(res));
    }
    let with_cookie = |mut res: HttpResponse| -> Result<HttpResponse, AppError> {
        if let Some(id) = &new_cookie {
            res.add_cookie(&draft_cookie(id, is_https(&req)))
                .map_err(|e| AppError::Unexpected(e.into()))?;
        }
        Ok(match wait {
            Some(wait) => http::too_many_requests(res, wait),
            None => res,
        })
    };
    // The language switch: saved as it is, shown again in the other language, unchecked.
    if switch {
        return with_cookie(see_other(&step_url(&ctx, step, back_to_check)));
    }
    let today = deadlines::today(now);
    let errors = draft.answers.check_step(step, &ctx.content, today);
    if !errors.is_empty() || notice.is_some() {
        let res = render(
            &state,
            &ctx,
            step,
            &draft,
            StepState {
                errors: &errors,
                notice,
                return_to_check: back_to_check,
                photo_description: "",
            },
        )
        .await?;
        return with_cookie(res);
    }
    let next = next_step(step, &draft.answers, back_to_check, &ctx, today);
    with_cookie(see_other(&step_url(&ctx, next.0, next.1)))
}

/// Where a step that was answered leads: the personal-data question when the text
/// needs it; back to "check your answers" (or the first step still to answer) when
/// reached from there; else the next step.
fn next_step(
    step: Step,
    answers: &Answers,
    back_to_check: bool,
    ctx: &PageCtx,
    today: time::Date,
) -> (Step, bool) {
    if step == Step::PersonalData && answers.personal_data_choice == "edit" {
        return (Step::Details, back_to_check);
    }
    if step == Step::Details && answers.needs_personal_data_warning() {
        return (Step::PersonalData, back_to_check);
    }
    if back_to_check {
        return match answers.first_incomplete(&ctx.content, today) {
            Some(s) => (s, true),
            None => (Step::Check, false),
        };
    }
    let mut next = step.next().unwrap_or(Step::Check);
    if next == Step::PersonalData {
        next = Step::Province;
    }
    (next, false)
}

/// GET /{lang}/reports/new/photos (its POST is the upload, in `photos`).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show_photos(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    query: web::Query<StepQuery>,
) -> Result<HttpResponse, AppError> {
    let Some(draft) = current_draft(&state, &ctx, &req).await? else {
        return Ok(see_other(&ctx.url("/reports/new")));
    };
    if draft.report_id.is_some() {
        return Ok(see_other(&ctx.url("/reports/new/sent")));
    }
    let back_to_check = query.return_to == "check";
    render(
        &state,
        &ctx,
        Step::Photos,
        &draft,
        StepState {
            errors: &FormErrors::default(),
            notice: None,
            return_to_check: back_to_check,
            photo_description: "",
        },
    )
    .await
}
