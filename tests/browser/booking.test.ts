/**
 * The booking pages in a real browser (issue #19), on the platform `npm run dev` starts, with the
 * seeded (fictional) resources of Rantigny: a passer-by reads the free days of the hall; a resident
 * takes an option on a Saturday; a second resident asking for the same slot is told it is taken
 * and offered the next free day, which she takes in one click; the bookings agent then validates
 * her request. Every page is checked with axe (WCAG 2.1 A/AA). Dates are in a far-future year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { axe, ownerQuery, signInDemo, startBrowserPlatform, stopBrowserPlatform, type BrowserPlatform } from "../setup/browser-platform.ts";

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

const RESIDENT = "Compte habitant (démonstration locale)";
const signIn = (page: Page, account: string, button?: string) => signInDemo(page, platform, account, { tenant: "rantigny", ...(button ? { button } : {}) });

/** What the form answered: the notice once a booking is made, else the problem summary (spaces made plain). */
async function answer(page: Page): Promise<string> {
  const said = page.locator("#f-demande-statut:not(:empty), #f-demande [data-problem-summary]:not([hidden])").first();
  await said.waitFor();
  return ((await said.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

async function ask(page: Page, who: string, state: "Option" | "Demande") {
  await page.goto(`${site}/rantigny/reservations/`);
  await page.locator("#demande:not([hidden])").waitFor();
  await page.getByLabel("Ressource", { exact: true }).last().selectOption({ label: "Salle polyvalente" });
  await page.getByLabel("Jour", { exact: true }).fill("2087-05-17");
  await page.getByLabel("Heure de début").fill("10:00");
  await page.getByLabel("Heure de fin").fill("23:00");
  await page.getByRole("radio", { name: new RegExp(`^${state}`) }).check();
  await page.getByLabel("Nom (le vôtre ou celui de l’association)").fill(who);
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
}

describe("booking pages", () => {
  it("residents: free days, an option on a Saturday, a taken slot answered with the next free day", async () => {
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    // A passer-by: the resources and the accessible list of free days; asking needs signing in.
    await page.goto(`${site}/rantigny/reservations/`);
    await page.locator("#ressources li", { hasText: "Salle polyvalente" }).waitFor();
    await page.locator("#connexion-requise:not([hidden])").waitFor();
    await page.getByLabel("Ressource", { exact: true }).first().selectOption({ label: "Salle polyvalente" });
    await page.getByLabel("À partir du").fill("2087-05-17");
    await page.getByRole("button", { name: "Afficher les disponibilités" }).click();
    const saturday = page.getByRole("row", { name: /samedi 17 mai 2087/ });
    await saturday.waitFor();
    expect(await saturday.locator("td").textContent()).toBe("libre");
    expect(await axe(page), "réservations, visiteur").toEqual([]);

    await signIn(page, "Félix Habitant", RESIDENT);
    await ask(page, "Félix Habitant", "Option");
    expect(await answer(page)).toMatch(
      /^Demande enregistrée : RES-2087-\d+ \(option\)\. Montant dû selon la grille votée : 250,00 €\. Option valable jusqu’au/,
    );
    await context.close();

    const second = await browser.newContext({ locale: "fr-FR" });
    const other = await second.newPage();
    await signIn(other, "Pauline Habitante", RESIDENT);
    await ask(other, "Pauline Habitante", "Demande");
    expect(await answer(other)).toContain("« Salle polyvalente » est déjà réservé(e) sur ce créneau.");
    const next = other.getByRole("button", { name: "Même horaire le dimanche 18 mai 2087" });
    await next.waitFor();
    expect(await axe(other), "réservations, créneau pris").toEqual([]);
    await next.click();
    expect(await other.getByLabel("Jour", { exact: true }).inputValue()).toBe("2087-05-18");
    await other.getByRole("button", { name: "Envoyer la demande" }).click();
    await other.locator("#f-demande-statut", { hasText: "Demande enregistrée" }).waitFor();
    expect(await answer(other)).toMatch(/^Demande enregistrée : RES-2087-\d+ \(demande\)/);
    await second.close();
  });

  it("the bookings agent validates the request waiting for approval", async () => {
    const [{ reference }] = await ownerQuery<{ reference: string }>(
      platform,
      "SELECT b.reference FROM booking_bookings b JOIN booking_renters r ON r.id = b.renter_id WHERE r.name = 'Pauline Habitante' AND b.state = 'request'",
    );
    const context = await browser.newContext({ locale: "fr-FR" });
    const page = await context.newPage();
    await signIn(page, "Sacha Agent salles");
    await page.locator("#modules").getByRole("link", { name: "Réservations" }).click();
    await page.waitForURL(`${site}/rantigny/espace/reservations/`);
    const approve = page.getByRole("button", { name: `Valider la demande ${reference}` });
    await approve.waitFor();
    expect(await axe(page), "réservations, guichet").toEqual([]);
    await approve.click();
    await page.getByText(`Demande ${reference} validée.`).waitFor();
    // The hall's planning lists it, validated.
    await page.getByLabel("Ressource", { exact: true }).selectOption({ label: "Salle polyvalente" });
    await page.locator("#planning tr", { hasText: reference }).waitFor();
    expect(await page.locator("#planning tr", { hasText: reference }).locator("td").nth(3).textContent()).toBe("validée");
    await context.close();
  });
});
