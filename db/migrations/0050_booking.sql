CREATE TABLE "booking_bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"renter_id" uuid,
	"series_id" uuid,
	"state" text NOT NULL,
	"exclusive" boolean NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"option_expires_at" timestamp with time zone,
	"purpose" text DEFAULT '' NOT NULL,
	"due_cents" integer,
	"tariff_id" uuid,
	"paid_cents" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_bookings_reference_unique" UNIQUE("tenant_id","reference"),
	CONSTRAINT "booking_bookings_period" CHECK ("booking_bookings"."ends_at" > "booking_bookings"."starts_at"),
	CONSTRAINT "booking_bookings_quantity" CHECK ("booking_bookings"."quantity" > 0),
	CONSTRAINT "booking_bookings_option" CHECK ("booking_bookings"."state" <> 'option' OR "booking_bookings"."option_expires_at" IS NOT NULL),
	CONSTRAINT "booking_bookings_renter" CHECK ("booking_bookings"."state" = 'blackout' OR "booking_bookings"."renter_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "booking_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"renter_id" uuid NOT NULL,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_registrations_once" UNIQUE("session_id","renter_id")
);
--> statement-breakpoint
CREATE TABLE "booking_renters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"person_id" text,
	"rna" text,
	"insurance_valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_renters_rna" CHECK ("booking_renters"."rna" IS NULL OR "booking_renters"."rna" ~ '^W[0-9]{9}$'),
	CONSTRAINT "booking_renters_association" CHECK ("booking_renters"."kind" <> 'association' OR "booking_renters"."rna" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "booking_resources" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"quantity" integer,
	"accessibility" text DEFAULT '' NOT NULL,
	"step_free" boolean DEFAULT false NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"requires_training" boolean DEFAULT false NOT NULL,
	"option_days" integer DEFAULT 8 NOT NULL,
	"unavailable_reason" text,
	"fictional" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_resources_name_unique" UNIQUE("tenant_id","name"),
	CONSTRAINT "booking_resources_quantity" CHECK (("booking_resources"."kind" = 'equipment') = ("booking_resources"."quantity" IS NOT NULL) AND coalesce("booking_resources"."quantity", 1) > 0),
	CONSTRAINT "booking_resources_capacity" CHECK ("booking_resources"."capacity" IS NULL OR "booking_resources"."capacity" > 0),
	CONSTRAINT "booking_resources_option_days" CHECK ("booking_resources"."option_days" BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE TABLE "booking_series" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"renter_id" uuid NOT NULL,
	"starts_local" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"rrule" text NOT NULL,
	"exceptions" date[] DEFAULT '{}'::date[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"places" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_sessions_places" CHECK ("booking_sessions"."places" > 0)
);
--> statement-breakpoint
CREATE TABLE "booking_tariffs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"renter_kind" text NOT NULL,
	"unit" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"deliberation_number" text NOT NULL,
	"deliberation_date" date NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_tariffs_line_unique" UNIQUE("tenant_id","resource_id","renter_kind","valid_from"),
	CONSTRAINT "booking_tariffs_amount" CHECK ("booking_tariffs"."amount_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "booking_trainings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"renter_id" uuid NOT NULL,
	"trainer" text NOT NULL,
	"trained_on" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "booking_trainings_period" CHECK ("booking_trainings"."valid_until" >= "booking_trainings"."trained_on")
);
--> statement-breakpoint
ALTER TABLE "booking_bookings" ADD CONSTRAINT "booking_bookings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_bookings" ADD CONSTRAINT "booking_bookings_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_bookings" ADD CONSTRAINT "booking_bookings_renter_id_booking_renters_id_fk" FOREIGN KEY ("renter_id") REFERENCES "public"."booking_renters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_bookings" ADD CONSTRAINT "booking_bookings_series_id_booking_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."booking_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_bookings" ADD CONSTRAINT "booking_bookings_tariff_id_booking_tariffs_id_fk" FOREIGN KEY ("tariff_id") REFERENCES "public"."booking_tariffs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_registrations" ADD CONSTRAINT "booking_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_registrations" ADD CONSTRAINT "booking_registrations_session_id_booking_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."booking_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_registrations" ADD CONSTRAINT "booking_registrations_renter_id_booking_renters_id_fk" FOREIGN KEY ("renter_id") REFERENCES "public"."booking_renters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_renters" ADD CONSTRAINT "booking_renters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_resources" ADD CONSTRAINT "booking_resources_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_series" ADD CONSTRAINT "booking_series_renter_id_booking_renters_id_fk" FOREIGN KEY ("renter_id") REFERENCES "public"."booking_renters"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_sessions" ADD CONSTRAINT "booking_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_sessions" ADD CONSTRAINT "booking_sessions_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_tariffs" ADD CONSTRAINT "booking_tariffs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_tariffs" ADD CONSTRAINT "booking_tariffs_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_trainings" ADD CONSTRAINT "booking_trainings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_trainings" ADD CONSTRAINT "booking_trainings_resource_id_booking_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."booking_resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_trainings" ADD CONSTRAINT "booking_trainings_renter_id_booking_renters_id_fk" FOREIGN KEY ("renter_id") REFERENCES "public"."booking_renters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_bookings_resource_idx" ON "booking_bookings" USING btree ("tenant_id","resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "booking_bookings_renter_idx" ON "booking_bookings" USING btree ("tenant_id","renter_id");--> statement-breakpoint
CREATE INDEX "booking_bookings_state_idx" ON "booking_bookings" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "booking_registrations_session_idx" ON "booking_registrations" USING btree ("tenant_id","session_id","state");--> statement-breakpoint
CREATE INDEX "booking_renters_person_idx" ON "booking_renters" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "booking_sessions_resource_idx" ON "booking_sessions" USING btree ("tenant_id","resource_id","starts_at");--> statement-breakpoint
CREATE INDEX "booking_trainings_renter_idx" ON "booking_trainings" USING btree ("tenant_id","renter_id","resource_id");