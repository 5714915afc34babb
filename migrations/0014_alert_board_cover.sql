DROP INDEX "alerts_rule_asc_created_idx";--> statement-breakpoint
DROP INDEX "alerts_unit_asc_created_idx";--> statement-breakpoint
CREATE INDEX "alerts_rule_asc_created_idx" ON "alerts" USING btree ("rule","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"unit_code","level","status","due_at");--> statement-breakpoint
CREATE INDEX "alerts_unit_asc_created_idx" ON "alerts" USING btree ("unit_code","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST,"rule","level","status","due_at");