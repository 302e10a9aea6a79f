/**
 * The map's part of the benchmark: a layer of 10,000 points in the CCLVD tenant, the built site
 * served as production would (gzip, API on the same origin), and the map page measured in
 * Chromium — bytes transferred (HTML, CSS, JS; not the API's data) beside MapLibre's own size, and
 * the time until the map is idle with the 10,000 points drawn.
 */
import { createServer, request, type Server } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { randomUUID } from "node:crypto";
import path from "node:path";
import pg from "pg";
import { chromium } from "playwright-core";

/** 10,000 points spread over the territory's bounding box, in one layer of the EPCI. */
export async function seedBenchPoints(adminUrl: string, n: number): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'");
    const tenant = rows[0].id;
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenant]);
    const layer = randomUUID();
    await client.query(
      `INSERT INTO map_layers (id, tenant_id, slug, name, category, style, fields) VALUES ($1, $2, 'banc-essai', 'Banc d’essai (10 000 points)', 'Banc d’essai', '{"color":"#6a6af4","icon":"dot"}', '[{"key":"rang","label":"Rang","type":"number"}]')`,
      [layer, tenant],
    );
    // Deterministic positions (a simple linear congruential sequence) inside 2.397–2.533 E, 49.281–49.362 N.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < n; i += 1000) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let j = i; j < Math.min(n, i + 1000); j++) {
        // Rounded as the map Worker rounds what it stores (7 decimals).
        const x = Math.round((2.397 + next() * 0.136) * 1e7) / 1e7,
          y = Math.round((49.281 + next() * 0.081) * 1e7) / 1e7;
        const k = params.length;
        values.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4}, $${k + 5}::jsonb, 'Point', $${k + 6}, $${k + 7}, $${k + 6}, $${k + 7}, $${k + 8}::jsonb)`);
        params.push(
          randomUUID(),
          tenant,
          layer,
          `Point ${j + 1}`,
          JSON.stringify({ type: "Point", coordinates: [x, y] }),
          x,
          y,
          JSON.stringify({ rang: j + 1 }),
        );
      }
      await client.query(
        `INSERT INTO map_features (id, tenant_id, layer_id, name, geometry, geom_type, west, south, east, north, properties) VALUES ${values.join(",")}`,
        params,
      );
    }
    await client.query("COMMIT");
    return layer;
  } finally {
    await client.end();
  }
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
};

/**
 * The built site, gzip-compressed, with `/t/…` and `/api/…` passed to the gateway (one origin, as in
 * production). `gzipApi`: the API's JSON answers compressed too, as Cloudflare's edge compresses them
 * for a browser that accepts gzip (the local gateway does not).
 */
export async function serveSite(dist: string, api: string, opts: { gzipApi?: boolean } = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(api);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://site");
    if (/^\/(t\/[^/]+\/)?api\//.test(url.pathname)) {
      const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const json = String(answer.headers["content-type"] ?? "").includes("json") && !answer.headers["content-encoding"];
        if (opts.gzipApi && json && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
          const chunks: Buffer[] = [];
          answer.on("data", (c: Buffer) => chunks.push(c));
          answer.on("end", () => {
            const body = gzipSync(Buffer.concat(chunks));
            const headers = { ...answer.headers, "content-encoding": "gzip", "content-length": String(body.length) };
            delete headers["transfer-encoding"];
            res.writeHead(answer.statusCode ?? 502, headers);
            res.end(body);
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on("error", () => res.writeHead(502).end());
      return void req.pipe(forward);
    }
    let file = path.join(dist, decodeURIComponent(url.pathname));
    if (!file.startsWith(dist)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) return void res.writeHead(404).end();
    const body = gzipSync(readFileSync(file));
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "content-encoding": "gzip", "content-length": body.length });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface PageMeasure {
  pageBytes: number;
  dataBytes: number;
  requests: number;
  idleMs: number;
}

/** Loads the map page with only `layerId` shown; bytes by kind and the time until the map is idle. */
export async function measureMapPage(site: string, layerId: string): Promise<PageMeasure> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--disable-background-networking"],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    let pageBytes = 0,
      dataBytes = 0,
      requests = 0;
    page.on("requestfinished", async (r) => {
      requests++;
      const sizes = await r.sizes().catch(() => null);
      if (!sizes) return;
      const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      if (new URL(r.url()).pathname.includes("/api/")) dataBytes += bytes;
      else pageBytes += bytes;
    });
    const started = Date.now();
    await page.goto(`${site}/cclvd/carte/#l=${layerId}`);
    await page.waitForSelector('#carte[data-map-ready="true"]', { timeout: 120_000 });
    const idleMs = Date.now() - started;
    await page.waitForTimeout(500);
    // Resource timing sees what Playwright's page events miss (the map's worker script).
    const timing = await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
        name: e.name,
        size: (e as PerformanceResourceTiming).transferSize,
      })),
    );
    pageBytes = timing.filter((e) => !new URL(e.name).pathname.includes("/api/")).reduce((n, e) => n + e.size, 0);
    dataBytes = timing.filter((e) => new URL(e.name).pathname.includes("/api/")).reduce((n, e) => n + e.size, 0);
    return { pageBytes, dataBytes, requests, idleMs };
  } finally {
    await browser.close();
  }
}

/** MapLibre's own script and style, gzip-compressed (what any MapLibre page pays). */
export function mapLibreBytes(root: string): number {
  const dir = path.join(root, "node_modules", "maplibre-gl", "dist");
  return ["maplibre-gl.mjs", "maplibre-gl-worker.mjs", "maplibre-gl.css"]
    .filter((f) => existsSync(path.join(dir, f)))
    .reduce((n, f) => n + gzipSync(readFileSync(path.join(dir, f))).length, 0);
}

/** 2,000 published listings spread over the CCLVD's member communes (for the directory's figures). */
export async function seedBenchListings(adminUrl: string, n: number): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ id: string }>("SELECT id FROM tenants WHERE slug = 'cclvd'");
    const tenant = rows[0].id;
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenant]);
    const communes = (
      await client.query<{ insee: string; name: string; bbox: number[] }>(
        "SELECT insee, name, bbox FROM communes WHERE epci_siren = '246000129' ORDER BY insee",
      )
    ).rows;
    const categories = ["boulangerie", "boucherie", "epicerie", "coiffure", "restaurant", "plombier", "electricien", "producteur"];
    for (let i = 0; i < n; i += 500) {
      const values: string[] = [];
      const params: unknown[] = [];
      for (let j = i; j < Math.min(n, i + 500); j++) {
        const c = communes[j % communes.length];
        const k = params.length;
        values.push(
          `(gen_random_uuid(), $${k + 1}, $${k + 2}, $${k + 3}, '73282932000074', $${k + 4}, 'Rue de démonstration', $${k + 5}, $${k + 6}, $${k + 7}, $${k + 8}, 'Tu-Sa 08:00-12:30,14:00-19:00; PH off', 'published', now())`,
        );
        params.push(
          tenant,
          `commerce-${j + 1}`,
          `Commerce ${j + 1}`,
          categories[j % categories.length],
          c.insee,
          c.name,
          (c.bbox[0] + c.bbox[2]) / 2,
          (c.bbox[1] + c.bbox[3]) / 2,
        );
      }
      await client.query(
        `INSERT INTO directory_businesses (id, tenant_id, slug, name, siret, category, address, commune_insee, commune_name, lon, lat, opening_hours, status, published_at) VALUES ${values.join(",")}`,
        params,
      );
    }
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

/** Bytes a listing's page transfers (HTML, CSS, JS) in Chromium. */
export async function measurePage(site: string, pathname: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const res = await page.goto(`${site}${pathname}`);
    if (res?.status() !== 200) throw new Error(`${pathname} : ${res?.status()}`);
    await page.waitForLoadState("networkidle");
    const sizes = await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => (e as PerformanceResourceTiming).transferSize),
    );
    return sizes.reduce((a, b) => a + b, 0);
  } finally {
    await browser.close();
  }
}
