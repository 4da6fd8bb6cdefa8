//! The command line (DESIGN.md section 2). Every setting is also read from the
//! environment variable clap names beside it, so a deployment needs no flags at all.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use crate::settings::{Clock, LogFormat, RequestLog, Settings};

/// `balai [COMMAND]`: with no command it serves the portal (the same as `balai serve`).
#[derive(Debug, Parser)]
#[command(
    name = "balai",
    version,
    about = "Balai: an accessible public participation portal",
    // `balai --bind X` serves; `balai --bind X migrate` is refused rather than
    // silently ignoring the option.
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(flatten)]
    pub serve: ServeArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run (`serve` when none was named) and the settings it was given.
    pub fn into_command(self) -> anyhow::Result<(Command, Settings)> {
        let command = self.command.unwrap_or(Command::Serve(self.serve));
        let settings = command.settings()?;
        Ok((command, settings))
    }

    /// The log format and request log the chosen command was given.
    pub fn logging(&self) -> (LogFormat, RequestLog) {
        let d = match &self.command {
            None => &self.serve.app.db,
            Some(Command::Serve(a)) => &a.app.db,
            Some(Command::Seed { app, .. }) => &app.db,
            Some(Command::User { action }) => &action.app().db,
            Some(Command::Partner { action }) => &action.app().db,
            Some(
                Command::Migrate(d)
                | Command::Backup { db: d, .. }
                | Command::Restore { db: d, .. }
                | Command::Outbox {
                    action: OutboxAction::List { db: d, .. },
                },
            ) => d,
            Some(Command::Content { .. }) => return (LogFormat::default(), RequestLog::default()),
        };
        (d.log_format, d.request_log)
    }
}

/// What to do; `serve` is the default.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, load content and serve HTTP.
    Serve(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DatabaseArgs),
    /// Write a consistent copy of the SQLite database while the portal runs.
    Backup {
        #[command(flatten)]
        db: DatabaseArgs,
        /// The new backup file.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup (stop the portal first).
    Restore {
        #[command(flatten)]
        db: DatabaseArgs,
        /// The backup file.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Load data: `--demo` for trying Balai out, `--reports N` for benchmarks.
    Seed {
        #[command(flatten)]
        app: AppArgs,
        /// Add the demo data set (prints each demo report's code and access key, and each
        /// demo staff account's email, role and password).
        #[arg(long)]
        demo: bool,
        /// Add this many synthetic reports (every area, category, agency and state).
        #[arg(long)]
        reports: Option<u64>,
        /// The seed of the synthetic reports (the same seed, the same reports).
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Staff accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Partner systems' API keys (Open311 and the agency API).
    Partner {
        #[command(subcommand)]
        action: PartnerAction,
    },
    /// Work with the files under the content directory.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
    /// The messages Balai sends.
    Outbox {
        #[command(subcommand)]
        action: OutboxAction,
    },
}

/// `balai outbox ...`
#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// The newest messages: waiting, sent, failed (no text; addresses shortened).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
        /// Only messages with this status: waiting, sent, failed, expired, stopped.
        #[arg(long)]
        status: Option<String>,
        /// How many.
        #[arg(long, default_value_t = 50)]
        limit: i64,
    },
}

impl Command {
    /// The settings this command was given; the others keep their defaults.
    fn settings(&self) -> anyhow::Result<Settings> {
        let mut settings = Settings::default();
        match self {
            Self::Serve(a) => a.clone().apply(&mut settings)?,
            Self::Seed { app, .. } => app.clone().apply(&mut settings)?,
            Self::User { action } => action.app().clone().apply(&mut settings)?,
            Self::Partner { action } => action.app().clone().apply(&mut settings)?,
            Self::Migrate(d) | Self::Backup { db: d, .. } | Self::Restore { db: d, .. } => {
                d.clone().apply(&mut settings);
            }
            Self::Content {
                action: ContentAction::Check(c),
            } => c.clone().apply(&mut settings),
            Self::Outbox {
                action: OutboxAction::List { db, .. },
            } => db.clone().apply(&mut settings),
        }
        Ok(settings)
    }
}

/// `balai user ...`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a staff account; the password is read from standard input (one line).
    Add {
        #[command(flatten)]
        app: AppArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// `admin`, `verifier` or `officer`.
        #[arg(long)]
        role: String,
        /// The agency an officer answers for (its slug, as in `content/reports/agencies.toml`,
        /// or `prov-{code}` / `reg-{code}` for a regional government).
        #[arg(long)]
        agency: Option<String>,
    },
    /// Disable an account; its sessions end at once.
    Disable {
        #[command(flatten)]
        app: AppArgs,
        #[arg(long)]
        email: String,
    },
}

impl UserAction {
    fn app(&self) -> &AppArgs {
        match self {
            Self::Add { app, .. } | Self::Disable { app, .. } => app,
        }
    }
}

/// `balai partner ...`
#[derive(Debug, Subcommand)]
pub enum PartnerAction {
    /// Make a key for a partner system; prints the key once (only its hash is kept).
    Add {
        #[command(flatten)]
        app: AppArgs,
        /// The partner's name (shown to staff as the report's channel).
        #[arg(long)]
        name: String,
        /// The agency whose cases the key acts on (its slug, as for `balai user add`).
        #[arg(long)]
        agency: Option<String>,
        /// What the key may do, a comma list: `submit` (create reports), `read`.
        #[arg(long)]
        scope: String,
        /// Requests a minute the key may make.
        #[arg(long, default_value_t = 120, value_parser = clap::value_parser!(i64).range(1..))]
        per_minute: i64,
    },
    /// Every partner key: id, name, agency, scopes, key prefix, made, revoked.
    List {
        #[command(flatten)]
        app: AppArgs,
    },
    /// Revoke a key at once (every instance refuses it from the next request).
    Revoke {
        #[command(flatten)]
        app: AppArgs,
        /// The partner's id (from `balai partner list`).
        id: i64,
    },
}

impl PartnerAction {
    fn app(&self) -> &AppArgs {
        match self {
            Self::Add { app, .. } | Self::List { app } | Self::Revoke { app, .. } => app,
        }
    }
}

/// `balai content ...`
#[derive(Debug, Subcommand)]
pub enum ContentAction {
    /// Validate `content/` and `locales/`; print every problem with file and line; exit 1 on any.
    Check(ContentArgs),
}

/// Where the content and the interface's text are (`content check`, and every command
/// that loads the application).
#[derive(Debug, Clone, Args)]
pub struct ContentArgs {
    /// Folder of Markdown content and reference lists.
    #[arg(long, env = "BALAI_CONTENT_DIR", default_value = "content")]
    pub content_dir: PathBuf,
    /// Folder with one sub-folder of Fluent files per language.
    #[arg(long, env = "BALAI_LOCALES_DIR", default_value = "locales")]
    pub locales_dir: PathBuf,
}

impl ContentArgs {
    fn apply(self, settings: &mut Settings) {
        settings.content_dir = self.content_dir;
        settings.locales_dir = self.locales_dir;
    }
}

/// Where the data is (`migrate`, `backup`, `restore`, and every command that loads the
/// application).
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// `sqlite://PATH` (created if missing) or `postgres://...`
    /// [default: `sqlite://DATA_DIR/balai.db`, so `sqlite://data/balai.db`]
    #[arg(long, env = "BALAI_DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
    /// Folder for the SQLite file, the generated secret key and cached images.
    #[arg(long, env = "BALAI_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// Log output: `pretty` or `json` (filter with `RUST_LOG`).
    #[arg(long, env = "BALAI_LOG_FORMAT", default_value = "pretty")]
    pub log_format: LogFormat,
    /// Which requests get a log line: `all`, `errors` (4xx and 5xx only) or `off`. Log
    /// lines are written by a background thread, so a request never waits for the log; a
    /// busy deployment keeps `errors` (the proxy's access log has every request).
    #[arg(long, env = "BALAI_REQUEST_LOG", default_value = "all")]
    pub request_log: RequestLog,
}

impl DatabaseArgs {
    fn apply(self, settings: &mut Settings) {
        settings.database_url = self
            .database_url
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("balai.db").display()))
            .into();
        settings.data_dir = self.data_dir;
        settings.log_format = self.log_format;
    }
}

/// What loading the application needs (`seed`, `user`, `serve`).
#[derive(Debug, Clone, Args)]
pub struct AppArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    #[command(flatten)]
    pub content: ContentArgs,
    /// Folder of CSS and icons served under `/assets/{hash}/`.
    #[arg(long, env = "BALAI_ASSETS_DIR", default_value = "assets")]
    pub assets_dir: PathBuf,
    /// Key that signs tokens (32 characters or more) [default: generated once and kept in
    /// `DATA_DIR/secret.key`]
    #[arg(long, env = "BALAI_SECRET_KEY", hide_env_values = true)]
    pub secret_key: Option<String>,
    /// Pretend the time is this RFC 3339 moment at start-up (demos and browser tests).
    #[arg(long, env = "BALAI_NOW", hide = true)]
    pub now: Option<String>,
}

impl AppArgs {
    fn apply(self, settings: &mut Settings) -> anyhow::Result<()> {
        self.db.apply(settings);
        self.content.apply(settings);
        settings.assets_dir = self.assets_dir;
        settings.secret_key = self.secret_key.map(Into::into);
        settings.clock = match self.now.as_deref() {
            None | Some("") => Clock::System,
            Some(t) => {
                let at =
                    time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
                        .map_err(|e| {
                            anyhow::anyhow!("BALAI_NOW must be an RFC 3339 moment: {e}")
                        })?;
                Clock::Shifted(at - time::OffsetDateTime::now_utc())
            }
        };
        Ok(())
    }
}

/// Settings of the server itself (`balai` and `balai serve` only).
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub app: AppArgs,
    /// Address to listen on.
    #[arg(long, env = "BALAI_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// Seconds a form must be on screen before sending looks human (default 2; tests).
    #[arg(long, env = "BALAI_MIN_FORM_SECONDS", hide = true)]
    pub min_form_seconds: Option<i64>,
    /// Days after a report is finished (closed, rejected, archived) before its personal
    /// data is erased; the public record stays.
    #[arg(long, env = "BALAI_RETENTION_DAYS", default_value_t = 730, value_parser = clap::value_parser!(i64).range(1..))]
    pub retention_days: i64,
    /// Days after a workshop ends before its registrations (names, contacts, access
    /// needs) are erased.
    #[arg(long, env = "BALAI_REGISTRATION_RETENTION_DAYS", default_value_t = 90, value_parser = clap::value_parser!(i64).range(1..))]
    pub registration_retention_days: i64,
    /// Agency webhooks may go to `http://` on a loopback address (tests and local trials
    /// only; otherwise only `https://` to public addresses).
    #[arg(long, env = "BALAI_WEBHOOK_ALLOW_HTTP_LOOPBACK", hide = true)]
    pub webhook_allow_http_loopback: bool,
    /// Form submissions allowed per address per hour, shared by all instances.
    #[arg(long, env = "BALAI_SUBMISSIONS_PER_HOUR", default_value_t = 30)]
    pub submissions_per_hour: i64,
    /// Look-ups allowed per address per hour, shared by all instances: looking up a
    /// workshop registration by its code, and trying an access key when tracking a report.
    #[arg(long, env = "BALAI_LOOKUPS_PER_HOUR", default_value_t = 20)]
    pub lookups_per_hour: i64,
    /// Addresses of reverse proxies (comma-separated) whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; requests from anyone else are taken at face value.
    #[arg(long, env = "BALAI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// A PostgreSQL streaming replica (`postgres://...`) for public reads: browse, report
    /// pages, statistics, feeds, open data. Forms, staff pages and a reporter's own view
    /// read the primary. PostgreSQL only.
    #[arg(long, env = "BALAI_DATABASE_REPLICA_URL", hide_env_values = true)]
    pub database_replica_url: Option<String>,
    /// Seconds the replica may fall behind before a warning is logged.
    #[arg(long, env = "BALAI_REPLICA_LAG_WARN_SECONDS", default_value_t = 30)]
    pub replica_lag_warn_seconds: u64,
    /// Seconds the replica may fall behind before public reads go to the primary (while
    /// the primary answers; without it the replica still serves).
    #[arg(long, env = "BALAI_REPLICA_MAX_LAG_SECONDS", default_value_t = 300)]
    pub replica_max_lag_seconds: u64,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// Sending messages (`balai` and `balai serve` only).
#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// SMTP server for messages: `smtp://host:25`, `smtp://host:587?tls=required`
    /// (STARTTLS), `smtps://user:pass@host:465`. Without it messages wait in the outbox.
    #[arg(long, env = "BALAI_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of messages.
    #[arg(
        long,
        env = "BALAI_MAIL_FROM",
        default_value = "Balai <balai@localhost>"
    )]
    pub mail_from: String,
    /// The site's absolute address as people reach it (`https://balai.example.id`), for
    /// links in messages and calendar files [default: http:// and the listening address]
    #[arg(long, env = "BALAI_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Seconds before a message that failed for a temporary reason is tried again
    /// (doubled after each try).
    #[arg(
        long,
        env = "BALAI_MAIL_RETRY_SECONDS",
        default_value_t = 30,
        hide = true
    )]
    pub mail_retry_seconds: u64,
    /// Seconds a sender holds the messages it took (tests shorten it).
    #[arg(
        long,
        env = "BALAI_MAIL_LEASE_SECONDS",
        default_value_t = 300,
        hide = true
    )]
    pub mail_lease_seconds: u64,
    /// Milliseconds between two looks at the outbox (tests shorten it).
    #[arg(long, env = "BALAI_MAIL_POLL_MS", default_value_t = 5000, hide = true)]
    pub mail_poll_ms: u64,
    /// Days before a workshop that its participants get a reminder by email.
    #[arg(long, env = "BALAI_REMINDER_DAYS", default_value_t = 2)]
    pub reminder_days: u32,
}

impl MailArgs {
    fn apply(self, settings: &mut Settings) -> anyhow::Result<()> {
        if let Some(url) = &self.public_url {
            anyhow::ensure!(
                url.starts_with("https://") || url.starts_with("http://"),
                "BALAI_PUBLIC_URL must start with https:// or http://"
            );
        }
        settings.mail = crate::settings::MailSettings {
            smtp_url: self.smtp_url.filter(|u| !u.is_empty()).map(Into::into),
            from: self.mail_from,
            public_url: self.public_url.filter(|u| !u.is_empty()),
            retry_base_seconds: self.mail_retry_seconds,
            lease_seconds: self.mail_lease_seconds,
            poll_ms: self.mail_poll_ms,
            reminder_days: self.reminder_days,
        };
        Ok(())
    }
}

impl ServeArgs {
    fn apply(self, settings: &mut Settings) -> anyhow::Result<()> {
        self.app.apply(settings)?;
        settings.bind = self.bind;
        if let Some(seconds) = self.min_form_seconds {
            settings.min_form_seconds = seconds;
        }
        settings.retention_days = self.retention_days;
        settings.registration_retention_days = self.registration_retention_days;
        settings.webhook_allow_http_loopback = self.webhook_allow_http_loopback;
        settings.submissions_per_hour = self.submissions_per_hour;
        settings.lookups_per_hour = self.lookups_per_hour;
        settings.trusted_proxies = self.trusted_proxies;
        settings.database_replica_url = self
            .database_replica_url
            .filter(|u| !u.is_empty())
            .map(Into::into);
        settings.replica_lag_warn_seconds = self.replica_lag_warn_seconds;
        settings.replica_max_lag_seconds = self.replica_max_lag_seconds;
        settings.database_replica_url()?;
        self.mail.apply(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The long names of the options `path` (a command, then sub-commands) takes.
    fn options(path: &[&str]) -> Vec<String> {
        let mut cmd = Cli::command();
        cmd.build();
        let mut at = &cmd;
        for name in path {
            at = at.find_subcommand(name).unwrap();
        }
        at.get_arguments()
            .filter_map(|a| a.get_long().map(str::to_owned))
            .collect()
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serving_options_belong_to_serving_only() {
        for serving in [&[][..], &["serve"]] {
            let all = options(serving);
            for o in [
                "bind",
                "lookups-per-hour",
                "trusted-proxies",
                "database-url",
            ] {
                assert!(all.iter().any(|a| a == o), "{serving:?} lacks --{o}");
            }
        }
        for other in [
            &["migrate"][..],
            &["backup"],
            &["restore"],
            &["seed"],
            &["user", "add"],
            &["user", "disable"],
            &["content", "check"],
        ] {
            let all = options(other);
            for o in [
                "bind",
                "lookups-per-hour",
                "submissions-per-hour",
                "trusted-proxies",
            ] {
                assert!(!all.iter().any(|a| a == o), "{other:?} offers --{o}");
            }
        }
        assert_eq!(
            options(&["content", "check"]),
            ["content-dir", "locales-dir", "help"]
        );
    }

    #[test]
    fn no_command_serves_and_serving_options_go_with_no_command_only() {
        let cli = Cli::try_parse_from(["balai", "--bind", "127.0.0.1:0"]).unwrap();
        let (command, settings) = cli.into_command().unwrap();
        assert!(matches!(command, Command::Serve(_)));
        assert_eq!(settings.bind, "127.0.0.1:0");
        let err = Cli::try_parse_from(["balai", "--bind", "127.0.0.1:0", "migrate"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        let cli = Cli::try_parse_from(["balai", "migrate", "--data-dir", "/srv/balai"]).unwrap();
        let (_, settings) = cli.into_command().unwrap();
        if std::env::var_os("BALAI_DATABASE_URL").is_none() {
            assert_eq!(settings.database_url(), "sqlite:///srv/balai/balai.db");
        }
    }
}
