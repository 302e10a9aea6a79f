CREATE TABLE "tenant_identities" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"accent" text,
	"accent_dark" text,
	"logo_hash" text,
	"logo_alt" text,
	"logo_width" integer,
	"logo_height" integer,
	"logo_bytes" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenant_identities_accent" CHECK ("tenant_identities"."accent" ~ '^#[0-9a-f]{6}$' AND "tenant_identities"."accent_dark" ~ '^#[0-9a-f]{6}$' OR "tenant_identities"."accent" IS NULL AND "tenant_identities"."accent_dark" IS NULL),
	CONSTRAINT "tenant_identities_logo" CHECK ("tenant_identities"."logo_hash" IS NULL AND "tenant_identities"."logo_alt" IS NULL AND "tenant_identities"."logo_width" IS NULL AND "tenant_identities"."logo_height" IS NULL AND "tenant_identities"."logo_bytes" IS NULL OR "tenant_identities"."logo_hash" ~ '^[0-9a-f]{64}$' AND length(trim("tenant_identities"."logo_alt")) BETWEEN 1 AND 120 AND "tenant_identities"."logo_width" > 0 AND "tenant_identities"."logo_height" > 0 AND "tenant_identities"."logo_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "tenant_identities" ADD CONSTRAINT "tenant_identities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Public on every site of the territory, like the contact card: its EPCI and member communes read it ('shared', ADR 0002).
SELECT app.enable_tenant_rls('public.tenant_identities', 'shared');
