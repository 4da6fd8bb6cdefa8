//! The sender task: claims due outbox rows, renders and sends each, and marks it sent,
//! to be tried again (exponential back-off), or failed. It never runs inside a request:
//! a request only writes the row (and wakes this task).

use super::letter::compose;
use super::message::{Ctx, Message};
use super::transport::{SendError, Transport};
use crate::db::outbox::{self, Claimed};
use crate::state::AppState;
use std::sync::Arc;
use std::time::Duration;

/// Rows claimed at a time.
const BATCH: i64 = 32;
/// Messages sent at the same time (lettre's pool keeps up to 10 connections).
pub const IN_FLIGHT: usize = 8;
/// Tries before a message that keeps failing for a temporary reason is marked failed
/// (with a 30-second first wait: about two days).
pub const MAX_ATTEMPTS: i32 = 16;
/// The longest wait between two tries.
const MAX_WAIT: Duration = Duration::from_secs(6 * 3600);

/// The wait before try `attempts + 1`: `base`, doubled after each try, at most six hours.
pub fn back_off(base: Duration, attempts: i32) -> Duration {
    let doublings = attempts.clamp(1, 20) - 1;
    base.saturating_mul(1u32 << doublings).min(MAX_WAIT)
}

/// Send forever (until the process ends). Wakes when this instance wrote a message
/// (`AppState::mail_wake`) and at least every poll interval (other instances' messages,
/// retries that came due).
pub fn spawn(state: actix_web::web::Data<AppState>, transport: Arc<dyn Transport>) {
    tokio::spawn(async move {
        let poll = state.settings.mail.poll();
        loop {
            let sent = match run_once(&state, transport.as_ref()).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = ?e, "reading the outbox failed; will retry");
                    0
                }
            };
            if sent == 0 {
                tokio::select! {
                    _ = tokio::time::sleep(poll) => {}
                    _ = state.mail_wake.notified() => {}
                }
            }
        }
    });
}

/// Claim one batch and send it; returns how many rows were claimed.
pub async fn run_once(state: &AppState, transport: &dyn Transport) -> anyhow::Result<usize> {
    let lease = time::Duration::seconds(state.settings.mail.lease_seconds as i64);
    let rows = outbox::claim(&state.db, state.now(), lease, BATCH).await?;
    // Several at once, each on a connection of the transport's pool: lettre sends a
    // message's end-of-data line as a write of its own without TCP_NODELAY, so each
    // message waits about 40 ms for the server's delayed ACK (benches/README.md, "mail");
    // one at a time that caps an instance at about 20 messages a second.
    for chunk in rows.chunks(IN_FLIGHT) {
        let mut sending = Vec::with_capacity(chunk.len());
        for row in chunk {
            sending.push(deliver(state, transport, row));
        }
        for r in futures_util::future::join_all(sending).await {
            r?;
        }
    }
    Ok(rows.len())
}

async fn deliver(state: &AppState, transport: &dyn Transport, row: &Claimed) -> anyhow::Result<()> {
    let Ok(message) = serde_json::from_str::<Message>(&row.params) else {
        // Written by another version of Balai, or erased: nothing can be said.
        return outbox::mark_failed(&state.db, row.id, "unreadable message").await;
    };
    let composed = {
        let content = state.content();
        let locale = state
            .i18n
            .find(&row.lang)
            .unwrap_or_else(|| state.i18n.fallback());
        let public_url = state.settings.mail.public_url();
        let ctx = Ctx {
            i18n: &state.i18n,
            locale,
            content: &content,
            public_url,
            secret_key: &state.secret_key,
        };
        let stop_url = row.list.as_deref().map(|list| {
            ctx.url(&format!(
                "/{}/mail/stop/{}",
                locale.tag,
                super::stop::token(&state.secret_key, list)
            ))
        });
        let host = public_url
            .split("://")
            .nth(1)
            .and_then(|h| h.split(['/', ':']).next())
            .unwrap_or("balai.invalid");
        let message_id = format!("<outbox-{}@{host}>", row.id);
        compose(
            message.letter(&ctx),
            &state.i18n,
            locale,
            &row.recipient,
            message_id,
            stop_url,
        )
    };
    let now = state.now();
    match transport.send(&composed).await {
        Ok(()) => {
            tracing::info!(id = row.id, kind = %row.kind, "message sent");
            outbox::mark_sent(&state.db, row.id, message.forget_after_sending(), now).await
        }
        Err(SendError {
            permanent: true,
            reason,
        }) => {
            tracing::warn!(id = row.id, kind = %row.kind, %reason, "message refused; marked failed");
            outbox::mark_failed(&state.db, row.id, &reason).await
        }
        Err(SendError { reason, .. }) if row.attempts >= MAX_ATTEMPTS => {
            tracing::warn!(id = row.id, kind = %row.kind, %reason, "message failed too often; marked failed");
            let reason = format!("{} tries: {reason}", row.attempts);
            outbox::mark_failed(&state.db, row.id, &reason).await
        }
        Err(SendError { reason, .. }) => {
            let wait = back_off(state.settings.mail.retry_base(), row.attempts);
            tracing::info!(id = row.id, kind = %row.kind, %reason, wait_secs = wait.as_secs(), "message not sent; will try again");
            let next = now + time::Duration::try_from(wait).unwrap_or(time::Duration::HOUR);
            outbox::mark_retry(&state.db, row.id, next, &reason).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_six_hours() {
        let base = Duration::from_secs(30);
        assert_eq!(back_off(base, 1), Duration::from_secs(30));
        assert_eq!(back_off(base, 2), Duration::from_secs(60));
        assert_eq!(back_off(base, 5), Duration::from_secs(480));
        assert_eq!(back_off(base, 15), MAX_WAIT);
        assert_eq!(back_off(base, 99), MAX_WAIT);
    }
}
