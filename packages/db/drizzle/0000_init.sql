CREATE TABLE "graph_versions" (
	"graph_id" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"message" text NOT NULL,
	"author" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "graph_versions_graph_id_version_pk" PRIMARY KEY("graph_id","version")
);
--> statement-breakpoint
CREATE TABLE "graphs" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"version" integer NOT NULL,
	"document" jsonb NOT NULL,
	"node_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"run_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"node_id" text,
	"ts" timestamp with time zone NOT NULL,
	"event" jsonb NOT NULL,
	CONSTRAINT "run_events_run_id_seq_pk" PRIMARY KEY("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"graph_id" text NOT NULL,
	"graph_version" integer NOT NULL,
	"graph_name" text NOT NULL,
	"executor" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb,
	"output" jsonb,
	"error" jsonb,
	"started_by" text NOT NULL,
	"instance_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"workflow_id" text,
	"workflow_run_id" text,
	CONSTRAINT "runs_executor_check" CHECK ("runs"."executor" in ('local', 'temporal')),
	CONSTRAINT "runs_status_check" CHECK ("runs"."status" in ('running', 'succeeded', 'failed', 'cancelled', 'interrupted'))
);
--> statement-breakpoint
ALTER TABLE "graph_versions" ADD CONSTRAINT "graph_versions_graph_id_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."graphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "graphs_updated_idx" ON "graphs" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "runs_created_idx" ON "runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "runs_graph_created_idx" ON "runs" USING btree ("graph_id","created_at","id");--> statement-breakpoint
CREATE INDEX "runs_running_user_idx" ON "runs" USING btree ("started_by") WHERE "runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "runs_running_instance_idx" ON "runs" USING btree ("instance_id") WHERE "runs"."status" = 'running';