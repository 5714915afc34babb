CREATE TABLE "dead_letters" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"source_unit" text,
	"ip" text,
	"batch_index" integer NOT NULL,
	"event_id" text,
	"event_type" text,
	"error" text NOT NULL,
	"raw" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_ids" (
	"id" text PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"checkpoint_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_code" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"device_id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"site_id" text NOT NULL,
	"unit_code" text NOT NULL,
	"calibrated_until" date,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_rooms" (
	"room_id" text PRIMARY KEY NOT NULL,
	"unit_code" text NOT NULL,
	"open_hours" text NOT NULL,
	"custodians" text[] NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"lab_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"internal" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"person_no" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"unit_code" text NOT NULL,
	"roles" text[] NOT NULL,
	"confidentiality_signed" boolean NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sensitive_subjects" (
	"subject" text PRIMARY KEY NOT NULL,
	"active" boolean NOT NULL,
	"unit_code" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violation_codes" (
	"code" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"points" integer NOT NULL,
	"fine" integer NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watchlist" (
	"plate" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"active" boolean NOT NULL,
	"unit_code" text NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"unit_code" text NOT NULL,
	"scopes" text[] NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"ip" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "units" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"path" text NOT NULL,
	"depth" integer NOT NULL,
	"plate_prefixes" text[] DEFAULT '{}'::text[] NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"unit_code" text,
	"person_no" text,
	"roles" text[] NOT NULL,
	"password_hash" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"unit_code" text,
	"ip" text,
	"action" text NOT NULL,
	"detail" jsonb NOT NULL,
	"leaf_hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_nodes" (
	"level" integer NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "audit_nodes_level_idx_pk" PRIMARY KEY("level","idx")
);
--> statement-breakpoint
CREATE INDEX "dead_letters_received_idx" ON "dead_letters" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dead_letters_unit_idx" ON "dead_letters" USING btree ("source_unit");--> statement-breakpoint
CREATE INDEX "persons_unit_idx" ON "persons" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "api_tokens_unit_idx" ON "api_tokens" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "units_path_idx" ON "units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "users_unit_idx" ON "users" USING btree ("unit_code");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","at");