//! Signatures made with the secret key: form render tokens (anti-spam timing without a
//! CAPTCHA) and the tokens that let a registrant see their registration; the security
//! headers of every response.

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// The Content-Security-Policy of every response: no script at all, styles and images
/// from this site only, forms post only here, never framed.
pub const CSP: &str = "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

type HmacSha256 = Hmac<Sha256>;

/// HMAC-SHA256 of `purpose` and `message`, hex; the purpose keeps tokens of one kind
/// from being replayed as another.
pub fn sign(key: &SecretString, purpose: &str, message: &str) -> String {
    let Ok(mut mac) = HmacSha256::new_from_slice(key.expose_secret().as_bytes()) else {
        return String::new();
    };
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Constant-time check of a signature made by [`sign`].
pub fn verify(key: &SecretString, purpose: &str, message: &str, signature: &str) -> bool {
    let Ok(sig) = hex::decode(signature) else {
        return false;
    };
    let Ok(mut mac) = HmacSha256::new_from_slice(key.expose_secret().as_bytes()) else {
        return false;
    };
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(message.as_bytes());
    mac.verify_slice(&sig).is_ok()
}

/// Whether two secrets (tokens, key hashes) are equal, in time that depends on their
/// length only, so an attacker cannot find one byte at a time by timing the answers.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A token recording when a form was rendered: `{unix seconds}.{signature}`.
pub fn form_token(key: &SecretString, now_unix: i64) -> String {
    format!("{now_unix}.{}", sign(key, "form", &now_unix.to_string()))
}

/// Seconds since the form was rendered, when the token is genuine.
pub fn form_age(key: &SecretString, token: &str, now_unix: i64) -> Option<i64> {
    let (ts, sig) = token.split_once('.')?;
    let rendered: i64 = ts.parse().ok()?;
    verify(key, "form", ts, sig).then_some(now_unix - rendered)
}

/// A fresh random id (128 bits, hex).
pub fn random_id() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    Ok(hex::encode(bytes))
}

/// Whether a request comes from this site: `Sec-Fetch-Site` when the browser sends it,
/// else `Origin` against `Host`. A request with neither (not a browser) passes this check;
/// staff forms also need their CSRF token.
pub fn same_origin(req: &actix_web::HttpRequest) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    if let Some(origin) = header("origin") {
        let host = header("host").unwrap_or_default();
        let origin_host = origin.split("://").nth(1).unwrap_or_default();
        return !host.is_empty() && origin_host == host;
    }
    true
}

/// The headers of every response (`App::wrap(security::Headers)`): the CSP
/// ([`CSP`]), no MIME sniffing, referrer only to this site, no powerful
/// features, never framed. A header the handler set stays (a photo's sandbox CSP). The
/// values are made at compile time: nothing is parsed or allocated per request (issue #24).
pub struct Headers;

fn add_headers(headers: &mut HeaderMap) {
    let mut add = |name: HeaderName, value: HeaderValue| {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    };
    add(
        header::CONTENT_SECURITY_POLICY,
        const { HeaderValue::from_static(CSP) },
    );
    add(
        header::X_CONTENT_TYPE_OPTIONS,
        const { HeaderValue::from_static("nosniff") },
    );
    add(
        header::REFERRER_POLICY,
        const { HeaderValue::from_static("same-origin") },
    );
    add(
        const { HeaderName::from_static("permissions-policy") },
        const {
            HeaderValue::from_static(
                "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
            )
        },
    );
    add(
        header::X_FRAME_OPTIONS,
        const { HeaderValue::from_static("DENY") },
    );
}

impl<S, B> Transform<S, ServiceRequest> for Headers
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Transform = HeadersService<S>;
    type InitError = ();
    type Future = std::future::Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        std::future::ready(Ok(HeadersService { service }))
    }
}

/// [`Headers`] around a service.
pub struct HeadersService<S> {
    service: S,
}

impl<S, B> Service<ServiceRequest> for HeadersService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error>,
{
    type Response = ServiceResponse<B>;
    type Error = actix_web::Error;
    type Future = WithHeaders<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        WithHeaders {
            fut: self.service.call(req),
        }
    }
}

pin_project_lite::pin_project! {
    /// The answer on its way, to get the headers.
    pub struct WithHeaders<F> {
        #[pin]
        fut: F,
    }
}

impl<F, B> Future for WithHeaders<F>
where
    F: Future<Output = Result<ServiceResponse<B>, actix_web::Error>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut res = ready!(self.project().fut.poll(cx))?;
        add_headers(res.headers_mut());
        Poll::Ready(Ok(res))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_tokens_verify_and_resist_tampering() {
        let key: SecretString = "k".repeat(40).into();
        let token = form_token(&key, 1000);
        assert_eq!(form_age(&key, &token, 1005), Some(5));
        assert_eq!(form_age(&key, &token.replace("1000.", "900."), 1005), None);
        assert_eq!(form_age(&"x".repeat(40).into(), &token, 1005), None);
        assert_eq!(form_age(&key, "garbage", 1005), None);
        assert!(
            !verify(&key, "reg", "ABC", &sign(&key, "form", "ABC")),
            "purposes differ"
        );
    }
}
