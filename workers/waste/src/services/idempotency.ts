/**
 * Idempotent writes for clients that resend (the field tablet's offline queue): the first result
 * for a key is stored in the same transaction as the write, and returned again for the same key.
 */
import { and, eq, sql } from "drizzle-orm";
import { wasteIdempotency } from "@communa/db";
import { conflict, type Db, type Journal, type TrustedContext, type WriteTx } from "@communa/core";
import { m } from "../messages.fr.ts";

class AlreadyDone extends Error {}

async function stored<T>(db: Db, ctx: TrustedContext, key: string, operation: string): Promise<T | undefined> {
  const [row] = await db.withTenant(ctx.tenant.id, (tx) =>
    tx
      .select()
      .from(wasteIdempotency)
      .where(and(eq(wasteIdempotency.tenantId, ctx.tenant.id), eq(wasteIdempotency.key, key))),
  );
  if (!row) return undefined;
  if (row.operation !== operation) throw conflict(m.idempotencyReused);
  return row.result as T;
}

/**
 * Runs `fn` in a write transaction once per `key` (when given). A resend gets the first answer;
 * two concurrent sends of the same key: the second waits on the first's row, then gets its answer.
 */
export async function writeOnce<T>(
  db: Db,
  ctx: TrustedContext,
  key: string | undefined,
  operation: string,
  fn: (tx: WriteTx, journal: Journal) => Promise<T>,
): Promise<T> {
  if (!key) return db.write(ctx, fn);
  const before = await stored<T>(db, ctx, key, operation);
  if (before !== undefined) return before;
  try {
    return await db.write(ctx, async (tx, journal) => {
      const claimed = await tx
        .insert(wasteIdempotency)
        .values({ tenantId: ctx.tenant.id, key, operation, status: 0, result: {} })
        .onConflictDoNothing()
        .returning({ key: wasteIdempotency.key });
      if (!claimed.length) throw new AlreadyDone();
      const result = await fn(tx, journal);
      await tx
        .update(wasteIdempotency)
        .set({ status: 200, result: sql`${JSON.stringify(result ?? null)}::jsonb` })
        .where(and(eq(wasteIdempotency.tenantId, ctx.tenant.id), eq(wasteIdempotency.key, key)));
      return result;
    });
  } catch (err) {
    if (!(err instanceof AlreadyDone)) throw err;
    const after = await stored<T>(db, ctx, key, operation);
    if (after === undefined) throw err;
    return after;
  }
}
