//! A real SMTP server for the tests: `tests/support/smtp_sink.py` (aiosmtpd), started on a
//! free loopback port, writing each message it accepts to a folder. Messages are read back
//! with `mail-parser`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's interpreter: python3-aiosmtpd is installed for it (a pyenv `python3` first on
/// PATH would not see it).
const PYTHON: &str = "/usr/bin/python3";

/// The SMTP server, stopped on drop.
pub struct SmtpSink {
    pub port: u16,
    dir: tempfile::TempDir,
    child: Option<Child>,
}

/// A message the server accepted.
#[derive(Debug, Clone)]
pub struct Received {
    /// The envelope recipient.
    pub to: String,
    /// The whole message as sent.
    pub raw: Vec<u8>,
}

impl Received {
    /// The message parsed.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.raw)
            .expect("a parsable message")
    }

    /// The subject.
    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_owned()
    }

    /// The plain-text part.
    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The HTML part.
    pub fn html(&self) -> String {
        self.parsed()
            .body_html(0)
            .map(|t| t.into_owned())
            .unwrap_or_default()
    }

    /// The outbox row it came from (`Message-ID: <outbox-ID@host>`), if it says.
    pub fn outbox_id(&self) -> Option<i64> {
        let id = self.header("Message-ID");
        id.trim_start_matches('<')
            .strip_prefix("outbox-")?
            .split('@')
            .next()?
            .parse()
            .ok()
    }

    /// A header's value as text ("" when absent).
    pub fn header(&self, name: &str) -> String {
        self.parsed()
            .header_raw(name)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    }
}

impl SmtpSink {
    /// Start the server; `None` (and a SKIPPED line) when aiosmtpd is not installed here.
    pub fn start(test: &str) -> Option<Self> {
        let ok = Command::new(PYTHON)
            .args(["-c", "import aiosmtpd"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            super::helpers::skipped(
                test,
                "no SMTP server for tests: install python3-aiosmtpd (.ci/run does)",
            );
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mut sink = Self {
            port: free_port(),
            dir,
            child: None,
        };
        sink.resume();
        Some(sink)
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stop the server (messages sent now fail with a connection error).
    pub fn pause(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Start it again on the same port.
    pub fn resume(&mut self) {
        let script = super::helpers::repo().join("tests/support/smtp_sink.py");
        let mut child = Command::new(PYTHON)
            .arg(script)
            .arg(self.port.to_string())
            .arg(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the SMTP server starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("the SMTP server stopped: {status}");
            }
            assert!(Instant::now() < deadline, "the SMTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        self.child = Some(child);
    }

    /// Every message accepted so far, in the order they were written to the outbox (the
    /// row id in `Message-ID: <outbox-ID@host>`; the sender has several in flight, so the
    /// order of arrival is not that), then in the order accepted.
    pub fn messages(&self) -> Vec<Received> {
        let mut all = read_dir(&self.dir.path().join("new"));
        all.sort_by_key(Received::outbox_id);
        all
    }

    /// Wait until at least `n` messages arrived (at most `within`), and return them all.
    pub async fn wait_for(&self, n: usize, within: Duration) -> Vec<Received> {
        let deadline = Instant::now() + within;
        loop {
            let got = self.messages();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.pause();
    }
}

fn read_dir(dir: &Path) -> Vec<Received> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(&f).unwrap();
            let (first, raw) = match bytes.windows(2).position(|w| w == b"\r\n") {
                Some(i) => (&bytes[..i], bytes[i + 2..].to_vec()),
                None => (&bytes[..], Vec::new()),
            };
            let to = String::from_utf8_lossy(first)
                .trim_start_matches("X-RcptTo: ")
                .to_owned();
            Received { to, raw }
        })
        .collect()
}

/// A loopback port nobody listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
