//! `/health` for load balancers: 200 `ok` when the database answers; with a read replica,
//! 200 `degraded` when only the replica answers (public pages still serve, sending is
//! paused), 503 when neither does, as the replica's watch task last saw them
//! (`replica.rs`). `/health/details`: the same as JSON, with the replica's lag (issue #23).

use crate::state::AppState;
use actix_web::{HttpResponse, web};

/// What answers now.
struct Now {
    primary: bool,
    /// `None`: no replica set.
    replica: Option<bool>,
}

impl Now {
    /// Without a replica, a query to the database now. With one, what the replica's watch
    /// task saw at its last look (every two seconds): a load balancer's check must not wait
    /// out a timeout on a primary that went away, or "degraded" would look like "down".
    async fn look(state: &AppState) -> Self {
        match &state.replica {
            None => Self {
                primary: state.db.is_healthy().await,
                replica: None,
            },
            Some(replica) => Self {
                primary: replica.primary_is_up(),
                replica: Some(replica.is_up()),
            },
        }
    }

    /// `ok`, `degraded` (read-only: the replica serves) or `down`.
    fn status(&self) -> &'static str {
        match (self.primary, self.replica) {
            (true, _) => "ok",
            (false, Some(true)) => "degraded",
            (false, _) => "down",
        }
    }
}

/// GET /health
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    let status = Now::look(&state).await.status();
    // Plain text on purpose: a machine reads this, and the page shell needs no database.
    let mut res = if status == "down" {
        HttpResponse::ServiceUnavailable()
    } else {
        HttpResponse::Ok()
    };
    let body = if status == "down" {
        "database unavailable"
    } else {
        status
    };
    res.content_type("text/plain; charset=utf-8").body(body)
}

/// GET /health/details: `{"status", "primary", "replica", "replica_lag"}` with the lag
/// as the replica's watch task last measured it (bytes and seconds behind, or null).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn details(state: web::Data<AppState>) -> HttpResponse {
    let now = Now::look(&state).await;
    let word = |up: bool| if up { "up" } else { "down" };
    let body = serde_json::json!({
        "status": now.status(),
        "primary": word(now.primary),
        "replica": now.replica.map_or("none", word),
        "replica_lag": state.replica.as_ref().and_then(|r| r.lag()),
        "replica_lag_warn_seconds": state.replica.as_ref().map(|_| state.settings.replica_lag_warn_seconds),
    });
    let mut res = if now.status() == "down" {
        HttpResponse::ServiceUnavailable()
    } else {
        HttpResponse::Ok()
    };
    res.insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .json(body)
}
