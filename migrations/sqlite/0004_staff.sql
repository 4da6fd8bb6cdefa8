-- Staff accounts, their sessions (server-side, so every instance sees them and they can
-- be ended at once) and the audit log of every staff action.
CREATE TABLE staff_users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'verifier', 'officer')),
    agency        TEXT,
    password_hash TEXT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at    TEXT NOT NULL
);

-- `id` is the SHA-256 of the token in the cookie: a copy of the database opens no session.
CREATE TABLE staff_sessions (
    id           TEXT PRIMARY KEY NOT NULL,
    user_id      INTEGER NOT NULL REFERENCES staff_users (id),
    csrf         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT,
    end_reason   TEXT
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES staff_users (id),
    report_id  INTEGER REFERENCES reports (id),
    action     TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    detail     TEXT
);
CREATE INDEX audit_by_report ON audit_log (report_id, id);
CREATE INDEX audit_by_user ON audit_log (user_id, id);
