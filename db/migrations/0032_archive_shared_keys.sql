-- Objects are content-addressed, so identical bytes deposited by two tenants share one R2 object.
-- Before a destruction removes an R2 object, the archive Worker asks whether any tenant still holds
-- a live object under that key; row-level security hides other tenants' rows (FORCE binds the owner
-- too), so this one yes/no question is answered by a SECURITY DEFINER function visiting each tenant.
CREATE FUNCTION app.archive_key_in_use(key text) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  previous text := current_setting('app.tenant_id', true);
  found boolean := false;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    IF EXISTS (SELECT 1 FROM public.archive_objects WHERE r2_key = key AND destroyed_at IS NULL) THEN
      found := true;
      EXIT;
    END IF;
  END LOOP;
  PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
  RETURN found;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.archive_key_in_use(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.archive_key_in_use(text) TO communa_app;
--> statement-breakpoint
-- An executed disposal receives its certificate once (after the R2 step); nothing else changes.
CREATE OR REPLACE FUNCTION app.archive_disposals_guard() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.visa_at IS NOT NULL AND (NEW.visa_at IS DISTINCT FROM OLD.visa_at OR NEW.visa_by IS DISTINCT FROM OLD.visa_by
      OR NEW.visa_authority IS DISTINCT FROM OLD.visa_authority OR NEW.visa_reference IS DISTINCT FROM OLD.visa_reference) THEN
    RAISE EXCEPTION 'Le visa de l’autorité de contrôle ne se modifie pas.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF OLD.certificate IS NOT NULL AND (NEW.certificate IS DISTINCT FROM OLD.certificate OR NEW.certificate_sha256 IS DISTINCT FROM OLD.certificate_sha256) THEN
    RAISE EXCEPTION 'Le certificat de destruction ne se modifie pas.' USING ERRCODE = 'restrict_violation';
  END IF;
  IF NOT ((OLD.status = NEW.status AND OLD.status <> 'executed')
       OR (OLD.status = 'executed' AND NEW.status = 'executed' AND OLD.certificate IS NULL
           AND NEW.executed_at IS NOT DISTINCT FROM OLD.executed_at AND NEW.reason = OLD.reason AND NEW.decided_by = OLD.decided_by)
       OR (OLD.status = 'decided' AND NEW.status IN ('approved', 'refused'))
       OR (OLD.status = 'approved' AND NEW.status = 'executed')) THEN
    RAISE EXCEPTION 'Transition d’élimination refusée : % → %.', OLD.status, NEW.status USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
