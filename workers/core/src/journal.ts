/**
 * Audit journal: append an entry in the caller's transaction, and verify a tenant's chain.
 * The database computes seq and hashes (migration 0003); the verifier recomputes every hash here,
 * with Web Crypto, so a row changed by hand — even by someone who can run SQL — is found. The
 * chain is unkeyed: against a rewrite recomputed from the changed row on, or a cut tail, the
 * verifier also takes the identity Worker's signed checkpoints (ADR 0020).
 */
import { sql } from "drizzle-orm";
import { checkpointGuard, type Checkpoint } from "./checkpoint.ts";
import { auditJournal } from "@communa/db";
import type { TrustedContext } from "./context.ts";
import type { JournalEntry, Tx, WriteTx } from "./db.ts";
import { redact } from "./log.ts";
import { fromHex, toHex } from "./bytes.ts";
import { sha256 } from "./hash.ts";

export async function appendJournal(tx: WriteTx, ctx: TrustedContext, entry: JournalEntry): Promise<void> {
  const actorId = ctx.actor.kind === "anonymous" ? null : ctx.actor.id;
  await tx.insert(auditJournal).values({
    tenantId: ctx.tenant.id,
    actorKind: ctx.actor.kind,
    actorId,
    action: entry.action,
    target: entry.target,
    requestId: ctx.requestId,
    summary: redact(entry.summary ?? {}) as Record<string, unknown>,
    // Filled by the database trigger; these placeholders are overwritten.
    seq: 0,
    prevHash: new Uint8Array(),
    hash: new Uint8Array(),
  });
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /**
   * The first entry that does not hold, and why: its hash, its link, a gap; "checkpoint" when the
   * entry at a signed checkpoint's seq is not the one signed (history rewritten); "truncated"
   * when the chain ends before the newest checkpoint (entries removed; `id` is then null).
   */
  firstBroken: { seq: number; id: string | null; reason: "hash" | "link" | "gap" | "checkpoint" | "truncated" } | null;
  /** The last entry verified (seq 0 for an empty chain). */
  head: { seq: number; hash: string };
}

function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === "string" && v.startsWith("\\x")) {
    return fromHex(v.slice(2));
  }
  throw new Error("bytea inattendu");
}

/**
 * Walks the tenant's whole chain in order (call inside `db.withTenant`). `checkpoints`: signed
 * heads whose signatures the caller has checked (`verifyCheckpoints`).
 */
export async function verifyChain(tx: Tx, checkpoints: Array<Pick<Checkpoint, "seq" | "hash">> = []): Promise<ChainReport> {
  const guard = checkpointGuard(checkpoints);
  const rows = (await tx.execute(sql`SELECT id, seq, prev_hash, hash, app.audit_canonical(j) AS canonical FROM audit_journal j ORDER BY seq`)).rows as Array<{
    id: string;
    seq: string | number;
    prev_hash: unknown;
    hash: unknown;
    canonical: string;
  }>;
  let previous: Uint8Array = new Uint8Array(32);
  let expectedSeq = 1;
  for (const row of rows) {
    const seq = Number(row.seq);
    const prev = bytesOf(row.prev_hash);
    const hash = bytesOf(row.hash);
    const head = { seq: expectedSeq - 1, hash: toHex(previous) };
    if (seq !== expectedSeq) return { ok: false, checked: expectedSeq - 1, firstBroken: { seq, id: row.id, reason: "gap" }, head };
    if (toHex(prev) !== toHex(previous)) return { ok: false, checked: seq - 1, firstBroken: { seq, id: row.id, reason: "link" }, head };
    const text = new TextEncoder().encode(row.canonical);
    const input = new Uint8Array(text.length + prev.length);
    input.set(text);
    input.set(prev, text.length);
    const computed = await sha256(input);
    if (toHex(computed) !== toHex(hash)) return { ok: false, checked: seq - 1, firstBroken: { seq, id: row.id, reason: "hash" }, head };
    if (guard.at(seq, toHex(hash))) return { ok: false, checked: seq - 1, firstBroken: { seq, id: row.id, reason: "checkpoint" }, head };
    previous = hash;
    expectedSeq++;
  }
  const head = { seq: expectedSeq - 1, hash: toHex(previous) };
  const cut = guard.end(head.seq);
  if (cut) return { ok: false, checked: head.seq, firstBroken: { seq: cut.seq, id: null, reason: "truncated" }, head };
  return { ok: true, checked: rows.length, firstBroken: null, head };
}
