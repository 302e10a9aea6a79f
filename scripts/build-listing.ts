/**
 * `npm run build:listing -- <commune> <listing>`: rebuilds one listing's page (and the directory
 * pages and sitemap it appears in) into an existing site build, without rebuilding the rest
 * (ADR 0013). Reads the directory from COMMUNA_API_ORIGIN like the full build. Prints the time taken.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cp, mkdir, readdir, readFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { bin, root, toolEnv } from "./lib/processes.ts";
import { inlineStyleHashes } from "../site/security-headers.ts";

export async function buildListing(commune: string, listing: string, dist = path.join(root, "site", "dist")): Promise<{ ms: number; files: string[] }> {
  if (!/^[a-z0-9-]+$/.test(commune) || !/^[a-z0-9-]+$/.test(listing))
    throw new Error("commune et fiche attendues en minuscules (ex. liancourt boulangerie-dupont)");
  const started = Date.now();
  const out = path.join(root, ".state", `build-listing-${process.pid}`);
  await rm(out, { recursive: true, force: true });
  // Asynchronous: the caller's process may be serving what the build reads (the local relay).
  await promisify(execFile)(bin("astro"), ["build", "--root", "site"], {
    cwd: root,
    env: { ...toolEnv, ASTRO_TELEMETRY_DISABLED: "1", COMMUNA_ONLY_LISTING: `${commune}/${listing}`, SITE_OUT_DIR: out },
    maxBuffer: 64 * 1024 * 1024,
  });
  await mkdir(dist, { recursive: true });
  await refuseUnlistedStyles(out, dist);
  const files: string[] = [];
  // The listing's page, the directory pages it appears on, the sitemap, and the scripts they load.
  for (const rel of ["sitemap.xml", path.join(commune, "commerces"), "_astro"]) {
    const from = path.join(out, rel);
    if (!existsSync(from)) continue;
    await cp(from, path.join(dist, rel), { recursive: true });
    files.push(rel);
  }
  // The intercommunality's directory home lists the commune's listings too.
  for (const entry of await readdir(out)) {
    const from = path.join(out, entry, "commerces", "index.html");
    if (entry !== commune && existsSync(from)) {
      await cp(from, path.join(dist, entry, "commerces", "index.html"));
      files.push(path.join(entry, "commerces", "index.html"));
    }
  }
  await rm(out, { recursive: true, force: true });
  return { ms: Date.now() - started, files };
}

/**
 * The site's CSP allows its pages' `<style>` blocks by hash, as the full build listed them in
 * `_headers` (ADR 0018). A rebuilt page whose block is not listed would show unstyled: refused,
 * before anything is copied (the stylesheets changed since the full build: rebuild the site).
 */
async function refuseUnlistedStyles(out: string, dist: string): Promise<void> {
  const headers = path.join(dist, "_headers");
  if (!existsSync(headers)) return;
  const listed = await readFile(headers, "utf8");
  const missing = new Set<string>();
  for (const file of await readdir(out, { recursive: true })) {
    if (!file.endsWith(".html")) continue;
    for (const hash of inlineStyleHashes(await readFile(path.join(out, file), "utf8"))) if (!listed.includes(`'${hash}'`)) missing.add(hash);
  }
  if (missing.size) {
    await rm(out, { recursive: true, force: true });
    throw new Error(`Feuilles de style différentes de celles du site construit (${[...missing].join(", ")}) : reconstruisez tout le site.`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [commune, listing] = process.argv.slice(2);
  buildListing(commune, listing).then(
    ({ ms, files }) => console.log(`Fiche reconstruite en ${ms} ms : ${files.join(", ")}`),
    (err) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}
