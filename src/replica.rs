//! The read replica (issue #23): where public reads go, whether the primary and the
//! replica answer, and how far the replica is behind. A background task ([`watch`]) looks
//! every [`CHECK_EVERY`]; requests only read what it saw, never wait for it.
//!
//! - Public reads ([`crate::state::AppState::reads`]) go to the replica while it answers,
//!   else to the primary.
//! - Writes, reads inside a form flow, staff pages and a reporter's own view always use
//!   the primary, so a person sees what they just wrote.
//! - Primary down, replica up: "degraded": public pages still serve, forms answer 503
//!   with everything typed kept, and `/health` says `degraded` with a 200.
//! - Primary down at the last look: its pool is held ([`crate::db::replica::hold_primary`]):
//!   every use of the primary fails at once instead of waiting out its acquire timeout,
//!   so a form answers its 503 at once; the watch task looks at the primary through a
//!   connection of its own and releases the pool when it answers again.
//! - A replica further behind than `BALAI_REPLICA_MAX_LAG_SECONDS` is not read while the
//!   primary answers ([`Replica::reads_here`]).

use crate::db::Db;
use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the watch task looks at the primary and the replica.
pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// How long one look may take before the server counts as down.
const LOOK_TIMEOUT: Duration = Duration::from_secs(2);

/// At most one lag warning this often (no log flood while the replica is behind).
const WARN_EVERY: Duration = Duration::from_secs(60);

/// Positions of the primary remembered to bound the lag in time (a few minutes).
const HISTORY: usize = 128;

/// How far the replica is behind the primary.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Lag {
    /// WAL bytes written on the primary and not yet replayed.
    pub bytes: u64,
    /// At most this many seconds: since the replica last had everything the primary had
    /// at one of the watch task's looks (0 when caught up).
    pub seconds: f64,
}

/// The replica's pool and what the watch task last saw.
#[derive(Debug)]
pub struct Replica {
    /// The replica's pool (read-only).
    pub db: Db,
    replica_up: AtomicBool,
    primary_up: AtomicBool,
    seen: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    lag: Option<Lag>,
    /// (when, the primary's position then), oldest first.
    history: VecDeque<(Instant, u64)>,
    warned: Option<Instant>,
    /// The primary's pool, held while the primary is down (see `look`).
    held: Option<crate::db::replica::HeldPrimary>,
}

impl Replica {
    /// The replica named by the URL; counted as up until the first look says otherwise.
    pub fn connect(url: &str) -> anyhow::Result<Self> {
        Ok(Self {
            db: crate::db::replica::connect(url)?,
            replica_up: AtomicBool::new(true),
            primary_up: AtomicBool::new(true),
            seen: Mutex::default(),
        })
    }

    /// Whether the replica answered at the last look.
    pub fn is_up(&self) -> bool {
        self.replica_up.load(Ordering::Relaxed)
    }

    /// Whether the primary answered at the last look.
    pub fn primary_is_up(&self) -> bool {
        self.primary_up.load(Ordering::Relaxed)
    }

    /// The lag at the last look (`None`: one of the two did not answer).
    pub fn lag(&self) -> Option<Lag> {
        self.lock().lag
    }

    /// Whether public reads go here: the replica answers, and either the primary does not
    /// (stale is better than nothing) or the replica is at most `max_lag` behind.
    pub fn reads_here(&self, max_lag: Duration) -> bool {
        self.is_up()
            && (!self.primary_is_up()
                || self
                    .lag()
                    .is_none_or(|lag| lag.seconds <= max_lag.as_secs_f64()))
    }

    /// Whether reads inside a form flow (a draft) go here: only while the primary is down
    /// and the replica answers, so a form's later steps still show what was typed (as the
    /// replica has it), read-only.
    pub fn stands_in(&self) -> bool {
        self.is_up() && !self.primary_is_up()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        match self.seen.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// One look: both positions, the flags, the lag, and a log line when something
    /// changed (a server went away or came back, the lag passed the threshold). The
    /// primary's pool is held while the primary is down, released when it answers.
    pub async fn look(&self, primary: &Db, warn_after: Duration) {
        let held = self.lock().held.clone();
        let primary_position = async {
            match &held {
                Some(held) => held.primary_position().await,
                None => crate::db::replica::primary_position(primary).await,
            }
        };
        let (p, r) = tokio::join!(
            tokio::time::timeout(LOOK_TIMEOUT, primary_position),
            tokio::time::timeout(
                LOOK_TIMEOUT,
                crate::db::replica::replayed_position(&self.db)
            ),
        );
        let p = p.map_err(anyhow::Error::from).and_then(|r| r);
        let r = r.map_err(anyhow::Error::from).and_then(|r| r);
        let mut seen = self.lock();
        // Before the flag: no request is sent to a pool still held once the flag says up.
        match (p.is_ok(), seen.held.take()) {
            (true, Some(held)) => held.release(primary),
            (false, None) => seen.held = crate::db::replica::hold_primary(primary),
            (_, held) => seen.held = held,
        }
        flag(&self.primary_up, p.is_ok(), "primary database");
        flag(&self.replica_up, r.is_ok(), "read replica");
        let now = Instant::now();
        let (Ok(position), Ok(replayed)) = (p, r) else {
            seen.lag = None;
            return;
        };
        seen.history.push_back((now, position));
        if seen.history.len() > HISTORY {
            seen.history.pop_front();
        }
        let lag = lag(&seen.history, now, position, replayed.unwrap_or(u64::MAX));
        seen.lag = Some(lag);
        if lag.seconds > warn_after.as_secs_f64()
            && seen.warned.is_none_or(|at| at.elapsed() >= WARN_EVERY)
        {
            seen.warned = Some(now);
            tracing::warn!(
                lag_seconds = lag.seconds,
                lag_bytes = lag.bytes,
                threshold_seconds = warn_after.as_secs(),
                "the read replica is behind the primary: public pages show older data"
            );
        }
    }
}

/// Set a flag and log when it changed (once per change, not per look).
fn flag(flag: &AtomicBool, up: bool, what: &str) {
    if flag.swap(up, Ordering::Relaxed) != up {
        if up {
            tracing::info!(server = what, "answers again");
        } else {
            tracing::warn!(server = what, "does not answer");
        }
    }
}

/// The lag from the primary's positions seen so far and the replica's replayed position:
/// caught up when it has the primary's latest; else behind at most since the latest look
/// whose position it has reached (or the oldest remembered).
fn lag(history: &VecDeque<(Instant, u64)>, now: Instant, position: u64, replayed: u64) -> Lag {
    if replayed >= position {
        return Lag {
            bytes: 0,
            seconds: 0.0,
        };
    }
    let since = history
        .iter()
        .rev()
        .find(|(_, p)| *p <= replayed)
        .or(history.front())
        .map_or(now, |(at, _)| *at);
    Lag {
        bytes: position - replayed,
        seconds: now.duration_since(since).as_secs_f64(),
    }
}

/// Look every [`CHECK_EVERY`] for as long as the server runs.
pub fn watch(replica: std::sync::Arc<Replica>, primary: Db, warn_after: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(CHECK_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            replica.look(&primary, warn_after).await;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lag_is_bounded_by_the_last_look_the_replica_reached() {
        let t0 = Instant::now();
        let at = |s| t0 + Duration::from_secs(s);
        let history: VecDeque<_> = [(at(0), 100), (at(2), 200), (at(4), 300)].into();
        let caught_up = lag(&history, at(4), 300, 300);
        assert_eq!(caught_up.bytes, 0);
        assert_eq!(caught_up.seconds, 0.0);
        let behind = lag(&history, at(4), 300, 250);
        assert_eq!(behind.bytes, 50);
        assert_eq!(behind.seconds, 2.0);
        // Behind everything remembered: at least since the oldest look.
        let far = lag(&history, at(4), 300, 50);
        assert_eq!(far.seconds, 4.0);
    }
}
