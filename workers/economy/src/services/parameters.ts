/**
 * Dated parameters of the activity-zone inventory (DESIGN §7): each figure of Code de l'urbanisme
 * L318-8-2 (created by loi n° 2021-1104 « Climat et résilience » of 22 August 2021, art. 220) with
 * its source and the day it applies from, so a change of the law is a new line. `verified: false`
 * marks what Communa chose or what must be checked on Légifrance before release.
 */

export interface Dated<T> {
  value: T;
  since: string;
  source: string;
  verified: boolean;
}

const L318 = "Code de l’urbanisme, art. L318-8-2 (loi n° 2021-1104 du 22 août 2021, art. 220 ; recherche wave2-anchors §5)";

export const PARAMETERS = {
  /** Vacant: no longer used by a CFE-liable activity for at least N years on 1 January of the tax year. */
  vacancyYears: [{ value: 2, since: "2021-08-24", source: `${L318}, al. 1 (2°)`, verified: true }],
  /** Owners and occupants are consulted for N days before adoption. */
  consultationDays: [{ value: 30, since: "2021-08-24", source: `${L318}, al. 2`, verified: true }],
  /** The inventory is updated at least every N years. */
  updateYears: [{ value: 6, since: "2021-08-24", source: `${L318}, al. 4`, verified: true }],
  /** Reminder this many months before the update is due (Communa's choice, not the law's). */
  reminderMonths: [{ value: 6, since: "2021-08-24", source: "choix de Communa (issue #21)", verified: false }],
  /** Former owners and letters kept this many years (one inventory cycle; Communa's choice). */
  retentionYears: [{ value: 6, since: "2021-08-24", source: "choix de Communa : un cycle de l’inventaire (ADR 0041)", verified: false }],
} as const satisfies Record<string, readonly Dated<number>[]>;

export type ParameterName = keyof typeof PARAMETERS;

/** The line of `name` in force on `day` (ISO); the oldest one before its first day. */
export function parameterOn(name: ParameterName, day: string): Dated<number> {
  const lines = [...PARAMETERS[name]].sort((a, b) => (a.since < b.since ? -1 : 1));
  return lines.filter((l) => l.since <= day).at(-1) ?? lines[0];
}
