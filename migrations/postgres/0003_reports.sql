-- Reports, their drafts, photos and timeline.

-- A report being written: the answers so far as one JSON document (what was typed,
-- valid or not), kept on the server between steps. The id lives in the reporter's
-- cookie. `report_id` is set, once, when the draft is sent.
CREATE TABLE report_drafts (
    id         TEXT PRIMARY KEY NOT NULL,
    lang       TEXT NOT NULL,
    answers    TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    report_id  BIGINT UNIQUE
);
CREATE INDEX report_drafts_by_expiry ON report_drafts (expires_at);

CREATE TABLE reports (
    id             BIGSERIAL PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    key_hash       TEXT NOT NULL,
    draft_id       TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL CHECK (kind IN ('complaint', 'aspiration', 'information')),
    category       TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    province       TEXT NOT NULL,
    regency        TEXT NOT NULL,
    place          TEXT,
    occurred_on    TEXT NOT NULL,
    agency         TEXT,
    privacy        TEXT NOT NULL CHECK (privacy IN ('public', 'anonymous', 'confidential')),
    reporter_name  TEXT,
    reporter_email TEXT,
    reporter_phone TEXT,
    on_behalf      BOOLEAN NOT NULL,
    relationship   TEXT,
    personal_data_kept BOOLEAN NOT NULL,
    lang           TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('submitted', 'verified', 'rejected', 'info-requested', 'routed', 'in-progress', 'answered', 'closed', 'archived')),
    -- The status to return to when the reporter answers a question.
    status_before_info TEXT,
    -- Optimistic concurrency: every staff action bumps it; a stale form is refused.
    version        INTEGER NOT NULL DEFAULT 0,
    -- The reporter's own words, kept (for admins) when staff edit out personal data.
    original_title       TEXT,
    original_description TEXT,
    postponed_until TEXT,
    held           BOOLEAN NOT NULL,
    rating         INTEGER CHECK (rating BETWEEN 1 AND 5),
    rating_comment TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    verified_at    TIMESTAMPTZ,
    routed_at      TIMESTAMPTZ,
    answered_at    TIMESTAMPTZ,
    closed_at      TIMESTAMPTZ
);
CREATE INDEX reports_by_status ON reports (status, created_at);

-- Processed photos only (display and thumbnail JPEGs, no metadata); the uploaded
-- bytes are never kept. A photo belongs to a draft until the draft is sent, then to
-- its report too.
CREATE TABLE photos (
    id             TEXT PRIMARY KEY NOT NULL,
    draft_id       TEXT NOT NULL,
    report_id      BIGINT REFERENCES reports (id),
    upload_id      TEXT NOT NULL UNIQUE,
    description    TEXT,
    display        BYTEA NOT NULL,
    display_width  INTEGER NOT NULL,
    display_height INTEGER NOT NULL,
    thumb          BYTEA NOT NULL,
    thumb_width    INTEGER NOT NULL,
    thumb_height   INTEGER NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX photos_by_draft ON photos (draft_id, created_at);
CREATE INDEX photos_by_report ON photos (report_id, created_at);

-- The timeline: every change of a report. `public` events show on the public page;
-- the reporter's private view shows those and the exchanges with the reporter.
CREATE TABLE report_events (
    id        BIGSERIAL PRIMARY KEY,
    report_id BIGINT NOT NULL REFERENCES reports (id),
    at        TIMESTAMPTZ NOT NULL,
    kind      TEXT NOT NULL,
    actor     TEXT NOT NULL,
    agency    TEXT,
    public    BOOLEAN NOT NULL,
    body      TEXT,
    form_id   TEXT UNIQUE
);
CREATE INDEX report_events_by_report ON report_events (report_id, id);
