/**
 * Energy rules in pure TypeScript (ADR 0035): consumption of invoice periods spread over calendar
 * years by days, the Décret tertiaire trajectory of a building against its reference year (raw
 * consumption; OPERAT applies the climate correction itself), and the OPERAT-ready yearly rows.
 */
import { parisDateTimeLocal } from "@communa/core";
import { ACTIVITY_HOURS, DAY_HOURS, inForce, NIGHT_HOURS, TERTIARY_SCOPE_M2, TERTIARY_TARGETS } from "../parameters.ts";

const DAY = 86_400_000;
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** kWh of each calendar year in an inclusive period, in proportion to its days. */
export function spreadOverYears(periodStart: string, periodEnd: string, kwh: number): Map<number, number> {
  const out = new Map<number, number>();
  const start = ms(periodStart);
  const end = ms(periodEnd) + DAY;
  const total = (end - start) / DAY;
  for (let y = Number(periodStart.slice(0, 4)); y <= Number(periodEnd.slice(0, 4)); y++) {
    const a = Math.max(start, Date.UTC(y, 0, 1));
    const b = Math.min(end, Date.UTC(y + 1, 0, 1));
    if (b > a) out.set(y, (out.get(y) ?? 0) + (kwh * (b - a)) / DAY / total);
  }
  return out;
}

export interface Reading {
  energy: string;
  periodStart: string;
  periodEnd: string;
  kwh: number;
}

/** Consumption per year and energy (kWh, rounded to the unit), and the days each year covers. */
export function yearly(readings: readonly Reading[]): Map<number, { byEnergy: Map<string, number>; days: number }> {
  const out = new Map<number, { byEnergy: Map<string, number>; days: Map<string, Set<number>> }>();
  for (const r of readings) {
    for (const [y, kwh] of spreadOverYears(r.periodStart, r.periodEnd, r.kwh)) {
      const slot = out.get(y) ?? { byEnergy: new Map(), days: new Map() };
      slot.byEnergy.set(r.energy, (slot.byEnergy.get(r.energy) ?? 0) + kwh);
      const days = slot.days.get(r.energy) ?? new Set<number>();
      for (let t = Math.max(ms(r.periodStart), Date.UTC(y, 0, 1)); t <= Math.min(ms(r.periodEnd), Date.UTC(y, 11, 31)); t += DAY) days.add(t);
      slot.days.set(r.energy, days);
      out.set(y, slot);
    }
  }
  return new Map(
    [...out].map(([y, s]) => [
      y,
      { byEnergy: new Map([...s.byEnergy].map(([k, v]) => [k, Math.round(v)])), days: Math.min(...[...s.days.values()].map((d) => d.size)) },
    ]),
  );
}

const daysIn = (y: number) => (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY;

export interface Trajectory {
  referenceYear: number;
  referenceKwh: number;
  /** Whether every energy of the reference year is covered on every day (a partial year is not a reference). */
  referenceComplete: boolean;
  inScope: boolean;
  targets: { year: number; reduction: number; maxKwh: number }[];
  years: { year: number; kwh: number; complete: boolean; changePct: number }[];
  source: string;
}

/** The trajectory of a building: targets from its reference year, and each year's change against it. */
export function trajectory({
  referenceYear,
  floorAreaM2,
  readings,
  day,
}: {
  referenceYear: number;
  floorAreaM2: number;
  readings: readonly Reading[];
  day: string;
}): Trajectory {
  const byYear = yearly(readings);
  const total = (y: number) => [...(byYear.get(y)?.byEnergy.values() ?? [])].reduce((a, b) => a + b, 0);
  const ref = total(referenceYear);
  const targets = inForce(TERTIARY_TARGETS, day)!;
  const scope = inForce(TERTIARY_SCOPE_M2, day)!;
  return {
    referenceYear,
    referenceKwh: ref,
    referenceComplete: (byYear.get(referenceYear)?.days ?? 0) === daysIn(referenceYear),
    inScope: floorAreaM2 >= scope.value,
    targets: targets.value.map((t) => ({ ...t, maxKwh: Math.round(ref * (1 - t.reduction)) })),
    years: [...byYear.keys()]
      .sort((a, b) => a - b)
      .map((y) => ({
        year: y,
        kwh: total(y),
        complete: byYear.get(y)!.days === daysIn(y),
        changePct: ref ? Math.round(((total(y) - ref) / ref) * 1000) / 10 : 0,
      })),
    source: `${targets.source} ; ${scope.source}`,
  };
}

/**
 * The OPERAT-ready yearly workbook's columns (documented in ADR 0035; to be aligned with ADEME's
 * official import template when the tenant provides it). One row per building (functional entity)
 * and energy, raw consumption in kWh of final energy as invoiced.
 */
export const OPERAT_COLUMNS = [
  "annee",
  "reference_batiment",
  "denomination_efa",
  "commune_insee",
  "surface_m2",
  "categorie_activite",
  "assujetti_decret_tertiaire",
  "annee_reference",
  "energie",
  "consommation_brute_kwh",
  "jours_couverts",
  "remarque",
] as const;

/** kWh of each calendar month (`YYYY-MM`) in an inclusive period, in proportion to its days. */
export function spreadOverMonths(periodStart: string, periodEnd: string, kwh: number): Map<string, number> {
  const out = new Map<string, number>();
  const start = ms(periodStart);
  const end = ms(periodEnd) + DAY;
  const total = (end - start) / DAY;
  let y = Number(periodStart.slice(0, 4));
  let mo = Number(periodStart.slice(5, 7)) - 1;
  while (Date.UTC(y, mo, 1) < end) {
    const a = Math.max(start, Date.UTC(y, mo, 1));
    const b = Math.min(end, Date.UTC(y, mo + 1, 1));
    if (b > a) out.set(`${y}-${String(mo + 1).padStart(2, "0")}`, (kwh * (b - a)) / DAY / total);
    mo++;
    if (mo === 12) [y, mo] = [y + 1, 0];
  }
  return out;
}

/** Consumption per month and energy (kWh, rounded to the unit), months in order. */
export function monthly(readings: readonly Reading[]): { month: string; byEnergy: Record<string, number>; kwh: number }[] {
  const out = new Map<string, Map<string, number>>();
  for (const r of readings)
    for (const [month, kwh] of spreadOverMonths(r.periodStart, r.periodEnd, r.kwh)) {
      const slot = out.get(month) ?? new Map<string, number>();
      slot.set(r.energy, (slot.get(r.energy) ?? 0) + kwh);
      out.set(month, slot);
    }
  return [...out.keys()].sort().map((month) => {
    const byEnergy = Object.fromEntries([...out.get(month)!].map(([k, v]) => [k, Math.round(v)]));
    return { month, byEnergy, kwh: Object.values(byEnergy).reduce((a, b) => a + b, 0) };
  });
}

/** The Paris calendar day and hour of an instant. */
function parisDayHour(at: Date): { day: string; hour: number } {
  const local = parisDateTimeLocal(at);
  return { day: local.slice(0, 10), hour: Number(local.slice(11, 13)) };
}

export interface LoadPoint {
  /** The end of the step the mean power covers. */
  at: Date;
  watts: number;
  /** The step's length in minutes. */
  stepMinutes: number;
}

export interface BaseLoadDay {
  day: string;
  nightWatts: number;
  dayWatts: number;
  ratio: number;
}

/**
 * Per Paris calendar day, the mean power of the night hours and of the working-day hours (each step
 * counted in the hour it starts in). A day counts only with both windows fully covered (a day with
 * a missing hour says nothing); weekends and holidays are the caller's to leave out or keep.
 */
export function baseLoadDays(points: readonly LoadPoint[]): BaseLoadDay[] {
  const days = new Map<string, { night: number[]; day: number[]; nightMin: number; dayMin: number }>();
  for (const p of points) {
    const { day, hour } = parisDayHour(new Date(p.at.getTime() - p.stepMinutes * 60_000));
    const d = days.get(day) ?? { night: [], day: [], nightMin: 0, dayMin: 0 };
    if (hour >= NIGHT_HOURS.from && hour < NIGHT_HOURS.to) {
      d.night.push(p.watts * p.stepMinutes);
      d.nightMin += p.stepMinutes;
    } else if (hour >= DAY_HOURS.from && hour < DAY_HOURS.to) {
      d.day.push(p.watts * p.stepMinutes);
      d.dayMin += p.stepMinutes;
    }
    days.set(day, d);
  }
  const nightMinutes = (NIGHT_HOURS.to - NIGHT_HOURS.from) * 60;
  const dayMinutes = (DAY_HOURS.to - DAY_HOURS.from) * 60;
  return [...days]
    .filter(([, d]) => d.nightMin === nightMinutes && d.dayMin === dayMinutes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => {
      const nightWatts = d.night.reduce((a, b) => a + b, 0) / d.nightMin;
      const dayWatts = d.day.reduce((a, b) => a + b, 0) / d.dayMin;
      return {
        day,
        nightWatts: Math.round(nightWatts),
        dayWatts: Math.round(dayWatts),
        ratio: dayWatts > 0 ? Math.round((nightWatts / dayWatts) * 1000) / 1000 : 0,
      };
    });
}

/** The days whose night base load reaches the ratio in force (a day with no daytime load never does). */
export function nightBaseLoadAlerts(days: readonly BaseLoadDay[], ratio: number): BaseLoadDay[] {
  return days.filter((d) => d.dayWatts > 0 && d.nightWatts >= ratio * d.dayWatts);
}

/** A period in use (a booking, the building's occupied hours), as epoch milliseconds [start, end[. */
export interface Span {
  start: number;
  end: number;
}

export interface OutsideBookingDay {
  day: string;
  /** The night base load (0–5 h mean) the day is compared with. */
  nightWatts: number;
  /** Mean power of the unbooked steps that consumed. */
  dayWatts: number;
  ratio: number;
  periods: { from: string; to: string; watts: number }[];
}

/**
 * Per Paris day: the steps of the activity hours (6–23 h) that no span covers (spans extended by
 * `afterMinutes` and, before, by `beforeMinutes` — the pre-heating) and whose power exceeds the
 * night base load by `excess` and by `minWatts`; consecutive ones make a period. A day counts only
 * with its night fully covered, and raises when its periods add up to `minMinutes`.
 */
export function outsideBookingDays(
  points: readonly LoadPoint[],
  spans: readonly Span[],
  rule: { excess: number; minWatts: number; minMinutes: number; afterMinutes: number; beforeMinutes: number },
): OutsideBookingDay[] {
  const nights = new Map(baseLoadNights(points).map((n) => [n.day, n.watts]));
  const covered = (start: number, end: number) => spans.some((s) => start < s.end + rule.afterMinutes * 60_000 && end > s.start - rule.beforeMinutes * 60_000);
  const byDay = new Map<string, { from: number; to: number; watts: number }[]>();
  for (const p of [...points].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const end = p.at.getTime();
    const start = end - p.stepMinutes * 60_000;
    const { day, hour } = parisDayHour(new Date(start));
    const night = nights.get(day);
    if (night === undefined || hour < ACTIVITY_HOURS.from || hour >= ACTIVITY_HOURS.to) continue;
    if (p.watts < night * (1 + rule.excess) || p.watts - night < rule.minWatts || covered(start, end)) continue;
    const list = byDay.get(day) ?? [];
    const last = list[list.length - 1];
    // Consecutive steps make one period, its mean power weighted by duration.
    if (last && last.to === start) {
      last.watts = (last.watts * (last.to - last.from) + p.watts * (end - start)) / (end - last.from);
      last.to = end;
    } else list.push({ from: start, to: end, watts: p.watts });
    byDay.set(day, list);
  }
  const out: OutsideBookingDay[] = [];
  for (const [day, periods] of [...byDay].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const minutes = periods.reduce((n, p) => n + (p.to - p.from) / 60_000, 0);
    if (minutes < rule.minMinutes) continue;
    const night = nights.get(day)!;
    const dayWatts = periods.reduce((n, p) => n + p.watts * (p.to - p.from), 0) / (minutes * 60_000);
    out.push({
      day,
      nightWatts: Math.round(night),
      dayWatts: Math.round(dayWatts),
      ratio: night > 0 ? Math.round((dayWatts / night) * 1000) / 1000 : 0,
      periods: periods.map((p) => ({ from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString(), watts: Math.round(p.watts) })),
    });
  }
  return out;
}

/** Per Paris day with its night hours fully covered, the night's mean power. */
function baseLoadNights(points: readonly LoadPoint[]): { day: string; watts: number }[] {
  const nights = new Map<string, { wm: number; minutes: number }>();
  for (const p of points) {
    const { day, hour } = parisDayHour(new Date(p.at.getTime() - p.stepMinutes * 60_000));
    if (hour < NIGHT_HOURS.from || hour >= NIGHT_HOURS.to) continue;
    const n = nights.get(day) ?? { wm: 0, minutes: 0 };
    n.wm += p.watts * p.stepMinutes;
    n.minutes += p.stepMinutes;
    nights.set(day, n);
  }
  const full = (NIGHT_HOURS.to - NIGHT_HOURS.from) * 60;
  return [...nights].filter(([, n]) => n.minutes === full).map(([day, n]) => ({ day, watts: n.wm / n.minutes }));
}

export interface HeatingPeriod {
  from: string;
  to: string;
  setpointC: number;
  /** "horaire" (the occupied hours), "reservation" (a booking), "reduit" (neither). */
  reason: "horaire" | "reservation" | "reduit";
  /** The bookings' references a comfort period serves. */
  references: string[];
}

/**
 * The heating programme over [from, to[: comfort from `preheatMinutes` before each occupied span
 * (the building's hours, a booking) to its end, overlapping ones merged; reduced elsewhere. The
 * whole period is covered, in order — what a controller's weekly or dated programme takes.
 */
export function heatingProgramme(
  { hours, bookings }: { hours: readonly Span[]; bookings: readonly (Span & { reference: string })[] },
  setpoints: { comfortC: number; reducedC: number; preheatMinutes: number },
  from: number,
  to: number,
): HeatingPeriod[] {
  const lead = setpoints.preheatMinutes * 60_000;
  const spans = [
    ...hours.map((h) => ({ start: h.start - lead, end: h.end, reason: "horaire" as const, reference: null as string | null })),
    ...bookings.map((b) => ({ start: b.start - lead, end: b.end, reason: "reservation" as const, reference: b.reference as string | null })),
  ]
    .map((s) => ({ ...s, start: Math.max(s.start, from), end: Math.min(s.end, to) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number; reason: HeatingPeriod["reason"]; references: string[] }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) {
      last.end = Math.max(last.end, s.end);
      if (s.reason === "horaire") last.reason = "horaire";
      if (s.reference) last.references.push(s.reference);
    } else merged.push({ start: s.start, end: s.end, reason: s.reason, references: s.reference ? [s.reference] : [] });
  }
  const out: HeatingPeriod[] = [];
  const iso = (t: number) => new Date(t).toISOString();
  let at = from;
  for (const c of merged) {
    if (c.start > at) out.push({ from: iso(at), to: iso(c.start), setpointC: setpoints.reducedC, reason: "reduit", references: [] });
    out.push({ from: iso(c.start), to: iso(c.end), setpointC: setpoints.comfortC, reason: c.reason, references: c.references });
    at = c.end;
  }
  if (at < to) out.push({ from: iso(at), to: iso(to), setpointC: setpoints.reducedC, reason: "reduit", references: [] });
  return out;
}
