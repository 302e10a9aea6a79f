/**
 * Technical interventions on bins (deliver, repair, replace, remove): requested by residents or
 * agents, scheduled and assigned to field agents, completed with the parts taken from stock (in the
 * same transaction: no completion without its stock exits, and no exit beyond the stock).
 */
import { and, asc, eq, gte, inArray, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { wasteBins, wasteBinShares, wasteInterventions, wastePremises } from "@communa/db";
import { conflict, invalid, notFound, parisDay, parisYear, rpcCall, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import type { WasteIdentityService } from "@communa/contracts/rpc";
import { m } from "../messages.fr.ts";
import type { Stream } from "./billing-core.ts";
import { withdraw } from "./stock.ts";
import { personIdOf } from "./registry.ts";
import { writeOnce } from "./idempotency.ts";

type Row = typeof wasteInterventions.$inferSelect;
export type InterventionKind = Row["kind"];
export type InterventionStatus = Row["status"];

const view = (r: Row, address?: string | null) => ({
  id: r.id,
  reference: r.reference,
  kind: r.kind,
  status: r.status,
  premisesId: r.premisesId,
  address: address ?? null,
  binId: r.binId,
  stream: r.stream,
  description: r.description,
  requestedBy: r.requestedBy,
  assignedToPersonId: r.assignedToPersonId,
  scheduledFor: r.scheduledFor,
  outcome: r.outcome,
  completedAt: r.completedAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export interface InterventionInput {
  kind: InterventionKind;
  premisesId?: string | null;
  binId?: string | null;
  stream?: Stream | null;
  description?: string;
  scheduledFor?: string | null;
  assignedToPersonId?: string | null;
}

export async function requestIntervention({
  db,
  ctx,
  identity,
  input,
  asResident,
  key,
}: {
  db: Db;
  ctx: TrustedContext;
  /** Identity's door: an agent assigned must hold a role here (ADR 0025). */
  identity: WasteIdentityService;
  input: InterventionInput;
  asResident?: boolean;
  key?: string;
}) {
  if (!input.premisesId && !input.binId) throw invalid(undefined, [{ path: "body/premisesId", message: m.premisesOrBin }]);
  return writeOnce(db, ctx, key, "intervention.request", async (tx, journal) => {
    if (input.premisesId) {
      const [p] = await tx
        .select({ id: wastePremises.id, occupant: wastePremises.occupantPersonId })
        .from(wastePremises)
        .where(eq(wastePremises.id, input.premisesId));
      if (!p || (asResident && p.occupant !== personIdOf(ctx))) throw notFound(m.noPremises);
    }
    if (input.binId) {
      // Under RLS: another tenant's bin is not found. A resident names only a bin of their premises.
      const [b] = await tx.select({ id: wasteBins.id, premisesId: wasteBins.premisesId }).from(wasteBins).where(eq(wasteBins.id, input.binId));
      const shared =
        asResident && b
          ? await tx
              .select()
              .from(wasteBinShares)
              .where(and(eq(wasteBinShares.binId, b.id), eq(wasteBinShares.premisesId, input.premisesId ?? "")))
          : [];
      if (!b || (asResident && b.premisesId !== input.premisesId && !shared.length)) throw notFound(m.noBin);
    }
    if (input.assignedToPersonId && !asResident) await assertMember(identity, ctx, input.assignedToPersonId);
    const [{ n }] = (await tx.execute(sql`SELECT nextval('public.waste_intervention_seq')::int AS n`)).rows as Array<{ n: number }>;
    const reference = `INT-${parisYear()}-${String(n).padStart(5, "0")}`;
    const [row] = await tx
      .insert(wasteInterventions)
      .values({
        tenantId: ctx.tenant.id,
        reference,
        kind: input.kind,
        status: !asResident && input.scheduledFor ? "scheduled" : "requested",
        premisesId: input.premisesId ?? null,
        binId: input.binId ?? null,
        stream: input.stream ?? null,
        description: input.description?.trim() ?? "",
        requestedBy: asResident ? "resident" : "agent",
        requestedByPersonId: personIdOf(ctx),
        assignedToPersonId: asResident ? null : (input.assignedToPersonId ?? null),
        scheduledFor: asResident ? null : (input.scheduledFor ?? null),
      })
      .returning();
    await journal({
      action: "waste.intervention.request",
      target: `waste_interventions/${row.id}`,
      summary: { reference, kind: row.kind, by: row.requestedBy },
    });
    return view(row);
  });
}

/** The agenda: interventions between two dates (unscheduled requests included), or one agent's day. */
export async function agenda({
  db,
  ctx,
  query,
}: {
  db: Db;
  ctx: TrustedContext;
  query: { from?: string; to?: string; status?: InterventionStatus; mine?: boolean; today?: boolean };
}) {
  const where: SQL[] = [];
  if (query.today) {
    const today = parisDay();
    where.push(eq(wasteInterventions.scheduledFor, today), inArray(wasteInterventions.status, ["scheduled", "requested"]));
  } else {
    if (query.from) where.push(or(gte(wasteInterventions.scheduledFor, query.from), isNull(wasteInterventions.scheduledFor))!);
    if (query.to) where.push(or(lte(wasteInterventions.scheduledFor, query.to), isNull(wasteInterventions.scheduledFor))!);
  }
  if (query.status) where.push(eq(wasteInterventions.status, query.status));
  const me = personIdOf(ctx);
  if (query.mine)
    where.push(
      me ? or(eq(wasteInterventions.assignedToPersonId, me), isNull(wasteInterventions.assignedToPersonId))! : isNull(wasteInterventions.assignedToPersonId),
    );
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select({ row: wasteInterventions, address: wastePremises.address })
      .from(wasteInterventions)
      .leftJoin(wastePremises, eq(wastePremises.id, wasteInterventions.premisesId))
      .where(where.length ? and(...where) : undefined)
      .orderBy(sql`${wasteInterventions.scheduledFor} ASC NULLS FIRST`, asc(wasteInterventions.createdAt))
      .limit(500),
  );
  return rows.map((r) => view(r.row, r.address));
}

/** An agent is assigned only among the people holding a role in this tenant (identity's door: a yes or no). */
async function assertMember(identity: WasteIdentityService, ctx: TrustedContext, personId: string) {
  if (!(await rpcCall("identité", () => identity.isMember({ id: ctx.tenant.id }, personId))))
    throw invalid(undefined, [{ path: "body/assignedToPersonId", message: m.notAnAgent }]);
}

async function openRow(tx: WriteTx, id: string) {
  const [row] = await tx.select().from(wasteInterventions).where(eq(wasteInterventions.id, id)).for("update");
  if (!row) throw notFound(m.noIntervention);
  if (row.status === "done" || row.status === "cancelled") throw conflict(m.interventionClosed);
  return row;
}

/** Schedules, assigns or cancels. */
export async function updateIntervention({
  db,
  ctx,
  identity,
  id,
  input,
}: {
  db: Db;
  ctx: TrustedContext;
  /** Identity's door: an agent assigned must hold a role here (ADR 0025). */
  identity: WasteIdentityService;
  id: string;
  input: { scheduledFor?: string | null; assignedToPersonId?: string | null; cancel?: boolean; description?: string };
}) {
  return db.write(ctx, async (tx, journal) => {
    const row = await openRow(tx, id);
    if (input.assignedToPersonId) await assertMember(identity, ctx, input.assignedToPersonId);
    const scheduledFor = input.scheduledFor !== undefined ? input.scheduledFor : row.scheduledFor;
    const [next] = await tx
      .update(wasteInterventions)
      .set({
        scheduledFor,
        assignedToPersonId: input.assignedToPersonId !== undefined ? input.assignedToPersonId : row.assignedToPersonId,
        description: input.description ?? row.description,
        status: input.cancel ? "cancelled" : scheduledFor ? "scheduled" : "requested",
        updatedAt: new Date(),
      })
      .where(eq(wasteInterventions.id, id))
      .returning();
    await journal({
      action: input.cancel ? "waste.intervention.cancel" : "waste.intervention.update",
      target: `waste_interventions/${id}`,
      summary: { scheduledFor: next.scheduledFor, assigned: next.assignedToPersonId !== null },
    });
    return view(next);
  });
}

export interface CompletionInput {
  outcome: string;
  parts?: Array<{ depotId: string; itemId: string; quantity: number }>;
  /** Deliver / replace: the bin put in service at the premises (the replaced bin is marked broken). */
  newBinId?: string | null;
}

/** Completes an intervention: parts out of stock, bins updated, all or nothing. Idempotent by key. */
export async function completeIntervention({ db, ctx, id, input, key }: { db: Db; ctx: TrustedContext; id: string; input: CompletionInput; key?: string }) {
  return writeOnce(db, ctx, key, "intervention.complete", async (tx, journal) => {
    const row = await openRow(tx, id);
    for (const p of input.parts ?? []) await withdraw(tx, ctx, journal, { ...p, interventionId: id, note: row.reference });
    const now = new Date();
    if (row.kind === "remove" && row.binId) {
      await tx.update(wasteBins).set({ status: "removed", updatedAt: now }).where(eq(wasteBins.id, row.binId));
    }
    if (row.kind === "replace" && row.binId) {
      await tx.update(wasteBins).set({ status: "broken", updatedAt: now }).where(eq(wasteBins.id, row.binId));
    }
    if ((row.kind === "deliver" || row.kind === "replace") && input.newBinId) {
      if (!row.premisesId) throw invalid(undefined, [{ path: "body/newBinId", message: m.noPremisesToDeliver }]);
      const [bin] = await tx
        .update(wasteBins)
        .set({ status: "in_service", premisesId: row.premisesId, collective: false, depotId: null, updatedAt: now })
        .where(eq(wasteBins.id, input.newBinId))
        .returning();
      if (!bin) throw notFound(m.noBin);
    }
    const [done] = await tx
      .update(wasteInterventions)
      .set({ status: "done", outcome: input.outcome.trim(), completedAt: now, updatedAt: now })
      .where(eq(wasteInterventions.id, id))
      .returning();
    await journal({
      action: "waste.intervention.complete",
      target: `waste_interventions/${id}`,
      summary: { reference: row.reference, parts: input.parts?.length ?? 0, newBinId: input.newBinId ?? null },
    });
    return view(done);
  });
}

/** A resident's own requests (through their premises). */
export async function residentInterventions(db: Db, ctx: TrustedContext, premisesIds: string[]) {
  if (!premisesIds.length) return [];
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteInterventions)
      .where(inArray(wasteInterventions.premisesId, premisesIds))
      .orderBy(sql`${wasteInterventions.createdAt} DESC`)
      .limit(50),
  );
  return rows.map((r) => ({
    reference: r.reference,
    kind: r.kind,
    status: r.status,
    scheduledFor: r.scheduledFor,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  }));
}
