//! HEAD requests: every GET route answers HEAD with the same status and headers and no
//! body (RFC 9110 section 9.3.2), so `curl -I` and HEAD-based uptime checks work.
//!
//! actix-web's routes match GET only (`web::get()`, `Resource::get`), so a HEAD request
//! would find no route. This middleware, wrapped around the whole application, hands the
//! request on as a GET and drops the body of the answer unread (a CSV export is not
//! generated for nothing). The dropped body's size is kept, so `Content-Length` is the
//! one a GET would announce; actix-http writes no body for a request that came as HEAD.
//! A plain middleware, not `from_fn`: no boxed future per request (issue #24).

use actix_web::Error;
use actix_web::body::{BodySize, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::Method;
use actix_web::web::Bytes;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// The middleware (`App::wrap(head::AsGet)`).
pub struct AsGet;

impl<S, B> Transform<S, ServiceRequest> for AsGet
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B, NoBody>>;
    type Error = Error;
    type Transform = AsGetService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(AsGetService { service }))
    }
}

/// [`AsGet`] around a service.
pub struct AsGetService<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for AsGetService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B, NoBody>>;
    type Error = Error;
    type Future = Answer<S::Future>;

    forward_ready!(service);

    fn call(&self, mut req: ServiceRequest) -> Self::Future {
        let head = req.method() == Method::HEAD;
        if head {
            req.head_mut().method = Method::GET;
        }
        Answer {
            fut: self.service.call(req),
            head,
        }
    }
}

pin_project_lite::pin_project! {
    /// The answer on its way; its body dropped when the request came as HEAD.
    pub struct Answer<F> {
        #[pin]
        fut: F,
        head: bool,
    }
}

impl<F, B> Future for Answer<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody,
{
    type Output = Result<ServiceResponse<EitherBody<B, NoBody>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let res = ready!(this.fut.poll(cx))?;
        Poll::Ready(Ok(if *this.head {
            res.map_body(|_, body| EitherBody::right(NoBody(body.size())))
        } else {
            res.map_into_left_body()
        }))
    }
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
