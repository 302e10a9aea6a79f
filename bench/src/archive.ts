/**
 * `npm run bench:archive`: sealing throughput of the archive (issue #7), measured side by side in
 * one run on the same machine and local runtime (wrangler dev / workerd, R2 simulated on disk):
 *   - 1,000 files of 200 KB (sent in batches of 20, multipart), and one file of 200 MB (one streamed
 *     request), deposited through the gateway and the archive Worker (announce, upload: SHA-512 +
 *     SHA-256 + format + R2 write + recording, then seal: units, objects, sealed journal entry,
 *     acceptance report) — MB/s;
 *   - the same bytes through a raw Worker that only hashes them (SHA-512, DigestStream) and writes
 *     them to R2 — the baseline the issue targets (≥ 50 %);
 *   - the same bytes hashed and written to disk by Node (for reference);
 *   - the integrity audit of 10,000 objects (re-read from R2, re-hashed, journal checked): objects/s.
 * Prints a table and writes bench/results/archive.json. The machine is shared: numbers are noisy.
 */
import { createHash, randomBytes, randomFillSync } from "node:crypto";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { startLocalStack } from "@communa/db/local";
import { root, waitForHttp, type Started } from "../../scripts/lib/processes.ts";
import { removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";
import { wranglerDev } from "./wrangler.ts";
import { lockPlatform } from "../../tests/setup/dev-platform.ts";

const SMALL = { count: Number(process.env.BENCH_SMALL_FILES ?? 1000), size: 200 * 1024 };
const LARGE = Number(process.env.BENCH_LARGE_MB ?? 200) * 1024 * 1024;
const AUDIT_OBJECTS = Number(process.env.BENCH_AUDIT_OBJECTS ?? 10_000);
const CONCURRENCY = 8;
/** Small files per batch request (POST /deposits/{id}/files). */
const BATCH = Number(process.env.BENCH_BATCH ?? 20);
const MB = 1024 * 1024;

/** The baseline: hash (SHA-512, on the stream) and write to R2, nothing else. */
const RAW_WORKER = `export default {
  async fetch(req, env) {
    const size = Number(req.headers.get("content-length"));
    const digest = new crypto.DigestStream("SHA-512");
    const [a, b] = req.body.tee();
    const sized = new FixedLengthStream(size);
    const [, , put] = await Promise.all([a.pipeTo(digest), b.pipeTo(sized.writable), env.BUCKET.put(new URL(req.url).pathname.slice(1), sized.readable)]);
    const hex = [...new Uint8Array(await digest.digest)].map((x) => x.toString(16).padStart(2, "0")).join("");
    return Response.json({ sha512: hex, size: put.size });
  },
};
`;

const sha512 = (b: Buffer) => createHash("sha512").update(b).digest("hex");

function apiKey(): { key: string; prefix: string } {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const prefix = Array.from(randomBytes(10), (b) => alphabet[b & 31]).join("");
  return { key: `cmn_${prefix}_${randomBytes(32).toString("base64url")}`, prefix };
}

/** Runs `jobs` with at most `n` in flight. */
async function pool<T>(n: number, jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, jobs.length) }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]();
      }
    }),
  );
  return out;
}

async function main() {
  // Local secrets go to each Worker's .dev.vars: one platform per checkout at a time (dev-platform.ts).
  const unlock = await lockPlatform();
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-bench-archive-"));
  const children: Started[] = [];
  const stack = await startLocalStack({ stateDir, pgPort: await freePort(), seed: true, ephemeral: true });
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    removeDevVars();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
    await unlock();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    await writeDevVars({ DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress }, await workerSecrets(stateDir));
    const rawDir = path.join(stateDir, "raw-worker");
    await mkdir(rawDir, { recursive: true });
    await writeFile(path.join(rawDir, "index.js"), RAW_WORKER);
    await writeFile(
      path.join(rawDir, "wrangler.toml"),
      `name = "bench-archive-raw"\nmain = "index.js"\ncompatibility_date = "2026-10-01"\nsend_metrics = false\n\n[[r2_buckets]]\nbinding = "BUCKET"\nbucket_name = "bench-raw"\n`,
    );
    const ports = { platform: await freePort(), raw: await freePort() };
    const dev = (name: string, configs: string[], port: number) => wranglerDev(name, configs, { port, stateDir });
    children.push(await dev("platform", workerConfigs(), ports.platform));
    children.push(await dev("raw", [path.join(rawDir, "wrangler.toml")], ports.raw));
    const base = `http://127.0.0.1:${ports.platform}/t/cclvd/api/archive`;
    const raw = `http://127.0.0.1:${ports.raw}`;
    await Promise.all([waitForHttp(`${base}/journal/key`, 90_000, (s) => s === 200), waitForHttp(raw, 90_000, (s) => s > 0)]);

    // An API key of an archivist of the EPCI (inserted as the database owner): a key acts for a
    // person and holds no more than that person's roles (ADR 0008).
    const { key, prefix } = apiKey();
    const db = new pg.Client(stack.adminUrl);
    await db.connect();
    const [{ id: personId }] = (await db.query("INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Archiviste du banc') RETURNING id")).rows;
    await db.query(`INSERT INTO memberships (tenant_id, person_id, role, granted_by) SELECT id, $1, 'archivist', 'banc' FROM tenants WHERE slug = 'cclvd'`, [
      personId,
    ]);
    await db.query(
      `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, permissions, created_by, person_id, expires_at)
       SELECT gen_random_uuid(), id, 'banc archives', $1, $2, $3, $4::text, $4::uuid, now() + interval '1 day' FROM tenants WHERE slug = 'cclvd'`,
      [prefix, createHash("sha256").update(key).digest(), ["archives:dispose", "archives:read", "archives:restricted", "archives:write"], personId],
    );
    await db.end();
    const auth = { authorization: `Bearer ${key}` };
    const api = async (p: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${p}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
      const body = await res.text();
      if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p} → ${res.status} ${body.slice(0, 400)}`);
      return JSON.parse(body) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    };

    /** One deposit of `files` through the archive Worker: seconds from the first byte sent to the seal. */
    const depositThrough = async (files: Buffer[], declare: boolean): Promise<number> => {
      const opened = await api("/deposits", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          transferringAgency: "Banc d’essai",
          units: [
            {
              title: `Banc ${files.length} fichiers`,
              originatingAgency: "Banc d’essai",
              appraisalRule: "APP-COMPTA",
              accessRule: "ACC-00",
              files: files.map((f, i) => ({ name: `f-${i}.bin`, size: f.length, ...(declare ? { sha512: sha512(f) } : {}) })),
            },
          ],
        }),
      });
      const uploads = opened.uploads as Array<{ path: string; objectId: string }>;
      const t0 = performance.now();
      if (declare) {
        // Large files: one streamed request each.
        await pool(
          CONCURRENCY,
          uploads.map(
            (u, i) => () =>
              api(u.path.replace("/api/archive", ""), {
                method: "PUT",
                headers: { "content-type": "application/octet-stream" },
                body: new Uint8Array(files[i]),
              }),
          ),
        );
      } else {
        // Small files: batches (multipart), as the API offers for them.
        const batches: number[][] = [];
        for (let i = 0; i < files.length; i += BATCH) batches.push(Array.from({ length: Math.min(BATCH, files.length - i) }, (_, k) => i + k));
        await pool(
          CONCURRENCY,
          batches.map((b) => () => {
            const form = new FormData();
            for (const i of b) form.append(uploads[i].objectId, new Blob([new Uint8Array(files[i])]), `f-${i}.bin`);
            return api(`/deposits/${opened.id}/files`, { method: "POST", body: form });
          }),
        );
      }
      await api(`/deposits/${opened.id}/seal`, { method: "POST" });
      return (performance.now() - t0) / 1000;
    };
    const rawThrough = async (files: Buffer[], tag: string): Promise<number> => {
      const t0 = performance.now();
      await pool(
        CONCURRENCY,
        files.map((f, i) => async () => {
          const res = await fetch(`${raw}/${tag}-${i}`, { method: "PUT", body: new Uint8Array(f) });
          const body = (await res.json()) as { sha512: string };
          if (body.sha512 !== sha512(f)) throw new Error("empreinte de référence fausse");
        }),
      );
      return (performance.now() - t0) / 1000;
    };
    const nodeThrough = async (files: Buffer[], tag: string): Promise<number> => {
      const dir = path.join(stateDir, `node-${tag}`);
      await mkdir(dir, { recursive: true });
      const t0 = performance.now();
      for (const [i, f] of files.entries()) await writeFile(path.join(dir, `${sha512(f)}-${i}`), f);
      return (performance.now() - t0) / 1000;
    };
    const fill = (n: number, size: number) => Array.from({ length: n }, () => randomFillSync(Buffer.allocUnsafe(size)));

    const rows: Array<{ name: string; mb: number; archive: number; raw: number; node: number }> = [];
    // Small files: warm both Workers first, then measure.
    await depositThrough(fill(20, SMALL.size), false);
    await rawThrough(fill(20, SMALL.size), "warm");
    const small = fill(SMALL.count, SMALL.size);
    const smallMb = (SMALL.count * SMALL.size) / MB;
    rows.push({
      name: `${SMALL.count} fichiers de 200 Kio`,
      mb: smallMb,
      archive: await depositThrough(small, false),
      raw: await rawThrough(fill(SMALL.count, SMALL.size), "small"),
      node: await nodeThrough(small, "small"),
    });
    const large = [randomFillSync(Buffer.allocUnsafe(LARGE))];
    const largeRaw = [randomFillSync(Buffer.allocUnsafe(LARGE))];
    rows.push({
      name: `1 fichier de ${LARGE / MB} Mio`,
      mb: LARGE / MB,
      archive: await depositThrough(large, true),
      raw: await rawThrough(largeRaw, "large"),
      node: await nodeThrough(large, "large"),
    });
    large.length = 0;
    largeRaw.length = 0;

    // The integrity audit of AUDIT_OBJECTS objects (the ones above count; small 1 KiB files complete them).
    const present = SMALL.count + 20 + 1;
    for (let left = AUDIT_OBJECTS - present; left > 0; left -= 1000) await depositThrough(fill(Math.min(1000, left), 1024), false);
    const t0 = performance.now();
    const audit = await api("/audits", { method: "POST" });
    const auditSeconds = (performance.now() - t0) / 1000;
    if (audit.objectsFailed !== 0 || !audit.journal.ok) throw new Error(`audit en défaut : ${JSON.stringify(audit).slice(0, 300)}`);

    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(
      `\n${"scellement (via la passerelle)".padEnd(30)}${pad("Mio", 8)}${pad("archive Mio/s", 15)}${pad("brut R2 Mio/s", 15)}${pad("Node disque", 13)}${pad("archive/brut", 14)}`,
    );
    const results = rows.map((r) => ({ ...r, archiveMBs: r.mb / r.archive, rawMBs: r.mb / r.raw, nodeMBs: r.mb / r.node, ratio: r.raw / r.archive }));
    for (const r of results) {
      console.log(
        `${r.name.padEnd(30)}${pad(r.mb.toFixed(0), 8)}${pad(r.archiveMBs.toFixed(1), 15)}${pad(r.rawMBs.toFixed(1), 15)}${pad(r.nodeMBs.toFixed(1), 13)}${pad(`${(r.ratio * 100).toFixed(0)} %`, 14)}  ${r.ratio >= 0.5 ? "ATTEINT (≥ 50 %)" : "NON ATTEINT (< 50 %)"}`,
      );
    }
    console.log(
      `\naudit d’intégrité : ${audit.objectsChecked} objets en ${auditSeconds.toFixed(1)} s → ${(audit.objectsChecked / auditSeconds).toFixed(0)} objets/s (chaîne : ${audit.journal.checked} entrées)`,
    );
    console.log("Machine partagée (2 cœurs, autres agents) : chiffres bruités.");
    await mkdir(path.join(root, "bench", "results"), { recursive: true });
    await writeFile(
      path.join(root, "bench", "results", "archive.json"),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          concurrency: CONCURRENCY,
          sealing: results,
          audit: {
            objects: audit.objectsChecked,
            seconds: auditSeconds,
            perSecond: audit.objectsChecked / auditSeconds,
            journalEntries: audit.journal.checked,
          },
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
