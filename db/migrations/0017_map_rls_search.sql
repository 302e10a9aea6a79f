-- Layers and features: 'shared' visibility (an EPCI's show on its communes' maps and the reverse,
-- ADR 0002); whether a layer is public or for agents only is checked by the map Worker.
SELECT app.enable_tenant_rls('public.map_layers', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.map_features', 'shared');
--> statement-breakpoint
-- French full-text search, accent-insensitive ("chedeville" finds "Chédeville").
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION app.fr (COPY = pg_catalog.french);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION app.fr ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem;
--> statement-breakpoint
ALTER TABLE public.map_features ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('app.fr', coalesce(name, '')), 'A') ||
  setweight(to_tsvector('app.fr', coalesce(address, '') || ' ' || coalesce(commune_name, '')), 'B')
) STORED;
--> statement-breakpoint
CREATE INDEX map_features_search_idx ON public.map_features USING gin (search);
--> statement-breakpoint
-- A feature belongs to its layer's tenant: the database refuses a feature written by one tenant
-- into another tenant's layer (even one it can read).
ALTER TABLE public.map_layers ADD CONSTRAINT map_layers_id_tenant_unique UNIQUE (id, tenant_id);
--> statement-breakpoint
ALTER TABLE public.map_features ADD CONSTRAINT map_features_layer_tenant_fk FOREIGN KEY (layer_id, tenant_id) REFERENCES public.map_layers (id, tenant_id) ON DELETE CASCADE;
