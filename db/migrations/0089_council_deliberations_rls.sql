-- Council deliberations (issue #15 §2): the tenant's own; public records kept permanently (no purge).
SELECT app.enable_tenant_rls('public.council_deliberations', 'own');
