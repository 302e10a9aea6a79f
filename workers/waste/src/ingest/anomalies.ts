/**
 * Anomalies of the event consumers (ADR 0016): an event whose chip matched no bin in service, or
 * whose stream differed from the bin's. The event is stored anyway; an agent resolves the anomaly
 * by attaching the event to the right bin (it then counts for that bin's premises) or dismisses it
 * with a reason. An `event_conflict` (a device sent another content under a key already stored)
 * carries both versions in its detail; the stored event is never changed by it: the agent either
 * dismisses it with a reason, or — the device really did report a second event (a counter that
 * restarted) — records the received version as an event of its own, under the key
 * `<key>#<first 16 hex digits of its digest>`, so it counts too. Each decision is journalled.
 */
import { and, desc, eq } from "drizzle-orm";
import { wasteAnomalies, wasteBins, wasteLifts, wasteSortingEvents } from "@communa/db";
import { conflict, invalid, notFound, uuidv7, type Db, type TrustedContext, type WriteTx } from "@communa/core";
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
    tx
      .select()
      .from(wasteAnomalies)
      .where(status ? eq(wasteAnomalies.status, status) : undefined)
      .orderBy(desc(wasteAnomalies.createdAt))
      .limit(200),
  );
  return rows.map(present);
}

export type Resolution = { action: "attach"; binId: string } | { action: "dismiss"; reason: string } | { action: "record" };

type Received = Record<string, unknown>;
const num = (v: unknown) => (typeof v === "number" ? v : Number(v));

/**
 * Stores the received version of a conflict as an event of its own (resolved to the bin in service
 * carrying its chip now; none: an unknown_chip anomaly, as the consumer would record). Returns its key.
 */
async function recordReceived(tx: WriteTx, tenantId: string, row: typeof wasteAnomalies.$inferSelect): Promise<string> {
  const v = (row.detail as { received?: Received }).received;
  if (!v || !row.contentDigest) throw invalid(undefined, [{ path: "body/action", message: ingestTexts.recordOnlyConflicts }]);
  const eventId = `${row.eventId}#${row.contentDigest.slice(0, 16)}`;
  const chipId = String(v.chipId);
  const [bin] = await tx
    .select({ id: wasteBins.id, stream: wasteBins.stream })
    .from(wasteBins)
    .where(and(eq(wasteBins.chipId, chipId), eq(wasteBins.status, "in_service")))
    .limit(1);
  const observedAt = new Date(String(v.liftedAt ?? v.observedAt));
  const inserted =
    row.source === "lift"
      ? await tx
          .insert(wasteLifts)
          .values({
            id: uuidv7(),
            tenantId,
            eventId,
            deviceId: row.deviceId,
            chipId,
            binId: bin?.id ?? null,
            truck: String(v.truck),
            round: String(v.round),
            liftedAt: observedAt,
            lon: num(v.lon),
            lat: num(v.lat),
            weightKg: v.weightKg === undefined || v.weightKg === null ? null : String(v.weightKg),
            stream: v.stream as (typeof wasteLifts.$inferInsert)["stream"],
            contentDigest: row.contentDigest,
          })
          .onConflictDoNothing()
          .returning({ id: wasteLifts.id })
      : await tx
          .insert(wasteSortingEvents)
          .values({
            id: uuidv7(),
            tenantId,
            eventId,
            deviceId: row.deviceId,
            chipId,
            binId: bin?.id ?? null,
            observedAt,
            category: String(v.category),
            confidence: num(v.confidence),
            imageKey: typeof v.imageKey === "string" ? v.imageKey : null,
            contentDigest: row.contentDigest,
          })
          .onConflictDoNothing()
          .returning({ id: wasteSortingEvents.id });
  if (!inserted.length) throw conflict(ingestTexts.alreadyRecorded);
  const mismatch = row.source === "lift" && bin && bin.stream !== v.stream;
  if (!bin || mismatch) {
    await tx.insert(wasteAnomalies).values({
      id: uuidv7(),
      tenantId,
      kind: bin ? "stream_mismatch" : "unknown_chip",
      source: row.source,
      eventId,
      deviceId: row.deviceId,
      chipId,
      observedAt,
      detail: {
        ...Object.fromEntries(Object.entries(v).filter(([k]) => !["digest", "binId", "requestId", "receivedAt"].includes(k))),
        ...(bin && { binId: bin.id, binStream: bin.stream }),
      },
    });
  }
  return eventId;
}

/** Attaches the anomaly's event to a bin, dismisses it, or records a conflict's received version; once only. */
export async function resolveAnomaly({ db, ctx, id, resolution }: { db: Db; ctx: TrustedContext; id: string; resolution: Resolution }): Promise<AnomalyView> {
  const by = ctx.actor.kind === "anonymous" ? "anonyme" : ctx.actor.id;
  return db.write(ctx, async (tx, journal) => {
    const [row] = await tx.select().from(wasteAnomalies).where(eq(wasteAnomalies.id, id)).for("update").limit(1);
    if (!row) throw notFound(ingestTexts.anomalyNotFound);
    if (row.status !== "open") throw conflict(ingestTexts.anomalyClosed);
    let text: string;
    if (resolution.action === "attach" && row.kind === "event_conflict")
      throw invalid(undefined, [{ path: "body/action", message: ingestTexts.conflictNotAttachable }]);
    let recordedAs: string | undefined;
    if (resolution.action === "record") {
      if (row.kind !== "event_conflict") throw invalid(undefined, [{ path: "body/action", message: ingestTexts.recordOnlyConflicts }]);
      recordedAs = await recordReceived(tx, ctx.tenant.id, row);
      text = ingestTexts.recorded(recordedAs);
    } else if (resolution.action === "attach") {
      const [target] = await tx.select({ id: wasteBins.id, chipId: wasteBins.chipId }).from(wasteBins).where(eq(wasteBins.id, resolution.binId)).limit(1);
      if (!target) throw invalid(undefined, [{ path: "body/binId", message: ingestTexts.binNotFound }]);
      const table = row.source === "lift" ? wasteLifts : wasteSortingEvents;
      await tx
        .update(table)
        .set({ binId: target.id })
        .where(and(eq(table.eventId, row.eventId), eq(table.tenantId, ctx.tenant.id)));
      text = ingestTexts.attached(target.chipId);
    } else {
      text = resolution.reason;
    }
    const [updated] = await tx
      .update(wasteAnomalies)
      .set({ status: resolution.action === "dismiss" ? "dismissed" : "resolved", resolution: text, resolvedBy: by, resolvedAt: new Date() })
      .where(eq(wasteAnomalies.id, id))
      .returning();
    const summary =
      resolution.action === "attach"
        ? { binId: resolution.binId }
        : resolution.action === "record"
          ? { recordedAs, digest: row.contentDigest }
          : { reason: resolution.reason };
    await journal({ action: `waste.anomaly.${resolution.action}`, target: `waste_anomalies/${id}`, summary: { eventId: row.eventId, ...summary } });
    return present(updated);
  });
}
