-- Device events never lost silently (issue #14 item 7, ADR 0016 amended).
-- 1. Each stored event keeps the SHA-256 of its content (canonical JSON of the event's fields,
--    computed by the consumer with eventDigest of @communa/devices/events). When a key is already
--    stored, the same digest is a redelivery (nothing to do); another digest is a device reusing a
--    sequence number with other content: the stored event is kept unchanged and an anomaly
--    `event_conflict` records both versions (one per different version received). Rows written
--    before this migration have no digest: for them the stored columns are compared instead.
-- 2. A dead letter's body (the device's message as received) can no longer change; the agent's fix
--    is kept beside it (edited_body, by whom, when).
ALTER TABLE "waste_anomalies" DROP CONSTRAINT "waste_anomalies_event_unique";--> statement-breakpoint
ALTER TABLE "waste_anomalies" ADD COLUMN "content_digest" text;--> statement-breakpoint
ALTER TABLE "waste_dead_letters" ADD COLUMN "edited_body" text;--> statement-breakpoint
ALTER TABLE "waste_dead_letters" ADD COLUMN "edited_by" text;--> statement-breakpoint
ALTER TABLE "waste_dead_letters" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waste_lifts" ADD COLUMN "content_digest" text;--> statement-breakpoint
ALTER TABLE "waste_sorting_events" ADD COLUMN "content_digest" text;--> statement-breakpoint
ALTER TABLE "waste_anomalies" ADD CONSTRAINT "waste_anomalies_event_unique" UNIQUE NULLS NOT DISTINCT("tenant_id","source","event_id","kind","content_digest");
--> statement-breakpoint
ALTER TABLE public.waste_lifts ADD CONSTRAINT waste_lifts_digest CHECK (content_digest IS NULL OR content_digest ~ '^[0-9a-f]{64}$');
--> statement-breakpoint
ALTER TABLE public.waste_sorting_events ADD CONSTRAINT waste_sorting_events_digest CHECK (content_digest IS NULL OR content_digest ~ '^[0-9a-f]{64}$');
--> statement-breakpoint
ALTER TABLE public.waste_anomalies DROP CONSTRAINT waste_anomalies_kind;
--> statement-breakpoint
ALTER TABLE public.waste_anomalies ADD CONSTRAINT waste_anomalies_kind CHECK (kind IN ('unknown_chip', 'stream_mismatch', 'event_conflict') AND source IN ('lift', 'sorting') AND status IN ('open', 'resolved', 'dismissed') AND (content_digest IS NULL) = (kind <> 'event_conflict'));
--> statement-breakpoint
-- The device's message stays as received, whatever the agent does with it.
CREATE FUNCTION app.waste_dead_letters_keep_body() RETURNS trigger
  LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
  IF NEW.body IS DISTINCT FROM OLD.body THEN
    RAISE EXCEPTION 'Le message reçu d''un rejet ne se modifie pas (la correction va dans edited_body).' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER waste_dead_letters_keep_body BEFORE UPDATE OF body ON public.waste_dead_letters
  FOR EACH ROW EXECUTE FUNCTION app.waste_dead_letters_keep_body();
--> statement-breakpoint
DROP FUNCTION app.ingest_waste_lifts(uuid, jsonb);
--> statement-breakpoint
DROP FUNCTION app.ingest_waste_sorting_events(uuid, jsonb);
--> statement-breakpoint
-- As in 0034, plus: the digest is stored with the event; an event whose key is already stored with
-- another content becomes an event_conflict anomaly (`conflicts`) with the stored and received
-- versions. A key neither inserted nor visible was written by a concurrent transaction after this
-- statement's snapshot: the statement fails with 40001 (the consumer retries the batch later, and
-- then sees that row), so no conflict can slip through unseen.
CREATE FUNCTION app.ingest_waste_lifts(tenant uuid, batch jsonb, OUT inserted int, OUT anomalies int, OUT conflicts int)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public AS $$
DECLARE
  unseen int;
BEGIN
  PERFORM set_config('app.tenant_id', tenant::text, true), set_config('lock_timeout', '5s', true);
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(batch) AS x(
      id uuid, anomaly_id uuid, conflict_id uuid, event_id text, device_id uuid, chip_id text, truck text, round text,
      lifted_at timestamptz, lon float8, lat float8, weight_kg numeric, stream text, digest text, request_id text, received_at timestamptz)
  ),
  resolved AS (
    SELECT i.*, b.id AS bin_id, b.stream AS bin_stream
    FROM input i
    LEFT JOIN public.waste_bins b ON b.tenant_id = app.current_tenant() AND b.chip_id = i.chip_id AND b.status = 'in_service'
  ),
  ins AS (
    INSERT INTO public.waste_lifts (id, tenant_id, event_id, device_id, chip_id, bin_id, truck, round, lifted_at, lon, lat, weight_kg, stream, content_digest)
    SELECT r.id, app.current_tenant(), r.event_id, r.device_id, r.chip_id, r.bin_id, r.truck, r.round, r.lifted_at, r.lon, r.lat, r.weight_kg, r.stream, r.digest FROM resolved r
    ON CONFLICT (tenant_id, event_id) DO NOTHING
    RETURNING waste_lifts.event_id
  ),
  flagged AS (
    INSERT INTO public.waste_anomalies (id, tenant_id, kind, source, event_id, device_id, chip_id, observed_at, detail)
    SELECT r.anomaly_id, app.current_tenant(),
      CASE WHEN r.bin_id IS NULL THEN 'unknown_chip' ELSE 'stream_mismatch' END,
      'lift', r.event_id, r.device_id, r.chip_id, r.lifted_at,
      jsonb_strip_nulls(jsonb_build_object(
        'truck', r.truck, 'round', r.round, 'stream', r.stream, 'lon', r.lon, 'lat', r.lat,
        'binId', r.bin_id, 'binStream', r.bin_stream,
        'otherBinStatus', CASE WHEN r.bin_id IS NULL THEN (
          SELECT o.status FROM public.waste_bins o WHERE o.tenant_id = app.current_tenant() AND o.chip_id = r.chip_id ORDER BY o.updated_at DESC LIMIT 1) END))
    FROM resolved r JOIN ins ON ins.event_id = r.event_id
    WHERE r.bin_id IS NULL OR r.bin_stream <> r.stream
    ON CONFLICT (tenant_id, source, event_id, kind, content_digest) DO NOTHING
    RETURNING 1
  ),
  -- Keys stored before this statement (the statement's snapshot does not see the rows `ins` adds).
  clash AS (
    SELECT r.*, s.chip_id AS s_chip_id, s.truck AS s_truck, s.round AS s_round, s.lifted_at AS s_lifted_at, s.lon AS s_lon,
      s.lat AS s_lat, s.weight_kg AS s_weight_kg, s.stream AS s_stream, s.bin_id AS s_bin_id, s.content_digest AS s_digest, s.received_at AS s_received_at
    FROM resolved r
    JOIN public.waste_lifts s ON s.tenant_id = app.current_tenant() AND s.event_id = r.event_id
    WHERE CASE WHEN s.content_digest IS NOT NULL THEN s.content_digest <> r.digest
      ELSE (s.chip_id, s.truck, s.round, s.lifted_at, s.lon, s.lat, s.weight_kg, s.stream)
        IS DISTINCT FROM (r.chip_id, r.truck, r.round, r.lifted_at, r.lon, r.lat, r.weight_kg::numeric(7, 2), r.stream) END
  ),
  conflicted AS (
    INSERT INTO public.waste_anomalies (id, tenant_id, kind, source, event_id, device_id, chip_id, observed_at, detail, content_digest)
    SELECT c.conflict_id, app.current_tenant(), 'event_conflict', 'lift', c.event_id, c.device_id, c.chip_id, c.lifted_at,
      jsonb_build_object(
        'stored', jsonb_strip_nulls(jsonb_build_object(
          'chipId', c.s_chip_id, 'truck', c.s_truck, 'round', c.s_round, 'liftedAt', c.s_lifted_at, 'lon', c.s_lon, 'lat', c.s_lat,
          'weightKg', c.s_weight_kg, 'stream', c.s_stream, 'binId', c.s_bin_id, 'digest', c.s_digest, 'receivedAt', c.s_received_at)),
        'received', jsonb_strip_nulls(jsonb_build_object(
          'chipId', c.chip_id, 'truck', c.truck, 'round', c.round, 'liftedAt', c.lifted_at, 'lon', c.lon, 'lat', c.lat,
          'weightKg', c.weight_kg, 'stream', c.stream, 'binId', c.bin_id, 'digest', c.digest, 'receivedAt', c.received_at, 'requestId', c.request_id))),
      c.digest
    FROM clash c
    ON CONFLICT (tenant_id, source, event_id, kind, content_digest) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM ins)::int, (SELECT count(*) FROM flagged)::int, (SELECT count(*) FROM conflicted)::int,
    (SELECT count(*) FROM resolved r
      WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.event_id = r.event_id)
        AND NOT EXISTS (SELECT 1 FROM public.waste_lifts s WHERE s.tenant_id = app.current_tenant() AND s.event_id = r.event_id))::int
  INTO inserted, anomalies, conflicts, unseen;
  IF unseen > 0 THEN
    RAISE EXCEPTION 'événement écrit au même moment par une autre transaction : nouvel essai' USING ERRCODE = '40001';
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION app.ingest_waste_sorting_events(tenant uuid, batch jsonb, OUT inserted int, OUT anomalies int, OUT conflicts int)
  LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, public AS $$
DECLARE
  unseen int;
BEGIN
  PERFORM set_config('app.tenant_id', tenant::text, true), set_config('lock_timeout', '5s', true);
  WITH input AS (
    SELECT * FROM jsonb_to_recordset(batch) AS x(
      id uuid, anomaly_id uuid, conflict_id uuid, event_id text, device_id uuid, chip_id text, observed_at timestamptz,
      category text, confidence real, image_key text, digest text, request_id text, received_at timestamptz)
  ),
  resolved AS (
    SELECT i.*, b.id AS bin_id
    FROM input i
    LEFT JOIN public.waste_bins b ON b.tenant_id = app.current_tenant() AND b.chip_id = i.chip_id AND b.status = 'in_service'
  ),
  ins AS (
    INSERT INTO public.waste_sorting_events (id, tenant_id, event_id, device_id, chip_id, bin_id, observed_at, category, confidence, image_key, content_digest)
    SELECT r.id, app.current_tenant(), r.event_id, r.device_id, r.chip_id, r.bin_id, r.observed_at, r.category, r.confidence, r.image_key, r.digest FROM resolved r
    ON CONFLICT (tenant_id, event_id) DO NOTHING
    RETURNING waste_sorting_events.event_id
  ),
  flagged AS (
    INSERT INTO public.waste_anomalies (id, tenant_id, kind, source, event_id, device_id, chip_id, observed_at, detail)
    SELECT r.anomaly_id, app.current_tenant(), 'unknown_chip', 'sorting', r.event_id, r.device_id, r.chip_id, r.observed_at,
      jsonb_strip_nulls(jsonb_build_object('category', r.category, 'confidence', r.confidence, 'imageKey', r.image_key))
    FROM resolved r JOIN ins ON ins.event_id = r.event_id
    WHERE r.bin_id IS NULL
    ON CONFLICT (tenant_id, source, event_id, kind, content_digest) DO NOTHING
    RETURNING 1
  ),
  clash AS (
    SELECT r.*, s.chip_id AS s_chip_id, s.observed_at AS s_observed_at, s.category AS s_category, s.confidence AS s_confidence,
      s.image_key AS s_image_key, s.bin_id AS s_bin_id, s.content_digest AS s_digest, s.received_at AS s_received_at
    FROM resolved r
    JOIN public.waste_sorting_events s ON s.tenant_id = app.current_tenant() AND s.event_id = r.event_id
    WHERE CASE WHEN s.content_digest IS NOT NULL THEN s.content_digest <> r.digest
      ELSE (s.chip_id, s.observed_at, s.category, s.confidence, s.image_key) IS DISTINCT FROM (r.chip_id, r.observed_at, r.category, r.confidence, r.image_key) END
  ),
  conflicted AS (
    INSERT INTO public.waste_anomalies (id, tenant_id, kind, source, event_id, device_id, chip_id, observed_at, detail, content_digest)
    SELECT c.conflict_id, app.current_tenant(), 'event_conflict', 'sorting', c.event_id, c.device_id, c.chip_id, c.observed_at,
      jsonb_build_object(
        'stored', jsonb_strip_nulls(jsonb_build_object(
          'chipId', c.s_chip_id, 'observedAt', c.s_observed_at, 'category', c.s_category, 'confidence', c.s_confidence,
          'imageKey', c.s_image_key, 'binId', c.s_bin_id, 'digest', c.s_digest, 'receivedAt', c.s_received_at)),
        'received', jsonb_strip_nulls(jsonb_build_object(
          'chipId', c.chip_id, 'observedAt', c.observed_at, 'category', c.category, 'confidence', c.confidence,
          'imageKey', c.image_key, 'binId', c.bin_id, 'digest', c.digest, 'receivedAt', c.received_at, 'requestId', c.request_id))),
      c.digest
    FROM clash c
    ON CONFLICT (tenant_id, source, event_id, kind, content_digest) DO NOTHING
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM ins)::int, (SELECT count(*) FROM flagged)::int, (SELECT count(*) FROM conflicted)::int,
    (SELECT count(*) FROM resolved r
      WHERE NOT EXISTS (SELECT 1 FROM ins WHERE ins.event_id = r.event_id)
        AND NOT EXISTS (SELECT 1 FROM public.waste_sorting_events s WHERE s.tenant_id = app.current_tenant() AND s.event_id = r.event_id))::int
  INTO inserted, anomalies, conflicts, unseen;
  IF unseen > 0 THEN
    RAISE EXCEPTION 'événement écrit au même moment par une autre transaction : nouvel essai' USING ERRCODE = '40001';
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app.ingest_waste_lifts(uuid, jsonb), app.ingest_waste_sorting_events(uuid, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app.ingest_waste_lifts(uuid, jsonb), app.ingest_waste_sorting_events(uuid, jsonb) TO communa_app;
