CREATE TYPE "public"."refund_origin" AS ENUM('admin', 'system', 'external');--> statement-breakpoint
ALTER TYPE "public"."refund_status" ADD VALUE 'processing' BEFORE 'processed';--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "origin" "refund_origin" NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "request_fingerprint" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "restock_lines" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "restocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "submit_lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "last_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "submit_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "last_submit_error" text;--> statement-breakpoint
ALTER TABLE "refunds" DROP COLUMN "restock";--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_idempotency_key_unique" UNIQUE("idempotency_key");--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_key_unless_external" CHECK ("refunds"."origin" = 'external' OR ("refunds"."idempotency_key" IS NOT NULL AND "refunds"."request_fingerprint" IS NOT NULL));--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_gateway_id_once_accepted" CHECK ("refunds"."status" IN ('requested', 'failed') OR "refunds"."gateway_refund_id" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_restock_lines_array" CHECK (jsonb_typeof("refunds"."restock_lines") = 'array');--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_submit_attempts_non_negative" CHECK ("refunds"."submit_attempts" >= 0);