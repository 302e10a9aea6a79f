/**
 * `npm run deploy:check`: `wrangler deploy --dry-run` for every Worker — proves each bundle builds
 * and stays within Cloudflare's size limits — and prints the sizes.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { bin, root, toolEnv } from "./lib/processes.ts";
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
  const outdir = path.join(root, ".state", "deploy-check", name);
  try {
    execFileSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", outdir, "-c", config], { cwd: root, env: toolEnv, stdio: "pipe" });
  } catch (err) {
    failed = true;
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    console.error(`✗ ${name}\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
    continue;
  }
  const files = readdirSync(outdir).filter((f) => f.endsWith(".js") || f.endsWith(".wasm"));
  const raw = files.reduce((n, f) => n + statSync(path.join(outdir, f)).size, 0);
  const gz = files.reduce((n, f) => n + gzipSync(readFileSync(path.join(outdir, f))).length, 0);
  if (gz > LIMIT_GZIP) failed = true;
  rows.push(`${gz > LIMIT_GZIP ? "✗" : "✓"} ${name.padEnd(22)} ${(raw / 1024).toFixed(0).padStart(6)} Kio  (${(gz / 1024).toFixed(0)} Kio gzip)`);
}
console.log(["wrangler deploy --dry-run :", ...rows].join("\n"));
if (failed) process.exit(1);
