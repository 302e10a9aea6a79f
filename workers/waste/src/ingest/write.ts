/**
 * The idempotent batch writes (ADR 0016): one statement per batch and tenant, in the database's
 * `app.ingest_waste_lifts` / `app.ingest_waste_sorting_events` (migrations waste_events_ingest*,
 * where the plan is kept per connection; the function sets the tenant, one round trip). Rows go as one JSON array; chips are resolved to the bin in
 * service carrying them; `ON CONFLICT (tenant_id, event_id) DO NOTHING` makes a redelivered event
 * count once; an anomaly is recorded for each newly written event whose chip is unknown (or whose
 * stream differs from the bin's): stored for an agent to resolve, never dropped.
 */
import { uuidv7 } from "@communa/core";
import type { LiftMessage, SortingMessage } from "@communa/devices/events";
import type { IngestStore } from "./store.ts";

export interface WriteCounts {
  inserted: number;
  anomalies: number;
}

const LIFTS_SQL = "SELECT inserted, anomalies FROM app.ingest_waste_lifts($1::uuid, $2::jsonb)";
const SORTING_SQL = "SELECT inserted, anomalies FROM app.ingest_waste_sorting_events($1::uuid, $2::jsonb)";

const counts = (rows: Record<string, unknown>[]): WriteCounts => ({ inserted: Number(rows[0].inserted), anomalies: Number(rows[0].anomalies) });

/** Writes lifts of one tenant in one statement; returns how many were new. */
export async function writeLifts(store: IngestStore, tenantId: string, messages: LiftMessage[]): Promise<WriteCounts> {
  const rows = messages.map(({ eventId, deviceId, event: e }) => ({
    id: uuidv7(),
    anomaly_id: uuidv7(),
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
  }));
  return counts(await store.once(LIFTS_SQL, [tenantId, JSON.stringify(rows)]));
}

/** Writes sorting events of one tenant in one statement; returns how many were new. */
export async function writeSortingEvents(store: IngestStore, tenantId: string, messages: SortingMessage[]): Promise<WriteCounts> {
  const rows = messages.map(({ eventId, deviceId, event: e }) => ({
    id: uuidv7(),
    anomaly_id: uuidv7(),
    event_id: eventId,
    device_id: deviceId,
    chip_id: e.chipId,
    observed_at: e.observedAt,
    category: e.category,
    confidence: e.confidence,
    image_key: e.imageKey ?? null,
  }));
  return counts(await store.once(SORTING_SQL, [tenantId, JSON.stringify(rows)]));
}
