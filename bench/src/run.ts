/**
 * `npm run bench`: throughput and latency of the request path, every case measured in the same run,
 * on the same machine and local runtime (wrangler dev / workerd), one after the other, with
 * autocannon at 32 connections. Prints a table with the ratios the foundation issue targets and
 * writes bench/results/latest.json. BENCH_DURATION (seconds, default 10) shortens a run.
 */
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startLocalStack } from "@communa/db/local";
import { bin, root, waitForHttp, type Started } from "../../scripts/lib/processes.ts";
import { removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";
import { wranglerDev } from "./wrangler.ts";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { mapLibreBytes, measureMapPage, measurePage, seedBenchListings, seedBenchPoints, serveSite } from "./map.ts";
import { buildListing } from "../../scripts/build-listing.ts";

const POINTS = 10_000;
const LISTINGS = 2_000;

const duration = Number(process.env.BENCH_DURATION ?? 10);
const warmup = Math.max(2, Math.round(duration / 5));
const connections = 32;

interface Case {
  name: string;
  url: string;
  headers?: Record<string, string>;
}

interface Measure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

function fire(c: Case, seconds: number): Promise<autocannon.Result> {
  return autocannon({ url: c.url, connections, duration: seconds, headers: c.headers });
}

async function measure(c: Case): Promise<Measure> {
  await fire(c, warmup);
  const r = await fire(c, duration);
  return {
    name: c.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function main() {
  const stateDir = await mkdtemp(path.join(tmpdir(), "communa-bench-"));
  const children: Started[] = [];
  const stack = await startLocalStack({ stateDir, pgPort: await freePort(), seed: true, ephemeral: true });
  const cleanup = async () => {
    await Promise.all(children.map((c) => c.stop()));
    removeDevVars();
    await rm(path.join(root, "bench", "workers", "select1", ".dev.vars"), { force: true });
    await stack.stop();
    await rm(stateDir, { recursive: true, force: true });
  };
  process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const secrets = { DATABASE_URL: stack.appUrl, NEON_WS_PROXY: stack.relayAddress };
    await writeDevVars(secrets, await workerSecrets(stateDir));
    await writeFile(
      path.join(root, "bench", "workers", "select1", ".dev.vars"),
      `${Object.entries(secrets)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join("\n")}\n`,
      { mode: 0o600 },
    );
    const ports = { platform: await freePort(), constant: await freePort(), select1: await freePort() };
    // Each wrangler dev needs its own inspector port too.
    const dev = (name: string, configs: string[], port: number) => wranglerDev(name, configs, { port, stateDir });
    children.push(await dev("platform", workerConfigs(), ports.platform));
    children.push(await dev("constant", ["bench/workers/constant/wrangler.toml"], ports.constant));
    children.push(await dev("select1", ["bench/workers/select1/wrangler.toml"], ports.select1));
    const communes = `http://127.0.0.1:${ports.platform}/t/cclvd/api/territory/communes?geometry=false`;
    await Promise.all([
      waitForHttp(`http://127.0.0.1:${ports.constant}/`, 60_000, (s) => s === 200),
      waitForHttp(`http://127.0.0.1:${ports.select1}/`, 60_000, (s) => s === 200),
      waitForHttp(communes, 60_000, (s) => s === 200),
    ]);
    // Prove the cached case is served from the cache before measuring it.
    await fetch(communes).then((r) => r.arrayBuffer());
    const probe = await fetch(communes);
    await probe.arrayBuffer();
    const cacheHit = probe.headers.get("x-communa-cache") === "hit";
    const layer = await seedBenchPoints(stack.adminUrl, POINTS);
    // (d) what a map view asks: the features in Liancourt's bounding box (one commune, about a
    // tenth of the points), first page (the endpoint's default size, 1,000).
    const features = `http://127.0.0.1:${ports.platform}/t/cclvd/api/map/layers/${layer}/features?bbox=2.43,49.31,2.49,49.35`;
    // (e) the whole layer in one answer, as the portal loads a layer today.
    const whole = `http://127.0.0.1:${ports.platform}/t/cclvd/api/map/layers/${layer}/features?limit=${POINTS}`;
    const sizeOf = async (url: string) => {
      const r = await fetch(url);
      const body = (await r.json()) as { numberReturned: number; numberMatched: number };
      return { bytes: JSON.stringify(body).length, returned: body.numberReturned, matched: body.numberMatched };
    };
    const viewSize = await sizeOf(features);
    const wholeSize = await sizeOf(whole);
    const mapProbe = await fetch(features);
    await mapProbe.arrayBuffer();
    const mapCacheHit = mapProbe.headers.get("x-communa-cache") === "hit";
    /** Single-request latency (the whole layer is too heavy for a throughput figure to mean much). */
    const timeOne = async (url: string, headers: Record<string, string> = {}) => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await (await fetch(url, { headers })).arrayBuffer();
        times.push(performance.now() - t0);
      }
      return Math.round(times.sort((x, y) => x - y)[2]);
    };
    const wholeUncachedMs = await timeOne(whole, { "cache-control": "no-cache" });
    const wholeCachedMs = await timeOne(whole);
    await seedBenchListings(stack.adminUrl, LISTINGS);
    const directorySearch = `http://127.0.0.1:${ports.platform}/t/cclvd/api/directory/businesses?q=commerce%2012&limit=20`;
    await fetch(directorySearch).then((r) => r.arrayBuffer());

    const cases: Case[] = [
      { name: "(a) Worker nu, réponse constante", url: `http://127.0.0.1:${ports.constant}/` },
      { name: "(b) Worker nu, SELECT 1", url: `http://127.0.0.1:${ports.select1}/` },
      { name: "(c) passerelle → territoire → Postgres, sans cache", url: communes, headers: { "cache-control": "no-cache" } },
      { name: "(c) passerelle → territoire, en cache", url: communes },
      { name: `(d) carte, emprise d’une commune, sans cache`, url: features, headers: { "cache-control": "no-cache" } },
      { name: `(d) carte, emprise d’une commune, en cache`, url: features },
      { name: `(f) annuaire : recherche, sans cache`, url: directorySearch, headers: { "cache-control": "no-cache" } },
      { name: `(f) annuaire : recherche, en cache`, url: directorySearch },
    ];
    const results: Measure[] = [];
    for (const c of cases) {
      process.stdout.write(`mesure : ${c.name}…\n`);
      results.push(await measure(c));
    }
    const [a, b, uncached, cached, , mapCached, , directoryCached] = results;
    const ratios = [
      { name: "(c) sans cache / (b)", value: uncached.rps / b.rps, target: 0.8 },
      { name: "(c) en cache / (a)", value: cached.rps / a.rps, target: 0.5 },
      { name: "(d) carte en cache / (a)", value: mapCached.rps / a.rps, target: 0.5 },
      { name: "(f) annuaire en cache / (a)", value: directoryCached.rps / a.rps, target: 0.5 },
    ];
    // The map page in Chromium: the built site, served with the API on the same origin.
    // The whole site, with the 2,000 listings' pages, read from the platform's API.
    const apiOrigin = `http://127.0.0.1:${ports.platform}`;
    const buildStarted = Date.now();
    // Asynchronous: this process runs the relay the build's API calls go through.
    await promisify(execFile)(bin("astro"), ["build", "--root", "site"], {
      cwd: root,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", COMMUNA_API_ORIGIN: apiOrigin },
      maxBuffer: 64 * 1024 * 1024,
    });
    const fullBuildMs = Date.now() - buildStarted;
    const pagesBuilt = Number(
      execFileSync("find", [path.join(root, "site", "dist"), "-name", "index.html"])
        .toString()
        .trim()
        .split("\n").length,
    );
    process.env.COMMUNA_API_ORIGIN = apiOrigin;
    const oneListing = await buildListing("liancourt", "commerce-5");
    const site = await serveSite(path.join(root, "site", "dist"), `http://127.0.0.1:${ports.platform}`);
    const pageMeasure = await measureMapPage(site.url, layer);
    const listingBytes = await measurePage(site.url, "/liancourt/commerces/commerce-5/").finally(() => site.close());
    const mapLibre = mapLibreBytes(root);
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(`\nBanc d’essai — ${connections} connexions, ${duration} s par cas (+${warmup} s de chauffe), ${new Date().toISOString()}`);
    console.log(`${"cas".padEnd(52)}${pad("req/s", 9)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("erreurs", 9)}`);
    for (const r of results) {
      const flag = r.errors + r.non2xx > 0 ? "  ⚠ erreurs" : "";
      console.log(`${r.name.padEnd(52)}${pad(r.rps.toFixed(0), 9)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.errors + r.non2xx, 9)}${flag}`);
    }
    console.log(`\n${"rapport".padEnd(52)}${pad("mesuré", 9)}${pad("cible", 9)}`);
    for (const q of ratios) {
      console.log(`${q.name.padEnd(52)}${pad(q.value.toFixed(2), 9)}${pad(`≥ ${q.target}`, 9)}  ${q.value >= q.target ? "ATTEINT" : "NON ATTEINT"}`);
    }
    console.log(`cache vérifié avant mesure (x-communa-cache: hit) : territoire ${cacheHit ? "oui" : "NON"}, carte ${mapCacheHit ? "oui" : "NON"}`);
    console.log(
      `couche de ${POINTS} points ; réponse (d) : ${viewSize.returned} objets sur ${viewSize.matched} dans l’emprise, ${(viewSize.bytes / 1024).toFixed(0)} Kio`,
    );
    console.log(
      `(e) couche entière en une réponse (${wholeSize.returned} objets, ${(wholeSize.bytes / 1024 / 1024).toFixed(2)} Mio, non compressé) : ${wholeUncachedMs} ms sans cache, ${wholeCachedMs} ms en cache (médiane de 5, une requête à la fois)`,
    );
    const kb = (n: number) => `${(n / 1024).toFixed(1)} Kio`;
    console.log(`\n${"page carte (Chromium, site construit, gzip)".padEnd(52)}${pad("mesuré", 12)}`);
    console.log(`${"page : HTML + CSS + JS (hors données)".padEnd(52)}${pad(kb(pageMeasure.pageBytes), 12)}`);
    console.log(`${"MapLibre seul (JS + worker + CSS, gzip)".padEnd(52)}${pad(kb(mapLibre), 12)}`);
    console.log(
      `${"écart page − MapLibre (cible ≤ 60 Kio)".padEnd(52)}${pad(kb(pageMeasure.pageBytes - mapLibre), 12)}  ${pageMeasure.pageBytes - mapLibre <= 60 * 1024 ? "ATTEINT" : "NON ATTEINT"}`,
    );
    console.log(`${"données de la carte transférées".padEnd(52)}${pad(kb(pageMeasure.dataBytes), 12)}`);
    console.log(`${`carte inactive (idle) avec ${POINTS} points`.padEnd(52)}${pad(`${pageMeasure.idleMs} ms`, 12)}`);
    console.log(`\n${"annuaire".padEnd(52)}${pad("mesuré", 12)}${pad("cible", 12)}`);
    console.log(
      `${"page d’une fiche (HTML + CSS + JS, gzip)".padEnd(52)}${pad(kb(listingBytes), 12)}${pad("≤ 50 Kio", 12)}  ${listingBytes <= 50 * 1024 ? "ATTEINT" : "NON ATTEINT"}`,
    );
    console.log(`${`construction complète du site (${pagesBuilt} pages, ${LISTINGS} fiches)`.padEnd(52)}${pad(`${(fullBuildMs / 1000).toFixed(1)} s`, 12)}`);
    console.log(
      `${"reconstruction d’une fiche (build:listing)".padEnd(52)}${pad(`${(oneListing.ms / 1000).toFixed(1)} s`, 12)}${pad("≤ 5 s", 12)}  ${oneListing.ms <= 5000 ? "ATTEINT" : "NON ATTEINT"}`,
    );
    await mkdir(path.join(root, "bench", "results"), { recursive: true });
    await writeFile(
      path.join(root, "bench", "results", "latest.json"),
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          connections,
          duration,
          cacheHit,
          mapCacheHit,
          results,
          ratios,
          mapPage: { ...pageMeasure, mapLibreBytes: mapLibre, points: POINTS },
          mapQueries: { view: viewSize, whole: { ...wholeSize, uncachedMs: wholeUncachedMs, cachedMs: wholeCachedMs } },
          directory: { listings: LISTINGS, listingPageBytes: listingBytes, fullBuildMs, pagesBuilt, oneListingMs: oneListing.ms },
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
