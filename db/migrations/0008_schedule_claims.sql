CREATE TABLE "schedule_claims" (
	"schedule_id" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_claims_schedule_id_period_start_pk" PRIMARY KEY("schedule_id","period_start")
);
