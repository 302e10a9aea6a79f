-- Tenancy in the database (ADR 0002). The application connects as `communa_app` (no BYPASSRLS);
-- every transaction sets `app.tenant_id`; each tenant-owned table has FORCE ROW LEVEL SECURITY with
-- the policies made by app.enable_tenant_rls(), the one place policies are written.
-- The role itself is created before migrations run (db/src/cli/migrate.ts), since roles are
-- cluster-wide and their passwords are secrets.
CREATE SCHEMA IF NOT EXISTS app;
--> statement-breakpoint
REVOKE ALL ON SCHEMA app FROM PUBLIC;
--> statement-breakpoint
GRANT USAGE ON SCHEMA app TO communa_app;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO communa_app;
--> statement-breakpoint
-- The tenant of the current transaction, or NULL when none was set (then every policy denies).
CREATE FUNCTION app.current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
-- Tenants whose shared data the current tenant may read: itself, its EPCI, and (for an EPCI) its
-- member communes. SECURITY DEFINER so the hierarchy is read from the registry, never from a
-- setting the application could widen.
CREATE FUNCTION app.visible_tenants() RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
    SELECT coalesce(array_agg(t.id), '{}')
    FROM public.tenants t, public.tenants me
    WHERE me.id = app.current_tenant()
      AND (t.id = me.id OR t.id = me.parent_id OR t.parent_id = me.id)
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.visible_tenants() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.current_tenant(), app.visible_tenants() TO communa_app;
--> statement-breakpoint
-- Turns on tenancy for a tenant-owned table.
--   visibility 'own':    only the owning tenant reads and writes (personal or internal data);
--   visibility 'shared': the owning tenant writes; its EPCI and member communes also read
--                        (public data shown on every site of the territory).
CREATE FUNCTION app.enable_tenant_rls(tbl regclass, visibility text) RETURNS void
  LANGUAGE plpgsql
  AS $$
  DECLARE
    read_rule text;
  BEGIN
    IF visibility NOT IN ('own', 'shared') THEN
      RAISE EXCEPTION 'visibility must be own or shared, not %', visibility;
    END IF;
    read_rule := CASE visibility
      WHEN 'own' THEN 'tenant_id = app.current_tenant()'
      ELSE 'tenant_id = ANY (app.visible_tenants())' END;
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY tenant_read ON %s FOR SELECT USING (%s)', tbl, read_rule);
    EXECUTE format('CREATE POLICY tenant_insert ON %s FOR INSERT WITH CHECK (tenant_id = app.current_tenant())', tbl);
    EXECUTE format('CREATE POLICY tenant_update ON %s FOR UPDATE USING (tenant_id = app.current_tenant()) WITH CHECK (tenant_id = app.current_tenant())', tbl);
    EXECUTE format('CREATE POLICY tenant_delete ON %s FOR DELETE USING (tenant_id = app.current_tenant())', tbl);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO communa_app', tbl);
  END
  $$;
--> statement-breakpoint
-- Reference data: readable by the application, written only by migrations and the seed.
GRANT SELECT ON public.tenants, public.communes, public.competences TO communa_app;
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.competence_transfers', 'shared');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.tenant_profiles', 'shared');
