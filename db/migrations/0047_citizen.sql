CREATE TABLE "citizen_absences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "citizen_absences_range" CHECK ("citizen_absences"."starts_at" < "citizen_absences"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "citizen_agents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"person_id" uuid,
	"display_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_appointments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"motif_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"desk_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"held_from" timestamp with time zone NOT NULL,
	"held_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"overbooked" boolean DEFAULT false NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"phone" text,
	"commune_insee" char(5) NOT NULL,
	"person_id" uuid,
	"channel" text DEFAULT 'online' NOT NULL,
	"visio_url" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"request_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizen_appointments_range" CHECK ("citizen_appointments"."starts_at" < "citizen_appointments"."ends_at" AND "citizen_appointments"."held_from" <= "citizen_appointments"."starts_at" AND "citizen_appointments"."ends_at" <= "citizen_appointments"."held_until"),
	CONSTRAINT "citizen_appointments_contact" CHECK ("citizen_appointments"."email" IS NOT NULL OR "citizen_appointments"."phone" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "citizen_calendar_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"method" text NOT NULL,
	"sequence" integer NOT NULL,
	"ics" text NOT NULL,
	"outbox_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_closures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "citizen_closures_day_unique" UNIQUE("tenant_id","day")
);
--> statement-breakpoint
CREATE TABLE "citizen_desks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "citizen_desks_label_unique" UNIQUE("place_id","label")
);
--> statement-breakpoint
CREATE TABLE "citizen_link_keys" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"key" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_motifs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"interval_minutes" smallint NOT NULL,
	"buffer_before_minutes" smallint DEFAULT 0 NOT NULL,
	"buffer_after_minutes" smallint DEFAULT 0 NOT NULL,
	"location_type" text NOT NULL,
	"min_delay_minutes" integer DEFAULT 120 NOT NULL,
	"max_delay_days" smallint DEFAULT 60 NOT NULL,
	"change_window_hours" smallint DEFAULT 24 NOT NULL,
	"accept_text" text,
	"instructions" text,
	"bookable_by" text DEFAULT 'anyone' NOT NULL,
	"discreet" boolean DEFAULT false NOT NULL,
	"visio_pattern" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizen_motifs_durations" CHECK ("citizen_motifs"."duration_minutes" BETWEEN 5 AND 480 AND "citizen_motifs"."interval_minutes" BETWEEN 5 AND 480),
	CONSTRAINT "citizen_motifs_buffers" CHECK ("citizen_motifs"."buffer_before_minutes" BETWEEN 0 AND 240 AND "citizen_motifs"."buffer_after_minutes" BETWEEN 0 AND 240),
	CONSTRAINT "citizen_motifs_visio" CHECK ("citizen_motifs"."location_type" <> 'visio' OR "citizen_motifs"."visio_pattern" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "citizen_opening_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	CONSTRAINT "citizen_opening_rules_range" CHECK ("citizen_opening_rules"."weekday" BETWEEN 1 AND 7 AND 0 <= "citizen_opening_rules"."start_minute" AND "citizen_opening_rules"."start_minute" < "citizen_opening_rules"."end_minute" AND "citizen_opening_rules"."end_minute" <= 1440)
);
--> statement-breakpoint
CREATE TABLE "citizen_places" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"commune_insee" char(5),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_request_types" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"service_id" uuid,
	"implicit_decision" text DEFAULT 'none' NOT NULL,
	"implicit_delay_days" smallint,
	"appeal_routes" text,
	"rule_source" text NOT NULL,
	"rule_since" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "citizen_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" char(8) NOT NULL,
	"channel" text NOT NULL,
	"commune_insee" char(5),
	"service_id" uuid,
	"type_id" uuid,
	"subject" text NOT NULL,
	"agent_person_id" text,
	"due_on" date,
	"status" text DEFAULT 'open' NOT NULL,
	"name" text,
	"email" text,
	"phone" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"receipt" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "citizen_requests_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "citizen_requests_code_format" CHECK ("citizen_requests"."code" ~ '^[A-Z]{8}$')
);
--> statement-breakpoint
CREATE TABLE "citizen_services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_email" text,
	"contact_phone" text,
	"contact_address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "citizen_absences" ADD CONSTRAINT "citizen_absences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_absences" ADD CONSTRAINT "citizen_absences_agent_id_citizen_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."citizen_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_agents" ADD CONSTRAINT "citizen_agents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_agents" ADD CONSTRAINT "citizen_agents_service_id_citizen_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."citizen_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_appointments" ADD CONSTRAINT "citizen_appointments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_appointments" ADD CONSTRAINT "citizen_appointments_motif_id_citizen_motifs_id_fk" FOREIGN KEY ("motif_id") REFERENCES "public"."citizen_motifs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_appointments" ADD CONSTRAINT "citizen_appointments_agent_id_citizen_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."citizen_agents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_appointments" ADD CONSTRAINT "citizen_appointments_place_id_citizen_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."citizen_places"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_appointments" ADD CONSTRAINT "citizen_appointments_desk_id_citizen_desks_id_fk" FOREIGN KEY ("desk_id") REFERENCES "public"."citizen_desks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_calendar_messages" ADD CONSTRAINT "citizen_calendar_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_calendar_messages" ADD CONSTRAINT "citizen_calendar_messages_appointment_id_citizen_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."citizen_appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_closures" ADD CONSTRAINT "citizen_closures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_desks" ADD CONSTRAINT "citizen_desks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_desks" ADD CONSTRAINT "citizen_desks_place_id_citizen_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."citizen_places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_link_keys" ADD CONSTRAINT "citizen_link_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_motifs" ADD CONSTRAINT "citizen_motifs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_motifs" ADD CONSTRAINT "citizen_motifs_service_id_citizen_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."citizen_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_opening_rules" ADD CONSTRAINT "citizen_opening_rules_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_opening_rules" ADD CONSTRAINT "citizen_opening_rules_agent_id_citizen_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."citizen_agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_opening_rules" ADD CONSTRAINT "citizen_opening_rules_place_id_citizen_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."citizen_places"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_places" ADD CONSTRAINT "citizen_places_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_request_types" ADD CONSTRAINT "citizen_request_types_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_request_types" ADD CONSTRAINT "citizen_request_types_service_id_citizen_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."citizen_services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD CONSTRAINT "citizen_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD CONSTRAINT "citizen_requests_service_id_citizen_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."citizen_services"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD CONSTRAINT "citizen_requests_type_id_citizen_request_types_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."citizen_request_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citizen_services" ADD CONSTRAINT "citizen_services_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "citizen_appointments_agent_idx" ON "citizen_appointments" USING btree ("tenant_id","agent_id","starts_at");--> statement-breakpoint
CREATE INDEX "citizen_opening_rules_agent_idx" ON "citizen_opening_rules" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "citizen_requests_queue_idx" ON "citizen_requests" USING btree ("tenant_id","status","due_on");