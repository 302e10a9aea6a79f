/**
 * Public pages as residents get them: RGAA / WCAG 2.1 AA with axe-core, the map drawn, readable
 * without JavaScript, keyboard skip link, no request leaving the machine, and their weight.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { axe } from "../setup/axe.ts";
import path from "node:path";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { root } from "../setup/bundle.ts";

const base = inject("siteUrl");
/**
 * What each page may weigh, in bytes transferred before the reader does anything (gzip, as Chromium
 * counts them: `encodedDataLength` of every response, headers included). A tenant's home shows its
 * boundary as a drawing and loads MapLibre only when asked (issue #13 §6); the portal needs it.
 */
const MAPLIBRE = ["maplibre-gl.mjs", "maplibre-gl-worker.mjs", "maplibre-gl.css"].reduce(
  (n, f) => n + gzipSync(readFileSync(path.join(root, "node_modules", "maplibre-gl", "dist", f))).length,
  0,
);
const KB = 1024;
/**
 * `app` is the back office's entry (Mon espace): besides the page, it loads the typed API client,
 * the session start-up and their texts (≈ 7 Ko gzip in five requests, headers included) that no
 * public page loads; measured at 23 Ko after the design tokens (ADR 0029) and the admin cards.
 * The site's navigation (issue #26: tenant header, menu and its script, breadcrumbs, footer's
 * territory) costs every tenant page ≈ 1,7 Ko, half of it the menu script's response headers:
 * measured at 25,0 Ko with it. Then Mon espace's « À traiter » (its lines and the calls that
 * count them) and the tenant's identity (accent colours, identity.css): measured at 27,5 Ko
 * (28 160 octets) after the merge, hence 29 Ko. The recruitment's and the activity zones' cards
 * (session 14): 28,8 Ko; 29,0 Ko once the cards moved to their own file (espace-modules.fr.ts, which
 * only Mon espace loads: the sign-in page, which carried them too, went from 20,1 to 18,7 Ko): hence 30 Ko.
 */
const BUDGET = { plain: 20 * KB, app: 30 * KB, home: 60 * KB, list: 50 * KB, portal: MAPLIBRE + 60 * KB };
type Budget = keyof typeof BUDGET;

const PAGES: Array<{ path: string; name: string; budget: Budget; map?: boolean; communes?: boolean }> = [
  { path: "/", name: "accueil", budget: "plain" },
  { path: "/cclvd/", name: "EPCI (CCLVD)", budget: "home" },
  { path: "/liancourt/", name: "commune membre (Liancourt)", budget: "home" },
  { path: "/monchy-saint-eloi/", name: "commune membre (Monchy-Saint-Éloi)", budget: "home" },
  { path: "/catenoy/", name: "commune voisine (Catenoy)", budget: "home" },
  // Without the API (static server only) they show their "service unavailable" state: still
  // weighed and checked (the signed-in states are checked in back-office.test.ts).
  { path: "/cclvd/connexion/", name: "connexion (CCLVD)", budget: "plain", communes: false },
  { path: "/cclvd/carte/", name: "carte interactive (CCLVD)", budget: "portal", map: true, communes: false },
  // The trail list loads the map (and the profile) only when a trail is opened.
  { path: "/cclvd/sentiers/", name: "sentiers (CCLVD)", budget: "list", communes: false },
  { path: "/cclvd/commerces/", name: "annuaire (CCLVD)", budget: "list", communes: false },
  { path: "/liancourt/commerces/", name: "annuaire (Liancourt)", budget: "list", communes: false },
  { path: "/cclvd/emplois/", name: "offres d’emploi (CCLVD)", budget: "list", communes: false },
  { path: "/cclvd/espace/", name: "Mon espace (CCLVD)", budget: "app", communes: false },
  { path: "/liancourt/accessibilite/", name: "déclaration d’accessibilité (Liancourt)", budget: "plain", communes: false },
  { path: "/liancourt/mentions-legales/", name: "mentions légales (Liancourt)", budget: "plain", communes: false },
  { path: "/cclvd/donnees-personnelles/", name: "données personnelles (CCLVD)", budget: "plain", communes: false },
  { path: "/liancourt/plan-du-site/", name: "plan du site (Liancourt)", budget: "plain", communes: false },
  // A list read from the API, like the directory: its texts' module is the back office's too (21 Ko measured).
  { path: "/cclvd/zones-activite/", name: "zones d’activité (CCLVD)", budget: "list", communes: false },
  // France Services (issue #18): places and sessions read live from the API, with the registration form.
  { path: "/cclvd/france-services/", name: "France Services (CCLVD)", budget: "list", communes: false },
];

let browser: Browser;
const weights: Array<{ page: string; bytes: number; budget: number; requests: number }> = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
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
  });
});

afterAll(async () => {
  await browser?.close();
  if (weights.length) {
    const kb = (n: number) => (n / KB).toFixed(1).padStart(7);
    console.log(
      "\nPoids des pages avant toute interaction (transféré, gzip)\n" +
        weights.map((w) => `${w.page.padEnd(40)} ${kb(w.bytes)} Ko  (budget ${kb(w.budget)} Ko)  ${w.requests} requêtes`).join("\n"),
    );
  }
});

async function open(path: string, opts: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true, locale: "fr-FR" });
  const page = await context.newPage();
  const outside: string[] = [];
  const requested: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http")) requested.push(r.url());
    if (u.protocol.startsWith("http") && u.hostname !== "127.0.0.1") outside.push(r.url());
  });
  // Chromium's own count of the bytes each response took on the wire (headers and gzip body).
  const cdp = await context.newCDPSession(page);
  const encoded = new Map<string, number>();
  cdp.on("Network.loadingFinished", (e) => encoded.set(e.requestId, e.encodedDataLength));
  await cdp.send("Network.enable");
  const res = await page.goto(base + path, { waitUntil: "load" });
  // Resource timing also sees what the page's network events miss (a worker's script).
  const weight = async () => {
    const timing = await page.evaluate(() =>
      [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => ({
        name: e.name,
        size: (e as PerformanceResourceTiming).transferSize,
      })),
    );
    const network = [...encoded.values()].reduce((a, b) => a + b, 0);
    return {
      bytes: Math.max(
        network,
        timing.reduce((a, e) => a + e.size, 0),
      ),
      requests: Math.max(encoded.size, timing.length),
      urls: [...new Set([...requested, ...timing.map((e) => e.name)])],
    };
  };
  return { page, context, res, outside, weight };
}

async function waitForMap(page: Page) {
  await page.waitForSelector('#carte[data-map-ready="true"]');
}

/** The page has done what it does on arrival: its scripts ran and their requests are answered. */
async function settled(page: Page, path: string) {
  if (path.endsWith("/sentiers/")) await page.waitForFunction(() => !document.getElementById("sentiers-statut")?.textContent?.startsWith("Chargement"));
}

describe.each(PAGES)("$name", ({ path, name, map, budget }) => {
  it("has no axe violation (WCAG 2.1 A/AA)", async () => {
    const { page, context, res } = await open(path);
    expect(res?.status()).toBe(200);
    if (map) await waitForMap(page);
    await settled(page, path);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it(`is French, with landmarks, sends no request off this machine, and weighs at most its budget (${budget})`, async () => {
    const { page, context, outside, weight } = await open(path);
    if (map) await waitForMap(page);
    await settled(page, path);
    expect(await page.getAttribute("html", "lang")).toBe("fr");
    for (const landmark of ["header", 'nav[aria-label="Navigation principale"]', "main#contenu", "footer"])
      expect(await page.locator(landmark).count(), landmark).toBe(1);
    expect(await page.locator("h1").count()).toBe(1);
    expect(outside).toEqual([]);
    const { bytes, requests, urls } = await weight();
    weights.push({ page: name, bytes, budget: BUDGET[budget], requests });
    expect(bytes).toBeLessThan(BUDGET[budget]);
    // Only the portal loads MapLibre on arrival; elsewhere it waits for the reader to ask.
    if (!map) expect(urls.filter((u) => /maplibre/i.test(u))).toEqual([]);
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
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe("map", () => {
  it("an EPCI's home draws its communes as an image with a French title, MapLibre not loaded", async () => {
    const { page, context, weight } = await open("/cclvd/");
    const drawing = page.getByRole("img", { name: /^Plan du territoire : Communauté de communes du Liancourtois/ });
    expect(await drawing.isVisible()).toBe(true);
    expect(await drawing.locator("path").count()).toBe(await page.locator("ul.communes li").count());
    expect(await drawing.locator("path.focus").count()).toBe(0);
    // Each outline is a real shape, not a point: its box spans a good part of the drawing.
    const box = await drawing.boundingBox();
    const widest = await drawing.locator("path").evaluateAll((paths) => Math.max(...paths.map((p) => (p as SVGGraphicsElement).getBBox().width)));
    expect(widest).toBeGreaterThan(50);
    expect(box!.width).toBeGreaterThan(200);
    expect((await weight()).urls.filter((u) => /maplibre/i.test(u))).toEqual([]);
    await context.close();
  });

  it("« Afficher la carte interactive » loads MapLibre from the keyboard, draws the communes and takes the focus", async () => {
    const { page, context, weight } = await open("/cclvd/");
    const button = page.getByRole("button", { name: "Afficher la carte interactive" });
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await button.focus();
    await page.keyboard.press("Enter");
    await waitForMap(page);
    // What the map costs once asked for: MapLibre and the page, as on the portal.
    const opened = await weight();
    weights.push({ page: "EPCI (CCLVD), carte ouverte", bytes: opened.bytes, budget: BUDGET.portal, requests: opened.requests });
    expect(opened.bytes).toBeLessThan(BUDGET.portal);
    expect(opened.urls.filter((u) => /maplibre/i.test(u)).length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.activeElement?.closest("#carte") !== null && document.activeElement?.tagName === "CANVAS")).toBe(true);
    expect(await page.getByRole("img", { name: /^Plan du territoire/ }).isVisible()).toBe(false);
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
    expect(await axe(page)).toEqual([]);
    await page.screenshot({ path: path.join(root, ".state", "screenshot-cclvd.png"), fullPage: true });
    // Pressed again, the button gives the drawing back.
    const hide = page.getByRole("button", { name: "Masquer la carte interactive" });
    expect(await hide.getAttribute("aria-expanded")).toBe("true");
    await hide.press("Enter");
    expect(await page.getByRole("img", { name: /^Plan du territoire/ }).isVisible()).toBe(true);
    expect(await page.locator("#carte").isVisible()).toBe(false);
    await context.close();
  });

  it("without JavaScript the drawing stays and no button that cannot work is shown", async () => {
    const { page, context } = await open("/liancourt/", { javaScriptEnabled: false });
    expect(await page.getByRole("img", { name: /^Plan : Liancourt/ }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Afficher la carte interactive" }).count()).toBe(0);
    await context.close();
  });

  it("a commune page highlights that commune among its neighbours, links back to its EPCI, its map portal and its directory", async () => {
    const { page, context } = await open("/liancourt/");
    const drawing = page.getByRole("img", { name: "Plan : Liancourt (en bleu foncé) et les autres communes de l’intercommunalité CCLVD" });
    expect(await drawing.locator("path.focus").count()).toBe(1);
    expect(await drawing.locator("path").count()).toBe((await page.locator("ul.communes li").count()) + 1);
    expect(await page.locator('a[href="/cclvd/"]').count()).toBeGreaterThan(0);
    // In the page itself (the header's menu links them too).
    expect(await page.locator('main a[href="/liancourt/carte/"]').count()).toBe(1);
    expect(await page.locator('main a[href="/liancourt/commerces/"]').count()).toBe(1);
    expect(await page.locator("dl.figures").textContent()).toContain("60360");
    await context.close();
  });
});
