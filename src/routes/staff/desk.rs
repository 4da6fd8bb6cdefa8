//! The assisted-intake desk (issue #19, item 4): `/{lang}/staff/desk`. A verifier, an
//! officer or an admin files a report for a citizen who came in person, phoned, wrote a
//! letter or wrote on social media, with the citizen's consent.
//!
//! The report is made by the web form's send step (`db::sending::send`) with the desk's
//! channel and the staff member; the form's id is the draft's id, so a double click or
//! Back-and-resend gives the one report. Signed-in staff file many reports from one
//! office address: the per-address limit and the spam hold do not apply. The access key
//! is derived from the form's id and the staff session's secret, so only that session
//! sees it, on the confirmation, while the sent draft lives (an hour); the citizen gets
//! the code and key by email when they gave an address.

use super::{check_post, signed_in, to_sign_in};
use crate::db::outbox::NewMessage;
use crate::db::sending::{self, Origin, SendError};
use crate::db::{desk as desk_db, reports};
use crate::domain::access::Staff;
use crate::domain::access_key::AccessKey;
use crate::domain::desk::DeskInput;
use crate::domain::{Code, FormErrors, deadlines};
use crate::error::AppError;
use crate::http::{self, see_other};
use crate::mail::message::Message;
use crate::mail::reports::ReportMessage;
use crate::security;
use crate::state::AppState;
use crate::views::staff::DeskSent;
use crate::views::{self, PageCtx};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

fn is_random_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The access key of the report filed with form `form_id` in `staff`'s session.
fn desk_key(state: &AppState, form_id: &str, staff: &Staff) -> AccessKey {
    super::super::reports::access_key(
        state,
        form_id,
        &format!("desk.{}.{}", staff.session.user.id, staff.session.csrf),
    )
}

fn form_page(
    ctx: &PageCtx,
    staff: &Staff,
    input: &DeskInput,
    form_id: &str,
    errors: &FormErrors,
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    let today = deadlines::today(ctx.now());
    views::html(
        status,
        views::staff::desk(ctx, staff, input, form_id, errors, notice, today),
    )
}

/// GET /{lang}/staff/desk
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let form_id = security::random_id()?;
    Ok(form_page(
        &ctx,
        &staff,
        &DeskInput::default(),
        &form_id,
        FormErrors::none(),
        None,
        StatusCode::OK,
    ))
}

/// POST /{lang}/staff/desk
#[tracing::instrument(level = "debug", skip_all)]
pub async fn submit(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<DeskInput>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let input = form.into_inner();
    if let Err(res) = check_post(&req, &staff, &input.csrf) {
        return Ok(res);
    }
    let form_id = if is_random_id(&input.form_id) {
        input.form_id.to_ascii_lowercase()
    } else {
        security::random_id()?
    };
    let now = ctx.now();
    let (report, channel) = match input.parse(&ctx.content, deadlines::today(now)) {
        Ok(r) => r,
        Err(errors) => {
            return Ok(form_page(
                &ctx,
                &staff,
                &input,
                &form_id,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let not_stored = |e: anyhow::Error| {
        tracing::error!(error = ?e, "desk report not stored");
        http::not_stored(form_page(
            &ctx,
            &staff,
            &input,
            &form_id,
            FormErrors::none(),
            Some(ctx.t("desk-not-sent")),
            StatusCode::OK,
        ))
    };
    // The form's id is the draft's: made once, sent once.
    match reports::draft(&state.db, &form_id, now).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            if let Err(e) = reports::create_draft(&state.db, &form_id, &ctx.locale.tag, now).await {
                // Two sends at once (a double click): the other made it.
                match reports::draft(&state.db, &form_id, now).await {
                    Ok(Some(_)) => {}
                    _ => return Ok(not_stored(e)),
                }
            }
        }
        Err(e) => return Ok(not_stored(e)),
    }
    let key = desk_key(&state, &form_id, &staff);
    let user_id = staff.session.user.id;
    let origin = Origin {
        channel,
        partner_id: None,
        filed_by_staff_id: Some(user_id),
    };
    // No limit and no spam hold: a signed-in member of staff is filing it.
    let outcome = sending::send(
        &state.db,
        None,
        &form_id,
        &report,
        origin,
        &key.hash(),
        &ctx.locale.tag,
        false,
        now,
    )
    .await;
    let sent = match outcome {
        Ok(sent) => sent,
        Err(SendError::RateLimited(_)) | Err(SendError::NoDraft) => {
            return Ok(not_stored(anyhow::anyhow!("the desk draft is gone")));
        }
        Err(SendError::Other(e)) => return Ok(not_stored(e)),
    };
    // The citizen's message with the code and key: written once (its dedupe key), and
    // only by the session that knows the key (a resend from another one writes none).
    let stored = reports::by_id(&state.db, sent.report_id).await?;
    let same_key = stored.as_ref().is_some_and(|r| r.key_hash == key.hash());
    let mail: Option<NewMessage> = report.email.as_deref().filter(|_| same_key).map(|to| {
        Message::Report(ReportMessage::Filed {
            code: sent.code.to_string(),
            key: key.to_string(),
        })
        .to_row(
            to,
            &ctx.locale.tag,
            format!("report:{}:filed", sent.report_id),
        )
        .about_report(sent.report_id)
    });
    desk_db::after_filing(
        &state.db,
        user_id,
        sent.report_id,
        channel,
        mail.as_ref(),
        now,
    )
    .await?;
    tracing::info!(
        report = sent.report_id,
        by = user_id,
        channel = channel.as_str(),
        repeated = sent.repeated,
        "desk report filed"
    );
    Ok(see_other(&ctx.url(&format!("/staff/desk/sent/{form_id}"))))
}

/// GET `/{lang}/staff/desk/sent/{form_id}`: the printable confirmation, to the session that
/// filed it, while its sent draft lives.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sent(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let staff = match signed_in(&state, &req).await? {
        Ok(s) => s,
        Err(end) => return Ok(to_sign_in(&ctx, &req, end)),
    };
    let form_id = path.1.to_ascii_lowercase();
    let back = || Ok(see_other(&ctx.url("/staff/desk")));
    if !is_random_id(&form_id) {
        return back();
    }
    let Some(report_id) = reports::draft(&state.db, &form_id, ctx.now())
        .await?
        .and_then(|d| d.report_id)
    else {
        return back();
    };
    let report = reports::by_id(&state.db, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = desk_key(&state, &form_id, &staff);
    if key.hash() != report.key_hash || report.filed_by_staff_id != Some(staff.session.user.id) {
        return back();
    }
    let code = Code::parse(&report.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let page = views::staff::desk_sent(
        &ctx,
        &staff,
        &DeskSent {
            code: &code,
            key: key.to_string(),
            verify_by: report.due(&ctx.content.holidays).verify_by,
            channel: report.channel,
            emailed: report.reporter_email.is_some(),
            report_id: report.id,
        },
    );
    let mut res = views::html(StatusCode::OK, page);
    // The access key must not be kept by caches.
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    Ok(res)
}
