/**
 * globalSetup: builds the site (unless SITE_DIST names a build) and serves it on 127.0.0.1 with a
 * minimal static server, gzip-compressed as production hosting would serve it.
 */
import { createServer, type Server } from "node:http";
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { root } from "../setup/bundle.ts";

declare module "vitest" {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
};

export default async function setup(project: TestProject) {
  let dist = process.env.SITE_DIST;
  if (!dist) {
    execFileSync(path.join(root, "node_modules", ".bin", "astro"), ["build", "--root", "site"], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH}` },
    });
    dist = path.join(root, "site", "dist");
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    let file = path.join(dist!, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist!)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    // Unknown addresses get the site's own 404 page, with its status, as the static host serves it.
    const missing = !existsSync(file);
    if (missing) file = path.join(dist!, "404.html");
    if (!existsSync(file)) return void res.writeHead(404, { "content-type": "text/plain" }).end("introuvable");
    const body = gzipSync(readFileSync(file));
    res.writeHead(missing ? 404 : 200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "content-encoding": "gzip", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  project.provide("siteUrl", `http://127.0.0.1:${port}`);
  return () => new Promise<void>((r) => server.close(() => r()));
}
