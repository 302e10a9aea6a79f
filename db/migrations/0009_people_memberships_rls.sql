-- Memberships belong to the tenant that grants them (ADR 0002, 'own').
SELECT app.enable_tenant_rls('public.memberships', 'own');
--> statement-breakpoint
-- People are not tenant-owned: a tenant sees a person only while that person holds a role in it.
-- Creating people belongs to sign-in (a SECURITY DEFINER function, with issue #3's OpenID Connect).
ALTER TABLE public.people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_read ON public.people FOR SELECT
  USING (EXISTS (SELECT 1 FROM public.memberships m WHERE m.person_id = people.id AND m.tenant_id = app.current_tenant()));
--> statement-breakpoint
GRANT SELECT ON public.people TO communa_app;
