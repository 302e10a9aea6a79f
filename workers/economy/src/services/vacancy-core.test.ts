/**
 * The L318-8-2 vacancy rule against a day-by-day reference model: for any occupancy history, tax
 * year and delay, the unit is vacant exactly when no day of the [1 January Y − delay, 1 January Y)
 * period is occupied, the unit was once used by a CFE-liable activity (or a disuse is declared),
 * and a declared disuse, when there is one, started on or before 1 January Y − delay. Years
 * 2090–2099: far-future, no calendar today.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unitVacancy, vacancyRate, type Occupancy } from "./vacancy-core.ts";

const DAY = 86_400_000;
const BASE = Date.UTC(2090, 0, 1);
const iso = (n: number) => new Date(BASE + n * DAY).toISOString().slice(0, 10);
const SPAN = 3652; // 2090-01-01 … 2099-12-31

const occupancy = fc
  .record({ start: fc.integer({ min: 0, max: SPAN - 1 }), length: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }), cfeLiable: fc.boolean() })
  .map(
    ({ start, length, cfeLiable }): Occupancy => ({
      startedOn: iso(start),
      endedOn: length === null ? null : iso(Math.min(start + length, SPAN + 400)),
      cfeLiable,
    }),
  );

function model(occupancies: Occupancy[], declared: string | null, taxYear: number, years: number): boolean {
  const jan1 = `${taxYear}-01-01`;
  const threshold = `${taxYear - years}-01-01`;
  const before = occupancies.filter((o) => o.startedOn < jan1);
  const usable = declared !== null && declared < jan1 ? declared : null;
  for (let t = Date.parse(`${threshold}T00:00:00Z`); t < Date.parse(`${jan1}T00:00:00Z`); t += DAY) {
    const d = new Date(t).toISOString().slice(0, 10);
    if (before.some((o) => o.startedOn <= d && (o.endedOn === null || o.endedOn >= d))) return false;
  }
  if (!usable && !before.some((o) => o.cfeLiable)) return false;
  return usable === null || usable <= threshold;
}

describe("vacancy by L318-8-2", () => {
  it("matches the day-by-day model for any history, tax year and delay", () => {
    fc.assert(
      fc.property(
        fc.array(occupancy, { maxLength: 5 }),
        fc.option(fc.integer({ min: 0, max: SPAN }).map(iso), { nil: null }),
        fc.integer({ min: 2092, max: 2099 }),
        fc.integer({ min: 1, max: 3 }),
        (occupancies, declared, taxYear, years) => {
          const got = unitVacancy({ occupancies, disusedSince: declared }, taxYear, years);
          expect(got.vacant).toBe(model(occupancies, declared, taxYear, years));
          if (got.vacant) expect(got.since <= `${taxYear - years}-01-01`).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it("counts two full years: a unit left on 31 December Y−3 is vacant in Y, one left on 1 January Y−2 is not", () => {
    const left = (endedOn: string) => ({ occupancies: [{ startedOn: "2090-05-01", endedOn, cfeLiable: true }], disusedSince: null });
    expect(unitVacancy(left("2094-12-31"), 2097, 2)).toEqual({ vacant: true, since: "2095-01-01", basis: "history" });
    expect(unitVacancy(left("2095-01-01"), 2097, 2)).toEqual({ vacant: false, reason: "too_recent", since: "2095-01-02" });
  });

  it("is not vacant while occupied, nor when never used by a CFE-liable activity", () => {
    const running = { occupancies: [{ startedOn: "2090-05-01", endedOn: null, cfeLiable: true }], disusedSince: null };
    expect(unitVacancy(running, 2097, 2)).toMatchObject({ vacant: false, reason: "occupied" });
    const transient = { occupancies: [{ startedOn: "2090-05-01", endedOn: "2091-01-01", cfeLiable: false }], disusedSince: null };
    expect(unitVacancy(transient, 2097, 2)).toMatchObject({ vacant: false, reason: "never_used" });
    expect(unitVacancy({ occupancies: [], disusedSince: "2093-06-01" }, 2097, 2)).toEqual({ vacant: true, since: "2093-06-01", basis: "declared" });
  });

  it("rates vacant ÷ total as a rounded percentage (the CNIG example: 2 of 15 → 13)", () => {
    expect(vacancyRate(2, 15)).toBe(13);
    expect(vacancyRate(0, 0)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), (total, k) => {
        const rate = vacancyRate(k % (total + 1), total) as number;
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(100);
      }),
    );
  });
});
