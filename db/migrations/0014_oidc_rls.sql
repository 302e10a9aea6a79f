-- Identity providers and the subjects they sign in belong to one tenant ('own', ADR 0002).
SELECT app.enable_tenant_rls('public.identity_providers', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.person_identities', 'own');
--> statement-breakpoint
-- First sign-in of a resident through a provider that admits them (FranceConnect): the person is
-- created with the one role people may give themselves, in the current tenant only. The
-- application role cannot insert people directly (it would then see nobody it created).
CREATE FUNCTION app.create_resident(p_id uuid, p_display_name text, p_email text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t uuid := app.current_tenant();
BEGIN
  IF t IS NULL THEN
    RAISE EXCEPTION 'no tenant in this transaction' USING ERRCODE = '42501';
  END IF;
  IF length(coalesce(p_display_name, '')) NOT BETWEEN 1 AND 200 THEN
    RAISE EXCEPTION 'display name required' USING ERRCODE = '22023';
  END IF;
  INSERT INTO public.people (id, display_name, email, last_seen_at) VALUES (p_id, p_display_name, p_email, now());
  INSERT INTO public.memberships (tenant_id, person_id, role, granted_by) VALUES (t, p_id, 'resident', 'self:first-sign-in');
END $$;
--> statement-breakpoint
-- Last sign-in of a member of the current tenant (people's retention counts from it).
CREATE FUNCTION app.person_signed_in(p_id uuid) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  UPDATE public.people SET last_seen_at = now()
   WHERE id = p_id
     AND EXISTS (SELECT 1 FROM public.memberships m WHERE m.person_id = p_id AND m.tenant_id = app.current_tenant());
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.create_resident(uuid, text, text), app.person_signed_in(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.create_resident(uuid, text, text), app.person_signed_in(uuid) TO communa_app;
