CREATE TABLE "detection_keyed_events" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "detection_keyed_events_kind_key_event_id_pk" PRIMARY KEY("kind","key","event_id")
);
--> statement-breakpoint
CREATE INDEX "detection_keyed_events_kind_at_idx" ON "detection_keyed_events" USING btree ("kind","at");