/**
 * Public pages as residents get them: RGAA / WCAG 2.1 AA with axe-core, the map drawn, readable
 * without JavaScript, keyboard skip link, no request leaving the machine, and their weight.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import path from "node:path";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { root } from "../setup/bundle.ts";

const base = inject("siteUrl");
const PAGES = [
  { path: "/", name: "accueil", map: false },
  { path: "/cclvd/", name: "EPCI (CCLVD)", map: true },
  { path: "/liancourt/", name: "commune membre (Liancourt)", map: true },
  { path: "/monchy-saint-eloi/", name: "commune membre (Monchy-Saint-Éloi)", map: true },
  { path: "/catenoy/", name: "commune voisine (Catenoy)", map: true },
  // Without the API (static server only) they show their "service unavailable" state: still
  // weighed and checked (the signed-in states are checked in back-office.test.ts).
  { path: "/cclvd/connexion/", name: "connexion (CCLVD)", map: false, communes: false },
  { path: "/cclvd/carte/", name: "carte interactive (CCLVD)", map: true, communes: false },
  // The trail companion carries its map (MapLibre, its worker inside the page's script for offline use).
  { path: "/cclvd/sentiers/", name: "sentiers (CCLVD)", map: false, communes: false, mapBudget: true },
  { path: "/cclvd/espace/", name: "Mon espace (CCLVD)", map: false, communes: false },
  { path: "/liancourt/accessibilite/", name: "déclaration d’accessibilité (Liancourt)", map: false, communes: false },
  { path: "/liancourt/mentions-legales/", name: "mentions légales (Liancourt)", map: false, communes: false },
  { path: "/cclvd/donnees-personnelles/", name: "données personnelles (CCLVD)", map: false, communes: false },
];
/** Budgets in bytes actually transferred (gzip), measured and recorded in docs/benchmarks.md. */
/**
 * Budgets: pages without a map stay under 20 KB; a page with a map pays MapLibre (its script, its
 * worker and its stylesheet, gzip) and at most 60 KB of its own.
 */
const MAPLIBRE = ["maplibre-gl.mjs", "maplibre-gl-worker.mjs", "maplibre-gl.css"].reduce(
  (n, f) => n + gzipSync(readFileSync(path.join(root, "node_modules", "maplibre-gl", "dist", f))).length,
  0,
);
const BUDGET = { withoutMap: 20 * 1024, withMap: MAPLIBRE + 60 * 1024 };

let browser: Browser;
const weights: Array<{ page: string; kb: number; requests: number }> = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (weights.length) {
    console.log("\nPoids des pages (transféré, gzip)\n" + weights.map((w) => `${w.page.padEnd(38)} ${w.kb.toFixed(1).padStart(7)} Ko  ${w.requests} requêtes`).join("\n"));
  }
});

async function open(path: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true, locale: "fr-FR" });
  const page = await context.newPage();
  const outside: string[] = [];
  let bytes = 0;
  let requests = 0;
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && u.hostname !== "127.0.0.1") outside.push(r.url());
  });
  page.on("requestfinished", async (r) => {
    requests++;
    const sizes = await r.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  const res = await page.goto(base + path, { waitUntil: "load" });
  // Resource timing also sees what page events miss (the map's worker script).
  const weight = async () => {
    const sizes = await page.evaluate(() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => (e as PerformanceResourceTiming).transferSize));
    return { bytes: Math.max(bytes, sizes.reduce((a, b) => a + b, 0)), requests: Math.max(requests, sizes.length) };
  };
  return { page, context, res, outside, weight };
}

async function waitForMap(page: Page) {
  await page.waitForSelector('#carte[data-map-ready="true"]');
}

describe.each(PAGES)("$name", ({ path, name, map, mapBudget }) => {
  it("has no axe violation (WCAG 2.1 A/AA)", async () => {
    const { page, context, res } = await open(path);
    expect(res?.status()).toBe(200);
    if (map) await waitForMap(page);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(summary).toEqual([]);
    await context.close();
  });

  it("is French, with landmarks, and sends no request off this machine", async () => {
    const { page, context, outside, weight } = await open(path);
    if (map) await waitForMap(page);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    for (const landmark of ["header", 'nav[aria-label="Navigation principale"]', "main#contenu", "footer"]) expect(await page.locator(landmark).count(), landmark).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);
    expect(outside).toEqual([]);
    const { bytes, requests } = await weight();
    weights.push({ page: name, kb: bytes / 1024, requests });
    expect(bytes).toBeLessThan(map || mapBudget ? BUDGET.withMap : BUDGET.withoutMap);
    await context.close();
  });

  it("the skip link takes keyboard focus to the content", async () => {
    const { page, context } = await open(path);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Aller au contenu");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("contenu");
    await context.close();
  });
});

describe.each(PAGES.filter((p) => p.communes !== false))("$name without JavaScript", ({ path }) => {
  it("lists its communes as HTML, without JavaScript", async () => {
    const { page, context } = await open(path, { javaScriptEnabled: false });
    const items = await page.locator("ul.communes li a").allTextContents();
    expect(items.length).toBeGreaterThan(0);
    await context.close();
  });
});

describe("legal pages", () => {
  it("every tenant page links its accessibility status, legal notices and personal data page", async () => {
    const { page, context } = await open("/liancourt/");
    const footer = page.locator("footer nav");
    expect(await footer.getByRole("link", { name: "Accessibilité : non conforme" }).getAttribute("href")).toBe("/liancourt/accessibilite/");
    expect(await footer.getByRole("link", { name: "Mentions légales" }).getAttribute("href")).toBe("/liancourt/mentions-legales/");
    expect(await footer.getByRole("link", { name: "Données personnelles" }).getAttribute("href")).toBe("/liancourt/donnees-personnelles/");
    await context.close();
  });

  it("the accessibility statement gives the status, the date and the recourse to the Défenseur des droits", async () => {
    const { page, context } = await open("/liancourt/accessibilite/");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("est non conforme avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2");
    expect(text).toContain("établie le 1 décembre 2026");
    expect(text).toContain("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07");
    await context.close();
  });

  it("the personal data page lists each table of the register with its retention period", async () => {
    const { page, context } = await open("/cclvd/donnees-personnelles/");
    const { RETENTION_REGISTER } = await import("@communa/db/retention");
    expect(await page.locator("table.registre tbody tr").count()).toBe(RETENTION_REGISTER.length);
    expect(await page.locator("table.registre").textContent()).toContain("6 ans (droit de reprise de l’administration fiscale)");
    await context.close();
  });
});

describe("an unknown address", () => {
  it("answers 404 with a French page that leads back to every tenant, and passes axe", async () => {
    const { page, context, res } = await open("/cette-page-n-existe-pas/");
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Page introuvable");
    expect(await page.locator('main a[href="/cclvd/"]').count()).toBe(1);
    expect(await page.locator('main a[href="/liancourt/"]').count()).toBe(1);
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await context.close();
  });
});

describe("map", () => {
  it("draws the EPCI's communes on the canvas, offline", async () => {
    const { page, context } = await open("/cclvd/");
    await waitForMap(page);
    // Pixels of the drawn canvas: the boundary fill and lines make several colours appear.
    const colours = await page.evaluate(() => {
      const canvas = document.querySelector("#carte canvas") as HTMLCanvasElement;
      const probe = document.createElement("canvas");
      probe.width = 64;
      probe.height = 64;
      const c2d = probe.getContext("2d")!;
      c2d.drawImage(canvas, 0, 0, 64, 64);
      const data = c2d.getImageData(0, 0, 64, 64).data;
      const seen = new Set<string>();
      for (let i = 0; i < data.length; i += 4) seen.add(`${data[i] >> 4},${data[i + 1] >> 4},${data[i + 2] >> 4}`);
      return seen.size;
    });
    expect(colours).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(root, ".state", "screenshot-cclvd.png"), fullPage: true });
    await context.close();
  });

  it("a commune page highlights that commune, links back to its EPCI, its map portal and its directory", async () => {
    const { page, context } = await open("/liancourt/");
    await waitForMap(page);
    expect(await page.locator('a[href="/cclvd/"]').count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="/liancourt/carte/"]').count()).toBe(1);
    expect(await page.locator('a[href="/liancourt/commerces/"]').count()).toBe(1);
    expect(await page.locator("dl.figures").textContent()).toContain("60360");
    await context.close();
  });
});
