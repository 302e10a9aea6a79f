-- Sessions, sign-in links and the outbox belong to one tenant and are seen by it only ('own').
SELECT app.enable_tenant_rls('public.sessions', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.magic_links', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.outbox', 'own');
--> statement-breakpoint
-- People can now be found by e-mail for sign-in links (only members of the tenant, by RLS).
CREATE INDEX people_email_idx ON public.people (lower(email));
