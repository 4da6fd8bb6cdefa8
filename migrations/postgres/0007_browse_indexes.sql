-- Browsing every public report of an area or an agency, newest first: without these the
-- planner reads all of a province's reports through (province, status) and sorts them
-- (70 ms at a million reports); with them it walks the newest entries down the index.
-- Partial on the public condition of `db::public::PUBLIC`, word for word.
CREATE INDEX reports_public_by_province ON reports (province, id)
    WHERE privacy <> 'confidential' AND held = FALSE AND verified_at IS NOT NULL
      AND status NOT IN ('submitted', 'rejected', 'info-requested');
CREATE INDEX reports_public_by_regency ON reports (regency, id)
    WHERE privacy <> 'confidential' AND held = FALSE AND verified_at IS NOT NULL
      AND status NOT IN ('submitted', 'rejected', 'info-requested');
CREATE INDEX reports_public_by_agency ON reports (agency, id)
    WHERE privacy <> 'confidential' AND held = FALSE AND verified_at IS NOT NULL
      AND status NOT IN ('submitted', 'rejected', 'info-requested');
