/**
 * The map portal in a real browser, on the platform `npm run dev` starts (seeded demonstration
 * layers): layer panel, search that hides layers with no match, feature sheet, the view in the URL,
 * geolocation, the accessible list without JavaScript, axe (WCAG 2.1 A/AA), no request off this
 * machine.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import path from "node:path";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { root } from "../setup/bundle.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

async function open(url: string, opts: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page; outside: string[] }> {
  const context = await browser.newContext({ locale: "fr-FR", ...opts });
  const page = await context.newPage();
  const outside: string[] = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && u.hostname !== "127.0.0.1") outside.push(r.url());
  });
  await page.goto(url);
  return { context, page, outside };
}

const ready = (page: Page) => page.waitForSelector('#carte[data-map-ready="true"]');

describe("map portal", () => {
  it("shows the layers by category with their counts, accessibly, offline", async () => {
    const { context, page, outside } = await open(`${site}/cclvd/carte/`);
    await ready(page);
    await page.locator("#couches label").first().waitFor();
    const legends = await page.locator("#couches legend").allTextContents();
    expect(legends).toEqual(expect.arrayContaining(["Déchets", "Mobilité", "Tourisme", "Petite enfance", "Économie"]));
    const labels = await page.locator("#couches label").allTextContents();
    expect(labels.some((l) => /Points d’apport volontaire \(52 lieux\)/.test(l))).toBe(true);
    expect(labels.some((l) => l.includes("Interventions en cours"))).toBe(false);
    expect(await axe(page)).toEqual([]);
    expect(outside).toEqual([]);
    await page.screenshot({ path: path.join(root, ".state", "screenshot-carte.png"), fullPage: true });
    await context.close();
  });

  it("searches without accents, hides layers with no match, opens the sheet, and keeps it all in the URL", async () => {
    const { context, page } = await open(`${site}/cclvd/carte/`);
    await ready(page);
    await page.getByLabel("Rechercher un lieu").fill("chedeville");
    await page.getByRole("button", { name: "Rechercher", exact: true }).click();
    await page.getByText("1 lieu correspond.").waitFor();
    expect(await page.locator("#couches label:visible").count()).toBe(1);
    await page.getByRole("button", { name: "Parc Chédeville" }).click();
    await page.locator("#fiche-titre").waitFor();
    expect(await page.locator("#fiche").textContent()).toContain("Horaires");
    // In words (« Tous les jours : de 8 h 30 à 17 h 30 » in winter), not the OSM rule the layer stores.
    await page.locator("#fiche ul.horaires li", { hasText: "Tous les jours" }).waitFor();
    expect(await page.locator("#fiche").textContent()).not.toContain("Apr-Sep");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("fiche-titre");
    expect(await page.locator("#fiche a", { hasText: "Itinéraire" }).getAttribute("href")).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/directions\?to=49\.\d+%2C2\.\d+$/,
    );
    // The view is written into the link once the sheet opens: waited for, not slept through.
    await page.waitForURL(/#.*q=chedeville.*objet=[0-9a-f-]{36}/);
    const url = page.url();
    expect(url).toMatch(/#.*q=chedeville.*objet=[0-9a-f-]{36}/);
    expect(await axe(page), "carte avec fiche ouverte").toEqual([]);

    // The same link in another browser reproduces the view.
    const again = await open(url);
    await ready(again.page);
    await again.page.locator("#fiche-titre").waitFor();
    expect(await again.page.locator("#fiche-titre").textContent()).toBe("Parc Chédeville");
    expect(await again.page.getByLabel("Rechercher un lieu").inputValue()).toBe("chedeville");
    await again.context.close();
    await context.close();
  });

  it("a layer switched off stays off in the link", async () => {
    const { context, page } = await open(`${site}/cclvd/carte/`);
    await ready(page);
    await page.getByLabel(/Gares \(/).uncheck();
    // The layers shown are written into the link ("l=") once the map is redrawn.
    await page.waitForURL(/#(.*&)?l=/);
    const url = page.url();
    const again = await open(url);
    await ready(again.page);
    await again.page.locator("#couches label").first().waitFor();
    expect(await again.page.getByLabel(/Gares \(/).isChecked()).toBe(false);
    expect(await again.page.getByLabel(/Parkings \(/).isChecked()).toBe(true);
    await again.context.close();
    await context.close();
  });

  it("shows where I am when I ask", async () => {
    const { context, page } = await open(`${site}/liancourt/carte/`, { geolocation: { latitude: 49.3305, longitude: 2.463 }, permissions: ["geolocation"] });
    await ready(page);
    await page.getByRole("button", { name: "Me localiser" }).click();
    await page.locator(".maplibregl-user-location-dot").waitFor();
    await context.close();
  });

  it("the accessible list gives the same content with the same filters, without JavaScript", async () => {
    const { context, page } = await open(`${site}/t/cclvd/api/map/liste`, { javaScriptEnabled: false });
    await page.getByLabel("Rechercher (nom, adresse, commune)").fill("chedeville");
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.getByRole("heading", { name: "Parc Chédeville" }).waitFor();
    expect(await page.locator("#resultats").textContent()).toBe("1 lieu correspond.");
    // axe runs as a script: the same page, checked in a browser that runs scripts.
    const checked = await open(page.url());
    expect(await axe(checked.page)).toEqual([]);
    await checked.context.close();
    await page.getByLabel("Commune", { exact: true }).selectOption({ label: "Laigneville" });
    await page.getByLabel("Rechercher (nom, adresse, commune)").fill("");
    await page.getByRole("button", { name: "Afficher" }).click();
    expect(await page.locator("ol.lieux > li").count()).toBeGreaterThan(5);
    await context.close();
  });
});

describe("trail pages", () => {
  async function firstTrail() {
    const layers = (await (await fetch(`${site}/t/cclvd/api/map/layers`)).json()) as { layers: Array<{ id: string; kind: string }> };
    const layer = layers.layers.find((l) => l.kind === "trails")!;
    const fc = (await (await fetch(`${site}/t/cclvd/api/map/layers/${layer.id}/features?q=labruyere`)).json()) as {
      features: Array<{ id: string; geometry: GeoJSON.LineString; properties: { name: string } }>;
    };
    return { layer, trail: fc.features[0] };
  }

  it("lists the trails and shows one with its figures, profile, map and GPX, accessibly", async () => {
    const { context, page } = await open(`${site}/cclvd/sentiers/`);
    await page.locator("#sentiers-liste li").first().waitFor();
    expect(await page.locator("#sentiers-liste li").count()).toBe(9);
    expect(await page.locator("#sentiers-donnees a").first().getAttribute("href")).toMatch(/\/t\/cclvd\/api\/map\/layers\/[0-9a-f-]{36}\/pnx$/);
    expect(await axe(page), "liste des sentiers").toEqual([]);
    await page.getByRole("link", { name: "Sentier du Marais de Labruyère" }).click();
    await page.locator('#sentier-carte[data-map-ready="true"]').waitFor();
    const figures = await page.locator("#sentier-chiffres").textContent();
    expect(figures).toMatch(/Distance[\d,]+ km/);
    expect(figures).toContain("Boucle");
    expect(await page.locator("#profil canvas").count()).toBeGreaterThan(0);
    expect(await page.locator("#profil-resume").textContent()).toMatch(/^Altitude de \d+ m à \d+ m\./);
    expect(await page.locator("#sentier-gpx").getAttribute("href")).toMatch(/\/t\/cclvd\/api\/map\/trails\/[0-9a-f-]{36}\/gpx$/);
    expect(await axe(page), "fiche du sentier").toEqual([]);
    await page.screenshot({ path: path.join(root, ".state", "screenshot-sentier.png"), fullPage: true });
    await context.close();
  });

  it("works offline after one visit, and tells the walker how far is left", async () => {
    const { trail } = await firstTrail();
    const [lon, lat] = trail.geometry.coordinates[10];
    const { context, page } = await open(`${site}/cclvd/sentiers/?id=${trail.id}`, {
      geolocation: { latitude: lat, longitude: lon },
      permissions: ["geolocation"],
    });
    await page.locator('#sentier-carte[data-map-ready="true"]').waitFor();
    await page.locator('#sentiers[data-offline-ready="true"]').waitFor();
    // The service worker stores what the page loaded: wait until every same-origin resource it
    // fetched successfully is in the worker's cache (an event in the page), not for 1.5 s.
    const notKept = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((n) => n.startsWith("communa-sentiers-"));
        const have = new Set(name ? (await (await caches.open(name)).keys()).map((r) => r.url) : []);
        return (performance.getEntriesByType("resource") as Array<PerformanceResourceTiming & { responseStatus?: number }>)
          .filter((e) => e.name.startsWith(`${location.origin}/`) && (e.responseStatus ?? 200) >= 200 && (e.responseStatus ?? 200) < 300)
          .map((e) => e.name)
          .filter((u) => !have.has(u));
      });
    await expect.poll(notKept, { interval: 250 }).toEqual([]);

    await context.setOffline(true);
    await page.reload();
    await page.locator("#sentiers-titre", { hasText: trail.properties.name }).waitFor();
    await page.locator('#sentier-carte[data-map-ready="true"]').waitFor();
    await page.locator("#hors-ligne").waitFor();

    await page.getByRole("button", { name: "Suivre ma position" }).click();
    await page.getByText(/^Il reste [\d,]+ km jusqu’à l’arrivée\.$/).waitFor();
    await context.close();
  });

  it("exports valid GPX 1.1 and the national trail schema from the real endpoints", async () => {
    const { layer, trail } = await firstTrail();
    const gpx = await (await fetch(`${site}/t/cclvd/api/map/trails/${trail.id}/gpx`)).text();
    const dir = await mkdtemp(path.join(tmpdir(), "communa-gpx-"));
    await writeFile(path.join(dir, "trace.gpx"), gpx);
    execFileSync("xmllint", ["--noout", "--schema", path.join(root, "tests/fixtures/schemas/gpx-1.1.xsd"), path.join(dir, "trace.gpx")], { stdio: "pipe" });
    const pnx = await (await fetch(`${site}/t/cclvd/api/map/layers/${layer.id}/pnx`)).json();
    const ajv = new Ajv({ allErrors: true, strictTypes: false });
    addFormats(ajv);
    ajv.addVocabulary(["keywords", "countryCode", "homepage", "licenses", "resources", "sources", "created", "lastModified", "version"]);
    const schema = JSON.parse(await readFile(path.join(root, "tests/fixtures/schemas/PnX-SI_schema_randonnee__schema.json"), "utf8"));
    const validate = ajv.compile(schema);
    expect(validate(pnx), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect((pnx as { features: unknown[] }).features).toHaveLength(9);
    await rm(dir, { recursive: true, force: true });
  });

  it("gives a commune an accessible snippet to embed the map with the chosen view", async () => {
    const { context, page } = await open(`${site}/cclvd/carte/integrer/#l=abc&q=parc`);
    const code = await page.locator("#code").inputValue();
    expect(code).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/cclvd\/carte\/\?embed=1#l=abc&q=parc" title="Carte du territoire de [^"]+"/);
    expect(code).toContain("/t/cclvd/api/map/liste");
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});
