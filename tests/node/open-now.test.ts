/**
 * The directory page's "open now" (site/src/scripts/open-now.ts, from the intervals the build puts
 * in the page) against the opening_hours library's answer (the API's), for many rules and instants
 * within the page's horizon — French public holidays and both 2026 DST changes included.
 */
import { describe, expect, it } from "vitest";
import { openState } from "@communa/core/hours";
import { HORIZON_DAYS, intervalsOf } from "../../site/src/lib/directory.ts";
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
        const t = from.getTime() + Math.floor(((i * 7919) % 1500) / 1500 * HORIZON_DAYS * 86_400_000 * 0.97);
        const page = openAt(intervals, t).open;
        const lib = openState(rule, new Date(t)).open;
        if (page !== lib) wrong.push(`${build} → ${new Date(t).toISOString()}: page ${page}, library ${lib}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
