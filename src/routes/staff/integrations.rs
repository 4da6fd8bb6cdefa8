//! For admins (issue #19): partner keys and agency webhooks (`/{lang}/staff/integrations`).
//! Every form carries the session's CSRF token, is safe to send twice (a second new-key
//! form makes no second key; setting the same URL again changes nothing; revoking,
//! disabling and sending again only act once) and is recorded in the audit log. A new key
//! and a new webhook secret are shown once, on a `no-store` page, and never logged.

use super::admin::admin;
use super::{Staff, auth::CsrfOnly, check_post};
use crate::db::{partners, staff as staff_db, webhooks};
use crate::domain::FormErrors;
use crate::domain::partner::{self, Scope};
use crate::domain::staff::AccountEvent;
use crate::domain::webhook::check_url;
use crate::error::AppError;
use crate::http::{no_store, see_other};
use crate::state::AppState;
use crate::views::staff::{HookForm, IntegrationsPage, KeyForm};
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::ExposeSecret;

/// What a page shows besides the lists.
#[derive(Default)]
struct Shown<'a> {
    key_form: Option<&'a KeyForm>,
    hook_form: Option<&'a HookForm>,
    errors: Option<&'a FormErrors>,
    new_key: Option<&'a str>,
    new_secret: Option<(&'a str, &'a str)>,
    notice: Option<&'static str>,
}

async fn render(
    state: &AppState,
    ctx: &PageCtx,
    staff: &Staff,
    status: StatusCode,
    shown: Shown<'_>,
) -> Result<HttpResponse, AppError> {
    let list = partners::list(&state.db).await?;
    let endpoints = webhooks::endpoints(&state.db).await?;
    let recent = webhooks::deliveries(&state.db, None, 20).await?;
    let failed = webhooks::deliveries(&state.db, Some("failed"), 50).await?;
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| AppError::Unexpected(anyhow::anyhow!("{e}")))?;
    let form_id = hex::encode(id);
    let (empty_key, empty_hook, no_errors) = (
        KeyForm::default(),
        HookForm::default(),
        FormErrors::default(),
    );
    let page = views::staff::integrations(
        ctx,
        &IntegrationsPage {
            staff,
            partners: &list,
            endpoints: &endpoints,
            deliveries: &recent,
            failed: &failed,
            key_form: shown.key_form.unwrap_or(&empty_key),
            hook_form: shown.hook_form.unwrap_or(&empty_hook),
            errors: shown.errors.unwrap_or(&no_errors),
            new_key: shown.new_key,
            new_secret: shown.new_secret,
            notice: shown.notice,
            form_id: &form_id,
        },
    );
    Ok(no_store(views::html(status, page)))
}

/// The notices a redirect back to the page may name.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Done {
    pub done: String,
}

/// GET /{lang}/staff/integrations
#[tracing::instrument(level = "debug", skip_all)]
pub async fn show(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    let done = web::Query::<Done>::from_query(req.query_string())
        .map(|q| q.into_inner().done)
        .unwrap_or_default();
    let notice = match done.as_str() {
        "revoked" => Some("staff-done-key-revoked"),
        "webhook" => Some("staff-done-webhook-set"),
        "disabled" => Some("staff-done-webhook-disabled"),
        "resent" => Some("staff-done-delivery-resent"),
        _ => None,
    };
    render(
        &state,
        &ctx,
        &staff,
        StatusCode::OK,
        Shown {
            notice,
            ..Shown::default()
        },
    )
    .await
}

/// POST /{lang}/staff/integrations/keys: make a key, shown once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn create_key(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<KeyForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let mut input = form.into_inner();
    input.name = input.name.trim().to_owned();
    let mut errors = FormErrors::default();
    if input.name.is_empty() {
        errors.add("key-name", "staff-error-key-name-missing");
    } else if input.name.chars().count() > partner::NAME_MAX
        || input.name.chars().any(char::is_control)
    {
        errors.add("key-name", "staff-error-key-name-long");
    }
    let c = &ctx.content;
    let agency = match input.agency.as_str() {
        "" => None,
        a if c.taxonomy.agency(a, &c.areas).is_some() => Some(a.to_owned()),
        _ => {
            errors.add("key-agency", "staff-error-key-agency");
            None
        }
    };
    let mut scopes = Vec::new();
    for (on, scope) in [
        (&input.read, Scope::Read),
        (&input.update, Scope::Update),
        (&input.submit, Scope::Submit),
    ] {
        if !on.is_empty() {
            scopes.push(scope);
        }
    }
    if scopes.is_empty() {
        errors.add("scope-read", "staff-error-key-scopes");
    } else if agency.is_none() && scopes.contains(&Scope::Update) {
        errors.add("key-agency", "staff-error-key-agency-needed");
    }
    if input.form_id.len() != 32 || !input.form_id.bytes().all(|b| b.is_ascii_hexdigit()) {
        errors.add("key-name", "staff-error-key-form");
    }
    if !errors.is_empty() {
        let shown = KeyForm {
            csrf: String::new(),
            ..input.clone()
        };
        return render(
            &state,
            &ctx,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            Shown {
                key_form: Some(&shown),
                errors: Some(&errors),
                ..Shown::default()
            },
        )
        .await;
    }
    let owner = -staff.session.user.id;
    let form_key = format!("key-form:{}", input.form_id);
    if !webhooks::claim_form(&state.db, owner, &form_key, ctx.now()).await? {
        // The same form again: the key was made (and shown) the first time.
        return render(
            &state,
            &ctx,
            &staff,
            StatusCode::OK,
            Shown {
                notice: Some("staff-key-already-made"),
                ..Shown::default()
            },
        )
        .await;
    }
    let key = partner::generate()?;
    let scopes_text = partner::scopes_text(&scopes);
    let id = partners::create(
        &state.db,
        &partners::NewPartner {
            name: &input.name,
            agency: agency.as_deref(),
            scopes: &scopes_text,
            key_hash: &key.hash,
            key_prefix: &key.prefix,
            per_minute: 120,
            created_by: Some(staff.session.user.id),
        },
        ctx.now(),
    )
    .await?;
    webhooks::set_form_result(&state.db, owner, &form_key, &id.to_string()).await?;
    staff_db::record(
        &state.db,
        staff.session.user.id,
        AccountEvent::PartnerKeyCreated,
        Some(&key.prefix),
        ctx.now(),
    )
    .await?;
    tracing::info!(by = staff.session.user.id, partner = id, "partner key made");
    render(
        &state,
        &ctx,
        &staff,
        StatusCode::OK,
        Shown {
            new_key: Some(key.secret.expose_secret()),
            ..Shown::default()
        },
    )
    .await
}

/// POST /{lang}/staff/integrations/keys/{id}/revoke
#[tracing::instrument(level = "debug", skip_all)]
pub async fn revoke_key(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let p = partners::by_id(&state.db, path.1)
        .await?
        .ok_or(AppError::NotFound)?;
    if partners::revoke(&state.db, p.id, Some(staff.session.user.id), ctx.now()).await? {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::PartnerKeyRevoked,
            Some(&p.key_prefix),
            ctx.now(),
        )
        .await?;
        tracing::info!(
            by = staff.session.user.id,
            partner = p.id,
            "partner key revoked"
        );
    }
    Ok(see_other(&ctx.url("/staff/integrations?done=revoked")))
}

/// POST /{lang}/staff/integrations/webhooks: set (or change) an agency's URL; a first
/// endpoint, or "new secret" ticked, gets a new secret, shown once.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_webhook(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<HookForm>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let mut input = form.into_inner();
    input.url = input.url.trim().to_owned();
    let mut errors = FormErrors::default();
    let c = &ctx.content;
    if c.taxonomy.agency(&input.agency, &c.areas).is_none() {
        errors.add("hook-agency", "staff-error-webhook-agency");
    }
    let url = if input.url.is_empty() {
        errors.add("hook-url", "staff-error-webhook-url-missing");
        None
    } else {
        match check_url(&input.url, state.settings.webhook_allow_http_loopback) {
            Ok(u) => Some(u.to_string()),
            Err(e) => {
                errors.add("hook-url", e.message_id());
                None
            }
        }
    };
    let Some(url) = url.filter(|_| errors.is_empty()) else {
        let shown = HookForm {
            csrf: String::new(),
            ..input.clone()
        };
        return render(
            &state,
            &ctx,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            Shown {
                hook_form: Some(&shown),
                errors: Some(&errors),
                ..Shown::default()
            },
        )
        .await;
    };
    let existing = webhooks::endpoint(&state.db, &input.agency).await?;
    let secret = if existing.is_none() || !input.new_secret.is_empty() {
        Some(crate::webhooks::new_secret()?)
    } else {
        None
    };
    let changed =
        webhooks::set_endpoint(&state.db, &input.agency, &url, secret.as_deref(), ctx.now())
            .await?;
    if changed {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::WebhookSet,
            Some(&input.agency),
            ctx.now(),
        )
        .await?;
        tracing::info!(by = staff.session.user.id, agency = %input.agency, "webhook set");
    }
    match secret.filter(|_| changed) {
        Some(secret) => {
            render(
                &state,
                &ctx,
                &staff,
                StatusCode::OK,
                Shown {
                    new_secret: Some((&input.agency, &secret)),
                    notice: Some("staff-done-webhook-set"),
                    ..Shown::default()
                },
            )
            .await
        }
        None => Ok(see_other(&ctx.url("/staff/integrations?done=webhook"))),
    }
}

/// POST /{lang}/staff/integrations/webhooks/{agency}/disable
#[tracing::instrument(level = "debug", skip_all)]
pub async fn disable_webhook(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    let agency = &path.1;
    if webhooks::endpoint(&state.db, agency).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if webhooks::disable(&state.db, agency, "disabled by an admin", ctx.now()).await? {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::WebhookDisabled,
            Some(agency),
            ctx.now(),
        )
        .await?;
    }
    Ok(see_other(&ctx.url("/staff/integrations?done=disabled")))
}

/// POST /{lang}/staff/integrations/deliveries/{id}/resend: a failed delivery tried again.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn resend(
    ctx: PageCtx,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, i64)>,
    form: web::Form<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let staff = match admin(&state, &ctx, &req).await? {
        Ok(s) => s,
        Err(res) => return Ok(res),
    };
    if let Err(res) = check_post(&req, &staff, &form.csrf) {
        return Ok(res);
    }
    if let Some(agency) = webhooks::resend(&state.db, path.1, ctx.now()).await? {
        staff_db::record(
            &state.db,
            staff.session.user.id,
            AccountEvent::WebhookResent,
            Some(&agency),
            ctx.now(),
        )
        .await?;
    }
    Ok(see_other(&ctx.url("/staff/integrations?done=resent")))
}
