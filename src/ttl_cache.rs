//! Values kept for a while per instance (a minute unless made with
//! [`TtlCache::fresh_for`]): browse counts ("1,204 resolved reports") by filter, and
//! public reports' stamps for a second. Counting a million reports takes tens of milliseconds, reading a page of them
//! far less: counting on every request would make counting the whole cost of browsing.
//! Requests asking for the same value at the same time wait for one computation. A change
//! made through this instance (a staff action, the auto-close task, a reporter's action)
//! clears the cache at once; other instances see it within [`FRESH_FOR`].

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// How long a value is served before it is computed again.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// Most keys kept at once (text searches make many; when full, the stale go, then all).
const MAX_KEYS: usize = 4096;

#[derive(Debug, Clone)]
struct Entry<V> {
    at: Instant,
    value: Arc<OnceCell<V>>,
}

/// Values by key, each kept for `fresh_for` ([`FRESH_FOR`] by default).
#[derive(Debug)]
pub struct TtlCache<V> {
    entries: Mutex<HashMap<String, Entry<V>>>,
    fresh_for: Duration,
    max_keys: usize,
}

impl<V> Default for TtlCache<V> {
    fn default() -> Self {
        Self::fresh_for(FRESH_FOR)
    }
}

impl<V> TtlCache<V> {
    /// A cache whose values are served for `fresh_for` after they were computed.
    pub fn fresh_for(fresh_for: Duration) -> Self {
        Self::bounded(fresh_for, MAX_KEYS)
    }

    /// The same, keeping at most `max_keys` values (for large values).
    pub fn bounded(fresh_for: Duration, max_keys: usize) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            fresh_for,
            max_keys,
        }
    }
}

impl<V: Clone> TtlCache<V> {
    fn entries(&self) -> MutexGuard<'_, HashMap<String, Entry<V>>> {
        match self.entries.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The value for `key`: cached when fresh, else computed by `compute` (once, however
    /// many requests ask at the same time; a failure is tried again by the next request).
    pub async fn get<F, Fut>(&self, key: &str, compute: F) -> anyhow::Result<V>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<V>>,
    {
        let cell = {
            let mut entries = self.entries();
            let now = Instant::now();
            match entries.get(key) {
                Some(e) if now.duration_since(e.at) < self.fresh_for => e.value.clone(),
                _ => {
                    if entries.len() >= self.max_keys {
                        entries.retain(|_, e| now.duration_since(e.at) < self.fresh_for);
                        if entries.len() >= self.max_keys {
                            entries.clear();
                        }
                    }
                    let cell = Arc::new(OnceCell::new());
                    entries.insert(
                        key.to_owned(),
                        Entry {
                            at: now,
                            value: cell.clone(),
                        },
                    );
                    cell
                }
            }
        };
        cell.get_or_try_init(compute).await.cloned()
    }

    /// Forget everything (something public changed).
    pub fn clear(&self) {
        self.entries().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn concurrent_requests_count_once_and_clear_counts_again() {
        let cache = Arc::new(TtlCache::<i64>::default());
        let counted = Arc::new(AtomicUsize::new(0));
        let ask = |n: i64| {
            let (cache, counted) = (cache.clone(), counted.clone());
            tokio::spawn(async move {
                cache
                    .get("resolved", || async move {
                        counted.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        Ok(n)
                    })
                    .await
            })
        };
        let waiting: Vec<_> = (0..16).map(|_| ask(7)).collect();
        for w in waiting {
            assert_eq!(w.await.unwrap().unwrap(), 7);
        }
        assert_eq!(
            counted.load(Ordering::SeqCst),
            1,
            "one count for 16 requests"
        );
        assert_eq!(ask(8).await.unwrap().unwrap(), 7, "cached");
        cache.clear();
        assert_eq!(ask(8).await.unwrap().unwrap(), 8, "counted again");
        assert_eq!(counted.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failed_count_is_not_kept() {
        let cache = TtlCache::<i64>::default();
        let failed = cache
            .get("k", || async { Err(anyhow::anyhow!("database down")) })
            .await;
        assert!(failed.is_err());
        assert_eq!(cache.get("k", || async { Ok(3) }).await.unwrap(), 3);
    }
}
