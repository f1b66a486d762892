ALTER TABLE "scenario_versions" ADD COLUMN "dataset_id" text;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD COLUMN "dataset_version" integer;--> statement-breakpoint
ALTER TABLE "scenario_versions" ADD COLUMN "dataset_label" text;