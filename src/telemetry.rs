//! Logging with `tracing`: one line per request with its method, path, status and time
//! taken (all requests, only errors, or none: `RequestLog`), written by a background
//! thread (`tracing-appender`'s non-blocking writer), so a request never waits for the
//! log. Never log form bodies, query strings, names or contacts: reporters' data is
//! personal, and logs are kept and shared more widely than the database.
//!
//! The request line is one event made by [`RequestLogger`] when the answer is ready: no
//! span and no request id per request. Issue #24's profile of a kept page found the
//! request span (its id, its formatted fields, its timing, its close line) to be half of
//! the instructions of a request.

use crate::settings::{LogFormat, RequestLog};
use actix_web::Error;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::Method;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll, ready};
use std::time::Instant;
use tracing::Span;
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
    // Colours only for a terminal: a file or a journal gets plain text (escape codes
    // were a fifth of a request's instructions with every request logged).
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // At debug, a span's closing line gives its busy and idle time (ARCHITECTURE,
        // "Traces"); at info no span is open per request, so this costs nothing there.
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(ansi)
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

/// The request log (`App::wrap(RequestLogger)`, outermost): method, path without the
/// query string (search terms and codes typed into forms never reach the logs), status
/// and microseconds until the answer was ready.
pub struct RequestLogger;

impl<S, B> Transform<S, ServiceRequest> for RequestLogger
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Transform = RequestLoggerService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(RequestLoggerService { service }))
    }
}

/// [`RequestLogger`] around a service.
pub struct RequestLoggerService<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for RequestLoggerService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
{
    type Response = ServiceResponse<B>;
    type Error = Error;
    type Future = Logged<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let log = request_log();
        // Nothing kept (not even the time) when no line can be written.
        let watch =
            (log != RequestLog::Off && tracing::enabled!(tracing::Level::INFO)).then(|| Watch {
                log,
                started: Instant::now(),
                method: req.method().clone(),
                uri: req.uri().clone(),
            });
        Logged {
            fut: self.service.call(req),
            watch,
        }
    }
}

/// What the line needs from the request's start.
struct Watch {
    log: RequestLog,
    started: Instant,
    method: Method,
    // Not the request itself: routing needs the only handle to it.
    uri: actix_web::http::Uri,
}

impl Watch {
    fn write<B>(self, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        }
        .as_u16();
        if self.log == RequestLog::Errors && status < 400 {
            return; // no line: nothing to format (most answers, with `errors`)
        }
        let path = loggable_path(self.uri.path());
        let micros = u64::try_from(self.started.elapsed().as_micros()).unwrap_or(u64::MAX);
        match self.log {
            RequestLog::All => {
                tracing::info!(method = %self.method, %path, status, micros, "request");
            }
            RequestLog::Errors if status >= 400 => tracing::info!(
                method = %self.method,
                %path,
                status,
                micros,
                "request answered with an error status"
            ),
            _ => {}
        }
    }
}

pin_project_lite::pin_project! {
    /// A request's answer on its way, and what its log line needs.
    pub struct Logged<F> {
        #[pin]
        fut: F,
        watch: Option<Watch>,
    }
}

impl<F, B> Future for Logged<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let outcome = ready!(this.fut.poll(cx));
        if let Some(watch) = this.watch.take() {
            watch.write(&outcome);
        }
        Poll::Ready(outcome)
    }
}

/// A path as it may be logged: the secret part of a one-time link (a lost-key link, a
/// stop link) is replaced by `…`, so whoever reads the logs cannot use the link.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for secret in ["/track/new-key/", "/mail/stop/"] {
        if let Some(at) = path.find(secret) {
            return format!("{}{secret}…", &path[..at]).into();
        }
    }
    path.into()
}

/// Run blocking work (image decoding, password hashing) off the async workers,
/// inside the current span (when there is one) so its logs keep its fields.
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
