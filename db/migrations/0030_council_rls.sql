-- Council data is each tenant's own (a commune's council is not the EPCI's).
SELECT app.enable_tenant_rls('public.council_councils', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_members', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_rooms', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_sittings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_sitting_rooms', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_agenda_items', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_convocations', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.council_proxies', 'own');
--> statement-breakpoint
-- Once a sitting is closed its record (minutes, results) cannot be rewritten, not even by the
-- application: a correction is a new deliberation, not an edit.
CREATE FUNCTION app.council_sitting_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'closed' AND (NEW.minutes IS DISTINCT FROM OLD.minutes OR NEW.status <> 'closed'
      OR NEW.minutes_sha256 IS DISTINCT FROM OLD.minutes_sha256 OR NEW.closed_at IS DISTINCT FROM OLD.closed_at) THEN
    RAISE EXCEPTION 'séance close : procès-verbal non modifiable' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER council_sitting_sealed BEFORE UPDATE ON public.council_sittings
  FOR EACH ROW EXECUTE FUNCTION app.council_sitting_sealed();
--> statement-breakpoint
-- Retention of convocation receipts (6 years, see db/src/schema/council.ts), same pattern as
-- app.purge_expired(): SECURITY DEFINER, visits each tenant in turn.
CREATE FUNCTION app.purge_council_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  total int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.council_convocations WHERE tenant_id = t.id AND expires_at < now();
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('convocations', total);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_council_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_council_expired() TO communa_app;
