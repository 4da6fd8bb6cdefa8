//! Workshops: list, page, calendar file, registration, status, look-up, cancel.

pub mod pages;
pub mod register;
pub mod registrations;

use crate::content::Workshop;
use crate::error::AppError;
use crate::state::AppState;
use crate::views::PageCtx;

/// The workshop of the URL, or 404.
fn workshop<'a>(ctx: &'a PageCtx, slug: &str) -> Result<&'a Workshop, AppError> {
    ctx.content
        .workshops
        .get(slug, &ctx.locale.tag)
        .ok_or(AppError::NotFound)
}

/// The token that lets a registrant see their registration (signed code).
pub fn registration_token(state: &AppState, code: &str) -> String {
    crate::security::sign(&state.secret_key, "registration", code)
}
