-- France Services (ADR 0045): every table is the tenant's own.
SELECT app.enable_tenant_rls('public.france_services_partners', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.france_services_places', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.france_services_accompaniments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.france_services_sessions', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.france_services_registrations', 'own');
--> statement-breakpoint
-- Retention (db/src/retention.ts): an accompaniment goes the day after its own `retain_until` (set
-- when it is recorded, from the Worker's dated parameter); a registration one month after its
-- session. `at` is the clock (tests pass one; the cron passes none). SECURITY DEFINER, each tenant
-- in turn.
CREATE FUNCTION app.purge_france_services_expired(at timestamptz DEFAULT now()) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  accompaniments int := 0;
  registrations int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.france_services_accompaniments WHERE tenant_id = t.id AND retain_until < (at AT TIME ZONE 'Europe/Paris')::date;
    GET DIAGNOSTICS n = ROW_COUNT;
    accompaniments := accompaniments + n;
    DELETE FROM public.france_services_registrations r USING public.france_services_sessions s
      WHERE r.tenant_id = t.id AND s.id = r.session_id AND s.starts_at < at - interval '1 month';
    GET DIAGNOSTICS n = ROW_COUNT;
    registrations := registrations + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('accompaniments', accompaniments, 'registrations', registrations);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_france_services_expired(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_france_services_expired(timestamptz) TO communa_app;
