/** What every archive service verb receives: the request's database, caller and bindings. */
import { parisYear, type Db, type TrustedContext, type WriteTx } from "@communa/core";
import { sql } from "drizzle-orm";
import type { ArchiveBindings } from "../env.ts";
import { signerOf } from "./signing.ts";
import type { Sealer } from "./journal.ts";

export interface ArchiveDeps {
  db: Db;
  ctx: TrustedContext;
  env: ArchiveBindings;
}

export async function sealerOf(env: ArchiveBindings): Promise<Sealer> {
  return { signer: await signerOf(env.ARCHIVE_SIGNING_KEY, env.ARCHIVE_PREVIOUS_KEYS), tsaUrl: env.ARCHIVE_TSA_URL };
}

/** The archival agency named in SEDA messages: configured, or the tenant itself (by SIREN). */
export const archivalAgency = (env: ArchiveBindings, ctx: TrustedContext) => env.ARCHIVE_AGENCY_NAME ?? `SIREN ${ctx.tenant.siren}`;

export const actorId = (ctx: TrustedContext) => (ctx.actor.kind === "anonymous" ? "anonyme" : `${ctx.actor.kind}:${ctx.actor.id}`);

/**
 * Next human reference of a kind for this year, e.g. "ARC-2026-00042". Call after `lockChain`:
 * the tenant's archive lock makes the count and the insert atomic.
 */
export async function nextReference(tx: WriteTx, table: "archive_units" | "archive_deposits" | "archive_disposals", prefix: string): Promise<string> {
  const year = parisYear();
  const like = `${prefix}-${year}-%`;
  const rows = (await tx.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE reference LIKE ${like}`)).rows as Array<{ n: number }>;
  return `${prefix}-${year}-${String(Number(rows[0].n) + 1).padStart(5, "0")}`;
}
