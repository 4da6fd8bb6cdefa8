-- Issue 19: agency systems. An agency (a slug of content/reports/agencies.toml) may have
-- one webhook endpoint; Balai POSTs signed events to it (Standard Webhooks). The secret is
-- kept as given to the admin (`whsec_` + base64): it must be at hand to sign, so it is
-- not hashed. A disabled endpoint gets nothing (events are not even queued).
CREATE TABLE webhook_endpoints (
    agency      TEXT PRIMARY KEY NOT NULL,
    url         TEXT NOT NULL,
    secret      TEXT NOT NULL,
    enabled     BOOLEAN NOT NULL DEFAULT TRUE,
    -- Why it was disabled (an admin, or the receiver answered 410 Gone).
    disabled_reason TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- The durable queue of events, written in the transaction of the change that causes
-- them. `event_id` is the `webhook-id` (the same on every try: the receiver's
-- idempotency key). `data` is what the event says, taken in that transaction; `body` the
-- exact JSON sent, fixed at the first try (then every retry sends the same bytes).
CREATE TABLE webhook_deliveries (
    id            BIGSERIAL PRIMARY KEY,
    event_id      TEXT NOT NULL UNIQUE,
    agency        TEXT NOT NULL,
    event_type    TEXT NOT NULL,
    report_id     BIGINT,
    data          TEXT NOT NULL,
    body          TEXT,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    last_status   INTEGER,
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    sent_at       TIMESTAMPTZ
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_try_at);
CREATE INDEX webhook_deliveries_by_agency ON webhook_deliveries (agency, id);

-- `Idempotency-Key` of the agency API's POSTs: the first request's fingerprint (SHA-256
-- of method, path and body) and the answer it got; a retry with the same key and body
-- gets that answer again, another body a 422.
CREATE TABLE agency_api_idempotency (
    partner_id  BIGINT NOT NULL,
    idem_key    TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_id, idem_key)
);
