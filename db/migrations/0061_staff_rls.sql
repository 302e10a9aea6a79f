-- The staff's digital safe (issue #23, ADR 0039) is each tenant's own: Laigneville's safe is
-- invisible from the EPCI and the EPCI's from its communes.
SELECT app.enable_tenant_rls('public.staff_settings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_keys', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_agents', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_batches', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_documents', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_access_journal', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.staff_oppositions', 'own');
--> statement-breakpoint
-- The access journal (CPCE L103 traceability) is append-only for the application: a line once
-- written is neither rewritten nor deleted (the chain's verifier would name it anyway).
REVOKE UPDATE, DELETE, TRUNCATE ON public.staff_access_journal FROM communa_app;
--> statement-breakpoint
-- The opposition register keeps every notice, opposition and withdrawal.
REVOKE UPDATE, DELETE, TRUNCATE ON public.staff_oppositions FROM communa_app;
