/**
 * Lighthouse on the main public pages, measured like a resident's phone (issue #26): the built site
 * as production serves it (site-server.ts: gzip, the `_headers` rules, cache included) with its API
 * on the same origin (the run's platform, through frontServer), one Lighthouse run per page with the
 * default mobile configuration and simulated throttling, in Debian's Chromium.
 *
 * Asserted on every run (deterministic): accessibility, best practices and SEO at 100, CLS < 0.05,
 * the bytes transferred within the page's budget, no render-blocking request, unused JavaScript
 * under a bound, hashed files cached for long. The performance score depends on the CPU: asserted
 * when Lighthouse's own benchmark says the machine is not starved, else its CPU-light metrics
 * (first and largest contentful paint) are; the map portal's score is measured by
 * `npm run bench:lighthouse`, not asserted. ADR 0030 says why.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import path from "node:path";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { root } from "../setup/bundle.ts";
import { sharedPlatform } from "../setup/shared-platform.ts";
import { auditInFreshChromium, fitForSimulation, frontServer, LIGHTHOUSE_PAGES, type PageAudit } from "../setup/lighthouse.ts";
import { siteUrl } from "../../site/site-url.ts";

const KB = 1024;
/** MapLibre as the portal loads it (gzip): the engine, its worker, its stylesheet. */
const MAPLIBRE = ["maplibre-gl.mjs", "maplibre-gl-worker.mjs", "maplibre-gl.css"].reduce(
  (n, f) => n + gzipSync(readFileSync(path.join(root, "node_modules", "maplibre-gl", "dist", f))).length,
  0,
);
/** Lighthouse's total byte weight (page, scripts and the API answers it shows), per page. */
const BYTES: Record<string, number> = {
  "/": 20 * KB,
  "/cclvd/": 60 * KB,
  "/liancourt/": 60 * KB,
  "/cclvd/carte/": MAPLIBRE + 60 * KB,
  "/cclvd/sentiers/": 50 * KB,
  "/cclvd/commerces/": 50 * KB,
  "/cclvd/conseil/": 50 * KB,
};
/** Unused JavaScript on arrival: none to speak of, but on the portal, the part of MapLibre a first view does not run. */
const UNUSED_JS = (p: string) => (p === "/cclvd/carte/" ? 200 * KB : 10 * KB);
/** Lighthouse's "good" thresholds on mobile (the metric scores 0.9 there). */
const GOOD = { fcp: 1800, lcp: 2500 };

let front: Awaited<ReturnType<typeof frontServer>>;
const audits: PageAudit[] = [];

beforeAll(async () => {
  const { ports } = await sharedPlatform(inject("platformControl"));
  front = await frontServer(inject("siteUrl"), `http://127.0.0.1:${ports.api}`);
});

afterAll(async () => {
  await front?.close();
  if (audits.length) {
    console.log(
      "\nLighthouse mobile (1 passage par page)\n" +
        audits
          .map(
            (a) =>
              `${a.path.padEnd(20)} perf ${String(a.scores.performance).padStart(3)}  a11y ${a.scores.accessibility}  bp ${a.scores["best-practices"]}  seo ${a.scores.seo}  ` +
              `LCP ${(a.metrics.lcp / 1000).toFixed(2)} s  TBT ${a.metrics.tbt.toFixed(0)} ms  CLS ${a.metrics.cls.toFixed(3)}  ${(a.bytes / KB).toFixed(0)} Ko  indice CPU ${a.benchmarkIndex.toFixed(0)}/${a.benchmarkIndexAfter.toFixed(0)}`,
          )
          .join("\n"),
    );
  }
});

describe.each(LIGHTHOUSE_PAGES)("Lighthouse mobile: $name ($path)", ({ path: page, performance }) => {
  it("scores 100 in accessibility, best practices and SEO, does not shift, weighs its budget, blocks no render, caches its hashed files", async () => {
    const a = await auditInFreshChromium(front.url + page);
    audits.push(a);
    const failing = a.failing.filter((f) => !f.startsWith("performance"));
    expect(failing).toEqual([]);
    expect(a.scores.accessibility).toBe(100);
    expect(a.scores["best-practices"]).toBe(100);
    expect(a.scores.seo).toBe(100);
    expect(a.metrics.cls).toBeLessThan(0.05);
    expect(a.bytes).toBeLessThan(BYTES[page]);
    expect(a.renderBlocking).toEqual([]);
    expect(a.unusedJs, JSON.stringify(a.unusedJsByUrl)).toBeLessThan(UNUSED_JS(page));
    expect(a.shortCache.filter((u) => new URL(u).pathname.startsWith("/_astro/"))).toEqual([]);

    // The score: Lantern simulates the phone from this machine's own task durations, so a starved
    // machine (another job on the same cores) lowers it. Lighthouse flags a machine below its own
    // threshold as too slow for its simulation, measured before the run (Lighthouse) and after it
    // (the same benchmark, same Chromium); below it either time, only the paints are checked (they are mostly
    // the network's, simulated at 150 ms and 1.6 Mbit/s, and no render-blocking request delays them).
    const fit = fitForSimulation(a);
    if (page === "/cclvd/carte/") {
      // Software WebGL here (no GPU): the compositor's work per map frame dominates the blocking
      // time; the score is measured by the bench and reported, not asserted (ADR 0030).
      if (fit) expect(a.metrics.fcp).toBeLessThan(GOOD.fcp);
      return;
    }
    // A fit start and end do not prove a quiet middle: a score under target gets up to two more
    // runs, and the last decides (a slower page misses every time; a neighbour's burst seldom
    // lands three times running).
    let scored = a;
    for (let extra = 1; extra <= 2 && fitForSimulation(scored) && scored.scores.performance < performance; extra++) {
      scored = await auditInFreshChromium(front.url + page);
      audits.push({ ...scored, path: `${page} (${extra + 1}e)` });
    }
    if (fitForSimulation(scored)) expect(scored.scores.performance, JSON.stringify(scored.metrics)).toBeGreaterThanOrEqual(performance);
    else {
      expect(scored.metrics.fcp).toBeLessThan(GOOD.fcp);
      expect(scored.metrics.lcp).toBeLessThan(GOOD.lcp);
    }
  });
});

describe("production hosting", () => {
  it("serves the hashed files for a year, immutable, and pages for a short while, from the build's _headers", async () => {
    const html = await (await fetch(`${inject("siteUrl")}/cclvd/sentiers/`)).text();
    const asset = /(?:src|href)="(\/_astro\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${inject("siteUrl")}${asset}`)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const page = (await fetch(`${inject("siteUrl")}/cclvd/sentiers/`)).headers.get("cache-control") ?? "";
    expect(page).not.toMatch(/immutable/);
    expect(Number(/max-age=(\d+)/.exec(page)?.[1])).toBeLessThanOrEqual(3600);
  });

  it("canonical links, sitemap and robots.txt name the configured site origin", async () => {
    const origin = siteUrl({ ...process.env, COMMUNA_API_ORIGIN: inject("siteApiOrigin") ?? undefined });
    const html = await (await fetch(`${inject("siteUrl")}/liancourt/`)).text();
    expect(/<link rel="canonical" href="([^"]+)"/.exec(html)?.[1]).toBe(`${origin}/liancourt/`);
    const locs = [...(await (await fetch(`${inject("siteUrl")}/sitemap.xml`)).text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs.length).toBeGreaterThan(10);
    expect(locs.filter((l) => !l.startsWith(`${origin}/`))).toEqual([]);
    expect(await (await fetch(`${inject("siteUrl")}/robots.txt`)).text()).toContain(`Sitemap: ${origin}/sitemap.xml`);
  });
});
