CREATE TYPE "public"."tenant_kind" AS ENUM('epci', 'commune');--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" "tenant_kind" NOT NULL,
	"name" text NOT NULL,
	"legal_name" text NOT NULL,
	"siren" char(9) NOT NULL,
	"insee" char(5),
	"parent_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_slug_unique" UNIQUE("slug"),
	CONSTRAINT "tenants_siren_unique" UNIQUE("siren"),
	CONSTRAINT "tenants_insee_unique" UNIQUE("insee"),
	CONSTRAINT "tenants_slug_format" CHECK ("tenants"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "tenants_siren_format" CHECK ("tenants"."siren" ~ '^[0-9]{9}$'),
	CONSTRAINT "tenants_kind_shape" CHECK (("tenants"."kind" = 'epci' AND "tenants"."parent_id" IS NULL AND "tenants"."insee" IS NULL) OR ("tenants"."kind" = 'commune'))
);
--> statement-breakpoint
CREATE TABLE "communes" (
	"insee" char(5) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"postcode" char(5) NOT NULL,
	"siren" char(9) NOT NULL,
	"epci_siren" char(9) NOT NULL,
	"population" integer NOT NULL,
	"population_total" integer NOT NULL,
	"population_year" smallint NOT NULL,
	"boundary" jsonb NOT NULL,
	"bbox" double precision[] NOT NULL,
	CONSTRAINT "communes_insee_format" CHECK ("communes"."insee" ~ '^[0-9][0-9AB][0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "competence_transfers" (
	"tenant_id" uuid NOT NULL,
	"competence_code" text NOT NULL,
	"since" date,
	"act" text,
	CONSTRAINT "competence_transfers_tenant_id_competence_code_pk" PRIMARY KEY("tenant_id","competence_code")
);
--> statement-breakpoint
CREATE TABLE "competences" (
	"code" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"mandatory_for_epci" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tenant_profiles" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"address" text,
	"phone" text,
	"email" text,
	"website" text,
	"opening_hours" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_parent_id_tenants_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_transfers" ADD CONSTRAINT "competence_transfers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competence_transfers" ADD CONSTRAINT "competence_transfers_competence_code_competences_code_fk" FOREIGN KEY ("competence_code") REFERENCES "public"."competences"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_profiles" ADD CONSTRAINT "tenant_profiles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenants_parent_idx" ON "tenants" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "communes_epci_idx" ON "communes" USING btree ("epci_siren");--> statement-breakpoint
CREATE INDEX "competence_transfers_tenant_idx" ON "competence_transfers" USING btree ("tenant_id");