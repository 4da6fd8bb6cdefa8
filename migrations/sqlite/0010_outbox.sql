-- Issue 18: Balai sends messages. Each is a row of the outbox, written in the same
-- transaction as the change that causes it; a sender task delivers the rows (see
-- src/mail/). `params` holds what the message says (JSON); it is rendered when sent, in
-- the recipient's language. `dedupe` makes a repeated cause (a resent form) one message.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT NOT NULL,
    dedupe        TEXT NOT NULL UNIQUE,
    recipient     TEXT NOT NULL,
    lang          TEXT NOT NULL,
    params        TEXT NOT NULL,
    -- `list` of a message people may stop (report updates, reminders, digests); NULL for
    -- a direct answer to the person's own action.
    list          TEXT,
    report_id     BIGINT,
    registration_id BIGINT,
    status        TEXT NOT NULL CHECK (status IN ('waiting', 'sent', 'failed', 'expired', 'stopped')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   TEXT NOT NULL,
    claimed_until TEXT,
    expires_at    TEXT,
    last_error    TEXT,
    created_at    TEXT NOT NULL,
    sent_at       TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_try_at);
CREATE INDEX outbox_by_report ON outbox (report_id);
CREATE INDEX outbox_by_registration ON outbox (registration_id);

-- Lists a recipient stopped (one-click stop, RFC 8058): by list, e.g. `report:12`.
CREATE TABLE mail_stops (
    list       TEXT PRIMARY KEY NOT NULL,
    stopped_at TEXT NOT NULL
);

-- "Tell me by email when my report changes" (unticked by default).
ALTER TABLE reports ADD COLUMN notify_by_email BOOLEAN NOT NULL DEFAULT FALSE;

-- Lost access keys: a one-time link (its SHA-256 here) valid one hour.
CREATE TABLE key_recovery (
    token_hash TEXT PRIMARY KEY NOT NULL,
    report_id  BIGINT NOT NULL REFERENCES reports (id),
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX key_recovery_by_report ON key_recovery (report_id);

-- Staff: the daily digest of cases due and overdue (each may turn it off).
ALTER TABLE staff_users ADD COLUMN digest BOOLEAN NOT NULL DEFAULT TRUE;
