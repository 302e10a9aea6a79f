/**
 * The one database client factory. Workers reach Postgres with @neondatabase/serverless over
 * WebSocket — Neon's proxy in production, the project's relay locally (NEON_WS_PROXY) — so the
 * code path is the same everywhere. A Worker cannot share a socket between requests: each request
 * opens its pool and closes it when the response is sent.
 */
import { Pool, neonConfig } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { NeonDatabase } from "drizzle-orm/neon-serverless";
import { sql } from "drizzle-orm";
import { schema } from "@communa/db";
import { conflict, forbidden, unavailable } from "./errors.ts";

export type Schema = typeof schema;
export type Tx = Parameters<Parameters<NeonDatabase<Schema>["transaction"]>[0]>[0];

export interface DbEnv {
  /** Application-role connection string (secret). */
  DATABASE_URL: string;
  /** Local only: "host:port" of the WebSocket relay standing in for Neon's proxy. */
  NEON_WS_PROXY?: string;
}

export interface Db {
  /** Runs `fn` in a transaction scoped to `tenantId`: RLS sees only what that tenant may see. */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `fn` in a transaction with no tenant: only reference data (tenants, communes) is visible. */
  reference<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Checks the connection (health endpoint). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

let configuredProxy: string | undefined | null = null;

function configure(proxy: string | undefined): void {
  if (configuredProxy === proxy) return;
  configuredProxy = proxy;
  if (proxy) {
    neonConfig.wsProxy = (host, port) => `${proxy}/v1?address=${host}:${port}`;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
}

/** The per-request database handle. Pass `close()` to `waitUntil` once the response is ready. */
export function openDb(env: DbEnv): Db {
  if (!env.DATABASE_URL) throw unavailable("Base de données non configurée (DATABASE_URL).");
  configure(env.NEON_WS_PROXY);
  // Opened on first use, so a request that needs no data pays no connection.
  let pool: Pool | undefined;
  let db: NeonDatabase<Schema> | undefined;
  const open = () => {
    if (!pool) {
      pool = new Pool({ connectionString: env.DATABASE_URL, max: 1 });
      // A broken socket must surface as the request's error, not as an unhandled event.
      pool.on("error", () => {});
      db = drizzle(pool, { schema });
    }
    return { pool, db: db! };
  };
  const run = async <T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> => {
    try {
      return await open().db.transaction(async (tx) => {
        await tx.execute(sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`);
        return fn(tx);
      });
    } catch (err) {
      throw translateDbError(err);
    }
  };
  return {
    withTenant: (tenantId, fn) => run(tenantId, fn),
    reference: (fn) => run("", fn),
    ping: async () => {
      try {
        await open().pool.query("SELECT 1");
      } catch (err) {
        throw unavailable("La base de données ne répond pas.", err);
      }
    },
    close: async () => {
      await pool?.end().catch(() => {});
    },
  };
}

/** Connection failures are "unavailable" (503); everything else keeps its own meaning. */
function translateDbError(err: unknown): unknown {
  // drizzle wraps the driver's error (which carries the SQLSTATE) in its own.
  const pgErr = err instanceof Error && err.cause && typeof err.cause === "object" ? err.cause : err;
  if (pgErr && typeof pgErr === "object" && "code" in pgErr) {
    const code = String((pgErr as { code: unknown }).code);
    if (code.startsWith("08") || code === "57P01" || code === "53300") return unavailable(undefined, err);
    // Row-level security refused the row: another tenant's data.
    if (code === "42501") return forbidden("Cette donnée appartient à une autre collectivité.");
    if (code === "23505") return conflict("Cette ressource existe déjà.");
  }
  if (pgErr instanceof Error && /WebSocket|ECONNREFUSED|Connection terminated|connection lost/i.test(pgErr.message)) {
    return unavailable(undefined, err);
  }
  return err;
}
