/**
 * The queue consumers inside workerd, against the real Postgres: idempotent batch writes under
 * redelivery (same batch twice; a batch redelivered after the consumer died between commit and
 * acknowledgement), the database unreachable then back (nothing lost), poison messages set aside on
 * the dead-letter queue, stored for the agents' screen and replayed once fixed, unknown chips kept
 * as anomalies.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { adminQuery, createTestTenant, testContext, person, withDb } from "@communa/core/testing";
import { uuidv7, type Tenant } from "@communa/core";
import type { LiftMessage } from "@communa/contracts/devices";
import { backoffSeconds, consumeEvents } from "./consumer.ts";
import { replayDeadLetter } from "./dead-letters.ts";
import { resolveAnomaly } from "./anomalies.ts";
import type { IngestBindings } from "./env.ts";

const testEnv = env as unknown as IngestBindings & { TEST_ADMIN_DATABASE_URL: string; DATABASE_URL: string; NEON_WS_PROXY: string };

const chip = () => `250${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b % 10).join("")}`;

async function bin(t: Tenant, chipId: string, stream = "residual", status = "in_service") {
  const [row] = await adminQuery<{ id: string }>(
    testEnv,
    "INSERT INTO waste_bins (id, tenant_id, chip_id, stream, volume_litres, status) VALUES ($1, $2, $3, $4, 120, $5) RETURNING id",
    [uuidv7(), t.id, chipId, stream, status],
  );
  return row.id;
}

/** One instant for the whole file: a lift's content depends only on its arguments (sent twice, it is the same event). */
const liftsFrom = Date.now() - 3_600_000;

function lift(t: Tenant, deviceId: string, seq: number, chipId: string, over: Partial<LiftMessage["event"]> = {}): LiftMessage {
  return {
    v: 1,
    tenantId: t.id,
    deviceId,
    eventId: `${deviceId}:${seq}`,
    requestId: "test",
    receivedAt: new Date().toISOString(),
    event: {
      seq,
      chipId,
      truck: "BOM-12",
      round: "Liancourt nord",
      liftedAt: new Date(liftsFrom + seq * 1000).toISOString(),
      lon: 2.46,
      lat: 49.33,
      weightKg: 12.5,
      stream: "residual",
      ...over,
    },
  };
}

let ids = 0;
const batchOf = (queue: string, bodies: unknown[], attempts = 1) =>
  createMessageBatch(
    queue,
    bodies.map((body, i) => ({ id: `m-${Date.now()}-${ids++}-${i}`, timestamp: new Date(), attempts, body })),
  );

async function run(bodies: unknown[], opts: { attempts?: number; env?: IngestBindings } = {}) {
  const batch = batchOf("bin-lifts", bodies, opts.attempts);
  const ctx = createExecutionContext();
  await consumeEvents(batch, opts.env ?? testEnv);
  return { batch, result: await getQueueResult(batch, ctx) };
}

const count = async (sql: string, params: unknown[]) => Number((await adminQuery<{ n: string }>(testEnv, sql, params))[0].n);

/** Polls until `ok`: no budget of its own, the test's fail-safe stops it. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("lift consumer", () => {
  it("backs off exponentially, with jitter, up to 10 minutes", () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffSeconds(1)).toBeGreaterThanOrEqual(4);
      expect(backoffSeconds(1)).toBeLessThanOrEqual(6);
      expect(backoffSeconds(3)).toBeGreaterThanOrEqual(16);
      expect(backoffSeconds(3)).toBeLessThanOrEqual(24);
      expect(backoffSeconds(30)).toBeLessThanOrEqual(720);
      expect(backoffSeconds(30)).toBeGreaterThanOrEqual(480);
    }
  });

  it("writes a batch in one go, resolves chips to bins in service, keeps unknown chips as anomalies", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const known = chip();
    const stolen = chip();
    const binId = await bin(t, known);
    await bin(t, stolen, "residual", "stolen");
    const glassBin = chip();
    await bin(t, glassBin, "glass");
    // A chip of another tenant's bin is unknown here.
    const elsewhere = chip();
    await bin(await createTestTenant(testEnv), elsewhere);
    const bodies = [
      lift(t, device, 1, known),
      lift(t, device, 2, known, { weightKg: null }),
      lift(t, device, 3, elsewhere),
      lift(t, device, 4, stolen),
      lift(t, device, 5, glassBin),
    ];
    const { batch, result } = await run(bodies);
    expect(result.explicitAcks.sort()).toEqual(batch.messages.map((m) => m.id).sort());
    expect(result.retryMessages).toEqual([]);
    const rows = await adminQuery<{ event_id: string; bin_id: string | null; weight_kg: string | null }>(
      testEnv,
      "SELECT event_id, bin_id, weight_kg FROM waste_lifts WHERE tenant_id = $1 ORDER BY lifted_at, event_id",
      [t.id],
    );
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.event_id === `${device}:1`)).toMatchObject({ bin_id: binId, weight_kg: "12.50" });
    expect(rows.find((r) => r.event_id === `${device}:2`)?.weight_kg).toBeNull();
    expect(rows.find((r) => r.event_id === `${device}:3`)?.bin_id).toBeNull();
    const anomalies = await adminQuery<{ kind: string; event_id: string; detail: Record<string, unknown> }>(
      testEnv,
      "SELECT kind, event_id, detail FROM waste_anomalies WHERE tenant_id = $1 ORDER BY event_id",
      [t.id],
    );
    expect(anomalies.map((a) => [a.event_id, a.kind])).toEqual([
      [`${device}:3`, "unknown_chip"],
      [`${device}:4`, "unknown_chip"],
      [`${device}:5`, "stream_mismatch"],
    ]);
    expect(anomalies[1].detail).toMatchObject({ otherBinStatus: "stolen", truck: "BOM-12" });
    expect(anomalies[2].detail).toMatchObject({ binStream: "glass", stream: "residual" });
  });

  it("the same batch delivered twice counts once", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const bodies = Array.from({ length: 20 }, (_, i) => lift(t, device, i, chip()));
    await run(bodies);
    const again = await run(bodies, { attempts: 2 });
    expect(again.result.explicitAcks).toHaveLength(20);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [t.id])).toBe(20);
    expect(await count("SELECT count(*) AS n FROM waste_anomalies WHERE tenant_id = $1", [t.id])).toBe(20);
  });

  it("a consumer that dies between commit and acknowledgement: the redelivered batch counts once", async () => {
    const a = await createTestTenant(testEnv);
    const b = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const bodies = [
      ...Array.from({ length: 6 }, (_, i) => lift(a, device, i, chip())),
      ...Array.from({ length: 4 }, (_, i) => lift(b, device, 100 + i, chip())),
    ];
    // The isolate stops right after tenant a's transaction committed: nothing gets acknowledged.
    const batch = batchOf("bin-lifts", bodies);
    const dying = {
      queue: batch.queue,
      messages: batch.messages.map((m) => ({
        id: m.id,
        timestamp: m.timestamp,
        attempts: m.attempts,
        body: m.body,
        ack: () => {
          throw new Error("isolat arrêté");
        },
        retry: () => {
          throw new Error("isolat arrêté");
        },
      })),
      ackAll: () => {},
      retryAll: () => {},
    } as unknown as MessageBatch<unknown>;
    await expect(consumeEvents(dying, testEnv)).rejects.toThrow("isolat arrêté");
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [a.id])).toBe(6);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [b.id])).toBe(0);
    // The queue redelivers the whole batch.
    const { result } = await run(bodies, { attempts: 2 });
    expect(result.explicitAcks).toHaveLength(10);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [a.id])).toBe(6);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [b.id])).toBe(4);
    expect(await count("SELECT count(DISTINCT event_id) AS n FROM waste_lifts WHERE tenant_id = ANY($1::uuid[])", [[a.id, b.id]])).toBe(10);
  });

  it("database unreachable: every message is retried later with a delay, none acknowledged; once it is back, nothing is lost", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const bodies = Array.from({ length: 30 }, (_, i) => lift(t, device, i, chip()));
    // Nothing listens on port 1: the connection to the database's proxy is refused.
    const down = { ...testEnv, NEON_WS_PROXY: "127.0.0.1:1" };
    const first = await run(bodies, { env: down });
    expect(first.result.explicitAcks).toEqual([]);
    expect(first.result.retryMessages).toHaveLength(30);
    const third = await run(bodies, { env: down, attempts: 3 });
    expect(third.result.retryMessages).toHaveLength(30);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [t.id])).toBe(0);
    const back = await run(bodies, { attempts: 4 });
    expect(back.result.explicitAcks).toHaveLength(30);
    expect(back.result.retryMessages).toEqual([]);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [t.id])).toBe(30);
  });
});

describe("a key reused with another content", () => {
  const conflictsOf = (t: Tenant) =>
    adminQuery<{ event_id: string; chip_id: string; detail: { stored: Record<string, unknown>; received: Record<string, unknown> }; content_digest: string }>(
      testEnv,
      "SELECT event_id, chip_id, detail, content_digest FROM waste_anomalies WHERE tenant_id = $1 AND kind = 'event_conflict' ORDER BY created_at",
      [t.id],
    );
  const liftsOf = (t: Tenant) =>
    adminQuery<{ event_id: string; chip_id: string; weight_kg: string; content_digest: string }>(
      testEnv,
      "SELECT event_id, chip_id, weight_kg, content_digest FROM waste_lifts WHERE tenant_id = $1 ORDER BY event_id",
      [t.id],
    );

  it("keeps the stored event unchanged and records the other version as an anomaly with both contents; a redelivery adds nothing", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const a = chip();
    const b = chip();
    const first = lift(t, device, 1, a, { weightKg: 12.5 });
    await run([first]);
    const reused = lift(t, device, 1, b, { weightKg: 99, round: "Liancourt sud" });
    const { batch, result } = await run([reused]);
    expect(result.explicitAcks).toEqual(batch.messages.map((m) => m.id));
    const lifts = await liftsOf(t);
    expect(lifts).toEqual([{ event_id: `${device}:1`, chip_id: a, weight_kg: "12.50", content_digest: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const conflicts = await conflictsOf(t);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ event_id: `${device}:1`, chip_id: b });
    expect(conflicts[0].detail.stored).toMatchObject({ chipId: a, weightKg: 12.5, round: "Liancourt nord", digest: lifts[0].content_digest });
    expect(conflicts[0].detail.received).toMatchObject({ chipId: b, weightKg: 99, round: "Liancourt sud", requestId: "test" });
    expect(conflicts[0].content_digest).toBe(conflicts[0].detail.received.digest);
    // Redeliveries of either version, with another request id and reception time: nothing new.
    await run([{ ...first, requestId: "renvoi", receivedAt: new Date().toISOString() }, reused], { attempts: 2 });
    expect(await liftsOf(t)).toEqual(lifts);
    expect(await conflictsOf(t)).toHaveLength(1);
  });

  it("two versions of one key in the same batch: one stored, the other an anomaly", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const a = chip();
    const { result } = await run([lift(t, device, 5, a), lift(t, device, 6, a), lift(t, device, 5, a, { weightKg: 3 }), lift(t, device, 5, a)]);
    expect(result.explicitAcks).toHaveLength(4);
    expect(result.retryMessages).toEqual([]);
    expect((await liftsOf(t)).map((r) => [r.event_id, r.weight_kg])).toEqual([
      [`${device}:5`, "12.50"],
      [`${device}:6`, "12.50"],
    ]);
    expect((await conflictsOf(t)).map((c) => c.detail.received.weightKg)).toEqual([3]);
  });

  it("the agent records the received version as an event of its own (it then counts), or dismisses the conflict; never attaches it", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const a = chip();
    const b = chip();
    const binB = await bin(t, b);
    await run([lift(t, device, 1, a), lift(t, device, 2, a)]);
    await run([lift(t, device, 1, b, { weightKg: 30 }), lift(t, device, 2, b, { weightKg: 31 })]);
    const ids = await adminQuery<{ id: string; event_id: string; content_digest: string }>(
      testEnv,
      "SELECT id, event_id, content_digest FROM waste_anomalies WHERE tenant_id = $1 AND kind = 'event_conflict' ORDER BY event_id",
      [t.id],
    );
    expect(ids).toHaveLength(2);
    const ctx = testContext(t, person("waste:write"));
    const resolve = (id: string, resolution: Parameters<typeof resolveAnomaly>[0]["resolution"]) =>
      withDb(testEnv, (db) => resolveAnomaly({ db, ctx, id, resolution }));
    await expect(resolve(ids[0].id, { action: "attach", binId: binB })).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: [expect.objectContaining({ path: "body/action" })],
    });
    const recorded = await resolve(ids[0].id, { action: "record" });
    expect(recorded).toMatchObject({ status: "resolved", resolution: expect.stringContaining(`${device}:1#${ids[0].content_digest.slice(0, 16)}`) });
    await expect(resolve(ids[0].id, { action: "record" })).rejects.toMatchObject({ kind: "conflict" });
    await resolve(ids[1].id, { action: "dismiss", reason: "doublon de l’équipement" });
    expect((await liftsOf(t)).map((r) => [r.event_id, r.chip_id, r.weight_kg])).toEqual([
      [`${device}:1`, a, "12.50"],
      [`${device}:1#${ids[0].content_digest.slice(0, 16)}`, b, "30.00"],
      [`${device}:2`, a, "12.50"],
    ]);
    const [own] = await adminQuery<{ bin_id: string; content_digest: string }>(
      testEnv,
      "SELECT bin_id, content_digest FROM waste_lifts WHERE tenant_id = $1 AND chip_id = $2",
      [t.id, b],
    );
    expect(own).toEqual({ bin_id: binB, content_digest: ids[0].content_digest });
    const journal = await adminQuery<{ action: string; summary: Record<string, unknown> }>(
      testEnv,
      "SELECT action, summary FROM audit_journal WHERE tenant_id = $1 AND target = ANY($2::text[]) ORDER BY seq",
      [t.id, ids.map((i) => `waste_anomalies/${i.id}`)],
    );
    expect(journal).toEqual([
      {
        action: "waste.anomaly.record",
        summary: { eventId: `${device}:1`, recordedAs: `${device}:1#${ids[0].content_digest.slice(0, 16)}`, digest: ids[0].content_digest },
      },
      { action: "waste.anomaly.dismiss", summary: { eventId: `${device}:2`, reason: "doublon de l’équipement" } },
    ]);
  });

  it("an event stored before digests existed is compared field by field", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const a = chip();
    const first = lift(t, device, 1, a);
    await run([first]);
    await adminQuery(testEnv, "UPDATE waste_lifts SET content_digest = NULL WHERE tenant_id = $1", [t.id]);
    await run([first], { attempts: 2 });
    expect(await conflictsOf(t)).toHaveLength(0);
    await run([lift(t, device, 1, a, { weightKg: 13 })]);
    expect((await conflictsOf(t)).map((c) => [c.detail.stored.weightKg, c.detail.received.weightKg])).toEqual([[12.5, 13]]);
  });
});

describe("poison messages", () => {
  it("are set aside on the dead-letter queue with the reason, stored for the screen, and replayed once fixed", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    const good = lift(t, device, 1, chip());
    const bad = { ...lift(t, device, 2, chip()), event: { ...lift(t, device, 2, chip()).event, chipId: "25A-0001", stream: "compost" } };
    const { batch, result } = await run([good, bad]);
    // Both acknowledged: the good one written, the bad one handed to the dead-letter queue.
    expect(result.explicitAcks.sort()).toEqual(batch.messages.map((m) => m.id).sort());
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [t.id])).toBe(1);
    const letters = await eventually(
      () =>
        adminQuery<{ id: string; queue: string; reason: string; status: string; body: string }>(
          testEnv,
          "SELECT id, queue, reason, status, body FROM waste_dead_letters WHERE tenant_id = $1",
          [t.id],
        ),
      (r) => r.length > 0,
    );
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ queue: "bin-lifts", status: "pending" });
    expect(letters[0].reason).toMatch(/chipId.*15 chiffres/);
    expect(letters[0].reason).toMatch(/stream.*Flux attendu/);
    const stored = JSON.parse(letters[0].body) as typeof bad;
    expect(stored).toEqual(bad);
    const ctx = testContext(t, person("waste:write"));
    const replay = (message?: string) => withDb(testEnv, (db) => replayDeadLetter({ db, env: testEnv, ctx, id: letters[0].id, message }));
    // Not JSON, or a fix that is still wrong: refused with the reason, nothing replayed.
    await expect(replay("{ pas du json")).rejects.toMatchObject({ kind: "invalid", fieldErrors: [expect.objectContaining({ path: "body/message" })] });
    await expect(replay(JSON.stringify({ ...stored, event: { ...stored.event, stream: "residual" } }))).rejects.toMatchObject({
      kind: "invalid",
      fieldErrors: [expect.objectContaining({ path: "body/message/event/chipId" })],
    });
    const replayed = await replay(JSON.stringify({ ...stored, event: { ...stored.event, chipId: "250 000012345678", stream: "packaging" } }));
    expect(replayed.status).toBe("replayed");
    // The device's message is kept as received; the agent's fix beside it.
    expect(JSON.parse(replayed.body)).toEqual(bad);
    expect(JSON.parse(replayed.editedBody!)).toMatchObject({ event: { chipId: "250 000012345678", stream: "packaging" } });
    const rows = await eventually(
      () =>
        adminQuery<{ chip_id: string; stream: string }>(testEnv, "SELECT chip_id, stream FROM waste_lifts WHERE tenant_id = $1 AND event_id = $2", [
          t.id,
          `${device}:2`,
        ]),
      (r) => r.length > 0,
    );
    expect(rows).toEqual([{ chip_id: "250000012345678", stream: "packaging" }]);
    await expect(replay()).rejects.toMatchObject({ kind: "conflict" });
    const [journal] = await adminQuery<{ action: string; summary: { changes: unknown[] } }>(
      testEnv,
      "SELECT action, summary FROM audit_journal WHERE tenant_id = $1 AND target = $2",
      [t.id, `waste_dead_letters/${letters[0].id}`],
    );
    expect(journal.action).toBe("waste.dead-letter.replay");
    expect(journal.summary.changes).toEqual([
      { path: "event/chipId", before: JSON.stringify("25A-0001"), after: JSON.stringify("250 000012345678") },
      { path: "event/stream", before: JSON.stringify("compost"), after: JSON.stringify("packaging") },
    ]);
  });

  it("a message the database refuses is isolated from its batch (the others are written)", async () => {
    const t = await createTestTenant(testEnv);
    const device = crypto.randomUUID();
    // Valid for the message schema, refused by Postgres: text cannot hold a NUL character.
    const bodies = Array.from({ length: 7 }, (_, i) => lift(t, device, i, chip()));
    bodies[4].event.truck = "BOM\u000012";
    const batch = batchOf("bin-lifts", bodies);
    const ctx = createExecutionContext();
    await consumeEvents(batch, testEnv);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(7);
    expect(await count("SELECT count(*) AS n FROM waste_lifts WHERE tenant_id = $1", [t.id])).toBe(6);
    const letters = await eventually(
      () => adminQuery<{ reason: string; body: string }>(testEnv, "SELECT reason, body FROM waste_dead_letters WHERE tenant_id = $1", [t.id]),
      (r) => r.length > 0,
    );
    expect(letters).toHaveLength(1);
    expect(JSON.parse(letters[0].body)).toMatchObject({ eventId: `${device}:4`, event: { truck: "BOM\u000012" } });
    expect(letters[0].reason).toMatch(/Refusé par la base de données/);
  });
});
