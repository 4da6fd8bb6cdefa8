//! Errors that reach HTTP. Validation problems are not errors (forms re-render with
//! 422); these are "not found" and the unexpected. Their HTML comes from
//! [`render_error_page`], which turns every bare error response into the localized
//! page shell, so no plain-text or internal message ever reaches a person.

use crate::state::AppState;
use crate::views::{self, PageCtx};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError, web};

/// An error a handler returns.
#[derive(thiserror::Error)]
pub enum AppError {
    /// No such page (or not one this visitor may see).
    #[error("not found")]
    NotFound,
    /// Anything else; logged with its cause chain, shown as a 500 page.
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl std::fmt::Debug for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        error_chain_fmt(self, f)
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Unexpected(e) if database_unavailable(e) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let Self::Unexpected(e) = self {
            tracing::error!(error = ?e, "request failed");
        }
        // An empty body: the error-page middleware renders the localized page.
        let mut res = HttpResponse::new(self.status_code());
        if res.status() == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
        }
        res
    }
}

/// True when the database could not be reached (down, restarting, pool exhausted) or its
/// disk is full: the visitor gets "not available right now, try again" (503), not
/// "something broke" (500).
pub fn database_unavailable(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|cause| match cause.downcast_ref::<sqlx::Error>() {
            Some(sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)) => true,
            // SQLITE_FULL (13); PostgreSQL's disk_full (53100).
            Some(sqlx::Error::Database(d)) => matches!(d.code().as_deref(), Some("13" | "53100")),
            _ => false,
        })
}

/// Write an error and every cause beneath it.
pub fn error_chain_fmt(
    e: &impl std::error::Error,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    writeln!(f, "{e}")?;
    let mut current = e.source();
    while let Some(cause) = current {
        writeln!(f, "Caused by:\n\t{cause}")?;
        current = cause.source();
    }
    Ok(())
}

/// Put in a response's extensions by a handler whose error answer is meant for a program
/// (an open-data export's CSV, JSON or Atom client): its body is kept as it is, not
/// replaced by the HTML error page.
#[derive(Clone, Copy, Debug)]
pub struct KeepBody;

/// Middleware hook: replace the body of any 4xx/5xx response that is not already an
/// HTML page (nor marked [`KeepBody`]) with the localized error page for its status.
pub fn render_error_page<B>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if is_html || res.response().extensions().get::<KeepBody>().is_some() {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let Some(state) = res.request().app_data::<web::Data<AppState>>().cloned() else {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    };
    let status = res.status();
    let ctx = error_ctx(state, res.request());
    let mut page = views::html(status, views::errors::page_for(&ctx, status));
    // Keep headers a handler set for the client (Retry-After, Allow).
    for name in [header::RETRY_AFTER, header::ALLOW] {
        if let Some(v) = res.headers().get(&name) {
            page.headers_mut().insert(name, v.clone());
        }
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        // The unread body is abandoned: tell the client not to reuse the connection.
        page.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    let (req, _) = res.into_parts();
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, page).map_into_right_body(),
    ))
}

/// The language of an error page: the URL's prefix when it names a language, else the
/// browser's preference.
fn error_ctx(state: web::Data<AppState>, req: &actix_web::HttpRequest) -> PageCtx {
    let path = req.path();
    let first = path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let (locale, rest) = match state.i18n.find(first) {
        Some(l) => (l.clone(), &path[first.len() + 1..]),
        None => {
            let accept = req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok());
            (state.i18n.negotiate(accept).clone(), "/")
        }
    };
    let rest = if rest.is_empty() { "/" } else { rest };
    let mut ctx = PageCtx::new(state.page_parts(), locale, rest, "");
    ctx.mark_current = false;
    ctx
}
