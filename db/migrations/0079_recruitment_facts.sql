CREATE TABLE "recruitment_facts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"application_id" uuid,
	"vacancy_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"category" char(1) NOT NULL,
	"gender" text,
	"received_on" date NOT NULL,
	"furthest_stage" smallint DEFAULT 0 NOT NULL,
	"outcome" text DEFAULT 'active' NOT NULL,
	"decided_on" date,
	CONSTRAINT "recruitment_facts_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
ALTER TABLE "recruitment_facts" ADD CONSTRAINT "recruitment_facts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_facts" ADD CONSTRAINT "recruitment_facts_application_id_recruitment_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."recruitment_applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recruitment_facts" ADD CONSTRAINT "recruitment_facts_vacancy_id_recruitment_vacancies_id_fk" FOREIGN KEY ("vacancy_id") REFERENCES "public"."recruitment_vacancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recruitment_facts_received_idx" ON "recruitment_facts" USING btree ("tenant_id","received_on");--> statement-breakpoint
-- The statistics' lines are the tenant's own (ADR 0040, issue #24 « Statistics »).
SELECT app.enable_tenant_rls('public.recruitment_facts', 'own');
--> statement-breakpoint
-- The privacy clocks of 0064, and the statistics' lines after 6 years (db/src/retention.ts): the
-- applications' purge empties their link (ON DELETE SET NULL), the figures stay anonymous.
CREATE OR REPLACE FUNCTION app.purge_recruitment_expired(at timestamptz DEFAULT now()) RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  applications int := 0;
  facts int := 0;
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
    DELETE FROM public.recruitment_facts WHERE tenant_id = t.id AND received_on < (at - interval '6 years')::date;
    GET DIAGNOSTICS n = ROW_COUNT;
    facts := facts + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('applications', applications, 'files', to_jsonb(keys), 'facts', facts);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_recruitment_expired(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_recruitment_expired(timestamptz) TO communa_app;
