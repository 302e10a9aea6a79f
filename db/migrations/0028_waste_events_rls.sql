-- Waste events (issue #8, ADR 0016): lifts, sorting events, anomalies and dead letters are the
-- operating tenant's own. The queue consumers write them under the tenant named in each message.
SELECT app.enable_tenant_rls('public.waste_lifts', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_sorting_events', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_anomalies', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.waste_dead_letters', 'own');
--> statement-breakpoint
-- Events are facts reported by devices: the application appends them and may attach a bin to an
-- unknown-chip event once resolved, but never deletes one (retention does, below).
REVOKE DELETE ON public.waste_lifts, public.waste_sorting_events FROM communa_app;
--> statement-breakpoint
ALTER TABLE public.waste_lifts ADD CONSTRAINT waste_lifts_stream CHECK (stream IN ('residual', 'packaging', 'biowaste', 'glass'));
--> statement-breakpoint
ALTER TABLE public.waste_anomalies ADD CONSTRAINT waste_anomalies_kind CHECK (kind IN ('unknown_chip', 'stream_mismatch') AND source IN ('lift', 'sorting') AND status IN ('open', 'resolved', 'dismissed'));
--> statement-breakpoint
ALTER TABLE public.waste_dead_letters ADD CONSTRAINT waste_dead_letters_status CHECK (status IN ('pending', 'replayed', 'discarded'));
--> statement-breakpoint
-- Retention of waste events (periods documented in db/src/schema/waste-events.ts), same pattern
-- as app.purge_expired(): SECURITY DEFINER, visits each tenant in turn.
CREATE FUNCTION app.purge_waste_events_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  counts jsonb := jsonb_build_object('lifts', 0, 'sortingEvents', 0, 'anomalies', 0, 'deadLetters', 0);
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.waste_lifts WHERE tenant_id = t.id AND lifted_at < now() - interval '6 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{lifts}', to_jsonb((counts->>'lifts')::int + n));
    DELETE FROM public.waste_sorting_events WHERE tenant_id = t.id AND observed_at < now() - interval '3 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{sortingEvents}', to_jsonb((counts->>'sortingEvents')::int + n));
    DELETE FROM public.waste_anomalies WHERE tenant_id = t.id AND status <> 'open' AND resolved_at < now() - interval '1 year';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{anomalies}', to_jsonb((counts->>'anomalies')::int + n));
    DELETE FROM public.waste_dead_letters WHERE tenant_id = t.id AND status <> 'pending' AND handled_at < now() - interval '90 days';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{deadLetters}', to_jsonb((counts->>'deadLetters')::int + n));
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN counts;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_waste_events_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_waste_events_expired() TO communa_app;
