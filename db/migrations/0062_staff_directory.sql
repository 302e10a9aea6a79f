-- The staff member who reads their own digital safe (role employee), and the staff directory (trombinoscope): professional phone, photo and consent per channel (issue #23).
CREATE TABLE "staff_photo_consents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"granted" boolean NOT NULL,
	"by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "memberships" DROP CONSTRAINT "memberships_role_format";--> statement-breakpoint
ALTER TABLE "staff_agents" ADD COLUMN "phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_agents" ADD COLUMN "photo_key" text;--> statement-breakpoint
ALTER TABLE "staff_agents" ADD COLUMN "photo_intranet" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_agents" ADD COLUMN "photo_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_photo_consents" ADD CONSTRAINT "staff_photo_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_photo_consents" ADD CONSTRAINT "staff_photo_consents_agent_id_staff_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."staff_agents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_photo_consents_agent_idx" ON "staff_photo_consents" USING btree ("agent_id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_format" CHECK ("memberships"."role" ~ '^(admin|agent:[a-z-]+|archivist|archive_controller|councillor|council_president|merchant|resident|employee)$');--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_photo_consents', 'own');
--> statement-breakpoint
-- Every consent change is kept (the agent's record of what they allowed, and when).
REVOKE UPDATE, DELETE, TRUNCATE ON public.staff_photo_consents FROM communa_app;
