CREATE TYPE "public"."dispute_status" AS ENUM('awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending', 'won', 'lost');--> statement-breakpoint
CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"gateway_dispute_id" bigint NOT NULL,
	"payment_id" uuid,
	"order_id" uuid,
	"transaction_reference" text NOT NULL,
	"amount" integer NOT NULL,
	"currency" char(3) DEFAULT 'NGN' NOT NULL,
	"category" text,
	"reason" text,
	"status" "dispute_status" NOT NULL,
	"resolution" text,
	"due_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"loss_amount" integer DEFAULT 0 NOT NULL,
	"gateway_updated_at" timestamp with time zone,
	"reminders" integer DEFAULT 0 NOT NULL,
	"evidence" jsonb,
	"gateway_evidence_id" bigint,
	"attachment_filename" text,
	"evidence_submitted_at" timestamp with time zone,
	"answer" text,
	"answer_message" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disputes_gateway_dispute_id_unique" UNIQUE("gateway_dispute_id"),
	CONSTRAINT "disputes_amount_non_negative" CHECK ("disputes"."amount" >= 0),
	CONSTRAINT "disputes_loss_non_negative" CHECK ("disputes"."loss_amount" >= 0),
	CONSTRAINT "disputes_answer_known" CHECK ("disputes"."answer" IS NULL OR "disputes"."answer" IN ('accept', 'decline'))
);
--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disputes" ADD CONSTRAINT "disputes_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disputes_payment_idx" ON "disputes" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "disputes_order_idx" ON "disputes" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "disputes_status_due_idx" ON "disputes" USING btree ("status","due_at");