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
import { bin, root, startGroup, waitForHttp, type Started } from "../../scripts/lib/processes.ts";
import { removeDevVars, workerConfigs, workerSecrets, writeDevVars } from "../../scripts/lib/workers.ts";
import { freePort } from "../../tests/setup/database.ts";

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
      Object.entries(secrets).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n",
      { mode: 0o600 },
    );
    const ports = { platform: await freePort(), constant: await freePort(), select1: await freePort() };
    // Each wrangler dev needs its own inspector port too.
    const dev = async (name: string, configs: string[], port: number) =>
      startGroup(name, bin("wrangler"), [
        "dev", ...configs.flatMap((c) => ["-c", c]),
        "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(await freePort()),
        "--persist-to", path.join(stateDir, `wrangler-${name}`),
        "--show-interactive-dev-session=false", "--log-level", "error",
      ], { quiet: !process.env.BENCH_VERBOSE });
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

    const cases: Case[] = [
      { name: "(a) Worker nu, réponse constante", url: `http://127.0.0.1:${ports.constant}/` },
      { name: "(b) Worker nu, SELECT 1", url: `http://127.0.0.1:${ports.select1}/` },
      { name: "(c) passerelle → territoire → Postgres, sans cache", url: communes, headers: { "cache-control": "no-cache" } },
      { name: "(c) passerelle → territoire, en cache", url: communes },
    ];
    const results: Measure[] = [];
    for (const c of cases) {
      process.stdout.write(`mesure : ${c.name}…\n`);
      results.push(await measure(c));
    }
    const [a, b, uncached, cached] = results;
    const ratios = [
      { name: "(c) sans cache / (b)", value: uncached.rps / b.rps, target: 0.8 },
      { name: "(c) en cache / (a)", value: cached.rps / a.rps, target: 0.5 },
    ];
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
    console.log(`cache vérifié avant mesure (x-communa-cache: hit) : ${cacheHit ? "oui" : "NON"}`);
    await mkdir(path.join(root, "bench", "results"), { recursive: true });
    await writeFile(
      path.join(root, "bench", "results", "latest.json"),
      JSON.stringify({ at: new Date().toISOString(), connections, duration, cacheHit, results, ratios }, null, 2) + "\n",
    );
  } finally {
    await cleanup();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
