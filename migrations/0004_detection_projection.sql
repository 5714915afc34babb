CREATE TABLE "detection_case_events" (
	"case_no" text NOT NULL,
	"event_id" text NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "detection_case_events_case_no_event_id_pk" PRIMARY KEY("case_no","event_id")
);
--> statement-breakpoint
CREATE TABLE "detection_case_samples" (
	"sample_no" text PRIMARY KEY NOT NULL,
	"case_no" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "detection_pending_sample_events" (
	"sample_no" text NOT NULL,
	"event_id" text NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "detection_pending_sample_events_sample_no_event_id_pk" PRIMARY KEY("sample_no","event_id")
);
