/**
 * Baseline (b): one `SELECT 1` per request through the same driver with a new connection per
 * request — `createPool` from @communa/core, the Pool over WebSocket the platform uses for writes —
 * without gateway, tenant or transaction.
 */
import { createPool, type DbEnv } from "@communa/core";

export default {
  async fetch(_req: Request, env: DbEnv, ctx: ExecutionContext): Promise<Response> {
    const pool = createPool(env.DATABASE_URL, env.NEON_WS_PROXY);
    try {
      await pool.query("SELECT 1");
      return new Response('{"ok":true}', { headers: { "content-type": "application/json" } });
    } finally {
      ctx.waitUntil(pool.end());
    }
  },
};
