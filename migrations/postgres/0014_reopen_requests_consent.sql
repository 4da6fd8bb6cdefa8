-- Issue 21: a reporter's request to reopen a closed report waits in a list of its own in
-- the staff queue, with a deadline counted from when it was asked (cleared when staff
-- reopen the report or decline); the consent of the person a report is sent on behalf of,
-- as stated by the sender, is stored with its time.
ALTER TABLE reports ADD COLUMN reopen_requested_at TIMESTAMPTZ;
ALTER TABLE reports ADD COLUMN behalf_consent_at TIMESTAMPTZ;
CREATE INDEX reports_reopen_requested ON reports (reopen_requested_at) WHERE reopen_requested_at IS NOT NULL;
