-- Activity zones are the EPCI's own (the economic-development competence, ADR 0041).
SELECT app.enable_tenant_rls('public.economy_poles', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_sites', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_terrains', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_owners', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_establishments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_establishment_terrains', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_occupancies', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_vacancy_snapshots', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_inventories', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_letters', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.economy_transmissions', 'own');
--> statement-breakpoint
-- Former owners and consultation letters go after their retention day (db/src/schema/economy.ts),
-- same pattern as app.purge_expired(): SECURITY DEFINER, visits each tenant in turn.
CREATE FUNCTION app.purge_economy_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  owners int := 0;
  letters int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.economy_owners WHERE tenant_id = t.id AND retain_until < current_date;
    GET DIAGNOSTICS n = ROW_COUNT;
    owners := owners + n;
    DELETE FROM public.economy_letters WHERE tenant_id = t.id AND retain_until < current_date;
    GET DIAGNOSTICS n = ROW_COUNT;
    letters := letters + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('owners', owners, 'letters', letters);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_economy_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_economy_expired() TO communa_app;
