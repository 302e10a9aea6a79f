/**
 * Paris time, one module: calendar days and wall-clock times as the French administration reads
 * them (a mandate that starts today is in office today, in Europe/Paris, whatever UTC says).
 * Instants stay UTC (`timestamptz`); only their reading in Paris lives here. Every formatter that
 * reads an instant in Paris comes from `parisFormat` (made once per options, then reused).
 */
export const PARIS = "Europe/Paris";

export type Instant = Date | string | number;

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter that writes instants as read in Paris (`timeZone` is always Europe/Paris), in French
 * unless another locale is asked for (`en-CA` gives ISO-like days); built once per options and locale.
 */
export function parisFormat(options: Omit<Intl.DateTimeFormatOptions, "timeZone"> = {}, locale = "fr-FR"): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: PARIS });
    formats.set(key, f);
  }
  return f;
}

/** An instant written in French as read in Paris, e.g. `formatParis(at, { dateStyle: "short", timeStyle: "short" })`. */
export function formatParis(at: Instant, options: Omit<Intl.DateTimeFormatOptions, "timeZone">): string {
  return parisFormat(options).format(new Date(at));
}

/** Date and time to the second, as `toLocaleString("fr-FR")` writes them, read in Paris ("01/03/2026 09:04:05"). */
export const frenchDateTime = (at: Instant): string =>
  formatParis(at, { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });

const dayFormat = parisFormat({ year: "numeric", month: "2-digit", day: "2-digit" }, "en-CA");
const partsFormat = parisFormat(
  { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  "en-CA",
);

/** The calendar day (`YYYY-MM-DD`) of an instant in Paris. */
export function parisDay(at: Instant = new Date()): string {
  return dayFormat.format(new Date(at));
}

/** `YYYY-MM` of an instant in Paris. */
export const parisMonth = (at: Instant = new Date()): string => parisDay(at).slice(0, 7);

/** The calendar year of an instant in Paris (1 January 00:30 in Paris is still 31 December in UTC). */
export const parisYear = (at: Instant = new Date()): number => Number(parisDay(at).slice(0, 4));

/** A calendar day moved by `days` (negative goes back), on the calendar, not by 24-hour steps. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A calendar day moved by whole years (29 February → 28 February in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return new Date(Date.UTC(y + years, m - 1, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The wall-clock reading of an instant in Paris, as an `<input type="datetime-local">` value (`YYYY-MM-DDTHH:mm`). */
export function parisDateTimeLocal(at: Instant = new Date()): string {
  const p = Object.fromEntries(partsFormat.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Paris's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(at: Instant = new Date()): number {
  const t = new Date(at);
  const p = Object.fromEntries(partsFormat.formatToParts(t).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((wall - Math.floor(t.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a Paris wall-clock time (`YYYY-MM-DDTHH:mm[:ss]`), as an ISO string with its offset. */
export function fromParisWallClock(local: string): string {
  const [date, time = "00:00"] = local.split("T");
  const guess = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  // Two passes settle the offset across a change of hour.
  let offset = parisOffsetMinutes(guess);
  offset = parisOffsetMinutes(new Date(guess.getTime() - offset * 60_000));
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${date}T${time.length === 5 ? `${time}:00` : time}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** French long date of a calendar day or instant, read in Paris ("14 décembre 2026"). */
export function frenchLongDate(at: Instant): string {
  const d = typeof at === "string" && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at);
  return parisFormat({ day: "numeric", month: "long", year: "numeric" }).format(d);
}
