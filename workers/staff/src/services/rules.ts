/**
 * The safe's legal delays as DATED PARAMETERS with their source (DESIGN §7): the law changes and
 * the research (wave2-anchors §7) leaves the territorial e-payslip decree (2022-1446) unverified, so
 * whether an agent may oppose is a tenant setting (staff_settings, with the text it applies), and
 * the delays below are versions valid from a day, `verified: false` where no primary text was read.
 */
import { addDays, addYears } from "@communa/core/time";

export interface ParameterVersion<T> {
  value: T;
  validFrom: string;
  source: string;
  verified: boolean;
}

const RESEARCH = "recherche wave2-anchors §7";

export const STAFF_PARAMETERS = {
  /** Payslips available 50 years or until the agent's 75th birthday (D3243-8); the later is kept (the agent's side). */
  payslipYears: [{ value: 50, validFrom: "2017-01-01", source: `Code du travail D3243-8 (${RESEARCH})`, verified: false }],
  payslipUntilAge: [{ value: 75, validFrom: "2017-01-01", source: `Code du travail D3243-8 (${RESEARCH})`, verified: false }],
  /** Other documents: kept as the HR file is (the archive's APP-RH-DOSSIER: until the agent's 90th year). */
  otherUntilAge: [{ value: 90, validFrom: "1970-01-01", source: "règle APP-RH-DOSSIER du SAE (ADR 0015, ADR 0039)", verified: false }],
  /** Prior notice before the first e-payslip (D3243-7). */
  noticeDays: [{ value: 30, validFrom: "2017-01-01", source: `Code du travail D3243-7 : un mois avant (${RESEARCH})`, verified: false }],
  /** An opposition takes effect within 3 months at most (D3243-7). */
  oppositionEffectDays: [{ value: 90, validFrom: "2017-01-01", source: `Code du travail D3243-7 : trois mois au plus (${RESEARCH})`, verified: false }],
} satisfies Record<string, readonly ParameterVersion<number>[]>;

/** The version of a parameter in force on `day` (ISO). */
export function parameterOn(name: keyof typeof STAFF_PARAMETERS, day: string): ParameterVersion<number> {
  const versions = [...STAFF_PARAMETERS[name]].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return versions.filter((v) => v.validFrom <= day).at(-1) ?? versions[0];
}

/** The last day a document deposited on `day` is kept, for an agent born in `birthYear`. */
export function retainUntil(type: string, day: string, birthYear: number): string {
  // Only the birth year is collected: the birthday is taken at the end of that year (never earlier).
  const birthday = (age: number) => `${birthYear + age}-12-31`;
  if (type === "payslip") {
    const fifty = addDays(addYears(day, parameterOn("payslipYears", day).value), -1);
    const age = birthday(parameterOn("payslipUntilAge", day).value);
    return fifty > age ? fifty : age;
  }
  return birthday(parameterOn("otherUntilAge", day).value);
}

/** Dates of the opposition register: a notice opens e-payslips a month later; an opposition gives paper within three months. */
export function effectiveFrom(kind: "notice" | "opposition" | "withdrawal", on: string): string {
  if (kind === "notice") return addDays(on, parameterOn("noticeDays", on).value);
  if (kind === "opposition") return addDays(on, parameterOn("oppositionEffectDays", on).value);
  return on;
}
