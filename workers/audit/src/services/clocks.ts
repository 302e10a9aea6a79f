/**
 * Clocks of the audit (pure, the time passed in): a corrective action is overdue when its due day
 * (Paris) is past and it is not closed; an incident's notifications are due a number of hours after
 * its detection (dated parameters), late when that instant has passed without the notification.
 */
import { parisDay } from "@communa/core/time";
import { parameterOn, type DelayName } from "./parameters.ts";

const CLOSED = new Set(["done", "accepted"]);

export function isOverdue(finding: { status: string; dueOn: string }, now: Date): boolean {
  return !CLOSED.has(finding.status) && finding.dueOn < parisDay(now);
}

export interface Deadline {
  kind: DelayName;
  due: string;
  doneAt: string | null;
  late: boolean;
  source: string;
  verified: boolean;
}

export interface IncidentClockInput {
  detectedAt: Date;
  personalData: boolean;
  nis2: boolean;
  cnilNotifiedAt: Date | null;
  nis2WarningAt: Date | null;
  nis2NotifiedAt: Date | null;
  nis2FinalReportAt: Date | null;
}

export function deadlines(i: IncidentClockInput, now: Date): Deadline[] {
  const day = parisDay(i.detectedAt);
  const one = (kind: DelayName, doneAt: Date | null): Deadline => {
    const p = parameterOn(kind, day);
    const due = new Date(i.detectedAt.getTime() + p.hours * 3_600_000);
    const late = doneAt ? doneAt > due : now > due;
    return { kind, due: due.toISOString(), doneAt: doneAt?.toISOString() ?? null, late, source: p.source, verified: p.verified };
  };
  const out: Deadline[] = [];
  if (i.personalData) out.push(one("cnil", i.cnilNotifiedAt));
  if (i.nis2) out.push(one("nis2Warning", i.nis2WarningAt), one("nis2Notification", i.nis2NotifiedAt), one("nis2FinalReport", i.nis2FinalReportAt));
  return out;
}
