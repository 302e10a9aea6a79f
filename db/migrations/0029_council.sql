CREATE TABLE "council_agenda_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"rapporteur_member_id" uuid,
	"kind" text DEFAULT 'motion' NOT NULL,
	"teleconference_excluded" boolean DEFAULT false NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"candidate_ids" uuid[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "council_agenda_items_position_unique" UNIQUE("sitting_id","position")
);
--> statement-breakpoint
CREATE TABLE "council_convocations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "council_convocations_member_unique" UNIQUE("sitting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "council_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"person_id" uuid,
	"full_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"office" text DEFAULT 'Conseiller' NOT NULL,
	"commune_insee" char(5),
	"mandate_start" date NOT NULL,
	"mandate_end" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_members_person_unique" UNIQUE("council_id","person_id"),
	CONSTRAINT "council_members_mandate_order" CHECK ("council_members"."mandate_end" IS NULL OR "council_members"."mandate_end" >= "council_members"."mandate_start")
);
--> statement-breakpoint
CREATE TABLE "council_proxies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"giver_member_id" uuid NOT NULL,
	"holder_member_id" uuid NOT NULL,
	"first_sitting_id" uuid NOT NULL,
	"sittings" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "council_proxies_sittings_range" CHECK ("council_proxies"."sittings" BETWEEN 1 AND 3),
	CONSTRAINT "council_proxies_not_self" CHECK ("council_proxies"."giver_member_id" <> "council_proxies"."holder_member_id")
);
--> statement-breakpoint
CREATE TABLE "council_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"visio_url" text,
	CONSTRAINT "council_rooms_visio_https" CHECK ("council_rooms"."visio_url" IS NULL OR "council_rooms"."visio_url" ~ '^https://')
);
--> statement-breakpoint
CREATE TABLE "council_sitting_rooms" (
	"tenant_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"room_id" uuid NOT NULL,
	CONSTRAINT "council_sitting_rooms_sitting_id_room_id_pk" PRIMARY KEY("sitting_id","room_id")
);
--> statement-breakpoint
CREATE TABLE "council_sittings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"president_member_id" uuid,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"minutes" jsonb,
	"minutes_key" text,
	"minutes_sha256" char(64),
	"minutes_json_sha256" char(64),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_sittings_sha_format" CHECK ("council_sittings"."minutes_sha256" IS NULL OR "council_sittings"."minutes_sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "council_councils" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_sitting_id_council_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_agenda_items" ADD CONSTRAINT "council_agenda_items_rapporteur_member_id_council_members_id_fk" FOREIGN KEY ("rapporteur_member_id") REFERENCES "public"."council_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_convocations" ADD CONSTRAINT "council_convocations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_convocations" ADD CONSTRAINT "council_convocations_sitting_id_council_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_convocations" ADD CONSTRAINT "council_convocations_member_id_council_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."council_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_council_id_council_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council_councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_council_id_council_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council_councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_giver_member_id_council_members_id_fk" FOREIGN KEY ("giver_member_id") REFERENCES "public"."council_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_holder_member_id_council_members_id_fk" FOREIGN KEY ("holder_member_id") REFERENCES "public"."council_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_first_sitting_id_council_sittings_id_fk" FOREIGN KEY ("first_sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_rooms" ADD CONSTRAINT "council_rooms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_rooms" ADD CONSTRAINT "council_rooms_council_id_council_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council_councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sitting_rooms" ADD CONSTRAINT "council_sitting_rooms_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sitting_rooms" ADD CONSTRAINT "council_sitting_rooms_sitting_id_council_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sitting_rooms" ADD CONSTRAINT "council_sitting_rooms_room_id_council_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."council_rooms"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD CONSTRAINT "council_sittings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD CONSTRAINT "council_sittings_council_id_council_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."council_councils"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD CONSTRAINT "council_sittings_president_member_id_council_members_id_fk" FOREIGN KEY ("president_member_id") REFERENCES "public"."council_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_councils" ADD CONSTRAINT "council_councils_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_agenda_items_tenant_idx" ON "council_agenda_items" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "council_convocations_tenant_idx" ON "council_convocations" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "council_members_council_idx" ON "council_members" USING btree ("tenant_id","council_id");--> statement-breakpoint
CREATE INDEX "council_proxies_council_idx" ON "council_proxies" USING btree ("tenant_id","council_id");--> statement-breakpoint
CREATE INDEX "council_rooms_council_idx" ON "council_rooms" USING btree ("tenant_id","council_id");--> statement-breakpoint
CREATE INDEX "council_sittings_council_idx" ON "council_sittings" USING btree ("tenant_id","council_id","starts_at");--> statement-breakpoint
CREATE INDEX "council_councils_tenant_idx" ON "council_councils" USING btree ("tenant_id");