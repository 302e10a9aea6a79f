/**
 * The platform audit journal's signed checkpoints (ADR 0020). The chain itself (ADR 0007) is an
 * unkeyed SHA-256 chain written by every domain Worker through `db.write`; whoever owns the
 * database can rewrite it and recompute it, or cut its tail. Only this Worker holds the signing
 * key (`JOURNAL_SIGNING_KEY`): it signs the chain's head (tenant, seq, hash, time) on each
 * verification, once a day for every tenant, and every ten minutes for a tenant whose chain grew
 * by CHECKPOINT_EVERY entries since its last checkpoint. Each checkpoint is kept in
 * `audit_checkpoints` and anchored in R2 (`JOURNAL_ANCHORS`, under a bucket lock in production).
 *
 * Verification checks every checkpoint's signature, that the recomputed chain passes through each
 * checkpoint's hash at its seq (a rewrite is named "checkpoint"), and that it still reaches the
 * newest checkpoint — read from R2, so deleting the checkpoint rows with the tail is found too
 * ("truncated"). Not protected: entries written after the newest checkpoint.
 */
import { desc, eq } from "drizzle-orm";
import { auditCheckpoints, auditJournal, tenants } from "@communa/db";
import {
  anchorKey,
  log,
  newestAnchor,
  requestId,
  signCheckpoint,
  signerOf,
  verifyChain,
  verifyCheckpoints,
  writeAnchor,
  type ChainReport,
  type Checkpoint,
  type Db,
  type Signer,
  type Tenant,
  type TrustedContext,
} from "@communa/core";
import type { IdentityBindings } from "../env.ts";
import { toHex } from "@communa/core/bytes";

/** A tenant whose chain grew by this many entries since its last checkpoint gets one at the next run. */
export const CHECKPOINT_EVERY = 100;

export type CheckpointReason = "verify" | "daily" | "entries";

export interface JournalVerification extends Omit<ChainReport, "firstBroken"> {
  firstBroken: { seq: number; id: string | null; reason: NonNullable<ChainReport["firstBroken"]>["reason"] | "checkpoint-signature" } | null;
  /** The newest signed checkpoint the chain was held to (R2 anchor or database). */
  checkpoint: { seq: number; at: string } | null;
}

export const journalSigner = (env: IdentityBindings): Promise<Signer> => signerOf(env.JOURNAL_SIGNING_KEY, env.JOURNAL_PREVIOUS_KEYS);

const rowToCheckpoint = (tenantId: string, r: typeof auditCheckpoints.$inferSelect): Checkpoint => ({
  chain: "audit",
  tenantId,
  seq: Number(r.seq),
  hash: r.hash,
  at: new Date(r.at).toISOString(),
  keyId: r.keyId,
  signature: r.signature,
});

/** The checkpoints of a tenant's chain: those in the database and the newest anchor in R2. */
async function checkpointsOf(db: Db, env: IdentityBindings, tenantId: string): Promise<Checkpoint[]> {
  const anchor = await newestAnchor(env.JOURNAL_ANCHORS, "audit", tenantId);
  const rows = await db.withTenant(tenantId, (tx) => tx.select().from(auditCheckpoints).where(eq(auditCheckpoints.tenantId, tenantId)));
  return [...(anchor ? [anchor] : []), ...rows.map((r) => rowToCheckpoint(tenantId, r))];
}

/** Verifies a tenant's journal against every signed checkpoint (see the module comment). */
export async function verifyJournal(db: Db, env: IdentityBindings, tenantId: string): Promise<JournalVerification> {
  const signer = await journalSigner(env);
  const checkpoints = await checkpointsOf(db, env, tenantId);
  const newest = checkpoints.reduce<Checkpoint | null>((n, c) => (!n || c.seq > n.seq ? c : n), null);
  const summary = newest && { seq: newest.seq, at: newest.at };
  const bad = await verifyCheckpoints(signer, "audit", tenantId, checkpoints);
  if (bad) return { ok: false, checked: 0, firstBroken: { seq: bad.seq, id: null, reason: bad.reason }, head: { seq: 0, hash: "" }, checkpoint: summary };
  const report = await db.withTenant(tenantId, (tx) => verifyChain(tx, checkpoints));
  return { ...report, checkpoint: summary };
}

const systemContext = (tenant: Tenant): TrustedContext => ({
  tenant,
  actor: { kind: "api-key", id: "systeme:point-de-controle-journal", permissions: [] },
  requestId: requestId(),
});

/**
 * Signs the chain's head, in the database and in R2. The checkpoint's own journal entry is written
 * first, in the same transaction, so the head signed includes it (the next check finds nothing
 * new). Nothing is made when the head is already checkpointed. Call only on a chain that verified.
 */
export async function checkpointJournal(db: Db, env: IdentityBindings, ctx: TrustedContext, reason: CheckpointReason): Promise<Checkpoint | null> {
  const t = ctx.tenant.id;
  const [head] = await db.withTenant(t, (tx) =>
    tx.select({ seq: auditJournal.seq }).from(auditJournal).where(eq(auditJournal.tenantId, t)).orderBy(desc(auditJournal.seq)).limit(1),
  );
  const [last] = await db.withTenant(t, (tx) =>
    tx.select({ seq: auditCheckpoints.seq }).from(auditCheckpoints).where(eq(auditCheckpoints.tenantId, t)).orderBy(desc(auditCheckpoints.seq)).limit(1),
  );
  if (!head || (last && Number(last.seq) >= Number(head.seq))) return null;
  const signer = await journalSigner(env);
  const checkpoint = await db.write(ctx, async (tx, journal) => {
    await journal({ action: "identity.journal.checkpoint", target: "audit_journal", summary: { reason, after: Number(head.seq) } });
    const [top] = await tx
      .select({ seq: auditJournal.seq, hash: auditJournal.hash })
      .from(auditJournal)
      .where(eq(auditJournal.tenantId, t))
      .orderBy(desc(auditJournal.seq))
      .limit(1);
    const hash = toHex(top.hash);
    const c = await signCheckpoint(signer, { chain: "audit", tenantId: t, seq: Number(top.seq), hash, at: new Date(Math.floor(Date.now())).toISOString() });
    await tx
      .insert(auditCheckpoints)
      .values({ tenantId: t, seq: c.seq, hash: c.hash, at: new Date(c.at), keyId: c.keyId, signature: c.signature, reason, anchorKey: anchorKey(c) });
    return c;
  });
  // After the commit: an anchor never names an entry that was rolled back.
  await writeAnchor(env.JOURNAL_ANCHORS, checkpoint);
  return checkpoint;
}

/** Verification then, when the chain holds, a checkpoint of its head (GET /journal/verify). */
export async function verifyAndCheckpoint(db: Db, env: IdentityBindings, ctx: TrustedContext): Promise<JournalVerification> {
  const report = await verifyJournal(db, env, ctx.tenant.id);
  if (!report.ok) {
    log("error", "journal d’audit rompu", { tenant: ctx.tenant.slug, firstBroken: report.firstBroken });
    return report;
  }
  const made = await checkpointJournal(db, env, ctx, "verify");
  return made ? { ...report, checkpoint: { seq: made.seq, at: made.at } } : report;
}

/**
 * One tenant's scheduled checkpoint: "daily" when its chain moved since its last checkpoint,
 * "entries" when it grew by CHECKPOINT_EVERY entries or more. The chain is verified first; a
 * broken one is logged, not signed. Returns what happened.
 */
export async function checkpointIfDue(db: Db, env: IdentityBindings, tenant: Tenant, reason: "daily" | "entries"): Promise<"made" | "broken" | "none"> {
  const [head] = await db.withTenant(tenant.id, (tx) =>
    tx.select({ seq: auditJournal.seq }).from(auditJournal).where(eq(auditJournal.tenantId, tenant.id)).orderBy(desc(auditJournal.seq)).limit(1),
  );
  const [last] = await db.withTenant(tenant.id, (tx) =>
    tx
      .select({ seq: auditCheckpoints.seq })
      .from(auditCheckpoints)
      .where(eq(auditCheckpoints.tenantId, tenant.id))
      .orderBy(desc(auditCheckpoints.seq))
      .limit(1),
  );
  const grown = Number(head?.seq ?? 0) - Number(last?.seq ?? 0);
  if (grown <= 0 || (reason === "entries" && grown < CHECKPOINT_EVERY)) return "none";
  const report = await verifyJournal(db, env, tenant.id);
  if (!report.ok) {
    log("error", "journal d’audit rompu", { tenant: tenant.slug, firstBroken: report.firstBroken });
    return "broken";
  }
  return (await checkpointJournal(db, env, systemContext(tenant), reason)) ? "made" : "none";
}

/** Cron: every tenant in turn (see `checkpointIfDue`); one tenant's failure does not stop the others. */
export async function scheduledCheckpoints(db: Db, env: IdentityBindings, reason: "daily" | "entries"): Promise<{ made: number; broken: number }> {
  const all = await db.reference((tx) => tx.select().from(tenants));
  let made = 0;
  let broken = 0;
  for (const t of all) {
    const tenant: Tenant = {
      id: t.id,
      slug: t.slug,
      kind: t.kind as Tenant["kind"],
      name: t.name,
      siren: t.siren,
      insee: t.insee ?? null,
      parentId: t.parentId ?? null,
    };
    try {
      const r = await checkpointIfDue(db, env, tenant, reason);
      if (r === "made") made++;
      if (r === "broken") broken++;
    } catch (error) {
      log("error", "point de contrôle du journal impossible", { tenant: t.slug, error });
    }
  }
  return { made, broken };
}
