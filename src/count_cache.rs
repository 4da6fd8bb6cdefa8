//! Browse counts ("1,204 resolved reports"), kept per filter for a minute per instance.
//! Counting a million reports takes tens of milliseconds, reading a page of them far less:
//! counting on every request would make counting the whole cost of browsing. Requests
//! asking for the same count at the same time wait for one count. A change made through
//! this instance (a staff action, the auto-close task) clears the cache at once; other
//! instances see it within [`FRESH_FOR`].

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// How long a count is served before it is counted again.
pub const FRESH_FOR: Duration = Duration::from_secs(60);

/// Most filters kept at once (text searches make many keys; the oldest go first).
const MAX_KEYS: usize = 4096;

#[derive(Debug, Clone)]
struct Entry {
    at: Instant,
    count: Arc<OnceCell<i64>>,
}

/// Counts by filter key.
#[derive(Debug, Default)]
pub struct CountCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl CountCache {
    fn entries(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        match self.entries.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The count for `key`: cached when fresh, else counted by `count` (once, however many
    /// requests ask at the same time; a failed count is tried again by the next request).
    pub async fn get<F, Fut>(&self, key: &str, count: F) -> anyhow::Result<i64>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = anyhow::Result<i64>>,
    {
        let cell = {
            let mut entries = self.entries();
            let now = Instant::now();
            match entries.get(key) {
                Some(e) if now.duration_since(e.at) < FRESH_FOR => e.count.clone(),
                _ => {
                    if entries.len() >= MAX_KEYS {
                        entries.retain(|_, e| now.duration_since(e.at) < FRESH_FOR);
                        if entries.len() >= MAX_KEYS {
                            entries.clear();
                        }
                    }
                    let cell = Arc::new(OnceCell::new());
                    entries.insert(
                        key.to_owned(),
                        Entry {
                            at: now,
                            count: cell.clone(),
                        },
                    );
                    cell
                }
            }
        };
        cell.get_or_try_init(count).await.copied()
    }

    /// Forget every count (something public changed).
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
        let cache = Arc::new(CountCache::default());
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
        let cache = CountCache::default();
        let failed = cache
            .get("k", || async { Err(anyhow::anyhow!("database down")) })
            .await;
        assert!(failed.is_err());
        assert_eq!(cache.get("k", || async { Ok(3) }).await.unwrap(), 3);
    }
}
