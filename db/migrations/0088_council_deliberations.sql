CREATE TABLE "council_deliberations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"adopted_on" date NOT NULL,
	"subject" text NOT NULL,
	"item_type" text NOT NULL,
	"nature_code" integer DEFAULT 1 NOT NULL,
	"result" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "council_deliberations_number_unique" UNIQUE("tenant_id","year","seq"),
	CONSTRAINT "council_deliberations_item_unique" UNIQUE("item_id")
);
--> statement-breakpoint
ALTER TABLE "council_deliberations" ADD CONSTRAINT "council_deliberations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_deliberations" ADD CONSTRAINT "council_deliberations_sitting_id_council_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."council_sittings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_deliberations" ADD CONSTRAINT "council_deliberations_item_id_council_agenda_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."council_agenda_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "council_deliberations_tenant_idx" ON "council_deliberations" USING btree ("tenant_id","adopted_on");