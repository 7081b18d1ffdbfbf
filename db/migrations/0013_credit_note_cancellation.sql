ALTER TABLE "credit_notes" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD COLUMN "cancellation_reason" text;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_cancellation_complete" CHECK (("credit_notes"."cancelled_at" IS NULL) = ("credit_notes"."cancellation_reason" IS NULL));