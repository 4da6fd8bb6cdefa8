//! The application state every handler shares: the database, text, content, assets,
//! settings, and the caches of public pages and figures with their wiring
//! ([`AppState::public_changed`]). Built once at start-up (`AppState::build`); views never
//! see it (they get a `PageCtx`).

use crate::assets::Assets;
use crate::content::ContentStore;
use crate::db::Db;
use crate::i18n::I18n;
use crate::settings::Settings;
use anyhow::Context;
use secrecy::SecretString;
use std::sync::{Arc, RwLock};

/// Everything handlers share; cheap to clone (`web::Data` is an `Arc`).
pub struct AppState {
    /// The database (the primary): every write, and every read that must see one.
    pub db: Db,
    /// A PostgreSQL streaming replica for public reads, when one is set (see [`AppState::reads`]).
    pub replica: Option<Arc<crate::replica::Replica>>,
    /// Fluent messages of every language.
    pub i18n: Arc<I18n>,
    /// Content files; replaced whole on SIGHUP (see [`AppState::reload_content`]).
    content: RwLock<Arc<ContentStore>>,
    /// CSS and icons.
    pub assets: Arc<Assets>,
    /// Signs tokens (drafts, forms).
    pub secret_key: SecretString,
    /// The settings the state was built from.
    pub settings: Settings,
    /// Photo decoding: off the async workers, within a pixel budget.
    pub photos: crate::photos::PhotoGate,
    /// Statistics and agency records, computed at most every five minutes.
    pub stats: crate::stats::Cache,
    /// Browse counts by filter, kept for a minute (cleared by this instance's changes).
    pub browse_counts: crate::ttl_cache::TtlCache<i64>,
    /// Public report pages' data by code, kept while the report's stamp is unchanged.
    pub public_reports: crate::stamped_cache::StampedCache<
        crate::domain::case::Stamp,
        Option<Arc<crate::domain::case::PublicCase>>,
    >,
    /// Public reports' stamps by code, read at most once a second (and dropped by this
    /// instance's own changes): a report page viewed a thousand times a second reads
    /// its stamp once.
    pub report_stamps: crate::ttl_cache::TtlCache<Option<crate::domain::case::Stamp>>,
    /// Finished public pages (HTML and gzip) by URL and version.
    pub pages: crate::page_cache::PageCache,
    /// Browse pages, finished (HTML and gzip), by URL and content load: kept 5 seconds,
    /// one rendering for concurrent requests.
    pub browse_pages: crate::ttl_cache::TtlCache<Arc<crate::page_cache::Finished>>,
    /// Open311 request lists, finished (JSON or XML and gzip), by query, format, language
    /// and content load: kept like browse pages, fewer at once (up to 1,000 requests each).
    pub open311_lists: crate::ttl_cache::TtlCache<Arc<crate::page_cache::Finished>>,
    /// Confirmed workshop places for public pages, read at most every two seconds (and
    /// dropped by this instance's own registrations and cancellations).
    pub seats: SeatsCache,
    /// Requests in flight, waited for when stopping.
    pub requests: crate::drain::Requests,
    /// Wakes this instance's sender when a message was written (see [`AppState::mail_written`]).
    pub mail_wake: Arc<tokio::sync::Notify>,
}

/// How long a public report's stamp is trusted before it is read again: a change made
/// through another instance shows on its page within this time (through this instance,
/// at once).
pub const REPORT_STAMPS_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(1);

/// How long a finished browse page is served before it is rendered again (another
/// instance's changes show within this time; this instance's at once).
pub const BROWSE_FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// Most browse pages kept at once (about 20 KB each with their gzip).
const BROWSE_PAGES_KEPT: usize = 512;

/// Most Open311 request lists kept at once (a full page of 1,000 requests is about
/// 600 KB with its gzip: at most some 40 MB).
const OPEN311_LISTS_KEPT: usize = 64;

/// Confirmed places by (workshop, pool), with when they were read.
type Seats = std::collections::HashMap<(String, String), i64>;

/// A short-lived cache of confirmed places: the workshop pages read it on every request;
/// the places themselves are always counted inside the registration's transaction.
#[derive(Debug, Default)]
pub struct SeatsCache(std::sync::Mutex<Option<(std::time::Instant, Arc<Seats>)>>);

impl SeatsCache {
    /// How long counts are served before they are read again.
    const FRESH_FOR: std::time::Duration = std::time::Duration::from_secs(2);

    /// The counts, from the cache or the database.
    pub async fn get(&self, db: &Db) -> anyhow::Result<Arc<Seats>> {
        if let Some((at, seats)) = self.lock().as_ref()
            && at.elapsed() < Self::FRESH_FOR
        {
            return Ok(seats.clone());
        }
        let seats = Arc::new(crate::db::registrations::confirmed_counts(db).await?);
        *self.lock() = Some((std::time::Instant::now(), seats.clone()));
        Ok(seats)
    }

    /// Forget the counts (after a registration or a cancellation here).
    pub fn invalidate(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(std::time::Instant, Arc<Seats>)>> {
        match self.0.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }
}

impl AppState {
    /// Connect and migrate the database, load text, content and assets. Any problem
    /// stops start-up with a message that says which file or setting is wrong.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let i18n = I18n::load(&settings.locales_dir)?;
        let content = load_content(&settings)?;
        let assets = Assets::load(&settings.assets_dir)?;
        let secret_key = settings.resolve_secret_key()?;
        let db = Db::connect(settings.database_url()).await?;
        db.migrate().await.context("applying migrations")?;
        let replica = match settings.database_replica_url()? {
            Some(url) => {
                let replica = crate::replica::Replica::connect(url)?;
                let warn_after = std::time::Duration::from_secs(settings.replica_lag_warn_seconds);
                replica.look(&db, warn_after).await;
                Some(Arc::new(replica))
            }
            None => None,
        };
        Ok(Self {
            db,
            replica,
            i18n: Arc::new(i18n),
            content: RwLock::new(Arc::new(content)),
            assets: Arc::new(assets),
            secret_key,
            settings,
            photos: crate::photos::PhotoGate::new(),
            stats: crate::stats::Cache::default(),
            browse_counts: crate::ttl_cache::TtlCache::default(),
            public_reports: crate::stamped_cache::StampedCache::default(),
            report_stamps: crate::ttl_cache::TtlCache::fresh_for(REPORT_STAMPS_FRESH_FOR),
            pages: crate::page_cache::PageCache::default(),
            browse_pages: crate::ttl_cache::TtlCache::bounded(BROWSE_FRESH_FOR, BROWSE_PAGES_KEPT),
            open311_lists: crate::ttl_cache::TtlCache::bounded(
                BROWSE_FRESH_FOR,
                OPEN311_LISTS_KEPT,
            ),
            seats: SeatsCache::default(),
            requests: crate::drain::Requests::default(),
            mail_wake: Arc::new(tokio::sync::Notify::new()),
        })
    }
}

impl AppState {
    /// Where public reads go (browse, public report pages, statistics, feeds, open data,
    /// Open311 reads, workshop places): the replica while it answers, else the primary;
    /// the primary while the replica is more than `BALAI_REPLICA_MAX_LAG_SECONDS` behind,
    /// unless the primary is down (stale is better than nothing).
    /// Never for a read inside a form flow, a staff page or a reporter's own view: those
    /// must see what was just written, so they use [`AppState::db`] (or, for a draft,
    /// [`AppState::form_reads`]).
    pub fn reads(&self) -> &Db {
        let max_lag = std::time::Duration::from_secs(self.settings.replica_max_lag_seconds);
        match &self.replica {
            Some(replica) if replica.reads_here(max_lag) => &replica.db,
            _ => &self.db,
        }
    }

    /// Where a form's draft is read: the primary; while the primary is down and the replica
    /// answers, the replica, so the form's steps still show what was typed (the replica's
    /// copy, read-only: sending is paused and saving answers 503).
    pub fn form_reads(&self) -> &Db {
        match &self.replica {
            Some(replica) if replica.stands_in() => &replica.db,
            _ => &self.db,
        }
    }

    /// Something public may have changed (a staff action, the auto-close task, a reporter's
    /// action): forget the cached counts, report stamps and browse pages (other instances
    /// see it within a minute, a second and five seconds).
    pub fn public_changed(&self) {
        self.browse_counts.clear();
        self.report_stamps.clear();
        self.browse_pages.clear();
        self.open311_lists.clear();
    }

    /// What a page's [`crate::views::PageCtx`] is made of: this moment's content, the
    /// messages, the assets and the clock.
    pub fn page_parts(&self) -> crate::views::Shared {
        crate::views::Shared {
            content: self.content(),
            i18n: self.i18n.clone(),
            assets: self.assets.clone(),
            clock: self.settings.clock,
            sending_paused: self.replica.as_ref().is_some_and(|r| !r.primary_is_up()),
        }
    }

    /// A change that wrote messages to the outbox was committed: send them now rather than
    /// at the sender's next look.
    pub fn mail_written(&self) {
        self.mail_wake.notify_one();
    }

    /// The current moment (the settings' clock).
    pub fn now(&self) -> time::OffsetDateTime {
        self.settings.clock.now()
    }

    /// The current content; a request keeps the snapshot it started with.
    pub fn content(&self) -> Arc<ContentStore> {
        match self.content.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Load the content directory again; on any problem keep serving the old content.
    pub fn reload_content(&self) -> anyhow::Result<()> {
        let fresh = load_content(&self.settings)?;
        match self.content.write() {
            Ok(mut c) => *c = Arc::new(fresh),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(fresh),
        }
        Ok(())
    }
}

fn load_content(settings: &Settings) -> anyhow::Result<ContentStore> {
    ContentStore::load(&settings.content_dir).map_err(|problems| {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        anyhow::anyhow!("content has problems:\n{}", list.join("\n"))
    })
}
