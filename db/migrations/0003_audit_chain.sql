-- The audit journal is append-only and hash-chained per tenant (ADR 0007).
-- Each row's hash = SHA-256(canonical text of the row ‖ previous row's hash); the first row of a
-- tenant chains to 32 zero bytes. The database fills seq, at, prev_hash and hash, under a
-- per-tenant lock, so concurrent writers cannot fork the chain and callers cannot forge it.
CREATE FUNCTION app.audit_canonical(j public.audit_journal) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT concat_ws(E'\n',
      j.tenant_id::text, j.seq::text,
      to_char(j.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      j.actor_kind, coalesce(j.actor_id, ''), j.action, j.target, j.request_id, j.summary::text)
  $$;
--> statement-breakpoint
CREATE FUNCTION app.audit_chain() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  DECLARE
    last record;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || NEW.tenant_id::text, 0));
    SELECT seq, hash INTO last FROM public.audit_journal
      WHERE tenant_id = NEW.tenant_id ORDER BY seq DESC LIMIT 1;
    NEW.seq := coalesce(last.seq, 0) + 1;
    NEW.at := now();
    NEW.prev_hash := coalesce(last.hash, decode(repeat('00', 32), 'hex'));
    NEW.hash := sha256(convert_to(app.audit_canonical(NEW), 'UTF8') || NEW.prev_hash);
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_chain BEFORE INSERT ON public.audit_journal
  FOR EACH ROW EXECUTE FUNCTION app.audit_chain();
--> statement-breakpoint
ALTER TABLE public.audit_journal ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE public.audit_journal FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_read ON public.audit_journal FOR SELECT USING (tenant_id = app.current_tenant());
--> statement-breakpoint
CREATE POLICY tenant_insert ON public.audit_journal FOR INSERT WITH CHECK (tenant_id = app.current_tenant());
--> statement-breakpoint
-- Append-only for the application: no UPDATE, no DELETE, whatever the policies.
GRANT SELECT, INSERT ON public.audit_journal TO communa_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.audit_canonical(public.audit_journal) TO communa_app;
