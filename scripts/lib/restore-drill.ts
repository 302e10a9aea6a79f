/**
 * The backup and restore drill (issue #25, ADR 0034), as functions the script (scripts/restore-drill.ts)
 * and its test (tests/node/restore-drill.test.ts) share:
 * - Postgres: a logical dump of every table of the `public` schema (rows as JSON, sequences' values),
 *   restored into a fresh database whose schema comes from the migrations — the way Communa is
 *   rebuilt — with triggers and foreign keys held off while rows go in (session_replication_role);
 *   then each table's row count and checksum (md5 over its rows' text, in a fixed order) compared.
 *   Server-side JSON rather than pg_dump: the system's pg_dump may be older than the server (15 vs
 *   the embedded 17), which pg_dump refuses.
 * - R2: the local persistence (Miniflare's `v3/r2`: one SQLite index per bucket, one file per blob)
 *   listed, copied into a fresh folder and listed again: keys, sizes and each blob's SHA-256 compared.
 * - The archive's integrity check on the restored copy: every stored, undestroyed archive object's
 *   bytes in the restored bucket have the register's SHA-512 and size, under its content address.
 */
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";

export interface TableDump {
  table: string;
  columns: string[];
  /** The rows as a JSON array (json_agg), kept as text. */
  rows: string;
}

export interface DatabaseDump {
  tables: TableDump[];
  sequences: Array<{ name: string; value: string | null }>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function tablesOf(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  return rows.map((r) => r.t);
}

/** Every table's rows (generated columns left out: the restore recomputes them). One snapshot. */
export async function dumpDatabase(url: string): Promise<DatabaseDump> {
  return withClient(url, async (c) => {
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const tables: TableDump[] = [];
    for (const table of await tablesOf(c)) {
      const { rows: cols } = await c.query<{ name: string }>(
        "SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum",
        [`public.${ident(table)}`],
      );
      const columns = cols.map((r) => r.name);
      const { rows } = await c.query<{ rows: string }>(`SELECT coalesce(json_agg(t)::text, '[]') AS rows FROM public.${ident(table)} t`);
      tables.push({ table, columns, rows: rows[0].rows });
    }
    const { rows: sequences } = await c.query<{ name: string; value: string | null }>(
      "SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename",
    );
    await c.query("COMMIT");
    return { tables, sequences };
  });
}

/**
 * The dump's rows into `url`, a database migrated to the same schema: what the migrations wrote is
 * emptied first, rows go in with triggers and foreign keys held off, sequences are set back.
 */
export async function restoreDatabase(url: string, dump: DatabaseDump): Promise<void> {
  await withClient(url, async (c) => {
    await c.query("BEGIN");
    await c.query("SET LOCAL session_replication_role = replica");
    const present = new Set(await tablesOf(c));
    const missing = dump.tables.filter((t) => !present.has(t.table)).map((t) => t.table);
    if (missing.length) throw new Error(`tables absentes de la base restaurée : ${missing.join(", ")}`);
    if (dump.tables.length) await c.query(`TRUNCATE ${dump.tables.map((t) => `public.${ident(t.table)}`).join(", ")}`);
    for (const t of dump.tables) {
      if (t.rows === "[]") continue;
      const cols = t.columns.map(ident).join(", ");
      await c.query(
        `INSERT INTO public.${ident(t.table)} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::public.${ident(t.table)}, $1::json)`,
        [t.rows],
      );
    }
    for (const s of dump.sequences) if (s.value !== null) await c.query("SELECT setval($1::regclass, $2::bigint)", [`public.${ident(s.name)}`, s.value]);
    await c.query("COMMIT");
  });
}

export type Fingerprint = Record<string, { rows: number; checksum: string }>;

/** Each table's row count and checksum: md5 of its rows' md5s in sorted order (independent of storage order). */
export async function fingerprintDatabase(url: string): Promise<Fingerprint> {
  return withClient(url, async (c) => {
    const out: Fingerprint = {};
    for (const table of await tablesOf(c)) {
      const { rows } = await c.query<{ n: string; sum: string }>(
        `SELECT count(*)::text AS n, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS sum FROM (SELECT md5(t::text) AS h FROM public.${ident(table)} t) x`,
      );
      out[table] = { rows: Number(rows[0].n), checksum: rows[0].sum };
    }
    return out;
  });
}

/** Where two fingerprints differ: a table missing on one side, another count, another checksum. */
export function fingerprintDifferences(source: Fingerprint, restored: Fingerprint): string[] {
  const out: string[] = [];
  for (const [table, s] of Object.entries(source)) {
    const r = restored[table];
    if (!r) out.push(`${table} : absente de la copie restaurée`);
    else if (r.rows !== s.rows) out.push(`${table} : ${r.rows} lignes au lieu de ${s.rows}`);
    else if (r.checksum !== s.checksum) out.push(`${table} : somme de contrôle différente`);
  }
  for (const table of Object.keys(restored)) if (!(table in source)) out.push(`${table} : absente de la source`);
  return out;
}

export interface StoredObject {
  key: string;
  size: number;
  sha256: string;
}

/** Every object of a local R2 persistence (`<dir>/v3/r2`), with its blob's SHA-256 (null: blob missing). */
export async function listR2(dir: string): Promise<Array<StoredObject & { bucketIndex: string }>> {
  const index = path.join(dir, "v3", "r2", "miniflare-R2BucketObject");
  if (!existsSync(index)) return [];
  const blobDirs = (await readdir(path.join(dir, "v3", "r2")))
    .filter((d) => d !== "miniflare-R2BucketObject")
    .map((d) => path.join(dir, "v3", "r2", d, "blobs"));
  const blob = async (id: string) => {
    for (const d of blobDirs) if (existsSync(path.join(d, id))) return readFile(path.join(d, id));
    return null;
  };
  const out: Array<StoredObject & { bucketIndex: string }> = [];
  for (const file of (await readdir(index)).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite").sort()) {
    const db = new DatabaseSync(path.join(index, file), { readOnly: true });
    try {
      const rows = db.prepare("SELECT key, blob_id, size FROM _mf_objects ORDER BY key").all() as Array<{ key: string; blob_id: string | null; size: number }>;
      for (const r of rows) {
        const bytes = r.blob_id ? await blob(r.blob_id) : null;
        out.push({ bucketIndex: file, key: r.key, size: Number(r.size), sha256: bytes ? createHash("sha256").update(bytes).digest("hex") : "" });
      }
    } finally {
      db.close();
    }
  }
  return out;
}

/** The persistence copied whole into a fresh folder (what restoring the bucket from its copy is, locally). */
export async function restoreR2(from: string, to: string): Promise<void> {
  await mkdir(path.join(to, "v3"), { recursive: true });
  if (existsSync(path.join(from, "v3", "r2"))) await cp(path.join(from, "v3", "r2"), path.join(to, "v3", "r2"), { recursive: true });
}

export function r2Differences(source: StoredObject[], restored: StoredObject[]): string[] {
  const out: string[] = [];
  const got = new Map(restored.map((o) => [o.key, o]));
  for (const s of source) {
    const r = got.get(s.key);
    if (!r) out.push(`${s.key} : absent de la copie restaurée`);
    else if (!r.sha256) out.push(`${s.key} : contenu absent de la copie restaurée`);
    else if (r.size !== s.size || r.sha256 !== s.sha256) out.push(`${s.key} : contenu différent`);
  }
  for (const r of restored) if (!source.some((s) => s.key === r.key)) out.push(`${r.key} : absent de la source`);
  return out;
}

/**
 * The archive's integrity check over a restored copy: each stored, undestroyed archive object's bytes
 * (read by `bytesOf(key)`) have the register's size and SHA-512, which is also its content address.
 */
export async function archiveIntegrity(url: string, bytesOf: (key: string) => Promise<Uint8Array | null>): Promise<{ checked: number; failures: string[] }> {
  const objects = await withClient(
    url,
    async (c) =>
      (
        await c.query<{ id: string; r2_key: string; sha512: string; size: string }>(
          "SELECT id, r2_key, sha512, size::text FROM public.archive_objects WHERE stored_at IS NOT NULL AND destroyed_at IS NULL AND r2_key IS NOT NULL ORDER BY id",
        )
      ).rows,
  );
  const failures: string[] = [];
  for (const o of objects) {
    const bytes = await bytesOf(o.r2_key);
    if (!bytes) failures.push(`${o.id} : objet ${o.r2_key} absent`);
    else if (bytes.byteLength !== Number(o.size)) failures.push(`${o.id} : ${bytes.byteLength} octets au lieu de ${o.size}`);
    else {
      const sha512 = createHash("sha512").update(bytes).digest("hex");
      if (sha512 !== o.sha512) failures.push(`${o.id} : empreinte SHA-512 différente du registre`);
      else if (!o.r2_key.endsWith(`/${sha512}`)) failures.push(`${o.id} : adresse ${o.r2_key} qui n’est pas son empreinte`);
    }
  }
  return { checked: objects.length, failures };
}

/** Bytes of a key in a local R2 persistence (any bucket). */
export function r2Reader(dir: string): (key: string) => Promise<Uint8Array | null> {
  return async (key) => {
    const index = path.join(dir, "v3", "r2", "miniflare-R2BucketObject");
    if (!existsSync(index)) return null;
    for (const file of (await readdir(index)).filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")) {
      const db = new DatabaseSync(path.join(index, file), { readOnly: true });
      const row = db.prepare("SELECT blob_id FROM _mf_objects WHERE key = ?").get(key) as { blob_id: string | null } | undefined;
      db.close();
      if (!row?.blob_id) continue;
      for (const d of await readdir(path.join(dir, "v3", "r2"))) {
        const p = path.join(dir, "v3", "r2", d, "blobs", row.blob_id);
        if (existsSync(p)) return readFile(p);
      }
    }
    return null;
  };
}

const migrationsFolder = path.resolve(import.meta.dirname, "..", "..", "db", "migrations");

/** A connection string pointed at another database of the same server. */
function onDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export interface DrillReport {
  tables: number;
  rows: number;
  objects: number;
  archiveObjectsChecked: number;
  differences: string[];
  seconds: { dump: number; restore: number; verify: number; total: number };
  /** The restored copy, when kept (`keep`): a database of the source's server and an R2 folder. */
  restored: { url: string; database: string; r2Dir: string };
}

/**
 * The drill: dump the source database and list its R2 persistence; restore both into a fresh
 * database (migrated to the current schema, on the same server) and a fresh folder; compare row
 * counts, checksums and objects; run the archive integrity check on the restored copy. The fresh
 * database is dropped at the end unless `keep` (the caller then drops it with dropDrill).
 */
export async function runDrill(opts: { sourceUrl: string; r2Dir?: string; workDir: string; keep?: boolean }): Promise<DrillReport> {
  const started = performance.now();
  const dump = await dumpDatabase(opts.sourceUrl);
  const sourceObjects = opts.r2Dir ? await listR2(opts.r2Dir) : [];
  const dumped = performance.now();

  const database = `communa_drill_${Math.random().toString(16).slice(2, 10)}`;
  await withClient(onDatabase(opts.sourceUrl, "postgres"), (c) => c.query(`CREATE DATABASE ${database}`));
  const url = onDatabase(opts.sourceUrl, database);
  const r2Dir = path.join(opts.workDir, "r2-restaurée");
  try {
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await migrate(drizzle(pool), { migrationsFolder });
    } finally {
      await pool.end();
    }
    await restoreDatabase(url, dump);
    if (opts.r2Dir) await restoreR2(opts.r2Dir, r2Dir);
    const restoredAt = performance.now();

    const [source, restored] = await Promise.all([fingerprintDatabase(opts.sourceUrl), fingerprintDatabase(url)]);
    const differences = fingerprintDifferences(source, restored);
    differences.push(...r2Differences(sourceObjects, opts.r2Dir ? await listR2(r2Dir) : []));
    const archive = await archiveIntegrity(url, r2Reader(r2Dir));
    differences.push(...archive.failures.map((f) => `archives : ${f}`));
    const done = performance.now();
    const s = (ms: number) => Math.round(ms) / 1000;
    return {
      tables: Object.keys(source).length,
      rows: Object.values(source).reduce((n, t) => n + t.rows, 0),
      objects: sourceObjects.length,
      archiveObjectsChecked: archive.checked,
      differences,
      seconds: { dump: s(dumped - started), restore: s(restoredAt - dumped), verify: s(done - restoredAt), total: s(done - started) },
      restored: { url, database, r2Dir },
    };
  } finally {
    if (!opts.keep) await dropDrill(opts.sourceUrl, database);
  }
}

export async function dropDrill(sourceUrl: string, database: string): Promise<void> {
  if (!/^communa_drill_[0-9a-f]+$/.test(database)) throw new Error(`pas une base d’exercice : ${database}`);
  await withClient(onDatabase(sourceUrl, "postgres"), (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
}
