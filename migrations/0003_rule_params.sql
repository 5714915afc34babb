CREATE TABLE "rule_params" (
	"rule" text NOT NULL,
	"version" integer NOT NULL,
	"params" jsonb NOT NULL,
	"changed_by" text NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "rule_params_rule_version_pk" PRIMARY KEY("rule","version")
);
--> statement-breakpoint
CREATE INDEX "rule_params_changed_idx" ON "rule_params" USING btree ("changed_at");