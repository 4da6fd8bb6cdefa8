//! One case: the whole report (personal data only where the role may see it), its
//! photos, timeline and audit log, and the actions the role and state allow.

use super::{Staff, auth::sign_in_keeping, check_post, end_reason, signed_in, to_sign_in};
use crate::db::cases::{self, ActError, ActionInput, Actor};
use crate::db::reports::{self, Report};
use crate::db::staff as staff_db;
use crate::domain::FormErrors;
use crate::domain::form::{check_length, clean_text};
use crate::domain::report::{DESCRIPTION_MAX, PHOTO_DESCRIPTION_MAX, TITLE_MAX};
use crate::domain::staff::Role;
use crate::domain::workflow::Action;
use crate::error::AppError;
use crate::routes::language::see_other;
use crate::views::staff::{ActionForm, CasePage};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};

/// The report of a case URL, if this member of staff may see it. An officer asking for
/// another agency's report gets exactly what a missing report gets.
pub async fn visible_report(ctx: &PageCtx, staff: &Staff, id: &str) -> Result<Report, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let report = reports::by_id(&ctx.state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if may_see(staff, &report) {
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

/// Admins and verifiers see every report; officers only those routed to their agency.
pub fn may_see(staff: &Staff, report: &Report) -> bool {
    match staff.role {
        Role::Admin | Role::Verifier => true,
        Role::Officer => {
            report.routed_at.is_some()
                && report.agency.is_some()
                && report.agency.as_deref() == staff.session.user.agency.as_deref()
        }
    }
}

/// GET /{lang}/staff/reports/{id}
pub async fn show(
    ctx: PageCtx,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&ctx.state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let report = visible_report(&ctx, &staff, &path.1).await?;
    let done = req
        .query_string()
        .strip_prefix("done=")
        .and_then(Action::parse);
    let notice = done.map(|a| ctx.t(&format!("staff-done-{}", a.as_str())));
    render(
        &ctx,
        &staff,
        &report,
        None,
        &ActionForm::default(),
        &FormErrors::default(),
        notice,
        StatusCode::OK,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn render(
    ctx: &PageCtx,
    staff: &Staff,
    report: &Report,
    failed: Option<Action>,
    form: &ActionForm,
    errors: &FormErrors,
    notice: Option<String>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let db = &ctx.state.db;
    let photos = reports::report_photos(db, report.id).await?;
    let events = cases::staff_events(db, report.id).await?;
    let audit = if staff.role == Role::Admin {
        staff_db::audit(db, Some(report.id), None).await?
    } else {
        Vec::new()
    };
    let page = views::staff::case(
        ctx,
        &CasePage {
            staff,
            report,
            photos: &photos,
            events: &events,
            audit: &audit,
            failed,
            form,
            errors,
            notice,
            today: crate::domain::deadlines::today(ctx.now()),
        },
    );
    let mut res = views::html(status, page);
    res.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

/// POST /{lang}/staff/reports/{id}/{action}
pub async fn act(
    ctx: PageCtx,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (_, id, action) = path.into_inner();
    let fields = form.into_inner();
    let staff = match signed_in(&ctx.state, &req).await? {
        Ok(s) => s,
        // The session ended while the person was writing: keep every word.
        Err(end) => return Ok(sign_in_keeping(&ctx, &req, end_reason(end), &fields)),
    };
    let input = ActionForm::from_fields(&fields);
    if let Err(res) = check_post(&req, &staff, &input.csrf) {
        return Ok(res);
    }
    let action = Action::parse(&action).ok_or(AppError::NotFound)?;
    let report = visible_report(&ctx, &staff, &id).await?;
    let (parsed, errors) = parse(&ctx, &report, action, &input);
    if !errors.is_empty() {
        return render(
            &ctx,
            &staff,
            &report,
            Some(action),
            &input,
            &errors,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let version: i32 = input.version.parse().unwrap_or(-1);
    let actor = Actor {
        user_id: staff.session.user.id,
        role: staff.role.as_str().to_owned(),
        agency: staff.session.user.agency.clone(),
    };
    let role = staff.role;
    let check_staff = staff.clone();
    let allowed =
        move |r: &Report| may_see(&check_staff, r) && action.allowed(role, &r.status, r.held);
    match cases::act(
        &ctx.state.db,
        report.id,
        version,
        &actor,
        action,
        &parsed,
        allowed,
        ctx.now(),
    )
    .await
    {
        Ok(_) => {
            ctx.state.public_changed();
            Ok(see_other(&format!(
                "{}?done={}",
                ctx.url(&format!("/staff/reports/{}", report.id)),
                action.as_str()
            )))
        }
        Err(ActError::Stale) => {
            // Someone acted first: the page as it is now, with this person's text kept.
            let fresh = reports::by_id(&ctx.state.db, report.id)
                .await?
                .ok_or(AppError::NotFound)?;
            let notice = Some(ctx.t("staff-stale"));
            let form = ActionForm {
                version: fresh.version.to_string(),
                ..input
            };
            render(
                &ctx,
                &staff,
                &fresh,
                Some(action),
                &form,
                &FormErrors::default(),
                notice,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(ActError::NotAllowed) => {
            let notice = Some(ctx.t("staff-not-allowed"));
            render(
                &ctx,
                &staff,
                &report,
                Some(action),
                &input,
                &FormErrors::default(),
                notice,
                StatusCode::CONFLICT,
            )
            .await
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

/// Check what the action's form carries.
fn parse(
    ctx: &PageCtx,
    report: &Report,
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
            input.text = text_of(&mut e, "text", &f.text, true, DESCRIPTION_MAX);
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
    let _ = report;
    (input, e)
}
