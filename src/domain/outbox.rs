//! The outbox as the back office and the stop page see it: a message's status, and the
//! list a stoppable message belongs to.

crate::closed_set! {
    /// Where a message of the outbox is.
    pub enum OutboxStatus {
        /// Not sent yet (no SMTP server set, or tried again later).
        Waiting = "waiting" => "outbox-status-waiting",
        /// The SMTP server took it.
        Sent = "sent" => "outbox-status-sent",
        /// Refused for good, or tried too often; `last_error` says why.
        Failed = "failed" => "outbox-status-failed",
        /// Not worth sending any more (a reminder for a day that is past).
        Expired = "expired" => "outbox-status-expired",
        /// Its recipient stopped its list before it was sent.
        Stopped = "stopped" => "outbox-status-stopped",
    }
}

/// A list of messages a recipient may stop (`mail_stops.list`, named in stop links).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailList {
    /// Updates on report `id` to its reporter (`report:12`).
    Report(i64),
    /// Reminders for registration `id` (`reminders:34`).
    Reminders(i64),
    /// The daily digest of staff account `id` (`digest:5`).
    Digest(i64),
}

impl MailList {
    /// The list a stored name means; `None` for a name of another version.
    pub fn parse(list: &str) -> Option<Self> {
        let (kind, id) = list.split_once(':')?;
        let id: i64 = id.parse().ok().filter(|n| *n > 0)?;
        match kind {
            "report" => Some(Self::Report(id)),
            "reminders" => Some(Self::Reminders(id)),
            "digest" => Some(Self::Digest(id)),
            _ => None,
        }
    }
}

/// One line of the outbox for admins: no text, the address shortened.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub lang: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: time::OffsetDateTime,
    pub next_try_at: time::OffsetDateTime,
    pub sent_at: Option<time::OffsetDateTime>,
}

impl Summary {
    /// The address with most of its name hidden: `s***@contoh.id`.
    pub fn masked_recipient(&self) -> String {
        mask(&self.recipient)
    }
}

/// `siti@contoh.id` → `s***@contoh.id`.
pub fn mask(address: &str) -> String {
    match address.split_once('@') {
        Some((name, domain)) => {
            let first: String = name.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_from_their_names() {
        assert_eq!(MailList::parse("report:12"), Some(MailList::Report(12)));
        assert_eq!(MailList::parse("reminders:3"), Some(MailList::Reminders(3)));
        assert_eq!(MailList::parse("digest:5"), Some(MailList::Digest(5)));
        assert_eq!(MailList::parse("digest:-5"), None);
        assert_eq!(MailList::parse("news:1"), None);
        assert_eq!(MailList::parse("report"), None);
        assert_eq!(OutboxStatus::parse("sent"), Some(OutboxStatus::Sent));
        assert_eq!(OutboxStatus::parse("lost"), None);
    }
}
