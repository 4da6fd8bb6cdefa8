-- Issue 18, retention: the outbox rows that still hold an address or a text, by age, so
-- the housekeeping pass that prunes them (`db::outbox::prune`) reads only those, not the
-- whole history of messages.
CREATE INDEX outbox_unpruned ON outbox (created_at) WHERE recipient <> '';
