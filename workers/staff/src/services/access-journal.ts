/**
 * The agent's access journal (CPCE L103: traceability of operations, available to the user):
 * every list, view, download, export and acknowledgement of their safe, by themself or by HR, is
 * appended — hash-chained per agent — in the same transaction as the access. The agent's row is
 * locked while appending, so two accesses never take the same place in the chain; `verifyAccessChain`
 * recomputes every hash (Web Crypto) and names the first entry that does not hold.
 */
import { asc, desc, eq } from "drizzle-orm";
import { staffAccessJournal, staffAgents } from "@communa/db";
import type { Tx, WriteTx } from "@communa/core";
import { sha256Hex } from "@communa/core/hash";

export type AccessAction = "list" | "view" | "download" | "export" | "acknowledge";
export const GENESIS = "0".repeat(64);

export interface AccessLine {
  agentId: string;
  seq: number;
  at: Date;
  actorId: string;
  actorRole: "agent" | "hr";
  action: AccessAction;
  documentId: string | null;
}

export const canonical = (l: AccessLine): string => [l.agentId, l.seq, l.at.toISOString(), l.actorId, l.actorRole, l.action, l.documentId ?? ""].join("|");

export const lineHash = (l: AccessLine, prevHash: string): Promise<string> => sha256Hex(`${canonical(l)}|${prevHash}`);

/** Appends one access per document (or one without document) to the agent's chain. */
export async function recordAccess(
  tx: WriteTx,
  tenantId: string,
  agentId: string,
  who: { actorId: string; actorRole: "agent" | "hr" },
  action: AccessAction,
  documentIds: Array<string | null> = [null],
): Promise<void> {
  await tx.select({ id: staffAgents.id }).from(staffAgents).where(eq(staffAgents.id, agentId)).for("update");
  const [last] = await tx
    .select({ seq: staffAccessJournal.seq, hash: staffAccessJournal.hash })
    .from(staffAccessJournal)
    .where(eq(staffAccessJournal.agentId, agentId))
    .orderBy(desc(staffAccessJournal.seq))
    .limit(1);
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  const at = new Date();
  for (const documentId of documentIds) {
    seq += 1;
    const line: AccessLine = { agentId, seq, at, ...who, action, documentId };
    const hash = await lineHash(line, prev);
    await tx.insert(staffAccessJournal).values({ tenantId, ...line, prevHash: prev, hash });
    prev = hash;
  }
}

export interface JournalEntryOut {
  seq: number;
  at: string;
  actorRole: "agent" | "hr";
  action: AccessAction;
  documentId: string | null;
  hash: string;
}

/** The agent's journal and whether its chain holds (the first broken entry, if any). */
export async function readAccessJournal(tx: Tx | WriteTx, agentId: string): Promise<{ entries: JournalEntryOut[]; intact: boolean; brokenAt: number | null }> {
  const rows = await tx.select().from(staffAccessJournal).where(eq(staffAccessJournal.agentId, agentId)).orderBy(asc(staffAccessJournal.seq));
  const brokenAt = await verifyAccessChain(rows);
  return {
    entries: rows.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actorRole: r.actorRole, action: r.action, documentId: r.documentId, hash: r.hash })),
    intact: brokenAt === null,
    brokenAt,
  };
}

export async function verifyAccessChain(rows: Array<AccessLine & { prevHash: string; hash: string }>): Promise<number | null> {
  let prev = GENESIS;
  let seq = 0;
  for (const r of rows) {
    seq += 1;
    if (r.seq !== seq || r.prevHash !== prev || (await lineHash(r, prev)) !== r.hash) return r.seq;
    prev = r.hash;
  }
  return null;
}
