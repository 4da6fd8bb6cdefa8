//! Request bodies: how large and how slow each may be, enforced before a handler reads a
//! byte. Every route takes a text form of at most [`TEXT_FORM_LIMIT`]; only the photo
//! upload takes the larger `max_body_bytes`. A declared length over the limit is refused
//! at once; a chunked body is cut off when it passes the limit (a declared length alone
//! would let a chunked body through unread); and a body must keep arriving at a minimum
//! average rate, so that thousands of connections trickling a byte every few seconds
//! cannot hold the server's file descriptors (headers have their own time-out).

use actix_web::dev::{Payload, ServiceRequest};
use actix_web::error::PayloadError;
use actix_web::http::{Method, header};
use actix_web::web::Bytes;
use futures_util::Stream;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::time::{Instant, Sleep};

/// Largest body of a form without files (1 MB: far above anything typed).
pub const TEXT_FORM_LIMIT: usize = 1024 * 1024;

/// Time any body gets before the rate counts: a person's form arrives in milliseconds,
/// a phone on a poor line starts an upload within seconds.
pub const GRACE: Duration = Duration::from_secs(10);

/// Slowest average rate a body may arrive at after [`GRACE`] (1 KiB/s: a 10 MB photo may
/// take almost three hours; a byte every few seconds is an attack, not a person).
pub const MIN_BYTES_PER_SEC: u64 = 1024;

/// What the request may send: its limit in bytes.
pub fn limit_for(req: &ServiceRequest, upload_limit: usize) -> usize {
    let upload = req.method() == Method::POST && is_photo_upload(req.path());
    if upload {
        upload_limit
    } else {
        TEXT_FORM_LIMIT
    }
}

/// `/{lang}/reports/new/photos`: the one route that takes files.
fn is_photo_upload(path: &str) -> bool {
    path.split_once('/')
        .and_then(|(_, rest)| rest.split_once('/'))
        .is_some_and(|(_, rest)| rest == "reports/new/photos")
}

/// The declared length, when the request gives one that parses.
pub fn declared_length(req: &ServiceRequest) -> Option<u64> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
}

/// Put the request's body behind `limit` bytes and the minimum rate.
pub fn guard_payload(req: &mut ServiceRequest, limit: usize) {
    let (_, payload) = req.parts_mut();
    let inner = payload.take();
    let guarded = Guarded {
        inner,
        limit,
        received: 0,
        started: Instant::now(),
        deadline: Box::pin(tokio::time::sleep(GRACE)),
    };
    req.set_payload(Payload::Stream {
        payload: Box::pin(guarded),
    });
}

/// A body stream that fails with `Overflow` past its limit and with a time-out when it
/// falls below the minimum rate.
struct Guarded {
    inner: Payload,
    limit: usize,
    received: u64,
    started: Instant,
    deadline: Pin<Box<Sleep>>,
}

impl Stream for Guarded {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.received += chunk.len() as u64;
                if this.received > this.limit as u64 {
                    return Poll::Ready(Some(Err(PayloadError::Overflow)));
                }
                // Each byte buys time at the minimum rate.
                let allowed =
                    GRACE + Duration::from_millis(this.received * 1000 / MIN_BYTES_PER_SEC);
                this.deadline.as_mut().reset(this.started + allowed);
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Pending => match this.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "request body arrived too slowly",
                ))))),
                Poll::Pending => Poll::Pending,
            },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_photo_upload_takes_files() {
        assert!(is_photo_upload("/id/reports/new/photos"));
        assert!(is_photo_upload("/en/reports/new/photos"));
        assert!(!is_photo_upload("/id/reports/new/photos/abc/remove"));
        assert!(!is_photo_upload("/id/reports/new/details"));
        assert!(!is_photo_upload("/id/workshops/registrations"));
        assert!(!is_photo_upload("/reports/new/photos"));
    }
}
