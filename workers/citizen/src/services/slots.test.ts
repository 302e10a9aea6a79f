/**
 * Property tests of the slot computation: on random rules, absences and bookings, no slot shown
 * overlaps a busy range of one of its agents (buffers included), every slot lies inside a rule's
 * window, on the interval grid, within the booking delays, once per (start, place); and nothing is
 * missed: every free grid point of every rule is shown. Times are fixed far-future years.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedDays } from "./holidays.ts";
import { parisDateTimeLocal } from "@communa/core/time";
import {
  computeSlots,
  heldRange,
  isFree,
  parisInstant,
  wallClockExists,
  weekdayOf,
  withinDelays,
  type Busy,
  type MotifTiming,
  type OpeningRule,
} from "./slots.ts";

const FROM = "2031-03-24"; // a Monday; the week of the change to summer time (30 March 2031)
const TO = "2031-04-06";
const agents = ["a1", "a2", "a3"];
const places = ["p1", "p2"];

const motifArb: fc.Arbitrary<MotifTiming> = fc.record({
  durationMinutes: fc.integer({ min: 5, max: 90 }),
  intervalMinutes: fc.constantFrom(5, 10, 15, 20, 30, 45, 60),
  bufferBeforeMinutes: fc.integer({ min: 0, max: 30 }),
  bufferAfterMinutes: fc.integer({ min: 0, max: 30 }),
  minDelayMinutes: fc.integer({ min: 0, max: 3 * 1440 }),
  maxDelayDays: fc.integer({ min: 1, max: 20 }),
});

const ruleArb: fc.Arbitrary<OpeningRule> = fc
  .record({
    agentId: fc.constantFrom(...agents),
    placeId: fc.constantFrom(...places),
    weekday: fc.integer({ min: 1, max: 7 }),
    a: fc.integer({ min: 0, max: 1439 }),
    b: fc.integer({ min: 1, max: 1440 }),
    until: fc.option(fc.constantFrom("2031-03-28", "2031-04-02"), { nil: null }),
  })
  .filter((r) => r.a < r.b)
  .map((r) => ({ agentId: r.agentId, placeId: r.placeId, weekday: r.weekday, startMinute: r.a, endMinute: r.b, validFrom: "2031-01-01", validUntil: r.until }));

const t0 = Date.parse("2031-03-23T00:00:00Z");
const busyArb: fc.Arbitrary<Busy> = fc
  .record({ agentId: fc.constantFrom(...agents), at: fc.integer({ min: 0, max: 16 * 1440 }), len: fc.integer({ min: 1, max: 600 }) })
  .map((b) => ({ agentId: b.agentId, from: t0 + b.at * 60_000, until: t0 + (b.at + b.len) * 60_000 }));

const caseArb = fc.record({
  motif: motifArb,
  rules: fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
  busy: fc.array(busyArb, { maxLength: 12 }),
  now: fc.integer({ min: 0, max: 5 * 1440 }).map((m) => t0 + m * 60_000),
});

const days = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d <= to; d = new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) out.push(d);
  return out;
};

describe("slot computation", () => {
  it("shows only free, delayed, gridded, unique slots inside a rule, and every one of them", () => {
    const closed = closedDays(FROM, TO);
    fc.assert(
      fc.property(caseArb, ({ motif, rules, busy, now }) => {
        const slots = computeSlots({ motif, rules, busy, closed, from: FROM, to: TO, now });
        const keys = new Set<string>();
        for (const s of slots) {
          const start = Date.parse(s.start);
          const key = `${s.start}|${s.placeId}`;
          expect(keys.has(key), `doublon ${key}`).toBe(false);
          keys.add(key);
          expect(withinDelays(motif, start, now)).toBe(true);
          expect(Date.parse(s.end) - start).toBe(motif.durationMinutes * 60_000);
          for (const agentId of s.agentIds) {
            const h = heldRange(motif, start);
            expect(busy.some((b) => b.agentId === agentId && b.from < h.until && h.from < b.until)).toBe(false);
            // Inside one of this agent's windows at this place, on the grid from midnight (Paris wall clock).
            const local = parisDateTimeLocal(start);
            const d = local.slice(0, 10);
            const m = Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
            const inside =
              !closed.has(d) &&
              m % motif.intervalMinutes === 0 &&
              rules.some(
                (r) =>
                  r.agentId === agentId &&
                  r.placeId === s.placeId &&
                  weekdayOf(d) === r.weekday &&
                  d >= r.validFrom &&
                  (!r.validUntil || d <= r.validUntil) &&
                  m >= r.startMinute &&
                  m + motif.durationMinutes <= r.endMinute,
              );
            expect(inside, `${s.start} hors des plages de ${agentId}`).toBe(true);
          }
        }
        // Completeness: each free grid point of each rule is offered, naming that agent.
        for (const r of rules)
          for (const d of days(FROM, TO)) {
            if (closed.has(d) || weekdayOf(d) !== r.weekday || (r.validUntil && d > r.validUntil)) continue;
            for (
              let m = Math.ceil(r.startMinute / motif.intervalMinutes) * motif.intervalMinutes;
              m + motif.durationMinutes <= r.endMinute;
              m += motif.intervalMinutes
            ) {
              const start = parisInstant(d, m);
              if (!wallClockExists(d, m) || !withinDelays(motif, start, now) || !isFree(motif, busy, r.agentId, start)) continue;
              const s = slots.find((x) => Date.parse(x.start) === start && x.placeId === r.placeId);
              expect(s?.agentIds, `créneau ${d} ${m} manquant`).toContain(r.agentId);
            }
          }
      }),
      { numRuns: 150 },
    );
  });

  it("offers nothing in the hour skipped when summer time starts", () => {
    const motif: MotifTiming = {
      durationMinutes: 30,
      intervalMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minDelayMinutes: 0,
      maxDelayDays: 30,
    };
    const slots = computeSlots({
      motif,
      rules: [{ agentId: "a1", placeId: "p1", weekday: 7, startMinute: 90, endMinute: 210, validFrom: "2031-01-01", validUntil: null }],
      busy: [],
      closed: new Set(),
      from: "2031-03-30",
      to: "2031-03-30",
      now: Date.parse("2031-03-20T00:00:00Z"),
    });
    // 01:30 CET, then 03:00 CEST: 02:00 and 02:30 do not exist that night.
    expect(slots.map((s) => s.start)).toEqual(["2031-03-30T00:30:00.000Z", "2031-03-30T01:00:00.000Z"]);
  });

  it("gives one slot naming both agents when two are free, rounds the first slot of the day, skips holidays", () => {
    const motif: MotifTiming = {
      durationMinutes: 20,
      intervalMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 10,
      minDelayMinutes: 0,
      maxDelayDays: 30,
    };
    const rule = (agentId: string, weekday: number): OpeningRule => ({
      agentId,
      placeId: "p1",
      weekday,
      startMinute: 9 * 60 + 10,
      endMinute: 10 * 60 + 30,
      validFrom: "2031-01-01",
      validUntil: null,
    });
    // Monday 14 April 2031 is Easter Monday: nothing that day; Tuesday 15 has slots.
    const slots = computeSlots({
      motif,
      rules: [rule("a1", 1), rule("a2", 1), rule("a1", 2), rule("a2", 2)],
      busy: [{ agentId: "a2", from: Date.parse("2031-04-15T07:30:00Z"), until: Date.parse("2031-04-15T07:40:00Z") }],
      closed: closedDays("2031-04-14", "2031-04-15"),
      from: "2031-04-14",
      to: "2031-04-15",
      now: Date.parse("2031-04-01T00:00:00Z"),
    });
    // Paris is UTC+2 in April: 09:30, 10:00 local (09:10 rounded up to 09:30; 10:30 would end past the rule).
    expect(slots.map((s) => [s.start, s.agentIds])).toEqual([
      ["2031-04-15T07:30:00.000Z", ["a1"]],
      ["2031-04-15T08:00:00.000Z", ["a1", "a2"]],
    ]);
  });
});
