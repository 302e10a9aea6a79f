/**
 * The content digest of device events (ADR 0016): the same content gives the same digest whatever
 * the key order, the offset an instant is written with, or a null written out or left out; any
 * change of a field gives another digest — for every event kind, telemetry included.
 */
import { describe, expect, it } from "vitest";
import { canonicalJson, eventDigest, liftEventSchema, sortingEventSchema, telemetryEventSchema } from "./devices.ts";

const at = new Date(Date.now() - 3_600_000);
/** The same instant written with a +01:00 offset. */
const withOffset = (d: Date) =>
  new Date(d.getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, `.${String(d.getUTCMilliseconds()).padStart(3, "0")}+01:00`);

describe("canonical JSON", () => {
  it("sorts keys, drops whitespace and nulls, writes numbers and strings as RFC 8785 does", () => {
    expect(canonicalJson({ b: 1, a: [true, "é\u0000\n"], c: null, d: { z: 1e21, y: 0.1, x: -0 } })).toBe(
      '{"a":[true,"é\\u0000\\n"],"b":1,"d":{"x":0,"y":0.1,"z":1e+21}}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });
});

describe("event digest", () => {
  const lift = liftEventSchema.parse({
    seq: 7,
    chipId: "250 000012345678",
    truck: "BOM-3",
    round: "Rantigny",
    liftedAt: at.toISOString(),
    lon: 2.44,
    lat: 49.33,
    weightKg: 12.5,
    stream: "residual",
  });

  it("is the SHA-256 of the canonical JSON, in hex", async () => {
    const text = canonicalJson(lift);
    const expected = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    expect(await eventDigest(lift)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the same lift written otherwise has the same digest; another content has another", async () => {
    const d = await eventDigest(lift);
    const reordered = Object.fromEntries(Object.entries(lift).reverse());
    expect(await eventDigest(reordered)).toBe(d);
    expect(await eventDigest({ ...lift, liftedAt: withOffset(at) })).toBe(d);
    const noWeight = liftEventSchema.parse({ ...lift, weightKg: undefined });
    expect(await eventDigest({ ...noWeight, weightKg: null })).toBe(await eventDigest(noWeight));
    for (const change of [
      { chipId: "250000012345679" },
      { weightKg: 12.51 },
      { liftedAt: new Date(at.getTime() + 1).toISOString() },
      { stream: "glass" },
      { round: "Rantigny " + "bis" },
    ]) {
      expect(await eventDigest({ ...lift, ...change })).not.toBe(d);
    }
  });

  it("covers sorting events and telemetry", async () => {
    const sorting = sortingEventSchema.parse({ seq: 1, chipId: "250000012345678", observedAt: at.toISOString(), category: "textiles", confidence: 0.8 });
    expect(await eventDigest({ ...sorting, observedAt: withOffset(at) })).toBe(await eventDigest(sorting));
    expect(await eventDigest({ ...sorting, confidence: 0.81 })).not.toBe(await eventDigest(sorting));
    const reading = telemetryEventSchema.parse({ seq: 1, at: at.toISOString(), metric: "nappe.niveau", value: 3.2, unit: "m" });
    expect(await eventDigest({ ...reading, at: withOffset(at) })).toBe(await eventDigest(reading));
    expect(await eventDigest({ ...reading, value: 3.3 })).not.toBe(await eventDigest(reading));
  });
});
