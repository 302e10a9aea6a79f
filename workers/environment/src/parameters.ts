/**
 * Dated parameters of the environment domain (ADR 0035): every legal figure with its source and the
 * date from which it applies, so that a change of the law is a new line, not a code change.
 */

export interface Dated<T> {
  value: T;
  since: string;
  source: string;
}

/** The latest line in force on `day` (lines sorted by `since`). */
export function inForce<T>(lines: readonly Dated<T>[], day: string): Dated<T> | undefined {
  return lines.filter((l) => l.since <= day).sort((a, b) => (a.since < b.since ? 1 : -1))[0];
}

/** Key parameters of drinking water shown on the commune page (SANDRE codes), with their quality limit. */
export const KEY_PARAMETERS = [
  {
    key: "nitrates",
    codes: ["1340"],
    limits: [{ value: 50, since: "2007-01-11", source: "Arrêté du 11 janvier 2007, annexe I, partie I-B (limite de qualité, eau distribuée)" }],
    unit: "mg/L",
  },
  {
    key: "pesticides",
    codes: ["6276"],
    limits: [{ value: 0.5, since: "2007-01-11", source: "Arrêté du 11 janvier 2007, annexe I, partie I-B (total des pesticides)" }],
    unit: "µg/L",
  },
  {
    key: "bacteriologie",
    codes: ["1449", "6455"],
    limits: [{ value: 0, since: "2007-01-11", source: "Arrêté du 11 janvier 2007, annexe I, partie I-A (E. coli et entérocoques : 0 / 100 mL)" }],
    unit: "n/100mL",
  },
] as const satisfies readonly { key: string; codes: readonly string[]; limits: readonly Dated<number>[]; unit: string }[];
export type KeyParameter = (typeof KEY_PARAMETERS)[number]["key"];

/**
 * Décret tertiaire targets (code de la construction, art. R174-23; arrêté « méthode » du 10 avril
 * 2020): reduction of final energy consumption against a reference year between 2010 and 2019, in
 * raw consumption (OPERAT applies the climate correction itself). The absolute-value alternative
 * (valeurs absolues I and II, per activity category) is not computed here.
 */
export const TERTIARY_TARGETS: readonly Dated<readonly { year: number; reduction: number }[]>[] = [
  {
    value: [
      { year: 2030, reduction: 0.4 },
      { year: 2040, reduction: 0.5 },
      { year: 2050, reduction: 0.6 },
    ],
    since: "2019-07-23",
    source: "Décret n° 2019-771 du 23 juillet 2019 (art. R174-23 CCH) ; arrêté du 10 avril 2020",
  },
];

/** Floor area from which a building falls under the Décret tertiaire (m²). */
export const TERTIARY_SCOPE_M2: readonly Dated<number>[] = [{ value: 1000, since: "2019-07-23", source: "Art. L174-1 et R174-22 CCH" }];

/** Reference years the Décret tertiaire accepts. */
export const REFERENCE_YEARS = { from: 2010, to: 2019 } as const;

/**
 * Night base load (ADR 0035, pilotage): a public building empty at night should draw at night only
 * its standing loads (ventilation, servers, fridges, emergency lighting). A day whose mean power
 * between 0:00 and 5:00 (Paris time) reaches this share of its mean power between 8:00 and 18:00
 * raises an alert. No legal or published figure: Communa's own starting value, to be tuned with the
 * tenant's technical service (a new dated line).
 */
export const NIGHT_BASE_LOAD_RATIO: readonly Dated<number>[] = [
  { value: 0.5, since: "2026-12-03", source: "Valeur de départ de Communa (pas de seuil réglementaire) : à ajuster avec le service technique" },
];

/** The hours (Paris time, [from, to[) of the night and of the working day the base load compares. */
export const NIGHT_HOURS = { from: 0, to: 5 } as const;
export const DAY_HOURS = { from: 8, to: 18 } as const;

/**
 * Consumption outside bookings (ADR 0035 addendum, pilotage): a hall whose load, in the daytime
 * hours, stays above its own night base load by this share and by at least `minWatts`, while no
 * booking covers it (nor the building's occupied hours, nor the hour after either for cleaning and
 * closing), for `minMinutes` in a day, raises an alert. No published figure: Communa's starting
 * values, to be tuned with the technical service (a new dated line).
 */
export const OUTSIDE_BOOKING: readonly Dated<{ excess: number; minWatts: number; minMinutes: number; afterMinutes: number }>[] = [
  {
    value: { excess: 0.5, minWatts: 500, minMinutes: 60, afterMinutes: 60 },
    since: "2026-12-08",
    source: "Valeurs de départ de Communa (pas de seuil réglementaire) : à ajuster avec le service technique",
  },
];

/** The hours (Paris time, [from, to[) where a hall's use is looked for outside bookings. */
export const ACTIVITY_HOURS = { from: 6, to: 23 } as const;
