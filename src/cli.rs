//! The command line (DESIGN.md section 2). Every setting is also read from the
//! environment variable clap names beside it, so a deployment needs no flags at all.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

use crate::settings::{Clock, LogFormat, Settings};

/// `balai [COMMAND]`: with no command it serves the portal.
#[derive(Debug, Parser)]
#[command(
    name = "balai",
    version,
    about = "Balai: an accessible public participation portal"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do; `serve` is the default.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database, load content and serve HTTP.
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Write a consistent copy of the SQLite database while the portal runs.
    Backup {
        /// The new backup file.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replace the SQLite database with a backup (stop the portal first).
    Restore {
        /// The backup file.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Load data: `--demo` for trying Balai out, `--reports N` for benchmarks.
    Seed {
        /// Add the demo data set (prints each demo report's code and access key).
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
    /// Work with the files under the content directory.
    Content {
        #[command(subcommand)]
        action: ContentAction,
    },
}

/// `balai user ...`
#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Create a staff account; the password is read from standard input (one line).
    Add {
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
        #[arg(long)]
        email: String,
    },
}

/// `balai content ...`
#[derive(Debug, Subcommand)]
pub enum ContentAction {
    /// Validate `content/` and `locales/`; print every problem with file and line; exit 1 on any.
    Check,
}

/// Settings shared by every command.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Address to listen on.
    #[arg(
        long,
        env = "BALAI_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: String,
    /// `sqlite://PATH` (default, created if missing) or `postgres://...`.
    #[arg(long, env = "BALAI_DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder of Markdown content and reference lists.
    #[arg(
        long,
        env = "BALAI_CONTENT_DIR",
        default_value = "content",
        global = true
    )]
    pub content_dir: PathBuf,
    /// Folder for the SQLite file and the generated secret key.
    #[arg(long, env = "BALAI_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// Folder with one sub-folder of Fluent files per language.
    #[arg(
        long,
        env = "BALAI_LOCALES_DIR",
        default_value = "locales",
        global = true
    )]
    pub locales_dir: PathBuf,
    /// Folder of CSS and icons served under `/assets/{hash}/`.
    #[arg(
        long,
        env = "BALAI_ASSETS_DIR",
        default_value = "assets",
        global = true
    )]
    pub assets_dir: PathBuf,
    /// Key that signs tokens; generated once and kept in the data dir when not given.
    #[arg(long, env = "BALAI_SECRET_KEY", hide_env_values = true, global = true)]
    pub secret_key: Option<String>,
    /// Pretend the time is this RFC 3339 moment at start-up (demos and browser tests).
    #[arg(long, env = "BALAI_NOW", global = true, hide = true)]
    pub now: Option<String>,
    /// Seconds a form must be on screen before sending looks human (default 2; tests).
    #[arg(long, env = "BALAI_MIN_FORM_SECONDS", global = true, hide = true)]
    pub min_form_seconds: Option<i64>,
    /// Days after a report is finished (closed, rejected, archived) before its personal
    /// data is erased; the public record stays (default 730: two years).
    #[arg(long, env = "BALAI_RETENTION_DAYS", global = true, value_parser = clap::value_parser!(i64).range(1..))]
    pub retention_days: Option<i64>,
    /// Form submissions allowed per address per hour, shared by all instances.
    #[arg(
        long,
        env = "BALAI_SUBMISSIONS_PER_HOUR",
        default_value_t = 30,
        global = true
    )]
    pub submissions_per_hour: i64,
    /// Registration look-ups allowed per address (and per code) per hour.
    #[arg(
        long,
        env = "BALAI_LOOKUPS_PER_HOUR",
        default_value_t = 20,
        global = true
    )]
    pub lookups_per_hour: i64,
    /// Addresses of reverse proxies (comma-separated) whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed; requests from anyone else are taken at face value.
    #[arg(
        long,
        env = "BALAI_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Log output: `pretty` or `json` (filter with `RUST_LOG`).
    #[arg(
        long,
        env = "BALAI_LOG_FORMAT",
        default_value = "pretty",
        global = true
    )]
    pub log_format: LogFormat,
}

impl SettingsArgs {
    /// Turn the parsed flags into settings, filling in defaults that depend on other flags.
    pub fn into_settings(self) -> anyhow::Result<Settings> {
        let database_url = self
            .database_url
            .unwrap_or_else(|| format!("sqlite://{}", self.data_dir.join("balai.db").display()));
        let clock = match self.now.as_deref() {
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
        let defaults = Settings::default();
        Ok(Settings {
            bind: self.bind,
            database_url: database_url.into(),
            content_dir: self.content_dir,
            data_dir: self.data_dir,
            locales_dir: self.locales_dir,
            assets_dir: self.assets_dir,
            secret_key: self.secret_key.map(Into::into),
            log_format: self.log_format,
            clock,
            submissions_per_hour: self.submissions_per_hour,
            lookups_per_hour: self.lookups_per_hour,
            trusted_proxies: self.trusted_proxies,
            min_form_seconds: self.min_form_seconds.unwrap_or(defaults.min_form_seconds),
            retention_days: self.retention_days.unwrap_or(defaults.retention_days),
            ..defaults
        })
    }
}
