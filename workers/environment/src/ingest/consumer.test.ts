/**
 * The telemetry consumer inside workerd against the real Postgres: a piezometer's readings are
 * written once however often the batch is redelivered (also after a crash between commit and
 * acknowledgement), the same key with another content becomes an anomaly, an energy meter's power
 * readings become its load points (once), an unknown device's
 * reading is kept as an anomaly, and an invalid message is set aside on telemetry-dlq and stored
 * for the agents.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant } from "@communa/core/testing";
import { uuidv7, type Tenant } from "@communa/core";
import type { TelemetryMessage } from "@communa/contracts/devices";
import { consumeTelemetry, type TelemetryBindings } from "./consumer.ts";

const testEnv = env as unknown as TelemetryBindings & { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const from = Date.now() - 3_600_000;

function reading(t: Tenant, deviceId: string, seq: number, metric: string, value: number): TelemetryMessage {
  return {
    v: 1,
    tenantId: t.id,
    deviceId,
    eventId: `${deviceId}:${seq}`,
    requestId: "test",
    receivedAt: new Date().toISOString(),
    event: { seq, at: new Date(from + Math.floor(seq / 2) * 60_000).toISOString(), metric, value, unit: "m" },
  };
}

let ids = 0;
async function run(bodies: unknown[], attempts = 1) {
  const batch = createMessageBatch(
    "telemetry",
    bodies.map((body, i) => ({ id: `t-${Date.now()}-${ids++}-${i}`, timestamp: new Date(), attempts, body })),
  );
  const ctx = createExecutionContext();
  await consumeTelemetry(batch, testEnv);
  return getQueueResult(batch, ctx);
}

async function station(t: Tenant, deviceId: string) {
  await adminQuery(testEnv, "INSERT INTO env_piezo_stations (id, tenant_id, kind, code, name) VALUES ($1, $2, 'device', $3, 'Piézomètre de Rosoy')", [
    uuidv7(),
    t.id,
    deviceId,
  ]);
}
const count = async (sql: string, params: unknown[]) => Number((await adminQuery<{ n: string }>(testEnv, sql, params))[0].n);

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("telemetry consumer", () => {
  it("writes a piezometer's depth and level readings once, however often the batch is redelivered", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const device = uuidv7();
    await station(t, device);
    const batch = Array.from({ length: 20 }, (_, i) =>
      reading(t, device, i, i % 2 ? "nappe.niveau" : "nappe.profondeur", i % 2 ? 38.2 - i / 100 : 13.9 + i / 100),
    );
    const first = await run(batch);
    expect(first.explicitAcks).toHaveLength(20);
    // Redelivered whole (the consumer died before acknowledging), then half of it again with a retry count.
    const second = await run(batch, 2);
    expect(second.explicitAcks).toHaveLength(20);
    await run(batch.slice(0, 10), 3);
    expect(await count("SELECT count(*) AS n FROM env_piezo_readings WHERE tenant_id = $1", [t.id])).toBe(20);
    expect(await count("SELECT count(*) AS n FROM env_piezo_readings WHERE tenant_id = $1 AND depth_m IS NOT NULL", [t.id])).toBe(10);
    expect(await count("SELECT count(*) AS n FROM env_anomalies WHERE tenant_id = $1", [t.id])).toBe(0);
  });

  it("keeps the stored reading when a key comes back with another content, and records the conflict once", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const device = uuidv7();
    await station(t, device);
    await run([reading(t, device, 1, "nappe.profondeur", 14.2)]);
    await run([reading(t, device, 1, "nappe.profondeur", 9.9), reading(t, device, 1, "nappe.profondeur", 9.9)]);
    const [stored] = await adminQuery<{ depth_m: number }>(testEnv, "SELECT depth_m FROM env_piezo_readings WHERE tenant_id = $1", [t.id]);
    expect(stored.depth_m).toBe(14.2);
    const anomalies = await adminQuery<{ kind: string }>(testEnv, "SELECT kind FROM env_anomalies WHERE tenant_id = $1", [t.id]);
    expect(anomalies.map((a) => a.kind)).toEqual(["event_conflict"]);
  });

  it("turns an energy meter's power readings into its load points once; another unit, a negative power or a changed value is an anomaly", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const device = uuidv7();
    const building = uuidv7();
    await adminQuery(
      testEnv,
      "INSERT INTO env_buildings (id, tenant_id, reference, name, floor_area_m2, activity) VALUES ($1, $2, 'PISCINE', 'Piscine', 2400, 'Sport')",
      [building, t.id],
    );
    await adminQuery(
      testEnv,
      "INSERT INTO env_meters (id, tenant_id, building_id, energy, delivery_point, device_id, step_minutes) VALUES ($1, $2, $3, 'electricity', '30001234567890', $4, 10)",
      [uuidv7(), t.id, building, device],
    );
    const power = (seq: number, watts: number, unit = "W") => {
      const r = reading(t, device, seq, "energie.puissance", watts);
      // Four minutes apart, all within the last hour (a reading from the future is refused).
      return { ...r, event: { ...r.event, at: new Date(from + seq * 240_000).toISOString(), unit } };
    };
    const batch = Array.from({ length: 6 }, (_, i) => power(i, 4000 + i * 10));
    await run(batch);
    await run(batch, 2);
    const points = await adminQuery<{ watts: number; step_minutes: number }>(
      testEnv,
      "SELECT watts, step_minutes FROM env_load_points WHERE tenant_id = $1 ORDER BY at",
      [t.id],
    );
    expect(points.map((p) => [p.watts, p.step_minutes])).toEqual(batch.map((b) => [b.event.value, 10]));
    // Another unit, a negative power, then the same instant again with another value (a new event).
    await run([power(10, 12, "kWh"), power(11, -5), { ...power(12, 9999), event: { ...power(12, 9999).event, at: batch[0].event.at } }]);
    expect(await count("SELECT count(*) AS n FROM env_load_points WHERE tenant_id = $1", [t.id])).toBe(6);
    const anomalies = await adminQuery<{ kind: string }>(testEnv, "SELECT kind FROM env_anomalies WHERE tenant_id = $1 ORDER BY kind", [t.id]);
    expect(anomalies.map((a) => a.kind)).toEqual(["event_conflict", "unknown_metric", "unknown_metric"]);
  });

  it("keeps an unknown device's reading as an anomaly, and sets an invalid message aside for the agents", async () => {
    const t = await createTestTenant(testEnv, { kind: "epci" });
    const unknown = reading(t, uuidv7(), 4, "nappe.profondeur", 12);
    const broken = { ...reading(t, uuidv7(), 5, "nappe.niveau", 30), eventId: "pas-la-bonne-clé" };
    const result = await run([unknown, broken]);
    expect(result.explicitAcks).toHaveLength(2);
    expect((await adminQuery<{ kind: string }>(testEnv, "SELECT kind FROM env_anomalies WHERE tenant_id = $1", [t.id])).map((a) => a.kind)).toEqual([
      "unknown_station",
    ]);
    // The dead-letter queue's consumer (this Worker) stores it: wait for it to arrive.
    const [letter] = await eventually(
      () => adminQuery<{ reason: string; body: string }>(testEnv, "SELECT reason, body FROM env_dead_letters WHERE tenant_id = $1", [t.id]),
      (rows) => rows.length > 0,
    );
    expect(letter.reason).toContain("L’identifiant d’événement ne correspond pas");
    expect(JSON.parse(letter.body).eventId).toBe("pas-la-bonne-clé");
  });
});
