/**
 * How the consumers reach Postgres: Neon's SQL over HTTP, one HTTP round trip per batch and tenant
 * (one call of an ingest function that sets the tenant for RLS and writes the batch; or, for dead
 * letters, a transaction that sets the tenant, then one multi-row statement). No connection to open per
 * batch, which a Worker could not keep between invocations anyway (ADR 0016). The driver is
 * configured for the environment (Neon's proxy, or the local relay) by `openDb`, the project's one
 * client factory; the `Db` it returns has no unjournalled write, and events are facts reported by
 * devices, not agents' changes, so they do not go to the audit journal.
 */
import { neon, type NeonQueryFunction, type NeonQueryPromise } from "@neondatabase/serverless";
import { openDb, type DbEnv } from "@communa/core";
import { isUuid } from "@communa/core/ids";

export interface IngestStore {
  /**
   * One statement, in its own implicit transaction: for the ingest functions, which set the tenant
   * themselves (one round trip to Postgres per batch).
   */
  once(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  /**
   * Runs `queries` in one transaction scoped to `tenantId` (RLS), with lock and statement time
   * limits so a stuck database makes the batch retry instead of hanging the consumer.
   */
  inTenant(tenantId: string, queries: (sql: NeonQueryFunction<false, false>) => NeonQueryPromise<false, false>[]): Promise<Record<string, unknown>[][]>;
}

export function ingestStore(env: DbEnv): IngestStore {
  // Configures the driver (proxy address) exactly as every other database access does.
  void openDb(env).close();
  const sql = neon(env.DATABASE_URL);
  return {
    async once(text, params) {
      return (await sql.query(text, params)) as Record<string, unknown>[];
    },
    async inTenant(tenantId, queries) {
      if (!isUuid(tenantId)) throw new Error("Identifiant de collectivité invalide");
      const scope = sql.query(
        "SELECT set_config('app.tenant_id', $1, true), set_config('lock_timeout', '5s', true), set_config('statement_timeout', '20s', true)",
        [tenantId],
      );
      const results = (await sql.transaction([scope, ...queries(sql)])) as unknown as Record<string, unknown>[][];
      return results.slice(1);
    },
  };
}

/** SQLSTATE classes and codes worth retrying later: the database, not the message, is at fault. */
const TRANSIENT = [/^08/, /^53/, /^57P0[123]$/, /^57014$/, /^55P03$/, /^40001$/, /^40P01$/, /^58/, /^XX000$/];

/**
 * True when retrying the same messages later may succeed (the database or the way to it failed);
 * false when the statement itself was refused (constraint, type), so retrying cannot help.
 */
export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : undefined;
  if (!code || !/^[0-9A-Z]{5}$/.test(code)) return true; // no SQLSTATE: network, proxy or HTTP failure
  return TRANSIENT.some((re) => re.test(code));
}

/** The database's words for a refused statement, for the dead-letter screen. */
export function describeDbError(err: unknown): string {
  const e = err as { code?: string; message?: string; detail?: string; constraint?: string };
  return [
    `Refusé par la base de données${e.code ? ` (${e.code})` : ""} : ${e.message ?? String(err)}`,
    e.detail,
    e.constraint ? `contrainte ${e.constraint}` : undefined,
  ]
    .filter(Boolean)
    .join(" — ");
}
