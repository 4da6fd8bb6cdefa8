-- Retention erases everything that is not public (issue 20): the search index forgets a
-- deleted word at once (FTS5 secure-delete) instead of keeping it until a merge, the words
-- deleted before now are merged away, and reports erased under the older, narrower rule
-- are erased again by the next housekeeping run.
INSERT INTO reports_fts (reports_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO reports_fts (reports_fts) VALUES ('optimize');
UPDATE reports SET erased_at = NULL WHERE erased_at IS NOT NULL;
