/**
 * Bundles a domain Worker exactly as `wrangler deploy` would (`--dry-run --outdir`), so tests can run
 * it as an auxiliary Worker beside the one under test, and CI proves every bundle builds.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import type { LegacyWorkerOptions } from "miniflare";

export const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Bundle {
  name: string;
  scriptPath: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
}

/**
 * The newest change under the Workers' and the database package's sources, and the lockfile (count and latest mtime):
 * a bundle built since then is still the Worker as it is.
 */
function sourceStamp(): string {
  let files = 0;
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        files += 1;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  for (const dir of ["workers", "db/src"]) walk(path.join(root, dir));
  // Dependencies too (an `npm ci` changes what gets bundled).
  newest = Math.max(newest, statSync(path.join(root, "package-lock.json")).mtimeMs);
  return `${files}:${newest}`;
}

/**
 * A bundle is rebuilt only when a source changed since it was built (its stamp is written beside
 * it). vitest asks for a pool worker's options every time it starts one — with per-file isolation,
 * once per test file — and the gateway project runs every domain Worker beside it: rebuilding all
 * of them with wrangler each time cost minutes per file on a loaded machine, inside vitest's fixed
 * 90 s budget for starting a pool worker (issue #13). `prebuild.ts` builds them before the first.
 */
export function bundleWorker(dir: string): Bundle {
  const outdir = path.join(root, ".state", "build", path.basename(dir));
  const stampFile = path.join(outdir, ".source-stamp");
  const stamp = sourceStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp && existsSync(path.join(outdir, "index.js"))) return describeBundle(dir, path.join(outdir, "index.js"));
  const bundle = buildBundle(dir);
  writeFileSync(stampFile, stamp);
  return bundle;
}

function buildBundle(dir: string): Bundle {
  const outdir = path.join(root, ".state", "build", path.basename(dir));
  const config = path.join(root, dir, "wrangler.toml");
  execFileSync(path.join(root, "node_modules", ".bin", "wrangler"), ["deploy", "--dry-run", "--outdir", outdir, "-c", config], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: "pipe",
  });
  const scriptPath = path.join(outdir, "index.js");
  if (!existsSync(scriptPath)) throw new Error(`Bundle absent : ${scriptPath}`);
  return describeBundle(dir, scriptPath);
}

function describeBundle(dir: string, scriptPath: string): Bundle {
  const config = path.join(root, dir, "wrangler.toml");
  const toml = readFileSync(config, "utf8");
  const name = /^name\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  const compatibilityDate = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!name || !compatibilityDate) throw new Error(`name ou compatibility_date absent de ${config}`);
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1] ?? "";
  const compatibilityFlags = [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return { name, scriptPath, compatibilityDate, compatibilityFlags };
}

/**
 * Miniflare options for running a domain Worker beside the one under test: its bindings, Durable
 * Objects and compatibility settings read from its own wrangler.toml (as wrangler would), its code
 * from the deploy bundle, and the given secrets.
 */
export function auxiliaryWorker(dir: string, secrets: Record<string, string>): LegacyWorkerOptions {
  const bundle = bundleWorker(dir);
  const { workerOptions } = unstable_getMiniflareWorkerOptions(path.join(root, dir, "wrangler.toml"));
  // The bundle is one JavaScript module, plus the non-code modules wrangler writes beside it
  // (WebAssembly, and the archive Worker's XSD schemas as text: ADR 0015); paths are absolute: no root.
  const { rootPath: _rootPath, modulesRules: _rules, ...options } = workerOptions as Record<string, unknown> & { bindings?: Record<string, unknown> };
  const outdir = path.dirname(bundle.scriptPath);
  const extra = readdirSync(outdir).filter((f) => /\.(wasm|xsd)$/.test(f));
  const source = extra.length
    ? { modules: [{ type: "ESModule", path: bundle.scriptPath }, ...extra.map((f) => ({ type: f.endsWith(".wasm") ? "CompiledWasm" : "Text", path: path.join(outdir, f) }))] }
    : { modules: true, scriptPath: bundle.scriptPath };
  return {
    ...options,
    name: bundle.name,
    ...source,
    modulesRoot: outdir,
    bindings: { ...(options.bindings ?? {}), ...secrets },
  } as unknown as LegacyWorkerOptions;
}
