/**
 * The one database client factory. Workers reach Postgres with @neondatabase/serverless — Neon's
 * proxy in production, the project's relay locally (NEON_WS_PROXY) — so the code path is the same
 * everywhere. Reads go over SQL-over-HTTP (no connection to open per request, ADR 0009); writes
 * run in an interactive transaction over a WebSocket Pool, opened on first write and closed when
 * the response is sent (a Worker cannot keep a socket between requests).
 */
import { Pool, neon, neonConfig, type NeonQueryFunction, type PoolClient } from "@neondatabase/serverless";
import { drizzle } from "drizzle-orm/neon-serverless";
import type { NeonDatabase } from "drizzle-orm/neon-serverless";
import { drizzle as drizzleHttp, type NeonHttpDatabase } from "drizzle-orm/neon-http";
import { schema } from "@communa/db";
import { PURGE_FUNCTIONS, type PurgeFunction } from "@communa/db/retention";
import { conflict, forbidden, invalid, unavailable } from "./errors.ts";
import { appendJournal } from "./journal.ts";
import { coreTexts, inputTexts } from "./messages.fr.ts";
import type { TrustedContext } from "./context.ts";
import { isUuid } from "./ids.ts";

export type Schema = typeof schema;
/** What services read with inside `withTenant` and `reference` (SQL over HTTP, one transaction per query). */
export type Tx = NeonHttpDatabase<Schema>;
/** What a write runs in (an interactive transaction over WebSocket). */
export type WriteTx = NeonDatabase<Schema>;

export interface DbEnv {
  /** Application-role connection string (secret). */
  DATABASE_URL: string;
  /** Local only: "host:port" of the relay standing in for Neon's proxy (WebSocket and HTTP). */
  NEON_WS_PROXY?: string;
}

/** What a write records in the audit journal (ADR 0007). */
export interface JournalEntry {
  /** e.g. "territory.profile.update". */
  action: string;
  /** e.g. "tenant_profiles/<uuid>". */
  target: string;
  /** What changed; secrets are masked before it is stored. */
  summary?: Record<string, unknown>;
}

export type Journal = (entry: JournalEntry) => Promise<void>;

/** The database's retention functions, declared once with the register of personal data (db/src/retention.ts). */
export const RETENTION_RULES = PURGE_FUNCTIONS;
export type RetentionRule = PurgeFunction;

/**
 * A batch of device facts for one tenant (ADR 0016): a call of one of the database's ingest
 * functions (`app.ingest_…(tenant uuid, rows jsonb)`, which sets the tenant itself), or statements
 * to run in one transaction scoped to the tenant.
 */
export type IngestBatch = { fn: `ingest_${string}`; rows: unknown[] } | { statements: Array<{ text: string; params: unknown[] }> };

export interface Db {
  /**
   * Runs `fn`'s queries scoped to `tenantId`, each in a read-only transaction: RLS sees only what
   * that tenant may see, and nothing can be written.
   */
  withTenant<T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The only way to write: a transaction scoped to the caller's tenant in which `fn` must record
   * at least one journal entry; the change and its journal rows commit together or not at all.
   */
  write<T>(ctx: TrustedContext, fn: (tx: WriteTx, journal: Journal) => Promise<T>): Promise<T>;
  /** Read-only queries with no tenant: only reference data (tenants, communes) is visible. */
  reference<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Deletes what has outlived its retention period, across tenants, through the database's own
   * `app.purge_expired()` (the retention rules live there, next to the tables; the application role
   * can run that function, not arbitrary deletes). Returns how many rows of each kind went.
   * `at`: the clock, for the functions that take one (tests of a privacy clock).
   */
  applyRetention(rule?: RetentionRule, at?: Date): Promise<Record<string, unknown>>;
  /**
   * The queue consumers' writes (ADR 0016): facts reported by devices, not people's changes, so no
   * journal entry. Over SQL over HTTP, one round trip per batch and tenant, no socket to open. A
   * function call is sent alone, one statement in its own implicit transaction (its plan is kept
   * per connection; BEGIN / set tenant / statement / COMMIT would be four); statements run in one
   * transaction that first sets the tenant (RLS) with lock and statement time limits, so a stuck
   * database makes the batch retry instead of hanging the consumer. Returns each statement's rows.
   * The driver's errors are passed as they are: the consumer tells a transient failure from a
   * refused statement by its SQLSTATE.
   */
  ingest(tenantId: string, batch: IngestBatch): Promise<Record<string, unknown>[][]>;
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
    neonConfig.fetchEndpoint = () => `http://${proxy}/sql`;
  }
}

/**
 * Reads go over Neon's SQL-over-HTTP: no connection to open per request (the proxy keeps them).
 * Each query runs in its own short read-only transaction that first sets the tenant, so RLS
 * applies exactly as in an interactive transaction.
 */
function readDb(connectionString: string, tenantId: string): Tx {
  const sql = neon(connectionString);
  const scope = "SELECT set_config('app.tenant_id', $1, true)";
  const client = {
    query: (text: string, params: unknown[], opts: Record<string, unknown>) =>
      sql.transaction([sql.query(scope, [tenantId]), sql.query(text, params, opts)], { readOnly: true }).then((results) => results[1]),
  };
  return drizzleHttp(client as unknown as NeonQueryFunction<false, true>, { schema }) as unknown as Tx;
}

/** A pool of at most one connection, quiet about errors nobody is waiting for. */
export function createPool(connectionString: string, proxy: string | undefined): Pool {
  configure(proxy);
  const pool = new Pool({ connectionString, max: 1 });
  // A broken socket must surface as the request's error, not as an unhandled event.
  pool.on("error", () => {});
  // After a client has ended, a late WebSocket error event (the server closing its side) finds
  // no listener on the socket and would surface as an uncaught exception in workerd. Queries in
  // flight still get their errors through the client.
  pool.on("connect", (client: unknown) => {
    (client as unknown as { connection?: { stream?: { on(e: string, f: () => void): void } } }).connection?.stream?.on("error", () => {});
  });
  return pool;
}

/** The per-request database handle. Pass `close()` to `waitUntil` once the response is ready. */
export function openDb(env: DbEnv): Db {
  if (!env.DATABASE_URL) throw unavailable(coreTexts.dbNotConfigured);
  configure(env.NEON_WS_PROXY);
  // Opened on first use, so a request that needs no data pays no connection.
  let pool: Pool | undefined;
  const open = () => {
    pool ??= createPool(env.DATABASE_URL, env.NEON_WS_PROXY);
    return { pool };
  };
  const read = async <T>(tenantId: string, fn: (tx: Tx) => Promise<T>): Promise<T> => {
    if (tenantId !== "" && !isUuid(tenantId)) throw new Error("tenant id is not a UUID");
    try {
      return await fn(readDb(env.DATABASE_URL, tenantId));
    } catch (err) {
      throw translateDbError(err);
    }
  };
  /**
   * A deadlock (40P01) or a serialization failure (40001) rolls the whole transaction back: Postgres
   * chose it as the victim, nothing of it is stored, and running it again is the documented answer.
   * Seen with ten bookings of one slot at once (the exclusion constraint's index waits): one won,
   * nine answered 500 instead of « créneau pris ». Up to WRITE_ATTEMPTS runs, then a 503 to retry.
   * `fn` runs again from the start, so what it does outside the database must bear a repeat.
   */
  const run = async <T>(tenantId: string, fn: (tx: WriteTx) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runOnce(tenantId, fn);
      } catch (err) {
        if (attempt >= WRITE_ATTEMPTS || !RETRYABLE.has(sqlState(err) ?? "")) throw translateDbError(err);
      }
    }
  };
  const runOnce = async <T>(tenantId: string, fn: (tx: WriteTx) => Promise<T>): Promise<T> => {
    // Interpolated below (a simple-protocol query cannot take parameters): only a UUID.
    if (!isUuid(tenantId)) throw new Error("tenant id is not a UUID");
    const { pool: p } = open();
    let client: PoolClient | undefined;
    try {
      client = await p.connect();
      // One round trip opens the transaction and sets the tenant that RLS policies read
      // (transaction-local, so it is gone at COMMIT).
      await client.query(`BEGIN READ WRITE; SELECT set_config('app.tenant_id', '${tenantId}', true)`);
      const result = await fn(drizzle(client, { schema }));
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client?.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client?.release();
    }
  };
  return {
    withTenant: (tenantId, fn) => read(tenantId, fn),
    reference: (fn) => read("", fn),
    write: (ctx, fn) =>
      run(ctx.tenant.id, async (tx) => {
        let entries = 0;
        const journal: Journal = async (entry) => {
          entries++;
          await appendJournal(tx, ctx, onBehalf(ctx, entry));
        };
        const result = await fn(tx, journal);
        if (entries === 0) throw new Error(`write without a journal entry (request ${ctx.requestId})`);
        return result;
      }),
    applyRetention: async (rule = "purge_expired", at) => {
      if (!RETENTION_RULES.includes(rule)) throw new Error(`unknown retention rule ${rule}`);
      try {
        const sql = neon(env.DATABASE_URL);
        const rows = (await (at
          ? sql.query(`SELECT app.${rule}($1::timestamptz) AS counts`, [at.toISOString()])
          : sql.query(`SELECT app.${rule}() AS counts`))) as Array<{
          counts: Record<string, unknown>;
        }>;
        return rows[0].counts;
      } catch (err) {
        throw translateDbError(err);
      }
    },
    ingest: async (tenantId, batch) => {
      if (!isUuid(tenantId)) throw new Error("tenant id is not a UUID");
      const sql = neon(env.DATABASE_URL);
      if ("fn" in batch) {
        // Interpolated: only a name of the ingest functions' form (the role may run the granted ones only).
        if (!/^ingest_[a-z_]+$/.test(batch.fn)) throw new Error(`not an ingest function: ${batch.fn}`);
        return [(await sql.query(`SELECT * FROM app.${batch.fn}($1::uuid, $2::jsonb)`, [tenantId, JSON.stringify(batch.rows)])) as Record<string, unknown>[]];
      }
      const scope = sql.query(
        "SELECT set_config('app.tenant_id', $1, true), set_config('lock_timeout', '5s', true), set_config('statement_timeout', '20s', true)",
        [tenantId],
      );
      const results = (await sql.transaction([scope, ...batch.statements.map((q) => sql.query(q.text, q.params))])) as unknown as Record<string, unknown>[][];
      return results.slice(1);
    },
    ping: async () => {
      configure(env.NEON_WS_PROXY);
      try {
        await neon(env.DATABASE_URL).query("SELECT 1");
      } catch (err) {
        throw unavailable(coreTexts.dbNotResponding, err);
      }
    },
    close: async () => {
      await pool?.end().catch(() => {});
    },
  };
}

/**
 * A write made with an API key is journalled under the key (actor kind and id) and names the
 * person the key acts for (`summary.onBehalfOf`), so "what did this person do" covers their keys.
 */
function onBehalf(ctx: TrustedContext, entry: JournalEntry): JournalEntry {
  if (ctx.actor.kind !== "api-key" || !ctx.actor.personId) return entry;
  return { ...entry, summary: { ...entry.summary, onBehalfOf: ctx.actor.personId } };
}

/**
 * The SQLSTATE of a database error, or null: drizzle wraps the driver's error (which carries the
 * code) in its own, possibly more than once. Domains use it for the constraints they turn into
 * their own answers (an exclusion constraint, 23P01, becomes a 409 with the next free slots).
 */
export function sqlState(err: unknown): string | null {
  for (let e: unknown = err, i = 0; e && typeof e === "object" && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** Transaction failures that a new run of the same transaction may not meet (see `run`). */
const RETRYABLE = new Set(["40P01", "40001"]);
const WRITE_ATTEMPTS = 3;

/** Connection failures are "unavailable" (503); everything else keeps its own meaning. */
function translateDbError(err: unknown): unknown {
  const pgErr = err instanceof Error && err.cause && typeof err.cause === "object" ? err.cause : err;
  const code = sqlState(err);
  if (code) {
    if (code.startsWith("08") || code === "57P01" || code === "53300" || RETRYABLE.has(code)) return unavailable(undefined, err);
    // Row-level security refused the row: another tenant's data.
    if (code === "42501") return forbidden(coreTexts.otherTenant);
    if (code === "23505") return conflict(coreTexts.alreadyExists);
    if (code === "23503") return invalid(coreTexts.unknownReference);
    if (code === "22P02") return invalid(coreTexts.badFormat);
    // A NUL or an invalid byte sequence in text: validation refuses NUL first (app.ts); this is
    // the backstop for values that reach a query another way (raw query strings, files).
    if (code === "22021" || code === "22P05") return invalid(inputTexts.textRefused);
  }
  if (pgErr instanceof Error && /WebSocket|ECONNREFUSED|Connection terminated|connection lost/i.test(pgErr.message)) {
    return unavailable(undefined, err);
  }
  return err;
}

/**
 * A LIKE pattern matching `text` anywhere, its own `%`, `_` and backslash taken literally (Postgres's
 * default LIKE escape is the backslash): what a search box's words become.
 */
export const likeContains = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
