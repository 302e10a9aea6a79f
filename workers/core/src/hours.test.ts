/**
 * Opening hours against an independent oracle: for weekly rules with "PH off", whether a business is
 * open is decided here from the Paris wall clock (Intl) and France's 2026 public holidays, and
 * compared with the library's answer through `openState`, for thousands of instants across 2026 —
 * DST changes (29 March, 25 October) and every public holiday included. The Worker runs in UTC, so
 * a missing time-zone conversion fails this test.
 */
import { describe, expect, it } from "vitest";
import { getTimes } from "suncalc";
import { fromParisWallClock, hoursError, hoursInWords, hoursInWordsHtml, openState, openingHoursSpecification, parisWallClock, weekInWords } from "./hours.ts";

const HOLIDAYS_2026 = ["01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "08-15", "11-01", "11-11", "12-25"];
const paris = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  weekday: "short",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function wall(at: Date) {
  const p = Object.fromEntries(paris.formatToParts(at).map((x) => [x.type, x.value]));
  return {
    day: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(p.weekday),
    md: `${p.month}-${p.day}`,
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

/** Rules as [OSM text, days (0 = Sunday) → [from, to) minute ranges]. */
const RULES: Array<[string, Record<number, Array<[number, number]>>]> = [
  [
    "Mo-Fr 09:00-12:00,14:00-18:00; PH off",
    Object.fromEntries(
      [1, 2, 3, 4, 5].map((d) => [
        d,
        [
          [540, 720],
          [840, 1080],
        ],
      ]),
    ),
  ],
  [
    "Tu-Sa 07:00-13:00,15:30-19:30; Su 07:00-12:30; PH off",
    {
      ...Object.fromEntries(
        [2, 3, 4, 5, 6].map((d) => [
          d,
          [
            [420, 780],
            [930, 1170],
          ],
        ]),
      ),
      0: [[420, 750]],
    },
  ],
  ["Mo-Sa 08:00-20:00; PH off", Object.fromEntries([1, 2, 3, 4, 5, 6].map((d) => [d, [[480, 1200]]]))],
  ["We,Sa 09:00-12:00; PH off", { 3: [[540, 720]], 6: [[540, 720]] }],
];

function oracle(days: Record<number, Array<[number, number]>>, at: Date): boolean {
  const w = wall(at);
  if (HOLIDAYS_2026.includes(w.md)) return false;
  return (days[w.day] ?? []).some(([a, b]) => w.minutes >= a && w.minutes < b);
}

/** Deterministic instants: every public holiday and DST day at several hours, then a spread. */
function instants(): Date[] {
  const out: Date[] = [];
  for (const md of [...HOLIDAYS_2026, "03-28", "03-29", "03-30", "10-24", "10-25", "10-26"]) {
    for (let h = 0; h < 24; h += 1)
      for (const m of [0, 29, 59]) out.push(new Date(`2026-${md}T${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:00Z`));
  }
  let seed = 7;
  const start = Date.UTC(2026, 0, 1),
    span = 365 * 86_400_000;
  for (let i = 0; i < 3000; i++) {
    seed = (seed * 48271) % 2147483647;
    out.push(new Date(start + Math.floor(((seed / 2147483647) * span) / 60_000) * 60_000));
  }
  return out;
}

describe("opening hours in Paris time", () => {
  it.each(RULES)("%s: open now as the Paris clock and the 2026 holidays say, at every instant", (rule, days) => {
    const wrong = instants()
      .filter((at) => openState(rule, at).open !== oracle(days, at))
      .map((at) => at.toISOString());
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("the next change is a real instant (DST-safe)", () => {
    // Saturday 28 March 2026, 19:00 in Paris (UTC+1); next opening: Monday 30 March 09:00 (UTC+2).
    const s = openState("Mo-Fr 09:00-12:00; PH off", new Date("2026-03-28T18:00:00Z"));
    expect(s).toEqual({ open: false, nextChange: new Date("2026-03-30T07:00:00Z") });
    // Friday 23 October 2026, 11:00 (UTC+2): closes at 12:00 local = 10:00 UTC.
    expect(openState("Mo-Fr 09:00-12:00; PH off", new Date("2026-10-23T09:00:00Z")).nextChange).toEqual(new Date("2026-10-23T10:00:00Z"));
  });

  it("wall clock round trip", () => {
    for (const iso of ["2026-03-29T00:59:00Z", "2026-03-29T01:00:00Z", "2026-10-25T02:30:00Z", "2026-07-14T12:00:00Z"]) {
      const at = new Date(iso);
      expect(fromParisWallClock(parisWallClock(at)).getTime(), iso).toBe(at.getTime());
    }
    // 02:30 on 25 October happens twice in Paris (00:30 and 01:30 UTC): the first one is meant.
    expect(fromParisWallClock(parisWallClock(new Date("2026-10-25T01:30:00Z"))).toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("derives the usual week for schema.org, skipping a week with a holiday", () => {
    // From Monday 4 May 2026: the week of 4 May holds 8 May, so the week of 11 May… holds 14 May;
    // the first week without a holiday is the one of 18 May.
    const spec = openingHoursSpecification("Tu-Sa 09:00-12:00; PH off", new Date("2026-05-03T10:00:00Z"));
    expect(spec).toHaveLength(5);
    expect(spec[0]).toEqual({ "@type": "OpeningHoursSpecification", dayOfWeek: "https://schema.org/Tuesday", opens: "09:00", closes: "12:00" });
  });

  it("names what is wrong in a bad rule", () => {
    expect(hoursError("Mo-Fr 09:00-12:00")).toBeNull();
    expect(hoursError("lundi matin")).toBeTruthy();
  });

  it("explains a bad rule in French, never in the library's English", () => {
    // Typed as people write hours; the library answers some of them in English ("Token … is ambiguous").
    expect(hoursError("du mardi au samedi 7h-13h")).toMatch(/^« du » n’est pas reconnu : écrivez les jours en abrégé/);
    for (const rule of [
      "du mardi au samedi 7h-13h",
      "Mo-Fr 25:00-26:00",
      "Mo-Fr 08:00-",
      "xyz",
      "de 9h à 12h",
      "Mo-Fr 08:00-12:00 week 60",
      "Jan 32 10:00-12:00",
      "tous les jours",
    ]) {
      const why = hoursError(rule);
      expect(why, rule).toBeTruthy();
      expect(why, rule).not.toMatch(/\b(is|the|use|ambiguous|should|token)\b/i);
    }
  });
});

describe("sunrise and sunset, at the territory's coordinates", () => {
  // The library's own astronomy (suncalc, which opening_hours uses) for Liancourt, beside the
  // library's answer: with the coordinates given as numbers it ignored them and "sunset" was 18:00.
  const LAT = 49.33;
  const LON = 2.46;
  const minutes = (n: number) => n * 60_000;

  it("a June evening: open until the real sunset (after 21:00 in Paris), closed after it", () => {
    const sunset = getTimes(new Date("2026-06-21T12:00:00Z"), LAT, LON).sunset!;
    expect(parisWallClock(sunset).getHours()).toBeGreaterThanOrEqual(21);
    expect(openState("sunrise-sunset", new Date(sunset.getTime() - minutes(5))).open).toBe(true);
    expect(openState("sunrise-sunset", new Date(sunset.getTime() + minutes(5))).open).toBe(false);
    // 19:00 in Paris on that evening: long before sunset, so open (it said closed at 18:00).
    expect(openState("sunrise-sunset", new Date("2026-06-21T17:00:00Z")).open).toBe(true);
  });

  it("a December morning: closed until the real sunrise (after 08:00 in Paris), open after it", () => {
    const sunrise = getTimes(new Date("2026-12-15T12:00:00Z"), LAT, LON).sunrise!;
    expect(parisWallClock(sunrise).getHours()).toBeGreaterThanOrEqual(8);
    expect(openState("sunrise-sunset", new Date(sunrise.getTime() - minutes(5))).open).toBe(false);
    expect(openState("sunrise-sunset", new Date(sunrise.getTime() + minutes(5))).open).toBe(true);
  });
});

describe("opening hours in words (map sheet and list, directory pages)", () => {
  // Any fixed day: the usual week and the coming year's holidays are computed from it.
  const from = new Date("2030-01-07T09:00:00Z");
  // « 9 h 30 »: no-break spaces inside a time, written here as plain ones.
  const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x).replaceAll("\u00a0", " "));

  it("groups the days with the same hours, names the closed days and what holidays change", () => {
    expect(plain(hoursInWords("Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", from))).toEqual({
      lines: [
        { days: "Du lundi au vendredi", hours: "de 9 h à 12 h et de 14 h à 17 h 30" },
        { days: "Samedi", hours: "de 9 h à 12 h" },
      ],
      closed: "Fermé dimanche",
      holidays: "Fermé les jours fériés",
    });
  });

  it("lists days that are not in a row, and runs of three or more as « du … au … »", () => {
    const w = plain(hoursInWords("Tu,Th 08:00-12:00; We 14:00-18:30", from));
    expect(w.lines).toEqual([
      { days: "Mardi et jeudi", hours: "de 8 h à 12 h" },
      { days: "Mercredi", hours: "de 14 h à 18 h 30" },
    ]);
    expect(w.closed).toBe("Fermé lundi et du vendredi au dimanche");
    // Without a PH rule the usual hours hold on holidays: nothing to say.
    expect(w.holidays).toBeNull();
  });

  it("says when the hours change with the season (the lines are this week's)", () => {
    const winter = plain(hoursInWords("Apr-Sep: 08:00-20:00; Oct-Mar: 08:30-17:30", from));
    expect(winter.lines).toEqual([{ days: "Tous les jours", hours: "de 8 h 30 à 17 h 30" }]);
    expect(winter.seasonal).toBe("Horaires de la semaine en cours : ils changent selon la période de l’année");
    expect(hoursInWords("Mo-Fr 09:00-12:00", from).seasonal).toBeUndefined();
  });

  it("says when holidays have their own hours", () => {
    expect(hoursInWords("Mo-Sa 09:00-19:00; PH 10:00-12:00", from).holidays).toBe("Horaires différents les jours fériés");
  });

  it("24/7 and over-midnight ranges read as people say them", () => {
    expect(plain(hoursInWords("24/7", from))).toEqual({ lines: [{ days: "Tous les jours", hours: "24 h sur 24" }], closed: null, holidays: null });
    const night = plain(hoursInWords("Fr 22:00-02:00", from));
    expect(night.lines).toEqual([
      { days: "Vendredi", hours: "de 22 h à minuit" },
      { days: "Samedi", hours: "de minuit à 2 h" },
    ]);
  });

  it("a rule never open has no lines, and the words need no library (pure, from the week's slots)", () => {
    expect(hoursInWords("off", from)).toEqual({ lines: [], closed: null, holidays: null });
    expect(plain(weekInWords([{ dayOfWeek: "https://schema.org/Sunday", opens: "10:00", closes: "12:15" }]))).toEqual({
      lines: [{ days: "Dimanche", hours: "de 10 h à 12 h 15" }],
      closed: "Fermé du lundi au samedi",
    });
  });

  it("one rendering for every page: a list, escaped", () => {
    const html = hoursInWordsHtml({ lines: [{ days: "Lundi", hours: "de 9 h à 12 h" }], closed: "Fermé <dimanche>", holidays: "Fermé les jours fériés" });
    expect(html).toBe('<ul class="horaires"><li>Lundi\u00a0: de 9 h à 12 h</li><li>Fermé &lt;dimanche&gt;</li><li>Fermé les jours fériés</li></ul>');
  });
});
