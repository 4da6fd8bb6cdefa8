-- Issue 19: every report records the channel it came by (web, partner, or a desk channel:
-- walk_in, phone, letter, social_media), the partner system that posted it (partners are
-- made by migration 0016; no foreign key here, the column is nullable), the staff member
-- who filed it at the assisted-intake desk, and when the citizen at the desk agreed that
-- Balai stores and sends it.
ALTER TABLE reports ADD COLUMN channel TEXT NOT NULL DEFAULT 'web';
ALTER TABLE reports ADD COLUMN partner_id BIGINT;
ALTER TABLE reports ADD COLUMN filed_by_staff_id BIGINT;
ALTER TABLE reports ADD COLUMN desk_consent_at TIMESTAMPTZ;
CREATE INDEX reports_channel ON reports (channel, created_at);
