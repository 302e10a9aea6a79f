/** The tenant's answers to the ANSSI measures, the maturity per theme, and the platform's evidence. */
import { asc } from "drizzle-orm";
import { securityMeasureStatus } from "@communa/db";
import { AppError, type Db, type TrustedContext } from "@communa/core";
import type { AuditBindings } from "../env.ts";
import { m } from "../messages.fr.ts";
import { GUIDE, MEASURES, THEMES, measureOf } from "./anssi.ts";
import { platformControls } from "./controls.ts";
import { maturity, type MeasureStatus } from "./maturity.ts";

export async function statusesOf(db: Db, tenantId: string) {
  const rows = await db.withTenant(tenantId, (tx) => tx.select().from(securityMeasureStatus).orderBy(asc(securityMeasureStatus.measure)));
  return new Map(rows.map((r) => [r.measure, r]));
}

export async function checklist({ db, ctx, env }: { db: Db; ctx: TrustedContext; env: AuditBindings }) {
  const [rows, controls] = await Promise.all([statusesOf(db, ctx.tenant.id), platformControls(env, ctx.tenant)]);
  const statuses = new Map([...rows].map(([n, r]) => [n, r.status as MeasureStatus]));
  return {
    guide: { ...GUIDE, known: MEASURES.length, missing: GUIDE.measureCount - MEASURES.length },
    themes: THEMES.map((t) => ({ code: t.code, title: t.title })),
    measures: MEASURES.map((x) => {
      const r = rows.get(x.number);
      return {
        ...x,
        status: (r?.status ?? "todo") as MeasureStatus,
        evidence: r?.evidence ?? "",
        owner: r?.owner ?? "",
        nextReview: r?.nextReview ?? null,
        platformEvidence: controls.filter((c) => c.measure === x.number),
      };
    }),
    maturity: maturity(statuses),
    controls,
  };
}

export interface MeasureInput {
  status: MeasureStatus;
  evidence: string;
  owner: string;
  nextReview: string | null;
}

export async function setMeasure({ db, ctx, number, input }: { db: Db; ctx: TrustedContext; number: number; input: MeasureInput }) {
  if (!measureOf(number)) throw new AppError("notFound", m.unknownMeasure(number, MEASURES.length));
  return db.write(ctx, async (tx, journal) => {
    const values = { ...input, updatedAt: new Date() };
    await tx
      .insert(securityMeasureStatus)
      .values({ tenantId: ctx.tenant.id, measure: number, ...values })
      .onConflictDoUpdate({ target: [securityMeasureStatus.tenantId, securityMeasureStatus.measure], set: values });
    await journal({
      action: "audit.measure.set",
      target: `security_measure_status/${number}`,
      summary: { status: input.status, nextReview: input.nextReview },
    });
    return { number, ...input };
  });
}
