/** Per-event validation of a device's batch: what is accepted, what is refused and why (in French). */
import { describe, expect, it } from "vitest";
import { liftMessageSchema } from "@communa/contracts/devices";
import { validateBatch } from "./ingest.ts";

const tenantId = "0190f1a2-0000-7000-8000-000000000001";
const deviceId = "0190f1a2-0000-7000-8000-0000000000aa";
const now = new Date();
const lift = (seq: number, over: Record<string, unknown> = {}) => ({
  seq,
  chipId: "250 000012345678",
  truck: "BOM-1",
  round: "Cauffry",
  liftedAt: new Date(now.getTime() - 60_000).toISOString(),
  lon: 2.44,
  lat: 49.32,
  stream: "biowaste",
  ...over,
});

describe("validateBatch", () => {
  it("turns valid events into one message each, under the trusted tenant, keyed device:seq", () => {
    const out = validateBatch({
      stream: "lifts",
      tenantId,
      deviceId,
      requestId: "r1",
      events: [lift(7), lift(8, { weightKg: 14.2, liftedAt: new Date(now.getTime() - 1000).toISOString() })],
      now,
    });
    expect(out.rejected).toEqual([]);
    expect(out.accepted).toEqual([
      { index: 0, seq: 7, eventId: `${deviceId}:7` },
      { index: 1, seq: 8, eventId: `${deviceId}:8` },
    ]);
    expect(out.messages[0]).toMatchObject({ v: 1, tenantId, deviceId, eventId: `${deviceId}:7`, requestId: "r1", event: { chipId: "250000012345678" } });
    expect(out.latestAt).toBe(new Date(now.getTime() - 1000).toISOString());
    // What the consumer reads back validates against the same contract.
    for (const m of out.messages) expect(liftMessageSchema.safeParse(JSON.parse(JSON.stringify(m))).success).toBe(true);
  });

  it("refuses each bad event with its reasons, keeps the good ones", () => {
    const events = [
      lift(1),
      lift(2, { chipId: "ABC" }),
      lift(3, { liftedAt: new Date(now.getTime() + 3_600_000).toISOString() }),
      lift(4, { liftedAt: "2020-01-01T00:00:00Z" }),
      lift(5, { liftedAt: "hier" }),
      lift(6, { tenantId: "another" }),
      "pas un objet",
      lift(1),
      { ...lift(9), seq: -1 },
    ];
    const out = validateBatch({ stream: "lifts", tenantId, deviceId, requestId: "r", events, now });
    expect(out.accepted.map((a) => a.seq)).toEqual([1]);
    const byIndex = Object.fromEntries(out.rejected.map((r) => [r.index, r]));
    expect(byIndex[1].errors).toEqual([{ path: "chipId", message: expect.stringMatching(/15 chiffres/) }]);
    expect(byIndex[2].errors[0].message).toMatch(/futur/);
    expect(byIndex[3].errors[0].message).toMatch(/plus d’un an/);
    expect(byIndex[4].errors[0].message).toMatch(/ISO 8601/);
    expect(byIndex[5].errors).toEqual([{ path: "", message: "Champ inconnu : tenantId." }]);
    expect(byIndex[6].seq).toBeNull();
    expect(byIndex[7].errors[0].message).toMatch(/en double/);
    expect(byIndex[8].errors[0]).toEqual({ path: "seq", message: "Le numéro de séquence est positif." });
    expect(out.messages).toHaveLength(1);
  });

  it("sorting events and telemetry have their own contract", () => {
    const sorting = validateBatch({
      stream: "sorting",
      tenantId,
      deviceId,
      requestId: "r",
      now,
      events: [{ seq: 1, chipId: "250000012345678", observedAt: now.toISOString(), category: "bags-in-recycling", confidence: 1.2 }],
    });
    expect(sorting.rejected[0].errors).toEqual([{ path: "confidence", message: "Confiance entre 0 et 1." }]);
    const telemetry = validateBatch({
      stream: "telemetry",
      tenantId,
      deviceId,
      requestId: "r",
      now,
      events: [{ seq: 1, at: now.toISOString(), metric: "niveau_nappe", value: 12.4, unit: "m" }],
    });
    expect(telemetry.accepted).toHaveLength(1);
  });
});
