/**
 * Signed checkpoints of a hash chain, anchored outside the database (ADR 0020).
 *
 * A hash chain alone cannot show that its last entries were removed, and an unkeyed one can be
 * recomputed by whoever rewrites its table. A checkpoint is the chain's head — (chain, tenant,
 * seq, hash, time) — signed with an Ed25519 key the database never sees. It is kept twice: in the
 * database (next to the chain) and as an object in R2 under `anchors/<chain>/<tenant>/`, a prefix
 * that production puts under an R2 bucket lock (no overwrite, no deletion before the retention
 * period). Verification checks every checkpoint's signature, that the recomputed chain passes
 * through each checkpoint's hash at its seq (a rewrite), and that the chain still reaches the
 * newest checkpoint's seq (a truncation) — the newest being read from R2, so deleting the
 * database's checkpoint rows together with the tail is found too. Entries after the newest
 * checkpoint are not protected against truncation.
 */
import type { Signer } from "./signing.ts";

export type ChainName = "audit" | "archive";

/** What checkpoints need of an R2 bucket (the binding's own methods; core stays runtime-neutral). */
export interface AnchorBucket {
  put(key: string, value: string, options: { onlyIf: { etagDoesNotMatch: string }; httpMetadata: { contentType: string } }): Promise<unknown>;
  list(options: { prefix: string; limit: number }): Promise<{ objects: Array<{ key: string }> }>;
  get(key: string): Promise<{ text(): Promise<string> } | null>;
}

export interface Checkpoint {
  chain: ChainName;
  tenantId: string;
  seq: number;
  /** The entry's hash at `seq`, lowercase hexadecimal. */
  hash: string;
  /** When the checkpoint was made (ISO 8601, UTC). */
  at: string;
  keyId: string;
  /** Ed25519 signature (base64) of `checkpointText`. */
  signature: string;
}

/** The exact text signed: one field a line, prefixed by a version tag. */
export const checkpointText = (c: Omit<Checkpoint, "keyId" | "signature">): string =>
  ["communa-checkpoint-v1", c.chain, c.tenantId, String(c.seq), c.hash.toLowerCase(), c.at].join("\n");

export async function signCheckpoint(signer: Signer, c: Omit<Checkpoint, "keyId" | "signature">): Promise<Checkpoint> {
  const signature = await signer.sign(new TextEncoder().encode(checkpointText(c)));
  return { ...c, hash: c.hash.toLowerCase(), keyId: signer.keyId, signature };
}

/** True when the checkpoint is signed by a key `signer` trusts (current or retired). */
export async function checkpointHolds(signer: Signer, c: Checkpoint): Promise<boolean> {
  const check = signer.verifierFor(c.keyId);
  return !!check && (await check(new TextEncoder().encode(checkpointText(c)), c.signature));
}

/** Prefix of a tenant's anchors for one chain. */
export const anchorPrefix = (chain: ChainName, tenantId: string) => `anchors/${chain}/${tenantId}/`;

/**
 * Key of an anchor: the seq is stored inverted and zero-padded, so R2's lexicographic listing
 * returns the newest (highest seq) first and one `list({ limit: 1 })` finds it.
 */
export const anchorKey = (c: Pick<Checkpoint, "chain" | "tenantId" | "seq">) =>
  `${anchorPrefix(c.chain, c.tenantId)}${String(10 ** 15 - c.seq).padStart(16, "0")}.json`;

/** Writes the anchor once (create-only: an anchor is never overwritten). */
export async function writeAnchor(bucket: AnchorBucket, c: Checkpoint): Promise<string> {
  const key = anchorKey(c);
  await bucket.put(key, JSON.stringify(c), { onlyIf: { etagDoesNotMatch: "*" }, httpMetadata: { contentType: "application/json" } });
  return key;
}

/** The newest anchor of a tenant's chain in R2, or null when none was written. Unreadable → a checkpoint that cannot verify. */
export async function newestAnchor(bucket: AnchorBucket, chain: ChainName, tenantId: string): Promise<Checkpoint | null> {
  const listed = await bucket.list({ prefix: anchorPrefix(chain, tenantId), limit: 1 });
  const first = listed.objects[0];
  if (!first) return null;
  const obj = await bucket.get(first.key);
  if (!obj) return null;
  const seq = 10 ** 15 - Number(first.key.slice(anchorPrefix(chain, tenantId).length, -".json".length));
  try {
    const c = JSON.parse(await obj.text()) as Checkpoint;
    // The key's seq is what orders anchors: a body claiming another seq does not verify.
    return { ...c, seq: c.seq === seq ? c.seq : Number.NaN };
  } catch {
    return { chain, tenantId, seq, hash: "", at: "", keyId: "", signature: "" };
  }
}

export type CheckpointBreak = { seq: number; reason: "checkpoint" | "truncated" | "checkpoint-signature" };

/**
 * The checks a chain walker applies: `at(seq, hash)` for each entry in order, then `end(lastSeq)`.
 * Checkpoints must have been verified (signature) before; see `verifyCheckpoints`.
 */
export function checkpointGuard(checkpoints: Array<Pick<Checkpoint, "seq" | "hash">>) {
  const bySeq = new Map<number, Set<string>>();
  for (const c of checkpoints) bySeq.set(c.seq, new Set([...(bySeq.get(c.seq) ?? []), c.hash.toLowerCase()]));
  const newest = checkpoints.reduce((n, c) => Math.max(n, c.seq), 0);
  return {
    newest,
    /** A break when the entry at `seq` is not the one a checkpoint recorded. */
    at(seq: number, hash: string): CheckpointBreak | null {
      const want = bySeq.get(seq);
      if (!want) return null;
      for (const h of want) if (h !== hash.toLowerCase()) return { seq, reason: "checkpoint" };
      return null;
    },
    /** A break when the chain ends before the newest checkpoint. */
    end(lastSeq: number): CheckpointBreak | null {
      return lastSeq < newest ? { seq: lastSeq + 1, reason: "truncated" } : null;
    },
  };
}

/** The first checkpoint that is not a signed head of this tenant's chain, or null. */
export async function verifyCheckpoints(signer: Signer, chain: ChainName, tenantId: string, checkpoints: Checkpoint[]): Promise<CheckpointBreak | null> {
  for (const c of checkpoints) {
    if (!Number.isSafeInteger(c.seq) || c.chain !== chain || c.tenantId !== tenantId || !(await checkpointHolds(signer, c)))
      return { seq: Number.isSafeInteger(c.seq) ? c.seq : 0, reason: "checkpoint-signature" };
  }
  return null;
}
