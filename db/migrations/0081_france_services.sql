CREATE TABLE "france_services_accompaniments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"minutes" smallint NOT NULL,
	"channel" text NOT NULL,
	"commune_insee" char(5) NOT NULL,
	"operator" text,
	"partner_id" uuid,
	"family" text NOT NULL,
	"mission" text NOT NULL,
	"outcome" text NOT NULL,
	"autonomy" smallint NOT NULL,
	"mandate" boolean DEFAULT false NOT NULL,
	"mandate_reference" text,
	"created_by" text NOT NULL,
	"corrected_by" text,
	"retain_until" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "france_services_accompaniments_minutes" CHECK ("france_services_accompaniments"."minutes" BETWEEN 1 AND 480),
	CONSTRAINT "france_services_accompaniments_autonomy" CHECK ("france_services_accompaniments"."autonomy" BETWEEN 1 AND 4),
	CONSTRAINT "france_services_accompaniments_operator" CHECK (("france_services_accompaniments"."operator" IS NULL) <> ("france_services_accompaniments"."partner_id" IS NULL)),
	CONSTRAINT "france_services_accompaniments_channel" CHECK ("france_services_accompaniments"."channel" IN ('accueil', 'telephone', 'permanence', 'residence-sociale', 'partenariat')),
	CONSTRAINT "france_services_accompaniments_family" CHECK ("france_services_accompaniments"."family" IN ('papiers', 'famille', 'social', 'travail', 'logement', 'transports', 'argent', 'justice', 'etranger', 'loisirs')),
	CONSTRAINT "france_services_accompaniments_mission" CHECK ("france_services_accompaniments"."mission" IN ('information', 'accompagnement', 'orientation')),
	CONSTRAINT "france_services_accompaniments_outcome" CHECK ("france_services_accompaniments"."outcome" IN ('resolu', 'reoriente', 'attente-piece')),
	CONSTRAINT "france_services_accompaniments_mandate" CHECK (("france_services_accompaniments"."mandate" AND "france_services_accompaniments"."mandate_reference" IS NOT NULL AND "france_services_accompaniments"."mandate_reference" ~ '^[A-Za-z0-9][A-Za-z0-9_-]{2,39}$') OR (NOT "france_services_accompaniments"."mandate" AND "france_services_accompaniments"."mandate_reference" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "france_services_partners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "france_services_partners_kind" CHECK ("france_services_partners"."kind" IN ('operateur-local', 'bibliotheque', 'college', 'autre')),
	CONSTRAINT "france_services_partners_name" CHECK (length("france_services_partners"."name") BETWEEN 2 AND 120)
);
--> statement-breakpoint
CREATE TABLE "france_services_places" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"commune_insee" char(5) NOT NULL,
	"address" text NOT NULL,
	"slots" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "france_services_places_kind" CHECK ("france_services_places"."kind" IN ('accueil', 'permanence', 'residence-sociale'))
);
--> statement-breakpoint
CREATE TABLE "france_services_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "france_services_registrations_contact" CHECK ("france_services_registrations"."email" IS NOT NULL OR "france_services_registrations"."phone" IS NOT NULL)
);
--> statement-breakpoint
CREATE TABLE "france_services_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" smallint NOT NULL,
	"capacity" integer NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "france_services_sessions_capacity" CHECK ("france_services_sessions"."capacity" BETWEEN 1 AND 500),
	CONSTRAINT "france_services_sessions_minutes" CHECK ("france_services_sessions"."minutes" BETWEEN 15 AND 480)
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_format";--> statement-breakpoint
ALTER TABLE "france_services_accompaniments" ADD CONSTRAINT "france_services_accompaniments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_accompaniments" ADD CONSTRAINT "france_services_accompaniments_partner_id_france_services_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."france_services_partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_partners" ADD CONSTRAINT "france_services_partners_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_places" ADD CONSTRAINT "france_services_places_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_registrations" ADD CONSTRAINT "france_services_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_registrations" ADD CONSTRAINT "france_services_registrations_session_id_france_services_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."france_services_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_sessions" ADD CONSTRAINT "france_services_sessions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "france_services_sessions" ADD CONSTRAINT "france_services_sessions_partner_id_france_services_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."france_services_partners"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "france_services_accompaniments_day_idx" ON "france_services_accompaniments" USING btree ("tenant_id","day");--> statement-breakpoint
CREATE INDEX "france_services_accompaniments_agent_idx" ON "france_services_accompaniments" USING btree ("tenant_id","created_by","day");--> statement-breakpoint
CREATE INDEX "france_services_partners_tenant_idx" ON "france_services_partners" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "france_services_places_tenant_idx" ON "france_services_places" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "france_services_registrations_session_idx" ON "france_services_registrations" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "france_services_sessions_tenant_idx" ON "france_services_sessions" USING btree ("tenant_id","starts_at");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_format" CHECK ("memberships"."role" ~ '^(admin|agent:[a-z-]+|archivist|archive_controller|councillor|council_president|france_services_referent|merchant|resident|employee)$');