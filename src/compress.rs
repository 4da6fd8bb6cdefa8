//! Response compression only for requests that name an encoding. actix's `Compress`
//! parses every response's `Content-Type` (a `Mime`) and wraps its body in an encoder even
//! when the request has no `Accept-Encoding`, where the answer is the identity anyway: about
//! 1,300 instructions of a kept page's 37,000 in issue #24's profile. Without the header the
//! request goes straight to the app, with it through `Compress` exactly as before.

use actix_web::Error;
use actix_web::body::{BoxBody, EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header;
use actix_web::middleware::Compress;
use futures_util::future::{Either, LocalBoxFuture};
use std::rc::Rc;

/// `App::wrap(CompressWhenAsked)` in place of `App::wrap(Compress::default())`.
pub struct CompressWhenAsked;

/// The app, shared by the direct path and the one through `Compress`.
pub struct Shared<S> {
    app: Rc<S>,
}

impl<S: Service<ServiceRequest>> Service<ServiceRequest> for Shared<S> {
    type Response = S::Response;
    type Error = S::Error;
    type Future = S::Future;

    forward_ready!(app);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        self.app.call(req)
    }
}

type Compressed<S> = <Compress as Transform<Shared<S>, ServiceRequest>>::Transform;

impl<S, B> Transform<S, ServiceRequest> for CompressWhenAsked
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B, BoxBody>>;
    type Error = Error;
    type Transform = CompressWhenAskedService<S>;
    type InitError = ();
    type Future = LocalBoxFuture<'static, Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        let app = Rc::new(service);
        let compressing = Compress::default().new_transform(Shared { app: app.clone() });
        Box::pin(async move {
            Ok(CompressWhenAskedService {
                app,
                compressing: compressing.await?,
            })
        })
    }
}

pub struct CompressWhenAskedService<S>
where
    S: Service<ServiceRequest>,
    Compress: Transform<Shared<S>, ServiceRequest>,
{
    app: Rc<S>,
    compressing: Compressed<S>,
}

impl<S, B> Service<ServiceRequest> for CompressWhenAskedService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B, BoxBody>>;
    type Error = Error;
    type Future =
        Either<Direct<S::Future>, Through<<Compressed<S> as Service<ServiceRequest>>::Future, B>>;

    forward_ready!(app);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        if req.headers().contains_key(header::ACCEPT_ENCODING) {
            Either::Right(Through {
                fut: self.compressing.call(req),
                body: std::marker::PhantomData,
            })
        } else {
            Either::Left(Direct {
                fut: self.app.call(req),
            })
        }
    }
}

pin_project_lite::pin_project! {
    /// The app's answer, as it is (left body).
    pub struct Direct<F> {
        #[pin]
        fut: F,
    }
}

pin_project_lite::pin_project! {
    /// `Compress`'s answer, its body boxed (right body; clients that take an encoding only).
    pub struct Through<F, B> {
        #[pin]
        fut: F,
        body: std::marker::PhantomData<B>,
    }
}

impl<F, B> std::future::Future for Direct<F>
where
    F: std::future::Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<EitherBody<B, BoxBody>>, Error>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.project()
            .fut
            .poll(cx)
            .map(|res| res.map(ServiceResponse::map_into_left_body))
    }
}

impl<F, B, C> std::future::Future for Through<F, B>
where
    F: std::future::Future<Output = Result<ServiceResponse<C>, Error>>,
    C: MessageBody + 'static,
    B: MessageBody + 'static,
{
    type Output = Result<ServiceResponse<EitherBody<B, BoxBody>>, Error>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        self.project()
            .fut
            .poll(cx)
            .map(|res| res.map(|r| r.map_body(|_, body| EitherBody::right(BoxBody::new(body)))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::{App, HttpResponse, test, web};

    #[actix_web::test]
    async fn compresses_only_what_is_asked_and_answers_the_same_bytes_otherwise() {
        let text = "Balai ".repeat(2000);
        let body = text.clone();
        let app = test::init_service(
            App::new()
                .route(
                    "/",
                    web::get().to(move || {
                        let body = body.clone();
                        async move { HttpResponse::Ok().content_type("text/html").body(body) }
                    }),
                )
                .wrap(CompressWhenAsked),
        )
        .await;
        let plain = test::call_service(&app, test::TestRequest::get().uri("/").to_request()).await;
        assert!(!plain.headers().contains_key(header::CONTENT_ENCODING));
        assert_eq!(test::read_body(plain).await, text.as_bytes());
        for (asked, used) in [("gzip", "gzip"), ("br", "br"), ("identity", "")] {
            let req = test::TestRequest::get()
                .uri("/")
                .insert_header((header::ACCEPT_ENCODING, asked))
                .to_request();
            let res = test::call_service(&app, req).await;
            let encoding = res
                .headers()
                .get(header::CONTENT_ENCODING)
                .map(|v| v.to_str().unwrap().to_owned())
                .unwrap_or_default();
            assert_eq!(encoding, used, "Accept-Encoding: {asked}");
            let bytes = test::read_body(res).await;
            if used.is_empty() {
                assert_eq!(bytes, text.as_bytes());
            } else {
                assert!(
                    bytes.len() < text.len() / 10,
                    "{asked}: {} bytes",
                    bytes.len()
                );
            }
        }
    }
}
