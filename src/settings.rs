//! Run-time settings, resolved once at start-up. Secrets are `SecretString`, so a
//! `Debug` print of the settings never shows the key or a database password.

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use std::path::{Path, PathBuf};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    #[default]
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Which requests get a log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum RequestLog {
    /// Every request (method, path without query, status, time taken).
    #[default]
    All,
    /// Only requests answered with an error status (4xx, 5xx).
    Errors,
    /// None (warnings and errors of the application are still logged).
    Off,
}

/// Everything the application needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `host:port` to listen on (`:0` picks a free port).
    pub bind: String,
    /// `sqlite://...` or `postgres://...`.
    pub database_url: SecretString,
    /// A PostgreSQL streaming replica for public reads (`BALAI_DATABASE_REPLICA_URL`;
    /// PostgreSQL only). `None`: every read goes to the primary.
    pub database_replica_url: Option<SecretString>,
    /// Seconds of replica lag after which a warning is logged.
    pub replica_lag_warn_seconds: u64,
    /// Seconds of replica lag after which public reads go to the primary while it answers
    /// (`BALAI_REPLICA_MAX_LAG_SECONDS`; with the primary down the replica still serves).
    pub replica_max_lag_seconds: u64,
    /// Markdown content and reference lists.
    pub content_dir: PathBuf,
    /// SQLite file and generated secret key.
    pub data_dir: PathBuf,
    /// One folder of `.ftl` files per language.
    pub locales_dir: PathBuf,
    /// CSS and icons.
    pub assets_dir: PathBuf,
    /// Signing key; `None` means "read or create `secret.key` in the data dir".
    pub secret_key: Option<SecretString>,
    /// Log output format.
    pub log_format: LogFormat,
    /// Largest request body accepted before answering 413 (bytes).
    pub max_body_bytes: usize,
    /// Seconds in-flight requests get to finish after SIGTERM or Ctrl-C.
    pub shutdown_timeout_secs: u64,
    /// The clock: the system's, or a fixed moment for tests.
    pub clock: Clock,
    /// Form submissions allowed per address per hour (generous: people never meet it).
    pub submissions_per_hour: i64,
    /// Look-ups allowed per address per hour: registrations looked up by code and access
    /// keys tried when tracking a report.
    pub lookups_per_hour: i64,
    /// Reverse proxies whose forwarded headers are believed (the client's address for
    /// rate limits, and whether the request came over TLS).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Seconds a person needs at least between seeing a form and sending it; faster
    /// submissions are held for staff as possible spam (never dropped).
    pub min_form_seconds: i64,
    /// Days after a report is finished before its personal data is erased (the public
    /// record stays).
    pub retention_days: i64,
    /// Days after a workshop ends before its registrations (names, contacts, access
    /// needs) are erased.
    pub registration_retention_days: i64,
    /// Sending messages (SMTP, sender, links).
    pub mail: MailSettings,
    /// Agency webhooks may go to `http://` on a loopback address (tests, local trials;
    /// `BALAI_WEBHOOK_ALLOW_HTTP_LOOPBACK`). Otherwise only `https://` to public addresses.
    pub webhook_allow_http_loopback: bool,
}

/// How messages leave (issue #18).
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `BALAI_SMTP_URL`; `None`: messages wait in the outbox.
    pub smtp_url: Option<SecretString>,
    /// `BALAI_MAIL_FROM`: the sender's address (`Balai <balai@example.id>`).
    pub from: String,
    /// `BALAI_PUBLIC_URL`: the site's absolute address, for links in messages and
    /// calendar files. `None`: `http://` and the address Balai listens on.
    pub public_url: Option<String>,
    /// Seconds before the first retry of a message that failed for a temporary reason
    /// (doubled after each try).
    pub retry_base_seconds: u64,
    /// Seconds a sender holds the messages it claimed; a sender that died releases them
    /// after this (then they are sent again).
    pub lease_seconds: u64,
    /// Milliseconds between two looks at the outbox when nothing woke the sender.
    pub poll_ms: u64,
    /// `BALAI_REMINDER_DAYS`: days before a workshop that its participants are reminded.
    pub reminder_days: u32,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_url: None,
            from: "Balai <balai@localhost>".into(),
            public_url: None,
            retry_base_seconds: 30,
            lease_seconds: 300,
            poll_ms: 5000,
            reminder_days: 2,
        }
    }
}

impl MailSettings {
    /// The SMTP address, when one is set (for connecting only: never log it).
    pub fn smtp_url(&self) -> Option<&str> {
        self.smtp_url.as_ref().map(|s| s.expose_secret())
    }

    /// The site's absolute address without a trailing slash.
    pub fn public_url(&self) -> &str {
        self.public_url
            .as_deref()
            .map(|u| u.trim_end_matches('/'))
            .unwrap_or("http://127.0.0.1:8080")
    }

    /// The first wait after a temporary failure.
    pub fn retry_base(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.retry_base_seconds.max(1))
    }

    /// How often the sender looks at the outbox by itself.
    pub fn poll(&self) -> std::time::Duration {
        std::time::Duration::from_millis(self.poll_ms.max(50))
    }
}

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// Always this moment (tests).
    Fixed(time::OffsetDateTime),
    /// The system clock moved by a fixed amount (`BALAI_NOW`, for demos and the
    /// browser suite: time passes, but from a chosen start).
    Shifted(time::Duration),
}

impl Clock {
    /// The current moment.
    pub fn now(self) -> time::OffsetDateTime {
        match self {
            Self::System => time::OffsetDateTime::now_utc(),
            Self::Fixed(t) => t,
            Self::Shifted(by) => time::OffsetDateTime::now_utc() + by,
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/balai.db".into(),
            database_replica_url: None,
            replica_lag_warn_seconds: 30,
            replica_max_lag_seconds: 300,
            content_dir: "content".into(),
            data_dir: "data".into(),
            locales_dir: "locales".into(),
            assets_dir: "assets".into(),
            secret_key: None,
            log_format: LogFormat::Pretty,
            // Five photos of 10 MB each plus the text fields of a report.
            max_body_bytes: 55 * 1024 * 1024,
            shutdown_timeout_secs: 30,
            clock: Clock::System,
            submissions_per_hour: 30,
            lookups_per_hour: 20,
            trusted_proxies: Vec::new(),
            min_form_seconds: 2,
            retention_days: 730,
            registration_retention_days: 90,
            mail: MailSettings::default(),
            webhook_allow_http_loopback: false,
        }
    }
}

impl Settings {
    /// The database URL (for connecting only: never log it).
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }

    /// The replica's URL, checked: PostgreSQL, and only beside a PostgreSQL primary (a
    /// SQLite file has no replica). For connecting only: never log it.
    pub fn database_replica_url(&self) -> anyhow::Result<Option<&str>> {
        let Some(url) = &self.database_replica_url else {
            return Ok(None);
        };
        let url = url.expose_secret();
        let pg = |u: &str| u.starts_with("postgres://") || u.starts_with("postgresql://");
        anyhow::ensure!(
            pg(self.database_url()),
            "BALAI_DATABASE_REPLICA_URL is set but the database is SQLite: a read replica \
             needs PostgreSQL (BALAI_DATABASE_URL=postgres://...); remove the setting"
        );
        anyhow::ensure!(
            pg(url),
            "BALAI_DATABASE_REPLICA_URL must start with postgres:// (a PostgreSQL standby)"
        );
        Ok(Some(url))
    }

    /// The SQLite file the database URL names (`None` for PostgreSQL).
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let url = self.database_url();
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))?;
        Some(PathBuf::from(path.split('?').next().unwrap_or(path)))
    }

    /// The signing key: the configured one, or the one kept in the data dir
    /// (created with 256 random bits on first start, readable by the owner only).
    pub fn resolve_secret_key(&self) -> anyhow::Result<SecretString> {
        if let Some(key) = &self.secret_key {
            anyhow::ensure!(
                key.expose_secret().len() >= 32,
                "BALAI_SECRET_KEY must be at least 32 characters"
            );
            return Ok(key.clone());
        }
        load_or_create_key(&self.data_dir.join("secret.key"))
    }
}

fn load_or_create_key(path: &Path) -> anyhow::Result<SecretString> {
    if let Ok(existing) = std::fs::read_to_string(path) {
        let key = existing.trim().to_owned();
        anyhow::ensure!(key.len() >= 32, "{} is too short", path.display());
        return Ok(key.into());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let key = hex::encode(bytes);
    write_private(path, &key).with_context(|| format!("writing {}", path.display()))?;
    tracing::info!(
        path = %path.display(),
        "generated a secret key (it signs form tokens, access keys and view cookies) and \
         stored it in this file, readable by its owner only; back it up with the database"
    );
    Ok(key.into())
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}
