-- Devices and their keys belong to one tenant and are seen by it only (ADR 0002, 'own').
SELECT app.enable_tenant_rls('public.devices', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.device_keys', 'own');
