//! One-click stop links (RFC 8058): `/{lang}/mail/stop/{token}`, the token naming a list
//! and signed with the secret key (`mail::stop`), which is the only authority: a mail
//! client's one-click POST carries no cookie and may come from anywhere (the resource
//! guard lets it through, `startup::cross_site_allowed`). GET shows what will stop and a
//! button, and never stops (mail scanners open links); POST stops and answers 200 (never
//! a redirect, RFC 8058), whatever its body, as often as it is sent. A token that is not
//! genuine is the usual 404.

use crate::db::outbox;
use crate::domain::Code;
use crate::domain::outbox::MailList;
use crate::error::AppError;
use crate::mail::stop;
use crate::state::AppState;
use crate::views::mail::Stopping;
use crate::views::{self, PageCtx};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

/// The list of a genuine token, and what the page calls it.
async fn stopping(
    state: &AppState,
    ctx: &PageCtx,
    token: &str,
) -> Result<(String, Stopping), AppError> {
    let list = stop::list_of(&state.secret_key, token).ok_or(AppError::NotFound)?;
    let stopping = match MailList::parse(&list) {
        Some(MailList::Report(id)) => match outbox::report_code(&state.db, id).await? {
            Some(code) => Stopping::Report {
                code: Code::parse(&code).map_or(code, |c| c.to_string()),
            },
            None => Stopping::Other,
        },
        Some(MailList::Reminders(id)) => {
            let slug = outbox::registration_workshop(&state.db, id).await?;
            let workshop = slug.and_then(|s| {
                ctx.content
                    .workshops
                    .get(&s, &ctx.locale.tag)
                    .map(|w| w.title.clone())
            });
            Stopping::Reminders { workshop }
        }
        Some(MailList::Digest(_)) => Stopping::Digest,
        None => Stopping::Other,
    };
    Ok((list, stopping))
}

/// GET /{lang}/mail/stop/{token}
#[tracing::instrument(level = "debug", skip_all)]
pub async fn confirm(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, token) = path.into_inner();
    let (_, stopping) = stopping(&state, &ctx, &token).await?;
    let action = ctx.url(&format!("/mail/stop/{token}"));
    Ok(crate::http::no_store(views::html(
        StatusCode::OK,
        views::mail::confirm(&ctx, &stopping, &action),
    )))
}

/// POST /{lang}/mail/stop/{token} (`List-Unsubscribe=One-Click` from a mail client, or
/// the page's button). The body is not read: RFC 8058 allows it urlencoded or multipart.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn stop(
    ctx: PageCtx,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, token) = path.into_inner();
    let (list, stopping) = stopping(&state, &ctx, &token).await?;
    outbox::stop(&state.db, &list, ctx.now()).await?;
    Ok(views::html(
        StatusCode::OK,
        views::mail::stopped(&ctx, &stopping),
    ))
}
