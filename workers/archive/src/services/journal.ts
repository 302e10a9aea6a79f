/**
 * The sealed journal of archive operations (NF Z42-013 "journal des événements"), one chain per
 * tenant. Each entry's hash = SHA-256(canonical text ‖ previous hash); the hash is signed with the
 * platform's Ed25519 key, and the canonical text carries the timestamp, so the signature vouches
 * for when as well as what. The database checks each row links to the last and refuses UPDATE and
 * DELETE; the verifier recomputes everything and names the first link that does not hold.
 */
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { archiveAudits, archiveJournal } from "@communa/db";
import {
  checkpointGuard,
  newestAnchor,
  verifyCheckpoints,
  type Checkpoint,
  type Db,
  type Signer,
  type TrustedContext,
  type Tx,
  type WriteTx,
} from "@communa/core";
import { sha256Hex } from "@communa/core/hash";
import { fromHex } from "@communa/core/bytes";
import type { Certificate } from "pkijs";
import { timestampToken, verifyTimestampToken, type TimestampCheck } from "./tsa.ts";

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
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`archive:${tenantId}`}, 0))`);
}

export interface Sealer {
  signer: Signer;
  tsaUrl?: string;
  /** Gets an RFC 3161 token (base64 DER) for a hash; defaults to asking `tsaUrl`. */
  timestamp?: (sha256: Uint8Array) => Promise<string>;
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
  const tsaToken = sealer.timestamp ? await sealer.timestamp(fromHex(hash)) : sealer.tsaUrl ? await timestampToken(sealer.tsaUrl, fromHex(hash)) : null;
  await tx.insert(archiveJournal).values({ ...row, details: row.details as Record<string, unknown>, hash, signature, keyId: sealer.signer.keyId, tsaToken });
  return { seq: row.seq, hash, at };
}

export type BreakReason = "link" | "hash" | "signature" | "timestamp" | "gap" | "checkpoint" | "truncated" | "checkpoint-signature";

export interface JournalReport {
  ok: boolean;
  checked: number;
  /**
   * The first entry that does not hold, and why: its link to the previous one, its hash, its
   * signature, its RFC 3161 timestamp token (when it has one: see `timestamps`), or a gap; "checkpoint" when the entry at a signed checkpoint's seq is not the one
   * anchored; "truncated" when the chain ends before the newest checkpoint (`id` null);
   * "checkpoint-signature" when a checkpoint itself is not signed by a trusted key.
   */
  firstBroken: { seq: number; id: string | null; reason: BreakReason } | null;
  lastHash: string;
  /** The newest checkpoint the chain was held to (from R2 or the audits), if any. */
  checkpoint?: { seq: number; at: string } | null;
  /**
   * The RFC 3161 tokens stored with the entries checked (imprint = the entry's hash, TSA signature
   * and certificate): how many verified, the last one's TSA time and authority, and the first that
   * failed with its reason.
   */
  timestamps: { verified: number; last: { seq: number; genTime: string; tsa?: string } | null; failed: ({ seq: number } & TimestampCheck) | null };
}

export interface VerifyOptions {
  /** Trust anchors of the timestamp authority (ARCHIVE_TSA_TRUST): without them the token's own certificate is used. */
  tsaTrust?: Certificate[];
}

/**
 * Walks the tenant's whole chain in order (inside `db.withTenant`), page by page. `checkpoints`:
 * signed heads (already checked with `verifyCheckpoints`) the chain must pass through and reach.
 */
export async function verifyJournal(
  tx: Tx,
  tenantId: string,
  signer: Signer,
  checkpoints: Array<Pick<Checkpoint, "seq" | "hash">> = [],
  opts: VerifyOptions = {},
): Promise<JournalReport> {
  const guard = checkpointGuard(checkpoints);
  const timestamps: JournalReport["timestamps"] = { verified: 0, last: null, failed: null };
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
      const broken = (reason: BreakReason) => ({
        ok: false,
        checked: expected - 1,
        firstBroken: { seq: Number(r.seq), id: r.id, reason },
        lastHash: previous,
        timestamps,
      });
      if (Number(r.seq) !== expected) return broken("gap");
      if (r.prevHash !== previous) return broken("link");
      const text = canonical({ ...r, seq: Number(r.seq), at: new Date(r.at) });
      const computed = await sha256Hex(text);
      if (computed !== r.hash) return broken("hash");
      // An entry signed by no key we trust does not verify: hashes alone can be recomputed by
      // whoever rewrites the table; the signature cannot.
      const check = signer.verifierFor(r.keyId);
      if (!check || !(await check(fromHex(r.hash), r.signature))) return broken("signature");
      if (r.tsaToken) {
        // The token timestamps the entry's hash, i.e. the SHA-256 of its canonical text.
        const t = await verifyTimestampToken(r.tsaToken, new TextEncoder().encode(text), opts.tsaTrust);
        if (!t.ok) {
          timestamps.failed = { seq: Number(r.seq), ...t };
          return broken("timestamp");
        }
        timestamps.verified++;
        timestamps.last = { seq: Number(r.seq), genTime: t.genTime!, tsa: t.tsa };
      }
      if (guard.at(expected, r.hash)) return broken("checkpoint");
      previous = r.hash;
      expected++;
    }
    if (rows.length < PAGE) break;
  }
  const cut = guard.end(expected - 1);
  if (cut) return { ok: false, checked: expected - 1, firstBroken: { seq: cut.seq, id: null, reason: "truncated" }, lastHash: previous, timestamps };
  return { ok: true, checked: expected - 1, firstBroken: null, lastHash: previous, timestamps };
}

/** True when a journal row's hash is its own and it is signed by a trusted key. */
export async function entryHolds(r: typeof archiveJournal.$inferSelect, signer: Signer): Promise<boolean> {
  const computed = await sha256Hex(canonical({ ...r, seq: Number(r.seq), at: new Date(r.at) }));
  if (computed !== r.hash) return false;
  const check = signer.verifierFor(r.keyId);
  return !!check && (await check(fromHex(r.hash), r.signature));
}

/** The checkpoints a tenant's sealed journal is held to: the newest anchor in R2 and those the audits kept. */
export async function journalCheckpoints(db: Db, bucket: R2Bucket, tenantId: string): Promise<Checkpoint[]> {
  const anchor = await newestAnchor(bucket, "archive", tenantId);
  const kept = await db.withTenant(tenantId, (tx) =>
    tx
      .select({ checkpoint: archiveAudits.checkpoint })
      .from(archiveAudits)
      .where(and(eq(archiveAudits.tenantId, tenantId), isNotNull(archiveAudits.checkpoint))),
  );
  return [...(anchor ? [anchor] : []), ...kept.map((k) => k.checkpoint as Checkpoint)];
}

/**
 * The whole check of a tenant's sealed journal: every checkpoint's signature, then the chain,
 * held to them (ADR 0020) — a rewrite, and a tail cut before the newest anchor, are named.
 */
export async function checkJournal(db: Db, bucket: R2Bucket, tenantId: string, signer: Signer, opts: VerifyOptions = {}): Promise<JournalReport> {
  const checkpoints = await journalCheckpoints(db, bucket, tenantId);
  const newest = checkpoints.reduce<Checkpoint | null>((n, c) => (!n || c.seq > n.seq ? c : n), null);
  const bad = await verifyCheckpoints(signer, "archive", tenantId, checkpoints);
  if (bad)
    return {
      ok: false,
      checked: 0,
      firstBroken: { seq: bad.seq, id: null, reason: bad.reason },
      lastHash: GENESIS,
      checkpoint: newest && { seq: newest.seq, at: newest.at },
      timestamps: { verified: 0, last: null, failed: null },
    };
  const report = await db.withTenant(tenantId, (tx) => verifyJournal(tx, tenantId, signer, checkpoints, opts));
  return { ...report, checkpoint: newest && { seq: newest.seq, at: newest.at } };
}

/** What the seal of an object's deposit recorded: its SHA-512 and size, and the entry's seq. */
export interface SealedObject {
  sha512: string;
  size: number;
  seq: number;
}

/**
 * The fingerprints sealed at deposit (entries `archive.deposit.accept`), by object id — taken from
 * the signed journal, not from the register's mutable columns. Each entry's hash and signature are
 * checked; `broken` lists deposits whose sealing entry does not hold. `depositIds`: only these.
 */
export async function sealedDigests(
  tx: Tx,
  tenantId: string,
  signer: Signer,
  depositIds?: string[],
): Promise<{ objects: Map<string, SealedObject>; broken: Set<string> }> {
  const objects = new Map<string, SealedObject>();
  const broken = new Set<string>();
  if (depositIds && !depositIds.length) return { objects, broken };
  const where = [eq(archiveJournal.tenantId, tenantId), eq(archiveJournal.action, "archive.deposit.accept")];
  if (depositIds)
    where.push(
      inArray(
        archiveJournal.target,
        depositIds.map((d) => `archive_deposits/${d}`),
      ),
    );
  let after = 0;
  for (;;) {
    const rows = await tx
      .select()
      .from(archiveJournal)
      .where(and(...where, sql`${archiveJournal.seq} > ${after}`))
      .orderBy(asc(archiveJournal.seq))
      .limit(500);
    for (const r of rows) {
      const depositId = r.target.replace(/^archive_deposits\//, "");
      if (!(await entryHolds(r, signer))) {
        broken.add(depositId);
        continue;
      }
      const d = r.details as { units?: Array<{ objects?: Array<{ id: string; sha512: string | null; size: number }> }> };
      for (const u of d.units ?? [])
        for (const o of u.objects ?? []) if (o.sha512) objects.set(o.id, { sha512: o.sha512, size: Number(o.size), seq: Number(r.seq) });
    }
    if (rows.length < 500) break;
    after = Number(rows[rows.length - 1].seq);
  }
  return { objects, broken };
}
