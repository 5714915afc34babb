CREATE TABLE "alert_counts" (
	"unit_code" text NOT NULL,
	"rule" text NOT NULL,
	"level" text NOT NULL,
	"status" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "alert_counts_unit_code_rule_level_status_pk" PRIMARY KEY("unit_code","rule","level","status")
);
--> statement-breakpoint
-- kept in step with `alerts` by this trigger, in the transaction of every change
CREATE FUNCTION alert_counts_keep() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE alert_counts SET n = n - 1
     WHERE unit_code = OLD.unit_code AND rule = OLD.rule AND level = OLD.level AND status = OLD.status;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO alert_counts (unit_code, rule, level, status, n) VALUES (NEW.unit_code, NEW.rule, NEW.level, NEW.status, 1)
    ON CONFLICT (unit_code, rule, level, status) DO UPDATE SET n = alert_counts.n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER alert_counts_insert_delete AFTER INSERT OR DELETE ON alerts FOR EACH ROW EXECUTE FUNCTION alert_counts_keep();
--> statement-breakpoint
CREATE TRIGGER alert_counts_update AFTER UPDATE OF unit_code, rule, level, status ON alerts FOR EACH ROW
  WHEN (OLD.unit_code IS DISTINCT FROM NEW.unit_code OR OLD.rule IS DISTINCT FROM NEW.rule OR OLD.level IS DISTINCT FROM NEW.level OR OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION alert_counts_keep();
--> statement-breakpoint
INSERT INTO alert_counts (unit_code, rule, level, status, n)
SELECT unit_code, rule, level, status, count(*) FROM alerts GROUP BY 1, 2, 3, 4;
