//! Reporting a barrier of the portal itself (issue #21, item 13): `/{lang}/accessibility/report`.
//!
//! A barrier report is a report like any other (the same tables, tracking code and access
//! key, working-day deadlines, staff queue and private view), made by the same send step
//! (`db::sending::send`, with its rate limit and its idempotency: the form's id is the
//! draft's id, so a double click, a refresh or Back-and-resend gives the same report). It
//! is routed to the portal's operator (`content::taxonomy::OPERATOR`), in the category of
//! accessibility barriers, and always **confidential**: a barrier report often says what
//! disability its writer has and which assistive technology they use, which is health
//! data that must never be published by default; nothing about a portal barrier needs to
//! be public for the operator to fix it. The person follows it privately with the code
//! and key.

use super::reports::{access_key, cookie_name};
use crate::content::taxonomy::{ACCESSIBILITY_BARRIER, OPERATOR};
use crate::db::rate_limits;
use crate::db::reports;
use crate::db::sending::{self, SendError};
use crate::domain::form::{check_length, clean_text};
use crate::domain::report::{DESCRIPTION_MAX, Kind, NewReport, Privacy, SHORT_MAX, TITLE_MAX};
use crate::domain::{Code, Email, FormErrors, Phone, deadlines};
use crate::error::AppError;
use crate::http::{self, client_address, see_other};
use crate::security;
use crate::state::AppState;
use crate::views::barrier::{self as view, BARRIER_FORM_ID, BarrierInput, BarrierSent};
use crate::views::{self, PageCtx};
use actix_web::cookie::{Cookie, SameSite, time::Duration as CookieDuration};
use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};

/// The cookie holding the id of the sent barrier report's draft (for the confirmation).
pub const BARRIER_COOKIE: &str = "balai_barrier";
/// The cookie holding the receipt the access key is derived with (see
/// `routes::reports::RECEIPT_COOKIE`: a draft id alone never shows a key).
pub const BARRIER_RECEIPT_COOKIE: &str = "balai_barrier_receipt";

/// The fields in the order they stand on the page (the error summary's order).
const FIELDS: &[&str] = &["location", "problem", "assistive", "email", "phone"];

fn is_random_id(s: &str) -> bool {
    s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn cookie_value(req: &HttpRequest, base: &str) -> Option<String> {
    let c = req.cookie(&cookie_name(base, http::is_https(req)))?;
    is_random_id(c.value()).then(|| c.value().to_owned())
}

fn cookie(base: &str, value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(cookie_name(base, secure), value.to_owned())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::hours(1))
        .finish()
}

/// The answers, checked: (location, problem, email, phone, assistive technology).
struct Barrier {
    location: String,
    problem: String,
    email: Option<Email>,
    phone: Option<Phone>,
    assistive: Option<String>,
}

fn text(
    e: &mut FormErrors,
    field: &'static str,
    raw: &str,
    max: usize,
    multiline: bool,
    missing: Option<&'static str>,
    long: &'static str,
) -> String {
    match clean_text(raw, multiline) {
        Err(id) => {
            e.add(field, id);
            String::new()
        }
        Ok(t) if t.is_empty() => {
            if let Some(id) = missing {
                e.add(field, id);
            }
            t
        }
        Ok(t) => {
            if let Err(over) = check_length(&t, max) {
                e.add_with(
                    field,
                    long,
                    vec![
                        ("max", i64::try_from(max).unwrap_or(i64::MAX)),
                        ("over", over),
                    ],
                );
            }
            t
        }
    }
}

fn parse(input: &BarrierInput) -> Result<Barrier, FormErrors> {
    let mut e = FormErrors::default();
    let location = text(
        &mut e,
        "location",
        &input.location,
        SHORT_MAX,
        false,
        Some("barrier-error-location-missing"),
        "barrier-error-location-long",
    );
    let problem = text(
        &mut e,
        "problem",
        &input.problem,
        DESCRIPTION_MAX,
        true,
        Some("barrier-error-problem-missing"),
        "barrier-error-problem-long",
    );
    let assistive = text(
        &mut e,
        "assistive",
        &input.assistive,
        SHORT_MAX,
        false,
        None,
        "barrier-error-assistive-long",
    );
    let email = if input.email.trim().is_empty() {
        None
    } else {
        let parsed = Email::parse(&input.email);
        if parsed.is_none() {
            e.add("email", "reg-error-email-invalid");
        }
        parsed
    };
    let phone = if input.phone.trim().is_empty() {
        None
    } else {
        let parsed = Phone::parse(&input.phone);
        if parsed.is_none() {
            e.add("phone", "reg-error-phone-invalid");
        }
        parsed
    };
    e.order_by(FIELDS);
    if e.is_empty() {
        Ok(Barrier {
            location,
            problem,
            email,
            phone,
            assistive: (!assistive.is_empty()).then_some(assistive),
        })
    } else {
        Err(e)
    }
}

/// The report a barrier makes: confidential, to the operator, in the form's language.
fn new_report(ctx: &PageCtx, b: &Barrier) -> NewReport {
    let title: String = ctx
        .t_args(
            "barrier-report-title",
            &[("location", b.location.clone().into())],
        )
        .chars()
        .take(TITLE_MAX)
        .collect();
    let mut description = b.problem.clone();
    if let Some(at) = &b.assistive {
        description.push_str("\n\n");
        description.push_str(&ctx.t_args(
            "barrier-report-assistive",
            &[("assistive", at.clone().into())],
        ));
    }
    NewReport {
        kind: Kind::Complaint,
        category: ACCESSIBILITY_BARRIER.to_owned(),
        title,
        description,
        province: String::new(),
        regency: String::new(),
        place: Some(b.location.clone()),
        occurred_on: deadlines::today(ctx.now()),
        agency: Some(OPERATOR.to_owned()),
        privacy: Privacy::Confidential,
        name: None,
        notify_by_email: b.email.is_some(),
        email: b.email.as_ref().map(|x| x.as_str().to_owned()),
        phone: b.phone.as_ref().map(|x| x.as_str().to_owned()),
        on_behalf: false,
        relationship: None,
        personal_data_kept: false,
    }
}

fn form_page(
    ctx: &PageCtx,
    input: &BarrierInput,
    form_id: &str,
    errors: &FormErrors,
    notice: Option<String>,
    status: StatusCode,
) -> HttpResponse {
    views::html(status, view::form(ctx, input, form_id, errors, notice))
}

/// GET /{lang}/accessibility/report
#[tracing::instrument(level = "debug", skip_all)]
pub async fn form(ctx: PageCtx) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(BARRIER_FORM_ID);
    let form_id = security::random_id()?;
    Ok(form_page(
        &ctx,
        &BarrierInput::default(),
        &form_id,
        FormErrors::none(),
        None,
        StatusCode::OK,
    ))
}

/// POST /{lang}/accessibility/report
#[tracing::instrument(level = "debug", skip_all)]
pub async fn submit(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<BarrierInput>,
) -> Result<HttpResponse, AppError> {
    let ctx = ctx.with_form_switch(BARRIER_FORM_ID);
    let input = form.into_inner();
    let form_id = if is_random_id(&input.form_id) {
        input.form_id.to_ascii_lowercase()
    } else {
        security::random_id()?
    };
    if !input.switch_lang.is_empty() {
        // The language switch: the same form in the other language, nothing checked.
        return Ok(form_page(
            &ctx,
            &input,
            &form_id,
            FormErrors::none(),
            None,
            StatusCode::OK,
        ));
    }
    let barrier = match parse(&input) {
        Ok(b) => b,
        Err(errors) => {
            return Ok(form_page(
                &ctx,
                &input,
                &form_id,
                &errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            ));
        }
    };
    let not_stored = |e: anyhow::Error| {
        tracing::error!(error = ?e, "barrier report not stored");
        http::not_stored(form_page(
            &ctx,
            &input,
            &form_id,
            FormErrors::none(),
            Some(ctx.t("barrier-not-sent")),
            StatusCode::OK,
        ))
    };
    let now = ctx.now();
    let secure = http::is_https(&req);
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
    let (receipt, new_receipt) = match cookie_value(&req, BARRIER_RECEIPT_COOKIE) {
        Some(r) => (r, false),
        None => (security::random_id()?, true),
    };
    let key = access_key(&state, &form_id, &receipt);
    let settings = &state.settings;
    let bucket = rate_limits::bucket("report", &client_address(&req));
    let limit = rate_limits::Limit {
        bucket: &bucket,
        per_window: settings.submissions_per_hour,
        window_secs: 3600,
    };
    let report = new_report(&ctx, &barrier);
    let outcome = sending::send(
        &state.db,
        Some(limit),
        &form_id,
        &report,
        sending::Origin::WEB,
        &key.hash(),
        &ctx.locale.tag,
        false,
        now,
    )
    .await;
    let mut res = match outcome {
        Ok(sent) => {
            tracing::info!(
                report = sent.report_id,
                repeated = sent.repeated,
                "barrier report sent"
            );
            see_other(&ctx.url("/accessibility/report/sent"))
        }
        Err(SendError::RateLimited(wait)) => {
            let minutes = http::wait_minutes(wait);
            let notice = ctx.t_args("form-rate-limited", &[("minutes", minutes.into())]);
            let page = form_page(
                &ctx,
                &input,
                &form_id,
                FormErrors::none(),
                Some(notice),
                StatusCode::OK,
            );
            return Ok(http::too_many_requests(page, wait));
        }
        Err(SendError::NoDraft) => {
            return Ok(not_stored(anyhow::anyhow!("the barrier draft is gone")));
        }
        Err(SendError::Other(e)) => return Ok(not_stored(e)),
    };
    let cookies = [
        Some(cookie(BARRIER_COOKIE, &form_id, secure)),
        new_receipt.then(|| cookie(BARRIER_RECEIPT_COOKIE, &receipt, secure)),
    ];
    for c in cookies.iter().flatten() {
        res.add_cookie(c)
            .map_err(|e| AppError::Unexpected(e.into()))?;
    }
    Ok(res)
}

/// GET /{lang}/accessibility/report/sent: the code and key, to the browser that sent it
/// (for the hour its draft is kept).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn sent(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let back = || Ok(see_other(&ctx.url("/accessibility/report")));
    let (Some(draft_id), Some(receipt)) = (
        cookie_value(&req, BARRIER_COOKIE),
        cookie_value(&req, BARRIER_RECEIPT_COOKIE),
    ) else {
        return back();
    };
    let Some(report_id) = reports::draft(&state.db, &draft_id, ctx.now())
        .await?
        .and_then(|d| d.report_id)
    else {
        return back();
    };
    let report = reports::by_id(&state.db, report_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = access_key(&state, &draft_id, &receipt);
    if key.hash() != report.key_hash {
        return back();
    }
    let code = Code::parse(&report.code)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let page = view::sent(
        &ctx,
        &BarrierSent {
            code: &code,
            key: key.to_string(),
            verify_by: deadlines::add_working_days(
                deadlines::today(report.created_at),
                deadlines::VERIFY_WORKING_DAYS,
                &ctx.content.holidays,
            ),
        },
    );
    let mut res = views::html(StatusCode::OK, page);
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static(crate::http_cache::PRIVATE),
    );
    Ok(res)
}
