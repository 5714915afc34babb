CREATE TABLE "alert_attachments" (
	"sha256" text NOT NULL,
	"alert_id" uuid NOT NULL,
	CONSTRAINT "alert_attachments_sha256_alert_id_pk" PRIMARY KEY("sha256","alert_id")
);
--> statement-breakpoint
CREATE TABLE "alert_deadlines" (
	"version" integer PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"unit_code" text NOT NULL,
	"kind" text NOT NULL,
	"alert_id" uuid,
	"level" text,
	"title" text NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"unit_code" text NOT NULL,
	"target_unit_code" text NOT NULL,
	"issued_by" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"note" text NOT NULL,
	"status" text NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "conduct_deductions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_no" text NOT NULL,
	"points" integer NOT NULL,
	"unit_code" text NOT NULL,
	"alert_id" uuid,
	"reason" text NOT NULL,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_uploads" (
	"sha256" text NOT NULL,
	"unit_code" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "file_uploads_sha256_unit_code_pk" PRIMARY KEY("sha256","unit_code")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"content_type" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "finding" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "rectified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "stage_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "miss_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "missed_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "escalated_to" text;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "order_id" uuid;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "merged_into" uuid;--> statement-breakpoint
CREATE INDEX "notifications_at_idx" ON "notifications" USING btree ("at");--> statement-breakpoint
CREATE INDEX "notifications_unit_idx" ON "notifications" USING btree ("unit_code","id");--> statement-breakpoint
CREATE INDEX "supervision_orders_alert_idx" ON "supervision_orders" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "supervision_orders_unit_idx" ON "supervision_orders" USING btree ("unit_code","issued_at");--> statement-breakpoint
CREATE INDEX "conduct_deductions_person_idx" ON "conduct_deductions" USING btree ("person_no","decided_at");--> statement-breakpoint
CREATE INDEX "conduct_deductions_alert_idx" ON "conduct_deductions" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "alerts_open_due_idx" ON "alerts" USING btree ("due_at") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "alerts_escalated_idx" ON "alerts" USING btree ("escalated_to");--> statement-breakpoint
CREATE FUNCTION "alert_history_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'alert_history is append-only: a correction is a new entry';
END
$$;--> statement-breakpoint
CREATE TRIGGER "alert_history_no_change" BEFORE UPDATE OR DELETE ON "alert_history" FOR EACH ROW EXECUTE FUNCTION "alert_history_append_only"();
