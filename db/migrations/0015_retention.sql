-- Retention periods of identity data (RGPD), applied by one function the identity Worker's daily
-- cron runs. Each period is the one documented on its table (db/src/schema/identity.ts, devices.ts).
-- SECURITY DEFINER: it works across tenants, which the application role cannot otherwise do; the
-- role can call it but not choose what it deletes. Row-level security binds the owner too (FORCE),
-- so it visits each tenant in turn rather than needing a role that bypasses RLS.
CREATE FUNCTION app.purge_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  counts jsonb := jsonb_build_object('sessions', 0, 'magicLinks', 0, 'outbox', 0, 'apiKeys', 0, 'devices', 0, 'people', 0);
  members uuid[] := '{}';
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.sessions
     WHERE coalesce(revoked_at, least(absolute_expires_at, last_seen_at + make_interval(secs => idle_seconds))) < now() - interval '30 days';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{sessions}', to_jsonb((counts->>'sessions')::int + n));
    DELETE FROM public.magic_links WHERE created_at < now() - interval '1 day';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{magicLinks}', to_jsonb((counts->>'magicLinks')::int + n));
    DELETE FROM public.outbox WHERE created_at < now() - interval '30 days';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{outbox}', to_jsonb((counts->>'outbox')::int + n));
    DELETE FROM public.api_keys WHERE least(coalesce(revoked_at, 'infinity'), expires_at) < now() - interval '1 year';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{apiKeys}', to_jsonb((counts->>'apiKeys')::int + n));
    DELETE FROM public.devices WHERE revoked_at < now() - interval '1 year';
    GET DIAGNOSTICS n = ROW_COUNT;
    counts := jsonb_set(counts, '{devices}', to_jsonb((counts->>'devices')::int + n));
    members := members || ARRAY(SELECT person_id FROM public.memberships);
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  -- People with no role in any tenant, not seen for 3 years (their links and sessions go with them).
  DELETE FROM public.people p
   WHERE p.id <> ALL (members)
     AND coalesce(p.last_seen_at, p.created_at) < now() - interval '3 years';
  GET DIAGNOSTICS n = ROW_COUNT;
  counts := jsonb_set(counts, '{people}', to_jsonb(n));
  RETURN counts;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_expired() TO communa_app;
