import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkIncentiveShare,
  computeBilling,
  euros,
  fixedPart,
  isNewBuildingExempt,
  priceCents,
  splitProRata,
  STREAMS,
  usageFromLifts,
  type Tariff,
} from "./billing-core.ts";

const weights = fc.array(fc.integer({ min: 0, max: 50_000_000_00 }), { minLength: 1, maxLength: 40 });

describe("splitProRata (largest remainder)", () => {
  it("sums back exactly to the bin's quantity, every part within one unit of its exact share", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), weights, (total, ws) => {
        const parts = splitProRata(total, ws);
        expect(parts).toHaveLength(ws.length);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = ws.every((w) => w === 0) ? ws.length : ws.reduce((a, b) => a + b, 0);
        parts.forEach((p, i) => {
          expect(Number.isInteger(p) && p >= 0).toBe(true);
          const exact = (total * (ws.every((w) => w === 0) ? 1 : ws[i])) / sum;
          expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("gives equal weights equal parts (up to one unit) and a bigger weight never less", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), weights, (total, ws) => {
        const parts = splitProRata(total, ws);
        for (let i = 0; i < ws.length; i++) for (let j = 0; j < ws.length; j++) if (ws[i] > ws[j]) expect(parts[i]).toBeGreaterThanOrEqual(parts[j]);
      }),
    );
  });

  it("splits 100 litres among rental values 1:1:1 as 34/33/33", () => {
    expect(splitProRata(100, [500_00, 500_00, 500_00])).toEqual([34, 33, 33]);
    expect(splitProRata(7, [0, 0])).toEqual([4, 3]);
    expect(splitProRata(10, [3, 0, 1])).toEqual([8, 0, 2]);
  });
});

describe("10–45 % check", () => {
  it("agrees with the exact rational comparison", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), fc.integer({ min: 0, max: 10 ** 12 }), (fixed, incentive) => {
        const c = checkIncentiveShare(fixed, incentive);
        const total = BigInt(fixed) + BigInt(incentive);
        const ok = total > 0n && BigInt(incentive) * 100n >= 10n * total && BigInt(incentive) * 100n <= 45n * total;
        expect(c.withinLimits).toBe(ok);
        if (total > 0n) expect(Math.abs(c.shareMillionths - (incentive / Number(total)) * 1e6)).toBeLessThan(1.01);
      }),
      { numRuns: 1000 },
    );
  });

  it("holds the bounds themselves and refuses just outside", () => {
    expect(checkIncentiveShare(90, 10).withinLimits).toBe(true);
    expect(checkIncentiveShare(55, 45).withinLimits).toBe(true);
    expect(checkIncentiveShare(901, 99).withinLimits).toBe(false);
    expect(checkIncentiveShare(549, 451).withinLimits).toBe(false);
    expect(checkIncentiveShare(0, 0).withinLimits).toBe(false);
  });
});

const tariffArb: fc.Arbitrary<Tariff> = fc.record({
  year: fc.integer({ min: 2024, max: 2030 }),
  regime: fc.constantFrom("teomi" as const, "reomi" as const),
  basis: fc.constantFrom("lifts" as const, "volume" as const, "weight" as const),
  fixedRateMillionths: fc.integer({ min: 0, max: 300_000 }),
  fixedFeeCents: fc.integer({ min: 0, max: 30_000 }),
  rates: fc.record({
    residual: fc.integer({ min: 0, max: 5_000_000 }),
    packaging: fc.integer({ min: 0, max: 5_000_000 }),
    biowaste: fc.integer({ min: 0, max: 5_000_000 }),
    glass: fc.integer({ min: 0, max: 5_000_000 }),
  }),
});

/** A registry: premises, individual and collective bins, lifts of year N-1. */
const scenario = tariffArb.chain((tariff) =>
  fc
    .array(
      fc.record({
        rentalValueCents: fc.integer({ min: 0, max: 1_000_000_00 }),
        firstOccupiedYear: fc.option(fc.integer({ min: tariff.year - 5, max: tariff.year }), { nil: null }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .chain((ps) => {
      const premises = ps.map((p, i) => ({ id: `p${i}`, ...p }));
      const bin = fc.record({
        stream: fc.constantFrom(...STREAMS),
        volumeLitres: fc.constantFrom(80, 120, 240, 360, 660),
        premisesIds: fc.subarray(
          premises.map((p) => p.id),
          { minLength: 1 },
        ),
        lifts: fc.array(fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }), { maxLength: 30 }),
      });
      return fc.array(bin, { minLength: 0, maxLength: 10 }).map((bs) => {
        const bins = bs.map((b, i) => ({ id: `b${i}`, stream: b.stream, volumeLitres: b.volumeLitres, premisesIds: b.premisesIds }));
        const lifts = bs.flatMap((b, i) =>
          b.lifts.map((w, j) => ({ id: `l${i}-${j}`, binId: `b${i}`, liftedAt: `${tariff.year - 1}-03-01T08:00:00Z`, weightGrams: w })),
        );
        return { tariff, premises, bins, lifts };
      });
    }),
);

describe("computeBilling", () => {
  it("allocates each bin's whole quantity, no more, among its premises", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = computeBilling({ ...s, usage: usageFromLifts(s.lifts) });
        for (const bin of s.bins) {
          const details = r.lines.flatMap((l) => l.bins.filter((b) => b.binId === bin.id));
          expect(details).toHaveLength(bin.premisesIds.length);
          const q = details[0].quantity;
          const lifts = s.lifts.filter((l) => l.binId === bin.id);
          const expected =
            s.tariff.basis === "lifts"
              ? lifts.length
              : s.tariff.basis === "volume"
                ? lifts.length * bin.volumeLitres
                : lifts.reduce((a, l) => a + (l.weightGrams ?? 0), 0);
          expect(q).toBe(expected);
          expect(details.reduce((a, d) => a + d.allocated, 0)).toBe(q);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("exempts new buildings from the incentive part in their first tax year only", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = computeBilling({ ...s, usage: usageFromLifts(s.lifts) });
        for (const line of r.lines) {
          const p = s.premises.find((x) => x.id === line.premisesId)!;
          const exempt = p.firstOccupiedYear != null && p.firstOccupiedYear >= s.tariff.year - 1;
          expect(line.exempt).toBe(exempt);
          if (exempt) expect(line.incentiveCents).toBe(0);
          expect(line.fixedCents).toBe(fixedPart(s.tariff, p.rentalValueCents));
          const streamsSum = Object.values(line.streams).reduce((a, x) => a + x.cents, 0);
          expect(line.incentiveCents).toBe(streamsSum);
        }
        const fixed = r.lines.reduce((a, l) => a + l.fixedCents, 0);
        const incentive = r.lines.reduce((a, l) => a + l.incentiveCents, 0);
        expect(r.check).toEqual(checkIncentiveShare(fixed, incentive));
      }),
      { numRuns: 300 },
    );
    expect(isNewBuildingExempt(2025, 2026)).toBe(true);
    expect(isNewBuildingExempt(2024, 2026)).toBe(false);
    expect(isNewBuildingExempt(null, 2026)).toBe(false);
  });

  it("bills a worked example to the cent", () => {
    const tariff: Tariff = { year: 2027, regime: "teomi", basis: "volume", fixedRateMillionths: 80_000, rates: { residual: 25_000, biowaste: 10_000 } };
    const r = computeBilling({
      tariff,
      premises: [
        { id: "a", rentalValueCents: 3_000_00 },
        { id: "b", rentalValueCents: 1_000_00 },
        { id: "new", rentalValueCents: 2_000_00, firstOccupiedYear: 2026 },
      ],
      bins: [
        { id: "ind", stream: "residual", volumeLitres: 120, premisesIds: ["a"] },
        { id: "col", stream: "biowaste", volumeLitres: 240, premisesIds: ["a", "b"] },
        { id: "n", stream: "residual", volumeLitres: 120, premisesIds: ["new"] },
      ],
      usage: usageFromLifts([
        ...Array.from({ length: 10 }, (_, i) => ({ id: `i${i}`, binId: "ind", liftedAt: "2026-02-01T06:00:00Z" })),
        { id: "c1", binId: "col", liftedAt: "2026-02-01T06:00:00Z" },
        { id: "n1", binId: "n", liftedAt: "2026-02-01T06:00:00Z" },
      ]),
    });
    const a = r.lines.find((l) => l.premisesId === "a")!;
    // Fixed: 8 % of half of 3 000 € = 120 €. Residual: 1 200 L × 0,025 € = 30 €; biowaste: 180 L × 0,01 € = 1,80 €.
    expect(a.fixedCents).toBe(120_00);
    expect(a.streams.residual).toMatchObject({ quantity: 1200, cents: 30_00 });
    expect(a.streams.biowaste).toMatchObject({ quantity: 180, cents: 1_80 });
    expect(r.lines.find((l) => l.premisesId === "b")!.streams.biowaste).toMatchObject({ quantity: 60, cents: 60 });
    expect(r.lines.find((l) => l.premisesId === "new")!).toMatchObject({ exempt: true, incentiveCents: 0, fixedCents: 80_00 });
    expect(priceCents("weight", 12_345, 250_000)).toBe(3_09);
    expect(euros(1_234_567)).toBe("12\u202f345,67 €");
  });
});
