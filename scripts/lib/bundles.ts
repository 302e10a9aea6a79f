/**
 * Deploy bundles of the Workers, as `wrangler deploy --dry-run --outdir` writes them, in one place
 * (.state/build/<folder>): `npm run deploy:check` builds them and checks their size, the test
 * projects run them as auxiliary Workers. A bundle is rebuilt only when a source changed since it was
 * built (its stamp is written beside it), so the tests reuse what deploy:check just built.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bin, root, toolEnv } from "./processes.ts";

/**
 * The newest change under the Workers' and the database package's sources, and the lockfile (count and latest mtime):
 * a bundle built since then is still the Worker as it is.
 */
function sourceStamp(): string {
  let files = 0;
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Type declarations never change a bundle (and `npm run typecheck` rewrites the runtime's while deploy:check runs).
      if (entry.name.startsWith(".") || entry.name === "node_modules" || entry.name.endsWith(".d.ts")) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        files += 1;
        newest = Math.max(newest, statSync(p).mtimeMs);
      }
    }
  };
  for (const dir of ["workers", "db/src"]) walk(path.join(root, dir));
  // The gateway's config sits at the top; dependencies too (an `npm ci` changes what gets bundled).
  for (const file of ["wrangler.toml", "package-lock.json"]) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return `${files}:${newest}`;
}

export interface BuiltBundle {
  /** Folder of the Worker's config, relative to the checkout ("." for the gateway). */
  dir: string;
  outdir: string;
  scriptPath: string;
  /** False when the bundle already there was built from the same sources. */
  rebuilt: boolean;
}

/** The Worker's bundle, built unless an up-to-date one is there. Throws with wrangler's output when it does not build. */
export function bundleWorker(dir: string): BuiltBundle {
  const outdir = path.join(root, ".state", "build", dir === "." ? "gateway" : path.basename(dir));
  const scriptPath = path.join(outdir, "index.js");
  const stampFile = path.join(outdir, ".source-stamp");
  const stamp = sourceStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp && existsSync(scriptPath)) return { dir, outdir, scriptPath, rebuilt: false };
  const config = path.join(root, dir, "wrangler.toml");
  try {
    execFileSync(bin("wrangler"), ["deploy", "--dry-run", "--outdir", outdir, "-c", config], {
      cwd: root,
      env: { ...toolEnv, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      stdio: "pipe",
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`${dir} ne se construit pas :\n${e.stdout?.toString() ?? ""}${e.stderr?.toString() ?? ""}`);
  }
  if (!existsSync(scriptPath)) throw new Error(`Bundle absent : ${scriptPath}`);
  writeFileSync(stampFile, stamp);
  return { dir, outdir, scriptPath, rebuilt: true };
}
