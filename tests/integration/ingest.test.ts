/**
 * Device event ingest end to end (ADR 0016): a device signs a batch → gateway → devices Worker
 * (per-event validation, one message per event) → Cloudflare Queue → waste Worker consumer →
 * Postgres, all in the one miniflare of the gateway project. Checks the per-event answer, writes
 * counted once when a batch is sent twice, unknown chips as anomalies, nothing queued when the
 * signature fails, device kinds, a sequence number reused with another content (kept as a
 * conflict anomaly with both versions, the stored event unchanged), and the agents' dead-letter
 * screen (inspect, fix, replay; the device's message stays readable beside the fix, the journal holds
 * the change).
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEVICE_HEADERS, bodyDigest, deviceCanonical, signDeviceRequest, uuidv7, type Tenant } from "@communa/core";
import { adminQuery, createTestTenant, gatewayRequest, person } from "@communa/core/testing";

const testEnv = env as unknown as { TEST_ADMIN_DATABASE_URL: string; NEON_WS_PROXY: string };
const gateway = (req: Request) => exports.default.fetch(req);
const admin = person("identity:admin", "devices:ingest");
const agent = person("waste:read", "waste:write");

interface Device {
  id: string;
  keyId: string;
  secret: string;
}

async function register(t: Tenant, kind = "rfid-reader", permissions = ["devices:ingest"]): Promise<Device> {
  const res = await gateway(gatewayRequest(t, "/api/identity/devices", { method: "POST", actor: admin, json: { kind, name: `Benne ${kind}`, permissions } }));
  expect(res.status).toBe(201);
  return (await res.json()) as Device;
}

const nonce = () =>
  btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");

/** A request as a device client builds it (see the device signature scheme in @communa/core). */
async function signed(t: Tenant, d: Device, path: string, json: unknown, opts: { method?: string; wrongSecret?: boolean } = {}): Promise<Request> {
  const method = opts.method ?? "POST";
  const full = `/t/${t.slug}/api/devices${path}`;
  const body = method === "GET" ? "" : JSON.stringify(json);
  const ts = String(Math.floor(Date.now() / 1000));
  const n = nonce();
  const digest = await bodyDigest(new TextEncoder().encode(body).buffer as ArrayBuffer);
  const secret = opts.wrongSecret ? crypto.getRandomValues(new Uint8Array(32)) : Uint8Array.from(atob(d.secret), (c) => c.charCodeAt(0));
  const signature = await signDeviceRequest(secret, deviceCanonical(method, full, ts, n, digest));
  return new Request(`http://localhost${full}`, {
    method,
    headers: {
      "content-type": "application/json",
      [DEVICE_HEADERS.device]: d.id,
      [DEVICE_HEADERS.key]: d.keyId,
      [DEVICE_HEADERS.timestamp]: ts,
      [DEVICE_HEADERS.nonce]: n,
      [DEVICE_HEADERS.signature]: signature,
    },
    body: method === "GET" ? undefined : body,
  });
}

const chip = () => `250${Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b % 10).join("")}`;
const lift = (seq: number, chipId: string, over: Record<string, unknown> = {}) => ({
  seq,
  chipId,
  truck: "BOM-3",
  round: "Rantigny mardi",
  liftedAt: new Date(Date.now() - 120_000 + seq).toISOString(),
  lon: 2.44,
  lat: 49.33,
  weightKg: 9.2,
  stream: "packaging",
  ...over,
});

async function bin(t: Tenant, chipId: string) {
  const [row] = await adminQuery<{ id: string }>(
    testEnv,
    "INSERT INTO waste_bins (id, tenant_id, chip_id, stream, volume_litres, status) VALUES ($1, $2, $3, 'packaging', 240, 'in_service') RETURNING id",
    [uuidv7(), t.id, chipId],
  );
  return row.id;
}

/** Polls until `ok` (the queue consumer has written): no budget of its own, the test's fail-safe stops it. */
async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

const liftsOf = (t: Tenant) =>
  adminQuery<{ event_id: string; bin_id: string | null; stream: string }>(
    testEnv,
    "SELECT event_id, bin_id, stream FROM waste_lifts WHERE tenant_id = $1 ORDER BY event_id",
    [t.id],
  );

interface Answer {
  accepted: { index: number; seq: number; eventId: string }[];
  rejected: { index: number; seq: number | null; errors: { path: string; message: string }[] }[];
}

describe("device ingest", () => {
  it("accepts a batch event by event, writes it once even when sent twice, keeps unknown chips as anomalies", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const known = chip();
    const binId = await bin(t, known);
    const unknown = chip();
    const events = [lift(1, known), lift(2, unknown), lift(3, "12AB"), lift(4, known, { stream: "compost", lon: 200 }), lift(5, known), lift(5, known)];
    const res = await gateway(await signed(t, d, "/ingest/lifts", { events, backlog: 12 }));
    expect(res.status).toBe(202);
    const answer = (await res.json()) as Answer;
    expect(answer.accepted.map((a) => a.seq)).toEqual([1, 2, 5]);
    expect(answer.accepted[0].eventId).toBe(`${d.id}:1`);
    expect(answer.rejected.map((r) => [r.index, r.seq])).toEqual([
      [2, 3],
      [3, 4],
      [5, 5],
    ]);
    expect(answer.rejected[0].errors).toEqual([{ path: "chipId", message: expect.stringContaining("15 chiffres") }]);
    expect(answer.rejected[1].errors.map((e) => e.path).sort()).toEqual(["lon", "stream"]);
    expect(answer.rejected[1].errors.find((e) => e.path === "lon")?.message).toBe("Longitude hors limites.");
    expect(answer.rejected[2].errors[0].message).toMatch(/en double/);
    const rows = await eventually(
      () => liftsOf(t),
      (r) => r.length >= 3,
    );
    expect(rows).toEqual([
      { event_id: `${d.id}:1`, bin_id: binId, stream: "packaging" },
      { event_id: `${d.id}:2`, bin_id: null, stream: "packaging" },
      { event_id: `${d.id}:5`, bin_id: binId, stream: "packaging" },
    ]);
    const anomalies = await adminQuery<{ kind: string; event_id: string; chip_id: string }>(
      testEnv,
      "SELECT kind, event_id, chip_id FROM waste_anomalies WHERE tenant_id = $1",
      [t.id],
    );
    expect(anomalies).toEqual([{ kind: "unknown_chip", event_id: `${d.id}:2`, chip_id: unknown }]);

    // The device did not get the answer and sends the batch again (new nonce), plus one new event.
    // The same events, byte for byte (a new lift() would carry another time: a different content under the same key).
    const again = await gateway(await signed(t, d, "/ingest/lifts", { events: [events[0], events[1], events[4], lift(6, known)] }));
    expect(again.status).toBe(202);
    expect(((await again.json()) as Answer).accepted).toHaveLength(4);
    const after = await eventually(
      () => liftsOf(t),
      (r) => r.length >= 4,
    );
    expect(after.map((r) => r.event_id)).toEqual([`${d.id}:1`, `${d.id}:2`, `${d.id}:5`, `${d.id}:6`]);
    const [{ n }] = await adminQuery<{ n: string }>(testEnv, "SELECT count(*) AS n FROM waste_anomalies WHERE tenant_id = $1", [t.id]);
    expect(Number(n)).toBe(1);

    // An agent resolves the anomaly: the chip was on a bin recorded without it; the lift now counts for that bin.
    const list = await gateway(gatewayRequest(t, "/api/waste/event-anomalies?statut=open", { actor: agent }));
    expect(list.status).toBe(200);
    const [open] = ((await list.json()) as { anomalies: { id: string; eventId: string; detail: Record<string, unknown> }[] }).anomalies;
    expect(open).toMatchObject({ eventId: `${d.id}:2`, detail: { truck: "BOM-3", round: "Rantigny mardi" } });
    const [spare] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO waste_bins (id, tenant_id, stream, volume_litres, status) VALUES ($1, $2, 'packaging', 240, 'in_service') RETURNING id",
      [uuidv7(), t.id],
    );
    const resolve = (json: unknown) => gateway(gatewayRequest(t, `/api/waste/event-anomalies/${open.id}/resolution`, { method: "POST", actor: agent, json }));
    const unknownBin = await resolve({ action: "attach", binId: uuidv7() });
    expect(unknownBin.status).toBe(400);
    await unknownBin.arrayBuffer();
    const attached = await resolve({ action: "attach", binId: spare.id });
    expect(attached.status).toBe(200);
    expect(await attached.json()).toMatchObject({ status: "resolved" });
    expect((await liftsOf(t)).find((r) => r.event_id === `${d.id}:2`)?.bin_id).toBe(spare.id);
    const again2 = await resolve({ action: "dismiss", reason: "doublon" });
    expect(again2.status).toBe(409);
    await again2.arrayBuffer();
  });

  it("a bad signature → 401 and nothing queued", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const bad = await gateway(await signed(t, d, "/ingest/lifts", { events: [lift(100, chip()), lift(101, chip())] }, { wrongSecret: true }));
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/Signature/);
    // A good batch sent after it is written; the refused one never is.
    const good = await gateway(await signed(t, d, "/ingest/lifts", { events: [lift(200, chip())] }));
    expect(good.status).toBe(202);
    await good.arrayBuffer();
    // The refused batch was answered 401 before the good one was sent: had it been queued, it would
    // have been consumed no later than the good one. Once the good one is written, nothing else is.
    const rows = await eventually(
      () => liftsOf(t),
      (r) => r.length >= 1,
    );
    expect(rows.map((r) => r.event_id)).toEqual([`${d.id}:200`]);
  });

  it("refuses what is not a device's to send: wrong kind, a person, more than 100 events, no ingest permission", async () => {
    const t = await createTestTenant(testEnv);
    const camera = await register(t, "sorting-camera");
    const wrong = await gateway(await signed(t, camera, "/ingest/lifts", { events: [lift(1, chip())] }));
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toMatch(/sorting-camera/);
    const asPerson = await gateway(
      gatewayRequest(t, "/api/devices/ingest/lifts", { method: "POST", actor: person("devices:ingest"), json: { events: [lift(1, chip())] } }),
    );
    expect(asPerson.status).toBe(403);
    await asPerson.arrayBuffer();
    const reader = await register(t);
    const tooMany = await gateway(await signed(t, reader, "/ingest/lifts", { events: Array.from({ length: 101 }, (_, i) => lift(i, chip())) }));
    expect(tooMany.status).toBe(400);
    await tooMany.arrayBuffer();
    const noRight = await register(t, "rfid-reader", []);
    const refused = await gateway(await signed(t, noRight, "/ingest/lifts", { events: [lift(1, chip())] }));
    expect(refused.status).toBe(403);
    await refused.arrayBuffer();
    // Sorting events from the camera are accepted and written.
    const sorting = await gateway(
      await signed(t, camera, "/ingest/sorting-events", {
        events: [
          { seq: 1, chipId: chip(), observedAt: new Date().toISOString(), category: "glass-in-packaging", confidence: 0.93, imageKey: "tri/2026/11/29/1.jpg" },
        ],
      }),
    );
    expect(sorting.status).toBe(202);
    expect(((await sorting.json()) as Answer).accepted).toHaveLength(1);
    const rows = await eventually(
      () => adminQuery<{ category: string; image_key: string }>(testEnv, "SELECT category, image_key FROM waste_sorting_events WHERE tenant_id = $1", [t.id]),
      (r) => r.length > 0,
    );
    expect(rows).toEqual([{ category: "glass-in-packaging", image_key: "tri/2026/11/29/1.jpg" }]);
    const anomalies = await adminQuery<{ kind: string; source: string; detail: Record<string, unknown> }>(
      testEnv,
      "SELECT kind, source, detail FROM waste_anomalies WHERE tenant_id = $1",
      [t.id],
    );
    expect(anomalies).toEqual([{ kind: "unknown_chip", source: "sorting", detail: expect.objectContaining({ category: "glass-in-packaging" }) }]);
  });
});

describe("a sequence number reused with another content", () => {
  interface ConflictView {
    id: string;
    kind: string;
    source: string;
    eventId: string;
    chipId: string;
    status: string;
    detail: { stored: Record<string, unknown>; received: Record<string, unknown> };
  }
  const anomaliesOf = async (t: Tenant) => {
    const res = await gateway(gatewayRequest(t, "/api/waste/event-anomalies", { actor: agent }));
    expect(res.status).toBe(200);
    return ((await res.json()) as { anomalies: ConflictView[] }).anomalies;
  };
  const send = async (t: Tenant, d: Device, path: string, events: unknown[]) => {
    const res = await gateway(await signed(t, d, path, { events }));
    expect(res.status).toBe(202);
    expect(((await res.json()) as Answer).accepted).toHaveLength(events.length);
  };

  it("bin lifts: the stored lift is kept unchanged, the other version is an anomaly the agents see with both contents; a retry adds nothing", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const known = chip();
    const binId = await bin(t, known);
    const first = lift(7, known, { weightKg: 12.5 });
    await send(t, d, "/ingest/lifts", [first]);
    await eventually(
      () => liftsOf(t),
      (r) => r.length >= 1,
    );

    // The reader's counter restarted (firmware update): seq 7 again, another bin, 99 kg, later.
    const other = chip();
    const reused = lift(7, other, { weightKg: 99, liftedAt: new Date(Date.now() - 30_000).toISOString(), round: "Rantigny jeudi" });
    await send(t, d, "/ingest/lifts", [reused]);
    const [conflict] = await eventually(
      () => anomaliesOf(t),
      (a) => a.length >= 1,
    );
    expect(conflict).toMatchObject({ kind: "event_conflict", source: "lift", eventId: `${d.id}:7`, chipId: other, status: "open" });
    expect(conflict.detail.stored).toMatchObject({ chipId: known, weightKg: 12.5, round: "Rantigny mardi", binId });
    expect(conflict.detail.received).toMatchObject({ chipId: other, weightKg: 99, round: "Rantigny jeudi" });
    expect(Date.parse(conflict.detail.stored.liftedAt as string)).toBe(Date.parse(first.liftedAt));
    expect(Date.parse(conflict.detail.received.liftedAt as string)).toBe(Date.parse(reused.liftedAt));
    expect(conflict.detail.stored.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(conflict.detail.received.digest).not.toBe(conflict.detail.stored.digest);
    const stored = () =>
      adminQuery<{ chip_id: string; weight_kg: string; round: string; bin_id: string }>(
        testEnv,
        "SELECT chip_id, weight_kg, round, bin_id FROM waste_lifts WHERE tenant_id = $1",
        [t.id],
      );
    expect(await stored()).toEqual([{ chip_id: known, weight_kg: "12.50", round: "Rantigny mardi", bin_id: binId }]);

    // The same content again (a retry, with a new request id) and the same other version again add
    // nothing; a third version is one more anomaly. A new event queued behind them (same request,
    // so the same or a later batch of the one local consumer) shows they were consumed.
    // One version of a key per batch: the device API refuses a sequence number twice in one batch.
    const third = lift(7, other, { weightKg: 41 });
    await send(t, d, "/ingest/lifts", [first, lift(8, known)]);
    await send(t, d, "/ingest/lifts", [reused]);
    await eventually(
      () => liftsOf(t),
      (r) => r.length >= 2,
    );
    await send(t, d, "/ingest/lifts", [third, lift(9, known)]);
    await eventually(
      () => liftsOf(t),
      (r) => r.length >= 3,
    );
    expect((await liftsOf(t)).map((r) => r.event_id)).toEqual([`${d.id}:7`, `${d.id}:8`, `${d.id}:9`]);
    expect((await stored()).find((r) => r.chip_id !== known)).toBeUndefined();
    const all = await anomaliesOf(t);
    expect(all.map((a) => [a.kind, a.detail.received.weightKg]).sort()).toEqual([
      ["event_conflict", 41],
      ["event_conflict", 99],
    ]);

    // The agent cannot attach a conflict to a bin (the stored lift stays as it is); dismissing it is journalled.
    const resolve = (json: unknown) =>
      gateway(gatewayRequest(t, `/api/waste/event-anomalies/${conflict.id}/resolution`, { method: "POST", actor: agent, json }));
    const attach = await resolve({ action: "attach", binId });
    expect(attach.status).toBe(400);
    expect(((await attach.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "body/action", message: expect.stringContaining("séquence réutilisé") },
    ]);
    const dismissed = await resolve({ action: "dismiss", reason: "compteur remis à zéro, levée ressaisie" });
    expect(dismissed.status).toBe(200);
    await dismissed.arrayBuffer();
    // The other version was a real lift (the counter had restarted): recorded as an event of its own.
    const second = all.find((a) => a.detail.received.weightKg === 41)!;
    const record = await gateway(
      gatewayRequest(t, `/api/waste/event-anomalies/${second.id}/resolution`, { method: "POST", actor: agent, json: { action: "record" } }),
    );
    expect(record.status).toBe(200);
    expect(await record.json()).toMatchObject({ status: "resolved" });
    expect((await liftsOf(t)).map((r) => r.event_id)).toEqual([
      `${d.id}:7`,
      `${d.id}:7#${String(second.detail.received.digest).slice(0, 16)}`,
      `${d.id}:8`,
      `${d.id}:9`,
    ]);
    expect(await stored()).toEqual(
      expect.arrayContaining([
        { chip_id: known, weight_kg: "12.50", round: "Rantigny mardi", bin_id: binId },
        expect.objectContaining({ chip_id: other, weight_kg: "41.00" }),
      ]),
    );
  });

  it("sorting events: same seq, another content → a conflict anomaly; same content → nothing new", async () => {
    const t = await createTestTenant(testEnv);
    const camera = await register(t, "sorting-camera");
    const seen = chip();
    const event = (seq: number, over: Record<string, unknown> = {}) => ({
      seq,
      chipId: seen,
      observedAt: new Date(Date.now() - 60_000).toISOString(),
      category: "glass-in-packaging",
      confidence: 0.9,
      ...over,
    });
    const first = event(3);
    await send(t, camera, "/ingest/sorting-events", [first]);
    const rows = () =>
      adminQuery<{ event_id: string; category: string }>(
        testEnv,
        "SELECT event_id, category FROM waste_sorting_events WHERE tenant_id = $1 ORDER BY event_id",
        [t.id],
      );
    await eventually(rows, (r) => r.length >= 1);
    await send(t, camera, "/ingest/sorting-events", [event(3, { category: "textiles", confidence: 0.5 }), event(4)]);
    await eventually(rows, (r) => r.length >= 2);
    const conflicts = await eventually(
      async () => (await anomaliesOf(t)).filter((a) => a.kind === "event_conflict"),
      (a) => a.length >= 1,
    );
    expect(conflicts).toEqual([
      expect.objectContaining({
        source: "sorting",
        eventId: `${camera.id}:3`,
        detail: expect.objectContaining({
          stored: expect.objectContaining({ category: "glass-in-packaging" }),
          received: expect.objectContaining({ category: "textiles", confidence: 0.5 }),
        }),
      }),
    ]);
    await send(t, camera, "/ingest/sorting-events", [first, event(5)]);
    await eventually(rows, (r) => r.length >= 3);
    expect((await rows()).map((r) => [r.event_id, r.category])).toEqual([
      [`${camera.id}:3`, "glass-in-packaging"],
      [`${camera.id}:4`, "glass-in-packaging"],
      [`${camera.id}:5`, "glass-in-packaging"],
    ]);
    expect((await anomaliesOf(t)).filter((a) => a.kind === "event_conflict")).toHaveLength(1);
  });
});

describe("device sessions and status board", () => {
  it("heartbeat, configuration pushed by an agent, live status", async () => {
    const t = await createTestTenant(testEnv);
    const d = await register(t);
    const hb = async (configVersion: number) => {
      const res = await gateway(await signed(t, d, "/heartbeat", { firmware: "2.4.1", appVersion: "1.8.0", backlog: 37, configVersion, battery: 81 }));
      expect(res.status).toBe(200);
      return (await res.json()) as {
        heartbeatSeconds: number;
        config: { version: number; heartbeatSeconds: number; settings: Record<string, unknown> } | null;
      };
    };
    expect(await hb(0)).toEqual({ heartbeatSeconds: 60, config: null });
    const board = async () => {
      const res = await gateway(gatewayRequest(t, "/api/devices/fleet", { actor: agent }));
      expect(res.status).toBe(200);
      return ((await res.json()) as { devices: Record<string, unknown>[] }).devices;
    };
    expect(await board()).toEqual([
      expect.objectContaining({ id: d.id, kind: "rfid-reader", online: true, firmware: "2.4.1", appVersion: "1.8.0", backlog: 37, battery: 81, accepted: 0 }),
    ]);
    const push = await gateway(
      gatewayRequest(t, `/api/devices/fleet/${d.id}/config`, {
        method: "PUT",
        actor: agent,
        json: { heartbeatSeconds: 30, batchSize: 50, settings: { antenne: "arrière" } },
      }),
    );
    expect(push.status).toBe(200);
    expect(((await push.json()) as { config: { version: number } }).config.version).toBe(1);
    expect(await hb(0)).toEqual({ heartbeatSeconds: 30, config: { version: 1, heartbeatSeconds: 30, batchSize: 50, settings: { antenne: "arrière" } } });
    expect((await hb(1)).config).toBeNull();
    // An hour ago, not a fixed date: events more than a year old are refused.
    const liftedAt = new Date(Date.now() - 3_600_000).toISOString();
    const lifted = await gateway(await signed(t, d, "/ingest/lifts", { events: [lift(1, chip(), { liftedAt }), lift(2, "x")], backlog: 3 }));
    await lifted.arrayBuffer();
    expect(await board()).toEqual([expect.objectContaining({ accepted: 1, rejected: 1, backlog: 3, lastEventAt: liftedAt, appliedConfigVersion: 1 })]);
    const [journal] = await adminQuery<{ action: string; actor_id: string }>(
      testEnv,
      "SELECT action, actor_id FROM audit_journal WHERE tenant_id = $1 AND target = $2 AND action = 'devices.config.push'",
      [t.id, `devices/${d.id}`],
    );
    expect(journal).toEqual({ action: "devices.config.push", actor_id: agent.kind === "person" ? agent.id : null });
    // Agents of another service, and residents, do not see the board.
    const other = await gateway(gatewayRequest(t, "/api/devices/fleet", { actor: person("map:read") }));
    expect(other.status).toBe(403);
    await other.arrayBuffer();
  });
});

describe("dead-letter screen", () => {
  it("an agent inspects a dead letter, fixes its JSON and replays it; the event is written", async () => {
    const t = await createTestTenant(testEnv);
    const deviceId = crypto.randomUUID();
    const message = {
      v: 1,
      tenantId: t.id,
      deviceId,
      eventId: `${deviceId}:9`,
      requestId: "r",
      receivedAt: new Date().toISOString(),
      event: lift(9, "250-00001234567"),
    };
    // As the dead-letter consumer stores it.
    const [row] = await adminQuery<{ id: string }>(
      testEnv,
      "INSERT INTO waste_dead_letters (id, tenant_id, queue, message_id, body, reason, attempts) VALUES ($1, $2, 'bin-lifts', 'm-1', $3, 'Message invalide : event/chipId — 15 chiffres', 1) RETURNING id",
      [uuidv7(), t.id, JSON.stringify(message, null, 2)],
    );
    const list = await gateway(gatewayRequest(t, "/api/waste/dead-letters?statut=pending", { actor: agent }));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { deadLetters: { id: string }[] }).deadLetters.map((l) => l.id)).toEqual([row.id]);
    const replay = (text: string | undefined, actor = agent) =>
      gateway(gatewayRequest(t, `/api/waste/dead-letters/${row.id}/replay`, { method: "POST", actor, json: text === undefined ? {} : { message: text } }));
    const readOnly = await replay(undefined, person("waste:read"));
    expect(readOnly.status).toBe(403);
    await readOnly.arrayBuffer();
    const still = await replay(undefined);
    expect(still.status).toBe(400);
    expect(((await still.json()) as { errors: { path: string; message: string }[] }).errors).toEqual([
      { path: "body/message/event/chipId", message: expect.stringContaining("15 chiffres") },
    ]);
    const fixed = JSON.stringify({ ...message, event: { ...message.event, chipId: "250 000012345670" } });
    const ok = await replay(fixed);
    expect(ok.status).toBe(200);
    const original = JSON.stringify(message, null, 2);
    expect(await ok.json()).toMatchObject({ status: "replayed", body: original, editedBody: fixed, editedBy: agent.kind === "person" ? agent.id : null });
    const rows = await eventually(
      () => liftsOf(t),
      (r) => r.length > 0,
    );
    expect(rows.map((r) => r.event_id)).toEqual([`${deviceId}:9`]);
    const twice = await replay(fixed);
    expect(twice.status).toBe(409);
    await twice.arrayBuffer();
    // The device's message is still readable as received, beside the agent's fix…
    const read = await gateway(gatewayRequest(t, `/api/waste/dead-letters/${row.id}`, { actor: agent }));
    expect(await read.json()).toMatchObject({ body: original, editedBody: fixed });
    // …the journal holds what changed, before and after…
    const [entry] = await adminQuery<{ actor_id: string; summary: { fixed: boolean; changes: unknown[] } }>(
      testEnv,
      "SELECT actor_id, summary FROM audit_journal WHERE tenant_id = $1 AND target = $2 AND action = 'waste.dead-letter.replay'",
      [t.id, `waste_dead_letters/${row.id}`],
    );
    expect(entry.summary).toMatchObject({
      fixed: true,
      changes: [{ path: "event/chipId", before: JSON.stringify("250-00001234567"), after: JSON.stringify("250 000012345670") }],
    });
    // …and the database refuses to overwrite the original, even to its owner.
    await expect(adminQuery(testEnv, "UPDATE waste_dead_letters SET body = '{}' WHERE id = $1", [row.id])).rejects.toThrow(/ne se modifie pas/);
  });
});
