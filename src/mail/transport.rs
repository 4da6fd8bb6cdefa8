//! How a rendered message leaves: one trait, so another channel can be added beside SMTP.

use super::letter::Composed;
use futures_util::future::BoxFuture;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a message was not sent.
#[derive(Debug, Clone)]
pub struct SendError {
    /// The server refused it for good (5xx) or it cannot be built: do not try again.
    pub permanent: bool,
    /// What went wrong, for admins (never the address or the text).
    pub reason: String,
}

/// Something that delivers rendered messages.
pub trait Transport: Send + Sync {
    /// Deliver `message`; `Ok` once the other side has taken responsibility for it.
    fn send<'a>(&'a self, message: &'a Composed) -> BoxFuture<'a, Result<(), SendError>>;
}

/// SMTP through lettre, with a pool of connections (one transport kept for the process).
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// From `BALAI_SMTP_URL` (`smtp://host:25`, `smtp://host:587?tls=required`,
    /// `smtps://user:pass@host:465`) and `BALAI_MAIL_FROM`.
    pub fn new(url: &str, from: &str) -> anyhow::Result<Self> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("BALAI_SMTP_URL is not a usable SMTP address: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(30)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e| anyhow::anyhow!("BALAI_MAIL_FROM is not an address: {e}"))?;
        Ok(Self { transport, from })
    }
}

impl Transport for Smtp {
    fn send<'a>(&'a self, message: &'a Composed) -> BoxFuture<'a, Result<(), SendError>> {
        Box::pin(async move {
            let email = build(&self.from, message).map_err(|e| SendError {
                permanent: true,
                reason: format!("message not built: {e}"),
            })?;
            match self.transport.send(email).await {
                Ok(_) => Ok(()),
                Err(e) => Err(SendError {
                    permanent: e.is_permanent(),
                    reason: describe(&e),
                }),
            }
        })
    }
}

/// The error without the address or text (lettre's messages name neither, but a server's
/// answer might quote the recipient: only its code and first words are kept).
fn describe(e: &lettre::transport::smtp::Error) -> String {
    let mut s = match e.status() {
        Some(code) => format!("SMTP {code}: "),
        None => String::new(),
    };
    let text = e.to_string();
    let text: String = text.chars().filter(|c| !c.is_control()).take(160).collect();
    // A refusal often quotes the address: hide anything shaped like one.
    let text = text
        .split(' ')
        .map(|w| if w.contains('@') { "<address>" } else { w })
        .collect::<Vec<_>>()
        .join(" ");
    s.push_str(&text);
    s
}

/// The MIME message: text and HTML alternatives, the calendar file beside them, the
/// stop headers when the message can be stopped.
fn build(from: &Mailbox, m: &Composed) -> anyhow::Result<Message> {
    let to: Mailbox = m.to.parse()?;
    let mut builder = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(m.subject.clone())
        .message_id(Some(m.message_id.clone()));
    builder = builder.header(ContentLanguage(m.lang.clone()));
    if let Some(url) = &m.stop_url {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    let body = MultiPart::alternative_plain_html(m.text.clone(), m.html.clone());
    let email = match &m.attachment {
        None => builder.multipart(body)?,
        Some(a) => builder.multipart(
            MultiPart::mixed().multipart(body).singlepart(
                Attachment::new(a.name.clone())
                    .body(a.bytes.clone(), ContentType::parse(&a.content_type)?),
            ),
        )?,
    };
    Ok(email)
}

/// `Content-Language`, so a screen reader may pick the voice before opening the message.
#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}
