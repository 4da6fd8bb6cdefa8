//! Workshop registrations for staff (admins and verifiers): who registered, the access
//! needs to arrange and where each stands, and a CSV for the organisers.

use super::{Staff, check_post, signed_in, to_sign_in};
use crate::content::Workshop;
use crate::db::registrations;
use crate::domain::AccessNeed;
use crate::domain::registration::NeedStatus;
use crate::domain::staff::Role;
use crate::error::AppError;
use crate::http::see_other;
use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

async fn organiser(
    state: &AppState,
    ctx: &PageCtx,
    req: &HttpRequest,
) -> Result<Result<Staff, HttpResponse>, AppError> {
    match signed_in(state, req).await? {
        Ok(s) if matches!(s.role, Role::Admin | Role::Verifier) => Ok(Ok(s)),
        Ok(_) => Err(AppError::NotFound),
        Err(end) => Ok(Err(to_sign_in(ctx, req, end))),
    }
}

fn workshop<'a>(ctx: &'a PageCtx, slug: &str) -> Result<&'a Workshop, AppError> {
    ctx.content
        .workshops
        .get(slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)
}

/// GET /{lang}/staff/workshops
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let staff = match organiser(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let seats = registrations::confirmed_counts(&state.db).await?;
    let mut workshops: Vec<&Workshop> = ctx.content.workshops.all(&ctx.locale.tag).collect();
    workshops.sort_by_key(|w| w.start);
    Ok(views::html(
        StatusCode::OK,
        views::staff_workshops::list(&ctx, &staff, &workshops, &seats),
    ))
}

/// GET /{lang}/staff/workshops/{slug}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let staff = match organiser(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let w = workshop(&ctx, &path.1)?;
    let regs = registrations::of_workshop(&state.db, &w.slug).await?;
    let needs = registrations::needs_of_workshop(&state.db, &w.slug).await?;
    let mut res = views::html(
        StatusCode::OK,
        views::staff_workshops::show(&ctx, &staff, w, &regs, &needs),
    );
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    Ok(res)
}

/// What the need-status form sends.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct NeedForm {
    pub csrf: String,
    pub registration: String,
    pub need: String,
    pub status: String,
}

/// POST /{lang}/staff/workshops/{slug}/needs
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_need(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<NeedForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match organiser(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let w = workshop(&ctx, &path.1)?;
    let id: i64 = form.registration.parse().map_err(|_| AppError::NotFound)?;
    let need = AccessNeed::parse(&form.need).ok_or(AppError::NotFound)?;
    let Some(status) = NeedStatus::parse(&form.status) else {
        return Ok(HttpResponse::BadRequest().finish());
    };
    if !registrations::set_need_status(&state.db, &w.slug, id, need.as_str(), status, ctx.now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    state.mail_written();
    let detail = format!("{} #{id} {}: {}", w.slug, need.as_str(), status.as_str());
    crate::db::staff::record(
        &state.db,
        staff.session.user.id,
        crate::domain::staff::AccountEvent::NeedStatus,
        Some(&detail),
        ctx.now(),
    )
    .await?;
    tracing::info!(
        by = staff.session.user.id,
        registration = id,
        "access need status set"
    );
    Ok(see_other(&format!(
        "{}#registration-{id}",
        ctx.url(&format!("/staff/workshops/{}", w.slug))
    )))
}

/// GET /{lang}/staff/workshops/{slug}/registrations.csv
#[tracing::instrument(level = "debug", skip_all)]
pub async fn csv(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let staff = match organiser(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let w = workshop(&ctx, &path.1)?;
    let regs = registrations::of_workshop(&state.db, &w.slug).await?;
    // Personal data leaving Balai: who took it, and when.
    crate::db::staff::record(
        &state.db,
        staff.session.user.id,
        crate::domain::staff::AccountEvent::RegistrationsDownloaded,
        Some(&w.slug),
        ctx.now(),
    )
    .await?;
    let needs = registrations::needs_of_workshop(&state.db, &w.slug).await?;
    let mut out =
        String::from("code,name,email,phone,organisation,attendance,pool,status,needs\r\n");
    for r in &regs {
        let list: Vec<String> = needs
            .iter()
            .filter(|n| n.registration_id == r.id)
            .map(|n| match &n.detail {
                Some(d) => format!("{} ({}): {}", n.need, d, n.status),
                None => format!("{}: {}", n.need, n.status),
            })
            .collect();
        let row = [
            r.code.as_str(),
            &r.name,
            r.email.as_deref().unwrap_or_default(),
            r.phone.as_deref().unwrap_or_default(),
            r.organisation.as_deref().unwrap_or_default(),
            &r.attendance,
            &r.pool,
            r.status.as_str(),
            &list.join("; "),
        ];
        out.push_str(
            &row.iter()
                .map(|c| crate::routes::open_data::csv_cell(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}-registrations.csv\"", w.slug),
        ))
        .insert_header((header::CACHE_CONTROL, crate::http_cache::PRIVATE))
        .body(out))
}
