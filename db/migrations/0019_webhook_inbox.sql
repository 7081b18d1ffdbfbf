ALTER TYPE "public"."webhook_event_status" ADD VALUE 'received' BEFORE 'processed';--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "sealed_body" jsonb;--> statement-breakpoint
CREATE INDEX "webhook_events_due_idx" ON "webhook_events" USING btree ("next_attempt_at") WHERE "webhook_events"."next_attempt_at" IS NOT NULL;