//! HEAD requests: every GET route answers HEAD with the same status and headers and no
//! body (RFC 9110 section 9.3.2), so `curl -I` and HEAD-based uptime checks work.
//!
//! actix-web's routes match GET only (`web::get()`, `Resource::get`), so a HEAD request
//! would find no route. This middleware, wrapped around the whole application, hands the
//! request on as a GET and drops the body of the answer unread (a CSV export is not
//! generated for nothing). The dropped body's size is kept, so `Content-Length` is the
//! one a GET would announce; actix-http writes no body for a request that came as HEAD.

use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The middleware (`App::wrap(from_fn(head::as_get))`).
pub async fn as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody, NoBody>>, actix_web::Error> {
    if req.method() != Method::HEAD {
        return Ok(next.call(req).await?.map_into_left_body());
    }
    req.head_mut().method = Method::GET;
    let res = next.call(req).await?;
    Ok(res.map_body(|_, body| EitherBody::right(NoBody(body.size()))))
}

/// A body with the size of the one it replaces and no bytes.
pub struct NoBody(BodySize);

impl MessageBody for NoBody {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        self.0
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Poll::Ready(None)
    }
}
