/**
 * The consumer of the `telemetry` queue (ADR 0016, 0035), on the waste consumer's pattern: every
 * message is validated again; valid ones are written per tenant in one statement and acknowledged
 * once committed (a crash in between redelivers them, which the event key makes harmless: the same
 * key and digest is counted once); the database unreachable → retry with backoff; a message that
 * does not validate, or that the database refuses alone, goes to `telemetry-dlq` with its reason,
 * whose consumer stores it in `env_dead_letters` for the agents.
 *
 * What a reading becomes: `nappe.profondeur` (m below ground) and `nappe.niveau` (m NGF) from a
 * device registered as a piezometer station → a raw groundwater reading; `energie.puissance` (W,
 * the mean over the meter's step ending at the instant) from a device a building's meter names →
 * a load point of that meter (the night base-load alerts read them). Anything else (a device that
 * is neither, another metric or unit, a negative power) is kept as an anomaly, never dropped; the
 * same key with another content is an `event_conflict` anomaly, the stored reading left as it was.
 */
import { eventDigest, issuesOf, QUEUES, telemetryMessageSchema, type DeadLetter, type TelemetryMessage } from "@communa/contracts/devices";
import { isUuid } from "@communa/core/ids";
import { log, openDb, uuidv7, type Db } from "@communa/core";
import { ingestTexts } from "./messages.fr.ts";

export const TELEMETRY_DLQ = "telemetry-dlq";

export interface TelemetryBindings {
  DATABASE_URL: string;
  NEON_WS_PROXY?: string;
  TELEMETRY_DLQ: Queue<unknown>;
}

export type IngestStore = Pick<Db, "ingest">;

/** Delay before the next attempt: 5 s, 10 s, 20 s… capped at 10 minutes. */
export const backoffSeconds = (attempts: number) => Math.min(600, 5 * 2 ** Math.max(0, attempts - 1));

/** SQLSTATE classes worth retrying later: the database, not the message, is at fault. */
const TRANSIENT = [/^08/, /^53/, /^57P0[123]$/, /^57014$/, /^55P03$/, /^40001$/, /^40P01$/, /^58/, /^XX000$/];
export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return TRANSIENT.some((re) => re.test(code));
}

export const GROUNDWATER_METRICS = { depth: "nappe.profondeur", level: "nappe.niveau" } as const;

/** A meter device's mean power over its step (W), ending at the event's instant. */
export const ENERGY_METRIC = "energie.puissance";

const WRITE_SQL = `
WITH x AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb)
    AS x(id uuid, anomaly_id uuid, event_id text, device_id text, at timestamptz, metric text, value double precision, unit text, digest text)
), st AS (
  SELECT x.*, s.id AS station_id, m.id AS meter_id, m.step_minutes FROM x
  LEFT JOIN env_piezo_stations s ON s.tenant_id = app.current_tenant() AND s.kind = 'device' AND s.code = x.device_id
  LEFT JOIN env_meters m ON m.tenant_id = app.current_tenant() AND m.device_id = x.device_id
), known AS (
  SELECT * FROM st WHERE station_id IS NOT NULL AND metric IN ('${GROUNDWATER_METRICS.depth}', '${GROUNDWATER_METRICS.level}')
), power AS (
  SELECT * FROM st WHERE meter_id IS NOT NULL AND metric = '${ENERGY_METRIC}' AND unit = 'W' AND value >= 0
), ins AS (
  INSERT INTO env_piezo_readings (id, tenant_id, station_id, measured_at, depth_m, level_ngf, status, event_id, content_digest)
  SELECT id, app.current_tenant(), station_id, at,
    CASE WHEN metric = '${GROUNDWATER_METRICS.depth}' THEN value END, CASE WHEN metric = '${GROUNDWATER_METRICS.level}' THEN value END,
    'raw', event_id, digest
  FROM known
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING 1
), points AS (
  -- A load point is keyed by its meter and instant: a redelivered event writes nothing more.
  INSERT INTO env_load_points (tenant_id, meter_id, at, watts, step_minutes)
  SELECT app.current_tenant(), meter_id, at, value, step_minutes FROM power
  ON CONFLICT (tenant_id, meter_id, at) DO NOTHING
  RETURNING 1
), conflicts AS (
  INSERT INTO env_anomalies (id, tenant_id, kind, event_id, detail)
  SELECT k.anomaly_id, app.current_tenant(), 'event_conflict', k.event_id,
    'Clé déjà enregistrée avec un autre contenu ; reçu : ' || k.metric || ' = ' || k.value || ' ' || k.unit || ' à ' || k.at
  FROM known k JOIN env_piezo_readings r ON r.tenant_id = app.current_tenant() AND r.event_id = k.event_id
  WHERE r.content_digest IS DISTINCT FROM k.digest
  UNION ALL
  SELECT p.anomaly_id, app.current_tenant(), 'event_conflict', p.event_id,
    'Point de courbe de charge déjà enregistré avec une autre valeur (' || l.watts || ' W) ; reçu : ' || p.value || ' W à ' || p.at
  FROM power p JOIN env_load_points l ON l.tenant_id = app.current_tenant() AND l.meter_id = p.meter_id AND l.at = p.at
  WHERE l.watts IS DISTINCT FROM p.value
  ON CONFLICT (tenant_id, kind, event_id) DO NOTHING
  RETURNING 1
), unknown AS (
  INSERT INTO env_anomalies (id, tenant_id, kind, event_id, detail)
  SELECT anomaly_id, app.current_tenant(), CASE WHEN station_id IS NULL AND meter_id IS NULL THEN 'unknown_station' ELSE 'unknown_metric' END, event_id,
    metric || ' = ' || value || ' ' || unit || ' à ' || at
  FROM st
  WHERE NOT (station_id IS NOT NULL AND metric IN ('${GROUNDWATER_METRICS.depth}', '${GROUNDWATER_METRICS.level}'))
    AND NOT (meter_id IS NOT NULL AND metric = '${ENERGY_METRIC}' AND unit = 'W' AND value >= 0)
  ON CONFLICT (tenant_id, kind, event_id) DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM ins) + (SELECT count(*) FROM points) AS inserted, (SELECT count(*) FROM conflicts) AS conflicts, (SELECT count(*) FROM unknown) AS anomalies`;

export interface WriteCounts {
  inserted: number;
  conflicts: number;
  anomalies: number;
}

/** Writes one tenant's readings (distinct keys) in one statement. */
export async function writeTelemetry(store: IngestStore, tenantId: string, messages: TelemetryMessage[]): Promise<WriteCounts> {
  const rows = await Promise.all(
    messages.map(async ({ eventId, deviceId, event: e }) => ({
      id: uuidv7(),
      anomaly_id: uuidv7(),
      event_id: eventId,
      device_id: deviceId,
      at: e.at,
      metric: e.metric,
      value: e.value,
      unit: e.unit,
      digest: await eventDigest(e),
    })),
  );
  const [[row]] = await store.ingest(tenantId, { statements: [{ text: WRITE_SQL, params: [JSON.stringify(rows)] }] });
  return { inserted: Number(row.inserted), conflicts: Number(row.conflicts), anomalies: Number(row.anomalies) };
}

async function setAside(env: TelemetryBindings, msg: Message<unknown>, reason: string): Promise<void> {
  const tenantId = (msg.body as { tenantId?: unknown } | null)?.tenantId;
  if (typeof tenantId !== "string" || !isUuid(tenantId)) {
    log("error", "message sans collectivité écarté", { queue: QUEUES.telemetry, messageId: msg.id, reason, body: msg.body });
    msg.ack();
    return;
  }
  const letter: DeadLetter = { deadLetter: 1, queue: QUEUES.telemetry, tenantId, reason, attempts: msg.attempts, body: msg.body };
  try {
    await env.TELEMETRY_DLQ.send(letter, { contentType: "json" });
    msg.ack();
  } catch (err) {
    log("error", "file des rejets indisponible", { queue: QUEUES.telemetry, messageId: msg.id, error: err });
    msg.retry({ delaySeconds: backoffSeconds(msg.attempts) });
  }
}

type Item = { msg: Message<unknown>; value: TelemetryMessage };

/** Writes a group, halving it when the database refuses it, to isolate the poison messages. */
async function writeGroup(env: TelemetryBindings, store: IngestStore, tenantId: string, group: Item[]): Promise<void> {
  try {
    await writeTelemetry(
      store,
      tenantId,
      group.map((g) => g.value),
    );
  } catch (err) {
    if (isTransient(err)) {
      log("warn", "base indisponible, nouvel essai différé", { queue: QUEUES.telemetry, tenantId, messages: group.length, error: err });
      for (const g of group) g.msg.retry({ delaySeconds: backoffSeconds(g.msg.attempts) });
      return;
    }
    if (group.length === 1) return setAside(env, group[0].msg, ingestTexts.refused((err as Error).message));
    const half = Math.ceil(group.length / 2);
    await writeGroup(env, store, tenantId, group.slice(0, half));
    await writeGroup(env, store, tenantId, group.slice(half));
    return;
  }
  for (const g of group) g.msg.ack();
}

/** Rounds of distinct event keys (a second version of a key in one statement would not be compared). */
export function distinctKeyRounds<T extends { value: { eventId: string } }>(group: T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const g of group) {
    const k = seen.get(g.value.eventId) ?? 0;
    seen.set(g.value.eventId, k + 1);
    if (!rounds[k]) rounds[k] = [];
    rounds[k].push(g);
  }
  return rounds;
}

/** The handler of a telemetry batch. */
export async function consumeTelemetry(batch: MessageBatch<unknown>, env: TelemetryBindings, store: IngestStore = openDb(env)): Promise<void> {
  const byTenant = new Map<string, Item[]>();
  for (const msg of batch.messages) {
    const parsed = telemetryMessageSchema.safeParse(msg.body);
    if (!parsed.success) {
      await setAside(env, msg, ingestTexts.invalidMessage(issuesOf(parsed.error)));
      continue;
    }
    const list = byTenant.get(parsed.data.tenantId) ?? [];
    list.push({ msg, value: parsed.data });
    byTenant.set(parsed.data.tenantId, list);
  }
  for (const [tenantId, group] of byTenant) for (const round of distinctKeyRounds(group)) await writeGroup(env, store, tenantId, round);
}

const DLQ_SQL = `
INSERT INTO env_dead_letters (id, tenant_id, queue, message_id, body, reason, attempts)
SELECT id, app.current_tenant(), queue, message_id, body, reason, attempts
FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, queue text, message_id text, body text, reason text, attempts int)
ON CONFLICT (tenant_id, queue, message_id) DO NOTHING`;

/** The consumer of telemetry-dlq: stores each letter under its tenant (redelivery written once). */
export async function storeDeadLetters(batch: MessageBatch<unknown>, env: TelemetryBindings, store: IngestStore = openDb(env)): Promise<void> {
  const byTenant = new Map<string, { msg: Message<unknown>; row: Record<string, unknown> }[]>();
  for (const msg of batch.messages) {
    const b = msg.body as Partial<DeadLetter> | null;
    const wrapped = b?.deadLetter === 1;
    const tenantId = wrapped ? b?.tenantId : (msg.body as { tenantId?: unknown } | null)?.tenantId;
    if (typeof tenantId !== "string" || !isUuid(tenantId)) {
      log("error", "message rejeté sans collectivité", { queue: batch.queue, messageId: msg.id, body: msg.body });
      msg.ack();
      continue;
    }
    const row = {
      id: uuidv7(),
      queue: QUEUES.telemetry,
      message_id: msg.id,
      body: JSON.stringify((wrapped ? b?.body : msg.body) ?? null, null, 2),
      reason: wrapped ? String(b?.reason) : ingestTexts.retriesExhausted,
      attempts: wrapped ? Number(b?.attempts ?? 0) : msg.attempts,
    };
    const list = byTenant.get(tenantId) ?? [];
    list.push({ msg, row });
    byTenant.set(tenantId, list);
  }
  for (const [tenantId, group] of byTenant) {
    try {
      await store.ingest(tenantId, { statements: [{ text: DLQ_SQL, params: [JSON.stringify(group.map((g) => g.row))] }] });
      for (const g of group) g.msg.ack();
    } catch (err) {
      if (isTransient(err)) for (const g of group) g.msg.retry({ delaySeconds: backoffSeconds(g.msg.attempts) });
      else {
        log("error", "message rejeté impossible à enregistrer", { tenantId, error: err });
        for (const g of group) g.msg.ack();
      }
    }
  }
}

/** Entry point of the Worker's `queue()`. */
export async function handleQueue(batch: MessageBatch<unknown>, env: TelemetryBindings): Promise<void> {
  if (batch.queue === TELEMETRY_DLQ) return storeDeadLetters(batch, env);
  if (batch.queue === QUEUES.telemetry) return consumeTelemetry(batch, env);
  log("error", "file inconnue", { queue: batch.queue, messages: batch.messages.length });
  batch.retryAll();
}
