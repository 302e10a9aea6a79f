/**
 * The tenant home answers daily questions, on the platform `npm run dev` starts: a Liancourt
 * resident finds the collection days of their street (the seed's rounds, db/seed/data/map-demo.json:
 * Liancourt's sector B serves Rue Pasteur, household waste on Monday, packaging on Wednesday), by
 * keyboard only; an unknown street gets close names and the waste service's contact; the card shows
 * today's hours; the EPCI's home shows its next council sitting. Each state is checked with axe, in
 * the light and the dark theme.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const answer = (page: Page) => page.locator("#collecte-reponse");

describe("the tenant home", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    it(`a Liancourt resident reads the collection day of each stream for their street, by keyboard only (${colorScheme})`, async () => {
      const context = await browser.newContext({ locale: "fr-FR", colorScheme });
      const page = await context.newPage();
      // Layout shifts as Lighthouse counts them (CLS: those not caused by a recent input).
      await page.addInitScript(() => {
        const w = window as unknown as { cls: number };
        w.cls = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) if (!e.hadRecentInput) w.cls += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(`${site}/liancourt/`);
      const section = page.getByRole("region", { name: "Quand passe la collecte chez moi ?" });
      await section.waitFor();
      // What follows the form: it must not move when the answer fills its reserved box.
      const below = page.locator("#chiffres");
      const top = () => below.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
      const before = await top();
      // A commune's home preselects its commune.
      const commune = section.getByLabel("Commune");
      expect(await commune.inputValue()).toBe("60360");
      expect(await commune.locator("option:checked").textContent()).toBe("Liancourt");

      // From the commune to the street with Tab; the street's suggestions are the commune's streets.
      await commune.focus();
      await page.keyboard.press("Tab");
      expect(await focusedId(page)).toBe("collecte-rue");
      await expect.poll(() => page.locator("#collecte-rues option").count()).toBe(11);
      expect(await page.locator("#collecte-rues option").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value))).toContain("Rue Pasteur");

      // Typed as people type it: "r." for rue, no capital.
      await page.keyboard.type("r. pasteur");
      await page.keyboard.press("Enter");
      await answer(page).getByText("Jours de collecte, Rue Pasteur (Liancourt) :").waitFor();
      const lines = await answer(page).locator("li").allTextContents();
      expect(lines).toEqual([
        "ordures ménagères : le lundi (camion à bras latéral : bac poignée côté rue)",
        "emballages : le mercredi (collecte classique)",
        "biodéchets : pas de collecte en porte-à-porte dans cette rue (apport volontaire ou compostage)",
      ]);
      expect(await top()).toBe(before);
      expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBeLessThan(0.05);
      expect(await axe(page), `accueil de Liancourt, jours de collecte (${colorScheme})`).toEqual([]);

      // An unknown street: said so, with a close name (a button) and the waste service to ask.
      // The answer is read where it appears: the focus stays in the street field.
      expect(await focusedId(page)).toBe("collecte-rue");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("rue des lilas");
      await page.keyboard.press("Enter");
      await answer(page).getByText("Nous ne trouvons pas « rue des lilas » parmi les rues collectées de Liancourt.").waitFor();
      expect(
        await answer(page)
          .getByText(/^Vérifiez l’orthographe, ou demandez votre jour de collecte au service déchets de CCLVD/)
          .count(),
      ).toBe(1);
      const suggestion = answer(page).getByRole("button", { name: "Impasse des Lilas" });
      expect(await axe(page), `accueil de Liancourt, rue inconnue (${colorScheme})`).toEqual([]);
      await suggestion.focus();
      await page.keyboard.press("Enter");
      await answer(page).getByText("Jours de collecte, Impasse des Lilas (Liancourt) :").waitFor();
      expect(await answer(page).locator("li").first().textContent()).toBe("ordures ménagères : le lundi (camion à bras latéral : bac poignée côté rue)");
      await context.close();
    });
  }

  it("the card shows today's hours and whether the mairie is open now, above the week", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/liancourt/`);
    const card = page.getByRole("region", { name: "Contact et horaires" });
    const today = card.locator("[data-today]");
    await expect.poll(() => today.textContent()).not.toBe("");
    // "<day> <that day's hours>", as the week table says for that day.
    const [day, ...rest] = (await today.textContent())!.split(" ");
    expect(DAYS).toContain(day);
    expect(rest.join(" ")).toBe(await card.locator(`tr[data-day="${day}"] td`).textContent());
    expect(await card.locator(".aujourdhui .ouvert").textContent()).toMatch(/^(Ouvert maintenant|Fermé)/);
    await context.close();
  });

  it("the EPCI's home links the most used services and shows its next council sitting", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/cclvd/`);
    const services = page.getByRole("navigation", { name: "Services les plus utilisés" });
    expect(await services.getByRole("link").evaluateAll((a) => a.map((x) => x.getAttribute("href")))).toEqual([
      "#collecte",
      "/cclvd/carte/",
      "/cclvd/sentiers/",
      "/cclvd/commerces/",
      "/cclvd/conseil/",
      "/cclvd/espace/",
    ]);
    const sitting = page.getByRole("region", { name: "Prochaine séance du conseil" });
    await sitting.waitFor();
    const shown = sitting.locator("li:visible");
    expect(await shown.count()).toBe(1);
    expect(await shown.getByRole("link").getAttribute("href")).toMatch(/^\/cclvd\/conseil\/\?seance=[0-9a-f-]{36}$/);
    // The EPCI's home offers all its communes, none chosen for the resident.
    expect(await page.getByLabel("Commune").locator("option").count()).toBe(10);
    expect(await axe(page), "accueil de la CCLVD").toEqual([]);
    await context.close();
  });
});
