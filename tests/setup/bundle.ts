/**
 * Bundles a domain Worker exactly as `wrangler deploy` would (`--dry-run --outdir`), so tests can run
 * it as an auxiliary Worker beside the one under test, and CI proves every bundle builds.
 */
import { readdirSync, readFileSync } from "node:fs";
import { bundleWorker as buildBundle } from "../../scripts/lib/bundles.ts";
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
 * The domain Worker's deploy bundle (scripts/lib/bundles.ts: built once, by deploy:check or the first
 * project that needs it, and rebuilt only when a source changed). vitest asks for a pool worker's
 * options every time it starts one — with per-file isolation, once per test file — and the gateway
 * project runs every domain Worker beside it: rebuilding all of them with wrangler each time cost
 * minutes per file on a loaded machine, inside vitest's fixed 90 s budget for starting a pool worker
 * (issue #13). `prebuild.ts` makes sure they exist before the first.
 */
export function bundleWorker(dir: string): Bundle {
  return describeBundle(dir, buildBundle(dir).scriptPath);
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
    ? {
        modules: [
          { type: "ESModule", path: bundle.scriptPath },
          ...extra.map((f) => ({ type: f.endsWith(".wasm") ? "CompiledWasm" : "Text", path: path.join(outdir, f) })),
        ],
      }
    : { modules: true, scriptPath: bundle.scriptPath };
  return {
    ...options,
    name: bundle.name,
    ...source,
    modulesRoot: outdir,
    bindings: { ...(options.bindings ?? {}), ...secrets },
  } as unknown as LegacyWorkerOptions;
}
