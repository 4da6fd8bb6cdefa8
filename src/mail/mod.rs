//! Balai's messages (issue #18): what is sent, how it reads, and how it leaves.
//!
//! - A change that tells someone something writes a row to the outbox in its own
//!   transaction (`db::outbox::enqueue`, with a [`message::Message`] as its JSON).
//! - The [`sender`] task claims due rows, renders each in the recipient's language
//!   ([`letter`]: a plain-text part always, an accessible HTML part), and hands it to the
//!   [`transport::Transport`] (SMTP through lettre today). Temporary failures are tried
//!   again with exponential back-off, permanent ones marked failed with the reason.
//! - Messages that are not a direct answer to the person's own action carry a one-click
//!   stop link ([`stop`], RFC 8058).
//!
//! Another channel (SMS, WhatsApp) is another `Transport`: it receives the same rendered
//! [`letter::Composed`] and would send its `text`; the outbox, retries and stops stay.

pub mod letter;
pub mod message;
pub mod reports;
pub mod schedule;
pub mod sender;
pub mod staff;
pub mod stop;
pub mod transport;
pub mod workshops;
