ALTER TABLE "run_events" DROP COLUMN "type";--> statement-breakpoint
ALTER TABLE "run_events" DROP COLUMN "node_id";--> statement-breakpoint
ALTER TABLE "run_events" DROP COLUMN "ts";