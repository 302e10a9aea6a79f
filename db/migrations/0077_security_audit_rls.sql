-- The security audit is each tenant's own (the EPCI and each commune run their own).
SELECT app.enable_tenant_rls('public.security_measure_status', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.security_findings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.security_assessments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.security_homologations', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.security_processing_notes', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.security_incidents', 'own');
