//! Logging with `tracing`: one line per request with its request id, method, path and
//! status (all requests, only errors, or none: `RequestLog`), written by a background
//! thread (`tracing-appender`'s non-blocking writer), so a request never waits for the log. Never log form bodies, query strings, names or contacts: reporters' data
//! is personal, and logs are kept and shared more widely than the database.

use crate::settings::{LogFormat, RequestLog};
use actix_web::Error;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use std::sync::OnceLock;
use tracing::Span;
use tracing_actix_web::{RequestId, RootSpanBuilder};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

/// Which requests are logged (set once, by [`init`]).
static REQUEST_LOG: OnceLock<RequestLog> = OnceLock::new();

/// Install the global subscriber (`RUST_LOG` filters, default `info`), writing to standard
/// error from a background thread. Keep the guard until the program ends (dropping it
/// writes out what is queued). A second call, as in tests, is ignored (`None`).
pub fn init(format: LogFormat, requests: RequestLog) -> Option<WorkerGuard> {
    let _ = REQUEST_LOG.set(requests);
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    // Not lossy: when the queue (128k lines) is full, a line waits rather than vanish.
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .thread_name("balai-log")
        .finish(std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // One line per request when its span closes (successful requests log nothing otherwise).
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(writer);
    let installed = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    installed.is_ok().then_some(guard)
}

/// Which requests get a log line (all until [`init`] says otherwise).
fn request_log() -> RequestLog {
    REQUEST_LOG.get().copied().unwrap_or_default()
}

/// The request span: path without the query string, so search terms and codes typed
/// into forms never reach the logs.
pub struct BalaiRootSpan;

impl RootSpanBuilder for BalaiRootSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let request_id = request
            .extensions()
            .get::<RequestId>()
            .map(|id| id.to_string())
            .unwrap_or_default();
        // Below `info` (so filtered out, at almost no cost) unless every request is logged.
        if request_log() == RequestLog::All {
            tracing::info_span!(
                "request",
                request_id = %request_id,
                method = %request.method(),
                path = %loggable_path(request.path()),
                status = tracing::field::Empty,
            )
        } else {
            tracing::debug_span!(
                "request",
                request_id = %request_id,
                method = %request.method(),
                path = %loggable_path(request.path()),
                status = tracing::field::Empty,
            )
        }
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status().as_u16(),
            Err(error) => error.as_response_error().status_code().as_u16(),
        };
        span.record("status", status);
        if status >= 400 && request_log() == RequestLog::Errors {
            let path = outcome
                .as_ref()
                .map_or(String::new(), |r| loggable_path(r.request().path()));
            tracing::info!(status, path, "request answered with an error status");
        }
    }
}

/// A path as it may be logged: the secret part of a one-time link (a lost-key link, a
/// stop link) is replaced by `…`, so whoever reads the logs cannot use the link.
pub fn loggable_path(path: &str) -> String {
    for secret in ["/track/new-key/", "/mail/stop/"] {
        if let Some(at) = path.find(secret) {
            return format!("{}{secret}…", &path[..at]);
        }
    }
    path.to_owned()
}

/// Run blocking work (image decoding, password hashing) off the async workers,
/// inside the current span so its logs keep the request id.
pub fn spawn_blocking_with_tracing<F, R>(f: F) -> tokio::task::JoinHandle<R>
where
    F: FnOnce() -> R + Send + 'static,
    R: Send + 'static,
{
    let span = Span::current();
    tokio::task::spawn_blocking(move || span.in_scope(f))
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn one_time_links_are_not_logged() {
        assert_eq!(
            loggable_path("/id/track/new-key/abc123"),
            "/id/track/new-key/…"
        );
        assert_eq!(
            loggable_path("/en/mail/stop/report:1.ff00"),
            "/en/mail/stop/…"
        );
        assert_eq!(
            loggable_path("/en/reports/KS2-ZF4-NZW"),
            "/en/reports/KS2-ZF4-NZW"
        );
    }
}
