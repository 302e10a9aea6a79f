CREATE TABLE "recruitment_health" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"disabled_worker" boolean NOT NULL,
	"accommodations" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recruitment_health" ADD CONSTRAINT "recruitment_health_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_health" ADD CONSTRAINT "recruitment_health_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- Health data (issue #24): the tenant's own, like the application it belongs to.
SELECT app.enable_tenant_rls('public.recruitment_health', 'own');
