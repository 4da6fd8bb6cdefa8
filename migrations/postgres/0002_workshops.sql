-- Workshop registrations: confirmed up to capacity, then waitlisted; wheelchair spaces
-- are a pool of their own. `held` registrations look like spam and wait for staff.
CREATE TABLE workshop_seats (
    workshop TEXT PRIMARY KEY NOT NULL
);

CREATE TABLE registrations (
    id           BIGSERIAL PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    form_id      TEXT NOT NULL UNIQUE,
    workshop     TEXT NOT NULL,
    lang         TEXT NOT NULL,
    pool         TEXT NOT NULL CHECK (pool IN ('general', 'wheelchair')),
    status       TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'held')),
    name         TEXT NOT NULL,
    email        TEXT,
    phone        TEXT,
    organisation TEXT,
    attendance   TEXT NOT NULL CHECK (attendance IN ('in-person', 'online')),
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX registrations_by_workshop ON registrations (workshop, pool, status, id);
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (workshop, email)
    WHERE email IS NOT NULL AND status <> 'cancelled';

CREATE TABLE registration_needs (
    registration_id BIGINT NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    need            TEXT NOT NULL,
    detail          TEXT,
    status          TEXT NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'arranged', 'not-possible')),
    PRIMARY KEY (registration_id, need)
);

-- Fixed-window counters shared by every instance (per address, per code...).
CREATE TABLE rate_limits (
    bucket       TEXT PRIMARY KEY NOT NULL,
    window_start BIGINT NOT NULL,
    hits         BIGINT NOT NULL
);
