//! The outbox with the real binary and the real SMTP server (issue #18, item 1 and the
//! tests it asks for): Balai killed with SIGKILL while it sends, then restarted: every
//! message arrives, none is lost, at most the one in flight twice; two instances on one
//! PostgreSQL database sending at once: each message exactly once; no SMTP server set:
//! messages wait (the start-up log says so once, `balai outbox list` shows them), and once
//! SMTP is set they are sent, except those that expired meanwhile.
//!
//! Messages are written straight into the database before Balai starts; each arrives
//! with `Message-ID: <outbox-{id}@balai.test>`, which names its row.

use crate::durability::start_with;
use crate::helpers::TestDb;
use crate::smtp::{Received, SmtpSink};
use balai::db::{Db, outbox};
use balai::mail::message::Message;
use balai::mail::reports::ReportMessage;
use std::collections::BTreeMap;
use std::process::{Child, Command};
use std::time::{Duration, Instant};
use time::macros::datetime;

/// `BALAI_NOW` of `durability::start_with`: messages are written at that moment.
const WRITTEN: time::OffsetDateTime = datetime!(2026-11-27 12:00 UTC);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Write `n` messages (one transaction); their ids.
async fn enqueue(url: &str, n: usize, expired: usize) -> Vec<i64> {
    let db = Db::connect(url).await.unwrap();
    db.migrate().await.unwrap();
    let mut tx = db.begin_write().await.unwrap();
    for i in 0..n + expired {
        let message = Message::Report(ReportMessage::Changed {
            code: "KS2-ZF4-NZW".into(),
            status: "answered".into(),
        });
        let mut row = message.to_row(
            &format!("warga{i}@contoh.id"),
            if i % 2 == 0 { "id" } else { "en" },
            format!("reliability:{i}"),
        );
        if i >= n {
            // A reminder for a day that is past.
            row = row.expires(WRITTEN - time::Duration::hours(1));
        }
        outbox::enqueue(&mut tx, &row, WRITTEN).await.unwrap();
    }
    tx.commit().await.unwrap();
    let mut ids: Vec<i64> = outbox::list(&db, None, 10_000)
        .await
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    ids.sort_unstable();
    db.close().await;
    ids
}

/// The statuses of every row.
async fn statuses(url: &str) -> BTreeMap<String, i64> {
    let db = Db::connect(url).await.unwrap();
    let counts = outbox::counts(&db).await.unwrap();
    db.close().await;
    counts.into_iter().collect()
}

/// The outbox row a message came from.
fn row_of(m: &Received) -> i64 {
    let id = m.header("Message-ID");
    id.trim_start_matches('<')
        .strip_prefix("outbox-")
        .and_then(|rest| rest.split('@').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no outbox Message-ID: {id:?}"))
}

/// How many times each row arrived.
fn arrivals(sink: &SmtpSink) -> BTreeMap<i64, usize> {
    let mut seen = BTreeMap::new();
    for m in sink.messages() {
        *seen.entry(row_of(&m)).or_insert(0) += 1;
    }
    seen
}

/// Wait until `distinct` rows arrived (at most `within`).
fn wait_for_rows(sink: &SmtpSink, distinct: usize, within: Duration) -> BTreeMap<i64, usize> {
    let deadline = Instant::now() + within;
    loop {
        let seen = arrivals(sink);
        if seen.len() >= distinct || Instant::now() > deadline {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn mail_env(sink: &SmtpSink) -> Vec<(&'static str, String)> {
    vec![
        ("BALAI_SMTP_URL", sink.url()),
        ("BALAI_MAIL_FROM", "Balai <balai@balai.test>".into()),
        ("BALAI_PUBLIC_URL", "https://balai.test".into()),
        ("BALAI_MAIL_LEASE_SECONDS", "2".into()),
        ("BALAI_MAIL_POLL_MS", "100".into()),
    ]
}

fn start(dir: &std::path::Path, url: &str, env: &[(&'static str, String)]) -> Child {
    std::fs::create_dir_all(dir).unwrap();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    start_with(dir, url, &env).0
}

/// SIGTERM, and wait for the clean stop.
fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

struct Killed(Option<Child>);

impl Drop for Killed {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn sigkill_while_sending_loses_nothing_and_repeats_at_most_the_messages_in_flight() {
    let Some(sink) = SmtpSink::start(
        "mail_reliability::sigkill_while_sending_loses_nothing_and_repeats_at_most_the_messages_in_flight",
    ) else {
        return;
    };
    let rt = runtime();
    let root = tempfile::tempdir().unwrap();
    let (url, _db) = rt.block_on(TestDb::create(root.path()));
    const N: usize = 200;
    let ids = rt.block_on(enqueue(&url, N, 0));
    assert_eq!(ids.len(), N);
    let env = mail_env(&sink);

    let mut first = Killed(Some(start(&root.path().join("a"), &url, &env)));
    // Kill it part-way through.
    let deadline = Instant::now() + Duration::from_secs(60);
    while sink.messages().len() < 20 {
        assert!(Instant::now() < deadline, "nothing was sent");
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut child = first.0.take().unwrap();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let at_kill = arrivals(&sink).len();
    assert!(
        at_kill < N,
        "the kill came after everything was sent: make N larger"
    );

    // Restarted: the rest goes (the dead sender's claims end with their 2-second lease).
    let mut second = Killed(Some(start(&root.path().join("b"), &url, &env)));
    let seen = wait_for_rows(&sink, N, Duration::from_secs(90));
    let got: Vec<i64> = seen.keys().copied().collect();
    assert_eq!(got, ids, "every message delivered, none lost");
    let twice: Vec<(&i64, &usize)> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(
        twice.len() <= balai::mail::sender::IN_FLIGHT && twice.iter().all(|(_, n)| **n == 2),
        "at most the messages in flight at the kill arrive twice, each once more: {twice:?}"
    );
    stop(second.0.take().unwrap());
    assert_eq!(
        rt.block_on(statuses(&url)),
        BTreeMap::from([("sent".to_owned(), N as i64)]),
        "every row marked sent"
    );
    eprintln!(
        "mail_reliability: {at_kill} of {N} had arrived at the kill; duplicates: {}",
        twice.len()
    );
}

#[test]
fn two_instances_on_postgresql_send_each_message_exactly_once() {
    if std::env::var("BALAI_TEST_POSTGRES_URL").map_or(true, |u| u.is_empty()) {
        crate::helpers::skipped(
            "mail_reliability::two_instances_on_postgresql_send_each_message_exactly_once",
            "BALAI_TEST_POSTGRES_URL is not set (several instances need PostgreSQL; `.ci/run` sets it)",
        );
        return;
    }
    let Some(sink) = SmtpSink::start(
        "mail_reliability::two_instances_on_postgresql_send_each_message_exactly_once",
    ) else {
        return;
    };
    let rt = runtime();
    let root = tempfile::tempdir().unwrap();
    let (url, _db) = rt.block_on(TestDb::create(root.path()));
    const N: usize = 300;
    let ids = rt.block_on(enqueue(&url, N, 0));
    // A lease far longer than a batch takes even on a loaded machine: with the kill test's
    // 2 seconds, a batch slowed past its lease is claimed again by the other instance (at
    // least once is the design; exactly once holds while leases are kept). Seen when the
    // browser suite ran beside this test: 14 of 300 sent twice.
    let mut env = mail_env(&sink);
    env.retain(|(k, _)| *k != "BALAI_MAIL_LEASE_SECONDS");
    env.push(("BALAI_MAIL_LEASE_SECONDS", "120".into()));
    let mut a = Killed(Some(start(&root.path().join("a"), &url, &env)));
    let mut b = Killed(Some(start(&root.path().join("b"), &url, &env)));
    let seen = wait_for_rows(&sink, N, Duration::from_secs(90));
    // A little longer, for a second copy that would still be on its way.
    std::thread::sleep(Duration::from_secs(3));
    let seen_after = arrivals(&sink);
    assert_eq!(seen.len(), N);
    assert_eq!(seen_after.keys().copied().collect::<Vec<_>>(), ids);
    let twice: Vec<i64> = seen_after
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| *id)
        .collect();
    assert!(twice.is_empty(), "sent by both instances: {twice:?}");
    // Both took part (each claims batches as it goes). Read after stopping: the log is
    // written by a background thread, flushed at exit.
    stop(a.0.take().unwrap());
    stop(b.0.take().unwrap());
    let logs: Vec<String> = ["a", "b"]
        .iter()
        .map(|d| std::fs::read_to_string(root.path().join(d).join("current.log")).unwrap())
        .collect();
    let sent_by: Vec<usize> = logs
        .iter()
        .map(|l| l.lines().filter(|l| l.contains("message sent")).count())
        .collect();
    assert_eq!(sent_by.iter().sum::<usize>(), N, "{sent_by:?}");
    eprintln!(
        "mail_reliability: instance A sent {}, B sent {}",
        sent_by[0], sent_by[1]
    );
    assert_eq!(
        rt.block_on(statuses(&url)),
        BTreeMap::from([("sent".to_owned(), N as i64)])
    );
}

#[test]
fn without_smtp_messages_wait_and_go_once_it_is_set_except_expired_ones() {
    let Some(sink) = SmtpSink::start(
        "mail_reliability::without_smtp_messages_wait_and_go_once_it_is_set_except_expired_ones",
    ) else {
        return;
    };
    let rt = runtime();
    let root = tempfile::tempdir().unwrap();
    let (url, _db) = rt.block_on(TestDb::create(root.path()));
    rt.block_on(enqueue(&url, 3, 1));

    // No SMTP server: they wait, and the log says so once.
    let dir = root.path().join("a");
    let quiet = start(&dir, &url, &[("BALAI_MAIL_POLL_MS", "100".to_owned())]);
    // Housekeeping (it runs at start) marks the reminder for a past day expired, although
    // nothing sends: without SMTP, messages past their time do not wait for ever.
    let want = BTreeMap::from([("expired".to_owned(), 1), ("waiting".to_owned(), 3)]);
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while rt.block_on(statuses(&url)) != want && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    stop(quiet);
    let log = std::fs::read_to_string(dir.join("current.log")).unwrap();
    assert_eq!(
        log.lines()
            .filter(|l| l.contains("no SMTP server set"))
            .count(),
        1,
        "{log}"
    );
    assert!(!log.contains("contoh.id"), "no address in the log:\n{log}");
    assert_eq!(rt.block_on(statuses(&url)), want);
    let listed = Command::new(env!("CARGO_BIN_EXE_balai"))
        .args(["outbox", "list"])
        .env_clear()
        .env("BALAI_DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(listed.status.success());
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(
        listed.contains("outbox: expired: 1, waiting: 3"),
        "{listed}"
    );
    assert_eq!(listed.matches("w***@contoh.id").count(), 4, "{listed}");
    assert!(!listed.contains("warga0"), "addresses shortened");

    // SMTP set: the three are sent; the expired reminder is not.
    let env = mail_env(&sink);
    let mut sending = Killed(Some(start(&root.path().join("b"), &url, &env)));
    let seen = wait_for_rows(&sink, 3, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(500));
    stop(sending.0.take().unwrap());
    assert_eq!(seen.len(), 3);
    assert_eq!(sink.messages().len(), 3);
    assert_eq!(
        rt.block_on(statuses(&url)),
        BTreeMap::from([("expired".to_owned(), 1), ("sent".to_owned(), 3)])
    );
}
