CREATE TABLE "detection_passes" (
	"plate" text NOT NULL,
	"plate_color" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"event_id" text NOT NULL,
	"checkpoint_id" text NOT NULL,
	"unit_code" text NOT NULL,
	CONSTRAINT "detection_passes_plate_plate_color_at_event_id_pk" PRIMARY KEY("plate","plate_color","at","event_id")
);
