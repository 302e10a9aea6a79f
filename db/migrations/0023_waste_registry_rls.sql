-- Waste registry and management (issue #8, ADR 0017): every table is the operating tenant's own
-- (premises, bills and checks are personal or fiscal data, never shown to another tenant).
SELECT app.enable_tenant_rls('public.waste_premises', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_depots', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_bins', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_bin_shares', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_chip_assignments', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_tariffs', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_tariff_rates', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_billing_runs', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_billing_lines', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_interventions', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_stock_items', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_stock_levels', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_stock_movements', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_bin_checks', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_idempotency', 'own');
--> statement-breakpoint
-- Intervention references (INT-<year>-<n>): one sequence for every tenant; numbers need to be
-- unique and quotable, not contiguous.
CREATE SEQUENCE public.waste_intervention_seq;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE public.waste_intervention_seq TO communa_app;
--> statement-breakpoint
-- Retention of waste management data (periods documented in db/src/schema/waste.ts). Same pattern
-- as app.purge_expired(): SECURITY DEFINER, visits each tenant in turn. Photos of purged checks
-- are deleted from R2 by the caller from the returned keys.
CREATE FUNCTION app.purge_waste_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  counts jsonb := jsonb_build_object('checks', 0, 'interventions', 0, 'billingRuns', 0, 'chipAssignments', 0, 'idempotency', 0, 'photoKeys', '[]'::jsonb);
  keys jsonb;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    WITH gone AS (DELETE FROM public.waste_bin_checks WHERE checked_at < now() - interval '3 years' RETURNING photo_key)
      SELECT count(*), coalesce(jsonb_agg(photo_key) FILTER (WHERE photo_key IS NOT NULL), '[]') INTO n, keys FROM gone;
    counts := jsonb_set(counts, '{checks}', to_jsonb((counts->>'checks')::int + n));
    counts := jsonb_set(counts, '{photoKeys}', (counts->'photoKeys') || keys);
    DELETE FROM public.waste_interventions WHERE coalesce(completed_at, updated_at) < now() - interval '5 years' AND status IN ('done', 'cancelled');
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{interventions}', to_jsonb((counts->>'interventions')::int + n));
    DELETE FROM public.waste_billing_runs WHERE created_at < now() - interval '6 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{billingRuns}', to_jsonb((counts->>'billingRuns')::int + n));
    DELETE FROM public.waste_chip_assignments WHERE unassigned_at < now() - interval '6 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{chipAssignments}', to_jsonb((counts->>'chipAssignments')::int + n));
    DELETE FROM public.waste_idempotency WHERE created_at < now() - interval '30 days';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{idempotency}', to_jsonb((counts->>'idempotency')::int + n));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN counts;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_waste_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_waste_expired() TO communa_app;
