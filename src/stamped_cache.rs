//! Values kept while a stamp read from the database says they are still right: a public
//! report's page is three queries, its stamp one (`db::reports::stamp`), so a popular
//! report costs one small query per view, and a change made on any instance (a staff edit
//! that removes personal data above all) shows on the next view everywhere.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Most keys kept at once (when full, all are dropped: the popular ones come back first).
const MAX_KEYS: usize = 4096;

/// Values by key, each with the stamp it was read under.
#[derive(Debug)]
pub struct StampedCache<S, V> {
    entries: Mutex<HashMap<String, (S, V)>>,
}

impl<S, V> Default for StampedCache<S, V> {
    fn default() -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<S: PartialEq, V: Clone> StampedCache<S, V> {
    fn entries(&self) -> MutexGuard<'_, HashMap<String, (S, V)>> {
        match self.entries.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        }
    }

    /// The value kept for `key`, if it was read under this `stamp`.
    pub fn get(&self, key: &str, stamp: &S) -> Option<V> {
        self.entries()
            .get(key)
            .filter(|(s, _)| s == stamp)
            .map(|(_, v)| v.clone())
    }

    /// Keep `value`, read under `stamp`.
    pub fn put(&self, key: &str, stamp: S, value: V) {
        let mut entries = self.entries();
        if entries.len() >= MAX_KEYS {
            entries.clear();
        }
        entries.insert(key.to_owned(), (stamp, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_only_under_its_stamp() {
        let cache = StampedCache::<u32, &str>::default();
        assert_eq!(cache.get("K7M", &1), None);
        cache.put("K7M", 1, "first");
        assert_eq!(cache.get("K7M", &1), Some("first"));
        assert_eq!(cache.get("K7M", &2), None, "changed since");
        cache.put("K7M", 2, "second");
        assert_eq!(cache.get("K7M", &2), Some("second"));
        assert_eq!(cache.get("K7M", &1), None);
    }
}
