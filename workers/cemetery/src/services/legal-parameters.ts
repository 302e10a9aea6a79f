/**
 * The legal delays and thresholds of cemetery law, as DATED PARAMETERS with their source (DESIGN §7):
 * the law changes and sources disagree, so no rule of the module uses a bare constant. Each rule has
 * versions, each valid from a day; the version in force on the day a clock starts is the one used
 * (`parameterOn`). A version marked `verified: false` must be checked on Légifrance before release.
 *
 * The delay between the two abandonment reports: the current text of R2223-18 (read on 2026-12-03
 * in the research, wave2-anchors §4) says one year; older sources (atd31.fr, federation-fnf.fr) say
 * three years, and the date of the change was not established. So three years apply to procedures
 * whose first report predates the day the current text was read, one year from that day: where the
 * date is uncertain, the longer delay (the families' side) is kept.
 */

export interface Delay {
  years?: number;
  months?: number;
  days?: number;
}

export interface ParameterVersion<T> {
  value: T;
  /** First day (ISO) this version applies to. */
  validFrom: string;
  source: string;
  verified: boolean;
}

const RESEARCH = "recherche wave2-anchors §4";

export const LEGAL_PARAMETERS = {
  /** Temporary concessions: 15 years at most (L2223-14). */
  temporaryMaxYears: [{ value: 15, validFrom: "1959-01-06", source: `CGCT L2223-14 (${RESEARCH})`, verified: true }],
  /** Fixed durations of the other categories (L2223-14). */
  thirtyYears: [{ value: 30, validFrom: "1959-01-06", source: "CGCT L2223-14", verified: true }],
  fiftyYears: [{ value: 50, validFrom: "1959-01-06", source: "CGCT L2223-14", verified: true }],
  /** Renewal window: the year of expiry and the N following years (L2223-15). */
  renewalGraceYears: [{ value: 2, validFrom: "1959-01-06", source: `CGCT L2223-15 (${RESEARCH})`, verified: true }],
  /** Repossession after the window: families' delay to take objects from the posting of the arrêté. */
  objectsRemovalDays: [{ value: 30, validFrom: "1959-01-06", source: `arrêté de reprise, pratique citée (o61.fr, legibase) (${RESEARCH})`, verified: false }],
  /** Letters to holders before expiry. */
  expiryLetterMonths: [{ value: 6, validFrom: "1959-01-06", source: "usage (issue #20), pas une règle du CGCT", verified: false }],
  /** Abandonment: the concession is older than N years (L2223-17). */
  abandonmentMinAgeYears: [{ value: 30, validFrom: "1959-01-06", source: "CGCT L2223-17", verified: true }],
  /** Abandonment: no burial for N years (R2223-12). */
  abandonmentNoBurialYears: [{ value: 10, validFrom: "1959-01-06", source: "CGCT R2223-12", verified: true }],
  /** Notice to heirs at least N ahead of the first report (R2223-13). */
  noticeAhead: [{ value: { months: 1 } as Delay, validFrom: "1959-01-06", source: "CGCT R2223-13", verified: true }],
  /** The first report is notified and posted within N days (R2223-15/16 as cited). */
  notificationWithin: [
    { value: { days: 8 } as Delay, validFrom: "1959-01-06", source: `CGCT R2223-15 et R2223-16 (article exact à vérifier) (${RESEARCH})`, verified: false },
  ],
  /** Waiting delay between the first report's publicity and the second report (L2223-17, R2223-18). */
  reportsInterval: [
    {
      value: { years: 3 } as Delay,
      validFrom: "1959-01-06",
      source: "CGCT L2223-17 et R2223-18, rédaction antérieure (atd31.fr, federation-fnf.fr)",
      verified: false,
    },
    {
      value: { years: 1 } as Delay,
      validFrom: "2026-12-03",
      source: "CGCT R2223-18, texte en vigueur lu le 2026-12-03 (french-business-law.com, novlaw.fr) ; date d’entrée en vigueur non établie",
      verified: false,
    },
  ],
  /** The second report is notified like the first (R2223-18): same delay. */
  secondNotificationWithin: [
    {
      value: { days: 8 } as Delay,
      validFrom: "1959-01-06",
      source: "CGCT R2223-18 (renvoie aux formes de R2223-13 et R2223-14 ; délai repris du premier, à vérifier)",
      verified: false,
    },
  ],
  /** The council may be seized N after the second notification (R2223-18). */
  councilAfter: [{ value: { months: 1 } as Delay, validFrom: "1959-01-06", source: "CGCT R2223-18", verified: true }],
  /** Terrain commun: minimum rotation before a plot is taken back (R2223-5). */
  commonGroundRotationYears: [{ value: 5, validFrom: "1959-01-06", source: `CGCT R2223-5 (${RESEARCH}, non vérifié)`, verified: false }],
} satisfies Record<string, readonly ParameterVersion<unknown>[]>;

export type ParameterName = keyof typeof LEGAL_PARAMETERS;
type ValueOf<N extends ParameterName> = (typeof LEGAL_PARAMETERS)[N][number]["value"];

/** The version of `name` in force on `day` (ISO), with its source. */
export function parameterOn<N extends ParameterName>(name: N, day: string): ParameterVersion<ValueOf<N>> {
  const versions = [...(LEGAL_PARAMETERS[name] as readonly ParameterVersion<ValueOf<N>>[])].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  const found = versions.filter((v) => v.validFrom <= day).at(-1) ?? versions[0];
  return found;
}

/** All parameters as rows (rule, value, valid from, source) for the back office and the ADR. */
export function parameterTable(): Array<{ rule: string; value: unknown; validFrom: string; source: string; verified: boolean }> {
  return Object.entries(LEGAL_PARAMETERS).flatMap(([rule, versions]) => (versions as readonly ParameterVersion<unknown>[]).map((v) => ({ rule, ...v })));
}

/** `day` (ISO) plus a delay, in calendar terms (end of month clamps: 31 Jan + 1 month = 28/29 Feb). */
export function addDelay(day: string, d: Delay): string {
  const [y, m, dd] = day.split("-").map(Number);
  const months = (d.years ?? 0) * 12 + (d.months ?? 0);
  const ty = y + Math.floor((m - 1 + months) / 12);
  const tm = (((m - 1 + months) % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  const base = new Date(Date.UTC(ty, tm, Math.min(dd, last)));
  base.setUTCDate(base.getUTCDate() + (d.days ?? 0));
  return base.toISOString().slice(0, 10);
}

export const subtractDelay = (day: string, d: Delay): string => addDelay(day, { years: -(d.years ?? 0), months: -(d.months ?? 0), days: -(d.days ?? 0) });
