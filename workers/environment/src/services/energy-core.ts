/**
 * Energy rules in pure TypeScript (ADR 0035): consumption of invoice periods spread over calendar
 * years by days, the Décret tertiaire trajectory of a building against its reference year (raw
 * consumption; OPERAT applies the climate correction itself), and the OPERAT-ready yearly rows.
 */
import { inForce, TERTIARY_SCOPE_M2, TERTIARY_TARGETS } from "../parameters.ts";

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
