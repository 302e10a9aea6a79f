/** Pure booking rules: series dates in Paris time, what a tariff makes due, overlapping loans. */
import { describe, expect, it } from "vitest";
import { dueCents, freeSlotsNear, occurrences } from "./rules.ts";
import { maxOverlap } from "./bookings.ts";

describe("series dates", () => {
  it("keeps a weekly 18:00 slot at 18:00 in Paris across the change of hour, exceptions left out", () => {
    const dates = occurrences("2031-10-14T18:00", 120, "FREQ=WEEKLY;BYDAY=TU;COUNT=4", ["2031-10-21"])!;
    expect(dates.map((d) => d.day)).toEqual(["2031-10-14", "2031-10-28", "2031-11-04"]);
    expect(dates.map((d) => d.startsAt)).toEqual(["2031-10-14T18:00:00+02:00", "2031-10-28T18:00:00+01:00", "2031-11-04T18:00:00+01:00"]);
    expect(dates[0].endsAt).toBe("2031-10-14T18:00:00.000Z");
  });
  it("refuses a rule it cannot read", () => {
    expect(occurrences("2031-10-14T18:00", 60, "FREQ=SOMETIMES")).toBeNull();
  });
});

describe("what is due", () => {
  const s = new Date("2031-05-17T08:00:00Z");
  it("per started hour, per Paris day touched, or flat; times the units", () => {
    expect(dueCents({ unit: "hour", amountCents: 1000 }, s, new Date("2031-05-17T10:30:00Z"))).toBe(3000);
    expect(dueCents({ unit: "day", amountCents: 25000 }, s, new Date("2031-05-18T20:00:00Z"))).toBe(50000);
    expect(dueCents({ unit: "booking", amountCents: 500 }, s, new Date("2031-05-18T20:00:00Z"), 30)).toBe(15000);
  });
});

describe("loans and free slots", () => {
  const at = (h: number) => new Date(Date.UTC(2031, 5, 20, h));
  it("counts units out at the busiest instant, not the sum of loans that never meet", () => {
    const held = [
      { startsAt: at(8), endsAt: at(12), quantity: 100 },
      { startsAt: at(13), endsAt: at(18), quantity: 150 },
      { startsAt: at(10), endsAt: at(14), quantity: 20 },
    ];
    expect(maxOverlap(held, at(6), at(20))).toBe(170);
    expect(maxOverlap(held, at(6), at(9))).toBe(100);
  });
  it("proposes the same hours on the nearest free days", () => {
    const busy = [
      { startsAt: at(8), endsAt: at(22) },
      { startsAt: new Date(Date.UTC(2031, 5, 21, 8)), endsAt: new Date(Date.UTC(2031, 5, 21, 22)) },
    ];
    const slots = freeSlotsNear(at(8), at(22), busy, new Date("2031-01-01T00:00:00Z"), 2);
    expect(slots).toEqual([
      { startsAt: "2031-06-19T08:00:00.000Z", endsAt: "2031-06-19T22:00:00.000Z" },
      { startsAt: "2031-06-22T08:00:00.000Z", endsAt: "2031-06-22T22:00:00.000Z" },
    ]);
  });
});
