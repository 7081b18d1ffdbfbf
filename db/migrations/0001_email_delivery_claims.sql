ALTER TABLE "email_deliveries" ADD COLUMN "claim_token" uuid;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_deliveries" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;