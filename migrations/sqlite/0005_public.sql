-- Public browsing: full-text search over the published title and text, and indexes for
-- the browse orders. The FTS table reads its text from `reports` (external content) and
-- is kept in step by triggers, including staff edits of the public text.
CREATE VIRTUAL TABLE reports_fts USING fts5(
    title, description, content = 'reports', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;
CREATE TRIGGER reports_fts_update AFTER UPDATE OF title, description ON reports BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
    INSERT INTO reports_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

CREATE INDEX reports_by_created ON reports (created_at, id);
CREATE INDEX reports_by_answered ON reports (answered_at, id);
CREATE INDEX reports_by_agency ON reports (agency, status);
CREATE INDEX reports_by_province ON reports (province, status);
