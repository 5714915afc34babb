CREATE TABLE "detection_wakeups" (
	"rule" text NOT NULL,
	"key" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	CONSTRAINT "detection_wakeups_rule_key_due_at_pk" PRIMARY KEY("rule","key","due_at")
);
--> statement-breakpoint
CREATE INDEX "detection_wakeups_due_idx" ON "detection_wakeups" USING btree ("due_at");