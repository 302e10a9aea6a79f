/**
 * `npm run bench:ingest` (issue #8, Measure; ADR 0016): end-to-end ingest of bin lifts — N
 * simulated trucks each send signed batches of 100 events → gateway (signature check) → devices
 * Worker (validation, device session) → Cloudflare Queue (local simulator) → waste Worker consumer
 * → Postgres — measured as sustained events per second, beside two baselines in the same run:
 *   (a) the same batches through the same path, but consumed by a Worker that only acknowledges
 *       (bench/workers/ack-only): the local queue's own ceiling;
 *   (b) a raw batched INSERT (100 rows a statement) of the same rows through the same driver
 *       (@neondatabase/serverless over SQL-over-HTTP, the relay, the application role, RLS).
 * What "lost" means: an event the platform accepted (listed in a 202 answer, so the queue took it)
 * that is not stored — compared id by id; "duplicates": rows beyond one per event id.
 * Plus case (c), the crash case: the real consumer (bench/workers/crashing-consumer) crashes on a
 * share of first deliveries (BENCH_CRASH_SHARE, default 0.2), before writing or after the commit and
 * before acknowledging; the queue redelivers and every accepted event must be stored exactly once.
 * That is the guarantee production has (Cloudflare Queues: a message acknowledged to the producer is
 * delivered at least once). The local broker itself keeps messages in memory only (miniflare's
 * queue broker has no persistence, `--persist-to` does not cover queues): killing the local runtime
 * loses what it holds, which no case here measures or claims (ADR 0016).
 * Environment: BENCH_TRUCKS (default 8), BENCH_EVENTS (default 40,000), BENCH_CRASH_EVENTS (default
 * 8,000), BENCH_CRASH_SHARE, BENCH_VERBOSE.
 * The machine is shared (other agents run builds and tests): numbers are noisy.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import pg from "pg";
import { neon, neonConfig } from "@neondatabase/serverless";
import { startLocalStack, type LocalStack } from "@communa/db/local";
import { uuidv7 } from "@communa/db";
import type { Started } from "../../scripts/lib/processes.ts";
import { removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";
import { lockPlatform } from "../../tests/setup/dev-platform.ts";
import { saveResults, runBench } from "./results.ts";
import { benchWorkerDir, configsWithout, postSigned, registerDevices, startCollector, startPlatform, until, type Device } from "./devices.ts";

const TRUCKS = Number(process.env.BENCH_TRUCKS ?? 8);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 40_000);
const BATCH = 100;
const BINS = 2_000;
/** Share of lifts whose chip is in no bin (anomalies, as on a real round). */
const UNKNOWN_SHARE = 0.01;
const CRASH_EVENTS = Number(process.env.BENCH_CRASH_EVENTS ?? 8_000);
const CRASH_SHARE = Number(process.env.BENCH_CRASH_SHARE ?? 0.2);
const ACK_DIR = benchWorkerDir("ack-only");
const CRASH_DIR = benchWorkerDir("crashing-consumer");

type Truck = Device;

interface Lift {
  seq: number;
  chipId: string;
  truck: string;
  round: string;
  liftedAt: string;
  lon: number;
  lat: number;
  weightKg: number;
  stream: "residual";
}

interface Phase {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  httpSeconds: number;
  /** Events listed as accepted in the 202 answers: the queue holds them. */
  accepted: number;
  stored: number;
  lost: number;
  duplicates: number;
  retriedRequests: number;
  /** Consumer crashes injected (case c only). */
  crashes?: number;
}

const chipOf = (i: number) => `250${String(i).padStart(12, "0")}`;

/** Bins in service for the chips, and the trucks' readers (registered as identity would, secrets sealed). */
async function seed(stack: LocalStack, identityKey: string) {
  const client = new pg.Client({ connectionString: stack.adminUrl });
  await client.connect();
  try {
    const tenants = (await client.query<{ id: string; slug: string }>("SELECT id, slug FROM tenants WHERE slug IN ('cclvd', 'liancourt')")).rows;
    const cclvd = tenants.find((t) => t.slug === "cclvd")!.id;
    const other = tenants.find((t) => t.slug === "liancourt")!.id;
    const binIds = new Map<string, string>();
    const rows = Array.from({ length: BINS }, (_, i) => ({ id: uuidv7(), chip: chipOf(i) }));
    for (const r of rows) binIds.set(r.chip, r.id);
    await client.query(
      "INSERT INTO waste_bins (id, tenant_id, chip_id, stream, volume_litres, status) SELECT id, $1, chip, 'residual', 120, 'in_service' FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, chip text)",
      [cclvd, JSON.stringify(rows)],
    );
    const trucks = await registerDevices(
      client,
      cclvd,
      identityKey,
      "rfid-reader",
      Array.from({ length: TRUCKS }, (_, i) => `BOM-${String(i + 1).padStart(2, "0")}`),
      (name) => `${name} — lecteur`,
    );
    return { cclvd, other, binIds, trucks };
  } finally {
    await client.end();
  }
}

/** Each truck's batches: EVENTS / TRUCKS lifts, 100 a batch, 1 % on chips in no bin. */
function batchesOf(trucks: Truck[], firstSeq: number, perTruck: number): Map<string, Lift[][]> {
  const out = new Map<string, Lift[][]>();
  const start = Date.now() - 3_600_000;
  for (const [t, truck] of trucks.entries()) {
    const lifts: Lift[] = Array.from({ length: perTruck }, (_, i) => ({
      seq: firstSeq + i,
      chipId: Math.random() < UNKNOWN_SHARE ? `250${String(900_000_000_000 + t * perTruck + i).padStart(12, "0")}` : chipOf(Math.floor(Math.random() * BINS)),
      truck: truck.name,
      round: `Tournée ${1 + (t % 5)}`,
      liftedAt: new Date(start + i * 50).toISOString(),
      lon: 2.4 + Math.random() * 0.1,
      lat: 49.3 + Math.random() * 0.05,
      weightKg: Math.round(Math.random() * 4000) / 100,
      stream: "residual",
    }));
    const batches: Lift[][] = [];
    for (let i = 0; i < lifts.length; i += BATCH) batches.push(lifts.slice(i, i + BATCH));
    out.set(truck.id, batches);
  }
  return out;
}

/** What a reader's firmware does: one signed POST per batch, again on a 5xx or 429. */
async function sendAll(origin: string, trucks: Truck[], batches: Map<string, Lift[][]>): Promise<{ httpMs: number; retried: number; accepted: string[] }> {
  const t0 = performance.now();
  let retried = 0;
  const accepted: string[] = [];
  const pathname = "/t/cclvd/api/devices/ingest/lifts";
  await Promise.all(
    trucks.map(async (truck) => {
      for (const events of batches.get(truck.id)!) {
        const sent = await postSigned(origin, truck, pathname, events);
        retried += sent.retried;
        accepted.push(...sent.accepted);
      }
    }),
  );
  return { httpMs: performance.now() - t0, retried, accepted };
}

async function main() {
  // The Workers' local secrets (.dev.vars) are per checkout: wait for any browser test's or other
  // bench's platform to finish, and hold the lock while ours runs.
  const unlock = await lockPlatform(1_200_000);
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-bench-ingest-"));
  const children: Started[] = [];
  const stack = await startLocalStack({ stateDir, pgPort: await freePort(), seed: true, ephemeral: true });
  const collectorIds: string[] = [];
  const crashes = new Map<string, number>();
  const collector = await startCollector((got) => {
    if (Array.isArray(got)) collectorIds.push(...(got as string[]));
    else {
      const { crash } = got as { crash: string };
      crashes.set(crash, (crashes.get(crash) ?? 0) + 1);
    }
  });
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    removeDevVars();
    await rm(path.join(ACK_DIR, ".dev.vars"), { force: true });
    await rm(path.join(CRASH_DIR, ".dev.vars"), { force: true });
    collector.close();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
    await unlock();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const secrets = await workerSecrets(stateDir);
    await writeDevVars({ DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress }, secrets);
    const { cclvd, other, binIds, trucks } = await seed(stack, secrets["workers/identity"].IDENTITY_SECRETS_KEY);
    await writeFile(path.join(ACK_DIR, ".dev.vars"), `COLLECTOR=${JSON.stringify(collector.url)}\n`, { mode: 0o600 });
    const crashVars = {
      DATABASE_URL: stack.appUrl,
      NEON_WS_PROXY: stack.relayAddress,
      COLLECTOR: collector.url,
      CRASH_SHARE: String(CRASH_SHARE),
    };
    await writeFile(
      path.join(CRASH_DIR, ".dev.vars"),
      `${Object.entries(crashVars)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join("\n")}\n`,
      { mode: 0o600 },
    );
    const admin = new pg.Client({ connectionString: stack.adminUrl });
    // A dropped connection must fail the run through the query in flight, not crash the process.
    admin.on("error", (err) => console.error(`connexion d’administration perdue : ${err.message}`));
    await admin.connect();
    const perTruck = Math.ceil(EVENTS / TRUCKS / BATCH) * BATCH;
    const total = perTruck * TRUCKS;

    const platform = (name: string, configs: string[]) => startPlatform(children, stateDir, name, configs);

    /**
     * One measured run: warm-up (device sessions, isolates), then the batches, until all are counted.
     * `counted` gives the rows so far and, at the end, the ids stored among those asked for: an
     * accepted event whose id is not stored is lost, whatever the totals say.
     */
    const measure = async (
      name: string,
      origin: string,
      firstSeq: number,
      count: number,
      counted: () => Promise<{ n: number; distinct: number }>,
      storedAmong: (ids: string[]) => Promise<{ rows: number; ids: Set<string> }>,
    ): Promise<Phase> => {
      const events = Math.ceil(count / TRUCKS / BATCH) * BATCH * TRUCKS;
      const warm = batchesOf(trucks, firstSeq, BATCH);
      const base = await counted();
      await sendAll(origin, trucks, warm);
      const warmed = await until(async () => (await counted()).n - base.n, TRUCKS * BATCH);
      if (warmed < TRUCKS * BATCH) throw new Error(`${name} : chauffe incomplète (${warmed} sur ${TRUCKS * BATCH})`);
      const start = await counted();
      const batches = batchesOf(trucks, firstSeq + BATCH, events / TRUCKS);
      const t0 = performance.now();
      const sent = await sendAll(origin, trucks, batches);
      await until(async () => (await counted()).distinct - start.distinct, events);
      const seconds = (performance.now() - t0) / 1000;
      // A moment more, for any late duplicate to show.
      await new Promise((r) => setTimeout(r, 2000));
      const found = await storedAmong(sent.accepted);
      const lost = sent.accepted.filter((id) => !found.ids.has(id)).length;
      return {
        name,
        events,
        seconds,
        eventsPerSecond: events / seconds,
        httpSeconds: sent.httpMs / 1000,
        accepted: sent.accepted.length,
        stored: found.ids.size,
        lost,
        duplicates: found.rows - found.ids.size,
        retriedRequests: sent.retried,
      };
    };
    const rowsAmong = (tenant: string) => async (ids: string[]) => {
      const r = await admin.query<{ event_id: string; n: string }>(
        "SELECT event_id, count(*) AS n FROM waste_lifts WHERE tenant_id = $1 AND event_id = ANY($2::text[]) GROUP BY event_id",
        [tenant, ids],
      );
      return { rows: r.rows.reduce((sum, x) => sum + Number(x.n), 0), ids: new Set(r.rows.map((x) => x.event_id)) };
    };

    const results: Phase[] = [];
    // (a) same path, a consumer that only acknowledges.
    process.stdout.write("(a) file locale seule (consommateur qui acquitte)…\n");
    const ackPlatform = await platform("ack-only", configsWithout("workers/waste", "bench/workers/ack-only/wrangler.toml"));
    results.push(
      await measure(
        "(a) passerelle → appareils → file → consommateur qui acquitte",
        ackPlatform.origin,
        1_000_000,
        EVENTS,
        async () => ({ n: collectorIds.length, distinct: new Set(collectorIds).size }),
        async (ids) => {
          const wanted = new Set(ids);
          const seen = collectorIds.filter((id) => wanted.has(id));
          return { rows: seen.length, ids: new Set(seen) };
        },
      ),
    );
    await ackPlatform.stop();

    // The real thing.
    process.stdout.write("bout en bout : passerelle → appareils → file → consommateur → Postgres…\n");
    const full = await platform("platform", workerConfigs());
    const rows = async () => {
      const r = (
        await admin.query<{ n: string; d: string }>("SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM waste_lifts WHERE tenant_id = $1", [cclvd])
      ).rows[0];
      return { n: Number(r.n), distinct: Number(r.d) };
    };
    results.push(await measure("bout en bout, jusqu’à Postgres", full.origin, 1, EVENTS, rows, rowsAmong(cclvd)));
    const [{ anomalies }] = (await admin.query<{ anomalies: string }>("SELECT count(*) AS anomalies FROM waste_anomalies WHERE tenant_id = $1", [cclvd])).rows;
    const [{ unresolved }] = (
      await admin.query<{ unresolved: string }>("SELECT count(*) AS unresolved FROM waste_lifts WHERE tenant_id = $1 AND bin_id IS NULL", [cclvd])
    ).rows;
    await full.stop();

    // (c) the real consumer crashing on a share of first deliveries: redelivery, written once.
    process.stdout.write(`(c) consommateur réel qui tombe en panne (${Math.round(CRASH_SHARE * 100)} % des premières livraisons)…\n`);
    const crashPlatform = await platform("crashing", configsWithout("workers/waste", "bench/workers/crashing-consumer/wrangler.toml"));
    const crashed = await measure("(c) bout en bout, consommateur qui tombe en panne", crashPlatform.origin, 2_000_000, CRASH_EVENTS, rows, rowsAmong(cclvd));
    crashed.crashes = [...crashes.values()].reduce((a, b) => a + b, 0);
    results.push(crashed);
    await crashPlatform.stop();

    // (b) raw batched INSERT of the same rows, same driver, same concurrency.
    process.stdout.write("(b) INSERT groupé brut, même pilote…\n");
    neonConfig.fetchEndpoint = () => `http://${stack.relayAddress}/sql`;
    const sql = neon(stack.appUrl);
    const raw = batchesOf(trucks, 1, perTruck);
    const columns = 13;
    const insertBatch = async (truck: Truck, events: Lift[]) => {
      const params: unknown[] = [];
      const tuples = events.map((e, i) => {
        params.push(
          uuidv7(),
          other,
          `${truck.id}:${e.seq}`,
          truck.id,
          e.chipId,
          binIds.get(e.chipId) ?? null,
          e.truck,
          e.round,
          e.liftedAt,
          e.lon,
          e.lat,
          e.weightKg,
          e.stream,
        );
        return `(${Array.from({ length: columns }, (_, k) => `$${i * columns + k + 1}`).join(", ")})`;
      });
      await sql.transaction([
        sql.query("SELECT set_config('app.tenant_id', $1, true)", [other]),
        sql.query(
          `INSERT INTO waste_lifts (id, tenant_id, event_id, device_id, chip_id, bin_id, truck, round, lifted_at, lon, lat, weight_kg, stream) VALUES ${tuples.join(", ")} ON CONFLICT (tenant_id, event_id) DO NOTHING`,
          params,
        ),
      ]);
    };
    const tb = performance.now();
    await Promise.all(
      trucks.map(async (truck) => {
        for (const events of raw.get(truck.id)!) await insertBatch(truck, events);
      }),
    );
    const rawSeconds = (performance.now() - tb) / 1000;
    const r = (
      await admin.query<{ n: string; d: string }>("SELECT count(*) AS n, count(DISTINCT event_id) AS d FROM waste_lifts WHERE tenant_id = $1", [other])
    ).rows[0];
    results.push({
      name: "(b) INSERT groupé brut (100 lignes), même pilote",
      events: total,
      seconds: rawSeconds,
      eventsPerSecond: total / rawSeconds,
      httpSeconds: rawSeconds,
      accepted: total,
      stored: Number(r.d),
      lost: total - Number(r.d),
      duplicates: Number(r.n) - Number(r.d),
      retriedRequests: 0,
    });
    await admin.end();

    const [a, e2e, crash, b] = results;
    const ratios = [
      { name: "bout en bout (événements/s)", value: e2e.eventsPerSecond, target: 5000, unit: "" },
      { name: "bout en bout / (a)", value: e2e.eventsPerSecond / a.eventsPerSecond, target: 0.5, unit: "" },
    ];
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(
      `\nBanc d’ingestion — ${TRUCKS} camions simultanés, ${total} levées par cas (lots de ${BATCH}), ${cpus().length} cœurs partagés avec d’autres agents, ${new Date().toISOString()}`,
    );
    console.log(
      `${"cas".padEnd(62)}${pad("évén./s", 10)}${pad("durée s", 9)}${pad("HTTP s", 8)}${pad("acceptés", 9)}${pad("écrits", 8)}${pad("perdus", 8)}${pad("doublons", 9)}${pad("renvois", 8)}`,
    );
    for (const p of results) {
      console.log(
        `${p.name.padEnd(62)}${pad(p.eventsPerSecond.toFixed(0), 10)}${pad(p.seconds.toFixed(1), 9)}${pad(p.httpSeconds.toFixed(1), 8)}${pad(p.accepted, 9)}${pad(p.stored, 8)}${pad(p.lost, 8)}${pad(p.duplicates, 9)}${pad(p.retriedRequests, 8)}`,
      );
    }
    console.log(`\n${"objectif".padEnd(62)}${pad("mesuré", 10)}${pad("cible", 10)}`);
    for (const q of ratios)
      console.log(
        `${q.name.padEnd(62)}${pad(q.value >= 10 ? q.value.toFixed(0) : q.value.toFixed(2), 10)}${pad(`≥ ${q.target}`, 10)}  ${q.value >= q.target ? "ATTEINT" : "NON ATTEINT"}`,
      );
    console.log(
      `bout en bout : 0 perdu ${e2e.lost === 0 ? "ATTEINT" : "NON ATTEINT"}, 0 doublon ${e2e.duplicates === 0 ? "ATTEINT" : "NON ATTEINT"} ; levées sans bac (puce inconnue) : ${unresolved}, anomalies enregistrées : ${anomalies}`,
    );
    console.log(
      `(c) ${crash.crashes} pannes du consommateur (${[...crashes].map(([k, n]) => `${n} ${k}`).join(", ") || "aucune"}) : 0 perdu ${crash.lost === 0 ? "ATTEINT" : "NON ATTEINT"}, 0 doublon ${crash.duplicates === 0 ? "ATTEINT" : "NON ATTEINT"} sur ${crash.accepted} événements acceptés.`,
    );
    console.log(
      "« perdu » = accepté par la file (réponse 202) et absent de la base, id par id. La file locale (miniflare) est en mémoire : arrêter le runtime local perd ce qu’elle contient, ce que ce banc ne mesure pas (en production, un message accepté par Cloudflare Queues est livré au moins une fois).",
    );
    console.log(`(b) / bout en bout : ${(b.eventsPerSecond / e2e.eventsPerSecond).toFixed(1)} — la part du temps qui n’est pas l’écriture en base.`);
    await saveResults("ingest", {
      at: new Date().toISOString(),
      cores: cpus().length,
      trucks: TRUCKS,
      batch: BATCH,
      events: total,
      crashShare: CRASH_SHARE,
      crashes: Object.fromEntries(crashes),
      results,
      ratios,
      anomalies: Number(anomalies),
      unresolvedLifts: Number(unresolved),
      note: "machine partagée avec d’autres agents : mesures bruitées ; « perdu » = accepté (202) et absent de la base ; la file locale est en mémoire (ADR 0016)",
    });
  } finally {
    await cleanup();
  }
}

runBench(main);
