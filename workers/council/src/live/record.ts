/**
 * When a sitting closes, its outcome leaves the live room for good: minutes rendered (JSON + PDF),
 * deposited (R2, SHA-256), and the sitting, its items' results and the minutes written to
 * Postgres with a journal entry, in one transaction, with the minutes' transfer to the archive
 * (transactional outbox), then attempted at once (a failure waits for the cron, see
 * minutes/archive.ts). Idempotent: a retry after a partial failure re-renders the same bytes
 * (the PDF is reproducible), re-deposits them under the same keys and finds the sitting closed.
 */
import { and, eq, ne } from "drizzle-orm";
import { councilAgendaItems, councilMinutesTransfers, councilProxies, councilSittings, tenants } from "@communa/db";
import { openDb, type Actor, type Tenant, type TrustedContext } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import type { Minutes } from "./minutes-data.ts";
import { renderMinutesPdf } from "../minutes/pdf.ts";
import { depositMinutes } from "../minutes/deposit.ts";
import { sha256Hex } from "@communa/core/hash";
import { transferMinutes } from "../minutes/archive.ts";
import { numberDeliberations } from "../services/deliberations.ts";

export async function recordSitting(env: CouncilBindings, minutes: Minutes, closedBy: string): Promise<void> {
  const db = openDb(env);
  try {
    const [tenant] = await db.reference((tx) => tx.select().from(tenants).where(eq(tenants.id, minutes.tenantId)).limit(1));
    const json = JSON.stringify(minutes);
    const jsonSha256 = await sha256Hex(json);
    const pdf = await renderMinutesPdf(minutes, { collectivite: tenant?.name ?? "", jsonSha256 });
    const deposit = await depositMinutes(env, { tenantId: minutes.tenantId, sittingId: minutes.sittingId, pdf, json });
    const actor: Actor = closedBy ? { kind: "person", id: closedBy, permissions: [] } : { kind: "anonymous" };
    // The journal needs the tenant's id only; the room knows no more of it.
    const ctx: TrustedContext = { tenant: { id: minutes.tenantId } as Tenant, actor, requestId: `seance-${minutes.sittingId}` };
    await db.write(ctx, async (tx, journal) => {
      const closed = await tx
        .update(councilSittings)
        .set({
          status: "closed",
          openedAt: minutes.openedAt ? new Date(minutes.openedAt) : null,
          closedAt: minutes.closedAt ? new Date(minutes.closedAt) : new Date(),
          minutes,
          minutesKey: deposit.pdfKey,
          minutesSha256: deposit.pdfSha256,
          minutesJsonSha256: deposit.jsonSha256,
          updatedAt: new Date(),
        })
        .where(and(eq(councilSittings.id, minutes.sittingId), ne(councilSittings.status, "closed")))
        .returning({ id: councilSittings.id });
      // Proxies handed in during the sitting join the register (they may cover the next sittings).
      const [sitting] = await tx
        .select({ councilId: councilSittings.councilId, startsAt: councilSittings.startsAt })
        .from(councilSittings)
        .where(eq(councilSittings.id, minutes.sittingId))
        .limit(1);
      const given = closed.length === 1 && sitting ? minutes.proxies.filter((p) => p.event === "given" && p.origin === "room") : [];
      for (const p of given) {
        const revoked = minutes.proxies.find((r) => r.event === "revoked" && r.giverId === p.giverId && r.holderId === p.holderId && r.at >= p.at);
        await tx.insert(councilProxies).values({
          tenantId: minutes.tenantId,
          councilId: sitting.councilId,
          giverMemberId: p.giverId,
          holderMemberId: p.holderId,
          firstSittingId: minutes.sittingId,
          sittings: p.sittings,
          givenAt: new Date(p.at),
          revokedAt: revoked ? new Date(revoked.at) : null,
        });
      }
      for (const item of minutes.items) {
        await tx
          .update(councilAgendaItems)
          .set({
            status: item.status === "voting" ? "pending" : item.status,
            results: item.votes.map((v) => ({ voteId: v.id, round: v.round, kind: v.kind, requesters: v.requesters, result: v.result })),
          })
          .where(and(eq(councilAgendaItems.id, item.id), eq(councilAgendaItems.sittingId, minutes.sittingId)));
      }
      // Each adopted act gets its number and joins the public list (L2121-25), with the sitting's close.
      if (closed.length === 1 && sitting) await numberDeliberations(tx, minutes, new Date(sitting.startsAt));
      await tx
        .insert(councilMinutesTransfers)
        .values({ sittingId: minutes.sittingId, tenantId: minutes.tenantId, closedBy: closedBy || null })
        .onConflictDoNothing();
      await journal({
        action: "council.sitting.close",
        target: `council_sittings/${minutes.sittingId}`,
        summary: { recorded: closed.length === 1, pdfSha256: deposit.pdfSha256, jsonSha256: deposit.jsonSha256 },
      });
    });
    await transferMinutes(env, db, minutes.tenantId, minutes.sittingId);
  } finally {
    await db.close();
  }
}
