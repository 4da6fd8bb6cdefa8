//! Figures for the statistics and agency pages, computed from the facts of every public
//! report (`db::public::facts`) and kept for five minutes (the pages say how fresh they are):
//! at a million reports a computation takes seconds, a cached answer microseconds.

use crate::content::ContentStore;
use crate::db::Db;
use crate::db::public::Facts;
use crate::domain::deadlines::{self, Calendar, Due};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use time::{Date, OffsetDateTime};

/// How long computed figures are served before they are computed again.
pub const FRESH_FOR: time::Duration = time::Duration::minutes(5);

/// The record of one agency.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgencyRecord {
    /// Reports routed to it.
    pub received: i64,
    /// Of those, answered.
    pub answered: i64,
    /// Answered within the deadline (5 working days after routing).
    pub on_time: i64,
    /// Median working days from routing to answer.
    pub median_answer_days: Option<i64>,
    /// Routed and not answered yet.
    pub open: i64,
    /// Open and past the deadline.
    pub overdue: i64,
}

impl AgencyRecord {
    /// Share answered on time, of those answered (0 to 100).
    pub fn on_time_percent(&self) -> Option<i64> {
        (self.answered > 0).then(|| self.on_time * 100 / self.answered)
    }
}

/// Every figure of the statistics page.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub total: i64,
    pub by_status: BTreeMap<String, i64>,
    pub by_kind: BTreeMap<String, i64>,
    pub by_category: BTreeMap<String, i64>,
    pub by_province: BTreeMap<String, i64>,
    /// Reports by the channel they came by (issue #19).
    pub by_channel: BTreeMap<String, i64>,
    /// Median working days from sending to verification.
    pub median_verify_days: Option<i64>,
    /// Median working days from routing to the answer.
    pub median_answer_days: Option<i64>,
    /// Answered on time, of all answered (0 to 100).
    pub on_time_percent: Option<i64>,
    /// Reports sent per month, the last 12 months, oldest first: (year, month, count).
    pub monthly: Vec<(i32, u8, i64)>,
    pub agencies: BTreeMap<String, AgencyRecord>,
    /// When these figures were computed.
    pub computed_at: Option<OffsetDateTime>,
}

fn median(mut v: Vec<i64>) -> Option<i64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    Some(v[v.len() / 2])
}

impl Stats {
    /// Compute every figure.
    pub fn compute(facts: &[Facts], cal: &impl Calendar, now: OffsetDateTime) -> Self {
        let mut tally = Tally::new(now);
        tally.add(facts, cal);
        tally.finish()
    }
}

/// Figures being computed, fed the facts a batch at a time (a million reports are never
/// all in memory at once).
#[derive(Debug)]
pub struct Tally {
    s: Stats,
    today: Date,
    verify: Vec<i64>,
    answer: Vec<i64>,
    per_agency: BTreeMap<String, Vec<i64>>,
    answered_total: i64,
    on_time_total: i64,
    monthly: BTreeMap<(i32, u8), i64>,
}

impl Tally {
    pub fn new(now: OffsetDateTime) -> Self {
        let today = deadlines::today(now);
        Self {
            s: Stats {
                computed_at: Some(now),
                ..Stats::default()
            },
            today,
            verify: Vec::new(),
            answer: Vec::new(),
            per_agency: BTreeMap::new(),
            answered_total: 0,
            on_time_total: 0,
            monthly: last_months(today, 12).into_iter().map(|m| (m, 0)).collect(),
        }
    }

    /// Count these facts in.
    pub fn add(&mut self, facts: &[Facts], cal: &impl Calendar) {
        let (s, today) = (&mut self.s, self.today);
        s.total += i64::try_from(facts.len()).unwrap_or(i64::MAX);
        for f in facts {
            *s.by_status.entry(f.status.as_str().to_owned()).or_default() += 1;
            *s.by_kind.entry(f.kind.clone()).or_default() += 1;
            *s.by_category.entry(f.category.clone()).or_default() += 1;
            *s.by_province.entry(f.province.clone()).or_default() += 1;
            *s.by_channel.entry(f.channel.clone()).or_default() += 1;
            // Every date of a report in its area's zone (as its pages show them).
            let zone = deadlines::zone_of_province(&f.province);
            let sent = deadlines::local_date(f.created_at, zone);
            if let Some(m) = self.monthly.get_mut(&(sent.year(), u8::from(sent.month()))) {
                *m += 1;
            }
            if let Some(v) = f.verified_at {
                self.verify.push(deadlines::working_days_between(
                    sent,
                    deadlines::local_date(v, zone),
                    cal,
                ));
            }
            let Some(routed) = f.routed_at.map(|t| deadlines::local_date(t, zone)) else {
                continue;
            };
            let due = Due::of(sent, Some(routed), cal).answer_by.unwrap_or(today);
            let record = f
                .agency
                .as_ref()
                .map(|a| s.agencies.entry(a.clone()).or_default());
            let mut days = None;
            let mut on_time = false;
            if let Some(answered) = f.answered_at.map(|t| deadlines::local_date(t, zone)) {
                let d = deadlines::working_days_between(routed, answered, cal);
                days = Some(d);
                on_time = answered <= due;
                self.answer.push(d);
                self.answered_total += 1;
                self.on_time_total += i64::from(on_time);
            }
            if let Some(r) = record {
                r.received += 1;
                if days.is_some() {
                    r.answered += 1;
                    r.on_time += i64::from(on_time);
                } else if f.status.with_agency() {
                    r.open += 1;
                    if today > due {
                        r.overdue += 1;
                    }
                }
                if let (Some(d), Some(a)) = (days, &f.agency) {
                    self.per_agency.entry(a.clone()).or_default().push(d);
                }
            }
        }
    }

    /// The figures.
    pub fn finish(self) -> Stats {
        let mut s = self.s;
        for (a, days) in self.per_agency {
            if let Some(r) = s.agencies.get_mut(&a) {
                r.median_answer_days = median(days);
            }
        }
        s.median_verify_days = median(self.verify);
        s.median_answer_days = median(self.answer);
        s.on_time_percent =
            (self.answered_total > 0).then(|| self.on_time_total * 100 / self.answered_total);
        s.monthly = self
            .monthly
            .into_iter()
            .map(|((y, m), n)| (y, m, n))
            .collect();
        s
    }
}

/// The `n` months up to and including the month of `today`, oldest first.
fn last_months(today: Date, n: usize) -> Vec<(i32, u8)> {
    let (mut y, mut m) = (today.year(), u8::from(today.month()));
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push((y, m));
        if m == 1 {
            m = 12;
            y -= 1;
        } else {
            m -= 1;
        }
    }
    out.reverse();
    out
}

/// The figures, computed at most every [`FRESH_FOR`] (shared by the requests of one
/// instance). One computation at a time: when the figures grow old, one request starts a
/// new computation in the background and every request is served the old figures until
/// it ends, so no crowd of requests computes the same figures at once.
#[derive(Debug, Default, Clone)]
pub struct Cache {
    figures: Arc<Mutex<Option<Arc<Stats>>>>,
    computing: Arc<tokio::sync::Mutex<()>>,
}

/// Held while figures are computed.
pub type Computing = tokio::sync::OwnedMutexGuard<()>;

impl Cache {
    /// The latest figures, however old.
    pub fn latest(&self) -> Option<Arc<Stats>> {
        let guard = match self.figures.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        guard.clone()
    }

    /// The cached figures, when fresh.
    pub fn fresh(&self, now: OffsetDateTime) -> Option<Arc<Stats>> {
        self.latest()
            .filter(|s| s.computed_at.is_some_and(|t| now - t < FRESH_FOR))
    }

    /// Keep new figures.
    pub fn store(&self, stats: Arc<Stats>) {
        match self.figures.lock() {
            Ok(mut g) => *g = Some(stats),
            Err(p) => *p.into_inner() = Some(stats),
        }
    }

    /// The right to compute, if nobody is computing now.
    pub fn try_begin(&self) -> Option<Computing> {
        self.computing.clone().try_lock_owned().ok()
    }

    /// The right to compute, once whoever is computing has finished.
    pub async fn begin(&self) -> Computing {
        self.computing.clone().lock_owned().await
    }

    /// The figures: fresh from the cache; old ones while one background task computes new
    /// ones; computed now (once, however many requests wait) when there are none yet.
    pub async fn figures(
        &self,
        db: &Db,
        content: Arc<ContentStore>,
        now: OffsetDateTime,
    ) -> anyhow::Result<Arc<Stats>> {
        if let Some(s) = self.fresh(now) {
            return Ok(s);
        }
        if let Some(old) = self.latest() {
            if let Some(computing) = self.try_begin() {
                let (cache, db) = (self.clone(), db.clone());
                tokio::spawn(async move {
                    if let Err(e) = cache.compute(&db, content, now).await {
                        tracing::warn!(error = ?e, "statistics not recomputed");
                    }
                    drop(computing);
                });
            }
            return Ok(old);
        }
        let _computing = self.begin().await;
        if let Some(s) = self.latest() {
            return Ok(s);
        }
        self.compute(db, content, now).await
    }

    /// Compute the figures once, in the background (at start-up, so the first visitor of
    /// the statistics does not wait for a million reports to be read).
    pub fn warm(&self, db: Db, content: Arc<ContentStore>, now: OffsetDateTime) {
        let cache = self.clone();
        tokio::spawn(async move {
            let computing = cache.begin().await;
            if cache.latest().is_none()
                && let Err(e) = cache.compute(&db, content, now).await
            {
                tracing::warn!(error = ?e, "statistics not computed at start-up");
            }
            drop(computing);
        });
    }

    /// Compute the figures and keep them.
    async fn compute(
        &self,
        db: &Db,
        content: Arc<ContentStore>,
        now: OffsetDateTime,
    ) -> anyhow::Result<Arc<Stats>> {
        let stats = Arc::new(tally(db, content, now, 20_000).await?);
        self.store(stats.clone());
        Ok(stats)
    }
}

/// Every figure, from the public reports read `batch` at a time in id order (memory stays
/// flat however many there are) and counted off the async workers.
#[tracing::instrument(level = "debug", skip_all, fields(batch = batch))]
pub async fn tally(
    db: &Db,
    content: Arc<ContentStore>,
    now: OffsetDateTime,
    batch: i64,
) -> anyhow::Result<Stats> {
    let mut tally = Tally::new(now);
    let mut after = 0;
    loop {
        let facts = crate::db::public::facts(db, after, batch).await?;
        let Some(last) = facts.last() else { break };
        after = last.id;
        let full = facts.len() == usize::try_from(batch).unwrap_or(usize::MAX);
        let content = content.clone();
        tally = tokio::task::spawn_blocking(move || {
            tally.add(&facts, &content.holidays);
            tally
        })
        .await?;
        if !full {
            break;
        }
    }
    Ok(tally.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadlines::Weekdays;
    use time::macros::datetime;

    fn fact(
        agency: &str,
        routed: Option<OffsetDateTime>,
        answered: Option<OffsetDateTime>,
        status: &str,
    ) -> Facts {
        Facts {
            id: 1,
            kind: "complaint".into(),
            category: "health".into(),
            province: "51".into(),
            agency: Some(agency.into()),
            status: crate::domain::case::Status::parse(status).unwrap(),
            created_at: datetime!(2026-11-02 03:00 UTC),
            verified_at: Some(datetime!(2026-11-03 03:00 UTC)),
            routed_at: routed,
            answered_at: answered,
            channel: "web".into(),
        }
    }

    #[tokio::test]
    async fn one_computation_at_a_time_and_old_figures_meanwhile() {
        let cache = Cache::default();
        let t0 = datetime!(2026-11-27 05:00 UTC);
        cache.store(Arc::new(Stats {
            computed_at: Some(t0),
            ..Stats::default()
        }));
        let later = t0 + FRESH_FOR;
        assert!(cache.fresh(later).is_none(), "old after FRESH_FOR");
        assert!(cache.latest().is_some(), "but still there to serve");
        let first = cache.try_begin().expect("nobody computing");
        assert!(
            cache.try_begin().is_none(),
            "a second request does not compute"
        );
        drop(first);
        assert!(cache.try_begin().is_some(), "free again once done");
    }

    #[test]
    fn agency_records_count_on_time_and_overdue() {
        // Routed Monday 2 November: due Monday 9 November (5 working days).
        let routed = Some(datetime!(2026-11-02 05:00 UTC));
        let facts = vec![
            fact("a", routed, Some(datetime!(2026-11-06 05:00 UTC)), "closed"),
            fact(
                "a",
                routed,
                Some(datetime!(2026-11-12 05:00 UTC)),
                "answered",
            ),
            fact("a", routed, None, "routed"),
            fact("b", None, None, "verified"),
        ];
        let s = Stats::compute(&facts, &Weekdays, datetime!(2026-11-27 05:00 UTC));
        let a = &s.agencies["a"];
        assert_eq!(
            (a.received, a.answered, a.on_time, a.open, a.overdue),
            (3, 2, 1, 1, 1)
        );
        assert_eq!(a.on_time_percent(), Some(50));
        assert_eq!(a.median_answer_days, Some(8));
        assert!(!s.agencies.contains_key("b"), "not routed: not received");
        assert_eq!(s.total, 4);
        assert_eq!(s.median_verify_days, Some(1));
        assert_eq!(s.monthly.len(), 12);
        assert_eq!(s.monthly.last(), Some(&(2026, 11, 4)));
    }
}
