/**
 * Baseline (b): one `SELECT 1` per request through `openDb` from @communa/core — the same driver,
 * relay and per-request connection as the domain Workers, without gateway, tenant or transaction.
 */
import { openDb, type DbEnv } from "@communa/core";

export default {
  async fetch(_req: Request, env: DbEnv, ctx: ExecutionContext): Promise<Response> {
    const db = openDb(env);
    try {
      await db.ping();
      return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
    } finally {
      ctx.waitUntil(db.close());
    }
  },
};
