/**
 * globalSetup: builds the site (unless SITE_DIST names a build) from a platform's API (the build
 * reads its tenants from GET /api/tenants; that platform is started for the build and stopped) and serves it on 127.0.0.1 with a
 * minimal static server, gzip-compressed and with the headers of the build's `_headers` file, as
 * production hosting would serve it (Cloudflare's rules: every matching block applies, `! Name`
 * detaches a header an earlier block set, a header set twice is joined with a comma).
 */
import { createServer, type Server } from "node:http";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { root } from "../setup/bundle.ts";
import { interrupt, lockPlatform, platformSetup, rm, startDev } from "../setup/dev-platform.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
    /** The API origin the site was built from (its CSP names it), null when unknown (SITE_DIST). */
    siteApiOrigin: string | null;
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
};

interface HeaderRule {
  pattern: RegExp;
  set: Array<[string, string]>;
  detach: string[];
}

/** The rules of a `_headers` file (`/path/:placeholder/*` patterns, indented `Name: value` lines). */
export function parseHeadersFile(text: string): HeaderRule[] {
  const rules: HeaderRule[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/:[a-z]\w*/gi, "[^/]+");
      rules.push({ pattern: new RegExp(`^${source}$`), set: [], detach: [] });
      continue;
    }
    const rule = rules.at(-1);
    if (!rule) throw new Error(`_headers : en-tête hors de tout bloc : ${line}`);
    const detach = /^\s+!\s*(\S+)\s*$/.exec(line);
    if (detach) rule.detach.push(detach[1].toLowerCase());
    else {
      const m = /^\s+([^:\s]+):\s*(.*)$/.exec(line);
      if (!m) throw new Error(`_headers : ligne illisible : ${line}`);
      rule.set.push([m[1].toLowerCase(), m[2]]);
    }
  }
  return rules;
}

export function headersOf(rules: HeaderRule[], pathname: string): Record<string, string> {
  const matching = rules.filter((r) => r.pattern.test(pathname));
  const detached = new Set(matching.flatMap((r) => r.detach));
  const out: Record<string, string> = {};
  for (const r of matching) {
    for (const [k, v] of r.set) {
      // A detached header is dropped from the blocks that do not set it again themselves.
      if (detached.has(k) && !r.detach.includes(k)) continue;
      out[k] = out[k] ? `${out[k]}, ${v}` : v;
    }
  }
  return out;
}

export default async function setup(project: TestProject) {
  let dist = process.env.SITE_DIST;
  let apiOrigin = process.env.COMMUNA_API_ORIGIN ?? null;
  if (!dist) {
    // A platform of its own for the build, stopped at once: the run's shared platform starts only
    // when the first file asks (shared-platform.ts), so the platform lock is free meanwhile for the
    // node project's `npm run dev` smoke test (one platform at a time: one astro dev per checkout).
    const unlock = await lockPlatform();
    const { stateDir, ports } = await platformSetup();
    try {
      const run = await startDev(stateDir, ports);
      apiOrigin = `http://127.0.0.1:${ports.api}`;
      try {
        execFileSync(path.join(root, "node_modules", ".bin", "astro"), ["build", "--root", "site"], {
          cwd: root,
          stdio: "pipe",
          env: {
            ...process.env,
            ASTRO_TELEMETRY_DISABLED: "1",
            COMMUNA_API_ORIGIN: apiOrigin,
            PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}`,
          },
        });
      } finally {
        await interrupt(run).catch(() => {});
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
      await unlock();
    }
    dist = path.join(root, "site", "dist");
  }
  const served = await serveDist(dist);
  project.provide("siteUrl", served.url);
  project.provide("siteApiOrigin", apiOrigin);
  return served.close;
}

/**
 * A build folder served as the production host serves it: gzip, the headers of its `_headers` file
 * (security and cache, site/security-headers.ts), the site's 404 page for unknown addresses.
 */
export async function serveDist(dist: string): Promise<{ url: string; close: () => Promise<void> }> {
  const headersPath = path.join(dist, "_headers");
  const rules = existsSync(headersPath) ? parseHeadersFile(readFileSync(headersPath, "utf8")) : [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    // The host reads `_headers`; it never serves it.
    if (url.pathname === "/_headers") return void res.writeHead(404, { "content-type": "text/plain" }).end("introuvable");
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    // Unknown addresses get the site's own 404 page, with its status, as the static host serves it.
    const missing = !existsSync(file);
    if (missing) file = path.join(dist, "404.html");
    if (!existsSync(file)) return void res.writeHead(404, { "content-type": "text/plain" }).end("introuvable");
    const body = gzipSync(readFileSync(file));
    res.writeHead(missing ? 404 : 200, {
      ...headersOf(rules, url.pathname),
      "content-type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "content-encoding": "gzip",
      "content-length": body.length,
    });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  // Keep-alive connections (a Worker runtime that outlives the files, with isolate: false) would hold
  // close() — and vitest's process — open: closed with the server.
  const close = () =>
    new Promise<void>((r) => {
      server.close(() => r());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${port}`, close };
}
