-- The event store: append-only, one row per accepted event with its JSON as received, partitioned by the
-- month of occurredAt so a province-year stays fast and an old month can be detached and archived
-- (ALTER TABLE events DETACH PARTITION events_p2026_01). Partitions are created on demand by
-- ensure_event_partition(), called by ingest, in a short transaction of its own, before it writes into a
-- month it has not seen.
CREATE SEQUENCE events_seq AS bigint;
--> statement-breakpoint
CREATE TABLE events (
  seq bigint NOT NULL DEFAULT nextval('events_seq'),
  id text NOT NULL,
  type text NOT NULL,
  occurred_at timestamptz NOT NULL,
  unit_code text NOT NULL,
  actor text,
  received_at timestamptz NOT NULL,
  source text NOT NULL,
  body jsonb NOT NULL
) PARTITION BY RANGE (occurred_at);
--> statement-breakpoint
-- Events arrive roughly in time order, so a BRIN index finds a time range (and, with event_ids giving an
-- id's occurred_at, one event) at almost no cost to ingest; a btree per column would halve ingest speed.
-- Modules that need other access paths keep their own projections rather than index this table.
CREATE INDEX events_time_brin ON events USING brin (occurred_at);
--> statement-breakpoint
CREATE FUNCTION ensure_event_partition(month_start timestamptz) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  lo timestamptz := date_trunc('month', month_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
  hi timestamptz := lo + interval '1 month';
  name text := 'events_p' || to_char(lo AT TIME ZONE 'UTC', 'YYYY_MM');
BEGIN
  IF to_regclass(name) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)', name, lo, hi);
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL; -- another server created the month at the same moment
    END;
  END IF;
  RETURN name;
END $$;
--> statement-breakpoint
-- Append-only: an accepted event is never changed or removed through SQL DML.
CREATE FUNCTION events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event store is append-only (% refused)', TG_OP;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_nodes_no_update BEFORE UPDATE OR DELETE ON audit_nodes FOR EACH ROW EXECUTE FUNCTION events_append_only();
--> statement-breakpoint
-- Event ids are opaque keys: byte order compares faster than a linguistic collation on every insert.
ALTER TABLE event_ids ALTER COLUMN id TYPE text COLLATE "C";
