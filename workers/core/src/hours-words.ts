/**
 * A week of opening hours in words, from its weekly slots (schema.org's OpeningHoursSpecification,
 * as `openingHoursSpecification` in hours.ts derives them from an OSM rule). Pure and without the
 * opening_hours library, so a page in the browser (the directory's preview) can use it lightly.
 */
import { escapeHtml } from "./html.ts";
import { hoursWords } from "./messages.fr.ts";

/** A weekly slot as openingHoursSpecification gives it. */
export interface WeekSlot {
  dayOfWeek: string;
  opens: string;
  closes: string;
}

/** One line of a week in words: « du lundi au vendredi » — « de 9 h à 12 h et de 14 h à 17 h 30 ». */
export interface HoursLine {
  days: string;
  hours: string;
}

/**
 * A week of opening hours in words, for people (the map's sheet and list, the directory's pages): days
 * with the same hours grouped (« du lundi au vendredi », « mardi et jeudi »), the days it is closed,
 * and what public holidays change. The OSM rule itself is for machines and the back office.
 */
export interface HoursInWords {
  lines: HoursLine[];
  /** « Fermé samedi et dimanche », or null when it opens every day. */
  closed: string | null;
  /** « Fermé les jours fériés » / « Horaires différents les jours fériés », or null. */
  holidays: string | null;
  /** Said when the hours are not the same every week (seasons, periods): the lines are this week's. */
  seasonal?: string | null;
}

const MONDAY_FIRST = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function timeInWords(hhmm: string, end: boolean): string {
  const [h, m] = hhmm.split(":").map(Number);
  if ((end && h === 23 && m === 59) || (h === 0 && m === 0) || h === 24) return hoursWords.midnight;
  return hoursWords.time(h, m);
}

/** Days (Monday = 0) in words: runs of three or more as « du … au … », the rest listed. */
function daysInWords(days: number[]): string {
  if (days.length === 7) return hoursWords.everyDay;
  const items: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j] + 1) j++;
    if (j - i >= 2) items.push(hoursWords.dayRun(hoursWords.days[days[i]], hoursWords.days[days[j]]));
    else for (let k = i; k <= j; k++) items.push(hoursWords.days[days[k]]);
    i = j + 1;
  }
  return hoursWords.list(items);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The usual week (openingHoursSpecification's slots) in words; pure, for pages that have the slots. */
export function weekInWords(week: readonly WeekSlot[]): Omit<HoursInWords, "holidays"> {
  const perDay: string[][] = MONDAY_FIRST.map(() => []);
  for (const s of week) {
    const day = MONDAY_FIRST.indexOf(s.dayOfWeek.split("/").pop() ?? "");
    if (day >= 0) perDay[day].push(`${s.opens}-${s.closes}`);
  }
  for (const d of perDay) d.sort();
  if (perDay.every((d) => d.length === 1 && d[0] === "00:00-23:59")) {
    return { lines: [{ days: capitalise(hoursWords.everyDay), hours: hoursWords.allDay }], closed: null };
  }
  const groups = new Map<string, number[]>();
  perDay.forEach((ranges, day) => {
    if (!ranges.length) return;
    const key = ranges.join(",");
    groups.set(key, [...(groups.get(key) ?? []), day]);
  });
  const lines = [...groups].map(([key, days]) => ({
    days: capitalise(daysInWords(days)),
    hours: hoursWords.list(
      key.split(",").map((r) => {
        const [a, b] = r.split("-");
        return hoursWords.range(timeInWords(a, false), timeInWords(b, true));
      }),
    ),
  }));
  const closedDays = perDay.flatMap((d, i) => (d.length ? [] : [i]));
  return { lines, closed: closedDays.length && lines.length ? hoursWords.closedOn(daysInWords(closedDays)) : null };
}

/**
 * The one rendering of hours in words, for every page that shows hours (the directory's listing pages
 * and their preview, the map's accessible list; the map's sheet builds the same list in the DOM from
 * hoursInWordsItems): a list, one item per line, then the closed days and the holidays.
 */
type Words = Pick<HoursInWords, "lines" | "closed" | "seasonal"> & { holidays?: string | null };

export function hoursInWordsItems(w: Words): string[] {
  return [...w.lines.map((l) => hoursWords.line(l.days, l.hours)), ...[w.closed, w.holidays, w.seasonal].filter((x): x is string => !!x)];
}

export function hoursInWordsHtml(w: Words): string {
  return `<ul class="horaires">${hoursInWordsItems(w)
    .map((item) => `<li>${escapeHtml(item)}</li>`)
    .join("")}</ul>`;
}
