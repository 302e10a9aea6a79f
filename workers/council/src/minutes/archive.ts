/**
 * Closed sittings' minutes go to the archive (SAE) as one sealed unit: the PDF/A and the JSON, read
 * back from this Worker's bucket and checked against the digests recorded at close, deposited
 * through the archive Worker's `deposit` RPC (service binding ARCHIVE) under the message
 * identifier `PV-<sitting id>`, which the archive keeps unique per tenant: closing twice, a retry
 * after a lost answer, or two deliveries at once give one deposit. The transfer row
 * (council_minutes_transfers, written with the close) records each attempt; a failed one is
 * retried by the cron with a growing delay, and the secretariat sees its state on the sitting.
 */
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { councilMinutesTransfers, councilSittings, tenants } from "@communa/db";
import { AppError, log, parisDay, rpcValue, type Actor, type Db, type Tenant, type TrustedContext } from "@communa/core";
import type { CouncilBindings } from "../env.ts";
import type { Minutes } from "../live/minutes-data.ts";
import { sha256Hex, sha512Hex } from "@communa/core/hash";
import { minutesTexts as T } from "./texts.fr.ts";

/**
 * The management rules of minutes of deliberations, by the date from which they apply (a dated
 * parameter: a later instruction adds a row, sittings keep the rule of their date). APP-DELIB is
 * the archive's rule for "délibérations, procès-verbaux et registres des assemblées": DUA 10 years,
 * final action Keep (conservation définitive), per instruction DAF/DPACI/RES/2009/018 of
 * 28 August 2009 (tri et conservation des archives des communes) and CGCT L2121-23 (registre des
 * délibérations); communicable at once (minutes of public sittings, CGCT L2121-26, Code du
 * patrimoine L213-1).
 */
export const MINUTES_RULES: ReadonlyArray<{ from: string; appraisalRule: string; accessRule: string; source: string }> = [
  {
    from: "2009-08-28",
    appraisalRule: "APP-DELIB",
    accessRule: "ACC-00",
    source: "Instruction DAF/DPACI/RES/2009/018 ; CGCT L2121-23, L2121-26 ; Code du patrimoine L213-1",
  },
];

export function minutesRules(sittingDay: string) {
  const applicable = MINUTES_RULES.filter((r) => r.from <= sittingDay).sort((a, b) => b.from.localeCompare(a.from));
  return applicable[0] ?? MINUTES_RULES[0];
}

/** The archive's deposit RPC (@communa/contracts/rpc): one result shape, read with core's rpcValue. */
export type { ArchiveDepositService } from "@communa/contracts/rpc";

export type TransferRow = typeof councilMinutesTransfers.$inferSelect;

export const messageIdentifierOf = (sittingId: string) => `PV-${sittingId}`;

/** Delay before the next attempt: 1, 2, 4… minutes, at most 6 hours. */
export const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);

const systemCtx = (tenant: Pick<Tenant, "id">, actor: Actor, sittingId: string): TrustedContext => ({
  tenant: tenant as Tenant,
  actor,
  requestId: `pv-archive-${sittingId}`,
});
const actorOf = (closedBy: string | null): Actor => (closedBy ? { kind: "person", id: closedBy, permissions: [] } : { kind: "anonymous" });

/** The package of one closed sitting, from the bucket, each file checked against the digest recorded at close. */
async function minutesPackage(env: Pick<CouncilBindings, "MINUTES">, tenant: Tenant, s: typeof councilSittings.$inferSelect) {
  const minutes = s.minutes as Minutes;
  const jsonKey = `proces-verbaux/${s.tenantId}/${s.id}/${s.minutesJsonSha256}.json`;
  const [pdfObj, jsonObj] = await Promise.all([env.MINUTES.get(s.minutesKey!), env.MINUTES.get(jsonKey)]);
  if (!pdfObj || !jsonObj) throw new Error(T.archive.missingFiles);
  const pdf = new Uint8Array(await pdfObj.arrayBuffer());
  const json = new Uint8Array(await jsonObj.arrayBuffer());
  if ((await sha256Hex(pdf)) !== s.minutesSha256 || (await sha256Hex(json)) !== s.minutesJsonSha256) throw new Error(T.archive.digestMismatch);
  const day = (iso: string | null | undefined) => (iso ? parisDay(new Date(iso)) : null);
  const endDate = day(minutes.closedAt) ?? parisDay(s.closedAt ?? new Date());
  const rules = minutesRules(endDate);
  return {
    transferringAgency: T.archive.transferringAgency,
    comment: T.archive.comment(minutes.title),
    messageIdentifier: messageIdentifierOf(s.id),
    units: [
      {
        title: `${T.heading} — ${minutes.title}`,
        description: T.archive.description(tenant.name, s.minutesSha256!, s.minutesJsonSha256!),
        originatingAgency: T.archive.originatingAgency,
        startDate: day(minutes.openedAt) ?? endDate,
        endDate,
        keywords: [...T.archive.keywords],
        appraisalRule: rules.appraisalRule,
        accessRule: rules.accessRule,
        files: [
          { name: `proces-verbal-${s.id}.pdf`, size: pdf.byteLength, sha512: await sha512Hex(pdf), bytes: pdf },
          { name: `proces-verbal-${s.id}.json`, size: json.byteLength, sha512: await sha512Hex(json), bytes: json },
        ],
      },
    ],
  };
}

/**
 * One delivery attempt of a sitting's minutes. Returns the transfer row as it stands after it.
 * Never throws for a failed deposit: the failure is recorded (and journalled) for the next try.
 */
export async function transferMinutes(env: CouncilBindings, db: Db, tenantId: string, sittingId: string): Promise<TransferRow | null> {
  const [row] = await db.withTenant(tenantId, (tx) =>
    tx.select().from(councilMinutesTransfers).where(eq(councilMinutesTransfers.sittingId, sittingId)).limit(1),
  );
  if (!row || row.status === "deposited") return row ?? null;
  const ctx = systemCtx({ id: tenantId }, actorOf(row.closedBy), sittingId);
  try {
    const [tenant] = await db.reference((tx) => tx.select().from(tenants).where(eq(tenants.id, tenantId)).limit(1));
    const [s] = await db.withTenant(tenantId, (tx) => tx.select().from(councilSittings).where(eq(councilSittings.id, sittingId)).limit(1));
    if (!tenant || !s || s.status !== "closed" || !s.minutesKey) throw new Error(T.archive.notClosed);
    if (!env.ARCHIVE) throw new Error(T.archive.noBinding);
    const t: Tenant = {
      id: tenant.id,
      slug: tenant.slug,
      kind: tenant.kind as Tenant["kind"],
      name: tenant.name,
      siren: tenant.siren,
      insee: tenant.insee ?? null,
      parentId: tenant.parentId ?? null,
    };
    const receipt = rpcValue(await env.ARCHIVE.deposit(t, await minutesPackage(env, t, s), ctx.actor));
    if (receipt.status !== "accepted" || !receipt.seal) throw new Error(T.archive.notSealed(receipt.reference));
    return await db.write(ctx, async (tx, journal) => {
      const [done] = await tx
        .update(councilMinutesTransfers)
        .set({
          status: "deposited",
          attempts: sql`${councilMinutesTransfers.attempts} + 1`,
          lastError: null,
          lastAttemptAt: new Date(),
          depositId: receipt.id,
          depositReference: receipt.reference,
          unitReference: receipt.units[0]?.reference ?? null,
          sealSeq: receipt.seal!.seq,
          depositedAt: new Date(),
        })
        .where(and(eq(councilMinutesTransfers.sittingId, sittingId), eq(councilMinutesTransfers.status, "pending")))
        .returning();
      await journal({
        action: "council.minutes.archive",
        target: `council_sittings/${sittingId}`,
        summary: { deposit: receipt.reference, unit: receipt.units[0]?.reference, sealSeq: receipt.seal!.seq, finalAction: receipt.units[0]?.finalAction },
      });
      return done ?? (await tx.select().from(councilMinutesTransfers).where(eq(councilMinutesTransfers.sittingId, sittingId)))[0];
    });
  } catch (err) {
    // What the archive said: its French detail and, for a refused package, each field's reason.
    const fields = err instanceof AppError && err.fieldErrors?.length ? ` (${err.fieldErrors.map((f) => `${f.path} : ${f.message}`).join(" ; ")})` : "";
    const message = `${err instanceof Error ? err.message : String(err)}${fields}`.slice(0, 500);
    log("error", "versement du procès-verbal aux archives impossible", { sittingId, error: message });
    return db.write(ctx, async (tx, journal) => {
      const attempts = row.attempts + 1;
      const [failed] = await tx
        .update(councilMinutesTransfers)
        .set({ attempts, lastError: message, lastAttemptAt: new Date(), nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)) })
        .where(and(eq(councilMinutesTransfers.sittingId, sittingId), eq(councilMinutesTransfers.status, "pending")))
        .returning();
      await journal({ action: "council.minutes.archive.failed", target: `council_sittings/${sittingId}`, summary: { attempts, error: message } });
      return failed ?? null;
    });
  }
}

/** The cron's pass: every transfer due, tenant by tenant (row-level security), oldest first. */
export async function retryDueTransfers(env: CouncilBindings, db: Db, now = new Date()): Promise<{ tried: number; deposited: number }> {
  const all = await db.reference((tx) => tx.select({ id: tenants.id }).from(tenants));
  let tried = 0;
  let deposited = 0;
  for (const t of all) {
    const due = await db.withTenant(t.id, (tx) =>
      tx
        .select({ sittingId: councilMinutesTransfers.sittingId })
        .from(councilMinutesTransfers)
        .where(and(eq(councilMinutesTransfers.tenantId, t.id), eq(councilMinutesTransfers.status, "pending"), lte(councilMinutesTransfers.nextAttemptAt, now)))
        .orderBy(asc(councilMinutesTransfers.nextAttemptAt))
        .limit(20),
    );
    for (const d of due) {
      tried++;
      if ((await transferMinutes(env, db, t.id, d.sittingId))?.status === "deposited") deposited++;
    }
  }
  return { tried, deposited };
}

/** The transfer as the secretariat sees it on the sitting. */
export function transferView(r: TransferRow | undefined) {
  if (!r) return null;
  return {
    status: r.status,
    messageIdentifier: messageIdentifierOf(r.sittingId),
    attempts: r.attempts,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: r.status === "pending" ? r.nextAttemptAt.toISOString() : null,
    depositReference: r.depositReference,
    unitReference: r.unitReference,
    sealSeq: r.sealSeq,
    depositedAt: r.depositedAt?.toISOString() ?? null,
  };
}
