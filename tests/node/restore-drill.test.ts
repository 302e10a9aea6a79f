/**
 * The backup and restore drill (scripts/lib/restore-drill.ts, `npm run drill:restore`) on a small
 * seeded state: the territory seed, two stored archive objects and their bytes in a local R2
 * persistence. Restored into a fresh database and folder, it finds the same rows, checksums and
 * objects, and the archive integrity check passes on the copy; then the copy is damaged (a row
 * gone, a row changed, a blob altered) and each damage is found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { startLocalStack, type LocalStack } from "@communa/db/local";
import { freePort } from "../setup/database.ts";
import {
  archiveIntegrity,
  dropDrill,
  fingerprintDatabase,
  fingerprintDifferences,
  listR2,
  r2Differences,
  r2Reader,
  runDrill,
  type DrillReport,
} from "../../scripts/lib/restore-drill.ts";

let stack: LocalStack;
let dir: string;
let r2: string;
let report: DrillReport;

/** A local R2 persistence as Miniflare writes it: a SQLite index per bucket, one file per blob. */
async function writeR2(root: string, objects: Array<{ key: string; bytes: Buffer }>) {
  const index = path.join(root, "v3", "r2", "miniflare-R2BucketObject");
  const blobs = path.join(root, "v3", "r2", "communa-archive", "blobs");
  await mkdir(index, { recursive: true });
  await mkdir(blobs, { recursive: true });
  const db = new DatabaseSync(path.join(index, "bucket.sqlite"));
  db.exec(
    "CREATE TABLE _mf_objects (key TEXT PRIMARY KEY, blob_id TEXT, version TEXT NOT NULL, size INTEGER NOT NULL, etag TEXT NOT NULL, uploaded INTEGER NOT NULL, checksums TEXT NOT NULL, http_metadata TEXT NOT NULL, custom_metadata TEXT NOT NULL)",
  );
  for (const o of objects) {
    const blob = randomUUID();
    await writeFile(path.join(blobs, blob), o.bytes);
    db.prepare("INSERT INTO _mf_objects VALUES (?, ?, 'v1', ?, ?, 0, '{}', '{}', '{}')").run(
      o.key,
      blob,
      o.bytes.length,
      createHash("md5").update(o.bytes).digest("hex"),
    );
  }
  db.close();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "communa-drill-test-"));
  stack = await startLocalStack({ stateDir: dir, pgPort: await freePort(), ephemeral: true, seed: true, template: process.env.COMMUNA_TEST_TEMPLATE });
  const c = new pg.Client({ connectionString: stack.adminUrl });
  await c.connect();
  c.on("error", () => {}); // stop() ends the server under a client that failed
  const tenant = (await c.query<{ id: string }>("SELECT id FROM tenants ORDER BY slug LIMIT 1")).rows[0].id;
  const files = [Buffer.from("%PDF-1.7 délibération n° 1"), Buffer.from("%PDF-1.7 délibération n° 2")];
  const objects = files.map((bytes) => {
    const sha512 = createHash("sha512").update(bytes).digest("hex");
    return { key: `sha512/${tenant}/${sha512}`, bytes, sha512 };
  });
  // The objects' register rows alone (their unit is not the drill's concern): foreign keys held off.
  await c.query("BEGIN");
  await c.query("SET LOCAL session_replication_role = replica");
  for (const o of objects)
    await c.query(
      "INSERT INTO archive_objects (id, tenant_id, unit_id, file_name, size, sha512, r2_key, stored_at) VALUES ($1, $2, $3, 'd.pdf', $4, $5, $6, now())",
      [randomUUID(), tenant, randomUUID(), o.bytes.length, o.sha512, o.key],
    );
  await c.query("COMMIT");
  await c.end();
  r2 = path.join(dir, "r2");
  await writeR2(r2, objects);
  report = await runDrill({ sourceUrl: stack.adminUrl, r2Dir: r2, workDir: dir, keep: true });
});

afterAll(async () => {
  if (report) await dropDrill(stack.adminUrl, report.restored.database);
  await stack?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("backup and restore drill", () => {
  it("restores the same rows, checksums and objects, and the archives are intact", () => {
    expect(report.differences).toEqual([]);
    expect(report.tables).toBeGreaterThan(20);
    expect(report.rows).toBeGreaterThan(100);
    expect(report.objects).toBe(2);
    expect(report.archiveObjectsChecked).toBe(2);
    console.info(`exercice de restauration : ${report.tables} tables, ${report.rows} lignes, ${report.objects} objets, ${report.seconds.total} s`);
  });

  it("finds a row gone and a row changed in the restored database", async () => {
    const c = new pg.Client({ connectionString: report.restored.url });
    await c.connect();
    await c.query("SET session_replication_role = replica");
    await c.query("DELETE FROM communes WHERE ctid = (SELECT ctid FROM communes LIMIT 1)");
    await c.query("UPDATE tenants SET name = name || ' ' WHERE ctid = (SELECT ctid FROM tenants LIMIT 1)");
    await c.end();
    const differences = fingerprintDifferences(await fingerprintDatabase(stack.adminUrl), await fingerprintDatabase(report.restored.url));
    expect(differences).toHaveLength(2);
    expect(differences.find((d) => d.startsWith("communes :"))).toMatch(/lignes au lieu de/);
    expect(differences).toContain("tenants : somme de contrôle différente");
  });

  it("finds an altered blob in the restored bucket, in the listing and in the archive integrity check", async () => {
    const blobs = path.join(report.restored.r2Dir, "v3", "r2", "communa-archive", "blobs");
    const [first] = await readdir(blobs);
    await writeFile(path.join(blobs, first), "altéré");
    expect(r2Differences(await listR2(r2), await listR2(report.restored.r2Dir))).toHaveLength(1);
    const integrity = await archiveIntegrity(report.restored.url, r2Reader(report.restored.r2Dir));
    expect(integrity.checked).toBe(2);
    expect(integrity.failures).toHaveLength(1);
  });
});
