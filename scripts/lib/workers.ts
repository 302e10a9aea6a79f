import { readdirSync, existsSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { root } from "./processes.ts";

/** Domain Worker folders (each has its own wrangler.toml). */
export function domainDirs(): string[] {
  return readdirSync(path.join(root, "workers"))
    .map((d) => path.join("workers", d))
    .filter((d) => existsSync(path.join(root, d, "wrangler.toml")));
}

/** The gateway's config first (it is the one that listens), then every domain Worker's. */
export function workerConfigs(): string[] {
  return ["wrangler.toml", ...domainDirs().map((d) => path.join(d, "wrangler.toml"))];
}

/** Local secrets of every domain Worker, in the .dev.vars file wrangler reads beside its config. */
export async function writeDevVars(vars: Record<string, string>): Promise<void> {
  const text = Object.entries(vars).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join("\n") + "\n";
  for (const dir of domainDirs()) await writeFile(path.join(root, dir, ".dev.vars"), text, { mode: 0o600 });
}

/** Removes the local secrets when the platform stops, so no stale file outlives it. */
export async function removeDevVars(): Promise<void> {
  for (const dir of domainDirs()) await rm(path.join(root, dir, ".dev.vars"), { force: true });
}
