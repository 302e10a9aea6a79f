-- Cemetery data is each commune's own (a commune competence; the EPCI holds none).
SELECT app.enable_tenant_rls('public.cemetery_settings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_cemeteries', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_plots', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_tariffs', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_concessions', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_concession_people', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_deceased', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_operations', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_abandonments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.cemetery_abandonment_steps', 'own');
--> statement-breakpoint
-- A validated operation is the mayor's authorised act: it cannot be rewritten nor deleted, not even
-- by the application (a mistake is corrected by a new operation).
CREATE FUNCTION app.cemetery_operation_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'validated' THEN
    RAISE EXCEPTION 'opération validée : non modifiable' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cemetery_operation_sealed BEFORE UPDATE OR DELETE ON public.cemetery_operations
  FOR EACH ROW EXECUTE FUNCTION app.cemetery_operation_sealed();
--> statement-breakpoint
-- Holders' and heirs' details go after their retention day (db/src/schema/cemetery.ts), same
-- pattern as app.purge_expired(): SECURITY DEFINER, visits each tenant in turn.
CREATE FUNCTION app.purge_cemetery_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  total int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.cemetery_concession_people WHERE tenant_id = t.id AND retain_until < current_date;
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('concession_people', total);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_cemetery_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_cemetery_expired() TO communa_app;
