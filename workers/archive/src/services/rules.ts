/**
 * Management rules (SEDA AppraisalRule / AccessRule) from the tenant's rule table, and the dates
 * they give a unit: end of the DUA (when it may be disposed of) and the day it becomes communicable.
 */
import { asc, eq } from "drizzle-orm";
import { archiveRules } from "@communa/db";
import { invalid, parisDay, type FieldError, type Tx } from "@communa/core";
import { m } from "../messages.fr.ts";

export type RuleRow = typeof archiveRules.$inferSelect;

/** Adds whole years to a calendar date (29 February → 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, mo, d] = date.split("-").map(Number);
  const target = new Date(Date.UTC(y + years, mo - 1, 1));
  const lastDay = new Date(Date.UTC(y + years, mo, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Today on the Paris calendar: a DUA that ends on 31 December is running until midnight in Paris. */
export const today = (at: Date = new Date()) => parisDay(at);

export interface RuleChoice {
  appraisalRule: string;
  accessRule: string;
  /** Start of the DUA and of the communicability delay; the unit's end date when not given. */
  startDate: string;
  agent?: { birthDate: string; deathDate?: string | null };
}

export interface RuleDates {
  appraisal: RuleRow;
  access: RuleRow;
  duaEnd: string;
  finalAction: "Keep" | "Destroy";
  communicableFrom: string;
}

export async function tenantRules(tx: Tx, tenantId: string): Promise<RuleRow[]> {
  return tx.select().from(archiveRules).where(eq(archiveRules.tenantId, tenantId)).orderBy(asc(archiveRules.kind), asc(archiveRules.code));
}

/**
 * The dates a unit gets from its rules. An HR agent file (basis "hr_agent") is kept until the
 * agent's 90th birthday, or 5 years after their death when that comes first.
 */
export function ruleDates(rules: RuleRow[], choice: RuleChoice, path = "body"): RuleDates {
  const errors: FieldError[] = [];
  const appraisal = rules.find((r) => r.code === choice.appraisalRule);
  const access = rules.find((r) => r.code === choice.accessRule);
  if (!appraisal) errors.push({ path: `${path}/appraisalRule`, message: m.unknownRule(choice.appraisalRule) });
  else if (appraisal.kind !== "appraisal") errors.push({ path: `${path}/appraisalRule`, message: m.wrongRuleKind(choice.appraisalRule, "appraisal") });
  if (!access) errors.push({ path: `${path}/accessRule`, message: m.unknownRule(choice.accessRule) });
  else if (access.kind !== "access") errors.push({ path: `${path}/accessRule`, message: m.wrongRuleKind(choice.accessRule, "access") });
  if (appraisal?.basis === "hr_agent" && !choice.agent) errors.push({ path: `${path}/hr`, message: m.hrFieldsRequired });
  if (choice.agent && appraisal && appraisal.basis !== "hr_agent") errors.push({ path: `${path}/appraisalRule`, message: m.hrRuleRequired });
  if (errors.length) throw invalid(undefined, errors);
  let duaEnd = addYears(choice.startDate, appraisal!.durationYears);
  if (appraisal!.basis === "hr_agent") {
    const { birthDate, deathDate } = choice.agent!;
    const ninety = addYears(birthDate, 90);
    duaEnd = deathDate ? [ninety, addYears(deathDate, 5)].sort()[0] : ninety;
  }
  return {
    appraisal: appraisal!,
    access: access!,
    duaEnd,
    finalAction: appraisal!.finalAction as "Keep" | "Destroy",
    communicableFrom: addYears(choice.startDate, access!.durationYears),
  };
}

/** Reads the tenant's rules once for a whole package. */
export async function loadRules(tx: Tx, tenantId: string, codes: string[]): Promise<RuleRow[]> {
  const all = await tenantRules(tx, tenantId);
  return all.filter((r) => codes.includes(r.code));
}
