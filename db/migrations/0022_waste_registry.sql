CREATE TABLE "waste_billing_lines" (
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"premises_id" uuid NOT NULL,
	"fixed_cents" bigint NOT NULL,
	"incentive_cents" bigint NOT NULL,
	"exempt" boolean DEFAULT false NOT NULL,
	"details" jsonb NOT NULL,
	CONSTRAINT "waste_billing_lines_run_id_premises_id_pk" PRIMARY KEY("run_id","premises_id")
);
--> statement-breakpoint
CREATE TABLE "waste_billing_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"tariff_id" uuid NOT NULL,
	"fixed_total_cents" bigint NOT NULL,
	"incentive_total_cents" bigint NOT NULL,
	"incentive_share_millionths" integer NOT NULL,
	"share_within_limits" boolean NOT NULL,
	"premises_count" integer NOT NULL,
	"by_actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waste_bin_checks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"bin_id" uuid NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"agent_person_id" uuid,
	"grade" text NOT NULL,
	"findings" text[] DEFAULT '{}' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"photo_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waste_bin_shares" (
	"tenant_id" uuid NOT NULL,
	"bin_id" uuid NOT NULL,
	"premises_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_bin_shares_bin_id_premises_id_pk" PRIMARY KEY("bin_id","premises_id")
);
--> statement-breakpoint
CREATE TABLE "waste_bins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"chip_id" text,
	"stream" text NOT NULL,
	"volume_litres" integer NOT NULL,
	"status" text DEFAULT 'stock' NOT NULL,
	"premises_id" uuid,
	"collective" boolean DEFAULT false NOT NULL,
	"depot_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_bins_volume" CHECK ("waste_bins"."volume_litres" BETWEEN 10 AND 5000),
	CONSTRAINT "waste_bins_collective_no_owner" CHECK (NOT ("waste_bins"."collective" AND "waste_bins"."premises_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "waste_chip_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"chip_id" text NOT NULL,
	"bin_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unassigned_at" timestamp with time zone,
	"reason" text NOT NULL,
	"by_actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "waste_depots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_depots_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "waste_idempotency" (
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"operation" text NOT NULL,
	"status" integer NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_idempotency_tenant_id_key_pk" PRIMARY KEY("tenant_id","key"),
	CONSTRAINT "waste_idempotency_key_format" CHECK ("waste_idempotency"."key" ~ '^[A-Za-z0-9_-]{8,64}$')
);
--> statement-breakpoint
CREATE TABLE "waste_interventions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"premises_id" uuid,
	"bin_id" uuid,
	"stream" text,
	"description" text DEFAULT '' NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_person_id" uuid,
	"assigned_to_person_id" uuid,
	"scheduled_for" date,
	"outcome" text,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_interventions_reference_unique" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "waste_premises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"invariant" text,
	"address" text NOT NULL,
	"postcode" char(5) NOT NULL,
	"commune_insee" char(5) NOT NULL,
	"kind" text DEFAULT 'household' NOT NULL,
	"rental_value_cents" bigint NOT NULL,
	"first_occupied_year" integer,
	"occupant_person_id" uuid,
	"closed_at" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_premises_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "waste_premises_rental_value" CHECK ("waste_premises"."rental_value_cents" >= 0),
	CONSTRAINT "waste_premises_insee" CHECK ("waste_premises"."commune_insee" ~ '^[0-9][0-9AB][0-9]{3}$'),
	CONSTRAINT "waste_premises_invariant" CHECK ("waste_premises"."invariant" IS NULL OR "waste_premises"."invariant" ~ '^[0-9A-Z]{10}$')
);
--> statement-breakpoint
CREATE TABLE "waste_stock_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_stock_items_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "waste_stock_items_code_format" CHECK ("waste_stock_items"."code" ~ '^[A-Z0-9][A-Z0-9-]{1,31}$')
);
--> statement-breakpoint
CREATE TABLE "waste_stock_levels" (
	"tenant_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"reorder_threshold" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_stock_levels_depot_id_item_id_pk" PRIMARY KEY("depot_id","item_id"),
	CONSTRAINT "waste_stock_levels_non_negative" CHECK ("waste_stock_levels"."quantity" >= 0),
	CONSTRAINT "waste_stock_levels_threshold" CHECK ("waste_stock_levels"."reorder_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "waste_stock_movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"depot_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"kind" text NOT NULL,
	"intervention_id" uuid,
	"note" text,
	"by_actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_stock_movements_delta" CHECK ("waste_stock_movements"."delta" <> 0)
);
--> statement-breakpoint
CREATE TABLE "waste_tariff_rates" (
	"tenant_id" uuid NOT NULL,
	"tariff_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"unit_price_micros" bigint NOT NULL,
	CONSTRAINT "waste_tariff_rates_tariff_id_stream_pk" PRIMARY KEY("tariff_id","stream"),
	CONSTRAINT "waste_tariff_rates_price" CHECK ("waste_tariff_rates"."unit_price_micros" >= 0)
);
--> statement-breakpoint
CREATE TABLE "waste_tariffs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"regime" text NOT NULL,
	"basis" text NOT NULL,
	"fixed_rate_millionths" integer,
	"fixed_fee_cents" bigint,
	"deliberation" text,
	"voted_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "waste_tariffs_year_unique" UNIQUE("tenant_id","year"),
	CONSTRAINT "waste_tariffs_fixed" CHECK (("waste_tariffs"."regime" = 'teomi' AND "waste_tariffs"."fixed_rate_millionths" IS NOT NULL AND "waste_tariffs"."fixed_rate_millionths" BETWEEN 0 AND 1000000)
       OR ("waste_tariffs"."regime" = 'reomi' AND "waste_tariffs"."fixed_fee_cents" IS NOT NULL AND "waste_tariffs"."fixed_fee_cents" >= 0))
);
--> statement-breakpoint
ALTER TABLE "waste_billing_lines" ADD CONSTRAINT "waste_billing_lines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_billing_lines" ADD CONSTRAINT "waste_billing_lines_run_id_waste_billing_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."waste_billing_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_billing_lines" ADD CONSTRAINT "waste_billing_lines_premises_id_waste_premises_id_fk" FOREIGN KEY ("premises_id") REFERENCES "public"."waste_premises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_billing_runs" ADD CONSTRAINT "waste_billing_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_billing_runs" ADD CONSTRAINT "waste_billing_runs_tariff_id_waste_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."waste_tariffs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_checks" ADD CONSTRAINT "waste_bin_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_checks" ADD CONSTRAINT "waste_bin_checks_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_checks" ADD CONSTRAINT "waste_bin_checks_agent_person_id_people_id_fk" FOREIGN KEY ("agent_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_shares" ADD CONSTRAINT "waste_bin_shares_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_shares" ADD CONSTRAINT "waste_bin_shares_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bin_shares" ADD CONSTRAINT "waste_bin_shares_premises_id_waste_premises_id_fk" FOREIGN KEY ("premises_id") REFERENCES "public"."waste_premises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bins" ADD CONSTRAINT "waste_bins_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bins" ADD CONSTRAINT "waste_bins_premises_id_waste_premises_id_fk" FOREIGN KEY ("premises_id") REFERENCES "public"."waste_premises"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_bins" ADD CONSTRAINT "waste_bins_depot_id_waste_depots_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."waste_depots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_chip_assignments" ADD CONSTRAINT "waste_chip_assignments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_chip_assignments" ADD CONSTRAINT "waste_chip_assignments_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_depots" ADD CONSTRAINT "waste_depots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_idempotency" ADD CONSTRAINT "waste_idempotency_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_interventions" ADD CONSTRAINT "waste_interventions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_interventions" ADD CONSTRAINT "waste_interventions_premises_id_waste_premises_id_fk" FOREIGN KEY ("premises_id") REFERENCES "public"."waste_premises"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_interventions" ADD CONSTRAINT "waste_interventions_bin_id_waste_bins_id_fk" FOREIGN KEY ("bin_id") REFERENCES "public"."waste_bins"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_interventions" ADD CONSTRAINT "waste_interventions_requested_by_person_id_people_id_fk" FOREIGN KEY ("requested_by_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_interventions" ADD CONSTRAINT "waste_interventions_assigned_to_person_id_people_id_fk" FOREIGN KEY ("assigned_to_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_premises" ADD CONSTRAINT "waste_premises_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_premises" ADD CONSTRAINT "waste_premises_occupant_person_id_people_id_fk" FOREIGN KEY ("occupant_person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_items" ADD CONSTRAINT "waste_stock_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_levels" ADD CONSTRAINT "waste_stock_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_levels" ADD CONSTRAINT "waste_stock_levels_depot_id_waste_depots_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."waste_depots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_levels" ADD CONSTRAINT "waste_stock_levels_item_id_waste_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."waste_stock_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_movements" ADD CONSTRAINT "waste_stock_movements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_movements" ADD CONSTRAINT "waste_stock_movements_depot_id_waste_depots_id_fk" FOREIGN KEY ("depot_id") REFERENCES "public"."waste_depots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_movements" ADD CONSTRAINT "waste_stock_movements_item_id_waste_stock_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."waste_stock_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_stock_movements" ADD CONSTRAINT "waste_stock_movements_intervention_id_waste_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."waste_interventions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_tariff_rates" ADD CONSTRAINT "waste_tariff_rates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_tariff_rates" ADD CONSTRAINT "waste_tariff_rates_tariff_id_waste_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."waste_tariffs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waste_tariffs" ADD CONSTRAINT "waste_tariffs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waste_billing_lines_premises_idx" ON "waste_billing_lines" USING btree ("premises_id");--> statement-breakpoint
CREATE INDEX "waste_billing_runs_year_idx" ON "waste_billing_runs" USING btree ("tenant_id","year","created_at");--> statement-breakpoint
CREATE INDEX "waste_bin_checks_bin_idx" ON "waste_bin_checks" USING btree ("bin_id","checked_at");--> statement-breakpoint
CREATE INDEX "waste_bin_checks_tenant_idx" ON "waste_bin_checks" USING btree ("tenant_id","checked_at");--> statement-breakpoint
CREATE INDEX "waste_bin_shares_premises_idx" ON "waste_bin_shares" USING btree ("premises_id");--> statement-breakpoint
CREATE UNIQUE INDEX "waste_bins_chip_in_service" ON "waste_bins" USING btree ("tenant_id","chip_id") WHERE "waste_bins"."status" = 'in_service' AND "waste_bins"."chip_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "waste_bins_chip_idx" ON "waste_bins" USING btree ("tenant_id","chip_id");--> statement-breakpoint
CREATE INDEX "waste_bins_premises_idx" ON "waste_bins" USING btree ("premises_id");--> statement-breakpoint
CREATE INDEX "waste_chip_assignments_chip_idx" ON "waste_chip_assignments" USING btree ("tenant_id","chip_id","assigned_at");--> statement-breakpoint
CREATE INDEX "waste_chip_assignments_bin_idx" ON "waste_chip_assignments" USING btree ("bin_id","assigned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "waste_chip_assignments_open" ON "waste_chip_assignments" USING btree ("tenant_id","chip_id") WHERE "waste_chip_assignments"."unassigned_at" IS NULL;--> statement-breakpoint
CREATE INDEX "waste_interventions_agenda_idx" ON "waste_interventions" USING btree ("tenant_id","scheduled_for","status");--> statement-breakpoint
CREATE INDEX "waste_interventions_premises_idx" ON "waste_interventions" USING btree ("premises_id");--> statement-breakpoint
CREATE INDEX "waste_premises_commune_idx" ON "waste_premises" USING btree ("tenant_id","commune_insee");--> statement-breakpoint
CREATE INDEX "waste_premises_occupant_idx" ON "waste_premises" USING btree ("occupant_person_id");--> statement-breakpoint
CREATE INDEX "waste_stock_movements_item_idx" ON "waste_stock_movements" USING btree ("tenant_id","item_id","created_at");