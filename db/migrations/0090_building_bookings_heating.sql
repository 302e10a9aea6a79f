ALTER TABLE "env_buildings" ADD COLUMN "booking_resource_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "env_buildings" ADD COLUMN "heating" jsonb;--> statement-breakpoint
ALTER TABLE "env_energy_alerts" ADD COLUMN "periods" jsonb;