CREATE TABLE "map_features" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"layer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"geom_type" text NOT NULL,
	"west" double precision NOT NULL,
	"south" double precision NOT NULL,
	"east" double precision NOT NULL,
	"north" double precision NOT NULL,
	"properties" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"address" text,
	"commune_insee" char(5),
	"commune_name" text,
	"trail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_features_bbox_valid" CHECK ("map_features"."west" >= -180 AND "map_features"."east" <= 180 AND "map_features"."south" >= -90 AND "map_features"."north" <= 90 AND "map_features"."west" <= "map_features"."east" AND "map_features"."south" <= "map_features"."north")
);
--> statement-breakpoint
CREATE TABLE "map_layers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"kind" text DEFAULT 'features' NOT NULL,
	"style" jsonb NOT NULL,
	"visibility" text DEFAULT 'public' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"licence" text DEFAULT 'Licence Ouverte 2.0' NOT NULL,
	"source_insee" char(5),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "map_layers_slug_unique" UNIQUE("tenant_id","slug"),
	CONSTRAINT "map_layers_slug_format" CHECK ("map_layers"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "map_layers_color_format" CHECK ("map_layers"."style"->>'color' ~ '^#[0-9a-f]{6}$')
);
--> statement-breakpoint
ALTER TABLE "map_features" ADD CONSTRAINT "map_features_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_features" ADD CONSTRAINT "map_features_layer_id_map_layers_id_fk" FOREIGN KEY ("layer_id") REFERENCES "public"."map_layers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "map_layers" ADD CONSTRAINT "map_layers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "map_features_layer_idx" ON "map_features" USING btree ("layer_id");--> statement-breakpoint
CREATE INDEX "map_features_bbox_idx" ON "map_features" USING btree ("west","east","south","north");