-- The audit log read by action (the last verification, the page's filter)
-- and by user, newest first, without scanning the organisation's whole log
-- (PostgreSQL).
CREATE INDEX audit_by_action ON audit (org_id, action, seq);
CREATE INDEX audit_by_user ON audit (org_id, user_id, seq);
