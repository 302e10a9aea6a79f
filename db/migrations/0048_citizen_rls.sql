-- Citizen relations (ADR 0031): tenancy, no double booking, retention.
-- Services, places and motifs are public on every site of the territory ('shared': a commune's
-- residents see their EPCI's services); agents' rules, appointments and requests are the tenant's own.
SELECT app.enable_tenant_rls('public.citizen_services', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_places', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_desks', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_motifs', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_agents', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_opening_rules', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_absences', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_closures', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_appointments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_calendar_messages', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_link_keys', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_request_types', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.citizen_requests', 'own');
--> statement-breakpoint
-- No double booking, ever: one agent cannot hold two overlapping ranges in the states that hold a
-- slot, whatever the place; an agent's explicit « surbooking » is outside the rule (journalled).
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE public.citizen_appointments ADD CONSTRAINT citizen_appointments_no_overlap
  EXCLUDE USING gist (agent_id WITH =, tstzrange(held_from, held_until, '[)') WITH &&)
  WHERE (status IN ('booked', 'seen', 'no_show') AND NOT overbooked);
--> statement-breakpoint
-- Retention (db/src/retention.ts): appointments 2 years after their end, requests 2 years after
-- they are closed (or received, when never closed). SECURITY DEFINER, each tenant in turn; the
-- citizen Worker's daily cron calls it.
CREATE FUNCTION app.purge_citizen_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  appointments int := 0;
  requests int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.citizen_appointments WHERE tenant_id = t.id AND ends_at < now() - interval '2 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    appointments := appointments + n;
    DELETE FROM public.citizen_requests WHERE tenant_id = t.id AND coalesce(closed_at, received_at) < now() - interval '2 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    requests := requests + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('appointments', appointments, 'requests', requests);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_citizen_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_citizen_expired() TO communa_app;
