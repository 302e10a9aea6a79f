/**
 * Opening hours: OpenStreetMap `opening_hours` rules evaluated with the `opening_hours` library, in
 * French local time (Europe/Paris) with French public holidays — whatever the clock of the machine
 * running it (Workers run in UTC; a visitor may be abroad). The same module runs in the Worker and
 * in the browser, so a static page's "open now" equals the API's.
 */
import OpeningHours from "opening_hours";
import { hoursTexts, hoursWords } from "./messages.fr.ts";
import { weekInWords, type HoursInWords } from "./hours-words.ts";

export { hoursInWordsHtml, hoursInWordsItems, weekInWords, type HoursInWords, type HoursLine, type WeekSlot } from "./hours-words.ts";
import { parisFormat } from "./time.ts";

/** The territory's centre (Liancourt), for "sunrise" and "sunset" in rules. */
const LAT = 49.33;
const LON = 2.46;
const PARIS = parisFormat(
  { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  "en-GB",
);

/** Paris wall-clock time of `at`, as a Date whose local fields (in this runtime) show it. */
export function parisWallClock(at: Date): Date {
  const p = Object.fromEntries(PARIS.formatToParts(at).map((x) => [x.type, x.value]));
  return new Date(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant a Paris wall-clock Date (from parisWallClock or the library) stands for. */
export function fromParisWallClock(wall: Date): Date {
  // Start from the same fields read as UTC, then correct by Paris's offset at that moment (twice,
  // for instants near a DST change).
  const asUtc = (d: Date) => Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds());
  const wanted = asUtc(wall);
  let guess = wanted;
  for (let i = 0; i < 2; i++) guess += wanted - asUtc(parisWallClock(new Date(guess)));
  // In the hour the clocks go back (02:00–02:59 happens twice), the first time the clock shows it:
  // a shop closing "at 02:00" closes the first time it is 02:00.
  if (asUtc(parisWallClock(new Date(guess - 3_600_000))) === wanted) guess -= 3_600_000;
  return new Date(guess);
}

/** Paris's offset from UTC at `at`, in hours (1 in winter, 2 in summer). */
function parisOffsetHours(at: Date): number {
  const w = parisWallClock(at);
  return (
    (Date.UTC(w.getFullYear(), w.getMonth(), w.getDate(), w.getHours(), w.getMinutes(), w.getSeconds()) - Math.floor(at.getTime() / 1000) * 1000) / 3_600_000
  );
}

/**
 * The rule, to be evaluated on Paris wall-clock Dates (parisWallClock) around `at`. The library
 * takes the coordinates only as strings (given as numbers they were ignored and "sunset" was 18:00
 * all year), and computes the sun's times as real instants while it is handed wall-clock Dates
 * shifted by Paris's offset: so it is given the longitude that same offset west (15° an hour),
 * where the sun rises and sets exactly that much later — the wall-clock times of the territory's
 * sunrise and sunset (the declination's change over one or two hours moves them by seconds).
 * Around a change of offset (DST) within a span evaluated from `at`, sun-relative times on the
 * other side are off by an hour; weekday and clock rules are not affected.
 */
export function parseHours(rule: string, at: Date = new Date()): OpeningHours {
  const offset = parisOffsetHours(at);
  const key = `${offset}\u0000${rule}`;
  const known = parsed.get(key);
  if (known) return known;
  const lon = LON - 15 * offset;
  const nominatim = { lat: String(LAT), lon: String(lon), address: { country_code: "fr", state: "Hauts-de-France" } };
  const oh = new OpeningHours(rule, nominatim as never, { locale: "fr" } as never);
  // Parsing costs ten times an evaluation: a directory page or a listing asks the same few rules
  // again and again. The parsed rule is only read (getState, getNextChange, getOpenIntervals).
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, oh);
  return oh;
}
/** Parsed rules by Paris offset and text, the oldest dropped first. */
const parsed = new Map<string, OpeningHours>();
const PARSED_MAX = 500;

/**
 * Null when the rule is valid, else why, in French: the library's message (first line) where it is
 * French, and our own where the library answers in English (an ambiguous token such as « du »,
 * or a message without a French translation).
 */
export function hoursError(rule: string): string | null {
  try {
    parseHours(rule);
    return null;
  } catch (err) {
    const message = String((err as Error).message ?? err).split("\n")[0];
    const ambiguous = /Token "([^"]{1,40})" is ambiguous/.exec(message);
    if (ambiguous) return hoursTexts.ambiguous(ambiguous[1]);
    // The library's French messages carry a French word of its own; an English one never does.
    if (/\b(is|are|the|not|use|should|expected|unexpected|token|missing)\b/i.test(message) && !/[àâçéèêëîïôûùü]/i.test(message)) return hoursTexts.unrecognised;
    return message.slice(0, 300);
  }
}

export interface OpenState {
  open: boolean;
  /** When it next opens or closes (null: never within the library's horizon). */
  nextChange: Date | null;
}

export function openState(rule: string, at: Date = new Date()): OpenState {
  const oh = parseHours(rule, at);
  const wall = parisWallClock(at);
  const next = oh.getNextChange(wall);
  return { open: oh.getState(wall), nextChange: next ? fromParisWallClock(next) : null };
}

/** The periods a rule is open between two instants (clipped to them), as instants. */
export function openIntervals(rule: string, from: Date, to: Date): { start: Date; end: Date }[] {
  const oh = parseHours(rule, from);
  return oh
    .getOpenIntervals(parisWallClock(from), parisWallClock(to))
    .map(([start, end]) => ({ start: fromParisWallClock(start), end: fromParisWallClock(end) }))
    .filter((i) => i.end > i.start);
}

const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;

/**
 * schema.org `openingHoursSpecification` for the usual week: the rule evaluated over the first week
 * from `from` without a public holiday (holidays and exceptional closures stay in the OSM rule,
 * which the page evaluates).
 */
export function openingHoursSpecification(
  rule: string,
  from: Date = new Date(),
): Array<{ "@type": "OpeningHoursSpecification"; dayOfWeek: string; opens: string; closes: string }> {
  const oh = parseHours(rule, from);
  const start = parisWallClock(from);
  start.setHours(0, 0, 0, 0);
  for (let week = 0; week < 8; week++) {
    const monday = new Date(start);
    monday.setDate(start.getDate() + ((8 - start.getDay()) % 7) + week * 7);
    const sunday = new Date(monday);
    sunday.setDate(monday.getDate() + 7);
    if (hasHoliday(monday)) continue;
    // An interval over midnight (or "24/7") is cut into one specification per day.
    const specs: ReturnType<typeof openingHoursSpecification> = [];
    for (const [a, b] of oh.getOpenIntervals(monday, sunday)) {
      let from = new Date(a);
      while (from < b) {
        const midnight = new Date(from);
        midnight.setHours(24, 0, 0, 0);
        const to = b < midnight ? b : midnight;
        specs.push({
          "@type": "OpeningHoursSpecification",
          dayOfWeek: `https://schema.org/${DAYS[from.getDay()]}`,
          opens: hhmm(from),
          closes: to.getTime() === midnight.getTime() ? "23:59" : hhmm(to),
        });
        from = to;
      }
    }
    return specs;
  }
  return [];
}

/** French public holidays (wall-clock days) between two wall-clock Dates. */
function holidays(from: Date, to: Date): Date[] {
  const ph = new OpeningHours("PH", { lat: String(LAT), lon: String(LON), address: { country_code: "fr", state: "Hauts-de-France" } } as never);
  return ph.getOpenIntervals(from, to).map(([a]) => a);
}

/** Whether the week starting on this Monday holds a French public holiday. */
function hasHoliday(monday: Date): boolean {
  const end = new Date(monday);
  end.setDate(monday.getDate() + 7);
  return holidays(monday, end).length > 0;
}

/**
 * The rule in words for the usual week from `from`, with what public holidays change: the first
 * holiday of the coming year that falls on a day it usually opens is evaluated against that day.
 */
export function hoursInWords(rule: string, from: Date = new Date()): HoursInWords {
  const week = openingHoursSpecification(rule, from);
  let words: Omit<HoursInWords, "holidays"> = weekInWords(week);
  if (!week.length) return { ...words, holidays: null };
  const oh = parseHours(rule, from);
  // Seasons and periods: the usual week half a year on (the library's isWeekStable counts holidays too).
  const later = openingHoursSpecification(rule, new Date(from.getTime() + 182 * 86_400_000));
  const sameWeek = (x: typeof week, y: typeof week) => JSON.stringify(x) === JSON.stringify(y);
  if (!sameWeek(week, later)) words = { ...words, seasonal: hoursWords.seasonal };
  const start = parisWallClock(from);
  start.setHours(0, 0, 0, 0);
  const inAYear = new Date(start);
  inAYear.setFullYear(start.getFullYear() + 1);
  const key = (intervals: Array<[Date, Date, ...unknown[]]>) => intervals.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(",");
  for (const day of holidays(start, inAYear)) {
    const usualSlots = week.filter((s) => s.dayOfWeek.endsWith(`/${DAYS[day.getDay()]}`));
    if (!usualSlots.length) continue;
    const end = new Date(day);
    end.setDate(day.getDate() + 1);
    const onHoliday = oh.getOpenIntervals(day, end);
    const usual = usualSlots
      .map((s) => `${s.opens}-${s.closes === "23:59" ? "00:00" : s.closes}`)
      .sort()
      .join(",");
    if (!onHoliday.length) return { ...words, holidays: hoursWords.holidaysClosed };
    return { ...words, holidays: key(onHoliday) === usual ? null : hoursWords.holidaysOther };
  }
  return { ...words, holidays: null };
}
