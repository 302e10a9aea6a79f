/**
 * The idempotent batch writes (ADR 0016): one statement per batch and tenant, in the database's
 * `app.ingest_waste_lifts` / `app.ingest_waste_sorting_events` (migrations waste_events_ingest*,
 * where the plan is kept per connection; the function sets the tenant, one round trip). Rows go as one JSON array; chips are resolved to the bin in
 * service carrying them; each event carries the digest of its content (`eventDigest`): under a key
 * already stored, the same digest is a redelivery (counted once, `ON CONFLICT DO NOTHING`), another
 * digest a device reusing its sequence number — the stored event is left as it is and an
 * `event_conflict` anomaly keeps both versions (migration 0038); an anomaly is also recorded for each
 * newly written event whose chip is unknown (or whose stream differs from the bin's): stored for an
 * agent to resolve, never dropped. The keys of one call must be distinct (the consumer sees to it).
 */
import { uuidv7 } from "@communa/core";
import { eventDigest, type LiftMessage, type SortingMessage } from "@communa/contracts/devices";
import type { IngestStore } from "./store.ts";

export interface WriteCounts {
  inserted: number;
  anomalies: number;
  /** Events whose key was stored with another content, newly recorded as event_conflict anomalies. */
  conflicts: number;
}

const counts = ([rows]: Record<string, unknown>[][]): WriteCounts => ({
  inserted: Number(rows[0].inserted),
  anomalies: Number(rows[0].anomalies),
  conflicts: Number(rows[0].conflicts),
});

/** Writes lifts of one tenant in one statement; returns how many were new. */
export async function writeLifts(store: IngestStore, tenantId: string, messages: LiftMessage[]): Promise<WriteCounts> {
  const rows = await Promise.all(
    messages.map(async ({ eventId, deviceId, requestId, receivedAt, event: e }) => ({
      id: uuidv7(),
      anomaly_id: uuidv7(),
      conflict_id: uuidv7(),
      event_id: eventId,
      device_id: deviceId,
      chip_id: e.chipId,
      truck: e.truck,
      round: e.round,
      lifted_at: e.liftedAt,
      lon: e.lon,
      lat: e.lat,
      weight_kg: e.weightKg ?? null,
      stream: e.stream,
      digest: await eventDigest(e),
      request_id: requestId,
      received_at: receivedAt,
    })),
  );
  return counts(await store.ingest(tenantId, { fn: "ingest_waste_lifts", rows }));
}

/** Writes sorting events of one tenant in one statement; returns how many were new. */
export async function writeSortingEvents(store: IngestStore, tenantId: string, messages: SortingMessage[]): Promise<WriteCounts> {
  const rows = await Promise.all(
    messages.map(async ({ eventId, deviceId, requestId, receivedAt, event: e }) => ({
      id: uuidv7(),
      anomaly_id: uuidv7(),
      conflict_id: uuidv7(),
      event_id: eventId,
      device_id: deviceId,
      chip_id: e.chipId,
      observed_at: e.observedAt,
      category: e.category,
      confidence: e.confidence,
      image_key: e.imageKey ?? null,
      digest: await eventDigest(e),
      request_id: requestId,
      received_at: receivedAt,
    })),
  );
  return counts(await store.ingest(tenantId, { fn: "ingest_waste_sorting_events", rows }));
}
