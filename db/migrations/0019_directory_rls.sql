-- Listings are shown on every site of the territory ('shared', ADR 0002); products go with them;
-- claims are the tenant's own business.
SELECT app.enable_tenant_rls('public.directory_businesses', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.directory_products', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.directory_claims', 'own');
--> statement-breakpoint
-- French full-text search on name, category, description, commune and products (accent-insensitive).
ALTER TABLE public.directory_businesses ADD COLUMN search tsvector GENERATED ALWAYS AS (
  setweight(to_tsvector('app.fr', coalesce(name, '')), 'A') ||
  setweight(to_tsvector('app.fr', coalesce(category, '') || ' ' || coalesce(commune_name, '')), 'B') ||
  setweight(to_tsvector('app.fr', coalesce(description, '') || ' ' || coalesce(address, '')), 'C')
) STORED;
--> statement-breakpoint
CREATE INDEX directory_businesses_search_idx ON public.directory_businesses USING gin (search);
