/**
 * The tenant's own card, on the platform `npm run dev` starts: each tenant home shows its address,
 * contacts and opening hours (the seed's demonstration card, read from the API), and an agent who
 * may edit the tenant edits it from "Mon espace" → "Fiche de la collectivité": a refused value is
 * named beside its field, a saved card shows on the home. Each page is checked with axe.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "../setup/bundle.ts";
import type { Ports } from "../setup/dev-platform.ts";
import { axe, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform, signInDemo } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let ports: Ports;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, ports, site } = platform);
}, 780_000);

afterAll(() => stopBrowserPlatform(platform), 60_000);

const demo = (
  JSON.parse(readFileSync(path.join(root, "db", "seed", "data", "profile-demo.json"), "utf8")) as {
    profiles: Array<{ tenant: string; address: string; phone: string; email: string }>;
  }
).profiles;

const signInAs = (page: Page, account: string) => signInDemo(page, platform, account);

const card = (page: Page) => page.getByRole("region", { name: "Contact et horaires" });

describe("the tenant's card", () => {
  it("a commune's home shows its card: address, contacts, a week of opening hours, accessibly", async () => {
    const liancourt = demo.find((p) => p.tenant === "liancourt")!;
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/liancourt/`);
    const region = card(page);
    await region.waitFor();
    expect(await region.locator("address").textContent()).toBe(liancourt.address);
    expect(await region.getByRole("link", { name: liancourt.phone }).getAttribute("href")).toBe(`tel:${liancourt.phone.replace(/ /g, "")}`);
    expect(await region.getByRole("link", { name: liancourt.email }).getAttribute("href")).toBe(`mailto:${liancourt.email}`);
    // Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00 (the seed's rule), one row per day.
    const rows = region.locator("table tbody tr");
    expect(await rows.count()).toBe(7);
    expect(await rows.nth(0).locator("th").textContent()).toBe("lundi");
    expect(await rows.nth(0).locator("td").textContent()).toBe("09:00 – 12:00, 14:00 – 17:30");
    expect(await rows.nth(5).locator("td").textContent()).toBe("09:00 – 12:00");
    expect(await rows.nth(6).locator("td").textContent()).toBe("fermé");
    expect(await axe(page), "accueil de Liancourt").toEqual([]);
    await context.close();
  });

  it("an agent edits the EPCI's card from Mon espace: a wrong phone is named at its field, the saved card shows on the home", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInAs(page, "Alix Administratrice");
    await page.getByRole("link", { name: "Fiche de la collectivité" }).click();
    await page.waitForURL(`${site}/cclvd/espace/fiche/`);
    const form = page.locator("#f-fiche");
    await page.locator("#outils:not([hidden])").waitFor();
    expect(await page.getByLabel("Adresse de l’accueil").inputValue()).toBe(demo.find((p) => p.tenant === "cclvd")!.address);
    expect(await axe(page), "fiche de la collectivité").toEqual([]);

    await page.getByLabel("Téléphone").fill("appelez-nous");
    await page.getByRole("button", { name: "Enregistrer la fiche" }).click();
    const phone = page.getByLabel("Téléphone");
    await form.locator('#f-phone[aria-invalid="true"]').waitFor();
    // The summary on top is focused, so that it is read first.
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-problem-summary"))).toBe(true);
    expect(await form.locator("#f-phone-erreur").textContent()).toBeTruthy();
    expect(await phone.getAttribute("aria-describedby")).toContain("f-phone-erreur");

    const address = `Maison intercommunale, salle ${Date.now() % 100_000}, 60140 Liancourt`;
    await page.getByLabel("Adresse de l’accueil").fill(address);
    await phone.fill("01 99 00 43 21");
    await page.getByLabel("Horaires d’ouverture").fill("Mo-Fr 10:00-12:30; Sa 09:30-11:30");
    await page.getByRole("button", { name: "Enregistrer la fiche" }).click();
    await page.locator("#f-fiche-statut", { hasText: "Fiche enregistrée" }).waitFor();
    expect(await form.locator("[aria-invalid]").count()).toBe(0);
    expect(await page.locator("#fiche-maj").textContent()).toMatch(/^Dernière mise à jour : /);

    // The home (rendered on request by the dev server) reads the saved card.
    await page.goto(`${site}/cclvd/`);
    const region = card(page);
    await region.waitFor();
    expect(await region.locator("address").textContent()).toBe(address);
    expect(await region.getByRole("link", { name: "01 99 00 43 21" }).count()).toBe(1);
    const rows = region.locator("table tbody tr");
    expect(await rows.nth(0).locator("td").textContent()).toBe("10:00 – 12:30");
    expect(await rows.nth(5).locator("td").textContent()).toBe("09:30 – 11:30");
    expect(await rows.nth(6).locator("td").textContent()).toBe("fermé");
    await context.close();
  });

  it("refuses the card's page to someone whose role may not edit the tenant, and offers no card for it", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInAs(page, "Bastien Agent déchets");
    expect(await page.locator("#modules strong").allTextContents()).not.toContain("Fiche de la collectivité");
    await page.goto(`${site}/cclvd/espace/fiche/`);
    await page.locator("#etat", { hasText: "Votre rôle ne permet pas" }).waitFor();
    expect(await page.locator("#outils").isHidden()).toBe(true);
    await context.close();
  });
});
