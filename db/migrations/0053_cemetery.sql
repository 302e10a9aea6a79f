CREATE TABLE "cemetery_abandonment_steps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"abandonment_id" uuid NOT NULL,
	"step" text NOT NULL,
	"done_on" date NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_abandonment_steps_unique" UNIQUE("abandonment_id","step"),
	CONSTRAINT "cemetery_abandonment_steps_step" CHECK ("cemetery_abandonment_steps"."step" IN ('notice', 'first_report', 'first_notification', 'second_report', 'second_notification', 'council_decision', 'order'))
);
--> statement-breakpoint
CREATE TABLE "cemetery_abandonments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"concession_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cemetery_cemeteries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"plan_width" integer DEFAULT 1000 NOT NULL,
	"plan_height" integer DEFAULT 700 NOT NULL,
	"fictional" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_cemeteries_name_unique" UNIQUE("tenant_id","name")
);
--> statement-breakpoint
CREATE TABLE "cemetery_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"coffin_tenths" integer DEFAULT 10 NOT NULL,
	"urn_tenths" integer DEFAULT 1 NOT NULL,
	"reduction_tenths" integer DEFAULT 5 NOT NULL,
	"reduction_after_years" integer DEFAULT 5 NOT NULL,
	"public_search" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cemetery_concession_people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"concession_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"relationship" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"retain_until" date
);
--> statement-breakpoint
CREATE TABLE "cemetery_concessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plot_id" uuid NOT NULL,
	"category" text NOT NULL,
	"duration_years" integer,
	"act_number" text NOT NULL,
	"act_date" date NOT NULL,
	"starts_on" date NOT NULL,
	"price_cents" integer NOT NULL,
	"deliberation" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"renews_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_concessions_act_unique" UNIQUE("tenant_id","act_number"),
	CONSTRAINT "cemetery_concessions_category" CHECK ("cemetery_concessions"."category" IN ('temporary', 'thirty', 'fifty', 'perpetual'))
);
--> statement-breakpoint
CREATE TABLE "cemetery_deceased" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plot_id" uuid,
	"name" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"usage_name" text DEFAULT '' NOT NULL,
	"birth_date" date,
	"death_date" date NOT NULL,
	"death_place" text DEFAULT '' NOT NULL,
	"burial_date" date,
	"remains" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cemetery_operations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"plot_id" uuid NOT NULL,
	"deceased_id" uuid NOT NULL,
	"target_plot_id" uuid,
	"date" date NOT NULL,
	"funeral_operator" text NOT NULL,
	"habilitation" text NOT NULL,
	"official" text NOT NULL,
	"requester" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"authorisation" text,
	"validated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_operations_authorisation_unique" UNIQUE("tenant_id","authorisation"),
	CONSTRAINT "cemetery_operations_kind" CHECK ("cemetery_operations"."kind" IN ('burial', 'urn_deposit', 'exhumation', 'reduction', 'transfer'))
);
--> statement-breakpoint
CREATE TABLE "cemetery_plots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"cemetery_id" uuid NOT NULL,
	"section" text NOT NULL,
	"row" text DEFAULT '' NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"capacity_tenths" integer NOT NULL,
	"surface_m2" double precision,
	"x" double precision,
	"y" double precision,
	"geometry" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_plots_place_unique" UNIQUE("tenant_id","cemetery_id","section","row","number"),
	CONSTRAINT "cemetery_plots_type" CHECK ("cemetery_plots"."type" IN ('concession', 'columbarium', 'cavurne', 'enfeu', 'ossuary', 'depositoire', 'terrain_commun')),
	CONSTRAINT "cemetery_plots_capacity" CHECK ("cemetery_plots"."capacity_tenths" >= 0)
);
--> statement-breakpoint
CREATE TABLE "cemetery_tariffs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"category" text NOT NULL,
	"duration_years" integer,
	"price_cents" integer NOT NULL,
	"extra_m2_cents" integer DEFAULT 0 NOT NULL,
	"valid_from" date NOT NULL,
	"deliberation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cemetery_tariffs_unique" UNIQUE("tenant_id","category","duration_years","valid_from"),
	CONSTRAINT "cemetery_tariffs_category" CHECK ("cemetery_tariffs"."category" IN ('temporary', 'thirty', 'fifty', 'perpetual'))
);
--> statement-breakpoint
ALTER TABLE "cemetery_abandonment_steps" ADD CONSTRAINT "cemetery_abandonment_steps_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_abandonment_steps" ADD CONSTRAINT "cemetery_abandonment_steps_abandonment_id_cemetery_abandonments_id_fk" FOREIGN KEY ("abandonment_id") REFERENCES "public"."cemetery_abandonments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_abandonments" ADD CONSTRAINT "cemetery_abandonments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_abandonments" ADD CONSTRAINT "cemetery_abandonments_concession_id_cemetery_concessions_id_fk" FOREIGN KEY ("concession_id") REFERENCES "public"."cemetery_concessions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_cemeteries" ADD CONSTRAINT "cemetery_cemeteries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_settings" ADD CONSTRAINT "cemetery_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_concession_people" ADD CONSTRAINT "cemetery_concession_people_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_concession_people" ADD CONSTRAINT "cemetery_concession_people_concession_id_cemetery_concessions_id_fk" FOREIGN KEY ("concession_id") REFERENCES "public"."cemetery_concessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_concessions" ADD CONSTRAINT "cemetery_concessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_concessions" ADD CONSTRAINT "cemetery_concessions_plot_id_cemetery_plots_id_fk" FOREIGN KEY ("plot_id") REFERENCES "public"."cemetery_plots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_deceased" ADD CONSTRAINT "cemetery_deceased_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_deceased" ADD CONSTRAINT "cemetery_deceased_plot_id_cemetery_plots_id_fk" FOREIGN KEY ("plot_id") REFERENCES "public"."cemetery_plots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_operations" ADD CONSTRAINT "cemetery_operations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_operations" ADD CONSTRAINT "cemetery_operations_plot_id_cemetery_plots_id_fk" FOREIGN KEY ("plot_id") REFERENCES "public"."cemetery_plots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_operations" ADD CONSTRAINT "cemetery_operations_deceased_id_cemetery_deceased_id_fk" FOREIGN KEY ("deceased_id") REFERENCES "public"."cemetery_deceased"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_operations" ADD CONSTRAINT "cemetery_operations_target_plot_id_cemetery_plots_id_fk" FOREIGN KEY ("target_plot_id") REFERENCES "public"."cemetery_plots"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_plots" ADD CONSTRAINT "cemetery_plots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_plots" ADD CONSTRAINT "cemetery_plots_cemetery_id_cemetery_cemeteries_id_fk" FOREIGN KEY ("cemetery_id") REFERENCES "public"."cemetery_cemeteries"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cemetery_tariffs" ADD CONSTRAINT "cemetery_tariffs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cemetery_abandonments_concession_idx" ON "cemetery_abandonments" USING btree ("concession_id");--> statement-breakpoint
CREATE INDEX "cemetery_concession_people_idx" ON "cemetery_concession_people" USING btree ("concession_id");--> statement-breakpoint
CREATE INDEX "cemetery_concessions_plot_idx" ON "cemetery_concessions" USING btree ("plot_id");--> statement-breakpoint
CREATE INDEX "cemetery_deceased_plot_idx" ON "cemetery_deceased" USING btree ("plot_id");--> statement-breakpoint
CREATE INDEX "cemetery_deceased_name_idx" ON "cemetery_deceased" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "cemetery_operations_plot_idx" ON "cemetery_operations" USING btree ("plot_id");--> statement-breakpoint
CREATE INDEX "cemetery_plots_cemetery_idx" ON "cemetery_plots" USING btree ("cemetery_id");