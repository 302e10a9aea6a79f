/**
 * The directory page's "open now" (site/src/scripts/open-now.ts, from the intervals the build puts
 * in the page) against the opening_hours library's answer (the API's), for many rules and instants
 * within the page's horizon — French public holidays and both 2026 DST changes included.
 */
import { describe, expect, it } from "vitest";
import { openState } from "@communa/core/hours";
import { HORIZON_DAYS, horizonOf, intervalsOf } from "../../site/src/lib/directory.ts";
import { openAt } from "../../site/src/scripts/open-now.ts";

const RULES = [
  "Mo-Fr 09:00-12:00,14:00-18:00; PH off",
  "Tu-Sa 07:00-13:00,15:30-19:30; Su 07:00-12:30; PH off",
  "Mo-Su 00:00-24:00",
  "Mo-Sa 22:00-02:00",
  "We,Sa 09:00-12:00; PH off; 2026 Dec 24 off",
  "Mo-Fr 08:00-12:00; Apr-Sep: Sa 09:00-18:00; PH off",
];
// Build dates just before the DST changes, a holiday run (May) and Christmas.
const BUILDS = ["2026-03-20T10:00:00Z", "2026-04-28T05:00:00Z", "2026-10-18T20:00:00Z", "2026-12-15T12:00:00Z"];

describe("open now on the static page equals the library", () => {
  it.each(RULES)("%s", (rule) => {
    const wrong: string[] = [];
    for (const build of BUILDS) {
      const from = new Date(build);
      const intervals = intervalsOf(rule, from);
      for (let i = 0; i < 1500; i++) {
        const t = from.getTime() + Math.floor((((i * 7919) % 1500) / 1500) * HORIZON_DAYS * 86_400_000 * 0.97);
        const page = openAt(intervals, t).open;
        const lib = openState(rule, new Date(t)).open;
        if (page !== lib) wrong.push(`${build} → ${new Date(t).toISOString()}: page ${page}, library ${lib}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});

describe("when the badge says it changes", () => {
  it("open around the clock: open, with no closing time (not the end of the computed horizon)", () => {
    for (const build of BUILDS) {
      const from = new Date(build);
      for (const rule of ["24/7", "Mo-Su 00:00-24:00"]) {
        const intervals = intervalsOf(rule, from);
        expect(openAt(intervals, from.getTime() + 3_600_000, horizonOf(from)), `${rule} (${build})`).toEqual({ open: true, change: null });
      }
    }
  });

  it("a shop that closes tonight says when, and when it opens again", () => {
    const from = new Date("2026-12-15T12:00:00Z"); // a Tuesday, 13:00 in Paris
    const intervals = intervalsOf("Mo-Fr 09:00-12:00,14:00-18:00; PH off", from);
    expect(openAt(intervals, from.getTime(), horizonOf(from))).toEqual({ open: false, change: Date.parse("2026-12-15T13:00:00Z") });
    expect(openAt(intervals, Date.parse("2026-12-15T15:00:00Z"), horizonOf(from))).toEqual({ open: true, change: Date.parse("2026-12-15T17:00:00Z") });
  });
});
