-- Retention: when the personal data of a finished report was erased (the public record
-- stays). The index finds the reports still to erase without reading the others.
ALTER TABLE reports ADD COLUMN erased_at TIMESTAMPTZ;
CREATE INDEX reports_to_erase ON reports (closed_at) WHERE erased_at IS NULL;
