/**
 * `npm run deploy:check`: `wrangler deploy --dry-run` for every Worker — proves each bundle builds
 * and stays within Cloudflare's size limits — and prints the sizes.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { root } from "./lib/processes.ts";
import { bundleWorker } from "./lib/bundles.ts";
import { workerConfigs } from "./lib/workers.ts";

/** Workers Paid plan limit on the compressed bundle. */
const LIMIT_GZIP = 10 * 1024 * 1024;
let failed = false;
const rows: string[] = [];
for (const config of workerConfigs()) {
  // The test-only authenticator (ADR 0006) must never be switched on by a deployable config.
  if (/TEST_ACTORS/.test(readFileSync(path.join(root, config), "utf8"))) {
    failed = true;
    console.error(`✗ ${config} définit TEST_ACTORS : réservé à la configuration de test.`);
  }
  const name = /^name\s*=\s*"([^"]+)"/m.exec(readFileSync(path.join(root, config), "utf8"))?.[1] ?? config;
  // Built into .state/build/, where the test projects take their auxiliary Workers from (unless up to date already).
  let outdir: string;
  let rebuilt: boolean;
  try {
    ({ outdir, rebuilt } = bundleWorker(path.dirname(config)));
  } catch (err) {
    failed = true;
    console.error(`✗ ${name}\n${(err as Error).message}`);
    continue;
  }
  const files = readdirSync(outdir).filter((f) => f.endsWith(".js") || f.endsWith(".wasm"));
  const raw = files.reduce((n, f) => n + statSync(path.join(outdir, f)).size, 0);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(outdir, f))).length, 0);
  if (gz > LIMIT_GZIP) failed = true;
  rows.push(
    `${gz > LIMIT_GZIP ? "✗" : "✓"} ${name.padEnd(22)} ${(raw / 1024).toFixed(0).padStart(6)} Kio  (${(gz / 1024).toFixed(0)} Kio gzip)${rebuilt ? "" : "  (à jour)"}`,
  );
}
console.log(["wrangler deploy --dry-run :", ...rows].join("\n"));
if (failed) process.exit(1);
