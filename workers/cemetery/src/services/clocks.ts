/**
 * The legal clocks of a concession, pure and runtime-neutral: term and expiry (L2223-14), the
 * renewal window (L2223-15), repossession after it, occupancy and places left, eligibility for the
 * abandonment procedure (L2223-17, R2223-12) and the dates of each of its steps (R2223-13 to -18).
 * Every delay comes from `legal-parameters.ts`, taken in the version in force on the day its clock
 * starts; every function takes "today" as an argument (no clock read here).
 */
import type { AbandonmentStep, ConcessionCategory, Remains } from "@communa/contracts/cemetery";
import { ABANDONMENT_STEPS } from "@communa/contracts/cemetery";
import { addDelay, parameterOn, type Delay } from "./legal-parameters.ts";

export interface Term {
  category: ConcessionCategory;
  durationYears: number | null;
  startsOn: string;
}

/** The duration a category allows, or why not (L2223-14). */
export function durationError(category: ConcessionCategory, durationYears: number | null, on: string): "perpetual" | "missing" | "temporary" | "fixed" | null {
  if (category === "perpetual") return durationYears === null ? null : "perpetual";
  if (durationYears === null) return "missing";
  if (category === "temporary") return durationYears >= 1 && durationYears <= parameterOn("temporaryMaxYears", on).value ? null : "temporary";
  const fixed = parameterOn(category === "thirty" ? "thirtyYears" : "fiftyYears", on).value;
  return durationYears === fixed ? null : "fixed";
}

/** Last day of the term (null: perpetual). A term of N years from D ends the day before D + N years. */
export function expiresOn(t: Term): string | null {
  if (t.category === "perpetual" || t.durationYears === null) return null;
  return addDelay(t.startsOn, { years: t.durationYears, days: -1 });
}

/** Last day renewal is possible: 31 December of the expiry year + the grace years (L2223-15). */
export function renewalWindowEnd(expiry: string): string {
  const grace = parameterOn("renewalGraceYears", expiry).value;
  return `${Number(expiry.slice(0, 4)) + grace}-12-31`;
}

export type ConcessionPhase = "perpetual" | "running" | "letter_due" | "renewal_window" | "repossessable";

export interface Clocks {
  expiresOn: string | null;
  renewalWindowEnd: string | null;
  /** Day from which the letter to holders is due (N months before expiry). */
  letterFrom: string | null;
  phase: ConcessionPhase;
}

export function clocksOf(t: Term, today: string): Clocks {
  const exp = expiresOn(t);
  if (!exp) return { expiresOn: null, renewalWindowEnd: null, letterFrom: null, phase: "perpetual" };
  const end = renewalWindowEnd(exp);
  const letterFrom = addDelay(exp, { months: -parameterOn("expiryLetterMonths", exp).value });
  const phase: ConcessionPhase = today > end ? "repossessable" : today > exp ? "renewal_window" : today >= letterFrom ? "letter_due" : "running";
  return { expiresOn: exp, renewalWindowEnd: end, letterFrom, phase };
}

/**
 * A renewal asked on `today`: refused for a perpetual concession and after the window; otherwise the
 * new term starts the day after the old one ends (L2223-15), at the tariff in force today.
 */
export function renewal(t: Term, today: string): { ok: true; startsOn: string } | { ok: false; reason: "perpetual" | "window_closed"; windowEnd?: string } {
  const exp = expiresOn(t);
  if (!exp) return { ok: false, reason: "perpetual" };
  const end = renewalWindowEnd(exp);
  if (today > end) return { ok: false, reason: "window_closed", windowEnd: end };
  return { ok: true, startsOn: addDelay(exp, { days: 1 }) };
}

/** Repossession of an expired concession: the arrêté after the window, then the objects delay. */
export function repossessionDates(expiry: string, orderPostedOn?: string): { orderFrom: string; objectsUntil: string | null } {
  const end = renewalWindowEnd(expiry);
  const orderFrom = addDelay(end, { days: 1 });
  return {
    orderFrom,
    objectsUntil: orderPostedOn ? addDelay(orderPostedOn, { days: parameterOn("objectsRemovalDays", orderPostedOn).value }) : null,
  };
}

export interface OccupancySettings {
  coffinTenths: number;
  urnTenths: number;
  reductionTenths: number;
  reductionAfterYears: number;
}

export const DEFAULT_SETTINGS: OccupancySettings = { coffinTenths: 10, urnTenths: 1, reductionTenths: 5, reductionAfterYears: 5 };

export function sizeOf(remains: Remains, s: OccupancySettings): number {
  return remains === "coffin" ? s.coffinTenths : remains === "urn" ? s.urnTenths : s.reductionTenths;
}

/** Tenths used and left in a plot (openCimetière's computation). */
export function occupancy(capacityTenths: number, present: readonly { remains: Remains }[], s: OccupancySettings) {
  const used = present.reduce((n, d) => n + sizeOf(d.remains, s), 0);
  return { capacityTenths, usedTenths: used, leftTenths: Math.max(0, capacityTenths - used) };
}

/** A reduction is allowed N years after the burial. */
export function reductionFrom(burialDate: string, s: OccupancySettings): string {
  return addDelay(burialDate, { years: s.reductionAfterYears });
}

/** Terrain commun: the plot may be taken back N years after the last burial (R2223-5). */
export function commonGroundFreeFrom(lastBurial: string): string {
  return addDelay(lastBurial, { years: parameterOn("commonGroundRotationYears", lastBurial).value });
}

/** Eligibility for the abandonment procedure on `today` (the visible neglect is the report's to state). */
export function abandonmentEligibility(actDate: string, lastBurial: string | null, today: string) {
  const minAge = parameterOn("abandonmentMinAgeYears", today).value;
  const noBurial = parameterOn("abandonmentNoBurialYears", today).value;
  const oldEnoughFrom = addDelay(actDate, { years: minAge });
  const quietFrom = lastBurial ? addDelay(lastBurial, { years: noBurial }) : null;
  const reasons: Array<"too_recent" | "recent_burial"> = [];
  if (today < oldEnoughFrom) reasons.push("too_recent");
  if (quietFrom && today < quietFrom) reasons.push("recent_burial");
  return { eligible: reasons.length === 0, reasons, oldEnoughFrom, quietFrom, minAge, noBurial };
}

export type Done = Partial<Record<AbandonmentStep, string>>;

export interface StepWindow {
  step: AbandonmentStep;
  doneOn: string | null;
  /** Earliest day allowed (null: as soon as the previous step is done, or any day for the first). */
  earliest: string | null;
  /** Latest day allowed (null: no limit). */
  latest: string | null;
  /** The parameter that set the dates, with its source. */
  rule: string | null;
  source: string | null;
}

const delayText = (d: Delay) => JSON.stringify(d);

/**
 * The procedure's steps with their computed windows, from the steps done so far. The delay
 * between the reports is the version in force on the first report's day.
 */
export function abandonmentSchedule(done: Done): StepWindow[] {
  const rows: StepWindow[] = [];
  const win = (
    step: AbandonmentStep,
    base: string | undefined,
    param: "noticeAhead" | "notificationWithin" | "reportsInterval" | "secondNotificationWithin" | "councilAfter" | null,
    kind: "earliest" | "latest",
    paramDay?: string,
  ) => {
    let earliest: string | null = base ?? null;
    let latest: string | null = null;
    let rule: string | null = null;
    let source: string | null = null;
    if (param && base) {
      const p = parameterOn(param, paramDay ?? base);
      const at = addDelay(base, p.value);
      if (kind === "earliest") earliest = at;
      else latest = at;
      rule = `${param} ${delayText(p.value)}`;
      source = p.source;
    }
    rows.push({ step, doneOn: done[step] ?? null, earliest, latest, rule, source });
  };
  win("notice", undefined, null, "earliest");
  win("first_report", done.notice, "noticeAhead", "earliest");
  win("first_notification", done.first_report, "notificationWithin", "latest");
  win("second_report", done.first_notification, "reportsInterval", "earliest", done.first_report);
  win("second_notification", done.second_report, "secondNotificationWithin", "latest");
  win("council_decision", done.second_notification, "councilAfter", "earliest");
  win("order", done.council_decision, null, "earliest");
  return rows;
}

/** The next step to record, or null when the arrêté is taken. */
export function nextStep(done: Done): AbandonmentStep | null {
  return ABANDONMENT_STEPS.find((s) => !done[s]) ?? null;
}

/** Why `step` cannot be recorded on `day`, or null. */
export function stepError(
  done: Done,
  step: AbandonmentStep,
  day: string,
): { reason: "order"; expected: AbandonmentStep | null } | { reason: "early"; earliest: string } | { reason: "late"; latest: string } | null {
  const expected = nextStep(done);
  if (step !== expected) return { reason: "order", expected };
  const w = abandonmentSchedule(done).find((r) => r.step === step)!;
  if (w.earliest && day < w.earliest) return { reason: "early", earliest: w.earliest };
  if (w.latest && day > w.latest) return { reason: "late", latest: w.latest };
  return null;
}
