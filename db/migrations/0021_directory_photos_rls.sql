-- Photos go with their listing: shown on every site of the territory ('shared', ADR 0002).
SELECT app.enable_tenant_rls('public.directory_photos', 'shared');
