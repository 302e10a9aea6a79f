CREATE TABLE "env_energy_alerts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"day" date NOT NULL,
	"night_watts" double precision NOT NULL,
	"day_watts" double precision NOT NULL,
	"ratio" double precision NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_energy_alerts_unique" UNIQUE("tenant_id","meter_id","kind","day")
);
--> statement-breakpoint
CREATE TABLE "env_load_points" (
	"tenant_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"watts" double precision NOT NULL,
	"step_minutes" integer NOT NULL,
	CONSTRAINT "env_load_points_watts" CHECK ("env_load_points"."watts" >= 0),
	CONSTRAINT "env_load_points_step" CHECK ("env_load_points"."step_minutes" BETWEEN 1 AND 60)
);
--> statement-breakpoint
ALTER TABLE "env_energy_alerts" ADD CONSTRAINT "env_energy_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_energy_alerts" ADD CONSTRAINT "env_energy_alerts_meter_id_env_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."env_meters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_load_points" ADD CONSTRAINT "env_load_points_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_load_points" ADD CONSTRAINT "env_load_points_meter_id_env_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."env_meters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "env_load_points_key" ON "env_load_points" USING btree ("tenant_id","meter_id","at");--> statement-breakpoint
-- The buildings' load curves and energy alerts stay the tenant's own (ADR 0035).
SELECT app.enable_tenant_rls('public.env_load_points', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_energy_alerts', 'own');
