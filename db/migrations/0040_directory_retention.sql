-- Retention of directory claims (90 days, db/src/retention.ts and db/src/schema/directory.ts): the
-- period was documented but nothing applied it. Same pattern as app.purge_expired(): SECURITY
-- DEFINER, visits each tenant in turn; the directory Worker's daily cron calls it.
CREATE FUNCTION app.purge_directory_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  total int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.directory_claims WHERE tenant_id = t.id AND created_at < now() - interval '90 days';
    GET DIAGNOSTICS n = ROW_COUNT;
    total := total + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('claims', total);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_directory_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_directory_expired() TO communa_app;
