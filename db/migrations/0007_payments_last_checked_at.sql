ALTER TABLE "payments" ADD COLUMN "last_checked_at" timestamp with time zone;--> statement-breakpoint
-- Until now updated_at served as this clock for closed attempts: carry it over so none is asked again early or late.
UPDATE "payments" SET "last_checked_at" = "updated_at" WHERE "status" IN ('failed', 'abandoned');
