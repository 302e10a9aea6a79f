/**
 * How the consumers reach Postgres: through the project's one database entry, core's `Db`
 * (`db.ingest`, issue #13): Neon's SQL over HTTP, one round trip per batch and tenant — a call of an
 * ingest function that sets the tenant for RLS and writes the batch, or, for dead letters, a
 * transaction that sets the tenant, then one multi-row statement. No connection to open per batch,
 * which a Worker could not keep between invocations anyway (ADR 0016). Events are facts reported by
 * devices, not agents' changes, so they do not go to the audit journal. Below: how a failure is read.
 */
import { openDb, type Db, type DbEnv } from "@communa/core";

/** What the consumers need of the database (a test may hand in its own). */
export type IngestStore = Pick<Db, "ingest">;

export function ingestStore(env: DbEnv): IngestStore {
  return openDb(env);
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
