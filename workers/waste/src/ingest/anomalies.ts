/**
 * Anomalies of the event consumers (ADR 0016): an event whose chip matched no bin in service, or
 * whose stream differed from the bin's. The event is stored anyway; an agent resolves the anomaly
 * by attaching the event to the right bin (it then counts for that bin's premises) or dismisses it
 * with a reason. An `event_conflict` (a device sent another content under a key already stored)
 * carries both versions in its detail; the stored event is never changed by it, so it can only be
 * dismissed with the agent's reason. Each decision is journalled.
 */
import { and, desc, eq } from "drizzle-orm";
import { wasteAnomalies, wasteBins, wasteLifts, wasteSortingEvents } from "@communa/db";
import { conflict, invalid, notFound, type Db, type TrustedContext } from "@communa/core";
import { ingestTexts } from "./messages.fr.ts";

const present = (r: typeof wasteAnomalies.$inferSelect) => ({
  id: r.id,
  kind: r.kind,
  source: r.source,
  eventId: r.eventId,
  deviceId: r.deviceId,
  chipId: r.chipId,
  observedAt: new Date(r.observedAt).toISOString(),
  detail: r.detail,
  status: r.status,
  resolution: r.resolution,
  resolvedBy: r.resolvedBy,
  resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
  createdAt: new Date(r.createdAt).toISOString(),
});
export type AnomalyView = ReturnType<typeof present>;

export async function listAnomalies({ db, ctx, status }: { db: Db; ctx: TrustedContext; status?: "open" | "resolved" | "dismissed" }): Promise<AnomalyView[]> {
  const rows = await db.withTenant(ctx.tenant.id, (tx) =>
    tx.select().from(wasteAnomalies).where(status ? eq(wasteAnomalies.status, status) : undefined).orderBy(desc(wasteAnomalies.createdAt)).limit(200),
  );
  return rows.map(present);
}

export type Resolution = { action: "attach"; binId: string } | { action: "dismiss"; reason: string };

/** Attaches the anomaly's event to a bin, or dismisses it; once only. */
export async function resolveAnomaly({ db, ctx, id, resolution }: { db: Db; ctx: TrustedContext; id: string; resolution: Resolution }): Promise<AnomalyView> {
  const by = ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id;
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx.select().from(wasteAnomalies).where(eq(wasteAnomalies.id, id)).for("update").limit(1);
    if (!row) throw notFound(ingestTexts.anomalyNotFound);
    if (row.status !== "open") throw conflict(ingestTexts.anomalyClosed);
    let text: string;
    if (resolution.action === "attach" && row.kind === "event_conflict") throw invalid(undefined, [{ path: "body/action", message: ingestTexts.conflictNotAttachable }]);
    if (resolution.action === "attach") {
      const [target] = await tx.select({ id: wasteBins.id, chipId: wasteBins.chipId }).from(wasteBins).where(eq(wasteBins.id, resolution.binId)).limit(1);
      if (!target) throw invalid(undefined, [{ path: "body/binId", message: ingestTexts.binNotFound }]);
      const table = row.source === "lift" ? wasteLifts : wasteSortingEvents;
      await tx.update(table).set({ binId: target.id }).where(and(eq(table.eventId, row.eventId), eq(table.tenantId, ctx.tenant.id)));
      text = ingestTexts.attached(target.chipId);
    } else {
      text = resolution.reason;
    }
    const [updated] = await tx
      .update(wasteAnomalies)
      .set({ status: resolution.action === "attach" ? "resolved" : "dismissed", resolution: text, resolvedBy: by, resolvedAt: new Date() })
      .where(eq(wasteAnomalies.id, id))
      .returning();
    await journal({ action: `waste.anomaly.${resolution.action}`, target: `waste_anomalies/${id}`, summary: { eventId: row.eventId, ...(resolution.action === "attach" ? { binId: resolution.binId } : { reason: resolution.reason }) } });
    return present(updated);
  });
}
