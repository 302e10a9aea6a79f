/**
 * Vacancy by the law's definition (Code de l'urbanisme L318-8-2): a land unit is vacant for tax
 * year Y when it has not been used by an activity liable to the CFE for at least two years on
 * 1 January Y, and has stayed unoccupied over that period. The zone's rate is vacant ÷ total units.
 *
 * Pure TypeScript on ISO days (string comparison orders them), no clock: the caller passes the tax
 * year and the day of the snapshot. Property-tested against a day-by-day model (vacancy-core.test.ts).
 *
 * What the unit's history says:
 * - occupancies (any kind) that started before 1 January Y: one still running then → occupied;
 *   otherwise the unit is disused since the end of the last one — if at least one of them was
 *   CFE-liable, or a declared disuse (field visit, owner's statement) says so;
 * - no history: only a declared disuse day can make it vacant (a plot never used by a business is
 *   available land, not vacant land).
 */
import { addDays, addYears } from "@communa/core/time";

export interface Occupancy {
  startedOn: string;
  /** Last day of use; null while it lasts. */
  endedOn: string | null;
  cfeLiable: boolean;
}

export interface UnitFacts {
  occupancies: readonly Occupancy[];
  /** Declared first day of disuse (evidence: field visit, owner's statement). */
  disusedSince: string | null;
}

export type UnitVacancy =
  | { vacant: true; since: string; basis: "history" | "declared" }
  | { vacant: false; reason: "occupied" | "too_recent" | "never_used"; since: string | null };

/** 1 January of the tax year. */
export const firstOfJanuary = (taxYear: number) => `${String(taxYear).padStart(4, "0")}-01-01`;

/**
 * One unit's vacancy for `taxYear`, `years` being the law's delay (a dated parameter). Disused
 * since D means the first day without use is D (the day after the last occupancy's end); vacant
 * when D ≤ 1 January Y − `years`.
 */
export function unitVacancy(facts: UnitFacts, taxYear: number, years: number): UnitVacancy {
  const jan1 = firstOfJanuary(taxYear);
  const before = facts.occupancies.filter((o) => o.startedOn < jan1);
  if (before.some((o) => o.endedOn === null || o.endedOn >= jan1)) return { vacant: false, reason: "occupied", since: null };
  const threshold = addYears(jan1, -years);
  // A declared day after 1 January Y says nothing about year Y.
  const declared = facts.disusedSince && facts.disusedSince < jan1 ? facts.disusedSince : null;
  let since: string;
  let basis: "history" | "declared" = "history";
  if (before.length) {
    since = addDays(
      before
        .map((o) => o.endedOn as string)
        .sort()
        .at(-1) as string,
      1,
    );
    if (declared && declared > since) {
      since = declared;
      basis = "declared";
    }
    if (!declared && !before.some((o) => o.cfeLiable)) return { vacant: false, reason: "never_used", since };
  } else if (declared) {
    since = declared;
    basis = "declared";
  } else return { vacant: false, reason: "never_used", since: null };
  return since <= threshold ? { vacant: true, since, basis } : { vacant: false, reason: "too_recent", since };
}

/** The zone's rate: vacant ÷ total, as a rounded percentage (null for a zone without units). */
export function vacancyRate(vacant: number, total: number): number | null {
  return total === 0 ? null : Math.round((100 * vacant) / total);
}
