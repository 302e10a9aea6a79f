/**
 * The pilotage rules as pure functions: a hall consuming outside its bookings (a short blip does not
 * count, the pre-heating and the hour after a booking are the booking's), and the heating programme
 * (overlapping occupied spans merged, the whole period covered). Instants are inputs.
 */
import { describe, expect, it } from "vitest";
import { heatingProgramme, outsideBookingDays, type LoadPoint } from "./energy-core.ts";

const H = 3_600_000;
/** A winter day in Paris (UTC+1): the instant of `hour` o'clock there. */
const at = (hour: number) => Date.parse("2087-01-14T00:00:00+01:00") + hour * H;
const day = (watts: (hour: number) => number): LoadPoint[] =>
  Array.from({ length: 24 }, (_, h) => ({ at: new Date(at(h + 1)), watts: watts(h), stepMinutes: 60 }));
const rule = { excess: 0.5, minWatts: 500, minMinutes: 60, afterMinutes: 60, beforeMinutes: 60 };

describe("consumption outside bookings", () => {
  it("names the unbooked hours that drew power, not the booking's pre-heating nor the hour after it", () => {
    const points = day((h) => (h >= 13 && h < 19 ? 3000 : h === 21 ? 2000 : 200));
    const found = outsideBookingDays(points, [{ start: at(14), end: at(18) }], rule);
    expect(found).toEqual([
      {
        day: "2087-01-14",
        nightWatts: 200,
        dayWatts: 2000,
        ratio: 10,
        periods: [{ from: new Date(at(21)).toISOString(), to: new Date(at(22)).toISOString(), watts: 2000 }],
      },
    ]);
  });
  it("says nothing of a load below the threshold, of too short a use, or of a day without its night", () => {
    expect(
      outsideBookingDays(
        day((h) => (h === 21 ? 600 : 200)),
        [],
        rule,
      ),
    ).toEqual([]);
    expect(
      outsideBookingDays(
        day((h) => (h === 21 ? 3000 : 200)),
        [],
        { ...rule, minMinutes: 90 },
      ),
    ).toEqual([]);
    expect(outsideBookingDays(day((h) => (h === 21 ? 3000 : 200)).slice(3), [], rule)).toEqual([]);
  });
});

describe("heating programme", () => {
  it("merges overlapping occupied spans with their lead and covers the whole period, reduced elsewhere", () => {
    const periods = heatingProgramme(
      { hours: [{ start: at(8), end: at(12) }], bookings: [{ start: at(11), end: at(14), reference: "RES-1" }] },
      { comfortC: 19, reducedC: 15, preheatMinutes: 30 },
      at(0),
      at(24),
    );
    expect(periods.map((p) => [new Date(p.from).getTime(), new Date(p.to).getTime(), p.setpointC, p.reason, p.references])).toEqual([
      [at(0), at(7.5), 15, "reduit", []],
      [at(7.5), at(14), 19, "horaire", ["RES-1"]],
      [at(14), at(24), 15, "reduit", []],
    ]);
  });
});
