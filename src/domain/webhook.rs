//! Agency webhooks (issue #19): which events an agency's system is told about, what each
//! says (never who sent the report), the retry schedule, and which URLs may receive them.
//! Signing and sending are in `crate::webhooks`; the queue's SQL in `crate::db::webhooks`.

use super::case::{Report, Status};
use super::deadlines::{self, Calendar};
use super::report::Privacy;
use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

/// What happened to a case, as the event's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventType {
    /// The case was routed to the agency.
    Routed,
    /// The reporter was asked for information about the agency's case.
    InfoRequested,
    /// The reporter added information (or answered a question).
    ReporterAnswered,
    /// The case was closed.
    Closed,
}

impl EventType {
    pub const ALL: [Self; 4] = [
        Self::Routed,
        Self::InfoRequested,
        Self::ReporterAnswered,
        Self::Closed,
    ];

    /// The `type` of the payload (and the stored text).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Routed => "case.routed",
            Self::InfoRequested => "case.info_requested",
            Self::ReporterAnswered => "case.reporter_answered",
            Self::Closed => "case.closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

/// What an event says about its case, taken in the transaction of the change (stored as
/// JSON). Never the reporter's name, email, phone or relationship; for an anonymous or
/// confidential report nothing more than for any other (the agency's officers read the
/// same text in the back office).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseData {
    /// The tracking code.
    pub code: String,
    pub status: String,
    pub kind: String,
    pub category: String,
    pub agency: Option<String>,
    pub privacy: String,
    pub title: String,
    pub description: String,
    pub province: String,
    pub regency: String,
    /// The day it was sent, in the area's time zone (ISO date).
    pub sent_on: String,
    /// The day it was routed, in the area's time zone (ISO date).
    pub routed_on: Option<String>,
    pub postponed_until: Option<String>,
    /// The question asked, or the reporter's added information (`info_requested`,
    /// `reporter_answered`).
    pub text: Option<String>,
}

impl CaseData {
    /// The facts of `r` after a change that left it in `status` with `agency`; `text`:
    /// the question or the answer the event is about.
    pub fn of(r: &Report, status: Status, agency: Option<&str>, text: Option<&str>) -> Self {
        let zone = r.zone();
        Self {
            code: r.code.clone(),
            status: status.as_str().to_owned(),
            kind: r.kind.as_str().to_owned(),
            category: r.category.clone(),
            agency: agency.map(str::to_owned),
            privacy: r.privacy.as_str().to_owned(),
            title: r.title.clone(),
            description: r.description.clone(),
            province: r.province.clone(),
            regency: r.regency.clone(),
            sent_on: deadlines::local_date(r.created_at, zone).to_string(),
            routed_on: r
                .routed_at
                .map(|t| deadlines::local_date(t, zone).to_string()),
            postponed_until: r.postponed_until.clone(),
            text: text.map(str::to_owned),
        }
    }

    /// The deadline that applies in its status: verifiers' (3 working days after it was
    /// sent), the agency's (5 working days after routing, or a later postponement), none
    /// once answered or closed.
    pub fn deadline(&self, cal: &impl Calendar) -> Option<Date> {
        let status = Status::parse(&self.status)?;
        let sent = deadlines::parse_date(&self.sent_on)?;
        let routed = self.routed_on.as_deref().and_then(deadlines::parse_date);
        let due = deadlines::Due::of(sent, routed, cal);
        if status.with_verifiers() {
            Some(due.verify_by)
        } else if status.with_agency() || status == Status::InfoRequested {
            let postponed = self
                .postponed_until
                .as_deref()
                .and_then(deadlines::parse_date);
            match (due.answer_by, postponed) {
                (Some(a), Some(p)) => Some(a.max(p)),
                (a, p) => a.or(p),
            }
        } else {
            None
        }
    }
}

/// The payload `{type, timestamp, data}` (the exact bytes are fixed at the first try).
#[derive(Debug, Serialize, Deserialize)]
pub struct Payload {
    #[serde(rename = "type")]
    pub kind: String,
    /// When the change happened (RFC 3339).
    #[serde(with = "time::serde::rfc3339")]
    pub timestamp: OffsetDateTime,
    pub data: PayloadData,
}

/// The case as the payload gives it, with its deadline (ISO date).
#[derive(Debug, Serialize, Deserialize)]
pub struct PayloadData {
    #[serde(flatten)]
    pub case: CaseData,
    /// ISO date.
    pub deadline: Option<String>,
}

/// The JSON body of an event.
pub fn body(
    kind: &str,
    at: OffsetDateTime,
    case: CaseData,
    cal: &impl Calendar,
) -> serde_json::Result<String> {
    let deadline = case.deadline(cal).map(|d| d.to_string());
    serde_json::to_string(&Payload {
        kind: kind.to_owned(),
        timestamp: at,
        data: PayloadData { case, deadline },
    })
}

/// Whether a report is one whose privacy asks for care (the API and the events give the
/// same fields either way; this is for the API's `privacy` note).
pub fn is_private(p: Privacy) -> bool {
    p != Privacy::Public
}

/// The wait after try `attempts` failed, or `None`: give up (mark failed). 5 s, 5 min,
/// 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: about three days in all.
pub fn retry_wait(attempts: i32) -> Option<time::Duration> {
    const WAITS: [i64; 9] = [
        5,
        5 * 60,
        30 * 60,
        2 * 3600,
        5 * 3600,
        10 * 3600,
        14 * 3600,
        20 * 3600,
        24 * 3600,
    ];
    let i = usize::try_from(attempts.max(1) - 1).ok()?;
    WAITS.get(i).map(|s| time::Duration::seconds(*s))
}

/// An agency's endpoint.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Endpoint {
    pub agency: String,
    pub url: String,
    pub secret: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A delivery as the integrations page lists it (no body: it is the case's text).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Delivery {
    pub id: i64,
    pub event_id: String,
    pub agency: String,
    pub event_type: String,
    pub report_id: Option<i64>,
    pub status: String,
    pub attempts: i32,
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    pub next_try_at: OffsetDateTime,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
}

/// A delivery's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Sent,
    Failed,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Sent => "sent",
            Self::Failed => "failed",
        }
    }

    /// The Fluent id naming it on the integrations page.
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Pending => "staff-webhook-status-pending",
            Self::Sent => "staff-webhook-status-sent",
            Self::Failed => "staff-webhook-status-failed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Sent, Self::Failed]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// Why a webhook URL is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlError {
    /// Not a URL at all, or longer than 2,000 characters.
    Invalid,
    /// Not `https` (plain `http` only to a loopback address, and only when allowed).
    NotHttps,
    /// Has a user name or password in it.
    Credentials,
}

impl UrlError {
    pub fn message_id(self) -> &'static str {
        match self {
            Self::Invalid => "staff-error-webhook-url-invalid",
            Self::NotHttps => "staff-error-webhook-url-https",
            Self::Credentials => "staff-error-webhook-url-credentials",
        }
    }
}

/// Check a webhook URL: `https://` with a host, no credentials, no fragment; `http://`
/// only to `127.0.0.1`, `[::1]` or `localhost` and only when `allow_http_loopback` (tests,
/// trials). Addresses are checked again when sending (a name can resolve anywhere).
pub fn check_url(input: &str, allow_http_loopback: bool) -> Result<url::Url, UrlError> {
    let input = input.trim();
    if input.is_empty() || input.len() > 2000 {
        return Err(UrlError::Invalid);
    }
    let u = url::Url::parse(input).map_err(|_| UrlError::Invalid)?;
    if u.host_str().is_none_or(str::is_empty) || u.fragment().is_some() {
        return Err(UrlError::Invalid);
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(UrlError::Credentials);
    }
    match u.scheme() {
        "https" => Ok(u),
        "http" if allow_http_loopback && is_loopback_host(&u) => Ok(u),
        _ => Err(UrlError::NotHttps),
    }
}

fn is_loopback_host(u: &url::Url) -> bool {
    match u.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d == "localhost",
        None => false,
    }
}

/// Whether Balai may connect to `ip` for a webhook: never to private, link-local,
/// unspecified, multicast or documentation ranges (a URL must not reach the server's own
/// network); loopback only when allowed (tests).
pub fn may_connect(ip: std::net::IpAddr, allow_loopback: bool) -> bool {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => {
            if v4.is_loopback() {
                return allow_loopback;
            }
            let o = v4.octets();
            !(v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xC0) == 64)
                || (o[0] == 198 && (o[1] & 0xFE) == 18))
        }
        IpAddr::V6(v6) => {
            if v6.is_loopback() {
                return allow_loopback;
            }
            if let Some(v4) = v6.to_ipv4_mapped() {
                return may_connect(IpAddr::V4(v4), allow_loopback);
            }
            let s = v6.segments();
            !(v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::workflow::tests::report;

    #[test]
    fn urls_must_be_https_unless_loopback_is_allowed() {
        assert!(check_url("https://agency.go.id/hooks", false).is_ok());
        assert_eq!(
            check_url("http://agency.go.id/hooks", true).err(),
            Some(UrlError::NotHttps)
        );
        assert_eq!(
            check_url("http://127.0.0.1:9/x", false).err(),
            Some(UrlError::NotHttps)
        );
        assert!(check_url("http://127.0.0.1:9/x", true).is_ok());
        assert_eq!(
            check_url("https://u:p@agency.go.id/", false).err(),
            Some(UrlError::Credentials)
        );
        assert_eq!(check_url("not a url", false).err(), Some(UrlError::Invalid));
        assert_eq!(
            check_url("ftp://agency.go.id/", false).err(),
            Some(UrlError::NotHttps)
        );
    }

    #[test]
    fn private_addresses_are_never_reached() {
        for ip in [
            "10.0.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "::",
            "fd00::1",
        ] {
            assert!(!may_connect(ip.parse().unwrap(), true), "{ip}");
        }
        assert!(!may_connect("127.0.0.1".parse().unwrap(), false));
        assert!(may_connect("127.0.0.1".parse().unwrap(), true));
        assert!(may_connect("203.0.114.9".parse().unwrap(), false));
    }

    #[test]
    fn the_payload_names_nobody() {
        let r = report(Status::Routed, Some("kemenhub"));
        let data = CaseData::of(&r, Status::Routed, Some("kemenhub"), None);
        let json = body(
            EventType::Routed.as_str(),
            r.created_at,
            data,
            &deadlines::Weekdays,
        )
        .unwrap();
        assert!(!json.contains("Siti"), "{json}");
        assert!(json.contains("\"type\":\"case.routed\""), "{json}");
        assert!(json.contains("\"code\":\"ABCDEFGHJ\""), "{json}");
    }

    #[test]
    fn retries_stop_after_about_three_days() {
        let total: i64 = (1..20)
            .map_while(retry_wait)
            .map(|d| d.whole_seconds())
            .sum();
        assert!((2 * 86400..4 * 86400).contains(&total), "{total}");
        assert_eq!(retry_wait(1), Some(time::Duration::seconds(5)));
        assert_eq!(retry_wait(10), None);
    }
}
