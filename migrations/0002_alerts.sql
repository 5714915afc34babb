CREATE TABLE "alert_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor" text NOT NULL,
	"unit_code" text,
	"level" text,
	"text" text,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"level" text NOT NULL,
	"level_source" text DEFAULT 'rule' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"unit_code" text NOT NULL,
	"title" text NOT NULL,
	"figures" jsonb NOT NULL,
	"event_ids" text[] NOT NULL,
	"param_version" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "alert_history_alert_idx" ON "alert_history" USING btree ("alert_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_subject_uq" ON "alerts" USING btree ("rule","subject_kind","subject_id") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_created_idx" ON "alerts" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "alerts_unit_created_idx" ON "alerts" USING btree ("unit_code","created_at");--> statement-breakpoint
CREATE INDEX "alerts_rule_created_idx" ON "alerts" USING btree ("rule","created_at");--> statement-breakpoint
CREATE INDEX "alerts_subject_idx" ON "alerts" USING btree ("subject_kind","subject_id");