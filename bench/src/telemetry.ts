/**
 * `npm run bench:telemetry` (issue #22, Measure; ADR 0016, 0035): groundwater sensors replaying a
 * simulated year — BENCH_SENSORS piezometers (default 10), each one depth reading a simulated
 * minute for BENCH_DAYS days (default 365: 525,600 readings a sensor), in signed batches of 100 (the
 * devices Worker's maximum) → gateway (signature) → devices Worker (validation, device session) →
 * `telemetry` queue (local simulator) → environment Worker's consumer → Postgres — sustained events
 * per second, beside, in the same run and with the same batches, the same path consumed by a Worker
 * that only acknowledges (bench/workers/ack-only, telemetry.toml): the local queue's own ceiling.
 * "Lost": an event listed as accepted in a 202 answer with no stored reading, checked device by
 * device and sequence by sequence (the stored row's key is the event id, device + seq);
 * "duplicated": more than one row for an event id, or for a sensor and instant; every stored
 * reading is also checked for its instant and value.
 * Then a commune's water page: 10 years (BENCH_WATER_YEARS) of monthly Hub'Eau `resultats_dis`
 * samples of the key parameters for Liancourt, imported by the EPCI's agent (an API key) through
 * the environment Worker's import from a local Hub'Eau stand-in (the tests' fake, paging and all);
 * the built site served as production would (gzip, API on the same origin, compressed as the edge
 * compresses it), and `/liancourt/eau/` loaded in Chromium: bytes transferred (HTML, assets, each
 * API answer) and the time from navigation start until every chart is drawn — before the sensors'
 * year is stored, and once more after (the page also draws the territory's groundwater chart).
 * Results: bench/results/telemetry.json. The machine is shared (other agents run builds and
 * tests): numbers are noisy; its load is recorded.
 */
import { createHash, randomBytes } from "node:crypto";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { chromium } from "playwright-core";
import { startLocalStack, type LocalStack } from "@communa/db/local";
import { MAX_BATCH } from "@communa/contracts/devices";
import { bin, root, type Started } from "../../scripts/lib/processes.ts";
import { removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";
import { lockPlatform } from "../../tests/setup/dev-platform.ts";
import { fakeHubeau, RECORDED } from "@communa/core/testing/hubeau";
import { saveResults, runBench } from "./results.ts";
import { benchWorkerDir, configsWithout, postSigned, registerDevices, startCollector, startPlatform, until, type Device } from "./devices.ts";
import { serveSite } from "./map.ts";

// A reading older than 366 days is refused: the year ends now, so a longer period cannot be replayed.
const DAYS = Math.min(365, Number(process.env.BENCH_DAYS ?? 365));
const SENSORS = Number(process.env.BENCH_SENSORS ?? 10);
const WATER_YEARS = Number(process.env.BENCH_WATER_YEARS ?? 10);
const PER_SENSOR = DAYS * 1440;
const FULL_YEAR = 365 * 1440 * 10;
const BATCH = MAX_BATCH;
const MINUTE = 60_000;
const PATHNAME = "/t/cclvd/api/devices/ingest/telemetry";
const COMMUNE = { slug: "liancourt", insee: "60360" };
const ACK_DIR = benchWorkerDir("ack-only");
/** Most accepted events not yet consumed (see replay). */
const WINDOW = Number(process.env.BENCH_WINDOW ?? 20_000);
/** Stats of the readings table lag up to 10 s behind the writes: a stall is longer than that. */
const STALL_MS = 60_000;

/** The year's first minute: readings at start + seq minutes, the last one before now. */
const START = Math.floor((Date.now() - PER_SENSOR * MINUTE) / MINUTE) * MINUTE;
const atOf = (seq: number) => START + seq * MINUTE;
/** A sensor's depth (m below ground): a seasonal swing and a small wobble, the same in both phases. */
const depthOf = (sensor: number, seq: number) =>
  Math.round((8 + sensor * 0.7 + 1.5 * Math.sin((2 * Math.PI * seq) / (365 * 1440)) + 0.02 * Math.sin(seq / 37)) * 1000) / 1000;

/**
 * How many times each (device, seq) of the replayed period was seen, one byte each (5 M events fit
 * in 5 MB); events outside the period (the warm-up) are only counted.
 */
class Tally {
  readonly counts = new Map<string, Uint8Array>();
  distinct = 0;
  outside = 0;
  /** Every event seen, warm-up and repeats included. */
  seen = 0;
  /** Date.now() when a new event was last seen. */
  lastNewAt = 0;
  constructor(devices: Device[]) {
    for (const d of devices) this.counts.set(d.id, new Uint8Array(PER_SENSOR));
  }
  add(eventId: string): void {
    const i = eventId.lastIndexOf(":");
    const counts = this.counts.get(eventId.slice(0, i));
    const seq = Number(eventId.slice(i + 1));
    this.seen++;
    if (!counts || !(seq >= 0 && seq < PER_SENSOR)) {
      this.outside++;
      return;
    }
    if (counts[seq] === 0) {
      this.distinct++;
      this.lastNewAt = Date.now();
    }
    if (counts[seq] < 255) counts[seq]++;
  }
  /** Against what the platform accepted: accepted and never seen, and seen more than once. */
  against(accepted: Tally): { lost: number; duplicates: number } {
    let lost = 0;
    let duplicates = 0;
    for (const [device, acc] of accepted.counts) {
      const got = this.counts.get(device)!;
      for (let s = 0; s < PER_SENSOR; s++) {
        if (acc[s] && !got[s]) lost++;
        if (got[s] > 1) duplicates += got[s] - 1;
      }
    }
    return { lost, duplicates };
  }
}

interface Phase {
  name: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  httpSeconds: number;
  /** Time the sensors waited for the queue's backlog to come under WINDOW, summed over sensors. */
  waitedSeconds: number;
  requests: number;
  accepted: number;
  stored: number;
  lost: number;
  duplicates: number;
  /** Database phase: a second row for a sensor and instant (under another key). */
  duplicateInstants?: number;
  /** Database phase: a stored reading whose instant or value is not the one sent. */
  altered?: number;
  retriedRequests: number;
}

const eventsOf = (sensor: number, from: number, to: number, shift = 0) =>
  Array.from({ length: to - from }, (_, i) => {
    const seq = from + i;
    const minute = seq < PER_SENSOR ? seq : seq - PER_SENSOR;
    return { seq, at: new Date(atOf(minute) + shift).toISOString(), metric: "nappe.profondeur", value: depthOf(sensor, minute), unit: "m" };
  });

/**
 * Every sensor posts its batches one after the other (as a sensor empties its backlog), all sensors
 * at once. With `delivered` (events of this replay that reached the consumer so far), a sensor waits
 * while more than WINDOW accepted events are still in the queue: the local broker holds its backlog
 * in one Durable Object's memory, and with the sensors far ahead of the consumer it slowed down
 * several times (seen: 460–780 events/s for the ack-only case, ~2,700 with the window at the same
 * load) — which would measure the simulator's backlog, not the path. Cloudflare's queues keep the
 * backlog on disk; a sensor does not push faster than its readings anyway.
 */
async function replay(
  origin: string,
  sensors: Device[],
  from: number,
  to: number,
  accepted: Tally | null,
  { shift = 0, delivered }: { shift?: number; delivered?: () => number } = {},
) {
  const t0 = performance.now();
  let retried = 0;
  let requests = 0;
  let waitedMs = 0;
  let sentEvents = 0;
  await Promise.all(
    sensors.map(async (sensor, k) => {
      for (let s = from; s < to; s += BATCH) {
        if (delivered && sentEvents - delivered() > WINDOW) {
          const w0 = performance.now();
          while (sentEvents - delivered() > WINDOW) await new Promise((r) => setTimeout(r, 20));
          waitedMs += performance.now() - w0;
        }
        const end = Math.min(to, s + BATCH);
        const sent = await postSigned(origin, sensor, PATHNAME, eventsOf(k, s, end, shift), to - end);
        requests++;
        sentEvents += sent.accepted.length;
        retried += sent.retried;
        if (accepted) for (const id of sent.accepted) accepted.add(id);
      }
    }),
  );
  return { httpMs: performance.now() - t0, retried, requests, waitedMs };
}

/** The EPCI's agent for water and energy, as an API key (the back office's session is not needed here). */
async function agentKey(client: pg.Client): Promise<string> {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const prefix = Array.from(randomBytes(10), (b) => alphabet[b & 31]).join("");
  const key = `cmn_${prefix}_${randomBytes(32).toString("base64url")}`;
  const [{ id: personId }] = (await client.query("INSERT INTO people (id, display_name) VALUES (gen_random_uuid(), 'Agent eau du banc') RETURNING id")).rows;
  await client.query(
    "INSERT INTO memberships (tenant_id, person_id, role, granted_by) SELECT id, $1, 'agent:environment', 'banc' FROM tenants WHERE slug = 'cclvd'",
    [personId],
  );
  await client.query(
    `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, permissions, created_by, person_id, expires_at)
     SELECT gen_random_uuid(), id, 'banc eau', $1, $2, $3, $4::text, $4::uuid, now() + interval '1 day' FROM tenants WHERE slug = 'cclvd'`,
    [prefix, createHash("sha256").update(key).digest(), ["environment:read", "environment:write"], personId],
  );
  return key;
}

/**
 * Hub'Eau's answers for the commune over `years` years: one sample a month (the 6th, 08:31 UTC),
 * each with the key parameters and pH, shaped as the recorded answers (their rows as templates).
 */
function waterHistory(years: number) {
  const templates = new Map<string, Record<string, unknown>>();
  for (const r of RECORDED.resultats_dis)
    if (r.code_commune === COMMUNE.insee && !templates.has(String(r.code_parametre))) templates.set(String(r.code_parametre), r);
  const now = new Date();
  const first = now.getUTCFullYear() - years + 1;
  const rows: Record<string, unknown>[] = [];
  const fr = (v: number) => String(v).replace(".", ",");
  for (let y = first; y <= now.getUTCFullYear(); y++)
    for (let mo = 0; mo < 12; mo++) {
      const date = new Date(Date.UTC(y, mo, 6, 8, 31));
      if (date > now) break;
      const k = (y - first) * 12 + mo;
      const code = `BANC${y}${String(mo + 1).padStart(2, "0")}`;
      const values: Record<string, [number, string]> = {
        // Nitrates with a seasonal swing, above the limit one winter in ten.
        "1340": ((v) => [v, fr(v)])(Math.round((38 + 9 * Math.sin((2 * Math.PI * mo) / 12) + (k % 120 === 13 ? 6 : 0)) * 10) / 10),
        "6276": k % 7 === 0 ? [0.08, "0,08"] : [0, "<0,02"],
        "1449": [0, "0"],
        "6455": [0, "0"],
        "1302": [7.4, "7,4"],
      };
      for (const [param, t] of templates) {
        const [num, text] = values[param] ?? [0, "0"];
        rows.push({
          ...t,
          code_prelevement: code,
          reference_analyse: `${code}-A`,
          date_prelevement: date.toISOString(),
          resultat_numerique: num,
          resultat_alphanumerique: text,
        });
      }
    }
  const year = now.getUTCFullYear();
  const udi = RECORDED.communes_udi.filter((r) => r.code_commune === COMMUNE.insee).map((r) => ({ ...r, annee: String(year) }));
  return { year, from: `${first}-01-01`, to: now.toISOString().slice(0, 10), rows, udi: udi.slice(0, 1) };
}

interface PageLoad {
  /** Navigation start → every chart of the page drawn (ms); null when they were not within the time allowed. */
  drawnMs: number | null;
  htmlBytes: number;
  assetBytes: number;
  waterApiBytes: number;
  waterApiDecodedBytes: number;
  groundwaterApiBytes: number;
  groundwaterApiDecodedBytes: number;
  totalBytes: number;
  note?: string;
}

/**
 * One load of the water page in a fresh browser context (no HTTP cache): "drawn" when the history
 * has a figure per key parameter with its chart and the groundwater part is filled, seen by a
 * MutationObserver in the page (performance.now(), from navigation start).
 */
async function loadWaterPage(site: string, pathname: string, parameters: number, timeoutMs: number): Promise<PageLoad> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  try {
    const page = await (await browser.newContext({ locale: "fr-FR" })).newPage();
    await page.addInitScript((n: number) => {
      const w = window as unknown as { __drawn?: number };
      const check = () => {
        const charts = document.querySelectorAll("#eau-contenu figure.parametre svg").length;
        const ground = document.getElementById("nappes")?.childElementCount ?? 0;
        if (w.__drawn === undefined && charts >= n && ground > 0) w.__drawn = performance.now();
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    }, parameters);
    const res = await page.goto(`${site}${pathname}`);
    if (res?.status() !== 200) throw new Error(`${pathname} : HTTP ${res?.status()}`);
    let note: string | undefined;
    const drawnMs = await page
      .waitForFunction(() => (window as unknown as { __drawn?: number }).__drawn, undefined, { timeout: timeoutMs, polling: 100 })
      .then((h) => h.jsonValue() as Promise<number>)
      .catch(async () => {
        note = `graphiques non dessinés en ${timeoutMs / 1000} s ; état affiché : « ${await page.locator("#eau-etat").textContent()} », nappes : ${await page.locator("#nappes").evaluate((e) => e.childElementCount)} élément(s)`;
        return null;
      });
    const entries = await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => {
        const r = e as PerformanceResourceTiming;
        return { name: r.name, type: r.entryType, transfer: r.transferSize, decoded: r.decodedBodySize };
      }),
    );
    const sum = (f: (e: (typeof entries)[number]) => boolean, k: "transfer" | "decoded" = "transfer") => entries.filter(f).reduce((n, e) => n + e[k], 0);
    const isWater = (e: { name: string }) => new URL(e.name).pathname.includes("/api/environment/water/");
    const isGround = (e: { name: string }) => new URL(e.name).pathname.includes("/api/environment/groundwater");
    return {
      drawnMs,
      htmlBytes: sum((e) => e.type === "navigation"),
      assetBytes: sum((e) => e.type !== "navigation" && !isWater(e) && !isGround(e)),
      waterApiBytes: sum(isWater),
      waterApiDecodedBytes: sum(isWater, "decoded"),
      groundwaterApiBytes: sum(isGround),
      groundwaterApiDecodedBytes: sum(isGround, "decoded"),
      totalBytes: sum(() => true),
      note,
    };
  } finally {
    await browser.close();
  }
}

/** The first load, then the median of `repeat` more (each in a fresh context). */
async function measureWaterPage(site: string, parameters: number, repeat: number, timeoutMs: number) {
  const pathname = `/${COMMUNE.slug}/eau/`;
  const first = await loadWaterPage(site, pathname, parameters, timeoutMs);
  const next: PageLoad[] = [];
  if (first.drawnMs !== null) for (let i = 0; i < repeat; i++) next.push(await loadWaterPage(site, pathname, parameters, timeoutMs));
  const times = next.map((l) => l.drawnMs).filter((t): t is number => t !== null);
  times.sort((a, b) => a - b);
  return { pathname, first, medianDrawnMs: times.length ? times[Math.floor(times.length / 2)] : null, loads: 1 + next.length };
}

async function main() {
  // The Workers' local secrets (.dev.vars) are per checkout: wait for any other platform to finish.
  const unlock = await lockPlatform(1_200_000);
  const loadBefore = loadavg();
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-bench-telemetry-"));
  const children: Started[] = [];
  const stack: LocalStack = await startLocalStack({ stateDir, pgPort: await freePort(), seed: true, ephemeral: true });
  let ackTally: Tally | null = null;
  const collector = await startCollector((ids) => {
    for (const id of ids as string[]) ackTally?.add(id);
  });
  const water = waterHistory(WATER_YEARS);
  const hubeau = fakeHubeau({ data: { communes_udi: water.udi, resultats_dis: water.rows, chroniques: [], chroniques_tr: [] } });
  const hubeauServer = createServer((req, res) => {
    void hubeau
      .fetch(new Request(`http://hubeau.local${req.url}`))
      .then(async (answer) => {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(await answer.text());
      })
      .catch(() => res.writeHead(500).end());
  });
  const hubeauPort = await freePort();
  await new Promise<void>((r) => hubeauServer.listen(hubeauPort, "127.0.0.1", r));
  let closeSite: (() => Promise<void>) | null = null;
  const cleanup = async () => {
    await closeSite?.();
    await Promise.all(children.map((c) => c.stop()));
    removeDevVars();
    await rm(path.join(ACK_DIR, ".dev.vars"), { force: true });
    collector.close();
    hubeauServer.close();
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
    await unlock();
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const secrets = await workerSecrets(stateDir);
    // The environment Worker reads Hub'Eau from the local stand-in (its base URL is configuration).
    await writeDevVars(
      { DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress },
      { ...secrets, "workers/environment": { HUBEAU_BASE_URL: `http://127.0.0.1:${hubeauPort}/api` } },
    );
    await writeFile(path.join(ACK_DIR, ".dev.vars"), `COLLECTOR=${JSON.stringify(collector.url)}\n`, { mode: 0o600 });
    const admin = new pg.Client({ connectionString: stack.adminUrl });
    admin.on("error", (err) => console.error(`connexion d’administration perdue : ${err.message}`));
    await admin.connect();
    const [{ id: cclvd }] = (await admin.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'")).rows;
    const sensors = await registerDevices(
      admin,
      cclvd,
      secrets["workers/identity"].IDENTITY_SECRETS_KEY,
      "groundwater-sensor",
      Array.from({ length: SENSORS }, (_, i) => `PZ-${String(i + 1).padStart(2, "0")}`),
      (name) => `${name} — piézomètre du banc`,
    );
    const apiKey = await agentKey(admin);
    const total = PER_SENSOR * SENSORS;
    const platform = (name: string, configs: string[]) => startPlatform(children, stateDir, name, configs);

    /**
     * One measured replay: a warm-up batch per sensor (device sessions, isolates; outside the period,
     * half a minute off), then the period; `progress` counts everything that arrived (warm-up
     * included), `lastArrival` is when the last event of the period arrived.
     */
    const measure = async (
      name: string,
      origin: string,
      progress: () => Promise<number>,
      lastArrival: () => Promise<number>,
      check: (
        accepted: Tally,
      ) => Promise<
        Omit<Phase, "name" | "events" | "seconds" | "eventsPerSecond" | "httpSeconds" | "waitedSeconds" | "requests" | "accepted" | "retriedRequests">
      >,
      everyMs: number,
    ): Promise<Phase> => {
      const base = await progress();
      await replay(origin, sensors, PER_SENSOR, PER_SENSOR + BATCH, null, { shift: 30_000 });
      const warmed = await until(async () => (await progress()) - base, SENSORS * BATCH, STALL_MS, everyMs);
      if (warmed < SENSORS * BATCH) throw new Error(`${name} : chauffe incomplète (${warmed} sur ${SENSORS * BATCH})`);
      const start = await progress();
      const accepted = new Tally(sensors);
      const t0 = Date.now();
      let delivered = 0;
      const poller = setInterval(() => void progress().then((n) => (delivered = Math.max(delivered, n - start))), everyMs);
      const ticker = setInterval(() => process.stdout.write(`  ${new Date().toISOString().slice(11, 19)} ${delivered} / ${total}\n`), 60_000);
      const sent = await replay(origin, sensors, 0, PER_SENSOR, accepted, { delivered: () => delivered }).finally(() => {
        clearInterval(ticker);
        clearInterval(poller);
      });
      await until(async () => (await progress()) - start, total, STALL_MS, everyMs);
      const seconds = (Math.max(await lastArrival(), t0) - t0) / 1000;
      // A moment more, for any late duplicate to show.
      await new Promise((r) => setTimeout(r, 3000));
      return {
        name,
        events: total,
        seconds,
        eventsPerSecond: total / seconds,
        httpSeconds: sent.httpMs / 1000,
        waitedSeconds: sent.waitedMs / 1000,
        requests: sent.requests,
        accepted: accepted.distinct,
        retriedRequests: sent.retried,
        ...(await check(accepted)),
      };
    };

    const results: Phase[] = [];
    console.log(`début des mesures : ${new Date().toISOString()} — ${SENSORS} capteurs × ${PER_SENSOR} relevés (${DAYS} j) = ${total} événements par cas`);
    // (a) the same path, a consumer that only acknowledges.
    process.stdout.write("(a) file locale seule (consommateur qui acquitte)…\n");
    const ackPlatform = await platform("ack-only", configsWithout("workers/environment", "bench/workers/ack-only/telemetry.toml"));
    const ack = new Tally(sensors);
    ackTally = ack;
    results.push(
      await measure(
        "(a) passerelle → appareils → file → consommateur qui acquitte",
        ackPlatform.origin,
        async () => ack.seen,
        async () => ack.lastNewAt,
        async (accepted) => ({ stored: ack.distinct, ...ack.against(accepted) }),
        100,
      ),
    );
    ackTally = null;
    await ackPlatform.stop();

    // The real thing, and the commune's water page before and after the year of readings.
    process.stdout.write("bout en bout : passerelle → appareils → file → consommateur (environnement) → Postgres…\n");
    const full = await platform("platform", workerConfigs());
    const api = async (p: string, json?: unknown) => {
      const res = await fetch(`${full.origin}/t/cclvd/api/environment${p}`, {
        method: json === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${p} → HTTP ${res.status} ${text.slice(0, 400)}`);
      return JSON.parse(text) as Record<string, unknown>;
    };
    // Each sensor is the device of its own station (the consumer finds the station by device id).
    const stations = new Map<string, string>();
    for (const [i, s] of sensors.entries()) {
      const saved = await api("/groundwater/stations", {
        kind: "device",
        code: s.id,
        name: `Piézomètre ${s.name}`,
        communeInsee: COMMUNE.insee,
        vigilanceDepthM: 14,
        alertDepthM: 16,
      });
      stations.set(s.id, String(saved.id));
      if (i === 0) process.stdout.write(`  ${SENSORS} piézomètres enregistrés (appareil ↔ station)\n`);
    }
    const importStarted = performance.now();
    const report = await api("/water/imports", { year: water.year, from: water.from, to: water.to, communes: [COMMUNE.insee] });
    const importMs = performance.now() - importStarted;
    process.stdout.write(
      `  eau : ${water.rows.length} résultats Hub'Eau (${WATER_YEARS} ans) importés en ${(importMs / 1000).toFixed(1)} s : ${JSON.stringify(report)}\n`,
    );
    const buildStarted = Date.now();
    // Asynchronous: this process runs the relay the build's API calls go through.
    await promisify(execFile)(bin("astro"), ["build", "--root", "site"], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", COMMUNA_API_ORIGIN: full.origin },
      maxBuffer: 64 * 1024 * 1024,
    });
    process.stdout.write(`  site construit en ${((Date.now() - buildStarted) / 1000).toFixed(0)} s\n`);
    const site = await serveSite(path.join(root, "site", "dist"), full.origin, { gzipApi: true });
    closeSite = site.close;
    const parameters = 3;
    const pageBefore = await measureWaterPage(site.url, parameters, 3, 60_000);
    const pageBeforeAt = Date.now();

    const readingsInserted = async () =>
      Number(
        (await admin.query<{ n: string }>("SELECT coalesce(sum(n_tup_ins), 0) AS n FROM pg_stat_user_tables WHERE relname = 'env_piezo_readings'")).rows[0].n,
      );
    results.push(
      await measure(
        "bout en bout, jusqu’à Postgres",
        full.origin,
        readingsInserted,
        async () => {
          // The consumer's row ids are UUIDv7: the newest one holds the instant of the last write (ms).
          const [{ id }] = (
            await admin.query<{ id: string }>("SELECT id::text AS id FROM env_piezo_readings WHERE tenant_id = $1 ORDER BY id DESC LIMIT 1", [cclvd])
          ).rows;
          return Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
        },
        async (accepted) => {
          const stored = new Tally(sensors);
          let duplicateInstants = 0;
          let altered = 0;
          for (const [k, s] of sensors.entries()) {
            const rows = (
              await admin.query<[string, string, number]>({
                text: "SELECT split_part(event_id, ':', 2), (extract(epoch FROM measured_at) * 1000)::bigint, depth_m FROM env_piezo_readings WHERE tenant_id = $1 AND station_id = $2 AND event_id IS NOT NULL",
                values: [cclvd, stations.get(s.id)],
                rowMode: "array",
              })
            ).rows;
            const instants = new Uint8Array(PER_SENSOR);
            for (const [seqText, atText, depth] of rows) {
              const seq = Number(seqText);
              stored.add(`${s.id}:${seq}`);
              if (seq >= PER_SENSOR) continue;
              const at = Number(atText);
              if (at !== atOf(seq) || depth !== depthOf(k, seq)) altered++;
              const minute = (at - START) / MINUTE;
              if (Number.isInteger(minute) && minute >= 0 && minute < PER_SENSOR && instants[minute]++ > 0) duplicateInstants++;
            }
          }
          return { stored: stored.distinct, ...stored.against(accepted), duplicateInstants, altered };
        },
        500,
      ),
    );
    const [{ anomalies }] = (await admin.query<{ anomalies: string }>("SELECT count(*) AS anomalies FROM env_anomalies WHERE tenant_id = $1", [cclvd])).rows;
    const [{ dead }] = (await admin.query<{ dead: string }>("SELECT count(*) AS dead FROM env_dead_letters WHERE tenant_id = $1", [cclvd])).rows;
    process.stdout.write("page de l’eau, avec l’année de relevés des capteurs en base…\n");
    // Public answers are cached 60 s at the gateway (cacheFor): a short run must not read the one from before.
    await new Promise((r) => setTimeout(r, Math.max(0, pageBeforeAt + 65_000 - Date.now())));
    const pageAfter = await measureWaterPage(site.url, parameters, 1, 180_000);
    await site.close();
    closeSite = null;
    await admin.end();
    await full.stop();
    const loadAfter = loadavg();

    const [a, e2e] = results;
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(
      `\nBanc télémétrie — ${SENSORS} piézomètres, 1 relevé/min pendant ${DAYS} j = ${total} événements par cas (lots de ${BATCH}, au plus ${WINDOW} en file), ${cpus().length} cœurs partagés (charge ${loadBefore.map((l) => l.toFixed(1)).join(" / ")} avant, ${loadAfter.map((l) => l.toFixed(1)).join(" / ")} après), ${new Date().toISOString()}`,
    );
    console.log(
      `${"cas".padEnd(62)}${pad("évén./s", 10)}${pad("durée s", 9)}${pad("HTTP s", 8)}${pad("attente", 9)}${pad("acceptés", 10)}${pad("écrits", 10)}${pad("perdus", 8)}${pad("doublons", 9)}${pad("renvois", 8)}`,
    );
    for (const p of results)
      console.log(
        `${p.name.padEnd(62)}${pad(p.eventsPerSecond.toFixed(0), 10)}${pad(p.seconds.toFixed(1), 9)}${pad(p.httpSeconds.toFixed(1), 8)}${pad((p.waitedSeconds / SENSORS).toFixed(1), 9)}${pad(p.accepted, 10)}${pad(p.stored, 10)}${pad(p.lost, 8)}${pad(p.duplicates, 9)}${pad(p.retriedRequests, 8)}`,
      );
    console.log(`\nbout en bout / (a) : ${(e2e.eventsPerSecond / a.eventsPerSecond).toFixed(2)} (les deux cas dans ce même run, mêmes lots)`);
    console.log(
      `bout en bout : 0 perdu ${e2e.lost === 0 ? "ATTEINT" : "NON ATTEINT"}, 0 doublon ${e2e.duplicates === 0 && e2e.duplicateInstants === 0 ? "ATTEINT" : "NON ATTEINT"} (par clé ${e2e.duplicates}, par capteur et instant ${e2e.duplicateInstants}) ; relevés altérés (instant ou valeur) : ${e2e.altered} ; anomalies : ${anomalies}, rejets : ${dead}`,
    );
    const extrapolation =
      total < FULL_YEAR
        ? {
            note: "EXTRAPOLATION, non mesurée : l’année complète (10 capteurs × 525 600) au débit mesuré ici",
            events: FULL_YEAR,
            endToEndSeconds: FULL_YEAR / e2e.eventsPerSecond,
            ackOnlySeconds: FULL_YEAR / a.eventsPerSecond,
          }
        : null;
    if (extrapolation)
      console.log(
        `période réduite (${total} événements) : ${extrapolation.note} — bout en bout ≈ ${(extrapolation.endToEndSeconds / 60).toFixed(0)} min, (a) ≈ ${(extrapolation.ackOnlySeconds / 60).toFixed(0)} min`,
      );
    const kb = (n: number) => `${(n / 1024).toFixed(1)} Ko`;
    console.log(
      `\nPage ${pageBefore.pathname} — ${water.rows.length} résultats Hub'Eau sur ${WATER_YEARS} ans (${water.rows.length / 5} prélèvements mensuels × 5 paramètres)`,
    );
    console.log(
      `${"état".padEnd(44)}${pad("HTML", 10)}${pad("JS/CSS", 10)}${pad("API eau", 12)}${pad("API nappes", 14)}${pad("total", 12)}${pad("1er ms", 9)}${pad("méd. ms", 9)}`,
    );
    for (const [label, m] of [
      ["historique de l’eau seul", pageBefore],
      [`avec les ${total} relevés des capteurs en base`, pageAfter],
    ] as const)
      console.log(
        `${label.padEnd(44)}${pad(kb(m.first.htmlBytes), 10)}${pad(kb(m.first.assetBytes), 10)}${pad(kb(m.first.waterApiBytes), 12)}${pad(kb(m.first.groundwaterApiBytes), 14)}${pad(kb(m.first.totalBytes), 12)}${pad(m.first.drawnMs?.toFixed(0) ?? "—", 9)}${pad(m.medianDrawnMs?.toFixed(0) ?? "—", 9)}${m.first.note ? `  ${m.first.note}` : ""}`,
      );
    console.log(
      "Octets transférés (gzip) ; durée : début de navigation → tous les graphiques dessinés, Chromium sans cache (1er chargement, médiane des suivants).",
    );
    console.log("« perdu » = accepté (réponse 202) et absent, événement par événement. La file locale (miniflare) est en mémoire (ADR 0016).");
    await saveResults("telemetry", {
      at: new Date().toISOString(),
      cores: cpus().length,
      loadAverage: { before: loadBefore, after: loadAfter },
      sensors: SENSORS,
      days: DAYS,
      readingsPerSensor: PER_SENSOR,
      batch: BATCH,
      queueWindow: WINDOW,
      events: total,
      results,
      endToEndOverAckOnly: e2e.eventsPerSecond / a.eventsPerSecond,
      anomalies: Number(anomalies),
      deadLetters: Number(dead),
      extrapolation,
      waterPage: {
        commune: COMMUNE,
        years: WATER_YEARS,
        hubeauRows: water.rows.length,
        importSeconds: importMs / 1000,
        importReport: report,
        before: pageBefore,
        afterSensorYear: pageAfter,
      },
      note: "machine partagée avec d’autres agents : mesures bruitées ; « perdu » = accepté (202) et absent de la base ; la file locale est en mémoire (ADR 0016) ; octets gzip (l’API compressée comme par le réseau de Cloudflare)",
    });
  } finally {
    await cleanup();
  }
}

runBench(main);
