CREATE TABLE "directory_photos" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"business_id" uuid NOT NULL,
	"key" text NOT NULL,
	"alt" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_photos_alt" CHECK (length(trim("directory_photos"."alt")) BETWEEN 3 AND 250)
);
--> statement-breakpoint
ALTER TABLE "directory_photos" ADD CONSTRAINT "directory_photos_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_photos" ADD CONSTRAINT "directory_photos_business_id_directory_businesses_id_fk" FOREIGN KEY ("business_id") REFERENCES "public"."directory_businesses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_photos_business_idx" ON "directory_photos" USING btree ("business_id","position");