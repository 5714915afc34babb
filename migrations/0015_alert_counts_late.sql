ALTER TABLE "alert_counts" ADD COLUMN "late" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- the trigger now also keeps `late`: the alerts of the row closed after their deadline
CREATE OR REPLACE FUNCTION alert_counts_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE alert_counts SET n = n - 1, late = late - (OLD.status = 'closed' AND OLD.closed_at > OLD.due_at IS TRUE)::int
     WHERE unit_code = OLD.unit_code AND rule = OLD.rule AND level = OLD.level AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO alert_counts (unit_code, rule, level, status, n, late)
    VALUES (NEW.unit_code, NEW.rule, NEW.level, NEW.status, 1, (NEW.status = 'closed' AND NEW.closed_at > NEW.due_at IS TRUE)::int)
    ON CONFLICT (unit_code, rule, level, status) DO UPDATE SET n = alert_counts.n + 1, late = alert_counts.late + EXCLUDED.late;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP TRIGGER alert_counts_update ON alerts;
--> statement-breakpoint
CREATE TRIGGER alert_counts_update AFTER UPDATE OF unit_code, rule, level, status, closed_at, due_at ON alerts FOR EACH ROW
  WHEN (OLD.unit_code IS DISTINCT FROM NEW.unit_code OR OLD.rule IS DISTINCT FROM NEW.rule OR OLD.level IS DISTINCT FROM NEW.level OR OLD.status IS DISTINCT FROM NEW.status
        OR ((OLD.status = 'closed' AND OLD.closed_at > OLD.due_at) IS TRUE) <> ((NEW.status = 'closed' AND NEW.closed_at > NEW.due_at) IS TRUE))
  EXECUTE FUNCTION alert_counts_keep();
--> statement-breakpoint
UPDATE alert_counts c SET late = x.late
  FROM (SELECT unit_code, rule, level, status, count(*) AS late FROM alerts WHERE status = 'closed' AND closed_at > due_at GROUP BY 1, 2, 3, 4) x
 WHERE c.unit_code = x.unit_code AND c.rule = x.rule AND c.level = x.level AND c.status = x.status;
