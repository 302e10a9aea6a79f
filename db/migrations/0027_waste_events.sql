CREATE TABLE "waste_anomalies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"event_id" text NOT NULL,
	"device_id" uuid NOT NULL,
	"chip_id" text NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_anomalies_event_unique" UNIQUE("tenant_id","source","event_id","kind")
);
--> statement-breakpoint
CREATE TABLE "waste_dead_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"queue" text NOT NULL,
	"message_id" text NOT NULL,
	"body" jsonb NOT NULL,
	"reason" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_dead_letters_message_unique" UNIQUE("tenant_id","queue","message_id")
);
--> statement-breakpoint
CREATE TABLE "waste_lifts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"device_id" uuid NOT NULL,
	"chip_id" text NOT NULL,
	"bin_id" uuid,
	"truck" text NOT NULL,
	"round" text NOT NULL,
	"lifted_at" timestamp with time zone NOT NULL,
	"lon" double precision NOT NULL,
	"lat" double precision NOT NULL,
	"weight_kg" numeric(7, 2),
	"stream" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_lifts_event_unique" UNIQUE("tenant_id","event_id"),
	CONSTRAINT "waste_lifts_position" CHECK ("waste_lifts"."lon" BETWEEN -180 AND 180 AND "waste_lifts"."lat" BETWEEN -90 AND 90),
	CONSTRAINT "waste_lifts_weight" CHECK ("waste_lifts"."weight_kg" IS NULL OR "waste_lifts"."weight_kg" >= 0)
);
--> statement-breakpoint
CREATE TABLE "waste_sorting_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"device_id" uuid NOT NULL,
	"chip_id" text NOT NULL,
	"bin_id" uuid,
	"observed_at" timestamp with time zone NOT NULL,
	"category" text NOT NULL,
	"confidence" real NOT NULL,
	"image_key" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_sorting_events_event_unique" UNIQUE("tenant_id","event_id"),
	CONSTRAINT "waste_sorting_events_confidence" CHECK ("waste_sorting_events"."confidence" BETWEEN 0 AND 1)
);
--> statement-breakpoint
ALTER TABLE "waste_anomalies" ADD CONSTRAINT "waste_anomalies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_dead_letters" ADD CONSTRAINT "waste_dead_letters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_lifts" ADD CONSTRAINT "waste_lifts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_lifts" ADD CONSTRAINT "waste_lifts_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_sorting_events" ADD CONSTRAINT "waste_sorting_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_sorting_events" ADD CONSTRAINT "waste_sorting_events_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waste_anomalies_open_idx" ON "waste_anomalies" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "waste_dead_letters_status_idx" ON "waste_dead_letters" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "waste_lifts_bin_idx" ON "waste_lifts" USING btree ("tenant_id","bin_id","lifted_at");--> statement-breakpoint
CREATE INDEX "waste_lifts_time_idx" ON "waste_lifts" USING btree ("tenant_id","lifted_at");--> statement-breakpoint
CREATE INDEX "waste_lifts_chip_idx" ON "waste_lifts" USING btree ("tenant_id","chip_id");--> statement-breakpoint
CREATE INDEX "waste_sorting_events_bin_idx" ON "waste_sorting_events" USING btree ("tenant_id","bin_id","observed_at");