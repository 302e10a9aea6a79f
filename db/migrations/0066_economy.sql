CREATE TABLE "economy_establishment_terrains" (
	"tenant_id" uuid NOT NULL,
	"establishment_id" uuid NOT NULL,
	"terrain_id" uuid NOT NULL,
	CONSTRAINT "economy_establishment_terrains_establishment_id_terrain_id_pk" PRIMARY KEY("establishment_id","terrain_id")
);
--> statement-breakpoint
CREATE TABLE "economy_establishments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"siret" text NOT NULL,
	"legal_name" text NOT NULL,
	"name" text NOT NULL,
	"legal_category" text NOT NULL,
	"naf_code" text NOT NULL,
	"naf_version" text NOT NULL,
	"naf_label" text NOT NULL,
	"workforce_code" text NOT NULL,
	"workforce_year" integer NOT NULL,
	"head_office" boolean DEFAULT false NOT NULL,
	"created_on" date NOT NULL,
	"identified_on" date NOT NULL,
	"updated_on" date NOT NULL,
	"closed_on" date,
	"commune_insee" text NOT NULL,
	"commune_name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"geocoding" text NOT NULL,
	"points" jsonb NOT NULL,
	"public_diffusion" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_establishments_siret_unique" UNIQUE("tenant_id","siret"),
	CONSTRAINT "economy_establishments_siret" CHECK ("economy_establishments"."siret" ~ '^[0-9]{14}$'),
	CONSTRAINT "economy_establishments_category" CHECK ("economy_establishments"."legal_category" ~ '^[0-9]{4}$'),
	CONSTRAINT "economy_establishments_naf_version" CHECK ("economy_establishments"."naf_version" IN ('NAFRev2', 'NAF2025')),
	CONSTRAINT "economy_establishments_naf" CHECK ("economy_establishments"."naf_code" ~ '^[0-9]{2}\.?[0-9]{2}[A-Z]$'),
	CONSTRAINT "economy_establishments_workforce" CHECK ("economy_establishments"."workforce_code" IN ('11', '12', '21', '22', '31', '32', '41', '42', '51', '52', '53', 'NN', '00', '01', '02', '03')),
	CONSTRAINT "economy_establishments_geocoding" CHECK ("economy_establishments"."geocoding" IN ('non localisé', 'localisation à la commune', 'localisation au lieu-dit', 'localisation à la rue (sans numéro)', 'localisation à la plaque adresse', 'localisation à la parcelle', 'localisation au bâtiment', 'inconnu', 'autre', 'sans objet'))
);
--> statement-breakpoint
CREATE TABLE "economy_inventories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"tax_year" integer NOT NULL,
	"consultation_from" date,
	"consultation_until" date,
	"adopted_on" date,
	"deliberation" text,
	"adopted" jsonb,
	"update_due" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_inventories_status" CHECK ("economy_inventories"."status" IN ('draft', 'consultation', 'adopted', 'transmitted'))
);
--> statement-breakpoint
CREATE TABLE "economy_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"inventory_id" uuid NOT NULL,
	"terrain_id" uuid,
	"role" text NOT NULL,
	"recipient" text NOT NULL,
	"address" text NOT NULL,
	"body" text NOT NULL,
	"sent_on" date NOT NULL,
	"replied_on" date,
	"reply" text,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"correction" text,
	"retain_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_letters_outcome" CHECK ("economy_letters"."outcome" IN ('pending', 'no_change', 'corrected', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "economy_occupancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"terrain_id" uuid NOT NULL,
	"establishment_id" uuid,
	"occupant" text NOT NULL,
	"cfe_liable" boolean NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_occupancies_dates" CHECK ("economy_occupancies"."ended_on" IS NULL OR "economy_occupancies"."ended_on" >= "economy_occupancies"."started_on")
);
--> statement-breakpoint
CREATE TABLE "economy_owners" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"terrain_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"siren" text,
	"address" text NOT NULL,
	"since" date,
	"until" date,
	"retain_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_owners_kind" CHECK ("economy_owners"."kind" IN ('natural_person', 'legal_person')),
	CONSTRAINT "economy_owners_siren" CHECK ("economy_owners"."siren" IS NULL OR "economy_owners"."siren" ~ '^[0-9]{9}$')
);
--> statement-breakpoint
CREATE TABLE "economy_poles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"vocation" text NOT NULL,
	"reach" text,
	"identified_on" date NOT NULL,
	"updated_on" date NOT NULL,
	"point" jsonb NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_poles_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "economy_poles_code" CHECK ("economy_poles"."code" ~ '^[0-9][0-9AB][0-9]{3}_POLE-ECO_[0-9]{5}$'),
	CONSTRAINT "economy_poles_vocation" CHECK ("economy_poles"."vocation" IN ('industrielle', 'commerciale', 'tertiaire', 'artisanale', 'touristique', 'portuaire', 'aéroportuaire, aéronautique', 'entrepôts, logistique', 'logistique agricole', 'mixte à dominante logistique', 'mixte, sans dominante', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_poles_reach" CHECK ("economy_poles"."reach" IS NULL OR "economy_poles"."reach" IN ('international', 'national', 'régional', 'local', 'inconnu', 'autre', 'sans objet'))
);
--> statement-breakpoint
CREATE TABLE "economy_sites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"pole_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"vocation" text NOT NULL,
	"state" text NOT NULL,
	"urban_evolution" text,
	"gross_ha" double precision NOT NULL,
	"useful_ha" double precision NOT NULL,
	"creation_year" integer,
	"identified_on" date NOT NULL,
	"updated_on" date NOT NULL,
	"commune_insee" text NOT NULL,
	"commune_name" text NOT NULL,
	"moa_type" text NOT NULL,
	"moa_name" text DEFAULT '' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"flags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"access" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"constraints" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact" jsonb NOT NULL,
	"geometry" jsonb NOT NULL,
	"perimeter_approximate" boolean DEFAULT false NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_sites_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "economy_sites_code" CHECK ("economy_sites"."code" ~ '^[0-9][0-9AB][0-9]{3}_SITE-ECO_[0-9]{5}$'),
	CONSTRAINT "economy_sites_type" CHECK ("economy_sites"."type" IN ('zone d''activité économique', 'site économique historique hors ZAE', 'établissement économique isolé', 'zone AU à vocation économique', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_sites_vocation" CHECK ("economy_sites"."vocation" IN ('industrielle', 'commerciale', 'tertiaire', 'artisanale', 'touristique', 'portuaire', 'aéroportuaire, aéronautique', 'entrepôts, logistique', 'logistique agricole', 'mixte', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_sites_state" CHECK ("economy_sites"."state" IN ('en projet', 'création', 'existant et actif', 'projet de déclassement', 'déclassé', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_sites_evolution" CHECK ("economy_sites"."urban_evolution" IS NULL OR "economy_sites"."urban_evolution" IN ('extension urbaine', 'renouvellement urbain', 'mixte', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_sites_moa" CHECK ("economy_sites"."moa_type" IN ('commune', 'epci', 'société d''économie mixte', 'chambre de commerce et industrie', 'Etat', 'privé', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_sites_surfaces" CHECK ("economy_sites"."gross_ha" >= 0 AND "economy_sites"."useful_ha" >= 0 AND "economy_sites"."useful_ha" <= "economy_sites"."gross_ha"),
	CONSTRAINT "economy_sites_insee" CHECK ("economy_sites"."commune_insee" ~ '^[0-9][0-9AB][0-9]{3}$')
);
--> statement-breakpoint
CREATE TABLE "economy_terrains" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"site_id" uuid NOT NULL,
	"parcels" text[] NOT NULL,
	"gross_ha" double precision NOT NULL,
	"useful" boolean DEFAULT true NOT NULL,
	"identified_on" date NOT NULL,
	"updated_on" date NOT NULL,
	"land_control" text NOT NULL,
	"development_stage" text NOT NULL,
	"sale_stage" text NOT NULL,
	"occupancy_state" text NOT NULL,
	"use" text NOT NULL,
	"cartofriches_url" text,
	"turnkey" boolean,
	"price_m2_cents" integer,
	"disused_since" date,
	"evidence" text,
	"evidence_on" date,
	"evidence_note" text DEFAULT '' NOT NULL,
	"geometry" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_terrains_code_unique" UNIQUE("tenant_id","code"),
	CONSTRAINT "economy_terrains_code" CHECK ("economy_terrains"."code" ~ '^[0-9][0-9AB][0-9]{3}_TERRAIN-ECO_[0-9]{5}$'),
	CONSTRAINT "economy_terrains_parcels" CHECK (cardinality("economy_terrains"."parcels") >= 1 AND array_to_string("economy_terrains"."parcels", '|') ~ '^[0-9]{8}[0-9A-Z]{2}[0-9]{4}(\|[0-9]{8}[0-9A-Z]{2}[0-9]{4})*$'),
	CONSTRAINT "economy_terrains_area" CHECK ("economy_terrains"."gross_ha" > 0),
	CONSTRAINT "economy_terrains_control" CHECK ("economy_terrains"."land_control" IN ('personne physique', 'Etat', 'région', 'département', 'structure intercommunale', 'commune', 'autre collectivité territoriale', 'organisme de logement social', 'établissement public foncier', 'SEM ou SPLA', 'aménageur', 'investisseur professionnel', 'établissement de santé et structure sociale', 'établissement de tourisme et structure de loisir sportive ou cultuelle', 'établissement industriel et commercial', 'organisation de gestion foncière et immobilière', 'établissement d''enseignement d''étude et de recherche', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_terrains_development" CHECK ("economy_terrains"."development_stage" IN ('non aménageable', 'non aménagé, non viabilisé', 'viabilisation en cours', 'viabilisé non aménagé', 'viabilisé et aménagé', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_terrains_sale" CHECK ("economy_terrains"."sale_stage" IN ('non commercialisé', 'non commercialisable', 'en vente', 'en vente avec contraintes', 'vendu, commercialisation achevée', 'réservé par option de réservation', 'réservé par une délibération de l''EPCI', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_terrains_occupancy" CHECK ("economy_terrains"."occupancy_state" IN ('inoccupé', 'occupation transitoire', 'occupé', 'vacant', 'friche', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_terrains_use" CHECK ("economy_terrains"."use" IN ('voirie ou infrastructure', 'parkings, stationnement', 'zone de retournement poids-lourds', 'autres équipements publics', 'bâti productif', 'bâti résidentiel', 'bassin d''orage ou de rétention', 'espace vert', 'espace naturel ou forestier', 'espace agricole', 'zone de service partagée entre entreprises', 'carrières, zones d''extraction', 'dépôt, stockage', 'production d’énergie renouvelable', 'inconnu', 'autre', 'sans objet')),
	CONSTRAINT "economy_terrains_evidence" CHECK ("economy_terrains"."evidence" IS NULL OR "economy_terrains"."evidence" IN ('field_visit', 'owner_statement', 'occupancy_history')),
	CONSTRAINT "economy_terrains_price" CHECK ("economy_terrains"."price_m2_cents" IS NULL OR "economy_terrains"."price_m2_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "economy_transmissions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"inventory_id" uuid NOT NULL,
	"authority" text NOT NULL,
	"authority_name" text NOT NULL,
	"sent_on" date NOT NULL,
	"document_ref" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_transmissions_unique" UNIQUE("inventory_id","authority"),
	CONSTRAINT "economy_transmissions_authority" CHECK ("economy_transmissions"."authority" IN ('scot', 'plu', 'plh'))
);
--> statement-breakpoint
CREATE TABLE "economy_vacancy_snapshots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"tax_year" integer NOT NULL,
	"computed_on" date NOT NULL,
	"total" integer NOT NULL,
	"vacant" integer NOT NULL,
	"rate_percent" integer,
	"units" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "economy_vacancy_counts" CHECK ("economy_vacancy_snapshots"."vacant" >= 0 AND "economy_vacancy_snapshots"."vacant" <= "economy_vacancy_snapshots"."total")
);
--> statement-breakpoint
ALTER TABLE "economy_establishment_terrains" ADD CONSTRAINT "economy_establishment_terrains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_establishment_terrains" ADD CONSTRAINT "economy_establishment_terrains_establishment_id_economy_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."economy_establishments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_establishment_terrains" ADD CONSTRAINT "economy_establishment_terrains_terrain_id_economy_terrains_id_fk" FOREIGN KEY ("terrain_id") REFERENCES "public"."economy_terrains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_establishments" ADD CONSTRAINT "economy_establishments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_inventories" ADD CONSTRAINT "economy_inventories_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_inventories" ADD CONSTRAINT "economy_inventories_site_id_economy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."economy_sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_letters" ADD CONSTRAINT "economy_letters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_letters" ADD CONSTRAINT "economy_letters_inventory_id_economy_inventories_id_fk" FOREIGN KEY ("inventory_id") REFERENCES "public"."economy_inventories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_letters" ADD CONSTRAINT "economy_letters_terrain_id_economy_terrains_id_fk" FOREIGN KEY ("terrain_id") REFERENCES "public"."economy_terrains"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_occupancies" ADD CONSTRAINT "economy_occupancies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_occupancies" ADD CONSTRAINT "economy_occupancies_terrain_id_economy_terrains_id_fk" FOREIGN KEY ("terrain_id") REFERENCES "public"."economy_terrains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_occupancies" ADD CONSTRAINT "economy_occupancies_establishment_id_economy_establishments_id_fk" FOREIGN KEY ("establishment_id") REFERENCES "public"."economy_establishments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_owners" ADD CONSTRAINT "economy_owners_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_owners" ADD CONSTRAINT "economy_owners_terrain_id_economy_terrains_id_fk" FOREIGN KEY ("terrain_id") REFERENCES "public"."economy_terrains"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_poles" ADD CONSTRAINT "economy_poles_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_sites" ADD CONSTRAINT "economy_sites_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_sites" ADD CONSTRAINT "economy_sites_pole_id_economy_poles_id_fk" FOREIGN KEY ("pole_id") REFERENCES "public"."economy_poles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_terrains" ADD CONSTRAINT "economy_terrains_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_terrains" ADD CONSTRAINT "economy_terrains_site_id_economy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."economy_sites"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_transmissions" ADD CONSTRAINT "economy_transmissions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_transmissions" ADD CONSTRAINT "economy_transmissions_inventory_id_economy_inventories_id_fk" FOREIGN KEY ("inventory_id") REFERENCES "public"."economy_inventories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_vacancy_snapshots" ADD CONSTRAINT "economy_vacancy_snapshots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "economy_vacancy_snapshots" ADD CONSTRAINT "economy_vacancy_snapshots_site_id_economy_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."economy_sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "economy_establishment_terrains_terrain_idx" ON "economy_establishment_terrains" USING btree ("terrain_id");--> statement-breakpoint
CREATE INDEX "economy_inventories_site_idx" ON "economy_inventories" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "economy_letters_inventory_idx" ON "economy_letters" USING btree ("inventory_id");--> statement-breakpoint
CREATE INDEX "economy_occupancies_terrain_idx" ON "economy_occupancies" USING btree ("terrain_id");--> statement-breakpoint
CREATE INDEX "economy_owners_terrain_idx" ON "economy_owners" USING btree ("terrain_id");--> statement-breakpoint
CREATE INDEX "economy_sites_pole_idx" ON "economy_sites" USING btree ("pole_id");--> statement-breakpoint
CREATE INDEX "economy_terrains_site_idx" ON "economy_terrains" USING btree ("site_id");--> statement-breakpoint
CREATE INDEX "economy_vacancy_snapshots_site_idx" ON "economy_vacancy_snapshots" USING btree ("site_id","tax_year");