/**
 * French public holidays (Code du travail, art. L3133-1), computed for any year: eight fixed days
 * and three that follow Easter (Meeus/Jones/Butcher Gregorian computus). Oise has none of the
 * Alsace-Moselle extras. Whether Whit Monday is worked (« journée de solidarité ») is a tenant's
 * choice: an `open` exception for that day (citizen_closures). Runtime-neutral.
 */

/** Easter Sunday of a Gregorian year, as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The public holidays of a year: day → French name. */
export function frenchHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const y = String(year);
  return new Map([
    [`${y}-01-01`, "Jour de l’an"],
    [plusDays(easter, 1), "Lundi de Pâques"],
    [`${y}-05-01`, "Fête du Travail"],
    [`${y}-05-08`, "Victoire 1945"],
    [plusDays(easter, 39), "Ascension"],
    [plusDays(easter, 50), "Lundi de Pentecôte"],
    [`${y}-07-14`, "Fête nationale"],
    [`${y}-08-15`, "Assomption"],
    [`${y}-11-01`, "Toussaint"],
    [`${y}-11-11`, "Armistice 1918"],
    [`${y}-12-25`, "Noël"],
  ]);
}

/**
 * Days closed between two days (inclusive): the computed holidays, plus the tenant's `closed`
 * exceptions, minus its `open` ones.
 */
export function closedDays(from: string, to: string, exceptions: ReadonlyArray<{ day: string; kind: "closed" | "open" }> = []): Set<string> {
  const out = new Set<string>();
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) for (const d of frenchHolidays(y).keys()) if (d >= from && d <= to) out.add(d);
  for (const e of exceptions) {
    if (e.kind === "closed") out.add(e.day);
    else out.delete(e.day);
  }
  return out;
}
