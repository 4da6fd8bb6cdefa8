-- Public browsing: full-text search over the published title and text (a generated
-- tsvector with the 'simple' configuration: Indonesian has no stemmer in PostgreSQL), and
-- indexes for the browse orders.
ALTER TABLE reports ADD COLUMN search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)) STORED;
CREATE INDEX reports_search ON reports USING GIN (search);

CREATE INDEX reports_by_created ON reports (created_at, id);
CREATE INDEX reports_by_answered ON reports (answered_at, id);
CREATE INDEX reports_by_agency ON reports (agency, status);
CREATE INDEX reports_by_province ON reports (province, status);
