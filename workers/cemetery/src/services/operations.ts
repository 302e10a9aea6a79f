/**
 * Funeral operations (burial, urn deposit, exhumation, reduction, transfer): drafted, then validated
 * with the mayor's numbered authorisation (YYYY-NNN), which applies them to the register. A
 * validated operation is irreversible (a database trigger refuses any change). A burial or a
 * transfer into a plot without room is refused (422) with the places left, at draft and at validation.
 */
import { and, asc, desc, eq, like } from "drizzle-orm";
import { concessions, deceased, operations, plots } from "@communa/db";
import { AppError, conflict, invalid, notFound, parisDay, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import type { OperationKind, Remains } from "@communa/contracts/cemetery";
import { reductionFrom, sizeOf } from "./clocks.ts";
import { deceasedView, plotOccupancy } from "./register.ts";
import { m } from "../messages.fr.ts";

export interface DeceasedInput {
  name: string;
  firstName?: string;
  usageName?: string;
  birthDate?: string | null;
  deathDate: string;
  deathPlace?: string;
}

export interface OperationInput {
  kind: OperationKind;
  plotId: string;
  deceasedId?: string;
  deceased?: DeceasedInput;
  targetPlotId?: string;
  date: string;
  funeralOperator: string;
  habilitation: string;
  official: string;
  requester?: string;
}

/** What the operation adds to its destination plot, or null when it frees room. */
function arriving(kind: OperationKind, current: Remains | null): Remains | null {
  if (kind === "burial") return "coffin";
  if (kind === "urn_deposit") return "urn";
  if (kind === "transfer") return current ?? "coffin";
  return null;
}

async function checkRoom(tx: WriteTx, tenantId: string, plotId: string, remains: Remains) {
  const o = await plotOccupancy(tx, tenantId, plotId);
  const [c] = await tx
    .select({ status: concessions.status })
    .from(concessions)
    .where(eq(concessions.plotId, plotId))
    .orderBy(desc(concessions.startsOn))
    .limit(1);
  if (c?.status === "repossessed") throw conflict(m.repossessed);
  const needed = sizeOf(remains, o.settings);
  if (needed > o.leftTenths)
    throw new AppError("unprocessable", m.full(o.leftTenths, needed), { errors: [{ path: "body/plotId", message: m.full(o.leftTenths, needed) }] });
  return o;
}

/** The checks an operation must pass, at draft and again at validation (the register may have moved). */
async function check(
  tx: WriteTx,
  tenantId: string,
  op: { kind: OperationKind; plotId: string; targetPlotId: string | null; date: string },
  d: typeof deceased.$inferSelect | null,
) {
  const [plot] = await tx.select({ id: plots.id }).from(plots).where(eq(plots.id, op.plotId)).limit(1);
  if (!plot) throw notFound(m.noPlot);
  if (op.kind === "burial" || op.kind === "urn_deposit") {
    if (d?.plotId && d.remains) throw conflict(m.alreadyInPlot);
    await checkRoom(tx, tenantId, op.plotId, arriving(op.kind, null)!);
    return;
  }
  if (!d || d.plotId !== op.plotId || !d.remains) throw conflict(m.notInPlot);
  if (op.kind === "transfer") {
    if (!op.targetPlotId) throw invalid(undefined, [{ path: "body/targetPlotId", message: m.targetNeeded }]);
    await checkRoom(tx, tenantId, op.targetPlotId, d.remains);
  }
  if (op.kind === "reduction") {
    const o = await plotOccupancy(tx, tenantId, op.plotId);
    const from = d.burialDate ? reductionFrom(d.burialDate, o.settings) : null;
    if (from && op.date < from) throw new AppError("unprocessable", m.reductionTooEarly(from));
  }
}

export async function draftOperation({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: OperationInput }) {
  return db.write(ctx, async (tx, journal) => {
    let d: typeof deceased.$inferSelect | null = null;
    if (input.deceasedId) {
      [d] = await tx.select().from(deceased).where(eq(deceased.id, input.deceasedId)).limit(1);
      if (!d) throw notFound(m.noDeceased);
    } else if (input.kind !== "burial" && input.kind !== "urn_deposit") throw invalid(undefined, [{ path: "body/deceasedId", message: m.deceasedNeeded }]);
    else if (!input.deceased) throw invalid(undefined, [{ path: "body/deceased", message: m.deceasedNeeded }]);
    if (input.kind === "exhumation" && !input.requester?.trim()) throw invalid(undefined, [{ path: "body/requester", message: m.requesterNeeded }]);
    await check(tx, ctx.tenant.id, { kind: input.kind, plotId: input.plotId, targetPlotId: input.targetPlotId ?? null, date: input.date }, d);
    if (!d) {
      const p = input.deceased!;
      [d] = await tx
        .insert(deceased)
        .values({
          tenantId: ctx.tenant.id,
          name: p.name,
          firstName: p.firstName ?? "",
          usageName: p.usageName ?? "",
          birthDate: p.birthDate ?? null,
          deathDate: p.deathDate,
          deathPlace: p.deathPlace ?? "",
        })
        .returning();
    }
    const [row] = await tx
      .insert(operations)
      .values({
        tenantId: ctx.tenant.id,
        kind: input.kind,
        plotId: input.plotId,
        deceasedId: d.id,
        targetPlotId: input.targetPlotId ?? null,
        date: input.date,
        funeralOperator: input.funeralOperator,
        habilitation: input.habilitation,
        official: input.official,
        requester: input.requester ?? "",
      })
      .returning();
    await journal({ action: "cemetery.operation.draft", target: `operations/${row.id}`, summary: { kind: input.kind, plot: input.plotId, deceased: d.id } });
    return operationView(row);
  });
}

const operationView = (o: typeof operations.$inferSelect) => ({
  id: o.id,
  kind: o.kind,
  plotId: o.plotId,
  deceasedId: o.deceasedId,
  targetPlotId: o.targetPlotId,
  date: o.date,
  funeralOperator: o.funeralOperator,
  habilitation: o.habilitation,
  official: o.official,
  requester: o.requester,
  status: o.status,
  authorisation: o.authorisation,
  validatedAt: o.validatedAt ? new Date(o.validatedAt).toISOString() : null,
});

/** The mayor authorised it: number the authorisation, apply it to the register, seal it. */
export async function validateOperation({ db, ctx, operationId, today = parisDay() }: { db: Db; ctx: TrustedContext; operationId: string; today?: string }) {
  return db.write(ctx, async (tx, journal) => {
    const [op] = await tx.select().from(operations).where(eq(operations.id, operationId)).for("update").limit(1);
    if (!op) throw notFound(m.noOperation);
    if (op.status === "validated") throw conflict(m.validated);
    const [d] = await tx.select().from(deceased).where(eq(deceased.id, op.deceasedId)).limit(1);
    await check(tx, ctx.tenant.id, op, d);
    const year = today.slice(0, 4);
    const numbered = await tx
      .select({ a: operations.authorisation })
      .from(operations)
      .where(like(operations.authorisation, `${year}-%`));
    const n = numbered.reduce((x, r) => Math.max(x, Number(r.a!.slice(5))), 0) + 1;
    const authorisation = `${year}-${String(n).padStart(3, "0")}`;
    const effect: Partial<typeof deceased.$inferInsert> =
      op.kind === "burial"
        ? { plotId: op.plotId, remains: "coffin", burialDate: op.date }
        : op.kind === "urn_deposit"
          ? { plotId: op.plotId, remains: "urn", burialDate: op.date }
          : op.kind === "exhumation"
            ? { plotId: null, remains: null }
            : op.kind === "reduction"
              ? { remains: "reduced" }
              : { plotId: op.targetPlotId };
    await tx.update(deceased).set(effect).where(eq(deceased.id, d.id));
    const [row] = await tx.update(operations).set({ status: "validated", authorisation, validatedAt: new Date() }).where(eq(operations.id, op.id)).returning();
    await journal({
      action: "cemetery.operation.validate",
      target: `operations/${op.id}`,
      summary: { kind: op.kind, authorisation, plot: op.plotId, deceased: d.id },
    });
    return operationView(row);
  });
}

export async function listOperations({ db, ctx, plotId }: { db: Db; ctx: TrustedContext; plotId?: string }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(operations)
      .where(plotId ? eq(operations.plotId, plotId) : undefined)
      .orderBy(desc(operations.date), asc(operations.createdAt))
      .limit(500),
  );
  return rows.map(operationView);
}

export async function listDeceased({ db, ctx, plotId }: { db: Db; ctx: TrustedContext; plotId: string }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(deceased)
      .where(and(eq(deceased.plotId, plotId))),
  );
  return rows.map(deceasedView);
}
