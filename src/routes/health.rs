//! `/health`: 200 when the database answers, 503 otherwise (for load balancers).

use crate::state::AppState;
use actix_web::{HttpResponse, web};

/// GET /health
#[tracing::instrument(level = "debug", skip_all)]
pub async fn check(state: web::Data<AppState>) -> HttpResponse {
    if state.db.is_healthy().await {
        HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok")
    } else {
        // Plain text on purpose: a machine reads this, and the page shell needs no database.
        HttpResponse::ServiceUnavailable()
            .content_type("text/plain; charset=utf-8")
            .body("database unavailable")
    }
}
