-- Electronic archives (issue #7, ADR 0015): tenancy, the rules the database itself enforces, full
-- text search, and the usual French reference rules seeded per tenant.
SELECT app.enable_tenant_rls('public.archive_rules', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_deposits', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_units', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_objects', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_journal', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_disposals', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_disposal_units', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.archive_audits', 'own');
--> statement-breakpoint
-- The sealed journal is append-only for the application (grants) and for everyone (trigger).
REVOKE UPDATE, DELETE, TRUNCATE ON public.archive_journal FROM communa_app;
--> statement-breakpoint
REVOKE DELETE, TRUNCATE ON public.archive_units, public.archive_objects, public.archive_disposals, public.archive_disposal_units, public.archive_audits FROM communa_app;
--> statement-breakpoint
CREATE FUNCTION app.archive_journal_link() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  last record;
BEGIN
  -- The writer takes the same lock before reading the last hash, so the chain cannot fork.
  PERFORM pg_advisory_xact_lock(hashtextextended('archive:' || NEW.tenant_id::text, 0));
  SELECT seq, hash INTO last FROM public.archive_journal WHERE tenant_id = NEW.tenant_id ORDER BY seq DESC LIMIT 1;
  IF NEW.seq <> coalesce(last.seq, 0) + 1 OR NEW.prev_hash <> coalesce(last.hash, repeat('0', 64)) THEN
    RAISE EXCEPTION 'Journal scellé : l’entrée % ne suit pas la dernière entrée (%).', NEW.seq, coalesce(last.seq, 0)
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_journal_link BEFORE INSERT ON public.archive_journal
  FOR EACH ROW EXECUTE FUNCTION app.archive_journal_link();
--> statement-breakpoint
CREATE FUNCTION app.archive_refuse() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_journal_immutable BEFORE UPDATE OR DELETE ON public.archive_journal
  FOR EACH ROW EXECUTE FUNCTION app.archive_refuse('Journal scellé : une entrée ne peut être ni modifiée ni supprimée.');
--> statement-breakpoint
CREATE TRIGGER archive_journal_no_truncate BEFORE TRUNCATE ON public.archive_journal
  FOR EACH STATEMENT EXECUTE FUNCTION app.archive_refuse('Journal scellé : il ne peut pas être vidé.');
--> statement-breakpoint
CREATE TRIGGER archive_objects_no_delete BEFORE DELETE ON public.archive_objects
  FOR EACH ROW EXECUTE FUNCTION app.archive_refuse('Un objet archivé ne se supprime pas : il est détruit par une élimination visée, ses métadonnées restent.');
--> statement-breakpoint
CREATE TRIGGER archive_units_no_delete BEFORE DELETE ON public.archive_units
  FOR EACH ROW EXECUTE FUNCTION app.archive_refuse('Une unité d’archives ne se supprime pas : ses métadonnées restent après élimination.');
--> statement-breakpoint
CREATE TRIGGER archive_disposals_no_delete BEFORE DELETE ON public.archive_disposals
  FOR EACH ROW EXECUTE FUNCTION app.archive_refuse('Une décision d’élimination ne se supprime pas.');
--> statement-breakpoint
-- May this unit be destroyed now, under this disposal? Raises the reason when it may not.
CREATE FUNCTION app.archive_assert_disposable(unit uuid, disposal uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  u record;
BEGIN
  SELECT status, legal_hold, final_action, dua_end INTO u FROM public.archive_units WHERE id = unit;
  IF NOT FOUND THEN RAISE EXCEPTION 'Unité % inconnue.', unit USING ERRCODE = 'restrict_violation'; END IF;
  IF u.legal_hold THEN RAISE EXCEPTION 'Destruction refusée : l’unité est sous gel juridique.' USING ERRCODE = 'restrict_violation'; END IF;
  IF u.final_action <> 'Destroy' THEN RAISE EXCEPTION 'Destruction refusée : le sort final de l’unité est la conservation.' USING ERRCODE = 'restrict_violation'; END IF;
  IF u.dua_end > current_date THEN RAISE EXCEPTION 'Destruction refusée : la DUA court jusqu’au %.', u.dua_end USING ERRCODE = 'restrict_violation'; END IF;
  IF disposal IS NULL OR NOT EXISTS (
    SELECT 1 FROM public.archive_disposals d JOIN public.archive_disposal_units du ON du.disposal_id = d.id
     WHERE d.id = disposal AND du.unit_id = unit AND d.status IN ('approved', 'executed') AND d.visa_at IS NOT NULL
  ) THEN
    RAISE EXCEPTION 'Destruction refusée : pas de décision d’élimination visée par l’autorité de contrôle.' USING ERRCODE = 'restrict_violation';
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION app.archive_objects_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.destroyed_at IS NOT NULL THEN
    RAISE EXCEPTION 'Objet déjà détruit : il ne change plus.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.sha512 IS NOT NULL AND (NEW.sha512 IS DISTINCT FROM OLD.sha512 OR NEW.sha256 IS DISTINCT FROM OLD.sha256
      OR NEW.r2_key IS DISTINCT FROM OLD.r2_key OR NEW.size <> OLD.size OR NEW.unit_id <> OLD.unit_id
      OR NEW.tenant_id <> OLD.tenant_id OR NEW.file_name <> OLD.file_name OR NEW.stored_at IS DISTINCT FROM OLD.stored_at) THEN
    RAISE EXCEPTION 'Objet scellé : son empreinte, sa clé et sa taille ne changent pas.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.destroyed_at IS NOT NULL THEN
    PERFORM app.archive_assert_disposable(NEW.unit_id, NEW.disposal_id);
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_objects_guard BEFORE UPDATE ON public.archive_objects
  FOR EACH ROW EXECUTE FUNCTION app.archive_objects_guard();
--> statement-breakpoint
CREATE FUNCTION app.archive_units_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  disposal uuid;
BEGIN
  IF OLD.status = 'destroyed' THEN
    RAISE EXCEPTION 'Unité éliminée : sa notice ne change plus.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.status = 'sealed' THEN
    IF NEW.status = 'pending' OR NEW.dua_end < OLD.dua_end OR NEW.final_action <> OLD.final_action
       OR NEW.appraisal_rule <> OLD.appraisal_rule OR NEW.deposit_id <> OLD.deposit_id OR NEW.reference <> OLD.reference THEN
      RAISE EXCEPTION 'Unité scellée : sa règle de sort final ne peut être ni raccourcie ni changée.' USING ERRCODE = 'restrict_violation';
    END IF;
    IF NEW.status = 'destroyed' THEN
      SELECT du.disposal_id INTO disposal FROM public.archive_disposal_units du JOIN public.archive_disposals d ON d.id = du.disposal_id
        WHERE du.unit_id = NEW.id AND d.status IN ('approved', 'executed') ORDER BY d.decided_at DESC LIMIT 1;
      PERFORM app.archive_assert_disposable(NEW.id, disposal);
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_units_guard BEFORE UPDATE ON public.archive_units
  FOR EACH ROW EXECUTE FUNCTION app.archive_units_guard();
--> statement-breakpoint
CREATE FUNCTION app.archive_disposals_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.visa_at IS NOT NULL AND (NEW.visa_at IS DISTINCT FROM OLD.visa_at OR NEW.visa_by IS DISTINCT FROM OLD.visa_by
      OR NEW.visa_authority IS DISTINCT FROM OLD.visa_authority OR NEW.visa_reference IS DISTINCT FROM OLD.visa_reference) THEN
    RAISE EXCEPTION 'Le visa de l’autorité de contrôle ne se modifie pas.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NOT ((OLD.status = NEW.status AND OLD.status <> 'executed')
       OR (OLD.status = 'decided' AND NEW.status IN ('approved', 'refused'))
       OR (OLD.status = 'approved' AND NEW.status = 'executed')) THEN
    RAISE EXCEPTION 'Transition d’élimination refusée : % → %.', OLD.status, NEW.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_disposals_guard BEFORE UPDATE ON public.archive_disposals
  FOR EACH ROW EXECUTE FUNCTION app.archive_disposals_guard();
--> statement-breakpoint
-- French full-text search on title, keywords, originating agency and description (accent-insensitive).
CREATE FUNCTION app.archive_search_text(title text, keywords text[], agency text, description text) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('app.fr', coalesce(title, '')), 'A') ||
           setweight(to_tsvector('app.fr', coalesce(array_to_string(keywords, ' '), '') || ' ' || coalesce(agency, '')), 'B') ||
           setweight(to_tsvector('app.fr', coalesce(description, '')), 'C')
  $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.archive_search_text(text, text[], text, text) TO communa_app;
--> statement-breakpoint
ALTER TABLE public.archive_units ADD COLUMN search tsvector GENERATED ALWAYS AS (app.archive_search_text(title, keywords, originating_agency, description)) STORED;
--> statement-breakpoint
CREATE INDEX archive_units_search_idx ON public.archive_units USING gin (search);
--> statement-breakpoint
-- The usual French reference rules, copied into each tenant's rule table (the tenant may add its own).
CREATE FUNCTION app.archive_seed_rules(tenant uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  previous text := current_setting('app.tenant_id', true);
BEGIN
  PERFORM set_config('app.tenant_id', tenant::text, true);
  INSERT INTO public.archive_rules (id, tenant_id, code, kind, label, duration_years, final_action, basis, legal_reference)
  SELECT gen_random_uuid(), tenant, r.code, r.kind, r.label, r.years, r.final_action, r.basis, r.ref
  FROM (VALUES
    ('APP-DELIB', 'appraisal', 'Délibérations, procès-verbaux et registres des assemblées', 10, 'Keep', 'start_date', 'Instruction DAF/DPACI/RES/2009/018 (archives des communes), CGCT L2121-23'),
    ('APP-ARRETE', 'appraisal', 'Arrêtés et décisions de l’exécutif', 10, 'Keep', 'start_date', 'Instruction DAF/DPACI/RES/2009/018'),
    ('APP-URBA', 'appraisal', 'Autorisations d’urbanisme (permis, déclarations préalables)', 10, 'Keep', 'start_date', 'Instruction DAF/DPACI/RES/2009/018'),
    ('APP-MARCHE', 'appraisal', 'Marchés publics : pièces du marché attribué', 10, 'Destroy', 'start_date', 'Instruction DAF/DPACI/RES/2009/018 ; Code de la commande publique R2184-12'),
    ('APP-OFFRE-NR', 'appraisal', 'Marchés publics : offres non retenues', 5, 'Destroy', 'start_date', 'Code de la commande publique R2184-13'),
    ('APP-COMPTA', 'appraisal', 'Pièces justificatives comptables', 10, 'Destroy', 'start_date', 'Instruction DAF/DPACI/RES/2009/018'),
    ('APP-CORRESP', 'appraisal', 'Correspondance courante', 5, 'Destroy', 'start_date', 'Instruction DAF/DPACI/RES/2009/018'),
    ('APP-RH-DOSSIER', 'appraisal', 'Dossier individuel de l’agent (décisions de carrière, contrats, attestations de formation) : jusqu’aux 90 ans de l’agent, ou 5 ans après son décès', 90, 'Destroy', 'hr_agent', 'Instruction DAF/DPACI/RES/2009/018 ; circulaire FP n° 2009-1 (dossier individuel)'),
    ('ACC-00', 'access', 'Communicable immédiatement', 0, NULL, 'start_date', 'Code du patrimoine, L213-1'),
    ('ACC-25', 'access', 'Secret des délibérations, secret des affaires : 25 ans', 25, NULL, 'start_date', 'Code du patrimoine, L213-2 I 1°'),
    ('ACC-50', 'access', 'Vie privée, appréciation ou jugement de valeur sur une personne : 50 ans', 50, NULL, 'start_date', 'Code du patrimoine, L213-2 I 3°'),
    ('ACC-75', 'access', 'État civil (naissances, mariages), enquêtes judiciaires : 75 ans', 75, NULL, 'start_date', 'Code du patrimoine, L213-2 I 4°'),
    ('ACC-120', 'access', 'Secret médical : 120 ans après la naissance', 120, NULL, 'start_date', 'Code du patrimoine, L213-2 I 2°')
  ) AS r(code, kind, label, years, final_action, basis, ref)
  ON CONFLICT ON CONSTRAINT archive_rules_code_unique DO NOTHING;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
END $$;
--> statement-breakpoint
CREATE FUNCTION app.archive_seed_rules_on_tenant() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  PERFORM app.archive_seed_rules(NEW.id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER archive_seed_rules AFTER INSERT ON public.tenants
  FOR EACH ROW EXECUTE FUNCTION app.archive_seed_rules_on_tenant();
--> statement-breakpoint
SELECT app.archive_seed_rules(id) FROM public.tenants;
