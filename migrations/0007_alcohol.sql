CREATE TABLE "alcohol_case_chains" (
	"case_no" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"root" "bytea" NOT NULL,
	"audit_seq" bigint,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alcohol_case_steps" (
	"case_no" text NOT NULL,
	"leaf_index" integer NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"occurred_at" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"unit_code" text NOT NULL,
	"actor" text,
	"location" jsonb,
	"data" jsonb NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	CONSTRAINT "alcohol_case_steps_case_no_leaf_index_pk" PRIMARY KEY("case_no","leaf_index")
);
--> statement-breakpoint
CREATE TABLE "alcohol_cases" (
	"case_no" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"has_opening" boolean NOT NULL,
	"closed_at" timestamp with time zone,
	"finding" text,
	"driver_name" text,
	"driver_id_no" text,
	"plate" text,
	"tags" text[] NOT NULL,
	"breath_value" double precision,
	"breath_at" timestamp with time zone,
	"refused" boolean NOT NULL,
	"drawn_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"lab_id" text,
	"blood_value" double precision,
	"report_at" timestamp with time zone,
	"ratio" double precision,
	"reports" jsonb NOT NULL,
	"step_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alcohol_devices" (
	"device_id" text PRIMARY KEY NOT NULL,
	"kind" text,
	"site_id" text,
	"site_as_of" timestamp with time zone,
	"status" text,
	"status_at" timestamp with time zone,
	"status_event_id" text
);
--> statement-breakpoint
CREATE TABLE "alcohol_lab_status_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"lab_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"name" text NOT NULL,
	"internal" boolean NOT NULL,
	"reason" text,
	"actor" text,
	"unit_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alcohol_pending_sample_events" (
	"sample_no" text NOT NULL,
	"event_id" text NOT NULL,
	"event" jsonb NOT NULL,
	"received_seq" bigint NOT NULL,
	CONSTRAINT "alcohol_pending_sample_events_sample_no_event_id_pk" PRIMARY KEY("sample_no","event_id")
);
--> statement-breakpoint
CREATE TABLE "alcohol_retest_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drawn_at" timestamp with time zone NOT NULL,
	"drawn_by" text NOT NULL,
	"unit_code" text NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"levels" text[] NOT NULL,
	"lab_id" text NOT NULL,
	"seed" bigint NOT NULL,
	"requested" integer NOT NULL,
	"population" text[] NOT NULL,
	"population_sha256" text NOT NULL,
	"selected" text[] NOT NULL,
	"algorithm" text NOT NULL,
	"note" text,
	"audit_seq" bigint
);
--> statement-breakpoint
CREATE TABLE "alcohol_room_access" (
	"event_id" text PRIMARY KEY NOT NULL,
	"room_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"person_no" text,
	"unit_code" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alcohol_samples" (
	"sample_no" text PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL,
	"unit_code" text NOT NULL,
	"label" text NOT NULL,
	"drawn_at" timestamp with time zone,
	"status" text NOT NULL,
	"room_id" text,
	"lab_id" text,
	"status_at" timestamp with time zone,
	"stored_at" timestamp with time zone,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alcohol_case_steps_event_uq" ON "alcohol_case_steps" USING btree ("case_no","event_id");--> statement-breakpoint
CREATE INDEX "alcohol_cases_unit_opened_idx" ON "alcohol_cases" USING btree ("unit_code","opened_at");--> statement-breakpoint
CREATE INDEX "alcohol_cases_opened_idx" ON "alcohol_cases" USING btree ("opened_at","case_no");--> statement-breakpoint
CREATE INDEX "alcohol_cases_lab_idx" ON "alcohol_cases" USING btree ("lab_id");--> statement-breakpoint
CREATE INDEX "alcohol_cases_plate_idx" ON "alcohol_cases" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "alcohol_devices_site_idx" ON "alcohol_devices" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "alcohol_lab_status_lab_idx" ON "alcohol_lab_status_events" USING btree ("lab_id","at");--> statement-breakpoint
CREATE INDEX "alcohol_retest_draws_at_idx" ON "alcohol_retest_draws" USING btree ("drawn_at");--> statement-breakpoint
CREATE INDEX "alcohol_room_access_room_idx" ON "alcohol_room_access" USING btree ("room_id","at");--> statement-breakpoint
CREATE INDEX "alcohol_samples_room_idx" ON "alcohol_samples" USING btree ("room_id","status");--> statement-breakpoint
CREATE INDEX "alcohol_samples_case_idx" ON "alcohol_samples" USING btree ("case_no");