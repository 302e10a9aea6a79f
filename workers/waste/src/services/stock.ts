/**
 * Stock of containers and spare parts per depot: entries, exits (to interventions), adjustments,
 * reorder thresholds and alerts. A level never goes negative, even under concurrent exits: an exit
 * is one `UPDATE … SET quantity = quantity - n WHERE quantity >= n` (the row lock serialises
 * concurrent exits; the loser sees the new quantity and matches no row), and a CHECK constraint
 * backs it up.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { wasteDepots, wasteInterventions, wasteStockItems, wasteStockLevels, wasteStockMovements } from "@communa/db";
import { AppError, invalid, notFound, type Db, type Journal, type TrustedContext, type WriteTx } from "@communa/core";
import { m } from "../messages.fr.ts";
import { actorName } from "./registry.ts";

export type ItemKind = (typeof wasteStockItems.$inferSelect)["kind"];

export async function createDepot({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: { name: string; address?: string } }) {
  return db.write(ctx, async (tx, journal) => {
    const [d] = await tx
      .insert(wasteDepots)
      .values({ tenantId: ctx.tenant.id, name: input.name.trim(), address: input.address?.trim() ?? "" })
      .returning();
    await journal({ action: "waste.depot.create", target: `waste_depots/${d.id}`, summary: { name: d.name } });
    return { id: d.id, name: d.name, address: d.address };
  });
}

export async function createItem({ db, ctx, input }: { db: Db; ctx: TrustedContext; input: { code: string; label: string; kind: ItemKind } }) {
  return db.write(ctx, async (tx, journal) => {
    const [i] = await tx
      .insert(wasteStockItems)
      .values({ tenantId: ctx.tenant.id, code: input.code.toUpperCase(), label: input.label.trim(), kind: input.kind })
      .returning();
    await journal({ action: "waste.stock.item.create", target: `waste_stock_items/${i.id}`, summary: { code: i.code, label: i.label } });
    return { id: i.id, code: i.code, label: i.label, kind: i.kind };
  });
}

/** Every level with its depot and article; `alert` when at or below the reorder threshold. */
export async function stockLevels({ db, ctx, alertsOnly = false }: { db: Db; ctx: TrustedContext; alertsOnly?: boolean }) {
  const [depots, items, levels] = await db.withTenant(ctx.tenant.id, (tx) =>
    Promise.all([
      tx.select().from(wasteDepots).orderBy(asc(wasteDepots.name)),
      tx.select().from(wasteStockItems).orderBy(asc(wasteStockItems.code)),
      tx.select().from(wasteStockLevels),
    ]),
  );
  const rows = levels
    .map((l) => {
      const d = depots.find((x) => x.id === l.depotId)!;
      const i = items.find((x) => x.id === l.itemId)!;
      return {
        depotId: d.id,
        depot: d.name,
        itemId: i.id,
        code: i.code,
        label: i.label,
        kind: i.kind,
        quantity: l.quantity,
        reorderThreshold: l.reorderThreshold,
        alert: l.quantity <= l.reorderThreshold,
      };
    })
    .filter((r) => !alertsOnly || r.alert)
    .sort((a, b) => a.depot.localeCompare(b.depot, "fr") || a.code.localeCompare(b.code));
  return {
    depots: depots.map((d) => ({ id: d.id, name: d.name, address: d.address })),
    items: items.map((i) => ({ id: i.id, code: i.code, label: i.label, kind: i.kind })),
    levels: rows,
  };
}

async function itemLabel(tx: WriteTx, itemId: string) {
  const [i] = await tx.select({ label: wasteStockItems.label }).from(wasteStockItems).where(eq(wasteStockItems.id, itemId));
  if (!i) throw notFound(m.noItem);
  return i.label;
}

/** Adds `quantity` to a level (creating it), optionally setting its reorder threshold. */
export async function receive(
  tx: WriteTx,
  ctx: TrustedContext,
  journal: Journal,
  input: { depotId: string; itemId: string; quantity: number; reorderThreshold?: number; note?: string },
) {
  const [d] = await tx.select({ id: wasteDepots.id }).from(wasteDepots).where(eq(wasteDepots.id, input.depotId));
  if (!d) throw notFound(m.noDepot);
  await itemLabel(tx, input.itemId);
  const [level] = await tx
    .insert(wasteStockLevels)
    .values({ tenantId: ctx.tenant.id, depotId: input.depotId, itemId: input.itemId, quantity: input.quantity, reorderThreshold: input.reorderThreshold ?? 0 })
    .onConflictDoUpdate({
      target: [wasteStockLevels.depotId, wasteStockLevels.itemId],
      set: {
        quantity: sql`${wasteStockLevels.quantity} + ${input.quantity}`,
        updatedAt: new Date(),
        ...(input.reorderThreshold !== undefined ? { reorderThreshold: input.reorderThreshold } : {}),
      },
    })
    .returning();
  if (input.quantity !== 0)
    await tx.insert(wasteStockMovements).values({
      tenantId: ctx.tenant.id,
      depotId: input.depotId,
      itemId: input.itemId,
      delta: input.quantity,
      kind: "entry",
      note: input.note ?? null,
      byActor: actorName(ctx),
    });
  await journal({
    action: "waste.stock.entry",
    target: `waste_stock_levels/${input.depotId}/${input.itemId}`,
    summary: { quantity: input.quantity, level: level.quantity },
  });
  return { quantity: level.quantity, reorderThreshold: level.reorderThreshold, alert: level.quantity <= level.reorderThreshold };
}

/**
 * Takes `quantity` out of a level, atomically: refused (409, nothing written) when the depot has
 * fewer. Runs in the caller's transaction (an intervention's parts go out with its completion).
 */
export async function withdraw(
  tx: WriteTx,
  ctx: TrustedContext,
  journal: Journal,
  input: { depotId: string; itemId: string; quantity: number; interventionId?: string | null; note?: string },
) {
  if (input.quantity <= 0) throw invalid(undefined, [{ path: "body/quantity", message: m.quantityPositive }]);
  if (input.interventionId) {
    // Looked up under RLS: a foreign key alone would accept another tenant's intervention.
    const [i] = await tx.select({ id: wasteInterventions.id }).from(wasteInterventions).where(eq(wasteInterventions.id, input.interventionId));
    if (!i) throw invalid(undefined, [{ path: "body/interventionId", message: m.noIntervention }]);
  }
  const [level] = await tx
    .update(wasteStockLevels)
    .set({ quantity: sql`${wasteStockLevels.quantity} - ${input.quantity}`, updatedAt: new Date() })
    .where(and(eq(wasteStockLevels.depotId, input.depotId), eq(wasteStockLevels.itemId, input.itemId), sql`${wasteStockLevels.quantity} >= ${input.quantity}`))
    .returning();
  if (!level) {
    const [now] = await tx
      .select({ quantity: wasteStockLevels.quantity })
      .from(wasteStockLevels)
      .where(and(eq(wasteStockLevels.depotId, input.depotId), eq(wasteStockLevels.itemId, input.itemId)));
    throw new AppError("conflict", m.stockShort(await itemLabel(tx, input.itemId), now?.quantity ?? 0, input.quantity));
  }
  await tx.insert(wasteStockMovements).values({
    tenantId: ctx.tenant.id,
    depotId: input.depotId,
    itemId: input.itemId,
    delta: -input.quantity,
    kind: "exit",
    interventionId: input.interventionId ?? null,
    note: input.note ?? null,
    byActor: actorName(ctx),
  });
  await journal({
    action: "waste.stock.exit",
    target: `waste_stock_levels/${input.depotId}/${input.itemId}`,
    summary: { quantity: input.quantity, level: level.quantity, interventionId: input.interventionId ?? null },
  });
  return { quantity: level.quantity, reorderThreshold: level.reorderThreshold, alert: level.quantity <= level.reorderThreshold };
}

export async function movements({ db, ctx, itemId, limit }: { db: Db; ctx: TrustedContext; itemId?: string; limit: number }) {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteStockMovements)
      .where(itemId ? eq(wasteStockMovements.itemId, itemId) : undefined)
      .orderBy(sql`${wasteStockMovements.createdAt} DESC`)
      .limit(limit),
  );
  return rows.map((r) => ({
    id: r.id,
    depotId: r.depotId,
    itemId: r.itemId,
    delta: r.delta,
    kind: r.kind,
    interventionId: r.interventionId,
    note: r.note,
    by: r.byActor,
    at: r.createdAt.toISOString(),
  }));
}
