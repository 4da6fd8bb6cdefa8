//! Authenticating a partner's API key (issue #19), for every machine API: Open311 takes
//! it in the `api_key` form field (or query parameter), the agency API in
//! `Authorization: Bearer ...`. Each API renders [`KeyError`] in its own error format.
//!
//! The key is looked up by its SHA-256 (`domain::partner`), counted against the key's own
//! limit in `rate_limits` (shared by every instance), and every use is written to the
//! partner audit log with the request's method and path. The key itself is never logged:
//! the request log has the path without the query string (`telemetry`), the audit log the
//! method and path, and nothing here formats the key or the request's body.

use crate::db::{partners, rate_limits};
use crate::domain::partner::{self, Partner, PartnerEvent, Scope};
use crate::state::AppState;
use actix_web::HttpRequest;
use actix_web::http::StatusCode;

/// Why a key was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// No key was given.
    #[error("an API key is required")]
    Missing,
    /// Not a key of any partner, or a revoked one (the same answer: nobody learns which).
    #[error("the API key is not valid")]
    Invalid,
    /// A valid key without the scope the request needs.
    #[error("the API key may not do this")]
    Forbidden,
    /// Over the key's limit: seconds to wait.
    #[error("too many requests with this API key")]
    RateLimited(i64),
    /// The database could not be asked.
    #[error("the API key could not be checked")]
    Unavailable(#[source] anyhow::Error),
}

impl KeyError {
    /// The HTTP status: 403 for a missing, unknown, revoked or insufficient key (as
    /// Open311 says), 429 over the limit, 503 when the database is down.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Missing | Self::Invalid | Self::Forbidden => StatusCode::FORBIDDEN,
            Self::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Seconds for `Retry-After`, when there is a wait.
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            Self::RateLimited(s) => Some((*s).max(1)),
            Self::Unavailable(_) => Some(i64::from(crate::http::RETRY_STORAGE_SECS)),
            _ => None,
        }
    }
}

/// The key of an `Authorization: Bearer ...` header (the agency API).
pub fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| key.trim().to_owned())
        .filter(|k| !k.is_empty())
}

/// Seconds of a key's rate-limit window.
const WINDOW_SECS: i64 = 60;

/// Check `key` for a request needing `scope`: the partner, or why not. Counts the request
/// against the key's limit and audits it (`Used`, `Limited` or `Refused`, with `req`'s
/// method and path).
#[tracing::instrument(level = "debug", skip_all, fields(scope = scope.as_str()))]
pub async fn authenticate(
    state: &AppState,
    req: &HttpRequest,
    key: Option<&str>,
    scope: Scope,
) -> Result<Partner, KeyError> {
    let key = key.map(str::trim).filter(|k| !k.is_empty());
    let Some(key) = key else {
        return Err(KeyError::Missing);
    };
    let Some(hash) = partner::key_hash_of_presented(key) else {
        return Err(KeyError::Invalid);
    };
    let found = partners::by_key_hash(&state.db, &hash)
        .await
        .map_err(KeyError::Unavailable)?;
    let Some(partner) = found.filter(|p| !p.is_revoked()) else {
        return Err(KeyError::Invalid);
    };
    let now = state.settings.clock.now();
    let detail = format!(
        "{} {}",
        req.method(),
        crate::telemetry::loggable_path(req.path())
    );
    let audit = |event| partners::record(&state.db, partner.id, event, None, Some(&detail), now);
    let bucket = rate_limits::bucket("partner", &partner.id.to_string());
    let wait = rate_limits::hit(
        &state.db,
        &bucket,
        partner.per_minute,
        WINDOW_SECS,
        now.unix_timestamp(),
    )
    .await
    .map_err(KeyError::Unavailable)?;
    if let Some(wait) = wait {
        audit(PartnerEvent::Limited)
            .await
            .map_err(KeyError::Unavailable)?;
        return Err(KeyError::RateLimited(wait));
    }
    if !partner.may(scope) {
        audit(PartnerEvent::Refused)
            .await
            .map_err(KeyError::Unavailable)?;
        return Err(KeyError::Forbidden);
    }
    audit(PartnerEvent::Used)
        .await
        .map_err(KeyError::Unavailable)?;
    tracing::debug!(partner = partner.id, "partner key accepted");
    Ok(partner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_open311() {
        assert_eq!(KeyError::Missing.status(), StatusCode::FORBIDDEN);
        assert_eq!(KeyError::Invalid.status(), StatusCode::FORBIDDEN);
        assert_eq!(KeyError::Forbidden.status(), StatusCode::FORBIDDEN);
        assert_eq!(
            KeyError::RateLimited(0).status(),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(KeyError::RateLimited(0).retry_after(), Some(1));
    }

    #[test]
    fn a_bearer_key_is_read_from_the_authorization_header() {
        let req = actix_web::test::TestRequest::default()
            .insert_header(("authorization", "Bearer  balai_abc "))
            .to_http_request();
        assert_eq!(bearer(&req).as_deref(), Some("balai_abc"));
        let req = actix_web::test::TestRequest::default()
            .insert_header(("authorization", "Basic abc"))
            .to_http_request();
        assert_eq!(bearer(&req), None);
    }
}
