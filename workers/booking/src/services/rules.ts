/**
 * Booking rules in plain TypeScript, without a database: the dates of a recurring series, what a
 * tariff line makes due, and which days of a period are free. Runtime-neutral and unit-tested.
 */
import { RRule } from "rrule";
import { addDays, fromParisWallClock, parisDateTimeLocal, parisDay } from "@communa/core/time";

export interface Occurrence {
  /** Paris calendar day of the start, "YYYY-MM-DD". */
  day: string;
  startsAt: string;
  endsAt: string;
}

export const MAX_OCCURRENCES = 60;

/**
 * The dates of a series: `rrule` (RFC 5545 RRULE) read in Paris wall-clock time from `startsLocal`
 * ("2027-09-07T18:00"), so a weekly 18:00 slot stays at 18:00 across the change of hour; days in
 * `exceptions` left out. Returns null when the rule cannot be read; at most `max + 1` dates.
 */
export function occurrences(
  startsLocal: string,
  durationMinutes: number,
  rrule: string,
  exceptions: readonly string[] = [],
  max = MAX_OCCURRENCES,
): Occurrence[] | null {
  let rule: RRule;
  try {
    const options = RRule.parseString(rrule.replace(/^RRULE:/i, ""));
    // Floating time: the wall clock written as if it were UTC, converted to Paris time per date.
    rule = new RRule({ ...options, dtstart: new Date(`${startsLocal.slice(0, 16)}:00Z`) });
  } catch {
    return null;
  }
  const skip = new Set(exceptions);
  const out: Occurrence[] = [];
  rule.all((d) => {
    const local = d.toISOString().slice(0, 16);
    if (!skip.has(local.slice(0, 10))) {
      const startsAt = fromParisWallClock(local);
      out.push({ day: local.slice(0, 10), startsAt, endsAt: new Date(new Date(startsAt).getTime() + durationMinutes * 60_000).toISOString() });
    }
    return out.length <= max;
  });
  return out;
}

export interface TariffLine {
  unit: "hour" | "day" | "booking";
  amountCents: number;
}

/**
 * What a booking owes under a tariff line: per started hour, per Paris calendar day touched, or a
 * flat amount per booking; times the units loaned (equipment).
 */
export function dueCents(line: TariffLine, startsAt: Date, endsAt: Date, quantity = 1): number {
  const units = line.unit === "hour" ? Math.ceil((endsAt.getTime() - startsAt.getTime()) / 3_600_000) : line.unit === "day" ? daysTouched(startsAt, endsAt) : 1;
  return units * line.amountCents * quantity;
}

/** How many Paris calendar days a period touches (its end excluded). */
function daysTouched(startsAt: Date, endsAt: Date): number {
  const first = parisDay(startsAt);
  const last = parisDay(new Date(endsAt.getTime() - 1));
  let n = 1;
  for (let d = first; d < last; d = addDays(d, 1)) n++;
  return n;
}

export interface Busy {
  startsAt: Date;
  endsAt: Date;
  quantity?: number;
}

export interface DayAvailability {
  day: string;
  /** Nothing holds the resource that day (for equipment: the whole stock is free). */
  free: boolean;
  /** Busy periods of the day (no names: busy/free only). */
  busy: Array<{ startsAt: string; endsAt: string }>;
}

/** Day by day from `from` to `to` (Paris days, both included), what holds the resource. */
export function availability(from: string, to: string, busy: readonly Busy[]): DayAvailability[] {
  const days: DayAvailability[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const start = new Date(fromParisWallClock(`${d}T00:00`));
    const end = new Date(fromParisWallClock(`${addDays(d, 1)}T00:00`));
    const that = busy.filter((b) => b.startsAt < end && b.endsAt > start);
    days.push({ day: d, free: that.length === 0, busy: that.map((b) => ({ startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString() })) });
  }
  return days;
}

/** Whether two half-open periods overlap. */
export const overlaps = (a: Busy, b: Busy) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * Other slots of the same length as the one asked, at the same time of day on the following and
 * previous days (nearest first), that none of `busy` overlaps: what a 409 proposes.
 */
export function freeSlotsNear(
  startsAt: Date,
  endsAt: Date,
  busy: readonly Busy[],
  now: Date,
  count = 3,
  horizonDays = 14,
): Array<{ startsAt: string; endsAt: string }> {
  const out: Array<{ startsAt: string; endsAt: string }> = [];
  const length = endsAt.getTime() - startsAt.getTime();
  const wall = parisDateTimeLocal(startsAt);
  for (let i = 1; i <= horizonDays && out.length < count; i++) {
    for (const sign of [1, -1]) {
      const day = addDays(wall.slice(0, 10), sign * i);
      const s = new Date(fromParisWallClock(`${day}T${wall.slice(11, 16)}`));
      const slot = { startsAt: s, endsAt: new Date(s.getTime() + length) };
      if (s < now) continue;
      if (!busy.some((b) => overlaps(slot, b))) out.push({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() });
      if (out.length >= count) break;
    }
  }
  return out;
}
