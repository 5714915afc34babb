-- Custody-chain steps are append-only: a received step is never changed or removed through SQL DML
-- (an edit behind the platform's back shows as a chain that no longer verifies).
CREATE TRIGGER alcohol_case_steps_no_update BEFORE UPDATE OR DELETE ON alcohol_case_steps FOR EACH ROW EXECUTE FUNCTION events_append_only();
