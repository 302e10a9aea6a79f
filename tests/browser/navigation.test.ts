/**
 * The site's navigation as residents use it (issue #26): the tenant's header and main menu, the
 * menu folded behind "Menu" on a phone (disclosure: keyboard, Escape, no JavaScript), breadcrumbs
 * and the current page, the footer's territory, the site map and the site search; axe in light
 * and dark themes.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { chromium, type Browser, type BrowserContextOptions, type Page } from "playwright-core";
import { axe } from "../setup/axe.ts";

const base = inject("siteUrl");
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };

let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ locale: "fr-FR", ...DESKTOP, ...options });
  const page = await context.newPage();
  const res = await page.goto(base + path, { waitUntil: "load" });
  expect(res?.status()).toBe(200);
  return { page, context };
}

const menu = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" });
const active = (page: Page) => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), tag: document.activeElement?.tagName }));

describe("on a phone (390 px)", () => {
  it("the menu folds behind « Menu », opens by keyboard, Escape closes it and gives the focus back; axe finds nothing open or closed", async () => {
    const { page, context } = await open("/liancourt/carte/", PHONE);
    const button = menu(page).getByRole("button", { name: "Menu" });
    await button.waitFor();
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await button.getAttribute("aria-controls")).toBe("menu-liste");
    expect(await page.locator("#menu-liste").isVisible()).toBe(false);
    expect(await axe(page), "menu fermé").toEqual([]);
    // Reached with Tab, after the skip link, the tenant's name and the search.
    for (let i = 0; i < 8 && (await active(page)).text !== "Menu"; i++) await page.keyboard.press("Tab");
    expect(await active(page)).toEqual({ text: "Menu", tag: "BUTTON" });
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    await menu(page).getByRole("link", { name: "Sentiers" }).waitFor();
    expect(await menu(page).getByRole("link").allTextContents()).toEqual([
      "Accueil",
      "Carte",
      "Sentiers",
      "Commerces",
      "Réservations",
      "Conseil",
      "Eau",
      "Rendez-vous",
      "Déchets",
      "Mon espace",
    ]);
    await page.keyboard.press("Tab");
    expect(await active(page)).toEqual({ text: "Accueil", tag: "A" });
    expect(await axe(page), "menu ouvert").toEqual([]);
    await page.keyboard.press("Escape");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    expect(await active(page)).toEqual({ text: "Menu", tag: "BUTTON" });
    expect(await page.locator("#menu-liste").isVisible()).toBe(false);
    // Space opens it too, and pressed again the button closes it.
    await page.keyboard.press("Space");
    expect(await page.locator("#menu-liste").isVisible()).toBe(true);
    await page.keyboard.press("Space");
    expect(await page.locator("#menu-liste").isVisible()).toBe(false);
    await context.close();
  });

  it("without JavaScript the menu is simply shown, with no button that cannot work", async () => {
    const { page, context } = await open("/liancourt/carte/", { ...PHONE, javaScriptEnabled: false });
    expect(await menu(page).getByRole("link", { name: "Mon espace" }).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Menu" }).count()).toBe(0);
    await context.close();
  });

  it("dark theme, menu open: axe finds nothing", async () => {
    const { page, context } = await open("/cclvd/sentiers/", { ...PHONE, colorScheme: "dark" });
    await page.getByRole("button", { name: "Menu" }).click();
    await menu(page).getByRole("link", { name: "Conseil" }).waitFor();
    await page.waitForFunction(() => !document.getElementById("sentiers-statut")?.textContent?.startsWith("Chargement"));
    expect(await axe(page)).toEqual([]);
    await context.close();
  });
});

describe("on a desktop", () => {
  it("the header names the tenant, says what it is, and shows the whole menu with the current page", async () => {
    const { page, context } = await open("/liancourt/commerces/");
    const header = page.getByRole("banner");
    expect(await header.getByRole("link", { name: "Liancourt", exact: true }).getAttribute("href")).toBe("/liancourt/");
    expect(await header.locator(".tagline").textContent()).toBe("Commune de Liancourt — membre de la CCLVD");
    expect(await page.getByRole("button", { name: "Menu" }).isVisible()).toBe(false);
    const links = menu(page).getByRole("link");
    expect(await links.evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("aria-current")]))).toEqual([
      ["Accueil", "/liancourt/", null],
      ["Carte", "/liancourt/carte/", null],
      ["Sentiers", "/liancourt/sentiers/", null],
      ["Commerces", "/liancourt/commerces/", "page"],
      ["Réservations", "/liancourt/reservations/", null],
      ["Conseil", "/liancourt/conseil/", null],
      ["Eau", "/liancourt/eau/", null],
      ["Rendez-vous", "/liancourt/rendez-vous/", null],
      // The EPCI holds the waste service.
      ["Déchets", "/cclvd/espace/mes-dechets/", null],
      ["Mon espace", "/liancourt/espace/", null],
    ]);
    await context.close();
  });

  it("breadcrumbs on every page but the home: an ordered list, the page last and current", async () => {
    const { page, context } = await open("/liancourt/mentions-legales/");
    const trail = page.getByRole("navigation", { name: "Fil d’Ariane" });
    expect(await trail.locator("ol > li").allTextContents()).toEqual(["Accueil", "Mentions légales"]);
    expect(await trail.getByRole("link", { name: "Accueil" }).getAttribute("href")).toBe("/liancourt/");
    expect(await trail.locator("ol > li:last-child [aria-current='page']").textContent()).toBe("Mentions légales");
    expect(await trail.locator("ol > li:last-child a").count()).toBe(0);
    expect(await menu(page).locator("[aria-current]").count()).toBe(0);
    await page.goto(`${base}/cclvd/espace/dechets/stock/`);
    expect(await trail.locator("ol > li").allTextContents()).toEqual(["Accueil", "Mon espace", "Gestion des déchets", "Stock"]);
    expect(
      await menu(page)
        .locator("[aria-current]")
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute("aria-current")])),
    ).toEqual([["Mon espace", "true"]]);
    await page.goto(`${base}/liancourt/`);
    expect(await page.getByRole("navigation", { name: "Fil d’Ariane" }).count()).toBe(0);
    expect(await menu(page).getByRole("link", { name: "Accueil" }).getAttribute("aria-current")).toBe("page");
    await context.close();
  });

  it("the footer links the legal pages, the site map and the collectivities of the tenant's own territory", async () => {
    const { page, context } = await open("/liancourt/");
    const footer = page.getByRole("contentinfo");
    expect(await footer.getByRole("link", { name: "Plan du site" }).getAttribute("href")).toBe("/liancourt/plan-du-site/");
    const territory = () => page.getByRole("contentinfo").getByRole("navigation", { name: "Les collectivités du territoire" });
    const names = await territory().getByRole("link").allTextContents();
    expect(names[0]).toMatch(/^Communauté de communes du Liancourtois/);
    expect(names).toContain("Liancourt");
    expect(names).toContain("Monchy-Saint-Éloi");
    expect(names).not.toContain("Catenoy");
    // A commune of the neighbouring EPCI: its own territory, its own EPCI's waste service.
    await page.goto(`${base}/catenoy/`);
    expect(await page.locator("header .tagline").textContent()).toBe("Commune de Catenoy — membre de la CC du Clermontois");
    const neighbours = await territory().getByRole("link").allTextContents();
    expect(neighbours[0]).toBe("Communauté de communes du Clermontois");
    expect(neighbours).toContain("Catenoy");
    expect(neighbours).not.toContain("Liancourt");
    expect(await menu(page).getByRole("link", { name: "Déchets" }).getAttribute("href")).toBe("/cc-clermontois/espace/mes-dechets/");
    await context.close();
  });

  it("the site map lists every module page of the tenant, the legal pages and the territory, and passes axe in the dark", async () => {
    const { page, context } = await open("/liancourt/plan-du-site/", { colorScheme: "dark" });
    expect(await page.locator("h1").textContent()).toBe("Plan du site");
    expect(await page.locator("main h2").allTextContents()).toEqual(["Services", "Informations légales", "Le territoire"]);
    const hrefs = await page.locator("main ul.plan a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    for (const href of [
      "/liancourt/",
      "/liancourt/carte/",
      "/liancourt/sentiers/",
      "/liancourt/commerces/",
      "/liancourt/conseil/",
      "/cclvd/espace/mes-dechets/",
      "/liancourt/espace/",
      "/liancourt/zones-activite/",
      "/liancourt/accessibilite/",
      "/liancourt/mentions-legales/",
      "/liancourt/donnees-personnelles/",
      "/liancourt/recherche/",
      "/cclvd/",
    ])
      expect(hrefs, href).toContain(href);
    // Every page it links exists.
    for (const href of new Set(hrefs)) expect((await page.request.get(base + href!)).status(), href!).toBe(200);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it("the header's search leads to the site search, which keeps the pages that match, accents aside", async () => {
    const { page, context } = await open("/liancourt/");
    await page.getByRole("search", { name: "Recherche" }).getByLabel("Rechercher sur le site").fill("randonnee");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${base}/liancourt/recherche/?q=randonnee`);
    await page.getByRole("status").getByText("1 page pour « randonnee » :").waitFor();
    expect(await page.locator("#recherche-resultats li:visible a").allTextContents()).toEqual(["Sentiers"]);
    expect(await page.locator("main").getByLabel("Rechercher sur le site").inputValue()).toBe("randonnee");
    expect(await axe(page)).toEqual([]);
    await page.goto(`${base}/liancourt/recherche/?q=zzz`);
    await page.getByRole("status").getByText("Aucune page ne correspond à « zzz ».").waitFor();
    expect(await page.locator("#recherche-resultats li:visible").count()).toBe(0);
    await context.close();
  });
});
