-- The public reports (the condition of `db::public::PUBLIC`, word for word, so the
-- planner sees the query implies it) by status and id: a browse count is an index-only
-- scan, and a browse page walks it newest first.
CREATE INDEX reports_public ON reports (status, id)
    WHERE privacy <> 'confidential' AND held = FALSE AND verified_at IS NOT NULL
      AND status NOT IN ('submitted', 'rejected', 'info-requested');
