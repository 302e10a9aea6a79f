/**
 * The sealed journal of archive operations (NF Z42-013 "journal des événements"), one chain per
 * tenant. Each entry's hash = SHA-256(canonical text ‖ previous hash); the hash is signed with the
 * platform's Ed25519 key, and the canonical text carries the timestamp, so the signature vouches
 * for when as well as what. The database checks each row links to the last and refuses UPDATE and
 * DELETE; the verifier recomputes everything and names the first link that does not hold.
 */
import { asc, eq, sql } from "drizzle-orm";
import { archiveJournal } from "@communa/db";
import type { TrustedContext, Tx, WriteTx } from "@communa/core";
import { fromHex, sha256Hex } from "./digest.ts";
import type { Signer } from "./signing.ts";
import { timestampToken } from "./tsa.ts";

export const GENESIS = "0".repeat(64);

export interface SealedEntry {
  action: string;
  target: string;
  details?: Record<string, unknown>;
}

/** JSON with keys sorted at every level: the same value always gives the same text. */
export function stableJson(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(",")}}`;
}

interface Row {
  tenantId: string;
  seq: number;
  at: Date;
  actorKind: string;
  actorId: string | null;
  action: string;
  target: string;
  details: unknown;
  prevHash: string;
}

export function canonical(r: Row): string {
  return [r.tenantId, String(r.seq), r.at.toISOString(), r.actorKind, r.actorId ?? "", r.action, r.target, stableJson(r.details), r.prevHash].join("\n");
}

/** Lock the tenant's chain for this transaction (the insert trigger takes the same lock). */
export async function lockChain(tx: WriteTx, tenantId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${"archive:" + tenantId}, 0))`);
}

export interface Sealer {
  signer: Signer;
  tsaUrl?: string;
}

/** Appends a sealed entry in the caller's transaction; returns its seq and hash. */
export async function seal(tx: WriteTx, ctx: TrustedContext, sealer: Sealer, entry: SealedEntry): Promise<{ seq: number; hash: string; at: Date }> {
  await lockChain(tx, ctx.tenant.id);
  const [last] = await tx
    .select({ seq: archiveJournal.seq, hash: archiveJournal.hash })
    .from(archiveJournal)
    .where(eq(archiveJournal.tenantId, ctx.tenant.id))
    .orderBy(sql`${archiveJournal.seq} DESC`)
    .limit(1);
  // Millisecond precision: what the database keeps is exactly what was hashed.
  const at = new Date(Math.floor(Date.now()));
  const row: Row = {
    tenantId: ctx.tenant.id,
    seq: (last?.seq ?? 0) + 1,
    at,
    actorKind: ctx.actor.kind,
    actorId: ctx.actor.kind === "anonymous" ? null : ctx.actor.id,
    action: entry.action,
    target: entry.target,
    details: JSON.parse(stableJson(entry.details ?? {})),
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = await sha256Hex(canonical(row));
  const signature = await sealer.signer.sign(fromHex(hash));
  const tsaToken = sealer.tsaUrl ? await timestampToken(sealer.tsaUrl, fromHex(hash)) : null;
  await tx.insert(archiveJournal).values({ ...row, details: row.details as Record<string, unknown>, hash, signature, keyId: sealer.signer.keyId, tsaToken });
  return { seq: row.seq, hash, at };
}

export interface JournalReport {
  ok: boolean;
  checked: number;
  /** The first entry that does not hold, and why: its link to the previous one, its hash, its signature, or a gap. */
  firstBroken: { seq: number; id: string; reason: "link" | "hash" | "signature" | "gap" } | null;
  lastHash: string;
}

/** Walks the tenant's whole chain in order (inside `db.withTenant`), page by page. */
export async function verifyJournal(tx: Tx, tenantId: string, signer: Signer): Promise<JournalReport> {
  let previous = GENESIS;
  let expected = 1;
  const PAGE = 2000;
  for (;;) {
    const rows = await tx
      .select()
      .from(archiveJournal)
      .where(sql`${archiveJournal.tenantId} = ${tenantId} AND ${archiveJournal.seq} >= ${expected}`)
      .orderBy(asc(archiveJournal.seq))
      .limit(PAGE);
    for (const r of rows) {
      const broken = (reason: "link" | "hash" | "signature" | "gap") => ({ ok: false, checked: expected - 1, firstBroken: { seq: Number(r.seq), id: r.id, reason }, lastHash: previous });
      if (Number(r.seq) !== expected) return broken("gap");
      if (r.prevHash !== previous) return broken("link");
      const computed = await sha256Hex(canonical({ ...r, seq: Number(r.seq), at: new Date(r.at) }));
      if (computed !== r.hash) return broken("hash");
      // An entry signed by no key we trust does not verify: hashes alone can be recomputed by
      // whoever rewrites the table; the signature cannot.
      const check = signer.verifierFor(r.keyId);
      if (!check || !(await check(fromHex(r.hash), r.signature))) return broken("signature");
      previous = r.hash;
      expected++;
    }
    if (rows.length < PAGE) break;
  }
  return { ok: true, checked: expected - 1, firstBroken: null, lastHash: previous };
}
