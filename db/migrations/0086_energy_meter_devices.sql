ALTER TABLE "env_meters" ADD COLUMN "device_id" text;--> statement-breakpoint
ALTER TABLE "env_meters" ADD COLUMN "step_minutes" smallint DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "env_meters" ADD CONSTRAINT "env_meters_device_unique" UNIQUE("tenant_id","device_id");--> statement-breakpoint
ALTER TABLE "env_meters" ADD CONSTRAINT "env_meters_step" CHECK ("env_meters"."step_minutes" BETWEEN 1 AND 60);