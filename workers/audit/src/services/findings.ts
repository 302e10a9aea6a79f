/**
 * The findings register and its action plan (overdue computed from the clock passed in), and the
 * re-assessments: each one a snapshot of the maturity and of the open and overdue findings on its
 * day, so that the trend over time reads from them.
 */
import { asc, eq } from "drizzle-orm";
import { securityAssessments, securityFindings } from "@communa/db";
import { invalid, notFound, parisDay, type Db, type TrustedContext } from "@communa/core";
import { m } from "../messages.fr.ts";
import { MEASURES } from "./anssi.ts";
import { isOverdue } from "./clocks.ts";
import { maturity, type Maturity, type MeasureStatus } from "./maturity.ts";
import { statusesOf } from "./measures.ts";

type Row = typeof securityFindings.$inferSelect;
type Source = Row["source"];
type Severity = Row["severity"];
type Status = Row["status"];

const CLOSED = new Set<Status>(["done", "accepted"]);

const out = (r: Row, now: Date) => ({
  id: r.id,
  source: r.source,
  title: r.title,
  severity: r.severity,
  asset: r.asset,
  action: r.action,
  owner: r.owner,
  dueOn: r.dueOn,
  status: r.status,
  evidence: r.evidence,
  measure: r.measure,
  closedOn: r.closedOn,
  overdue: isOverdue(r, now),
});

export async function listFindings({ db, ctx, now }: { db: Db; ctx: TrustedContext; now: Date }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) => tx.select().from(securityFindings).orderBy(asc(securityFindings.dueOn), asc(securityFindings.id)));
  const findings = rows.map((r) => out(r, now));
  return {
    findings,
    plan: {
      open: findings.filter((f) => !CLOSED.has(f.status)).length,
      overdue: findings.filter((f) => f.overdue).length,
      closed: findings.filter((f) => CLOSED.has(f.status)).length,
    },
  };
}

export interface FindingInput {
  source: Source;
  title: string;
  severity: Severity;
  asset: string;
  action: string;
  owner: string;
  dueOn: string;
  measure?: number | null;
}

const measureProblem = (n: number | null | undefined) =>
  n != null && !MEASURES.some((x) => x.number === n) ? invalid(undefined, [{ path: "body/measure", message: m.unknownMeasure(n, MEASURES.length) }]) : null;

export async function createFinding({ db, ctx, input, now }: { db: Db; ctx: TrustedContext; input: FindingInput; now: Date }) {
  const problem = measureProblem(input.measure);
  if (problem) throw problem;
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(securityFindings)
      .values({ tenantId: ctx.tenant.id, ...input, measure: input.measure ?? null })
      .returning();
    await journal({ action: "audit.finding.create", target: `security_findings/${row.id}`, summary: { source: input.source, severity: input.severity } });
    return out(row, now);
  });
}

export interface FindingUpdate {
  status?: Status;
  evidence?: string;
  owner?: string;
  dueOn?: string;
  action?: string;
}

export async function updateFinding({ db, ctx, id, input, now }: { db: Db; ctx: TrustedContext; id: string; input: FindingUpdate; now: Date }) {
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx.select().from(securityFindings).where(eq(securityFindings.id, id)).limit(1);
    if (!row) throw notFound(m.noFinding);
    const status = input.status ?? row.status;
    const evidence = (input.evidence ?? row.evidence).trim();
    const closing = CLOSED.has(status);
    if (closing && !evidence) throw invalid(undefined, [{ path: "body/evidence", message: m.closeNeedsEvidence }]);
    const closedOn = closing ? (row.closedOn ?? parisDay(now)) : null;
    const [saved] = await tx
      .update(securityFindings)
      .set({ ...input, status, evidence, closedOn, updatedAt: now })
      .where(eq(securityFindings.id, id))
      .returning();
    await journal({
      action: closing && !CLOSED.has(row.status) ? "audit.finding.close" : "audit.finding.update",
      target: `security_findings/${id}`,
      summary: { status },
    });
    return out(saved, now);
  });
}

export interface AssessmentInput {
  source: Source;
  label: string;
  on: string;
}

export async function recordAssessment({ db, ctx, input, now }: { db: Db; ctx: TrustedContext; input: AssessmentInput; now: Date }) {
  const statuses = new Map([...(await statusesOf(db, ctx.tenant.id))].map(([n, r]) => [n, r.status as MeasureStatus]));
  const { plan } = await listFindings({ db, ctx, now });
  const snapshot = maturity(statuses);
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx
      .insert(securityAssessments)
      .values({ tenantId: ctx.tenant.id, ...input, maturity: snapshot, openFindings: plan.open, overdueFindings: plan.overdue })
      .returning();
    await journal({
      action: "audit.assessment.record",
      target: `security_assessments/${row.id}`,
      summary: { on: input.on, percent: snapshot.overall.percent },
    });
    return assessmentOut(row);
  });
}

const assessmentOut = (r: typeof securityAssessments.$inferSelect) => {
  const mat = r.maturity as Maturity;
  return {
    id: r.id,
    on: r.on,
    source: r.source,
    label: r.label,
    percent: mat.overall.percent,
    openFindings: r.openFindings,
    overdueFindings: r.overdueFindings,
  };
};

/** The re-assessments in order, each with its change since the previous one (the trend). */
export async function listAssessments({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(securityAssessments).orderBy(asc(securityAssessments.on), asc(securityAssessments.id)),
  );
  const list = rows.map(assessmentOut);
  return {
    assessments: list.map((a, i) => {
      const prev = list[i - 1];
      return {
        ...a,
        change: prev && a.percent !== null && prev.percent !== null ? a.percent - prev.percent : null,
        openChange: prev ? a.openFindings - prev.openFindings : null,
      };
    }),
  };
}
