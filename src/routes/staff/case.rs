//! One case: the whole report (personal data only where the role may see it), its
//! photos, timeline and audit log, and the actions the role and state allow.

use super::{auth::sign_in_keeping, check_post, signed_in, to_sign_in};
use crate::db::cases::{self, ActError};
use crate::db::reports::{self};
use crate::db::staff as staff_db;
use crate::domain::FormErrors;
use crate::domain::access::{Staff, Viewer};
use crate::domain::case::{Photo, Report};
use crate::domain::form::{check_length, clean_text};
use crate::domain::report::{DESCRIPTION_MAX, PHOTO_DESCRIPTION_MAX, TITLE_MAX};
use crate::domain::staff::Role;
use crate::domain::workflow::{self, Action, ActionInput};
use crate::error::AppError;
use crate::http::{no_store, see_other};
use crate::state::AppState;
use crate::views::staff::{ActionForm, CasePage};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// The report of a case URL, if this member of staff may see it. An officer asking for
/// another agency's report gets exactly what a missing report gets.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn visible_report(state: &AppState, staff: &Staff, id: &str) -> Result<Report, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let report = reports::by_id(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if staff.may_see(&report) {
        Ok(report)
    } else {
        tracing::info!(
            user = staff.session.user.id,
            report = id,
            "staff denied a report"
        );
        Err(AppError::NotFound)
    }
}

/// GET /{lang}/staff/reports/{id}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let report = visible_report(&state, &staff, &path.1).await?;
    let done = req
        .query_string()
        .strip_prefix("done=")
        .and_then(Action::parse);
    let notice = done.map(|a| ctx.t(a.done_message_id()));
    render(&state, &ctx, &staff, &report, Attempt::none(notice)).await
}

/// What the case page shows besides the case: the outcome of the last attempt, if any.
struct Attempt<'a> {
    /// The action whose form failed (its form shows the errors and the kept text).
    failed: Option<Action>,
    form: &'a ActionForm,
    errors: &'a FormErrors,
    notice: Option<String>,
    status: StatusCode,
}

impl<'a> Attempt<'a> {
    /// The action could not be taken on the report as it is now (409): its form kept.
    fn conflict(action: Action, form: &'a ActionForm, notice: Option<String>) -> Self {
        Attempt {
            failed: Some(action),
            form,
            errors: FormErrors::none(),
            notice,
            status: StatusCode::CONFLICT,
        }
    }

    /// A plain view of the case, with a notice.
    fn none(notice: Option<String>) -> Attempt<'static> {
        static EMPTY_FORM: std::sync::LazyLock<ActionForm> =
            std::sync::LazyLock::new(ActionForm::default);
        Attempt {
            failed: None,
            form: &EMPTY_FORM,
            errors: FormErrors::none(),
            notice,
            status: StatusCode::OK,
        }
    }
}

/// The case page: the report as this member of staff may see it, with the actions they
/// may take, and the outcome of the last attempt.
async fn render(
    state: &AppState,
    ctx: &PageCtx,
    staff: &Staff,
    report: &Report,
    attempt: Attempt<'_>,
) -> Result<HttpResponse, AppError> {
    let db = &state.db;
    let photos = reports::report_photos(db, report.id).await?;
    let events = cases::staff_events(db, report.id).await?;
    let audit = if staff.role == Role::Admin {
        staff_db::audit(db, Some(report.id), None).await?
    } else {
        Vec::new()
    };
    let actions = workflow::available_for(staff.role, report);
    let origin = crate::db::desk::origin_names(db, report).await?;
    let page = views::staff::case(
        ctx,
        &CasePage {
            staff,
            report,
            photos: &photos,
            events: &events,
            audit: &audit,
            failed: attempt.failed,
            form: attempt.form,
            errors: attempt.errors,
            notice: attempt.notice,
            today: crate::domain::deadlines::today(ctx.now()),
            reporter: report.reporter_for(Viewer::Staff(staff.role)),
            actions: &actions,
            origin: &origin,
        },
    );
    Ok(no_store(views::html(attempt.status, page)))
}

/// POST /{lang}/staff/reports/{id}/{action}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn act(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (_, id, action) = path.into_inner();
    let fields = form.into_inner();
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        // The session ended while the person was writing: keep every word.
        Err(end) => return Ok(sign_in_keeping(&ctx, &req, end.as_str(), &fields)),
    };
    let input = ActionForm::from_fields(&fields);
    if let Err(res) = check_post(&req, &staff, &input.csrf) {
        return Ok(res);
    }
    let action = Action::parse(&action).ok_or(AppError::NotFound)?;
    let report = visible_report(&state, &staff, &id).await?;
    // Only this report's photos may be described.
    let photos = if action == Action::Describe {
        reports::report_photos(&state.db, report.id).await?
    } else {
        Vec::new()
    };
    let (parsed, errors) = parse(&ctx, &photos, action, &input);
    if !errors.is_empty() {
        let attempt = Attempt {
            failed: Some(action),
            form: &input,
            errors: &errors,
            notice: None,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        };
        return render(&state, &ctx, &staff, &report, attempt).await;
    }
    let version: i32 = input.version.parse().unwrap_or(-1);
    let (check_staff, now) = (staff.clone(), ctx.now());
    let decide = move |r: &Report| {
        check_staff.may_see(r).then_some(())?;
        workflow::plan(action, check_staff.role, r, &parsed).ok()
    };
    let user = staff.session.user.id;
    match cases::act(&state.db, report.id, version, user, decide, now).await {
        Ok(_) => {
            state.public_changed();
            // The reporter may have been told (written with the change).
            state.mail_written();
            Ok(see_other(&format!(
                "{}?done={}",
                ctx.url(&format!("/staff/reports/{}", report.id)),
                action.as_str()
            )))
        }
        Err(ActError::Stale) => {
            // Someone acted first: the page as it is now, with this person's text kept.
            let fresh = reports::by_id(&state.db, report.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let notice = Some(ctx.t("staff-stale"));
            let form = ActionForm {
                version: fresh.version.to_string(),
                ..input
            };
            let attempt = Attempt::conflict(action, &form, notice);
            render(&state, &ctx, &staff, &fresh, attempt).await
        }
        Err(ActError::NotAllowed) => {
            let attempt = Attempt::conflict(action, &input, Some(ctx.t("staff-not-allowed")));
            render(&state, &ctx, &staff, &report, attempt).await
        }
        Err(ActError::Other(e)) => Err(AppError::Unexpected(e)),
    }
}

/// A staff text: cleaned, required or not, not too long.
fn text_of(
    e: &mut FormErrors,
    field: &'static str,
    raw: &str,
    required: bool,
    max: usize,
) -> Option<String> {
    match clean_text(raw, true) {
        Err(id) => {
            e.add(field, id);
            None
        }
        Ok(t) if t.is_empty() => {
            if required {
                e.add(field, "staff-error-text-missing");
            }
            None
        }
        Ok(t) => {
            if let Err(over) = check_length(&t, max) {
                e.add_with(
                    field,
                    "staff-error-text-long",
                    vec![("max", max as i64), ("over", over)],
                );
            }
            Some(t)
        }
    }
}

/// Check what the action's form carries (`photos`: the report's, for a description).
fn parse(
    ctx: &PageCtx,
    photos: &[Photo],
    action: Action,
    f: &ActionForm,
) -> (ActionInput, FormErrors) {
    let mut e = FormErrors::default();
    let mut input = ActionInput::default();
    match action {
        Action::Edit => {
            input.title = text_of(&mut e, "title", &f.title, true, TITLE_MAX);
            input.description =
                text_of(&mut e, "description", &f.description, true, DESCRIPTION_MAX);
        }
        Action::Describe => {
            input.text = text_of(&mut e, "text", &f.text, false, PHOTO_DESCRIPTION_MAX);
            if !photos.iter().any(|p| p.id == f.photo) {
                // A photo of another report, or none: the summary leads to the first
                // photo's description (the page has no field for the photo itself).
                let first = if photos.is_empty() {
                    "main"
                } else {
                    "describe-0"
                };
                e.add(first, "staff-error-photo-unknown");
            }
            input.photo = Some(f.photo.clone());
        }
        Action::Route => {
            let c = &ctx.content;
            if c.taxonomy.agency(&f.agency, &c.areas).is_none() {
                e.add("agency", "staff-error-agency");
            }
            input.agency = Some(f.agency.clone());
            input.text = text_of(&mut e, "text", &f.text, false, DESCRIPTION_MAX);
        }
        Action::Postpone => {
            input.text = text_of(&mut e, "text", &f.text, false, DESCRIPTION_MAX);
            if input.text.is_none() && e.get("text").is_none() {
                e.add("text", "staff-error-postpone-reason-missing");
            }
            let answers = crate::domain::report::Answers {
                day: f.day.clone(),
                month: f.month.clone(),
                year: f.year.clone(),
                ..Default::default()
            };
            // A date in the future: checked against a far-off "today", then compared.
            let far = time::Date::from_calendar_date(9999, time::Month::December, 31)
                .unwrap_or(time::Date::MAX);
            match answers.date(far) {
                Ok(d) if d > crate::domain::deadlines::today(ctx.now()) => {
                    input.until = Some(d.to_string())
                }
                Ok(_) => e.add("day", "staff-error-until-past"),
                Err((field, id)) => e.add(field, id),
            }
        }
        a if a.needs_text() => input.text = text_of(&mut e, "text", &f.text, true, DESCRIPTION_MAX),
        _ => {}
    }
    (input, e)
}
