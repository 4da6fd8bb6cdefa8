//! A graceful stop that loses nothing: requests in flight are counted, and on SIGTERM the
//! server stops accepting, answers what is in flight (with `Connection: close`, so kept-alive
//! clients move on) and only then stops. actix-server's own graceful stop was seen to end
//! at once, cutting requests whose body was still arriving (T-DUR-4 in
//! `tests/api/durability.rs` caught it about one run in ten); waiting here first means the
//! stop finds nothing in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The requests being handled by this process, and whether it is stopping.
#[derive(Debug, Default, Clone)]
pub struct Requests(Arc<Inner>);

#[derive(Debug, Default)]
struct Inner {
    in_flight: AtomicUsize,
    draining: AtomicBool,
}

/// Held while one request is handled.
#[must_use]
pub struct Ticket(Arc<Inner>);

impl Drop for Ticket {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Requests {
    /// A request starts; it counts until the ticket is dropped.
    pub fn enter(&self) -> Ticket {
        self.0.in_flight.fetch_add(1, Ordering::AcqRel);
        Ticket(self.0.clone())
    }

    /// Requests being handled now.
    pub fn in_flight(&self) -> usize {
        self.0.in_flight.load(Ordering::Acquire)
    }

    /// True once a stop has begun.
    pub fn draining(&self) -> bool {
        self.0.draining.load(Ordering::Acquire)
    }

    /// Mark the stop and wait until nothing is in flight, or `timeout`; true when drained.
    pub async fn drain(&self, timeout: Duration) -> bool {
        self.0.draining.store(true, Ordering::Release);
        let start = Instant::now();
        while self.in_flight() > 0 {
            if start.elapsed() >= timeout {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn drain_waits_for_every_ticket_and_gives_up_at_the_timeout() {
        let requests = Requests::default();
        assert!(
            requests.drain(Duration::from_millis(1)).await,
            "nothing in flight"
        );
        let a = requests.enter();
        let b = requests.enter();
        assert_eq!(requests.in_flight(), 2);
        assert!(
            !requests.drain(Duration::from_millis(30)).await,
            "two in flight"
        );
        drop(a);
        let later = {
            let r = requests.clone();
            tokio::spawn(async move { r.drain(Duration::from_secs(5)).await })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert!(!later.is_finished(), "one still in flight");
        drop(b);
        assert!(later.await.unwrap_or(false));
        assert!(requests.draining());
    }
}
