-- Water and energy (issue #22, ADR 0035). Drinking water, groundwater and drought levels are public
-- data about the territory, held by the EPCI (the water competence) and shown on every member
-- commune's site: 'shared'. Buildings' energy, anomalies and dead letters stay the tenant's own.
SELECT app.enable_tenant_rls('public.env_water_networks', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_water_samples', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_water_results', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_piezo_stations', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_piezo_readings', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_drought_levels', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_dead_letters', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_anomalies', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_buildings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_meters', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.env_readings', 'own');
