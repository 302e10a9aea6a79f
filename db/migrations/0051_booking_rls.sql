-- Bookings (issue #19, ADR 0032): every table is the tenant's own.
SELECT app.enable_tenant_rls('public.booking_resources', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_renters', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_trainings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_tariffs', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_series', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_bookings', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_sessions', 'own');
--> statement-breakpoint
SELECT app.enable_tenant_rls('public.booking_registrations', 'own');
--> statement-breakpoint
-- No double booking, even under concurrency: two rows of one exclusive resource whose periods
-- overlap cannot both hold the slot. Options hold it too (until the expiry job lapses them), and
-- so do the commune's own events (blackouts). An overlapping insert fails with SQLSTATE 23P01,
-- which the Worker answers with a 409 naming the conflict and proposing alternatives.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE public.booking_bookings ADD CONSTRAINT booking_bookings_no_overlap
  EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
  WHERE (exclusive AND state IN ('option', 'request', 'approved', 'confirmed', 'blackout'));
--> statement-breakpoint
-- Booking references (RES-<year>-<n>): one sequence for every tenant; unique and quotable.
CREATE SEQUENCE public.booking_reference_seq;
--> statement-breakpoint
GRANT USAGE ON SEQUENCE public.booking_reference_seq TO communa_app;
--> statement-breakpoint
-- Retention (periods documented in db/src/schema/booking.ts and the register, db/src/retention.ts).
CREATE FUNCTION app.purge_booking_expired() RETURNS jsonb
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  t record;
  n int;
  registrations int := 0;
  bookings int := 0;
  trainings int := 0;
  renters int := 0;
BEGIN
  FOR t IN SELECT id FROM public.tenants LOOP
    PERFORM set_config('app.tenant_id', t.id::text, true);
    DELETE FROM public.booking_registrations r USING public.booking_sessions s
      WHERE r.tenant_id = t.id AND s.id = r.session_id AND s.ends_at < now() - interval '3 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    registrations := registrations + n;
    DELETE FROM public.booking_bookings WHERE tenant_id = t.id AND ends_at < now() - interval '3 years';
    GET DIAGNOSTICS n = ROW_COUNT;
    bookings := bookings + n;
    DELETE FROM public.booking_trainings WHERE tenant_id = t.id AND valid_until < (now() - interval '1 year')::date;
    GET DIAGNOSTICS n = ROW_COUNT;
    trainings := trainings + n;
    DELETE FROM public.booking_renters r WHERE r.tenant_id = t.id AND r.created_at < now() - interval '3 years'
      AND NOT EXISTS (SELECT 1 FROM public.booking_bookings b WHERE b.renter_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM public.booking_registrations g WHERE g.renter_id = r.id)
      AND NOT EXISTS (SELECT 1 FROM public.booking_series s WHERE s.renter_id = r.id);
    GET DIAGNOSTICS n = ROW_COUNT;
    renters := renters + n;
  END LOOP;
  PERFORM set_config('app.tenant_id', '', true);
  RETURN jsonb_build_object('registrations', registrations, 'bookings', bookings, 'trainings', trainings, 'renters', renters);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.purge_booking_expired() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.purge_booking_expired() TO communa_app;
