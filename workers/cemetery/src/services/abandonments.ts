/**
 * The abandonment procedure (L2223-17, R2223-12 to R2223-23) as a state machine: opened on an
 * eligible concession, then each step recorded in order, on a day inside the window the legal
 * parameters give (clocks.ts abandonmentSchedule), with its evidence. The arrêté ends it and the
 * concession is repossessed. The list of concessions under procedure exports as CSV for the préfecture.
 */
import { and, asc, eq } from "drizzle-orm";
import { abandonmentSteps, abandonments, concessions, plots, cemeteries } from "@communa/db";
import { toCsv } from "@communa/core/csv";
import { AppError, conflict, notFound, parisDay, type Db, type Tx, type WriteTx, type TrustedContext } from "@communa/core";
import type { AbandonmentStep } from "@communa/contracts/cemetery";
import { abandonmentEligibility, abandonmentSchedule, nextStep, stepError, type Done } from "./clocks.ts";
import { lastBurial } from "./concessions.ts";
import { m, procedureLabel, stepLabel } from "../messages.fr.ts";

export async function openAbandonment({ db, ctx, concessionId, today = parisDay() }: { db: Db; ctx: TrustedContext; concessionId: string; today?: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [c] = await tx.select().from(concessions).where(eq(concessions.id, concessionId)).limit(1);
    if (!c) throw notFound(m.noConcession);
    if (c.status !== "active") throw conflict(m.repossessed);
    const [open] = await tx
      .select({ id: abandonments.id })
      .from(abandonments)
      .where(and(eq(abandonments.concessionId, c.id), eq(abandonments.status, "open")))
      .limit(1);
    if (open) throw conflict(m.procedureOpen);
    // The act of the first term counts (a renewed concession keeps its original age).
    let first = c;
    while (first.renewsId) [first] = await tx.select().from(concessions).where(eq(concessions.id, first.renewsId)).limit(1);
    const elig = abandonmentEligibility(first.actDate, await lastBurial(tx, c.plotId), today);
    if (!elig.eligible) {
      const texts = elig.reasons.map((r) => (r === "too_recent" ? m.notEligible.too_recent(elig.oldEnoughFrom) : m.notEligible.recent_burial(elig.quietFrom!)));
      throw new AppError("unprocessable", texts.join(" "));
    }
    const [row] = await tx.insert(abandonments).values({ tenantId: ctx.tenant.id, concessionId: c.id, openedOn: today }).returning();
    await journal({ action: "cemetery.abandonment.open", target: `abandonments/${row.id}`, summary: { concession: c.id } });
    return { id: row.id };
  });
}

async function doneOf(tx: Tx | WriteTx, id: string) {
  const steps = await tx.select().from(abandonmentSteps).where(eq(abandonmentSteps.abandonmentId, id)).orderBy(asc(abandonmentSteps.doneOn));
  const done: Done = {};
  for (const s of steps) done[s.step] = s.doneOn;
  return { steps, done };
}

export async function getAbandonment({ db, ctx, abandonmentId }: { db: Db; ctx: TrustedContext; abandonmentId: string }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const [a] = await tx.select().from(abandonments).where(eq(abandonments.id, abandonmentId)).limit(1);
    if (!a) throw notFound(m.noProcedure);
    const { steps, done } = await doneOf(tx, a.id);
    return {
      id: a.id,
      concessionId: a.concessionId,
      status: a.status,
      openedOn: a.openedOn,
      next: a.status === "open" ? nextStep(done) : null,
      schedule: abandonmentSchedule(done).map((w) => ({
        ...w,
        evidence: (steps.find((s) => s.step === w.step)?.evidence as Record<string, unknown> | undefined) ?? null,
      })),
    };
  });
}

export async function recordStep({
  db,
  ctx,
  abandonmentId,
  step,
  doneOn,
  evidence,
  today = parisDay(),
}: {
  db: Db;
  ctx: TrustedContext;
  abandonmentId: string;
  step: AbandonmentStep;
  doneOn: string;
  evidence: Record<string, unknown>;
  today?: string;
}) {
  await db.write(ctx, async (tx, journal) => {
    const [a] = await tx.select().from(abandonments).where(eq(abandonments.id, abandonmentId)).for("update").limit(1);
    if (!a) throw notFound(m.noProcedure);
    if (a.status !== "open") throw conflict(m.stepOrder(null));
    if (doneOn > today) throw new AppError("invalid", undefined, { errors: [{ path: "body/doneOn", message: m.futureDay }] });
    const { done } = await doneOf(tx, a.id);
    const e = stepError(done, step, doneOn);
    if (e) {
      const text = e.reason === "order" ? m.stepOrder(e.expected) : e.reason === "early" ? m.stepEarly(e.earliest) : m.stepLate(e.latest);
      throw new AppError(e.reason === "order" ? "conflict" : "unprocessable", text, {
        errors: [{ path: e.reason === "order" ? "body/step" : "body/doneOn", message: text }],
      });
    }
    await tx.insert(abandonmentSteps).values({ tenantId: ctx.tenant.id, abandonmentId: a.id, step, doneOn, evidence });
    if (step === "order") {
      await tx.update(abandonments).set({ status: "repossessed" }).where(eq(abandonments.id, a.id));
      await tx.update(concessions).set({ status: "repossessed" }).where(eq(concessions.id, a.concessionId));
    }
    await journal({ action: "cemetery.abandonment.step", target: `abandonments/${a.id}`, summary: { step, doneOn } });
  });
  return getAbandonment({ db, ctx, abandonmentId });
}

/** Concessions under procedure (open ones), for the mairie's list and the préfecture. */
export async function listAbandonments({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  return db.withTenant(ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select({
        a: abandonments,
        actNumber: concessions.actNumber,
        actDate: concessions.actDate,
        section: plots.section,
        row: plots.row,
        number: plots.number,
        cemetery: cemeteries.name,
      })
      .from(abandonments)
      .innerJoin(concessions, eq(concessions.id, abandonments.concessionId))
      .innerJoin(plots, eq(plots.id, concessions.plotId))
      .innerJoin(cemeteries, eq(cemeteries.id, plots.cemeteryId))
      .orderBy(asc(abandonments.openedOn));
    const out = [];
    for (const r of rows) {
      const { done } = await doneOf(tx, r.a.id);
      out.push({
        id: r.a.id,
        concessionId: r.a.concessionId,
        status: r.a.status,
        openedOn: r.a.openedOn,
        actNumber: r.actNumber,
        actDate: r.actDate,
        cemetery: r.cemetery,
        place: [r.section, r.row, r.number].filter(Boolean).join(" / "),
        next: r.a.status === "open" ? nextStep(done) : null,
        firstReport: done.first_report ?? null,
        secondReport: done.second_report ?? null,
      });
    }
    return out;
  });
}

export const CSV_HEADER = [
  "Cimetière",
  "Emplacement",
  "Acte",
  "Date de l’acte",
  "Procédure ouverte le",
  "Premier procès-verbal",
  "Second procès-verbal",
  "État",
  "Étape suivante",
];

export async function abandonmentsCsv({ db, ctx }: { db: Db; ctx: TrustedContext }) {
  const rows = await listAbandonments({ db, ctx });
  return toCsv(
    CSV_HEADER,
    rows.map((r) => [
      r.cemetery,
      r.place,
      r.actNumber,
      r.actDate,
      r.openedOn,
      r.firstReport,
      r.secondReport,
      procedureLabel[r.status],
      r.next ? stepLabel[r.next] : "",
    ]),
  );
}
