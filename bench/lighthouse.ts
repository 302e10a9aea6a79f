/**
 * `npm run bench:lighthouse`: Lighthouse (mobile, simulated throttling) on the main public pages of
 * the production build, served as production serves it (gzip, `_headers`) with the API on the same
 * origin. Each page is run LIGHTHOUSE_RUNS times (default 3), the rounds interleaved (every page
 * once, then again); the table gives the median of each figure, with the scores of every run.
 *
 * Starts a platform (`npm run dev`, as the browser tests do) and builds the site into
 * .state/lighthouse-dist, unless COMMUNA_API_ORIGIN names a running gateway and SITE_DIST a build
 * made from it. Writes bench/results/lighthouse.json.
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { serveDist } from "../tests/browser/site-server.ts";
import { interrupt, lockPlatform, platformSetup, startDev, type Running } from "../tests/setup/dev-platform.ts";
import { auditInFreshChromium, fitForSimulation, frontServer, LIGHTHOUSE_PAGES, SLOW_CPU_BENCHMARK_INDEX, type PageAudit } from "../tests/setup/lighthouse.ts";

const root = path.resolve(import.meta.dirname, "..");
const runs = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pad = (v: string | number, n: number) => String(v).padStart(n);

async function main() {
  let api = process.env.COMMUNA_API_ORIGIN;
  let dist = process.env.SITE_DIST;
  let stop = async () => {};
  if (!api || !dist) {
    const unlock = await lockPlatform();
    const { stateDir, ports } = await platformSetup();
    let run: Running;
    try {
      run = await startDev(stateDir, ports);
    } catch (err) {
      await unlock();
      throw err;
    }
    stop = async () => {
      await interrupt(run).catch(() => {});
      await rm(stateDir, { recursive: true, force: true });
      await unlock();
    };
    api = `http://127.0.0.1:${ports.api}`;
    dist = path.join(root, ".state", "lighthouse-dist");
    console.log(`Construction du site depuis ${api} dans ${path.relative(root, dist)}…`);
    execFileSync(path.join(root, "node_modules", ".bin", "astro"), ["build", "--root", "site"], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", COMMUNA_API_ORIGIN: api, SITE_OUT_DIR: dist },
    });
  }
  const site = await serveDist(dist);
  const front = await frontServer(site.url, api);
  process.on("SIGINT", () => void Promise.all([front.close(), site.close(), stop()]).then(() => process.exit(130)));
  const results = new Map<string, PageAudit[]>(LIGHTHOUSE_PAGES.map((p) => [p.path, []]));
  try {
    for (let round = 1; round <= runs; round++) {
      for (const p of LIGHTHOUSE_PAGES) {
        process.stdout.write(`\rpassage ${round}/${runs} : ${p.path.padEnd(20)}`);
        results.get(p.path)!.push(await auditInFreshChromium(front.url + p.path));
      }
    }
  } finally {
    await front.close();
    await site.close();
    await stop();
  }
  process.stdout.write(`\r${" ".repeat(40)}\r`);

  const all = [...results.values()].flat();
  console.log(`\nLighthouse 12 mobile (simulé : CPU ×4, 150 ms, 1,6 Mbit/s), médiane de ${runs} passage(s), ${new Date().toISOString()}`);
  console.log(
    `indice CPU de Lighthouse (benchmarkIndex) avant/après chaque passage : ${all.map((a) => `${a.benchmarkIndex.toFixed(0)}/${a.benchmarkIndexAfter.toFixed(0)}`).join(" ")}` +
      ` (médiane ${median(all.map((a) => a.benchmarkIndex)).toFixed(0)} ; sous ${SLOW_CPU_BENCHMARK_INDEX}, Lighthouse juge la machine trop lente pour sa simulation ;` +
      ` ${all.filter(fitForSimulation).length}/${all.length} passages sur une machine apte)`,
  );
  console.log(
    `${"page".padEnd(20)}${pad("perf", 6)}${pad("cible", 7)}${pad("a11y", 6)}${pad("bp", 5)}${pad("seo", 5)}${pad("FCP s", 7)}${pad("LCP s", 7)}${pad("TBT ms", 8)}${pad("SI s", 6)}` +
      `${pad("CLS", 7)}${pad("Ko", 6)}${pad("req", 5)}${pad("JS inut. Ko", 12)}  perf par passage`,
  );
  const rows = LIGHTHOUSE_PAGES.map((p) => {
    const r = results.get(p.path)!;
    const m = (f: (a: PageAudit) => number) => median(r.map(f));
    const row = {
      path: p.path,
      target: p.performance,
      performance: m((a) => a.scores.performance),
      accessibility: m((a) => a.scores.accessibility),
      bestPractices: m((a) => a.scores["best-practices"]),
      seo: m((a) => a.scores.seo),
      fcp: m((a) => a.metrics.fcp),
      lcp: m((a) => a.metrics.lcp),
      tbt: m((a) => a.metrics.tbt),
      si: m((a) => a.metrics.si),
      cls: m((a) => a.metrics.cls),
      bytes: m((a) => a.bytes),
      requests: m((a) => a.requests),
      unusedJs: m((a) => a.unusedJs),
      runs: r.map((a) => a.scores.performance),
      renderBlocking: [...new Set(r.flatMap((a) => a.renderBlocking))],
      failing: [...new Set(r.flatMap((a) => a.failing))],
    };
    console.log(
      `${p.path.padEnd(20)}${pad(row.performance, 6)}${pad(`≥ ${p.performance}`, 7)}${pad(row.accessibility, 6)}${pad(row.bestPractices, 5)}${pad(row.seo, 5)}` +
        `${pad((row.fcp / 1000).toFixed(2), 7)}${pad((row.lcp / 1000).toFixed(2), 7)}${pad(row.tbt.toFixed(0), 8)}${pad((row.si / 1000).toFixed(2), 6)}` +
        `${pad(row.cls.toFixed(3), 7)}${pad((row.bytes / 1024).toFixed(0), 6)}${pad(row.requests, 5)}${pad((row.unusedJs / 1024).toFixed(0), 12)}  ${row.runs.join(" ")}`,
    );
    return row;
  });
  for (const r of rows) {
    const notes = [...r.failing.filter((f) => !f.startsWith("performance")), ...r.renderBlocking.map((u) => `bloque le rendu : ${u}`)];
    if (notes.length) console.log(`  ${r.path} : ${notes.join(" ; ")}`);
  }
  await mkdir(path.join(root, "bench", "results"), { recursive: true });
  await writeFile(
    path.join(root, "bench", "results", "lighthouse.json"),
    `${JSON.stringify({ at: new Date().toISOString(), runs, benchmarkIndex: all.map((a) => [a.benchmarkIndex, a.benchmarkIndexAfter]), pages: rows }, null, 2)}\n`,
  );
}

await main();
