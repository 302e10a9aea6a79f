/**
 * The cemetery pages in a real browser, on the platform `npm run dev` starts, with Bailleval's
 * fictional test cemetery from the seed: the agent sees the plan, renews a concession inside its
 * window and is told why another one cannot be renewed, a burial into a full plot is refused beside
 * the form, an abandonment procedure is opened and its first step recorded with the next one dated;
 * the public grave search shows the deceased and the place, never the heirs. axe finds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { parisDay } from "@communa/core/time";
import { axe, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

let platform: BrowserPlatform;
let browser: Browser;
let site: string;

beforeAll(async () => {
  platform = await startBrowserPlatform();
  ({ browser, site } = platform);
}, 780_000);

afterAll(async () => {
  await stopBrowserPlatform(platform);
});

describe("cemetery pages", () => {
  it("the agent's back office: plan, renewal inside and after the window, a full plot, an abandonment procedure", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signInDemo(page, platform, "Yves Agent cimetière", { tenant: "bailleval" });
    await page.locator("#modules").getByRole("link", { name: "Cimetières" }).click();
    await page.waitForURL(`${site}/bailleval/espace/cimetieres/`);
    await page.locator("#outils:not([hidden])").waitFor();
    await page.getByText("Données fictives de démonstration").waitFor();
    expect(await page.locator("#plan a").count()).toBe(12);
    expect(await axe(page), "plan").toEqual([]);

    // Thirty years granted 31 years ago: expired, inside the renewal window.
    await page.getByRole("button", { name: "Carré A, rangée 1, n° 2" }).click();
    await page.getByText("Échue : dans le délai de renouvellement").waitFor();
    await page.getByLabel("Numéro du nouvel acte").fill("FICTIF-RENOUV-1");
    await page.getByRole("button", { name: "Renouveler au tarif en vigueur" }).click();
    await page.getByText(/^Concession renouvelée jusqu’au/).waitFor();
    await page.getByText("Acte n° FICTIF-RENOUV-1", { exact: false }).waitFor();

    // Thirty years granted 34 years ago: the window closed; the refusal says until when and why.
    await page.getByRole("button", { name: "Carré A, rangée 1, n° 3" }).click();
    await page.getByText("Délai de renouvellement expiré : reprise possible").waitFor();
    await page.getByLabel("Numéro du nouvel acte").fill("FICTIF-RENOUV-2");
    await page.getByRole("button", { name: "Renouveler au tarif en vigueur" }).click();
    await page.locator("#f-renouveler [data-problem-summary]", { hasText: "CGCT L2223-15" }).waitFor();

    // One place, one coffin already: a burial is refused beside the form, with the places left.
    await page.getByRole("button", { name: "Carré A, rangée 1, n° 4" }).click();
    await page.locator("#fiche-lieu", { hasText: "0 place / 1 place" }).waitFor();
    await page.getByLabel("Nom du défunt").fill("Essai-Fictif");
    await page.getByLabel("Date du décès").fill(parisDay());
    await page.getByLabel("Date de l’opération").fill(parisDay());
    await page.getByLabel("Opérateur funéraire").fill("Pompes funèbres fictives");
    await page.getByLabel("Numéro d’habilitation").fill("00-60-0000");
    await page.getByLabel("Agent qui surveille l’opération").fill("Garde champêtre");
    await page.getByRole("button", { name: "Préparer l’opération" }).click();
    await page.locator("#f-inhumation [data-problem-summary]", { hasText: "Emplacement complet" }).waitFor();
    expect(await axe(page), "fiche").toEqual([]);

    // Perpetual, granted 62 years ago, no burial since: the abandonment procedure opens; the notice
    // is recorded and the first report's earliest day is then shown, a month later.
    await page.getByRole("button", { name: "Carré A, rangée 1, n° 1" }).click();
    await page.getByText("Acte n° FICTIF-1964-01", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Ouvrir la procédure" }).click();
    await page.locator("#reprise-statut:not(:empty)").waitFor();
    expect(await page.locator("#reprise-statut").textContent()).toBe("Procédure ouverte.");
    await page.getByRole("heading", { name: "Enregistrer : Avis aux familles (un mois avant le constat)" }).waitFor();
    await page.getByLabel("Date", { exact: true }).fill(parisDay());
    await page.getByLabel("Numéros des lettres recommandées (séparés par des virgules)").fill("1A 000 000 0001 1, 1A 000 000 0002 2");
    await page.getByLabel("Date de l’accusé de réception").fill(parisDay());
    await page.getByLabel("Jour et heure du constat annoncés").fill(`${parisDay()}T10:00`);
    await page.getByRole("button", { name: "Enregistrer l’étape" }).click();
    await page.getByText("Étape enregistrée.").waitFor();
    const firstReport = page.locator("#etapes tr", { hasText: "Premier procès-verbal sur place" });
    // One calendar month after the notice (R2223-13), the month's end clamped.
    const [y, m, d] = parisDay().split("-").map(Number);
    const monthLater = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate()))).toISOString().slice(0, 10);
    expect(await firstReport.locator("td").nth(0).textContent()).toBe("—");
    expect(await firstReport.locator("td").nth(1).textContent()).toBe(monthLater.split("-").reverse().join("/"));
    expect(await firstReport.locator("td").nth(3).textContent()).toContain("R2223-13");
    expect(await axe(page), "procédure").toEqual([]);
    await context.close();
  });

  it("the public grave search shows the deceased and the place, never holders or heirs", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await page.goto(`${site}/bailleval/cimetiere/recherche/`);
    await page.getByLabel("Nom du défunt").fill("dupont-fictif");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.getByText("1 sépulture trouvée.").waitFor();
    const item = page.locator("#sepultures li");
    expect(await item.textContent()).toContain("Émile Dupont-Fictif");
    expect(await item.textContent()).toContain("Carré A, rangée 1, n° 1");
    expect(await page.content()).not.toMatch(/Claire|petite-fille|Adresse fictive/);
    expect(await axe(page), "recherche").toEqual([]);
    await context.close();
  });
});
