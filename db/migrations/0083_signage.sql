ALTER TYPE "public"."device_kind" ADD VALUE 'screen';--> statement-breakpoint
CREATE TABLE "signage_boards" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "citizen_requests" ADD COLUMN "kiosk_device_id" uuid;--> statement-breakpoint
ALTER TABLE "signage_boards" ADD CONSTRAINT "signage_boards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;