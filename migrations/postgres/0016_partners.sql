-- Issue 19: partner systems and their API keys. A key is shown once when made; only its
-- SHA-256 is kept (`key_hash`), with a short prefix of it for people to tell keys apart
-- (`key_prefix`, not secret). A key tied to an agency (`agency`, a slug as in
-- content/reports/agencies.toml) acts only on that agency's cases. `scopes` is a comma
-- list (`submit,read`, ...). `created_by` is the staff account that made it (NULL: the
-- command line). A revoked key stays, so the audit log keeps naming it.
CREATE TABLE partners (
    id             BIGSERIAL PRIMARY KEY,
    name           TEXT NOT NULL,
    agency         TEXT,
    scopes         TEXT NOT NULL,
    key_hash       TEXT NOT NULL UNIQUE,
    key_prefix     TEXT NOT NULL,
    -- Requests a minute the key may make (counted in rate_limits, shared by instances).
    per_minute     BIGINT NOT NULL DEFAULT 120 CHECK (per_minute > 0),
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     BIGINT REFERENCES staff_users (id),
    revoked_at     TIMESTAMPTZ
);

-- Every use of a key (and its creation and revocation): when, which key, what it did
-- (`action`), the request (method and path, never the query string or the body), and the
-- report it concerned.
CREATE TABLE partner_audit (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL,
    partner_id BIGINT NOT NULL REFERENCES partners (id),
    action     TEXT NOT NULL,
    report_id  BIGINT REFERENCES reports (id),
    detail     TEXT
);
CREATE INDEX partner_audit_by_partner ON partner_audit (partner_id, id);

-- Idempotency keys of partners' POSTs (`Idempotency-Key` header or Open311 `client_token`):
-- the first request's fingerprint (SHA-256 of its parameters) and the report it made. A
-- retry with the same body is answered with that report; another body is refused (422).
CREATE TABLE partner_idempotency (
    partner_id  BIGINT NOT NULL REFERENCES partners (id),
    idem_key    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    report_id   BIGINT REFERENCES reports (id),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_id, idem_key)
);

-- Where a partner said the report is (WGS84; stored, never required, never published:
-- a point can identify a home), and the photo URLs it named (recorded, never fetched:
-- fetching URLs given by a client lets it make the server call anything it can reach).
ALTER TABLE reports ADD COLUMN latitude DOUBLE PRECISION;
ALTER TABLE reports ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE reports ADD COLUMN media_url TEXT;
