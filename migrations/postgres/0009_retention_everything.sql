-- Retention erases everything that is not public (issue 20): reports erased under the
-- older, narrower rule are erased again by the next housekeeping run. (SQLite also sets
-- up its search index here; PostgreSQL's tsvector column follows the row.)
UPDATE reports SET erased_at = NULL WHERE erased_at IS NOT NULL;
