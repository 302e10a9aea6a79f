CREATE TABLE "env_anomalies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" text NOT NULL,
	"detail" text NOT NULL,
	"resolved" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_anomalies_unique" UNIQUE("tenant_id","kind","event_id")
);
--> statement-breakpoint
CREATE TABLE "env_buildings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"name" text NOT NULL,
	"commune_insee" text,
	"floor_area_m2" integer NOT NULL,
	"activity" text NOT NULL,
	"reference_year" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_buildings_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "env_buildings_area" CHECK ("env_buildings"."floor_area_m2" > 0),
	CONSTRAINT "env_buildings_reference_year" CHECK ("env_buildings"."reference_year" IS NULL OR "env_buildings"."reference_year" BETWEEN 2010 AND 2019)
);
--> statement-breakpoint
CREATE TABLE "env_dead_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"queue" text NOT NULL,
	"message_id" text NOT NULL,
	"body" text NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_dead_letters_message_unique" UNIQUE("tenant_id","queue","message_id")
);
--> statement-breakpoint
CREATE TABLE "env_drought_levels" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"commune_insee" text NOT NULL,
	"zone_code" text NOT NULL,
	"zone_name" text NOT NULL,
	"zone_type" text NOT NULL,
	"level" text NOT NULL,
	"order_reference" text,
	"valid_from" date,
	"valid_until" date,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_drought_levels_unique" UNIQUE("tenant_id","commune_insee","zone_code")
);
--> statement-breakpoint
CREATE TABLE "env_meters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"building_id" uuid NOT NULL,
	"energy" text NOT NULL,
	"delivery_point" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_meters_point_unique" UNIQUE("tenant_id","energy","delivery_point")
);
--> statement-breakpoint
CREATE TABLE "env_piezo_readings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"measured_at" timestamp with time zone NOT NULL,
	"depth_m" double precision,
	"level_ngf" double precision,
	"status" text NOT NULL,
	"event_id" text,
	"content_digest" text,
	CONSTRAINT "env_piezo_readings_unique" UNIQUE("tenant_id","station_id","measured_at"),
	CONSTRAINT "env_piezo_readings_event_unique" UNIQUE("tenant_id","event_id"),
	CONSTRAINT "env_piezo_readings_value" CHECK ("env_piezo_readings"."depth_m" IS NOT NULL OR "env_piezo_readings"."level_ngf" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "env_piezo_stations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"commune_insee" text,
	"alert_zone" text,
	"vigilance_depth_m" double precision,
	"alert_depth_m" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_piezo_stations_unique" UNIQUE("tenant_id","kind","code")
);
--> statement-breakpoint
CREATE TABLE "env_readings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meter_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"kwh" double precision NOT NULL,
	"origin" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_readings_period_unique" UNIQUE("tenant_id","meter_id","period_start","period_end"),
	CONSTRAINT "env_readings_kwh" CHECK ("env_readings"."kwh" >= 0),
	CONSTRAINT "env_readings_period" CHECK ("env_readings"."period_end" >= "env_readings"."period_start")
);
--> statement-breakpoint
CREATE TABLE "env_water_networks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"commune_insee" text NOT NULL,
	"commune_name" text NOT NULL,
	"network_code" text NOT NULL,
	"network_name" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_water_networks_unique" UNIQUE("tenant_id","year","commune_insee","network_code")
);
--> statement-breakpoint
CREATE TABLE "env_water_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"parameter_code" text NOT NULL,
	"parameter_label" text NOT NULL,
	"value" double precision,
	"value_text" text,
	"unit" text,
	"quality_limit" text,
	"quality_reference" text,
	CONSTRAINT "env_water_results_unique" UNIQUE("sample_id","parameter_code")
);
--> statement-breakpoint
CREATE TABLE "env_water_samples" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"sample_code" text NOT NULL,
	"commune_insee" text NOT NULL,
	"network_code" text,
	"sampled_at" timestamp with time zone NOT NULL,
	"conformite_limites_bact" text,
	"conformite_limites_pc" text,
	"conformite_references_bact" text,
	"conformite_references_pc" text,
	"conclusion" text,
	"distributor" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "env_water_samples_code_unique" UNIQUE("tenant_id","source","sample_code")
);
--> statement-breakpoint
ALTER TABLE "env_anomalies" ADD CONSTRAINT "env_anomalies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_buildings" ADD CONSTRAINT "env_buildings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_dead_letters" ADD CONSTRAINT "env_dead_letters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_drought_levels" ADD CONSTRAINT "env_drought_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_meters" ADD CONSTRAINT "env_meters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_meters" ADD CONSTRAINT "env_meters_building_id_env_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."env_buildings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_piezo_readings" ADD CONSTRAINT "env_piezo_readings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_piezo_readings" ADD CONSTRAINT "env_piezo_readings_station_id_env_piezo_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."env_piezo_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_piezo_stations" ADD CONSTRAINT "env_piezo_stations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_readings" ADD CONSTRAINT "env_readings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_readings" ADD CONSTRAINT "env_readings_meter_id_env_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."env_meters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_water_networks" ADD CONSTRAINT "env_water_networks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_water_results" ADD CONSTRAINT "env_water_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_water_results" ADD CONSTRAINT "env_water_results_sample_id_env_water_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."env_water_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "env_water_samples" ADD CONSTRAINT "env_water_samples_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "env_water_networks_commune_idx" ON "env_water_networks" USING btree ("tenant_id","commune_insee","year");--> statement-breakpoint
CREATE INDEX "env_water_results_param_idx" ON "env_water_results" USING btree ("tenant_id","parameter_code");--> statement-breakpoint
CREATE INDEX "env_water_samples_commune_idx" ON "env_water_samples" USING btree ("tenant_id","commune_insee","sampled_at");