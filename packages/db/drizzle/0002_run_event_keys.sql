ALTER TABLE "run_events" ADD COLUMN "key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "run_events_key_idx" ON "run_events" USING btree ("run_id","key") WHERE "run_events"."key" is not null;