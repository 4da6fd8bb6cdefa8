//! Sending agency webhooks (issue #19, Standard Webhooks 1.0): the secret (`whsec_` +
//! base64 of 32 random bytes), the signature (`v1,` + base64 of HMAC-SHA256 over
//! `{id}.{timestamp}.{body}`), a small HTTP/1.1 client (one POST, no redirects followed,
//! 15 s in all, TLS through rustls with the Mozilla roots), and the sender task: claim
//! with a lease, fix the body at the first try, send, mark sent, retry later (honouring
//! `Retry-After`) or failed; a 410 disables the endpoint. See docs/webhooks.md.
//!
//! Why a client of our own rather than a general one: the request must go to the very
//! address that passed the SSRF check (`domain::webhook::may_connect`), resolved once, so a
//! name that resolves to a public address for the check and a private one for the connect
//! (DNS rebinding) gets nowhere; it needs one POST and the status line, and is built on
//! crates already in the tree (tokio-rustls, webpki-roots, httparse).

use crate::db::webhooks::{self as db, Claimed};
use crate::domain::webhook::{self, CaseData, may_connect, retry_wait};
use crate::state::AppState;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Rows claimed at a time.
const BATCH: i64 = 16;
/// How long a sender holds what it claimed (longer than a try's 15 s).
const LEASE: time::Duration = time::Duration::seconds(120);
/// A try's whole time: connect, TLS, request, the answer's head.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// How often the sender looks at the queue when nothing woke it.
const POLL: Duration = Duration::from_secs(5);

/// A new secret, shown once to the admin: `whsec_` and base64 of 32 random bytes.
pub fn new_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random bytes: {e}"))?;
    Ok(format!("whsec_{}", B64.encode(bytes)))
}

/// The key bytes of a `whsec_` secret.
fn key_of(secret: &str) -> Option<Vec<u8>> {
    B64.decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .ok()
}

/// The `webhook-signature` header: `v1,` and base64 of HMAC-SHA256 with the secret's key
/// over `{id}.{timestamp}.{body}`.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = key_of(secret)?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body.as_bytes());
    Some(format!("v1,{}", B64.encode(mac.finalize().into_bytes())))
}

/// What a receiver does (docs/webhooks.md; the tests use it): whether one of the
/// space-separated signatures in `header` is the signature of this delivery.
pub fn verify(secret: &str, id: &str, timestamp: i64, body: &str, header: &str) -> bool {
    let Some(expected) = sign(secret, id, timestamp, body) else {
        return false;
    };
    header
        .split(' ')
        .any(|s| crate::security::constant_time_eq(s, &expected))
}

/// What a try got back.
#[derive(Debug)]
pub enum Answer {
    /// An HTTP status, and its `Retry-After` in seconds if any.
    Status(u16, Option<u64>),
    /// No answer (refused address, connection, TLS, time-out, unreadable): why.
    Failed(String),
}

/// POST `body` to `url` with the Standard Webhooks headers.
pub async fn post(
    url: &str,
    headers: &[(&str, String)],
    body: &str,
    allow_loopback: bool,
) -> Answer {
    match tokio::time::timeout(TIMEOUT, post_inner(url, headers, body, allow_loopback)).await {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => Answer::Failed(e),
        Err(_) => Answer::Failed("no answer within 15 s".into()),
    }
}

async fn post_inner(
    url: &str,
    headers: &[(&str, String)],
    body: &str,
    allow_loopback: bool,
) -> Result<Answer, String> {
    let u = webhook::check_url(url, allow_loopback).map_err(|_| "URL refused".to_owned())?;
    let host = u.host_str().unwrap_or_default().to_owned();
    let port = u.port_or_known_default().unwrap_or(443);
    let addrs: Vec<std::net::SocketAddr> =
        tokio::net::lookup_host((host.trim_matches(['[', ']']), port))
            .await
            .map_err(|_| "the host name does not resolve".to_owned())?
            .collect();
    let Some(addr) = addrs
        .into_iter()
        .find(|a| may_connect(a.ip(), allow_loopback))
    else {
        return Err("the host resolves to no public address".into());
    };
    let tcp = tokio::net::TcpStream::connect(addr)
        .await
        .map_err(|e| format!("cannot connect: {}", e.kind()))?;
    let _ = tcp.set_nodelay(true);
    let mut path = u.path().to_owned();
    if let Some(q) = u.query() {
        path.push('?');
        path.push_str(q);
    }
    let host_header = match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.clone(),
    };
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: Balai-Webhooks/1\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(name);
        request.push_str(": ");
        request.push_str(value);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    request.push_str(body);
    if u.scheme() == "https" {
        let tls = tls_connector()?;
        let name = tokio_rustls::rustls::pki_types::ServerName::try_from(host.clone())
            .map_err(|_| "not a valid TLS server name".to_owned())?;
        let stream = tls
            .connect(name, tcp)
            .await
            .map_err(|e| format!("TLS: {e}"))?;
        exchange(stream, request.as_bytes()).await
    } else {
        exchange(tcp, request.as_bytes()).await
    }
}

fn tls_connector() -> Result<tokio_rustls::TlsConnector, String> {
    use tokio_rustls::rustls;
    static CONFIG: std::sync::OnceLock<Result<Arc<rustls::ClientConfig>, String>> =
        std::sync::OnceLock::new();
    let config = CONFIG.get_or_init(|| {
        let roots = rustls::RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map(|b| Arc::new(b.with_root_certificates(roots).with_no_client_auth()))
            .map_err(|e| format!("TLS set-up: {e}"))
    });
    config.clone().map(tokio_rustls::TlsConnector::from)
}

/// Write the request, read the answer's head (at most 16 KiB), parse status and
/// `Retry-After`. The body of the answer is not read.
async fn exchange(
    mut stream: impl AsyncRead + AsyncWrite + Unpin,
    request: &[u8],
) -> Result<Answer, String> {
    stream
        .write_all(request)
        .await
        .map_err(|e| format!("cannot send: {}", e.kind()))?;
    stream
        .flush()
        .await
        .map_err(|e| format!("cannot send: {}", e.kind()))?;
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream
            .read(&mut chunk)
            .await
            .map_err(|e| format!("cannot read the answer: {}", e.kind()))?;
        if n == 0 {
            return Err("the connection closed without an answer".into());
        }
        buf.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut res = httparse::Response::new(&mut headers);
        match res.parse(&buf) {
            Ok(httparse::Status::Complete(_)) => {
                let code = res.code.unwrap_or(0);
                let retry_after = res
                    .headers
                    .iter()
                    .find(|h| h.name.eq_ignore_ascii_case("retry-after"))
                    .and_then(|h| std::str::from_utf8(h.value).ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                return Ok(Answer::Status(code, retry_after));
            }
            Ok(httparse::Status::Partial) if buf.len() < 16 * 1024 => {}
            _ => return Err("an unreadable answer".into()),
        }
    }
}

/// Send forever: wakes at least every five seconds.
pub fn spawn(state: actix_web::web::Data<AppState>) {
    tokio::spawn(async move {
        loop {
            let n = match run_once(&state, state.now()).await {
                Ok(n) => n,
                Err(e) => {
                    tracing::warn!(error = ?e, "reading the webhook queue failed; will retry");
                    0
                }
            };
            if n == 0 {
                tokio::time::sleep(POLL).await;
            }
        }
    });
}

/// Claim one batch of deliveries due at `now` and try each; returns how many.
pub async fn run_once(state: &AppState, now: OffsetDateTime) -> anyhow::Result<usize> {
    let rows = db::claim(&state.db, now, LEASE, BATCH).await?;
    let mut tries = Vec::with_capacity(rows.len());
    for row in &rows {
        tries.push(deliver(state, row, now));
    }
    for r in futures_util::future::join_all(tries).await {
        r?;
    }
    Ok(rows.len())
}

async fn deliver(state: &AppState, row: &Claimed, now: OffsetDateTime) -> anyhow::Result<()> {
    let endpoint = db::endpoint(&state.db, &row.agency).await?;
    let Some(endpoint) = endpoint.filter(|e| e.enabled) else {
        return db::mark_failed(
            &state.db,
            row.id,
            None,
            "the agency has no enabled endpoint",
        )
        .await;
    };
    let body = match &row.body {
        Some(b) => b.clone(),
        None => {
            let Ok(data) = serde_json::from_str::<CaseData>(&row.data) else {
                return db::mark_failed(&state.db, row.id, None, "unreadable event").await;
            };
            let content = state.content();
            let body = webhook::body(&row.event_type, row.created_at, data, &content.holidays)?;
            db::fix_body(&state.db, row.id, &body).await?
        }
    };
    let timestamp = now.unix_timestamp();
    let Some(signature) = sign(&endpoint.secret, &row.event_id, timestamp, &body) else {
        return db::mark_failed(
            &state.db,
            row.id,
            None,
            "the endpoint's secret is unreadable",
        )
        .await;
    };
    let headers = [
        ("webhook-id", row.event_id.clone()),
        ("webhook-timestamp", timestamp.to_string()),
        ("webhook-signature", signature),
    ];
    let allow = state.settings.webhook_allow_http_loopback;
    let answer = post(&endpoint.url, &headers, &body, allow).await;
    let (status, reason, retry_after) = match answer {
        Answer::Status(code, _) if (200..300).contains(&code) => {
            tracing::info!(id = row.id, agency = %row.agency, kind = %row.event_type, "webhook delivered");
            return db::mark_sent(&state.db, row.id, i32::from(code), state.now()).await;
        }
        Answer::Status(410, _) => {
            tracing::warn!(agency = %row.agency, "webhook endpoint answered 410 Gone; disabled");
            db::disable(&state.db, &row.agency, "410 Gone", state.now()).await?;
            return db::mark_failed(&state.db, row.id, Some(410), "410 Gone: endpoint disabled")
                .await;
        }
        Answer::Status(code, retry_after) => {
            (Some(i32::from(code)), format!("HTTP {code}"), retry_after)
        }
        Answer::Failed(reason) => (None, reason, None),
    };
    match retry_wait(row.attempts) {
        Some(wait) => {
            // The receiver's Retry-After, when longer (at most a day).
            let asked = retry_after.map_or(time::Duration::ZERO, |s| {
                time::Duration::seconds(s.min(86_400) as i64)
            });
            let next = now + wait.max(asked);
            tracing::info!(id = row.id, agency = %row.agency, %reason, "webhook not delivered; will try again");
            db::mark_retry(&state.db, row.id, next, status, &reason).await
        }
        None => {
            tracing::warn!(id = row.id, agency = %row.agency, %reason, "webhook failed too often; marked failed");
            let reason = format!("{} tries: {reason}", row.attempts);
            db::mark_failed(&state.db, row.id, status, &reason).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of docs/webhooks.md.
    #[test]
    fn the_documented_example_signs_as_written() {
        let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        let body = r#"{"type":"case.closed","timestamp":"2026-12-03T09:00:00Z","data":{"code":"ABCDEFGHJ"}}"#;
        let sig = sign(secret, "evt_1", 1_796_288_400, body).unwrap();
        assert_eq!(sig, "v1,qra29vM9tgy66Ivx+Jf87dQSQzd+p/7rks643EPRtZk=");
        assert!(verify(
            secret,
            "evt_1",
            1_796_288_400,
            body,
            &format!("v1,xxx {sig}")
        ));
        assert!(!verify(secret, "evt_1", 1_796_288_401, body, &sig));
    }

    #[test]
    fn new_secrets_decode_to_32_bytes() {
        let s = new_secret().unwrap();
        assert_eq!(key_of(&s).unwrap().len(), 32);
    }
}
