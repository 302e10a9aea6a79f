/**
 * Lighthouse (12.2, node API) on the public pages, measured like a resident's phone: the default
 * mobile configuration (Moto G Power viewport, simulated throttling: 4× CPU, 150 ms RTT, 1.6 Mbps),
 * in Debian's Chromium launched by chrome-launcher. Shared by tests/browser/lighthouse.test.ts and
 * `npm run bench:lighthouse` (bench/lighthouse.ts). ADR 0030 says what is asserted and why.
 */
import { createServer, request, type Server } from "node:http";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import { chromium } from "playwright-core";

/** The pages issue #26 measures, with their mobile performance target. */
export const LIGHTHOUSE_PAGES: Array<{ path: string; name: string; performance: number }> = [
  { path: "/", name: "accueil", performance: 95 },
  { path: "/cclvd/", name: "EPCI (CCLVD)", performance: 95 },
  { path: "/liancourt/", name: "commune (Liancourt)", performance: 95 },
  { path: "/cclvd/carte/", name: "carte interactive", performance: 85 },
  { path: "/cclvd/sentiers/", name: "sentiers", performance: 95 },
  { path: "/cclvd/commerces/", name: "annuaire", performance: 95 },
  { path: "/cclvd/conseil/", name: "conseil", performance: 95 },
];

/**
 * Below this `benchmarkIndex`, Lighthouse itself warns that the machine is slower than its
 * simulation expects and that the performance score suffers (core/gather/driver/environment.js).
 */
export const SLOW_CPU_BENCHMARK_INDEX = 1000;

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;

/** Debian's Chromium with the flags these machines need (docs: /work/shared/TOOLCHAIN.md). */
export async function launchChromiumForLighthouse(): Promise<{ port: number; kill: () => Promise<void> }> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    chromeFlags: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--use-angle=swiftshader",
      "--enable-unsafe-swiftshader",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    logLevel: "silent",
  });
  return { port: chrome.port, kill: async () => void (await chrome.kill()) };
}

const API_PATH = /^\/(t\/[^/]+\/)?api\//;

/**
 * One origin for the pages and their API, as in production (the gateway answers `/t/<slug>/api/…`
 * on the site's host): API paths go to the gateway, the rest to the static host (which sends the
 * build's `_headers`). A CDN edge compresses JSON: so does this front, when the gateway did not.
 */
export async function frontServer(site: string, api: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const target = new URL(API_PATH.test(req.url ?? "/") ? api : site);
    const headers = { ...req.headers, host: target.host };
    const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on("error", () => res.writeHead(502, { "content-type": "text/plain; charset=utf-8" }).end("passerelle injoignable"));
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export interface PageAudit {
  path: string;
  scores: Record<(typeof CATEGORIES)[number], number>;
  /** Milliseconds (simulated, mobile), CLS unitless. */
  metrics: { fcp: number; lcp: number; tbt: number; si: number; cls: number };
  /** Bytes transferred (Lighthouse's count), requests. */
  bytes: number;
  requests: number;
  /** Unused JavaScript, bytes (Lighthouse's estimate), by script. */
  unusedJs: number;
  unusedJsByUrl: Array<{ url: string; wasted: number }>;
  /** Requests the trace marks as blocking the first render (stylesheets, scripts in the head). */
  renderBlocking: string[];
  /** Static resources whose cache lifetime Lighthouse finds too short. */
  shortCache: string[];
  /** Lighthouse's CPU benchmark of this machine at the start of the run (higher is faster). */
  benchmarkIndex: number;
  /** The same benchmark in the same Chromium right after the run (NaN when not measured). */
  benchmarkIndexAfter: number;
  /** Failed audits that weigh in a category's score ("category: audit id"). */
  failing: string[];
  /** Audits that could not run (Lighthouse or Chromium error). */
  errors: string[];
}

/**
 * One run in a Chromium of its own (a clean profile per page; one Chromium reused for several runs
 * lost a trace's navigation start now and then). Lighthouse 12.2 with Chromium 15x sometimes
 * records no navigation start in its trace (NO_NAVSTART, "please run Lighthouse again"): a failed
 * recording, not a property of the page, so that one error gets a second run.
 */
export async function auditInFreshChromium(url: string): Promise<PageAudit> {
  for (let attempt = 1; ; attempt++) {
    const chrome = await launchChromiumForLighthouse();
    try {
      const audit = await auditPage(url, chrome.port);
      return { ...audit, benchmarkIndexAfter: await benchmarkIndex(chrome.port) };
    } catch (err) {
      if (attempt >= 2 || !String((err as Error).message).includes("NO_NAVSTART")) throw err;
    } finally {
      await chrome.kill();
    }
  }
}

/**
 * Lighthouse's CPU benchmark (its own page function), run again in the Chromium on `port`: the
 * machine may have been free when the run started and busy during it (another job on the cores).
 */
export async function benchmarkIndex(port: number): Promise<number> {
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  try {
    const page = await (browser.contexts()[0] ?? (await browser.newContext())).newPage();
    return await page.evaluate(`(${pageFunctions.computeBenchmarkIndex.toString()})()`);
  } finally {
    await browser.close();
  }
}

/** The machine was fit for Lantern's simulation before and after the run (ADR 0030). */
export const fitForSimulation = (a: PageAudit) => Math.min(a.benchmarkIndex, a.benchmarkIndexAfter) >= SLOW_CPU_BENCHMARK_INDEX;

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];
type TraceEvent = { name: string; args?: { data?: { url?: string; renderBlocking?: string } } };

/** One Lighthouse run on `url` in the Chromium listening on `port`. */
export async function auditPage(url: string, port: number): Promise<PageAudit> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse n’a rien rendu pour ${url}`);
  const { lhr, artifacts } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse : ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
  const items = (id: string) =>
    ((lhr.audits[id]?.details as { items?: Array<Record<string, unknown>> } | undefined)?.items ?? []) as Array<Record<string, unknown>>;
  const unused = items("unused-javascript").map((i) => ({ url: String(i.url), wasted: Number(i.wastedBytes) }));
  // The trace's own verdict (Chromium's ResourceSendRequest.renderBlocking): Lighthouse 12.2's
  // render-blocking audit errors with recent Chromium ("frame_sequence"), the trace does not.
  const trace = (artifacts as unknown as { Trace?: { traceEvents: TraceEvent[] } }).Trace;
  const renderBlocking = (trace?.traceEvents ?? [])
    .filter((e) => e.name === "ResourceSendRequest" && e.args?.data?.renderBlocking === "blocking")
    .map((e) => String(e.args?.data?.url));
  return {
    path: new URL(url).pathname,
    scores: Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as PageAudit["scores"],
    metrics: {
      fcp: num("first-contentful-paint"),
      lcp: num("largest-contentful-paint"),
      tbt: num("total-blocking-time"),
      si: num("speed-index"),
      cls: num("cumulative-layout-shift"),
    },
    bytes: num("total-byte-weight"),
    requests: items("network-requests").length,
    unusedJs: unused.reduce((a, u) => a + u.wasted, 0),
    unusedJsByUrl: unused,
    renderBlocking,
    shortCache: items("uses-long-cache-ttl").map((i) => String(i.url)),
    benchmarkIndex: Number(lhr.environment.benchmarkIndex),
    benchmarkIndexAfter: Number.NaN,
    failing: failingAudits(lhr),
    errors: Object.values(lhr.audits)
      .filter((a) => a.scoreDisplayMode === "error")
      .map((a) => `${a.id}: ${a.errorMessage ?? ""}`),
  };
}

function failingAudits(lhr: Lhr): string[] {
  const out: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) out.push(`${c}: ${a.id} (${a.displayValue ?? a.score})`);
    }
  }
  return out;
}
