ALTER TABLE "council_proxies" DROP CONSTRAINT "council_proxies_sittings_range";--> statement-breakpoint
ALTER TABLE "council_members" ADD COLUMN "substitute_for_member_id" uuid;--> statement-breakpoint
ALTER TABLE "council_proxies" ADD COLUMN "illness" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD COLUMN "synthesis_note" text;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD COLUMN "synthesis_note_url" text;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD COLUMN "convened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "council_sittings" ADD COLUMN "urgency_reason" text;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_substitute_for_member_id_council_members_id_fk" FOREIGN KEY ("substitute_for_member_id") REFERENCES "public"."council_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_members" ADD CONSTRAINT "council_members_one_substitute" UNIQUE("substitute_for_member_id");--> statement-breakpoint
ALTER TABLE "council_proxies" ADD CONSTRAINT "council_proxies_sittings_range" CHECK ("council_proxies"."sittings" >= 1 AND ("council_proxies"."sittings" <= 3 OR "council_proxies"."illness"));