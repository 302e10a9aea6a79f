-- API keys belong to one tenant and are seen by it only (ADR 0002, visibility 'own').
SELECT app.enable_tenant_rls('public.api_keys', 'own');
