-- Display boards (ADR 0046): each is the tenant's own; public reads go through the devices Worker.
SELECT app.enable_tenant_rls('public.signage_boards', 'own');
