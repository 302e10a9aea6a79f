-- Recruitment (ADR 0040): every table is the tenant's own.
SELECT app.enable_tenant_rls('public.recruitment_parameters', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_vacancies', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_declarations', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_publications', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_applications', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_files', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_notes', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_scores', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_interviews', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_tasks', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.recruitment_link_keys', 'own');
--> statement-breakpoint
-- Privacy clocks (CNIL recruitment guide; db/src/retention.ts): a rejected application goes 3 months
-- after the decision when the candidate did not agree to be kept, 2 years after the last contact
-- when they did; a withdrawn one at once. `at` is the clock (the Worker's tests pass one; the cron
-- passes none). SECURITY DEFINER, each tenant in turn. Returns the R2 keys of the files that went
-- with the rows (cascade) so the recruitment Worker deletes the objects too.
CREATE FUNCTION app.purge_recruitment_expired(at timestamptz DEFAULT now()) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  applications int := 0;
  gone_keys text[];
  keys text[] := '{}';
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    WITH gone AS (
      DELETE FROM public.recruitment_applications WHERE tenant_id = t.id AND (status = 'withdrawn' OR (status = 'rejected' AND ((keep_consent IS NOT TRUE AND decided_at < at - interval '3 months') OR (keep_consent AND last_contact_at < at - interval '2 years')))) RETURNING id
    )
    SELECT coalesce(array_agg(f.object_key), '{}'), (SELECT count(*) FROM gone) INTO gone_keys, n
      FROM public.recruitment_files f WHERE f.application_id IN (SELECT id FROM gone);
    applications := applications + n;
    keys := keys || gone_keys;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('applications', applications, 'files', to_jsonb(keys));
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_recruitment_expired(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_recruitment_expired(timestamptz) TO communa_app;
